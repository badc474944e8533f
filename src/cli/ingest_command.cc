// `guihua ingest PATH... [--db DIR]`: read → parse → extract each file and add it to the index.
// Reading, parsing, extracting and making the index documents run on a second thread, one file
// ahead of the index writer, so that the two halves of the work overlap on a two-core machine.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "index/index.h"
#include "render/targets.h"

namespace guihua::cli {
namespace {

// FNV-1a over the file's bytes: enough to tell an unchanged file from a changed one.
std::string ContentHash(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Progress on a terminal: files, MB, MB/s, ETA on one line redrawn in place.
class Progress {
 public:
  Progress(size_t files, uint64_t bytes)
      : files_(files), bytes_(bytes), tty_(isatty(STDERR_FILENO)),
        start_(std::chrono::steady_clock::now()) {}

  void Update(size_t files_done, uint64_t bytes_done) {
    if (!tty_) return;
    double seconds = Seconds();
    double mb = bytes_done / 1e6, rate = seconds > 0 ? mb / seconds : 0;
    double eta = rate > 0 ? (bytes_ - bytes_done) / 1e6 / rate : 0;
    std::fprintf(stderr, "\r\x1b[K[%zu/%zu files] %.1f/%.1f MB  %.1f MB/s  ETA %.0fs", files_done,
                 files_, mb, bytes_ / 1e6, rate, eta);
  }
  void Done() {
    if (tty_) std::fprintf(stderr, "\r\x1b[K");
  }
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  size_t files_;
  uint64_t bytes_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
};

// One file, read, parsed and extracted, ready for the writer; or why it is not.
struct PreparedFile {
  std::string file;
  uint64_t bytes = 0;
  std::string error;      // non-empty: the file failed
  bool unchanged = false;  // the index holds these very bytes already
  std::string hash;
  Diagnostics diag;
  std::string document;  // the id
  int items = 0, targets = 0;
  std::optional<IndexBatch> batch;
};

PreparedFile Prepare(const std::string& file, const StructureParser& parser,
                     const Extractor& extractor, const std::map<std::string, IndexedFile>& known,
                     uint64_t max_file_size) {
  PreparedFile out;
  out.file = file;
  auto bytes = ReadFileBytes(file, max_file_size);
  if (!bytes.ok()) {
    out.error = bytes.status().message();
    return out;
  }
  out.bytes = bytes->size();
  auto source = DecodeSource(*bytes, file);
  if (!source.ok()) {
    out.error = source.status().message();
    return out;
  }
  out.hash = ContentHash(*bytes);
  bytes->clear();
  bytes->shrink_to_fit();
  auto record = known.find(std::filesystem::path(file).stem().string());
  if (record != known.end() && record->second.content_hash == out.hash &&
      record->second.file == file) {
    out.unchanged = true;
    return out;
  }
  auto doc = parser.Parse(std::move(*source), &out.diag);
  if (!doc.ok()) {
    out.error = doc.status().message();
    return out;
  }
  // Numbers that cannot be read whole are warned about with the parse's notes.
  std::vector<Target> targets = extractor.ExtractDocument(*doc, &out.diag);
  out.document = doc->id;
  out.targets = static_cast<int>(targets.size());
  for (const Plan& plan : doc->plans) {
    for (const Section& s : plan.sections) out.items += static_cast<int>(s.items.size());
  }
  out.batch = IndexBatch::Make(*doc, targets, out.hash);
  return out;
}

// A queue of at most `capacity` prepared files between the two threads.
class Handoff {
 public:
  explicit Handoff(size_t capacity) : capacity_(capacity) {}
  void Push(PreparedFile f) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(f));
    ready_.notify_one();
  }
  PreparedFile Pop() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !queue_.empty(); });
    PreparedFile f = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return f;
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<PreparedFile> queue_;
};

}  // namespace

