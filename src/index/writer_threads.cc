// The writer's threads (internal/writer_threads.h): a bounded queue of jobs per shard.
#include "index/internal/writer_threads.h"

namespace guihua::internal {

WriterThread::WriterThread(size_t capacity) : capacity_(capacity), thread_([this] { Run(); }) {}

WriterThread::~WriterThread() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void WriterThread::Push(std::function<void()> job) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return jobs_.size() < capacity_; });
  jobs_.push_back(std::move(job));
  changed_.notify_all();
}

void WriterThread::Drain() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return jobs_.empty() && !running_; });
}

void WriterThread::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    changed_.wait(lock, [&] { return !jobs_.empty() || stop_; });
    if (jobs_.empty()) return;  // stopped, and nothing left to run
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    running_ = true;
    changed_.notify_all();  // room for a blocked Push
    lock.unlock();
    job();  // the job catches what it throws: a shard's failures are recorded, not thrown
    lock.lock();
    running_ = false;
    changed_.notify_all();
  }
}

}  // namespace guihua::internal
