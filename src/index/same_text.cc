// Same-text collapse at search (internal/same_text.h): who else prints a hit's text, found through
// the bucket terms of the hits' keys.
#include "index/internal/same_text.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "common/hash.h"
#include "index/internal/format.h"

namespace guihua::internal {

bool HasSameTextKeys(const Xapian::Database& db) {
  return db.get_doccount() == 0 || db.get_value_freq(kSameText) > 0;
}

// Counts the matches, those with a key, and their different keys, by a code of each match's key
// (0: none): the table's code, or without a table a code numbered here as the keys are met, each
// key that of the match's stored check text (SameTextKey, the hash of that text); when
// collapsing, keeps each key's first match and every match without a key.
class SameTextCounter::TableSpy final : public Xapian::MatchSpy {
 public:
  TableSpy(std::shared_ptr<const ItemTable> table, StoredTexts texts, bool collapse)
      : table_(std::move(table)),
        stored_(std::move(texts)),
        seen_(table_ ? table_->keys.size() + 1 : 64) {
    if (collapse) best_.reset(new Best[seen_.size()]);  // read only where seen_
  }

  void operator()(const Xapian::Document& doc, double weight) override {
    ++total_;
    const Xapian::docid docid = doc.get_docid();
    const uint32_t code = table_ ? table_->TextOf(docid) : KeyCode(doc);
    if (code == 0) {
      if (best_) keyless_.emplace_back(weight, docid);
      return;
    }
    ++keyed_;
    if (!seen_[code]) {
      seen_[code] = true;
      ++texts_;
      if (best_) {
        best_[code] = {weight, docid};
        codes_.push_back(code);
      }
    } else if (best_ && weight > best_[code].weight) {
      best_[code] = {weight, docid};
    }
  }

  bool collapses() const { return best_ != nullptr; }

  std::vector<std::pair<double, Xapian::docid>> Page(size_t offset, size_t limit) const {
    std::vector<std::pair<double, Xapian::docid>> hits = keyless_;
    for (uint32_t code : codes_) hits.emplace_back(best_[code].weight, best_[code].docid);
    const size_t end = std::min(hits.size(), offset + limit);
    auto order = [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(),
                      order);
    hits.resize(end);
    hits.erase(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(std::min(offset, end)));
    return hits;
  }

  size_t total_ = 0, keyed_ = 0, texts_ = 0;

 private:
  struct Best {
    double weight;
    Xapian::docid docid;
  };

  // The code of the key of `doc`'s stored check text (of its kSameText value when the store has
  // no text), numbered from 1 as met; 0 for none. Reading the value from Xapian was a B-tree
  // lookup and a value chunk decoded per match: 1.8 M of a cold `guihua search`'s 9.6 M
  // instructions on 200 plans, where the text is a read of the mapped store.
  uint32_t KeyCode(const Xapian::Document& doc) {
    if (const std::string_view text = stored_(doc.get_docid()); !text.empty()) {
      // The store keeps a text once per writer's run, so the items of a text mostly share its
      // bytes: hashed once.
      auto [at, added] = codes_by_text_.try_emplace(text.data(), text.size(), 0);
      if (!added && at->second.first == text.size()) return at->second.second;
      const uint32_t code = Code(SameTextNumberOf(text));
      at->second = {text.size(), code};
      return code;
    }
    const std::string value = doc.get_value(kSameText);
    if (value.empty()) return 0;
    uint64_t key = 0;
    if (!SameTextNumber(value, &key)) return Code(Fnv1a64(value) ^ 1);  // not SameTextKey's
    return Code(key);
  }
  uint32_t Code(uint64_t key) {
    const auto [at, added] = codes_by_key_.try_emplace(key, codes_by_key_.size() + 1);
    if (at->second >= seen_.size()) Grow();
    return at->second;
  }
  void Grow() {
    seen_.resize(seen_.size() * 2);
    if (!best_) return;
    std::unique_ptr<Best[]> more(new Best[seen_.size()]);
    for (uint32_t code : codes_) more[code] = best_[code];
    best_ = std::move(more);
  }

