// The sentence analyzer's span searches: Contains answers as FindIn does, over ranges that cut
// a text anywhere, with patterns that look at the range's context (^, $, \b) and those that do not.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include "extract/internal/analyzer.h"

namespace guihua::extract_internal {
namespace {

TEST(SpansTest, ContainsAnswersAsFindIn) {
  const std::string text = "到2025年,孕产妇死亡率控制在10/10万以下,婴儿死亡率下降到5‰以下。";
  for (const char* pattern : {"死亡率", "(?:控制在|下降到)\\d+", "^到", "以下。$", "\\b10\\b",
                              "(?:力争|确保|控制|下降)", "万以下,婴", "[^,]{2,4}率", "x^"}) {
    RE2 re(pattern);
    ASSERT_TRUE(re.ok()) << pattern;
    for (size_t from = 0; from <= text.size(); from += 3) {
      for (size_t to = from; to <= text.size(); to += 5) {
        Span m;
        EXPECT_EQ(Contains(re, text, from, to), FindIn(re, text, from, to, &m))
            << pattern << " [" << from << ", " << to << ")";
      }
    }
    EXPECT_FALSE(Contains(re, text, 10, 9)) << pattern;  // an empty, reversed range
  }
}

}  // namespace
}  // namespace guihua::extract_internal
