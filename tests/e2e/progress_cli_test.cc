// `guihua progress` end to end over an index of 北关区's plan and two of its monitoring reports: the
// table's 达标率 line, names resolved, one indicator across districts side by side, the formats that
// write files, and the one-line errors (exit 1) for unknown names and a missing -o. On the same index,
// a district with reports in the tables of plans: compare targets, diff and compare measures take
// its plan, never a report unless named by its id.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/test_support.h"

namespace guihua {
namespace {

using testing::RunGuihua;
using testing::ShellQuote;

class ProgressCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::TempDir());
    std::string files = ShellQuote(testing::CorpusFile("henan-anyang-beiguan-2021-2030.txt")) + " " +
                        ShellQuote(testing::CorpusFile("tianjin-nankai-2021-2025.txt"));
    for (const char* name : {"beiguan-women-2021", "beiguan-women-2022", "nankai-women-2023"}) {
      files += " " + ShellQuote(testing::SourceDir() + "/tests/fixtures/progress/" + name + ".txt");
    }
    auto r = RunGuihua("ingest --db " + ShellQuote(*dir_ + "/db") + " " + files);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Db() { return " --db " + ShellQuote(*dir_ + "/db"); }
  static std::string* dir_;
};
std::string* ProgressCliTest::dir_ = nullptr;

TEST_F(ProgressCliTest, TablesFormatsAndErrors) {
  auto table = RunGuihua("progress" + Db() + " --district 北关 --plan 妇女");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("北关区 妇女 2021–2030 (henan-anyang-beiguan-2021-2030): 达标率 5/9 = 55.6%", 0), 0u)
      << table.out;

  // One indicator, two districts: one table, a row each.
  auto side = RunGuihua("progress" + Db() + " --district 北关区,南开区 --indicator 适龄妇女宫颈癌人群筛查率");
  ASSERT_EQ(side.exit_code, 0) << side.err;
  EXPECT_EQ(side.out.rfind("适龄妇女宫颈癌人群筛查率 (cervical_cancer_screening)\n", 0), 0u) << side.out;
  EXPECT_NE(side.out.find("未实现"), std::string::npos);  // 北关区 62.5%
  EXPECT_NE(side.out.find("73% (2023)"), std::string::npos);    // 南开区

  auto json = RunGuihua("progress" + Db() + " --district 南开 --indicator cervical_cancer_screening --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["plans"][0]["rows"][0]["status"], "achieved");

  for (const char* format : {"csv", "md", "html", "xlsx"}) {
    std::string out = *dir_ + "/progress." + format;
    auto r = RunGuihua("progress" + Db() + " --district 北关 --format " + format + " -o " + ShellQuote(out));
    EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
    EXPECT_GT(testing::ReadBytes(out).size(), 500u) << format;
  }
  EXPECT_EQ(testing::ReadBytes(*dir_ + "/progress.csv").rfind("\xEF\xBB\xBF" "document,", 0), 0u);

  struct Bad {
    std::string args, err;
  };
  for (const Bad& b : {Bad{"--indicator maternal_mortalty", "progress: unknown indicator 'maternal_mortalty'"},
                       Bad{"--district 朝阳区", "progress: "},
                       Bad{"--format xlsx", "progress: --format xlsx needs -o FILE\n"}}) {
    auto r = RunGuihua("progress" + Db() + " " + b.args);
    EXPECT_EQ(r.exit_code, 1) << b.args;
    EXPECT_EQ(r.err.rfind(b.err, 0), 0u) << b.args << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << b.args << ": " << r.err;
  }
}

// A district with monitoring reports stands for its plan where a plan is asked for: the reference of
// compare targets, a column, a side of diff, the documents of compare measures.
TEST_F(ProgressCliTest, ADistrictWithReportsIsItsPlanInCompareAndDiff) {
  auto against = RunGuihua("compare targets" + Db() + " --indicator 孕产妇死亡率 --against 北关区 --format json");
  ASSERT_EQ(against.exit_code, 0) << against.err;
  auto j = nlohmann::json::parse(against.out);
  EXPECT_EQ(j["reference"]["document"], "henan-anyang-beiguan-2021-2030") << against.out;
  // The columns are the two plans, no report.
  ASSERT_EQ(j["columns"].size(), 2u) << against.out;
  EXPECT_EQ(j["columns"][0]["document"], "tianjin-nankai-2021-2025");
  EXPECT_EQ(j["columns"][1]["document"], "henan-anyang-beiguan-2021-2030");

  auto columns = RunGuihua("compare targets" + Db() + " --indicator 孕产妇死亡率 --district 北关区,南开区 --format json");
  ASSERT_EQ(columns.exit_code, 0) << columns.err;
  EXPECT_EQ(nlohmann::json::parse(columns.out)["columns"].size(), 2u) << columns.out;

  // A report named by its id is a reference all the same.
  auto report = RunGuihua("compare targets" + Db() + " --indicator 孕产妇死亡率 --against beiguan-women-2022 --format json");
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_EQ(nlohmann::json::parse(report.out)["reference"]["document"], "beiguan-women-2022");

  auto diff = RunGuihua("diff" + Db() + " 北关区 南开区 --format json");
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_NE(diff.out.find("henan-anyang-beiguan-2021-2030"), std::string::npos);

  auto measures = RunGuihua("compare measures" + Db() + " --domain women.health --district 北关区,南开区 --format json");
  EXPECT_EQ(measures.exit_code, 0) << measures.err;
  EXPECT_EQ(measures.out.find("beiguan-women-202"), std::string::npos) << measures.out;
}

}  // namespace
}  // namespace guihua