  std::shared_ptr<const ItemTable> table_;
  StoredTexts stored_;
  std::unordered_map<uint64_t, uint32_t> codes_by_key_;  // without a table
  std::unordered_map<const char*, std::pair<size_t, uint32_t>> codes_by_text_;  // (size, code)
  std::vector<bool> seen_;
  std::unique_ptr<Best[]> best_;
  std::vector<uint32_t> codes_;  // seen, in order
  std::vector<std::pair<double, Xapian::docid>> keyless_;
};

SameTextCounter::SameTextCounter(std::shared_ptr<const ItemTable> table, bool collapse,
                                 StoredTexts texts) {
  if (table && !table->text.empty()) {
    table_spy_ = std::make_unique<TableSpy>(std::move(table), nullptr, collapse);
  } else if (texts) {
    table_spy_ = std::make_unique<TableSpy>(nullptr, std::move(texts), collapse);
  } else {
    value_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(kSameText);
  }
}

bool SameTextCounter::collapses() const { return table_spy_ && table_spy_->collapses(); }

std::vector<std::pair<double, Xapian::docid>> SameTextCounter::Page(size_t offset,
                                                                    size_t limit) const {
  return table_spy_->Page(offset, limit);
}

SameTextCounter::~SameTextCounter() = default;

void SameTextCounter::AddTo(Xapian::Enquire& enquire) {
  if (table_spy_) {
    enquire.add_matchspy(table_spy_.get());
  } else {
    enquire.add_matchspy(value_spy_.get());
  }
}

void SameTextCounter::Count(SearchResult* result) const {
  size_t total = 0, keyed = 0, texts = 0;
  if (table_spy_) {
    total = table_spy_->total_;
    keyed = table_spy_->keyed_;
    texts = table_spy_->texts_;
  } else {
    for (auto v = value_spy_->values_begin(); v != value_spy_->values_end(); ++v) {
      keyed += v.get_termfreq();
      ++texts;
    }
    total = value_spy_->get_total();
  }
  result->total = total;
  result->total_exact = true;
  result->wordings = texts + (total - keyed);
  result->wordings_exact = true;
}

namespace {

// Adds each of `others`' wdf at `docid` × its term's idf (terms[1], terms[2] …) to `weight`, in
// that order, as Xapian's AND adds them; false when one of them does not hold `docid`. The lists
// only move forward, as the docids asked for do.
bool AddOthersAt(std::vector<Xapian::PostingIterator>& others, const std::vector<WeighedTerm>& terms,
                 Xapian::docid docid, double* weight) {
  const Xapian::PostingIterator end;
  for (size_t i = 0; i < others.size(); ++i) {
    others[i].skip_to(docid);
    if (others[i] == end || *others[i] != docid) return false;
    *weight += others[i].get_wdf() * terms[i + 1].idf * 1.0;
  }
  return true;
}

// Xapian 1.4's match loop of one weighted posting list with a collapse key (MultiMatch::get_mset,
// Collapser::process, CollapseData::add_item with collapse_max 1), step for step where its
// outcome depends on it: which candidates pass the pruning weight, which keys they bring, when
// the page's lowest item and weight move.
class TermCollapse {
 public:
  struct Item {
    double weight;
    Xapian::docid docid;
  };
  // Xapian's relevance order (msetcmp_by_relevance): higher weight, then lower docid first.
  static bool Better(const Item& a, const Item& b) {
    return a.weight > b.weight || (a.weight == b.weight && a.docid < b.docid);
  }

  TermCollapse(const ItemTable& table, size_t max_size, double max_weight)
      : table_(table), max_size_(max_size), max_weight_(max_weight),
        best_(new Item[table.keys.size() + 1]), seen_(table.keys.size() + 1, 0) {
    items_.reserve(max_size + 1);
  }

  // A candidate's weight below this is not considered (Consider would do nothing).
  double min_weight() const { return min_weight_; }

  // One candidate; false when the match ends (no candidate can pass any more).
  bool Consider(Xapian::docid docid, double weight) {
    if (weight < min_weight_) return true;
    const Item item{weight, docid};
    if (!Collapse(item)) return true;
    ++docs_matched_;
    items_.push_back(item);
    if (items_.size() <= max_size_) {
      is_heap_ = false;
      return true;
    }
    if (!is_heap_) {
      std::make_heap(items_.begin(), items_.end(), Better);
      is_heap_ = true;
    } else {
      std::push_heap(items_.begin(), items_.end(), Better);
    }
    std::pop_heap(items_.begin(), items_.end(), Better);
    items_.pop_back();
    min_item_ = items_.front();
    if (docs_matched_ >= max_size_ && min_item_.weight > min_weight_) min_weight_ = min_item_.weight;
    return max_weight_ >= min_weight_;
  }

