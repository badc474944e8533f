// The extraction rule sets of rules/extract/*.rules and the indicator dictionary
// (rules/indicators.tsv), loaded and compiled. Private to src/extract/.
#ifndef GUIHUA_EXTRACT_INTERNAL_RULES_H_
#define GUIHUA_EXTRACT_INTERNAL_RULES_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.h"
#include "common/lazy_regex.h"
#include "common/pattern_needs.h"
#include "structure/document.h"

namespace guihua::extract_internal {

// The rules' patterns, and those made from them (an alternation of a role's entries, an end-pinned
// form), are compiled on their first use (common/lazy_regex.h): a cold run of one plan needs about
// seven in eight of them, and compiling is most of loading.
using ::guihua::LazyRegex;

// Where a rule came from, for messages: `rules/extract/values.rules:12:5`.
struct Origin {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class UnitClass {
  kRate,     // %, ‰, /10万, 百分点, ratio: always a quantity
  kCounter,  // 名, 个, 次, 小时 …: a quantity when a verb or bound word governs it
  kScope,    // 岁, 年, 个月 …: an age or period unless a verb sets it as the value
};

struct Unit {
  std::string name;  // rule name
  std::string canonical;  // unit as written into targets ("" keeps the printed text)
  UnitClass unit_class = UnitClass::kCounter;
  std::unique_ptr<LazyRegex> re;  // anchored full match of a printed unit
  Origin origin;
};

struct Bound {
  std::string name;
  std::string comparator;
  std::unique_ptr<LazyRegex> pre;   // printed before the value (不低于, 至少)
  std::unique_ptr<LazyRegex> post;  // printed after the value (以上, 以下)
  std::string pre_text, post_text;
  bool adjacent = false;  // the pre word counts only right before the value (近: not 近视率)
};

// A pattern that finds values. Named groups: num (value), num2 (range end / ratio term),
// den (fraction denominator), unit, post (bound word).
struct ValueRule {
  std::string name;
  std::string kind;  // number | range | ratio | fraction
  std::string fixed_unit;  // unit when the pattern has no unit group
  bool needs_verb = false; // a Chinese-numeral count: only after a verb or bound word
  // `contains:` the rule every match of this one holds a match of (range: arabic, its second
  // number and unit); this rule stays out of the candidate filter and is tried where that one is.
  std::string contains;
  std::unique_ptr<LazyRegex> re;
  Origin origin;
};

// A pattern whose match (or group x) is no value: ages, years, quotes, document numbers …
struct Exclusion {
  std::string name;
  std::unique_ptr<LazyRegex> re;
  Origin origin;
};

struct Verb {
  std::string name;
  bool adjacent = false;       // only counts right before the value (在, 为, 达)
  bool scope = false;          // may set an age or period as the value (寿命达到80岁)
  std::string indicator_suffix;  // relative change: "下降幅度"
  std::unique_ptr<LazyRegex> re;
  Origin origin;
};

// Lexical classes used by the sentence analysis, each a regex from context.rules or
// distributive.rules, looked up by role name.
struct Lexicon {
  std::string role;
  std::unique_ptr<LazyRegex> re;
  std::unique_ptr<LazyRegex> re2;  // second pattern where a role needs one (pairs)
  Origin origin;
};

struct Direction {
  std::string name;
  std::unique_ptr<LazyRegex> re;  // group ind: indicator, dir: the direction phrase
  // What follows the leading ind group (the direction words), or null when the pattern does not
  // start with it. A clause without it cannot match `re`, whose counted indicator group
  // ([^,]{2,40}?) makes a slow automaton: the trigger is tried first.
  std::unique_ptr<LazyRegex> trigger;
  // When `re` is (?P<ind>[^excluded]{lo,hi}?)trigger, of plain excluded characters and a trigger
  // without groups, top-level alternatives or context (^ $ \b): what the group reads. A match is
  // then found by stepping over the clause's characters and trying the trigger where the group
  // may end; `re`, 40 copies of the class's UTF-8 automaton, is not compiled.
  struct Lead {
    std::u32string excluded;
    int lo = 0;
    int hi = 0;
    bool lazy = true;
  };
  std::optional<Lead> lead;
  Origin origin;
};

struct Expectation {
  std::string input;
  std::string expected;
  bool baseline = false;
  bool goal = false;
  DocumentKind document = DocumentKind::kPlan;
  int year = 0;
  Origin origin;
};

// One row of rules/indicators.tsv (see rules/README.md).
struct Indicator {
  std::string id, plan, name, direction, unit;  // direction "" when neither is better
  std::string label;                 // short English label
  std::string parent;                // id of the general indicator this one qualifies, or ""
  std::vector<std::string> domains;  // ids of rules/domains.tsv
  int line = 0;
};

// The dictionary's anchored patterns (the name or a variant, whole), row i at index i, each
// compiled on its first use: a phrase is matched only against the rows with a literal of the
// phrase (each top-level alternative of a pattern has one it cannot match without, or makes its row
// tried always). RE2's FilteredRE2 found those literals from patterns it compiled first: 44 M
// instructions at every cold start, for ~200 rows of which a plan's phrases try a few dozen. One
// RE2::Set over every row cost a cold process more still: its automaton of ~200 `.*`-led patterns
// was built anew, state by state, for each new phrase.
class IndicatorMatcher {
 public:
  // Adds the next row's pattern (whole-phrase anchors added here); false with `error` if it does
  // not parse.
  bool Add(const std::string& pattern, std::string* error);
  // The rows whose pattern matches `phrase` whole, in row order; row `skip` is not tried (the
  // dictionary's check of a row's own name, which its pattern always matches).
  std::vector<int> Matches(std::string_view phrase, int skip = -1) const;
  size_t size() const { return rows_.size(); }
  // Row i's pattern, compiled on its first use (CompilePatterns compiles ahead with it).
  const std::unique_ptr<LazyRegex>& row(size_t i) const { return rows_[i]; }
  // False for a row matched without its RE2: one whose every alternative is a few strings, or
  // `.*` and a few strings (孕产妇死亡率|.*孕产妇死亡率, .*宫颈癌(?:人群)?筛查率), compared as such.
  bool NeedsRegex(size_t i) const { return strings_[i].empty(); }