Command AddIngestCommand(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand("ingest", "Add plan files (or folders of them) to the index");
  struct Options {
    std::vector<std::string> paths;
    std::string db = "guihua-index";
  };
  auto options = std::make_shared<Options>();
  sub->add_option("paths", options->paths, "Files and folders (searched recursively)")->required();
  sub->add_option("--db", options->db, "Index folder")->capture_default_str();

  return [options, &global]() {
    auto parser = LoadStructureParser(global);
    auto extractor = LoadExtractor(global);
    if (!parser || !extractor) return 2;
    auto writer = IndexWriter::Open(options->db);
    if (!writer.ok()) {
      PrintError(writer.status().message());
      return 1;
    }
    std::vector<std::string> files = ExpandPaths(options->paths);
    uint64_t total_bytes = 0;
    std::map<std::string, IndexedFile> known;  // by document id, read before the threads start
    for (const std::string& f : files) {
      std::error_code ec;
      uintmax_t size = std::filesystem::file_size(f, ec);
      if (!ec) total_bytes += size;
      std::string id = std::filesystem::path(f).stem().string();
      if (auto record = (*writer)->Find(id); record.ok()) known[id] = *record;
    }

    Handoff handoff(2);
    std::thread preparer([&] {
      for (const std::string& f : files) handoff.Push(Prepare(f, *parser, *extractor, known, global.max_file_bytes()));
    });

    Progress progress(files.size(), total_bytes);
    std::vector<std::string> failed;
    int ingested = 0, skipped = 0, items = 0, targets = 0;
    uint64_t done_bytes = 0;
    // Files added since the last commit. A commit every 8 files: per file, each commit rewrites
    // every B-tree block the file touched; over many files, Xapian's in-memory changes grow slow
    // (see IndexWriter::Add for the figures).
    constexpr size_t kFilesPerCommit = 8;
    std::vector<PreparedFile> uncommitted;  // their names and counts (the batch is spent)
    auto commit = [&]() -> bool {
      Status committed = (*writer)->Commit();
      if (!committed.ok()) {
        // None of them is in the index: each is a failure, named as such.
        for (const PreparedFile& f : uncommitted) {
          PrintError(f.file, "not committed: " + committed.message());
          failed.push_back(f.file);
        }
      } else {
        for (const PreparedFile& f : uncommitted) {
          ++ingested;
          targets += f.targets;
          items += f.items;
        }
      }
      uncommitted.clear();
      return committed.ok();
    };
    for (size_t i = 0; i < files.size(); ++i) {
      progress.Update(i, done_bytes);
      PreparedFile p = handoff.Pop();
      done_bytes += p.bytes;
      progress.Done();
      PrintDiagnostics(p.diag);
      if (p.unchanged) {
        ++skipped;
        continue;
      }
      if (p.error.empty()) {
        if (auto prior = known.find(p.document); prior != known.end() && prior->second.file != p.file) {
          std::cerr << p.file << ": warning: replaces " << p.document << " ingested from "
                    << prior->second.file << "\n";
        }
        Status added = (*writer)->Add(std::move(*p.batch));
        if (!added.ok()) p.error = added.message();
      }
      if (!p.error.empty()) {
        PrintError(p.file, p.error);
        failed.push_back(p.file);
        continue;
      }
      p.batch.reset();
      p.diag = {};
      uncommitted.push_back(std::move(p));
      if (uncommitted.size() >= kFilesPerCommit) commit();
    }
    preparer.join();
    bool committed = commit();
    progress.Done();
    // A failed compaction leaves the index as it is, only larger.
    if (committed) {
      if (Status compacted = (*writer)->CompactIfGrown(); !compacted.ok()) {
        std::cerr << options->db << ": warning: not compacted: " << compacted.message() << "\n";
      }
    }
    double seconds = progress.Seconds();
    std::fprintf(stderr,
                 "ingest: %d files indexed (%d items, %d targets), %d unchanged skipped, %zu failed; "
                 "%.1f MB in %.1fs (%.1f MB/s) into %s\n",
                 ingested, items, targets, skipped, failed.size(), done_bytes / 1e6, seconds,
                 seconds > 0 ? done_bytes / 1e6 / seconds : 0.0, options->db.c_str());
    if (!failed.empty()) {
      std::string list;
      for (const auto& f : failed) list += (list.empty() ? "" : ", ") + f;
      PrintError("ingest", "failed: " + list);
      return 1;
    }
    return 0;
  };
}

}  // namespace guihua::cli
