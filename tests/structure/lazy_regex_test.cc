// LazyRegex (common/lazy_regex.h), tested here where its loaders are: the parse-only check and the
// counted groups must say what a compiled RE2 says, for awkward patterns and every pattern of rules/.
#include "common/lazy_regex.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "common/test_support.h"

namespace guihua {
namespace {

// The loaders' checks against RE2's own answers for one pattern.
void ExpectSameAsRE2(const std::string& pattern) {
  RE2 re(pattern, RE2::Quiet);
  EXPECT_EQ(LazyRegex::ParseError(pattern), re.ok() ? "" : re.error()) << pattern;
  if (re.ok()) EXPECT_EQ(LazyRegex::CapturingGroups(pattern), re.NumberOfCapturingGroups()) << pattern;
}

TEST(LazyRegexTest, ChecksAsRE2Does) {
  for (const char* pattern :
       {"", "abc", "(a)(b)", "(?:a)(b)", "(?P<num>\\d+)(?P<unit>%)?", "\\(x\\)", "[(](a)",
        "[^)(](b)", "[]()](c)", "[^]()](d)", "(?s)(.*)", "(?i:(x))", "\\\\(y)", "《([^《》]{2,80})》",
        "(", "a)", "[a", "(?P<n>a", "x{2,1}", "\\p{Nope}"}) {
    ExpectSameAsRE2(pattern);
  }
}

// Every `pattern:` line of the rule files (the extraction rules use placeholders, left out).
TEST(LazyRegexTest, CountsTheGroupsOfEveryRulePattern) {
  int checked = 0;
  for (const std::string& pattern : testing::RulePatterns()) {
    if (pattern.find('{') != std::string::npos) continue;
    ExpectSameAsRE2(pattern);
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

TEST(LazyRegexTest, CompilesOnUseAndNeverMatchesWhenItCannot) {
  LazyRegex year("(\\d{4})年");
  int y = 0;
  EXPECT_TRUE(RE2::PartialMatch("到2025年", year, &y));
  EXPECT_EQ(y, 2025);
  ASSERT_NE(year.get(), nullptr);
  EXPECT_EQ(year.get(), year.get());
  LazyRegex bad("(");
  EXPECT_EQ(bad.get(), nullptr);
  EXPECT_FALSE(RE2::PartialMatch("(", bad));
  EXPECT_FALSE(RE2::PartialMatch("", bad));
}

}  // namespace
}  // namespace guihua
