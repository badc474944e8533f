// The tools researchers use today, driven the way the search benchmark needs them: SQLite FTS5 with
// the trigram tokenizer (in-process, sqlite3 C API) and ripgrep (one process per query), plus
// the process spawning both the benchmark and the guihua ingest run need.
#ifndef GUIHUA_TOOLS_BENCH_SEARCH_PEERS_H_
#define GUIHUA_TOOLS_BENCH_SEARCH_PEERS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace guihua::bench {

// One goal, measure or other paragraph, as guihua stores it (printed text, whitespace removed).
struct BenchItem {
  std::string document, district, domain, block, text;
};

// A benchmark query: words (AND), one phrase, or a phrase with one facet filter.
struct BenchQuery {
  enum class Kind { kWords, kPhrase, kFiltered } kind = Kind::kWords;
  std::vector<std::string> words;  // kWords: 1 or 2 words; otherwise the phrase alone
  std::string filter_field;        // kFiltered: "district" or "domain"
  std::string filter_value;
};

const char* KindName(BenchQuery::Kind kind);

// The p-quantile (0 < p ≤ 1) of `v` by rank: the value at rank ceil(p × n); NAN when `v` is empty.
double Percentile(std::vector<double> v, double p);

// A child process run to completion.
struct ChildRun {
  int exit_code = -1;  // -1 when it could not start or died of a signal
  double seconds = 0;
  long max_rss_kb = 0;
  std::string out;  // its stdout when captured
};

// Runs argv[0] (searched in PATH when it has no slash) with posix_spawn, so a large parent does
// not pay for a fork. stdout is captured when `stdout_path` is empty, else written there (as is
// stderr to `stderr_path`; "" discards it).
ChildRun Spawn(const std::vector<std::string>& argv, const std::string& stdout_path = "",
               const std::string& stderr_path = "");

// Disk use of a file or folder in bytes, as du counts it (allocated blocks).
uint64_t DiskUsage(const std::string& path);

// SQLite FTS5, one row per item: district, domain, block (unindexed) and text (trigram).
class Fts5 {
 public:
  // Creates the database at `path` (replacing any) and loads `items` in one transaction, then
  // merges the segments ('optimize'), as one would before serving queries.
  static std::unique_ptr<Fts5> Build(const std::string& path, const std::vector<BenchItem>& items,
                                     std::string* error);
  ~Fts5();

  // The top 10 by BM25 and the exact number of matching items, as guihua returns them. Words of
  // fewer than 3 characters cannot use the trigram index: they become instr(text, w) (a full scan),
  // and a query made only of them has no rank to order by. -1 on an SQL error.
  long Search(const BenchQuery& q);

 private:
  explicit Fts5(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// ripgrep over one file per plan file, one item per line as "domain<TAB>block<TAB>text".
class Ripgrep {
 public:
  // Writes the files under `dir` (replacing it).
  static std::unique_ptr<Ripgrep> Build(const std::string& dir, const std::vector<BenchItem>& items,
                                        std::string* error);

  // Spawns one `rg` and returns the number of matching items (lines), -1 when rg failed. A
  // district filter searches only that district's files; a domain filter and a two-word AND need
  // a regular expression instead of -F.
  long Search(const BenchQuery& q);

 private:
  Ripgrep() = default;
  std::string dir_;
  std::vector<std::pair<std::string, std::string>> files_;  // path, district
};

}  // namespace guihua::bench

#endif  // GUIHUA_TOOLS_BENCH_SEARCH_PEERS_H_
