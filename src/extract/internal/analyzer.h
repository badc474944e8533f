// The sentence analyzer behind Analyze() (engine.h), shared by the files that implement it:
// spans.cc (byte spans and text helpers), mentions.cc, subjects.cc, quotes.cc, directions.cc and
// engine.cc (the sentence driver). Nothing outside extract/internal includes this.
#ifndef GUIHUA_EXTRACT_INTERNAL_ANALYZER_H_
#define GUIHUA_EXTRACT_INTERNAL_ANALYZER_H_

#include <re2/re2.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/internal/engine.h"
#include "extract/internal/numeral.h"
#include "extract/internal/rules.h"

namespace guihua::extract_internal {

// A byte range [begin, end) of the text under analysis.
struct Span {
  size_t begin = 0, end = 0;
};

struct Mention {
  size_t begin = 0, end = 0;  // number .. post bound, in the sentence
  size_t num_begin = 0;
  size_t num_end = 0;  // end of the printed number (of both ends of a range): what a warning names
  double value = 0;
  std::optional<double> value_max;
  std::string unit;
  UnitClass unit_class = UnitClass::kRate;
  std::string post_comparator;
  std::string own_comparator;  // the number's own: >= for 十余万, 一千多
  std::string kind;
  bool needs_verb = false;
  bool chinese = false;
  bool one_character = false;  // a Chinese numeral of one character: 一, 两, 三
  std::string refused;  // why the number cannot be read whole; such a mention only blocks others
};

// The printed parts of one value match (named groups of values.rules).
struct ValueParts {
  std::string num, num2, unit, post;
};

// ---- span and text helpers (spans.cc) -----------------------------------------------------------

size_t Chars(std::string_view s);

// Byte offset `n` characters back from `pos` (not before `floor`).
size_t BackChars(std::string_view s, size_t pos, size_t n, size_t floor = 0);

size_t ForwardChars(std::string_view s, size_t pos, size_t n, size_t ceil);

bool FullMatch(const RE2* re, std::string_view s);

// First match of `re` in s[from, to); false if none.
bool FindIn(const RE2& re, std::string_view s, size_t from, size_t to, Span* out,
            RE2::Anchor anchor = RE2::UNANCHORED);

// Is there a match of `re` in s[from, to)? For a pattern that is only ever asked this (a role's
// alternation, a direction's trigger): RE2 then stops at the first match it sees and never
// compiles the reversed pattern nor builds the automata that locate a match's start and end.
bool Contains(const RE2& re, std::string_view s, size_t from, size_t to);

// Last (non-overlapping, left to right) match of `re` in s[from, to).
bool FindLast(const RE2& re, std::string_view s, size_t from, size_t to, Span* out);

// Does some match of `re` in s[from, to) end exactly at `to`? The first such (leftmost start).
// `at_end`, when given, is (?:re)$ (RuleSets::at_end): one search instead of one per start.
bool FindSuffix(const RE2& re, std::string_view s, size_t from, size_t to, Span* out,
                const RE2* at_end = nullptr);

std::string Str(std::string_view s, size_t b, size_t e);

// Splits at the code points in `breaks`, outside parentheses when `depth_aware`.
std::vector<Span> SplitAt(std::string_view s, size_t from, size_t to, std::u32string_view breaks,
                          bool depth_aware, bool keep_break);

// ---- the analyzer -------------------------------------------------------------------------------

// Analyses one sentence: values minus exclusions (mentions.cc), accepted by unit class and
// governing verb, grouped per clause with a subject and an indicator (subjects.cc, engine.cc),
// emitted with a quote (quotes.cc); goal clauses without values give directions (directions.cc).
class SentenceAnalyzer {
 public:
  SentenceAnalyzer(const RuleSets& rules, std::string_view text, size_t base,
                   const Context& context, std::vector<Found>* out,
                   std::vector<Unread>* unread = nullptr)
      : r_(rules), s_(text), base_(base), ctx_(context), out_(out), unread_(unread) {}

  void Run();

 private:
  struct Verdict {
    Span verb{std::string::npos, std::string::npos};
    const Verb* rule = nullptr;
  };

  // ---- candidates, exclusions, mentions, kind (mentions.cc) -------------------------------------
  void Candidates();
  void Blank();
  const Unit* FindUnit(std::string_view printed) const;
  std::string PostComparator(std::string_view printed) const;
  std::string PreComparator(std::string_view printed) const;
  void FindMentions();
  void MatchValues(int vi, std::vector<std::pair<Mention, int>>* all) const;
  bool ReadMention(const ValueRule& rule, const ValueParts& parts, Mention* m) const;
  bool ReadUnit(const ValueRule& rule, const std::string& printed, const NumberValue& number,
                Mention* m) const;
  const Span& ClauseOf(size_t pos) const;
  bool Accept(size_t i, const std::vector<bool>& accepted) const;
  bool ListedAfterAccepted(size_t i, const std::vector<bool>& accepted) const;
  size_t GovernorEnd(const Mention& m, size_t from) const;
  bool ScopeGoverned(const Mention& m, size_t from) const;
  bool StatedCount(const Mention& m) const;
  bool IndicatorTotal(const Mention& m, const Span& clause) const;
  bool AnyRole(const std::string& role, size_t from, size_t to) const;
  TargetKind DecideKind() const;

