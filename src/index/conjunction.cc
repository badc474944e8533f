// MatchConjunction (internal/conjunction.h): a leapfrog over the terms' posting lists, the rarest
// first, each match weighed and kept in a heap of the page, and counted. Xapian's matcher ranked
// the same match with pruning and then counted it again with BoolWeight (two thirds of a common
// pair of words), or made a Document and an MSet item of every candidate its MatchDecider saw.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>
#include <utility>
#include <vector>

#include "index/internal/conjunction.h"
#include "index/internal/hot_postings.h"

namespace guihua::internal {

namespace {

// The first entry of low[from, end) at or after `t` (end if none), by galloping search from `from`:
// steps of 1, 2, 4 … then a binary search in the last step.
size_t Gallop(const uint16_t* low, size_t from, size_t end, uint16_t t) {
  if (from >= end || low[from] >= t) return from;
  size_t lo = from, step = 1;  // low[lo] < t
  while (lo + step < end && low[lo + step] < t) {
    lo += step;
    step *= 2;
  }
  return static_cast<size_t>(std::lower_bound(low + lo + 1, low + std::min(lo + step, end), t) -
                             low);
}

// A posting list read from its decoded arrays (HotList) when the reader holds them, else through
// Xapian's iterator: the same docids and wdfs, and skip_to moves as Xapian's does (to the first
// docid at or after the target, not back).
class Cursor {
 public:
  explicit Cursor(Xapian::PostingIterator it) : it_(std::move(it)) {}
  explicit Cursor(const HotList* hot) : hot_(hot) {
    window_end_ = hot_->window_start[1];
    SkipEmptyWindows();
  }
  const HotList* hot() const { return hot_; }
  bool AtEnd() const {
    return hot_ != nullptr ? pos_ == hot_->size() : it_ == Xapian::PostingIterator();
  }
  Xapian::docid Docid() const {
    return hot_ != nullptr ? window_ << 16 | hot_->low[pos_] : *it_;
  }
  Xapian::termcount Wdf() const { return hot_ != nullptr ? hot_->wdf[pos_] : it_.get_wdf(); }
  void Next() {
    if (hot_ == nullptr) {
      ++it_;
      return;
    }
    ++pos_;
    SkipEmptyWindows();
  }
  void SkipTo(Xapian::docid target) {
    if (hot_ == nullptr) {
      it_.skip_to(target);
    } else if (!AtEnd() && Docid() < target) {
      HotSkipTo(target);
    }
  }

 private:
  // Moves past windows that hold no more entries (pos_ at their end), to the next entry's window.
  void SkipEmptyWindows() {
    while (pos_ == window_end_ && pos_ < hot_->size()) {
      window_end_ = hot_->window_start[++window_ + 1];
    }
  }
  // Galloping search, within the target's window, for its first entry at or after the target.
  void HotSkipTo(Xapian::docid target) {
    const Xapian::docid window = target >> 16;
    if (window != window_) {
      if (window + 1 >= hot_->window_start.size()) {
        pos_ = hot_->size();
        return;
      }
      window_ = window;
      pos_ = std::max<size_t>(pos_, hot_->window_start[window]);
      window_end_ = hot_->window_start[window + 1];
    }
    pos_ = Gallop(hot_->low.data(), pos_, window_end_, static_cast<uint16_t>(target & 0xffff));
    SkipEmptyWindows();
  }

