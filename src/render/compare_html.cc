// The HTML comparison page: one self-contained file (inline CSS and SVG, no scripts, no external
// assets) with the target table — quotes on hover, verdict colours — and a bar chart per indicator.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "render/internal/compare_support.h"

namespace guihua::render_internal {
namespace {

std::string VerdictClass(Verdict v) {
  const char* name = VerdictName(v);
  return *name ? std::string("v-") + name : "";
}

// Bar colours: stronger than the table's cell backgrounds so thin bars stay visible.
const char* BarColor(Verdict v) {
  switch (v) {
    case Verdict::kStricter: return "#2e7d32";
    case Verdict::kLooser: return "#c62828";
    case Verdict::kExtra: return "#1565c0";
    default: return "#607d8b";
  }
}

// Plans are written by people whose machines have the CJK fonts; the list covers Linux (Noto),
// macOS and Windows before falling back.
constexpr const char* kStyle = R"(
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; margin: 0 0 8px; }
p.against { margin: 0 0 12px; color: #444; }
table.targets { border-collapse: collapse; margin-bottom: 12px; }
table.targets th, table.targets td { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top;
       text-align: left; font-size: 14px; }
table.targets thead th { background: #f2f2f2; }
table.targets th.ref, table.targets td.ref { border-right: 3px double #888; }
table.targets tfoot td, table.targets tfoot th { background: #fafafa; font-size: 12px; }
table.targets code { font-size: 11px; color: #666; }
span.value { display: block; white-space: nowrap; border-bottom: 1px dotted #999; cursor: help; }
span.verdict { display: block; font-size: 11px; color: #333; }
.period { font-weight: normal; font-size: 12px; color: #666; }
.v-stricter { background: #c6efce; } .v-looser { background: #ffc7ce; }
.v-missing { background: #d9d9d9; } .v-extra { background: #ddebf7; }
.v-no_number { background: #ffeb9c; }
ul.legend { list-style: none; padding: 0; margin: 0 0 16px; font-size: 12px; }
ul.legend li { display: inline-block; margin-right: 12px; padding: 2px 6px; border: 1px solid #ccc; }
section.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; border: 1px solid #ddd; padding: 8px; }
figure.chart figcaption { font-size: 14px; font-weight: bold; margin-bottom: 4px; }
svg text { font-family: inherit; font-size: 12px; fill: #222; }
svg text.label { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
)";

// ---- table ----------------------------------------------------------------------------------

std::string ValueSpans(const CompareCell& cell, Lang lang) {
  std::string out;
  for (const TargetValue& v : cell.values) {
    out += "<span class=\"value\" title=\"" + HtmlEscape(QuoteWithWhere(v)) + "\">" +
           HtmlEscape(FormatValue(v)) + "</span>";
  }
  if (cell.state() == CellState::kNoNumber) {
    out += "<span class=\"value no-number\" title=\"" + HtmlEscape(QuoteWithWhere(cell.directions.front())) +
           "\">" + HtmlEscape(NoNumberText(cell, lang)) + "</span>";
  } else if (cell.values.empty()) {
    out += "—";
  }
  std::string verdict = ShownVerdict(cell.verdict, lang);
  if (!verdict.empty()) out += "<span class=\"verdict\">" + verdict + "</span>";
  return out;
}

std::string CellTd(const CompareCell* cell, bool reference, Lang lang) {
  std::string cls = reference ? "ref" : "";
  if (cell && !reference) {
    std::string v = VerdictClass(cell->verdict);
    if (!v.empty()) cls += (cls.empty() ? "" : " ") + v;
  }
  std::string open = cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
  return open + (cell ? ValueSpans(*cell, lang) : "—") + "</td>";
}

std::string HeaderTh(const CompareColumn& c, bool reference, Lang lang) {
  std::string out = reference ? "<th class=\"ref\" title=\"" : "<th title=\"";
  std::string label = ColumnLabel(c);
  out += HtmlEscape(c.document) + "\">" +
         HtmlEscape(reference ? Label("compare.reference_column", lang, {label}) : label);
  std::string period = PeriodText(c.period);
  if (!period.empty()) out += "<br><span class=\"period\">" + HtmlEscape(period) + "</span>";
  return out + "</th>";
}

std::string Table(const TargetTable& table, Lang lang) {
  std::string out = "<table class=\"targets\">\n<thead><tr><th>" + Label("compare.indicator", lang) + "</th>";
  if (table.reference) out += HeaderTh(*table.reference, true, lang);
  for (const CompareColumn& c : table.columns) out += HeaderTh(c, false, lang);
  out += "</tr></thead>\n<tbody>\n";
  for (const CompareRow& row : table.rows) {
    out += "<tr><th scope=\"row\">" + HtmlEscape(row.indicator);
    std::string plan = ValueLabel("plan", row.plan, lang);
    out += "<br><code>" + HtmlEscape(row.indicator_id.empty() ? plan : row.indicator_id + " · " + plan) + "</code>";
    out += "</th>";
    if (table.reference) out += CellTd(row.reference ? &*row.reference : nullptr, true, lang);
    for (size_t i = 0; i < table.columns.size(); ++i) {
      out += CellTd(i < row.cells.size() ? &row.cells[i] : nullptr, false, lang);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n";
  if (table.reference && !table.summary.empty()) {
    out += "<tfoot><tr><th scope=\"row\">" + Label("compare.summary", lang) + "</th><td class=\"ref\"></td>";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      out += "<td>" +
             (i < table.summary.size() ? HtmlEscape(SummaryText(table.summary[i], lang)) : std::string()) +
             "</td>";
    }
    out += "</tr></tfoot>\n";
  }
  return out + "</table>\n";
}

std::string Legend(const TargetTable& table, Lang lang) {
  if (!table.reference) return "";
  static const std::pair<const char*, const char*> kItems[] = {
      {"v-stricter", "stricter"}, {"", "same"}, {"v-looser", "looser"},
      {"v-no_number", "no_number"}, {"v-missing", "missing"}, {"v-extra", "extra"}};
  std::string out = "<ul class=\"legend\">";
  for (const auto& [cls, verdict] : kItems) {
    out += *cls ? "<li class=\"" + std::string(cls) + "\">" : std::string("<li>");
    out += HtmlEscape(Label(std::string("compare.legend_") + verdict, lang)) + "</li>";
  }
  return out + "</ul>\n";
}

// ---- charts ---------------------------------------------------------------------------------

// The unit a row's chart is drawn in: the dictionary unit when a value uses it, else the first
// value's unit.
std::string ChartUnit(const CompareRow& row) {
  std::string first;
  auto consider = [&](const CompareCell& cell) {
    for (const TargetValue& v : cell.values) {
      if (v.unit == row.unit && !row.unit.empty()) return true;
      if (first.empty() && v.value) first = v.unit;
    }
    return false;
  };
  if (row.reference && consider(*row.reference)) return row.unit;
  for (const CompareCell& cell : row.cells) {
    if (consider(cell)) return row.unit;
  }
  return first;
}

// `x` in `from` units expressed in `to` units; nullopt when they are not on one scale.
std::optional<double> Convert(double x, const std::string& from, const std::string& to) {
  if (from == to) return x;
  double a = RateScale(from), b = RateScale(to);
  if (a == 0 || b == 0) return std::nullopt;
  return x * a / b;
}

struct Bar {
  std::string label, text, title;
  Verdict verdict = Verdict::kNone;
  std::optional<double> low, high;  // in the chart unit; high only for a range
  bool converted = false;           // drawn in another unit than written
  bool has_value = false;
};

Bar MakeBar(const CompareColumn& column, const CompareCell* cell, const std::string& unit, Lang lang) {
  Bar bar;
  bar.label = ColumnLabel(column);
  if (!cell) return bar;
  bar.verdict = cell->verdict;
  std::vector<std::string> texts = CellValueTexts(*cell, lang);
  for (size_t i = 0; i < texts.size(); ++i) bar.text += (i ? " / " : "") + texts[i];
  std::string verdict = ShownVerdict(bar.verdict, lang);
  if (!verdict.empty()) bar.text += (bar.text.empty() ? "" : " · ") + verdict;
  if (cell->values.empty() || !cell->values.front().value) return bar;
  const TargetValue& v = cell->values.front();
  bar.has_value = true;
  bar.title = QuoteWithWhere(v);
  bar.low = Convert(*v.value, v.unit, unit);
  if (v.value_max) bar.high = Convert(*v.value_max, v.unit, unit);
  bar.converted = bar.low && v.unit != unit;
  return bar;
}

std::string UnitLabel(const std::string& unit, Lang lang) {
  if (unit == "ratio") return "1:N";
  return unit.empty() ? Label("compare.unit_value", lang) : unit;
}

// " (not on this scale)"; "（不在此刻度内）" closed up, as Chinese is.
std::string OffScale(Lang lang) { return (lang == Lang::kEn ? " " : "") + Label("compare.off_scale", lang); }

// A bar chart's label column and bar height, in px.
constexpr double kLabel = 100, kBar = 16;

// One plan's bar at height `y`: its label, the bar (a range's rest paler) and the value printed
// after it. Sets *any_converted when its rate was converted to the chart's unit.
std::string BarSvg(const Bar& b, double y, double x0, double scale, bool* any_converted, Lang lang) {
  std::string out;
  out += "<text x=\"" + Px(kLabel) + "\" y=\"" + Px(y + 12) + "\" text-anchor=\"end\">" +
         HtmlEscape(b.label) + "</text>\n";
  double end = x0;
  if (b.low) {
    double w = std::max(1.0, *b.low * scale);
    out += "<rect x=\"" + Px(x0) + "\" y=\"" + Px(y) + "\" width=\"" + Px(w) + "\" height=\"" +
           Px(kBar) + "\" fill=\"" + BarColor(b.verdict) + "\"><title>" + HtmlEscape(b.title) +
           "</title></rect>\n";
    end = x0 + w;
    if (b.high && *b.high > *b.low) {
      // The rest of a range, paler: the plan promises somewhere between the two ends.
      double w2 = (*b.high - *b.low) * scale;
      out += "<rect x=\"" + Px(end) + "\" y=\"" + Px(y) + "\" width=\"" + Px(w2) +
             "\" height=\"" + Px(kBar) + "\" fill=\"" + BarColor(b.verdict) +
             "\" fill-opacity=\"0.4\"/>\n";
      end += w2;
    }
    *any_converted |= b.converted;
  }
  std::string text = b.text.empty() ? "—" : b.text;
  if (b.has_value && !b.low) text += OffScale(lang);
  if (b.converted) text += " *";
  out += "<text class=\"label\" x=\"" + Px(end + 6) + "\" y=\"" + Px(y + 12) + "\">" + HtmlEscape(text) +
         "</text>\n";
  return out;
}

std::string Chart(const TargetTable& table, const CompareRow& row, Lang lang) {
  const std::string unit = ChartUnit(row);
  std::vector<Bar> bars;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    bars.push_back(MakeBar(table.columns[i], i < row.cells.size() ? &row.cells[i] : nullptr, unit, lang));
  }
  std::optional<Bar> ref;
  if (table.reference && row.reference) ref = MakeBar(*table.reference, &*row.reference, unit, lang);

  double top = 0;
  for (const Bar& b : bars) top = std::max({top, b.low.value_or(0), b.high.value_or(0)});
  if (ref) top = std::max({top, ref->low.value_or(0), ref->high.value_or(0)});
  if (top <= 0) top = 1;

  constexpr double kWidth = 560, kArea = 250, kTop = 26, kRow = 26;
  const double x0 = kLabel + 10, scale = kArea / (top * 1.1);
  const double height = kTop + kRow * bars.size() + 24;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" width=\"" +
                    Px(kWidth) + "\" height=\"" + Px(height) + "\" role=\"img\" aria-label=\"" +
                    HtmlEscape(row.indicator) + "\">\n";
  // The reference first, so bars and their labels are drawn over it.
  if (ref && ref->low) {
    double x = x0 + *ref->low * scale;
    out += "<line class=\"reference\" x1=\"" + Px(x) + "\" y1=\"" + Px(kTop - 8) + "\" x2=\"" +
           Px(x) + "\" y2=\"" + Px(kTop + kRow * bars.size()) +
           "\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"5,3\"><title>" +
           HtmlEscape(ref->title) + "</title></line>\n";
    out += "<text x=\"" + Px(x) + "\" y=\"" + Px(kTop - 12) + "\" text-anchor=\"middle\">" +
           HtmlEscape(Label("compare.chart_reference", lang, {ref->label}) + " " + ref->text) + "</text>\n";
  } else if (ref && !ref->text.empty()) {
    out += "<text x=\"" + Px(x0) + "\" y=\"" + Px(kTop - 12) + "\">" +
           HtmlEscape(Label("compare.chart_reference", lang, {ref->label}) + " " + ref->text + OffScale(lang)) +
           "</text>\n";
  }
  bool any_converted = false;
  for (size_t i = 0; i < bars.size(); ++i) {
    out += BarSvg(bars[i], kTop + kRow * i, x0, scale, &any_converted, lang);
  }
  double bottom = kTop + kRow * bars.size();
  out += "<line x1=\"" + Px(x0) + "\" y1=\"" + Px(kTop - 4) + "\" x2=\"" + Px(x0) + "\" y2=\"" +
         Px(bottom) + "\" stroke=\"#888\"/>\n";
  out += "<text x=\"" + Px(x0) + "\" y=\"" + Px(bottom + 16) + "\" text-anchor=\"middle\">0</text>\n";
  std::string axis = Label("compare.unit", lang, {UnitLabel(unit, lang)});
  if (any_converted) axis += Label("compare.converted", lang, {UnitLabel(unit, lang)});
  out += "<text x=\"" + Px(x0 + kArea) + "\" y=\"" + Px(bottom + 16) +
         "\" text-anchor=\"end\" fill=\"#666\">" + HtmlEscape(axis) + "</text>\n";
  return out + "</svg>\n";
}

std::string Charts(const TargetTable& table, Lang lang) {
  std::string out = "<section class=\"charts\">\n";
  for (const CompareRow& row : table.rows) {
    out += "<figure class=\"chart\"><figcaption>" + HtmlEscape(row.indicator) + " <small>" +
           HtmlEscape(ValueLabel("plan", row.plan, lang)) + "</small></figcaption>\n" +
           Chart(table, row, lang) + "</figure>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string RenderTargetTableHtml(const TargetTable& table, Lang lang) {
  std::string title = Label("compare.title", lang);
  std::string out =
      std::string("<!DOCTYPE html>\n<html lang=\"") + (lang == Lang::kEn ? "en" : "zh-CN") +
      "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title + "</title>\n<style>" +
      std::string(kStyle) + "</style>\n</head>\n<body>\n<h1>" + title + "</h1>\n";
  if (table.reference) {
    std::string period = PeriodText(table.reference->period);
    out += "<p class=\"against\">" +
           HtmlEscape(Label("compare.against_html", lang,
                            {ColumnLabel(*table.reference) + (period.empty() ? "" : " " + period)})) +
           "</p>\n";
  } else {
    out += "<p class=\"against\">" + Label("compare.hover", lang) + "</p>\n";
  }
  out += Legend(table, lang) + Table(table, lang) + Charts(table, lang);
  return out + "</body>\n</html>\n";
}

}  // namespace guihua::render_internal
