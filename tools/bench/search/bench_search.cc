// bench-search: guihua's ingest and search side by side with SQLite FTS5 (trigram) and ripgrep on
// a folder of plan files (tools/make-corpus). Measures ingest end to end (wall, MB/s, peak RSS),
// index size, and per-query latency of words, phrases and filtered phrases: guihua's and each
// external peer's in a process of its own, FTS5 in this one, rg one process per query (as people
// run it). A benchmark: it prints, it asserts nothing.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/rng.h"
#include "common/utf8.h"
#include "extract/extract.h"
#include "index/index.h"
#include "peers.h"
#include "results.h"
#include "structure/structure.h"
#include "tokenize/tokenize.h"

namespace fs = std::filesystem;

namespace guihua::bench {
namespace {

constexpr int kLimit = 10;   // hits per query, as `guihua search` shows by default
constexpr int kWarmup = 20;  // queries run once per tool before measuring
// A peer with a query budget stops its warm-up once it has used this share of the budget.
constexpr double kWarmupShare = 0.1;
// A peer is a column's best only if its totals equal guihua's on this share of the queries it ran.
constexpr double kAgreeShare = 0.95;

using Rng = tools::Rng;

// A peer run as its own process (tools/bench/search/: the Lucene program, the Groonga and
// PostgreSQL drivers): argv, then the bench appends INDEX_DIR ITEMS_TSV QUERIES_TSV WARMUP.
struct ExternalPeer {
  std::string name;
  std::vector<std::string> argv;
};

struct Options {
  std::string plans, workdir, guihua;
  std::vector<ExternalPeer> peers;
  bool fts5 = true, rg = true;           // the in-process peers (--local-peers fts5,rg)
  double budget_s = 0;                   // each peer's query time (--peer-budget-s), 0 = none
  std::string peer_results, peer_table;  // an earlier run whose peer rows are reused
  std::string commit;                    // guihua's source, for digest.tsv
  int queries = 500;
  uint64_t seed = 1;
  std::string rules = GUIHUA_SOURCE_DIR "/rules";
};

// What the process of guihua's queries (guihua_search_queries) says of itself: its peak RSS and
// the posting lists it decoded before its warm-up ("" when none), as a long-lived reader does.
struct QueryProcess {
  double rss_mb = NAN;
  std::string postings;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// This process's CPU seconds and its waited-for children's (user + system).
double CpuSeconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    struct rusage u {};
    getrusage(who, &u);
    total +=
        u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  }
  return total;
}

// Where a run's time goes, measured or not: each phase's wall and CPU seconds and this process's
// peak RSS so far, printed as it ends and written to WORKDIR/phases.tsv. CPU time, unlike wall
// time, hardly moves with the machine's load (a server a peer starts, PostgreSQL's, is not a
// waited-for child: its CPU is not counted).
class PhaseLog {
 public:
  void End(const std::string& name) {
    double wall = Seconds(wall_), cpu = CpuSeconds() - cpu_;
    struct rusage self {};
    getrusage(RUSAGE_SELF, &self);
    double rss_mb = self.ru_maxrss / 1024.0;
    std::fprintf(stderr, "bench-search: phase %s: %.1f s (CPU %.1f s; bench peak RSS %.0f MB)\n",
                 name.c_str(), wall, cpu, rss_mb);
    rows_.push_back({name, wall, cpu, rss_mb});
    Restart();
  }
  void Restart() {
    wall_ = std::chrono::steady_clock::now();
    cpu_ = CpuSeconds();
  }
  void Write(const std::string& path) const {
    std::ofstream out(path);
    out << "phase\twall_s\tcpu_s\tbench_peak_rss_mb\n";
    for (const Row& r : rows_) {
      out << r.name << '\t' << r.wall << '\t' << r.cpu << '\t' << r.rss_mb << '\n';
    }
  }

 private:
  struct Row {
    std::string name;
    double wall, cpu, rss_mb;
  };
  std::chrono::steady_clock::time_point wall_ = std::chrono::steady_clock::now();
  double cpu_ = CpuSeconds();
  std::vector<Row> rows_;
};

PhaseLog& Phases() {
  static PhaseLog log;
  return log;
}

std::vector<std::string> PlanFiles(const std::string& dir, uint64_t* bytes) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  *bytes = 0;
  for (const std::string& f : files) *bytes += fs::file_size(f, ec);
  return files;
}

struct IngestRun {
  double seconds = 0;
  long max_rss_kb = 0;
  uint64_t index_bytes = 0;
  std::string summary;  // guihua's own last stderr line
};

bool Ingest(const Options& o, const std::string& db, IngestRun* out) {
  std::error_code ec;
  fs::remove_all(db, ec);
  std::string log = o.workdir + "/ingest.log";
  ChildRun run = Spawn({o.guihua, "ingest", o.plans, "--db", db}, o.workdir + "/ingest.out", log);
  std::ifstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("ingest:", 0) == 0) out->summary = line;
  }
  if (run.exit_code != 0) {
    std::fprintf(stderr, "bench-search: guihua ingest exited %d (see %s)\n", run.exit_code,
                 log.c_str());
    return false;
  }
  out->seconds = run.seconds;
  out->max_rss_kb = run.max_rss_kb;
  out->index_bytes = DiskUsage(db);
  return true;
}

