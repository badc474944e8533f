// Target tables: the values of every indicator in every indexed plan, one column per document,
// and verdicts against a reference from the indicator's better direction.
#include "compare/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "normalize/normalize.h"

namespace guihua {

std::string NumberText(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", value);
  return buf;
}

double RateScale(const std::string& unit) {
  if (unit == "%") return 1e-2;
  if (unit == "‰") return 1e-3;
  if (unit == "/万") return 1e-4;
  if (unit == "/10万") return 1e-5;
  return 0;
}

std::string FormatValue(const TargetValue& v) {
  if (!v.value) return v.value_text;
  auto number = [&](double x) {
    return v.unit == "ratio" ? "1:" + NumberText(x) : NumberText(x) + v.unit;
  };
  if (v.comparator == "range" && v.value_max) return number(*v.value) + "–" + number(*v.value_max);
  std::string prefix = v.comparator == "<=" ? "≤" : v.comparator == ">=" ? "≥" : v.comparator == "~" ? "~" : "";
  return prefix + number(*v.value);
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kStricter: return "stricter";
    case Verdict::kSame: return "same";
    case Verdict::kLooser: return "looser";
    case Verdict::kNoNumber: return "no_number";
    case Verdict::kMissing: return "missing";
    case Verdict::kExtra: return "extra";
    default: return "";
  }
}

const char* CellStateName(CellState s) {
  switch (s) {
    case CellState::kNumber: return "number";
    case CellState::kNoNumber: return "no_number";
    default: return "not_in_plan";
  }
}

CellState CompareCell::state() const {
  if (!values.empty()) return CellState::kNumber;
  return directions.empty() ? CellState::kNotInPlan : CellState::kNoNumber;
}

void VerdictCounts::Add(Verdict v) {
  switch (v) {
    case Verdict::kStricter: ++stricter; break;
    case Verdict::kSame: ++same; break;
    case Verdict::kLooser: ++looser; break;
    case Verdict::kNoNumber: ++no_number; break;
    case Verdict::kMissing: ++missing; break;
    case Verdict::kExtra: ++extra; break;
    default: break;
  }
}

Verdict CompareValues(const TargetValue& value, const TargetValue& reference,
                      const std::string& direction) {
  if (!value.value || !reference.value) return Verdict::kNone;
  // The bound that matters: the upper end of a range when lower is better, the lower end otherwise.
  auto bound = [&](const TargetValue& v) {
    if (v.comparator == "range" && v.value_max && direction == "lower") return *v.value_max;
    return *v.value;
  };
  double a = bound(value), b = bound(reference);
  if (value.unit != reference.unit) {
    double sa = RateScale(value.unit), sb = RateScale(reference.unit);
    if (sa == 0 || sb == 0) return Verdict::kNone;
    a *= sa;
    b *= sb;
  }
  if (std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b))) return Verdict::kSame;
  if (direction == "lower") return a < b ? Verdict::kStricter : Verdict::kLooser;
  if (direction == "higher") return a > b ? Verdict::kStricter : Verdict::kLooser;
  return Verdict::kNone;
}

