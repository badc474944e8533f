// The XLSX comparison workbook (libxlsxwriter): one sheet with the header row and indicator
// column frozen, widths fitted to the text (CJK counts double), verdict fills, and every value's
// quote and file:line as a cell comment, so a reviewer can check a number without the PDF.
#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/utf8.h"
#include "render/compare_table.h"
#include "render/internal/compare_support.h"
#include "render/internal/xlsx_lazy.h"  // after <xlsxwriter.h>: loaded at first use

namespace guihua {
namespace {

using namespace render_internal;

// Excel column widths are in widths of '0'; a CJK character takes about two.
constexpr double kMinWidth = 8, kMaxWidth = 60;
constexpr double kLineHeight = 15;  // points, Calibri 11

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* name = nullptr;
  std::map<Verdict, lxw_format*> cell;
};

lxw_format* CellFormat(lxw_workbook* book, uint32_t fill) {
  lxw_format* f = workbook_add_format(book);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_border_color(f, 0xBFBFBF);
  if (fill) format_set_bg_color(f, fill);
  return f;
}

Formats MakeFormats(lxw_workbook* book) {
  Formats f;
  f.header = CellFormat(book, 0xF2F2F2);
  format_set_bold(f.header);
  f.name = CellFormat(book, 0);
  format_set_bold(f.name);
  for (Verdict v : {Verdict::kNone, Verdict::kStricter, Verdict::kSame, Verdict::kLooser,
                    Verdict::kNoNumber, Verdict::kMissing, Verdict::kExtra}) {
    f.cell[v] = CellFormat(book, VerdictColor(v));
  }
  return f;
}

// Collects the text of each column so the widths can be set once everything is written.
class Sheet {
 public:
  Sheet(lxw_worksheet* sheet) : sheet_(sheet) {}

  void Write(lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format) {
    worksheet_write_string(sheet_, row, col, text.c_str(), format);
    size_t lines = 1, start = 0;
    while (true) {
      size_t nl = text.find('\n', start);
      std::string line = text.substr(start, nl == std::string::npos ? nl : nl - start);
      double& w = widths_[col];
      w = std::max(w, static_cast<double>(utf8::DisplayWidth(line)) + 2);
      if (nl == std::string::npos) break;
      ++lines;
      start = nl + 1;
    }
    size_t& h = lines_[row];
    h = std::max(h, lines);
  }

  void Comment(lxw_row_t row, lxw_col_t col, const std::string& text, size_t lines) {
    lxw_comment_options options = {};
    options.width = 360;
    options.height = static_cast<uint16_t>(std::min<size_t>(400, 24 + 36 * lines));
    worksheet_write_comment_opt(sheet_, row, col, text.c_str(), &options);
  }

  void Finish() {
    for (const auto& [col, w] : widths_) {
      worksheet_set_column(sheet_, col, col, std::clamp(w, kMinWidth, kMaxWidth), nullptr);
    }
    for (const auto& [row, n] : lines_) {
      if (n > 1) worksheet_set_row(sheet_, row, kLineHeight * n, nullptr);
    }
    worksheet_freeze_panes(sheet_, 1, 1);
  }

 private:
  lxw_worksheet* sheet_;
  std::map<lxw_col_t, double> widths_;
  std::map<lxw_row_t, size_t> lines_;
};

std::string CellText(const CompareCell& cell, Lang lang) {
  std::vector<std::string> values = CellValueTexts(cell, lang);
  if (values.empty()) values.push_back("—");
  std::string verdict = ShownVerdict(cell.verdict, lang);
  if (!verdict.empty()) values.front() += " (" + verdict + ")";
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : "\n") + v;
  return out;
}

// "≤12/10万: “quote” file:line", one paragraph per value.
std::string CommentText(const CompareCell& cell) {
  std::string out;
  const auto& values = cell.values.empty() ? cell.directions : cell.values;
  for (const TargetValue& v : values) {
    std::string where = QuoteWithWhere(v);
    if (where.empty()) continue;
    out += (out.empty() ? "" : "\n") + FormatValue(v) + ": " + where;
  }
  return out;
}

void WriteCell(Sheet& sheet, const Formats& f, lxw_row_t r, lxw_col_t c, const CompareCell* cell,
               bool reference, Lang lang) {
  if (!cell) {
    sheet.Write(r, c, "", f.cell.at(Verdict::kNone));
    return;
  }
  Verdict v = reference ? Verdict::kNone : cell->verdict;
  sheet.Write(r, c, CellText(*cell, lang), f.cell.at(v));
  std::string comment = CommentText(*cell);
  if (!comment.empty()) sheet.Comment(r, c, comment, std::max<size_t>(cell->values.size(), 1));
}

std::string HeaderText(const CompareColumn& column, bool reference, Lang lang) {
  std::string out = ColumnLabel(column);
  if (reference) out = Label("compare.reference_column", lang, {out});
  std::string period = PeriodText(column.period);
  return period.empty() ? out : out + "\n" + period;
}

