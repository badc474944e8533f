// Direction goals whose pattern is (?P<ind>[^…]{2,40}?)words are matched by stepping over the
// clause's characters and trying the words (Direction::Lead), not by RE2 on the whole pattern: the
// same rules written so that the loader leaves them to RE2 must find the same targets.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract_support.h"

namespace guihua {
namespace {

namespace fs = std::filesystem;

// The real rules with each direction's leading group spelled (?P<ind>(?:[^…]){lo,hi}?): the same
// language, which Direction::Lead does not read.
std::unique_ptr<Extractor> LoadSpelledForRE2() {
  fs::path dir = fs::path(testing::TempDir()) / "rules";
  fs::create_directories(dir);
  fs::copy(testing::RulesDir() + "/extract", dir / "extract", fs::copy_options::recursive);
  for (const char* table : {"/indicators.tsv", "/domains.tsv"}) {
    fs::copy_file(testing::RulesDir() + table, dir.string() + table);
  }
  std::string path = (dir / "extract" / "directions.rules").string();
  std::string text = testing::ReadBytes(path);
  int spelled = 0;
  for (size_t at = 0; (at = text.find("(?P<ind>[^", at)) != std::string::npos; ++spelled) {
    size_t close = text.find(']', at);
    text.insert(close + 1, ")");
    text.insert(at + 8, "(?:");
    at = close;
  }
  EXPECT_GE(spelled, 2);
  testing::WriteBytes(path, text);
  Diagnostics diag;
  auto loaded = Extractor::Load(dir.string(), &diag);
  EXPECT_TRUE(loaded.ok() && diag.all().empty());
  return loaded.ok() ? std::move(*loaded) : nullptr;
}

TEST(DirectionsTest, LeadFindsWhatRE2Finds) {
  auto re2_only = LoadSpelledForRE2();
  ASSERT_NE(re2_only, nullptr);
  const std::vector<std::string> pieces = {
      "乳腺癌人群筛查率",
      "儿童肥胖率",
      "妇女",
      "的",
      "、",
      ",",
      ";",
      "。",
      "逐步",
      "稳步",
      "持续",
      "提高",
      "降低",
      "得到有效控制",
      "得到控制",
      "有效",
      "控制",
      "基本消除",
      "进一步",
      "改善",
      "a",
      "1",
      "\n",
      "(",
      ")",
      "比例",
      "水平",
      "覆盖率",
      "上升趋势",
  };
  testing::FixedRandom random(42);
  int directions = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string sentence = random.Strung(pieces, 2, 14);
    auto lead = testing::Compact(testing::SharedExtractor().ExtractSentence(sentence, false, true));
    EXPECT_EQ(lead, testing::Compact(re2_only->ExtractSentence(sentence, false, true))) << sentence;
    for (const std::string& t : lead) directions += t.find("direction") != std::string::npos;
  }
  EXPECT_GT(directions, 100);
}

}  // namespace
}  // namespace guihua
