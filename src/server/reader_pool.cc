// ReaderPool: readers leased to worker threads, reopened at most once a second each.
#include "server/internal/reader_pool.h"

namespace guihua::server_internal {

namespace {
thread_local std::string leased_version;
}  // namespace

StatusOr<std::unique_ptr<ReaderPool>> ReaderPool::Open(const std::vector<std::string>& databases,
                                                       int size, size_t postings_mb) {
  auto pool = std::make_unique<ReaderPool>();
  auto now = std::chrono::steady_clock::now();
  for (int i = 0; i < std::max(size, 1); ++i) {
    auto reader = IndexReader::Open(databases);
    if (!reader.ok()) return reader.status();
    (*reader)->UseItemTable(true);  // a server answers many searches
    if (postings_mb > 0) (*reader)->DecodeCommonPostings(postings_mb);  // one, shared by the pool
    std::string version = (*reader)->Version();
    pool->slots_.push_back({std::move(*reader), now, false, version});
  }
  pool->latest_version_ = pool->slots_[0].version;
  pool->latest_at_ = now;
  pool->refresher_ = std::thread([p = pool.get()] {
    std::unique_lock<std::mutex> lock(p->mu_);
    while (!p->stop_.wait_for(lock, kReopenInterval / 4, [p] { return p->stopping_; })) {
      lock.unlock();
      { Lease lease = p->Acquire(); }  // reopens the reader if it is due
      lock.lock();
    }
  });
  return pool;
}

ReaderPool::~ReaderPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  stop_.notify_all();
  if (refresher_.joinable()) refresher_.join();
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
  Slot& s = slots_[slot];
  if (reopen) {
    s.reader->Reopen();
    s.version = s.reader->Version();
    std::lock_guard<std::mutex> lock(mu_);
    latest_version_ = s.version;
    latest_at_ = std::chrono::steady_clock::now();
  }
  leased_version = s.version;
  return Lease(this, slot);
}

std::optional<std::string> ReaderPool::RecentVersion() {
  std::lock_guard<std::mutex> lock(mu_);
  if (std::chrono::steady_clock::now() - latest_at_ >= 2 * kReopenInterval) return std::nullopt;
  return latest_version_;
}

const std::string& ReaderPool::LeasedVersion() { return leased_version; }
void ReaderPool::ForgetLeasedVersion() { leased_version.clear(); }

void ReaderPool::Release(size_t slot) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    slots_[slot].busy = false;
  }
  free_.notify_one();
}

}  // namespace guihua::server_internal
