// Sentence analysis: values (rules/extract/values.rules) minus exclusions, accepted by unit class
// and governing verb, then grouped (分别, 各/均, lists), given an indicator from the subject
// before the commitment verb, a comparator from bound words, and a kind from context cues.
#include "extract/internal/engine.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/utf8.h"

namespace guihua::extract_internal {
namespace {

using re2::StringPiece;

struct Span {
  size_t begin = 0, end = 0;
};

struct Mention {
  size_t begin = 0, end = 0;  // number .. post bound, in the sentence
  size_t num_begin = 0;
  double value = 0;
  std::optional<double> value_max;
  std::string unit;
  UnitClass unit_class = UnitClass::kRate;
  std::string post_comparator;
  std::string kind;
  bool needs_verb = false;
  bool chinese = false;
};

bool IsCont(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t Chars(std::string_view s) { return utf8::Length(s); }

// Byte offset `n` characters back from `pos` (not before `floor`).
size_t BackChars(std::string_view s, size_t pos, size_t n, size_t floor = 0) {
  while (n > 0 && pos > floor) {
    --pos;
    while (pos > floor && IsCont(static_cast<unsigned char>(s[pos]))) --pos;
    --n;
  }
  return pos;
}

size_t ForwardChars(std::string_view s, size_t pos, size_t n, size_t ceil) {
  while (n > 0 && pos < ceil) {
    pos += utf8::SequenceLength(static_cast<unsigned char>(s[pos]));
    --n;
  }
  return std::min(pos, ceil);
}

bool FullMatch(const RE2* re, std::string_view s) {
  return re && RE2::FullMatch(StringPiece(s.data(), s.size()), *re);
}

// First match of `re` in s[from, to); false if none.
bool FindIn(const RE2& re, std::string_view s, size_t from, size_t to, Span* out,
            RE2::Anchor anchor = RE2::UNANCHORED) {
  StringPiece m;
  if (from > to || !re.Match(StringPiece(s.data(), s.size()), from, to, anchor, &m, 1)) return false;
  out->begin = m.data() - s.data();
  out->end = out->begin + m.size();
  return true;
}

// Last (non-overlapping, left to right) match of `re` in s[from, to).
bool FindLast(const RE2& re, std::string_view s, size_t from, size_t to, Span* out) {
  bool found = false;
  Span m;
  size_t pos = from;
  while (pos <= to && FindIn(re, s, pos, to, &m)) {
    *out = m;
    found = true;
    pos = m.end > m.begin ? m.end : m.end + 1;
  }
  return found;
}

// Does some match of `re` in s[from, to) end exactly at `to`?
bool FindSuffix(const RE2& re, std::string_view s, size_t from, size_t to, Span* out) {
  for (size_t b = from; b < to;) {
    Span m;
    if (FindIn(re, s, b, to, &m, RE2::ANCHOR_BOTH)) {
      *out = m;
      return true;
    }
    b += utf8::SequenceLength(static_cast<unsigned char>(s[b]));
  }
  return false;
}

std::string Str(std::string_view s, size_t b, size_t e) {
  return b < e ? std::string(s.substr(b, e - b)) : std::string();
}

// Splits at the code points in `breaks`, outside parentheses when `depth_aware`.
std::vector<Span> SplitAt(std::string_view s, size_t from, size_t to,
                          const std::u32string& breaks, bool depth_aware, bool keep_break) {
  std::vector<Span> out;
  int depth = 0;
  size_t start = from;
  for (size_t pos = from; pos < to;) {
    size_t at = pos;
    char32_t cp = utf8::Next(s, pos);
    if (cp == U'(' || cp == U'（' || cp == U'[' || cp == U'【') ++depth;
    if ((cp == U')' || cp == U'）' || cp == U']' || cp == U'】') && depth > 0) --depth;
    // 1:3 and 12,000 are numbers, not clause breaks.
    bool in_number = (cp == U':' || cp == U',') && at > from && pos < to &&
                     std::isdigit(static_cast<unsigned char>(s[at - 1])) &&
                     std::isdigit(static_cast<unsigned char>(s[pos]));
    if (!in_number && breaks.find(cp) != std::u32string::npos && (!depth_aware || depth == 0)) {
      size_t end = keep_break ? pos : at;
      if (end > start) out.push_back({start, end});
      start = pos;
    }
  }
  if (to > start) out.push_back({start, to});
  return out;
}

class SentenceAnalyzer {
 public:
  SentenceAnalyzer(const RuleSets& rules, std::string_view text, size_t base,
                   const Context& context, std::vector<Found>* out)
      : r_(rules), s_(text), base_(base), ctx_(context), out_(out) {}

  void Run() {
    Candidates();
    Blank();
    FindMentions();
    clauses_ = SplitAt(s_, 0, s_.size(), U",，:：", true, false);
    for (Span& c : clauses_) {
      while (c.end > c.begin) {
        size_t prev = BackChars(s_, c.end, 1, c.begin);
        std::string_view last = s_.substr(prev, c.end - prev);
        if (last == "。" || last == ";" || last == "；" || last == "!" || last == "?" ||
            last == "！" || last == "？" || last == "\n") {
          c.end = prev;
        } else {
          break;
        }
      }
    }
    if (clauses_.empty()) clauses_.push_back({0, s_.size()});
    kind_ = DecideKind();
    std::vector<bool> accepted(mentions_.size(), false);
    for (size_t i = 0; i < mentions_.size(); ++i) accepted[i] = Accept(i, accepted);
    std::vector<Mention> kept;
    for (size_t i = 0; i < mentions_.size(); ++i) {
      if (accepted[i]) kept.push_back(mentions_[i]);
    }
    mentions_ = std::move(kept);
    for (const Span& clause : clauses_) AnalyzeClause(clause);
  }

 private:
  // ---- candidates, exclusions, mentions -------------------------------------------------------

  void Candidates() {
    std::vector<int> hits;
    r_.set->Match(StringPiece(s_.data(), s_.size()), &hits);
    for (int h : hits) {
      auto [kind, index] = r_.set_index[h];
      if (kind == 'x') excl_.push_back(index);
      if (kind == 'v') vals_.push_back(index);
      if (kind == 'd') dirs_.push_back(index);
    }
    std::sort(vals_.begin(), vals_.end());
  }

  void Blank() {
    blanked_.assign(s_.begin(), s_.end());
    for (int i : excl_) {
      const RE2& re = *r_.exclusions[i].re;
      int x = -1;
      auto names = re.NamedCapturingGroups();
      if (auto it = names.find("x"); it != names.end()) x = it->second;
      int n = re.NumberOfCapturingGroups() + 1;
      std::vector<StringPiece> groups(n);
      size_t pos = 0;
      while (pos <= s_.size() &&
             re.Match(StringPiece(s_.data(), s_.size()), pos, s_.size(), RE2::UNANCHORED,
                      groups.data(), n)) {
        const StringPiece& whole = groups[0];
        const StringPiece& g = x >= 0 && groups[x].data() ? groups[x] : whole;
        size_t b = g.data() - s_.data();
        for (size_t k = b; k < b + g.size(); ++k) blanked_[k] = '\x01';
        size_t next = (whole.data() - s_.data()) + whole.size();
        pos = whole.size() > 0 ? next : next + 1;
      }
    }
  }

  const Unit* FindUnit(std::string_view printed) const {
    for (const Unit& u : r_.units) {
      if (FullMatch(u.re.get(), printed)) return &u;
    }
    return nullptr;
  }

  std::string PostComparator(std::string_view printed) const {
    for (const Bound& b : r_.bounds) {
      if (FullMatch(b.post.get(), printed)) return b.comparator;
    }
    return "";
  }

  std::string PreComparator(std::string_view printed) const {
    for (const Bound& b : r_.bounds) {
      if (FullMatch(b.pre.get(), printed)) return b.comparator;
    }
    return "";
  }

  void FindMentions() {
    std::string_view text(blanked_);
    std::vector<std::pair<Mention, int>> all;
    for (int vi : vals_) {
      const ValueRule& rule = r_.values[vi];
      const RE2& re = *rule.re;
      auto names = re.NamedCapturingGroups();
      auto group = [&](const char* name) {
        auto it = names.find(name);
        return it == names.end() ? -1 : it->second;
      };
      int g_num = group("num"), g_num2 = group("num2"), g_den = group("den"),
          g_unit = group("unit"), g_post = group("post");
      int n = re.NumberOfCapturingGroups() + 1;
      std::vector<StringPiece> groups(n);
      size_t pos = 0;
      while (pos < text.size() && re.Match(StringPiece(text.data(), text.size()), pos, text.size(),
                                           RE2::UNANCHORED, groups.data(), n)) {
        size_t b = groups[0].data() - text.data();
        size_t e = b + groups[0].size();
        pos = e > b ? e : e + 1;
        auto piece = [&](int g) {
          return g >= 0 && groups[g].data() ? std::string(groups[g].data(), groups[g].size())
                                            : std::string();
        };
        Mention m;
        m.begin = b;
        m.end = e;
        m.num_begin = b;  // the whole printed number: 三分之一, 百分之三十, 1:3
        // A number glued to a preceding digit or decimal point is part of something else.
        if (m.num_begin > 0) {
          char prev = text[m.num_begin - 1];
          if (std::isdigit(static_cast<unsigned char>(prev)) || prev == '.') continue;
        }
        m.kind = rule.kind;
        m.needs_verb = rule.needs_verb;
        std::string num = piece(g_num);
        m.chinese = !num.empty() && !std::isdigit(static_cast<unsigned char>(num[0]));
        double v = 0;
        if (!ParseNumeral(num, &v)) continue;
        if (rule.kind == "fraction") {
          double den = 0;
          if (!ParseNumeral(piece(g_den), &den) || den == 0) continue;
          v = std::round(v / den * 10000) / 10000;
        }
        std::string num2 = piece(g_num2);
        if (!num2.empty()) {
          double v2 = 0;
          if (!ParseNumeral(num2, &v2)) continue;
          if (rule.kind == "ratio") {
            v = v2;  // 1:3 → 3
          } else {
            m.value_max = v2;
          }
        }
        m.value = v;
        std::string unit = piece(g_unit);
        if (!unit.empty()) {
          const Unit* u = FindUnit(unit);
          if (!u) continue;
          m.unit = u->canonical.empty() ? unit : u->canonical;
          m.unit_class = u->unit_class;
        } else {
          m.unit = rule.fixed_unit == "none" ? "" : rule.fixed_unit;
          m.unit_class = UnitClass::kRate;
          if (!rule.fixed_unit.empty() && rule.fixed_unit != "none") {
            if (const Unit* u = FindUnit(rule.fixed_unit)) {
              m.unit = u->canonical.empty() ? rule.fixed_unit : u->canonical;
              m.unit_class = u->unit_class;
            }
          }
        }
        m.post_comparator = PostComparator(piece(g_post));
        all.push_back({m, vi});
      }
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      if (a.first.begin != b.first.begin) return a.first.begin < b.first.begin;
      if (a.first.end != b.first.end) return a.first.end > b.first.end;
      return a.second < b.second;
    });
    size_t last_end = 0;
    for (auto& [m, vi] : all) {
      if (m.begin < last_end) continue;
      mentions_.push_back(m);
      last_end = m.end;
    }
  }

  const Span& ClauseOf(size_t pos) const {
    for (const Span& c : clauses_) {
      if (pos >= c.begin && pos < c.end) return c;
    }
    return clauses_.back();
  }

  // Counters and ages are values only when a verb or bound word governs them closely.
  bool Accept(size_t i, const std::vector<bool>& accepted) const {
    const Mention& m = mentions_[i];
    if (m.unit_class == UnitClass::kRate && !m.needs_verb) return true;
    const Span& clause = ClauseOf(m.begin);
    size_t from = clause.begin;
    if (i > 0 && mentions_[i - 1].end <= m.begin) {
      // A list of counts after one verb: 组织两次…和两次…; 共有幼儿园86所、托幼点45所,…9所.
      Span v;
      size_t prev_end = mentions_[i - 1].end;
      if (accepted[i - 1] && mentions_[i - 1].unit == m.unit && m.unit_class != UnitClass::kScope &&
          Chars(s_.substr(prev_end, m.begin - prev_end)) <= 20 &&
          !FindIn(*r_.verb_any, s_, prev_end, m.num_begin, &v)) {
        return true;
      }
      if (prev_end > from) from = prev_end;
    }
    Span v;
    size_t governor_end = std::string::npos;
    if (FindLast(*r_.verb_any, s_, from, m.num_begin, &v)) governor_end = v.end;
    for (const Verb& verb : r_.verbs) {
      Span a;
      // 作为一项 / 为一个: a one-character verb before a Chinese numeral is no commitment.
      if (verb.adjacent && !m.chinese && FindSuffix(*verb.re, s_, from, m.num_begin, &a)) {
        governor_end = a.end;
      }
    }
    Span p;
    if (FindLast(*r_.pre_bound, s_, from, m.num_begin, &p)) {
      if (governor_end == std::string::npos || p.end > governor_end) governor_end = p.end;
    }
    if (m.unit_class != UnitClass::kScope) {
      for (const Lexicon* lex : r_.FindAll("governor")) {
        Span gm;
        if (FindLast(*lex->re, s_, from, m.num_begin, &gm) &&
            (governor_end == std::string::npos || gm.end > governor_end)) {
          governor_end = gm.end;
        }
      }
    }
    if (m.unit_class == UnitClass::kScope) {
      // Only a verb that sets a level (达到, 延长到), or a bound word, right before an age or period.
      size_t end = m.num_begin;
      Span pb;
      if (FindSuffix(*r_.pre_bound, s_, from, end, &pb)) return true;
      for (const Verb& verb : r_.verbs) {
        Span a;
        if (verb.scope && FindSuffix(*verb.re, s_, from, end, &a)) return true;
      }
      return false;
    }
    if (governor_end != std::string::npos) {
      size_t gap = Chars(s_.substr(governor_end, m.num_begin - governor_end));
      if (gap <= (m.chinese ? 6u : 8u)) return true;
    }
    return !m.post_comparator.empty() && !m.chinese;
  }

  // ---- kind ------------------------------------------------------------------------------------

  bool AnyRole(const std::string& role, size_t from, size_t to) const {
    for (const Lexicon* lex : r_.FindAll(role)) {
      Span m;
      if (FindIn(*lex->re, s_, from, to, &m)) return true;
    }
    return false;
  }

  TargetKind DecideKind() const {
    if (AnyRole("target_cue", 0, s_.size())) return TargetKind::kTarget;
    if (ctx_.baseline || AnyRole("baseline_cue", 0, s_.size())) return TargetKind::kBaseline;
    return TargetKind::kTarget;
  }

  // ---- subjects and indicators -----------------------------------------------------------------

  struct Verdict {
    Span verb{std::string::npos, std::string::npos};
    const Verb* rule = nullptr;
  };

  Verdict FindVerb(size_t from, size_t to) const {
    Verdict best;
    Span m;
    if (FindLast(*r_.verb_any, s_, from, to, &m)) best.verb = m;
    for (const Verb& verb : r_.verbs) {
      Span a;
      if (verb.adjacent) {
        // Adjacent verbs count right before the value, or before a bound word there.
        size_t end = to;
        Span p;
        if (FindSuffix(*r_.pre_bound, s_, from, to, &p)) end = p.begin;
        if (FindSuffix(*verb.re, s_, from, end, &a) &&
            (best.verb.begin == std::string::npos || a.end > best.verb.end)) {
          best.verb = a;
        }
      }
    }
    if (best.verb.begin != std::string::npos) {
      std::string_view printed = s_.substr(best.verb.begin, best.verb.end - best.verb.begin);
      for (const Verb& verb : r_.verbs) {
        if (FullMatch(verb.re.get(), printed)) {
          best.rule = &verb;
          break;
        }
      }
    }
    return best;
  }

  // Strips subject_prefix matches from the front and subject_suffix matches from the back.
  std::string Trim(std::string subject, std::string* stripped_tail) const {
    for (bool again = true; again;) {
      again = false;
      for (const Lexicon* lex : r_.FindAll("subject_prefix")) {
        StringPiece in(subject), m;
        if (lex->re->Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
          subject.erase(0, m.size());
          again = true;
        }
      }
      for (const Lexicon* lex : r_.FindAll("subject_suffix")) {
        Span m;
        if (FindSuffix(*lex->re, subject, 0, subject.size(), &m) && m.end > m.begin) {
          // With a group, only the group is stripped: [^年人平](均) keeps 年均.
          size_t cut = m.begin;
          if (lex->re->NumberOfCapturingGroups() >= 1) {
            StringPiece g[2];
            StringPiece in(subject);
            if (lex->re->Match(in, m.begin, m.end, RE2::ANCHOR_BOTH, g, 2) && g[1].data()) {
              cut = g[1].data() - subject.data();
            }
          }
          if (stripped_tail) *stripped_tail = subject.substr(cut) + *stripped_tail;
          subject.erase(cut);
          again = true;
        }
      }
      // Separators left at either end: 、初中生 / 儿童和
      for (const Lexicon* lex : r_.FindAll("list_separator")) {
        StringPiece in(subject), m;
        if (lex->re->Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
          subject.erase(0, m.size());
          again = true;
        }
      }
    }
    return subject;
  }

  bool Role(const std::string& role, std::string_view text, bool full) const {
    for (const Lexicon* lex : r_.FindAll(role)) {
      StringPiece in(text.data(), text.size());
      if (full ? RE2::FullMatch(in, *lex->re) : RE2::PartialMatch(in, *lex->re)) return true;
    }
    return false;
  }

  bool EndsWithRole(const std::string& role, const std::string& text) const {
    for (const Lexicon* lex : r_.FindAll(role)) {
      Span m;
      if (FindSuffix(*lex->re, text, 0, text.size(), &m)) return true;
    }
    return false;
  }

  // Last match of a role's pattern in `text`; npos if none.
  Span LastRole(const std::string& role, std::string_view text) const {
    Span best{std::string::npos, std::string::npos};
    for (const Lexicon* lex : r_.FindAll(role)) {
      Span m;
      if (FindLast(*lex->re, text, 0, text.size(), &m) &&
          (best.begin == std::string::npos || m.end > best.end)) {
        best = m;
      }
    }
    return best;
  }

  std::vector<std::string> SplitList(const std::string& subject, bool only_enumeration) const {
    std::vector<std::string> items;
    const Lexicon* sep = r_.Find("list_separator");
    if (!sep) return {subject};
    // Separators outside parentheses only.
    int depth = 0;
    size_t start = 0;
    for (size_t pos = 0; pos < subject.size();) {
      size_t at = pos;
      char32_t cp = utf8::Next(subject, pos);
      if (cp == U'(' || cp == U'（') ++depth;
      if ((cp == U')' || cp == U'）') && depth > 0) --depth;
      if (depth > 0) continue;
      StringPiece m;
      StringPiece in(subject);
      if (sep->re->Match(in, at, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
        if (only_enumeration && std::string_view(m.data(), m.size()) != "、") continue;
        if (at > start) items.push_back(subject.substr(start, at - start));
        start = at + m.size();
        pos = start;
      }
    }
    if (start < subject.size()) items.push_back(subject.substr(start));
    return items;
  }

  // Gives every list item what the list shares: 每所A、B; 新生儿、婴儿和…死亡率; …贫血率和生长迟缓率.
  std::vector<std::string> Complete(std::vector<std::string> items) const {
    if (items.size() < 2) return items;
    // Shared scope prefix of the first item (每所, 每千名儿童拥有).
    for (const Lexicon* lex : r_.FindAll("scope_prefix")) {
      StringPiece in(items[0]), m;
      if (lex->re->Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
        std::string prefix(m.data(), m.size());
        for (size_t i = 1; i < items.size(); ++i) {
          if (items[i].rfind(prefix, 0) != 0) items[i] = prefix + items[i];
        }
        break;
      }
    }
    // Shared head of the last item (…死亡率, …女性比例).
    const std::string& last = items.back();
    Span head = LastRole("population", last);
    std::string suffix;
    if (head.begin != std::string::npos && head.end < last.size()) suffix = last.substr(head.end);
    if (!suffix.empty() && Role("rate_head", suffix, false)) {
      for (size_t i = 0; i + 1 < items.size(); ++i) {
        if (!Role("rate_head", items[i], false)) items[i] += suffix;
      }
    }
    // Shared population prefix of the first item (5岁以下儿童…).
    Span pop = LastRole("population", items[0]);
    if (pop.begin != std::string::npos) {
      std::string prefix = items[0].substr(0, pop.end);
      for (size_t i = 1; i < items.size(); ++i) {
        if (LastRole("population", items[i]).begin == std::string::npos) items[i] = prefix + items[i];
      }
    }
    return items;
  }

  // Items for `k` values printed with 分别.
  std::vector<std::string> SplitRespectively(const std::string& subject, size_t k) const {
    auto items = SplitList(subject, false);
    if (items.size() == k) return Complete(items);
    auto enumerated = SplitList(subject, true);
    if (enumerated.size() == k) return Complete(enumerated);
    if (enumerated.size() + 1 == k) {
      auto tail = SplitList(enumerated.back(), false);
      if (tail.size() == 2) {
        enumerated.pop_back();
        enumerated.insert(enumerated.end(), tail.begin(), tail.end());
        return Complete(enumerated);
      }
    }
    return std::vector<std::string>(k, subject);
  }

  // A pair printed without separator before 各/均: 校内校外各1小时.
  bool SplitPair(const std::string& subject, std::vector<std::string>* items) const {
    for (const Lexicon* lex : r_.FindAll("pair")) {
      StringPiece in(subject);
      StringPiece g[3];
      if (lex->re->NumberOfCapturingGroups() >= 2 &&
          lex->re->Match(in, 0, in.size(), RE2::UNANCHORED, g, 3)) {
        size_t b = g[0].data() - subject.data(), e = b + g[0].size();
        std::string head = subject.substr(0, b), tail = subject.substr(e);
        *items = {head + std::string(g[1].data(), g[1].size()) + tail,
                  head + std::string(g[2].data(), g[2].size()) + tail};
        return true;
      }
    }
    return false;
  }

  // 每天睡眠时间小学生 → 小学生每天睡眠时间: a population printed after a per-day/per-year topic.
  std::string PopulationFirst(const std::string& subject) const {
    Span pop = LastRole("population", subject);
    if (pop.begin == std::string::npos || pop.begin == 0 || pop.end != subject.size()) return subject;
    std::string topic = subject.substr(0, pop.begin);
    if (!Role("periodic", topic, false)) return subject;
    StringPiece in(topic);
    for (const Lexicon* lex : r_.FindAll("periodic")) {
      StringPiece m;
      if (lex->re->Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1)) {
        return subject.substr(pop.begin) + topic;
      }
    }
    return subject;
  }

  std::string CountTail(size_t from, size_t to) const {
    // The counted thing printed after the value: 至少配备1名[女干部], 组织1次[在校学生健康体检].
    std::string tail = Str(s_, from, to);
    for (const Lexicon* lex : r_.FindAll("count_tail_stop")) {
      Span m;
      if (FindIn(*lex->re, tail, 0, tail.size(), &m)) tail.erase(m.begin);
    }
    if (tail.rfind("的", 0) == 0) tail.erase(0, 3);
    return tail;
  }

  static std::string CountSuffix(const std::string& unit) {
    if (unit == "次") return "次数";
    if (unit == "小时" || unit == "分钟") return "时间";
    if (unit == "人" || unit == "万人") return "人数";
    return "数";
  }

  static bool EndsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  }

