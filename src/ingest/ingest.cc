// Ingest: files → the index. Reading, parsing, extracting and making the index documents run on a
// second thread, one file ahead of the index writer, so that the two halves of the work overlap
// on a two-core machine; a large run also writes on several threads into as many shards (the index
// writer's threads), since writing is twice the work of preparing; files whose bytes the index
// holds already are skipped; commits come every few files. Exceptions of the stages stop at this
// edge as a failed file, and the second thread is joined on every path out.
#include "ingest/ingest.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "common/hash.h"
#include "common/utf8.h"
#include "index/index.h"

namespace guihua {
namespace {

// FNV-1a over the file's bytes: enough to tell an unchanged file from a changed one.
std::string ContentHash(const std::string& bytes) {
  uint64_t h = Fnv1a64(bytes, kContentHashBasis);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// One file, read, parsed and extracted, ready for the writer; or why it is not.
struct PreparedFile {
  std::string file;
  uint64_t bytes = 0;
  std::string error;       // non-empty: the file failed
  bool unchanged = false;  // the index holds these very bytes already
  std::string hash;
  Diagnostics diag;
  std::string document;  // the id
  int items = 0, targets = 0;
  std::optional<IndexBatch> batch;
  size_t shard = 0;  // where a new document goes, with writer threads (see Schedule)
};

// What the preparing thread reads files with.
struct Preparer {
  const PlanStages& stages;
  const std::map<std::string, IndexedFile>& known;  // by document id
  const ReadOptions& read;

  PreparedFile Prepare(const std::string& file) const {
    PreparedFile out;
    out.file = file;
    try {
      Run(&out);
    } catch (const std::exception& e) {  // a stage's library (bad_alloc, filesystem, …)
      out.error = std::string("not indexed: ") + e.what();
      out.batch.reset();
    } catch (...) {
      out.error = "not indexed: unexpected error";
      out.batch.reset();
    }
    return out;
  }

 private:
  void Run(PreparedFile* out) const {
    // The index stores paths as JSON text; a name in another encoding is refused, not mangled.
    if (!utf8::IsValid(out->file)) {
      out->error = "file name is not UTF-8 (rename it, e.g. convmv -f gbk -t utf-8)";
      return;
    }
    auto bytes = ReadFileBytes(out->file, read.max_file_size);
    if (!bytes.ok()) {
      out->error = bytes.status().message();
      return;
    }
    out->bytes = bytes->size();
    out->hash = ContentHash(*bytes);
    auto record = known.find(std::filesystem::path(out->file).stem().string());
    if (record != known.end() && record->second.content_hash == out->hash &&
        record->second.file == out->file) {
      // Decoded all the same, so that a file that no longer decodes is not called unchanged.
      auto source = DecodeSource(*bytes, out->file);
      if (!source.ok()) {
        out->error = source.status().message();
      } else {
        out->unchanged = true;
      }
      return;
    }
    ReadOptions with_sidecar = read;
    with_sidecar.parse.sidecar = true;  // the file's FILE.meta.json, as parse and extract read it
    auto plan = ReadPlanText(stages, out->file, std::move(*bytes), &out->diag, with_sidecar);
    if (!plan.ok()) {
      out->error = plan.status().message();
      return;
    }
    // Numbers that cannot be read whole are warned about with the parse's notes.
    for (const Diagnostic& d : plan->extract_warnings.all()) {
      out->diag.Warn(d.file, d.line, d.column, d.message);
    }
    out->document = plan->document.id;
    out->targets = static_cast<int>(plan->targets.size());
    for (const Plan& p : plan->document.plans) {
      for (const Section& s : p.sections) out->items += static_cast<int>(s.items.size());
    }
    out->batch = IndexBatch::Make(plan->document, plan->targets, out->hash);
  }
};

// A queue of at most `capacity` prepared files between the two threads. Close() lets a producer
// blocked on a full queue go, when the consumer stops early.
class Handoff {
 public:
  explicit Handoff(size_t capacity) : capacity_(capacity) {}
  // False once closed: the producer stops.
  bool Push(PreparedFile f) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < capacity_ || closed_; });
    if (closed_) return false;
    queue_.push_back(std::move(f));
    ready_.notify_one();
    return true;
  }
  PreparedFile Pop() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !queue_.empty(); });
    PreparedFile f = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return f;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    room_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<PreparedFile> queue_;
  bool closed_ = false;
};

