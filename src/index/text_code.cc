// The byte code of item texts (internal/text_code.h): one-byte codes from a fixed table, two-byte
// codes by code point range, a four-byte escape.
#include "index/internal/text_code.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "common/utf8.h"

namespace guihua::internal {
namespace {

// Bytes below kFirstLead are one character each: the ASCII characters of plans (lower case: check
// texts are ASCII-folded), then the 96 characters most frequent in the bundled plans (corpus/,
// printed and normalized), which make up about half of a plan's characters. The table is part of
// the index format: changing it is a change of kFormat.
constexpr char32_t kSingles[] =
    U"0123456789abcdefghijklmnopqrstuvwxyz .,%-/():;+~<>=!?*#&_'\"[]|\n@"
    U"，。、的儿女和童妇育保发展教人务家实等加提法学强社工会生制全建性业作服健理进力庭中化平动体高"
    U"规设与机用导障政区护康为施持养年成对度有大善推治监能关策合权主行完及开防重参在校基划面事新识利立活入";
constexpr unsigned kFirstLead = 0xA0;  // 160 one-byte codes
constexpr unsigned kEscape = 0xFF;     // then the code point in three bytes
static_assert(sizeof(kSingles) / sizeof(char32_t) - 1 == kFirstLead);

// Two-byte codes: lead byte kFirstLead + k / 256, then k % 256, for k numbering these ranges in
// turn (95 lead bytes: 24,320 codes).
struct Range {
  char32_t first, last;
};
constexpr Range kPairRanges[] = {
    {0x4E00, 0x9FFF},  // CJK unified ideographs
    {0xFF00, 0xFFEF},  // full-width and half-width forms
    {0x3000, 0x33FF},  // CJK punctuation, kana, enclosed and compatibility forms
    {0x2000, 0x26FF},  // general punctuation, symbols, arrows, enclosed numbers (①)
    {0x0000, 0x00FF},  // ASCII and Latin-1 without a one-byte code
};
constexpr unsigned kPairCodes = (kEscape - kFirstLead) * 256;

// The UTF-8 of each one-byte code (all in the Basic Multilingual Plane); with `full_width`, the
// full-width form of the ASCII punctuation that has one in FullWidthForm.
struct Utf8Char {
  char bytes[4];
  unsigned char length;
};
constexpr std::array<Utf8Char, kFirstLead> SingleUtf8(bool full_width) {
  std::array<Utf8Char, kFirstLead> table{};
  for (unsigned i = 0; i < kFirstLead; ++i) {
    const char32_t cp = full_width && FullWidthForm(kSingles[i]) != 0 ? FullWidthForm(kSingles[i])
                                                                      : kSingles[i];
    Utf8Char& c = table[i];
    if (cp < 0x80) {
      c = {{static_cast<char>(cp)}, 1};
    } else if (cp < 0x800) {
      c = {{static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))}, 2};
    } else {
      c = {{static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
            static_cast<char>(0x80 | (cp & 0x3F))},
           3};
    }
  }
  return table;
}
constexpr std::array<Utf8Char, kFirstLead> kSingleUtf8 = SingleUtf8(false);
constexpr std::array<Utf8Char, kFirstLead> kFullWidthSingleUtf8 = SingleUtf8(true);

// Code point → 1 + its one-byte code, for the Basic Multilingual Plane (0: none). Made by the
// compiler: a table filled at run time was the first thing a search zeroed and wrote (32 of its
// ~570 page faults); this one is read-only data, of which a search touches a few pages.
using SingleCodeTable = std::array<uint8_t, 0x10000>;
constexpr SingleCodeTable MakeSingleCodes() {
  SingleCodeTable codes{};
  for (unsigned i = 0; i < kFirstLead; ++i) codes[kSingles[i]] = static_cast<uint8_t>(i + 1);
  return codes;
}
constexpr SingleCodeTable kSingleCodes = MakeSingleCodes();
static_assert(kFirstLead < 0xFF);

void AppendCode(char32_t cp, std::string& out) {
  if (cp < 0x10000) {
    if (const uint8_t single = kSingleCodes[cp]; single != 0) {
      out.push_back(static_cast<char>(single - 1));
      return;
    }
    unsigned k = 0;
    for (const Range& r : kPairRanges) {
      if (cp >= r.first && cp <= r.last) {
        k += cp - r.first;
        out.push_back(static_cast<char>(kFirstLead + k / 256));
        out.push_back(static_cast<char>(k % 256));
        return;
      }
      k += r.last - r.first + 1;
    }
  }
  out.push_back(static_cast<char>(kEscape));
  out.push_back(static_cast<char>(cp >> 16));
  out.push_back(static_cast<char>((cp >> 8) & 0xFF));
  out.push_back(static_cast<char>(cp & 0xFF));
}

