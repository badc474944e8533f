// The index folder holds generations of one Xapian database: DIR/gen-N/, and DIR/XAPIANDB, a
// Xapian stub file naming the current one, so that readers open DIR as a database and a
// compacted copy replaces the current generation by one atomic rename of the stub. DIR/lock is
// held by the writer across the swap (Xapian's own lock covers one generation only). While an
// ingest writes on two threads, a generation has a second shard database, DIR/gen-N/1/, which
// the stub lists too (readers see one database) and a compaction merges back into one.
#ifndef GUIHUA_INDEX_INTERNAL_GENERATIONS_H_
#define GUIHUA_INDEX_INTERNAL_GENERATIONS_H_

#include <string>
#include <vector>

#include "common/status.h"

namespace guihua::internal {

// The current generation's folder name ("gen-3"), "" when DIR has no stub yet.
StatusOr<std::string> CurrentGeneration(const std::string& dir);

// The folders of the current generation's shard databases, relative to DIR: {"gen-3"}, or
// {"gen-3", "gen-3/1"} while it has two shards; empty when DIR has no stub yet.
StatusOr<std::vector<std::string>> CurrentShards(const std::string& dir);

// The folder of shard `shard` of `generation`, relative to DIR: the generation's own folder for
// shard 0, a subfolder of it for the others (removed with it).
std::string ShardFolder(const std::string& generation, size_t shard);

// The name of the generation after `generation` ("gen-1" after "").
std::string NextGeneration(const std::string& generation);

// Makes `generation` (with `shards` shard databases) current: writes the stub beside and renames
// it over DIR/XAPIANDB.
Status MakeCurrent(const std::string& dir, const std::string& generation, size_t shards = 1);

// Removes every generation but the current one: older ones (a reader that still has one open
// keeps reading its open files, which outlive their names, and switches at its next reopen) and
// later ones (a compaction that did not finish).
void RemoveStaleGenerations(const std::string& dir, const std::string& current);

// An exclusive, non-blocking flock on DIR/lock, released when destroyed.
class DirectoryLock {
 public:
  static StatusOr<DirectoryLock> Acquire(const std::string& dir);
  DirectoryLock(DirectoryLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirectoryLock& operator=(DirectoryLock&& other) noexcept;
  ~DirectoryLock();

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_GENERATIONS_H_
