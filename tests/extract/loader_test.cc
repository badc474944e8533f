// Rule loading: a broken rule set reports every error as `rules/FILE:LINE:COL: message`, not only
// the first; a failing expect line is reported at its own line and column.
#include <gtest/gtest.h>

#include <filesystem>

#include "extract/extract_support.h"

namespace guihua {
namespace {

namespace fs = std::filesystem;

// A rules/ folder with the real rule files, to which a test adds broken content.
std::string CopyRules() {
  fs::path dir = fs::path(testing::TempDir()) / "rules";
  fs::create_directories(dir / "extract");
  fs::copy(testing::RulesDir() + "/extract", dir / "extract", fs::copy_options::recursive);
  fs::copy_file(testing::RulesDir() + "/indicators.tsv", dir / "indicators.tsv");
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

}  // namespace
}  // namespace guihua
