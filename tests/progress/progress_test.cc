// The progress join: the judgement of a level against a target (table-driven), the report's cues,
// and the monitoring-report fixtures of tests/fixtures/progress/ joined with the corpus plans they
// are about, with every attached row's status, latest actual and gap pinned.
#include "progress/progress.h"

#include <gtest/gtest.h>

#include <map>

#include "common/test_support.h"
#include "ingest/ingest.h"
#include "progress/internal/judge.h"

namespace guihua {
namespace {

using progress_internal::Judge;
using progress_internal::Judgement;

TargetRecord Value(const std::string& comparator, double value, const std::string& unit,
                   std::optional<double> value_max = std::nullopt) {
  TargetRecord r;
  r.comparator = comparator;
  r.value = value;
  r.value_max = value_max;
  r.unit = unit;
  return r;
}

struct JudgeCase {
  TargetRecord target;
  std::string direction;
  double level, tolerance;
  ProgressStatus status;
  double gap;
};

TEST(ProgressJudgeTest, StatusAndSignedGapByComparatorAndDirection) {
  const auto kA = ProgressStatus::kAchieved, kN = ProgressStatus::kNotAchieved;
  const JudgeCase cases[] = {
      {Value("<=", 12, "/10万"), "lower", 0, 0, kA, -12},  // ≤12/10万 is met by 0
      {Value("<=", 12, "/10万"), "lower", 14.5, 0, kN, 2.5},
      {Value("<=", 2, "%"), "", 2, 0, kA, 0},  // the bound itself meets it
      {Value(">=", 70, "%"), "higher", 62.5, 0, kN, 7.5},
      {Value(">=", 90, "%"), "higher", 93.6, 0, kA, -3.6},
      {Value("~", 45, "%"), "higher", 43.6, 2.25, kA, 1.4},  // 左右: within the tolerance
      {Value("~", 40, "%"), "higher", 36.8, 2, kN, 3.2},
      {Value("~", 50, "%"), "", 52.3, 2.5, kA, 2.3},  // no better direction: the distance
      {Value("=", 95, "%"), "higher", 94.6, 0, kN, 0.4},  // 达到95% read by the direction
      {Value("=", 95, "%"), "lower", 94.6, 0, kA, -0.4},
      {Value("=", 1, "名"), "", 0, 0, kN, 1},  // without one, as "at least"
      {Value("range", 90, "%", 95), "", 97, 0, kN, 2},
      {Value("range", 90, "%", 95), "", 92, 0, kA, -3},
      {Value("range", 1, "ratio", 3), "lower", 2, 0, kA, -1},
  };
  for (const JudgeCase& c : cases) {
    Judgement j = Judge(c.target, c.direction, c.level, c.tolerance);
    std::string label = c.target.comparator + " " + std::to_string(*c.target.value) + " " + c.direction +
                        " at " + std::to_string(c.level);
    EXPECT_EQ(j.status, c.status) << label;
    EXPECT_NEAR(j.gap, c.gap, 1e-9) << label;
  }
}

TEST(ProgressJudgeTest, UnitsCompareOnOneScaleAndZeroNeedsNone) {
  TargetRecord target = Value("<=", 12, "/10万");
  TargetRecord zero = Value("=", 0, "");
  EXPECT_EQ(progress_internal::InTargetUnit(zero, target), 0.0);
  TargetRecord permille = Value("=", 2.35, "‰");
  EXPECT_NEAR(*progress_internal::InTargetUnit(permille, Value("<=", 1, "%")), 0.235, 1e-12);
  EXPECT_FALSE(progress_internal::InTargetUnit(Value("=", 3, "名"), Value(">=", 90, "%")));
  EXPECT_FALSE(progress_internal::InTargetUnit(Value("=", 3, ""), target));  // a bare 3 is no rate
}

TEST(ProgressJudgeTest, TrendGivesThePaceAndTheYearTheTargetIsReached) {
  Judgement behind = Judge(Value(">=", 70, "%"), "higher", 62.5, 0);
  auto t = progress_internal::Trend({{2021, 58.2}, {2022, 62.5}}, behind);
  ASSERT_TRUE(t);
  EXPECT_NEAR(t->per_year, 4.3, 1e-9);
  EXPECT_EQ(t->reach_year, 2024);  // 7.5 to go at 4.3 a year: two more years
  auto falling = progress_internal::Trend({{2021, 64}, {2022, 62.5}}, behind);
  ASSERT_TRUE(falling);
  EXPECT_FALSE(falling->reachable);  // "not at this pace"
  EXPECT_FALSE(progress_internal::Trend({{2022, 62.5}}, behind));  // one actual: no trend
  Judgement met = Judge(Value("<=", 12, "/10万"), "lower", 0, 0);
  auto done = progress_internal::Trend({{2021, 11.2}, {2022, 0}}, met);
  ASSERT_TRUE(done);
  EXPECT_TRUE(done->reachable);
  EXPECT_EQ(done->reach_year, 0);  // already achieved
}

class ProgressRulesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diag;
    auto rules = ProgressRules::Load(testing::RulesDir(), &diag);
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    rules_ = std::move(*rules).release();
  }
  static void TearDownTestSuite() { delete rules_; }
  static ProgressRules* rules_;
};
ProgressRules* ProgressRulesTest::rules_ = nullptr;