  Xapian::PostingIterator it_;
  const HotList* hot_ = nullptr;
  size_t pos_ = 0;
  size_t window_end_ = 0;
  Xapian::docid window_ = 0;
};

struct List {
  Cursor it{Xapian::PostingIterator()};
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
Xapian::docid NextOfTwo(Cursor& a, Cursor& b) {
  if (a.AtEnd()) return 0;
  for (Xapian::docid docid = a.Docid();;) {
    b.SkipTo(docid);
    if (b.AtEnd()) return 0;
    const Xapian::docid at = b.Docid();
    if (at == docid) return docid;
    a.SkipTo(at);
    if (a.AtEnd()) return 0;
    docid = a.Docid();
    if (docid == at) return docid;
  }
}

// Moves every list to the next docid they all hold, at or after lists[0]'s; 0 at the end of one.
Xapian::docid NextCommon(std::vector<List>& lists) {
  if (lists.size() == 2) return NextOfTwo(lists[0].it, lists[1].it);
  if (lists[0].it.AtEnd()) return 0;
  Xapian::docid docid = lists[0].it.Docid();
  for (size_t i = 1; i < lists.size();) {
    lists[i].it.SkipTo(docid);
    if (lists[i].it.AtEnd()) return 0;
    const Xapian::docid at = lists[i].it.Docid();
    if (at == docid) {
      ++i;
      continue;
    }
    lists[0].it.SkipTo(at);
    if (lists[0].it.AtEnd()) return 0;
    docid = lists[0].it.Docid();
    i = 1;
  }
  return docid;
}

// The best `need` items offered, in Xapian's relevance order. Items are offered in ascending
// docids, so one of the same weight as the page's last ranks after it and does not enter.
class Page {
 public:
  explicit Page(size_t need) : need_(need) {}
  // Whether an item of `weight` would enter (only a higher one than the last of a full page).
  bool Admits(double weight) const { return need_ > 0 && weight > floor_; }
  void Offer(double weight, Xapian::docid docid) {
    if (!Admits(weight)) return;
    if (heap_.size() == need_) heap_.pop();
    heap_.push({weight, docid});
    if (heap_.size() == need_) floor_ = heap_.top().weight;
  }
  // The items, best first; the page is left empty.
  std::vector<RankedItem> Take() {
    std::vector<RankedItem> best(heap_.size());
    for (size_t i = heap_.size(); i-- > 0; heap_.pop()) best[i] = heap_.top();
    return best;
  }

 private:
  const size_t need_;
  double floor_ = -1;  // the page's last weight once it is full
  std::priority_queue<RankedItem, std::vector<RankedItem>, RanksBefore> heap_;  // top: leaves first
};

// The page of one list with nothing to check or leave out, and its length: TopOfAll without its
// leapfrog, checks and sums (儿童, 150 k postings: 17.7 M instructions in Xapian's pruned match,
// 25.0 M in TopOfAll, 16.2 M here; most of it is Xapian's PostingIterator).
Xapian::doccount TopOfOneList(List& list, Page* page) {
  Xapian::doccount n = 0;
  for (; !list.it.AtEnd(); list.it.Next(), ++n) {
    page->Offer(list.it.Wdf() * list.idf * 1.0, list.it.Docid());
  }
  return n;
}

// TopOfOneList over a decoded list: a block of 128 whose highest wdf cannot pass the page's last
// weight is skipped whole (the weight grows with the wdf), so 儿童 reads a few blocks.
Xapian::doccount TopOfHotList(const HotList& list, double idf, Page* page) {
  for (size_t b = 0; b < list.block_max.size(); ++b) {
    if (!page->Admits(list.block_max[b] * idf * 1.0)) continue;
    const size_t end = std::min(list.size(), (b + 1) * HotList::kBlock);
    for (size_t i = b * HotList::kBlock; i < end; ++i) {
      const double weight = list.wdf[i] * idf * 1.0;
      if (!page->Admits(weight)) continue;
      // The entry's window: the last whose start is at or before it (empty ones share a start).
      const auto& starts = list.window_start;
      const auto window = std::upper_bound(starts.begin(), starts.end(), static_cast<uint32_t>(i)) -
                          starts.begin() - 1;
      page->Offer(weight, static_cast<Xapian::docid>(window) << 16 | list.low[i]);
    }
  }
  return static_cast<Xapian::doccount>(list.size());
}

// The page of the items in every list, none of `excluded` and kept by `keeps`, and their number.
Xapian::doccount TopOfAll(std::vector<List>& lists, std::vector<Xapian::PostingIterator>& excluded,
                          const std::function<bool(Xapian::docid)>& keeps, Page* page) {
  Xapian::doccount n = 0;
  for (Xapian::docid docid = NextCommon(lists); docid != 0;
       lists[0].it.Next(), docid = NextCommon(lists)) {
    if (!excluded.empty() && Excluded(excluded, docid)) continue;
    if (keeps && !keeps(docid)) continue;
    ++n;
    // ImpactWeight::get_sumpart (wdf × idf × a factor of 1), added as MultiAndPostList adds.
    double weight = 0;
    for (const List& l : lists) {
      if (l.weighs) weight += l.it.Wdf() * l.idf * 1.0;
    }
    page->Offer(weight, docid);
  }
  return n;
}

// TopOfAll where every list is decoded: window by window, the two rarest lists' entries are
// merged (or the longer galloped through, when it has 8 times the other's entries there) and the
// others galloped through at each docid they share; the same matches in the same order, weighed,
// checked and paged as TopOfAll does, without its cursors' work per step (a third of the pair
// 提高 社会).
class HotConjunction {
 public:
  HotConjunction(const std::vector<List>& lists, std::vector<Xapian::PostingIterator>& excluded,
                 const std::function<bool(Xapian::docid)>& keeps, Page* page)
      : excluded_(excluded), keeps_(keeps), filtered_(!excluded.empty() || keeps), page_(page), pos_(lists.size()), end_(lists.size()) {
    for (const List& l : lists) {
      hot_.push_back(l.it.hot());
      wdf_.push_back(l.it.hot()->wdf.data());
      idf_.push_back(l.weighs ? l.idf : 0.0);
    }
  }

