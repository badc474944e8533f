// The check-text store: two append-only files, synced before each Xapian commit, mapped by readers.
#include "index/internal/check_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace guihua::internal {
namespace {

std::string IdxPath(const std::string& dir) { return dir + "/checktext.idx"; }
std::string DatPath(const std::string& dir) { return dir + "/checktext.dat"; }

void PutLe64(uint64_t v, std::string& out) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint64_t GetLe64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

// Writes `bytes` at `offset` of `path` (created if need be), cuts the file there and syncs it.
bool WriteAt(const std::string& path, uint64_t offset, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = true;
  for (size_t done = 0; ok && done < bytes.size();) {
    ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done,
                         static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::ftruncate(fd, static_cast<off_t>(offset + bytes.size())) == 0 && ::fdatasync(fd) == 0;
  ::close(fd);
  return ok;
}

// The end offset of entry `entries - 1` (0 for none), read from the index file.
bool EndOf(const std::string& dir, uint32_t entries, uint64_t* end) {
  *end = 0;
  if (entries == 0) return true;
  int fd = ::open(IdxPath(dir).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  unsigned char buf[8];
  bool ok = ::pread(fd, buf, 8, static_cast<off_t>(entries - 1) * 8) == 8;
  ::close(fd);
  if (ok) *end = GetLe64(buf);
  return ok;
}

}  // namespace

StatusOr<std::unique_ptr<CheckStoreWriter>> CheckStoreWriter::Open(
    const std::string& dir, uint32_t docs, const std::function<std::string(uint32_t)>& text_of) {
  std::unique_ptr<CheckStoreWriter> w(new CheckStoreWriter());
  w->dir_ = dir;
  uint32_t entries = static_cast<uint32_t>(std::min<uint64_t>(FileSize(IdxPath(dir)) / 8, docs));
  uint64_t end = 0;
  // A store whose texts file is shorter than its index says was not written whole: start again,
  // in new files (a reader may have the old ones mapped; cutting them would fault its reads).
  if (!EndOf(dir, entries, &end) || FileSize(DatPath(dir)) < end) {
    std::error_code ec;
    std::filesystem::remove(IdxPath(dir), ec);
    std::filesystem::remove(DatPath(dir), ec);
    entries = 0;
    end = 0;
  }
  std::string no_bytes;
  if (!WriteAt(IdxPath(dir), static_cast<uint64_t>(entries) * 8, no_bytes) ||
      !WriteAt(DatPath(dir), end, no_bytes)) {
    return Status::Internal(dir + ": cannot write the check-text store: " + std::strerror(errno));
  }
  w->committed_ = entries;
  w->dat_size_ = end;
  // Filled in steps, so that a large index is not held in memory whole.
  constexpr size_t kFillStepBytes = 16 << 20;
  for (uint32_t docid = entries + 1; docid <= docs; ++docid) {
    w->Add(docid, text_of(docid));
    if (w->pending_dat_.size() >= kFillStepBytes || docid == docs) {
      if (Status s = w->Flush(); !s.ok()) return s;
    }
  }
  return w;
}

void CheckStoreWriter::Add(uint32_t docid, std::string_view text) {
  if (docid <= committed_) {  // not expected: Xapian gave out a docid it had committed
    broken_ = true;
    return;
  }
  Truncate(docid - 1);  // a docid given out again replaces what was pending for it
  uint64_t end = pending_ends_.empty() ? dat_size_ : pending_ends_.back();
  while (entries() + 1 < docid) pending_ends_.push_back(end);  // a gap: empty entries
  pending_dat_.append(text);
  pending_ends_.push_back(end + text.size());
}

void CheckStoreWriter::Truncate(uint32_t docs) {
  if (docs >= entries()) return;
  size_t keep = docs > committed_ ? docs - committed_ : 0;
  pending_ends_.resize(keep);
  pending_dat_.resize(keep == 0 ? 0 : pending_ends_.back() - dat_size_);
}

Status CheckStoreWriter::Flush() {
  if (broken_) {
    // Entries on disk may no longer match their docids: the next writer writes the store anew.
    std::error_code ec;
    std::filesystem::remove(IdxPath(dir_), ec);
    std::filesystem::remove(DatPath(dir_), ec);
    return Status::Internal(dir_ + ": the check-text store no longer matches the database");
  }
  if (pending_ends_.empty()) return Status::Ok();
  std::string idx;
  idx.reserve(pending_ends_.size() * 8);
  for (uint64_t end : pending_ends_) PutLe64(end, idx);
  // The texts first: an index entry never points past what is written.
  if (!WriteAt(DatPath(dir_), dat_size_, pending_dat_) ||
      !WriteAt(IdxPath(dir_), static_cast<uint64_t>(committed_) * 8, idx)) {
    return Status::Internal(dir_ + ": cannot write the check-text store: " + std::strerror(errno));
  }
  committed_ = entries();
  dat_size_ = pending_ends_.back();
  pending_ends_.clear();
  pending_dat_.clear();
  return Status::Ok();
}

void CopyCheckStore(const std::string& from, const std::string& to) {
  std::error_code ec;
  for (auto path : {IdxPath, DatPath}) {
    std::filesystem::copy_file(path(from), path(to), std::filesystem::copy_options::overwrite_existing,
                               ec);
    if (ec) break;
  }
  if (ec) {
    std::filesystem::remove(IdxPath(to), ec);
    std::filesystem::remove(DatPath(to), ec);
  }
}

std::unique_ptr<CheckStoreReader> CheckStoreReader::Open(const std::string& dir) {
  std::unique_ptr<CheckStoreReader> r(new CheckStoreReader());
  auto map = [](const std::string& path, const void** data, size_t* size) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    bool ok = ::fstat(fd, &st) == 0;
    *size = ok ? static_cast<size_t>(st.st_size) : 0;
    if (ok && *size > 0) {
      void* p = ::mmap(nullptr, *size, PROT_READ, MAP_SHARED, fd, 0);
      ok = p != MAP_FAILED;
      *data = ok ? p : nullptr;
      if (!ok) *size = 0;
    }
    ::close(fd);
    return ok;
  };
  const void* idx = nullptr;
  const void* dat = nullptr;
  bool ok = map(IdxPath(dir), &idx, &r->idx_size_) && map(DatPath(dir), &dat, &r->dat_size_);
  r->idx_ = static_cast<const unsigned char*>(idx);
  r->dat_ = static_cast<const char*>(dat);
  if (!ok || r->idx_size_ == 0) return nullptr;  // the destructor unmaps what was mapped
  return r;
}

CheckStoreReader::~CheckStoreReader() {
  if (idx_ != nullptr) ::munmap(const_cast<unsigned char*>(idx_), idx_size_);
  if (dat_ != nullptr) ::munmap(const_cast<char*>(dat_), dat_size_);
}

std::string_view CheckStoreReader::Text(uint32_t docid) const {
  if (docid == 0 || static_cast<uint64_t>(docid) * 8 > idx_size_) return {};
  uint64_t end = GetLe64(idx_ + (static_cast<size_t>(docid) - 1) * 8);
  uint64_t begin = docid == 1 ? 0 : GetLe64(idx_ + (static_cast<size_t>(docid) - 2) * 8);
  if (begin > end || end > dat_size_) return {};
  return std::string_view(dat_ + begin, end - begin);
}

}  // namespace guihua::internal
