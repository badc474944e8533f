// Hostile inputs end to end: `guihua parse`, `extract` and `ingest` on empty, binary, huge,
// malformed and adversarial files. Each run gives exit 0 (with warnings) or exit 1 with one line
// `FILE: cause`, inside a generous timeout (a hang fails the test instead of blocking it) and, in
// builds without sanitizers, a 2 GiB address-space limit; and an index that held the corpus before
// still holds exactly the corpus afterwards. Small fixtures live in tests/fixtures/hostile/ (see
// its README.md); the big ones are made here, deterministically, in the test's temporary folder.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/corpus_index.h"
#include "common/test_support.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define GUIHUA_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define GUIHUA_SANITIZED 1
#endif
#endif

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::WriteBytes;

// A hang is a failure after this long; no run should come near it (the slowest takes seconds).
constexpr int kTimeoutSeconds = 300;
// The memory bound of the issue; sanitizers reserve terabytes of shadow memory, so they go without.
constexpr rlim_t kAddressSpaceLimit = rlim_t{2} << 30;
// Under the sanitizers the big generated files of HostileCases() are a quarter of their size: what
// HostileTest asserts (the exit, one line or warnings, the index intact) does not depend on the
// size, and a quarter runs the same code of ours (no limit of src/ lies between the two sizes)
// in a quarter of the time, which the sanitizers make 4-8 times longer (16 s for the 4 MB file).
// The normal build keeps the full sizes, where the 2 GB bound and the quadratic-time regressions
// are checked.
#ifdef GUIHUA_SANITIZED
constexpr size_t kShrink = 4;
#else
constexpr size_t kShrink = 1;
#endif

struct Outcome {
  int exit_code = -1;  // -1: killed by a signal (the timeout, or a crash)
  int signal = 0;
  std::string out, err;
  double seconds = 0;
  long max_rss_kb = 0;
};

