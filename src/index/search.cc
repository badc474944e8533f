// Search: the query (internal/query.h) made into a candidate query of bigrams, filters (facets,
// years, value ranges) added, dead revisions left out, candidates checked against the literals
// (inside Xapian's match or on the client), ranked or sorted, with facet counts and marks.
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "common/utf8.h"
#include "index/index.h"
#include "index/internal/conjunction.h"
#include "index/internal/facet_counter.h"
#include "index/internal/format.h"
#include "index/internal/item_table.h"
#include "index/internal/query.h"
#include "index/internal/reader.h"
#include "index/internal/same_text.h"
#include "index/internal/text_code.h"
#include "normalize/normalize.h"

namespace guihua {

using internal::CheckTextOf;
using internal::FacetPrefixes;
using internal::FromCurrentException;
using internal::FromXapian;
using internal::IndicatorValueSlot;
using internal::kSameText;
using internal::kBlock;
using internal::kDistrict;
using internal::kDomain;
using internal::kPeriodText;
using internal::Term;

namespace {

// Candidates fetched in the first round of the rank-order check (each next round, twice as many).
constexpr Xapian::doccount kVerifyBatch = 64;

// True when the candidate query of `node` is already exact: every literal is one run of one or two
// indexable characters, i.e. a single index term (or the terms that begin with one character).
bool IsExact(const internal::QueryNode& node) {
  if (node.kind == internal::QueryNode::Kind::kText) {
    auto runs = internal::IndexableRuns(node.text);
    if (runs.size() != 1 || runs[0].size() > 2) return false;
    return runs[0].size() == utf8::Length(node.text);  // nothing outside the run
  }
  return std::all_of(node.children.begin(), node.children.end(), IsExact);
}

// Any subset of the bigrams gives a superset of the items, and the check decides; the rarest few
// narrow nearly as well as all of them, and intersecting the posting lists of common bigrams
// (儿童, 保护) is what makes a long phrase slow.
void KeepRarestBigrams(const Xapian::Database& db, std::vector<std::string>* bigrams) {
  constexpr size_t kMaxBigrams = 3;
  if (bigrams->size() <= kMaxBigrams) return;
  std::vector<std::pair<Xapian::doccount, std::string>> by_frequency;
  for (std::string& b : *bigrams) by_frequency.emplace_back(db.get_termfreq(b), std::move(b));
  std::sort(by_frequency.begin(), by_frequency.end());
  by_frequency.erase(std::unique(by_frequency.begin(), by_frequency.end()), by_frequency.end());
  bigrams->clear();
  for (size_t i = 0; i < std::min(kMaxBigrams, by_frequency.size()); ++i) {
    bigrams->push_back(std::move(by_frequency[i].second));
  }
}

// The candidates of one literal. Each run of indexable characters narrows them: a one-character
// run to the items with a term that begins with it, a longer run to those with all of its bigrams.
Xapian::Query TextCandidates(const std::string& text, const Xapian::Database& db) {
  std::vector<Xapian::Query> parts;
  std::vector<std::string> bigrams;
  for (const auto& run : internal::IndexableRuns(text)) {
    if (run.size() == 1) {
      std::vector<Xapian::Query> alts;
      for (auto t = db.allterms_begin(run[0]); t != db.allterms_end(run[0]); ++t) {
        alts.emplace_back(*t);
      }
      parts.emplace_back(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
      continue;
    }
    for (size_t i = 0; i + 1 < run.size(); ++i) bigrams.push_back(run[i] + run[i + 1]);
  }
  KeepRarestBigrams(db, &bigrams);
  // Beside bigrams, a one-character run only narrows: its synonym would weigh the sum of the
  // impacts of every term that begins with it (impacts add, where BM25 saturated the count),
  // so an item full of numbers would outrank the one that matches the bigrams best.
  if (!bigrams.empty()) {
    for (Xapian::Query& part : parts) part = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, part, 0);
  }
  for (const std::string& b : bigrams) parts.emplace_back(b);
  if (parts.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

// The bigrams of a literal's candidates when each of its runs of indexable characters has two or
// more (its candidates are then the AND of these, the rarest three of them): none otherwise.
std::optional<std::vector<std::string>> LiteralBigrams(const std::string& text,
                                                       const Xapian::Database& db) {
  std::vector<std::string> bigrams;
  for (const auto& run : internal::IndexableRuns(text)) {
    if (run.size() < 2) return std::nullopt;
    for (size_t i = 0; i + 1 < run.size(); ++i) bigrams.push_back(run[i] + run[i + 1]);
  }
  KeepRarestBigrams(db, &bigrams);
  return bigrams;
}

// Candidate query: every literal becomes the AND of its bigrams, a superset of the items that hold
// it (exact for one or two characters). A NOT narrows candidates only when its operand is exact;
// otherwise the text check after the match decides.
Xapian::Query Candidates(const internal::QueryNode& node, const Xapian::Database& db) {
  using Kind = internal::QueryNode::Kind;
  switch (node.kind) {
    case Kind::kText:
      return TextCandidates(node.text, db);
    case Kind::kAnd: {
      std::vector<Xapian::Query> positive, negative;
      for (const auto& c : node.children) {
        if (c.kind != Kind::kNot) {
          positive.push_back(Candidates(c, db));
        } else if (IsExact(c)) {
          negative.push_back(Candidates(c.children[0], db));
        }
      }
      Xapian::Query query =
          positive.empty() ? Xapian::Query::MatchAll
                           : Xapian::Query(Xapian::Query::OP_AND, positive.begin(), positive.end());
      if (negative.empty()) return query;
      return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                           Xapian::Query(Xapian::Query::OP_OR, negative.begin(), negative.end()));
    }
    case Kind::kOr: {
      std::vector<Xapian::Query> parts;
      for (const auto& c : node.children) parts.push_back(Candidates(c, db));
      return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
    case Kind::kNot:
      if (IsExact(node)) {
        return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                             Candidates(node.children[0], db));
      }
      return Xapian::Query::MatchAll;
    case Kind::kAll:
      return Xapian::Query::MatchAll;
  }
  return Xapian::Query::MatchAll;
}

std::string Folded(std::string s) {
  internal::FoldAscii(s);
  return s;
}

// A positive literal, ASCII-folded and in the text code, for marking hits.
struct MarkedLiteral {
  std::string folded, coded;
};

// When each literal occurs in the folded printed text as often as in the item's check text, those
// are its occurrences (a literal is normalized, so where it is printed as itself, it is itself in
// the working text too): marks without normalizing the hit's text, a fifth of a phrase query's
// time. False when the counts differ (a match across a traditional, full-width or wrapped
// character) or the check text is not at hand.
bool MarkPrintedLiterals(const std::vector<MarkedLiteral>& literals, std::string_view check_text,
                         SearchHit& hit) {
  if (check_text.empty()) return false;
  const std::string printed = Folded(hit.text);
  std::vector<std::pair<size_t, size_t>> marks;
  for (const MarkedLiteral& literal : literals) {
    const std::string& needle = literal.folded;
    size_t found = 0;
    for (size_t at = printed.find(needle); at != std::string::npos && !needle.empty();
         at = printed.find(needle, at + 1), ++found) {
      marks.emplace_back(at, at + needle.size());
    }
    if (found != internal::CountCoded(check_text, literal.coded)) return false;
  }
  std::sort(marks.begin(), marks.end());
  hit.marks = std::move(marks);
  return true;
}

// Every occurrence of every positive literal, mapped from the working text back to the printed.
void MarkLiterals(const std::vector<MarkedLiteral>& literals, std::string_view check_text,
                  SearchHit& hit) {
  if (MarkPrintedLiterals(literals, check_text, hit)) return;
  MappedText working = Normalize(hit.text);
  std::string folded = Folded(working.text);
  for (const MarkedLiteral& literal : literals) {
    const std::string& needle = literal.folded;
    for (size_t at = folded.find(needle); at != std::string::npos && !needle.empty();
         at = folded.find(needle, at + 1)) {
      size_t b = working.origin[at];
      size_t last = working.origin[at + needle.size() - 1];
      size_t e = last + utf8::SequenceLength(static_cast<unsigned char>(hit.text[last]));
      hit.marks.emplace_back(b, e);
    }
  }
  std::sort(hit.marks.begin(), hit.marks.end());
}

// The facet filters (district, domain, block) of a search that checks every candidate, read from
// the item table's codes in that check rather than matched on their posting lists, when a
// filter's list is long beside the candidates (a block: a third of the items): Xapian decodes
// such a list nearly whole to skip to each candidate (家长学校 block:goal, 10.9 M -> 7.8 M
// instructions), where a short one costs less than the candidates it would let through (心理健康
// domain:children.health, 27 k items, went 10.4 M -> 12.1 M). The set matched is the same (each
// code's term is the one its items carry) and filters weigh nothing, so the hits, their order and
// the counts of a search that sees every match are the same too.
class TableFilter {
 public:
  // Takes the filters the table checks out of `filter_terms` (with a null table, none):
  // those of more than kLongList times `candidates` items (a bound of the candidates; with 0,
  // every filter the table knows that has items).
  TableFilter(std::shared_ptr<const internal::ItemTable> table, const Xapian::Database& db,
              Xapian::doccount candidates, std::vector<Xapian::Query>* filter_terms)
      : table_(std::move(table)) {
    if (table_ == nullptr) return;
    constexpr double kLongList = 16;
    std::erase_if(*filter_terms, [&](const Xapian::Query& q) {
      return q.get_type() == Xapian::Query::LEAF_TERM &&
             db.get_termfreq(*q.get_terms_begin()) > kLongList * candidates && Take(q);
    });
  }

  bool Keeps(Xapian::docid docid) const {
    for (const Rule& rule : rules_) {
      const uint16_t code = docid < rule.codes->size() ? (*rule.codes)[docid] : 0;
      if (!rule.allowed[code]) return false;
    }
    return true;
  }

 private:
  struct Rule {
    const std::vector<uint16_t>* codes;
    std::vector<char> allowed;  // by code
  };

  bool Take(const Xapian::Query& query) {
    if (query.get_type() != Xapian::Query::LEAF_TERM) return false;
    const std::string term = *query.get_terms_begin();
    for (size_t i = 0; i < std::size(internal::kFacetSlots); ++i) {
      const internal::ItemTable::Slot& slot = table_->facets[i];
      const std::string& prefix = FacetPrefixes().at(internal::kFacetNames[i]);
      if (!slot.ok() || term.compare(0, prefix.size(), prefix) != 0) continue;
      Rule rule{&slot.codes, std::vector<char>(slot.names.size(), 0)};
      for (size_t code = 0; code < slot.terms.size(); ++code) rule.allowed[code] = slot.terms[code] == term;
      rules_.push_back(std::move(rule));
      return true;
    }
    return false;
  }

  std::shared_ptr<const internal::ItemTable> table_;
  std::vector<Rule> rules_;
};

// Checks a candidate against the query on its check text: inside Xapian's match (one database), or
// on the client. The literals are encoded once, as check texts are. The text comes from the
// check-text store, by the candidate's docid in the searched database, or else (an item of a
// remote shard, which keeps its printed text) from the item's stored fields.
class LiteralCheck final : public Xapian::MatchDecider {
 public:
  // `store`: the one local database's store, read directly instead of through `stored_text`.
  // `table`: its item table, whose same-text codes keep a verdict per text (items of one key have
  // one check text): a text printed in hundreds of plans is checked once, where the verdicts by
  // the text's place in the store forget it among the others.
  LiteralCheck(const internal::QueryNode& root,
               std::function<std::string_view(Xapian::docid)> stored_text,
               const TableFilter* table_filter = nullptr,
               const internal::CheckStoreReader* store = nullptr,
               std::shared_ptr<const internal::ItemTable> table = nullptr)
      : root_(root),
        stored_text_(std::move(stored_text)),
        table_filter_(table_filter),
        store_(store),
        table_(table && !table->text.empty() ? std::move(table) : nullptr) {
    Encode(root);
  }
  // Inside the match, a document knows its docid within its own database only: that is the
  // searched database's docid when it is the only one.
  bool operator()(const Xapian::Document& doc) const override {
    return Holds(doc, doc.get_docid());
  }

  bool Holds(const Xapian::Document& doc, Xapian::docid docid) const {
    return Holds(docid, [&doc] { return doc; });
  }

  // The same, for a caller that has no Document at hand: `document()` makes it when the check
  // text is not in the store.
  template <typename MakeDocument>
  bool Holds(Xapian::docid docid, const MakeDocument& document) const {
    if (table_filter_ != nullptr && !table_filter_->Keeps(docid)) return false;
    const uint32_t code = table_ ? table_->TextOf(docid) : 0;
    if (code == 0) return HoldsText(docid, document);
    if (text_verdicts_.empty()) text_verdicts_.assign(table_->keys.size() + 1, 0);
    if (text_verdicts_[code] == 0) text_verdicts_[code] = HoldsText(docid, document) ? 1 : 2;
    return text_verdicts_[code] == 1;
  }

 private:
  template <typename MakeDocument>
  bool HoldsText(Xapian::docid docid, const MakeDocument& document) const {
    if (store_ != nullptr) PrefetchAhead(docid);
    std::string_view text = store_ != nullptr ? store_->Text(docid) : stored_text_(docid);
    if (text.empty()) return Check(CheckTextOf(document()));
    // A text stored once for several items (the same measure in several plans) is checked once:
    // its verdict is kept by the text's place in the store, in a table of the last ones seen
    // (cheaper than a map for the many texts that are stored once). The table starts small, for
    // the many queries of a few hundred candidates, and grows 16-fold, once, past 4 checks a slot
    // (未成年, 25 k candidates on 1,000 plans: 18.1 M -> 13.8 M instructions with 4,096 slots;
    // that many from the start cost the bench's phrases 1.3% more).
    if (--checks_to_grow_ == 0) GrowVerdicts();
    const size_t slot = VerdictSlot(text.data());
    if (checked_[slot] != text.data()) {
      checked_[slot] = text.data();
      holds_[slot] = Check(text);
    }
    return holds_[slot] != 0;
  }

  // Candidates come in ascending docids, a few dozen apart where a literal is common: its check
  // then read a store index entry in another cache line for nearly every one, missed (a cold
  // 的意识和能力 at 10,000 plans: 66 k of the search's 67 k last-level misses in callgrind's
  // cache model). The entries up to kAhead docids ahead are fetched before they are read, half
  // that at a time; a candidate far from the last starts anew (a rare literal's few candidates
  // fetch nothing ahead).
  void PrefetchAhead(Xapian::docid docid) const {
    constexpr Xapian::docid kAhead = 192;  // about a kilobyte of entries
    if (docid - last_docid_ <= kAhead && prefetched_to_ < docid + kAhead / 2) {
      store_->PrefetchEntries(std::max(prefetched_to_ + 1, docid), docid + kAhead);
      prefetched_to_ = docid + kAhead;
    }
    last_docid_ = docid;
  }

  size_t VerdictSlot(const char* place) const {
    return (reinterpret_cast<uintptr_t>(place) * 0x9E3779B97F4A7C15ull) >> (64 - verdict_bits_);
  }

  // The first table, or the larger one with the verdicts of the first moved over.
  void GrowVerdicts() const {
    std::vector<const char*> checked = std::move(checked_);
    std::vector<char> holds = std::move(holds_);
    verdict_bits_ = checked.empty() ? kVerdictBits : kVerdictBits + 4;
    checks_to_grow_ = checked.empty() ? 4 << kVerdictBits : SIZE_MAX;
    checked_.assign(size_t{1} << verdict_bits_, nullptr);
    holds_.assign(size_t{1} << verdict_bits_, 0);
    for (size_t i = 0; i < checked.size(); ++i) {
      if (checked[i] == nullptr) continue;
      checked_[VerdictSlot(checked[i])] = checked[i];
      holds_[VerdictSlot(checked[i])] = holds[i];
    }
  }

  void Encode(const internal::QueryNode& node) {
    if (node.kind == internal::QueryNode::Kind::kText) {
      encoded_.emplace_back(&node.text, internal::EncodeText(node.text));
    }
    for (const internal::QueryNode& child : node.children) Encode(child);
  }

  // A query of one literal (most are) is that literal's test, without walking the tree.
  bool Check(std::string_view text) const {
    if (root_.kind == internal::QueryNode::Kind::kText) {
      return internal::HoldsCoded(text, encoded_[0].second);
    }
    return internal::Matches(root_, [&](const std::string& literal) {
      auto found = std::find_if(encoded_.begin(), encoded_.end(),
                                [&](const auto& e) { return e.first == &literal; });
      return internal::HoldsCoded(text, found->second);
    });
  }

  const internal::QueryNode& root_;
  std::function<std::string_view(Xapian::docid)> stored_text_;
  const TableFilter* table_filter_;
  const internal::CheckStoreReader* store_;
  std::shared_ptr<const internal::ItemTable> table_;
  mutable std::vector<char> text_verdicts_;  // by same-text code: 0 unknown, 1 holds, 2 not
  // Each literal's code, by its address in the tree (a query has a few).
  std::vector<std::pair<const std::string*, std::string>> encoded_;
  // The verdicts of this query by the text's place in the store (one text, one place).
  static constexpr int kVerdictBits = 8;
  mutable int verdict_bits_ = kVerdictBits;
  mutable size_t checks_to_grow_ = 1;  // the first check makes the table
  mutable std::vector<const char*> checked_;
  mutable std::vector<char> holds_;
  mutable Xapian::docid last_docid_ = 0, prefetched_to_ = 0;  // PrefetchAhead's
};

// True for the orders by the filtered indicator's target value (SearchRequest::sort).
bool SortsByValue(const std::string& sort) { return sort == "value" || sort == "value-desc"; }

// A hit's sort key as people read it: the period's text, or the target value.
std::string SortKeyText(const std::string& sort, const std::string& key) {
  if (sort == "period") return internal::PeriodOfSortKey(key);
  if (!SortsByValue(sort)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", Xapian::sortable_unserialise(key));
  return text;
}

// The exact number of items that match `query`, by Xapian's matcher with no weights and no page: a
// pass over the posting lists alone, as Lucene counts with a TotalHitCountCollector.
Xapian::doccount CountMatches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire count(db);
  count.set_query(query);
  count.set_weighting_scheme(Xapian::BoolWeight());
  return count.get_mset(0, 0, db.get_doccount()).get_matches_lower_bound();
}

// The total and wordings of MatchSearch's match: a single term's frequency (`counted`), the
// matches counted apart with no weights (`count_apart`), the same-text spy's counts when
// collapsing, else Xapian's bounds. `wordings` is exact from the spy when every match is seen,
// else a bound.
void SetTotals(const Xapian::Database& db, const Xapian::Enquire& enquire, const Xapian::MSet& mset,
               const std::string& single_term, bool counted, bool count_apart, bool collapse,
               internal::SameTextCounter& same_texts, SearchResult* result) {
  if (counted) {
    result->total = db.get_termfreq(single_term);
  } else if (count_apart) {
    // Collapsed, Xapian's bounds count texts, not items.
    result->total = !collapse && mset.get_matches_lower_bound() == mset.get_matches_upper_bound()
                        ? mset.get_matches_lower_bound()
                        : CountMatches(db, enquire.get_query());
  } else if (collapse) {
    same_texts.Count(result);
  } else {
    result->total = mset.get_matches_lower_bound();
    result->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  }
  if ((counted || count_apart) && collapse) {  // not every match was seen: a bound
    result->wordings = mset.get_matches_lower_bound();
    result->wordings_exact = result->wordings == mset.get_matches_upper_bound();
  } else if (!collapse) {
    result->wordings = result->total;
    result->wordings_exact = result->total_exact;
  }
}

// log(N / n) of a term in `n` of `size` items (0 for none), as ImpactWeight weighs it.
double TermIdf(double n, double size) { return n == 0 ? 0 : std::log(size / n); }

// `terms` (a conjunction's) in the order Xapian's AND adds their weights (by ascending
// frequency), with their idf: none when a term repeats, or two of three or more terms have one
// frequency (Xapian's order is then its own).
std::optional<std::vector<internal::WeighedTerm>> WeighedTerms(std::vector<std::string> terms,
                                                               const Xapian::Database& db) {
  std::vector<std::pair<Xapian::doccount, std::string>> by_frequency;
  for (std::string& t : terms) by_frequency.emplace_back(db.get_termfreq(t), std::move(t));
  std::sort(by_frequency.begin(), by_frequency.end());
  for (size_t i = 1; i < by_frequency.size(); ++i) {
    if (by_frequency[i].second == by_frequency[i - 1].second) return std::nullopt;
    if (by_frequency.size() > 2 && by_frequency[i].first == by_frequency[i - 1].first) {
      return std::nullopt;
    }
  }
  if (by_frequency.empty()) return std::nullopt;
  std::vector<internal::WeighedTerm> out;
  for (auto& [frequency, term] : by_frequency) {
    out.push_back({std::move(term), TermIdf(frequency, db.get_doccount())});
  }
  return out;
}

// The index terms of a literal's candidates, as WeighedTerms orders them.
std::optional<std::vector<internal::WeighedTerm>> LiteralTerms(const std::string& text,
                                                               const Xapian::Database& db) {
  auto bigrams = LiteralBigrams(text, db);
  if (!bigrams) return std::nullopt;
  return WeighedTerms(std::move(*bigrams), db);
}

// The hits of a page matched from the item table, (weight, docid) in order from `offset`, and
// their same-text keys.
template <typename MakeHit>
void AddHits(const Xapian::Database& db, const std::vector<std::pair<double, Xapian::docid>>& page,
             int offset, const MakeHit& make_hit, SearchResult* result,
             std::vector<std::string>* keys) {
  int rank = offset;
  for (const auto& [weight, docid] : page) {
    Xapian::Document doc = db.get_document(docid);
    keys->push_back(doc.get_value(kSameText));
    SearchHit hit = make_hit(doc, docid);
    hit.rank = ++rank;
    hit.score = weight / internal::kImpactScale;
    result->hits.push_back(std::move(hit));
  }
}

// MatchSearch of an exact query that is a conjunction of index terms (儿童, 托育 普惠), collapsed,
// by relevance, with no filter, on one local database whose reader keeps the item table: Xapian's
// collapsed match over the terms' posting lists, with the keys from the table
// (internal::CollapseTermMatch). False: left to Xapian.
template <typename MakeHit>
bool CollapsedTermSearch(const Xapian::Database& db, const std::vector<std::string>& term_list,
                         const SearchRequest& request, const MakeHit& make_hit,
                         SearchResult* result, std::vector<std::string>* keys) {
  if (term_list.empty() || request.offset < 0 || request.limit <= 0 || request.facets ||
      !(request.sort.empty() || request.sort == "relevance")) {
    return false;
  }
  const auto terms = WeighedTerms(term_list, db);
  if (!terms) return false;
  auto page = internal::CollapseTermMatch(db, *internal::ItemTableOf(db), *terms,
                                          static_cast<Xapian::doccount>(request.offset),
                                          static_cast<Xapian::doccount>(request.limit));
  if (!page) return false;
  result->total = page->total;
  result->wordings = page->lower_bound;
  result->wordings_exact = page->lower_bound == page->upper_bound;
  AddHits(db, page->hits, request.offset, make_hit, result, keys);
  return true;
}

// MatchSearch of one checked literal, collapsed, by relevance, on one local database whose reader
// keeps the item table, with facet filters only: the match made from the table's codes, a text
// checked and weighed once (internal::CollapseLiteralMatch). False: left to Xapian.
template <typename MakeHit>
bool CollapsedLiteralSearch(const Xapian::Database& db, const internal::QueryNode& root,
                            const std::vector<Xapian::Query>& filter_terms,
                            const SearchRequest& request, const LiteralCheck& check,
                            const MakeHit& make_hit, SearchResult* result,
                            std::vector<std::string>* keys) {
  if (root.kind != internal::QueryNode::Kind::kText || request.offset < 0 || request.limit < 0 ||
      !(request.sort.empty() || request.sort == "relevance")) {
    return false;
  }
  const auto terms = LiteralTerms(root.text, db);
  if (!terms) return false;
  const auto table = internal::ItemTableOf(db);
  std::vector<Xapian::Query> rest = filter_terms;
  const TableFilter filter(table, db, 0, &rest);
  internal::FacetCounter facets(db, true);
  if (!rest.empty() || (request.facets && !facets.CountItems())) return false;
  std::function<bool(Xapian::docid)> keeps;
  if (!filter_terms.empty()) keeps = [&filter](Xapian::docid d) { return filter.Keeps(d); };
  std::function<void(Xapian::docid)> count;
  if (request.facets) count = [&facets](Xapian::docid d) { facets.Count(d); };
  auto match = internal::CollapseLiteralMatch(
      db, *table, *terms, keeps,
      [&](Xapian::docid d) {
        return check.Holds(d, [&db, d] { return db.get_document(d, Xapian::DOC_ASSUME_VALID); });
      },
      count, static_cast<size_t>(request.offset), static_cast<size_t>(request.limit));
  if (!match) return false;
  result->total = match->total;
  result->wordings = match->wordings;
  AddHits(db, match->hits, request.offset, make_hit, result, keys);
  if (request.facets) facets.Collect(&result->facets);
  return true;
}

// One pass of Xapian's matcher ranks, counts and counts facets. `check`: the candidate query is a
// superset and each candidate is checked (null when the query is exact). Every candidate is
// checked, and the total is exact, unless there are more than SearchRequest::verify_all_up_to
// matches and no facets or exact total are asked for: then Xapian checks only the candidates that
// could still enter the page, and the total is the matches found, a lower bound.
// `single_term`: the query is one index term with no filter, so its term frequency is the exact
// total and Xapian need not visit every match to count them. Any other exact query without facets
// is ranked with Xapian's pruning (a match that cannot enter the page is not weighed) and, when
// that leaves the total open, counted apart by CountMatches: weighing every match to count them
// was most of a common word's time. `item_table`: `db` is one local database whose reader keeps the
// item table (facets and same texts are then counted from its codes, internal/item_table.h);
// `texts`: the stored check texts of one local database, whose keys the same texts are counted
// by when there is no table (empty: read from Xapian). `collapse`: the enquire collapses on the same-text key; `total` counts the items and `wordings`
// the hits (SetTotals), and `keys` gets each hit's key (see CountSameTexts).
template <typename MakeHit>
void MatchSearch(Xapian::Enquire& enquire, const Xapian::Database& db, bool item_table,
                 const internal::SameTextCounter::StoredTexts& texts, const SearchRequest& request,
                 const std::string& single_term, const Xapian::MatchDecider* check,
                 const MakeHit& make_hit, bool collapse, SearchResult* result,
                 std::vector<std::string>* keys) {
  internal::FacetCounter facets(db, item_table);
  if (request.facets) facets.AddTo(enquire);
  const auto need = static_cast<Xapian::doccount>(request.offset + request.limit);
  const bool counted = !single_term.empty() && !request.facets;
  const bool count_apart = !counted && check == nullptr && !request.facets;
  Xapian::doccount check_at_least = db.get_doccount();
  if (counted || count_apart) {
    check_at_least = 0;
  } else if (check != nullptr && !request.facets && !request.exact_total && !collapse) {
    check_at_least = std::max<Xapian::doccount>(need, request.verify_all_up_to);
  }
  // Xapian's counts of a collapsed match are bounds, loose even when it saw every match: the
  // same-text keys of the matches are counted instead, by a spy that sees each match before it is
  // collapsed. Every candidate is then checked.
  const bool count_texts = collapse && !counted && !count_apart;
  internal::SameTextCounter same_texts(count_texts && item_table ? internal::ItemTableOf(db) : nullptr,
                                       request.sort.empty() || request.sort == "relevance", texts);
  if (count_texts) same_texts.AddTo(enquire);
  const bool page_apart = count_texts && same_texts.collapses();
  if (page_apart) enquire.set_collapse_key(Xapian::BAD_VALUENO);
  Xapian::MSet mset = enquire.get_mset(page_apart ? 0 : static_cast<Xapian::doccount>(request.offset),
                                       page_apart ? 0 : static_cast<Xapian::doccount>(request.limit),
                                       check_at_least, nullptr, check);
  SetTotals(db, enquire, mset, single_term, counted, count_apart, collapse, same_texts, result);
  int rank = request.offset;
  auto add_hit = [&](const Xapian::Document& doc, Xapian::docid docid, double weight,
                     const std::string& sort_key) {
    if (collapse) keys->push_back(doc.get_value(kSameText));
    SearchHit hit = make_hit(doc, docid);
    hit.rank = ++rank;
    hit.score = weight / internal::kImpactScale;
    hit.sort_key = SortKeyText(request.sort, sort_key);
    result->hits.push_back(std::move(hit));
  };
  if (page_apart) {
    for (const auto& [weight, docid] : same_texts.Page(request.offset, request.limit)) {
      add_hit(db.get_document(docid), docid, weight, "");
    }
  }
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    add_hit(it.get_document(), *it, it.get_weight(), it.get_sort_key());
  }
  if (request.facets) {
    facets.Collect(&result->facets);
  }
}

// The query as one conjunction of index terms (internal/conjunction.h), when Xapian matches it as
// one: literals whose runs of indexable characters have two or more each (a literal's candidates
// are then the AND of its bigrams, or of its rarest three), ANDed with each other and with facet
// filters, dead revisions left out. Else none: one-character runs, OR, NOT, ranges.
std::optional<internal::Conjunction> AsConjunction(const internal::QueryNode& root,
                                                   const Xapian::Database& db,
                                                   const std::vector<Xapian::Query>& filters,
                                                   const Xapian::Query& dead) {
  using Kind = internal::QueryNode::Kind;
  std::vector<const internal::QueryNode*> literals;
  if (root.kind == Kind::kText) literals.push_back(&root);
  if (root.kind == Kind::kAnd) {
    for (const internal::QueryNode& c : root.children) literals.push_back(&c);
  }
  internal::Conjunction c;
  for (const internal::QueryNode* literal : literals) {
    if (literal->kind != Kind::kText) return std::nullopt;
    auto bigrams = LiteralBigrams(literal->text, db);
    if (!bigrams) return std::nullopt;
    c.weighted.insert(c.weighted.end(), bigrams->begin(), bigrams->end());
  }
  std::vector<std::string> distinct = c.weighted;
  std::sort(distinct.begin(), distinct.end());
  // Xapian weighs a term twice in the query by its count there; that is left to Xapian.
  if (c.weighted.empty() ||
      std::adjacent_find(distinct.begin(), distinct.end()) != distinct.end()) {
    return std::nullopt;
  }
  for (const Xapian::Query& filter : filters) {
    if (filter.get_type() != Xapian::Query::LEAF_TERM) return std::nullopt;
    c.filters.push_back(*filter.get_terms_begin());
  }
  if (!dead.empty()) {
    if (dead.get_type() != Xapian::Query::OP_OR && dead.get_type() != Xapian::Query::LEAF_TERM) {
      return std::nullopt;
    }
    for (auto t = dead.get_unique_terms_begin(); t != dead.get_terms_end(); ++t) {
      c.excluded.push_back(*t);
    }
  }
  return c;
}

// True when a search on one local database may be matched by ConjunctionSearch: ranked by relevance
// with an exact total (a query that needs no check, or exact_total), no facets and no collapse.
bool OnePassAsked(const SearchRequest& request, const internal::QueryNode& root, bool collapsed) {
  const bool by_relevance = request.sort.empty() || request.sort == "relevance";
  return !collapsed && !request.facets && by_relevance && request.offset >= 0 &&
         request.limit >= 0 && (IsExact(root) || request.exact_total);
}

// MatchSearch of a conjunction in one pass of its own over the posting lists, on one local
// database (`local`), for a relevance page with an exact total and no facets or collapse
// (OnePassAsked): the same page, order, scores and total. False when the search is not one of
// those, or MatchConjunction leaves it to Xapian.
template <typename MakeHit>
bool ConjunctionSearch(const Xapian::Database& db, bool local, const internal::ParsedQuery& parsed,
                       const std::vector<Xapian::Query>& filters, const Xapian::Query& dead,
                       const SearchRequest& request, const LiteralCheck* check,
                       const internal::HotPostings* hot, const MakeHit& make_hit,
                       SearchResult* result) {
  if (!local || !OnePassAsked(request, parsed.root, result->collapsed)) return false;
  const auto conjunction = AsConjunction(parsed.root, db, filters, dead);
  if (!conjunction) return false;
  std::function<bool(Xapian::docid)> keeps;
  if (check != nullptr) {
    keeps = [&db, check](Xapian::docid docid) {
      return check->Holds(docid, [&db, docid] { return db.get_document(docid); });
    };
  }
  const auto offset = static_cast<size_t>(request.offset);
  Xapian::doccount total = 0;
  std::vector<internal::RankedItem> best;
  if (!internal::MatchConjunction(db, *conjunction, offset + static_cast<size_t>(request.limit),
                                  keeps, hot, &total, &best)) {
    return false;
  }
  result->total = total;
  result->total_exact = true;
  result->wordings = total;
  result->wordings_exact = true;
  for (size_t i = offset; i < best.size(); ++i) {
    SearchHit hit = make_hit(db.get_document(best[i].docid), best[i].docid);
    hit.rank = static_cast<int>(i) + 1;
    hit.score = best[i].weight / internal::kImpactScale;
    result->hits.push_back(std::move(hit));
  }
  return true;
}

// MatchSearch over several shards: candidates are fetched in rank order and checked here, on the
// client, in rounds (Xapian runs no MatchDecider on a remote shard, and inside the match a
// document does not tell which local shard it is from). Every candidate is checked,
// unless there are more than SearchRequest::verify_all_up_to (`remote`: more than a page) and no
// facets or exact total are asked for: then checking goes on in rank order only until the page is
// full, and the total is the matches found, a lower bound (total_exact = false). `collapse`: same
// texts are collapsed here, on the client, not by Xapian (the first item of a text is its hit; offset and limit
// count hits, `total` items), and `keys` gets each hit's same-text key.
template <typename MakeHit>
void ClientCheckedSearch(Xapian::Enquire& enquire, const Xapian::Database& db, bool remote,
                         const SearchRequest& request, const LiteralCheck& check,
                         const MakeHit& make_hit, bool collapse, SearchResult* result,
                         std::vector<std::string>* keys) {
  const size_t need = static_cast<size_t>(request.offset + request.limit);
  const bool check_all = request.facets || request.exact_total;
  // The first round takes up to verify_all_up_to candidates, nearly always all of them; only past
  // that do further rounds stop once the page is full.
  size_t passed = 0, listed = 0;  // items that hold the query, and hits (their first of a text)
  internal::SameTextSeen seen;
  bool exhausted = false;
  Xapian::doccount start = 0;
  // With a remote shard, a candidate's check costs its document sent over and its text normalized
  // here (55 k instructions; 2,000 candidates of 家庭教育 on 4 loopback shards took 400 ms): the
  // first round is then only large enough for the page, and a total past it is a lower bound.
  const Xapian::doccount first = remote ? 0 : request.verify_all_up_to;
  Xapian::doccount batch =
      check_all ? std::max(db.get_doccount(), kVerifyBatch)  // never 0: an empty index ends at once
                : std::max<Xapian::doccount>({kVerifyBatch, static_cast<Xapian::doccount>(need),
                                              first});
  while (!exhausted && (check_all || listed < need)) {
    // Xapian has no cursor: each round matches again to start + batch, so batches double.
    Xapian::MSet mset = enquire.get_mset(start, batch);
    exhausted = mset.size() < batch;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      if (!check.Holds(doc, *it)) continue;
      std::string key = collapse ? doc.get_value(kSameText) : std::string();
      if (seen.First(key)) {
        if (listed >= static_cast<size_t>(request.offset) && listed < need) {
          SearchHit hit = make_hit(doc, *it);
          hit.rank = static_cast<int>(listed) + 1;
          hit.score = it.get_weight() / internal::kImpactScale;
          hit.sort_key = SortKeyText(request.sort, it.get_sort_key());
          result->hits.push_back(std::move(hit));
          keys->push_back(std::move(key));
        }
        ++listed;
      }
      ++passed;
      if (request.facets) {
        for (auto [facet, slot] : {std::pair<const char*, Xapian::valueno>{"district", kDistrict},
                                   {"domain", kDomain},
                                   {"block", kBlock}}) {
          std::string v = doc.get_value(slot);
          if (!v.empty()) ++result->facets[facet][v];
        }
      }
    }
    start += mset.size();
    batch *= 2;
  }
  result->total = passed;
  result->total_exact = exhausted;
  result->wordings = listed;
  result->wordings_exact = exhausted;
}

// year:2025: the items of plans whose period covers that year: those with a period (a sort key,
// kPeriodText) but none of the periods of `db` (a handful, listed by their terms: "XY2016-2020")
// that begin after that year or end before it. Until format 15 each item kept its period's first
// and last year as two more values for a range, 0.02 × the text; the covering periods' terms,
// ORed, took 20% more instructions than those values, and so did a value range for each.
StatusOr<Xapian::Query> YearFilter(const std::string& text, const Xapian::Database& db) {
  char* end = nullptr;
  long year = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || year < 1900 || year > 2200) {
    return Status::InvalidInput("year '" + text + "' is not a year such as 2025");
  }
  const std::string prefix = FacetPrefixes().at("period");
  std::vector<Xapian::Query> others;
  try {
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      int first = 0, last = 0;
      const std::string term = *t;
      if (std::sscanf(term.c_str() + prefix.size(), "%d-%d", &first, &last) == 2 &&
          (first > year || last < year)) {
        others.emplace_back(term);
      }
    }
  } catch (const Xapian::Error& e) {
    return internal::FromXapian(e, "year:" + text);
  }
  Xapian::Query dated(Xapian::Query::OP_VALUE_GE, kPeriodText, std::string(1, '\0'));
  if (others.empty()) return dated;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, dated,
                       Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()));
}

