// The sentence analysis behind Extractor: finds values in working text with the compiled rule
// sets, decides which are targets, baselines or neither, and names their indicators.
#ifndef GUIHUA_EXTRACT_INTERNAL_ENGINE_H_
#define GUIHUA_EXTRACT_INTERNAL_ENGINE_H_

#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "extract/internal/rules.h"

namespace guihua::extract_internal {

struct Context {
  bool baseline = false;  // the text comes from a baseline section (序言, 发展基础)
  bool goal = false;      // the text is a goal item: record direction goals too
  DocumentKind document = DocumentKind::kPlan;  // a report's or text's values are no targets
  int year = 0;  // a plan's last year (its targets are due then); a report's reference year
  int due_year = 0;         // a report's or text's: the last year of the plan it is about
  bool commitment = false;  // follows a paragraph opening a plan's commitments (主要目标是:)
};

struct Found {
  Target target;                          // begin/end: value span in the analysed text
  size_t quote_begin = 0, quote_end = 0;  // the clause around the value, 10–60 characters
  size_t text_begin = 0, text_end = 0;    // target.value_text's span in the analysed text
};

// A printed number the evaluator (numeral.h) could not read whole: no value is given for it.
struct Unread {
  size_t begin = 0, end = 0;  // the number's span in the analysed text
  std::string why;
};

// Analyses a paragraph of working text (one or more sentences). Numbers refused whole go to
// `unread` when given.
std::vector<Found> Analyze(const RuleSets& rules, std::string_view text, const Context& context,
                           std::vector<Unread>* unread = nullptr);

// Canonical indicator id for an indicator phrase of a plan ("women"/"children"); "" if unknown.
std::string LookupIndicator(const RuleSets& rules, std::string_view indicator,
                            std::string_view plan);

}  // namespace guihua::extract_internal

#endif  // GUIHUA_EXTRACT_INTERNAL_ENGINE_H_
