// Direction goals (提高…比例, 降低…): in a goal item, a clause without values whose direction
// rule names a rate-like indicator gives one direction target.
#include <utility>

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

void SentenceAnalyzer::Directions(const Span& clause) {
  for (const Direction& d : r_.directions) {
    if (d.trigger && !Contains(*d.trigger, s_, clause.begin, clause.end)) continue;
    const RE2& re = *d.re;
    int ind = re.NamedCapturingGroups().at("ind");
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<StringPiece> g(n);
    if (!FirstMatchByStart(re, clause, g.data(), n)) continue;
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