// value:LO..HI (or LO.., ..HI, N): the items whose target value of `indicator` is in that range.
StatusOr<Xapian::Query> ValueFilter(const std::string& text, const std::string& indicator) {
  if (indicator.empty()) {
    return Status::InvalidInput("value:" + text +
                                " needs an indicator (indicator:ID or --indicator)");
  }
  auto number = [](const std::string& part, std::optional<double>* out) {
    if (part.empty()) return true;
    char* end = nullptr;
    double v = std::strtod(part.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return false;
    *out = v;
    return true;
  };
  size_t dots = text.find("..");
  std::string low_text = dots == std::string::npos ? text : text.substr(0, dots);
  std::string high_text = dots == std::string::npos ? text : text.substr(dots + 2);
  std::optional<double> low, high;
  if (!number(low_text, &low) || !number(high_text, &high) || (!low && !high) ||
      (low && high && *low > *high)) {
    return Status::InvalidInput("value '" + text +
                                "' is not a range such as 90..100, 95.., ..12 or 12");
  }
  const Xapian::valueno slot = IndicatorValueSlot(indicator);
  if (low && high) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(*low),
                         Xapian::sortable_serialise(*high));
  }
  if (low) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(*low));
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(*high));
}

// The filters of the query and of the options as one value per field (two different values are a
// 400), then as the Xapian queries that filter on them; `indicator` gets the indicator's id.
StatusOr<std::vector<Xapian::Query>> FilterQueries(const SearchFilters& filters,
                                                   const SearchFilters& given,
                                                   const Xapian::Database& db,
                                                   std::string* indicator) {
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> pairs = {
      {"province", {filters.province, given.province}},
      {"city", {filters.city, given.city}},
      {"district", {filters.district, given.district}},
      {"plan", {filters.plan, given.plan}},
      {"domain", {filters.domain, given.domain}},
      {"block", {filters.block, given.block}},
      {"indicator", {filters.indicator, given.indicator}},
      {"period", {filters.period, given.period}},
      {"document", {filters.document, given.document}},
      {"kind", {filters.kind, given.kind}},
      {"year", {filters.year, given.year}},
      {"value", {filters.value, given.value}}};
  std::map<std::string, std::string> chosen;  // field → its value, from the query or the option
  for (const auto& [field, values] : pairs) {
    const auto& [in_query, option] = values;
    if (!in_query.empty() && !option.empty() &&
        NormalizeString(in_query) != NormalizeString(option)) {
      return Status::InvalidInput("two values for filter '" + field + "'");
    }
    std::string value = !in_query.empty() ? in_query : NormalizeString(option);
    if (!value.empty()) chosen[field] = value;
  }
  std::vector<Xapian::Query> filter_terms;
  *indicator = chosen.count("indicator") ? chosen["indicator"] : "";
  for (const auto& [field, value] : chosen) {
    StatusOr<Xapian::Query> range = field == "year" ? YearFilter(value, db)
                                    : field == "value"
                                        ? ValueFilter(value, *indicator)
                                        : Xapian::Query(Term(FacetPrefixes().at(field), value));
    if (!range.ok()) return range.status();
    filter_terms.push_back(*range);
  }
  return filter_terms;
}

