// The values of a sentence: candidate rules from one RE2::Set, exclusions blanked out, value
// rules matched into mentions (number, range, unit, post bound), accepted by unit class and
// governing verb; and the kind (target or baseline) from context cues.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include "common/utf8.h"
#include "extract/internal/analyzer.h"

namespace guihua::extract_internal {

using re2::StringPiece;

namespace {

// What may not touch a number, since it is then part of a longer one (几十, 数百, 一百50, 万三,
// 参拾, 百分之三分之一) or another thing (负三). Before an Arabic number fewer: 统一, 唯一 and 重点
// end words that may stand before digits.
constexpr std::u32string_view kBeforeChinese =
    U"零〇○一二两俩三四五六七八九十百千万亿壹贰叁参肆伍陆柒捌玖拾佰仟点几数负之廿卅";
constexpr std::u32string_view kBeforeArabic = U"零〇○二两三四五六七八九十百千万亿拾佰仟负廿卅";
constexpr std::u32string_view kAfter =
    U"零〇○一二两俩三四五六七八九十百千万亿壹贰叁参肆伍陆柒捌玖拾佰仟点";

char32_t CodePointBefore(std::string_view s, size_t pos) {
  if (pos == 0) return 0;
  size_t b = BackChars(s, pos, 1);
  return utf8::Next(s, b);
}

// Why the number s[b, e) is glued to its neighbours, or "" when it stands alone.
std::string Glued(std::string_view s, size_t b, size_t e, bool chinese) {
  if (b > 0) {
    char prev = s[b - 1];
    // After "1," or "10 " the digits are a group of a number the pattern could not take whole
    // (1,2345; 10 000 as PDF text prints it, or two numbers of a table row).
    if ((prev == ',' || prev == ' ') && b > 1 &&
        std::isdigit(static_cast<unsigned char>(s[b - 2]))) {
      return "part of a longer number broken by a separator or space";
    }
    char32_t cp = CodePointBefore(s, b);
    if ((chinese ? kBeforeChinese : kBeforeArabic).find(cp) != std::u32string_view::npos) {
      return "part of a longer number";
    }
    // 七成五: 成 after a digit is tenths (建成三所 is no such thing).
    if (cp == U'成' && kAfter.find(CodePointBefore(s, BackChars(s, b, 1))) !=
                           std::u32string_view::npos) {
      return "part of a longer number";
    }
    // A minus sign (增长率为-2.5% is no 2.5%). After a dash that ends a range's first number
    // (30%-40%, 3个-5个) the range is the longer match and wins anyway; after a digit it is left
    // alone (0-3岁).
    if (cp == U'-' || cp == U'−') {
      char32_t before = CodePointBefore(s, BackChars(s, b, 1));
      if (!(before >= U'0' && before <= U'9')) return "a negative number";
    }
  }
  if (e < s.size()) {
    if (std::isdigit(static_cast<unsigned char>(s[e]))) return "digits run on after the number";
    // "0.5" printed without a unit: the bare rule (values.rules) must not take its "0".
    if (s[e] == '.' && e + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[e + 1]))) {
      return "part of a longer number";
    }
    size_t pos = e;
    char32_t next = utf8::Next(s, pos);
    size_t after = pos;
    if (kAfter.find(next) != std::u32string_view::npos ||
        (next == U'分' && after < s.size() && utf8::Next(s, after) == U'之')) {
      return "part of a longer number";
    }
  }
  return "";
}

}  // namespace

