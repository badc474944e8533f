// `guihua ingest PATH... [--db DIR]`: read → parse → extract each file and add it to the index
// (the library's Ingest, ingest/ingest.h), with progress on a terminal and one line per problem.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "common/utf8.h"
#include "ingest/ingest.h"

namespace guihua::cli {
namespace {

// Progress on a terminal: files, MB, MB/s, ETA on one line redrawn in place; the messages of the
// run, each after the progress line is cleared. File names are shown escaped where not UTF-8.
class Console : public IngestListener {
 public:
  Console() : tty_(isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

  void Started(size_t files, uint64_t bytes) override {
    files_ = files;
    bytes_ = bytes;
  }
  void Progress(size_t files_done, uint64_t bytes_done) override {
    if (!tty_) return;
    double seconds = Seconds();
    double mb = bytes_done / 1e6, rate = seconds > 0 ? mb / seconds : 0;
    double eta = rate > 0 ? (bytes_ - bytes_done) / 1e6 / rate : 0;
    std::fprintf(stderr, "\r\x1b[K[%zu/%zu files] %.1f/%.1f MB  %.1f MB/s  ETA %.0fs", files_done,
                 files_, mb, bytes_ / 1e6, rate, eta);
  }
  void Diagnosed(const std::string&, const Diagnostics& diag) override {
    Done();
    PrintDiagnostics(diag);
  }
  void Warning(const std::string& where, const std::string& message) override {
    Done();
    std::cerr << utf8::Escaped(where) << ": warning: " << message << "\n";
  }
  void Failed(const std::string& file, const std::string& error) override {
    Done();
    PrintError(utf8::Escaped(file), error);
  }
  void Done() {
    if (tty_) std::fprintf(stderr, "\r\x1b[K");
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  bool tty_;
  std::chrono::steady_clock::time_point start_;
  size_t files_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace

Command AddIngestCommand(CLI::App* sub, const GlobalOptions& global) {
  struct Options {
    std::vector<std::string> paths;
    std::string db = "guihua-index";
    std::string kind;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("paths", options->paths, "Files and folders (searched recursively)")->required();
  sub->add_option("--db", options->db, "Index folder")->capture_default_str();
  AddKindOption(sub, &options->kind);

  return [options, &global]() {
    auto parser = LoadStructureParser(global);
    auto extractor = LoadExtractor(global);
    if (!parser || !extractor) return 2;
    Console console;
    IngestOptions ingest;
    ingest.db = options->db;
    ingest.read = MakeReadOptions(global, options->kind);
    ingest.listener = &console;
    auto report = Ingest({parser.get(), extractor.get()}, options->paths, ingest);
    console.Done();
    if (!report.ok()) {
      PrintError(report.status().message());
      return 1;
    }
    double seconds = report->seconds;
    std::fprintf(
        stderr,
        "ingest: %d files indexed (%d items, %d targets), %d unchanged skipped, %zu failed; "
        "%.1f MB in %.1fs (%.1f MB/s) into %s\n",
        report->indexed, report->items, report->targets, report->unchanged, report->failed.size(),
        report->bytes / 1e6, seconds, seconds > 0 ? report->bytes / 1e6 / seconds : 0.0,
        options->db.c_str());
    if (!report->failed.empty()) {
      std::string list;
      for (const auto& f : report->failed) list += (list.empty() ? "" : ", ") + utf8::Escaped(f);
      PrintError("ingest", "failed: " + list);
      return 1;
    }
    return 0;
  };
}

}  // namespace guihua::cli
