// Loading rules/extract/*.rules into compiled RE2 rule sets (the dictionary: indicators.cc).
// Each file has one role (numbers, units, bounds, verbs, values, exclusions, context,
// distributive, directions); rules/README.md describes the keys. All errors are reported.
#include "extract/internal/rules.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <set>

#include "common/pattern_needs.h"
#include "common/rule_file.h"
#include "common/utf8.h"

namespace guihua::extract_internal {

using re2::StringPiece;
namespace {

namespace fs = std::filesystem;

// Load order: later files may use the placeholders earlier ones define.
const char* const kFiles[] = {"numbers", "units", "bounds", "verbs", "values",
                              "exclusions", "context", "distributive", "directions"};

const std::map<std::string, std::set<std::string>>& AllowedKeys() {
  static const auto* keys = new std::map<std::string, std::set<std::string>>{
      {"numbers", {"define", "pattern", "expect", "note"}},
      {"units", {"pattern", "unit", "class", "expect", "note"}},
      {"bounds", {"comparator", "pre", "post", "adjacent", "expect", "note"}},
      {"verbs", {"pattern", "adjacent", "scope", "suffix", "expect", "note"}},
      {"values", {"pattern", "kind", "unit", "needs", "contains", "expect", "note"}},
      {"exclusions", {"pattern", "expect", "note"}},
      {"context", {"role", "pattern", "expect", "note"}},
      {"distributive", {"role", "pattern", "pattern2", "expect", "note"}},
      {"directions", {"pattern", "expect", "note"}},
  };
  return *keys;
}

const std::set<std::string>& Roles() {
  static const auto* roles = new std::set<std::string>{
      "baseline_section", "baseline_cue", "target_cue", "qualifier", "subject_prefix",
      "subject_suffix", "governor", "periodic", "respectively", "shared", "split_subject",
      "list_separator", "pair", "bracketed_list", "not_separator", "no_split", "population", "scope_prefix", "rate_head", "count_tail_stop",
      "rate_tail", "elliptic_head", "shared_tail", "share_of", "share_doing", "stated_count",
      "stated_count_unit", "met_count", "indicator_total", "scope_value", "compared_level", "counted_subject", "count_note",
      // kinds and years (extract/internal/kinds.cc)
      "year", "base_year", "previous_year", "since_year", "due_year", "year_attach", "commitment",
      "target_before", "target_after", "earlier_level", "fall", "rise", "change_unit",
      "due_pair"};
  return *roles;
}

// Can `pattern` be searched for with its end pinned (FindSuffix's fast path)? Not when it looks
// at its context: ^ $ \b \B \A \z would then see the range's end as the text's end.
bool ContextFree(const std::string& pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '$') return false;
    if (pattern[i] == '^' && !(i > 0 && pattern[i - 1] == '[')) return false;
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      if (std::strchr("bBAz", pattern[i + 1])) return false;
      ++i;
    }
  }
  return true;
}

class Loader {
 public:
  Loader(RuleSets* out, Diagnostics* diag) : out_(out), diag_(diag) {}

  void Error(const Origin& at, const std::string& message) {
    diag_->Error(at.file, at.line, at.column, message);
  }

  // Replaces {NAME} placeholders; unknown names are errors at their column.
  bool Expand(const RuleField& field, const Origin& at, std::string* out) {
    out->clear();
    const std::string& v = field.value;
    bool ok = true;
    for (size_t i = 0; i < v.size();) {
      bool property = i >= 2 && v[i - 2] == '\\' && (v[i - 1] == 'p' || v[i - 1] == 'P');  // \p{Han}
      if (v[i] == '{' && !property && i + 1 < v.size() &&
          std::isupper(static_cast<unsigned char>(v[i + 1]))) {
        size_t close = v.find('}', i);
        if (close != std::string::npos) {
          std::string name = v.substr(i + 1, close - i - 1);
          auto it = defines_.find(name);
          if (it == defines_.end()) {
            Origin col = at;
            col.column = field.column + static_cast<int>(utf8::Length(v.substr(0, i)));
            Error(col, "unknown placeholder {" + name + "}");
            ok = false;
          } else {
            *out += "(?:" + it->second + ")";
          }
          i = close + 1;
          continue;
        }
      }
      *out += v[i++];
    }
    return ok;
  }

