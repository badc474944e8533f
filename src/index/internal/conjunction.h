// A conjunction of index terms matched in one pass over their posting lists: the page of the best
// matches by weight and the exact number of matches together, where Xapian's matcher ranked with
// pruning and then counted in a second pass (or checked every candidate through its MatchDecider).
#ifndef GUIHUA_INDEX_INTERNAL_CONJUNCTION_H_
#define GUIHUA_INDEX_INTERNAL_CONJUNCTION_H_

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace guihua::internal {

struct HotPostings;

// Items with every term of `weighted` and `filters` and none of `excluded`. Each weighted term
// weighs as search.cc's ImpactWeight does (its wdf × log(N / n)); filters weigh nothing.
struct Conjunction {
  std::vector<std::string> weighted;  // distinct
  std::vector<std::string> filters;
  std::vector<std::string> excluded;
};

struct RankedItem {
  double weight = 0;
  Xapian::docid docid = 0;
};

// Matches `c` on one local database, keeping only the items `keeps` says yes to (null: all), and
// returns how many there are; `best` gets the first `need` of them in Xapian's relevance order
// (weight descending, then docid ascending), to the same bits as Xapian's sum of the terms'
// weights. False when Xapian could add the weights in another order than this (more than 16
// terms and filters, which Xapian's sort may reorder among equal frequencies): then the caller
// asks Xapian. The lists that `hot` (null: none) holds decoded are read there, the others
// through Xapian.
bool MatchConjunction(const Xapian::Database& db, const Conjunction& c, size_t need,
                      const std::function<bool(Xapian::docid)>& keeps, const HotPostings* hot,
                      Xapian::doccount* total, std::vector<RankedItem>* best);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_CONJUNCTION_H_