  Xapian::doccount Run() {
    size_t windows = SIZE_MAX;
    for (const HotList* h : hot_) windows = std::min(windows, h->window_start.size() - 1);
    for (size_t w = 0; w < windows; ++w) {
      bool empty = false;
      for (size_t l = 0; l < hot_.size(); ++l) {
        pos_[l] = hot_[l]->window_start[w];
        end_[l] = hot_[l]->window_start[w + 1];
        empty = empty || pos_[l] == end_[l];
      }
      if (!empty) Window(static_cast<Xapian::docid>(w) << 16);
    }
    return n_;
  }

 private:
  void Window(Xapian::docid base) {
    const uint16_t* a = hot_[0]->low.data();
    if (hot_.size() == 1) {
      for (size_t i = pos_[0]; i < end_[0]; ++i) Visit(base | a[i], i, 0);
      return;
    }
    const size_t a_size = end_[0] - pos_[0], b_size = end_[1] - pos_[1];
    if (b_size > 8 * a_size || a_size + b_size < 256) {
      MergeWindow(base);
    } else {
      MapWindow(base);
    }
  }

  // The window's shared docids by a merge of the two rarest lists, or galloping through the
  // second when it has 8 times the first's entries there.
  void MergeWindow(Xapian::docid base) {
    const uint16_t* a = hot_[0]->low.data();
    const uint16_t* b = hot_[1]->low.data();
    size_t i = pos_[0], j = pos_[1];
    const size_t ae = end_[0], be = end_[1];
    const bool gallop = be - j > 8 * (ae - i);
    while (i < ae && j < be) {
      if (gallop) {
        j = Gallop(b, j, be, a[i]);
        if (j == be) break;
      }
      if (a[i] != b[j]) {
        const bool less = a[i] < b[j];
        i += less;
        j += !less;
        continue;
      }
      if (Others(a[i])) Visit(base | a[i], i, j);
      ++i;
      ++j;
    }
  }

  // The window's shared docids of two long lists: the first's entries are marked in a map by their
  // low bits, the second's looked up there, the hits kept without a branch (a merge takes one on
  // every step that goes either way, half of them mispredicted), and the map cleared again.
  void MapWindow(Xapian::docid base) {
    static thread_local std::vector<uint32_t> map(size_t{1} << 16);  // entry + 1, or 0
    const uint16_t* a = hot_[0]->low.data();
    const uint16_t* b = hot_[1]->low.data();
    for (size_t i = pos_[0]; i < end_[0]; ++i) map[a[i]] = static_cast<uint32_t>(i + 1);
    shared_.resize(end_[1] - pos_[1]);
    size_t n = 0;
    for (size_t j = pos_[1]; j < end_[1]; ++j) {
      const uint32_t at = map[b[j]];
      shared_[n] = {at - 1, static_cast<uint32_t>(j)};
      n += at != 0;
    }
    for (size_t i = pos_[0]; i < end_[0]; ++i) map[a[i]] = 0;
    for (size_t k = 0; k < n; ++k) {
      const auto [i, j] = shared_[k];
      if (Others(b[j])) Visit(base | b[j], i, j);
    }
  }

