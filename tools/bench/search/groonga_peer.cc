// The Groonga peer of tools/bench-search: Groonga 13 in-process through its C API (the command
// interface, as the groonga server runs it), TokenBigram + NormalizerAuto over the item text, the
// index built after the load. Prints "build SECONDS INDEX_BYTES PEAK_RSS_KB", then "MS<TAB>TOTAL"
// per query run, then "ran N of Q": with BUDGET_S (0: none) no query starts once the measured ones
// have used it, and the warm-up stops at a tenth of it.
// Usage: guihua_bench_groonga INDEX_DIR ITEMS_TSV QUERIES_TSV WARMUP [BUDGET_S]
#include <groonga.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string f;
  while (std::getline(in, f, '\t')) out.push_back(f);
  if (!line.empty() && line.back() == '\t') out.push_back("");
  return out;
}

std::string Json(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Sends one command (or one line of a load) and returns the reply.
std::string Send(grn_ctx* ctx, const std::string& command) {
  grn_ctx_send(ctx, command.data(), static_cast<unsigned>(command.size()), 0);
  char* reply = nullptr;
  unsigned len = 0;
  int flags = 0;
  grn_ctx_recv(ctx, &reply, &len, &flags);
  return std::string(reply == nullptr ? "" : reply, len);
}

// VmHWM of /proc/self/status: this process's peak resident set, in KB (0 when unreadable).
long PeakRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The number of hits of a select reply: [[rc,start,elapsed],[[[N],[columns],rows...]]].
long Total(const std::string& reply) {
  size_t at = reply.find("[[[");
  return at == std::string::npos ? -1 : std::atol(reply.c_str() + at + 3);
}

// A select of the top 10 by score with their columns: words and phrases quoted (a phrase search
// of their bigrams), ANDed; the filter on the query's hits.
std::string Select(const std::vector<std::string>& q) {
  std::string query;
  for (size_t i = 3; i < q.size(); ++i) query += (i > 3 ? " + " : "") + Json(q[i]);
  std::string command = "select Items --match_columns text --query " + Json(query);
  if (!q[1].empty()) command += " --filter " + Json(q[1] + " == " + Json(q[2]));
  return command +
         " --output_columns district,domain,block,text,_score --sort_keys -_score --limit 10";
}

// The warm-up, then each query timed: "MS<TAB>TOTAL" lines. With a budget (seconds, 0 = none) no
// query starts once the measured ones have used it, and the warm-up stops at a tenth of it.
std::string RunQueries(grn_ctx* ctx, const std::vector<std::vector<std::string>>& queries,
                       int warmup, double budget_s, size_t* ran) {
  auto warm = std::chrono::steady_clock::now();
  for (int i = 0; i < warmup && i < static_cast<int>(queries.size()); ++i) {
    Send(ctx, Select(queries[i]));
    if (budget_s > 0 && Seconds(warm) >= budget_s / 10) break;
  }
  std::string answers;
  auto begin = std::chrono::steady_clock::now();
  for (const auto& q : queries) {
    if (budget_s > 0 && Seconds(begin) >= budget_s) break;
    ++*ran;
    std::string command = Select(q);
    auto t0 = std::chrono::steady_clock::now();
    std::string r = Send(ctx, command);
    double ms = Seconds(t0) * 1000;
    long total = Total(r);
    if (total < 0)
      std::fprintf(stderr, "groonga: %s -> %s\n", command.c_str(), r.substr(0, 300).c_str());
    char row[64];
    std::snprintf(row, sizeof row, "%.4f\t%ld\n", ms, total);
    answers += row;
  }
  return answers;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(stderr,
                 "usage: guihua_bench_groonga INDEX_DIR ITEMS_TSV QUERIES_TSV WARMUP [BUDGET_S]\n");
    return 1;
  }
  std::string dir = argv[1];
  std::filesystem::create_directories(dir);
  grn_init();
  grn_ctx ctx;
  grn_ctx_init(&ctx, 0);
  if (grn_db_create(&ctx, (dir + "/db").c_str(), nullptr) == nullptr) {
    std::fprintf(stderr, "groonga: cannot create %s/db: %s\n", dir.c_str(), ctx.errbuf);
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  for (const char* c : {"table_create Items TABLE_NO_KEY",
                        "column_create Items document COLUMN_SCALAR ShortText",
                        "column_create Items district COLUMN_SCALAR ShortText",
                        "column_create Items domain COLUMN_SCALAR ShortText",
                        "column_create Items block COLUMN_SCALAR ShortText",
                        "column_create Items text COLUMN_SCALAR LongText"}) {
    Send(&ctx, c);
  }
  Send(&ctx, "load --table Items");
  Send(&ctx, "[");
  std::ifstream items(argv[2]);
  std::string line;
  while (std::getline(items, line)) {
    std::vector<std::string> f = Fields(line);
    if (f.size() < 5) continue;
    Send(&ctx, "{\"document\":" + Json(f[0]) + ",\"district\":" + Json(f[1]) + ",\"domain\":" +
                   Json(f[2]) + ",\"block\":" + Json(f[3]) + ",\"text\":" + Json(f[4]) + "},");
  }
  Send(&ctx, "]");
  // The index after the load: Groonga then builds it in one pass (its fast path).
  Send(&ctx,
       "table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer TokenBigram "
       "--normalizer NormalizerAuto");
  std::string reply = Send(&ctx, "column_create Terms items_text COLUMN_INDEX|WITH_POSITION Items text");
  double build_s = Seconds(start);
  if (reply.find("true") == std::string::npos) {
    std::fprintf(stderr, "groonga: index: %s\n", reply.c_str());
    return 1;
  }
  // Disk blocks in use, as du counts them: Groonga's files are sparse, allocated ahead.
  uint64_t bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    struct stat st {};
    if (e.is_regular_file() && stat(e.path().c_str(), &st) == 0) bytes += st.st_blocks * 512ull;
  }
  std::string build_line = "build " + std::to_string(build_s) + " " + std::to_string(bytes);

  std::vector<std::vector<std::string>> queries;
  std::ifstream qin(argv[3]);
  while (std::getline(qin, line)) {
    if (!line.empty()) queries.push_back(Fields(line));
  }
  double budget_s = argc > 5 ? std::atof(argv[5]) : 0;
  size_t ran = 0;
  std::string answers = RunQueries(&ctx, queries, std::atoi(argv[4]), budget_s, &ran);
  // The build line last known: with the process's peak RSS, after the queries.
  std::printf("%s %ld\n%sran %zu of %zu\n", build_line.c_str(), PeakRssKb(), answers.c_str(), ran,
              queries.size());
  grn_ctx_fin(&ctx);
  grn_fin();
  return 0;
}
