// Why a cell is empty, end to end: `compare targets` in every format and `diff` show 南开区's
// 孕产妇死亡率得到有效控制 (line 64) as a goal without a number, not as an indicator its plan lacks.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "common/corpus_index.h"
#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;
using ::guihua::testing::TempDir;

std::string CompareArgs(const std::string& format) {
  return "compare targets --db " + ShellQuote(testing::CorpusIndexDir()) +
         " --indicator maternal_mortality,village_committee_director_women --against 秀峰区 --format " +
         format;
}

TEST(CompareCellsCliTest, JsonCellsHaveAState) {
  auto r = RunGuihua(CompareArgs("json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> states;
  for (const auto& row : j["rows"]) {
    for (const auto& cell : row["cells"]) {
      states.push_back(cell["state"].get<std::string>() + "/" +
                       (cell["verdict"].is_null() ? "" : cell["verdict"].get<std::string>()));
    }
  }
  // 昆都仑区 南开区 秀峰区 北关区 资阳区, per indicator.
  EXPECT_EQ(states, (std::vector<std::string>{
                        "number/same", "no_number/no_number", "number/same", "number/same",
                        "number/same",  //
                        "not_in_plan/missing", "not_in_plan/missing", "number/same",
                        "no_number/no_number", "number/same"}));
  EXPECT_EQ(j["rows"][0]["cells"][1]["directions"][0]["quote"], "孕产妇死亡率得到有效控制");
  EXPECT_EQ(j["rows"][0]["cells"][1]["directions"][0]["line"], 64);
  EXPECT_EQ(j["summary"][1]["no_number"], 1);
  EXPECT_EQ(j["summary"][1]["missing"], 1);
}

// What each format prints for the goal without a number, and that the plan without the indicator
// is not said to have one.
TEST(CompareCellsCliTest, EveryFormatShowsAGoalWithoutANumber) {
  struct Case {
    const char* format;
    std::vector<const char*> has;
  };
  const Case kCases[] = {
      {"table", {"得到有效控制", "（无数值）", "无数值 1", "[未设定]"}},
      {"md", {"得到有效控制（无数值）[^", "无数值 1, 未设定 1"}},
      {"csv", {",direction,,,,,,,得到有效控制,guangxi-guilin-xiufeng-2021-2030,no_number,no_number,"
               "孕产妇死亡率得到有效控制,64,",
               ",guangxi-guilin-xiufeng-2021-2030,missing,not_in_plan,"}},
      {"html", {"<td class=\"v-no_number\"><span class=\"value no-number\"", "得到有效控制（无数值）",
                "<span class=\"verdict\">未设定</span>"}},
  };
  for (const Case& c : kCases) {
    auto r = RunGuihua(CompareArgs(c.format));
    ASSERT_EQ(r.exit_code, 0) << c.format << ": " << r.err;
    for (const char* text : c.has) EXPECT_NE(r.out.find(text), std::string::npos) << c.format << ": " << text;
  }
  std::string xlsx = TempDir() + "/cells.xlsx";
  auto r = RunGuihua(CompareArgs("xlsx") + " -o " + ShellQuote(xlsx));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The cell's text in the workbook is checked by render_test (CompareXlsx.CellsThroughSharedStrings).
  EXPECT_EQ(testing::ReadBytes(xlsx).substr(0, 2), "PK");
}

// The cases: 昆都仑区 line 2641 12岁儿童龋齿率控制在25%以内 and line 2655 优良率达到60%以上
// have their numbers in the table (they showed "-").
TEST(CompareCellsCliTest, KundulunCariesAndFitnessHaveTheirNumbers) {
  auto r = RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) +
                     " --domain children.health --district 昆都仑区 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> cells;
  for (const auto& row : j["rows"]) {
    const auto& cell = row["cells"][0];
    if (cell["state"] != "number") continue;
    const auto& v = cell["values"][0];
    cells[row["indicator_id"]] = v["comparator"].get<std::string>() + std::to_string(v["value"].get<int>()) +
                                 v["unit"].get<std::string>() + " line " + std::to_string(v["line"].get<int>());
  }
  EXPECT_EQ(cells["caries_age12"], "<=25% line 2641");
  EXPECT_EQ(cells["fitness_standard_excellent"], ">=60% line 2655");
}

TEST(CompareCellsCliTest, DiffSaysNoNumberAndPairsTheScreeningTargetOnce) {
  auto r = RunGuihua("diff 北关区 南开区 --format json --db " + ShellQuote(testing::CorpusIndexDir()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& d : j["domains"]) {
    for (const auto& t : d["targets"]) {
      if (t["indicator_id"] != "maternal_mortality") continue;
      found = true;
      EXPECT_EQ(t["verdict"], "no_number");
      EXPECT_EQ(t["a_state"], "number");
      EXPECT_EQ(t["b_state"], "no_number");
      EXPECT_EQ(t["b"]["value_text"], "得到有效控制");
      EXPECT_EQ(d["target_verdicts"]["no_number"], 1);
    }
  }
  EXPECT_TRUE(found);
  r = RunGuihua("diff 北关区 南开区 --db " + ShellQuote(testing::CorpusIndexDir()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("孕产妇死亡率: ≤12/10万 → 得到有效控制（无数值）"), std::string::npos) << r.out;

  // 北关区 and 资阳区 both set 70% for cervical-cancer screening, worded differently: no change.
  r = RunGuihua("diff 北关区 资阳区 --format json --db " + ShellQuote(testing::CorpusIndexDir()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  for (const auto& d : j["domains"]) {
    std::set<std::string> missing, extra;
    for (const auto& t : d["targets"]) {
      std::string key = t["indicator_id"].get<std::string>();
      if (key.empty()) key = t["indicator"].get<std::string>();
      EXPECT_NE(key, "cervical_cancer_screening");
      if (t["verdict"] == "missing") missing.insert(key);
      if (t["verdict"] == "extra") extra.insert(key);
    }
    for (const std::string& key : missing) EXPECT_FALSE(extra.count(key)) << key;
  }
}

}  // namespace
}  // namespace guihua
