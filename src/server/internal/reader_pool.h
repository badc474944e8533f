// A pool of IndexReaders, one per worker thread at most, since an IndexReader is not thread-safe.
// A reader is reopened (cheap) before use when its last reopen is a second old or more, so that
// documents a concurrent ingest commits become visible within about a second.
#ifndef GUIHUA_SERVER_INTERNAL_READER_POOL_H_
#define GUIHUA_SERVER_INTERNAL_READER_POOL_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "index/index.h"

namespace guihua::server_internal {

class ReaderPool {
 public:
  static StatusOr<std::unique_ptr<ReaderPool>> Open(const std::vector<std::string>& databases,
                                                    int size);

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

  static constexpr std::chrono::milliseconds kReopenInterval{1000};

 private:
  struct Slot {
    std::unique_ptr<IndexReader> reader;
    std::chrono::steady_clock::time_point reopened;
    bool busy = false;
  };
  void Release(size_t slot);

  std::mutex mu_;
  std::condition_variable free_;
  std::vector<Slot> slots_;
};

}  // namespace guihua::server_internal

#endif  // GUIHUA_SERVER_INTERNAL_READER_POOL_H_
