// Target tables: the values of every indicator in every indexed plan, one column per document,
// and verdicts against a reference from the indicator's better direction.
#include "compare/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "normalize/normalize.h"

namespace guihua {
namespace {

// The fixed domain ids in the order of the plans (DESIGN.md); rows are grouped in this order.
const std::vector<std::string>& DomainOrder() {
  static const std::vector<std::string> order = {
      "women.health", "women.education", "women.economy", "women.decision",
      "women.social_security", "women.family", "women.environment", "women.law",
      "children.health", "children.safety", "children.education", "children.welfare",
      "children.family", "children.environment", "children.law"};
  return order;
}

int DomainRank(const std::string& id) {
  auto it = std::find(DomainOrder().begin(), DomainOrder().end(), id);
  return static_cast<int>(it - DomainOrder().begin());
}

}  // namespace

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
    case Verdict::kMissing: return "missing";
    case Verdict::kExtra: return "extra";
    default: return "";
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
using ValueMap = std::map<std::pair<std::string, std::string>, std::vector<TargetValue>>;

std::string IndicatorKey(const TargetValue& v) {
  return v.indicator_id.empty() ? "name:" + NormalizeString(v.indicator) : v.indicator_id;
}

// `wanted`: indicator ids to keep (all when empty); lines of other indicators are skipped before
// they are parsed, which is most of the work on a large index.
ValueMap GroupValues(const std::vector<std::string>& lines, bool baselines,
                     const std::vector<std::string>& wanted) {
  std::set<std::string, std::less<>> keep(wanted.begin(), wanted.end());
  ValueMap out;
  for (const std::string& line : lines) {
    if (!keep.empty() && !keep.count(PeekTargetIndicatorId(line))) continue;
    auto v = ReadTargetRecord(line);
    if (!v || !v->value) continue;
    if (v->kind != "target" && !(baselines && v->kind == "baseline")) continue;
    auto& values = out[{v->plan, IndicatorKey(*v)}];
    bool repeated = std::any_of(values.begin(), values.end(), [&](const TargetValue& w) {
      return w.comparator == v->comparator && w.value == v->value && w.value_max == v->value_max &&
             w.unit == v->unit;
    });
    if (!repeated) values.push_back(std::move(*v));
  }
  return out;
}

const TargetValue* FirstValue(const CompareCell& cell) {
  return cell.values.empty() ? nullptr : &cell.values.front();
}

void Judge(CompareRow& row, std::vector<VerdictCounts>& summary) {
  for (size_t c = 0; c < row.cells.size(); ++c) {
    CompareCell& cell = row.cells[c];
    const TargetValue* mine = FirstValue(cell);
    const TargetValue* theirs = row.reference ? FirstValue(*row.reference) : nullptr;
    if (!mine && !theirs) continue;
    if (!mine) {
      cell.verdict = Verdict::kMissing;
    } else if (!theirs) {
      cell.verdict = Verdict::kExtra;
    } else {
      cell.verdict = CompareValues(*mine, *theirs, row.direction);
    }
    VerdictCounts& s = summary[c];
    switch (cell.verdict) {
      case Verdict::kStricter: ++s.stricter; break;
      case Verdict::kSame: ++s.same; break;
      case Verdict::kLooser: ++s.looser; break;
      case Verdict::kMissing: ++s.missing; break;
      case Verdict::kExtra: ++s.extra; break;
      default: break;
    }
  }
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
  std::vector<ValueMap> values;
  const std::set<std::string> wanted(options.documents.begin(), options.documents.end());
  std::set<std::string> unseen = wanted;
  for (const IndexedFile& f : index.Files()) {
    if (!wanted.empty() && !wanted.count(f.document)) continue;
    unseen.erase(f.document);
    table.columns.push_back({f.document, f.region.province, f.region.city, f.region.district, f.period});
    values.push_back(GroupValues(index.Targets(f.document), options.baselines, options.indicators));
  }
  if (!unseen.empty()) return Status::InvalidInput("no indexed document '" + *unseen.begin() + "'");
  ValueMap reference_values;
  if (against) {
    table.reference = against->column;
    reference_values = GroupValues(against->target_json, options.baselines, options.indicators);
  }
  table.summary.assign(table.columns.size(), VerdictCounts{});

  // Every (plan, indicator) that has a value somewhere, in dictionary order then by printed name.
  std::set<std::pair<std::string, std::string>> keys;
  for (const ValueMap& m : values) {
    for (const auto& [key, v] : m) keys.insert(key);
  }
  for (const auto& [key, v] : reference_values) keys.insert(key);
  std::map<std::string, size_t> dictionary_rank;
  for (size_t i = 0; i < dictionary.size(); ++i) dictionary_rank[dictionary[i].id] = i;

  for (const auto& [plan, key] : keys) {
    bool named = key.rfind("name:", 0) == 0;
    if (named && !options.all) continue;
    if (!options.indicators.empty() &&
        std::find(options.indicators.begin(), options.indicators.end(), key) == options.indicators.end()) {
      continue;
    }
    if (!options.plan.empty() && plan != options.plan) continue;
    CompareRow row;
    row.plan = plan;
    if (!named) {
      auto found = by_id.find(key);
      IndicatorInfo info = found != by_id.end() ? *found->second : IndicatorInfo{key, plan, key, "", "", "", "", {}};
      row.indicator_id = key;
      row.indicator = info.name;
      row.direction = info.direction;
      row.unit = info.unit;
    }
    for (const ValueMap& m : values) {
      auto it = m.find({plan, key});
      row.cells.push_back({it == m.end() ? std::vector<TargetValue>{} : it->second, Verdict::kNone});
    }
    if (against) {
      auto it = reference_values.find({plan, key});
      row.reference = CompareCell{it == reference_values.end() ? std::vector<TargetValue>{} : it->second,
                                  Verdict::kNone};
    }
    // Domain and printed name from the first value anywhere.
    for (const CompareCell& cell : row.cells) {
      if (cell.values.empty()) continue;
      row.domain_id = cell.values.front().domain_id;
      if (named) row.indicator = cell.values.front().indicator;
      break;
    }
    if (row.domain_id.empty() && row.reference && !row.reference->values.empty()) {
      row.domain_id = row.reference->values.front().domain_id;
      if (named) row.indicator = row.reference->values.front().indicator;
    }
    if (!options.domain.empty() && row.domain_id != options.domain) continue;
    table.rows.push_back(std::move(row));
  }
  std::stable_sort(table.rows.begin(), table.rows.end(), [&](const CompareRow& a, const CompareRow& b) {
    auto rank = [&](const CompareRow& r) {
      size_t d = r.indicator_id.empty() ? dictionary.size() : dictionary_rank[r.indicator_id];
      return std::make_tuple(r.plan == "women" ? 0 : 1, DomainRank(r.domain_id), d, r.indicator);
    };
    return rank(a) < rank(b);
  });
  if (against) {
    for (CompareRow& row : table.rows) Judge(row, table.summary);
  }
  return table;
}

}  // namespace guihua
