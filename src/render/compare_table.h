// Writers for target comparison tables (`guihua compare targets`): terminal table, Markdown with
// footnoted quotes, CSV (UTF-8 with BOM, one row per cell value), JSON, self-contained HTML with an
// SVG bar chart per indicator, and XLSX.
#ifndef GUIHUA_RENDER_COMPARE_TABLE_H_
#define GUIHUA_RENDER_COMPARE_TABLE_H_

#include <string>
#include <string_view>

#include "common/status.h"
#include "compare/compare.h"
#include "render/labels.h"

namespace guihua {

enum class CompareFormat { kTable, kMarkdown, kCsv, kJsonl, kJson, kHtml, kXlsx };

// "table", "md", "csv", "jsonl", "json", "html", "xlsx"; false for anything else.
bool ParseCompareFormat(std::string_view name, CompareFormat* format);

struct CompareRenderOptions {
  size_t width = 120;  // the terminal width the table format fits (long cells wrap)
  // csv and jsonl: one row per indicator and one column per plan instead of the long form.
  bool wide = false;
  // The words of table, md and html (headers, verdicts, sentences); csv, jsonl and json keep ids.
  Lang lang = Lang::kZh;
};

// Every format but xlsx. csv and jsonl are the tidy long form of render/tidy.h (one row per value
// of each plan, with its verdict), or the wide form. When the reference is one of the compared
// plans, it is shown once, as the reference (not in json, the API's schema, which keeps both).
std::string RenderTargetTable(const TargetTable& table, CompareFormat format,
                              const CompareRenderOptions& options);
std::string RenderTargetTable(const TargetTable& table, CompareFormat format, size_t width = 120);

// Writes an .xlsx workbook: frozen header row and column, fitted widths, verdict colours, each
// value's quote and file:line as a cell comment.
// The `targets` and `legend` sheets are in `lang`; the `data` sheet keeps the csv's ids.
Status WriteTargetTableXlsx(const TargetTable& table, const std::string& path, Lang lang = Lang::kZh);

}  // namespace guihua

#endif  // GUIHUA_RENDER_COMPARE_TABLE_H_
