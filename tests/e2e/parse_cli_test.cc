// `guihua parse` end to end: the corpus parses, and every kind of bad input gives exit 1 with one
// clear line on stderr naming the file — never a crash, never a silent empty result.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFiles;
using ::guihua::testing::GuihuaBinary;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::RulesDir;
using ::guihua::testing::RunShell;
using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;
using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;

TEST(ParseCliTest, CorpusParsesToJsonWithTheDocumentedFields) {
  std::string args = "parse --format json";
  for (const auto& f : CorpusFiles()) args += " " + ShellQuote(f);
  auto r = RunGuihua(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // stderr holds only warnings (the stray traditional characters of the Henan file).
  std::istringstream warnings(r.err);
  for (std::string w; std::getline(warnings, w);) {
    EXPECT_NE(w.find(": warning: "), std::string::npos) << w;
  }
  std::istringstream lines(r.out);
  std::string line;
  int documents = 0;
  while (std::getline(lines, line)) {
    auto doc = nlohmann::json::parse(line);
    ++documents;
    for (const char* key : {"document", "file", "encoding", "kind", "about", "year", "region",
                            "period", "issuer", "doc_number", "date", "cites", "plans"}) {
      EXPECT_TRUE(doc.contains(key)) << key;
    }
    EXPECT_EQ(doc["kind"], "plan");
    ASSERT_EQ(doc["plans"].size(), 2u);
    EXPECT_EQ(doc["plans"][0]["domains"].size(), 8u);
    EXPECT_EQ(doc["plans"][1]["domains"].size(), 7u);
    const auto& item = doc["plans"][0]["domains"][0]["items"][0];
    for (const char* key : {"block", "number", "text", "line", "end_line"}) {
      EXPECT_TRUE(item.contains(key)) << key;
    }
  }
  EXPECT_EQ(documents, static_cast<int>(CorpusFiles().size()));
}

TEST(ParseCliTest, TableSummarisesEachFile) {
  auto r = RunGuihua("parse --format table " + ShellQuote(CorpusFiles()[0]));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("district"), std::string::npos);
  EXPECT_NE(r.out.find("women.health"), std::string::npos);
}

struct BadInput {
  std::string name;
  std::string bytes;         // written to the file; unused for the special cases
  std::string message_part;  // what the one stderr line must say
};

class BadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTest, ExitOneWithOneLineNamingTheFile) {
  const BadInput& c = GetParam();
  std::string dir = TempDir();
  std::string path = dir + "/" + c.name + ".txt";
  if (c.name == "directory") {
    std::filesystem::create_directories(path);
  } else if (c.name != "missing") {
    WriteBytes(path, c.bytes);
  }
  auto r = RunGuihua("parse " + ShellQuote(path));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind(path + ": ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(c.message_part), std::string::npos) << r.err;
}

std::string Png() {
  // The signature and the IHDR chunk up to its CRC: 29 bytes (the literal's size, less its NUL).
  static constexpr char kHead[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  return std::string(kHead, sizeof kHead - 1) + std::string(200, '\x7f');
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BadInputTest,
    ::testing::Values(
        BadInput{"empty", "", "empty file"},
        BadInput{"binary", std::string("\x01\x02\0\0\xff\xfe\x00\x10", 8) + std::string(64, '\0'),
                 "binary"},
        BadInput{"png", Png(), "binary"},
        // A plan's text cut in the middle of a character.
        BadInput{"truncated", "安阳市北关区妇女发展规划\n孕产妇死亡率下降到12/10万以下\xe4\xb8", "UTF-8"},
        BadInput{"not_chinese", "The weather is fine today.\nIt may rain tomorrow.\n",
                 "no Chinese text"},
        BadInput{"missing", "", "no such file"},
        BadInput{"directory", "", "is a directory"}),
    [](const auto& info) { return info.param.name; });

TEST(ParseCliTest, GoodFilesStillParseWhenOneFails) {
  std::string missing = TempDir() + "/missing.txt";
  auto r = RunGuihua("parse " + ShellQuote(CorpusFiles()[0]) + " " + ShellQuote(missing));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"plans\""), std::string::npos);
  EXPECT_NE(r.err.find(missing + ": no such file"), std::string::npos) << r.err;
}

TEST(ParseCliTest, KindIsDetectedAndCanBeGiven) {
  std::string path = TempDir() + "/report.txt";
  WriteBytes(path, "2022年安阳市妇女儿童发展规划统计监测报告\n（一）妇女与健康\n"
                   "2022年，全市孕产妇死亡率为9.8/10万。\n");
  auto r = RunGuihua("parse " + ShellQuote(path));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["kind"], "report");
  EXPECT_EQ(doc["about"], "安阳市妇女儿童发展规划");
  EXPECT_EQ(doc["year"], 2022);
  r = RunGuihua("parse --kind text " + ShellQuote(path));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["kind"], "text");
  EXPECT_EQ(RunGuihua("parse --kind review " + ShellQuote(path)).exit_code, 1);
}

TEST(ParseCliTest, StandardInputIsReadAsFileDash) {
  std::string path = TempDir() + "/pasted.txt";
  WriteBytes(path, "2023年，全区孕产妇死亡率为0，婴儿死亡率为2.1‰。\n");
  auto r = RunGuihua("parse -", path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["file"], "-");
  EXPECT_EQ(doc["kind"], "text");
  ASSERT_EQ(doc["plans"].size(), 1u);
  EXPECT_EQ(doc["plans"][0]["plan"], nullptr);
  EXPECT_EQ(doc["plans"][0]["sections"][0]["items"][0]["line"], 1);
  r = RunGuihua("extract -", path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"file\":\"-\""), std::string::npos) << r.out;
  r = RunGuihua("parse -");  // nothing on standard input
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "-: empty file\n");
}

// Output that cannot be written (a full disk) is an error, not an exit code of 0, whichever command
// wrote it.
TEST(ParseCliTest, OutputToAFullDiskFails) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  std::string err = TempDir() + "/err";
  for (std::string command : {"extract", "parse --format json"}) {
    int code = RunShell(ShellQuote(GuihuaBinary()) + " --rules " + ShellQuote(RulesDir()) + " " +
                        command + " " + ShellQuote(CorpusFiles()[0]) + " >/dev/full 2>" +
                        ShellQuote(err));
    EXPECT_EQ(code, 1) << command;
    EXPECT_EQ(ReadBytes(err).rfind("stdout: cannot write", 0), 0u) << command << ": " << ReadBytes(err);
  }
}

TEST(ParseCliTest, UnknownOptionIsAUserError) {
  auto r = RunGuihua("parse --format yaml x.txt");
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace guihua