void WriteSheet(lxw_workbook* book, lxw_worksheet* ws, const TargetTable& table, Lang lang) {
  Formats f = MakeFormats(book);
  Sheet sheet(ws);
  lxw_col_t first = table.reference ? 2 : 1;  // first plan column
  lxw_col_t meta = first + table.columns.size();
  sheet.Write(0, 0, Label("compare.indicator", lang), f.header);
  if (table.reference) sheet.Write(0, 1, HeaderText(*table.reference, true, lang), f.header);
  for (size_t i = 0; i < table.columns.size(); ++i) {
    sheet.Write(0, first + i, HeaderText(table.columns[i], false, lang), f.header);
  }
  const char* meta_names[] = {"indicator_id", "plan", "domain_id", "direction"};
  for (lxw_col_t i = 0; i < 4; ++i) sheet.Write(0, meta + i, meta_names[i], f.header);

  lxw_row_t r = 1;
  for (const CompareRow& row : table.rows) {
    sheet.Write(r, 0, row.indicator, f.name);
    if (table.reference) WriteCell(sheet, f, r, 1, row.reference ? &*row.reference : nullptr, true, lang);
    for (size_t i = 0; i < table.columns.size(); ++i) {
      WriteCell(sheet, f, r, first + i, i < row.cells.size() ? &row.cells[i] : nullptr, false, lang);
    }
    const std::string* meta_values[] = {&row.indicator_id, &row.plan, &row.domain_id,
                                        &row.direction};
    for (lxw_col_t i = 0; i < 4; ++i) sheet.Write(r, meta + i, *meta_values[i], f.cell.at(Verdict::kNone));
    ++r;
  }
  if (table.reference && !table.summary.empty()) {
    sheet.Write(r, 0, Label("compare.summary", lang), f.header);
    for (size_t i = 0; i < table.columns.size() && i < table.summary.size(); ++i) {
      std::string text = SummaryText(table.summary[i], lang);
      for (size_t at; (at = text.find(", ")) != std::string::npos;) text.replace(at, 2, "\n");
      sheet.Write(r, first + i, text, f.cell.at(Verdict::kNone));
    }
  }
  sheet.Finish();
}

// The `data` sheet: the long form of `guihua compare targets --format csv` (render/tidy.h), numbers
// as numeric cells with a number format, so that it sorts, sums and pivots; the verdict colours
// its row's verdict cell.
void WriteDataSheet(lxw_workbook* book, lxw_worksheet* ws, const TargetTable& table) {
  Formats f = MakeFormats(book);
  lxw_format* number = workbook_add_format(book);
  format_set_num_format(number, "General");
  lxw_format* year = workbook_add_format(book);
  format_set_num_format(year, "0");
  std::istringstream in(RenderTargetTableTidy(table, TidyFormat::kJsonl));
  lxw_row_t r = 0;
  lxw_col_t columns = 0;
  for (std::string line; std::getline(in, line);) {
    auto row = nlohmann::ordered_json::parse(line, nullptr, false);
    if (!row.is_object()) continue;
    lxw_col_t c = 0;
    Verdict verdict = Verdict::kNone;
    for (const auto& [key, value] : row.items()) {
      if (r == 0) worksheet_write_string(ws, 0, c, key.c_str(), f.header);
      if (value.is_number_integer()) {
        worksheet_write_number(ws, r + 1, c, value.get<double>(), year);
      } else if (value.is_number()) {
        worksheet_write_number(ws, r + 1, c, value.get<double>(), number);
      } else if (value.is_string()) {
        std::string text = value.get<std::string>();
        for (Verdict v : {Verdict::kStricter, Verdict::kSame, Verdict::kLooser,
                          Verdict::kNoNumber, Verdict::kMissing, Verdict::kExtra}) {
          if (key == "verdict" && text == VerdictName(v)) verdict = v;
        }
        worksheet_write_string(ws, r + 1, c, text.c_str(),
                               key == "verdict" ? f.cell.at(verdict) : nullptr);
      }
      ++c;
    }
    columns = c;
    ++r;
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (r > 0 && columns > 0) worksheet_autofilter(ws, 0, 0, r, columns - 1);
}

// The `legend` sheet: each verdict's colour and meaning, so the colours read without the docs.
// The verdict column gives the id the data sheet uses, then its word in `lang`.
void WriteLegendSheet(lxw_workbook* book, lxw_worksheet* ws, Lang lang) {
  Formats f = MakeFormats(book);
  const Verdict kVerdicts[] = {Verdict::kStricter, Verdict::kSame,    Verdict::kLooser,
                               Verdict::kNoNumber, Verdict::kMissing, Verdict::kExtra};
  worksheet_write_string(ws, 0, 0, Label("compare.legend_verdict", lang).c_str(), f.header);
  worksheet_write_string(ws, 0, 1, Label("compare.legend_meaning", lang).c_str(), f.header);
  lxw_row_t r = 1;
  for (Verdict verdict : kVerdicts) {
    std::string name = VerdictName(verdict);
    std::string shown = lang == Lang::kEn ? name : name + " " + VerdictLabel(verdict, lang);
    worksheet_write_string(ws, r, 0, shown.c_str(), f.cell.at(verdict));
    worksheet_write_string(ws, r++, 1, Label("verdict_hint." + name, lang).c_str(), f.cell.at(Verdict::kNone));
  }
  worksheet_write_string(ws, ++r, 0, Label("compare.legend_sheets", lang).c_str(), f.header);
  worksheet_write_string(ws, r, 1, Label("compare.legend_sheets_text", lang).c_str(),
                         f.cell.at(Verdict::kNone));
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, 1, 70, nullptr);
}

}  // namespace

Status WriteTargetTableXlsx(const TargetTable& table, const std::string& path, Lang lang) {
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Status::Internal(path + ": cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(book, "targets");
  lxw_worksheet* data = ws ? workbook_add_worksheet(book, "data") : nullptr;
  lxw_worksheet* legend = data ? workbook_add_worksheet(book, "legend") : nullptr;
  if (legend) {
    WriteSheet(book, ws, ReferenceOnce(table), lang);
    WriteDataSheet(book, data, table);
    WriteLegendSheet(book, legend, lang);
  }
  lxw_error error = workbook_close(book);  // frees the workbook whatever the outcome
  if (!legend) return Status::Internal(path + ": cannot add a worksheet");
  if (error != LXW_NO_ERROR) return Status::Internal(path + ": " + lxw_strerror(error));
  return Status::Ok();
}

}  // namespace guihua
