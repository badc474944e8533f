// `guihua ingest`, `search`, `stats` and `remove`: the commands that write or read the index.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "index/index.h"
#include "render/search_results.h"
#include "render/targets.h"

namespace guihua::cli {
namespace {

constexpr char kDefaultDb[] = "guihua-index";
constexpr int kMaxLimit = 1000;

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

bool ReadAll(const std::string& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  *bytes = buf.str();
  return true;
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

void AddDbOption(CLI::App* sub, std::string* db) {
  sub->add_option("--db", *db, "Index folder")->capture_default_str();
}

}  // namespace

Command AddIngestCommand(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand("ingest", "Add plan files (or folders of them) to the index");
  struct Options {
    std::vector<std::string> paths;
    std::string db = kDefaultDb;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("paths", options->paths, "Files and folders (searched recursively)")->required();
  AddDbOption(sub, &options->db);

  return [options, &global]() {
    auto parser = LoadStructureParser(global);
    auto extractor = LoadExtractor(global);
    if (!parser || !extractor) return 2;
    auto writer = IndexWriter::Open(options->db);
    if (!writer.ok()) {
      PrintError(options->db, writer.status().message());
      return 1;
    }
    std::vector<std::string> files = ExpandPaths(options->paths);
    uint64_t total_bytes = 0;
    for (const std::string& f : files) {
      std::error_code ec;
      uintmax_t size = std::filesystem::file_size(f, ec);
      if (!ec) total_bytes += size;
    }
    Progress progress(files.size(), total_bytes);
    std::vector<std::string> failed;
    int ingested = 0, skipped = 0, items = 0, targets = 0;
    uint64_t done_bytes = 0;
    for (size_t i = 0; i < files.size(); ++i) {
      const std::string& file = files[i];
      progress.Update(i, done_bytes);
      std::string bytes;
      bool readable = ReadAll(file, &bytes);
      done_bytes += bytes.size();
      auto fail = [&](const std::string& why) {
        progress.Done();
        PrintError(file, why);
        failed.push_back(file);
      };
      Diagnostics diag;
      auto source = readable ? DecodeSource(bytes, file) : ReadSource(file);
      if (!source.ok()) {
        fail(source.status().message());
        continue;
      }
      std::string hash = ContentHash(bytes);
      auto doc = parser->Parse(std::move(*source), &diag);
      if (!doc.ok()) {
        PrintDiagnostics(diag);
        fail(doc.status().message());
        continue;
      }
      auto known = (*writer)->Find(doc->id);
      if (known.ok() && known->content_hash == hash && known->file == file) {
        ++skipped;
        continue;
      }
      progress.Done();
      PrintDiagnostics(diag);
      if (known.ok() && known->file != file) {
        std::cerr << file << ": warning: replaces " << doc->id << " ingested from " << known->file
                  << "\n";
      }
      std::vector<Target> found = extractor->ExtractDocument(*doc);
      std::vector<std::string> json;
      json.reserve(found.size());
      for (const Target& t : found) json.push_back(TargetToJson(*doc, t));
      Status added = (*writer)->Add(*doc, found, json, hash);
      if (!added.ok()) {
        fail(added.message());
        continue;
      }
      ++ingested;
      targets += static_cast<int>(found.size());
      for (const Plan& p : doc->plans) {
        for (const Section& s : p.sections) items += static_cast<int>(s.items.size());
      }
    }
    Status committed = (*writer)->Commit();
    progress.Done();
    if (!committed.ok()) {
      PrintError(options->db, committed.message());
      return 1;
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

Command AddSearchCommand(CLI::App& app, const GlobalOptions&) {
  auto* sub = app.add_subcommand("search", "Search goals, measures and other paragraphs");
  struct Options {
    std::string query;
    std::vector<std::string> dbs;
    SearchRequest request;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  sub->add_option("query", options->query,
                  "Words, \"phrases\", AND/OR/NOT, ( ), field:value (district:北关区 domain:children.family)")
      ->required();
  // One value per --db, so that the query after it is not taken for a second database.
  sub->add_option("--db", options->dbs, "Index folder or tcp://HOST:PORT; repeat to search shards as one")
      ->allow_extra_args(false);
  SearchFilters& f = options->request.filters;
  sub->add_option("--province", f.province);
  sub->add_option("--city", f.city);
  sub->add_option("--district", f.district);
  sub->add_option("--plan", f.plan)->check(CLI::IsMember({"women", "children"}));
  sub->add_option("--domain", f.domain, "Domain id, e.g. women.health");
  sub->add_option("--block", f.block)->check(CLI::IsMember({"goal", "measure", "other"}));
  sub->add_option("--indicator", f.indicator, "Indicator id, e.g. maternal_mortality");
  sub->add_option("--period", f.period, "e.g. 2021-2030");
  sub->add_option("--limit", options->request.limit)->check(CLI::Range(0, kMaxLimit))->capture_default_str();
  sub->add_option("--offset", options->request.offset)->check(CLI::NonNegativeNumber);
  sub->add_flag("--facets", options->request.facets, "Counts per district, domain and block");
  sub->add_option("--format", options->format)->check(CLI::IsMember({"table", "json"}))->capture_default_str();

  return [options]() {
    if (options->dbs.empty()) options->dbs.push_back(kDefaultDb);
    auto reader = IndexReader::Open(options->dbs);
    if (!reader.ok()) {
      PrintError(options->dbs[0], reader.status().message());
      return 1;
    }
    options->request.query = options->query;
    auto result = (*reader)->Search(options->request);
    if (!result.ok()) {
      PrintError("search", result.status().message());
      return 1;
    }
    if (options->format == "json") {
      std::cout << SearchResultToJson(*result, {"«", "»", false}) << "\n";
    } else {
      bool tty = isatty(STDOUT_FILENO);
      std::cout << SearchResultToText(*result, tty ? SnippetStyle{"\x1b[1m", "\x1b[0m", false}
                                                   : SnippetStyle{"«", "»", false});
    }
    return 0;
  };
}

Command AddStatsCommand(CLI::App& app, const GlobalOptions&) {
  auto* sub = app.add_subcommand("stats", "Documents, plans, items and targets per district");
  struct Options {
    std::vector<std::string> dbs;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
  sub->add_option("--db", options->dbs, "Index folder or tcp://HOST:PORT (repeatable)")->allow_extra_args(false);
  sub->add_option("--format", options->format)->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  return [options]() {
    if (options->dbs.empty()) options->dbs.push_back(kDefaultDb);
    auto reader = IndexReader::Open(options->dbs);
    if (!reader.ok()) {
      PrintError(options->dbs[0], reader.status().message());
      return 1;
    }
    auto files = (*reader)->Files();
    std::cout << (options->format == "json" ? StatsJson(files) + "\n" : StatsTable(files));
    return 0;
  };
}

Command AddRemoveCommand(CLI::App& app, const GlobalOptions&) {
  auto* sub = app.add_subcommand("remove", "Remove a file (by path or document id) from the index");
  struct Options {
    std::vector<std::string> targets;
    std::string db = kDefaultDb;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("files", options->targets, "Paths as ingested, or document ids")->required();
  AddDbOption(sub, &options->db);
  return [options]() {
    auto writer = IndexWriter::Open(options->db);
    if (!writer.ok()) {
      PrintError(options->db, writer.status().message());
      return 1;
    }
    int failures = 0;
    for (const std::string& t : options->targets) {
      auto removed = (*writer)->Remove(t);
      if (!removed.ok()) {
        PrintError(t, removed.status().message());
        ++failures;
      } else {
        std::cerr << "removed " << t << " (" << *removed << " items)\n";
      }
    }
    return failures == 0 ? 0 : 1;
  };
}

}  // namespace guihua::cli
