// The writer's threads, one per shard database while an ingest writes on both cores: each adds the
// files queued for its shard in order, and commits every few files by itself, so that no thread
// waits for another until the caller asks for everything to be committed. Xapian stays out: a job
// is a function, run on the shard's thread.
#ifndef GUIHUA_INDEX_INTERNAL_WRITER_THREADS_H_
#define GUIHUA_INDEX_INTERNAL_WRITER_THREADS_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace guihua::internal {

class WriterThread {
 public:
  // At most `capacity` jobs wait: Push blocks past that, so that prepared files do not pile up.
  explicit WriterThread(size_t capacity);
  ~WriterThread();  // runs the jobs queued, then joins
  WriterThread(const WriterThread&) = delete;
  WriterThread& operator=(const WriterThread&) = delete;

  void Push(std::function<void()> job);
  // Returns once every job pushed so far has run.
  void Drain();

 private:
  void Run();

  size_t capacity_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> jobs_;
  bool running_ = false;  // a job is being run
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_WRITER_THREADS_H_
