// Same-text collapse at search (SearchRequest::collapse): the hits of one text are one hit, and
// each shown hit learns how many items of the match set print its text, and in which districts.
// The key and its bucket term are written by MakeItemDocument (format.h: kSameText).
#ifndef GUIHUA_INDEX_INTERNAL_SAME_TEXT_H_
#define GUIHUA_INDEX_INTERNAL_SAME_TEXT_H_

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "index/index.h"

namespace guihua::internal {

// Whether the searched databases hold same-text keys (an index ingested before them holds none, and
// its items are never collapsed).
bool HasSameTextKeys(const Xapian::Database& db);

// The items and the different texts of a collapsed match (SearchResult::total and wordings), from
// a spy on the same-text key that saw every match: items without a key are each a text of their
// own. Xapian's own counts of a collapsed match are bounds, loose even when it saw every match.
void CountSameTexts(const Xapian::ValueCountMatchSpy& spy, SearchResult* result);

// Collapsing on the client, for the rank-order check over several shards: the first item of each
// text is a hit, the rest are counted in SearchResult::total only.
class SameTextSeen {
 public:
  // True for the first item of its text (and for every item without a key).
  bool First(const std::string& key) { return key.empty() || seen_.insert(key).second; }

 private:
  std::set<std::string> seen_;
};

// Fills same_text and same_text_districts of `hits`, whose keys are `keys` (one per hit, "" for an
// item without one): the items of those keys that `filter` keeps (the search's filters and dead
// revisions; an empty query keeps every item). Items of one key have one check text, so a
// literal holds in all of them or in none and the query's text need not be matched again: the
// items are found through the keys' bucket terms, a few short posting lists.
void FillSameText(const Xapian::Database& db, const Xapian::Query& filter,
                  const std::vector<std::string>& keys, std::vector<SearchHit>* hits);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_SAME_TEXT_H_
