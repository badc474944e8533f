// The HTML progress page: one self-contained file (inline CSS and SVG, no scripts) with a table per
// plan (status colours, quotes on hover) and, per indicator, a small chart of the actuals by year
// against the target line.
#include <algorithm>
#include <cstdio>

#include "compare/compare.h"
#include "render/internal/compare_support.h"
#include "render/internal/progress_support.h"

namespace guihua::render_internal {
namespace {

std::string Hex(uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", rgb);
  return buf;
}

constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
h2 { font-size: 18px; margin: 24px 0 4px; }
p.summary { margin: 0 0 8px; color: #444; }
table.progress { border-collapse: collapse; margin-bottom: 12px; }
table.progress th, table.progress td { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top;
       text-align: left; font-size: 14px; }
table.progress thead th { background: #f2f2f2; }
td.id { color: #666; font-size: 12px; }
svg text { font-family: inherit; font-size: 10px; fill: #444; }
)";

// Actuals by year (dots joined by a line) against the target (a dashed line), on the plan's years.
std::string Chart(const ProgressPlan& plan, const ProgressRow& row) {
  constexpr double kW = 240, kH = 70, kLeft = 4, kRight = 52, kTop = 8, kBottom = 14;  // room for ≤12/10万
  std::vector<std::pair<int, double>> points;
  for (const TargetRecord& a : row.actuals) {
    if (a.value && (a.unit == row.target.unit || *a.value == 0)) points.push_back({a.year, *a.value});
  }
  if (!row.target.value) return "";
  int y0 = plan.period.start, y1 = plan.period.end;
  for (const auto& [y, v] : points) {
    y0 = y0 ? std::min(y0, y) : y;
    y1 = std::max(y1, y);
  }
  if (y1 <= y0) y1 = y0 + 1;
  double lo = *row.target.value, hi = row.target.value_max.value_or(lo);
  for (const auto& [y, v] : points) lo = std::min(lo, v), hi = std::max(hi, v);
  double pad = std::max(1e-9, (hi - lo) * 0.15 + (hi == lo ? std::max(1.0, hi * 0.1) : 0));
  lo -= pad;
  hi += pad;
  auto x = [&](int year) { return kLeft + (kW - kLeft - kRight) * (year - y0) / double(y1 - y0); };
  auto y = [&](double v) { return kTop + (kH - kTop - kBottom) * (hi - v) / (hi - lo); };
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" width=\"" + Px(kW) +
                    "\" height=\"" + Px(kH) + "\">";
  for (double t : {*row.target.value, row.target.value_max.value_or(*row.target.value)}) {
    out += "<line class=\"target\" x1=\"" + Px(kLeft) + "\" x2=\"" + Px(kW - kRight) + "\" y1=\"" + Px(y(t)) +
           "\" y2=\"" + Px(y(t)) + "\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>";
  }
  out += "<text x=\"" + Px(kW - kRight + 2) + "\" y=\"" + Px(y(*row.target.value) + 3) + "\">" +
         HtmlEscape(FormatValue(row.target)) + "</text>";
  std::string path;
  for (const auto& [yr, v] : points) path += (path.empty() ? "" : " ") + Px(x(yr)) + "," + Px(y(v));
  if (points.size() > 1) out += "<polyline fill=\"none\" stroke=\"#1565c0\" points=\"" + path + "\"/>";
  for (const auto& [yr, v] : points) {
    out += "<circle class=\"actual\" cx=\"" + Px(x(yr)) + "\" cy=\"" + Px(y(v)) +
           "\" r=\"3\" fill=\"#1565c0\"><title>" + std::to_string(yr) + ": " + NumberText(v) +
           row.target.unit + "</title></circle>";
  }
  out += "<text x=\"" + Px(kLeft) + "\" y=\"" + Px(kH - 2) + "\">" + std::to_string(y0) + "</text>";
  out += "<text x=\"" + Px(kW - kRight - 24) + "\" y=\"" + Px(kH - 2) + "\">" + std::to_string(y1) + "</text>";
  return out + "</svg>";
}

std::string RowHtml(const ProgressPlan& plan, const ProgressRow& row, Lang lang) {
  std::string latest = row.latest ? LevelText(*row.latest) : "—";
  std::string latest_title = row.latest ? QuoteWithWhere(*row.latest) : "";
  std::string out = "<tr><td>" + HtmlEscape(row.indicator) + "</td><td class=\"id\">" + HtmlEscape(row.indicator_id) +
                    "</td><td title=\"" + HtmlEscape(QuoteWithWhere(row.target)) + "\">" +
                    HtmlEscape(FormatValue(row.target)) + "</td><td>" +
                    HtmlEscape(row.baseline ? LevelText(*row.baseline) : "") + "</td><td title=\"" +
                    HtmlEscape(latest_title) + "\">" + HtmlEscape(latest) + "</td>";
  out += "<td class=\"status " + std::string(ProgressStatusName(row.status)) + "\" style=\"background:" +
         Hex(StatusColor(row.status)) + "\">" + HtmlEscape(StatusText(row.status, lang)) + "</td>";
  out += "<td>" + HtmlEscape(GapText(row)) + "</td><td>" + HtmlEscape(TrendText(row, lang)) + "</td><td title=\"" +
         HtmlEscape(row.report_says ? row.report_says->sentence : "") + "\">" + HtmlEscape(ReportSaysText(row, lang)) +
         "</td><td>" + Chart(plan, row) + "</td></tr>\n";
  return out;
}

// The table's header row, by label id (rules/labels.tsv).
std::string HeaderHtml(Lang lang) {
  std::string out = "<table class=\"progress\"><thead><tr>";
  for (const char* id : {"column.indicator", "column.id", "progress.column_target", "progress.column_baseline",
                         "progress.column_latest", "progress.column_status", "progress.column_gap",
                         "progress.column_trend", "progress.column_report_says", "progress.column_chart"}) {
    out += "<th>" + HtmlEscape(Label(id, lang)) + "</th>";
  }
  return out + "</tr></thead><tbody>\n";
}

}  // namespace

std::string RenderProgressHtml(const ProgressReport& report, Lang lang) {
  // lang="zh" in both: the plans' names and quotes are Chinese whatever the labels are.
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>guihua progress</title>"
      "<style>" + std::string(kStyle) + "</style></head><body>\n<h1>" + Label("progress.title", lang) + "</h1>\n";  // ours: no markup
  if (report.plans.empty()) out += "<p>" + HtmlEscape(Label("progress.none", lang)) + "</p>\n";
  for (const ProgressPlan& p : report.plans) {
    out += "<h2>" + HtmlEscape(PlanLabel(p, lang)) + " <small>" + HtmlEscape(p.document) + "</small></h2>\n";
    out += "<p class=\"summary\">" + HtmlEscape(SummaryLine(p.summary, lang)) + "</p>\n";
    out += HeaderHtml(lang);
    for (const ProgressRow& row : p.rows) out += RowHtml(p, row, lang);
    out += "</tbody></table>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace guihua::render_internal