  // The field's pattern, checked by a parse and compiled on first use; null after an error.
  std::unique_ptr<LazyRegex> Compile(const RuleField& field, const Origin& rule_at,
                                     const std::string& prefix = "",
                                     const std::string& suffix = "") {
    Origin at{rule_at.file, field.line, field.column};
    std::string expanded;
    if (!Expand(field, at, &expanded)) return nullptr;
    std::string pattern = prefix + expanded + suffix;
    std::string error = LazyRegex::ParseError(pattern);
    if (!error.empty()) {
      Error(at, "bad pattern: " + error);
      return nullptr;
    }
    return std::make_unique<LazyRegex>(std::move(pattern));
  }

  // Whether a pattern that parses has the named group (?P<name>…).
  static bool HasGroup(const LazyRegex& re, const std::string& name) {
    return re.pattern().find("(?P<" + name + ">") != std::string::npos;
  }

  std::string Expanded(const RuleField& field, const Origin& at) {
    std::string out;
    Diagnostics ignored;  // errors were reported when the pattern was compiled
    Diagnostics* saved = diag_;
    diag_ = &ignored;
    Expand(field, at, &out);
    diag_ = saved;
    return out;
  }

  const RuleField* Require(const RuleBlock& b, const std::string& key, const Origin& at) {
    const RuleField* f = b.Find(key);
    if (!f) Error(at, "rule '" + b.name + "' needs a '" + key + ":' line");
    return f;
  }

  void CheckKeys(const RuleBlock& b, const std::string& role) {
    const auto& allowed = AllowedKeys().at(role);
    for (const RuleField& f : b.fields) {
      if (!allowed.count(f.key)) {
        Origin at{b.file, f.line, 3};
        Error(at, "unknown key '" + f.key + "' in " + role + ".rules");
      }
    }
  }

  void AddExpectations(const RuleBlock& b) {
    for (const RuleField* f : b.FindAll("expect")) {
      Origin at{b.file, f->line, f->column};
      size_t arrow = f->value.find("=>");
      if (arrow == std::string::npos) {
        Error(at, "expect needs 'INPUT => TARGETS'");
        continue;
      }
      Expectation e;
      e.origin = at;
      std::string input = f->value.substr(0, arrow);
      while (!input.empty() && input.back() == ' ') input.pop_back();
      // Context tags before the sentence: [baseline], [goal], [report] / [text] (the document's
      // kind; a plan by default) and [year N] (a report's reference year, a plan's last year).
      for (bool again = true; again;) {
        again = false;
        static const RE2 kTag(R"(\[(baseline|goal|report|text|year (\d{4}))\] *)");
        StringPiece in(input), tag, year;
        if (RE2::Consume(&in, kTag, &tag, &year)) {
          if (tag == "baseline") e.baseline = true;
          if (tag == "goal") e.goal = true;
          if (tag == "report") e.document = DocumentKind::kReport;
          if (tag == "text") e.document = DocumentKind::kText;
          if (!year.empty()) e.year = std::atoi(std::string(year).c_str());
          input = std::string(in);
          again = true;
        }
      }
      e.input = input;
      e.expected = f->value.substr(arrow + 2);
      while (!e.expected.empty() && e.expected[0] == ' ') e.expected.erase(0, 1);
      if (e.input.empty() || e.expected.empty()) {
        Error(at, "expect needs 'INPUT => TARGETS' (write 'none' for no target)");
        continue;
      }
      out_->expectations.push_back(std::move(e));
    }
  }

  // One handler per role (the rule file a block came from); a role without one only has its keys
  // checked and its expect: lines kept.
  using Handler = void (Loader::*)(const RuleBlock&, const Origin&);
  static const std::map<std::string, Handler>& Handlers() {
    static const std::map<std::string, Handler> handlers = {
        {"numbers", &Loader::LoadNumber},        {"units", &Loader::LoadUnit},
        {"bounds", &Loader::LoadBound},          {"verbs", &Loader::LoadVerb},
        {"values", &Loader::LoadValue},          {"exclusions", &Loader::LoadExclusion},
        {"context", &Loader::LoadLexicon},       {"distributive", &Loader::LoadLexicon},
        {"directions", &Loader::LoadDirection}};
    return handlers;
  }