  // The page from `offset` and the bounds of the collapsed match; `termfreq_max`: the match's
  // bound before collapsing (the shortest posting list's length).
  void Page(Xapian::doccount termfreq_max, size_t offset, CollapsedTermPage* page) {
    if (items_.size() < max_size_) {
      page->lower_bound = page->upper_bound = static_cast<Xapian::doccount>(items_.size());
    } else {
      page->lower_bound = static_cast<Xapian::doccount>(no_key_ + entries_);
      page->upper_bound = termfreq_max - static_cast<Xapian::doccount>(duplicates_);
    }
    std::sort(items_.begin(), items_.end(), Better);
    for (size_t i = offset; i < items_.size(); ++i) {
      page->hits.emplace_back(items_[i].weight, items_[i].docid);
    }
  }

 private:
  // The collapser's verdict on `item`; false: not added to the page (a better item of its text
  // is kept, or it took its text's item's place there).
  bool Collapse(const Item& item) {
    const uint32_t code = table_.TextOf(item.docid);
    if (code == 0) {
      ++no_key_;
      return true;
    }
    if (!seen_[code]) {
      seen_[code] = 1;
      best_[code] = item;
      ++entries_;
      return true;
    }
    ++duplicates_;
    if (Better(best_[code], item)) return false;
    const Item old = best_[code];
    best_[code] = item;
    if (old.weight >= min_weight_ && Better(old, min_item_)) {
      for (Item& kept : items_) {
        if (kept.docid != old.docid) continue;
        kept = item;  // in place: the page's lowest item and weight stay as they were
        is_heap_ = false;
        return false;
      }
    }
    return true;
  }

  const ItemTable& table_;
  const size_t max_size_;
  const double max_weight_;
  std::vector<Item> items_;  // once full, a heap with the lowest item first when is_heap_
  bool is_heap_ = false;
  Item min_item_{0.0, 0};
  double min_weight_ = 0;
  size_t docs_matched_ = 0, no_key_ = 0, entries_ = 0, duplicates_ = 0;
  std::unique_ptr<Item[]> best_;  // by code, read only where seen_
  std::vector<char> seen_;
};

}  // namespace

std::optional<CollapsedTermPage> CollapseTermMatch(const Xapian::Database& db,
                                                   const ItemTable& table,
                                                   const std::vector<WeighedTerm>& terms,
                                                   Xapian::doccount offset,
                                                   Xapian::doccount limit) {
  if (table.text.empty() || terms.empty() || limit == 0 || offset + limit < offset ||
      offset + limit > db.get_doccount()) {
    return std::nullopt;
  }
  double max_weight = 0;  // MultiAndPostList's max_total, a leaf's maxpart
  Xapian::doccount termfreq_max = db.get_doccount();
  std::vector<Xapian::PostingIterator> others;
  for (const WeighedTerm& t : terms) {
    if (!(t.idf > 0)) return std::nullopt;
    max_weight += db.get_wdf_upper_bound(t.term) * t.idf * 1.0;
    termfreq_max = std::min(termfreq_max, db.get_termfreq(t.term));
    if (&t != &terms[0]) others.push_back(db.postlist_begin(t.term));
  }
  TermCollapse collapse(table, offset + limit, max_weight);
  CollapsedTermPage page;
  bool open = true;
  const std::string& first = terms[0].term;
  const double idf = terms[0].idf;
  const Xapian::PostingIterator end;
  if (others.empty()) {  // one term (儿童), the loop of most of its instructions
    for (auto it = db.postlist_begin(first); it != end; ++it) {
      const double weight = it.get_wdf() * idf * 1.0;
      if (open && weight >= collapse.min_weight()) open = collapse.Consider(*it, weight);
    }
    page.total = db.get_termfreq(first);
  }
  for (auto it = others.empty() ? end : db.postlist_begin(first); it != end; ++it) {
    double weight = 0;
    weight += it.get_wdf() * idf * 1.0;
    if (!AddOthersAt(others, terms, *it, &weight)) continue;
    ++page.total;
    if (open && weight >= collapse.min_weight()) open = collapse.Consider(*it, weight);
  }
  collapse.Page(termfreq_max, offset, &page);
  return page;
}

namespace {

// CollapseLiteralMatch's walk: each text's verdict, weight and first item, and the counts.
class LiteralCollapse {
 public:
  LiteralCollapse(const Xapian::Database& db, const ItemTable& table,
                  const std::vector<WeighedTerm>& terms)
      : table_(table), terms_(terms), state_(table.keys.size() + 1, kUnknown),
        best_(new std::pair<double, Xapian::docid>[table.keys.size() + 1]) {
    for (size_t i = 1; i < terms.size(); ++i) others_.push_back(db.postlist_begin(terms[i].term));
  }

