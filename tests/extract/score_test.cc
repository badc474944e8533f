// Scoring: one-to-one matching on kind, plan, value, value_max and unit; comparator and
// indicator_id accuracy over the matches; gold ids looked up in the dictionary.
#include "extract/score.h"

#include <gtest/gtest.h>

#include "extract/extract_support.h"

namespace guihua {
namespace {

const char kGold[] =
    R"({"seed":"x.txt","plan":"women","kind":"target","indicator":"孕产妇死亡率","comparator":"<=","value":12,"value_max":null,"unit":"/10万"})"
    "\n"
    R"({"seed":"x.txt","plan":"children","kind":"target","indicator":"婴儿死亡率","comparator":"<=","value":5,"value_max":null,"unit":"‰"})"
    "\n"
    R"({"seed":"x.txt","plan":"children","kind":"target","indicator":"新生儿死亡率","comparator":"<=","value":5,"value_max":null,"unit":"‰"})"
    "\n"
    R"({"seed":"x.txt","plan":"children","kind":"target","indicator":"社会组织数","comparator":"range","value":1,"value_max":3,"unit":"家"})"
    "\n"
    R"({"seed":"x.txt","plan":"women","kind":"baseline","indicator":"女干部占比","comparator":"=","value":36.67,"value_max":null,"unit":"%"})"
    "\n";

const char kPredicted[] =
    // matches gold 1, right comparator and id
    R"({"plan":"women","kind":"target","indicator":"孕产妇死亡率","indicator_id":"maternal_mortality","comparator":"<=","value":12,"value_max":null,"unit":"/10万"})"
    "\n"
    // matches one of the two 5‰ gold rows, wrong comparator
    R"({"plan":"children","kind":"target","indicator":"婴儿死亡率","indicator_id":"infant_mortality","comparator":"=","value":5.0,"value_max":null,"unit":"‰"})"
    "\n"
    // range with a different end: no match
    R"({"plan":"children","kind":"target","indicator":"社会组织数","indicator_id":null,"comparator":"range","value":1,"value_max":4,"unit":"家"})"
    "\n"
    // wrong plan: no match
    R"({"plan":"children","kind":"baseline","indicator":"女干部占比","indicator_id":null,"comparator":"=","value":36.67,"value_max":null,"unit":"%"})"
    "\n"
    // a direction is not scored
    R"({"plan":"women","kind":"direction","indicator":"乳腺癌人群筛查率","indicator_id":null,"comparator":null,"value":null,"value_max":null,"unit":null})"
    "\n";

TEST(ScoreTest, MatchesOneToOneAndCountsPerKind) {
  auto gold = ParseScoreRows(kGold, "gold");
  auto predicted = ParseScoreRows(kPredicted, "pred");
  ASSERT_TRUE(gold.ok()) << gold.status().message();
  ASSERT_TRUE(predicted.ok()) << predicted.status().message();
  ScoreReport r = Score(*gold, *predicted, &testing::SharedExtractor());
  EXPECT_EQ(r.target.gold, 4);
  EXPECT_EQ(r.target.predicted, 3);
  EXPECT_EQ(r.target.matched, 2);
  EXPECT_DOUBLE_EQ(r.target.precision(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.target.recall(), 0.5);
  EXPECT_NEAR(r.target.f1(), 2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), 1e-12);
  EXPECT_EQ(r.target.comparator_right, 1);
  EXPECT_EQ(r.target.indicator_right, 2);  // the 5‰ prediction picks the gold row with its id
  EXPECT_EQ(r.baseline.gold, 1);
  EXPECT_EQ(r.baseline.predicted, 1);
  EXPECT_EQ(r.baseline.matched, 0);
  EXPECT_EQ(r.missed.size(), 3u);
  EXPECT_EQ(r.spurious.size(), 2u);
}

TEST(ScoreTest, BadJsonNamesTheLine) {
  auto rows = ParseScoreRows("{\"kind\":\"target\"}\nnot json\n", "pred.jsonl");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), "pred.jsonl:2: not a JSON object");
}

TEST(ScoreTest, EmptyPredictionsHaveZeroRecall) {
  auto gold = ParseScoreRows(kGold, "gold");
  ScoreReport r = Score(*gold, {}, nullptr);
  EXPECT_EQ(r.target.recall(), 0);
  EXPECT_EQ(r.target.f1(), 0);
}

}  // namespace
}  // namespace guihua
