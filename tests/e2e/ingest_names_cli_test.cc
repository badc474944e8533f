// `guihua ingest` on files whose names are not UTF-8 (a GBK-named copy of a corpus plan, as the
// zip files of Windows users give; Latin-1; stray bytes): each is refused on one line with its name
// escaped, the others are indexed, and the run ends with exit code 1, not an abort.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;
using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;

TEST(IngestNamesCliTest, NamesThatAreNotUtf8AreRefusedOnOneLineEach) {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir + "/plans");
  std::string plan = ReadBytes(CorpusFile("henan-anyang-beiguan-2021-2030.txt"));
  WriteBytes(dir + "/plans/a.txt", ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt")));
  WriteBytes(dir + "/plans/b-\xB1\xB1\xB9\xD8\xC7\xF8.txt", plan);  // GBK
  WriteBytes(dir + "/plans/c-caf\xE9.txt", plan);                   // Latin-1
  WriteBytes(dir + "/plans/d-\xFF.txt", plan);                      // no encoding's text
  WriteBytes(dir + "/plans/e-北关区.txt", plan);

  auto r = RunGuihua("ingest --db " + ShellQuote(dir + "/db") + " " + ShellQuote(dir + "/plans"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("ingest: 2 files indexed"), std::string::npos) << r.err;
  const std::string reason = ": file name is not UTF-8 (rename it, e.g. convmv -f gbk -t utf-8)\n";
  for (const char* shown :
       {"b-\\xB1\\xB1\\xB9\\xD8\\xC7\\xF8.txt", "c-caf\\xE9.txt", "d-\\xFF.txt"}) {
    EXPECT_NE(r.err.find(dir + "/plans/" + shown + reason), std::string::npos) << shown << r.err;
  }
  // Every line of the output is UTF-8: the names are shown escaped, never as raw bytes.
  EXPECT_EQ(r.err.find('\xB1'), std::string::npos);
  EXPECT_EQ(r.err.find('\xFF'), std::string::npos);

  auto stats = RunGuihua("stats --db " + ShellQuote(dir + "/db"));
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("南开区"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("北关区"), std::string::npos) << stats.out;
}

TEST(IngestNamesCliTest, DiffOfAFileNamedInGbkWritesJson) {
  std::string dir = TempDir();
  std::string gbk = dir + "/\xB1\xB1\xB9\xD8\xC7\xF8.txt";
  WriteBytes(gbk, ReadBytes(CorpusFile("henan-anyang-beiguan-2021-2030.txt")));
  auto r = RunGuihua("diff --format json " + ShellQuote(gbk) + " " +
                     ShellQuote(CorpusFile("tianjin-nankai-2021-2025.txt")));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD for the bytes of the name
}

}  // namespace
}  // namespace guihua
