// SurelyParses (common/pattern_syntax.h), which spares the loaders RE2's parse: it may say true only
// of a pattern RE2 parses. Checked on awkward cases, every rule pattern and generated patterns.
#include "common/pattern_syntax.h"

#include <gtest/gtest.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <string>
#include <vector>

#include "common/lazy_regex.h"
#include "common/test_support.h"

namespace guihua {
namespace {

bool RE2Parses(const std::string& pattern) {
  RE2::Set parse_only(RE2::Quiet, RE2::UNANCHORED);
  return parse_only.Add(pattern, nullptr) >= 0;
}

struct Case {
  const char* pattern;
  bool sure;  // what SurelyParses says
};

TEST(PatternSyntaxTest, SaysTrueOfPlainPatternsOnly) {
  const std::vector<Case> cases = {
      {"", true}, {"abc", true}, {"(?P<num>\\d+)(?P<unit>%)?", true}, {"[^，。；]{2,40}?", true},
      {"\\p{Han}{1,10}", true}, {"(?:a|b)*?c+", true}, {"[]a]", true}, {"[a-z0-9_-]", true},
      {"(?s).*", true}, {"\\b\\d{4}年", true}, {"[\\(\\)（）]", true}, {"x{3,}", true},
      {"(", false}, {"a)", false}, {"[a", false}, {"(?P<n>a", false}, {"x{2,1}", false},
      {"\\p{Nope}", false}, {"a**", false}, {"a{2}{3}", false}, {"*a", false}, {"(*)", false},
      {"|+", false}, {"\\", false}, {"\\q", false}, {"\\1", false}, {"(?P<n>a)(?P<n>b)", false},
      {"(?P<>a)", false}, {"(?P<a-b>a)", false}, {"(?<n>a)", false}, {"(?P=n)", false},
      {"[z-a]", false}, {"x{1001}", false}, {"(?:a{100}){100}", false}, {"\xff", false},
      {"\xc0\x80", false}, {"\xed\xa0\x80", false}, {"[[:alpha:]]", false}, {"(?x)", false},
      {"^*", false}, {"a{01}", false}, {"\\Qa\\E", false}, {"[\\d-z]", false}, {"\\x41", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SurelyParses(c.pattern), c.sure) << c.pattern;
    if (c.sure) {
      EXPECT_TRUE(RE2Parses(c.pattern)) << c.pattern;
    }
  }
}

// Every `pattern:` line of the rule files (with placeholders, which it does not read, too).
TEST(PatternSyntaxTest, EveryRulePatternItAcceptsRE2Parses) {
  int checked = 0;
  int sure = 0;
  for (const std::string& pattern : testing::RulePatterns()) {
    ++checked;
    if (!SurelyParses(pattern)) continue;
    ++sure;
    EXPECT_TRUE(RE2Parses(pattern)) << pattern;
  }
  EXPECT_GT(checked, 50);
  EXPECT_GT(sure * 2, checked);
}

// Patterns strung from pieces of RE2's syntax, good and bad, by a fixed generator: each one
// SurelyParses accepts, RE2 parses, and LazyRegex::ParseError says what RE2 says of every one.
TEST(PatternSyntaxTest, GeneratedPatternsItAcceptsRE2Parses) {
  const std::vector<std::string> pieces = {
      "a", "中", "(", ")", "(?:", "(?P<n>", "(?P<m>", "(?s)", "|", "*", "+", "?", "{2}", "{1,3}",
      "{2,}", "{3,1}", "{999}", "{1001}", "{", "}", "[", "[^", "]", "-", "^", "$", ".", "\\d",
      "\\p{Han}", "\\.", "\\", "\\b", "\\q", "z", "\xff", "\xe4", "，", "(?P<",
  };
  testing::FixedRandom random(20261206);
  int sure = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string pattern = random.Strung(pieces, 1, 10);
    bool parses = RE2Parses(pattern);
    if (SurelyParses(pattern)) {
      ++sure;
      EXPECT_TRUE(parses) << pattern;
    }
    if (i % 20 == 0) {
      EXPECT_EQ(LazyRegex::ParseError(pattern).empty(), parses) << pattern;
    }
  }
  EXPECT_GT(sure, 1000);
}

}  // namespace
}  // namespace guihua
