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
    if (FindLast(*r_.pre_bound, s_, left_begin, m.num_begin, &p) ||
        EndsAt(*r_.pre_adjacent, s_, left_begin, m.num_begin, &p)) {
      Span near;  // 近 right before the value outweighs a bound word further left
      if (EndsAt(*r_.pre_adjacent, s_, left_begin, m.num_begin, &near)) p = near;
      pre_cmp = PreComparator(s_.substr(p.begin, p.end - p.begin));
      // 高于全国3.1岁: a distance from a wider level, no bound (context.rules `compared_level`).
      if (Role("compared_level", Str(s_, p.begin, m.num_begin), true)) pre_cmp.clear();
    }
    // 组织两次A和两次B: the second value continues the first one's verb, subject and bound.
    Span sep_end;
    const Lexicon* sep = r_.Find("list_separator");
    bool continuation = k > 0 && verb.verb.begin == std::string::npos && pre_cmp.empty() && sep &&
                        EndsAt(*sep->re, s_, left_begin, m.num_begin, &sep_end);
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
    // 分别由A、B下降到X、Y: the second list pairs with the first one's subjects, in order.
    bool respectively = Role("respectively", left_text, false) ||
                        (k > 0 && subject.empty() && carry_.size() > 1 &&
                         respectively_size_ == carry_.size());
    size_t run = k + 1;  // the values listed from this one on: 8.9‰和11.7‰
    while (run < in.size()) {
      std::string gap = Str(s_, mentions_[in[run - 1]].end, mentions_[in[run]].begin);
      if (!gap.empty() && !FullMatch(sep ? sep->re.get() : nullptr, gap)) break;
      ++run;
    }
    // 婴儿死亡率和5岁以下儿童死亡率下降到8.9‰和11.7‰: as many values as indicators, in order,
    // even without 分别.
    if (!respectively && run - k > 1 && Role("split_subject", subject, true) &&
        SplitList(subject, false).size() == run - k) {
      respectively = true;
    }
    if (respectively) group_end = run;
    // Indicator items for this subject.
    std::vector<std::string> items;
    bool shared = Role("shared", between, false);
    if (subject.empty() && carry_.empty() && prev_clause_.end > prev_clause_.begin &&
        m.unit_class == UnitClass::kRate) {
      // 提高城镇单位的女性就业人员比例,力争达40%: the indicator is the clause before.
      subject = Trim(Str(s_, prev_clause_.begin, prev_clause_.end), nullptr);
      if (Chars(subject) > 30 || !EndsWithRole("rate_head", subject)) subject.clear();
    }
    subject = CompleteElliptic(PopulationFirst(subject));
    if (subject.empty()) {
      // 促进70%的妇女…接受筛查: a share printed value first names its own population.
      bool value_first = m.unit_class == UnitClass::kRate && Str(s_, m.end, m.end + 3) == "的";
      // 30余万名妇女掌握…: a count opening its clause counts who follows it, nobody before.
      value_first = value_first || (m.unit_class == UnitClass::kCounter &&
                                    m.num_begin == clause.begin &&
                                    ctx_.document != DocumentKind::kPlan && CountedSubject(m.end));
      items = value_first ? std::vector<std::string>{""} : carry_;
    } else if (Role("qualifier", subject, true) && carry_.size() == 1) {
      items = {subject + carry_[0]};
    } else if (carry_.size() == 1 && ReplaceRateTail(subject, &items)) {
    } else if (Role("population", subject, true) && carry_.size() == 1 &&
               LastRole("population", carry_[0]).begin != std::string::npos) {
      // …小学生达到10小时、初中生达到9小时: the next population, same indicator.
      Span pop = LastRole("population", carry_[0]);
      items = {carry_[0].substr(0, pop.begin) + subject + carry_[0].substr(pop.end)};
    } else if (respectively && group_end - k > 1) {
      items = SplitRespectively(subject, group_end - k);
    } else if (Role("no_split", subject, false)) {
      // An open list (…等相关部门) is one object, unless 各/均 shares the value over its members.
      if (!shared || !SplitOpenList(subject, &items)) items = {subject};
    } else if (shared && SplitPair(subject, &items)) {
    } else if (shared && SplitBracketed(subject, &items)) {
    } else if (shared || Role("split_subject", subject, true)) {
      items = Complete(SplitList(subject, false));
    } else {
      items = {subject};
      // A second count keeps the first one's scope: 每千名儿童拥有…、床位…. A rate names its own
      // population (每所卫生院…配备两名医生,适龄妇女筛查率… is no 每所 rate).
      if (!carry_.empty() && m.unit_class != UnitClass::kRate) {
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
    respectively_size_ = respectively ? group_end - k : 0;
    if (!subject.empty() || !respectively) carry_ = items;
    std::string suffix =
        verb.rule && m.num_begin == verb.verb.end ? verb.rule->indicator_suffix : "";
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
    k = group_end;
  }
  prev_clause_ = clause;
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
  std::vector<int> hits;
  rules.indicator_set->Match(StringPiece(indicator.data(), indicator.size()), &hits);
  std::sort(hits.begin(), hits.end());
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
  if (indicator.empty() || !rules.indicator_set) return "";
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