// Every item of every file, as guihua indexes them, for the peers to load; the parsed documents
// too, for guihua's own index-only build.
bool LoadItems(const Options& o, const std::vector<std::string>& files,
               std::vector<BenchItem>* items, std::vector<Document>* docs) {
  Diagnostics diag;
  auto parser = StructureParser::Load(o.rules, &diag);
  if (!parser.ok()) {
    std::fprintf(stderr, "bench-search: %s: %s\n", o.rules.c_str(),
                 parser.status().message().c_str());
    return false;
  }
  for (const std::string& file : files) {
    diag.Clear();
    auto doc = (*parser)->ParseFile(file, &diag);
    if (!doc.ok()) {
      std::fprintf(stderr, "bench-search: %s: %s\n", file.c_str(), doc.status().message().c_str());
      return false;
    }
    for (const Plan& plan : doc->plans) {
      for (const Section& section : plan.sections) {
        for (const Item& item : section.items) {
          items->push_back({doc->id, doc->region.district, section.id, BlockKindName(item.block),
                            SourceQuote(doc->working, item.begin, item.end, doc->source)});
        }
      }
    }
    docs->push_back(std::move(*doc));
  }
  return true;
}

// guihua's second build row, as the peers build: the documents parsed (and here also extracted)
// beforehand, untimed; then indexed as `guihua ingest` indexes a large run (IndexBatch::Make on
// this thread, Add on the index's writer threads into IndexWriter::LargeRunShards shards, each
// committing every few of its files, and the compaction that merges them).
bool IndexParsed(const Options& o, const std::vector<Document>& docs, double item_mb,
                 uint64_t text_bytes, BuildRow* row) {
  Diagnostics diag;
  auto extractor = Extractor::Load(o.rules, &diag);
  if (!extractor.ok()) {
    std::fprintf(stderr, "bench-search: %s: %s\n", o.rules.c_str(),
                 extractor.status().message().c_str());
    return false;
  }
  std::vector<std::vector<Target>> targets;
  for (const Document& doc : docs) targets.push_back((*extractor)->ExtractDocument(doc, &diag));
  std::string db = o.workdir + "/guihua-parsed-db";
  std::error_code ec;
  fs::remove_all(db, ec);
  auto start = std::chrono::steady_clock::now();
  auto writer = IndexWriter::Open(db);
  // As ingest cuts a large run: as many runs of consecutive documents as shards, the runs of a
  // round (one per writer thread) taken by turns.
  const size_t shards = IndexWriter::LargeRunShards(text_bytes);
  const size_t threads = std::min<size_t>(shards, IndexWriter::kLargeRunShards);
  const size_t per = (docs.size() + shards - 1) / shards;
  Status status = writer.ok() ? (*writer)->UseWriterThreads(static_cast<int>(shards),
                                                            IndexWriter::kLargeRunFilesPerCommit)
                              : writer.status();
  for (size_t round = 0; round < shards; round += threads) {
    for (size_t j = 0; j < per; ++j) {
      for (size_t k = round; status.ok() && k < round + threads && k * per + j < docs.size(); ++k) {
        const size_t i = k * per + j;
        status = (*writer)->Add(IndexBatch::Make(docs[i], targets[i], docs[i].id), k);
      }
    }
  }
  if (status.ok()) status = (*writer)->Commit();
  if (status.ok() && !(*writer)->TakeFailures().empty()) {
    status = Status::Internal("a file was not indexed");
  }
  if (status.ok()) status = (*writer)->CompactIfGrown();
  if (!status.ok()) {
    std::fprintf(stderr, "bench-search: index of parsed items: %s\n", status.message().c_str());
    return false;
  }
  *row = {"guihua parsed", Seconds(start), item_mb, NAN, DiskUsage(db) / 1e6};
  return true;
}

std::vector<char32_t> CodePoints(const std::string& s) {
  std::vector<char32_t> out;
  size_t pos = 0;
  while (pos < s.size()) out.push_back(utf8::Next(s, pos));
  return out;
}

std::string Encode(const std::vector<char32_t>& cps, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) utf8::Append(cps[i], out);
  return out;
}

// A run of 4–12 Han characters of `text` ("家庭教育指导服务站点"), "" when it has none that long.
std::string DrawPhrase(const std::string& text, Rng& rng) {
  std::vector<char32_t> cps = CodePoints(text);
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < cps.size();) {
    size_t j = i;
    while (j < cps.size() && utf8::IsHan(cps[j])) ++j;
    if (j - i >= 4) runs.emplace_back(i, j);
    i = std::max(j, i + 1);
  }
  if (runs.empty()) return "";
  auto [begin, end] = runs[rng.Below(runs.size())];
  size_t length = std::min<size_t>(4 + rng.Below(9), end - begin);
  size_t start = begin + rng.Below(end - begin - length + 1);
  return Encode(cps, start, start + length);
}

// One or two ICU words of 2–4 Han characters from `text` (both from it, so their AND has a hit).
std::vector<std::string> DrawWords(const std::string& text, Tokenizer& tokenizer, Rng& rng) {
  std::vector<std::string> words;
  for (const std::string& w : tokenizer.Words(text)) {
    std::vector<char32_t> cps = CodePoints(w);
    if (cps.size() >= 2 && cps.size() <= 4 && std::all_of(cps.begin(), cps.end(), utf8::IsHan)) {
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
    }
  }
  if (words.empty()) return {};
  std::vector<std::string> out = {words[rng.Below(words.size())]};
  if (rng.Below(2) == 0 && words.size() > 1) {
    std::string second;
    do second = words[rng.Below(words.size())];
    while (second == out[0]);
    out.push_back(second);
  }
  return out;
}

