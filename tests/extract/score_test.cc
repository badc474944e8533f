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

// Every value whatever its kind (tests/gold/external): same value, value_max and unit, with quotes that
// overlap or the same indicator; kinds and years compared on the matches; direction goals are not
// values.
const char kValueGold[] =
    R"({"file":"x.txt","kind":"actual","year":2018,"indicator":"婴儿死亡率","comparator":"=","value":4.54,"value_max":null,"unit":"‰","quote":"婴儿死亡率为4.54‰,较上年4.92‰下降了7.72%"})"
    "\n"
    R"({"file":"x.txt","kind":"change","indicator":"婴儿死亡率","comparator":"=","value":-7.72,"value_max":null,"unit":"%","quote":"婴儿死亡率为4.54‰,较上年4.92‰下降了7.72%"})"
    "\n"
    R"({"file":"x.txt","kind":"actual","year":2022,"indicator":"住院分娩率","comparator":"=","value":99.9,"value_max":null,"unit":"%","quote":"2022年,住院分娩率为99.9%"})"
    "\n"
    R"({"file":"x.txt","kind":"actual","indicator":"床位数","comparator":"=","value":13818,"value_max":null,"unit":"张","quote":"床位13818张,卫生技术人员21574人"})"
    "\n";

const char kValuePredicted[] =
    // quotes overlap, kind wrong (a report's level read as a plan's baseline)
    R"({"kind":"baseline","year":2017,"indicator":"婴儿","value":4.54,"value_max":null,"unit":"‰","quote":"较上年4.92‰下降了7.72%;婴儿死亡率为4.54‰"})"
    "\n"
    // the fall read as a positive number: no match
    R"({"kind":"change","indicator":"婴儿死亡率","value":7.72,"value_max":null,"unit":"%","quote":"婴儿死亡率为4.54‰,较上年4.92‰下降了7.72%"})"
    "\n"
    // another passage but the same indicator: a match, kind right
    R"({"kind":"actual","year":2022,"indicator":"住院分娩率","value":99.9,"value_max":null,"unit":"%","quote":"全省住院分娩率99.9%"})"
    "\n"
    // same number, another indicator and passage: no match
    R"({"kind":"actual","indicator":"卫生技术人员","value":13818,"value_max":null,"unit":"张","quote":"卫生技术人员13818张"})"
    "\n"
    R"({"kind":"direction","indicator":"剖宫产率","value":null,"value_max":null,"unit":null,"quote":"剖宫产率降低"})"
    "\n";

TEST(ScoreTest, ValuesMatchOnNumberUnitAndQuoteOrIndicator) {
  auto gold = ParseScoreRows(kValueGold, "gold");
  auto predicted = ParseScoreRows(kValuePredicted, "pred");
  ASSERT_TRUE(gold.ok()) << gold.status().message();
  ASSERT_TRUE(predicted.ok()) << predicted.status().message();
  ValueReport r = ScoreValues(*gold, *predicted, nullptr);
  EXPECT_EQ(r.score.gold, 4);
  EXPECT_EQ(r.score.predicted, 4);
  EXPECT_EQ(r.score.matched, 2);
  EXPECT_EQ(r.score.kind_right, 1);
  EXPECT_DOUBLE_EQ(r.score.precision(), 0.5);
  EXPECT_DOUBLE_EQ(r.score.recall(), 0.5);
  EXPECT_DOUBLE_EQ(r.score.kind_accuracy(), 0.5);
  EXPECT_EQ(r.score.year_compared, 2);  // both matches give a year on both sides
  EXPECT_EQ(r.score.year_right, 1);
  ASSERT_EQ(r.wrong_kind.size(), 1u);
  EXPECT_EQ(r.wrong_kind[0].second.kind, "baseline");
  EXPECT_EQ(r.missed.size(), 2u);
  EXPECT_EQ(r.spurious.size(), 2u);
}