  // An item of the rarest term's list that the filters keep, with its wdf there; false when the
  // index disagrees with itself (a checked item without one of its literal's terms).
  template <typename Holds>
  bool Add(Xapian::docid docid, Xapian::termcount wdf, const Holds& holds, bool* matched) {
    const uint32_t code = table_.TextOf(docid);
    *matched = false;
    if (code != 0 && state_[code] != kUnknown) {
      *matched = state_[code] == kHolds;
    } else if (holds(docid)) {
      double weight = 0;
      if (!Weigh(docid, wdf, &weight)) return false;
      if (code == 0) {
        pages_.emplace_back(weight, docid);
      } else {
        best_[code] = {weight, docid};
        codes_.push_back(code);
      }
      *matched = true;
    }
    if (code != 0) state_[code] = *matched ? kHolds : kFails;
    if (*matched) {
      ++total_;
      if (code != 0) ++keyed_;
    }
    return true;
  }

  CollapsedMatch Result(size_t offset, size_t limit) {
    CollapsedMatch out;
    out.total = total_;
    out.wordings = codes_.size() + (total_ - keyed_);
    for (uint32_t code : codes_) pages_.push_back(best_[code]);
    const size_t end = std::min(pages_.size(), offset + limit);
    auto order = [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    };
    std::partial_sort(pages_.begin(), pages_.begin() + static_cast<std::ptrdiff_t>(end),
                      pages_.end(), order);
    for (size_t i = offset; i < end; ++i) out.hits.push_back(pages_[i]);
    return out;
  }

 private:
  enum : char { kUnknown, kHolds, kFails };

  // The item's weight as Xapian's AND adds it: each term's wdf × idf, in `terms_` order.
  bool Weigh(Xapian::docid docid, Xapian::termcount wdf, double* weight) {
    *weight = 0;
    *weight += wdf * terms_[0].idf * 1.0;
    return AddOthersAt(others_, terms_, docid, weight);
  }

