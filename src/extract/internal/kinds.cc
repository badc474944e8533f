// Kinds and years: which values are a plan's commitments, a plan's baselines, measured levels or
// differences, and which year each refers to. The cues are context.rules roles (year, base_year,
// previous_year, since_year, due_year, commitment, target_before/after, earlier_level, fall, rise,
// change_unit, year_attach); this file only says how they combine, per document kind.
#include "extract/internal/kinds.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace guihua::extract_internal {
namespace {

using re2::StringPiece;

enum class YearRole { kPlain, kBase, kDue, kSince };

// A year printed in the sentence, and what it is: the year of a value (kPlain), the base of a
// comparison (较2020年), a due year (到2030年) or the start of a span (2017年来).
struct YearMention {
  size_t begin = 0, end = 0;
  int year = 0;
  YearRole role = YearRole::kPlain;
};

// Every match of the rules of `role` in `s`, with the named group y read as its year.
void Collect(const RuleSets& r, const char* role, std::string_view s, YearRole as,
             std::vector<YearMention>* out) {
  for (const Lexicon* lex : r.FindAll(role)) {
    const RE2& re = *lex->re;
    auto names = re.NamedCapturingGroups();
    auto it = names.find("y");
    int y = it == names.end() ? -1 : it->second;
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<StringPiece> g(n);
    StringPiece text(s.data(), s.size());
    for (size_t pos = 0;
         pos < s.size() && re.Match(text, pos, s.size(), RE2::UNANCHORED, g.data(), n);) {
      YearMention m;
      m.begin = g[0].data() - s.data();
      m.end = m.begin + g[0].size();
      m.role = as;
      if (y >= 0 && g[y].data()) m.year = std::atoi(std::string(g[y].data(), g[y].size()).c_str());
      out->push_back(m);
      pos = m.end > pos ? m.end : pos + 1;
    }
  }
}

bool Any(const RuleSets& r, const char* role, std::string_view s) {
  if (const RE2* any = r.AnyOf(role)) return RE2::PartialMatch(StringPiece(s.data(), s.size()), *any);
  for (const Lexicon* lex : r.FindAll(role)) {
    if (RE2::PartialMatch(StringPiece(s.data(), s.size()), *lex->re)) return true;
  }
  return false;
}

class SentenceTimes {
 public:
  SentenceTimes(const RuleSets& rules, std::string_view s, const Context& context,
                const std::vector<size_t>& values)
      : r_(rules), s_(s), ctx_(context), values_(values) {
    if (s_.find("年") != std::string_view::npos) FindYears();
  }

  // The sentence states a plan's commitment (reports and texts only).
  bool Commitment() const {
    if (Any(r_, "commitment", s_)) return true;
    for (const YearMention& m : years_) {
      if (m.role == YearRole::kDue && (ctx_.year == 0 || m.year > ctx_.year)) return true;
    }
    return false;
  }

  // The last year printed for the sentence as a whole (not attached to one value); 0 if none.
  int SentenceYear() const {
    int year = 0;
    for (const YearMention& m : years_) {
      if (m.role == YearRole::kPlain && !AttachedToAny(m)) year = m.year;
    }
    return year;
  }

  int DueYear(size_t before) const {
    int year = 0;
    for (const YearMention& m : years_) {
      if (m.role == YearRole::kDue && (m.end <= before || year == 0)) year = m.year;
    }
    return year;
  }

  // The year of the value at `p`: the nearest year printed before it that is not another value's
  // (从2016年的6.01‰下降到2020年的5.62‰), 0 if none. `earlier` is set when that year is the base of
  // a comparison printed on the value itself (较2020年的X: X is the level of 2020).
  int ValueYear(size_t p, bool* earlier) const {
    *earlier = false;
    for (auto it = years_.rbegin(); it != years_.rend(); ++it) {
      const YearMention& m = *it;
      if (m.end > p || m.role == YearRole::kSince) continue;
      if (AttachedToOther(m, p)) continue;
      if (m.role == YearRole::kBase) {
        if (!Attached(m.end, p)) continue;
        *earlier = true;
      }
      return m.year;
    }
    return 0;
  }

  // The base year of a change at `p`: 较2020年 → 2020, 比上年 → `year` − 1; 0 if none.
  int BaseYear(size_t p, int year) const {
    int base = 0;
    for (const YearMention& m : years_) {
      if (m.role == YearRole::kBase && m.end <= p) base = m.year;
    }
    if (base == 0 && year > 0 && PreviousYearBefore(p)) base = year - 1;
    return base;
  }

