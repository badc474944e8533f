// Writers for `guihua compare measures` (groups of equivalent measures across plans): a terminal
// table, GitHub Markdown and JSON. ReportFormat is shared with the plan diff writers.
#ifndef GUIHUA_RENDER_MEASURES_RENDER_H_
#define GUIHUA_RENDER_MEASURES_RENDER_H_

#include <string>
#include <string_view>

#include "compare/measures.h"
#include "render/labels.h"

namespace guihua {

// csv and jsonl: the tidy rows of render/tidy.h (docs/exports.md).
enum class ReportFormat { kTable, kMarkdown, kJson, kCsv, kJsonl };

// "table", "md", "json", "csv", "jsonl"; false for anything else.
bool ParseReportFormat(std::string_view name, ReportFormat* format);

// "shared by 4 districts", "unique to 南开区".
std::string GroupStatus(const MeasureAlignment& alignment, const MeasureGroup& group,
                        Lang lang = Lang::kZh);

// JSON: {"domain_id","domain","block","threshold","features","columns":[{"document","province",
// "city","district","label","period":{"start","end"}}],"groups":[{"title","status":"shared"|
// "unique","count","min_similarity","members":[{"document","district","item","file","line",
// "end_line","similarity","text"}],"absent":[label…]}]}.
// table and md in `lang`; csv, jsonl and json keep ids.
std::string RenderMeasureAlignment(const MeasureAlignment& alignment, ReportFormat format,
                                   Lang lang = Lang::kZh);

}  // namespace guihua

#endif  // GUIHUA_RENDER_MEASURES_RENDER_H_