namespace {

// Values of one document by (plan, indicator key), file order, duplicates of the same commitment
// (a goal repeated in a measure) kept once.
using Key = std::pair<std::string, std::string>;
using ValueMap = std::map<Key, std::vector<TargetValue>>;

// What one plan says per indicator: its numbers, and its goals without a number.
struct PlanValues {
  ValueMap numbers, directions;
};

std::string IndicatorKey(const TargetValue& v) {
  return v.indicator_id.empty() ? "name:" + NormalizeString(v.indicator) : v.indicator_id;
}

// The same commitment twice: equal numbers, or (goals without a number) equal words.
bool SameCommitment(const TargetValue& a, const TargetValue& b) {
  return a.comparator == b.comparator && a.value == b.value && a.value_max == b.value_max &&
         a.unit == b.unit && (a.value || a.value_text == b.value_text);
}

void AddOnce(std::vector<TargetValue>& values, TargetValue v) {
  bool repeated = std::any_of(values.begin(), values.end(),
                              [&](const TargetValue& w) { return SameCommitment(v, w); });
  if (!repeated) values.push_back(std::move(v));
}

// `wanted`: indicator ids to keep (all when empty); lines of other indicators are skipped before
// they are parsed, which is most of the work on a large index.
PlanValues GroupValues(const std::vector<std::string>& lines, bool baselines,
                       const std::vector<std::string>& wanted) {
  std::set<std::string, std::less<>> keep(wanted.begin(), wanted.end());
  PlanValues out;
  for (const std::string& line : lines) {
    if (!keep.empty() && !keep.count(PeekTargetIndicatorId(line))) continue;
    auto v = ReadTargetRecord(line);
    if (!v) continue;
    Key key{v->plan, IndicatorKey(*v)};
    if (v->kind == "direction") {
      AddOnce(out.directions[key], std::move(*v));
    } else if (v->value && (v->kind == "target" || (baselines && v->kind == "baseline"))) {
      AddOnce(out.numbers[key], std::move(*v));
    }
  }
  return out;
}

CompareCell CellOf(const PlanValues& plan, const Key& key) {
  CompareCell cell;
  if (auto it = plan.numbers.find(key); it != plan.numbers.end()) cell.values = it->second;
  if (auto it = plan.directions.find(key); it != plan.directions.end()) cell.directions = it->second;
  return cell;
}

const TargetValue* FirstValue(const CompareCell& cell) {
  return cell.values.empty() ? nullptr : &cell.values.front();
}

// Each cell against the reference's first number: a plan without a number is kNoNumber when it
// has a goal for the indicator and kMissing when it has none; a number the reference lacks is kExtra.
void Judge(CompareRow& row, std::vector<VerdictCounts>& summary) {
  const TargetValue* theirs = row.reference ? FirstValue(*row.reference) : nullptr;
  for (size_t c = 0; c < row.cells.size(); ++c) {
    CompareCell& cell = row.cells[c];
    const TargetValue* mine = FirstValue(cell);
    if (!mine && !theirs) continue;
    if (!mine) {
      cell.verdict = cell.directions.empty() ? Verdict::kMissing : Verdict::kNoNumber;
    } else if (!theirs) {
      cell.verdict = Verdict::kExtra;
    } else {
      cell.verdict = CompareValues(*mine, *theirs, row.direction);
    }
    summary[c].Add(cell.verdict);
  }
}

// The row of one (plan, indicator) key; its domain and printed name from the first value
// anywhere (numbers before goals without a number).
CompareRow MakeRow(const Key& key, const std::map<std::string, const IndicatorInfo*>& by_id,
                   const std::vector<PlanValues>& plans, const PlanValues* reference) {
  CompareRow row;
  row.plan = key.first;
  bool named = key.second.rfind("name:", 0) == 0;
  if (!named) {
    auto found = by_id.find(key.second);
    row.indicator_id = key.second;
    row.indicator = found != by_id.end() ? found->second->name : key.second;
    if (found != by_id.end()) {
      row.direction = found->second->direction;
      row.unit = found->second->unit;
    }
  }
  for (const PlanValues& p : plans) row.cells.push_back(CellOf(p, key));
  if (reference) row.reference = CellOf(*reference, key);
  std::vector<const CompareCell*> cells;
  for (const CompareCell& c : row.cells) cells.push_back(&c);
  if (row.reference) cells.push_back(&*row.reference);
  for (bool numbers : {true, false}) {
    for (const CompareCell* c : cells) {
      const auto& list = numbers ? c->values : c->directions;
      if (list.empty()) continue;
      row.domain_id = list.front().domain_id;
      if (named) row.indicator = list.front().indicator;
      return row;
    }
  }
  return row;
}

// The rows' keys: every (plan, indicator) with a number somewhere, and the indicators the options
// name even where no plan gives one a number; indicators outside the dictionary only with --all.
std::set<Key> RowKeys(const std::vector<PlanValues>& plans, const PlanValues* reference,
                      const TargetTableOptions& options) {
  std::set<Key> keys;
  auto take = [&](const PlanValues& p) {
    for (const auto& [key, v] : p.numbers) keys.insert(key);
    if (options.indicators.empty()) return;
    for (const auto& [key, v] : p.directions) keys.insert(key);
  };
  for (const PlanValues& p : plans) take(p);
  if (reference) take(*reference);
  std::erase_if(keys, [&](const Key& key) {
    bool named = key.second.rfind("name:", 0) == 0;
    if (named && !options.all) return true;
    if (!options.plan.empty() && key.first != options.plan) return true;
    return !options.indicators.empty() &&
           std::find(options.indicators.begin(), options.indicators.end(), key.second) ==
               options.indicators.end();
  });
  return keys;
}

// Women's plan first, then domains in the rules' order (unlisted ones after, by id), then the
// dictionary's order, then printed names.
void SortRows(std::vector<CompareRow>& rows, const std::vector<IndicatorInfo>& dictionary,
              const std::vector<std::string>& domain_order) {
  std::map<std::string, size_t> dictionary_rank;
  for (size_t i = 0; i < dictionary.size(); ++i) dictionary_rank[dictionary[i].id] = i;
  auto rank = [&](const CompareRow& r) {
    auto at = std::find(domain_order.begin(), domain_order.end(), r.domain_id);
    size_t domain = static_cast<size_t>(at - domain_order.begin());
    auto found = dictionary_rank.find(r.indicator_id);
    size_t d = found == dictionary_rank.end() ? dictionary.size() : found->second;
    return std::make_tuple(r.plan == "women" ? 0 : 1, domain,
                           at == domain_order.end() ? r.domain_id : std::string(), d, r.indicator);
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const CompareRow& a, const CompareRow& b) { return rank(a) < rank(b); });
}

}  // namespace

