// SurelyParses: a cheap check that RE2 parses a pattern, for the loaders that check every rule
// pattern at load (LazyRegex::ParseError): RE2's own parse of a rule costs tens of thousands of
// instructions and builds what the compile on first use builds again.
#ifndef GUIHUA_COMMON_PATTERN_SYNTAX_H_
#define GUIHUA_COMMON_PATTERN_SYNTAX_H_

#include <string_view>

namespace guihua {

// True only for a pattern RE2 (Perl syntax, UTF-8) parses: one written in a plain part of its
// syntax (well-formed UTF-8 characters, escaped punctuation, \d \s \w \D \S \W \b \B \A \z \n \r \t,
// \p{Han} and a few other groups, classes of such characters and ordered ranges, (…) (?:…)
// (?P<name>…) of distinct names, (?flags) of i m s, * + ? and {n} {n,} {n,m} up to 1000 after an
// atom, each optionally lazy, counted repetitions not nested). False for everything else, which
// RE2 must then judge: false does not mean the pattern is bad.
bool SurelyParses(std::string_view pattern);

}  // namespace guihua

#endif  // GUIHUA_COMMON_PATTERN_SYNTAX_H_
