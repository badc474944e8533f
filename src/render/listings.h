// Writers of the name listings (names/listings.h): `guihua indicators`, `indicators --unknown`,
// `domains` and `documents` as a terminal table, CSV (UTF-8 with BOM, for spreadsheets) or JSON
// (the objects /api/indicators, /api/domains and /api/documents serve).
#ifndef GUIHUA_RENDER_LISTINGS_H_
#define GUIHUA_RENDER_LISTINGS_H_

#include <string>
#include <vector>

#include "index/index.h"
#include "names/listings.h"
#include "names/names.h"
#include "render/labels.h"

namespace guihua {

// csv and jsonl are tidy (render/tidy.h: the columns of docs/exports.md); json is the API's objects.
enum class ListFormat { kTable, kCsv, kJsonl, kJson };
// "table", "csv", "jsonl", "json" → the format; false for anything else.
bool ParseListFormat(const std::string& name, ListFormat* format);

std::string RenderIndicators(const std::vector<IndicatorUse>& rows, ListFormat format,
                             Lang lang = Lang::kZh);
std::string RenderUnknownIndicators(const std::vector<UnknownIndicator>& rows, ListFormat format,
                                    Lang lang = Lang::kZh);
std::string RenderDomains(const std::vector<NamedValue>& domains, ListFormat format,
                          Lang lang = Lang::kZh);
// `lang`: the table's headers and words; csv, jsonl and json keep ids.
std::string RenderDocuments(const std::vector<IndexedFile>& files, ListFormat format,
                            Lang lang = Lang::kZh);

}  // namespace guihua

#endif  // GUIHUA_RENDER_LISTINGS_H_
