// Query parsing and exact evaluation. The parse is a small recursive descent over tokens split on
// whitespace, quotes and parentheses; literals are normalized like the indexed text, so simplified,
// traditional and full-width input all match.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>

#include "common/utf8.h"
#include "index/internal/query.h"
#include "normalize/normalize.h"

namespace guihua::internal {
namespace {

struct Token {
  enum class Kind { kLiteral, kAnd, kOr, kNot, kOpen, kClose, kFilter } kind;
  std::string text;   // literal, or filter value
  std::string field;  // filter field
};

bool IsQuote(char32_t cp) { return cp == '"' || cp == U'“' || cp == U'”' || cp == U'「' || cp == U'」'; }
bool IsOpen(char32_t cp) { return cp == '(' || cp == U'（'; }
bool IsClose(char32_t cp) { return cp == ')' || cp == U'）'; }

const std::vector<std::string>& Fields() {
  static const std::vector<std::string> fields = {"province", "city",  "district",  "plan",
                                                  "domain",   "block", "indicator", "period",
                                                  "document", "year",  "value", "kind"};
  return fields;
}

constexpr struct {
  std::string_view word;
  Token::Kind kind;
} kOperators[] = {{"AND", Token::Kind::kAnd},
                  {"&&", Token::Kind::kAnd},
                  {"OR", Token::Kind::kOr},
                  {"||", Token::Kind::kOr},
                  {"NOT", Token::Kind::kNot}};

// A field:value word as a filter token; false when `normalized` is not one (no lower-case name
// before a colon).
StatusOr<bool> AddFilter(const std::string& normalized, std::vector<Token>* tokens) {
  size_t colon = normalized.find(':');
  if (colon == std::string::npos || colon == 0 ||
      !std::all_of(normalized.begin(), normalized.begin() + colon,
                   [](char c) { return std::islower(static_cast<unsigned char>(c)) || c == '_'; })) {
    return false;
  }
  std::string field = normalized.substr(0, colon);
  if (std::find(Fields().begin(), Fields().end(), field) == Fields().end()) {
    return Status::InvalidInput("unknown field '" + field +
                                "' (use province, city, district, plan, domain, block, "
                                "indicator, period, document, year or value)");
  }
  std::string value = normalized.substr(colon + 1);
  if (value.empty()) return Status::InvalidInput("field '" + field + "' has no value");
  tokens->push_back({Token::Kind::kFilter, value, field});
  return true;
}

// One word between spaces: an operator, a -negated word, a field:value filter or a literal.
Status AddWord(std::string w, std::vector<Token>* tokens) {
  for (const auto& op : kOperators) {
    if (w == op.word) {
      tokens->push_back({op.kind, "", ""});
      return Status::Ok();
    }
  }
  if (w.size() > 1 && w[0] == '-') {
    tokens->push_back({Token::Kind::kNot, "", ""});
    w.erase(0, 1);
  }
  std::string normalized = NormalizeString(w);
  auto filter = AddFilter(normalized, tokens);
  if (!filter.ok()) return filter.status();
  if (*filter) return Status::Ok();
  FoldAscii(normalized);
  if (!normalized.empty()) tokens->push_back({Token::Kind::kLiteral, normalized, ""});
  return Status::Ok();
}

StatusOr<std::vector<Token>> Lex(std::string_view q) {
  std::vector<Token> tokens;
  size_t pos = 0;
  std::string word;
  auto flush = [&]() -> Status {
    if (word.empty()) return Status::Ok();
    std::string w = std::move(word);
    word.clear();
    return AddWord(std::move(w), &tokens);
  };
  while (pos < q.size()) {
    size_t at = pos;
    char32_t cp = utf8::Next(q, pos);
    if (utf8::IsSpace(cp) || cp == '\n' || cp == '\r') {
      if (Status s = flush(); !s.ok()) return s;
    } else if (IsOpen(cp) || IsClose(cp)) {
      if (Status s = flush(); !s.ok()) return s;
      tokens.push_back({IsOpen(cp) ? Token::Kind::kOpen : Token::Kind::kClose, "", ""});
    } else if (IsQuote(cp)) {
      // A phrase runs to the next quote mark; a field:"value" keeps its field.
      size_t end = pos;
      bool closed = false;
      while (end < q.size()) {
        size_t before = end;
        if (IsQuote(utf8::Next(q, end))) {
          closed = true;
          std::string phrase(q.substr(pos, before - pos));
          pos = end;
          if (!word.empty() && word.back() == ':') {
            word += phrase;
          } else {
            if (Status s = flush(); !s.ok()) return s;
            std::string normalized = NormalizeString(phrase);
            FoldAscii(normalized);
            if (!normalized.empty()) tokens.push_back({Token::Kind::kLiteral, normalized, ""});
          }
          break;
        }
      }
      if (!closed) return Status::InvalidInput("unclosed quote");
    } else {
      word.append(q.substr(at, pos - at));
    }
  }
  if (Status s = flush(); !s.ok()) return s;
  return tokens;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, ParsedQuery* out) : tokens_(std::move(tokens)), out_(out) {}

