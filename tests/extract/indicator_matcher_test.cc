// The indicator dictionary's matcher: the literals it reads from a row's pattern (each top-level
// alternative's, or none when it is not sure), and its answers against trying every row.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include "common/rule_file.h"
#include "common/test_support.h"
#include "extract/internal/rules.h"

namespace guihua::extract_internal {
namespace {

TEST(IndicatorMatcherTest, ReadsTheLiteralsEveryMatchHolds) {
  struct Case {
    std::string pattern;
    std::optional<std::vector<std::string>> literals;
  };
  const std::vector<Case> cases = {
      {"孕产妇死亡率", std::vector<std::string>{"孕产妇死亡率"}},
      {".*孕产妇死亡率", std::vector<std::string>{"孕产妇死亡率"}},
      {".*宫颈癌(?:人群)?筛查率", std::vector<std::string>{"宫颈癌"}},
      {"农村(?:孕产妇)?住院分娩率|孕妇住院分娩率",
       std::vector<std::string>{"住院分娩率", "孕妇住院分娩率"}},
      {"合格的?比例", std::vector<std::string>{"合格"}},      // 的 is optional
      {"执业\\(助理\\)医(?:生|师)数?", std::vector<std::string>{"执业(助理)医"}},
      {"乡镇(?:\\([^)]*\\))?领导班子中", std::vector<std::string>{"领导班子中"}},
      {"[^,]+比例|[比例]*率", std::vector<std::string>{"比例", "率"}},
      {"a+bc", std::vector<std::string>{"bc"}},  // a is repeated: its run ends before it
      {"(?:女性|妇女)(?:比例|占比)", std::nullopt},  // only groups
      {"比例|", std::nullopt},                        // an empty alternative
      {"(?i)abc", std::nullopt},                      // flags
      {"\\d+率", std::nullopt},                       // escapes of classes
      {"[^,]{2,40}比例", std::nullopt},                // counted repeats
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IndicatorMatcher::Literals(c.pattern), c.literals) << c.pattern;
  }
}

// Every name of the dictionary, alone and inside longer phrases, gets the rows that trying each
// row's pattern gives.
TEST(IndicatorMatcherTest, FindsWhatTryingEveryRowFinds) {
  std::vector<std::string> header;
  auto rows = ReadTable(testing::RulesDir() + "/indicators.tsv", &header);
  ASSERT_TRUE(rows.ok());
  IndicatorMatcher matcher;
  std::vector<std::unique_ptr<RE2>> all;
  std::vector<std::string> phrases;
  for (const TableRow& row : *rows) {
    ASSERT_EQ(row.cells.size(), 9u);
    std::string pattern = RE2::QuoteMeta(row.cells[4]);
    if (row.cells[8] != "-") pattern += "|" + row.cells[8];
    std::string error;
    ASSERT_TRUE(matcher.Add(pattern, &error)) << error;
    all.push_back(std::make_unique<RE2>("^(?:" + pattern + ")$", RE2::Quiet));
    for (const char* before : {"", "全区", "农村", "城镇", "\n", "市\n区"}) {
      for (const char* after : {"", "率", "比例", "(%)"}) {
        phrases.push_back(before + row.cells[4] + after);
      }
    }
  }
  ASSERT_GT(all.size(), 100u);
  for (const std::string& phrase : phrases) {
    std::vector<int> want;
    for (size_t i = 0; i < all.size(); ++i) {
      if (RE2::FullMatch(phrase, *all[i])) want.push_back(static_cast<int>(i));
    }
    EXPECT_EQ(matcher.Matches(phrase), want) << phrase;
  }
}

// Rows matched as strings (a few per alternative, `.*` before some) and rows left to RE2 answer
// as RE2 does, line breaks and bytes that are no UTF-8 included.
TEST(IndicatorMatcherTest, MatchesRowsOfStringsAsRE2Does) {
  const std::vector<std::string> patterns = {
      "ab(?:c|d)?e|.*f(?:g)?h", "x\\(y\\)|.*", "(?:p|q)(?:r|s)t??", "m[n]o|.*z+", "", "(u)v"};
  IndicatorMatcher matcher;
  std::vector<std::unique_ptr<RE2>> all;
  for (const std::string& p : patterns) {
    std::string error;
    ASSERT_TRUE(matcher.Add(p, &error)) << error;
    all.push_back(std::make_unique<RE2>("^(?:" + p + ")$", RE2::Quiet));
  }
  for (std::string phrase : {"abe", "abce", "abde", "abee", "fh", "1fgh", "1\nfgh", "x(y)", "",
                              "\n", "pr", "qst", "pt", "mno", "zzz", "\xff fh", "uv", "u", "1fg"}) {
    std::vector<int> want;
    for (size_t i = 0; i < all.size(); ++i) {
      if (RE2::FullMatch(phrase, *all[i])) want.push_back(static_cast<int>(i));
    }
    EXPECT_EQ(matcher.Matches(phrase), want) << phrase;
  }
  EXPECT_FALSE(matcher.NeedsRegex(0));
  EXPECT_TRUE(matcher.NeedsRegex(3));
  // A row is refused as RE2 refuses its pattern, read as strings or not.
  for (const char* p : {"a(", "a)", "(?:a", "a\\_", "a]", "(?P<x>a)", "a??", "a???", "\\-", "(|)"}) {
    std::string error;
    EXPECT_EQ(matcher.Add(p, &error), RE2(std::string("^(?:") + p + ")$", RE2::Quiet).ok()) << p;
  }
}

}  // namespace
}  // namespace guihua::extract_internal