  // 较上年4.92‰: the value is last year's level.
  bool PreviousYearLevel(size_t p) const {
    size_t from = ClauseStart(p);
    for (const Lexicon* lex : r_.FindAll("previous_year")) {
      StringPiece m;
      StringPiece text(s_.data(), p);
      for (size_t pos = from; pos < p && lex->re->Match(text, pos, p, RE2::UNANCHORED, &m, 1);) {
        size_t end = m.data() - s_.data() + m.size();
        if (Attached(end, p)) return true;
        pos = end > pos ? end : pos + 1;
      }
    }
    return false;
  }

  // Does the text from the clause start to `p` end with a match of `role` (patterns end in $)?
  bool EndsWith(const char* role, size_t p) const {
    return Any(r_, role, s_.substr(ClauseStart(p), p - ClauseStart(p)));
  }
  // Does the text after `e` in its clause start with a match of `role` (patterns start with ^)?
  bool StartsWith(const char* role, size_t e) const {
    size_t end = s_.find_first_of(",:", e);
    if (end == std::string_view::npos) end = s_.size();
    return Any(r_, role, s_.substr(e, end - e));
  }

 private:
  void FindYears() {
    std::vector<YearMention> found;
    Collect(r_, "base_year", s_, YearRole::kBase, &found);
    Collect(r_, "due_year", s_, YearRole::kDue, &found);
    Collect(r_, "since_year", s_, YearRole::kSince, &found);
    std::vector<YearMention> plain;
    Collect(r_, "year", s_, YearRole::kPlain, &plain);
    for (const YearMention& m : plain) {
      bool covered = false;
      for (const YearMention& f : found) covered |= m.begin < f.end && f.begin < m.end;
      if (!covered) found.push_back(m);
    }
    std::sort(found.begin(), found.end(),
              [](const YearMention& a, const YearMention& b) { return a.begin < b.begin; });
    years_ = std::move(found);
  }

  size_t ClauseStart(size_t p) const {
    size_t at = s_.substr(0, p).find_last_of(",:");
    return at == std::string_view::npos ? 0 : at + 1;
  }

  // Nothing but a linking word (的, 为 …) between a year ending at `end` and a value at `p`.
  bool Attached(size_t end, size_t p) const {
    return end <= p && Any(r_, "year_attach", s_.substr(end, p - end));
  }

  bool AttachedToOther(const YearMention& m, size_t p) const {
    for (size_t q : values_) {
      if (q != p && q >= m.end && q < p && Attached(m.end, q)) return true;
    }
    return false;
  }

  bool AttachedToAny(const YearMention& m) const {
    for (size_t q : values_) {
      if (Attached(m.end, q)) return true;
    }
    return false;
  }

  bool PreviousYearBefore(size_t p) const {
    for (const Lexicon* lex : r_.FindAll("previous_year")) {
      if (RE2::PartialMatch(StringPiece(s_.data(), p), *lex->re)) return true;
    }
    return false;
  }

  const RuleSets& r_;
  std::string_view s_;
  const Context& ctx_;
  const std::vector<size_t>& values_;  // value positions in the sentence
  std::vector<YearMention> years_;
};

bool IsChange(const SentenceTimes& times, const RuleSets& r, const Target& t, size_t p,
              bool* fall) {
  *fall = times.EndsWith("fall", p);
  if (*fall || times.EndsWith("rise", p)) return true;
  for (const Lexicon* lex : r.FindAll("change_unit")) {
    if (RE2::FullMatch(t.unit, *lex->re)) return true;
  }
  return false;
}

// A change names the indicator whose level changed (…下降幅度 is a plan's committed reduction),
// and is negative for a fall.
void MakeChange(const RuleSets& r, bool fall, Target* t) {
  t->kind = TargetKind::kChange;
  for (const Verb& verb : r.verbs) {
    const std::string& suffix = verb.indicator_suffix;
    if (!suffix.empty() && t->indicator.size() > suffix.size() &&
        t->indicator.compare(t->indicator.size() - suffix.size(), suffix.size(), suffix) == 0) {
      t->indicator.erase(t->indicator.size() - suffix.size());
      break;
    }
  }
  if (fall && t->value && !t->value_max) t->value = -*t->value;
}

// 到2022年和2030年 (context.rules `due_pair`, groups y and y2): the due years of the first and
// the second value of each list that follows.
bool DuePair(const RuleSets& r, std::string_view s, int pair[2]) {
  for (const Lexicon* lex : r.FindAll("due_pair")) {
    const RE2& re = *lex->re;
    auto names = re.NamedCapturingGroups();
    auto y = names.find("y"), y2 = names.find("y2");
    if (y == names.end() || y2 == names.end()) continue;
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<StringPiece> g(n);
    if (!re.Match(StringPiece(s.data(), s.size()), 0, s.size(), RE2::UNANCHORED, g.data(), n)) {
      continue;
    }
    pair[0] = std::atoi(std::string(g[y->second].data(), g[y->second].size()).c_str());
    pair[1] = std::atoi(std::string(g[y2->second].data(), g[y2->second].size()).c_str());
    return true;
  }
  return false;
}

}  // namespace