TEST_F(ProgressRulesTest, EveryExpectLineHolds) {
  Diagnostics diag;
  EXPECT_GT(rules_->CheckExpectations(&diag), 10);
  for (const Diagnostic& d : diag.all()) ADD_FAILURE() << d.ToString();
}

TEST_F(ProgressRulesTest, CuesAfterTheValueSayWhatTheReportSays) {
  struct Case {
    std::string sentence;
    ProgressStatus says;
    std::string cue;
  };
  const Case cases[] = {
      {"孕产妇系统管理率为93.6%，比上年提高1.2个百分点，已提前实现规划目标", ProgressStatus::kAchieved, "提前实现"},
      {"适龄妇女宫颈癌人群筛查率为62.5%，但与“达到70%以上”的目标仍有差距", ProgressStatus::kNotAchieved, "仍有差距"},
      {"高中阶段教育毛入学率为92.8%，比上年下降0.3个百分点，未实现规划目标", ProgressStatus::kNotAchieved, "未实现"},
      {"孕产妇住院分娩率为100%，超过了98%的规划目标", ProgressStatus::kAchieved, "超过了98%的规划目标"},
      {"婚前医学检查率为96.8%，比2010年提升0.1个百分点", ProgressStatus::kNoData, ""},
  };
  for (const Case& c : cases) {
    std::string cue;
    EXPECT_EQ(rules_->Says(c.sentence, 0, &cue), c.says) << c.sentence;
    EXPECT_EQ(cue, c.cue) << c.sentence;
  }
  EXPECT_NEAR(rules_->Tolerance("employed_women_share", 45), 2.25, 1e-12);  // the default, 5%
}

// A report restating the target beside the measurement (the real 沙坡头区 report of the development
// set: 妇女常见病定期筛查率为91.8%，完成85%以上的规划目标) gives two actuals of one year; the measured one
// is the latest.
TEST_F(ProgressRulesTest, TheTargetARestatesIsNotTheLatestLevel) {
  ProgressDocument plan, report;
  plan.file.document = "plan";
  plan.file.kind = "plan";
  plan.file.region = {"宁夏回族自治区", "中卫市", ""};
  plan.file.period = {2011, 2020};
  TargetRecord target = Value(">=", 85, "%");
  target.kind = "target";
  target.plan = "women";
  target.indicator_id = "women_common_disease_screening";
  plan.values = {target};
  report.file = plan.file;
  report.file.document = "report";
  report.file.kind = "report";
  for (auto [comparator, value] : {std::pair{"=", 91.8}, {">=", 85.0}}) {
    TargetRecord a = Value(comparator, value, "%");
    a.kind = "actual";
    a.plan = "women";
    a.year = 2020;
    a.document = "report";
    a.indicator_id = "women_common_disease_screening";
    report.values.push_back(a);
  }
  std::vector<IndicatorInfo> dictionary = {
      {"women_common_disease_screening", "women", "妇女常见病定期筛查率", "higher", "%", "", "", {}}};
  ProgressReport progress = BuildProgress({plan, report}, dictionary, *rules_, {});
  ASSERT_EQ(progress.plans.size(), 1u);
  ASSERT_EQ(progress.plans[0].rows.size(), 1u);
  const ProgressRow& row = progress.plans[0].rows[0];
  EXPECT_EQ(row.actuals.size(), 2u);
  ASSERT_TRUE(row.latest);
  EXPECT_DOUBLE_EQ(*row.latest->value, 91.8);
  EXPECT_DOUBLE_EQ(*row.gap, -6.8);
}

// ---- the fixtures ----------------------------------------------------------------------------

class ProgressFixtureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diag;
    auto parser = StructureParser::Load(testing::RulesDir(), &diag);
    auto extractor = Extractor::Load(testing::RulesDir(), &diag);
    auto rules = ProgressRules::Load(testing::RulesDir(), &diag);
    ASSERT_TRUE(parser.ok() && extractor.ok() && rules.ok());
    std::vector<std::string> files = {testing::CorpusFile("henan-anyang-beiguan-2021-2030.txt"),
                                      testing::CorpusFile("tianjin-nankai-2021-2025.txt")};
    for (const char* name : {"beiguan-women-2020", "beiguan-women-2021", "beiguan-women-2022",
                             "beiguan-children-2022", "wenfeng-women-2022", "nankai-women-2022",
                             "nankai-women-2023"}) {
      files.push_back(testing::SourceDir() + "/tests/fixtures/progress/" + name + ".txt");
    }
    std::vector<ProgressDocument> documents;
    for (const std::string& file : files) {
      auto read = ReadPlan({parser->get(), extractor->get()}, file, &diag);
      ASSERT_TRUE(read.ok()) << file << ": " << read.status().message();
      documents.push_back(MakeProgressDocument(read->document, read->targets));
    }
    report_ = new ProgressReport(BuildProgress(documents, (*extractor)->Indicators(), **rules, {}));
  }
  static void TearDownTestSuite() { delete report_; }

  static const ProgressPlan* Plan(const std::string& document, const std::string& plan) {
    for (const ProgressPlan& p : report_->plans) {
      if (p.document == document && p.plan == plan) return &p;
    }
    return nullptr;
  }
  static const ProgressRow* Row(const ProgressPlan& plan, const std::string& indicator) {
    for (const ProgressRow& r : plan.rows) {
      if (r.indicator_id == indicator) return &r;
    }
    return nullptr;
  }
  static ProgressReport* report_;
};
ProgressReport* ProgressFixtureTest::report_ = nullptr;

const char kBeiguan[] = "henan-anyang-beiguan-2021-2030";
const char kNankai[] = "tianjin-nankai-2021-2025";

struct PinnedRow {
  const char* document;
  const char* plan;
  const char* indicator;
  ProgressStatus status;
  int latest_year;  // 0: no latest actual
  double latest, gap;
  int actuals;
};

// Every row with an actual, and the rows the fixtures make sure stay without one.
TEST_F(ProgressFixtureTest, EveryRowsStatusLatestAndGap) {
  const auto kA = ProgressStatus::kAchieved, kN = ProgressStatus::kNotAchieved, kNo = ProgressStatus::kNoData;
  const PinnedRow rows[] = {
      {kBeiguan, "women", "maternal_mortality", kA, 2022, 0, -12, 2},  // ≤12/10万 met by 0
      {kBeiguan, "women", "cervical_cancer_screening", kN, 2022, 62.5, 7.5, 2},
      {kBeiguan, "women", "maternal_system_management", kA, 2022, 93.6, -3.6, 2},
      {kBeiguan, "women", "high_school_enrollment", kN, 2022, 92.8, 0.7, 2},
      {kBeiguan, "women", "employed_women_share", kA, 2022, 43.6, 1.4, 2},  // ~45%: within 5%
      {kBeiguan, "women", "urban_employed_women_share", kN, 2022, 36.8, 3.2, 2},  // ~40%: not
      {kBeiguan, "women", "residents_committee_women", kA, 2022, 52.3, -2.3, 1},
      {kBeiguan, "women", "women_medical_insurance", kA, 2022, 98.7, -3.7, 1},
      {kBeiguan, "women", "women_pension_insurance", kN, 2022, 94.6, 0.4, 1},
      {kBeiguan, "women", "hiv_mtct", kNo, 0, 0, 0, 0},                   // no actual printed
      {kBeiguan, "women", "village_committee_women", kNo, 0, 0, 0, 0},    // only a change printed
      {kBeiguan, "women", "compulsory_education_retention", kNo, 0, 0, 0, 0},  // the children's report's
      {kBeiguan, "children", "infant_mortality", kA, 2022, 2.35, -2.65, 1},
      {kBeiguan, "children", "under5_mortality", kA, 2022, 4.12, -1.88, 1},
      {kBeiguan, "children", "preschool_enrollment", kN, 2022, 91.5, 1.5, 1},
      {kBeiguan, "children", "compulsory_education_retention", kA, 2022, 96.8, -0.8, 1},
      {kNankai, "women", "cervical_cancer_screening", kA, 2023, 73, -3, 2},
      {kNankai, "women", "congenital_syphilis_incidence", kA, 2023, 0, -12, 1},
      {kNankai, "women", "employed_women_share", kA, 2023, 46.3, -6.3, 1},
      {kNankai, "women", "senior_professional_women", kN, 2023, 42, 3, 2},
      {kNankai, "women", "residents_committee_women", kA, 2023, 65.2, -5.2, 1},
      {kNankai, "women", "people_congress_women", kNo, 0, 0, 0, 0},
  };
  for (const PinnedRow& pin : rows) {
    std::string label = std::string(pin.document) + " " + pin.plan + " " + pin.indicator;
    const ProgressPlan* plan = Plan(pin.document, pin.plan);
    ASSERT_NE(plan, nullptr) << label;
    const ProgressRow* row = Row(*plan, pin.indicator);
    ASSERT_NE(row, nullptr) << label;
    EXPECT_EQ(row->status, pin.status) << label;
    EXPECT_EQ(static_cast<int>(row->actuals.size()), pin.actuals) << label;
    if (pin.latest_year == 0) {
      EXPECT_FALSE(row->latest) << label;
      EXPECT_FALSE(row->gap) << label;
      continue;
    }
    ASSERT_TRUE(row->latest && row->gap) << label;
    EXPECT_EQ(row->latest->year, pin.latest_year) << label;
    EXPECT_DOUBLE_EQ(*row->latest->value, pin.latest) << label;
    EXPECT_DOUBLE_EQ(*row->gap, pin.gap) << label;
  }
  // Every row with an actual is pinned above.
  int attached = 0;
  for (const ProgressPlan& p : report_->plans) {
    for (const ProgressRow& r : p.rows) attached += r.latest ? 1 : 0;
  }
  EXPECT_EQ(attached, 18);
}