  void Emit(const Mention& m, const std::string& indicator, const std::string& comparator,
            const Span& clause) {
    Found f;
    Target& t = f.target;
    t.kind = kind_;
    t.indicator = indicator;
    t.comparator = m.kind == "range" ? "range" : (comparator.empty() ? "=" : comparator);
    t.value = m.value;
    t.value_max = m.value_max;
    t.unit = m.unit;
    // value_text: the number with its unit and bound words as printed.
    size_t vt_begin = m.num_begin;
    Span p;
    if (FindSuffix(*r_.pre_bound, s_, clause.begin, m.num_begin, &p)) vt_begin = p.begin;
    t.value_text = Str(s_, vt_begin, m.end);
    t.begin = base_ + m.num_begin;
    t.end = base_ + m.end;
    // Quote: the clause, widened to 10 characters with its neighbours, cut to 60 around the value.
    size_t qb = clause.begin, qe = clause.end;
    while (Chars(s_.substr(qb, qe - qb)) < 10 && (qb > 0 || qe < s_.size())) {
      if (qb > 0) qb = BackChars(s_, qb, 1);
      if (Chars(s_.substr(qb, qe - qb)) < 10 && qe < s_.size()) qe = ForwardChars(s_, qe, 1, s_.size());
    }
    // Cut from the longer side first, down to the budget the value leaves (none when the value
    // alone is longer: quoted whole). Worked out on counts capped at 61, where a side is cut
    // anyway, so that a clause of many thousand characters costs what a short one does.
    constexpr size_t kMaxQuote = 60;
    size_t value = Chars(s_.substr(m.num_begin, m.end - m.num_begin));
    size_t lb = BackChars(s_, m.num_begin, kMaxQuote + 1, qb);
    size_t rb = ForwardChars(s_, m.end, kMaxQuote + 1, qe);
    size_t left = Chars(s_.substr(lb, m.num_begin - lb));
    size_t right = Chars(s_.substr(m.end, rb - m.end));
    if (left + value + right > kMaxQuote) {
      size_t budget = value < kMaxQuote ? kMaxQuote - value : 0;
      size_t keep_left = std::min(left, std::max(budget / 2, budget > right ? budget - right : 0));
      qb = BackChars(s_, m.num_begin, keep_left, qb);
      qe = ForwardChars(s_, m.end, std::min(right, budget - keep_left), qe);
    }
    // Trailing punctuation is no part of a quote.
    while (qe > qb) {
      size_t prev = BackChars(s_, qe, 1, qb);
      std::string_view last = s_.substr(prev, qe - prev);
      if (last == "," || last == "。" || last == ";" || last == "、" || last == ":") qe = prev;
      else break;
    }
    f.quote_begin = base_ + qb;
    f.quote_end = base_ + qe;
    out_->push_back(std::move(f));
  }