char32_t PairCodePoint(unsigned k) {
  for (const Range& r : kPairRanges) {
    if (k <= r.last - r.first) return r.first + k;
    k -= r.last - r.first + 1;
  }
  return 0xFFFD;  // a code no range gives: not written by AppendCode
}

// The length of the code that begins with `lead`.
inline size_t CodeLength(unsigned char lead) {
  return lead < kFirstLead ? 1 : lead < kEscape ? 2 : 4;
}

static_assert(kPairCodes >= (0x9FFF - 0x4E00 + 1) + (0xFFEF - 0xFF00 + 1) + (0x33FF - 0x3000 + 1) +
                                (0x26FF - 0x2000 + 1) + 0x100);

}  // namespace

std::string EncodeText(std::string_view utf8_text) {
  std::string out;
  out.reserve(utf8_text.size() / 2 + 8);
  for (size_t pos = 0; pos < utf8_text.size();) AppendCode(utf8::Next(utf8_text, pos), out);
  return out;
}

namespace {

// UTF-8 of `cp` at `out`; returns the end.
inline char* PutUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Decodes the code at `i` of `coded`, which is whole, as UTF-8 at `out`; returns its end.
// `singles`: the table of the one-byte codes' UTF-8.
inline char* DecodeCode(std::string_view coded, size_t& i, size_t length, const Utf8Char* singles,
                        char* out) {
  const auto lead = static_cast<unsigned char>(coded[i]);
  if (length == 1) {  // half of a text's codes: their UTF-8 from a table, written as 4 bytes
    const Utf8Char& c = singles[lead];
    std::memcpy(out, c.bytes, 4);
    ++i;
    return out + c.length;
  }
  auto byte = [&](size_t k) { return static_cast<unsigned char>(coded[i + k]); };
  char32_t cp = length == 1   ? kSingles[lead]
                : length == 2 ? PairCodePoint((lead - kFirstLead) * 256 + byte(1))
                              : (char32_t{byte(1)} << 16) | (char32_t{byte(2)} << 8) | byte(3);
  i += length;
  return PutUtf8(cp, out);
}

// Decodes the codes of `coded` from `i` to its end (but a code cut short, not written by
// EncodeText) as UTF-8 at `out`; returns the end of what it wrote.
char* DecodeRest(std::string_view coded, size_t& i, const Utf8Char* singles, char* out) {
  while (i < coded.size()) {
    const size_t length = CodeLength(static_cast<unsigned char>(coded[i]));
    if (i + length > coded.size()) break;
    out = DecodeCode(coded, i, length, singles, out);
  }
  i = coded.size();
  return out;
}

// The same for up to `count` codes.
char* DecodeCodes(std::string_view coded, size_t& i, size_t count, const Utf8Char* singles,
                  char* out) {
  for (; count > 0 && i < coded.size(); --count) {
    const size_t length = CodeLength(static_cast<unsigned char>(coded[i]));
    if (i + length > coded.size()) {
      i = coded.size();
      break;
    }
    out = DecodeCode(coded, i, length, singles, out);
  }
  return out;
}

}  // namespace

// Written into a buffer of the largest size (four UTF-8 bytes a code byte), cut to size after.
std::string DecodeText(std::string_view coded) {
  std::string text(coded.size() * 4, '\0');
  size_t i = 0;
  char* out = DecodeRest(coded, i, kSingleUtf8.data(), text.data());
  text.resize(static_cast<size_t>(out - text.data()));
  return text;
}

// A byte match may begin inside a two- or four-byte code: the character boundaries are walked up
// to each match, once over the text.
namespace {

// True when the bytes before `at` show that a code begins there, without walking the codes from
// the start: the byte before is below kFirstLead, so it ends a one-byte or two-byte code, or is
// inside a four-byte escape, which would begin with kEscape one or two bytes before it. False
// says nothing (a trail byte of kFirstLead or more, or a kEscape byte that may be a trail byte).
inline bool BeginsCode(std::string_view coded, size_t at) {
  if (at == 0) return true;
  auto byte = [&](size_t back) { return static_cast<unsigned char>(coded[at - back]); };
  return byte(1) < kFirstLead && (at < 2 || byte(2) != kEscape) && (at < 3 || byte(3) != kEscape);
}

}  // namespace