// Checks `sort`; sorting by value keeps only the items with a value of the indicator.
Status CheckSort(const std::string& sort, const std::string& indicator,
                 std::vector<Xapian::Query>* filter_terms) {
  const bool by_value = SortsByValue(sort);
  if (!sort.empty() && sort != "relevance" && sort != "period" && !by_value) {
    return Status::InvalidInput("unknown sort '" + sort +
                                "' (use relevance, period, value or value-desc)");
  }
  if (by_value && indicator.empty()) {
    return Status::InvalidInput(
        "sorting by value needs an indicator (indicator:ID or --indicator)");
  }
  if (by_value) {  // only the items with a value of the indicator (Xapian reads ≥ "" as all items)
    filter_terms->emplace_back(Xapian::Query::OP_VALUE_GE, IndicatorValueSlot(indicator),
                               std::string(1, '\0'));
  }
  return Status::Ok();
}

// Xapian's TfIdfWeight("ntn"), an item's impact (its wdf) × log(N / n) × the term's count in the
// query, to the same bits, with log(N / n) worked out once per term: Xapian 1.4's TfIdfWeight works
// it out again for every match, a third of a common word's time. Local databases only: the server
// of a remote shard knows only Xapian's own schemes, so a search with one weighs by TfIdfWeight.
class ImpactWeight final : public Xapian::Weight {
 public:
  ImpactWeight() {
    need_stat(TERMFREQ);
    need_stat(COLLECTION_SIZE);
    need_stat(WDF);
    need_stat(WDF_MAX);
    need_stat(WQF);
  }
  ImpactWeight* clone() const override { return new ImpactWeight(); }
  void init(double factor) override {
    if (factor == 0) return;  // the term-independent part, none here (as TfIdfWeight)
    factor_ = get_wqf() * factor;
    idf_ = TermIdf(get_termfreq(), get_collection_size());
  }
  std::string name() const override { return "guihua::ImpactWeight"; }
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount, Xapian::termcount) const override {
    return wdf * idf_ * factor_;
  }
  double get_maxpart() const override { return get_wdf_upper_bound() * idf_ * factor_; }
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  double idf_ = 0, factor_ = 0;
};

