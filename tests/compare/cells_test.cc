// Why a cell is empty: a target table and a plan diff tell a number, a goal without a number (a
// value of kind "direction": 得到有效控制) and an indicator the plan does not name apart; a diff pairs
// targets by indicator id, then by name; rows follow the domain order of rules/names.tsv.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/corpus_index.h"
#include "common/test_support.h"
#include "compare/compare.h"
#include "compare/diff.h"
#include "names/names.h"
#include "tokenize/tokenize.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusIndexDir;
using ::guihua::testing::RulesDir;
using ::guihua::testing::TempDir;

std::shared_ptr<const Extractor> LoadExtractor() {
  Diagnostics diag;
  auto extractor = Extractor::Load(RulesDir(), &diag);
  EXPECT_TRUE(extractor.ok());
  return extractor.ok() ? std::shared_ptr<const Extractor>(std::move(*extractor)) : nullptr;
}

const IndexReader& Corpus() {
  static IndexReader* reader = IndexReader::Open({CorpusIndexDir()})->release();
  return *reader;
}

Reference ReferenceOf(const std::string& district) {
  for (const IndexedFile& f : Corpus().Files()) {
    if (f.region.district != district) continue;
    return {{f.document, f.region.province, f.region.city, f.region.district, f.period},
            Corpus().Targets(f.document)};
  }
  ADD_FAILURE() << "no " << district << " in the corpus index";
  return {};
}

// A cell as "≤12/10万" for a number, "(得到有效控制)" for a goal without a number, "-" for nothing,
// then "/verdict" when there is one.
std::string CellText(const CompareCell& cell) {
  std::string out = "-";
  if (cell.state() == CellState::kNumber) out = FormatValue(cell.values.front());
  if (cell.state() == CellState::kNoNumber) out = "(" + cell.directions.front().value_text + ")";
  if (cell.verdict != Verdict::kNone) out += std::string("/") + VerdictName(cell.verdict);
  return out;
}

// Against 秀峰区, per indicator: the reference cell, then 昆都仑区 南开区 秀峰区 北关区 资阳区, each
// checked by reading the plans (南开区 line 64 孕产妇死亡率得到有效控制; 北关区 line 250
// 村委会主任中女性比例逐步提高; 昆都仑区 line 2641 12岁儿童龋齿率控制在25%以内, line 2655 优良率达到60%以上).
const std::vector<std::vector<std::string>> kCells = {
    {"maternal_mortality", "≤12/10万", "≤12/10万/same", "(得到有效控制)/no_number", "≤12/10万/same",
     "≤12/10万/same", "≤12/10万/same"},
    {"breast_cancer_screening", "(逐步提高)", "-", "-", "(逐步提高)", "(逐步提高)", "(逐步提高)"},
    {"village_committee_director_women", "≥10%", "-/missing", "-/missing", "≥10%/same",
     "(逐步提高)/no_number", "≥10%/same"},
    {"institution_leadership_women", "-", "-", "≥30%/extra", "-", "(逐步提高)", "(逐步提高)"},
    {"caries_age12", "≤25%", "≤25%/same", "≤25%/same", "≤25%/same", "≤25%/same", "≤20%/stricter"},
    {"fitness_standard_excellent", "≥60%", "≥60%/same", "≥60%/same", "≥60%/same", "≥60%/same",
     "≥50%/looser"},
};