  void AnalyzeClause(const Span& clause) {
    std::vector<size_t> in;
    for (size_t i = 0; i < mentions_.size(); ++i) {
      if (mentions_[i].begin >= clause.begin && mentions_[i].begin < clause.end) in.push_back(i);
    }
    if (in.empty()) {
      if (ctx_.goal) Directions(clause);
      prev_clause_ = clause;
      return;
    }
    size_t k = 0;
    while (k < in.size()) {
      const Mention& m = mentions_[in[k]];
      size_t left_begin = k == 0 ? clause.begin : mentions_[in[k - 1]].end;
      Verdict verb = FindVerb(left_begin, m.num_begin);
      size_t subj_end = verb.verb.begin != std::string::npos ? verb.verb.begin : m.num_begin;
      std::string tail;
      std::string subject = Trim(Str(s_, left_begin, subj_end), &tail);
      std::string between =
          tail + (verb.verb.begin != std::string::npos ? Str(s_, verb.verb.end, m.num_begin) : "");
      std::string left_text = Str(s_, left_begin, m.num_begin);
      // Comparator printed before the value (不低于, 至少 … 各配备).
      std::string pre_cmp;
      Span p;
      if (FindLast(*r_.pre_bound, s_, left_begin, m.num_begin, &p)) {
        pre_cmp = PreComparator(s_.substr(p.begin, p.end - p.begin));
      }
      // 组织两次A和两次B: the second value continues the first one's verb, subject and bound.
      Span sep_end;
      const Lexicon* sep = r_.Find("list_separator");
      bool continuation = k > 0 && verb.verb.begin == std::string::npos && pre_cmp.empty() && sep &&
                          FindSuffix(*sep->re, s_, left_begin, m.num_begin, &sep_end);
      if (continuation) {
        subject.clear();
        pre_cmp = last_pre_cmp_;
      }
      last_pre_cmp_ = pre_cmp;
      object_.clear();
      if (verb.verb.begin != std::string::npos && verb.verb.end < m.num_begin) {
        std::string obj = Trim(Str(s_, verb.verb.end, m.num_begin), nullptr);
        if (!obj.empty()) object_ = Str(s_, verb.verb.begin, verb.verb.end) + obj;
      }
      // Which mentions share this subject: 分别 lists the values, one per subject item.
      size_t group_end = k + 1;
      bool respectively = Role("respectively", left_text, false);
      if (respectively) {
        while (group_end < in.size()) {
          std::string gap = Str(s_, mentions_[in[group_end - 1]].end, mentions_[in[group_end]].begin);
          if (!gap.empty() && !FullMatch(r_.Find("list_separator") ? r_.Find("list_separator")->re.get() : nullptr, gap))
            break;
          ++group_end;
        }
      }
      // Indicator items for this subject.
      std::vector<std::string> items;
      bool shared = Role("shared", between, false);
      if (subject.empty() && carry_.empty() && prev_clause_.end > prev_clause_.begin &&
          m.unit_class == UnitClass::kRate) {
        // 提高城镇单位的女性就业人员比例,力争达40%: the indicator is the clause before.
        subject = Trim(Str(s_, prev_clause_.begin, prev_clause_.end), nullptr);
        if (Chars(subject) > 30 || !EndsWithRole("rate_head", subject)) subject.clear();
      }
      subject = PopulationFirst(subject);
      if (subject.empty()) {
        items = carry_;
      } else if (Role("qualifier", subject, true) && carry_.size() == 1) {
        items = {subject + carry_[0]};
      } else if (Role("population", subject, true) && carry_.size() == 1 &&
                 LastRole("population", carry_[0]).begin != std::string::npos) {
        // …小学生达到10小时、初中生达到9小时: the next population, same indicator.
        Span pop = LastRole("population", carry_[0]);
        items = {carry_[0].substr(0, pop.begin) + subject + carry_[0].substr(pop.end)};
      } else if (respectively && group_end - k > 1) {
        items = SplitRespectively(subject, group_end - k);
      } else if (Role("no_split", subject, false)) {
        items = {subject};
      } else if (shared && SplitPair(subject, &items)) {
      } else if (shared || Role("split_subject", subject, true)) {
        items = Complete(SplitList(subject, false));
      } else {
        items = {subject};
        // A second value in the clause keeps the first one's scope: 每千名儿童拥有…、床位….
        if (!carry_.empty()) {
          for (const Lexicon* lex : r_.FindAll("scope_prefix")) {
            StringPiece cin(carry_[0]), mm;
            if (lex->re->Match(cin, 0, cin.size(), RE2::ANCHOR_START, &mm, 1) && !mm.empty()) {
              std::string prefix(mm.data(), mm.size());
              if (subject.rfind(prefix, 0) != 0) items = {prefix + subject};
              break;
            }
          }
        }
      }
      if (items.empty()) items = {""};
      if (!subject.empty() || !respectively) carry_ = items;
      std::string suffix = verb.rule && m.num_begin == verb.verb.end ? verb.rule->indicator_suffix : "";
      // Comparator of a group: each value's own, else the last value's, else the printed prefix.
      std::string group_cmp = mentions_[in[group_end - 1]].post_comparator;
      if (group_cmp.empty()) group_cmp = pre_cmp;
      for (size_t g = k; g < group_end; ++g) {
        const Mention& gm = mentions_[in[g]];
        std::string cmp = gm.post_comparator.empty() ? (g == k ? (pre_cmp.empty() ? group_cmp : pre_cmp) : group_cmp)
                                                     : gm.post_comparator;
        if (group_end - k > 1) {
          std::string item = g - k < items.size() ? items[g - k] : items.back();
          Emit(gm, Indicator(gm, item, suffix, in, g, clause), cmp, clause);
        } else {
          for (const std::string& item : items) {
            Emit(gm, Indicator(gm, item, suffix, in, g, clause), cmp, clause);
          }
        }
      }
      k = group_end;
    }
    prev_clause_ = clause;
  }

