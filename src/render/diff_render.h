// Writers for `guihua diff A B`: a terminal listing per domain with word-level changes marked
// [-old-]{+new+}, GitHub Markdown with the same marks, and JSON with the edits as a list.
#ifndef GUIHUA_RENDER_DIFF_RENDER_H_
#define GUIHUA_RENDER_DIFF_RENDER_H_

#include <string>

#include "compare/diff.h"
#include "render/measures_render.h"

namespace guihua {

// JSON: {"a":{"document","district","file"},"b":{…},"threshold","domains":[{"plan","domain_id",
// "domain","counts":{"matched","changed","added","removed","targets"},"items":[{"change","block",
// "a":{"item","line","text"}|null,"b":{…}|null,"similarity","edits":[{"op":"equal"|"delete"|
// "insert","text"}]}],"targets":[{"indicator_id","indicator","direction","a":{value…}|null,
// "b":{…}|null,"verdict"}]}]}. Matched items are counted, not listed.
// table and md in `lang` (verdicts and changes in words); csv, jsonl and json keep ids.
std::string RenderPlanDiff(const PlanDiff& diff, ReportFormat format, Lang lang = Lang::kZh);

}  // namespace guihua

#endif  // GUIHUA_RENDER_DIFF_RENDER_H_
