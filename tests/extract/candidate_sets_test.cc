// The candidate filter's digit gate (rules.h CandidateSet::digit): a value or exclusion searched
// only in sentences holding an ASCII digit matches none without one; Chinese numerals stay out.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "common/diagnostics.h"
#include "common/pattern_needs.h"
#include "common/test_support.h"
#include "extract/internal/rules.h"

namespace guihua::extract_internal {
namespace {

// The text of every expect and reject line of the rule files (before " =>", without a [tag]).
std::vector<std::string> RuleLines() {
  std::vector<std::string> lines;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::RulesDir())) {
    if (entry.path().extension() != ".rules") continue;
    std::istringstream in(testing::ReadBytes(entry.path().string()));
    for (std::string line; std::getline(in, line);) {
      for (std::string key : {"expect: ", "reject: "}) {
        size_t at = line.find(key);
        if (at == std::string::npos) continue;
        std::string text = line.substr(at + key.size());
        text = text.substr(0, text.find(" =>"));
        if (!text.empty() && text[0] == '[') text = text.substr(text.find("] ") + 2);
        lines.push_back(text);
      }
    }
  }
  return lines;
}

TEST(CandidateSetsTest, DigitGatedRulesMatchNoTextWithoutADigit) {
  RuleSets rules;
  Diagnostics diag;
  ASSERT_TRUE(LoadRuleSets(testing::RulesDir(), &rules, &diag));
  std::set<std::string> gated;  // values and exclusions ("x:" name)
  std::vector<std::pair<std::string, const LazyRegex*>> checked;  // gated, and riding on their hits
  for (const auto& c : rules.sets) {
    if (!c->digit) continue;
    for (const auto& riders : c->index) {
      for (int i : riders) {
        std::string name = c->kind == 'v' ? rules.values[i].name : "x:" + rules.exclusions[i].name;
        gated.insert(name);
        checked.emplace_back(name, c->kind == 'v' ? rules.values[i].re.get()
                                                  : rules.exclusions[i].re.get());
      }
    }
  }
  EXPECT_TRUE(gated.count("arabic"));
  EXPECT_TRUE(gated.count("ratio"));
  EXPECT_FALSE(gated.count("chinese_count"));
  EXPECT_FALSE(gated.count("tenths"));
  EXPECT_FALSE(gated.count("percent_in_words"));
  // The rule files' lines, and generated ones: Chinese numbers and words around (no) digits.
  std::vector<std::string> texts = RuleLines();
  testing::FixedRandom random(20261206);
  const std::vector<std::string> pieces = {"达到", "九十", "百分之", "五", "万", "人", "%", "以上",
                                           "1", "0", "３", ".", "/", ":", "、", "至", "-", "成"};
  for (int k = 0; k < 3000; ++k) texts.push_back(random.Strung(pieces, 1, 8));
  int matched = 0;
  for (const auto& [name, re] : checked) {
    for (const std::string& t : texts) {
      if (!RE2::PartialMatch(t, *re)) continue;
      ++matched;
      EXPECT_TRUE(HoldsDigit(t)) << name << " matches " << t;
    }
  }
  EXPECT_GT(matched, 100);
}

struct DigitCase {
  const char* pattern;
  bool digit;
};

TEST(CandidateSetsTest, NeedsDigitReadsThePattern) {
  for (const DigitCase& c : std::initializer_list<DigitCase>{
           {"\\d+%", true},
           {"(?P<num>1)/x", true},
           {"(?P<num>1)[:∶]x", false},  // [: is not read (as [[:digit:]] would start)
           {"(?:\\d{1,3}(?:,\\d{3})+|\\d+)万", true},  // each alternative of the group
           {"[1-9]/x", true},
           {"(?:\\d+、)+\\d", true},
           {"x(?:五|\\d)", false},   // an alternative without one
           {"\\d?x", false},          // may be left out
           {"[0-9a]", false},         // a class that holds more than digits
           {"[^0-9]", false},
           {"[1-3-5]", false},        // read no further than digits and ranges
           {"\\d|x", false},
           {"(?i)\\d", false},        // flags: nothing is read
           {"\\1", false},
       }) {
    EXPECT_EQ(NeedsDigit(c.pattern), c.digit) << c.pattern;
  }
  EXPECT_FALSE(HoldsDigit("达到９成"));  // full-width: NFKC made it ASCII before
  EXPECT_TRUE(HoldsDigit(std::string(200, 'x') + "9"));
  EXPECT_FALSE(HoldsDigit("达到九成"));
}

}  // namespace
}  // namespace guihua::extract_internal