  Status Parse() {
    QueryNode root;
    if (Status s = ParseOr(&root, false); !s.ok()) return s;
    if (pos_ < tokens_.size()) return Status::InvalidInput("unbalanced parenthesis");
    out_->root = std::move(root);
    return Status::Ok();
  }

 private:
  bool At(Token::Kind kind) const { return pos_ < tokens_.size() && tokens_[pos_].kind == kind; }

  Status ParseOr(QueryNode* node, bool negated) {
    QueryNode first;
    if (Status s = ParseAnd(&first, negated); !s.ok()) return s;
    if (!At(Token::Kind::kOr)) {
      *node = std::move(first);
      return Status::Ok();
    }
    // Filters apply to the whole query: an alternative of nothing but filters (value:..10 OR x)
    // would match everything.
    if (first.kind == QueryNode::Kind::kAll) return Status::InvalidInput("OR needs a term before it");
    node->kind = QueryNode::Kind::kOr;
    node->children.push_back(std::move(first));
    while (At(Token::Kind::kOr)) {
      ++pos_;
      QueryNode next;
      if (Status s = ParseAnd(&next, negated); !s.ok()) return s;
      if (next.kind == QueryNode::Kind::kAll) return Status::InvalidInput("OR needs a term after it");
      node->children.push_back(std::move(next));
    }
    return Status::Ok();
  }

  Status ParseAnd(QueryNode* node, bool negated) {
    node->kind = QueryNode::Kind::kAnd;
    while (pos_ < tokens_.size() && !At(Token::Kind::kOr) && !At(Token::Kind::kClose)) {
      if (At(Token::Kind::kAnd)) {
        ++pos_;
        continue;
      }
      QueryNode child;
      if (Status s = ParseUnary(&child, negated); !s.ok()) return s;
      if (child.kind != QueryNode::Kind::kAll) node->children.push_back(std::move(child));
    }
    if (node->children.empty()) {
      node->kind = QueryNode::Kind::kAll;
    } else if (node->children.size() == 1) {
      QueryNode only = std::move(node->children[0]);
      *node = std::move(only);
    }
    return Status::Ok();
  }

  Status ParseUnary(QueryNode* node, bool negated) {
    const Token& t = tokens_[pos_++];
    switch (t.kind) {
      case Token::Kind::kNot: {
        if (pos_ >= tokens_.size()) return Status::InvalidInput("NOT needs a term after it");
        QueryNode child;
        if (Status s = ParseUnary(&child, !negated); !s.ok()) return s;
        if (child.kind == QueryNode::Kind::kAll) return Status::Ok();
        node->kind = QueryNode::Kind::kNot;
        node->children.push_back(std::move(child));
        return Status::Ok();
      }
      case Token::Kind::kOpen: {
        if (Status s = ParseOr(node, negated); !s.ok()) return s;
        if (!At(Token::Kind::kClose)) return Status::InvalidInput("unbalanced parenthesis");
        ++pos_;
        return Status::Ok();
      }
      case Token::Kind::kClose:
        return Status::InvalidInput("unbalanced parenthesis");
      case Token::Kind::kFilter:
        // Filters narrow the whole query; NOT district:X would be read as district:X.
        if (negated) {
          return Status::InvalidInput("a field:value filter cannot be negated (" + t.field + ":" +
                                      t.text + ")");
        }
        return SetFilter(t);
      case Token::Kind::kLiteral:
        node->kind = QueryNode::Kind::kText;
        node->text = t.text;
        if (!negated) out_->positive_texts.push_back(t.text);
        return Status::Ok();
      default:
        return Status::InvalidInput("misplaced operator");
    }
  }

