// bench-search's result files: digest.tsv and results.tsv written, and an earlier run's peer rows
// read back from its queries.tsv and results.tsv (or, for a run older than results.tsv, its printed
// table).
#include "results.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/hash.h"

namespace fs = std::filesystem;

namespace guihua::bench {
namespace {

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  std::string cell;
  while (std::getline(in, cell, sep)) cells.push_back(cell);
  if (!line.empty() && line.back() == sep) cells.push_back("");
  return cells;
}

std::string Number(double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

double ParseNumber(const std::string& s) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  return end != s.c_str() && *end == '\0' ? v : NAN;
}

std::string UtcDate(std::time_t t) {
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
  return buf;
}

// Every query's times and totals of the engines in DIR/queries.tsv, in its column order.
bool ReadQueryColumns(const std::string& path, const std::vector<std::string>& query_keys,
                      std::vector<std::string>* names, std::vector<ToolRun>* runs,
                      std::string* error) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) {
    *error = path + " is missing or empty";
    return false;
  }
  std::vector<std::string> header = Split(line, '\t');
  for (size_t c = 3; c + 1 < header.size(); c += 2) {
    names->push_back(header[c].substr(0, header[c].rfind(" ms")));
  }
  runs->assign(names->size(), {});
  size_t row = 0;
  for (; std::getline(in, line); ++row) {
    std::vector<std::string> cells = Split(line, '\t');
    if (row >= query_keys.size() || cells.size() != header.size() ||
        cells[0] + '\t' + cells[1] + '\t' + cells[2] != query_keys[row]) {
      *error = path + ": query " + std::to_string(row + 1) + " is not this run's (" +
               (cells.size() > 1 ? cells[1] : "") + ")";
      return false;
    }
    for (size_t t = 0; t < names->size(); ++t) {
      // "-": a query the engine's budget left out, as every later one; its run is the first n.
      if (cells[3 + 2 * t] == "-" || (*runs)[t].ms.size() < row) continue;
      (*runs)[t].ms.push_back(ParseNumber(cells[3 + 2 * t]));
      (*runs)[t].totals.push_back(std::atol(cells[4 + 2 * t].c_str()));
    }
  }
  if (row != query_keys.size()) {
    *error = path + " has " + std::to_string(row) + " queries, this run " +
             std::to_string(query_keys.size());
    return false;
  }
  return true;
}

// name → build figures, from results.tsv (by its header's column names); `source` gets where its
// peer rows were measured when that was an earlier run still.
std::map<std::string, BuildRow> ReadResultsBuilds(std::ifstream& in, std::string* source) {
  std::map<std::string, BuildRow> rows;
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = Split(line, '\t');
  while (std::getline(in, line)) {
    std::vector<std::string> cells = Split(line, '\t');
    std::map<std::string, double> v;
    for (size_t c = 1; c < cells.size() && c < header.size(); ++c)
      v[header[c]] = ParseNumber(cells[c]);
    rows[cells[0]] = {cells[0], v["build_s"], v["build_mb_s"] * v["build_s"], v["peak_rss_mb"],
                      v["index_mb"]};
    if (cells.size() == header.size() && header.back() == "source" && cells.back() != "this run" &&
        cells[0].rfind("guihua", 0) != 0) {
      *source = cells.back();
    }
  }
  return rows;
}

// name → build figures, from the table an older bench-search printed: a row is the engine's name
// and 11 cells (build s, MB/s, peak RSS MB, index MB, × text, six latencies), "-" where empty.
std::map<std::string, BuildRow> ReadTableBuilds(std::ifstream& in) {
  std::map<std::string, BuildRow> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> cells;
    for (std::string w; words >> w;) cells.push_back(w);
    if (cells.size() != 12 || rows.count(cells[0])) continue;
    double seconds = ParseNumber(cells[1]);
    rows[cells[0]] = {cells[0], seconds, ParseNumber(cells[2]) * seconds, ParseNumber(cells[3]),
                      ParseNumber(cells[4])};
  }
  return rows;
}

}  // namespace

Digest CorpusDigest(const std::vector<std::string>& files, uint64_t seed) {
  Digest d;
  d.date = UtcDate(std::time(nullptr));
  d.files = files.size();
  d.seed = seed;
  d.list_hash = kFnv1aBasis;
  std::vector<std::pair<std::string, uint64_t>> listed;
  std::error_code ec;
  for (const std::string& f : files)
    listed.emplace_back(fs::path(f).filename().string(), fs::file_size(f, ec));
  std::sort(listed.begin(), listed.end());
  for (const auto& [name, size] : listed) {
    d.text_bytes += size;
    d.list_hash = Fnv1a64(name + '\t' + std::to_string(size) + '\n', d.list_hash);
  }
  return d;
}

void WriteDigest(const std::string& path, const Digest& d) {
  std::ofstream out(path);
  char hash[24];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(d.list_hash));
  out << "date\t" << d.date << "\ncommit\t" << d.commit << "\nload\t" << d.load << "\nplan_files\t"
      << d.files << "\nseed\t" << d.seed << "\ntext_bytes\t" << d.text_bytes << "\nfile_list_hash\t"
      << hash << "\nitems\t" << d.items << "\nitem_bytes\t" << d.item_bytes << "\nqueries\t"
      << d.queries << '\n';
}