  void LoadBlock(const RuleBlock& b, const std::string& role) {
    Origin at{b.file, b.line, 1};
    CheckKeys(b, role);
    AddExpectations(b);
    auto handler = Handlers().find(role);
    if (handler != Handlers().end()) (this->*handler->second)(b, at);
  }

  void LoadNumber(const RuleBlock& b, const Origin& at) {
    const RuleField* d = Require(b, "define", at);
    const RuleField* p = Require(b, "pattern", at);
    if (!d || !p) return;
    if (auto re = Compile(*p, at)) {
      std::string expanded;
      Expand(*p, at, &expanded);
      defines_[d->value] = expanded;
    }
  }

  void LoadUnit(const RuleBlock& b, const Origin& at) {
    static const std::map<std::string, UnitClass> kClasses = {
        {"rate", UnitClass::kRate}, {"counter", UnitClass::kCounter}, {"scope", UnitClass::kScope}};
    const RuleField* p = Require(b, "pattern", at);
    const RuleField* c = Require(b, "class", at);
    if (!p || !c) return;
    Unit u;
    u.name = b.name;
    u.origin = at;
    if (const RuleField* f = b.Find("unit")) u.canonical = f->value;
    auto unit_class = kClasses.find(c->value);
    if (unit_class != kClasses.end()) u.unit_class = unit_class->second;
    else Error({b.file, c->line, c->column}, "class must be rate, counter or scope");
    u.re = Compile(*p, at, "^(?:", ")$");
    if (!u.re) return;
    unit_alternatives_.push_back(Expanded(*p, at));
    out_->units.push_back(std::move(u));
  }

  void LoadBound(const RuleBlock& b, const Origin& at) {
    const RuleField* c = Require(b, "comparator", at);
    if (!c) return;
    static const std::set<std::string> kComparators = {">=", "<=", "~", "="};
    if (!kComparators.count(c->value)) {
      Error({b.file, c->line, c->column}, "comparator must be >=, <=, ~ or =");
    }
    Bound bound;
    bound.name = b.name;
    bound.comparator = c->value;
    if (const RuleField* f = b.Find("adjacent")) bound.adjacent = f->value == "yes";
    if (const RuleField* f = b.Find("pre")) {
      bound.pre = Compile(*f, at, "^(?:", ")$");
      bound.pre_text = f->value;
      (bound.adjacent ? adjacent_alternatives_ : pre_alternatives_).push_back(Expanded(*f, at));
    }
    if (const RuleField* f = b.Find("post")) {
      bound.post = Compile(*f, at, "^(?:", ")$");
      bound.post_text = f->value;
      post_alternatives_.push_back(Expanded(*f, at));
    }
    if (!bound.pre && !bound.post) Error(at, "bound '" + b.name + "' needs 'pre:' or 'post:'");
    out_->bounds.push_back(std::move(bound));
  }

  void LoadVerb(const RuleBlock& b, const Origin& at) {
    const RuleField* p = Require(b, "pattern", at);
    if (!p) return;
    Verb v;
    v.name = b.name;
    v.origin = at;
    if (const RuleField* f = b.Find("adjacent")) v.adjacent = f->value == "yes";
    if (const RuleField* f = b.Find("suffix")) v.indicator_suffix = f->value;
    if (const RuleField* f = b.Find("scope")) v.scope = f->value == "yes";
    v.re = Compile(*p, at);
    if (!v.re) return;
    if (!v.adjacent) verb_alternatives_.push_back(Expanded(*p, at));
    out_->verbs.push_back(std::move(v));
  }

  void LoadValue(const RuleBlock& b, const Origin& at) {
    const RuleField* p = Require(b, "pattern", at);
    if (!p) return;
    ValueRule v;
    v.name = b.name;
    v.origin = at;
    v.kind = "number";
    if (const RuleField* f = b.Find("kind")) {
      static const std::set<std::string> kKinds = {"number", "range", "ratio", "fraction",
                                                   "list"};
      if (!kKinds.count(f->value)) {
        Error({b.file, f->line, f->column},
              "kind must be number, range, ratio, fraction or list");
      }
      v.kind = f->value;
    }
    if (const RuleField* f = b.Find("unit")) v.fixed_unit = f->value;
    if (const RuleField* f = b.Find("needs")) v.needs_verb = f->value == "verb";
    if (const RuleField* f = b.Find("contains")) v.contains = f->value;
    v.re = Compile(*p, at);
    if (!v.re) return;
    if (!HasGroup(*v.re, "num")) {
      Error({b.file, p->line, p->column}, "value pattern needs a (?P<num>...) group");
      return;
    }
    out_->values.push_back(std::move(v));
  }