// Q queries in turn words, phrase, filtered, drawn from goal and measure items.
std::vector<BenchQuery> DrawQueries(const std::vector<BenchItem>& items, int count, uint64_t seed) {
  std::vector<const BenchItem*> pool;
  for (const BenchItem& item : items) {
    if (item.block != "other") pool.push_back(&item);
  }
  auto tokenizer = Tokenizer::Create();
  Rng rng(seed);
  std::vector<BenchQuery> queries;
  int filtered = 0;
  while (static_cast<int>(queries.size()) < count && !pool.empty() && tokenizer.ok()) {
    const BenchItem& item = *pool[rng.Below(pool.size())];
    BenchQuery q;
    q.kind = static_cast<BenchQuery::Kind>(queries.size() % 3);
    if (q.kind == BenchQuery::Kind::kWords) {
      q.words = DrawWords(item.text, **tokenizer, rng);
    } else {
      std::string phrase = DrawPhrase(item.text, rng);
      if (!phrase.empty()) q.words = {phrase};
    }
    if (q.words.empty()) continue;
    if (q.kind == BenchQuery::Kind::kFiltered) {
      bool by_district = filtered++ % 2 == 0;
      q.filter_field = by_district ? "district" : "domain";
      q.filter_value = by_district ? item.district : item.domain;
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

std::string QueryText(const BenchQuery& q) {
  if (q.kind == BenchQuery::Kind::kWords)
    return q.words.size() == 1 ? q.words[0] : q.words[0] + " " + q.words[1];
  return "\"" + q.words[0] + "\"";
}

// Runs the warm-up, then the queries in order, timing each. With a budget (seconds, 0 = none)
// no query is started once the measured ones have used it (the warm-up stops at kWarmupShare of
// it): the run then holds the first n queries, a fair sample of the three kinds as they are
// drawn in turn.
ToolRun Measure(const std::vector<BenchQuery>& queries,
                const std::function<long(const BenchQuery&)>& search, double budget_s = 0) {
  auto warm = std::chrono::steady_clock::now();
  for (int i = 0; i < std::min<int>(kWarmup, queries.size()); ++i) {
    search(queries[i]);
    if (budget_s > 0 && Seconds(warm) >= budget_s * kWarmupShare) break;
  }
  ToolRun run;
  auto begin = std::chrono::steady_clock::now();
  for (const BenchQuery& q : queries) {
    if (budget_s > 0 && Seconds(begin) >= budget_s) break;
    auto start = std::chrono::steady_clock::now();
    long total = search(q);
    run.ms.push_back(Seconds(start) * 1000);
    run.totals.push_back(total);
  }
  return run;
}

// p50 and p99 per kind, in kind order, over the queries the run holds (the first n).
std::vector<double> Latencies(const std::vector<BenchQuery>& queries, const ToolRun& run) {
  std::vector<double> out;
  for (int k = 0; k < 3; ++k) {
    std::vector<double> ms;
    for (size_t i = 0; i < run.ms.size() && i < queries.size(); ++i) {
      if (static_cast<int>(queries[i].kind) == k) ms.push_back(run.ms[i]);
    }
    out.push_back(Percentile(ms, 0.50));
    out.push_back(Percentile(ms, 0.99));
  }
  return out;
}

std::string Fixed(double v, int decimals) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Milliseconds with about three significant digits.
std::string Ms(double v) { return Fixed(v, v < 1 ? 3 : v < 10 ? 2 : v < 100 ? 1 : 0); }

void PrintRow(const std::vector<std::string>& cells) {
  static const int kWidths[] = {24, 8, 8, 9, 9, 7, 9, 9, 9, 9, 9, 9};
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    char buf[64];
    int pad = kWidths[i] + static_cast<int>(cells[i].size() - utf8::DisplayWidth(cells[i]));
    std::snprintf(buf, sizeof buf, i == 0 ? "%-*s" : " %*s", pad, cells[i].c_str());
    line += buf;
  }
  std::printf("%s\n", line.c_str());
}

std::vector<std::string> BuildCells(const BuildRow& b, double text_mb) {
  return {b.tool, Fixed(b.seconds, 1), Fixed(b.input_mb / b.seconds, 2), Fixed(b.rss_mb, 0),
          Fixed(b.index_mb, 0), Fixed(b.index_mb / text_mb, 2)};
}

// How many of the queries both runs answered have equal totals: "same/both".
std::string Agreement(const ToolRun& a, const ToolRun& b) {
  size_t both = std::min(a.totals.size(), b.totals.size()), same = 0;
  for (size_t i = 0; i < both; ++i) same += a.totals[i] == b.totals[i];
  return std::to_string(same) + "/" + std::to_string(both);
}

// A peer may be a column's best when its totals equal guihua's on kAgreeShare of the queries it
// ran (lucene-smartcn's segmented words differ by design; a peer that finds other things is not
// faster at the same work).
bool Agrees(const ToolRun& guihua, const ToolRun& peer) {
  size_t both = std::min(guihua.totals.size(), peer.totals.size()), same = 0;
  for (size_t i = 0; i < both; ++i) same += guihua.totals[i] == peer.totals[i];
  return both > 0 && same >= kAgreeShare * both;
}

// "n of Q" when a peer's budget stopped it before the last query, else "".
std::string Partial(const ToolRun& run, size_t query_count) {
  if (run.ms.size() >= query_count) return "";
  return std::to_string(run.ms.size()) + " of " + std::to_string(query_count);
}

// A peer's name in the table, with "(n of Q)" when its budget stopped it early.
std::string RowName(const BuildRow& b, const ToolRun& run, size_t query_count) {
  std::string partial = Partial(run, query_count);
  return partial.empty() ? b.tool : b.tool + " (" + partial + ")";
}

// guihua against the best peer of each column (fastest build, smallest index, lowest latency),
// among the peers whose totals agree with guihua's (Agrees).
void PrintBestRow(const std::vector<BuildRow>& builds, const std::vector<std::vector<double>>& lat,
                  const std::vector<ToolRun>& runs, const BuildRow& parsed, double text_mb) {
  double best_rate = NAN, best_size = NAN;
  std::vector<double> best_lat(lat[0].size(), NAN);
  for (size_t t = 1; t < builds.size(); ++t) {
    if (!Agrees(runs[0], runs[t])) continue;
    double rate = builds[t].input_mb / builds[t].seconds, size = builds[t].index_mb / text_mb;
    if (!std::isnan(rate) && !(rate <= best_rate)) best_rate = rate;
    if (!std::isnan(size) && !(size >= best_size)) best_size = size;
    for (size_t k = 0; k < lat[t].size(); ++k) {
      if (!std::isnan(lat[t][k]) && !(lat[t][k] >= best_lat[k])) best_lat[k] = lat[t][k];
    }
  }
  // The build rate of the index-only row when there is one: the peers are given parsed items.
  const BuildRow& own = parsed.tool.empty() ? builds[0] : parsed;
  std::vector<std::string> cells = {"guihua/best peer", "", Fixed(own.input_mb / own.seconds / best_rate, 2),
                                    "", "", Fixed(builds[0].index_mb / text_mb / best_size, 2)};
  for (size_t k = 0; k < lat[0].size(); ++k) cells.push_back(Fixed(lat[0][k] / best_lat[k], 3));
  PrintRow(cells);
}

// `parsed`: guihua's index-only build row (tool "" when not measured), shown under guihua's.
void PrintTable(const std::vector<BenchQuery>& queries, const std::vector<BuildRow>& builds,
                const std::vector<std::vector<double>>& lat, const std::vector<ToolRun>& runs,
                const BuildRow& parsed, double text_mb) {
  size_t query_count = queries.size();
  PrintRow({"tool", "build s", "build", "peak RSS", "index", "index", "words", "words", "phrases",
            "phrases", "filtered", "filtered"});
  PrintRow({"", "", "MB/s", "MB", "MB", "× text", "p50 ms", "p99 ms", "p50 ms", "p99 ms", "p50 ms",
            "p99 ms"});
  for (size_t t = 0; t < builds.size(); ++t) {
    std::vector<std::string> cells = BuildCells(builds[t], text_mb);
    cells[0] = RowName(builds[t], runs[t], query_count);
    for (double v : lat[t]) cells.push_back(Ms(v));
    PrintRow(cells);
    if (t == 0 && !parsed.tool.empty()) PrintRow(BuildCells(parsed, text_mb));
  }
  // guihua ÷ each peer over the queries the peer ran (guihua's first n, when its budget cut it).
  for (size_t t = 1; t < builds.size(); ++t) {
    std::vector<std::string> cells = {"guihua/" + builds[t].tool, "", "", "", "", ""};
    ToolRun own = runs[0];
    own.ms.resize(std::min(own.ms.size(), runs[t].ms.size()));
    std::vector<double> own_lat = Latencies(queries, own);
    for (size_t k = 0; k < lat[0].size(); ++k) cells.push_back(Fixed(own_lat[k] / lat[t][k], 3));
    PrintRow(cells);
  }
  if (builds.size() > 1) PrintBestRow(builds, lat, runs, parsed, text_mb);
}

// How each external peer is configured (README's benchmark section says why it is fair).
std::string PeerNotes() {
  return "lucene-cjk = Lucene 8 CJKAnalyzer (bigrams, Elasticsearch's cjk analyzer), one document "
         "per item with the text stored, district/domain as StringFields, one writer thread, "
         "forceMerge(1); a word or phrase is a PhraseQuery of its bigrams, words their MUST "
         "conjunction, filters FILTER clauses, BM25 top 10 (stored fields read) + exact total; "
         "lucene-smartcn = the same with SmartChineseAnalyzer (segmented words, so its counts "
         "differ by design); groonga = TokenBigram + NormalizerAuto, in-process C API, select "
         "--query with --filter, top 10 by _score + total; postgres = PostgreSQL 15 + pg_trgm "
         "GIN index on the text, LIKE '%phrase%' AND the filter, ordered by similarity(), "
         "count(*) OVER () for the total, over a Unix socket from one psql session";
}

// One field of a peer's TSV: tabs, line breaks and backslashes become spaces (item texts have
// none of them in practice; COPY and the JSON of a load would read them as escapes).
std::string TsvField(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r' || c == '\\') c = ' ';
  }
  return s;
}

// The files every external peer reads: items (document, district, domain, block, text) and
// queries (kind, filter field, filter value, then the words or the phrase).
void WritePeerInputs(const Options& o, const std::vector<BenchItem>& items,
                     const std::vector<BenchQuery>& queries) {
  std::ofstream out(o.workdir + "/peer-items.tsv", std::ios::binary);
  for (const BenchItem& i : items) {
    out << TsvField(i.document) << '\t' << TsvField(i.district) << '\t' << TsvField(i.domain)
        << '\t' << TsvField(i.block) << '\t' << TsvField(i.text) << '\n';
  }
  std::ofstream q_out(o.workdir + "/peer-queries.tsv", std::ios::binary);
  for (const BenchQuery& q : queries) {
    q_out << KindName(q.kind) << '\t' << q.filter_field << '\t' << TsvField(q.filter_value);
    for (const std::string& w : q.words) q_out << '\t' << TsvField(w);
    q_out << '\n';
  }
}

// Runs one external peer: it builds its index from the items, answers the queries (timing each
// itself, after a warm-up, until its budget of BUDGET_S seconds is used; 0 = none) and prints
// "build SECONDS INDEX_BYTES [PEAK_RSS_KB]", then "MS<TAB>TOTAL" per query it ran, then
// "ran N of Q" (a peer without that line must have answered every query).
bool RunExternalPeer(const Options& o, const ExternalPeer& peer, size_t query_count,
                     double item_mb, BuildRow* build, ToolRun* run) {
  std::vector<std::string> argv = peer.argv;
  std::string index_dir = o.workdir + "/" + peer.name + "-index";
  std::error_code ec;
  fs::remove_all(index_dir, ec);
  for (std::string a : {index_dir, o.workdir + "/peer-items.tsv", o.workdir + "/peer-queries.tsv",
                        std::to_string(kWarmup), Fixed(o.budget_s, 1)}) {
    argv.push_back(a);
  }
  std::string log = o.workdir + "/" + peer.name + ".log";
  ChildRun child = Spawn(argv, "", log);
  std::istringstream lines(child.out);
  std::string word, build_line;
  double seconds = NAN, index_bytes = NAN, rss_kb = NAN;
  std::getline(lines, build_line);
  std::istringstream fields(build_line);
  if (child.exit_code != 0 || !(fields >> word >> seconds >> index_bytes) || word != "build") {
    std::fprintf(stderr, "bench-search: %s failed (exit %d; see %s)\n", peer.name.c_str(),
                 child.exit_code, log.c_str());
    return false;
  }
  // The peer's own peak RSS (its VmHWM), when it gives one: the child's ru_maxrss is no use, as
  // Linux carries the spawning process's high-water mark (this benchmark's) across the exec.
  if (!(fields >> rss_kb)) rss_kb = NAN;
  *build = {peer.name, seconds, item_mb, rss_kb / 1024.0, index_bytes / 1e6};
  long ran = -1;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("ran ", 0) == 0) {
      ran = std::atol(line.c_str() + 4);
      break;
    }
    std::istringstream cells(line);
    double ms;
    long total;
    if (!(cells >> ms >> total) || run->ms.size() >= query_count) break;
    run->ms.push_back(ms);
    run->totals.push_back(total);
  }
  size_t n = run->ms.size();
  if (ran < 0 ? n != query_count : (static_cast<size_t>(ran) != n || n == 0)) {
    std::fprintf(stderr, "bench-search: %s answered %zu of %zu queries%s (see %s)\n",
                 peer.name.c_str(), n, query_count,
                 ran < 0 ? "" : (", said " + std::to_string(ran)).c_str(), log.c_str());
    return false;
  }
  return true;
}