  // Whether the lists after the first two hold `low` in this window (each galloped to it).
  bool Others(uint16_t low) {
    for (size_t l = 2; l < hot_.size(); ++l) {
      pos_[l] = Gallop(hot_[l]->low.data(), pos_[l], end_[l], low);
      if (pos_[l] == end_[l] || hot_[l]->low[pos_[l]] != low) return false;
    }
    return true;
  }

  bool Kept(Xapian::docid docid) {
    return (excluded_.empty() || !Excluded(excluded_, docid)) && (!keeps_ || keeps_(docid));
  }

  // A docid in every list, at entry i of the first and j of the second (pos_ of the others).
  void Visit(Xapian::docid docid, size_t i, size_t j) {
    if (filtered_ && !Kept(docid)) return;
    ++n_;
    // ImpactWeight::get_sumpart (wdf × idf × a factor of 1), added as MultiAndPostList adds; a
    // filter's idf is 0 here, and adding 0 leaves the sum as it is.
    double weight = 0;
    weight += wdf_[0][i] * idf_[0] * 1.0;
    if (hot_.size() > 1) weight += wdf_[1][j] * idf_[1] * 1.0;
    for (size_t l = 2; l < hot_.size(); ++l) weight += wdf_[l][pos_[l]] * idf_[l] * 1.0;
    page_->Offer(weight, docid);
  }

  std::vector<Xapian::PostingIterator>& excluded_;
  const std::function<bool(Xapian::docid)>& keeps_;
  const bool filtered_;  // excluded_ or keeps_ to ask
  Page* page_;
  std::vector<const HotList*> hot_;
  std::vector<const uint8_t*> wdf_;
  std::vector<double> idf_;  // 0 for a filter
  std::vector<size_t> pos_, end_;  // per list, its entries in the window at hand
  std::vector<std::pair<uint32_t, uint32_t>> shared_;  // MapWindow's entries of shared docids
  Xapian::doccount n_ = 0;
};

}  // namespace

bool MatchConjunction(const Xapian::Database& db, const Conjunction& c, size_t need,
                      const std::function<bool(Xapian::docid)>& keeps, const HotPostings* hot,
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
      const HotList* decoded = hot != nullptr ? hot->Find(term) : nullptr;
      l.it = decoded != nullptr ? Cursor(decoded) : Cursor(db.postlist_begin(term));
      lists.push_back(std::move(l));
    }
  }
  if (lists.empty()) return false;
  std::stable_sort(lists.begin(), lists.end(),
                   [](const List& a, const List& b) { return a.frequency < b.frequency; });
  if (lists.size() > kInsertionSortedLists) return false;
  std::vector<Xapian::PostingIterator> excluded;
  for (const std::string& term : c.excluded) excluded.push_back(db.postlist_begin(term));
  Page page(need);
  const bool all_hot = std::all_of(lists.begin(), lists.end(),
                                   [](const List& l) { return l.it.hot() != nullptr; });
  if ((lists.size() > 1 || !excluded.empty() || keeps) && all_hot) {
    *total = HotConjunction(lists, excluded, keeps, &page).Run();
  } else if (lists.size() > 1 || !excluded.empty() || keeps) {
    *total = TopOfAll(lists, excluded, keeps, &page);
  } else if (lists[0].it.hot() != nullptr) {
    *total = TopOfHotList(*lists[0].it.hot(), lists[0].idf, &page);
  } else {
    *total = TopOfOneList(lists[0], &page);
  }
  *best = page.Take();
  return true;
}

}  // namespace guihua::internal