bool ReadDigest(const std::string& dir, Digest* d, std::string* error) {
  std::ifstream in(dir + "/digest.tsv");
  if (!in) {
    // A run older than digest.tsv: its plans are still there (the seed is not known), written when
    // the run began.
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir + "/plans", ec)) {
      if (e.path().extension() == ".txt") files.push_back(e.path().string());
    }
    struct stat st {};
    if (files.empty() || !fs::exists(dir + "/queries.tsv") ||
        stat((dir + "/plans").c_str(), &st) != 0) {
      *error = dir + " has no digest.tsv, nor plans/ and queries.tsv of an older run";
      return false;
    }
    *d = CorpusDigest(files, 0);
    d->date = UtcDate(st.st_mtime);
    return true;
  }
  std::map<std::string, std::string> v;
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) v[line.substr(0, tab)] = line.substr(tab + 1);
  }
  auto num = [&](const char* key) { return std::strtoull(v[key].c_str(), nullptr, 10); };
  d->date = v["date"];
  d->commit = v["commit"];
  d->load = v["load"];
  d->files = num("plan_files");
  d->seed = num("seed");
  d->text_bytes = num("text_bytes");
  d->list_hash = std::strtoull(v["file_list_hash"].c_str(), nullptr, 16);
  d->items = num("items");
  d->item_bytes = num("item_bytes");
  d->queries = num("queries");
  return true;
}

std::string DigestDifference(const Digest& a, const Digest& b) {
  const struct {
    const char* what;
    uint64_t x, y;
  } fields[] = {{"plan files", a.files, b.files},
                {"text bytes", a.text_bytes, b.text_bytes},
                {"file list hash", a.list_hash, b.list_hash},
                {"seed", a.seed, b.seed},
                {"items", a.items, b.items},
                {"item bytes", a.item_bytes, b.item_bytes},
                {"queries", a.queries, b.queries}};
  for (const auto& f : fields) {
    // 0 is "not known" (an older run's seed, items and queries).
    if (f.x != f.y && f.x != 0 && f.y != 0) {
      return std::string(f.what) + " " + std::to_string(f.x) + " ≠ " + std::to_string(f.y);
    }
  }
  return "";
}

void WriteResults(const std::string& path, double text_mb, const std::vector<ResultRow>& rows) {
  std::ofstream out(path);
  out << "engine\tbuild_s\tbuild_mb_s\tpeak_rss_mb\tindex_mb\tindex_x_text\twords_p50_ms\t"
         "words_p99_ms\tphrases_p50_ms\tphrases_p99_ms\tfiltered_p50_ms\tfiltered_p99_ms\t"
         "queries\thits_agree\tsource\n";
  for (const ResultRow& r : rows) {
    const BuildRow& b = r.build;
    out << b.tool << '\t' << Number(b.seconds) << '\t' << Number(b.input_mb / b.seconds) << '\t'
        << Number(b.rss_mb) << '\t' << Number(b.index_mb) << '\t' << Number(b.index_mb / text_mb);
    for (size_t k = 0; k < 6; ++k) out << '\t' << Number(k < r.latency.size() ? r.latency[k] : NAN);
    out << '\t' << (r.queries.empty() ? "-" : r.queries) << '\t'
        << (r.agreement.empty() ? "-" : r.agreement) << '\t' << r.source << '\n';
  }
}

bool ReadPeerResults(const std::string& dir, const std::string& table_path,
                     const std::vector<std::string>& query_keys, PeerResults* out,
                     std::string* error) {
  std::vector<std::string> names;
  std::vector<ToolRun> runs;
  if (!ReadQueryColumns(dir + "/queries.tsv", query_keys, &names, &runs, error)) return false;
  std::map<std::string, BuildRow> builds;
  std::ifstream results(dir + "/results.tsv");
  if (results) {
    builds = ReadResultsBuilds(results, &out->source);
  } else {
    std::ifstream table(table_path);
    if (table_path.empty() || !table) {
      *error = dir +
               " has no results.tsv (a run before it was written): pass the table that run "
               "printed with --peer-table FILE";
      return false;
    }
    builds = ReadTableBuilds(table);
  }
  for (size_t t = 0; t < names.size(); ++t) {
    if (names[t] == "guihua") continue;
    auto it = builds.find(names[t]);
    if (it == builds.end()) {
      *error = dir + ": no build figures of " + names[t];
      return false;
    }
    out->builds.push_back(it->second);
    out->runs.push_back(std::move(runs[t]));
  }
  Digest digest;
  if (out->source.empty()) {
    bool known = ReadDigest(dir, &digest, error);
    out->source = dir + " (" + (known ? digest.date : "date unknown") +
                  (digest.load.empty() ? "" : ", load " + digest.load) + ")";
  }
  return true;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string first;
  in >> first;
  return first;
}

}  // namespace guihua::bench
