// SQLite FTS5 (trigram) and ripgrep as the search benchmark runs them, and child-process spawning
// with wall time and peak RSS.
#include "peers.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "common/utf8.h"

extern char** environ;

namespace fs = std::filesystem;

namespace guihua::bench {

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p * v.size()));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

const char* KindName(BenchQuery::Kind kind) {
  switch (kind) {
    case BenchQuery::Kind::kWords:
      return "words";
    case BenchQuery::Kind::kPhrase:
      return "phrases";
    case BenchQuery::Kind::kFiltered:
      return "filtered";
  }
  return "?";
}

ChildRun Spawn(const std::vector<std::string>& argv, const std::string& stdout_path,
               const std::string& stderr_path) {
  ChildRun run;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  int pipe_fds[2] = {-1, -1};
  bool capture = stdout_path.empty();
  if (capture && pipe2(pipe_fds, O_CLOEXEC) != 0) return run;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (capture) {
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  } else {
    posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
  }
  const char* err = stderr_path.empty() ? "/dev/null" : stderr_path.c_str();
  posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (capture) close(pipe_fds[1]);
  if (rc != 0) {
    if (capture) close(pipe_fds[0]);
    return run;
  }
  if (capture) {
    char buf[65536];
    ssize_t n;
    while ((n = read(pipe_fds[0], buf, sizeof buf)) > 0) run.out.append(buf, n);
    close(pipe_fds[0]);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.max_rss_kb = usage.ru_maxrss;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

uint64_t DiskUsage(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return 0;
  uint64_t total = static_cast<uint64_t>(st.st_blocks) * 512;
  if (S_ISDIR(st.st_mode)) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(path, ec)) total += DiskUsage(e.path().string());
  }
  return total;
}

// ---- SQLite FTS5 ----

namespace {

bool Exec(sqlite3* db, const char* sql, std::string* error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
  *error = message ? message : "sqlite error";
  sqlite3_free(message);
  return false;
}

// An FTS5 string: double quotes doubled, the whole in double quotes.
std::string Fts5String(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// The WHERE clause of a query and its parameters in order.
struct Fts5Where {
  std::string sql;
  std::vector<std::string> params;
  bool ranked = false;
};

Fts5Where MakeWhere(const BenchQuery& q) {
  Fts5Where w;
  std::string match;
  std::vector<std::string> scans;
  for (const std::string& word : q.words) {
    if (utf8::Length(word) >= 3) {
      match += (match.empty() ? "" : " AND ") + Fts5String(word);
    } else {
      scans.push_back(word);
    }
  }
  auto add = [&](const std::string& cond, const std::string& param) {
    w.sql += (w.sql.empty() ? "" : " AND ") + cond;
    w.params.push_back(param);
  };
  if (!match.empty()) {
    add("items MATCH ?", match);
    w.ranked = true;
  }
  // Not `text LIKE ?`: SQLite 3.40's trigram table answers a LIKE of fewer than 3 non-ASCII
  // characters with no rows at all; instr() on the column scans every row and is exact.
  for (const std::string& word : scans) add("instr(text, ?) > 0", word);
  if (q.filter_field == "district") add("district = ?", q.filter_value);
  if (q.filter_field == "domain") add("domain = ?", q.filter_value);
  return w;
}

}  // namespace

std::unique_ptr<Fts5> Fts5::Build(const std::string& path, const std::vector<BenchItem>& items,
                                  std::string* error) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    *error = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<Fts5> fts(new Fts5(db));
  // No journal and no fsync while loading, as guihua's ingest commits without fsync.
  if (!Exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", error) ||
      !Exec(db,
            "CREATE VIRTUAL TABLE items USING fts5(district UNINDEXED, domain UNINDEXED, "
            "block UNINDEXED, text, tokenize='trigram');",
            error) ||
      !Exec(db, "BEGIN;", error)) {
    return nullptr;
  }
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO items(district, domain, block, text) VALUES (?, ?, ?, ?)", -1,
                     &insert, nullptr);
  for (const BenchItem& item : items) {
    const std::string* fields[] = {&item.district, &item.domain, &item.block, &item.text};
    for (int i = 0; i < 4; ++i) {
      sqlite3_bind_text(insert, i + 1, fields[i]->data(), static_cast<int>(fields[i]->size()),
                        SQLITE_STATIC);
    }
    if (sqlite3_step(insert) != SQLITE_DONE) {
      *error = sqlite3_errmsg(db);
      sqlite3_finalize(insert);
      return nullptr;
    }
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  if (!Exec(db, "COMMIT; INSERT INTO items(items) VALUES('optimize');", error)) return nullptr;
  return fts;
}