// The order files are prepared and written in, and the shard each new document goes to. With
// writer threads, the files are cut into as many runs of consecutive files as there are shards,
// shard k taking the k-th run, and prepared by turns (the first file of each run, then the second
// …) so that every writer thread has work, `threads` runs at a time (a round: shard k is written
// by thread k % threads, one shard after another). The compaction that ends the run numbers the
// documents shard after shard, so they come out in file order, as one writer numbers them: the
// order of equal-score hits does not depend on the number of shards. Messages come in this order.
struct Scheduled {
  size_t file = 0;   // index in the run's files
  size_t shard = 0;  // for a new document
};
std::vector<Scheduled> Schedule(size_t files, size_t shards, size_t threads) {
  std::vector<Scheduled> order;
  shards = std::max<size_t>(shards, 1);
  threads = std::clamp<size_t>(threads, 1, shards);
  const size_t per = (files + shards - 1) / shards;
  for (size_t round = 0; round < shards; round += threads) {
    for (size_t j = 0; j < per; ++j) {
      for (size_t k = round; k < std::min(round + threads, shards); ++k) {
        if (k * per + j < files) order.push_back({k * per + j, k});
      }
    }
  }
  return order;
}

// The preparing thread, closed and joined however the writer's loop ends.
class PreparingThread {
 public:
  PreparingThread(const Preparer& preparer, const std::vector<std::string>& files,
                  const std::vector<Scheduled>& order, Handoff* handoff)
      : handoff_(handoff), thread_([&preparer, &files, &order, handoff] {
          for (const Scheduled& s : order) {
            PreparedFile f = preparer.Prepare(files[s.file]);
            f.shard = s.shard;
            if (!handoff->Push(std::move(f))) return;
          }
        }) {}
  ~PreparingThread() { Join(); }
  void Join() {
    if (!thread_.joinable()) return;
    handoff_->Close();  // the writer takes nothing more: a blocked Push returns
    thread_.join();
  }

 private:
  Handoff* handoff_;
  std::thread thread_;
};

// A commit every 8 files: per file, each commit rewrites every B-tree block the file touched;
// over many files, Xapian's in-memory changes grow slow (see IndexWriter::Add for the figures).
// With the index's writer threads, each commits every IndexWriter::kLargeRunFilesPerCommit of its
// own files.
constexpr size_t kFilesPerCommit = 8;

IngestListener& Quiet() {
  static IngestListener* quiet = new IngestListener;
  return *quiet;
}

// The writer's half: files from the handoff into the index, committed every few files.
class Writer {
 public:
  // `threaded`: the index writes on its own threads, which commit by themselves.
  Writer(IndexWriter* index, const std::map<std::string, IndexedFile>& known,
         IngestListener& listener, IngestReport* report, bool threaded)
      : index_(index),
        known_(known),
        listener_(listener),
        report_(report),
        threaded_(threaded) {}

  void Take(PreparedFile p) {
    report_->bytes += p.bytes;
    listener_.Diagnosed(p.file, p.diag);
    if (p.unchanged) {
      ++report_->unchanged;
      return;
    }
    if (p.error.empty()) {
      if (auto prior = known_.find(p.document);
          prior != known_.end() && prior->second.file != p.file) {
        listener_.Warning(p.file,
                          "replaces " + p.document + " ingested from " + prior->second.file);
      }
      Status added = index_->Add(std::move(*p.batch), p.shard);
      if (!added.ok()) p.error = added.message();
    }
    if (!p.error.empty()) {
      Fail(p.file, p.error);
      return;
    }
    uncommitted_.push_back({p.file, p.items, p.targets});
    if (!threaded_ && uncommitted_.size() >= kFilesPerCommit) Commit();
  }

