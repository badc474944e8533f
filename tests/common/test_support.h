// Shared helpers for the tests: where the source tree, corpus and gold files are, and how a test
// runs the real binary.
#ifndef GUIHUA_TESTS_COMMON_TEST_SUPPORT_H_
#define GUIHUA_TESTS_COMMON_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace guihua::testing {

std::string SourceDir();                  // the repository root
std::string RulesDir();                   // SourceDir()/rules
std::string GuihuaBinary();               // $GUIHUA_BINARY, else the built `guihua`
std::vector<std::string> CorpusFiles();   // corpus/*.txt, sorted
std::string CorpusFile(const std::string& name);  // SourceDir()/corpus/name
std::string ReadBytes(const std::string& path);
void WriteBytes(const std::string& path, const std::string& bytes);
std::string TempDir();                    // a fresh directory for this test
// What follows "pattern: " on each line of the rule files (rules/**/*.rules) that has it.
std::vector<std::string> RulePatterns();

// A fixed pseudo-random sequence, for tests that generate their cases: the same cases each run.
class FixedRandom {
 public:
  explicit FixedRandom(uint64_t seed) : state_(seed) {}
  // A number below `n`.
  uint64_t Below(uint64_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % n;
  }
  // `least` to `least + spread - 1` of `pieces`, each drawn at random, strung together.
  std::string Strung(const std::vector<std::string>& pieces, uint64_t least, uint64_t spread) {
    std::string out;
    for (uint64_t k = least + Below(spread); k > 0; --k) out += pieces[Below(pieces.size())];
    return out;
  }

 private:
  uint64_t state_;
};

// Running processes: the one place the tests build shell commands and read exit codes.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Single-quotes `s` for the shell.
std::string ShellQuote(const std::string& s);

// Runs `command` with /bin/sh; its exit code, or -1 when it was killed by a signal.
int RunShell(const std::string& command);

// Runs `guihua ARGS` (ARGS is shell-quoted by the caller) with the source tree's rules, capturing
// exit code, stdout and stderr. `stdin_file` is what the run reads as standard input.
RunResult RunGuihua(const std::string& args, const std::string& stdin_file = "/dev/null");

// `guihua ingest FILES --db DB` with the source tree's rules, quietly; true on exit code 0.
bool IngestWithBinary(const std::vector<std::string>& files, const std::string& db);

// xapian-tcpsrv (Debian's xapian-tools) serving the index folder `db` read-only on 127.0.0.1, at a
// free port, until destroyed: a remote shard for `--db tcp://…`. ok() is false when xapian-tcpsrv
// is not installed (Installed()) or does not accept connections within 5 s.
class TcpShard {
 public:
  static bool Installed();
  explicit TcpShard(const std::string& db);
  ~TcpShard();
  TcpShard(const TcpShard&) = delete;
  TcpShard& operator=(const TcpShard&) = delete;
  bool ok() const { return ready_; }
  std::string address() const;  // tcp://127.0.0.1:PORT

 private:
  int pid_ = -1;
  int port_ = 0;
  bool ready_ = false;
};

// The one golden-file check: compares `actual` with the file `golden` (a path under the source
// tree, e.g. tests/render/golden/targets.txt). With GUIHUA_UPDATE_GOLDEN=1 in the environment it
// writes `actual` there instead; review the diff before committing (tests/README.md).
void ExpectGolden(const std::string& golden, const std::string& actual);

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_COMMON_TEST_SUPPORT_H_
