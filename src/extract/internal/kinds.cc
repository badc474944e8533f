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
    const auto& names = re.NamedCapturingGroups();  // RE2 keeps the map
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
      for (size_t pos = from; pos < p && lex->re->compiled().Match(text, pos, p, RE2::UNANCHORED, &m, 1);) {
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
    const auto& names = re.NamedCapturingGroups();  // RE2 keeps the map
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

// One sentence's values given their kind and year, in order. A value printed right after another,
// with only a list separator between, continues it: a difference when that one is (分别增加596.3亿元
// 和19642元), an earlier level of its year when that one is (由2011年39.45/10万、24.84‰下降到…).
class SentenceKinds {
 public:
  SentenceKinds(const RuleSets& rules, std::string_view sentence, const Context& ctx,
                ParagraphTimes* paragraph, const std::vector<size_t>& values)
      : rules_(rules),
        sentence_(sentence),
        ctx_(ctx),
        paragraph_(paragraph),
        times_(rules, sentence, ctx, values),
        report_(ctx.document != DocumentKind::kPlan),
        sentence_year_(times_.SentenceYear()) {
    int pair[2] = {0, 0};
    if (sentence.find("年") != std::string_view::npos && DuePair(rules, sentence, pair)) {
      paragraph->due_pair[0] = pair[0];
      paragraph->due_pair[1] = pair[1];
    }
    commitment_ = report_ && (times_.Commitment() || ctx.goal ||
                              ((paragraph->commitment || ctx.commitment) && sentence_year_ == 0));
    // In a plan's paragraph of past facts, a later sentence without a cue of its own (到2030年,
    // 力争) states a past fact too.
    past_ = !report_ && !ctx.goal && paragraph->past && !Any(rules, "target_cue", sentence) &&
            times_.DueYear(sentence.size()) == 0;
  }

  // Sets the kind and year of the value at sentence_[p, e).
  void Assign(Target& t, size_t p, size_t e) {
    Facts f = Read(t, p);
    if (p >= prev_.end || prev_.end == std::string::npos) {  // not the same value again (各, lists)
      prev_ = f;
      prev_.end = e;
    }
    if (past_ && t.kind == TargetKind::kTarget) t.kind = TargetKind::kBaseline;
    any_value_ = true;
    all_baseline_ = all_baseline_ && t.kind == TargetKind::kBaseline;
    bool target = report_ ? !f.earlier && (times_.EndsWith("target_before", p) ||
                                           times_.StartsWith("target_after", e) || commitment_)
                          : t.kind == TargetKind::kTarget && !f.earlier;
    if (target) {
      MakeTarget(t, p, f.index);
    } else {
      MakeOther(t, p, f);
    }
  }

  // What later sentences of the paragraph inherit from this one.
  void Finish() {
    if (sentence_year_) paragraph_->year = sentence_year_;
    if (int due = times_.DueYear(sentence_.size())) paragraph_->due_year = due;
    if (report_) paragraph_->commitment = commitment_;
    if (!report_ && any_value_) paragraph_->past = all_baseline_ && !ctx_.baseline;
  }

 private:
  // What a value's place in the sentence says of it.
  struct Facts {
    size_t end = std::string::npos;  // (of the previous value)
    bool change = false, fall = false, earlier = false;
    int year = 0, index = 0;  // index: its place in its list
  };

  Facts Read(const Target& t, size_t p) const {
    Facts f;
    bool in_list = ContinuesList(p);
    f.index = in_list ? prev_.index + 1 : 0;
    bool attached_base = false;
    f.year = in_list && prev_.year ? prev_.year : times_.ValueYear(p, &attached_base);
    f.earlier = attached_base || times_.EndsWith("earlier_level", p) || (in_list && prev_.earlier);
    if (times_.PreviousYearLevel(p)) {
      f.earlier = true;
      int now = f.year ? f.year : (paragraph_->year ? paragraph_->year : ctx_.year);
      f.year = now ? now - 1 : 0;
    }
    if (!f.year) f.year = sentence_year_ ? sentence_year_ : paragraph_->year;
    f.change = !f.earlier && IsChange(times_, rules_, t, p, &f.fall);
    if (!f.earlier && prev_.change && in_list) {
      f.change = true;
      f.fall = f.fall || prev_.fall;
    }
    return f;
  }

  bool ContinuesList(size_t p) const {
    if (prev_.end == std::string::npos || prev_.end > p) return false;
    for (const Lexicon* lex : rules_.FindAll("list_separator")) {
      if (RE2::FullMatch(StringPiece(sentence_.data() + prev_.end, p - prev_.end), *lex->re)) {
        return true;
      }
    }
    return false;
  }

  void MakeTarget(Target& t, size_t p, int index) const {
    t.kind = TargetKind::kTarget;
    int due = times_.DueYear(p);
    t.year = due ? due : (paragraph_->due_year ? paragraph_->due_year
                                               : (report_ ? ctx_.due_year : ctx_.year));
    if (paragraph_->due_pair[0] && index < 2) t.year = paragraph_->due_pair[index];
  }

  void MakeOther(Target& t, size_t p, const Facts& f) const {
    if (!report_ && f.earlier) {
      t.kind = TargetKind::kBaseline;
    } else if (f.change) {
      MakeChange(rules_, f.fall, &t);
    } else {
      t.kind = report_ ? TargetKind::kActual : TargetKind::kBaseline;
    }
    t.year = f.year ? f.year : (report_ ? ctx_.year : 0);
    if (t.kind == TargetKind::kChange) t.base_year = times_.BaseYear(p, t.year);
  }

  const RuleSets& rules_;
  std::string_view sentence_;
  const Context& ctx_;
  ParagraphTimes* paragraph_;
  SentenceTimes times_;
  bool report_;
  int sentence_year_;
  bool commitment_ = false, past_ = false;
  Facts prev_;
  bool any_value_ = false, all_baseline_ = true;
};

}  // namespace

void AssignKindsAndYears(const RuleSets& rules, std::string_view sentence, size_t sentence_base,
                         const Context& ctx, ParagraphTimes* paragraph,
                         std::vector<Found>::iterator begin, std::vector<Found>::iterator end) {
  std::vector<size_t> values;
  for (auto f = begin; f != end; ++f) {
    if (f->target.value) values.push_back(f->target.begin - sentence_base);
  }
  SentenceKinds kinds(rules, sentence, ctx, paragraph, values);
  for (auto f = begin; f != end; ++f) {
    Target& t = f->target;
    if (t.kind == TargetKind::kDirection || !t.value) continue;
    kinds.Assign(t, t.begin - sentence_base, t.end - sentence_base);
  }
  kinds.Finish();
}

}  // namespace guihua::extract_internal
