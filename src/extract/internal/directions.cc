// Direction goals (提高…比例, 降低…): in a goal item, a clause without values whose direction
// rule names a rate-like indicator gives one direction target.
#include <utility>

#include "extract/internal/analyzer.h"

namespace guihua::extract_internal {

using re2::StringPiece;

void SentenceAnalyzer::Directions(const Span& clause) {
  for (const Direction& d : r_.directions) {
    Span words;
    if (d.trigger && !FindIn(*d.trigger, s_, clause.begin, clause.end, &words)) continue;
    const RE2& re = *d.re;
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