TEST(CompareCellsTest, NumberNoNumberAndNotInPlanOnTheCorpus) {
  auto extractor = LoadExtractor();
  ASSERT_TRUE(extractor);
  TargetTableOptions options;
  for (const auto& row : kCells) options.indicators.push_back(row[0]);
  Reference reference = ReferenceOf("秀峰区");
  auto table = CompareTargets(Corpus(), extractor->Indicators(), options, &reference);
  ASSERT_TRUE(table.ok()) << table.status().message();
  std::vector<std::string> districts;
  for (const CompareColumn& c : table->columns) districts.push_back(c.district);
  ASSERT_EQ(districts, (std::vector<std::string>{"昆都仑区", "南开区", "秀峰区", "北关区", "资阳区"}));
  std::map<std::string, std::vector<std::string>> got;
  for (const CompareRow& row : table->rows) {
    std::vector<std::string>& cells = got[row.indicator_id];
    cells.push_back(row.indicator_id);
    cells.push_back(CellText(*row.reference));
    for (const CompareCell& cell : row.cells) cells.push_back(CellText(cell));
  }
  for (const auto& want : kCells) EXPECT_EQ(got[want[0]], want) << want[0];
  EXPECT_EQ(got.size(), kCells.size()) << "a row for an indicator named, even with no number";

  // The summary counts a goal without a number apart from an indicator the plan does not name.
  const VerdictCounts& nankai = table->summary[1];
  EXPECT_EQ(nankai.no_number, 1);
  EXPECT_EQ(nankai.missing, 1);
  EXPECT_EQ(nankai.extra, 1);
  EXPECT_EQ(table->summary[3].no_number, 1);  // 北关区
  EXPECT_EQ(table->summary[3].missing, 0);
  EXPECT_EQ(table->summary[0].missing, 1);  // 昆都仑区
  EXPECT_EQ(table->summary[0].no_number, 0);
}

TEST(CompareCellsTest, WithoutNamedIndicatorsAGoalWithoutANumberMakesNoRow) {
  auto extractor = LoadExtractor();
  ASSERT_TRUE(extractor);
  auto table = CompareTargets(Corpus(), extractor->Indicators(), TargetTableOptions{});
  ASSERT_TRUE(table.ok()) << table.status().message();
  bool maternal = false;
  for (const CompareRow& row : table->rows) {
    EXPECT_NE(row.indicator_id, "breast_cancer_screening") << "no plan gives it a number";
    if (row.indicator_id != "maternal_mortality") continue;
    maternal = true;
    EXPECT_EQ(row.cells[1].state(), CellState::kNoNumber) << "南开区";
  }
  EXPECT_TRUE(maternal);
}

// ---- domain order ----

// The rules with names.tsv's domain rows of the women's plan in reverse order.
std::string RulesWithWomensDomainsReversed() {
  std::string dir = TempDir() + "/rules";
  std::filesystem::copy(RulesDir(), dir, std::filesystem::copy_options::recursive);
  std::ifstream in(dir + "/names.tsv");
  std::vector<std::string> lines, women;
  size_t at = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("domain\twomen.", 0) == 0) {
      if (women.empty()) at = lines.size();
      women.insert(women.begin(), line);
      continue;
    }
    lines.push_back(line);
  }
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), women.begin(), women.end());
  std::ofstream out(dir + "/names.tsv");
  for (const std::string& line : lines) out << line << "\n";
  return dir;
}

std::vector<std::string> DomainsOfRows(const TargetTable& table) {
  std::vector<std::string> out;
  for (const CompareRow& row : table.rows) {
    if (out.empty() || out.back() != row.domain_id) out.push_back(row.domain_id);
  }
  return out;
}

