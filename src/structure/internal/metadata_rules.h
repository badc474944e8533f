// The patterns of rules/metadata.rules: what the structure stage reads from a document besides its
// headings (文号, issuer, date, period, cited parent plans). Each rule name is a role of the code;
// the loader checks every role is there once with the groups it needs, and runs the expect lines.
#ifndef GUIHUA_STRUCTURE_INTERNAL_METADATA_RULES_H_
#define GUIHUA_STRUCTURE_INTERNAL_METADATA_RULES_H_

#include <memory>
#include <string>

#include "common/diagnostics.h"
#include "common/lazy_regex.h"
#include "common/status.h"

namespace guihua::internal {

// Each pattern is compiled on its first use: `guihua extract` reads only the period.
struct MetadataRules {
  std::unique_ptr<LazyRegex> doc_number;        // group 1: the 文号
  std::unique_ptr<LazyRegex> date;              // groups 1-3: year, month, day
  std::unique_ptr<LazyRegex> issuer_signature;  // group 1; matched against a whole paragraph
  std::unique_ptr<LazyRegex> issuer_heading;    // group 1
  std::unique_ptr<LazyRegex> period_range;      // groups 1, 2: first and last year
  std::unique_ptr<LazyRegex> five_year;         // group 1: the numeral of 十N五
  std::unique_ptr<LazyRegex> cite;              // group 1: a title inside 《》
  std::unique_ptr<LazyRegex> parent_plan;       // no groups: a cited title that is a parent plan
  int expectations = 0;                   // expect and reject lines checked

  // Loads `path` (rules/metadata.rules) and (unless told not to) runs its expect lines; every
  // problem goes to `diag` as FILE:LINE:COL.
  static StatusOr<MetadataRules> Load(const std::string& path, Diagnostics* diag,
                                      bool run_expectations = true);
};

}  // namespace guihua::internal

#endif  // GUIHUA_STRUCTURE_INTERNAL_METADATA_RULES_H_