  std::string Indicator(const Mention& m, const std::string& subject, const std::string& suffix,
                        const std::vector<size_t>& in, size_t g, const Span& clause) const {
    size_t next = g + 1 < in.size() ? mentions_[in[g + 1]].begin : clause.end;
    std::string after = Str(s_, m.end, next);
    // Value first: 95%的城市社区和85%的农村社区建立… → 建立…的城市社区比例.
    if (after.rfind("的", 0) == 0 && m.unit_class == UnitClass::kRate) {
      size_t noun_b = m.end + 3;
      size_t noun_e = next;
      Span v;
      bool has_verb = FindIn(*r_.verb_any, s_, noun_b, clause.end, &v);
      if (g + 1 < in.size()) {
        // The noun ends at the separator before the next value.
        const Lexicon* sep = r_.Find("list_separator");
        Span sm;
        size_t stop = next;
        if (sep && FindLast(*sep->re, s_, noun_b, next, &sm)) stop = sm.begin;
        noun_e = stop;
      } else if (has_verb) {
        noun_e = v.begin;
      }
      std::string predicate = has_verb ? Str(s_, v.begin, clause.end) : "";
      std::string noun = Str(s_, noun_b, noun_e);
      return subject + predicate + (predicate.empty() ? "" : "的") + noun + "比例";
    }
    if (m.unit_class != UnitClass::kRate) {
      std::string tail = CountTail(m.end, next);
      // 小学生10小时、初中生9小时、高中生8小时睡眠时间: the last count's noun is everyone's.
      for (size_t h = g + 1; tail.empty() && h < in.size(); ++h) {
        const Mention& later = mentions_[in[h]];
        if (later.unit != m.unit) break;
        size_t after = h + 1 < in.size() ? mentions_[in[h + 1]].begin : clause.end;
        tail = CountTail(later.end, after);
      }
      const Lexicon* sep = r_.Find("list_separator");
      if (sep) {
        Span sm;
        if (FindSuffix(*sep->re, tail, 0, tail.size(), &sm)) tail.erase(sm.begin);
      }
      if (m.unit_class == UnitClass::kScope) return subject;
      std::string ind = subject + object_ + tail;
      std::string add = CountSuffix(m.unit);
      if (!EndsWith(ind, add) && !EndsWith(ind, "数")) ind += add;
      return ind;
    }
    if (subject.empty()) return CountTail(m.end, next);
    // 中小学校100%配备专兼职心理健康工作人员: the value is the share doing what follows.
    Span v;
    if (g + 1 == in.size() && FindIn(*r_.verb_any, s_, m.end, next, &v, RE2::ANCHOR_START)) {
      return subject + CountTail(m.end, next);
    }
    return subject + suffix;
  }