  Status SetFilter(const Token& t) {
    SearchFilters& f = out_->filters;
    std::string* slot = t.field == "province"    ? &f.province
                        : t.field == "city"      ? &f.city
                        : t.field == "district"  ? &f.district
                        : t.field == "plan"      ? &f.plan
                        : t.field == "domain"    ? &f.domain
                        : t.field == "block"     ? &f.block
                        : t.field == "indicator" ? &f.indicator
                        : t.field == "document"  ? &f.document
                        : t.field == "year"      ? &f.year
                        : t.field == "value"     ? &f.value
                        : t.field == "kind"      ? &f.kind
                                                 : &f.period;
    if (!slot->empty() && *slot != t.text) {
      return Status::InvalidInput("two values for filter '" + t.field + "'");
    }
    *slot = t.text;
    return Status::Ok();
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  ParsedQuery* out_;
};


}  // namespace

StatusOr<ParsedQuery> ParseQuery(std::string_view query) {
  if (!utf8::IsValid(query)) return Status::InvalidInput("query is not valid UTF-8");
  auto tokens = Lex(query);
  if (!tokens.ok()) return tokens.status();
  ParsedQuery parsed;
  Parser parser(std::move(*tokens), &parsed);
  if (Status s = parser.Parse(); !s.ok()) return s;
  return parsed;
}

bool Matches(const QueryNode& node, std::string_view working_text) {
  return Matches(node, [working_text](const std::string& literal) {
    return working_text.find(literal) != std::string_view::npos;
  });
}

bool Matches(const QueryNode& node, const std::function<bool(const std::string&)>& holds) {
  switch (node.kind) {
    case QueryNode::Kind::kText:
      return holds(node.text);
    case QueryNode::Kind::kAnd:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const QueryNode& c) { return Matches(c, holds); });
    case QueryNode::Kind::kOr:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const QueryNode& c) { return Matches(c, holds); });
    case QueryNode::Kind::kNot:
      return !Matches(node.children[0], holds);
    case QueryNode::Kind::kAll:
      return true;
  }
  return false;
}

namespace {

// A term of one or two TermChars (at most 8 bytes) packed for sorting: its bytes first to last from
// the high end of `bytes`, zeros after, and its length, so that ordering by (bytes, length) is the
// strings' byte order and equal keys are equal strings. ImpactTerms sorts these rather than the
// strings: it runs for every item at ingest, and the strings cost an allocation each.
struct PackedTerm {
  uint64_t bytes = 0;
  uint8_t length = 0;
  bool operator<(const PackedTerm& o) const {
    return bytes != o.bytes ? bytes < o.bytes : length < o.length;
  }
  bool operator==(const PackedTerm& o) const { return bytes == o.bytes && length == o.length; }
  PackedTerm Then(const PackedTerm& next) const {
    return {bytes | (next.bytes >> (8 * length)), static_cast<uint8_t>(length + next.length)};
  }
  std::string String() const {
    std::string s(length, '\0');
    for (size_t i = 0; i < length; ++i) s[i] = static_cast<char>(bytes >> (56 - 8 * i));
    return s;
  }
};

// Index terms spell characters compactly: an ASCII letter or digit as itself (lower case), a Han
// character of U+3400–U+9FFF in two bytes from 0x80, any other Han character as 0xF0 and three
// bytes of its code point. Two bytes instead of UTF-8's three for nearly every character makes
// the term and posting tables a fifth smaller. The first byte tells the length, so a character's
// spelling is a prefix of exactly the terms that begin with that character, and no spelling
// begins with the capital letter of a boolean prefix.
PackedTerm PackedTermChar(char32_t cp) {
  if (cp < 0x80) {
    return {uint64_t{static_cast<unsigned char>(std::tolower(static_cast<int>(cp)))} << 56, 1};
  }
  if (cp >= 0x3400 && cp <= 0x9FFF) return {uint64_t{cp - 0x3400 + 0x8000} << 48, 2};
  return {(uint64_t{0xF0} << 56) | (uint64_t{cp & 0xFFFFFF} << 32), 4};
}

std::string TermChar(char32_t cp) { return PackedTermChar(cp).String(); }

}  // namespace