  void LoadExclusion(const RuleBlock& b, const Origin& at) {
    const RuleField* p = Require(b, "pattern", at);
    if (!p) return;
    Exclusion x{b.name, Compile(*p, at), at};
    if (x.re) out_->exclusions.push_back(std::move(x));
  }

  // context.rules and distributive.rules: lexicon entries of a role.
  void LoadLexicon(const RuleBlock& b, const Origin& at) {
    const RuleField* r = Require(b, "role", at);
    const RuleField* p = Require(b, "pattern", at);
    if (!r || !p) return;
    if (!Roles().count(r->value)) {
      Error({b.file, r->line, r->column}, "unknown role '" + r->value + "'");
      return;
    }
    Lexicon lex;
    lex.role = r->value;
    lex.origin = at;
    lex.re = Compile(*p, at);
    if (const RuleField* f = b.Find("pattern2")) lex.re2 = Compile(*f, at);
    if (lex.re) out_->lexicon.emplace(lex.role, std::move(lex));
  }

  void LoadDirection(const RuleBlock& b, const Origin& at) {
    const RuleField* p = Require(b, "pattern", at);
    if (!p) return;
    Direction d{b.name, Compile(*p, at), nullptr, std::nullopt, at};
    if (d.re && !HasGroup(*d.re, "ind")) {
      Error({b.file, p->line, p->column}, "direction pattern needs a (?P<ind>...) group");
      return;
    }
    if (!d.re) return;
    std::string pattern = Expanded(*p, at);
    std::string words = AfterLeadingGroup(pattern, "(?P<ind>");
    // Without a trigger (words that do not parse alone) the whole pattern is tried.
    if (!words.empty() && LazyRegex::ParseError(words).empty()) {
      d.trigger = std::make_unique<LazyRegex>(words);
      d.lead = ReadLead(pattern, words);
    }
    out_->directions.push_back(std::move(d));
  }

  // The leading group of a direction pattern (?P<ind>[^…]{lo,hi}?) followed by `words`, when
  // Direction::Lead can stand for it (rules.h); else nullopt and the pattern is matched by RE2.
  static std::optional<Direction::Lead> ReadLead(const std::string& pattern,
                                                 const std::string& words) {
    static const std::string kOpen = "(?P<ind>[^";
    size_t close = pattern.find(']', kOpen.size());
    if (pattern.rfind(kOpen, 0) != 0 || close == std::string::npos || !utf8::IsValid(pattern)) {
      return std::nullopt;
    }
    Direction::Lead lead;
    std::string_view chars(pattern.data() + kOpen.size(), close - kOpen.size());
    for (size_t i = 0; i < chars.size();) {
      char32_t c = utf8::Next(chars, i);
      if (std::u32string_view(U"\\-[]^").find(c) != std::u32string_view::npos) return std::nullopt;
      lead.excluded += c;
    }
    std::string counts = pattern.substr(close + 1);
    if (lead.excluded.empty() || std::sscanf(counts.c_str(), "{%d,%d}", &lead.lo, &lead.hi) != 2) {
      return std::nullopt;
    }
    lead.lazy = counts.find("}?)") == counts.find('}');  // spelled out in full below
    std::string spelled = kOpen + std::string(chars) + "]{" + std::to_string(lead.lo) + "," +
                          std::to_string(lead.hi) + (lead.lazy ? "}?)" : "})") + words;
    if (spelled != pattern || lead.lo < 1 || lead.hi < lead.lo || lead.hi > 1000) {
      return std::nullopt;
    }
    bool top_bar = LazyRegex::TopAlternatives(words).size() > 1;
    bool repeats_group = std::string_view("*+?{").find(words[0]) != std::string_view::npos;
    if (top_bar || repeats_group || LazyRegex::CapturingGroups(words) != 0 || !ContextFree(words)) {
      return std::nullopt;
    }
    return lead;
  }