// A query as queries.tsv lists it: kind, query, filter ("--district X", "--domain X" or "").
std::string QueryKey(const BenchQuery& q) {
  return std::string(KindName(q.kind)) + '\t' + QueryText(q) + '\t' +
         (q.filter_field.empty() ? "" : "--" + q.filter_field + " " + q.filter_value);
}

void WriteDetails(const Options& o, const std::vector<BenchQuery>& queries,
                  const std::vector<ToolRun>& runs, const std::vector<BuildRow>& builds) {
  std::ofstream out(o.workdir + "/queries.tsv");
  out << "kind\tquery\tfilter";
  for (const BuildRow& b : builds) out << '\t' << b.tool << " ms\t" << b.tool << " total";
  out << '\n';
  for (size_t i = 0; i < queries.size(); ++i) {
    out << QueryKey(queries[i]);
    // A peer whose budget stopped it has "-" for the queries it did not run.
    for (const ToolRun& r : runs) {
      if (i < r.ms.size()) {
        out << '\t' << r.ms[i] << '\t' << r.totals[i];
      } else {
        out << "\t-\t-";
      }
    }
    out << '\n';
  }
}

// results.tsv: guihua's three rows (the third, "guihua queries", has only the peak RSS of the
// process its queries ran in), then every peer's with its hit-count agreement with guihua.
void WriteResultsFile(const Options& o, const std::vector<BenchQuery>& queries,
                      const std::vector<BuildRow>& builds, const std::vector<ToolRun>& runs,
                      const BuildRow& parsed, const QueryProcess& process, double text_mb,
                      const std::string& peer_source) {
  std::string all = std::to_string(queries.size()) + " of " + std::to_string(queries.size());
  BuildRow queried = {"guihua queries", NAN, NAN, process.rss_mb, NAN};
  std::vector<ResultRow> rows = {{builds[0], Latencies(queries, runs[0]), "", "this run", all},
                                 {parsed, {}, "", "this run", "-"},
                                 {queried, {}, "", "this run", "-"}};
  for (size_t t = 1; t < builds.size(); ++t) {
    std::string partial = Partial(runs[t], queries.size());
    rows.push_back({builds[t], Latencies(queries, runs[t]), Agreement(runs[0], runs[t]),
                    peer_source, partial.empty() ? all : partial});
  }
  WriteResults(o.workdir + "/results.tsv", text_mb, rows);
}

