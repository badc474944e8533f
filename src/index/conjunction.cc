// MatchConjunction (internal/conjunction.h): a leapfrog over the terms' posting lists, the rarest
// first, each match weighed and kept in a heap of the page, and counted. Xapian's matcher ranked
// the same match with pruning and then counted it again with BoolWeight (two thirds of a common
// pair of words), or made a Document and an MSet item of every candidate its MatchDecider saw.
#include <algorithm>
#include <cmath>
#include <queue>

#include "index/internal/conjunction.h"

namespace guihua::internal {

namespace {

struct List {
  Xapian::PostingIterator it;
  Xapian::doccount frequency = 0;
  double idf = 0;
  bool weighs = false;
};

// Xapian's order of a relevance match: weight descending, then docid ascending. The heap's top is
// the item that would leave first.
struct RanksBefore {
  bool operator()(const RankedItem& a, const RankedItem& b) const {
    return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
  }
};

// Xapian's MultiAndPostList adds its lists' weights in the order it sorts them to, ascending
// frequency, with std::sort: for up to 16 lists that is libstdc++'s insertion sort, which keeps
// lists of the same frequency in the order the query gave them (weighted terms, then filters, as
// `lists` before its stable_sort). Past 16 that order is the sort's own.
constexpr size_t kInsertionSortedLists = 16;

// True when one of `excluded` holds `docid` (each list only moves forward, as the docids do).
bool Excluded(std::vector<Xapian::PostingIterator>& excluded, Xapian::docid docid) {
  for (Xapian::PostingIterator& it : excluded) {
    it.skip_to(docid);
    if (it != Xapian::PostingIterator() && *it == docid) return true;
  }
  return false;
}

// NextCommon of two lists: each skips to where the other stands, and neither is asked twice.
Xapian::docid NextOfTwo(Xapian::PostingIterator& a, Xapian::PostingIterator& b) {
  const Xapian::PostingIterator end;
  if (a == end) return 0;
  for (Xapian::docid docid = *a;;) {
    b.skip_to(docid);
    if (b == end) return 0;
    const Xapian::docid at = *b;
    if (at == docid) return docid;
    a.skip_to(at);
    if (a == end) return 0;
    docid = *a;
    if (docid == at) return docid;
  }
}

// Moves every list to the next docid they all hold, at or after lists[0]'s; 0 at the end of one.
Xapian::docid NextCommon(std::vector<List>& lists) {
  if (lists.size() == 2) return NextOfTwo(lists[0].it, lists[1].it);
  const Xapian::PostingIterator end;
  if (lists[0].it == end) return 0;
  Xapian::docid docid = *lists[0].it;
  for (size_t i = 1; i < lists.size();) {
    lists[i].it.skip_to(docid);
    if (lists[i].it == end) return 0;
    const Xapian::docid at = *lists[i].it;
    if (at == docid) {
      ++i;
      continue;
    }
    lists[0].it.skip_to(at);
    if (lists[0].it == end) return 0;
    docid = *lists[0].it;
    i = 1;
  }
  return docid;
}

using Page = std::priority_queue<RankedItem, std::vector<RankedItem>, RanksBefore>;

// The page of one list with nothing to check or leave out, and its length: TopOfAll without its
// leapfrog, checks and sums (儿童, 150 k postings: 17.7 M instructions in Xapian's pruned match,
// 25.0 M in TopOfAll, 16.2 M here; most of it is Xapian's PostingIterator).
Xapian::doccount TopOfOneList(List& list, size_t need, Page* page) {
  const Xapian::PostingIterator end;
  Xapian::doccount n = 0;
  double floor = -1;  // the page's last weight once it is full: only a higher one enters
  for (; list.it != end; ++list.it, ++n) {
    const double weight = list.it.get_wdf() * list.idf * 1.0;
    if (weight <= floor || need == 0) continue;
    if (page->size() == need) page->pop();
    page->push({weight, *list.it});
    if (page->size() == need) floor = page->top().weight;
  }
  return n;
}

// The page of the items in every list, none of `excluded` and kept by `keeps`, and their number.
Xapian::doccount TopOfAll(std::vector<List>& lists, std::vector<Xapian::PostingIterator>& excluded,
                          const std::function<bool(Xapian::docid)>& keeps, size_t need,
                          Page* page) {
  Xapian::doccount n = 0;
  double floor = -1;  // the page's last weight once it is full
  for (Xapian::docid docid = NextCommon(lists); docid != 0;
       ++lists[0].it, docid = NextCommon(lists)) {
    if (!excluded.empty() && Excluded(excluded, docid)) continue;
    if (keeps && !keeps(docid)) continue;
    ++n;
    // ImpactWeight::get_sumpart (wdf × idf × a factor of 1), added as MultiAndPostList adds.
    double weight = 0;
    for (const List& l : lists) {
      if (l.weighs) weight += l.it.get_wdf() * l.idf * 1.0;
    }
    // Docids come in ascending order: an item of the same weight as the page's last ranks after it.
    if (weight <= floor || need == 0) continue;
    if (page->size() == need) page->pop();
    page->push({weight, docid});
    if (page->size() == need) floor = page->top().weight;
  }
  return n;
}

}  // namespace

bool MatchConjunction(const Xapian::Database& db, const Conjunction& c, size_t need,
                      const std::function<bool(Xapian::docid)>& keeps,
                      Xapian::doccount* total, std::vector<RankedItem>* best) {
  *total = 0;
  best->clear();
  const double size = db.get_doccount();
  std::vector<List> lists;
  for (const auto* terms : {&c.weighted, &c.filters}) {
    for (const std::string& term : *terms) {
      List l;
      l.frequency = db.get_termfreq(term);
      if (l.frequency == 0) return true;  // no item has it
      l.weighs = terms == &c.weighted;
      // ImpactWeight's idf, to the bit: log(N / n) of the frequencies as doubles.
      const double n = l.frequency;
      l.idf = std::log(size / n);
      l.it = db.postlist_begin(term);
      lists.push_back(std::move(l));
    }
  }
  if (lists.empty()) return false;
  std::stable_sort(lists.begin(), lists.end(),
                   [](const List& a, const List& b) { return a.frequency < b.frequency; });
  if (lists.size() > kInsertionSortedLists) return false;
  std::vector<Xapian::PostingIterator> excluded;
  for (const std::string& term : c.excluded) excluded.push_back(db.postlist_begin(term));
  Page page;
  *total = lists.size() == 1 && excluded.empty() && !keeps
               ? TopOfOneList(lists[0], need, &page)
               : TopOfAll(lists, excluded, keeps, need, &page);
  best->resize(page.size());
  for (size_t i = page.size(); i-- > 0; page.pop()) (*best)[i] = page.top();
  return true;
}

}  // namespace guihua::internal
