// Names end to end: every option and query filter that takes a name accepts the id, the Chinese
// name and the usual short forms, and a name that names nothing is one line on stderr and exit 1,
// never "0 items match" (the cases of issue #17).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "common/corpus_index.h"
#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;

class NamesCliTest : public ::testing::Test {
 protected:
  static testing::RunResult Run(const std::string& args) {
    return RunGuihua(args + " --db " + ShellQuote(testing::CorpusIndexDir()));
  }
  // The search's JSON (exit 0 asserted).
  static nlohmann::json Search(const std::string& args) {
    auto r = Run("search --format json --limit 100 " + args);
    EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
};

struct SameAs {
  std::string given, canonical;  // search arguments: a name as typed, and the ids / full names
};

// Each short form finds exactly what its full form finds, and finds something.
TEST_F(NamesCliTest, ShortFormsFindWhatTheFullNamesFind) {
  const std::vector<SameAs> cases = {
      {"家庭教育 --district 北关", "家庭教育 --district 北关区"},
      {"家庭教育 --district 昆区", "家庭教育 --district 昆都仑区"},
      {"家庭教育 --city 安阳", "家庭教育 --city 安阳市"},
      {"家庭教育 --province 河南", "家庭教育 --province 河南省"},
      {"家庭教育 --province 内蒙古", "家庭教育 --province 内蒙古自治区"},
      {"--indicator 学前教育毛入园率", "--indicator preschool_enrollment"},
      {"家庭教育 --period 2021—2030", "家庭教育 --period 2021-2030"},
      {"家庭教育 --period 2021-2030年", "家庭教育 --period 2021-2030"},
      {"家庭教育 --period 十四五", "家庭教育 --period 2021-2025"},
      {"家庭教育 --domain 儿童与家庭", "家庭教育 --domain children.family"},
      {"家庭教育 --plan 儿童 --domain 家庭", "家庭教育 --domain children.family"},
      {"家庭教育 --block 策略措施", "家庭教育 --block measure"},
      {"'家庭教育 district:北关 domain:儿童与家庭'",
       "家庭教育 --district 北关区 --domain children.family"},
      {"'家庭教育 period:十四五'", "家庭教育 --period 2021-2025"},
  };
  for (const SameAs& c : cases) {
    nlohmann::json given = Search(c.given), canonical = Search(c.canonical);
    EXPECT_GT(canonical["total"].get<int>(), 0) << c.canonical;
    EXPECT_EQ(given["total"], canonical["total"]) << c.given;
    EXPECT_EQ(given["hits"], canonical["hits"]) << c.given;
  }
  // Held in a variable: a range-for over a member of a temporary reads freed memory (ASan).
  const nlohmann::json beiguan = Search("家庭教育 --district 北关");
  EXPECT_FALSE(beiguan["hits"].empty());
  for (const auto& hit : beiguan["hits"]) EXPECT_EQ(hit["district"], "北关区");
}

struct Refused {
  std::string args, err;
};

TEST_F(NamesCliTest, NamesThatNameNothingAreOneLineErrors) {
  const std::string holds = "(the index holds 昆都仑区, 南开区, 秀峰区, 北关区, 资阳区)";
  const std::vector<Refused> cases = {
      {"search 家庭教育 --domain children.famly",
       "search: unknown domain 'children.famly'; did you mean children.family?\n"},
      {"search 家庭教育 --domain 家庭",
       "search: domain '家庭' could be women.family or children.family; name one\n"},
      {"search 家庭教育 --district 北官",
       "search: unknown district '北官'; did you mean 北关区?\n"},
      {"search 家庭教育 --district 朝阳区",
       "search: district '朝阳区' has no plan in the index " + holds + "\n"},
      {"search 'district:朝阳 家庭'",
       "search: district '朝阳' (朝阳区) has no plan in the index " + holds + "\n"},
      {"search 家庭教育 --city 郑州",
       "search: city '郑州' (郑州市) has no plan in the index (the index holds 包头市, 天津市, "
       "桂林市, "
       "安阳市, 益阳市)\n"},
      {"search 家庭教育 --period 2021-2035",
       "search: no plan in the index has period 2021-2035 (the index holds 2021-2025, "
       "2021-2030)\n"},
      {"search --indicator 学前教育毛入园",
       "search: unknown indicator '学前教育毛入园'; did you mean "
       "preschool_enrollment?\n"},
      {"search 家庭 --plan men", "search: unknown plan 'men' (use women or children)\n"},
      {"compare targets --domain children.helth",
       "compare: unknown domain 'children.helth'; did you mean children.health?\n"},
      {"compare measures --domain children.famly",
       "compare measures: unknown domain 'children.famly'; did you mean children.family?\n"},
      {"diff 北官 资阳", "diff: unknown document or district '北官'; did you mean 北关区?\n"},
  };
  for (const Refused& c : cases) {
    auto r = Run(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.args;
    EXPECT_EQ(r.out, "") << c.args;
    EXPECT_EQ(r.err, c.err) << c.args;
  }
}

TEST_F(NamesCliTest, DiffAndMeasuresTakeShortForms) {
  auto r = Run("diff 北关 资阳 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto diff = nlohmann::json::parse(r.out);
  EXPECT_EQ(diff["a"]["district"], "北关区");
  EXPECT_EQ(diff["b"]["district"], "资阳区");
  r = Run("compare measures --domain 儿童与家庭 --district 北关,南开 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> districts;
  auto alignment = nlohmann::json::parse(r.out);
  for (const auto& c : alignment["columns"]) districts.insert(c["district"]);
  EXPECT_EQ(districts, (std::set<std::string>{"北关区", "南开区"}));
}

TEST(CommandsCliTest, VersionHelpAndMistypedCommands) {
  auto r = RunGuihua("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("guihua ", 0), 0u) << r.out;
  r = RunGuihua("serach 家庭");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "guihua: unknown command 'serach'; did you mean search?\n");
  r = RunGuihua("compare targts");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "guihua: unknown command 'compare targts'; did you mean compare targets?\n");
  r = RunGuihua("help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command : {"search", "compare", "indicators", "domains", "documents", "help"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  }
  r = RunGuihua("help compare targets");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--against"), std::string::npos) << r.out;
  r = RunGuihua("help serach");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "help: unknown command 'serach'; did you mean search?\n");
  r = RunGuihua("");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("search"), std::string::npos);
}

TEST_F(NamesCliTest, Listings) {
  auto r = RunGuihua("indicators --format json --plan 儿童 --domain 健康 --db " +
                     ShellQuote(testing::CorpusIndexDir()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto indicators = nlohmann::json::parse(r.out);
  ASSERT_GT(indicators.size(), 5u);
  bool infant = false;
  for (const auto& i : indicators) {
    EXPECT_NE(i["plan"], "women") << i;
    EXPECT_NE(std::find(i["domains"].begin(), i["domains"].end(), "children.health"),
              i["domains"].end());
    if (i["id"] == "infant_mortality") {
      infant = true;
      EXPECT_EQ(i["name"], "婴儿死亡率");
      EXPECT_EQ(i["documents"], 5);
      EXPECT_GE(i["targets"].get<int>(), 5);
    }
  }
  EXPECT_TRUE(infant);
  r = RunGuihua("indicators --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("\xEF\xBB\xBF" "indicator_id,indicator,label,plan,parent,domains,direction,unit\r\n",
                        0),
            0u)
      << r.out.substr(0, 200);
  r = RunGuihua("indicators --unknown --format json --db " + ShellQuote(testing::CorpusIndexDir()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto unknown = nlohmann::json::parse(r.out);
  ASSERT_FALSE(unknown.empty());
  EXPECT_FALSE(unknown[0]["indicator"].get<std::string>().empty());
  EXPECT_GE(unknown[0]["values"].get<int>(), 1);
  r = RunGuihua("indicators --unknown");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "indicators: --unknown lists what an index holds: name it with --db\n");
  r = RunGuihua("indicators --domain children.famly");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "indicators: unknown domain 'children.famly'; did you mean children.family?\n");

  r = RunGuihua("domains --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto domains = nlohmann::json::parse(r.out);
  ASSERT_EQ(domains.size(), 15u);
  EXPECT_EQ(domains[0]["id"], "women.health");
  EXPECT_EQ(domains[0]["name"], "妇女与健康");

  r = RunGuihua("documents --format json --db " + ShellQuote(testing::CorpusIndexDir()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto documents = nlohmann::json::parse(r.out);
  ASSERT_EQ(documents.size(), 5u);
  for (const auto& d : documents) {
    EXPECT_EQ(d["kind"], "plan");
    EXPECT_GT(d["items"].get<int>(), 0);
    for (const char* key :
         {"id", "title", "province", "city", "district", "period", "file", "targets"}) {
      EXPECT_TRUE(d.contains(key)) << key;
    }
  }
}

}  // namespace
}  // namespace guihua
