// Writers for progress reports (`guihua progress`, /api/progress): terminal table, Markdown, CSV
// (UTF-8 with BOM, one row per plan and indicator, numeric columns), JSON (issue 18's schema),
// self-contained HTML with a chart of actuals against the target per indicator, and XLSX.
#ifndef GUIHUA_RENDER_PROGRESS_RENDER_H_
#define GUIHUA_RENDER_PROGRESS_RENDER_H_

#include <string>

#include "common/status.h"
#include "progress/progress.h"
#include "render/compare_table.h"
#include "render/labels.h"

namespace guihua {

// Every format but xlsx (the formats of compare targets). `width`: the terminal width of the table.
// `lang`: the words of table, md and html (headers, statuses, sentences); csv, jsonl and json keep ids.
std::string RenderProgress(const ProgressReport& report, CompareFormat format, size_t width = 120,
                           Lang lang = Lang::kZh);

// Writes an .xlsx workbook: one row per plan and indicator, numbers as numeric cells, status fills,
// quotes as cell comments; headers, statuses and what the report says in `lang`.
Status WriteProgressXlsx(const ProgressReport& report, const std::string& path, Lang lang = Lang::kZh);

}  // namespace guihua

#endif  // GUIHUA_RENDER_PROGRESS_RENDER_H_