// Reports: actual and change values are scored per kind (a row without a plan matches either plan),
// and all values whatever their kind with the share of matches whose kind and year are right.
const char kReportGold[] =
    R"({"plan":"women","kind":"actual","year":2023,"indicator":"孕产妇死亡率","comparator":"=","value":0,"value_max":null,"unit":""})"
    "\n"
    R"({"plan":null,"kind":"change","year":2023,"base_year":2022,"indicator":"孕产妇系统管理率","comparator":"=","value":1.4,"value_max":null,"unit":"百分点"})"
    "\n"
    R"({"plan":"women","kind":"target","year":2030,"indicator":"孕产妇死亡率","comparator":"<=","value":12,"value_max":null,"unit":"/10万"})"
    "\n"
    R"({"plan":"children","kind":"actual","year":2022,"indicator":"婴儿死亡率","comparator":"=","value":3.5,"value_max":null,"unit":"‰"})"
    "\n";

const char kReportPredicted[] =
    // right kind and year
    R"({"plan":"women","kind":"actual","year":2023,"base_year":null,"indicator":"孕产妇死亡率","comparator":"=","value":0,"value_max":null,"unit":""})"
    "\n"
    // right kind, base year wrong
    R"({"plan":"women","kind":"change","year":2023,"base_year":2021,"indicator":"孕产妇系统管理率","comparator":"=","value":1.4,"value_max":null,"unit":"百分点"})"
    "\n"
    // a measured value read as a target: matched among all values, kind wrong
    R"({"plan":"children","kind":"target","year":2022,"base_year":null,"indicator":"婴儿死亡率","comparator":"=","value":3.5,"value_max":null,"unit":"‰"})"
    "\n";

TEST(ScoreTest, KindsAndYearsOfAllValues) {
  auto gold = ParseScoreRows(kReportGold, "gold");
  auto predicted = ParseScoreRows(kReportPredicted, "pred");
  ASSERT_TRUE(gold.ok() && predicted.ok());
  ScoreReport r = Score(*gold, *predicted, &testing::SharedExtractor());
  EXPECT_EQ(r.actual.gold, 2);
  EXPECT_EQ(r.actual.matched, 1);
  EXPECT_EQ(r.change.gold, 1);
  EXPECT_EQ(r.change.matched, 1);
  EXPECT_EQ(r.target.gold, 1);
  EXPECT_EQ(r.target.predicted, 1);
  EXPECT_EQ(r.target.matched, 0);
  EXPECT_NE(FormatScore(r).find("actual "), std::string::npos) << FormatScore(r);
  ValueReport v = ScoreValues(*gold, *predicted, &testing::SharedExtractor());
  EXPECT_EQ(v.score.gold, 4);
  EXPECT_EQ(v.score.predicted, 3);
  EXPECT_EQ(v.score.matched, 3);
  EXPECT_EQ(v.score.kind_right, 2);
  EXPECT_EQ(v.score.year_compared, 3);
  EXPECT_EQ(v.score.year_right, 2);  // the change's base year is wrong
  EXPECT_NE(FormatValueScore(v.score).find("year 0.667 (2 of 3)"), std::string::npos)
      << FormatValueScore(v.score);
}

// A gold file without "year" keys (the plan gold of tests/gold) is not scored on years, and
// plans' reports print no actual or change lines.
TEST(ScoreTest, GoldWithoutYearsIsNotScoredOnThem) {
  auto gold = ParseScoreRows(kGold, "gold");
  auto predicted = ParseScoreRows(kPredicted, "pred");
  ASSERT_TRUE(gold.ok() && predicted.ok());
  ScoreReport r = Score(*gold, *predicted, &testing::SharedExtractor());
  EXPECT_EQ(FormatScore(r).find("actual"), std::string::npos);
  ValueReport v = ScoreValues(*gold, *predicted, &testing::SharedExtractor());
  EXPECT_EQ(v.score.year_compared, 0);
  EXPECT_DOUBLE_EQ(v.score.year_accuracy(), 1.0);
  EXPECT_EQ(FormatValueScore(v.score).find("year"), std::string::npos);
}

}  // namespace
}  // namespace guihua
