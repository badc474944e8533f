// Same-text collapse at search (SearchRequest::collapse): the hits of one text are one hit, and
// each shown hit learns how many items of the match set print its text, and in which districts.
// The key and its bucket term are written by MakeItemDocument (format.h: kSameText).
#ifndef GUIHUA_INDEX_INTERNAL_SAME_TEXT_H_
#define GUIHUA_INDEX_INTERNAL_SAME_TEXT_H_

#include <xapian.h>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/index.h"
#include "index/internal/item_table.h"

namespace guihua::internal {

// Whether the searched databases hold same-text keys (an index ingested before them holds none, and
// its items are never collapsed).
bool HasSameTextKeys(const Xapian::Database& db);

// The items and the different texts of a collapsed match (SearchResult::total and wordings),
// counted by a spy that sees every match: items without a key are each a text of their own.
// Xapian's own counts of a collapsed match are bounds, loose even when it saw every match. With
// an item table (one local database) the spy reads each match's key code there, else it is a
// ValueCountMatchSpy on the key (which serialises to a remote shard), unless the texts of the
// items' check store are given: then the key of each match is that of its stored text.
class SameTextCounter {
 public:
  // A match's stored check text by docid (empty when the store has none).
  using StoredTexts = std::function<std::string_view(Xapian::docid)>;
  // `collapse` (with a table or `texts`, in a relevance match that sees every match): the spy
  // also keeps each text's first match in Xapian's order (the highest weight, then the lowest
  // docid: docids come in ascending order) and the page is collapsed here, so that the enquire
  // runs without a collapse key. Xapian's collapse reads every match's key from its value stream,
  // a third of a collapsed literal's instructions. `texts`: of one local database, read when
  // there is no table.
  SameTextCounter(std::shared_ptr<const ItemTable> table, bool collapse, StoredTexts texts = {});
  ~SameTextCounter();
  void AddTo(Xapian::Enquire& enquire);
  void Count(SearchResult* result) const;
  bool collapses() const;
  // With collapses(): the hits from `offset` on, at most `limit`, as (weight, docid) in Xapian's
  // order of a collapsed relevance match.
  std::vector<std::pair<double, Xapian::docid>> Page(size_t offset, size_t limit) const;

 private:
  class TableSpy;
  std::unique_ptr<TableSpy> table_spy_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> value_spy_;
};

// A relevance match of a conjunction of index terms (one, or a few words of one or two
// characters), collapsed on the same-text key, as Xapian 1.4's matcher makes it with collapse_max
// 1 and no decider or spy (matcher/multimatch.cc, collapser.cc): the same candidates in docid
// order (an AND of terms prunes none), the same pruning by the page's lowest weight, the same page
// and bounds, with each candidate's key read from the table's codes instead of Xapian's value
// stream (12 of 儿童's 33 M instructions). `terms`: see WeighedTerm. Xapian's lower bound of
// the texts counts the keys it met above the pruning weight, so it is reproduced, not recounted.
// None when Xapian would take another path (a term in every item, a page past the database).
// An index term of a conjunction and its idf; a match weighs the sum of each term's wdf × idf
// (search.cc's ImpactWeight with a query factor of 1), added in the order given: Xapian's AND
// adds them by ascending frequency.
struct WeighedTerm {
  std::string term;
  double idf;
};
struct CollapsedTermPage {
  std::vector<std::pair<double, Xapian::docid>> hits;  // from `offset`, in order
  Xapian::doccount lower_bound = 0, upper_bound = 0;    // MSet::get_matches_{lower,upper}_bound
  Xapian::doccount total = 0;                           // the items of the match
};
std::optional<CollapsedTermPage> CollapseTermMatch(const Xapian::Database& db,
                                                   const ItemTable& table,
                                                   const std::vector<WeighedTerm>& terms,
                                                   Xapian::doccount offset,
                                                   Xapian::doccount limit);

// A collapsed relevance match of one checked literal on one local database with the item table,
// made from the table's codes instead of Xapian's matcher, spy and decider: items of one key have
// one text, hence one verdict, the same index terms and the same weight. The rarest term's posting
// list gives the candidates (a literal that holds has every one of its bigrams); each text is
// checked and weighed once, at its first item that `keeps` (the search's filters), by reading the
// other terms' wdf there. `terms` in the order Xapian adds their weights (ascending frequency),
// each weighing wdf × its idf; `holds`: the literal check of an item; `count` is called with every
// item of the match (facets). The page, total and wordings are those of the spy's collapse
// (SameTextCounter). None: left to Xapian.
struct CollapsedMatch {
  std::vector<std::pair<double, Xapian::docid>> hits;  // from `offset`, in order
  size_t total = 0, wordings = 0;
};
std::optional<CollapsedMatch> CollapseLiteralMatch(
    const Xapian::Database& db, const ItemTable& table, const std::vector<WeighedTerm>& terms,
    const std::function<bool(Xapian::docid)>& keeps,
    const std::function<bool(Xapian::docid)>& holds,
    const std::function<void(Xapian::docid)>& count, size_t offset, size_t limit);

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
// literal holds in all of them or in none and the query's text need not be matched again. With
// an item table (one local database), the items of a key and their places are read there (and
// Xapian only applies a filter); else they are found through the keys' bucket terms, a few short
// posting lists, and read from their documents.
// `keeps` (with a table and an empty `filter`): the search's filters as a test of a docid, read
// from the table's codes (Xapian matched the keys' buckets against the filter's posting lists,
// 1.5 M instructions for a domain's); null: every item. `texts` (without a table): the stored
// check texts of one local database, whose hashes are the items' keys (null: read from Xapian).
void FillSameText(const Xapian::Database& db, const Xapian::Query& filter,
                  const std::vector<std::string>& keys, const ItemTable* table,
                  std::vector<SearchHit>* hits,
                  const std::function<bool(Xapian::docid)>& keeps = nullptr,
                  const SameTextCounter::StoredTexts& texts = nullptr);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_SAME_TEXT_H_