void SentenceAnalyzer::Candidates() {
  std::vector<int> hits;
  std::string_view s(s_);
  std::optional<bool> digit;  // whether s holds a digit, asked once a digit-gated set is reached
  auto holds_digit = [&] {
    if (!digit) digit = HoldsDigit(s);
    return *digit;
  };
  for (const auto& c : r_.sets) {
    // The values' sets come first: the exclusions only blank the text the value rules read, so a
    // sentence without a candidate value needs no exclusion searched.
    if (c->kind == 'x' && vals_.empty()) break;
    if (!c->needs.AdmitsPart(s) || (c->digit && !holds_digit())) continue;
    hits.clear();
    c->Match(s, &hits);
    std::vector<int>& rules = c->kind == 'x' ? excl_ : vals_;
    for (int h : hits) rules.insert(rules.end(), c->index[h].begin(), c->index[h].end());
  }
  std::sort(vals_.begin(), vals_.end());
}

void SentenceAnalyzer::Blank() {
  blanked_.assign(s_.begin(), s_.end());
  for (int i : excl_) {
    const RE2& re = *r_.exclusions[i].re;
    int x = -1;
    const auto& names = re.NamedCapturingGroups();  // RE2 keeps the map
    if (auto it = names.find("x"); it != names.end()) x = it->second;
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<StringPiece> groups(n);
    size_t pos = 0;
    while (pos <= s_.size() && re.Match(StringPiece(s_.data(), s_.size()), pos, s_.size(),
                                        RE2::UNANCHORED, groups.data(), n)) {
      const StringPiece& whole = groups[0];
      const StringPiece& g = x >= 0 && groups[x].data() ? groups[x] : whole;
      size_t b = g.data() - s_.data();
      for (size_t k = b; k < b + g.size(); ++k) blanked_[k] = '\x01';
      size_t next = (whole.data() - s_.data()) + whole.size();
      pos = whole.size() > 0 ? next : next + 1;
    }
  }
}

const Unit* SentenceAnalyzer::FindUnit(std::string_view printed) const {
  for (const Unit& u : r_.units) {
    if (FullMatch(u.re->get(), printed)) return &u;
  }
  return nullptr;
}

std::string SentenceAnalyzer::PostComparator(std::string_view printed) const {
  for (const Bound& b : r_.bounds) {
    if (FullMatch(b.post ? b.post->get() : nullptr, printed)) return b.comparator;
  }
  return "";
}

std::string SentenceAnalyzer::PreComparator(std::string_view printed) const {
  for (const Bound& b : r_.bounds) {
    if (FullMatch(b.pre ? b.pre->get() : nullptr, printed)) return b.comparator;
  }
  return "";
}

// The unit of a value: the number's own (百分之五 → %), else the printed one, with a magnitude the
// number ends in kept before it (四十万人 → 万人, as the gold guide has 12.07万人).
bool SentenceAnalyzer::ReadUnit(const ValueRule& rule, const std::string& printed,
                                const NumberValue& number, Mention* m) const {
  std::string unit = printed.empty() && rule.fixed_unit != "none" ? rule.fixed_unit : printed;
  if (!number.unit.empty()) {
    if (!printed.empty()) {
      m->refused = "a number in words followed by a unit (" + printed + ")";
      return true;
    }
    unit = number.unit;
  }
  m->unit = unit;
  m->unit_class = UnitClass::kRate;
  if (unit.empty()) {
    if (!number.magnitude.empty()) m->refused = "万/亿 without a unit after it";
    return true;
  }
  const Unit* u = FindUnit(unit);
  if (!u) return printed.empty();  // an unknown printed unit is no value; a fixed one is kept
  m->unit = u->canonical.empty() ? unit : u->canonical;
  m->unit_class = u->unit_class;
  if (!number.magnitude.empty()) {
    if (u->unit_class != UnitClass::kCounter) m->refused = "万/亿 before a rate, age or period";
    m->unit = number.magnitude + m->unit;
  }
  return true;
}

