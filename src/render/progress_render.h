// Writers for progress reports (`guihua progress`, /api/progress): terminal table, Markdown, CSV
// (UTF-8 with BOM, one row per plan and indicator, numeric columns), JSON (issue 18's schema),
// self-contained HTML with a chart of actuals against the target per indicator, and XLSX.
#ifndef GUIHUA_RENDER_PROGRESS_RENDER_H_
#define GUIHUA_RENDER_PROGRESS_RENDER_H_

#include <string>

#include "common/status.h"
#include "progress/progress.h"
#include "render/compare_table.h"

namespace guihua {

// Every format but xlsx (the formats of compare targets). `width`: the terminal width of the table.
std::string RenderProgress(const ProgressReport& report, CompareFormat format, size_t width = 120);

// Writes an .xlsx workbook: one row per plan and indicator, numbers as numeric cells, status fills,
// quotes as cell comments.
Status WriteProgressXlsx(const ProgressReport& report, const std::string& path);

}  // namespace guihua

#endif  // GUIHUA_RENDER_PROGRESS_RENDER_H_