// FTS5 and rg (those of o.fts5, o.rg), in this process; `rg_s` gets the time rg's files took.
bool MeasureLocalPeers(const Options& o, const std::vector<BenchItem>& items,
                       const std::vector<BenchQuery>& queries, double item_mb, double* rg_s,
                       std::vector<BuildRow>* builds, std::vector<ToolRun>* runs) {
  std::string error, fts_path = o.workdir + "/fts5.db";
  std::unique_ptr<Fts5> fts;
  std::unique_ptr<Ripgrep> rg;
  double fts_s = NAN;
  if (o.fts5) {
    std::fprintf(stderr, "bench-search: SQLite FTS5 build (%zu rows, %.1f MB of item text) ...\n",
                 items.size(), item_mb);
    auto t0 = std::chrono::steady_clock::now();
    fts = Fts5::Build(fts_path, items, &error);
    fts_s = Seconds(t0);
    Phases().End("fts5 build");
  }
  if (o.rg && error.empty()) {
    auto t0 = std::chrono::steady_clock::now();
    rg = Ripgrep::Build(o.workdir + "/rg", items, &error);
    *rg_s = Seconds(t0);
    Phases().End("rg item files written");
  }
  if (!error.empty()) {
    std::fprintf(stderr, "bench-search: %s\n", error.c_str());
    return false;
  }
  if (fts) {
    std::fprintf(stderr, "bench-search: %zu queries on FTS5 ...\n", queries.size());
    runs->push_back(Measure(
        queries, [&](const BenchQuery& q) { return fts->Search(q); }, o.budget_s));
    builds->push_back({"fts5", fts_s, item_mb, NAN, DiskUsage(fts_path) / 1e6});
    Phases().End("fts5 queries");
  }
  if (rg) {
    std::fprintf(stderr, "bench-search: %zu queries on rg ...\n", queries.size());
    runs->push_back(Measure(
        queries, [&](const BenchQuery& q) { return rg->Search(q); }, o.budget_s));
    builds->push_back({"rg", NAN, NAN, NAN, NAN});
    Phases().End("rg queries");
  }
  return true;
}

