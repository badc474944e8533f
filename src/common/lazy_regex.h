// LazyRegex: an RE2 pattern compiled on its first use. A cold `guihua extract` uses a part of the
// patterns it loads, and compiling one (its UTF-8 automaton) costs up to a hundred times parsing
// it: loaders check a pattern with ParseError and CapturingGroups and leave the compiling to use.
#ifndef GUIHUA_COMMON_LAZY_REGEX_H_
#define GUIHUA_COMMON_LAZY_REGEX_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace guihua {

class LazyRegex {
 public:
  explicit LazyRegex(std::string pattern);
  ~LazyRegex();

  // The compiled pattern, or null when it does not compile. Safe across threads.
  const re2::RE2* get() const;
  // The same where a pattern must be there: one that never matches when it does not compile (a
  // pattern too large for RE2, which `guihua rules check` reports through its expect lines).
  operator const re2::RE2&() const;  // NOLINT: stands for the RE2 in RE2::PartialMatch & co.
  const re2::RE2& compiled() const { return *this; }  // the same, for RE2's member functions
  const std::string& pattern() const { return pattern_; }

  // "" when `pattern` parses (as RE2 with log_errors off would), else RE2's message.
  static std::string ParseError(const std::string& pattern);
  // The capturing groups of a pattern that parses, counted in its text: '(' neither escaped, in a
  // class, nor opening (?…) other than a named group (?P<name>…).
  static int CapturingGroups(std::string_view pattern);
  // Calls `visit(i, c)` for each '(' or ')' of `pattern` neither escaped nor in a character class,
  // in order, until it returns false.
  static void ForEachParenthesis(std::string_view pattern,
                                 const std::function<bool(size_t, char)>& visit);
  // The same for each character of `chars` ('(', ')', '|' …).
  static void ForEachUnquoted(std::string_view pattern, std::string_view chars,
                              const std::function<bool(size_t, char)>& visit);
  // `pattern` split at its top-level '|' (outside groups and classes, not escaped); one part when
  // it has none.
  static std::vector<std::string_view> TopAlternatives(std::string_view pattern);
  // The offset past the group or class that opens at `pattern[i]` ('(' or '['), or npos when it
  // does not close: escapes are skipped, and []…] and [^]…] hold a ].
  static size_t PastGroupOrClass(std::string_view pattern, size_t i);

 private:
  std::string pattern_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<re2::RE2> re_;
};

}  // namespace guihua

#endif  // GUIHUA_COMMON_LAZY_REGEX_H_