  const ItemTable& table_;
  const std::vector<WeighedTerm>& terms_;
  std::vector<Xapian::PostingIterator> others_;
  std::vector<char> state_;  // by code
  std::unique_ptr<std::pair<double, Xapian::docid>[]> best_;  // by code, where kHolds
  std::vector<uint32_t> codes_;  // that hold, in order
  std::vector<std::pair<double, Xapian::docid>> pages_;  // the keyless items that hold
  size_t total_ = 0, keyed_ = 0;
};

}  // namespace

std::optional<CollapsedMatch> CollapseLiteralMatch(
    const Xapian::Database& db, const ItemTable& table, const std::vector<WeighedTerm>& terms,
    const std::function<bool(Xapian::docid)>& keeps,
    const std::function<bool(Xapian::docid)>& holds,
    const std::function<void(Xapian::docid)>& count, size_t offset, size_t limit) {
  if (table.text.empty() || terms.empty()) return std::nullopt;
  LiteralCollapse collapse(db, table, terms);
  const std::string& rarest = terms[0].term;
  for (auto it = db.postlist_begin(rarest); it != db.postlist_end(rarest); ++it) {
    const Xapian::docid docid = *it;
    if (keeps && !keeps(docid)) continue;
    bool matched = false;
    if (!collapse.Add(docid, it.get_wdf(), holds, &matched)) return std::nullopt;
    if (matched && count) count(docid);
  }
  return collapse.Result(offset, limit);
}

namespace {

struct SameTextItems {
  int items = 0;
  std::vector<std::pair<std::string, std::string>> places;  // (document id, district)
  // From the item table: each item's place as document code << 16 | district code. A text printed
  // in hundreds of items is in far fewer documents; the codes are sorted and made unique before
  // any string is looked at (sorting the places as strings was most of a common word's same texts).
  std::vector<uint64_t> coded;
};

// Where an item stands: its document id, and its district (else its document id).
std::pair<std::string, std::string> PlaceOf(const Xapian::Document& doc) {
  std::string document = ItemDocumentId(doc);
  std::string district = doc.get_value(kDistrict);
  return {document, district.empty() ? document : district};
}

// The values in `slot` of `docids` (ascending), "" where one has none: one pass over the slot's
// value stream, where a document's get_value per slot moved the table's one cursor between the
// slots' streams and read the same blocks again for every item.
std::vector<std::string> ValuesInOrder(const Xapian::Database& db, Xapian::valueno slot,
                                       const std::vector<Xapian::docid>& docids) {
  std::vector<std::string> out(docids.size());
  Xapian::ValueIterator it = db.valuestream_begin(slot);
  for (size_t i = 0; i < docids.size() && it != db.valuestream_end(slot); ++i) {
    if (it.get_docid() < docids[i]) it.skip_to(docids[i]);
    if (it != db.valuestream_end(slot) && it.get_docid() == docids[i]) out[i] = *it;
  }
  return out;
}

// The same-text keys of `docids` (ascending): the keys of their stored check texts, unless `texts`
// is null or lacks one; then their kSameText values, a value chunk decoded per docid.
std::vector<std::string> KeysInOrder(const Xapian::Database& db,
                                     const SameTextCounter::StoredTexts& texts,
                                     const std::vector<Xapian::docid>& docids) {
  std::vector<std::string> out;
  out.reserve(docids.size());
  for (size_t i = 0; texts && i < docids.size(); ++i) {
    const std::string_view text = texts(docids[i]);
    if (text.empty()) break;
    out.push_back(SameTextKey(text));
  }
  return out.size() == docids.size() ? out : ValuesInOrder(db, kSameText, docids);
}

// The districts, each once, in the order of their documents' ids: the same however the index is
// split into shards (docids are not).
std::vector<std::string> Districts(std::vector<std::pair<std::string, std::string>> places) {
  std::sort(places.begin(), places.end());
  std::vector<std::string> out;
  std::set<std::string_view> seen;
  for (auto& [document, district] : places) {
    if (seen.insert(district).second) out.push_back(district);
  }
  return out;
}

// Districts of places given as codes of the table: ordered by the documents' ranks, then the
// places' names, as the strings would be; a district is a name, so a place without one (named by
// its document id) is compared by name with the others (rare: every plan has its district).
std::vector<std::string> CodedDistricts(const ItemTable& table, std::vector<uint64_t> coded) {
  const ItemTable::Slot& districts = table.facets[0];
  auto name = [&](uint64_t place) -> const std::string& {
    const std::string& district = districts.names[place & 0xFFFF];
    return district.empty() ? table.documents[place >> 16] : district;
  };
  std::sort(coded.begin(), coded.end());
  coded.erase(std::unique(coded.begin(), coded.end()), coded.end());
  std::sort(coded.begin(), coded.end(), [&](uint64_t a, uint64_t b) {
    const uint32_t rank_a = table.document_rank[a >> 16], rank_b = table.document_rank[b >> 16];
    return rank_a != rank_b ? rank_a < rank_b : name(a) < name(b);
  });
  std::vector<std::string> out;
  std::vector<char> seen(districts.names.size(), 0);
  std::vector<std::string_view> unnamed;  // the names of places without a district, output
  auto in = [](const auto& names, std::string_view n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  for (uint64_t place : coded) {
    const size_t code = place & 0xFFFF;
    if (code != 0 && (seen[code] || in(unnamed, name(place)))) continue;
    if (code == 0 && in(out, name(place))) continue;
    if (code != 0) seen[code] = 1;
    if (code == 0) unnamed.push_back(name(place));
    out.push_back(name(place));
  }
  return out;
}

// The districts of a key's items, from their codes, or from strings when some were read from
// their documents.
std::vector<std::string> DistrictsOf(const ItemTable* table, const SameTextItems& items) {
  if (items.places.empty() && table != nullptr) return CodedDistricts(*table, items.coded);
  std::vector<std::pair<std::string, std::string>> places = items.places;
  for (uint64_t place : items.coded) {
    const std::string& document = table->documents[place >> 16];
    const std::string& district = table->facets[0].names[place & 0xFFFF];
    places.emplace_back(document, district.empty() ? document : district);
  }
  return Districts(std::move(places));
}

// Adds an item's place from the table (else from its document).
void AddPlace(const Xapian::Database& db, const ItemTable& table, Xapian::docid docid,
              SameTextItems* items) {
  const uint32_t document = docid < table.document.size() ? table.document[docid] : 0;
  if (document == 0 || !table.facets[0].ok()) {
    items->places.push_back(PlaceOf(db.get_document(docid)));
    return;
  }
  items->coded.push_back(uint64_t{document} << 16 | table.facets[0].codes[docid]);
}

// The items of the wanted keys that `filter` keeps, through the keys' bucket terms; `add` is
// called with each item and its key.
template <typename Add>
void FindByBuckets(const Xapian::Database& db, const Xapian::Query& filter,
                   const std::vector<std::string>& keys, const Add& add) {
  std::vector<Xapian::Query> buckets;
  for (const std::string& key : keys) buckets.emplace_back(SameTextBucketTerm(key));
  Xapian::Query query(Xapian::Query::OP_OR, buckets.begin(), buckets.end());
  if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(db.get_doccount(), 1));
  for (auto it = mset.begin(); it != mset.end(); ++it) add(*it);
}

}  // namespace

void FillSameText(const Xapian::Database& db, const Xapian::Query& filter,
                  const std::vector<std::string>& keys, const ItemTable* table,
                  std::vector<SearchHit>* hits, const std::function<bool(Xapian::docid)>& keeps,
                  const SameTextCounter::StoredTexts& texts) {
  if (table != nullptr && table->text.empty()) table = nullptr;
  std::map<std::string, SameTextItems> wanted;
  std::vector<std::string> distinct;
  for (const std::string& key : keys) {
    if (key.empty() || !wanted.emplace(key, SameTextItems{}).second) continue;
    distinct.push_back(key);
  }
  if (wanted.empty()) return;
  if (table == nullptr) {
    std::vector<Xapian::docid> docids;  // the places are sorted later: the order is free
    FindByBuckets(db, filter, distinct, [&](Xapian::docid docid) { docids.push_back(docid); });
    std::sort(docids.begin(), docids.end());
    std::vector<std::string> keys_of = KeysInOrder(db, texts, docids);
    std::vector<Xapian::docid> kept;
    std::vector<SameTextItems*> kept_items;
    for (size_t i = 0; i < docids.size(); ++i) {
      auto found = wanted.find(keys_of[i]);
      if (found == wanted.end()) continue;  // another key of the same bucket
      ++found->second.items;
      kept.push_back(docids[i]);
      kept_items.push_back(&found->second);
    }
    std::vector<std::string> data = ValuesInOrder(db, kItemData, kept);
    std::vector<std::string> district = ValuesInOrder(db, kDistrict, kept);
    for (size_t i = 0; i < kept.size(); ++i) {
      std::string document = ItemDocumentIdOf(data[i]);
      kept_items[i]->places.emplace_back(document, district[i].empty() ? document : district[i]);
    }
  } else if (filter.empty()) {
    for (auto& [key, items] : wanted) {
      const uint32_t code = table->TextCode(key);
      if (code == 0) continue;
      for (uint32_t i = table->text_first[code - 1]; i < table->text_first[code]; ++i) {
        if (keeps && !keeps(table->text_docids[i])) continue;
        ++items.items;
        AddPlace(db, *table, table->text_docids[i], &items);
      }
    }
  } else {
    std::map<uint32_t, SameTextItems*> by_code;
    for (auto& [key, items] : wanted) by_code[table->TextCode(key)] = &items;
    FindByBuckets(db, filter, distinct, [&](Xapian::docid docid) {
      auto found = by_code.find(table->TextOf(docid));
      if (found == by_code.end() || found->first == 0) return;  // another key of the bucket
      ++found->second->items;
      AddPlace(db, *table, docid, found->second);
    });
  }
  for (size_t i = 0; i < hits->size() && i < keys.size(); ++i) {
    auto found = wanted.find(keys[i]);
    if (found == wanted.end() || found->second.items == 0) continue;
    (*hits)[i].same_text = found->second.items;
    (*hits)[i].same_text_districts = DistrictsOf(table, found->second);
  }
}

}  // namespace guihua::internal