// The peers measured here: FTS5 and rg in-process, then each external peer in its own process.
// `note` gets the footnote on how FTS5 and rg were built.
bool MeasurePeers(const Options& o, const std::vector<BenchItem>& items,
                  const std::vector<BenchQuery>& queries, double item_mb, double parse_s,
                  std::vector<BuildRow>* builds, std::vector<ToolRun>* runs, std::string* note) {
  double rg_s = NAN;
  if (!MeasureLocalPeers(o, items, queries, item_mb, &rg_s, builds, runs)) return false;
  // The external peers one at a time, after guihua's reader is idle.
  if (!o.peers.empty()) {
    WritePeerInputs(o, items, queries);
    Phases().End("peer-items.tsv and peer-queries.tsv written");
  }
  for (const ExternalPeer& peer : o.peers) {
    std::fprintf(stderr, "bench-search: %s (build and %zu queries) ...\n", peer.name.c_str(),
                 queries.size());
    BuildRow build;
    ToolRun run;
    bool ok = RunExternalPeer(o, peer, queries.size(), item_mb, &build, &run);
    Phases().End(peer.name + " (build and queries, own process)");
    if (!ok) continue;
    builds->push_back(build);
    runs->push_back(std::move(run));
  }
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "fts5 build = loading the items already parsed (%.1f s by guihua's parser, not "
                "counted) + optimize, MB/s of item text;",
                parse_s);
  *note = o.fts5 ? buf : "";
  std::snprintf(buf, sizeof buf, " rg has no index (item files written in %.1f s).", rg_s);
  if (o.rg) *note += buf;
  return true;
}

// The peers of the run in o.peer_results, checked to be of the same corpus and queries; `source`
// gets where their rows come from.
// True when the run in o.peer_results measured the corpus of `digest` (called before the ingest
// with the plan files alone, and after drawing the queries with all of it).
bool SameCorpus(const Options& o, const Digest& digest) {
  std::string error;
  Digest theirs;
  if (!ReadDigest(o.peer_results, &theirs, &error)) {
    std::fprintf(stderr, "bench-search: --peer-results: %s\n", error.c_str());
    return false;
  }
  std::string difference = DigestDifference(digest, theirs);
  if (!difference.empty()) {
    std::fprintf(stderr, "bench-search: --peer-results %s measured another corpus (%s)\n",
                 o.peer_results.c_str(), difference.c_str());
    return false;
  }
  return true;
}

bool ReusePeers(const Options& o, const Digest& digest, const std::vector<BenchQuery>& queries,
                std::vector<BuildRow>* builds, std::vector<ToolRun>* runs, std::string* source) {
  if (!SameCorpus(o, digest)) return false;
  std::string error;
  std::vector<std::string> keys;
  for (const BenchQuery& q : queries) keys.push_back(QueryKey(q));
  PeerResults peers;
  if (!ReadPeerResults(o.peer_results, o.peer_table, keys, &peers, &error)) {
    std::fprintf(stderr, "bench-search: --peer-results: %s\n", error.c_str());
    return false;
  }
  builds->insert(builds->end(), peers.builds.begin(), peers.builds.end());
  runs->insert(runs->end(), peers.runs.begin(), peers.runs.end());
  *source = peers.source;
  return true;
}

// Which peers the best-peer row chose among, and what "(n of Q)" means when a row has it.
void PrintBudgetNotes(const Options& o, const std::vector<BenchQuery>& queries,
                      const std::vector<BuildRow>& builds, const std::vector<ToolRun>& runs) {
  if (runs.size() < 2) return;  // guihua alone
  std::string among, left_out, partial;
  for (size_t t = 1; t < runs.size(); ++t) {
    std::string& list = Agrees(runs[0], runs[t]) ? among : left_out;
    list += (list.empty() ? "" : ", ") + builds[t].tool;
    if (&list == &left_out) list += " " + Agreement(runs[0], runs[t]);
    if (!Partial(runs[t], queries.size()).empty())
      partial += (partial.empty() ? "" : ", ") + builds[t].tool;
  }
  std::printf(
      "guihua/best peer: the best of the peers whose hit counts equal guihua's on at least %.0f%% "
      "of the queries they ran (%s)%s\n",
      kAgreeShare * 100, among.empty() ? "none" : among.c_str(),
      left_out.empty() ? "" : ("; not " + left_out).c_str());
  if (!partial.empty()) {
    std::printf(
        "(n of Q): the peer stopped when its queries had used the query budget (%s: %s, "
        "--peer-budget-s; warm-up: %.0f%% of it): p50/p99 and hit counts are over the first n "
        "queries, drawn words, phrase, filtered in turn (a sample of every kind)\n",
        partial.c_str(),
        o.peer_results.empty() ? (Fixed(o.budget_s, 0) + " s").c_str() : "that run's budget",
        kWarmupShare * 100);
  }
}

