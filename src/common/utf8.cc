// UTF-8 decoding, encoding and character classes used across the pipeline.
#include "common/utf8.h"

#include <cstdio>

#include <unicode/uchar.h>

namespace guihua::utf8 {

void Append(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsValid(std::string_view s, size_t* error_offset) {
  size_t pos = 0;
  while (pos < s.size()) {
    // Fast paths for what a Chinese text is made of, ASCII and well-formed three-byte sequences
    // (U+0800..U+FFFF without the surrogates); anything else is checked below.
    unsigned char first = static_cast<unsigned char>(s[pos]);
    if (first < 0x80) {
      ++pos;
      continue;
    }
    if ((first >> 4) == 0xE && pos + 3 <= s.size()) {
      unsigned char b1 = static_cast<unsigned char>(s[pos + 1]);
      unsigned char b2 = static_cast<unsigned char>(s[pos + 2]);
      char32_t cp = (char32_t{first & 0x0Fu} << 12) | (char32_t{b1 & 0x3Fu} << 6) | (b2 & 0x3Fu);
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        pos += 3;
        continue;
      }
    }
    size_t start = pos;
    unsigned char lead = static_cast<unsigned char>(s[pos]);
    size_t len = SequenceLength(lead);
    bool bad = (lead >= 0x80 && len == 1) || pos + len > s.size();
    char32_t cp = 0;
    if (!bad) {
      cp = lead & (len == 1 ? 0x7F : (0x7F >> len));
      for (size_t i = 1; i < len && !bad; ++i) {
        unsigned char c = static_cast<unsigned char>(s[pos + i]);
        bad = (c & 0xC0) != 0x80;
        cp = (cp << 6) | (c & 0x3F);
      }
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if (!bad) {
      static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      bad = cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
    }
    if (bad) {
      if (error_offset) *error_offset = start;
      return false;
    }
    pos += len;
  }
  return true;
}

std::string Escaped(std::string_view s) {
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    size_t len = SequenceLength(static_cast<unsigned char>(s[pos]));
    if (pos + len <= s.size() && IsValid(s.substr(pos, len))) {
      out.append(s.substr(pos, len));
      pos += len;
      continue;
    }
    char hex[5];
    std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(s[pos]));
    out += hex;
    ++pos;
  }
  return out;
}

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f' || cp == 0xA0 || cp == 0x3000 ||
         cp == 0x200B || cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F;
}

// East Asian Width from ICU's character data: wide and full-width characters take two terminal
// columns; ambiguous ones (…, ‰, ≤) one, as most terminals outside CJK locales show them.
static bool IsWide(char32_t cp) {
  int width = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

size_t DisplayWidth(std::string_view s) {
  size_t width = 0, pos = 0;
  while (pos < s.size()) {
    char32_t cp = Next(s, pos);
    width += IsWide(cp) ? 2 : 1;
  }
  return width;
}

}  // namespace guihua::utf8
