// `guihua ingest`, `search`, `stats`, `remove` and `compact` end to end: skip, replace, purge,
// failure in the middle, a second writer, a kill mid-run, and the JSON a program reads.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/corpus_index.h"
#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::CorpusFiles;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;
using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;
namespace fs = std::filesystem;

nlohmann::json SearchJson(const std::string& db, const std::string& args) {
  auto r = RunGuihua("search --db " + ShellQuote(db) + " --format json " + args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

TEST(IndexCliTest, IngestSearchStatsAndRemove) {
  std::string dir = TempDir();
  std::string db = dir + "/db";
  auto r = RunGuihua("ingest --db " + ShellQuote(db) + " " +
                     ShellQuote(testing::SourceDir() + "/corpus"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ingest: 5 files indexed"), std::string::npos) << r.err;

  // Unchanged files are skipped the second time.
  r = RunGuihua("ingest --db " + ShellQuote(db) + " " + ShellQuote(testing::SourceDir() + "/corpus"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("0 files indexed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("5 unchanged skipped"), std::string::npos) << r.err;

  auto result = SearchJson(db, "'\"家庭教育指导服务站点\" district:北关区' --facets --limit 2");
  ASSERT_FALSE(result.is_discarded());
  EXPECT_EQ(result["query"], "\"家庭教育指导服务站点\" district:北关区");
  ASSERT_GE(result["total"].get<int>(), 1);
  ASSERT_LE(result["hits"].size(), 2u);
  for (const auto& hit : result["hits"]) {
    for (const char* key : {"rank", "score", "document", "file", "province", "city", "district",
                            "plan", "domain_id", "block", "item", "line", "text", "snippet"}) {
      EXPECT_TRUE(hit.contains(key)) << key;
    }
    EXPECT_EQ(hit["district"], "北关区");
    EXPECT_NE(hit["snippet"].get<std::string>().find("«家庭教育指导服务站点»"), std::string::npos);
  }
  EXPECT_EQ(result["facets"]["district"].size(), 1u);

  // A query right after --db is the query, not a second database.
  r = RunGuihua("search --db " + ShellQuote(db) + " '\"家庭教育指导服务站点\"' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(nlohmann::json::parse(r.out)["total"].get<int>(), 5);

  r = RunGuihua("stats --format json --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto stats = nlohmann::json::parse(r.out);
  EXPECT_EQ(stats["documents"], 5);
  EXPECT_EQ(stats["plans"], 10);
  EXPECT_EQ(stats["districts"].size(), 5u);

  r = RunGuihua("remove --db " + ShellQuote(db) + " henan-anyang-beiguan-2021-2030");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A district with no plan left is an error, not an empty answer.
  r = RunGuihua("search --db " + ShellQuote(db) + " district:北关区");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "search: district '北关区' has no plan in the index (the index holds 昆都仑区, 南开区, "
            "秀峰区, 资阳区)\n");
  r = RunGuihua("remove --db " + ShellQuote(db) + " henan-anyang-beiguan-2021-2030");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not in the index"), std::string::npos);
}

TEST(IndexCliTest, AChangedFileReplacesItsItems) {
  std::string dir = TempDir();
  std::string db = dir + "/db", file = dir + "/plan.txt";
  std::string text = ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt"));
  WriteBytes(file, text);
  ASSERT_EQ(RunGuihua("ingest --db " + ShellQuote(db) + " " + ShellQuote(file)).exit_code, 0);
  int before = SearchJson(db, "''")["total"];
  EXPECT_EQ(SearchJson(db, "独一无二的新措施")["total"], 0);
  // Add a sentence to the first measure of the health domain and ingest again.
  size_t at = text.find("。", text.find("策略措施"));
  text.insert(at, "，并试行独一无二的新措施");
  WriteBytes(file, text);
  auto r = RunGuihua("ingest --db " + ShellQuote(db) + " " + ShellQuote(file));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 files indexed"), std::string::npos) << r.err;
  EXPECT_EQ(SearchJson(db, "''")["total"], before);  // replaced, not added twice
  EXPECT_EQ(SearchJson(db, "独一无二的新措施")["total"], 1);
}

// A file replaced in a large index is hidden at once, and `guihua compact` purges its old items:
// the index then holds only what searches saw, in a new generation.
TEST(IndexCliTest, CompactPurgesWhatWasReplaced) {
  std::string dir = TempDir();
  std::string db = dir + "/db";
  // A copy of the corpus index the corpus_index fixture made (IngestSearchStatsAndRemove tests
  // that ingest), not an ingest of its own: this test changes it.
  fs::copy(testing::CorpusIndexDir(), db, fs::copy_options::recursive);
  auto generation = [&] {
    std::ifstream stub(db + "/XAPIANDB");
    std::string backend, name;
    stub >> backend >> name;
    return name;
  };
  const std::string compacted = generation();
  const std::string stats = RunGuihua("stats --db " + ShellQuote(db)).out;
  const int before = SearchJson(db, "''")["total"];
  const int phrase = SearchJson(db, "'\"家庭教育指导\"'")["total"];

  // The same plan from another path replaces its document: a fifth of the items, no purge yet.
  std::string copy = dir + "/tianjin-nankai-2021-2025.txt";
  fs::copy_file(CorpusFile("tianjin-nankai-2021-2025.txt"), copy);
  auto r = RunGuihua("ingest --db " + ShellQuote(db) + " " + ShellQuote(copy));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("replaces tianjin-nankai-2021-2025"), std::string::npos) << r.err;
  EXPECT_EQ(generation(), compacted);
  EXPECT_EQ(SearchJson(db, "''")["total"], before);
  EXPECT_EQ(SearchJson(db, "'\"家庭教育指导\"'")["total"], phrase);

  r = RunGuihua("compact --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(generation(), compacted);
  EXPECT_FALSE(fs::exists(db + "/" + compacted));
  EXPECT_EQ(SearchJson(db, "''")["total"], before);
  EXPECT_EQ(SearchJson(db, "'\"家庭教育指导\"'")["total"], phrase);
  std::string after = RunGuihua("stats --db " + ShellQuote(db)).out;
  EXPECT_EQ(after, stats);  // the same documents, plans, items and targets per district
  auto hits = SearchJson(db, "'document:tianjin-nankai-2021-2025' --limit 1");
  ASSERT_EQ(hits["hits"].size(), 1u);
  EXPECT_EQ(hits["hits"][0]["file"], copy);

  // Asked for, the termlist table that xapian-tcpsrv needs comes back.
  r = RunGuihua("compact --termlist --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(db + "/" + generation() + "/termlist.glass"));
  EXPECT_EQ(SearchJson(db, "''")["total"], before);
}

TEST(IndexCliTest, AFailingFileIsReportedAndTheOthersAreKept) {
  std::string dir = TempDir();
  std::string db = dir + "/db", in = dir + "/in";
  fs::create_directories(in);
  fs::copy(CorpusFile("henan-anyang-beiguan-2021-2030.txt"), in + "/a.txt");
  WriteBytes(in + "/b.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  fs::copy(CorpusFile("tianjin-nankai-2021-2025.txt"), in + "/c.txt");
  auto r = RunGuihua("ingest --db " + ShellQuote(db) + " " + ShellQuote(in));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(in + "/b.txt: binary data"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ingest: failed: " + in + "/b.txt"), std::string::npos) << r.err;
  auto stats = nlohmann::json::parse(RunGuihua("stats --format json --db " + ShellQuote(db)).out);
  EXPECT_EQ(stats["documents"], 2);
}

TEST(IndexCliTest, ASecondWriterIsToldTheIndexIsLocked) {
  std::string dir = TempDir();
  std::string db = dir + "/db";
  ASSERT_EQ(RunGuihua("ingest --db " + ShellQuote(db) + " " +
                      ShellQuote(CorpusFile("tianjin-nankai-2021-2025.txt")))
                .exit_code,
            0);
  // Hold the write lock from a shell, the way a long ingest would: `guihua ingest` of a FIFO
  // blocks reading it with the index open.
  std::string fifo = dir + "/slow.txt";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  pid_t holder = fork();
  if (holder == 0) {
    std::string binary = testing::GuihuaBinary();
    std::string rules = testing::RulesDir();
    execl(binary.c_str(), "guihua", "--rules", rules.c_str(), "ingest", "--db", db.c_str(),
          fifo.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // The holder opens the FIFO only after it has locked the index (Ingest opens the writer first):
  // once a writer's open finds a reader, the lock is held. Polled, so a holder that died fails.
  int writer = -1;
  for (int i = 0; i < 3000 && writer < 0; ++i) {
    writer = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);  // ENXIO while no one reads
    if (writer < 0) usleep(10'000);
  }
  ASSERT_GE(writer, 0) << "the holding ingest never opened its FIFO";
  auto r = RunGuihua("ingest --db " + ShellQuote(db) + " " +
                     ShellQuote(CorpusFile("henan-anyang-beiguan-2021-2030.txt")));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, db + ": index is locked by another process\n");
  // Let the holder finish (its FIFO gives an empty file) and the index is usable again.
  close(writer);
  waitpid(holder, nullptr, 0);
  EXPECT_EQ(SearchJson(db, "''")["total"].get<int>() > 0, true);
}

TEST(IndexCliTest, KillingIngestLeavesEveryCommittedFile) {
  std::string dir = TempDir();
  std::string db = dir + "/db", in = dir + "/in";
  fs::create_directories(in);
  // 40 copies of one plan under distinct names: a run of several seconds to interrupt.
  const int copies = 40;
  for (int i = 0; i < copies; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "/plan-%03d.txt", i);
    fs::copy(CorpusFile("henan-anyang-beiguan-2021-2030.txt"), in + name);
  }
  std::string one = dir + "/one";
  ASSERT_EQ(RunGuihua("ingest --db " + ShellQuote(one) + " " + ShellQuote(in + "/plan-000.txt")).exit_code, 0);
  int items_per_file =
      nlohmann::json::parse(RunGuihua("stats --format json --db " + ShellQuote(one)).out)["items"];

  pid_t child = fork();
  if (child == 0) {
    std::string binary = testing::GuihuaBinary();
    std::string rules = testing::RulesDir();
    freopen("/dev/null", "w", stderr);
    execl(binary.c_str(), "guihua", "--rules", rules.c_str(), "ingest", "--db", db.c_str(),
          in.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Killed once some file is committed (a loaded machine may take longer than usual for that),
  // in the middle of the run.
  for (int waited = 0; waited < 600; ++waited) {
    auto stats = RunGuihua("stats --format json --db " + ShellQuote(db));
    if (stats.exit_code == 0 && nlohmann::json::parse(stats.out, nullptr, false).value("documents", 0) > 0) {
      break;
    }
    usleep(100'000);
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);

  auto r = RunGuihua("stats --format json --db " + ShellQuote(db));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto stats = nlohmann::json::parse(r.out);
  int documents = stats["documents"];
  std::cout << "killed after " << documents << " of " << copies << " files\n";
  EXPECT_GT(documents, 0);
  EXPECT_LT(documents, copies);
  // Only whole files: every record counts all items of its file, and the items are all there.
  EXPECT_EQ(stats["items"].get<int>(), documents * items_per_file);
  EXPECT_EQ(SearchJson(db, "''")["total"].get<int>(), documents * items_per_file);
  // The index takes further writes after the kill.
  r = RunGuihua("ingest --db " + ShellQuote(db) + " " + ShellQuote(in));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  stats = nlohmann::json::parse(RunGuihua("stats --format json --db " + ShellQuote(db)).out);
  EXPECT_EQ(stats["documents"].get<int>(), copies);
  EXPECT_EQ(SearchJson(db, "''")["total"].get<int>(), copies * items_per_file);
}

TEST(IndexCliTest, BadSearchInputIsAUserError) {
  std::string dir = TempDir();
  auto r = RunGuihua("search 家庭 --db " + ShellQuote(dir + "/none"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot open index"), std::string::npos) << r.err;
  std::string db = dir + "/db";
  ASSERT_EQ(RunGuihua("ingest --db " + ShellQuote(db) + " " +
                      ShellQuote(CorpusFile("tianjin-nankai-2021-2025.txt"))).exit_code, 0);
  r = RunGuihua("search '(家庭' --db " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "search: unbalanced parenthesis\n");
  r = RunGuihua("search 家庭 --limit 100000 --db " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 1);
  r = RunGuihua("search --value 90..100 --db " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "search: value:90..100 needs an indicator (indicator:ID or --indicator)\n");
  r = RunGuihua("search --sort colour --db " + ShellQuote(db));
  EXPECT_EQ(r.exit_code, 1);
}

// Filters alone need no query: the plan's compulsory-education goals of 98% or more, highest first.
TEST(IndexCliTest, ReportsAndTextsAreIndexedWithTheirKind) {
  std::string dir = TempDir();
  std::string db = dir + "/db", report = dir + "/report.txt", note = dir + "/note.txt";
  WriteBytes(report, "2022年某市妇女儿童发展规划统计监测报告\n一、妇女与健康\n"
                     "2022年，全市孕产妇死亡率为9.8/10万。\n");
  WriteBytes(note, "全市孕产妇死亡率继续下降。\n");
  auto r = RunGuihua("ingest --db " + ShellQuote(db) + " " +
                     ShellQuote(CorpusFile("guangxi-guilin-xiufeng-2021-2030.txt")) + " " +
                     ShellQuote(report) + " " + ShellQuote(note));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto reports = SearchJson(db, "'孕产妇死亡率 kind:report'");
  ASSERT_EQ(reports["total"].get<int>(), 1) << reports.dump();
  EXPECT_EQ(reports["hits"][0]["document"], "report");
  EXPECT_EQ(SearchJson(db, "孕产妇死亡率 --kind text")["hits"][0]["document"], "note");
  auto plans = SearchJson(db, "孕产妇死亡率 --kind plan");
  ASSERT_GT(plans["total"].get<int>(), 0);
  for (const auto& hit : plans["hits"]) EXPECT_EQ(hit["document"], "guangxi-guilin-xiufeng-2021-2030");
  EXPECT_EQ(RunGuihua("search --db " + ShellQuote(db) + " x --kind review").exit_code, 1);
  // --kind at ingest overrides what the text suggests.
  std::string other = dir + "/db2";
  r = RunGuihua("ingest --kind report --db " + ShellQuote(other) + " " + ShellQuote(note));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(SearchJson(other, "'孕产妇 kind:report'")["total"].get<int>(), 1);
}

TEST(IndexCliTest, FiltersAndSortWithoutAQuery) {
  std::string db = TempDir() + "/db";
  ASSERT_EQ(RunGuihua("ingest --db " + ShellQuote(db) + " " +
                      ShellQuote(CorpusFile("guangxi-guilin-xiufeng-2021-2030.txt"))).exit_code, 0);
  auto r = RunGuihua("search --db " + ShellQuote(db) +
                     " --indicator compulsory_education_retention --value 97.. --sort value-desc --year 2028");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("2 条匹配 筛选条件\n", 0), 0u) << r.out;
  size_t first = r.out.find("99%"), second = r.out.find("97%");
  ASSERT_NE(first, std::string::npos) << r.out;
  ASSERT_NE(second, std::string::npos) << r.out;
  EXPECT_LT(first, second);
  EXPECT_EQ(SearchJson(db, "--year 2031")["total"].get<int>(), 0);
  auto j = SearchJson(db, "--indicator compulsory_education_retention --sort value");
  ASSERT_EQ(j["hits"].size(), 2u);
  EXPECT_EQ(j["hits"][0]["sort_key"], "97");  // what the hits were sorted by
  EXPECT_EQ(j["hits"][1]["sort_key"], "99");
  EXPECT_FALSE(SearchJson(db, "儿童")["hits"][0].contains("sort_key"));
}

}  // namespace
}  // namespace guihua
