// Search results as JSON (`--format json`, the schema of the search API) and as terminal text,
// with snippets cut around the matches and the matches marked.
#ifndef GUIHUA_RENDER_SEARCH_RESULTS_H_
#define GUIHUA_RENDER_SEARCH_RESULTS_H_

#include <string>
#include <vector>

#include "index/index.h"
#include "render/labels.h"
#include "render/tidy.h"

namespace guihua {

struct SnippetStyle {
  std::string open, close;  // around each match: "«" "»", "<mark>" "</mark>", ANSI bold
  bool escape_html = false;
};

// Up to `width` characters of `hit.text` around its first match, with every match inside marked
// and "…" where text was cut.
std::string Snippet(const SearchHit& hit, const SnippetStyle& style, size_t width = 80);

std::string SearchResultToJson(const SearchResult& result, const SnippetStyle& style);

// The tidy columns of a hit (render/tidy.h): rank, score, where it stands, its text, its lines.
const std::vector<TidyColumn>& SearchHitColumns();
// Writes each hit as one tidy row.
void WriteSearchHits(const std::vector<SearchHit>& hits, TidyWriter& writer);
// The hits for the terminal, in `lang` (the count line, plan, block and facet words).
std::string SearchResultToText(const SearchResult& result, const SnippetStyle& style,
                               Lang lang = Lang::kZh);

// `guihua stats` and /api/stats: one row per district, and totals; the values of `target_json`
// (IndexReader::Targets()) counted by kind (target, baseline, actual, change, direction: a goal
// without a number is no target value), and the documents by kind (plan, report, text).
// "targets" of the JSON, and of each district, counts every value, of any kind (its old name).
std::string StatsTable(const std::vector<IndexedFile>& files,
                       const std::vector<std::string>& target_json, Lang lang = Lang::kZh);
std::string StatsJson(const std::vector<IndexedFile>& files,
                      const std::vector<std::string>& target_json);

}  // namespace guihua

#endif  // GUIHUA_RENDER_SEARCH_RESULTS_H_
