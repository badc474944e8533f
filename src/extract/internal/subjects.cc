// Subjects and indicators: the commitment verb before a value, the subject trimmed of prefixes
// and suffixes, lists split and completed (分别, 各/均, shared heads and scopes), and the
// indicator named from subject, object, counted tail and verb suffix.
#include "common/utf8.h"
#include "extract/internal/analyzer.h"

namespace guihua::extract_internal {

using re2::StringPiece;

namespace {

// What a count's indicator ends with, by unit (组织1次体检 → …体检次数); "数" for any other.
std::string CountSuffix(const std::string& unit) {
  static const std::pair<const char*, const char*> kSuffixes[] = {
      {"次", "次数"}, {"小时", "时间"}, {"分钟", "时间"}, {"人", "人数"}, {"万人", "人数"},
      {"课时", "课时数"}};
  for (const auto& [u, suffix] : kSuffixes) {
    if (unit == u) return suffix;
  }
  return "数";
}

// Byte offset of the first match of `re` in `text` outside parentheses; npos if none.
size_t FirstOutsideParentheses(const RE2& re, const std::string& text) {
  Span m;
  for (size_t from = 0; from < text.size() && FindIn(re, text, from, text.size(), &m);) {
    int depth = 0;
    for (size_t pos = 0; pos < m.begin;) {
      char32_t cp = utf8::Next(text, pos);
      if (cp == U'(' || cp == U'（') ++depth;
      if ((cp == U')' || cp == U'）') && depth > 0) --depth;
    }
    if (depth == 0) return m.begin;
    from = m.end > m.begin ? m.end : m.end + 1;
  }
  return std::string::npos;
}

// The two groups of a whole-phrase match of `re`, both non-empty.
bool MatchPair(const RE2& re, const std::string& phrase, std::string* a, std::string* b) {
  StringPiece g[3];
  StringPiece in(phrase);
  if (re.NumberOfCapturingGroups() < 2 || !re.Match(in, 0, in.size(), RE2::ANCHOR_BOTH, g, 3) ||
      g[1].empty() || g[2].empty()) {
    return false;
  }
  *a = std::string(g[1].data(), g[1].size());
  *b = std::string(g[2].data(), g[2].size());
  return true;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

SentenceAnalyzer::Verdict SentenceAnalyzer::FindVerb(size_t from, size_t to) const {
  Verdict best;
  Span m;
  if (FindLast(*r_.verb_any, s_, from, to, &m)) best.verb = m;
  for (const Verb& verb : r_.verbs) {
    Span a;
    if (verb.adjacent) {
      // Adjacent verbs count right before the value, or before a bound word there.
      size_t end = to;
      Span p;
      if (EndsAt(*r_.pre_bound, s_, from, to, &p) ||
          EndsAt(*r_.pre_adjacent, s_, from, to, &p)) {
        end = p.begin;
      }
      if (EndsAt(*verb.re, s_, from, end, &a) &&
          (best.verb.begin == std::string::npos || a.end > best.verb.end)) {
        best.verb = a;
      }
    }
  }
  if (best.verb.begin != std::string::npos) {
    std::string_view printed = s_.substr(best.verb.begin, best.verb.end - best.verb.begin);
    for (const Verb& verb : r_.verbs) {
      if (FullMatch(verb.re->get(), printed)) {
        best.rule = &verb;
        break;
      }
    }
  }
  return best;
}

// Strips subject_prefix matches from the front and subject_suffix matches from the back.
std::string SentenceAnalyzer::Trim(std::string subject, std::string* stripped_tail) const {
  for (bool again = true; again;) {
    again = false;
    for (const Lexicon* lex : r_.FindAll("subject_prefix")) {
      StringPiece in(subject), m;
      if (lex->re->compiled().Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
        subject.erase(0, m.size());
        again = true;
      }
    }
    for (const Lexicon* lex : r_.FindAll("subject_suffix")) {
      Span m;
      if (EndsAt(*lex->re, subject, 0, subject.size(), &m) && m.end > m.begin) {
        // With a group, only the group is stripped: [^年人平](均) keeps 年均.
        size_t cut = m.begin;
        if (lex->re->compiled().NumberOfCapturingGroups() >= 1) {
          StringPiece g[2];
          StringPiece in(subject);
          if (lex->re->compiled().Match(in, m.begin, m.end, RE2::ANCHOR_BOTH, g, 2) && g[1].data()) {
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
      if (lex->re->compiled().Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
        subject.erase(0, m.size());
        again = true;
      }
    }
  }
  return subject;
}

bool SentenceAnalyzer::Role(const std::string& role, std::string_view text, bool full) const {
  for (const Lexicon* lex : r_.FindAll(role)) {
    StringPiece in(text.data(), text.size());
    if (full ? RE2::FullMatch(in, *lex->re) : RE2::PartialMatch(in, *lex->re)) return true;
  }
  return false;
}

bool SentenceAnalyzer::EndsWithRole(const std::string& role, const std::string& text) const {
  for (const Lexicon* lex : r_.FindAll(role)) {
    Span m;
    if (EndsAt(*lex->re, text, 0, text.size(), &m)) return true;
  }
  return false;
}

// Last match of a role's pattern in `text`; npos if none.
Span SentenceAnalyzer::LastRole(const std::string& role, std::string_view text) const {
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

std::vector<std::string> SentenceAnalyzer::SplitList(const std::string& subject,
                                                     bool only_enumeration) const {
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
    // A word holding a separator character (普及率, 涉及) is no separator.
    bool word = false;
    for (const Lexicon* lex : r_.FindAll("not_separator")) {
      if (lex->re->compiled().Match(in, at, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
        pos = at + m.size();
        word = true;
        break;
      }
    }
    if (word) continue;
    if (sep->re->compiled().Match(in, at, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
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
std::vector<std::string> SentenceAnalyzer::Complete(std::vector<std::string> items) const {
  if (items.size() < 2) return items;
  // Shared scope prefix of the first item (每所, 每千名儿童拥有).
  for (const Lexicon* lex : r_.FindAll("scope_prefix")) {
    StringPiece in(items[0]), m;
    if (lex->re->compiled().Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
      std::string prefix(m.data(), m.size());
      for (size_t i = 1; i < items.size(); ++i) {
        if (items[i].rfind(prefix, 0) != 0) items[i] = prefix + items[i];
      }
      break;
    }
  }
  // Shared doer of the first item (中小学校设置A、设立B、配备C → 中小学校设立B …).
  for (const Lexicon* lex : r_.FindAll("share_doing")) {
    std::string who, doing;
    if (!MatchPair(*lex->re, items[0], &who, &doing)) continue;
    for (size_t i = 1; i < items.size(); ++i) {
      if (!MatchPair(*lex->re, items[i], &doing, &doing) &&
          MatchPair(*lex->re, who + items[i], &doing, &doing)) {
        items[i] = who + items[i];
      }
    }
    break;
  }
  // Shared tail of the last item (区委、人大、政府、政协领导班子中 → 区委领导班子中 …).
  for (const Lexicon* lex : r_.FindAll("shared_tail")) {
    Span t;
    const std::string& tail_of = items.back();
    if (EndsAt(*lex->re, tail_of, 0, tail_of.size(), &t) && t.begin > 0 && t.end > t.begin) {
      std::string tail = tail_of.substr(t.begin);
      for (size_t i = 0; i + 1 < items.size(); ++i) {
        if (items[i].find(tail) == std::string::npos) items[i] += tail;
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
std::vector<std::string> SentenceAnalyzer::SplitRespectively(const std::string& subject,
                                                             size_t k) const {
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
bool SentenceAnalyzer::SplitPair(const std::string& subject,
                                 std::vector<std::string>* items) const {
  for (const Lexicon* lex : r_.FindAll("pair")) {
    StringPiece in(subject);
    StringPiece g[3];
    if (lex->re->compiled().NumberOfCapturingGroups() >= 2 &&
        lex->re->compiled().Match(in, 0, in.size(), RE2::UNANCHORED, g, 3)) {
      size_t b = g[0].data() - subject.data(), e = b + g[0].size();
      std::string head = subject.substr(0, b), tail = subject.substr(e);
      *items = {head + std::string(g[1].data(), g[1].size()) + tail,
                head + std::string(g[2].data(), g[2].size()) + tail};
      return true;
    }
  }
  return false;
}

// A list in brackets under 各/均: 五苗(卡介苗、脊灰苗…)接种率均达96% gives one item per member, each
// with what follows the brackets (卡介苗接种率 …); the group's name before the brackets is left out.
bool SentenceAnalyzer::SplitBracketed(const std::string& subject,
                                      std::vector<std::string>* items) const {
  for (const Lexicon* lex : r_.FindAll("bracketed_list")) {
    StringPiece in(subject);
    StringPiece g[2];
    if (lex->re->compiled().NumberOfCapturingGroups() < 1 ||
        !lex->re->compiled().Match(in, 0, in.size(), RE2::UNANCHORED, g, 2) || !g[1].data()) {
      continue;
    }
    std::vector<std::string> members = SplitList(std::string(g[1].data(), g[1].size()), false);
    if (members.size() < 2) continue;
    // What follows the closing bracket (the working text's ASCII ')') is every member's.
    std::string tail = subject.substr(g[1].data() - subject.data() + g[1].size() + 1);
    items->clear();
    for (const std::string& m : members) items->push_back(m + tail);
    return true;
  }
  return false;
}

// 每天睡眠时间小学生 → 小学生每天睡眠时间: a population printed after a per-day/per-year topic.
// 区教育、科技、文化等相关部门的领导班子中 under 各/均: one item per listed member, each with the
// category when it names bodies (group `body`: 部门, 单位), the list's modifier and what follows the
// list (妇女权益密切相关的区教育部门的领导班子中 …); false when the list has fewer than two members.
bool SentenceAnalyzer::SplitOpenList(const std::string& subject,
                                     std::vector<std::string>* items) const {
  for (const Lexicon* lex : r_.FindAll("no_split")) {
    const RE2& re = *lex->re;
    const auto& names = re.NamedCapturingGroups();  // RE2 keeps the map
    auto it = names.find("body");
    int body = it == names.end() ? -1 : it->second;
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<StringPiece> g(n);
    StringPiece in(subject);
    if (!re.Match(in, 0, in.size(), RE2::UNANCHORED, g.data(), n)) continue;
    size_t b = g[0].data() - subject.data(), e = b + g[0].size();
    std::string category = body >= 0 && g[body].data() ? std::string(g[body]) : "";
    std::vector<std::string> members = SplitList(subject.substr(0, b), true);
    if (members.size() < 2) return false;
    // The first member carries the modifier of the whole list (与妇女权益密切相关的区教育): every
    // member shares it.
    std::string modifier;
    size_t de = members[0].rfind("的");
    if (de != std::string::npos) {
      modifier = members[0].substr(0, de + std::string("的").size());
      members[0].erase(0, modifier.size());
    }
    items->clear();
    for (const std::string& m : members) {
      items->push_back(modifier + m + category + subject.substr(e));
    }
    return true;
  }
  return false;
}

std::string SentenceAnalyzer::PopulationFirst(const std::string& subject) const {
  Span pop = LastRole("population", subject);
  if (pop.begin == std::string::npos || pop.begin == 0 || pop.end != subject.size()) return subject;
  std::string topic = subject.substr(0, pop.begin);
  if (!Role("periodic", topic, false)) return subject;
  StringPiece in(topic);
  for (const Lexicon* lex : r_.FindAll("periodic")) {
    StringPiece m;
    if (lex->re->compiled().Match(in, 0, in.size(), RE2::ANCHOR_START, &m, 1)) {
      return subject.substr(pop.begin) + topic;
    }
  }
  return subject;
}

// 防治意识明显提高,防治知识知晓率达到80% → 宫颈癌和乳腺癌防治知识知晓率: a subject that opens with
// a word of the previous clause (group 1 of an elliptic_head rule) takes what precedes that word
// there, from the clause start or its last 的.
std::string SentenceAnalyzer::CompleteElliptic(const std::string& subject) const {
  if (subject.empty() || prev_clause_.end <= prev_clause_.begin) return subject;
  for (const Lexicon* lex : r_.FindAll("elliptic_head")) {
    StringPiece g[2];
    StringPiece in(subject);
    if (lex->re->compiled().NumberOfCapturingGroups() < 1 ||
        !lex->re->compiled().Match(in, 0, in.size(), RE2::ANCHOR_BOTH, g, 2) || g[1].empty()) {
      continue;
    }
    std::string prev = Str(s_, prev_clause_.begin, prev_clause_.end);
    size_t at = prev.rfind(std::string(g[1].data(), g[1].size()));
    if (at == std::string::npos || at == 0) continue;
    std::string head = prev.substr(0, at);
    size_t de = head.rfind("的");
    if (de != std::string::npos) head.erase(0, de + 3);
    head = Trim(head, nullptr);
    if (!head.empty()) return head + subject;
  }
  return subject;
}

// 达标合格率稳定在85%以上,优良率达到60%以上 → …达标优良率: a subject that is only the last word
// of a rate (a rate_tail rule) replaces that word of the previous indicator.
bool SentenceAnalyzer::ReplaceRateTail(const std::string& subject,
                                       std::vector<std::string>* items) const {
  if (!Role("rate_tail", subject, true)) return false;
  const std::string& prev = carry_[0];
  for (const Lexicon* lex : r_.FindAll("rate_tail")) {
    Span m;
    if (EndsAt(*lex->re, prev, 0, prev.size(), &m) && m.begin > 0) {
      *items = {prev.substr(0, m.begin) + subject};
      return true;
    }
  }
  return false;
}

std::string SentenceAnalyzer::CountTail(size_t from, size_t to) const {
  // The counted thing printed after the value: 至少配备1名[女干部], 组织1次[在校学生健康体检];
  // a stop inside parentheses is part of the name: 1名女性乡镇(街道、经开区)党政正职.
  std::string tail = Str(s_, from, to);
  for (const Lexicon* lex : r_.FindAll("count_tail_stop")) {
    size_t stop = FirstOutsideParentheses(*lex->re, tail);
    if (stop != std::string::npos) tail.erase(stop);
  }
  if (tail.rfind("的", 0) == 0) tail.erase(0, 3);
  // 6万多人(次)下岗失业妇女: a note on how the count was counted (`count_note`) names nothing.
  for (const Lexicon* lex : r_.FindAll("count_note")) {
    StringPiece in(tail), note;
    if (lex->re->compiled().Match(in, 0, in.size(), RE2::ANCHOR_START, &note, 1)) tail.erase(0, note.size());
  }
  return tail;
}

std::string SentenceAnalyzer::Indicator(const Mention& m, const std::string& subject,
                                        const std::string& suffix, const std::vector<size_t>& in,
                                        size_t g, const Span& clause) const {
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
      if (EndsAt(*sep->re, tail, 0, tail.size(), &sm)) tail.erase(sm.begin);
    }
    if (m.unit_class == UnitClass::kScope) return subject;
    std::string ind = subject + object_ + tail;
    std::string add = CountSuffix(m.unit);
    if (!EndsWith(ind, add) && !EndsWith(ind, "数")) ind += add;
    return ind;
  }
  if (subject.empty()) return CountTail(m.end, next);
  // 中小学校100%配备专兼职心理健康工作人员: the value is the share of the subject doing what
  // follows (配备专兼职心理健康工作人员的中小学校比例).
  Span v;
  if (g + 1 == in.size() && FindIn(*r_.verb_any, s_, m.end, next, &v, RE2::ANCHOR_START)) {
    return CountTail(m.end, next) + "的" + subject + "比例";
  }
  std::string share = ShareOf(subject + object_);
  return share.empty() ? subject + suffix : share;
}

// 妇女村民代表应占村民代表会议组成人员的三分之一 → 妇女村民代表占村民代表会议组成人员的比例: a share
// printed as "part 占 whole 的" (a share_of rule: group 1 the part, group 2 the whole); "" if none.
std::string SentenceAnalyzer::ShareOf(const std::string& phrase) const {
  std::string part, whole;
  for (const Lexicon* lex : r_.FindAll("share_of")) {
    if (MatchPair(*lex->re, phrase, &part, &whole)) return part + "占" + whole + "的比例";
  }
  // 中小学校设置心理健康课程达到100% → 设置心理健康课程的中小学校比例 (share_doing: who, doing).
  for (const Lexicon* lex : r_.FindAll("share_doing")) {
    if (MatchPair(*lex->re, phrase, &part, &whole)) return whole + "的" + part + "比例";
  }
  return "";
}

}  // namespace guihua::extract_internal
