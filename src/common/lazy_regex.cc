// LazyRegex: compiled on first use; checked at load by RE2::Set::Add, which parses only.
#include "common/lazy_regex.h"

#include <re2/re2.h>
#include <re2/set.h>

#include "common/pattern_syntax.h"

namespace guihua {
LazyRegex::LazyRegex(std::string pattern) : pattern_(std::move(pattern)) {}
LazyRegex::~LazyRegex() = default;

const RE2* LazyRegex::get() const {
  std::call_once(once_, [this] {
    auto re = std::make_unique<RE2>(pattern_, RE2::Quiet);
    if (re->ok()) re_ = std::move(re);
  });
  return re_.get();
}

LazyRegex::operator const RE2&() const {
  static const RE2* kNever = new RE2("[^\\x00-\\x{10FFFF}]", RE2::Quiet);
  const RE2* re = get();
  return re ? *re : *kNever;
}

std::string LazyRegex::ParseError(const std::string& pattern) {
  if (SurelyParses(pattern)) return "";  // RE2's parse would cost tens of times more
  RE2::Set parse_only(RE2::Quiet, RE2::UNANCHORED);
  std::string error;
  return parse_only.Add(pattern, &error) < 0 ? error : "";
}

void LazyRegex::ForEachParenthesis(std::string_view pattern,
                                   const std::function<bool(size_t, char)>& visit) {
  ForEachUnquoted(pattern, "()", visit);
}

void LazyRegex::ForEachUnquoted(std::string_view pattern, std::string_view chars,
                                const std::function<bool(size_t, char)>& visit) {
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // []…] and [^]…] hold a ]
    } else if (chars.find(c) != std::string_view::npos && !visit(i, c)) {
      return;
    }
  }
}

std::vector<std::string_view> LazyRegex::TopAlternatives(std::string_view pattern) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t start = 0;
  ForEachUnquoted(pattern, "()|", [&](size_t i, char c) {
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (c == '|' && depth == 0) {
      out.push_back(pattern.substr(start, i - start));
      start = i + 1;
    }
    return true;
  });
  out.push_back(pattern.substr(start));
  return out;
}

size_t LazyRegex::PastGroupOrClass(std::string_view pattern, size_t i) {
  if (pattern[i] == '[') {
    size_t j = i + 1;
    if (j < pattern.size() && pattern[j] == '^') ++j;
    if (j < pattern.size() && pattern[j] == ']') ++j;  // []…] and [^]…] hold a ]
    for (; j < pattern.size(); ++j) {
      if (pattern[j] == '\\') ++j;
      else if (pattern[j] == ']') return j + 1;
    }
    return std::string_view::npos;
  }
  int depth = 0;
  size_t past = std::string_view::npos;
  ForEachParenthesis(pattern.substr(i), [&](size_t k, char p) {
    depth += p == '(' ? 1 : -1;
    if (depth == 0) past = i + k + 1;
    return depth != 0;
  });
  return past;
}

int LazyRegex::CapturingGroups(std::string_view pattern) {
  int groups = 0;
  ForEachParenthesis(pattern, [&](size_t i, char c) {
    bool special = i + 1 < pattern.size() && pattern[i + 1] == '?';
    groups += c == '(' && (!special || pattern.substr(i + 1, 3) == "?P<");
    return true;
  });
  return groups;
}

}  // namespace guihua
