// Progress writers for the text formats: terminal table (one section per plan, or the districts side
// by side when every plan shows the same one indicator), Markdown, CSV and JSON lines (tidy), JSON. HTML and XLSX live
// in progress_html.cc and progress_xlsx.cc.
#include "render/progress_render.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "render/internal/compare_support.h"
#include "render/internal/progress_support.h"
#include "render/internal/text_support.h"
#include "render/text_table.h"
#include "render/tidy.h"

namespace guihua {
namespace {

using nlohmann::ordered_json;
using namespace render_internal;

// One indicator in every plan shown: the districts side by side ("who is on track").
bool SideBySide(const ProgressReport& report) {
  if (report.plans.size() < 2) return false;
  for (const ProgressPlan& p : report.plans) {
    if (p.rows.size() != 1 || p.rows[0].indicator_id != report.plans[0].rows[0].indicator_id) return false;
  }
  return true;
}

std::string ActualsText(const ProgressRow& row, const std::string& separator) {
  std::string out;
  for (const TargetRecord& a : row.actuals) out += (out.empty() ? "" : separator) + LevelText(a);
  return out;
}

std::string BaselineText(const ProgressRow& row) { return row.baseline ? LevelText(*row.baseline) : ""; }

std::vector<std::string> RowCells(const ProgressRow& row, const std::string& line_break, Lang lang) {
  return {row.indicator + line_break + row.indicator_id,
          FormatValue(row.target),
          BaselineText(row),
          ActualsText(row, line_break),
          StatusText(row.status, lang) + (row.note.empty() ? "" : line_break + row.note),
          GapText(row),
          TrendText(row, lang),
          ReportSaysText(row, lang)};
}

// Headers by label id (rules/labels.tsv).
std::vector<std::string> Header(std::initializer_list<const char*> ids, Lang lang) {
  std::vector<std::string> out;
  for (const char* id : ids) out.push_back(Label(id, lang));
  return out;
}

std::vector<std::string> RowHeader(Lang lang) {
  return Header({"column.indicator", "progress.column_target", "progress.column_baseline",
                 "progress.column_actuals", "progress.column_status", "progress.column_gap",
                 "progress.column_trend", "progress.column_report_says"},
                lang);
}

std::string RenderText(const ProgressReport& report, size_t width, Lang lang) {
  if (report.plans.empty()) return Label("progress.none", lang) + "\n";
  if (SideBySide(report)) {
    const ProgressRow& first = report.plans[0].rows[0];
    TextTable table(Header({"column.plan", "progress.column_target", "progress.column_latest",
                            "progress.column_status", "progress.column_gap", "progress.column_trend",
                            "progress.column_report_says"},
                           lang));
    for (const ProgressPlan& p : report.plans) {
      const ProgressRow& row = p.rows[0];
      table.AddRow({PlanLabel(p, lang), FormatValue(row.target), row.latest ? LevelText(*row.latest) : "",
                    StatusText(row.status, lang), GapText(row), TrendText(row, lang), ReportSaysText(row, lang)});
    }
    return first.indicator + " (" + first.indicator_id + ")\n" + table.RenderWrapped(width);
  }
  std::string out;
  for (const ProgressPlan& p : report.plans) {
    if (!out.empty()) out += "\n";
    out += PlanLabel(p, lang) + " (" + p.document + "): " + SummaryLine(p.summary, lang) + "\n";
    TextTable table(RowHeader(lang));
    for (const ProgressRow& row : p.rows) table.AddRow(RowCells(row, "\n", lang));
    out += table.RenderWrapped(width);
  }
  return out;
}

std::string RenderMarkdown(const ProgressReport& report, Lang lang) {
  std::string out;
  const std::vector<std::string> header = RowHeader(lang);
  for (const ProgressPlan& p : report.plans) {
    out += "## " + MarkdownCell(PlanLabel(p, lang)) + " `" + p.document + "`\n\n" + SummaryLine(p.summary, lang) +
           "\n\n|";
    for (const std::string& h : header) out += " " + h + " |";
    out += "\n|";
    for (size_t i = 0; i < header.size(); ++i) out += "---|";
    out += "\n";
    for (const ProgressRow& row : p.rows) {
      out += "|";
      for (const std::string& cell : RowCells(row, "\n", lang)) out += " " + MarkdownCell(cell) + " |";
      out += "\n";
    }
    out += "\n";
  }
  return out.empty() ? Label("progress.none", lang) + "\n" : out;
}

// ---- CSV and JSON lines (tidy) ---------------------------------------------------------------

// One row per plan and indicator, in the tidy schema (render/tidy.h): the plan, the target, the
// baseline, the actuals, the latest one and what is judged of it.
const std::vector<TidyColumn>& ProgressColumns() {
  using C = TidyColumn;
  static const auto* columns = new std::vector<TidyColumn>{
      C::kDocument,   C::kProvince,  C::kCity,       C::kDistrict,    C::kPlan,
      C::kIndicatorId, C::kIndicator, C::kDomainId,  C::kDirection,   C::kComparator,
      C::kTarget,     C::kTargetMax, C::kUnit,       C::kTargetYear,  C::kBaseline,
      C::kBaselineYear, C::kActuals, C::kLatestYear, C::kLatest,      C::kLatestUnit,
      C::kStatus,     C::kGap,       C::kPerYear,    C::kReachYear,   C::kReportSays,
      C::kDisagrees,  C::kLatestQuote, C::kLatestFile, C::kLatestLine};
  return *columns;
}

TidyRow ProgressTidyRow(const ProgressPlan& p, const ProgressRow& r) {
  using C = TidyColumn;
  TidyRow row;
  row.Set(C::kDocument, p.document);
  SetRegionColumns({p.province, p.city, p.district}, &row);
  row.Set(C::kPlan, p.plan).Set(C::kIndicatorId, r.indicator_id).Set(C::kIndicator, r.indicator);
  row.Set(C::kDomainId, r.domain_id).Set(C::kDirection, r.direction);
  row.Set(C::kComparator, r.target.comparator).Set(C::kTarget, r.target.value);
  row.Set(C::kTargetMax, r.target.value_max).Set(C::kUnit, r.target.unit);
  row.SetPositive(C::kTargetYear, r.target.year);
  if (r.baseline) {
    row.Set(C::kBaseline, r.baseline->value).SetPositive(C::kBaselineYear, r.baseline->year);
  }
  row.Set(C::kActuals, ActualsText(r, "; "));
  if (const TargetRecord* l = r.latest ? &*r.latest : nullptr) {
    row.SetPositive(C::kLatestYear, l->year).Set(C::kLatest, l->value).Set(C::kLatestUnit, l->unit);
    row.Set(C::kLatestQuote, l->quote).Set(C::kLatestFile, l->file);
    row.SetPositive(C::kLatestLine, l->line);
  }
  row.Set(C::kStatus, ProgressStatusName(r.status)).Set(C::kGap, r.gap);
  if (r.trend) {
    row.Set(C::kPerYear, r.trend->per_year);
    if (r.trend->reachable) row.SetPositive(C::kReachYear, r.trend->reach_year);
  }
  if (r.report_says) {
    row.Set(C::kReportSays, ProgressStatusName(r.report_says->says));
    row.SetInteger(C::kDisagrees, r.report_says->disagrees ? 1 : 0);
  }
  return row;
}

std::string RenderTidy(const ProgressReport& report, TidyFormat format) {
  std::ostringstream out;
  TidyWriter writer(format, ProgressColumns(), &out);
  for (const ProgressPlan& p : report.plans) {
    for (const ProgressRow& r : p.rows) writer.Write(ProgressTidyRow(p, r));
  }
  return out.str();
}

// ---- JSON -----------------------------------------------------------------------------------

ordered_json OrNull(const std::string& s) { return s.empty() ? ordered_json() : ordered_json(s); }
ordered_json YearOrNull(int y) { return y ? ordered_json(y) : ordered_json(); }
ordered_json LineOrNull(int l) { return l > 0 ? ordered_json(l) : ordered_json(); }

ordered_json TargetJson(const TargetRecord& t) {
  return {{"comparator", OrNull(t.comparator)}, {"value", JsonNumber(t.value)},
          {"value_max", JsonNumber(t.value_max)}, {"unit", OrNull(t.unit)},
          {"year", YearOrNull(t.year)}, {"quote", OrNull(t.quote)},
          {"file", OrNull(t.file)}, {"line", LineOrNull(t.line)}};
}

ordered_json LevelJson(const TargetRecord& v, bool with_document) {
  ordered_json j = {{"year", YearOrNull(v.year)}, {"value", JsonNumber(v.value)}, {"unit", OrNull(v.unit)},
                    {"quote", OrNull(v.quote)},   {"file", OrNull(v.file)},     {"line", LineOrNull(v.line)}};
  if (with_document) j["document"] = v.document;
  return j;
}

ordered_json TrendJson(const std::optional<ProgressTrend>& t) {
  if (!t) return nullptr;
  ordered_json reach = !t->reachable ? ordered_json("not at this pace") : YearOrNull(t->reach_year);
  return {{"per_year", JsonNumber(t->per_year)}, {"from_year", t->from_year}, {"to_year", t->to_year},
          {"reach_year", reach}};
}

ordered_json SaysJson(const std::optional<ReportSays>& s) {
  if (!s) return nullptr;
  return {{"says", ProgressStatusName(s->says)}, {"cue", s->cue},       {"sentence", s->sentence},
          {"document", s->document},             {"file", s->file},     {"line", LineOrNull(s->line)},
          {"disagrees", s->disagrees}};
}

ordered_json RowJson(const ProgressRow& r) {
  ordered_json j;
  j["indicator_id"] = r.indicator_id;
  j["indicator"] = r.indicator;
  j["domain_id"] = OrNull(r.domain_id);
  j["direction"] = OrNull(r.direction);
  j["target"] = TargetJson(r.target);
  j["baseline"] = r.baseline ? LevelJson(*r.baseline, false) : ordered_json();
  j["actuals"] = ordered_json::array();
  for (const TargetRecord& a : r.actuals) j["actuals"].push_back(LevelJson(a, true));
  j["latest"] = r.latest ? LevelJson(*r.latest, true) : ordered_json();
  j["status"] = ProgressStatusName(r.status);
  j["gap"] = JsonNumber(r.gap);
  j["trend"] = TrendJson(r.trend);
  j["report_says"] = SaysJson(r.report_says);
  j["note"] = OrNull(r.note);
  return j;
}

std::string RenderJson(const ProgressReport& report) {
  ordered_json j;
  j["plans"] = ordered_json::array();
  for (const ProgressPlan& p : report.plans) {
    ordered_json plan = {{"document", p.document},      {"title", OrNull(p.title)},
                         {"province", OrNull(p.province)}, {"city", OrNull(p.city)},
                         {"district", OrNull(p.district)}, {"plan", p.plan},
                         {"period", {{"start", YearOrNull(p.period.start)}, {"end", YearOrNull(p.period.end)}}}};
    plan["rows"] = ordered_json::array();
    for (const ProgressRow& r : p.rows) plan["rows"].push_back(RowJson(r));
    plan["summary"] = {{"targets", p.summary.targets}, {"monitored", p.summary.monitored},
                       {"achieved", p.summary.achieved}, {"rate", JsonNumber(p.summary.rate)}};
    j["plans"].push_back(std::move(plan));
  }
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string RenderProgress(const ProgressReport& report, CompareFormat format, size_t width, Lang lang) {
  switch (format) {
    case CompareFormat::kTable: return RenderText(report, width, lang);
    case CompareFormat::kMarkdown: return RenderMarkdown(report, lang);
    case CompareFormat::kCsv: return RenderTidy(report, TidyFormat::kCsv);
    case CompareFormat::kJsonl: return RenderTidy(report, TidyFormat::kJsonl);
    case CompareFormat::kJson: return RenderJson(report);
    case CompareFormat::kHtml: return RenderProgressHtml(report, lang);
    case CompareFormat::kXlsx: break;  // binary: WriteProgressXlsx
  }
  return "";
}

}  // namespace guihua