  void Directions(const Span& clause) {
    for (int di : dirs_) {
      const RE2& re = *r_.directions[di].re;
      int ind = re.NamedCapturingGroups().at("ind");
      int n = re.NumberOfCapturingGroups() + 1;
      std::vector<StringPiece> g(n);
      if (!re.Match(StringPiece(s_.data(), s_.size()), clause.begin, clause.end, RE2::UNANCHORED,
                    g.data(), n)) {
        continue;
      }
      std::string indicator = Trim(std::string(g[ind].data(), g[ind].size()), nullptr);
      if (indicator.empty() || !EndsWithRole("rate_head", indicator)) continue;
      Found f;
      f.target.kind = TargetKind::kDirection;
      f.target.indicator = indicator;
      size_t b = g[0].data() - s_.data();
      f.target.value_text = std::string(g[0].data() + g[ind].size(), g[0].size() - g[ind].size());
      f.target.begin = base_ + b;
      f.target.end = base_ + b + g[0].size();
      f.quote_begin = base_ + clause.begin;
      f.quote_end = base_ + clause.end;
      size_t qe = clause.end;
      while (Chars(s_.substr(clause.begin, qe - clause.begin)) > 60) qe = BackChars(s_, qe, 1);
      f.quote_end = base_ + qe;
      out_->push_back(std::move(f));
      return;
    }
  }