  // For each top-level alternative of `pattern`, a literal every match of it holds, or nullopt
  // when some alternative has none that this reading is sure of (escapes other than of
  // punctuation, counted repeats, flags, an empty alternative …). Exposed for its test.
  static std::optional<std::vector<std::string>> Literals(std::string_view pattern);

 private:
  // The literals' first three bytes, packed, to look up where a literal may start in a phrase.
  static uint32_t Lead(std::string_view s, size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
           static_cast<unsigned char>(s[at + 2]);
  }

  // Whether row `row` matches `phrase` whole, by its strings (a valid UTF-8 phrase) or its RE2.
  bool RowMatches(int row, std::string_view phrase, bool valid) const;

  std::vector<std::unique_ptr<LazyRegex>> rows_;
  // Per row, what its pattern matches when that is a few strings, each whole or after any text
  // without a line break (a `.*` before it); empty for the other rows.
  std::vector<std::vector<std::pair<std::string, bool>>> strings_;
  std::vector<int> always_;  // rows without literals: tried for every phrase
  std::vector<std::pair<std::string, int>> literals_;  // literal, row
  std::unordered_map<uint32_t, std::vector<int>> literals_by_lead_;  // indexes into literals_
  std::vector<int> short_literals_;  // under three bytes
};

// Indicator ids already looked up, by plan and phrase: a document names the same indicators
// again and again, and each new phrase costs the dictionary's RE2::Set a walk of hundreds of
// patterns. Shared by the threads that extract with one Extractor.
struct IndicatorCache {
  std::mutex mu;
  std::unordered_map<std::string, std::string> ids;  // plan '\t' phrase → id ("" for none)
};

// One RE2::Set of the candidate filter. The patterns whose every alternative needs a literal of
// two characters or more or two different ones (PatternNeeds: 分之 of 三分之一 and 百分之五, “ and ”
// of a quote) are grouped by those needs apart from the others, in a set searched only in a
// sentence that holds them and compiled on that first search: kept in the others' automaton,
// their partial matches multiplied its states in every sentence. The patterns of a kind that need
// an Arabic digit (NeedsDigit) are a set of their own too, searched only in a sentence holding one.
struct CandidateSet {
  char kind = 'v';      // 'v' value patterns, 'x' exclusions
  PatternNeeds needs;   // what a sentence must hold to be searched (none: any sentence)
  bool digit = false;   // searched only in a sentence holding a digit (NeedsDigit of each pattern)
  std::unique_ptr<RE2::Set> set;
  // Per pattern: the rules of the set's kind a hit makes candidates (their indexes in
  // RuleSets::values or exclusions): the pattern's own, and the values whose `contains:` names it.
  std::vector<std::vector<int>> index;