// A value match → a mention. False when the match is no value at all (an unknown unit); a
// number that cannot be read whole gives a mention with `refused` set.
bool SentenceAnalyzer::ReadMention(const ValueRule& rule, const ValueParts& parts,
                                   Mention* m) const {
  m->kind = rule.kind;
  m->needs_verb = rule.needs_verb;
  m->chinese = !parts.num.empty() && !std::isdigit(static_cast<unsigned char>(parts.num[0]));
  m->one_character = m->chinese && Chars(parts.num) == 1;
  std::string why;
  auto number = ReadNumber(parts.num, &why);
  if (!number) {
    m->refused = why;
    return true;
  }
  m->value = number->value;
  m->own_comparator = number->comparator;
  if (!parts.num2.empty()) {
    auto second = ReadNumber(parts.num2, &why);
    if (!second) {
      m->refused = why;
      return true;
    }
    // 百分之五十至六十 and 百分之五十至百分之六十: the first end's unit in words holds for both.
    if (!number->comparator.empty() || !second->comparator.empty() ||
        (!second->unit.empty() && second->unit != number->unit)) {
      m->refused = "余/多/几 or two different units in words inside a range or ratio";
      return true;
    }
    // 1-2万人 is 1万-2万人: the magnitude printed at the end holds for both ends.
    if (!number->magnitude.empty() && number->magnitude != second->magnitude) {
      m->refused = "the two ends of a range in different magnitudes";
      return true;
    }
    if (rule.kind == "ratio") {
      m->value = second->value;  // 1:3 → 3
    } else if (rule.kind == "fraction") {  // 1/5 → 0.2, to four significant digits like 三分之一
      if (second->value == 0) {
        m->refused = "a fraction over zero";
        return true;
      }
      double f = number->value / second->value;
      double scale = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(f))));
      m->value = f == 0 ? 0 : std::round(f * scale) / scale;
    } else {
      m->value_max = second->value;
    }
    number->magnitude = second->magnitude;
  }
  if (!ReadUnit(rule, parts.unit, *number, m)) return false;
  m->post_comparator = PostComparator(parts.post);
  return true;
}

void SentenceAnalyzer::FindMentions() {
  std::vector<std::pair<Mention, int>> all;
  for (int vi : vals_) MatchValues(vi, &all);
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (a.first.begin != b.first.begin) return a.first.begin < b.first.begin;
    if (a.first.end != b.first.end) return a.first.end > b.first.end;
    return a.second < b.second;
  });
  // Where two matches overlap the longer wins; a refused number wins too, so that no part of it
  // is read as a value of its own (三又三分之四名 gives nothing, not 4 名).
  size_t last_end = 0;
  for (auto& [m, vi] : all) {
    if (m.begin < last_end) continue;
    last_end = m.end;
    if (!m.refused.empty()) {
      if (unread_) unread_->push_back({base_ + m.begin, base_ + m.num_end, m.refused});
      continue;
    }
    mentions_.push_back(m);
  }
}

// Every match of value rule `vi` in the blanked sentence that reads as a mention (or is refused
// whole), with `vi`, appended to `all`.
void SentenceAnalyzer::MatchValues(int vi, std::vector<std::pair<Mention, int>>* all) const {
  std::string_view text(blanked_);
  const ValueRule& rule = r_.values[vi];
  const RE2& re = *rule.re;
  const auto& names = re.NamedCapturingGroups();  // RE2 keeps the map
  auto group = [&](const char* name) {
    auto it = names.find(name);
    return it == names.end() ? -1 : it->second;
  };
  int g_num = group("num"), g_num2 = group("num2"), g_unit = group("unit"), g_post = group("post");
  int n = re.NumberOfCapturingGroups() + 1;
  std::vector<StringPiece> groups(n);
  // The end of group `g` in `text`, `otherwise` when it did not take part.
  auto end_of = [&](int g, size_t otherwise) {
    return g >= 0 && groups[g].data() ? groups[g].data() - text.data() + groups[g].size()
                                      : otherwise;
  };
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
    if (!ReadMention(rule, {piece(g_num), piece(g_num2), piece(g_unit), piece(g_post)}, &m)) {
      continue;
    }
    // Glued to more of a number than the pattern took: refused whole, never read in part.
    size_t num_end = end_of(g_num, e);
    m.num_end = end_of(g_num2, num_end);
    std::string glued = Glued(text, m.num_begin, num_end, m.chinese);
    if (!glued.empty()) m.refused = glued;
    // A list's number before the unit its last number prints (下降了2.08、0.73和1.24个千分点):
    // the mention is the number alone, and the next numbers are read in their turn.
    // A group `tail` after the number (3个、7个百分点) is the number's own: the mention takes it.
    if (rule.kind == "list") m.end = pos = end_of(group("tail"), num_end);
    all->push_back({m, vi});
  }
}