TEST_F(ProgressFixtureTest, OtherDistrictsPeriodsAndPlanKindsNeverAttach) {
  for (const ProgressPlan& p : report_->plans) {
    for (const ProgressRow& r : p.rows) {
      for (const TargetRecord& a : r.actuals) {
        EXPECT_NE(a.document, "wenfeng-women-2022") << p.document << " " << r.indicator_id;  // 文峰区
        EXPECT_NE(a.document, "beiguan-women-2020") << p.document << " " << r.indicator_id;  // 2011—2020
        EXPECT_EQ(a.kind, "actual") << a.quote;  // a change is never a level
        if (p.plan == "women") EXPECT_NE(a.document, "beiguan-children-2022") << r.indicator_id;
      }
    }
  }
}

TEST_F(ProgressFixtureTest, SummaryTrendAndWhatTheReportSays) {
  const ProgressPlan* women = Plan(kBeiguan, "women");
  ASSERT_NE(women, nullptr);
  EXPECT_EQ(women->summary.targets, 20);
  EXPECT_EQ(women->summary.monitored, 9);
  EXPECT_EQ(women->summary.achieved, 5);
  ASSERT_TRUE(women->summary.rate);
  EXPECT_NEAR(*women->summary.rate, 5.0 / 9, 1e-12);

  const ProgressRow* screening = Row(*women, "cervical_cancer_screening");
  ASSERT_TRUE(screening->trend);
  EXPECT_DOUBLE_EQ(screening->trend->per_year, 4.3);
  EXPECT_EQ(screening->trend->reach_year, 2024);
  ASSERT_TRUE(screening->report_says);
  EXPECT_EQ(screening->report_says->says, ProgressStatus::kNotAchieved);
  EXPECT_FALSE(screening->report_says->disagrees);

  const ProgressRow* high_school = Row(*women, "high_school_enrollment");
  ASSERT_TRUE(high_school->trend);
  EXPECT_FALSE(high_school->trend->reachable);  // falling: not at this pace

  // 94.6% against 95%: the report rounds it to 已提前实现; the numbers say otherwise.
  const ProgressRow* pension = Row(*women, "women_pension_insurance");
  ASSERT_TRUE(pension->report_says);
  EXPECT_EQ(pension->report_says->says, ProgressStatus::kAchieved);
  EXPECT_TRUE(pension->report_says->disagrees);
  EXPECT_EQ(pension->report_says->document, "beiguan-women-2022");

  const ProgressPlan* nankai = Plan(kNankai, "women");
  ASSERT_NE(nankai, nullptr);
  const ProgressRow* employed = Row(*nankai, "employed_women_share");
  ASSERT_TRUE(employed->baseline);
  EXPECT_DOUBLE_EQ(*employed->baseline->value, 41.6);
  const ProgressRow* senior = Row(*nankai, "senior_professional_women");
  ASSERT_TRUE(senior->trend);
  EXPECT_EQ(senior->trend->reach_year, 2027);  // after the plan's period ends
}

}  // namespace
}  // namespace guihua