  // The set's hits in `text` (every pattern, when it could not be compiled).
  void Match(std::string_view text, std::vector<int>* hits) const;
  // Compiles the set on the first call (from any thread); whether it compiled.
  bool Compiled() const;

  mutable std::once_flag compiled;
  mutable bool ok = false;
};

struct RuleSets {
  std::vector<Unit> units;
  std::vector<Bound> bounds;
  std::vector<ValueRule> values;
  std::vector<Exclusion> exclusions;
  std::vector<Verb> verbs;
  std::vector<Direction> directions;
  std::multimap<std::string, Lexicon> lexicon;
  std::vector<Expectation> expectations;
  std::vector<Indicator> indicators;
  IndicatorMatcher indicator_matcher;  // every indicator's pattern, in file order
  std::unique_ptr<IndicatorCache> indicator_cache = std::make_unique<IndicatorCache>();
  std::unique_ptr<RE2> post_bound;  // any post bound word, anchored at start
  std::unique_ptr<RE2> pre_bound;   // any pre bound word, anywhere before the value
  std::unique_ptr<RE2> pre_adjacent;  // a pre bound word that counts only right before it
  std::unique_ptr<RE2> verb_any;    // any non-adjacent verb
  // Candidate filter: RE2::Sets over the value patterns, then over the exclusion patterns, which
  // are searched only where a value is a candidate (directions stay out: their counted groups
  // made the set's automaton many times slower).
  std::vector<std::unique_ptr<CandidateSet>> sets;

  const Lexicon* Find(const std::string& role) const;
  // The entries of a role, in file order (empty for an unknown role).
  const std::vector<const Lexicon*>& FindAll(const std::string& role) const;
  // One pattern matching where any entry of the role matches (null when the role has none):
  // asking "is there a cue" costs one search, not one per entry.
  const RE2* AnyOf(const std::string& role) const;

  // For the patterns asked whether they end a range (verbs, bounds, lexicon; FindSuffix):
  // (?:pattern)$, which answers in one search instead of one anchored match per start.
  // Keyed by the pattern's object: the RE2 of a bound alternation (pre_bound, pre_adjacent) or a
  // rule's LazyRegex.
  std::unordered_map<const void*, std::unique_ptr<LazyRegex>> at_end;

  // Filled once the lexicon is loaded (rules.cc, FinishLexicons).
  std::map<std::string, std::vector<const Lexicon*>> by_role;
  std::map<std::string, std::unique_ptr<LazyRegex>> any_of_role;
};

// Compiles the rule sets' patterns (each LazyRegex, as its first use would) one by one until
// `stop` is set: a thread with nothing else to do takes those compiles off the extraction that
// follows. The kinds a plan mostly uses come first (a bench plan used 86 of the 118 units, bounds,
// verbs, directions, exclusions, values and lexicon patterns); the end-anchored forms and the
// alternations of a role's entries last (it used 14 of 53 and 6 of 47, and the alternations are a
// third of the compiling).
void CompilePatterns(const RuleSets& rules, const std::atomic<bool>& stop);

// `rules/REL` as shown in messages, whatever the rules folder is called on disk.
std::string DisplayName(const std::string& rules_dir, const std::string& rel);

// Loads rules_dir/indicators.tsv (checking its domain ids against rules_dir/domains.tsv) into
// out->indicators; every problem goes to `diag` as `rules/indicators.tsv:LINE:COL: message`.
void LoadIndicators(const std::string& rules_dir, RuleSets* out, Diagnostics* diag);

// Loads rules_dir/extract/*.rules and rules_dir/indicators.tsv. Every problem goes to `diag` as
// `rules/FILE:LINE:COL: message`; returns false if there was any.
bool LoadRuleSets(const std::string& rules_dir, RuleSets* out, Diagnostics* diag);

}  // namespace guihua::extract_internal

#endif  // GUIHUA_EXTRACT_INTERNAL_RULES_H_