Fts5::~Fts5() { sqlite3_close(db_); }

long Fts5::Search(const BenchQuery& q) {
  Fts5Where where = MakeWhere(q);
  std::string top = "SELECT district, domain, block, text FROM items WHERE " + where.sql +
                    (where.ranked ? " ORDER BY rank" : "") + " LIMIT 10";
  std::string count = "SELECT count(*) FROM items WHERE " + where.sql;
  long total = -1;
  for (const std::string* sql : {&top, &count}) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql->c_str(), -1, &stmt, nullptr) != SQLITE_OK) return -1;
    for (size_t i = 0; i < where.params.size(); ++i) {
      const std::string& p = where.params[i];
      sqlite3_bind_text(stmt, static_cast<int>(i + 1), p.data(), static_cast<int>(p.size()),
                        SQLITE_STATIC);
    }
    int rc;
    size_t bytes = 0;  // read every column, as a caller showing the hits would
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        sqlite3_column_text(stmt, c);
        bytes += sqlite3_column_bytes(stmt, c);
      }
      if (sql == &count) total = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return -1;
  }
  return total;
}

// ---- ripgrep ----

std::unique_ptr<Ripgrep> Ripgrep::Build(const std::string& dir, const std::vector<BenchItem>& items,
                                        std::string* error) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": " + ec.message();
    return nullptr;
  }
  std::unique_ptr<Ripgrep> rg(new Ripgrep());
  rg->dir_ = dir;
  std::ofstream out;
  std::string current;
  for (const BenchItem& item : items) {
    if (item.document != current || !out.is_open()) {
      out.close();
      current = item.document;
      std::string path = dir + "/" + item.document + ".txt";
      out.open(path, std::ios::binary);
      if (!out) {
        *error = "cannot write " + path;
        return nullptr;
      }
      rg->files_.emplace_back(path, item.district);
    }
    out << (item.domain.empty() ? "-" : item.domain) << '\t' << item.block << '\t' << item.text
        << '\n';
  }
  out.close();
  return rg;
}

namespace {

std::string RegexEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.^$|?*+()[]{}-").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

long Ripgrep::Search(const BenchQuery& q) {
  std::vector<std::string> argv = {"rg", "--no-config", "--count", "--with-filename"};
  if (q.kind == BenchQuery::Kind::kWords && q.words.size() == 2) {
    std::string a = RegexEscape(q.words[0]), b = RegexEscape(q.words[1]);
    argv.insert(argv.end(), {"-e", a + ".*" + b, "-e", b + ".*" + a, dir_});
  } else if (q.filter_field == "domain") {
    argv.insert(argv.end(),
                {"-e", "^" + RegexEscape(q.filter_value) + "\t.*" + RegexEscape(q.words[0]), dir_});
  } else {
    argv.insert(argv.end(), {"-F", "-e", q.words[0]});
    if (q.filter_field == "district") {
      for (const auto& [path, district] : files_) {
        if (district == q.filter_value) argv.push_back(path);
      }
    } else {
      argv.push_back(dir_);
    }
  }
  ChildRun run = Spawn(argv);
  if (run.exit_code != 0 && run.exit_code != 1) return -1;  // 1: no match
  long total = 0;
  size_t pos = 0;
  while (pos < run.out.size()) {
    size_t eol = run.out.find('\n', pos);
    if (eol == std::string::npos) eol = run.out.size();
    size_t colon = run.out.rfind(':', eol);
    if (colon != std::string::npos && colon >= pos) total += std::atol(run.out.c_str() + colon + 1);
    pos = eol + 1;
  }
  return total;
}

}  // namespace guihua::bench
