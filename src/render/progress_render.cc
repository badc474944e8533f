// Progress writers for the text formats: terminal table (one section per plan, or the districts side
// by side when every plan shows the same one indicator), Markdown, CSV and JSON. HTML and XLSX live
// in progress_html.cc and progress_xlsx.cc.
#include "render/progress_render.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "render/internal/compare_support.h"
#include "render/internal/progress_support.h"
#include "render/internal/text_support.h"
#include "render/text_table.h"

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

std::vector<std::string> RowCells(const ProgressRow& row, const std::string& line_break) {
  return {row.indicator + line_break + row.indicator_id,
          FormatValue(row.target),
          BaselineText(row),
          ActualsText(row, line_break),
          StatusText(row.status) + (row.note.empty() ? "" : line_break + row.note),
          GapText(row),
          TrendText(row),
          ReportSaysText(row)};
}

const std::vector<std::string>& RowHeader() {
  static const std::vector<std::string> header = {"indicator", "target", "baseline", "actuals",
                                                  "status",    "gap",    "trend",    "report says"};
  return header;
}

std::string RenderText(const ProgressReport& report, size_t width) {
  if (report.plans.empty()) return "No plan in scope has a target of these indicators.\n";
  if (SideBySide(report)) {
    const ProgressRow& first = report.plans[0].rows[0];
    TextTable table({"plan", "target", "latest", "status", "gap", "trend", "report says"});
    for (const ProgressPlan& p : report.plans) {
      const ProgressRow& row = p.rows[0];
      table.AddRow({PlanLabel(p), FormatValue(row.target), row.latest ? LevelText(*row.latest) : "",
                    StatusText(row.status), GapText(row), TrendText(row), ReportSaysText(row)});
    }
    return first.indicator + " (" + first.indicator_id + ")\n" + table.RenderWrapped(width);
  }
  std::string out;
  for (const ProgressPlan& p : report.plans) {
    if (!out.empty()) out += "\n";
    out += PlanLabel(p) + " (" + p.document + "): " + SummaryLine(p.summary) + "\n";
    TextTable table(RowHeader());
    for (const ProgressRow& row : p.rows) table.AddRow(RowCells(row, "\n"));
    out += table.RenderWrapped(width);
  }
  return out;
}

std::string RenderMarkdown(const ProgressReport& report) {
  std::string out;
  for (const ProgressPlan& p : report.plans) {
    out += "## " + MarkdownCell(PlanLabel(p)) + " `" + p.document + "`\n\n" + SummaryLine(p.summary) + "\n\n|";
    for (const std::string& h : RowHeader()) out += " " + h + " |";
    out += "\n|";
    for (size_t i = 0; i < RowHeader().size(); ++i) out += "---|";
    out += "\n";
    for (const ProgressRow& row : p.rows) {
      out += "|";
      for (const std::string& cell : RowCells(row, "\n")) out += " " + MarkdownCell(cell) + " |";
      out += "\n";
    }
    out += "\n";
  }
  return out.empty() ? "No plan in scope has a target of these indicators.\n" : out;
}

// ---- CSV ------------------------------------------------------------------------------------

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Number(const std::optional<double>& v) { return v ? NumberText(*v) : ""; }
std::string Year(int y) { return y ? std::to_string(y) : ""; }

std::string RenderCsv(const ProgressReport& report) {
  static const char* kHeader[] = {
      "document", "province", "city", "district", "plan", "indicator_id", "indicator", "domain_id",
      "direction", "comparator", "target", "target_max", "unit", "target_year", "baseline",
      "baseline_year", "actuals", "latest_year", "latest", "latest_unit", "status", "gap",
      "per_year", "reach_year", "report_says", "disagrees", "latest_quote", "latest_file",
      "latest_line"};
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
  for (size_t i = 0; i < std::size(kHeader); ++i) out += (i ? "," : "") + std::string(kHeader[i]);
  out += "\r\n";
  for (const ProgressPlan& p : report.plans) {
    for (const ProgressRow& r : p.rows) {
      const TargetRecord* l = r.latest ? &*r.latest : nullptr;
      std::string reach = !r.trend ? "" : !r.trend->reachable ? "not at this pace" : Year(r.trend->reach_year);
      std::vector<std::string> f = {
          p.document, p.province, p.city, p.district, p.plan, r.indicator_id, r.indicator, r.domain_id,
          r.direction, r.target.comparator, Number(r.target.value), Number(r.target.value_max),
          r.target.unit, Year(r.target.year), r.baseline ? Number(r.baseline->value) : "",
          r.baseline ? Year(r.baseline->year) : "", ActualsText(r, "; "), l ? Year(l->year) : "",
          l ? Number(l->value) : "", l ? l->unit : "", ProgressStatusName(r.status), Number(r.gap),
          r.trend ? NumberText(r.trend->per_year) : "", reach,
          r.report_says ? ProgressStatusName(r.report_says->says) : "",
          r.report_says ? (r.report_says->disagrees ? "1" : "0") : "", l ? l->quote : "",
          l ? l->file : "", l && l->line ? std::to_string(l->line) : ""};
      for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + CsvField(f[i]);
      out += "\r\n";
    }
  }
  return out;
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

std::string RenderProgress(const ProgressReport& report, CompareFormat format, size_t width) {
  switch (format) {
    case CompareFormat::kTable: return RenderText(report, width);
    case CompareFormat::kMarkdown: return RenderMarkdown(report);
    case CompareFormat::kCsv: return RenderCsv(report);
    case CompareFormat::kJson: return RenderJson(report);
    case CompareFormat::kHtml: return RenderProgressHtml(report);
    case CompareFormat::kXlsx: break;  // binary: WriteProgressXlsx
  }
  return "";
}

}  // namespace guihua