TEST(CompareDomainOrderTest, RowsFollowTheDomainOrderOfTheRules) {
  auto extractor = LoadExtractor();
  ASSERT_TRUE(extractor);
  Diagnostics diag;
  auto names = NameTables::Load(RulesDir(), extractor, &diag);
  ASSERT_TRUE(names.ok()) << names.status().message();
  TargetTableOptions options;
  options.plan = "women";
  options.domain_order = (*names)->DomainOrder();
  auto table = CompareTargets(Corpus(), extractor->Indicators(), options);
  ASSERT_TRUE(table.ok());
  // No corpus plan sets a number in 妇女与法律; targets outside the domain sections come last.
  EXPECT_EQ(DomainsOfRows(*table),
            (std::vector<std::string>{"women.health", "women.education", "women.economy",
                                      "women.decision", "women.social_security", "women.family",
                                      "women.environment", ""}));

  // Reordered in rules/: the rows follow.
  auto reordered = NameTables::Load(RulesWithWomensDomainsReversed(), extractor, &diag);
  ASSERT_TRUE(reordered.ok()) << reordered.status().message();
  options.domain_order = (*reordered)->DomainOrder();
  ASSERT_EQ(options.domain_order.front(), "women.law");
  table = CompareTargets(Corpus(), extractor->Indicators(), options);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(DomainsOfRows(*table),
            (std::vector<std::string>{"women.environment", "women.family", "women.social_security",
                                      "women.decision", "women.economy", "women.education",
                                      "women.health", ""}));

  // Domains the order does not list come after the listed ones, by id.
  options.domain_order = {"women.family", "women.health"};
  table = CompareTargets(Corpus(), extractor->Indicators(), options);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(DomainsOfRows(*table),
            (std::vector<std::string>{"women.family", "women.health", "", "women.decision",
                                      "women.economy", "women.education", "women.environment",
                                      "women.social_security"}));
}

// ---- diff ----

TargetValue Number(const std::string& id, const std::string& name, const std::string& cmp,
                   double value, int line) {
  TargetValue v;
  v.kind = "target";
  v.plan = "women";
  v.domain_id = "women.health";
  v.domain = "妇女与健康";
  v.indicator_id = id;
  v.indicator = name;
  v.comparator = cmp;
  v.value = value;
  v.unit = "%";
  v.line = line;
  return v;
}

TargetValue Goal(const std::string& id, const std::string& name, const std::string& words, int line) {
  TargetValue v = Number(id, name, "", 0, line);
  v.kind = "direction";
  v.value.reset();
  v.unit.clear();
  v.value_text = words;
  return v;
}

struct DiffCase {
  const char* name;
  std::vector<TargetValue> a, b;  // numbers and goals of each side
  // Each change as "indicator: A → B verdict", A and B as "≤12%", "(words)" or "-".
  std::vector<std::string> changes;
};

std::string SideText(const std::optional<TargetValue>& v) {
  switch (SideState(v)) {
    case CellState::kNumber: return FormatValue(*v);
    case CellState::kNoNumber: return "(" + v->value_text + ")";
    default: return "-";
  }
}

PlanSide Side(const std::vector<TargetValue>& values) {
  PlanSide side;
  for (const TargetValue& v : values) (v.value ? side.targets : side.directions).push_back(v);
  return side;
}

class DiffCellsTest : public ::testing::TestWithParam<DiffCase> {};

TEST_P(DiffCellsTest, PairsAndStates) {
  auto extractor = LoadExtractor();
  ASSERT_TRUE(extractor);
  const DiffCase& c = GetParam();
  PlanDiff diff = DiffPlans(Side(c.a), Side(c.b), extractor->Indicators(), DiffOptions{}, nullptr);
  std::vector<std::string> changes;
  for (const DomainDiff& d : diff.domains) {
    for (const TargetChange& t : d.targets) {
      changes.push_back(t.indicator + ": " + SideText(t.a) + " → " + SideText(t.b) + " " +
                        VerdictName(t.verdict));
    }
  }
  EXPECT_EQ(changes, c.changes);
}

const char kMm[] = "maternal_mortality";

