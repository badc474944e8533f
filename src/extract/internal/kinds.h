// Kinds and years of a sentence's values, decided after the sentence analysis has found them:
// target / baseline / actual / change by the document's kind and the sentence's cues, the year each
// value refers to (or is due), and a change's sign and base year (tests/gold/GUIDE.md "Kinds").
#ifndef GUIHUA_EXTRACT_INTERNAL_KINDS_H_
#define GUIHUA_EXTRACT_INTERNAL_KINDS_H_

#include <string_view>
#include <vector>

#include "extract/internal/engine.h"
#include "extract/internal/rules.h"

namespace guihua::extract_internal {

// What earlier sentences of the same paragraph said: later sentences inherit it.
struct ParagraphTimes {
  int year = 0;             // the last year printed for the sentence as a whole (2022年,…)
  int due_year = 0;         // the last due year (到2030年)
  bool commitment = false;  // a report or text quoted a plan's commitment (…提出,到2030年…;…;…)
  bool past = false;        // a plan's paragraph stated past facts (2020年末,…为…。…达99.9%。)
  int due_pair[2] = {0, 0};  // two due years (到2022年和2030年,…分别…X和Y): X's and Y's
};

// Sets kind, year and base_year of `values` (the Found of one sentence, value spans relative to
// `sentence_base` in the paragraph), reading the sentence `sentence`; updates `paragraph`.
void AssignKindsAndYears(const RuleSets& rules, std::string_view sentence, size_t sentence_base,
                         const Context& context, ParagraphTimes* paragraph,
                         std::vector<Found>::iterator begin, std::vector<Found>::iterator end);

}  // namespace guihua::extract_internal

#endif  // GUIHUA_EXTRACT_INTERNAL_KINDS_H_
