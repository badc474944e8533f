// PatternNeeds: what every match of an RE2 pattern holds, read off the pattern's text (its
// literals outside groups that may be skipped, a digit at its end), so that a costly automaton is
// compiled and run only on the texts that can match.
#ifndef GUIHUA_COMMON_PATTERN_NEEDS_H_
#define GUIHUA_COMMON_PATTERN_NEEDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace guihua {

struct PatternNeeds {
  // What one top-level alternative needs: literals it matches once (规划 of
  // …(妇女|儿童)…规划(…)?, 〔 〕 号 of a 文号), and whether it ends in \d (digit_last).
  struct Branch {
    std::vector<std::string> literals;
    bool digit_last = false;
  };
  // One per top-level alternative; none when the pattern is not understood (flags, \Q…\E) or one
  // alternative needs nothing: then every text is admitted.
  std::vector<Branch> branches;

  // Whether a match can cover all of `text` (the digit_last ends are checked).
  bool Admits(std::string_view text) const;
  // Whether a match can lie somewhere in `text` (only the literals are checked).
  bool AdmitsPart(std::string_view text) const;
};

PatternNeeds NeedsOf(std::string_view pattern);

// Whether every match of `pattern` holds an ASCII digit (a \d, a [0-9]-like class or a digit that
// must match, in each top-level alternative); false when not understood. The working text is
// NFKC: full-width digits are ASCII there.
bool NeedsDigit(std::string_view pattern);
// Whether `text` holds an ASCII digit.
bool HoldsDigit(std::string_view text);

}  // namespace guihua

#endif  // GUIHUA_COMMON_PATTERN_NEEDS_H_
