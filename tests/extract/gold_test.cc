// THE GOLD TEST: extract the two annotated corpus files and score them against tests/gold/*.jsonl
// (GUIDE.md). Prints precision, recall and F1; fails below 0.95 for targets on either file.
#include <gtest/gtest.h>

#include <iostream>

#include "extract/extract_support.h"
#include "extract/score.h"

namespace guihua {
namespace {

struct GoldFile {
  const char* corpus;
  const char* gold;
};

const GoldFile kGoldFiles[] = {
    {"henan-anyang-beiguan-2021-2030.txt", "000_78ddd43c8ac80995.jsonl"},
    {"hunan-yiyang-ziyang-2021-2025.txt", "002_0ded6ee2ebb671d6.jsonl"},
};

constexpr double kMinimum = 0.95;

TEST(GoldTest, TargetsMatchTheAnnotations) {
  ScoreReport total;
  for (const GoldFile& f : kGoldFiles) {
    std::string path = testing::CorpusFile(f.corpus);
    testing::Extracted got = testing::ParseAndExtract(testing::ReadBytes(path), path);
    auto gold = ReadScoreRows(testing::SourceDir() + "/tests/gold/" + f.gold);
    ASSERT_TRUE(gold.ok()) << gold.status().message();
    ScoreReport r =
        Score(*gold, ScoreRowsFromTargets(got.doc, got.targets), &testing::SharedExtractor());
    std::cout << f.corpus << "\n" << FormatScore(r);
    for (const ScoreRow& m : r.missed) {
      std::cout << "  missed   " << m.kind << " " << m.indicator << " " << m.comparator << " "
                << (m.value ? *m.value : 0) << " " << m.unit << "  " << m.quote << "\n";
    }
    for (const ScoreRow& s : r.spurious) {
      std::cout << "  spurious " << s.kind << " " << s.indicator << " " << s.comparator << " "
                << (s.value ? *s.value : 0) << " " << s.unit << "  " << s.quote << "\n";
    }
    EXPECT_GE(r.target.precision(), kMinimum) << f.corpus;
    EXPECT_GE(r.target.recall(), kMinimum) << f.corpus;
    Accumulate(r, &total);
  }
  std::cout << "both files\n" << FormatScore(total);
}

// Every target of every corpus file is traceable: a line in the file and a quote that contains
// the printed number, 10–60 characters.
TEST(GoldTest, EveryTargetHasLineAndQuote) {
  for (const std::string& path : testing::CorpusFiles()) {
    testing::Extracted got = testing::ParseAndExtract(testing::ReadBytes(path), path);
    int lines = 1;
    for (char c : got.doc.source) lines += c == '\n';
    EXPECT_FALSE(got.targets.empty()) << path;
    for (const Target& t : got.targets) {
      EXPECT_GT(t.line, 0) << path << " " << t.indicator;
      EXPECT_LE(t.line, lines) << path;
      EXPECT_FALSE(t.quote.empty()) << path << ":" << t.line;
      if (t.kind == TargetKind::kDirection) continue;
      size_t chars = 0;
      for (unsigned char c : t.quote) chars += (c & 0xC0) != 0x80;
      EXPECT_LE(chars, 62u) << path << ":" << t.line << " " << t.quote;
    }
  }
}

}  // namespace
}  // namespace guihua