// The enquire of `query`, ranked by BM25 (its term-frequency part stored as each posting's wdf,
// internal::ImpactTerms) or sorted as `sort` says.
Xapian::Enquire MakeEnquire(const Xapian::Database& db, const Xapian::Query& query,
                            const std::string& sort, const std::string& indicator, bool remote) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (remote) {
    enquire.set_weighting_scheme(Xapian::TfIdfWeight("ntn"));
  } else {
    enquire.set_weighting_scheme(ImpactWeight());
  }
  if (sort == "period") enquire.set_sort_by_value_then_relevance(kPeriodText, true);
  if (SortsByValue(sort)) {
    enquire.set_sort_by_value_then_relevance(IndicatorValueSlot(indicator), sort == "value-desc");
  }
  return enquire;
}

// The one term a query is when it is one literal of two indexable characters, else "".
std::string SingleTerm(const internal::QueryNode& root) {
  if (root.kind != internal::QueryNode::Kind::kText) return "";
  auto runs = internal::IndexableRuns(root.text);
  return runs.size() == 1 && runs[0].size() == 2 ? runs[0][0] + runs[0][1] : "";
}

// The terms of an exact query that is one conjunction of index terms: a word of two indexable
// characters, or several such words. Empty otherwise (one character, OR, NOT).
std::vector<std::string> ExactTerms(const internal::QueryNode& root) {
  std::vector<std::string> terms;
  if (root.kind == internal::QueryNode::Kind::kText) terms.push_back(SingleTerm(root));
  if (root.kind == internal::QueryNode::Kind::kAnd) {
    for (const internal::QueryNode& c : root.children) terms.push_back(SingleTerm(c));
  }
  if (std::find(terms.begin(), terms.end(), std::string()) != terms.end()) return {};
  return terms;
}