  const RuleSets& r_;
  std::string_view s_;
  size_t base_;
  Context ctx_;
  std::vector<Found>* out_;
  std::vector<int> excl_, vals_, dirs_;
  std::string blanked_;
  std::vector<Mention> mentions_;
  std::vector<Span> clauses_;
  std::vector<std::string> carry_;
  Span prev_clause_;
  std::string last_pre_cmp_;
  std::string object_;  // what a count verb takes before the count: 共有[各类型幼儿园]86所
  TargetKind kind_ = TargetKind::kTarget;
};

}  // namespace

std::vector<Found> Analyze(const RuleSets& rules, std::string_view text, const Context& context) {
  std::vector<Found> out;
  for (const Span& s : SplitAt(text, 0, text.size(), U"。;；!！?？\n", false, true)) {
    SentenceAnalyzer(rules, text.substr(s.begin, s.end - s.begin), s.begin, context, &out).Run();
  }
  return out;
}

std::string LookupIndicator(const RuleSets& rules, std::string_view indicator,
                            std::string_view plan) {
  if (indicator.empty()) return "";
  for (const Indicator& ind : rules.indicators) {
    if (ind.plan != "both" && !plan.empty() && ind.plan != plan) continue;
    if (RE2::FullMatch(StringPiece(indicator.data(), indicator.size()), *ind.re)) return ind.id;
  }
  return "";
}

}  // namespace guihua::extract_internal