  // The pattern after its leading group opened by `open` ("" when it does not start with one, or
  // nothing follows it), skipping escapes and character classes while counting parentheses.
  static std::string AfterLeadingGroup(const std::string& pattern, const std::string& open) {
    if (pattern.rfind(open, 0) != 0) return "";
    int depth = 0;
    std::string after;
    LazyRegex::ForEachParenthesis(pattern, [&](size_t i, char c) {
      if (c == '(') {
        ++depth;
      } else if (--depth == 0) {
        after = pattern.substr(i + 1);
        return false;
      }
      return true;
    });
    return after;
  }

  static std::string Alternation(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
      if (!out.empty()) out += '|';
      out.append("(?:").append(p).append(")");
    }
    return out.empty() ? "[^\\x00-\\x{10FFFF}]" : out;
  }

  // After a file, publish the placeholders it contributes.
  void Publish(const std::string& role) {
    if (role == "units") defines_["UNIT"] = Alternation(unit_alternatives_);
    if (role == "bounds") {
      defines_["POST"] = Alternation(post_alternatives_);
      std::vector<std::string> all_pre = pre_alternatives_;
      all_pre.insert(all_pre.end(), adjacent_alternatives_.begin(), adjacent_alternatives_.end());
      defines_["PRE"] = Alternation(all_pre);
    }
    if (role == "verbs") defines_["VERB"] = Alternation(verb_alternatives_);
  }

  void FinishLexicons() {
    RE2::Options opts;
    opts.set_log_errors(false);
    for (auto& [role, lex] : out_->lexicon) out_->by_role[role].push_back(&lex);
    for (const auto& [role, entries] : out_->by_role) {
      std::vector<std::string> parts;
      for (const Lexicon* lex : entries) parts.push_back(lex->re->pattern());
      out_->any_of_role[role] = std::make_unique<LazyRegex>(Alternation(parts));
    }
    // Alternation() yields a never-matching class for an empty list (RE2 has no (?!)).
    out_->post_bound = std::make_unique<RE2>("^(?:" + Alternation(post_alternatives_) + ")", opts);
    out_->pre_bound = std::make_unique<RE2>("(?:" + Alternation(pre_alternatives_) + ")", opts);
    out_->pre_adjacent =
        std::make_unique<RE2>("(?:" + Alternation(adjacent_alternatives_) + ")", opts);
    out_->verb_any = std::make_unique<RE2>("(?:" + Alternation(verb_alternatives_) + ")", opts);
  }

  // The candidate filter: RE2::Sets of the values, then of the exclusions. In one set their
  // partial matches multiplied the automaton's states, each built anew by a cold process (a split
  // by kind cost a fifth less; finer splits cost more, but for patterns a literal keeps out of
  // most sentences: CandidateSet). A value rule with `contains: X` is in none: a hit of X makes it
  // a candidate too.
  bool BuildSets() {
    bool ok = BuildSets(out_->values, 'v', ContainedIn());
    return BuildSets(out_->exclusions, 'x', std::vector<int>(out_->exclusions.size(), -1)) && ok;
  }

  // The sets of one kind: the patterns without selective needs in one, compiled now; the others
  // grouped by their needs, compiled on first use (CandidateSet).
  template <typename Rules>
  bool BuildSets(const Rules& rules, char kind, const std::vector<int>& outer) {
    RE2::Options opts;
    opts.set_log_errors(false);
    std::map<std::string, CandidateSet*> by_needs;  // Key(needs) -> its set
    std::map<int, std::pair<CandidateSet*, int>> position;  // rule -> its set and pattern there
    for (size_t i = 0; i < rules.size(); ++i) {
      if (outer[i] >= 0) continue;
      std::string filter = FilterForm(rules[i].re->pattern());
      PatternNeeds needs = Selective(NeedsOf(filter));
      // A pattern that needs an Arabic digit: most sentences of a plan hold none.
      bool digit = needs.branches.empty() && NeedsDigit(filter);
      CandidateSet*& c = by_needs[digit ? kDigit : Key(needs)];
      if (!c) {
        out_->sets.push_back(std::make_unique<CandidateSet>());
        c = out_->sets.back().get();
        c->kind = kind;
        c->digit = digit;
        c->needs = std::move(needs);
        c->set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
      }
      std::string error;
      if (c->set->Add(filter, &error) < 0) continue;
      position[static_cast<int>(i)] = {c, static_cast<int>(c->index.size())};
      c->index.push_back({static_cast<int>(i)});
    }
    for (size_t i = 0; i < rules.size(); ++i) {
      auto it = outer[i] >= 0 ? position.find(outer[i]) : position.end();
      if (it != position.end()) it->second.first->index[it->second.second].push_back(int(i));
    }
    bool ok = true;
    for (const std::string& key : {std::string(), std::string(kDigit)}) {  // what a plan needs
      CandidateSet* c = by_needs.count(key) ? by_needs[key] : nullptr;
      if (c && !c->Compiled()) ok = false;
    }
    return ok;
  }

  static constexpr const char* kDigit = "\x03";  // the key of the set gated by a digit

  // `needs` when it keeps a pattern out of most sentences: each alternative needs a literal of two
  // characters or more (分之), or two different literals (“ and ”); else none.
  static PatternNeeds Selective(PatternNeeds needs) {
    for (const PatternNeeds::Branch& b : needs.branches) {
      std::set<std::string> distinct(b.literals.begin(), b.literals.end());
      bool long_one = std::any_of(distinct.begin(), distinct.end(),
                                  [](const std::string& l) { return utf8::Length(l) >= 2; });
      if (!long_one && distinct.size() < 2) return {};
    }
    return needs;
  }

  // The patterns of one set share their needs: "" for none.
  static std::string Key(const PatternNeeds& needs) {
    std::string key;
    for (const PatternNeeds::Branch& b : needs.branches) {
      for (const std::string& l : b.literals) key += l + '\x01';
      key += '\x02';
    }
    return key;
  }

  // Per value rule, the index of the rule its `contains:` names (-1 for none). That rule must be
  // one without a `contains:` of its own.
  std::vector<int> ContainedIn() {
    std::vector<int> outer(out_->values.size(), -1);
    for (ValueRule& v : out_->values) {
      if (v.contains.empty()) continue;
      auto it = std::find_if(out_->values.begin(), out_->values.end(),
                             [&](const ValueRule& o) { return o.name == v.contains; });
      if (it == out_->values.end() || !it->contains.empty()) {
        Error(v.origin, "contains: '" + v.contains + "' is no value rule without a contains:");
        continue;
      }
      outer[&v - out_->values.data()] = static_cast<int>(it - out_->values.begin());
    }
    return outer;
  }

  // The pattern as the candidate filter needs it: whether it matches somewhere, which a trailing
  // optional group (the values' (?P<post>…)?) does not change; without it the filter's automaton
  // follows fewer partial matches.
  static std::string FilterForm(std::string pattern) {
    for (;;) {
      size_t n = pattern.size();
      if (n < 3 || (pattern[n - 1] != '?' && pattern[n - 1] != '*') || pattern[n - 2] != ')') break;
      std::vector<size_t> open;
      size_t start = std::string::npos;
      LazyRegex::ForEachParenthesis(pattern, [&](size_t i, char c) {
        if (c == '(') {
          open.push_back(i);
        } else if (!open.empty()) {
          if (i == n - 2) start = open.back();
          open.pop_back();
        }
        return true;
      });
      if (start == std::string::npos || start == 0) break;  // a quoted ), or all of it optional
      pattern.resize(start);
    }
    return pattern;
  }

  std::map<std::string, std::string> defines_;
  std::vector<std::string> unit_alternatives_, post_alternatives_, pre_alternatives_,
      adjacent_alternatives_,
      verb_alternatives_;
  RuleSets* out_;
  Diagnostics* diag_;
};

}  // namespace