// At most how many candidates the query has, before filters: Xapian's bound from the posting
// lists' lengths (an AND, its shortest), with no match run.
Xapian::doccount CandidateBound(const internal::QueryNode& root, const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Candidates(root, db));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::doccount none = 0;
  return enquire.get_mset(0, 0, none).get_matches_upper_bound();
}

// The query of the match: the text's candidates, filtered, the dead revisions left out.
Xapian::Query MatchQuery(const internal::QueryNode& root, const Xapian::Database& db,
                         const std::vector<Xapian::Query>& filter_terms,
                         const Xapian::Query& dead) {
  Xapian::Query query = Candidates(root, db);
  if (!filter_terms.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filter_terms.begin(),
                                        filter_terms.end()));
  }
  if (!dead.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, dead);
  return query;
}

// What keeps an item in the match set whatever its text: the filters, and the dead revisions out.
Xapian::Query SameTextFilter(const std::vector<Xapian::Query>& filter_terms,
                             const Xapian::Query& dead) {
  Xapian::Query filter;
  if (!filter_terms.empty()) {
    filter = Xapian::Query(Xapian::Query::OP_AND, filter_terms.begin(), filter_terms.end());
  }
  if (dead.empty()) return filter;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, filter.empty() ? Xapian::Query::MatchAll : filter,
                       dead);
}