StatusOr<TargetTable> CompareTargets(const IndexReader& index,
                                     const std::vector<IndicatorInfo>& dictionary,
                                     const TargetTableOptions& options, const Reference* against) {
  std::map<std::string, const IndicatorInfo*> by_id;
  for (const IndicatorInfo& info : dictionary) by_id[info.id] = &info;
  for (const std::string& id : options.indicators) {
    if (!by_id.count(id)) return Status::InvalidInput("unknown indicator '" + id + "'");
  }

  TargetTable table;
  std::vector<PlanValues> plans;
  const std::set<std::string> wanted(options.documents.begin(), options.documents.end());
  std::set<std::string> unseen = wanted;
  for (const IndexedFile& f : index.Files()) {
    if (!wanted.empty() && !wanted.count(f.document)) continue;
    unseen.erase(f.document);
    table.columns.push_back({f.document, f.region.province, f.region.city, f.region.district, f.period});
    plans.push_back(GroupValues(index.Targets(f.document), options.baselines, options.indicators));
  }
  if (!unseen.empty()) return Status::InvalidInput("no indexed document '" + *unseen.begin() + "'");
  std::optional<PlanValues> reference;
  if (against) {
    table.reference = against->column;
    reference = GroupValues(against->target_json, options.baselines, options.indicators);
  }
  table.summary.assign(table.columns.size(), VerdictCounts{});

  const PlanValues* ref = reference ? &*reference : nullptr;
  for (const Key& key : RowKeys(plans, ref, options)) {
    CompareRow row = MakeRow(key, by_id, plans, ref);
    if (!options.domain.empty() && row.domain_id != options.domain) continue;
    table.rows.push_back(std::move(row));
  }
  SortRows(table.rows, dictionary, options.domain_order);
  if (against) {
    for (CompareRow& row : table.rows) Judge(row, table.summary);
  }
  return table;
}

}  // namespace guihua