std::string DisplayName(const std::string& rules_dir, const std::string& rel) {
  std::string base = fs::path(rules_dir).lexically_normal().filename().string();
  if (base.empty()) base = fs::path(rules_dir).lexically_normal().parent_path().filename().string();
  if (base.empty()) base = "rules";
  return base + "/" + rel;
}

bool CandidateSet::Compiled() const {
  std::call_once(compiled, [this] { ok = set->Compile(); });
  return ok;
}

void CandidateSet::Match(std::string_view text, std::vector<int>* hits) const {
  if (!Compiled()) {  // out of memory: every pattern is a candidate, and the rules' own patterns decide
    for (size_t i = 0; i < index.size(); ++i) hits->push_back(static_cast<int>(i));
    return;
  }
  set->Match(StringPiece(text.data(), text.size()), hits);
}

const Lexicon* RuleSets::Find(const std::string& role) const {
  auto it = lexicon.find(role);
  return it == lexicon.end() ? nullptr : &it->second;
}

const std::vector<const Lexicon*>& RuleSets::FindAll(const std::string& role) const {
  static const std::vector<const Lexicon*> kNone;
  auto it = by_role.find(role);
  return it == by_role.end() ? kNone : it->second;
}

const RE2* RuleSets::AnyOf(const std::string& role) const {
  auto it = any_of_role.find(role);
  return it == any_of_role.end() ? nullptr : it->second->get();
}

