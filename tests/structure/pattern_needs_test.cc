// PatternNeeds (common/pattern_needs.h): what it reads off a pattern holds for every text the
// pattern matches (the layout and extract stages skip the texts it refuses), and it refuses some.
#include "common/pattern_needs.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <filesystem>
#include <sstream>

#include "common/test_support.h"

namespace guihua {
namespace {

// A gate may only refuse texts the pattern does not match, whole or in part.
void ExpectSound(const std::string& pattern, const std::string& text) {
  RE2 re(pattern, RE2::Quiet);
  if (!re.ok()) return;
  PatternNeeds needs = NeedsOf(pattern);
  if (RE2::FullMatch(text, re)) {
    EXPECT_TRUE(needs.Admits(text)) << pattern << " / " << text;
  }
  if (RE2::PartialMatch(text, re)) {
    EXPECT_TRUE(needs.AdmitsPart(text)) << pattern << " / " << text;
  }
}

struct NeedsCase {
  const char* pattern;
  const char* text;
  bool whole;     // Admits (whole text) or AdmitsPart
  bool admitted;
};

TEST(PatternNeedsTest, ReadsLiteralsAndTheLastDigit) {
  for (const NeedsCase& c : std::initializer_list<NeedsCase>{
           {"([^关现和《]\\S{0,24}?)?(妇女|儿童)(发展)?规划(\\(\\d{4}\\))?", "秀峰区妇女发展计划", true, false},
           {"([^关现和《]\\S{0,24}?)?(妇女|儿童)(发展)?规划(\\(\\d{4}\\))?", "规划", true, true},
           {"目录|.{1,80}?[.…·_—-]{2,}\\s*\\d{1,4}", "一、指导思想……", true, false},
           {"目录|.{1,80}?[.…·_—-]{2,}\\s*\\d{1,4}", "一、指导思想……1", true, true},
           {"目录|.{1,80}?[.…·_—-]{2,}\\s*\\d{1,4}", "目录", true, true},
           {"([\\p{Han}]{1,10}〔\\d{4}〕\\d{1,4}号)", "北政2023年2号", true, false},
           {"(?P<num>(?:十万|万|千|百)分之(?:\\d+))(?P<post>以上)?", "达到百分之", false, true},
           {"(?P<num>(?:十万|万|千|百)分之(?:\\d+))(?P<post>以上)?", "达到90%", false, false},
           {"ab?c", "ac", false, true},      // b may be left out
           {"a(?:bc)*d", "ad", false, true},  // so may bc
           {"a\\d+号", "a12", true, false},   // ends in 号, not a digit
           {"(?i)abc", "ABC", false, true},   // flags: nothing is read
           {"a|b*", "c", false, true},        // an alternative that needs nothing
           {"\\(x\\)", "(x)", true, true},
           {"\\(x\\)", "x", true, false},
           {"\\101", "A", true, true},                      // octal: one character, no 01
           {"[[:digit:]]分之", "3分之", false, true},         // no ] to find after the class
           {"[[:alpha:]]|x]", "a", true, true},
           {"\\d{2, 3}", "5{2, 3}", true, true},             // no repetition: ends in }
       }) {
    PatternNeeds needs = NeedsOf(c.pattern);
    EXPECT_EQ(c.whole ? needs.Admits(c.text) : needs.AdmitsPart(c.text), c.admitted)
        << c.pattern << " / " << c.text;
    ExpectSound(c.pattern, c.text);
  }
}

// Every `pattern:` line of each rule file (those with placeholders left out) against every expect
// and reject line of that file.
TEST(PatternNeedsTest, AdmitsWhatEveryRulePatternMatches) {
  int patterns = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::RulesDir())) {
    if (entry.path().extension() != ".rules") continue;
    std::vector<std::string> file_patterns, lines;
    std::istringstream in(testing::ReadBytes(entry.path().string()));
    for (std::string line; std::getline(in, line);) {
      for (std::string key : {"pattern: ", "expect: ", "reject: "}) {
        size_t at = line.find(key);
        if (at == std::string::npos) continue;
        std::string value = line.substr(at + key.size());
        if (key[0] != 'p') {
          lines.push_back(value.substr(0, value.find(" =>")));
        } else if (value.find('{') == std::string::npos || value.find("\\p{") != std::string::npos) {
          file_patterns.push_back(value);
        }
      }
    }
    for (const std::string& p : file_patterns) {
      for (const std::string& l : lines) ExpectSound(p, l);
    }
    patterns += static_cast<int>(file_patterns.size());
  }
  EXPECT_GT(patterns, 50);
}

}  // namespace
}  // namespace guihua
