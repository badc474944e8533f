// bench-writer: the CPU of the index writer apart from the work that prepares its documents, on a
// folder of plan files: parsed and extracted first (untimed), then made into index documents
// (IndexBatch::Make, on this thread) and written as `guihua ingest` writes a large run (Add on the
// index's writer threads into IndexWriter::LargeRunShards shards), then merged. Prints CPU seconds
// per part and per posting: the floor Xapian's writer sets (docs/search.md). Asserts nothing.
#include <sys/resource.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "index/index.h"
#include "structure/structure.h"

namespace fs = std::filesystem;

namespace guihua::bench {
namespace {

double ProcessCpu() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double ThreadCpu() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Options {
  std::string plans, db;
  bool prebuilt = false;  // every batch made before the first Add: the writers run alone
  int files_per_commit = IndexWriter::kLargeRunFilesPerCommit;
  int shards = 0;  // 0: IndexWriter::LargeRunShards
};

struct Parsed {
  std::vector<Document> docs;
  std::vector<std::vector<Target>> targets;
  uint64_t bytes = 0;
};

bool Parse(const Options& o, Parsed* out) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(o.plans)) {
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  Diagnostics diag;
  auto parser = StructureParser::Load(GUIHUA_SOURCE_DIR "/rules", &diag);
  auto extractor = Extractor::Load(GUIHUA_SOURCE_DIR "/rules", &diag);
  if (!parser.ok() || !extractor.ok()) {
    std::fprintf(stderr, "bench-writer: the rules do not load\n");
    return false;
  }
  for (const std::string& file : files) {
    diag.Clear();
    auto doc = (*parser)->ParseFile(file, &diag);
    if (!doc.ok()) {
      std::fprintf(stderr, "bench-writer: %s: %s\n", file.c_str(), doc.status().message().c_str());
      return false;
    }
    out->bytes += fs::file_size(file);
    out->targets.push_back((*extractor)->ExtractDocument(*doc, &diag));
    out->docs.push_back(std::move(*doc));
  }
  return true;
}

// The postings of the index at `db`: of the bigram terms, and of the boolean ones by prefix.
void CountPostings(const std::string& db) {
  Xapian::Database d(db);
  std::map<std::string, std::pair<uint64_t, uint64_t>> by_prefix;  // terms, postings
  for (auto t = d.allterms_begin(); t != d.allterms_end(); ++t) {
    const std::string prefix = !(*t).empty() && (*t)[0] == 'X' ? (*t).substr(0, 2) : "bigram";
    ++by_prefix[prefix].first;
    by_prefix[prefix].second += t.get_termfreq();
  }
  std::printf("items %u; terms and postings by prefix:", d.get_doccount());
  for (const auto& [prefix, counts] : by_prefix) {
    std::printf(" %s %llu %llu;", prefix.c_str(), static_cast<unsigned long long>(counts.first),
                static_cast<unsigned long long>(counts.second));
  }
  std::printf("\n");
}

int Run(const Options& o) {
  Parsed p;
  if (!Parse(o, &p)) return 1;
  std::error_code ec;
  fs::remove_all(o.db, ec);
  auto writer = IndexWriter::Open(o.db);
  if (!writer.ok()) {
    std::fprintf(stderr, "bench-writer: %s\n", writer.status().message().c_str());
    return 1;
  }
  const size_t shards = o.shards > 0 ? o.shards : IndexWriter::LargeRunShards(p.bytes);
  const size_t threads = std::min<size_t>(shards, IndexWriter::kLargeRunShards);
  const size_t per = (p.docs.size() + shards - 1) / shards;
  Status status = (*writer)->UseWriterThreads(static_cast<int>(shards), o.files_per_commit);
  // As ingest orders a large run: runs of consecutive files, those of a round by turns.
  std::vector<size_t> order;
  for (size_t round = 0; round < shards; round += threads) {
    for (size_t j = 0; j < per; ++j) {
      for (size_t k = round; k < round + threads && k * per + j < p.docs.size(); ++k) {
        order.push_back(k * per + j);
      }
    }
  }
  auto make = [&](size_t i) { return IndexBatch::Make(p.docs[i], p.targets[i], p.docs[i].id); };
  double made = 0;
  std::vector<IndexBatch> batches;
  if (o.prebuilt) {
    const double t = ThreadCpu();
    for (size_t i : order) batches.push_back(make(i));
    made = ThreadCpu() - t;
  }
  const auto start = std::chrono::steady_clock::now();
  const double cpu0 = ProcessCpu(), main0 = ThreadCpu();
  for (size_t n = 0; status.ok() && n < order.size(); ++n) {
    const size_t i = order[n];
    status = (*writer)->Add(o.prebuilt ? std::move(batches[n]) : make(i), i / per);
  }
  if (status.ok()) status = (*writer)->Commit();
  const double wall = Since(start), cpu1 = ProcessCpu(), main1 = ThreadCpu();
  if (!o.prebuilt) made = main1 - main0;
  if (status.ok()) status = (*writer)->CompactIfGrown();
  const double merge = ProcessCpu() - cpu1;
  if (!status.ok()) {
    std::fprintf(stderr, "bench-writer: %s\n", status.message().c_str());
    return 1;
  }
  writer->reset();
  const double writing = (cpu1 - cpu0) - (main1 - main0);
  std::printf("%zu files, %.1f MB, %zu shards, a commit every %d files%s\n", p.docs.size(),
              p.bytes / 1e6, shards, o.files_per_commit, o.prebuilt ? ", batches prebuilt" : "");
  std::printf("IndexBatch::Make %.2f CPU-s; writer threads (Add, commits) %.2f CPU-s in %.2f s; "
              "merge %.2f CPU-s\n",
              made, writing, wall, merge);
  CountPostings(o.db);  // its stub names the generation
  return 0;
}

}  // namespace
}  // namespace guihua::bench

int main(int argc, char** argv) {
  guihua::bench::Options o;
  o.db = (fs::temp_directory_path() / "guihua-bench-writer").string();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--prebuilt") {
      o.prebuilt = true;
    } else if (a == "--files-per-commit" && i + 1 < argc) {
      o.files_per_commit = std::atoi(argv[++i]);
    } else if (a == "--shards" && i + 1 < argc) {
      o.shards = std::atoi(argv[++i]);
    } else if (a == "--db" && i + 1 < argc) {
      o.db = argv[++i];
    } else if (o.plans.empty() && a[0] != '-') {
      o.plans = a;
    } else {
      std::fprintf(stderr,
                   "usage: guihua_bench_writer PLANS_DIR [--prebuilt] [--files-per-commit N] "
                   "[--shards N] [--db DIR]\n");
      return 2;
    }
  }
  if (o.plans.empty()) {
    std::fprintf(stderr, "usage: guihua_bench_writer PLANS_DIR [--prebuilt] …\n");
    return 2;
  }
  return guihua::bench::Run(o);
}