std::string Utf16Value(std::string_view utf8_text) {
  std::string value;
  value.reserve(utf8_text.size());
  auto unit = [&value](uint32_t u) {
    value.push_back(static_cast<char>(u & 0xFF));
    value.push_back(static_cast<char>(u >> 8));
  };
  for (size_t pos = 0; pos < utf8_text.size();) {
    char32_t cp = utf8::Next(utf8_text, pos);
    if (cp < 0x10000) {
      unit(cp);
    } else {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
  }
  return value;
}

// A byte match at an odd offset straddles two characters.
bool HoldsEncoded(std::string_view value, std::string_view encoded) {
  size_t at = value.find(encoded);
  while (at != std::string_view::npos && at % 2 != 0) at = value.find(encoded, at + 1);
  return at != std::string_view::npos;
}

std::string Utf8OfValue(std::string_view value) {
  std::string text;
  text.reserve(value.size() * 3 / 2);
  auto unit = [value](size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(value[i]) |
                                 static_cast<unsigned char>(value[i + 1]) << 8);
  };
  for (size_t i = 0; i + 1 < value.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < value.size()) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    }
    utf8::Append(cp, text);
  }
  return text;
}

std::vector<std::vector<std::string>> IndexableRuns(std::string_view text) {
  std::vector<std::vector<std::string>> runs(1);
  for (size_t pos = 0; pos < text.size();) {
    char32_t cp = utf8::Next(text, pos);
    bool ascii_alnum = cp < 0x80 && std::isalnum(static_cast<int>(cp));
    if (!ascii_alnum && !utf8::IsHan(cp)) {
      if (!runs.back().empty()) runs.emplace_back();
      continue;
    }
    runs.back().push_back(TermChar(cp));
  }
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

std::vector<std::string> IndexTerms(std::string_view text) {
  std::vector<std::string> terms;
  for (const auto& run : IndexableRuns(text)) {
    for (size_t i = 0; i + 1 < run.size(); ++i) terms.push_back(run[i] + run[i + 1]);
    terms.push_back(run.back());
  }
  return terms;
}

namespace {

// IndexTerms of `text` (the same terms, each as often), packed.
std::vector<PackedTerm> PackedIndexTerms(std::string_view text) {
  std::vector<PackedTerm> terms;
  terms.reserve(text.size() / 2 + 1);
  PackedTerm previous;  // the run's last character so far; length 0 outside a run
  for (size_t pos = 0; pos < text.size();) {
    char32_t cp = utf8::Next(text, pos);
    bool ascii_alnum = cp < 0x80 && std::isalnum(static_cast<int>(cp));
    if (!ascii_alnum && !utf8::IsHan(cp)) {
      if (previous.length > 0) terms.push_back(previous);  // a run's last character alone
      previous = {};
      continue;
    }
    PackedTerm c = PackedTermChar(cp);
    if (previous.length > 0) terms.push_back(previous.Then(c));
    previous = c;
  }
  if (previous.length > 0) terms.push_back(previous);
  return terms;
}

}  // namespace

std::vector<WeightedTerm> ImpactTerms(std::string_view text) {
  // BM25's parameters as Xapian's BM25Weight has them by default, and the average item length (in
  // terms) BM25 would take from the database: 122.6 on corpus/ and 122.7 on 1,000 generated plans.
  // A constant keeps an item's impacts its own, whatever else the index holds or held.
  constexpr double kK1 = 1, kB = 0.5, kMinNormLength = 0.5, kAverageLength = 120;
  std::vector<PackedTerm> terms = PackedIndexTerms(text);
  const double norm_length =
      std::max(static_cast<double>(terms.size()) / kAverageLength, kMinNormLength);
  const double k = kK1 * (1 - kB + kB * norm_length);
  std::sort(terms.begin(), terms.end());
  std::vector<WeightedTerm> out;
  out.reserve(terms.size());  // not moved as it grows: about a hundred terms an item
  for (size_t i = 0; i < terms.size();) {
    size_t j = i;
    while (j < terms.size() && terms[j] == terms[i]) ++j;
    const double tf = static_cast<double>(j - i);
    const double impact = kImpactScale * (kK1 + 1) * tf / (k + tf);  // below 60 × 2 = 120
    out.push_back({terms[i].String(), static_cast<unsigned>(std::max(1.0, std::round(impact)))});
    i = j;
  }
  return out;
}

}  // namespace guihua::internal