const Span& SentenceAnalyzer::ClauseOf(size_t pos) const {
  for (const Span& c : clauses_) {
    if (pos >= c.begin && pos < c.end) return c;
  }
  return clauses_.back();
}

// Counters and ages are values only when a verb or bound word governs them closely.
bool SentenceAnalyzer::Accept(size_t i, const std::vector<bool>& accepted) const {
  const Mention& m = mentions_[i];
  if (m.unit_class == UnitClass::kRate && !m.needs_verb) return true;
  const Span& clause = ClauseOf(m.begin);
  if (IndicatorTotal(m, clause)) return false;
  size_t from = clause.begin;
  if (i > 0 && mentions_[i - 1].end <= m.begin) {
    if (ListedAfterAccepted(i, accepted)) return true;
    from = std::max(from, mentions_[i - 1].end);
  }
  if (m.unit_class == UnitClass::kScope) return ScopeGoverned(m, from);
  size_t governor_end = GovernorEnd(m, from);
  if (governor_end != std::string::npos) {
    size_t gap = Chars(s_.substr(governor_end, m.num_begin - governor_end));
    if (gap <= (m.chinese ? 6u : 8u)) return true;
  }
  return (!m.post_comparator.empty() && !m.chinese) || StatedCount(m);
}

// A list of counts after one verb: 组织两次…和两次…; 共有幼儿园86所、托幼点45所,…9所. Mention i
// continues the accepted one before it, in the same unit, close, with no verb between.
bool SentenceAnalyzer::ListedAfterAccepted(size_t i, const std::vector<bool>& accepted) const {
  const Mention& m = mentions_[i];
  size_t prev_end = mentions_[i - 1].end;
  Span v;
  return accepted[i - 1] && mentions_[i - 1].unit == m.unit && m.unit_class != UnitClass::kScope &&
         Chars(s_.substr(prev_end, m.begin - prev_end)) <= 20 &&
         !FindIn(*r_.verb_any, s_, prev_end, m.num_begin, &v);
}

// Where the last word governing `m` in s_[from, m.num_begin) ends: a verb, a bound word or a
// governor (context.rules); npos when none.
size_t SentenceAnalyzer::GovernorEnd(const Mention& m, size_t from) const {
  Span v;
  size_t governor_end = std::string::npos;
  if (FindLast(*r_.verb_any, s_, from, m.num_begin, &v)) governor_end = v.end;
  for (const Verb& verb : r_.verbs) {
    Span a;
    // 作为一项 / 为一个: a one-character verb before a one-character Chinese numeral is no
    // commitment; before a longer one it is (达十二万余人).
    if (verb.adjacent && !m.one_character &&
        EndsAt(*verb.re, s_, from, m.num_begin, &a)) {
      governor_end = a.end;
    }
  }
  for (const RE2* bound : {r_.pre_bound.get(), r_.pre_adjacent.get()}) {
    Span p;
    bool found = bound == r_.pre_bound.get() ? FindLast(*bound, s_, from, m.num_begin, &p)
                                             : EndsAt(*bound, s_, from, m.num_begin, &p);
    if (found && (governor_end == std::string::npos || p.end > governor_end)) governor_end = p.end;
  }
  for (const Lexicon* lex : r_.FindAll("governor")) {
    Span gm;
    if (FindLast(*lex->re, s_, from, m.num_begin, &gm) &&
        (governor_end == std::string::npos || gm.end > governor_end)) {
      governor_end = gm.end;
    }
  }
  return governor_end;
}