bool HoldsCoded(std::string_view coded_text, std::string_view coded_literal) {
  size_t boundary = 0;
  for (size_t at = coded_text.find(coded_literal); at != std::string_view::npos;
       at = coded_text.find(coded_literal, at + 1)) {
    // The walk from the start was a third of a phrase's check (a match lies tens of codes in).
    if (BeginsCode(coded_text, at)) return true;
    while (boundary < at) boundary += CodeLength(static_cast<unsigned char>(coded_text[boundary]));
    if (boundary == at) return true;
  }
  return false;
}

size_t CountCoded(std::string_view coded_text, std::string_view coded_literal) {
  if (coded_literal.empty()) return 0;
  size_t count = 0, boundary = 0;
  for (size_t at = coded_text.find(coded_literal); at != std::string_view::npos;
       at = coded_text.find(coded_literal, at + 1)) {
    while (boundary < at) boundary += CodeLength(static_cast<unsigned char>(coded_text[boundary]));
    if (boundary == at) ++count;
  }
  return count;
}

void PutVarint(size_t v, std::string& out) {
  for (; v >= 0x80; v >>= 7) out.push_back(static_cast<char>((v & 0x7F) | 0x80));
  out.push_back(static_cast<char>(v));
}

// Reads a varint at `pos` of `s` (0 past its end: a cut patch is not written by AppendPatchEdit).
size_t GetVarint(std::string_view s, size_t& pos) {
  size_t v = 0;
  for (int shift = 0; pos < s.size() && shift < 64; shift += 7) {
    const auto b = static_cast<unsigned char>(s[pos++]);
    v |= static_cast<size_t>(b & 0x7F) << shift;
    if (b < 0x80) break;
  }
  return v;
}

namespace {

constexpr unsigned kWideEdit = 0xF0;

// Moves `pos` past `count` codes of `coded` (no further than its end).
void SkipCodes(std::string_view coded, size_t& pos, size_t count) {
  for (; count > 0 && pos < coded.size(); --count) {
    pos += CodeLength(static_cast<unsigned char>(coded[pos]));
  }
  pos = std::min(pos, coded.size());
}

}  // namespace

void AppendPatchEdit(size_t copy, size_t take, std::string_view inserted_utf8, std::string& patch) {
  PutVarint(copy, patch);
  const size_t count = utf8::Length(inserted_utf8);
  if (take < 15 && count < 16) {
    patch.push_back(static_cast<char>(take * 16 + count));
  } else {
    patch.push_back(static_cast<char>(kWideEdit));
    PutVarint(take, patch);
    PutVarint(count, patch);
  }
  patch += EncodeText(inserted_utf8);
}

char* DecodeTextTo(std::string_view coded, char* out) {
  size_t i = 0;
  return DecodeRest(coded, i, kSingleUtf8.data(), out);
}

// One buffer of the largest size, as DecodeText.
std::string ApplyPatch(std::string_view coded, std::string_view patch, bool full_width) {
  std::string text((coded.size() + patch.size()) * 4, '\0');
  char* out = ApplyPatchTo(coded, patch, text.data(), full_width);
  text.resize(static_cast<size_t>(out - text.data()));
  return text;
}

char* ApplyPatchTo(std::string_view coded, std::string_view patch, char* out, bool full_width) {
  const Utf8Char* copied = full_width ? kFullWidthSingleUtf8.data() : kSingleUtf8.data();
  size_t at = 0;  // in `coded`
  for (size_t pos = 0; pos < patch.size();) {
    out = DecodeCodes(coded, at, GetVarint(patch, pos), copied, out);
    if (pos >= patch.size()) break;
    size_t take = 0, count = 0;
    if (static_cast<unsigned char>(patch[pos]) == kWideEdit) {
      ++pos;
      take = GetVarint(patch, pos);
      count = GetVarint(patch, pos);
    } else {
      take = static_cast<unsigned char>(patch[pos]) / 16;
      count = static_cast<unsigned char>(patch[pos]) % 16;
      ++pos;
    }
    SkipCodes(coded, at, take);
    out = DecodeCodes(patch, pos, count, kSingleUtf8.data(), out);
  }
  return DecodeRest(coded, at, copied, out);
}

}  // namespace guihua::internal
