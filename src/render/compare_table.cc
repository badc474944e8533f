// Target comparison writers for the text formats: terminal table (wrapped to a width), GitHub
// Markdown with footnoted quotes, CSV (one row per cell value) and JSON (issue 6's schema). HTML
// and XLSX live in compare_html.cc and compare_xlsx.cc.
#include "render/compare_table.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "render/internal/compare_support.h"
#include "render/text_table.h"
#include "render/internal/text_support.h"

namespace guihua {
namespace {

using nlohmann::ordered_json;
using namespace render_internal;

// Columns in display order: the reference first, then the plans. `cell` picks the matching cell of
// a row (nullptr for a reference column the row has no cell for).
struct ShownColumn {
  const CompareColumn* column;
  bool reference;
  size_t index;  // into TargetTable::columns / CompareRow::cells when !reference
};

std::vector<ShownColumn> ShownColumns(const TargetTable& table) {
  std::vector<ShownColumn> out;
  if (table.reference) out.push_back({&*table.reference, true, 0});
  for (size_t i = 0; i < table.columns.size(); ++i) out.push_back({&table.columns[i], false, i});
  return out;
}

const CompareCell* CellOf(const CompareRow& row, const ShownColumn& c) {
  if (c.reference) return row.reference ? &*row.reference : nullptr;
  return c.index < row.cells.size() ? &row.cells[c.index] : nullptr;
}

std::string HeaderText(const ShownColumn& c, const std::string& line_break, Lang lang) {
  std::string out = ColumnLabel(*c.column);
  if (c.reference) out = Label("compare.reference_column", lang, {out});
  std::string period = PeriodText(c.column->period);
  if (!period.empty()) out += line_break + period;
  return out;
}

std::string AgainstLine(const TargetTable& table, Lang lang) {
  if (!table.reference) return "";
  std::string period = PeriodText(table.reference->period);
  return Label("compare.against", lang,
               {ColumnLabel(*table.reference) + (period.empty() ? "" : " " + period),
                table.reference->document});
}

// ---- table ----------------------------------------------------------------------------------

// "stricter 1, same 2" with no-break spaces inside each pair, so wrapping never parts a verdict
// from its count.
std::string NoBreakPairs(const std::string& summary) {
  std::string out;
  bool in_pair = true;
  for (char c : summary) {
    if (c == ' ' && in_pair) {
      out += "\u00A0";
    } else {
      out += c;
    }
    if (c == ',') in_pair = false;
    if (c != ',' && c != ' ') in_pair = true;
  }
  return out;
}

// The summary in a table cell. Chinese wraps between any two characters (更\n宽), so there each
// verdict with its count is a line of its own.
std::string SummaryCell(const std::string& summary, Lang lang) {
  if (lang == Lang::kEn) return NoBreakPairs(summary);
  std::string out = summary;
  for (size_t at; (at = out.find(", ")) != std::string::npos;) out.replace(at, 2, "\n");
  return out;
}

std::string TableCell(const CompareCell* cell, Lang lang) {
  if (!cell) return "-";
  std::vector<std::string> values = CellValueTexts(*cell, lang);
  if (values.empty()) values.push_back("-");
  // The goal's words on one line, "(no number)" under them.
  if (cell->state() == CellState::kNoNumber) {
    values.front() = cell->directions.front().value_text + "\n" + Label("compare.no_number", lang);
  }
  std::string verdict = ShownVerdict(cell->verdict, lang);
  if (!verdict.empty()) values.front() += " [" + verdict + "]";
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : "\n") + v;
  return out;
}

// The name, then the id and the plan: an indicator of both plans (高中阶段毛入学率) has a row in each.
std::string IndicatorText(const CompareRow& row, const std::string& line_break, Lang lang) {
  std::string plan = ValueLabel("plan", row.plan, lang);
  std::string id = row.indicator_id.empty() ? plan : row.indicator_id + " · " + plan;
  return row.indicator + line_break + id;
}

std::string RenderText(const TargetTable& table, size_t width, Lang lang) {
  std::vector<ShownColumn> shown = ShownColumns(table);
  std::vector<std::string> header = {Label("compare.indicator", lang)};
  for (const ShownColumn& c : shown) header.push_back(HeaderText(c, "\n", lang));
  TextTable text(header);
  for (const CompareRow& row : table.rows) {
    std::vector<std::string> cells = {IndicatorText(row, "\n", lang)};
    for (const ShownColumn& c : shown) cells.push_back(TableCell(CellOf(row, c), lang));
    text.AddRow(std::move(cells));
  }
  if (table.reference && !table.summary.empty()) {
    std::vector<std::string> cells = {Label("compare.summary", lang)};
    for (const ShownColumn& c : shown) {
      cells.push_back(c.reference || c.index >= table.summary.size()
                          ? ""
                          : SummaryCell(SummaryText(table.summary[c.index], lang), lang));
    }
    text.AddRow(std::move(cells));
  }
  std::string out;
  for (const std::string& line : WrapToWidth(AgainstLine(table, lang), width)) {
    if (!line.empty()) out += line + "\n";
  }
  if (!out.empty()) out += "\n";
  return out + text.RenderWrapped(width);
}

// ---- Markdown -------------------------------------------------------------------------------

// Table cells must not break the row: pipes escaped, line breaks as <br>.
std::string OneLine(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

struct Footnotes {
  std::vector<std::string> texts;
  // "≤12/10万[^3]" and the footnote it points to, when the value has a quote or a place.
  std::string Mark(const TargetValue& v, const std::string& shown = "") {
    std::string text = MarkdownCell(shown.empty() ? FormatValue(v) : shown);
    std::string note = OneLine(QuoteWithWhere(v));
    if (note.empty()) return text;
    texts.push_back(note);
    return text + "[^" + std::to_string(texts.size()) + "]";
  }
};

std::string MarkdownCellOf(const CompareCell* cell, Footnotes& notes, Lang lang) {
  if (!cell) return "—";
  std::string out;
  for (const TargetValue& v : cell->values) out += (out.empty() ? "" : "<br>") + notes.Mark(v);
  if (cell->state() == CellState::kNoNumber) out = notes.Mark(cell->directions.front(), NoNumberText(*cell, lang));
  if (out.empty()) out = "—";
  std::string verdict = ShownVerdict(cell->verdict, lang);
  if (!verdict.empty()) {
    // After the first value: the verdict judges that one.
    size_t br = out.find("<br>");
    out.insert(br == std::string::npos ? out.size() : br, " *" + verdict + "*");
  }
  return out;
}

std::string RenderMarkdown(const TargetTable& table, Lang lang) {
  std::vector<ShownColumn> shown = ShownColumns(table);
  std::string out;
  if (table.reference) out += AgainstLine(table, lang) + "\n\n";
  out += "| " + Label("compare.indicator", lang) + " |";
  for (const ShownColumn& c : shown) out += " " + MarkdownCell(HeaderText(c, "\n", lang)) + " |";
  out += "\n|---|";
  for (size_t i = 0; i < shown.size(); ++i) out += "---|";
  out += "\n";
  Footnotes notes;
  for (const CompareRow& row : table.rows) {
    std::string name = MarkdownCell(row.indicator);
    if (!row.indicator_id.empty()) name += " `" + row.indicator_id + "`";
    name += " (" + ValueLabel("plan", row.plan, lang) + ")";
    out += "| " + name + " |";
    for (const ShownColumn& c : shown) out += " " + MarkdownCellOf(CellOf(row, c), notes, lang) + " |";
    out += "\n";
  }
  if (table.reference && !table.summary.empty()) {
    out += "| **" + Label("compare.summary", lang) + "** |";
    for (const ShownColumn& c : shown) {
      bool has = !c.reference && c.index < table.summary.size();
      out += " " + (has ? SummaryText(table.summary[c.index], lang) : std::string()) + " |";
    }
    out += "\n";
  }
  if (!notes.texts.empty()) out += "\n";
  for (size_t i = 0; i < notes.texts.size(); ++i) {
    out += "[^" + std::to_string(i + 1) + "]: " + notes.texts[i] + "\n";
  }
  return out;
}

// ---- JSON -----------------------------------------------------------------------------------

ordered_json JsonStringOrNull(const std::string& s) {
  return s.empty() ? ordered_json() : ordered_json(s);
}

ordered_json JsonYear(int year) { return year ? ordered_json(year) : ordered_json(); }

ordered_json ColumnJson(const CompareColumn& c) {
  ordered_json j;
  j["document"] = c.document;
  j["province"] = JsonStringOrNull(c.province);
  j["city"] = JsonStringOrNull(c.city);
  j["district"] = JsonStringOrNull(c.district);
  j["period"] = {{"start", JsonYear(c.period.start)}, {"end", JsonYear(c.period.end)}};
  return j;
}

ordered_json ValueJson(const TargetValue& v) {
  ordered_json j;
  j["comparator"] = JsonStringOrNull(v.comparator);
  j["value"] = JsonNumber(v.value);
  j["value_max"] = JsonNumber(v.value_max);
  j["unit"] = JsonStringOrNull(v.unit);
  j["value_text"] = JsonStringOrNull(v.value_text);
  j["quote"] = JsonStringOrNull(v.quote);
  j["file"] = JsonStringOrNull(v.file);
  j["line"] = v.line > 0 ? ordered_json(v.line) : ordered_json();
  return j;
}

// Every cell says what its plan holds: "state" is "number" (values), "no_number" (only goals
// without a number, in "directions") or "not_in_plan".
ordered_json CellJson(const CompareCell* cell, const CompareColumn& column) {
  static const CompareCell kEmpty;
  if (!cell) cell = &kEmpty;
  ordered_json j;
  j["document"] = column.document;
  j["district"] = JsonStringOrNull(column.district);
  j["state"] = CellStateName(cell->state());
  j["values"] = ordered_json::array();
  for (const TargetValue& v : cell->values) j["values"].push_back(ValueJson(v));
  j["directions"] = ordered_json::array();
  for (const TargetValue& v : cell->directions) j["directions"].push_back(ValueJson(v));
  j["verdict"] = JsonStringOrNull(VerdictName(cell->verdict));
  return j;
}

std::string RenderJson(const TargetTable& table) {
  ordered_json j;
  j["columns"] = ordered_json::array();
  for (const CompareColumn& c : table.columns) j["columns"].push_back(ColumnJson(c));
  if (table.reference) j["reference"] = ColumnJson(*table.reference);
  j["rows"] = ordered_json::array();
  for (const CompareRow& row : table.rows) {
    ordered_json r;
    r["indicator_id"] = JsonStringOrNull(row.indicator_id);
    r["indicator"] = row.indicator;
    r["plan"] = JsonStringOrNull(row.plan);
    r["domain_id"] = JsonStringOrNull(row.domain_id);
    r["direction"] = JsonStringOrNull(row.direction);
    if (table.reference) {
      r["reference"] = row.reference ? CellJson(&*row.reference, *table.reference) : nullptr;
    }
    r["cells"] = ordered_json::array();
    for (size_t i = 0; i < table.columns.size(); ++i) {
      r["cells"].push_back(
          CellJson(i < row.cells.size() ? &row.cells[i] : nullptr, table.columns[i]));
    }
    j["rows"].push_back(std::move(r));
  }
  if (table.reference) {
    j["summary"] = ordered_json::array();
    for (size_t i = 0; i < table.columns.size(); ++i) {
      VerdictCounts c = i < table.summary.size() ? table.summary[i] : VerdictCounts{};
      j["summary"].push_back({{"document", table.columns[i].document},
                              {"district", JsonStringOrNull(table.columns[i].district)},
                              {"stricter", c.stricter},
                              {"same", c.same},
                              {"looser", c.looser},
                              {"no_number", c.no_number},
                              {"missing", c.missing},
                              {"extra", c.extra}});
    }
  }
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

bool ParseCompareFormat(std::string_view name, CompareFormat* format) {
  static const std::pair<std::string_view, CompareFormat> kNames[] = {
      {"table", CompareFormat::kTable}, {"md", CompareFormat::kMarkdown},
      {"csv", CompareFormat::kCsv},     {"jsonl", CompareFormat::kJsonl},
      {"json", CompareFormat::kJson},
      {"html", CompareFormat::kHtml},   {"xlsx", CompareFormat::kXlsx}};
  for (const auto& [n, f] : kNames) {
    if (n == name) {
      *format = f;
      return true;
    }
  }
  return false;
}

std::string RenderTargetTable(const TargetTable& table, CompareFormat format,
                              const CompareRenderOptions& options) {
  if (format == CompareFormat::kCsv || format == CompareFormat::kJsonl) {
    TidyFormat tidy = format == CompareFormat::kCsv ? TidyFormat::kCsv : TidyFormat::kJsonl;
    return options.wide ? RenderTargetTableWide(table, tidy) : RenderTargetTableTidy(table, tidy);
  }
  switch (format) {
    case CompareFormat::kTable: return RenderText(ReferenceOnce(table), options.width, options.lang);
    case CompareFormat::kMarkdown: return RenderMarkdown(ReferenceOnce(table), options.lang);
    case CompareFormat::kJson: return RenderJson(table);
    case CompareFormat::kHtml: return RenderTargetTableHtml(ReferenceOnce(table), options.lang);
    default: break;  // xlsx is binary: WriteTargetTableXlsx
  }
  return "";
}

std::string RenderTargetTable(const TargetTable& table, CompareFormat format, size_t width) {
  CompareRenderOptions options;
  options.width = width;
  return RenderTargetTable(table, format, options);
}

}  // namespace guihua
