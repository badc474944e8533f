// The words and colours shared by the progress writers (see internal/progress_support.h).
#include <cmath>

#include "compare/compare.h"
#include "render/internal/compare_support.h"
#include "render/internal/progress_support.h"

namespace guihua::render_internal {

std::string StatusText(ProgressStatus s, Lang lang) {
  return ValueLabel("progress_status", ProgressStatusName(s), lang);
}

uint32_t StatusColor(ProgressStatus s) {
  switch (s) {
    case ProgressStatus::kAchieved: return 0xC8E6C9;
    case ProgressStatus::kNotAchieved: return 0xFFCDD2;
    default: return 0xECEFF1;
  }
}

std::string PlanLabel(const ProgressPlan& plan, Lang lang) {
  std::string where = !plan.district.empty() ? plan.district
                      : !plan.city.empty()   ? plan.city
                      : !plan.province.empty() ? plan.province
                                               : plan.document;
  std::string out = where + " " + ValueLabel("plan", plan.plan, lang);
  std::string period = PeriodText(plan.period);
  return period.empty() ? out : out + " " + period;
}

std::string SummaryLine(const ProgressSummary& s, Lang lang) {
  std::string rate = "—";
  if (s.rate) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f%%", *s.rate * 100);
    rate = std::to_string(s.achieved) + "/" + std::to_string(s.monitored) + " = " + pct;
  }
  return Label("progress.summary", lang,
               {rate, std::to_string(s.targets), std::to_string(s.monitored), std::to_string(s.achieved)});
}

std::string LevelText(const TargetRecord& v) {
  std::string out = v.value ? NumberText(*v.value) + v.unit : v.value_text;
  return v.year ? out + " (" + std::to_string(v.year) + ")" : out;
}

namespace {

std::string Signed(double x) {
  if (x > 0) return "+" + NumberText(x);
  if (x < 0) return "−" + NumberText(-x);
  return "0";
}

}  // namespace

std::string TrendText(const ProgressRow& row, Lang lang) {
  if (!row.trend) return "";
  std::string out = Label("progress.per_year", lang, {Signed(row.trend->per_year) + row.target.unit});
  if (!row.trend->reachable) return Label("progress.not_at_this_pace", lang, {out});
  if (row.trend->reach_year == 0) return out;
  return Label("progress.reached", lang, {out, std::to_string(row.trend->reach_year)});
}

std::string ReportSaysText(const ProgressRow& row, Lang lang) {
  if (!row.report_says) return "";
  const ReportSays& s = *row.report_says;
  // The report says achieved or not; never "no data".
  ProgressStatus says =
      s.says == ProgressStatus::kAchieved ? ProgressStatus::kAchieved : ProgressStatus::kNotAchieved;
  std::string out = Label("progress.says", lang, {StatusText(says, lang), s.cue});
  return s.disagrees ? Label("progress.disagrees", lang, {out}) : out;
}

std::string GapText(const ProgressRow& row) {
  if (!row.gap) return "";
  return Signed(*row.gap) + (row.target.unit == "ratio" ? "" : row.target.unit);
}

}  // namespace guihua::render_internal