  // FindSuffix with the rule set's end-pinned form of `re` where it has one.
  template <typename Pattern>  // RE2 (the bound alternations) or LazyRegex (a rule's)
  bool EndsAt(const Pattern& re, std::string_view s, size_t from, size_t to, Span* out) const {
    auto it = r_.at_end.find(&re);
    return FindSuffix(re, s, from, to, out, it == r_.at_end.end() ? nullptr : it->second->get());
  }

  // ---- subjects and indicators (subjects.cc) ----------------------------------------------------
  Verdict FindVerb(size_t from, size_t to) const;
  std::string Trim(std::string subject, std::string* stripped_tail) const;
  bool Role(const std::string& role, std::string_view text, bool full) const;
  bool EndsWithRole(const std::string& role, const std::string& text) const;
  Span LastRole(const std::string& role, std::string_view text) const;
  std::vector<std::string> SplitList(const std::string& subject, bool only_enumeration) const;
  std::vector<std::string> Complete(std::vector<std::string> items) const;
  std::vector<std::string> SplitRespectively(const std::string& subject, size_t k) const;
  bool SplitPair(const std::string& subject, std::vector<std::string>* items) const;
  bool SplitBracketed(const std::string& subject, std::vector<std::string>* items) const;
  bool CountedSubject(size_t end) const;
  bool SplitOpenList(const std::string& subject, std::vector<std::string>* items) const;
  std::string PopulationFirst(const std::string& subject) const;
  std::string CompleteElliptic(const std::string& subject) const;
  bool ReplaceRateTail(const std::string& subject, std::vector<std::string>* items) const;
  std::string ShareOf(const std::string& phrase) const;
  std::string CountTail(size_t from, size_t to) const;
  std::string Indicator(const Mention& m, const std::string& subject, const std::string& suffix,
                        const std::vector<size_t>& in, size_t g, const Span& clause) const;

  // ---- output (quotes.cc, directions.cc) --------------------------------------------------------
  void Emit(const Mention& m, const std::string& indicator, const std::string& comparator,
            const Span& clause);
  void Directions(const Span& clause);
  bool FirstMatchByStart(const RE2& re, const Span& clause, re2::StringPiece* groups, int n) const;
  std::optional<bool> FirstMatchByLead(const Direction& d, const Span& clause,
                                       re2::StringPiece* g) const;

  // ---- the clause driver (engine.cc) ------------------------------------------------------------
  // What is printed before a value in its clause.
  struct Lead {
    size_t left_begin = 0;  // after the previous value of the clause, else the clause start
    Verdict verb;
    std::string subject, between, left_text;  // between: after the subject, up to the value
    std::string pre_cmp;                      // the comparator printed before the value
  };
  void AnalyzeClause(const Span& clause);
  size_t AnalyzeGroup(const Span& clause, const std::vector<size_t>& in, size_t k,
                      const Lexicon* sep);
  Lead ReadLead(const Span& clause, const std::vector<size_t>& in, size_t k, const Lexicon* sep);
  std::string PrintedComparator(size_t from, size_t num_begin) const;
  bool Respectively(const Lead& lead, const std::vector<size_t>& in, size_t k, const Lexicon* sep,
                    size_t* group_end) const;
  std::vector<std::string> SubjectItems(const Mention& m, const Span& clause,
                                        const std::string& between, bool respectively,
                                        size_t group_size, std::string* subject) const;
  bool ValueFirst(const Mention& m, const Span& clause) const;
  std::string ScopedLikeCarry(const Mention& m, const std::string& subject) const;
  void EmitGroup(const Span& clause, const std::vector<size_t>& in, size_t k, size_t group_end,
                 const std::vector<std::string>& items, const std::string& pre_cmp,
                 const std::string& suffix);

  const RuleSets& r_;
  std::string_view s_;
  size_t base_;
  Context ctx_;
  std::vector<Found>* out_;
  std::vector<Unread>* unread_;
  std::vector<int> excl_, vals_;
  std::string blanked_;
  std::vector<Mention> mentions_;
  std::vector<Span> clauses_;
  std::vector<std::string> carry_;
  Span prev_clause_;
  std::string last_pre_cmp_;
  size_t respectively_size_ = 0;  // how many values the last 分别 group paired (0: none)
  std::string object_;  // what a count verb takes before the count: 共有[各类型幼儿园]86所
  TargetKind kind_ = TargetKind::kTarget;
};

}  // namespace guihua::extract_internal

#endif  // GUIHUA_EXTRACT_INTERNAL_ANALYZER_H_
