// The region gazetteer (rules/regions.tsv) as plain rows, for the stages after structure that need
// a place's full name from what a user types (北关 → 北关区, 安阳 → 安阳市): see names/names.h.
#ifndef GUIHUA_STRUCTURE_REGIONS_H_
#define GUIHUA_STRUCTURE_REGIONS_H_

#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "structure/document.h"

namespace guihua {

// One row of the gazetteer: a province (city and district ""), a city (district "") or a district.
struct RegionName {
  Region region;
  std::vector<std::string> names;  // its full name first, then its short forms
};

// The rows of `rules_dir`/regions.tsv, in file order; row errors go to `diag`.
StatusOr<std::vector<RegionName>> LoadRegionNames(const std::string& rules_dir, Diagnostics* diag);

}  // namespace guihua

#endif  // GUIHUA_STRUCTURE_REGIONS_H_
