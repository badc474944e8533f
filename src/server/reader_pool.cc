// ReaderPool: readers leased to worker threads, reopened at most once a second each.
#include "server/internal/reader_pool.h"

namespace guihua::server_internal {

StatusOr<std::unique_ptr<ReaderPool>> ReaderPool::Open(const std::vector<std::string>& databases,
                                                       int size) {
  auto pool = std::make_unique<ReaderPool>();
  auto now = std::chrono::steady_clock::now();
  for (int i = 0; i < std::max(size, 1); ++i) {
    auto reader = IndexReader::Open(databases);
    if (!reader.ok()) return reader.status();
    pool->slots_.push_back({std::move(*reader), now, false});
  }
  return pool;
}

ReaderPool::Lease ReaderPool::Acquire() {
  size_t slot = 0;
  bool reopen = false;
  {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      for (slot = 0; slot < slots_.size() && slots_[slot].busy; ++slot) {
      }
      if (slot < slots_.size()) break;
      free_.wait(lock);
    }
    Slot& s = slots_[slot];
    s.busy = true;
    auto now = std::chrono::steady_clock::now();
    if (now - s.reopened >= kReopenInterval) {
      s.reopened = now;
      reopen = true;
    }
  }
  // Outside the pool lock: the slot is ours, and a reopen need not hold up the other workers.
  if (reopen) slots_[slot].reader->Reopen();
  return Lease(this, slot);
}

void ReaderPool::Release(size_t slot) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    slots_[slot].busy = false;
  }
  free_.notify_one();
}

}  // namespace guihua::server_internal