// Runs the binary with `args` (no shell), stdout and stderr to files, killed after the timeout.
Outcome RunBounded(const std::vector<std::string>& args) {
  static int runs = 0;
  std::string base = (std::filesystem::temp_directory_path() /
                      ("guihua-hostile-" + std::to_string(getpid()) + "-" + std::to_string(runs++)))
                         .string();
  std::string out_path = base + ".out", err_path = base + ".err";
  std::vector<std::string> argv = {testing::GuihuaBinary(), "--rules", testing::RulesDir()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
#ifndef GUIHUA_SANITIZED
    rlimit limit{kAddressSpaceLimit, kAddressSpaceLimit};
    setrlimit(RLIMIT_AS, &limit);
#endif
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> cargs;
    for (std::string& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    execv(cargs[0], cargs.data());
    _exit(127);
  }
  Outcome run;
  int status = 0;
  rusage usage{};
  auto deadline = start + std::chrono::seconds(kTimeoutSeconds);
  while (wait4(child, &status, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      wait4(child, &status, 0, &usage);
      ADD_FAILURE() << "timed out after " << kTimeoutSeconds << " s: guihua " << args[0];
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.out = ReadBytes(out_path);
  run.err = ReadBytes(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return run;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// ---- The big and generated files --------------------------------------------------------------

std::string Nankai() { return ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt")); }

// The corpus plans one after another until `size` bytes, cut at a line end.
std::string RepeatedCorpus(size_t size) {
  std::string all;
  for (const std::string& f : testing::CorpusFiles()) all += ReadBytes(f);
  std::string out;
  out.reserve(size + all.size());
  while (out.size() < size) out += all;
  out.resize(size);
  out.resize(out.rfind('\n') + 1);
  return out;
}

// The Nankai plan with its line breaks removed and repeated: `size` bytes (1 MB) on one line, no
// line end.
std::string OneLongLine(size_t size) {
  std::string text = Nankai(), line;
  for (char c : text) {
    if (c != '\n' && c != '\r') line += c;
  }
  std::string out;
  while (out.size() < size) out += line;
  out.resize(size);
  while ((static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();  // whole chars
  out.pop_back();
  return out;
}

// The Nankai plan with its first measure grown to a single line of more than `size` (1 MB).
std::string PlanWithLongLine(size_t size) {
  std::string text = Nankai();
  size_t line_start = text.find('\n', text.find("策略措施：")) + 1;
  while (text[line_start] == '\n') ++line_start;  // the blank lines before the first measure
  size_t line_end = text.find('\n', line_start);
  std::string sentence = text.substr(line_start, line_end - line_start);
  if (sentence.empty()) return text;  // never: the plan's first measure is not empty
  std::string grown;
  while (grown.size() < size) grown += sentence;
  return text.substr(0, line_end) + grown + text.substr(line_end);
}

// The Nankai plan with a goal of `size` bytes (64 KB) that is one clause (no punctuation) full of
// targets: the quote of each target was once cut one character at a time, cubic in its length.
std::string PlanWithLongClause(size_t size) {
  std::string text = Nankai();
  size_t goals = text.find('\n', text.find("主要目标：")) + 1;
  std::string clause = "1.";
  while (clause.size() < size) clause += "孕产妇死亡率控制在12/10万以下";
  return text.substr(0, goals) + clause + "。\n" + text.substr(goals);
}

// One women's plan with 8 domains of `per_list` (625) goals and as many measures: 10,000 items.
std::string PlanWithItems(int per_list) {
  const char* domains[] = {"妇女与健康",     "妇女与教育",   "妇女与经济", "妇女参与决策和管理",
                           "妇女与社会保障", "妇女与家庭建设", "妇女与环境", "妇女与法律"};
  const char* numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
  std::string out = "某某市某某区妇女发展规划（2021—2030年）\n一、发展领域、主要目标和策略措施\n";
  int k = 0;
  for (int d = 0; d < 8; ++d) {
    out += std::string("（") + numerals[d] + "）" + domains[d] + "\n主要目标：\n";
    for (int i = 1; i <= per_list; ++i, ++k) {
      out += std::to_string(i) + ".第" + std::to_string(k) + "项指标覆盖率达到" +
             std::to_string(50 + k % 50) + "%以上。\n";
    }
    out += "策略措施：\n";
    for (int i = 1; i <= per_list; ++i, ++k) {
      out += std::to_string(i) + ".加强第" + std::to_string(k) + "项工作，健全服务体系。\n";
    }
  }
  return out;
}

std::string NestedHtml() {
  std::string html = "<!DOCTYPE html><html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div><b>";
  return html + "（一）妇女与健康</p></td>";
}

// The Nankai PDF with startxref pointing nowhere and the table's offsets scrambled.
std::string PdfWithBrokenXref() {
  std::string pdf =
      ReadBytes(testing::SourceDir() + "/tests/fixtures/formats/tianjin-nankai-2021-2025.pdf");
  std::string broken = pdf.substr(0, pdf.rfind("startxref")) + "startxref\n123\n%%EOF\n";
  size_t xref = broken.rfind("\nxref");
  for (size_t i = xref + 20; i < xref + 2000 && i < broken.size(); ++i) {
    if (broken[i] >= '1' && broken[i] <= '8') broken[i] = static_cast<char>(broken[i] + 1);
  }
  return broken;
}

// A raw deflate stream of `n` zero bytes: one literal, then copies of 258 bytes at distance 1 in
// a fixed-Huffman block (13 bits per 258 bytes), so a zip bomb needs no zlib here.
std::string DeflatedZeros(uint64_t n) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  auto put = [&](uint32_t value, int len) {  // deflate packs bits LSB first
    acc |= value << bits;
    bits += len;
    for (; bits >= 8; bits -= 8, acc >>= 8) out += static_cast<char>(acc & 255);
  };
  auto code = [&](uint32_t c, int len) {  // Huffman codes go MSB first
    uint32_t reversed = 0;
    for (int i = 0; i < len; ++i) reversed |= ((c >> i) & 1) << (len - 1 - i);
    put(reversed, len);
  };
  put(1, 1);  // BFINAL
  put(1, 2);  // BTYPE 01: fixed Huffman codes
  code(0x30, 8);  // literal 0
  uint64_t left = n - 1;
  for (; left >= 258; left -= 258) {
    code(0xC5, 8);  // length symbol 285: 258 bytes
    code(0, 5);     // distance code 0: distance 1
  }
  for (; left > 0; --left) code(0x30, 8);
  code(0, 7);  // end of block
  if (bits > 0) put(0, 8 - bits);
  return out;
}

// A DOCX whose word/document.xml inflates to 256 MB of zeros; its headers state `claimed` as the
// size (a lying header is only caught while inflating).
std::string ZipBomb(uint32_t claimed) {
  auto u16 = [](int v) { return std::string{static_cast<char>(v & 255), static_cast<char>(v >> 8)}; };
  auto u32 = [&](uint32_t v) { return u16(v & 0xFFFF) + u16(v >> 16); };
  const std::string name = "word/document.xml";
  const std::string data = DeflatedZeros(uint64_t{256} << 20);
  std::string local = "PK\x03\x04" + u16(20) + u16(0) + u16(8) + u16(0) + u16(0) + u32(0) +
                      u32(data.size()) + u32(claimed) + u16(name.size()) + u16(0) + name + data;
  std::string central = "PK\x01\x02" + u16(20) + u16(20) + u16(0) + u16(8) + u16(0) + u16(0) +
                        u32(0) + u32(data.size()) + u32(claimed) + u16(name.size()) + u16(0) +
                        u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + name;
  std::string end = "PK\x05\x06" + u16(0) + u16(0) + u16(1) + u16(1) + u32(central.size()) +
                    u32(local.size()) + u16(0);
  return local + central + end;
}

// ---- The cases ---------------------------------------------------------------------------------

struct HostileCase {
  std::string name;                   // file name: a fixture, or made by `make`
  std::function<std::string()> make;  // nullptr: tests/fixtures/hostile/<name>
  int exit_code;                      // the same for parse, extract and ingest
  std::string message;                // exit 1: the cause after "FILE: " (a prefix of it)
};

// The case's file name in test names and failures (gtest would print the struct's bytes).
void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

constexpr char kNoChinese[] = "no Chinese text";

std::vector<HostileCase> HostileCases() {
  return {
      {"empty.txt", nullptr, 1, "empty file"},
      {"one-byte.txt", nullptr, 1, kNoChinese},
      {"nul-filled.txt", nullptr, 1, "binary data, not text (NUL byte at offset 0)"},
      {"random.bin", nullptr, 1, "binary data, not text (NUL byte at offset 217)"},
      {"huge-200mb.txt", [] { return RepeatedCorpus(200u << 20); }, 1,
       "file is larger than the 64 MB limit (--max-file-size)"},
      {"large-4mb.txt", [] { return RepeatedCorpus((4u << 20) / kShrink); }, 0, ""},
      {"one-line-1mb.txt", [] { return OneLongLine((1u << 20) / kShrink); }, 0, ""},
      {"plan-with-1mb-line.txt", [] { return PlanWithLongLine((1u << 20) / kShrink); }, 0, ""},
      {"plan-with-64k-clause.txt", [] { return PlanWithLongClause((64u << 10) / kShrink); }, 0, ""},
      {"nested-100k.html", NestedHtml, 1,
       "no text in HTML page (nested deeper than 256 elements)"},
      {"unbalanced.html", nullptr, 0, ""},
      {"bomb.docx", [] { return ZipBomb(256u << 20); }, 1, "DOCX inflates past 200 MB (zip bomb?)"},
      {"bomb-lying-header.docx", [] { return ZipBomb(1000); }, 1,
       "DOCX inflates past 200 MB (zip bomb?)"},
      {"deep-tables.docx", nullptr, 1, "no text in DOCX document"},
      {"broken-xref.pdf", nullptr, 1, kNoChinese},
      {"plan-broken-xref.pdf", PdfWithBrokenXref, 0, ""},
      {"mixed-gbk-line.txt", nullptr, 1, "mixed encodings: line 5 is GB18030, the rest UTF-8"},
      {"mixed-utf8-line.txt", nullptr, 1, "mixed encodings: line 8 is UTF-8, the rest GB18030"},
      {"utf16-lone-surrogate.txt", nullptr, 1, "invalid UTF-16 at line 4 (lone surrogate)"},
      {"no-domains.txt", nullptr, 0, ""},
      {"plan-10000-items.txt", [] { return PlanWithItems(625 / kShrink); }, 0, ""},
  };
}

// What the index must still answer after each hostile file: its stats and the hits of a few
// queries, as (document, line) pairs of the corpus documents.
struct IndexState {
  nlohmann::json stats;
  std::vector<std::set<std::pair<std::string, int>>> hits;
};

const char* const kQueries[] = {"\"家庭教育指导服务站点\"", "孕产妇死亡率", "district:北关区"};

IndexState ReadIndexState(const std::string& db, const std::set<std::string>& documents) {
  IndexState state;
  Outcome stats = RunBounded({"stats", "--db", db, "--format", "json"});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  state.stats = nlohmann::json::parse(stats.out, nullptr, false);
  for (const char* query : kQueries) {
    Outcome search = RunBounded({"search", "--db", db, "--format", "json", "--limit", "1000", query});
    EXPECT_EQ(search.exit_code, 0) << search.err;
    auto result = nlohmann::json::parse(search.out, nullptr, false);
    std::set<std::pair<std::string, int>> hits;
    if (!result.is_discarded()) {
      for (const auto& hit : result["hits"]) {
        std::string document = hit["document"];
        if (documents.count(document)) hits.emplace(document, hit["line"].get<int>());
      }
    }
    state.hits.push_back(std::move(hits));
  }
  return state;
}

// One line per run for the log (`ctest -V`): the figures the issue asks to report.
void Report(const std::string& command, const std::string& file, const std::string& name,
            const Outcome& r) {
  std::string first = r.err.empty() ? "" : Lines(r.err).front();
  if (first.starts_with(file + ": ")) first = first.substr(file.size() + 2);
  std::printf("hostile: %-8s %-24s exit %d %6.2f s %5ld MB  %s\n", command.c_str(), name.c_str(),
              r.exit_code, r.seconds, r.max_rss_kb / 1024, first.c_str());
}

// stderr of a run on `file`: one line `FILE: cause` on failure (ingest adds its "ingest: …"
// summary lines), else only warnings about the file and ingest's summary.
void ExpectOutcome(const std::string& command, const std::string& file, const HostileCase& c,
                   const Outcome& r) {
  SCOPED_TRACE(command + " " + c.name);
  EXPECT_EQ(r.signal, 0) << "killed by signal " << r.signal << "\n" << r.err;
  ASSERT_EQ(r.exit_code, c.exit_code) << r.err;
#ifndef GUIHUA_SANITIZED
  EXPECT_LT(r.max_rss_kb, 2L << 20);  // KB: under 2 GB
#endif
  std::vector<std::string> lines = Lines(r.err);
  if (command == "ingest") {
    std::erase_if(lines, [](const std::string& l) { return l.starts_with("ingest: "); });
  }
  if (c.exit_code == 1) {
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_TRUE(lines[0].starts_with(file + ": " + c.message)) << lines[0];
    if (command != "ingest") {
      EXPECT_EQ(r.out, "");
    }
    return;
  }
  for (const std::string& line : lines) {
    EXPECT_TRUE(line.starts_with(file + ":") && line.find("warning") != std::string::npos) << line;
  }
}

// One test per file, so that ctest runs them side by side; each on its own copy of the corpus index
// that the corpus_index fixture makes once per run (common/corpus_index.h).
class HostileTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileTest, ExitZeroOrOneLineNamingTheFileAndTheIndexStaysIntact) {
  const HostileCase& c = GetParam();
  const std::string dir = testing::TempDir();
  // The corpus first, so that every later state can be compared with this one.
  const std::string db = dir + "/db";
  std::filesystem::copy(testing::CorpusIndexDir(), db, std::filesystem::copy_options::recursive);
  std::set<std::string> corpus;
  for (const std::string& f : testing::CorpusFiles()) {
    corpus.insert(std::filesystem::path(f).stem().string());
  }
  const IndexState before = ReadIndexState(db, corpus);
  ASSERT_EQ(before.stats["documents"], corpus.size());

  std::string file = testing::SourceDir() + "/tests/fixtures/hostile/" + c.name;
  if (c.make) {
    file = dir + "/" + c.name;
    WriteBytes(file, c.make());
  }
  ASSERT_TRUE(std::filesystem::exists(file)) << file;
  for (const std::string command : {"parse", "extract", "ingest"}) {
    Outcome r = command == "ingest" ? RunBounded({"ingest", "--db", db, file})
                                    : RunBounded({command, file});
    Report(command, file, c.name, r);
    ExpectOutcome(command, file, c, r);
  }

  IndexState after = ReadIndexState(db, corpus);
  if (c.exit_code == 0) {
    // A file that parsed is one more document; taking it out again restores the corpus index.
    EXPECT_EQ(after.stats["documents"], corpus.size() + 1);
    EXPECT_EQ(after.hits, before.hits);
    std::string document = std::filesystem::path(file).stem().string();
    Outcome removed = RunBounded({"remove", "--db", db, document});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    after = ReadIndexState(db, corpus);
  }
  EXPECT_EQ(after.stats, before.stats);
  EXPECT_EQ(after.hits, before.hits);
  if (c.make) std::filesystem::remove(file);  // 200 MB: gone before the next case of this process
}

INSTANTIATE_TEST_SUITE_P(Files, HostileTest, ::testing::ValuesIn(HostileCases()),
                         [](const ::testing::TestParamInfo<HostileCase>& info) {
                           std::string name = info.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

// The plan of 10,000 items keeps them all, each under its own number.
TEST(HostileLimitsTest, TenThousandItemsAreTenThousandItems) {
  std::string file = testing::TempDir() + "/plan-10000-items.txt";
  WriteBytes(file, PlanWithItems(625));  // full size under the sanitizers too: parse only
  Outcome r = RunBounded({"parse", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  size_t items = 0;
  for (const auto& plan : doc["plans"]) {
    for (const auto& domain : plan["domains"]) {
      items += domain["items"].size();
      EXPECT_EQ(domain["items"].back()["number"], 625);
    }
  }
  EXPECT_EQ(items, 10000u);
}

// --max-file-size moves the limit either way, before or after the subcommand.
TEST(HostileLimitsTest, MaxFileSizeMovesTheLimit) {
  const std::string dir = testing::TempDir();
  std::string file = dir + "/plan-2mb.txt";
  WriteBytes(file, RepeatedCorpus(2u << 20));
  Outcome refused = RunBounded({"parse", "--max-file-size", "1", file});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, file + ": file is larger than the 1 MB limit (--max-file-size)\n");
  for (const std::string command : {"extract", "ingest"}) {
    std::vector<std::string> args = {"--max-file-size", "1", command, file};
    if (command == "ingest") args.insert(args.end(), {"--db", dir + "/db"});
    Outcome r = RunBounded(args);
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_TRUE(r.err.starts_with(file + ": file is larger than the 1 MB limit")) << r.err;
  }
  Outcome allowed = RunBounded({"extract", "--max-file-size", "3", file});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(RunBounded({"parse", "--max-file-size", "0", file}).exit_code, 1);  // out of range
}

}  // namespace
}  // namespace guihua
