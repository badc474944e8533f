// The structure walk: reflowed paragraphs → plans, sections, blocks and items, each paragraph
// classified by the structure.rules rule that matched its first line. Shared by structure.cc (which
// loads the rules) and walk.cc (the state machine).
#ifndef GUIHUA_STRUCTURE_INTERNAL_WALK_H_
#define GUIHUA_STRUCTURE_INTERNAL_WALK_H_

#include <re2/re2.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/lazy_regex.h"
#include "layout/layout.h"
#include "structure/document.h"

namespace guihua::internal {

struct DomainRow {
  PlanKind plan;
  std::string keyword;
  std::string id;
};

// What the walk reads of the loaded rules.
struct WalkRules {
  std::map<std::string, std::string> kind_of_rule;  // rule name → kind
  // Compiled on first use: a document meets a part of the line rules only.
  std::map<std::string, std::unique_ptr<LazyRegex>> pattern_of_rule;
  std::vector<DomainRow> domains;  // rules/domains.tsv, in file order

  // The id of the first row of `plan` whose keyword `title` contains, or "".
  std::string DomainId(PlanKind plan, std::string_view title) const;
};

// The paragraphs before the first plan, section or block heading: a plan's cover notice (metadata),
// a report's or a text's opening (text).
struct Cover {
  std::vector<size_t> paragraphs;  // indexes into LaidOutText::paragraphs
  std::vector<Item> items;         // the same paragraphs as items (block other)
};

// Fills doc->plans from `laid` (whose text is doc->working), and `cover`.
void WalkParagraphs(const WalkRules& rules, const LaidOutText& laid, Document* doc, Cover* cover,
                    Diagnostics* diag);

// 一 … 九十九 as printed in list markers.
int ChineseNumber(std::string_view s);

}  // namespace guihua::internal

#endif  // GUIHUA_STRUCTURE_INTERNAL_WALK_H_
