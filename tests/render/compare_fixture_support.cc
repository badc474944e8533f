// The sample target table shared by the render tests.
#include "render/compare_fixture.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "common/test_support.h"

namespace guihua::testing {
namespace {

CompareColumn Column(std::string document, std::string district, int start, int end) {
  CompareColumn c;
  c.document = std::move(document);
  c.province = "示例省";
  c.city = "示例市";
  c.district = std::move(district);
  c.period = {start, end};
  return c;
}

// One value as the index would hold it; `max` only for a range.
TargetValue Value(const CompareColumn& column, const std::string& comparator, double value,
                  const std::string& unit, const std::string& quote, int line,
                  std::optional<double> max = std::nullopt) {
  TargetValue v;
  v.document = column.document;
  v.file = "corpus/" + column.document + ".txt";
  v.kind = "target";
  v.comparator = comparator;
  v.value = value;
  v.value_max = max;
  v.unit = unit;
  v.quote = quote;
  v.line = line;
  return v;
}

// A goal without a number, as the index holds it (kind "direction", value null).
TargetValue Direction(const CompareColumn& column, const std::string& words, const std::string& quote,
                      int line) {
  TargetValue v = Value(column, "", 0, "", quote, line);
  v.kind = "direction";
  v.value.reset();
  v.value_text = words;
  return v;
}

CompareCell Cell(std::vector<TargetValue> values, Verdict verdict) {
  CompareCell c;
  c.values = std::move(values);
  c.verdict = verdict;
  return c;
}

CompareRow Row(std::string id, std::string name, std::string plan, std::string domain,
               std::string direction, std::string unit) {
  CompareRow r;
  r.indicator_id = std::move(id);
  r.indicator = std::move(name);
  r.plan = std::move(plan);
  r.domain_id = std::move(domain);
  r.direction = std::move(direction);
  r.unit = std::move(unit);
  return r;
}

}  // namespace

TargetTable SampleTargetTable() {
  TargetTable t;
  CompareColumn city = Column("shili-city-2021-2025", "", 2021, 2025);
  CompareColumn dong = Column("shili-dongcheng-2021-2025", "东城区", 2021, 2025);
  CompareColumn xi = Column("shili-xicheng-2021-2025", "西城区", 2021, 2025);
  CompareColumn nan = Column("shili-nanhu-2021-2030", "南湖区", 2021, 2030);
  t.reference = city;
  t.columns = {dong, xi, nan};

  // Lower is better; one district sets an overall and a rural value.
  CompareRow mm = Row("maternal_mortality", "孕产妇死亡率", "women", "women.health", "lower", "/10万");
  mm.reference = Cell({Value(city, "<=", 12, "/10万", "孕产妇死亡率控制在12/10万以下", 41)},
                      Verdict::kNone);
  mm.cells = {
      Cell({Value(dong, "<=", 12, "/10万", "孕产妇死亡率控制在12/10万以下", 37)}, Verdict::kSame),
      Cell({Value(xi, "<=", 10, "/10万", "孕产妇死亡率控制在10/10万以内", 52)}, Verdict::kStricter),
      Cell({Value(nan, "<=", 15, "/10万", "全区孕产妇死亡率控制在15/10万以下，其中农村18/10万", 66),
            Value(nan, "<=", 18, "/10万", "全区孕产妇死亡率控制在15/10万以下，其中农村18/10万", 66)},
           Verdict::kLooser)};

  // Higher is better; a range, an "=" that equals "≥", and a district that does not set it.
  CompareRow cc = Row("cervical_cancer_screening", "适龄妇女宫颈癌人群筛查率", "women",
                      "women.health", "higher", "%");
  cc.reference = Cell({Value(city, ">=", 70, "%", "适龄妇女宫颈癌人群筛查率达到70%以上", 44)},
                      Verdict::kNone);
  cc.cells = {
      Cell({Value(dong, "range", 75, "%", "宫颈癌人群筛查率达到75%—80%", 40, 80)},
           Verdict::kStricter),
      Cell({Value(xi, "=", 70, "%", "适龄妇女宫颈癌人群筛查率为70%", 55)}, Verdict::kSame),
      Cell({}, Verdict::kMissing)};

  // The reference does not set it; rates in ‰ and % (one scale in the chart); one empty cell.
  CompareRow u5 = Row("under5_mortality", "5岁以下儿童死亡率", "children", "children.health",
                      "lower", "‰");
  u5.cells = {Cell({Value(dong, "<=", 5, "‰", "5岁以下儿童死亡率控制在5‰以下", 120)}, Verdict::kExtra),
              Cell({Value(xi, "<=", 0.4, "%", "5岁以下儿童死亡率低于0.4%", 131)}, Verdict::kExtra),
              Cell({}, Verdict::kNone)};

  // Outside the dictionary (listed with --all), no direction: differing ratios get no verdict.
  CompareRow ratio = Row("", "中小学校医务人员与学生比例", "children", "children.health", "", "");
  ratio.reference = Cell({Value(city, "=", 600, "ratio", "中小学校医务人员与学生比例达到1:600", 88)},
                         Verdict::kNone);
  ratio.cells = {
      Cell({Value(dong, "=", 600, "ratio", "中小学校医务人员与学生比例达到1:600", 150)},
           Verdict::kSame),
      Cell({Value(xi, "=", 500, "ratio", "中小学校医务人员与学生比例, 达到\"1:500\"", 160)},
           Verdict::kNone),
      Cell({Value(nan, "=", 800, "ratio", "医务人员与学生比例不低于1:800", 170)}, Verdict::kNone)};

  // A plan with a goal but no number (no_number) and one that does not name it (missing).
  CompareRow vc = Row("village_committee_director_women", "村委会主任中女性比例", "women",
                      "women.decision", "higher", "%");
  vc.reference = Cell({Value(city, ">=", 10, "%", "村委会主任中女性比例达到10%以上", 60)},
                      Verdict::kNone);
  CompareCell no_number = Cell({}, Verdict::kNoNumber);
  no_number.directions = {Direction(dong, "逐步提高", "村委会主任中女性比例逐步提高", 58)};
  vc.cells = {no_number,
              Cell({Value(xi, ">=", 10, "%", "村委会主任中女性比例达到10%以上", 71)}, Verdict::kSame),
              Cell({}, Verdict::kMissing)};

  for (CompareRow* r : {&mm, &cc, &u5, &ratio, &vc}) {
    for (size_t i = 0; i < r->cells.size(); ++i) {
      for (TargetValue& v : r->cells[i].directions) {
        v.indicator = r->indicator;
        v.indicator_id = r->indicator_id;
        v.plan = r->plan;
        v.domain_id = r->domain_id;
      }
      for (TargetValue& v : r->cells[i].values) {
        v.indicator = r->indicator;
        v.indicator_id = r->indicator_id;
        v.plan = r->plan;
        v.domain_id = r->domain_id;
      }
    }
  }
  t.rows = {mm, cc, u5, ratio, vc};
  t.summary = {{.stricter = 1, .same = 2, .no_number = 1, .extra = 1},
               {.stricter = 1, .same = 2, .extra = 1},
               {.looser = 1, .missing = 2}};
  return t;
}

std::string BuildOutputDir() {
  return std::filesystem::read_symlink("/proc/self/exe").parent_path().string();
}

}  // namespace guihua::testing