// The same texts of the hits, whose keys are `keys`: with the item table, its codes check the
// search's filters when they are all facets the table knows and no revision is dead; without it,
// the keys of the items found are those of their stored `texts` (null: read from Xapian).
void FillSameTexts(const Xapian::Database& db, const std::vector<Xapian::Query>& filter_terms,
                   const Xapian::Query& dead, const std::vector<std::string>& keys, bool table,
                   std::vector<SearchHit>* hits,
                   const internal::SameTextCounter::StoredTexts& texts = nullptr) {
  const auto item_table = table ? internal::ItemTableOf(db) : nullptr;
  std::vector<Xapian::Query> rest = filter_terms;
  const bool by_codes = item_table && dead.empty() && !filter_terms.empty();
  const TableFilter codes(by_codes ? item_table : nullptr, db, 0, &rest);
  if (by_codes && rest.empty()) {
    internal::FillSameText(db, Xapian::Query(), keys, item_table.get(), hits,
                           [&codes](Xapian::docid docid) { return codes.Keeps(docid); });
    return;
  }
  internal::FillSameText(db, SameTextFilter(filter_terms, dead), keys, item_table.get(), hits,
                         nullptr, texts);
}

// The query's literals as hits are marked with them: folded, and in the text code.
std::vector<MarkedLiteral> MarkedLiterals(const std::vector<std::string>& texts) {
  std::vector<MarkedLiteral> literals;
  for (const std::string& literal : texts) {
    std::string folded = Folded(literal);
    literals.push_back({folded, internal::EncodeText(folded)});
  }
  return literals;
}

