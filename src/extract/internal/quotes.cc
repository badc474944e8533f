// Emit: a Target from an accepted mention, with the value text and a quote, the
// clause widened to 10 characters and cut to 60 around the value.
#include <algorithm>
#include <utility>

#include "extract/internal/analyzer.h"

namespace guihua::extract_internal {

using re2::StringPiece;

void SentenceAnalyzer::Emit(const Mention& m, const std::string& indicator,
                            const std::string& comparator, const Span& clause) {
  Found f;
  Target& t = f.target;
  t.kind = kind_;
  t.indicator = indicator;
  // With no bound word printed, an open number (十余万, 一千多) is its own lower bound.
  std::string own = m.own_comparator.empty() ? "=" : m.own_comparator;
  t.comparator = m.kind == "range" ? "range" : (comparator.empty() ? own : comparator);
  t.value = m.value;
  t.value_max = m.value_max;
  t.unit = m.unit;
  // value_text: the number with its unit and bound words as printed.
  size_t vt_begin = m.num_begin;
  Span p;
  if (EndsAt(*r_.pre_bound, s_, clause.begin, m.num_begin, &p) ||
      EndsAt(*r_.pre_adjacent, s_, clause.begin, m.num_begin, &p)) {
    vt_begin = p.begin;
  }
  t.value_text = Str(s_, vt_begin, m.end);
  f.text_begin = base_ + vt_begin;
  f.text_end = base_ + m.end;
  t.begin = base_ + m.num_begin;
  t.end = base_ + m.end;
  // Quote: the clause, widened to 10 characters with its neighbours, cut to 60 around the value.
  size_t qb = clause.begin, qe = clause.end;
  while (Chars(s_.substr(qb, qe - qb)) < 10 && (qb > 0 || qe < s_.size())) {
    if (qb > 0) qb = BackChars(s_, qb, 1);
    if (Chars(s_.substr(qb, qe - qb)) < 10 && qe < s_.size())
      qe = ForwardChars(s_, qe, 1, s_.size());
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
    if (last == "," || last == "。" || last == ";" || last == "、" || last == ":")
      qe = prev;
    else
      break;
  }
  f.quote_begin = base_ + qb;
  f.quote_end = base_ + qe;
  out_->push_back(std::move(f));
}

}  // namespace guihua::extract_internal