namespace {

void AddEndAnchored(RuleSets* out) {
  auto add = [&](const auto* re) {
    if (!re || !ContextFree(re->pattern())) return;
    out->at_end[re] = std::make_unique<LazyRegex>("(?:" + re->pattern() + ")$");
  };
  add(out->pre_bound.get());
  add(out->pre_adjacent.get());
  for (const Verb& v : out->verbs) add(v.re.get());
  for (const auto& [role, lex] : out->lexicon) add(lex.re.get());
}

}  // namespace

void CompilePatterns(const RuleSets& rules, const std::atomic<bool>& stop) {
  auto compile = [&](const std::unique_ptr<LazyRegex>& re) {
    if (stop.load(std::memory_order_relaxed)) return false;
    if (re) re->get();
    return true;
  };
  for (const Unit& r : rules.units) if (!compile(r.re)) return;
  for (const Bound& r : rules.bounds) if (!compile(r.pre) || !compile(r.post)) return;
  for (const Verb& r : rules.verbs) if (!compile(r.re)) return;
  for (const Direction& r : rules.directions) {
    if (!compile(r.trigger) || (!r.lead && !compile(r.re))) return;
  }
  for (const Exclusion& r : rules.exclusions) if (!compile(r.re)) return;
  for (const ValueRule& r : rules.values) if (!compile(r.re)) return;
  for (const auto& [role, lex] : rules.lexicon) if (!compile(lex.re) || !compile(lex.re2)) return;
  for (const auto& [key, re] : rules.at_end) if (!compile(re)) return;
  for (const auto& [role, re] : rules.any_of_role) if (!compile(re)) return;
  for (size_t i = 0; i < rules.indicator_matcher.size(); ++i) {
    if (rules.indicator_matcher.NeedsRegex(i) && !compile(rules.indicator_matcher.row(i))) return;
  }
}

bool LoadRuleSets(const std::string& rules_dir, RuleSets* out, Diagnostics* diag) {
  size_t errors_before = 0;
  for (const Diagnostic& d : diag->all()) errors_before += d.severity == Diagnostic::Severity::kError;
  Loader loader(out, diag);
  std::set<std::string> known;
  for (const char* role : kFiles) {
    known.insert(std::string(role) + ".rules");
    std::string rel = std::string("extract/") + role + ".rules";
    std::string path = rules_dir + "/" + rel;
    std::string shown = DisplayName(rules_dir, rel);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diag->Error(shown, 0, 0, "cannot open rule file");
      loader.Publish(role);
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    // Parsed under its shown name, so that syntax errors read rules/extract/….
    for (RuleBlock& b : ParseRuleText(text.str(), shown, diag)) loader.LoadBlock(b, role);
    loader.Publish(role);
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(rules_dir + "/extract", ec)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".rules" && !known.count(name)) {
      diag->Error(DisplayName(rules_dir, "extract/" + name), 0, 0,
                  "unknown rule file (expected one of numbers, units, bounds, verbs, values, "
                  "exclusions, context, distributive, directions)");
    }
  }
  loader.FinishLexicons();
  AddEndAnchored(out);
  if (!loader.BuildSets()) diag->Error(DisplayName(rules_dir, "extract"), 0, 0, "cannot build the RE2::Set");
  LoadIndicators(rules_dir, out, diag);
  size_t errors_after = 0;
  for (const Diagnostic& d : diag->all()) errors_after += d.severity == Diagnostic::Severity::kError;
  return errors_after == errors_before;
}

}  // namespace guihua::extract_internal