// The parsed query with its filters (of the query and of the options, resolved) as Xapian queries.
struct FilteredQuery {
  internal::ParsedQuery parsed;
  std::vector<Xapian::Query> filter_terms;
  std::string indicator;  // of the filters, for value ranges and sorts
};

StatusOr<FilteredQuery> ParseAndFilter(const SearchRequest& request,
                                       const Xapian::Database& db) {
  auto parsed = internal::ParseQuery(request.query);
  if (!parsed.ok()) return parsed.status();
  // Filters given as options and inside the query combine; a clash is the user's to fix.
  SearchFilters filters = parsed->filters;
  SearchFilters given = request.filters;
  if (request.resolve_filters) {
    if (Status s = request.resolve_filters(&filters); !s.ok()) return s;
    if (Status s = request.resolve_filters(&given); !s.ok()) return s;
  }
  FilteredQuery out{std::move(*parsed), {}, ""};
  auto filter_terms = FilterQueries(filters, given, db, &out.indicator);
  if (!filter_terms.ok()) return filter_terms.status();
  out.filter_terms = std::move(*filter_terms);
  if (Status s = CheckSort(request.sort, out.indicator, &out.filter_terms); !s.ok()) return s;
  return out;
}

// A collapsed relevance search on one local database with the item table, matched and collapsed
// from the table's codes: an exact conjunction of terms without filters (CollapsedTermSearch) or
// one checked literal (CollapsedLiteralSearch), the hits' same texts filled. `on`: the search is
// collapsed, the reader keeps the table of its one local database, no revision is dead. False:
// left to Xapian.
template <typename MakeHit>
bool CollapsedFromTable(bool on, const Xapian::Database& db, const internal::QueryNode& root,
                        const std::vector<Xapian::Query>& filter_terms,
                        const SearchRequest& request, const LiteralCheck* check,
                        const MakeHit& make_hit, SearchResult* result) {
  if (!on) return false;
  std::vector<std::string> keys;  // of the hits
  const bool matched =
      check != nullptr
          ? CollapsedLiteralSearch(db, root, filter_terms, request, *check, make_hit, result, &keys)
          : filter_terms.empty() &&
                CollapsedTermSearch(db, ExactTerms(root), request, make_hit, result, &keys);
  if (matched && !keys.empty()) {
    FillSameTexts(db, filter_terms, Xapian::Query(), keys, true, &result->hits);
  }
  return matched;
}

