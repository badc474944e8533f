// The check-text store: two append-only files, synced before each Xapian commit, mapped by readers;
// a text given again in a writer's run points at its first copy.
#include "index/internal/check_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/hash.h"

namespace guihua::internal {
namespace {

std::string IdxPath(const std::string& dir) { return dir + "/checktext.idx"; }
std::string DatPath(const std::string& dir) { return dir + "/checktext.dat"; }

constexpr uint64_t kHeaderBytes = 8;
constexpr uint64_t kEntryBytes = 6;
constexpr uint64_t kOffsetBits = 34;
// A text this long or longer has its length in the 8 bytes before it.
constexpr uint64_t kLongText = (uint64_t{1} << (8 * kEntryBytes - kOffsetBits)) - 1;

void PutLe(uint64_t v, size_t bytes, std::string& out) {
  for (size_t i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutLe64(uint64_t v, std::string& out) { PutLe(v, 8, out); }

uint64_t GetLe(const unsigned char* p, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = bytes; i-- > 0;) v = (v << 8) | p[i];
  return v;
}
uint64_t GetLe64(const unsigned char* p) { return GetLe(p, 8); }

// An index entry, read as two loads on a little-endian machine (GetLe's byte loop was a third of
// Text, which a phrase's check calls for each of its candidates).
uint64_t GetEntry(const unsigned char* p) {
  static_assert(kEntryBytes == 6);
  if constexpr (std::endian::native == std::endian::little) {
    uint32_t low = 0;
    uint16_t high = 0;
    std::memcpy(&low, p, sizeof low);
    std::memcpy(&high, p + sizeof low, sizeof high);
    return low | uint64_t{high} << 32;
  }
  return GetLe(p, kEntryBytes);
}

uint64_t Entry(uint64_t offset, uint64_t length) { return offset | (length << kOffsetBits); }
uint64_t OffsetOf(uint64_t entry) { return entry & ((uint64_t{1} << kOffsetBits) - 1); }
uint64_t LengthOf(uint64_t entry) { return entry >> kOffsetBits; }

uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

bool PwriteAll(int fd, uint64_t offset, std::string_view bytes) {
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done,
                         static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Writes `bytes` at `offset` of `path` (created if need be), cuts the file there, writes `head`
// at its start, and syncs it.
bool WriteAt(const std::string& path, uint64_t offset, std::string_view bytes,
             std::string_view head = {}) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = PwriteAll(fd, offset, bytes) &&
            ::ftruncate(fd, static_cast<off_t>(offset + bytes.size())) == 0 &&
            PwriteAll(fd, 0, head) && ::fdatasync(fd) == 0;
  ::close(fd);
  return ok;
}

// The header of the index file at `path`: the size of the texts file it was written with.
bool ReadHeader(const std::string& path, uint64_t* dat_size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  unsigned char buf[8];
  bool ok = ::pread(fd, buf, 8, 0) == 8;
  ::close(fd);
  if (ok) *dat_size = GetLe64(buf);
  return ok;
}

}  // namespace

std::string ShortStoreMessage(const std::string& dir) {
  return dir + ": the index's text store (checktext.idx, checktext.dat) is missing or cut short; "
               "remove the index and ingest again";
}

StatusOr<std::unique_ptr<CheckStoreWriter>> CheckStoreWriter::Open(const std::string& dir,
                                                                   uint32_t docs) {
  std::unique_ptr<CheckStoreWriter> w(new CheckStoreWriter());
  w->dir_ = dir;
  uint64_t end = 0;
  const uint64_t idx_size = FileSize(IdxPath(dir));
  if (docs > 0) {
    if (idx_size < kHeaderBytes + uint64_t{docs} * kEntryBytes || !ReadHeader(IdxPath(dir), &end) ||
        FileSize(DatPath(dir)) < end) {
      return Status::InvalidInput(ShortStoreMessage(dir));
    }
  } else {
    // Nothing committed: a new store (a reader may have old files mapped; cutting them would
    // fault its reads, so new files).
    std::error_code ec;
    std::filesystem::remove(IdxPath(dir), ec);
    std::filesystem::remove(DatPath(dir), ec);
  }
  // Entries past `docs` were never committed; so were the texts past the header's size.
  std::string head;
  PutLe64(end, head);
  if (!WriteAt(DatPath(dir), end, {}) ||
      !WriteAt(IdxPath(dir), kHeaderBytes + uint64_t{docs} * kEntryBytes, {}, head)) {
    return Status::Internal(dir + ": cannot write the check-text store: " + std::strerror(errno));
  }
  w->dat_fd_ = ::open(DatPath(dir).c_str(), O_RDONLY | O_CLOEXEC);
  w->committed_ = docs;
  w->dat_size_ = end;
  return w;
}

CheckStoreWriter::~CheckStoreWriter() {
  if (dat_fd_ >= 0) ::close(dat_fd_);
}

bool CheckStoreWriter::Find(uint64_t hash, std::string_view text, uint64_t* entry) const {
  auto [first, last] = texts_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    const uint64_t offset = OffsetOf(it->second);
    if (LengthOf(it->second) != text.size()) continue;
    if (offset >= dat_size_) {
      if (pending_dat_.compare(offset - dat_size_, text.size(), text) != 0) continue;
    } else {
      std::string stored(text.size(), '\0');
      if (dat_fd_ < 0 || ::pread(dat_fd_, stored.data(), stored.size(),
                                 static_cast<off_t>(offset)) != static_cast<ssize_t>(text.size()) ||
          stored != text) {
        continue;
      }
    }
    *entry = it->second;
    return true;
  }
  return false;
}

void CheckStoreWriter::Add(uint32_t docid, std::string_view text) {
  if (docid <= committed_) {  // not expected: Xapian gave out a docid it had committed
    broken_ = true;
    return;
  }
  Truncate(docid - 1);  // a docid given out again replaces what was pending for it
  while (entries() + 1 < docid) pending_entries_.push_back(0);  // a gap: empty entries
  uint64_t entry = 0;
  const uint64_t hash = Fnv1a64(text);
  if (text.empty() || (text.size() < kLongText && Find(hash, text, &entry))) {
    pending_entries_.push_back(entry);
    return;
  }
  if (text.size() >= kLongText) PutLe64(text.size(), pending_dat_);
  const uint64_t offset = dat_size_ + pending_dat_.size();
  // Past what an entry can point at (16 GB of distinct texts): Flush() fails.
  if (offset >> kOffsetBits != 0) broken_ = true;
  pending_dat_.append(text);
  entry = Entry(offset, std::min<uint64_t>(text.size(), kLongText));
  pending_entries_.push_back(entry);
  if (text.size() < kLongText) {
    texts_.emplace(hash, entry);
    pending_texts_.emplace_back(entries() - 1, hash);
  }
}

void CheckStoreWriter::Truncate(uint32_t docs) {
  if (docs >= entries()) return;
  const uint32_t keep = docs > committed_ ? docs - committed_ : 0;
  // The texts first written by the entries cut are forgotten, and their bytes.
  uint64_t dat_end = dat_size_ + pending_dat_.size();
  while (!pending_texts_.empty() && pending_texts_.back().first >= committed_ + keep) {
    const auto [index, hash] = pending_texts_.back();
    const uint64_t entry = pending_entries_[index - committed_];
    dat_end = std::min(dat_end, OffsetOf(entry));
    auto [first, last] = texts_.equal_range(hash);
    for (auto it = first; it != last; ++it) {
      if (it->second == entry) {
        texts_.erase(it);
        break;
      }
    }
    pending_texts_.pop_back();
  }
  for (size_t i = keep; i < pending_entries_.size(); ++i) {
    const uint64_t entry = pending_entries_[i];
    if (entry != 0 && OffsetOf(entry) >= dat_size_ && LengthOf(entry) == kLongText) {
      dat_end = std::min(dat_end, OffsetOf(entry) - 8);
    }
  }
  pending_entries_.resize(keep);
  pending_dat_.resize(dat_end - dat_size_);
}

Status CheckStoreWriter::Flush() {
  if (broken_) {
    // Entries on disk may no longer match their docids: the index must be made again.
    return Status::Internal(dir_ + ": the check-text store no longer matches the database");
  }
  if (pending_entries_.empty()) return Status::Ok();
  std::string idx, head;
  idx.reserve(pending_entries_.size() * kEntryBytes);
  for (uint64_t entry : pending_entries_) PutLe(entry, kEntryBytes, idx);
  const uint64_t dat_end = dat_size_ + pending_dat_.size();
  PutLe64(dat_end, head);
  // The texts first: an entry never points past what is written.
  if (!WriteAt(DatPath(dir_), dat_size_, pending_dat_) ||
      !WriteAt(IdxPath(dir_), kHeaderBytes + uint64_t{committed_} * kEntryBytes, idx, head)) {
    return Status::Internal(dir_ + ": cannot write the check-text store: " + std::strerror(errno));
  }
  committed_ = entries();
  dat_size_ = dat_end;
  pending_entries_.clear();
  pending_dat_.clear();
  pending_texts_.clear();
  return Status::Ok();
}

Status CopyCheckStore(const std::string& from, const std::string& to) {
  std::error_code ec;
  for (auto path : {IdxPath, DatPath}) {
    std::filesystem::copy_file(path(from), path(to), std::filesystem::copy_options::overwrite_existing,
                               ec);
    if (ec) return Status::Internal(to + ": cannot copy the check-text store: " + ec.message());
  }
  return Status::Ok();
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
  if (!ok || r->idx_size_ < kHeaderBytes) return nullptr;  // the destructor unmaps what was mapped
  return r;
}

CheckStoreReader::~CheckStoreReader() {
  if (idx_ != nullptr) ::munmap(const_cast<unsigned char*>(idx_), idx_size_);
  if (dat_ != nullptr) ::munmap(const_cast<char*>(dat_), dat_size_);
}

bool CheckStoreReader::Holds(uint32_t docs) const {
  return idx_size_ >= kHeaderBytes + uint64_t{docs} * kEntryBytes && dat_size_ >= GetLe64(idx_);
}

std::string_view CheckStoreReader::Text(uint32_t docid) const {
  if (docid == 0 || kHeaderBytes + static_cast<uint64_t>(docid) * kEntryBytes > idx_size_) {
    return {};
  }
  const uint64_t entry =
      GetEntry(idx_ + kHeaderBytes + (static_cast<size_t>(docid) - 1) * kEntryBytes);
  uint64_t offset = OffsetOf(entry), length = LengthOf(entry);
  if (length == kLongText) {
    if (offset < 8 || offset > dat_size_) return {};
    length = GetLe64(reinterpret_cast<const unsigned char*>(dat_) + offset - 8);
  }
  if (offset > dat_size_ || length > dat_size_ - offset) return {};
  return std::string_view(dat_ + offset, length);
}

void CheckStoreReader::PrefetchEntries(uint32_t first, uint32_t last) const {
  constexpr uint64_t kLine = 64;
  const uint64_t entries = idx_size_ < kHeaderBytes ? 0 : (idx_size_ - kHeaderBytes) / kEntryBytes;
  if (first == 0 || first > last || first > entries) return;
  last = static_cast<uint32_t>(std::min<uint64_t>(last, entries));
  const uint64_t begin = kHeaderBytes + (first - 1) * kEntryBytes;
  const uint64_t end = kHeaderBytes + static_cast<uint64_t>(last) * kEntryBytes;
  for (uint64_t at = begin & ~(kLine - 1); at < end; at += kLine) __builtin_prefetch(idx_ + at);
}

}  // namespace guihua::internal
