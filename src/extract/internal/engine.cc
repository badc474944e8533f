// Sentence analysis, the driver: a paragraph split into sentences, a sentence into clauses, and
// each clause's accepted values grouped (分别, 各/均, lists) under a subject and a comparator.
// The parts it drives live in analyzer.h's files (mentions, subjects, quotes, directions).
#include "extract/internal/engine.h"

#include <algorithm>

#include "extract/internal/analyzer.h"
#include "extract/internal/kinds.h"

namespace guihua::extract_internal {

using re2::StringPiece;

void SentenceAnalyzer::Run() {
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
  std::vector<bool> accepted(mentions_.size(), false);
  for (size_t i = 0; i < mentions_.size(); ++i) accepted[i] = Accept(i, accepted);
  std::vector<Mention> kept;
  for (size_t i = 0; i < mentions_.size(); ++i) {
    if (accepted[i]) kept.push_back(mentions_[i]);
  }
  mentions_ = std::move(kept);
  // Only a value's target takes the sentence's kind (Emit): without one, the cue alternations
  // need not search the sentence (most of a plan's sentences hold no value).
  if (!mentions_.empty()) kind_ = DecideKind();
  for (const Span& clause : clauses_) AnalyzeClause(clause);
}

void SentenceAnalyzer::AnalyzeClause(const Span& clause) {
  std::vector<size_t> in;
  for (size_t i = 0; i < mentions_.size(); ++i) {
    if (mentions_[i].begin >= clause.begin && mentions_[i].begin < clause.end) in.push_back(i);
  }
  if (in.empty()) {
    if (ctx_.goal) Directions(clause);
    prev_clause_ = clause;
    return;
  }
  const Lexicon* sep = r_.Find("list_separator");
  for (size_t k = 0; k < in.size();) k = AnalyzeGroup(clause, in, k, sep);
  prev_clause_ = clause;
}

// The values from in[k] on that share one subject: one value, or a list of them paired with the
// subject's items (分别, or as many values as indicators). Returns where the next group starts.
size_t SentenceAnalyzer::AnalyzeGroup(const Span& clause, const std::vector<size_t>& in, size_t k,
                                      const Lexicon* sep) {
  const Mention& m = mentions_[in[k]];
  Lead lead = ReadLead(clause, in, k, sep);
  object_.clear();
  if (lead.verb.verb.begin != std::string::npos && lead.verb.verb.end < m.num_begin) {
    std::string obj = Trim(Str(s_, lead.verb.verb.end, m.num_begin), nullptr);
    if (!obj.empty()) object_ = Str(s_, lead.verb.verb.begin, lead.verb.verb.end) + obj;
  }
  size_t group_end = k + 1;
  bool respectively = Respectively(lead, in, k, sep, &group_end);
  std::vector<std::string> items =
      SubjectItems(m, clause, lead.between, respectively, group_end - k, &lead.subject);
  if (items.empty()) items = {""};
  respectively_size_ = respectively ? group_end - k : 0;
  if (!lead.subject.empty() || !respectively) carry_ = items;
  std::string suffix =
      lead.verb.rule && m.num_begin == lead.verb.verb.end ? lead.verb.rule->indicator_suffix : "";
  EmitGroup(clause, in, k, group_end, items, lead.pre_cmp, suffix);
  return group_end;
}

// What is printed before in[k]'s value in its clause: the verb, the subject, the comparator.
SentenceAnalyzer::Lead SentenceAnalyzer::ReadLead(const Span& clause, const std::vector<size_t>& in,
                                                  size_t k, const Lexicon* sep) {
  const Mention& m = mentions_[in[k]];
  Lead lead;
  lead.left_begin = k == 0 ? clause.begin : mentions_[in[k - 1]].end;
  lead.verb = FindVerb(lead.left_begin, m.num_begin);
  bool has_verb = lead.verb.verb.begin != std::string::npos;
  size_t subj_end = has_verb ? lead.verb.verb.begin : m.num_begin;
  std::string tail;
  lead.subject = Trim(Str(s_, lead.left_begin, subj_end), &tail);
  lead.between = tail + (has_verb ? Str(s_, lead.verb.verb.end, m.num_begin) : "");
  lead.left_text = Str(s_, lead.left_begin, m.num_begin);
  lead.pre_cmp = PrintedComparator(lead.left_begin, m.num_begin);
  // 组织两次A和两次B: the second value continues the first one's verb, subject and bound.
  Span sep_end;
  bool continuation = k > 0 && !has_verb && lead.pre_cmp.empty() && sep &&
                      EndsAt(*sep->re, s_, lead.left_begin, m.num_begin, &sep_end);
  if (continuation) {
    lead.subject.clear();
    lead.pre_cmp = last_pre_cmp_;
  }
  last_pre_cmp_ = lead.pre_cmp;
  return lead;
}

// The comparator printed before a value in s_[from, num_begin) (不低于, 至少 … 各配备), "" if none.
std::string SentenceAnalyzer::PrintedComparator(size_t from, size_t num_begin) const {
  Span p;
  if (!FindLast(*r_.pre_bound, s_, from, num_begin, &p) &&
      !EndsAt(*r_.pre_adjacent, s_, from, num_begin, &p)) {
    return "";
  }
  Span near;  // 近 right before the value outweighs a bound word further left
  if (EndsAt(*r_.pre_adjacent, s_, from, num_begin, &near)) p = near;
  std::string cmp = PreComparator(s_.substr(p.begin, p.end - p.begin));
  // 高于全国3.1岁: a distance from a wider level, no bound (context.rules `compared_level`).
  if (Role("compared_level", Str(s_, p.begin, num_begin), true)) cmp.clear();
  return cmp;
}

// Whether in[k]'s value starts a list paired in order with its subject's items, and so where the
// group ends (`group_end`, left as is otherwise).
bool SentenceAnalyzer::Respectively(const Lead& lead, const std::vector<size_t>& in, size_t k,
                                    const Lexicon* sep, size_t* group_end) const {
  // 分别由A、B下降到X、Y: the second list pairs with the first one's subjects, in order.
  bool respectively = Role("respectively", lead.left_text, false) ||
                      (k > 0 && lead.subject.empty() && carry_.size() > 1 &&
                       respectively_size_ == carry_.size());
  size_t run = k + 1;  // the values listed from this one on: 8.9‰和11.7‰
  while (run < in.size()) {
    std::string gap = Str(s_, mentions_[in[run - 1]].end, mentions_[in[run]].begin);
    if (!gap.empty() && !FullMatch(sep ? sep->re->get() : nullptr, gap)) break;
    ++run;
  }
  // 婴儿死亡率和5岁以下儿童死亡率下降到8.9‰和11.7‰: as many values as indicators, in order,
  // even without 分别.
  if (!respectively && run - k > 1 && Role("split_subject", lead.subject, true) &&
      SplitList(lead.subject, false).size() == run - k) {
    respectively = true;
  }
  if (respectively) *group_end = run;
  return respectively;
}

// The indicator items a value's subject names: its own list split, the carried subject of an
// earlier value completed, or what the clause before names. `subject` is completed in place.
std::vector<std::string> SentenceAnalyzer::SubjectItems(const Mention& m, const Span& clause,
                                                        const std::string& between,
                                                        bool respectively, size_t group_size,
                                                        std::string* subject) const {
  std::string& subj = *subject;
  bool shared = Role("shared", between, false);
  if (subj.empty() && carry_.empty() && prev_clause_.end > prev_clause_.begin &&
      m.unit_class == UnitClass::kRate) {
    // 提高城镇单位的女性就业人员比例,力争达40%: the indicator is the clause before.
    subj = Trim(Str(s_, prev_clause_.begin, prev_clause_.end), nullptr);
    if (Chars(subj) > 30 || !EndsWithRole("rate_head", subj)) subj.clear();
  }
  subj = CompleteElliptic(PopulationFirst(subj));
  std::vector<std::string> items;
  if (subj.empty()) {
    return ValueFirst(m, clause) ? std::vector<std::string>{""} : carry_;
  } else if (Role("qualifier", subj, true) && carry_.size() == 1) {
    items = {subj + carry_[0]};
  } else if (carry_.size() == 1 && ReplaceRateTail(subj, &items)) {
  } else if (Role("population", subj, true) && carry_.size() == 1 &&
             LastRole("population", carry_[0]).begin != std::string::npos) {
    // …小学生达到10小时、初中生达到9小时: the next population, same indicator.
    Span pop = LastRole("population", carry_[0]);
    items = {carry_[0].substr(0, pop.begin) + subj + carry_[0].substr(pop.end)};
  } else if (respectively && group_size > 1) {
    items = SplitRespectively(subj, group_size);
  } else if (Role("no_split", subj, false)) {
    // An open list (…等相关部门) is one object, unless 各/均 shares the value over its members.
    if (!shared || !SplitOpenList(subj, &items)) items = {subj};
  } else if (shared && SplitPair(subj, &items)) {
  } else if (shared && SplitBracketed(subj, &items)) {
  } else if (shared || Role("split_subject", subj, true)) {
    items = Complete(SplitList(subj, false));
  } else {
    items = {ScopedLikeCarry(m, subj)};
  }
  return items;
}

// A value with no subject printed names its own: 促进70%的妇女…接受筛查 (a share printed value
// first), 30余万名妇女掌握… (a count opening its clause counts who follows it, nobody before).
bool SentenceAnalyzer::ValueFirst(const Mention& m, const Span& clause) const {
  if (m.unit_class == UnitClass::kRate && Str(s_, m.end, m.end + 3) == "的") return true;
  return m.unit_class == UnitClass::kCounter && m.num_begin == clause.begin &&
         ctx_.document != DocumentKind::kPlan && CountedSubject(m.end);
}

// A second count keeps the first one's scope: 每千名儿童拥有…、床位…. A rate names its own
// population (每所卫生院…配备两名医生,适龄妇女筛查率… is no 每所 rate).
std::string SentenceAnalyzer::ScopedLikeCarry(const Mention& m, const std::string& subject) const {
  if (carry_.empty() || m.unit_class == UnitClass::kRate) return subject;
  for (const Lexicon* lex : r_.FindAll("scope_prefix")) {
    StringPiece cin(carry_[0]), mm;
    if (lex->re->compiled().Match(cin, 0, cin.size(), RE2::ANCHOR_START, &mm, 1) && !mm.empty()) {
      std::string prefix(mm.data(), mm.size());
      return subject.rfind(prefix, 0) != 0 ? prefix + subject : subject;
    }
  }
  return subject;
}

// Emits the values in[k, group_end) with their indicators: a list pairs value i with item i; a
// single value gets one target per item (各/均 share it).
void SentenceAnalyzer::EmitGroup(const Span& clause, const std::vector<size_t>& in, size_t k,
                                 size_t group_end, const std::vector<std::string>& items,
                                 const std::string& pre_cmp, const std::string& suffix) {
  // Comparator of a group: each value's own, else the last value's, else the printed prefix.
  std::string group_cmp = mentions_[in[group_end - 1]].post_comparator;
  if (group_cmp.empty()) group_cmp = pre_cmp;
  for (size_t g = k; g < group_end; ++g) {
    const Mention& gm = mentions_[in[g]];
    std::string cmp = gm.post_comparator.empty()
                          ? (g == k ? (pre_cmp.empty() ? group_cmp : pre_cmp) : group_cmp)
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
}

std::vector<Found> Analyze(const RuleSets& rules, std::string_view text, const Context& context,
                           std::vector<Unread>* unread) {
  std::vector<Found> out;
  ParagraphTimes times;
  for (const Span& s : SplitAt(text, 0, text.size(), U"。;；!！?？\n", false, true)) {
    std::string_view sentence = text.substr(s.begin, s.end - s.begin);
    size_t first = out.size();
    SentenceAnalyzer(rules, sentence, s.begin, context, &out, unread).Run();
    AssignKindsAndYears(rules, sentence, s.begin, context, &times, out.begin() + first, out.end());
  }
  return out;
}

namespace {

std::string MatchIndicator(const RuleSets& rules, std::string_view indicator,
                           std::string_view plan) {
  // The first row of the plan that matches wins; the Set finds the candidate rows in one pass.
  std::vector<int> hits = rules.indicator_matcher.Matches(indicator);
  for (int h : hits) {
    const Indicator& ind = rules.indicators[h];
    if (ind.plan == "both" || plan.empty() || ind.plan == plan) return ind.id;
  }
  // An indicator of the other plan is still that indicator (孕产妇死亡率 in a children's plan).
  return hits.empty() ? "" : rules.indicators[hits[0]].id;
}

}  // namespace

std::string LookupIndicator(const RuleSets& rules, std::string_view indicator,
                            std::string_view plan) {
  if (indicator.empty() || rules.indicator_matcher.size() == 0) return "";
  IndicatorCache& cache = *rules.indicator_cache;
  std::string key;
  key.reserve(plan.size() + 1 + indicator.size());
  key.append(plan).append(1, '\t').append(indicator);
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    if (auto it = cache.ids.find(key); it != cache.ids.end()) return it->second;
  }
  std::string id = MatchIndicator(rules, indicator, plan);
  std::lock_guard<std::mutex> lock(cache.mu);
  if (cache.ids.size() >= 100000) cache.ids.clear();  // a long-running server stays bounded
  cache.ids.emplace(std::move(key), id);
  return id;
}

}  // namespace guihua::extract_internal
