// Listings of the names that exist: the dictionary's indicators (with how many indexed documents
// and targets use each), the indicator phrases of targets that have no id, the domains and the
// indexed documents. `guihua indicators|domains|documents` and /api/indicators|domains|documents
// print these, so that a researcher never has to read rules/ to find a name.
#ifndef GUIHUA_NAMES_LISTINGS_H_
#define GUIHUA_NAMES_LISTINGS_H_

#include <string>
#include <vector>

#include "index/index.h"
#include "names/names.h"

namespace guihua {

// One indicator of the dictionary; the counts are -1 when no index was given.
struct IndicatorUse {
  IndicatorInfo info;
  int documents = -1, targets = -1;  // indexed documents with a value of it, and those values
};

// The dictionary in file order, those of `plan` and `domain` (ids, "" for all) only; with
// `index`, each with its use there.
std::vector<IndicatorUse> ListIndicators(const NameTables& names, const IndexReader* index,
                                         const std::string& plan, const std::string& domain);

// An indicator phrase the index holds values of without a dictionary id.
struct UnknownIndicator {
  std::string indicator;  // as extracted
  std::string plan;       // women / children
  std::vector<std::string> domains;  // domain ids where it occurs
  int documents = 0, targets = 0;
  std::string quote, file;  // the first occurrence
  int line = 0;
};

// Every phrase of targets without an id (baselines and direction goals too), most values first,
// those of `plan` and `domain` only: what a researcher adds to rules/indicators.tsv.
std::vector<UnknownIndicator> ListUnknownIndicators(const IndexReader& index,
                                                    const std::string& plan,
                                                    const std::string& domain);

}  // namespace guihua

#endif  // GUIHUA_NAMES_LISTINGS_H_
