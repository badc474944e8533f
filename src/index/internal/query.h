// The search query language: words and "phrases" (each a literal substring of the item, matched on
// the normalized text), AND / OR / NOT (also && || - ), parentheses, and field:value filters
// (province city district plan domain block indicator period document). Adjacent terms are ANDed.
#ifndef GUIHUA_INDEX_INTERNAL_QUERY_H_
#define GUIHUA_INDEX_INTERNAL_QUERY_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "index/index.h"

namespace guihua::internal {

// ASCII letters lower-cased, in place; other bytes untouched (the UTF-8 of Chinese text is safe).
inline void FoldAscii(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

struct QueryNode {
  enum class Kind { kText, kAnd, kOr, kNot, kAll };
  Kind kind = Kind::kAll;
  std::string text;  // kText: the normalized literal, ASCII folded to lower case
  std::vector<QueryNode> children;
};

struct ParsedQuery {
  QueryNode root;         // kAll when the query has only filters (or is empty)
  SearchFilters filters;  // from field:value terms
  std::vector<std::string> positive_texts;  // literals not under NOT: what snippets mark
};

// Parses `query`; syntax errors are InvalidInput ("unbalanced parenthesis", "unknown field 'x'"...).
StatusOr<ParsedQuery> ParseQuery(std::string_view query);

// True when `working_text` (normalized and ASCII-folded, see FoldAscii) satisfies the query tree.
bool Matches(const QueryNode& node, std::string_view working_text);
// A text in UTF-16, little-endian, and back: how the index kept its texts up to format 8 (now in
// internal/text_code.h). Kept for the query fuzz target, which checks a check on an encoded text
// against the check on the UTF-8 text with it.
std::string Utf16Value(std::string_view utf8_text);
std::string Utf8OfValue(std::string_view value);
// True when `value` (a Utf16Value) holds `encoded` (the Utf16Value of a literal) at a character
// boundary.
bool HoldsEncoded(std::string_view value, std::string_view encoded);

// The same, with `holds(literal)` telling whether the item's text holds a literal of the tree
// (called with the tree's own strings, so a caller may key a cache by their address).
bool Matches(const QueryNode& node, const std::function<bool(const std::string&)>& holds);

// The runs of indexable characters (Han, ASCII letters and digits, the latter lower-cased) of a
// normalized text, each as its characters spelled the way index terms spell them (see TermChar
// in query.cc: not UTF-8). Punctuation, symbols and spaces separate runs.
std::vector<std::vector<std::string>> IndexableRuns(std::string_view working_text);

// The index terms of an item: the bigrams within each run, and each run's last character alone,
// so that every indexable character begins some term (a one-character query looks up that prefix).
std::vector<std::string> IndexTerms(std::string_view working_text);

// An index term with its wdf, which is not the term's count but its impact: BM25's term-frequency
// part (Xapian's defaults: k1 1, b 0.5) worked out at ingest against a fixed average item length,
// scaled to an integer of 1 to 119. Search weighs a term by impact × log(N / n) (Xapian's
// TfIdfWeight "ntn"), which needs no document lengths: BM25 read a doc-length entry for every
// match, two thirds of a word query's time. Quantized impacts are how Anh and Moffat's
// impact-ordered indexes and PISA score too.
// An impact is this many times BM25's term-frequency part: impacts below 128 take one byte in a
// posting, as a count of 1 does, and steps of 1/60 of a typical term's weight rank finely enough.
// A hit's score is its weight over this, BM25's scale.
constexpr double kImpactScale = 60;
struct WeightedTerm {
  std::string term;
  unsigned impact = 0;
};
// IndexTerms of the text, each once, with its impact.
std::vector<WeightedTerm> ImpactTerms(std::string_view working_text);

// The value slot of an indicator's target value: a hash of its id, so that every database and
// shard agrees without a table (a test checks that the dictionary's ids do not collide).
inline unsigned IndicatorValueSlot(std::string_view indicator_id) {
  unsigned hash = 2166136261u;  // FNV-1a, 32 bits
  for (char c : indicator_id) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return 0x10000 + hash % 0x7FFF0000;  // above the fixed slots, below Xapian::BAD_VALUENO
}

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_QUERY_H_
