// Byte spans over UTF-8 text for the sentence analyzer: stepping by characters, finding the
// first, last or suffix match of a pattern in a range, and splitting at break characters.
#include <algorithm>
#include <cctype>

#include "common/utf8.h"
#include "extract/internal/analyzer.h"

namespace guihua::extract_internal {

using re2::StringPiece;

namespace {

bool IsCont(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

size_t Chars(std::string_view s) { return utf8::Length(s); }

// Byte offset `n` characters back from `pos` (not before `floor`).
size_t BackChars(std::string_view s, size_t pos, size_t n, size_t floor) {
  while (n > 0 && pos > floor) {
    --pos;
    while (pos > floor && IsCont(static_cast<unsigned char>(s[pos]))) --pos;
    --n;
  }
  return pos;
}

size_t ForwardChars(std::string_view s, size_t pos, size_t n, size_t ceil) {
  while (n > 0 && pos < ceil) {
    pos += utf8::SequenceLength(static_cast<unsigned char>(s[pos]));
    --n;
  }
  return std::min(pos, ceil);
}

bool FullMatch(const RE2* re, std::string_view s) {
  return re && RE2::FullMatch(StringPiece(s.data(), s.size()), *re);
}

// First match of `re` in s[from, to); false if none.
bool FindIn(const RE2& re, std::string_view s, size_t from, size_t to, Span* out,
            RE2::Anchor anchor) {
  StringPiece m;
  if (from > to || !re.Match(StringPiece(s.data(), s.size()), from, to, anchor, &m, 1))
    return false;
  out->begin = m.data() - s.data();
  out->end = out->begin + m.size();
  return true;
}

bool Contains(const RE2& re, std::string_view s, size_t from, size_t to) {
  return from <= to &&
         re.Match(StringPiece(s.data(), s.size()), from, to, RE2::UNANCHORED, nullptr, 0);
}

// Last (non-overlapping, left to right) match of `re` in s[from, to).
bool FindLast(const RE2& re, std::string_view s, size_t from, size_t to, Span* out) {
  bool found = false;
  Span m;
  size_t pos = from;
  while (pos <= to && FindIn(re, s, pos, to, &m)) {
    *out = m;
    found = true;
    pos = m.end > m.begin ? m.end : m.end + 1;
  }
  return found;
}

// Does some match of `re` in s[from, to) end exactly at `to`?
bool FindSuffix(const RE2& re, std::string_view s, size_t from, size_t to, Span* out,
                const RE2* at_end) {
  if (at_end && from <= to) {
    // The leftmost match that ends at `to` is the one the loop below finds first, unless it
    // starts inside a character (the loop tries whole characters only): then ask the loop.
    StringPiece m;
    if (!at_end->Match(StringPiece(s.data(), to), from, to, RE2::UNANCHORED, &m, 1)) return false;
    size_t b = m.data() - s.data();
    if (b >= to) return false;  // only the empty match at `to`, which the loop never tries
    if (!IsCont(static_cast<unsigned char>(s[b]))) {
      *out = {b, to};
      return true;
    }
  }
  for (size_t b = from; b < to;) {
    Span m;
    if (FindIn(re, s, b, to, &m, RE2::ANCHOR_BOTH)) {
      *out = m;
      return true;
    }
    b += utf8::SequenceLength(static_cast<unsigned char>(s[b]));
  }
  return false;
}

std::string Str(std::string_view s, size_t b, size_t e) {
  return b < e ? std::string(s.substr(b, e - b)) : std::string();
}

// Splits at the code points in `breaks`, outside parentheses when `depth_aware`.
std::vector<Span> SplitAt(std::string_view s, size_t from, size_t to, std::u32string_view breaks,
                          bool depth_aware, bool keep_break) {
  std::vector<Span> out;
  int depth = 0;
  size_t start = from;
  // Ideographs U+4000-U+9FFF (a plan's text is mostly these) are no brackets, and no breaks unless
  // `breaks` holds one: their three bytes are stepped over undecoded (a third of the time here).
  const bool skip_han = std::none_of(breaks.begin(), breaks.end(),
                                     [](char32_t c) { return c >= 0x4000 && c <= 0x9FFF; });
  for (size_t pos = from; pos < to;) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    if (skip_han && lead >= 0xE4 && lead <= 0xE9 && pos + 3 <= s.size() &&
        IsCont(static_cast<unsigned char>(s[pos + 1])) &&
        IsCont(static_cast<unsigned char>(s[pos + 2]))) {
      pos += 3;
      continue;
    }
    size_t at = pos;
    char32_t cp = utf8::Next(s, pos);
    if (cp == U'(' || cp == U'（' || cp == U'[' || cp == U'【') ++depth;
    if ((cp == U')' || cp == U'）' || cp == U']' || cp == U'】') && depth > 0) --depth;
    if (breaks.find(cp) == std::u32string_view::npos || (depth_aware && depth != 0)) continue;
    // 1:3 and 12,000 are numbers, not clause breaks.
    bool in_number = (cp == U':' || cp == U',') && at > from && pos < to &&
                     std::isdigit(static_cast<unsigned char>(s[at - 1])) &&
                     std::isdigit(static_cast<unsigned char>(s[pos]));
    if (in_number) continue;
    size_t end = keep_break ? pos : at;
    if (end > start) out.push_back({start, end});
    start = pos;
  }
  if (to > start) out.push_back({start, to});
  return out;
}

}  // namespace guihua::extract_internal
