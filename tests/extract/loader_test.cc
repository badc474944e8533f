// Rule loading: a broken rule set reports every error as `rules/FILE:LINE:COL: message`, not only
// the first; a failing expect line is reported at its own line and column.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "extract/extract_support.h"

namespace guihua {
namespace {

namespace fs = std::filesystem;

// A rules/ folder with the real rule files, to which a test adds broken content.
std::string CopyRules() {
  fs::path dir = fs::path(testing::TempDir()) / "rules";
  fs::create_directories(dir / "extract");
  fs::copy(testing::RulesDir() + "/extract", dir / "extract", fs::copy_options::recursive);
  fs::copy_file(testing::RulesDir() + "/indicators.tsv", dir / "indicators.tsv",
                fs::copy_options::overwrite_existing);
  fs::copy_file(testing::RulesDir() + "/domains.tsv", dir / "domains.tsv",
                fs::copy_options::overwrite_existing);
  return dir.string();
}

std::vector<std::string> Messages(const Diagnostics& diag) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diag.all()) out.push_back(d.ToString());
  return out;
}

TEST(ExtractorLoadTest, RealRulesLoadWithoutDiagnostics) {
  Diagnostics diag;
  auto extractor = Extractor::Load(testing::RulesDir(), &diag);
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  EXPECT_TRUE(diag.all().empty());
  EXPECT_GT((*extractor)->CheckExpectations(&diag), 50);
  EXPECT_TRUE(diag.all().empty()) << diag.all()[0].ToString();
}