  // Makes the files added so far durable; those the index says are not in it are failures.
  bool Commit() {
    Status committed = index_->Commit();
    std::map<std::string, std::string> failed;
    for (auto& [file, message] : index_->TakeFailures()) failed.emplace(file, message);
    for (const Added& f : uncommitted_) {
      if (auto found = failed.find(f.file); found != failed.end()) {
        Fail(f.file, found->second);
        continue;
      }
      if (!committed.ok() && !threaded_) {
        Fail(f.file, "not committed: " + committed.message());
        continue;
      }
      ++report_->indexed;
      report_->items += f.items;
      report_->targets += f.targets;
    }
    uncommitted_.clear();
    return committed.ok();
  }

 private:

  struct Added {
    std::string file;
    int items = 0, targets = 0;
  };

  void Fail(const std::string& file, const std::string& error) {
    listener_.Failed(file, error);
    report_->failed.push_back(file);
  }

  IndexWriter* index_;
  const std::map<std::string, IndexedFile>& known_;
  IngestListener& listener_;
  IngestReport* report_;
  bool threaded_;
  std::vector<Added> uncommitted_;  // their names and counts (the batches are spent)
};

// The files' total size and the records the index holds of them, read before the threads start.
uint64_t Survey(const std::vector<std::string>& files, const IndexWriter& index,
                std::map<std::string, IndexedFile>* known) {
  uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    uintmax_t size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
    std::string id = std::filesystem::path(f).stem().string();
    if (auto record = index.Find(id); record.ok()) (*known)[id] = *record;
  }
  return total;
}

// Whether the run writes on the writer threads into shards: worth it when it brings many new files,
// a quarter or more of what the index holds, since the shards are merged by a compaction at the
// end, which adding as much would cause anyway (IndexWriter::CompactIfGrown).
bool WritesOnShardThreads(const std::vector<std::string>& files,
                          const std::map<std::string, IndexedFile>& known, size_t indexed) {
  constexpr size_t kMinNewFiles = 8;
  size_t fresh = files.size() > known.size() ? files.size() - known.size() : 0;
  return fresh >= kMinNewFiles && fresh * 4 >= indexed;
}

}  // namespace

StatusOr<IngestReport> Ingest(const PlanStages& stages, const std::vector<std::string>& paths,
                              const IngestOptions& options) {
  IngestListener& listener = options.listener ? *options.listener : Quiet();
  auto index = IndexWriter::Open(options.db);
  if (!index.ok()) return index.status();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> files = ExpandPaths(paths);
  std::map<std::string, IndexedFile> known;
  const uint64_t bytes = Survey(files, **index, &known);
  listener.Started(files.size(), bytes);

  IngestReport report;
  bool threaded = WritesOnShardThreads(files, known, (*index)->Documents());
  const int shards = threaded ? IndexWriter::LargeRunShards(bytes) : 1;
  if (threaded) {
    if (Status s = (*index)->UseWriterThreads(shards, IndexWriter::kLargeRunFilesPerCommit);
        !s.ok()) {
      return s;
    }
  }
  Writer writer(index->get(), known, listener, &report, threaded);
  Preparer preparer{stages, known, options.read};
  Handoff handoff(2);
  try {
    const std::vector<Scheduled> order =
        Schedule(files.size(), shards, IndexWriter::kLargeRunShards);
    PreparingThread thread(preparer, files, order, &handoff);
    for (size_t i = 0; i < files.size(); ++i) {
      listener.Progress(i, report.bytes);
      writer.Take(handoff.Pop());
    }
    thread.Join();
    // A failed compaction leaves the index as it is, only larger.
    if (writer.Commit()) {
      if (Status compacted = (*index)->CompactIfGrown(); !compacted.ok()) {
        listener.Warning(options.db, "not compacted: " + compacted.message());
      }
    }
  } catch (const std::exception& e) {  // the thread is joined by now
    return Status::Internal(options.db + ": ingest stopped: " + e.what());
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace guihua
