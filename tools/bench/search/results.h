// bench-search's files in its workdir besides the printed table: the corpus digest (digest.tsv),
// one row per engine (results.tsv), and an earlier run's peer rows read back (--peer-results DIR),
// so that guihua alone can be measured again against peers that do not change.
#ifndef GUIHUA_TOOLS_BENCH_SEARCH_RESULTS_H_
#define GUIHUA_TOOLS_BENCH_SEARCH_RESULTS_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace guihua::bench {

// How one engine built its index (NAN where it has no such figure: rg has no index).
struct BuildRow {
  std::string tool;
  double seconds = NAN, input_mb = NAN, rss_mb = NAN, index_mb = NAN;
};

// Latencies (ms) and totals of one engine over all queries, in query order.
struct ToolRun {
  std::vector<double> ms;
  std::vector<long> totals;
};

// What a run measured on: runs with equal digests (but the date) measured the same plan files.
struct Digest {
  std::string date;    // UTC, when the run started
  std::string commit;  // guihua's source (git describe), "" when not known
  std::string load;    // the machine's 1-minute load average at the start and end, "0.52 / 1.10"
  uint64_t files = 0, seed = 0, text_bytes = 0;
  uint64_t list_hash = 0;  // FNV-1a of every "name<TAB>size<LF>" in name order
  uint64_t items = 0, item_bytes = 0, queries = 0;  // 0 when not known (an older run)
};

// The digest of plan files `files` (full paths, sorted); items and queries are filled by the
// caller.
Digest CorpusDigest(const std::vector<std::string>& files, uint64_t seed);

void WriteDigest(const std::string& path, const Digest& d);

// DIR/digest.tsv, or for a run older than that file the digest of DIR/plans (the corpus it kept),
// dated by that folder. False with `error` when neither is there.
bool ReadDigest(const std::string& dir, Digest* d, std::string* error);

// "" when `a` and `b` describe the same corpus and queries, else what differs ("plan files 20 ≠
// 40").
std::string DigestDifference(const Digest& a, const Digest& b);

// /proc/loadavg's 1-minute figure ("" where there is none): a quiet machine shows below 1 or so.
std::string LoadAverage();

// One row of results.tsv: the build figures, p50/p99 per kind (words, phrases, filtered), how many
// queries' totals equal guihua's of those both ran ("" for guihua's own rows), where the row was
// measured, and how many queries it ran ("37 of 500" when its query budget stopped it; "-" for a
// build-only row).
struct ResultRow {
  BuildRow build;
  std::vector<double> latency;
  std::string agreement, source, queries;
};

void WriteResults(const std::string& path, double text_mb, const std::vector<ResultRow>& rows);

// An earlier run's rows of every engine but guihua, and their per-query times and totals.
struct PeerResults {
  std::string source;  // "DIR (date)" of the run that measured them (the first, when reused again)
  std::vector<BuildRow> builds;
  std::vector<ToolRun> runs;
};

// Reads the peers of the run in `dir`: per-query times and totals from DIR/queries.tsv, whose
// queries must be `query_keys` ("kind<TAB>query<TAB>filter", in order; a peer's run ends at its
// first "-", the queries its budget left out); build figures from
// DIR/results.tsv, or for an older run from its printed table (`table_path`, "" when none).
bool ReadPeerResults(const std::string& dir, const std::string& table_path,
                     const std::vector<std::string>& query_keys, PeerResults* out,
                     std::string* error);

}  // namespace guihua::bench

#endif  // GUIHUA_TOOLS_BENCH_SEARCH_RESULTS_H_
