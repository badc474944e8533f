// The document model as JSON (`guihua parse --format json`, the schema in docs/document.md) and as
// a summary table row.
#ifndef GUIHUA_RENDER_DOCUMENT_JSON_H_
#define GUIHUA_RENDER_DOCUMENT_JSON_H_

#include <string>
#include <vector>

#include "structure/document.h"

namespace guihua {

// One JSON object on one line. Item texts are quoted from the source (verbatim, no whitespace).
std::string DocumentToJson(const Document& doc);

// Header and row of the per-file summary table: file, region, period, plans, domains, item counts.
std::vector<std::string> DocumentSummaryHeader();
std::vector<std::string> DocumentSummaryRow(const Document& doc);

// One row per domain: plan, id, title, line, goals, measures, other, 责任单位.
std::vector<std::string> DomainTableHeader();
std::vector<std::vector<std::string>> DomainTableRows(const Document& doc);

}  // namespace guihua

#endif  // GUIHUA_RENDER_DOCUMENT_JSON_H_