INSTANTIATE_TEST_SUITE_P(
    Cases, DiffCellsTest,
    ::testing::Values(
        DiffCase{"number_then_goal",
                 {Number(kMm, "孕产妇死亡率", "<=", 12, 10)},
                 {Goal(kMm, "孕产妇死亡率", "得到有效控制", 20)},
                 {"孕产妇死亡率: ≤12% → (得到有效控制) no_number"}},
        DiffCase{"goal_then_number",
                 {Goal(kMm, "孕产妇死亡率", "得到有效控制", 20)},
                 {Number(kMm, "孕产妇死亡率", "<=", 12, 10)},
                 {"孕产妇死亡率: (得到有效控制) → ≤12% extra"}},
        DiffCase{"number_then_nothing",
                 {Number(kMm, "孕产妇死亡率", "<=", 12, 10)},
                 {},
                 {"孕产妇死亡率: ≤12% → - missing"}},
        DiffCase{"goals_only_are_no_change",
                 {Goal(kMm, "孕产妇死亡率", "得到有效控制", 20)},
                 {Goal(kMm, "孕产妇死亡率", "明显下降", 20)},
                 {}},
        // One plan's phrase has an id, the other's not: paired by name, not missing and extra.
        DiffCase{"id_then_name",
                 {Number(kMm, "孕产妇死亡率", "<=", 12, 10)},
                 {Number("", "孕产妇死亡率", "<=", 10, 11)},
                 {"孕产妇死亡率: ≤12% → ≤10% stricter"}},
        DiffCase{"same_printed_name_without_ids_is_no_change",
                 {Number("", "某项筛查率", ">=", 70, 10)},
                 {Number("", "某项筛查率", ">=", 70, 30)},
                 {}},
        DiffCase{"two_ids_are_two_indicators_whatever_their_names",
                 {Number(kMm, "死亡率", "<=", 12, 10)},
                 {Number("infant_mortality", "死亡率", "<=", 5, 10)},
                 {"孕产妇死亡率: ≤12% → - missing", "婴儿死亡率: - → ≤5% extra"}}),
    [](const ::testing::TestParamInfo<DiffCase>& info) { return std::string(info.param.name); });

// 北关区 and 资阳区 word the cervical-cancer screening goal differently (适龄妇女宫颈癌人群筛查率达到
// 70%以上 / 达70%以上): one indicator, the same 70%, so no change; and no indicator of any domain is
// both missing and extra. 南开区 has 孕产妇死亡率得到有效控制 where 北关区 sets 12/10万.
TEST(DiffCellsCorpusTest, PairsOneIndicatorOnceAndTellsGoalsApart) {
  auto extractor = LoadExtractor();
  ASSERT_TRUE(extractor);
  auto side = [&](const std::string& district) {
    for (const IndexedFile& f : Corpus().Files()) {
      if (f.region.district == district) return *SideFromIndex(Corpus(), f.document);
    }
    ADD_FAILURE() << district;
    return PlanSide{};
  };
  PlanSide beiguan = side("北关区"), ziyang = side("资阳区"), nankai = side("南开区");
  auto tokenizer = Tokenizer::Create();
  ASSERT_TRUE(tokenizer.ok());
  PlanDiff diff = DiffPlans(beiguan, ziyang, extractor->Indicators(), DiffOptions{}, tokenizer->get());
  for (const DomainDiff& d : diff.domains) {
    std::set<std::string> missing, extra;
    for (const TargetChange& t : d.targets) {
      EXPECT_NE(t.indicator_id, "cervical_cancer_screening") << "70% in both";
      std::string key = t.indicator_id.empty() ? t.indicator : t.indicator_id;
      if (t.verdict == Verdict::kMissing) missing.insert(key);
      if (t.verdict == Verdict::kExtra) extra.insert(key);
    }
    for (const std::string& key : missing) EXPECT_FALSE(extra.count(key)) << d.domain_id << " " << key;
  }
  diff = DiffPlans(beiguan, nankai, extractor->Indicators(), DiffOptions{}, tokenizer->get());
  const TargetChange* maternal = nullptr;
  for (const DomainDiff& d : diff.domains) {
    for (const TargetChange& t : d.targets) {
      if (t.indicator_id == kMm) maternal = &t;
    }
  }
  ASSERT_NE(maternal, nullptr);
  EXPECT_EQ(maternal->verdict, Verdict::kNoNumber);
  EXPECT_EQ(SideState(maternal->b), CellState::kNoNumber);
  EXPECT_EQ(maternal->b->value_text, "得到有效控制");
  EXPECT_EQ(SideText(maternal->a), "≤12/10万");
}

}  // namespace
}  // namespace guihua
