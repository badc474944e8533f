// A pool of IndexReaders, one per search running at once, since an IndexReader is not thread-safe.
// A reader is reopened (cheap) before use when its last reopen is a second old or more, so that
// documents a concurrent ingest commits become visible within about a second.
#ifndef GUIHUA_SERVER_INTERNAL_READER_POOL_H_
#define GUIHUA_SERVER_INTERNAL_READER_POOL_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "index/index.h"

namespace guihua::server_internal {

class ReaderPool {
 public:
  // `postings_mb`: the budget of the common posting lists each index revision decodes in memory
  // (IndexReader::DecodeCommonPostings), shared by the pool's readers; 0: none.
  static StatusOr<std::unique_ptr<ReaderPool>> Open(const std::vector<std::string>& databases,
                                                    int size, size_t postings_mb);

  // Exclusive use of one reader until the lease is destroyed.
  class Lease {
   public:
    Lease(ReaderPool* pool, size_t slot) : pool_(pool), slot_(slot) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_->Release(slot_); }
    IndexReader& operator*() const { return *pool_->slots_[slot_].reader; }
    IndexReader* operator->() const { return pool_->slots_[slot_].reader.get(); }

   private:
    ReaderPool* pool_;
    size_t slot_;
  };

  // Waits for a free reader; reopens it when it is a second or more out of date.
  Lease Acquire();

  // The index version (IndexReader::Version) that the latest reopen found, if that was recent
  // (within two reopen intervals); nullopt when only leasing a reader can tell. A thread of the
  // pool leases a reader every quarter interval, so that an idle or fully cached server still
  // learns of a commit within about a second.
  std::optional<std::string> RecentVersion();

  ~ReaderPool();

  // The version of the reader this thread leased last, "" if none since ForgetLeasedVersion().
  static const std::string& LeasedVersion();
  static void ForgetLeasedVersion();

  static constexpr std::chrono::milliseconds kReopenInterval{1000};

 private:
  struct Slot {
    std::unique_ptr<IndexReader> reader;
    std::chrono::steady_clock::time_point reopened;
    bool busy = false;
    std::string version;  // of `reader`, as of its last (re)open; written by the lease holder
  };
  void Release(size_t slot);

  std::mutex mu_;
  std::condition_variable free_;
  std::vector<Slot> slots_;
  std::string latest_version_;  // guarded by mu_
  std::chrono::steady_clock::time_point latest_at_;
  bool stopping_ = false;  // guarded by mu_
  std::condition_variable stop_;
  std::thread refresher_;
};

}  // namespace guihua::server_internal

#endif  // GUIHUA_SERVER_INTERNAL_READER_POOL_H_