// The facet filters that the item table checks in the literal check, taken out of `filters`: when
// MatchSearch checks every candidate of a checked query (with facets, an exact total or a collapse).
TableFilter TableFilterOf(const Xapian::Database& db, bool table, const internal::QueryNode& root,
                          const SearchRequest& request, bool collapsed,
                          std::vector<Xapian::Query>* filters) {
  const bool checks_all = !IsExact(root) && (request.facets || request.exact_total || collapsed);
  const bool on = table && checks_all && !filters->empty();
  return TableFilter(on ? internal::ItemTableOf(db) : nullptr, db,
                     on ? CandidateBound(root, db) : 0, filters);
}

}  // namespace

StatusOr<SearchResult> IndexReader::Search(const SearchRequest& request) const {
  auto prepared = ParseAndFilter(request, impl_->all);
  if (!prepared.ok()) return prepared.status();
  const internal::ParsedQuery* parsed = &prepared->parsed;
  const std::vector<Xapian::Query>* filter_terms = &prepared->filter_terms;
  try {
    const Xapian::Database& db = impl_->all;
    SearchResult result;
    result.query = request.query;
    result.collapsed = request.collapse && internal::HasSameTextKeys(db);
    const bool local = !impl_->has_remote && impl_->shards.size() == 1;  // one local database
    const bool table = local && impl_->use_item_table;  // facets and same texts from the table
    std::vector<Xapian::Query> match_filters = *filter_terms;
    const TableFilter table_filter =
        TableFilterOf(db, table, parsed->root, request, result.collapsed, &match_filters);
    std::vector<std::string> keys;  // of the hits
    const std::vector<MarkedLiteral> literals = MarkedLiterals(parsed->positive_texts);
    const internal::SameTextCounter::StoredTexts stored = [this](Xapian::docid docid) {
      return impl_->StoredCheckText(docid);
    };
    auto make_hit = [this, &literals](const Xapian::Document& doc, Xapian::docid docid) {
      const std::string_view check_text = impl_->StoredCheckText(docid);
      SearchHit hit = impl_->Hit(impl_->ItemData(doc, check_text));
      MarkLiterals(literals, check_text, hit);
      return hit;
    };
    const std::unique_ptr<LiteralCheck> check =  // of a query whose candidates are a superset
        IsExact(parsed->root) ? nullptr : std::make_unique<LiteralCheck>(
            parsed->root, stored, &table_filter, local ? impl_->checks[0].get() : nullptr,
            table ? internal::ItemTableOf(db) : nullptr);
    const internal::HotPostings* hot =  // decoded lists, once a warm-up has ended
        local && impl_->warm != nullptr ? impl_->warm->Ready() : nullptr;
    if (ConjunctionSearch(db, local, *parsed, match_filters, impl_->dead, request, check.get(),
                          hot, make_hit, &result)) {
      return result;
    }
    if (CollapsedFromTable(table && result.collapsed && impl_->dead.empty(), db, parsed->root,
                           *filter_terms, request, check.get(), make_hit, &result)) {
      return result;
    }
    Xapian::Query query = MatchQuery(parsed->root, db, match_filters, impl_->dead);
    Xapian::Enquire enquire =
        MakeEnquire(db, query, request.sort, prepared->indicator, impl_->has_remote);
    if (result.collapsed && (IsExact(parsed->root) || local)) enquire.set_collapse_key(kSameText);
    const internal::SameTextCounter::StoredTexts texts = local ? stored : nullptr;
    if (check == nullptr) {
      std::string single_term =
          filter_terms->empty() && impl_->dead.empty() ? SingleTerm(parsed->root) : std::string();
      MatchSearch(enquire, db, table, texts, request, single_term, nullptr, make_hit,
                  result.collapsed, &result, &keys);
    } else if (local) {
      MatchSearch(enquire, db, table, texts, request, "", check.get(), make_hit,
                  result.collapsed, &result, &keys);
    } else {
      ClientCheckedSearch(enquire, db, impl_->has_remote, request, *check, make_hit,
                          result.collapsed, &result, &keys);
    }
    if (result.collapsed && !keys.empty()) {
      FillSameTexts(db, *filter_terms, impl_->dead, keys, table, &result.hits, texts);
    }
    return result;
  } catch (...) {
    return FromCurrentException("search");
  }
}

}  // namespace guihua
