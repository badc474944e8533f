// Small UTF-8 helpers shared by the stages (no ICU here, so any stage can use them cheaply).
#ifndef GUIHUA_COMMON_UTF8_H_
#define GUIHUA_COMMON_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace guihua::utf8 {

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
inline size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// Decodes the code point at `pos` and advances `pos` past it. Invalid bytes decode as U+FFFD.
// Inline: the stages call it for every character, several times over (a call cost 11% of the
// parse + extract bench).
inline char32_t Next(std::string_view s, size_t& pos) {
  unsigned char lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  size_t len = SequenceLength(lead);
  if (len == 1 || pos + len > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = lead & (0x7F >> len);
  for (size_t i = 1; i < len; ++i) {
    unsigned char c = static_cast<unsigned char>(s[pos + i]);
    if ((c & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  pos += len;
  return cp;
}

// Appends the UTF-8 encoding of `cp`.
void Append(char32_t cp, std::string& out);

// Number of code points in `s`.
size_t Length(std::string_view s);

// True for the byte string being well-formed UTF-8; `error_offset` gets the first bad byte.
bool IsValid(std::string_view s, size_t* error_offset = nullptr);

// `s` with every byte that is not part of well-formed UTF-8 written as \xNN, for showing a name
// whose encoding is unknown (a GBK file name from a Windows zip) on one line.
std::string Escaped(std::string_view s);

// Han ideographs (CJK Unified, extensions A-G, compatibility).
inline bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

// Whitespace as it appears in plans: ASCII, NBSP, ideographic space, zero-width and BOM.
bool IsSpace(char32_t cp);

// Columns a terminal uses for `s`: 2 for East Asian wide and full-width characters (ICU data).
size_t DisplayWidth(std::string_view s);

}  // namespace guihua::utf8

#endif  // GUIHUA_COMMON_UTF8_H_