// An age or period is a value only after a verb that sets a level (达到, 延长到) or a bound word,
// right before it, or as a quantity measured in years (寿命达77.2岁, 高于全国3.1岁: context.rules
// `scope_value`).
bool SentenceAnalyzer::ScopeGoverned(const Mention& m, size_t from) const {
  size_t end = m.num_begin;
  Span pb;
  if (EndsAt(*r_.pre_bound, s_, from, end, &pb)) return true;
  for (const Verb& verb : r_.verbs) {
    Span a;
    if (verb.scope && EndsAt(*verb.re, s_, from, end, &a)) return true;
  }
  for (const Lexicon* lex : r_.FindAll("scope_value")) {
    if (FindSuffix(*lex->re, s_, from, end, &pb)) return true;
  }
  return false;
}

// A report or text states counts without a verb: 床位13818张, 常住人口301.84万人 — what is counted
// right before the number, nothing after it but the clause end (context.rules `stated_count`),
// in a unit of things measured (`stated_count_unit`: not 项 or 次, counts of items and meetings).
// How many indicators a plan or a monitoring system has (设置了可量化监测指标78项) is no measured
// value in a report or text (`indicator_total`, matched from two characters before the number to
// the clause end).
bool SentenceAnalyzer::IndicatorTotal(const Mention& m, const Span& clause) const {
  if (ctx_.document == DocumentKind::kPlan || m.unit_class != UnitClass::kCounter) return false;
  size_t from = BackChars(s_, m.num_begin, 2, clause.begin);
  return Role("indicator_total", s_.substr(from, clause.end - from), false);
}

// A count of indicators that met their targets is a value whatever its unit (4项指标未达标,
// `met_count`).
bool SentenceAnalyzer::StatedCount(const Mention& m) const {
  if (ctx_.document == DocumentKind::kPlan || m.unit_class != UnitClass::kCounter ||
      m.one_character) {
    return false;
  }
  std::string_view after = s_.substr(m.end, std::min<size_t>(s_.size() - m.end, 24));
  if (m.num_begin > 0 && Role("met_count", after, false)) return true;
  if (!Role("stated_count_unit", m.unit, true)) return false;
  // A count opening a clause, then who is counted (30余万名妇女掌握…): `counted_subject`.
  char32_t before = m.num_begin == 0 ? U',' : CodePointBefore(s_, m.num_begin);
  if (before == U',' || before == U';' || before == U'。') return CountedSubject(m.end);
  if (before < 0x3400 && before != U')') return false;
  return Role("stated_count", after, false);
}

// What follows a count that opens a clause names who is counted and what they did (a window of
// 20 characters: 6万多人(次)下岗失业妇女实现就业).
bool SentenceAnalyzer::CountedSubject(size_t end) const {
  return Role("counted_subject", s_.substr(end, std::min<size_t>(s_.size() - end, 60)), false);
}

bool SentenceAnalyzer::AnyRole(const std::string& role, size_t from, size_t to) const {
  Span m;
  if (const RE2* any = r_.AnyOf(role)) return Contains(*any, s_, from, to);
  for (const Lexicon* lex : r_.FindAll(role)) {
    if (FindIn(*lex->re, s_, from, to, &m)) return true;
  }
  return false;
}

TargetKind SentenceAnalyzer::DecideKind() const {
  if (AnyRole("target_cue", 0, s_.size())) return TargetKind::kTarget;
  if (ctx_.baseline || AnyRole("baseline_cue", 0, s_.size())) return TargetKind::kBaseline;
  return TargetKind::kTarget;
}

}  // namespace guihua::extract_internal