void AssignKindsAndYears(const RuleSets& rules, std::string_view sentence, size_t sentence_base,
                         const Context& ctx, ParagraphTimes* paragraph,
                         std::vector<Found>::iterator begin, std::vector<Found>::iterator end) {
  std::vector<size_t> values;
  for (auto f = begin; f != end; ++f) {
    if (f->target.value) values.push_back(f->target.begin - sentence_base);
  }
  SentenceTimes times(rules, sentence, ctx, values);
  bool report = ctx.document != DocumentKind::kPlan;
  int sentence_year = times.SentenceYear();
  // A value printed right after another, with only a list separator between, continues it: a
  // difference when that one is (分别增加596.3亿元和19642元), an earlier level of its year when
  // that one is (由2011年39.45/10万、24.84‰下降到…).
  size_t prev_end = std::string::npos;
  bool prev_change = false, prev_fall = false, prev_earlier = false;
  int prev_year = 0, prev_index = 0;  // prev_index: the previous value's place in its list
  int pair[2] = {0, 0};
  if (sentence.find("年") != std::string_view::npos && DuePair(rules, sentence, pair)) {
    paragraph->due_pair[0] = pair[0];
    paragraph->due_pair[1] = pair[1];
  }
  auto continues_list = [&](size_t p) {
    if (prev_end == std::string::npos || prev_end > p) return false;
    for (const Lexicon* lex : rules.FindAll("list_separator")) {
      if (RE2::FullMatch(StringPiece(sentence.data() + prev_end, p - prev_end), *lex->re)) {
        return true;
      }
    }
    return false;
  };
  bool commitment =
      report && (times.Commitment() || ctx.goal ||
                 ((paragraph->commitment || ctx.commitment) && sentence_year == 0));
  // In a plan's paragraph of past facts, a later sentence without a cue of its own (到2030年, 力争)
  // states a past fact too.
  bool past = !report && !ctx.goal && paragraph->past && !Any(rules, "target_cue", sentence) &&
              times.DueYear(sentence.size()) == 0;
  bool any_value = false, all_baseline = true;
  for (auto f = begin; f != end; ++f) {
    Target& t = f->target;
    if (t.kind == TargetKind::kDirection || !t.value) continue;
    size_t p = t.begin - sentence_base, e = t.end - sentence_base;
    bool in_list = continues_list(p);
    int index = in_list ? prev_index + 1 : 0;
    bool attached_base = false;
    int year = in_list && prev_year ? prev_year : times.ValueYear(p, &attached_base);
    bool earlier =
        attached_base || times.EndsWith("earlier_level", p) || (in_list && prev_earlier);
    if (times.PreviousYearLevel(p)) {
      earlier = true;
      int now = year ? year : (paragraph->year ? paragraph->year : ctx.year);
      year = now ? now - 1 : 0;
    }
    if (!year) year = sentence_year ? sentence_year : paragraph->year;
    bool fall = false;
    bool change = !earlier && IsChange(times, rules, t, p, &fall);
    if (!earlier && prev_change && in_list) {
      change = true;
      fall = fall || prev_fall;
    }
    if (p >= prev_end || prev_end == std::string::npos) {  // not the same value again (各, lists)
      prev_end = e;
      prev_change = change;
      prev_fall = fall;
      prev_earlier = earlier;
      prev_year = year;
      prev_index = index;
    }
    if (past && t.kind == TargetKind::kTarget) t.kind = TargetKind::kBaseline;
    any_value = true;
    all_baseline = all_baseline && t.kind == TargetKind::kBaseline;
    bool target = report ? !earlier && (times.EndsWith("target_before", p) ||
                                        times.StartsWith("target_after", e) || commitment)
                         : t.kind == TargetKind::kTarget && !earlier;
    if (target) {
      t.kind = TargetKind::kTarget;
      int due = times.DueYear(p);
      t.year = due ? due : (paragraph->due_year ? paragraph->due_year
                                                 : (report ? ctx.due_year : ctx.year));
      if (paragraph->due_pair[0] && index < 2) t.year = paragraph->due_pair[index];
      continue;
    }
    if (!report && earlier) {
      t.kind = TargetKind::kBaseline;
    } else if (change) {
      MakeChange(rules, fall, &t);
    } else {
      t.kind = report ? TargetKind::kActual : TargetKind::kBaseline;
    }
    t.year = year ? year : (report ? ctx.year : 0);
    if (t.kind == TargetKind::kChange) t.base_year = times.BaseYear(p, t.year);
  }
  if (sentence_year) paragraph->year = sentence_year;
  if (int due = times.DueYear(sentence.size())) paragraph->due_year = due;
  if (report) paragraph->commitment = commitment;
  if (!report && any_value) paragraph->past = all_baseline && !ctx.baseline;
}

}  // namespace guihua::extract_internal
