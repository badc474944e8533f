// Generations of the index folder: the stub file that names the current Xapian database, its
// atomic replacement, clean-up of old and unfinished generations, and the writer's folder lock.
#include "index/internal/generations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace guihua::internal {
namespace {

namespace fs = std::filesystem;

constexpr char kStub[] = "XAPIANDB";
constexpr char kPrefix[] = "gen-";

// N of "gen-N"; 0 for any other name.
long Number(const std::string& generation) {
  if (generation.rfind(kPrefix, 0) != 0) return 0;
  std::string digits = generation.substr(sizeof(kPrefix) - 1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::strtol(digits.c_str(), nullptr, 10);
}

}  // namespace

StatusOr<std::string> CurrentGeneration(const std::string& dir) {
  auto shards = CurrentShards(dir);
  if (!shards.ok()) return shards.status();
  return shards->empty() ? std::string() : shards->front();
}

StatusOr<std::vector<std::string>> CurrentShards(const std::string& dir) {
  std::ifstream in(fs::path(dir) / kStub);
  std::vector<std::string> shards;
  if (!in) return shards;
  std::string backend, name;
  while (in >> backend >> name) {
    // A line per shard: "glass gen-N", then "glass gen-N/1" …
    bool named = backend == "glass" &&
                 (shards.empty() ? Number(name) != 0
                                 : name == ShardFolder(shards.front(), shards.size()));
    if (!named) break;
    shards.push_back(name);
  }
  if (shards.empty() || !in.eof()) {
    return Status::InvalidInput(dir + ": " + kStub + " does not name a guihua generation");
  }
  return shards;
}

std::string ShardFolder(const std::string& generation, size_t shard) {
  return shard == 0 ? generation : generation + "/" + std::to_string(shard);
}

std::string NextGeneration(const std::string& generation) {
  return kPrefix + std::to_string(Number(generation) + 1);
}

Status MakeCurrent(const std::string& dir, const std::string& generation, size_t shards) {
  fs::path stub = fs::path(dir) / kStub;
  fs::path temp = fs::path(dir) / (std::string(kStub) + ".new");
  {
    std::ofstream out(temp, std::ios::trunc);
    for (size_t i = 0; i < shards; ++i) out << "glass " << ShardFolder(generation, i) << "\n";
    if (!out.flush()) return Status::Internal(temp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(temp, stub, ec);
  if (ec) return Status::Internal(stub.string() + ": " + ec.message());
  return Status::Ok();
}

void RemoveStaleGenerations(const std::string& dir, const std::string& current) {
  long keep = Number(current);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    long n = Number(entry.path().filename().string());
    if (n != 0 && n != keep) fs::remove_all(entry.path(), ec);
  }
}

StatusOr<DirectoryLock> DirectoryLock::Acquire(const std::string& dir) {
  std::string path = (fs::path(dir) / "lock").string();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::InvalidInput(dir + ": cannot open index (" + std::strerror(errno) + ")");
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::InvalidInput(dir + ": index is locked by another process");
  }
  return DirectoryLock(fd);
}

DirectoryLock& DirectoryLock::operator=(DirectoryLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

}  // namespace guihua::internal