void PrintFootnotes(const Options& o, const std::vector<BenchQuery>& queries,
                    const std::vector<BuildRow>& builds, const std::vector<ToolRun>& runs,
                    const QueryProcess& process, const std::string& fts_note,
                    const std::string& peer_source) {
  std::printf(
      "guihua build = `guihua ingest` end to end on the plan files (read, parse, extract, "
      "index); guihua parsed = indexing the documents already parsed and extracted, MB/s of item "
      "text, as the peers; %s index × text = index size / plan files' size. rg: one `rg` process "
      "per query.\n",
      fts_note.c_str());
  std::printf(
      "guihua's queries: in a process of their own (guihua_search_queries on the index just "
      "built, read into the page cache first%s), each timed where it is answered after the same "
      "%d warm-up queries as the peers; that process's peak RSS %s MB (guihua's peak RSS above is "
      "its ingest's)\n",
      process.postings.empty()
          ? ""
          : ("; the posting lists of its commonest terms decoded into memory before the warm-up, "
             "as the server's readers do: " + process.postings).c_str(),
      kWarmup, Fixed(process.rss_mb, 0).c_str());
  if (peer_source != "this run") {
    std::printf("peer rows (");
    for (size_t t = 1; t < builds.size(); ++t) {
      std::printf("%s%s", t > 1 ? ", " : "", builds[t].tool.c_str());
    }
    std::printf(
        ") and their per-query times and hit counts come from the run in %s, not rerun; "
        "guihua's rows and the ratios are of this run\n",
        peer_source.c_str());
  }
  std::string agreement;
  for (size_t t = 1; t < runs.size(); ++t) {
    agreement +=
        (t > 1 ? ", " : "") + ("guihua = " + builds[t].tool + " ") + Agreement(runs[0], runs[t]);
  }
  if (!agreement.empty()) {
    std::printf("hit counts agree on: %s queries (details: %s/queries.tsv, %s/results.tsv)\n",
                agreement.c_str(), o.workdir.c_str(), o.workdir.c_str());
  }
  PrintBudgetNotes(o, queries, builds, runs);
  bool external = false;
  for (const BuildRow& b : builds)
    external |= b.tool != "guihua" && b.tool != "fts5" && b.tool != "rg";
  if (external) {
    std::printf(
        "peers (own process each, timed inside it after %d warm-up queries; build = loading the "
        "parsed items + merging, MB/s of item text; peak RSS = the peer process's own VmHWM, none "
        "for PostgreSQL, a server of several processes): %s\n",
        kWarmup, PeerNotes().c_str());
  }
}

// guihua's ingest, then the parsed items (for its index-only row, the queries and the peers).
bool BuildGuihua(const Options& o, const std::vector<std::string>& files, double text_mb,
                 IngestRun* ingest, std::vector<BenchItem>* items, BuildRow* parsed,
                 double* parse_s) {
  std::fprintf(stderr, "bench-search: %zu plan files, %.1f MB; guihua ingest ...\n", files.size(),
               text_mb);
  Phases().Restart();
  if (!Ingest(o, o.workdir + "/guihua-db", ingest)) return false;
  Phases().End("guihua ingest");
  std::fprintf(stderr, "  %s\n", ingest->summary.c_str());
  std::fprintf(stderr, "bench-search: items for the peers (guihua's parser, in-process) ...\n");
  auto t0 = std::chrono::steady_clock::now();
  std::vector<Document> docs;
  if (!LoadItems(o, files, items, &docs)) return false;
  *parse_s = Seconds(t0);
  Phases().End("items parsed for the peers (guihua's parser)");
  uint64_t item_bytes = 0;
  for (const BenchItem& item : *items) item_bytes += item.text.size();
  std::fprintf(stderr, "bench-search: guihua indexing the parsed documents ...\n");
  bool ok = IndexParsed(o, docs, item_bytes / 1e6, static_cast<uint64_t>(text_mb * 1e6), parsed);
  Phases().End("guihua parsed (extraction untimed + index timed)");
  return ok;
}

// Reads every file of `dir` once, so that its blocks are in the page cache as each peer's index is
// after its build: the parsed build written after guihua's index (and this process's items) can
// push that index out of the cache at 10,000 plans, and the queries then timed the disk.
void ReadIntoPageCache(const std::string& dir) {
  std::vector<char> buffer(1 << 20);
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    }
  }
}

// guihua's queries as each peer's: in a process of its own (guihua_search_queries, beside this
// binary), which times each query where it is answered after the same kWarmup warm-up queries, so
// that this process's parsed items (14 GB at 10,000 plans), and its allocator returning the pages
// of the documents just freed, are not in guihua's timings. `process` gets what it says of itself.
ToolRun MeasureGuihua(const Options& o, const std::vector<BenchQuery>& queries,
                      QueryProcess* process) {
  const std::string db = o.workdir + "/guihua-db", list = o.workdir + "/guihua-queries.tsv",
                    times = o.workdir + "/guihua-times.tsv";
  ReadIntoPageCache(db);
  Phases().End("guihua index read into the page cache");
  {
    std::ofstream out(list);
    out << "kind\tquery\tfilter\n";
    for (const BenchQuery& q : queries) out << QueryKey(q) << '\n';
  }
  std::error_code ec;
  const std::string binary =
      (fs::read_symlink("/proc/self/exe", ec).parent_path() / "guihua_search_queries").string();
  std::fprintf(stderr, "bench-search: %zu queries on guihua (own process) ...\n", queries.size());
  std::string log = o.workdir + "/guihua-queries.log";
  ChildRun child = Spawn({binary, "--db", db, "--queries", list, "--warmup",
                          std::to_string(kWarmup), "--totals", times},
                         "", log);
  // Its last lines: "peak RSS KB" (its own VmHWM; the child's ru_maxrss would carry this
  // process's high-water mark across the exec).
  size_t at = child.out.rfind("peak RSS ");
  process->rss_mb = at == std::string::npos ? NAN : std::atof(child.out.c_str() + at + 9) / 1024.0;
  // "common postings: 185 terms, … (waited 3.98 s)", when it decoded any.
  const std::string decoded = "common postings: ";
  at = child.out.find(decoded);
  if (at != std::string::npos && child.out.compare(at + decoded.size(), 4, "none") != 0) {
    const size_t begin = at + decoded.size();
    process->postings = child.out.substr(begin, child.out.find('\n', begin) - begin);
  }
  ToolRun run;
  std::ifstream in(times);
  std::string kind;
  long total;
  double ms;
  while (in >> kind >> total >> ms) {
    run.ms.push_back(ms);
    run.totals.push_back(total);
  }
  if (child.exit_code != 0 || run.ms.size() != queries.size()) {
    std::fprintf(stderr, "bench-search: %s exited %d after %zu of %zu queries (see %s)\n",
                 binary.c_str(), child.exit_code, run.ms.size(), queries.size(), log.c_str());
    return {};
  }
  return run;
}

