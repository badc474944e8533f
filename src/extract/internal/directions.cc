// Direction goals (提高…比例, 降低…): in a goal item, a clause without values whose direction
// rule names a rate-like indicator gives one direction target.
#include <algorithm>
#include <optional>
#include <utility>

#include "common/utf8.h"
#include "extract/internal/analyzer.h"

namespace guihua::extract_internal {

using re2::StringPiece;

// The match an unanchored search of s_[clause) finds, by anchored tries at each byte from the
// clause's start on: the first start that matches is the leftmost, and an anchored try gives the
// match the unanchored search prefers there. It costs less: an unanchored search asked where its
// match starts builds the pattern's reverse program and automaton, which for the counted
// indicator group ([^,;。、]{2,40}?) cost a cold `guihua extract` a sixteenth of its time.
bool SentenceAnalyzer::FirstMatchByStart(const RE2& re, const Span& clause, StringPiece* groups,
                                         int n) const {
  StringPiece text(s_.data(), s_.size());
  for (size_t b = clause.begin; b <= clause.end; ++b) {
    if (re.Match(text, b, clause.end, RE2::ANCHOR_START, groups, n)) return true;
  }
  return false;
}

namespace {

// The starts of the characters of s[b, e), then e; false when s[b, e) is no well-formed UTF-8
// (RE2's classes match encoded surrogates, for one): such a clause is left to RE2.
bool CharStarts(std::string_view s, size_t b, size_t e, std::vector<size_t>* at,
                std::u32string* chars) {
  if (b > e || !utf8::IsValid(s.substr(b, e - b))) return false;
  for (size_t pos = b; pos < e;) {
    at->push_back(pos);
    chars->push_back(utf8::Next(s, pos));
  }
  at->push_back(e);
  return true;
}

}  // namespace

// What FirstMatchByStart finds for (?P<ind>[^excluded]{lo,hi}?)trigger (Direction::Lead): at the
// first start, the first group length in the group's order of preference (shortest first when
// lazy) after which the trigger matches, anchored, with the trigger's own preferred match. Sets
// g[0] and g[1] (ind); nullopt when the clause is no clean UTF-8, false when nothing matches.
std::optional<bool> SentenceAnalyzer::FirstMatchByLead(const Direction& d, const Span& clause,
                                                       StringPiece* g) const {
  std::vector<size_t> at;
  std::u32string chars;
  if (!CharStarts(s_, clause.begin, clause.end, &at, &chars)) return std::nullopt;
  const Direction::Lead& lead = *d.lead;
  const size_t n = chars.size();
  std::vector<StringPiece> trigger_at(n + 1);
  std::vector<char> tried(n + 1, 0);
  const StringPiece text(s_.data(), s_.size());
  const RE2& words = d.trigger->compiled();
  auto trigger = [&](size_t j) {  // whether the words match from the j-th character on (cached)
    if (!tried[j]) {
      bool match = words.Match(text, at[j], clause.end, RE2::ANCHOR_START, &trigger_at[j], 1);
      tried[j] = match ? 1 : 2;
    }
    return tried[j] == 1;
  };
  std::vector<size_t> run(n + 1, 0);  // run[i]: the allowed characters from the i-th on
  for (size_t i = n; i-- > 0;) {
    run[i] = lead.excluded.find(chars[i]) == std::u32string::npos ? run[i + 1] + 1 : 0;
  }
  for (size_t i = 0; i < n; ++i) {
    // the longest run of allowed characters from i, at most hi
    size_t most = std::min(run[i], static_cast<size_t>(lead.hi));
    for (size_t t = lead.lo; t <= most; ++t) {
      size_t k = lead.lazy ? t : most + lead.lo - t;
      if (!trigger(i + k)) continue;
      g[1] = StringPiece(s_.data() + at[i], at[i + k] - at[i]);
      const StringPiece& w = trigger_at[i + k];
      g[0] = StringPiece(g[1].data(), w.data() + w.size() - g[1].data());
      return true;
    }
  }
  return false;
}

void SentenceAnalyzer::Directions(const Span& clause) {
  for (const Direction& d : r_.directions) {
    if (d.trigger && !Contains(*d.trigger, s_, clause.begin, clause.end)) continue;
    std::vector<StringPiece> g(2);
    int ind = 1;
    std::optional<bool> found = d.lead ? FirstMatchByLead(d, clause, g.data()) : std::nullopt;
    if (!found) {
      const RE2& re = *d.re;
      ind = re.NamedCapturingGroups().at("ind");
      int n = re.NumberOfCapturingGroups() + 1;
      g.resize(n);
      found = FirstMatchByStart(re, clause, g.data(), n);
    }
    if (!*found) continue;
    std::string indicator = Trim(std::string(g[ind].data(), g[ind].size()), nullptr);
    if (indicator.empty() || !EndsWithRole("rate_head", indicator)) continue;
    Found f;
    f.target.kind = TargetKind::kDirection;
    f.target.indicator = indicator;
    size_t b = g[0].data() - s_.data();
    f.target.value_text = std::string(g[0].data() + g[ind].size(), g[0].size() - g[ind].size());
    f.text_begin = base_ + b + g[ind].size();
    f.text_end = base_ + b + g[0].size();
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

}  // namespace guihua::extract_internal
