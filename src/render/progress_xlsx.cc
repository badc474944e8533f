// The XLSX progress workbook (libxlsxwriter): one sheet, one row per plan and indicator, the numbers
// (target, baseline, latest, gap, pace, years) as numeric cells, the status filled with its colour,
// the latest actual's quote and file:line as a comment on its cell.
#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <variant>

#include "common/utf8.h"
#include "render/internal/compare_support.h"
#include "render/internal/progress_support.h"
#include "render/internal/xlsx_lazy.h"  // after <xlsxwriter.h>: loaded at first use
#include "render/progress_render.h"

namespace guihua {
namespace {

using namespace render_internal;
using Cell = std::variant<std::string, std::optional<double>>;

// Header label ids (rules/labels.tsv); in English they are the csv's column names.
const char* kHeader[] = {
    "progress.xlsx_district", "progress.xlsx_plan", "progress.xlsx_document", "progress.xlsx_indicator",
    "progress.xlsx_indicator_id", "progress.xlsx_comparator", "progress.xlsx_target", "progress.xlsx_unit",
    "progress.xlsx_baseline", "progress.xlsx_baseline_year", "progress.xlsx_latest", "progress.xlsx_latest_year",
    "progress.xlsx_status", "progress.xlsx_gap", "progress.xlsx_per_year", "progress.xlsx_reach_year",
    "progress.xlsx_report_says", "progress.xlsx_actuals"};
constexpr lxw_col_t kStatusColumn = 12, kLatestColumn = 10;

std::optional<double> Opt(int year) { return year ? std::optional<double>(year) : std::nullopt; }

std::vector<Cell> RowCells(const ProgressPlan& p, const ProgressRow& r, Lang lang) {
  std::string actuals;
  for (const TargetRecord& a : r.actuals) actuals += (actuals.empty() ? "" : "\n") + LevelText(a);
  std::optional<double> reach = r.trend && r.trend->reach_year ? Opt(r.trend->reach_year) : std::nullopt;
  return {p.district.empty() ? p.city : p.district,
          ValueLabel("plan", p.plan, lang),
          p.document,
          r.indicator,
          r.indicator_id,
          r.target.comparator,
          r.target.value,
          r.target.unit,
          r.baseline ? r.baseline->value : std::nullopt,
          r.baseline ? Opt(r.baseline->year) : std::nullopt,
          r.latest ? r.latest->value : std::nullopt,
          r.latest ? Opt(r.latest->year) : std::nullopt,
          StatusText(r.status, lang),
          r.gap,
          r.trend ? std::optional<double>(r.trend->per_year) : std::nullopt,
          reach,
          ReportSaysText(r, lang),
          actuals};
}

void WriteSheet(lxw_workbook* book, lxw_worksheet* ws, const ProgressReport& report, Lang lang) {
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bg_color(header, 0xF2F2F2);
  lxw_format* wrap = workbook_add_format(book);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  std::map<ProgressStatus, lxw_format*> fills;
  for (ProgressStatus s : {ProgressStatus::kAchieved, ProgressStatus::kNotAchieved, ProgressStatus::kNoData}) {
    fills[s] = workbook_add_format(book);
    format_set_bg_color(fills[s], StatusColor(s));
  }
  std::vector<double> widths;
  for (lxw_col_t c = 0; c < std::size(kHeader); ++c) {
    std::string text = Label(kHeader[c], lang);
    worksheet_write_string(ws, 0, c, text.c_str(), header);
    widths.push_back(utf8::DisplayWidth(text) + 2);
  }
  lxw_row_t r = 1;
  for (const ProgressPlan& p : report.plans) {
    for (const ProgressRow& row : p.rows) {
      std::vector<Cell> cells = RowCells(p, row, lang);
      for (lxw_col_t c = 0; c < cells.size(); ++c) {
        lxw_format* f = c == kStatusColumn ? fills[row.status] : wrap;
        if (const auto* n = std::get_if<std::optional<double>>(&cells[c])) {
          if (*n) worksheet_write_number(ws, r, c, **n, f);
          continue;
        }
        const std::string& text = std::get<std::string>(cells[c]);
        worksheet_write_string(ws, r, c, text.c_str(), f);
        size_t first_line = text.find('\n');
        widths[c] = std::max<double>(widths[c], utf8::DisplayWidth(text.substr(0, first_line)) + 2);
      }
      if (row.latest && !row.latest->quote.empty()) {
        worksheet_write_comment(ws, r, kLatestColumn, QuoteWithWhere(*row.latest).c_str());
      }
      ++r;
    }
  }
  for (lxw_col_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(ws, c, c, std::clamp(widths[c], 8.0, 40.0), nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
}

}  // namespace

Status WriteProgressXlsx(const ProgressReport& report, const std::string& path, Lang lang) {
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) return Status::Internal(path + ": cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(book, "progress");
  if (ws) WriteSheet(book, ws, report, lang);
  lxw_error error = workbook_close(book);  // frees the workbook whatever the outcome
  if (!ws) return Status::Internal(path + ": cannot add a worksheet");
  if (error != LXW_NO_ERROR) return Status::Internal(path + ": " + lxw_strerror(error));
  return Status::Ok();
}

}  // namespace guihua
