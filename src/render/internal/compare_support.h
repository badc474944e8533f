// Pieces shared by the target-table writers (compare_table.cc, compare_html.cc, compare_xlsx.cc):
// column labels, verdict words and colours, value provenance, and the HTML writer's entry point.
// Private to src/render/.
#ifndef GUIHUA_RENDER_INTERNAL_COMPARE_SUPPORT_H_
#define GUIHUA_RENDER_INTERNAL_COMPARE_SUPPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compare/compare.h"
#include "compare/diff.h"
#include "compare/measures.h"
#include "render/labels.h"
#include "render/measures_render.h"
#include "render/tidy.h"

#include <nlohmann/json.hpp>

namespace guihua::render_internal {

// The district, else the city, province or document id: what a reader calls the plan.
std::string ColumnLabel(const CompareColumn& column);

// "2021–2025", "2021–", "" when the period is unknown.
std::string PeriodText(const Period& period);

// "file:line", "file", or "" for a value without provenance.
std::string WhereText(const TargetValue& value);

// "“quote” file:line" for hover text and comments; parts that are missing are left out.
std::string QuoteWithWhere(const TargetValue& value);

// "得到有效控制 (no number)" / "得到有效控制（无数值）" for a cell whose plan has only a goal without
// a number; "" otherwise.
std::string NoNumberText(const CompareCell& cell, Lang lang);

// Every value of the cell, formatted, in file order; NoNumberText for a cell without numbers.
std::vector<std::string> CellValueTexts(const CompareCell& cell, Lang lang);

// The verdict's word (更严, stricter…); "" for none.
std::string VerdictLabel(Verdict verdict, Lang lang);

// The verdict word shown next to a cell's value: none for no_number, which the cell's text says.
std::string ShownVerdict(Verdict verdict, Lang lang);

// "stricter 1, same 2, looser 0, no number 1, missing 0, extra 1" (更严 1, 相同 2…).
std::string SummaryText(const VerdictCounts& counts, Lang lang);

// Background colours (0xRRGGBB) per verdict; 0 for none (same and no verdict keep the default).
uint32_t VerdictColor(Verdict verdict);

// The table with the reference once: when the reference is one of the compared plans (--against
// 北关区 among all districts), that plan's column is left out, since the reference column shows
// it (and judging a plan against itself says nothing). The JSON of the API keeps both.
TargetTable ReferenceOnce(const TargetTable& table);

// compare_tidy.cc: the long form (tidy columns, one row per value) and the wide form (one row per
// indicator, one column per plan), as CSV or JSON lines; WriteWide writes any wide table so.
std::string RenderTargetTableTidy(const TargetTable& table, TidyFormat format);
std::string RenderTargetTableWide(const TargetTable& table, TidyFormat format);
std::string WriteWide(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows, TidyFormat format);

// `s` with & < > " ' as HTML entities, for text and attribute values of the HTML pages.
std::string HtmlEscape(const std::string& s);

// An SVG coordinate: one decimal.
std::string Px(double x);

// A value for the JSON outputs: null when absent, an integer when whole (12, not 12.0).
nlohmann::ordered_json JsonNumber(const std::optional<double>& v);

// report_tidy.cc: `diff` and `compare measures` as tidy rows (csv or jsonl).
std::string RenderPlanDiffTidy(const PlanDiff& diff, ReportFormat format);
std::string RenderMeasureAlignmentTidy(const MeasureAlignment& alignment, ReportFormat format);

// The self-contained HTML page (compare_html.cc).
std::string RenderTargetTableHtml(const TargetTable& table, Lang lang);

}  // namespace guihua::render_internal

#endif  // GUIHUA_RENDER_INTERNAL_COMPARE_SUPPORT_H_
