// search-queries: the queries of a bench-search run (WORKDIR/queries.tsv) on a guihua index,
// in-process, as bench-search asks them (top 10 and the exact total); bench-search runs guihua's
// queries with it, as each peer's run in a process of their own. Prints each kind's p50/p99, the
// totals' checksum and its peak RSS ("peak RSS N kB", its VmHWM); under valgrind
// --tool=callgrind, the instructions of the whole set, which do not move with the machine's load
// as wall times do. A benchmark: it asserts nothing.
// Usage: guihua_search_queries --db DIR [--db DIR|tcp://HOST:PORT …] --queries QUERIES_TSV
//          [--kind words|phrases|filtered] [--first N] [--warmup N] [--totals FILE] [--page-totals]
//   several --db: searched as one (shards); --first N: the first N queries only; --warmup N: the
//   first N queries run once untimed before (bench-search warms up with 20); --totals FILE: each
//   query's kind, total (-1 for an error) and ms, a line each, for comparing two setups;
//   --page-totals: totals as `guihua search` gives them by default (a lower bound past the page
//   where a literal is checked over tcp shards), not exact; --answers FILE: each query's total and
//   hits (document, line, score, marks), a line each, to compare the answers of two builds;
//   --decode-mb MB: the budget of the common posting lists decoded in memory before the queries
//   (IndexReader::DecodeCommonPostings, as the server's readers; 0: none, Xapian's lists only).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "index/index.h"
#include "peers.h"

namespace {

struct Query {
  std::string kind, text, filter_field, filter_value;
};

// kind TAB query TAB filter ("--district X", "--domain X" or "") [TAB …], after a header line.
std::vector<Query> ReadQueries(const std::string& path, const std::string& only_kind) {
  std::vector<Query> queries;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    for (size_t start = 0;;) {
      size_t tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
      if (tab == std::string::npos || cells.size() == 3) break;
      start = tab + 1;
    }
    if (cells.size() < 3 || (!only_kind.empty() && cells[0] != only_kind)) continue;
    Query q{cells[0], cells[1], "", ""};
    if (cells[2].rfind("--", 0) == 0) {
      size_t space = cells[2].find(' ');
      q.filter_field = cells[2].substr(2, space - 2);
      q.filter_value = cells[2].substr(space + 1);
    }
    queries.push_back(q);
  }
  return queries;
}

// As bench-search asks: the top 10 and the exact total (unless `exact` is false).
guihua::SearchRequest Request(const Query& q, bool exact) {
  guihua::SearchRequest request;
  request.query = q.text;
  request.limit = 10;
  request.exact_total = exact;
  if (q.filter_field == "district") request.filters.district = q.filter_value;
  if (q.filter_field == "domain") request.filters.domain = q.filter_value;
  return request;
}

// This process's peak RSS in kB (VmHWM), 0 where /proc does not say.
long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

// One line: the query, its total and exactness, then each hit's document, line, score and marks.
void WriteAnswer(std::FILE* out, const Query& q, const guihua::SearchResult& result) {
  std::fprintf(out, "%s\t%s\t%s %s\t%zu%s", q.kind.c_str(), q.text.c_str(), q.filter_field.c_str(),
               q.filter_value.c_str(), result.total, result.total_exact ? "" : "+");
  for (const auto& hit : result.hits) {
    std::fprintf(out, "\t%s:%d %.17g", hit.document.c_str(), hit.line, hit.score);
    for (const auto& [begin, end] : hit.marks) std::fprintf(out, " %zu-%zu", begin, end);
  }
  std::fputc('\n', out);
}

struct Options {
  std::vector<std::string> dbs;
  std::string queries_path, kind, totals_path, answers_path;
  int warmup = 0;
  size_t first = SIZE_MAX;
  size_t decode_mb = guihua::IndexReader::kCommonPostingsMb;
  bool exact = true;
};

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--page-totals") {
      o->exact = false;
      continue;
    }
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (a == "--db") o->dbs.push_back(v);
    if (a == "--queries") o->queries_path = v;
    if (a == "--kind") o->kind = v;
    if (a == "--totals") o->totals_path = v;
    if (a == "--answers") o->answers_path = v;
    if (a == "--warmup") o->warmup = std::atoi(v.c_str());
    if (a == "--first") o->first = std::strtoull(v.c_str(), nullptr, 10);
    if (a == "--decode-mb") o->decode_mb = std::strtoull(v.c_str(), nullptr, 10);
  }
  return !o->dbs.empty() && !o->queries_path.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) {
    std::fprintf(stderr,
                 "usage: guihua_search_queries --db DIR [--db …] --queries QUERIES_TSV [--kind K] "
                 "[--first N] [--warmup N] [--totals FILE] [--answers FILE] [--page-totals] "
                 "[--decode-mb MB]\n");
    return 1;
  }
  auto reader = guihua::IndexReader::Open(o.dbs);
  if (!reader.ok()) {
    std::fprintf(stderr, "search-queries: %s\n", reader.status().message().c_str());
    return 1;
  }
  if (o.decode_mb > 0) {  // as a long-lived reader (the server, the Python module) does
    auto start = std::chrono::steady_clock::now();
    (*reader)->DecodeCommonPostings(o.decode_mb);
    std::string held = (*reader)->AwaitCommonPostings();
    double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("common postings: %s (waited %.2f s)\n", held.empty() ? "none" : held.c_str(),
                waited);
  }
  std::map<std::string, std::vector<double>> ms;
  std::ofstream totals;
  if (!o.totals_path.empty()) totals.open(o.totals_path);
  std::FILE* answers = o.answers_path.empty() ? nullptr : std::fopen(o.answers_path.c_str(), "w");
  unsigned long long checksum = 0;
  std::vector<Query> queries = ReadQueries(o.queries_path, o.kind);
  if (queries.size() > o.first) queries.resize(o.first);
  for (int i = 0; i < o.warmup && i < static_cast<int>(queries.size()); ++i) {
    (void)(*reader)->Search(Request(queries[i], o.exact));
  }
  for (const Query& q : queries) {
    guihua::SearchRequest request = Request(q, o.exact);
    auto start = std::chrono::steady_clock::now();
    auto result = (*reader)->Search(request);
    double elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ms[q.kind].push_back(elapsed);
    if (totals.is_open()) {
      totals << q.kind << '\t' << (result.ok() ? static_cast<long long>(result->total) : -1) << '\t'
             << elapsed << '\n';
    }
    if (!result.ok()) {
      std::fprintf(stderr, "search-queries: %s: %s\n", q.text.c_str(),
                   result.status().message().c_str());
      continue;
    }
    if (answers != nullptr) WriteAnswer(answers, q, *result);
    checksum = checksum * 31 + result->total;
    for (const auto& hit : result->hits) {
      checksum = checksum * 31 + hit.line;
      for (const auto& [begin, end] : hit.marks) checksum = (checksum * 31 + begin) * 31 + end;
    }
  }
  for (const auto& [k, v] : ms) {
    std::printf("%-9s %4zu queries  p50 %.3f ms  p99 %.3f ms\n", k.c_str(), v.size(),
                guihua::bench::Percentile(v, 0.5), guihua::bench::Percentile(v, 0.99));
  }
  std::printf("checksum of totals, hits and marks: %llu\n", checksum);
  std::printf("peak RSS %ld kB\n", PeakRssKb());
  if (answers != nullptr) std::fclose(answers);
  return 0;
}
