// The progress join: for each plan in scope, its targets by indicator, and the actual values of the
// reports and texts of the same region and plan kind whose year lies in the plan's period; then each
// row judged (internal/judge.h) and what the report says beside its latest value.
#include "progress/progress.h"

#include <algorithm>
#include <map>
#include <set>

#include "compare/compare.h"
#include "progress/internal/judge.h"

namespace guihua {

using progress_internal::InTargetUnit;
using progress_internal::Judge;
using progress_internal::Judgement;
using progress_internal::Level;

const char* ProgressStatusName(ProgressStatus s) {
  switch (s) {
    case ProgressStatus::kAchieved: return "achieved";
    case ProgressStatus::kNotAchieved: return "not_achieved";
    default: return "no_data";
  }
}

namespace {

using Dictionary = std::map<std::string, const IndicatorInfo*>;

bool IsPlan(const IndexedFile& f) { return f.kind == "plan" || f.kind.empty(); }

bool SameRegion(const Region& a, const Region& b) {
  return (!a.district.empty() || !a.city.empty()) && a.province == b.province && a.city == b.city &&
         a.district == b.district;
}

// The plan kind of a value: its own, else its indicator's when the dictionary gives one plan.
std::string PlanOf(const TargetRecord& v, const Dictionary& dictionary) {
  if (!v.plan.empty()) return v.plan;
  auto it = dictionary.find(v.indicator_id);
  if (it == dictionary.end() || it->second->plan == "both") return "";
  return it->second->plan;
}

bool InPeriod(int year, const Period& p) {
  if (year == 0) return false;
  return (p.start == 0 || year >= p.start) && (p.end == 0 || year <= p.end);
}

// One plan (a document and a plan kind) with its rows keyed by indicator, in the plan's order.
struct PlanBuild {
  const ProgressDocument* doc;
  ProgressPlan plan;
  std::map<std::string, size_t> row_of;
};

void AddTargets(const ProgressDocument& doc, const Dictionary& dictionary,
                const ProgressOptions& options, std::vector<PlanBuild>* builds) {
  std::map<std::string, size_t> build_of;  // plan kind → index into builds
  for (const TargetRecord& v : doc.values) {
    if (v.kind != "target" || !v.value || v.indicator_id.empty() || v.plan.empty()) continue;
    if (!options.plan.empty() && v.plan != options.plan) continue;
    auto info = dictionary.find(v.indicator_id);
    if (info == dictionary.end()) continue;
    if (!options.indicators.empty() && std::find(options.indicators.begin(), options.indicators.end(),
                                                 v.indicator_id) == options.indicators.end()) {
      continue;
    }
    std::string domain = !v.domain_id.empty()              ? v.domain_id
                         : info->second->domains.empty() ? ""
                                                           : info->second->domains.front();
    if (!options.domain.empty() && domain != options.domain) continue;
    auto [at, fresh] = build_of.emplace(v.plan, builds->size());
    if (fresh) {
      const IndexedFile& f = doc.file;
      PlanBuild b{&doc, {}, {}};
      b.plan = {f.document, "", f.region.province, f.region.city, f.region.district, v.plan, f.period, {}, {}};
      builds->push_back(std::move(b));
    }
    PlanBuild& b = (*builds)[at->second];
    if (b.row_of.count(v.indicator_id)) continue;  // the first target of an indicator is its target
    b.row_of[v.indicator_id] = b.plan.rows.size();
    ProgressRow row;
    row.indicator_id = v.indicator_id;
    row.indicator = info->second->name;
    row.domain_id = domain;
    row.direction = info->second->direction;
    row.target = v;
    b.plan.rows.push_back(std::move(row));
  }
}

void AddBaselines(PlanBuild& b) {
  for (const TargetRecord& v : b.doc->values) {
    if (v.kind != "baseline" || !v.value || v.plan != b.plan.plan) continue;
    auto it = b.row_of.find(v.indicator_id);
    if (it == b.row_of.end()) continue;
    std::optional<TargetRecord>& baseline = b.plan.rows[it->second].baseline;
    // The first baseline, unless a later one gives the year the first lacks.
    if (!baseline || (baseline->year == 0 && v.year != 0)) baseline = v;
  }
}

void AddActuals(PlanBuild& b, const std::vector<ProgressDocument>& documents,
                const Dictionary& dictionary) {
  for (const ProgressDocument& d : documents) {
    const Region region{b.plan.province, b.plan.city, b.plan.district};
    if (IsPlan(d.file) || !SameRegion(region, d.file.region)) {
      continue;
    }
    for (const TargetRecord& v : d.values) {
      // Only levels: a change (比上年提高1.4个百分点) is never one.
      if (v.kind != "actual" || !v.value || !InPeriod(v.year, b.plan.period)) continue;
      if (PlanOf(v, dictionary) != b.plan.plan) continue;
      auto it = b.row_of.find(v.indicator_id);
      if (it == b.row_of.end()) continue;
      std::vector<TargetRecord>& actuals = b.plan.rows[it->second].actuals;
      bool repeated = std::any_of(actuals.begin(), actuals.end(), [&](const TargetRecord& w) {
        return w.document == v.document && w.year == v.year && w.value == v.value && w.unit == v.unit;
      });
      if (!repeated) actuals.push_back(v);
    }
  }
  for (ProgressRow& row : b.plan.rows) {
    std::stable_sort(row.actuals.begin(), row.actuals.end(),
                     [](const TargetRecord& x, const TargetRecord& y) { return x.year < y.year; });
  }
}

// The sentence of `text` around byte `at`: from after the previous 。；！？ to the next one.
std::string_view SentenceAround(std::string_view text, size_t at, size_t* start) {
  static const std::string_view kEnds[] = {"。", "；", "！", "？", ";"};
  size_t begin = 0, end = text.size();
  for (std::string_view e : kEnds) {
    size_t before = text.rfind(e, at);
    if (before != std::string_view::npos && before + e.size() > begin && before < at) {
      begin = before + e.size();
    }
    size_t after = text.find(e, at);
    if (after != std::string_view::npos) end = std::min(end, after);
  }
  *start = begin;
  return text.substr(begin, end - begin);
}

std::optional<ReportSays> FindReportSays(const TargetRecord& latest,
                                         const std::vector<ProgressDocument>& documents,
                                         const ProgressRules& rules) {
  for (const ProgressDocument& d : documents) {
    if (d.file.document != latest.document) continue;
    for (const ProgressPassage& p : d.passages) {
      if (latest.line < p.line || latest.line > std::max(p.line, p.end_line)) continue;
      size_t at = latest.quote.empty() ? std::string::npos : p.text.find(latest.quote);
      if (at == std::string::npos) continue;
      size_t start = 0;
      std::string_view sentence = SentenceAround(p.text, at, &start);
      ReportSays says;
      says.says = rules.Says(sentence, at - start, &says.cue);
      if (says.says == ProgressStatus::kNoData) return std::nullopt;
      says.sentence = std::string(sentence);
      says.document = d.file.document;
      says.file = d.file.file;
      says.line = latest.line;
      return says;
    }
  }
  return std::nullopt;
}

// Whether actual `a`, later in year and document order, replaces `latest`: a later year or a later
// document does; in the same document and year the first printed level stays, unless it carried a
// bound word and `a` does not. A report prints the measurement first and may restate the target in
// the same sentence (妇女常见病定期筛查率为91.8%，完成85%以上的规划目标), read as a second actual.
bool Supersedes(const TargetRecord& a, const TargetRecord* latest) {
  if (latest == nullptr || latest->year != a.year || latest->document != a.document) return true;
  return latest->comparator != "=" && a.comparator == "=";
}

// 93.5 − 92.8 is 0.70000000000000284 in binary: differences are kept to the ten digits printed.
double Tidy(double x) { return std::stod(NumberText(x)); }

void JudgeRow(ProgressRow& row, int up_to, const std::vector<ProgressDocument>& documents,
              const ProgressRules& rules) {
  std::vector<Level> levels;
  const TargetRecord* latest = nullptr;
  std::optional<double> latest_level;
  for (const TargetRecord& a : row.actuals) {
    if (up_to != 0 && a.year > up_to) continue;
    if (!Supersedes(a, latest)) continue;
    latest = &a;
    latest_level = InTargetUnit(a, row.target);
    if (!latest_level) continue;
    if (!levels.empty() && levels.back().year == a.year) levels.pop_back();
    levels.push_back({a.year, *latest_level});
  }
  if (!latest) return;
  row.latest = *latest;
  if (!latest_level) {
    row.note = "the latest actual's unit '" + latest->unit + "' does not compare with the target's '" +
               row.target.unit + "'";
    return;
  }
  double tolerance = rules.Tolerance(row.indicator_id, row.target.value.value_or(0));
  Judgement j = Judge(row.target, row.direction, *latest_level, tolerance);
  row.status = j.status;
  row.gap = Tidy(j.gap);
  row.trend = progress_internal::Trend(levels, j);
  if (row.trend) row.trend->per_year = Tidy(row.trend->per_year);
  row.report_says = FindReportSays(*latest, documents, rules);
  if (row.report_says) row.report_says->disagrees = row.report_says->says != row.status;
}

void Summarize(ProgressPlan& plan) {
  ProgressSummary& s = plan.summary;
  s.targets = static_cast<int>(plan.rows.size());
  for (const ProgressRow& row : plan.rows) {
    if (row.status == ProgressStatus::kNoData) continue;
    ++s.monitored;
    if (row.status == ProgressStatus::kAchieved) ++s.achieved;
  }
  if (s.monitored > 0) s.rate = static_cast<double>(s.achieved) / s.monitored;
}

// The plan's title as its file records it, when it is the title of this plan kind.
std::string TitleOf(const IndexedFile& f, const std::string& plan) {
  const std::string word = plan == "women" ? "妇女" : "儿童";
  return f.title.find(word) != std::string::npos ? f.title : "";
}

}  // namespace

ProgressReport BuildProgress(const std::vector<ProgressDocument>& documents,
                             const std::vector<IndicatorInfo>& dictionary, const ProgressRules& rules,
                             const ProgressOptions& options) {
  Dictionary by_id;
  for (const IndicatorInfo& info : dictionary) by_id[info.id] = &info;
  const std::set<std::string> wanted(options.documents.begin(), options.documents.end());
  ProgressReport report;
  for (const ProgressDocument& doc : documents) {
    if (!IsPlan(doc.file) || (!wanted.empty() && !wanted.count(doc.file.document))) continue;
    std::vector<PlanBuild> builds;
    AddTargets(doc, by_id, options, &builds);
    for (PlanBuild& b : builds) {
      b.plan.title = TitleOf(doc.file, b.plan.plan);
      AddBaselines(b);
      AddActuals(b, documents, by_id);
      for (ProgressRow& row : b.plan.rows) JudgeRow(row, options.year, documents, rules);
      Summarize(b.plan);
      report.plans.push_back(std::move(b.plan));
    }
  }
  return report;
}

}  // namespace guihua