void PrintHeading(size_t files, double text_mb, size_t items, double item_mb,
                  const std::vector<BenchQuery>& queries) {
  int counts[3] = {0, 0, 0};
  for (const BenchQuery& q : queries) ++counts[static_cast<int>(q.kind)];
  std::printf(
      "search benchmark: %zu plan files, %.1f MB; %zu items (%.1f MB of item text); "
      "%zu queries (%d words, %d phrases, %d filtered), top %d + exact total\n",
      files, text_mb, items, item_mb, queries.size(), counts[0], counts[1], counts[2], kLimit);
}

int Run(const Options& o) {
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  fs::create_directories(o.workdir, ec);
  uint64_t text_bytes = 0;
  std::vector<std::string> files = PlanFiles(o.plans, &text_bytes);
  if (files.empty()) {
    std::fprintf(stderr, "bench-search: no .txt plan files in %s\n", o.plans.c_str());
    return 1;
  }
  double text_mb = text_bytes / 1e6;
  Digest digest = CorpusDigest(files, o.seed);
  digest.commit = o.commit;
  digest.load = LoadAverage();
  if (!o.peer_results.empty() && !SameCorpus(o, digest)) return 1;
  IngestRun ingest;
  std::vector<BenchItem> items;
  BuildRow parsed;
  double parse_s = 0;
  if (!BuildGuihua(o, files, text_mb, &ingest, &items, &parsed, &parse_s)) return 1;
  std::vector<BenchQuery> queries = DrawQueries(items, o.queries, o.seed);
  Phases().End("queries drawn");
  digest.items = items.size();
  digest.item_bytes = static_cast<uint64_t>(std::llround(parsed.input_mb * 1e6));
  digest.queries = queries.size();
  QueryProcess process;
  ToolRun g = MeasureGuihua(o, queries, &process);
  if (g.ms.size() != queries.size()) return 1;
  Phases().End("guihua queries (own process)");

  std::vector<BuildRow> builds = {
      {"guihua", ingest.seconds, text_mb, ingest.max_rss_kb / 1024.0, ingest.index_bytes / 1e6}};
  std::vector<ToolRun> runs = {g};
  std::string fts_note, peer_source = "this run";
  if (o.peer_results.empty()) {
    if (!MeasurePeers(o, items, queries, parsed.input_mb, parse_s, &builds, &runs, &fts_note)) {
      return 1;
    }
  } else {
    if (!ReusePeers(o, digest, queries, &builds, &runs, &peer_source)) return 1;
    fts_note =
        "fts5 build = loading the items already parsed + optimize, MB/s of item text; rg has no "
        "index.";
  }
  digest.load += " / " + LoadAverage();
  WriteDigest(o.workdir + "/digest.tsv", digest);
  WriteDetails(o, queries, runs, builds);
  WriteResultsFile(o, queries, builds, runs, parsed, process, text_mb, peer_source);
  Phases().End("result files written");
  Phases().Write(o.workdir + "/phases.tsv");

  PrintHeading(files.size(), text_mb, items.size(), parsed.input_mb, queries);
  std::vector<std::vector<double>> latencies;
  for (const ToolRun& run : runs) latencies.push_back(Latencies(queries, run));
  PrintTable(queries, builds, latencies, runs, parsed, text_mb);
  PrintFootnotes(o, queries, builds, runs, process, fts_note, peer_source);
  std::printf("the machine's load (1-minute average) at the start / end of this run: %s\n",
              digest.load.c_str());
  std::printf("%s\nbench-search took %.0f s\n", ingest.summary.c_str(), Seconds(start));
  return 0;
}

void Usage() {
  std::fprintf(
      stderr,
      "usage: guihua_bench_search --plans DIR --workdir DIR --guihua BIN [--queries Q] "
      "[--seed S] [--rules DIR] [--peer 'NAME|COMMAND|ARG…']… "
      "[--local-peers fts5,rg] [--peer-budget-s S] [--peer-results DIR [--peer-table FILE]] "
      "[--commit ID]\n");
}

// "NAME|ARG|ARG…" (the shell script passes each peer's command this way).
ExternalPeer ParsePeer(const std::string& spec) {
  ExternalPeer peer;
  std::istringstream in(spec);
  std::string part;
  while (std::getline(in, part, '|')) {
    if (peer.name.empty()) {
      peer.name = part;
    } else {
      peer.argv.push_back(part);
    }
  }
  return peer;
}

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return false;
    std::string v = argv[++i];
    if (a == "--plans")
      o->plans = v;
    else if (a == "--workdir")
      o->workdir = v;
    else if (a == "--guihua")
      o->guihua = v;
    else if (a == "--queries")
      o->queries = std::atoi(v.c_str());
    else if (a == "--seed")
      o->seed = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--rules")
      o->rules = v;
    else if (a == "--peer")
      o->peers.push_back(ParsePeer(v));
    else if (a == "--peer-results")
      o->peer_results = v;
    else if (a == "--peer-table")
      o->peer_table = v;
    else if (a == "--commit")
      o->commit = v;
    else if (a == "--local-peers") {
      o->fts5 = (',' + v + ',').find(",fts5,") != std::string::npos;
      o->rg = (',' + v + ',').find(",rg,") != std::string::npos;
    } else if (a == "--peer-budget-s")
      o->budget_s = std::atof(v.c_str());
    else
      return false;
  }
  return !o->plans.empty() && !o->workdir.empty() && !o->guihua.empty() && o->queries > 0;
}

}  // namespace
}  // namespace guihua::bench

int main(int argc, char** argv) {
  guihua::bench::Options options;
  if (!guihua::bench::ParseArgs(argc, argv, &options)) {
    guihua::bench::Usage();
    return 1;
  }
  return guihua::bench::Run(options);
}