TEST(ExtractorLoadTest, EveryErrorIsReportedWithFileLineColumn) {
  std::string dir = CopyRules();
  testing::WriteBytes(dir + "/extract/exclusions.rules",
                      "rule broken_regex\n"
                      "  pattern: 第(\\d+\n"                        // line 2: unbalanced group
                      "rule unknown_placeholder\n"
                      "  pattern: {NOPE}次\n"                       // line 4: unknown {NOPE}
                      "rule unknown_key\n"
                      "  colour: red\n"                            // line 6: unknown key
                      "  pattern: x\n"
                      "rule no_pattern\n"                          // line 8: no pattern
                      "  note: nothing\n"
                      "  expect: no arrow here\n"                  // line 10: bad expect
                      "stray line\n");                             // line 11: not a rule
  testing::WriteBytes(dir + "/extract/units.rules",
                      testing::ReadBytes(testing::RulesDir() + "/extract/units.rules") +
                          "rule bad_class\n  pattern: 坨\n  class: lumps\n");
  testing::WriteBytes(dir + "/indicators.tsv",
                      testing::ReadBytes(testing::RulesDir() + "/indicators.tsv") +
                          "broken_row\tboth\n");
  Diagnostics diag;
  auto extractor = Extractor::Load(dir, &diag);
  EXPECT_FALSE(extractor.ok());
  std::vector<std::string> got = Messages(diag);
  auto has = [&](const std::string& prefix) {
    for (const std::string& m : got) {
      if (m.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("rules/extract/exclusions.rules:2:12: error: bad pattern: "));
  EXPECT_TRUE(has("rules/extract/exclusions.rules:4:12: error: unknown placeholder {NOPE}"));
  EXPECT_TRUE(has("rules/extract/exclusions.rules:6:3: error: unknown key 'colour'"));
  EXPECT_TRUE(has("rules/extract/exclusions.rules:8:1: error: rule 'no_pattern' needs a 'pattern:'"));
  EXPECT_TRUE(has("rules/extract/exclusions.rules:10:11: error: expect needs 'INPUT => TARGETS'"));
  EXPECT_TRUE(has("rules/extract/exclusions.rules:11:1: error: expected 'rule NAME'"));
  EXPECT_TRUE(has("rules/extract/units.rules:"));
  EXPECT_TRUE(has("rules/indicators.tsv:"));
  EXPECT_GE(got.size(), 8u);
  for (const std::string& m : got) EXPECT_EQ(m.rfind("rules/", 0), 0u) << m;
}

TEST(ExtractorLoadTest, FailingExpectNamesItsLine) {
  std::string dir = CopyRules();
  testing::WriteBytes(dir + "/extract/directions.rules",
                      testing::ReadBytes(testing::RulesDir() + "/extract/directions.rules") +
                          "\nrule wrong_expectation\n"
                          "  pattern: (?P<ind>X)逐步提高\n"
                          "  expect: 孕产妇死亡率下降到12/10万以下 => 孕产妇死亡率 <= 13 /10万\n");
  Diagnostics diag;
  auto extractor = Extractor::Load(dir, &diag);
  ASSERT_TRUE(extractor.ok());
  int lines = 0;
  for (char c : testing::ReadBytes(dir + "/extract/directions.rules")) lines += c == '\n';
  (*extractor)->CheckExpectations(&diag);
  ASSERT_EQ(diag.all().size(), 1u);
  EXPECT_EQ(diag.all()[0].ToString(),
            "rules/extract/directions.rules:" + std::to_string(lines) +
                ":11: error: expect failed: want `孕产妇死亡率 <= 13 /10万`, got `孕产妇死亡率 <= 12 /10万`");
}

// The dictionary's rows are checked against each other and against rules/domains.tsv; each problem
// is reported at its cell.
TEST(ExtractorLoadTest, DictionaryErrorsNameTheirCell) {
  std::string dir = CopyRules();
  std::string real = testing::ReadBytes(testing::RulesDir() + "/indicators.tsv");
  int lines = 0;
  for (char c : real) lines += c == '\n';
  if (!real.empty() && real.back() != '\n') real += '\n', ++lines;
  testing::WriteBytes(dir + "/indicators.tsv",
                      real +
                          "x_domain\twomen\twomen.helth\t-\t甲指标\tA\thigher\t%\t-\n"
                          "x_plan\twomen\tchildren.health\t-\t乙指标\tB\thigher\t%\t-\n"
                          "x_parent\twomen\twomen.health\tnope\t丙指标\tC\tup\t%\t-\n"
                          "x_greedy\twomen\twomen.health\t-\t丁指标\tD\tlower\t%\t.*孕产妇死亡率\n");
  Diagnostics diag;
  EXPECT_FALSE(Extractor::Load(dir, &diag).ok());
  std::string at = "rules/indicators.tsv:";
  std::vector<std::string> want = {
      at + std::to_string(lines + 1) +
          ":16: error: unknown domain 'women.helth' (ids of rules/domains.tsv, comma-separated)",
      at + std::to_string(lines + 2) + ":14: error: domain 'children.health' is not in the women plan",
      at + std::to_string(lines + 3) + ":40: error: direction must be lower, higher or -",
      at + std::to_string(lines + 3) + ":29: error: unknown parent id 'nope'",
  };
  std::vector<std::string> got = Messages(diag);
  for (const std::string& w : want) {
    EXPECT_NE(std::find(got.begin(), got.end(), w), got.end()) << w;
  }
  bool greedy = false;
  for (const std::string& m : got) {
    greedy |= m.find("variants of 'x_greedy' match the preferred name '孕产妇死亡率'") != std::string::npos &&
              m.rfind(at + std::to_string(lines + 4) + ":", 0) == 0;
  }
  EXPECT_TRUE(greedy);
}

// Every id's name and variants: its preferred name gets its own id in its plan (and in either
// plan), and no other id's pattern takes it.
TEST(ExtractorLoadTest, EveryPreferredNameGetsItsOwnId) {
  Diagnostics diag;
  auto extractor = Extractor::Load(testing::RulesDir(), &diag);
  ASSERT_TRUE(extractor.ok());
  std::set<std::string> ids;
  for (const IndicatorInfo& info : (*extractor)->Indicators()) {
    ids.insert(info.id);
    std::vector<std::string> plans = {""};
    if (info.plan == "both" || info.plan == "women") plans.push_back("women");
    if (info.plan == "both" || info.plan == "children") plans.push_back("children");
    for (const std::string& plan : plans) {
      EXPECT_EQ((*extractor)->IndicatorId(info.name, plan), info.id) << info.name << " in " << plan;
    }
    EXPECT_FALSE(info.label.empty()) << info.id;
  }
  for (const IndicatorInfo& info : (*extractor)->Indicators()) {
    if (!info.parent.empty()) EXPECT_TRUE(ids.count(info.parent)) << info.id;
  }
}

}  // namespace
}  // namespace guihua
