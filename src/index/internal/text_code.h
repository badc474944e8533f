// Item texts as the index keeps them (the printed text in a value, the check text in the check-text
// store): a byte code of one byte for 64 ASCII characters and the 96 characters most frequent in
// plans, two for every other CJK character and common symbol, four for the rest. On generated
// plans that is 1.33 bytes a character, where UTF-16 takes 2 and UTF-8 3. A literal is found in a
// coded text by its own code, at a character boundary, without decoding the text.
#ifndef GUIHUA_INDEX_INTERNAL_TEXT_CODE_H_
#define GUIHUA_INDEX_INTERNAL_TEXT_CODE_H_

#include <string>
#include <string_view>

namespace guihua::internal {

// The code of a UTF-8 text, and back (DecodeText(EncodeText(s)) == s for valid UTF-8).
std::string EncodeText(std::string_view utf8_text);
std::string DecodeText(std::string_view coded);

// True when `coded_text` holds `coded_literal` (both EncodeText's) starting at a character.
bool HoldsCoded(std::string_view coded_text, std::string_view coded_literal);
// How many times it does, overlapping ones too (0 for an empty literal).
size_t CountCoded(std::string_view coded_text, std::string_view coded_literal);

// A number in 7-bit groups, low first, the high bit set on all but the last; and back, from
// `pos` of `s` (past its end: what was read, 0 for nothing).
void PutVarint(size_t v, std::string& out);
size_t GetVarint(std::string_view s, size_t& pos);

// A patch that turns a coded text (a check text) into another UTF-8 text (the printed text it
// was made from): a list of edits, each "copy `copy` characters, skip `take`, insert `insert`".
// Printed and check texts differ in a few characters (full-width punctuation, case, traditional
// characters, dropped spaces), so a patch is a few bytes where the printed text is a hundred.
// Each edit: `copy` as a varint, then one byte take × 16 + the inserted characters' count (take
// < 15, count < 16), or 0xF0 and both as varints; then the inserted characters in the text code.
void AppendPatchEdit(size_t copy, size_t take, std::string_view inserted_utf8, std::string& patch);
// The text `patch` makes of `coded` (DecodeText(coded) for an empty patch). `full_width`: the
// characters copied from `coded` that have a FullWidthForm come out in it (Chinese text prints
// its commas, colons and brackets full-width: a patch then lists only the ASCII ones).
std::string ApplyPatch(std::string_view coded, std::string_view patch, bool full_width = false);

// The full-width form of , ; : ( ) ! ? (0 for any other character).
constexpr char32_t FullWidthForm(char32_t c) {
  switch (c) {
    case U',': return U'，';
    case U';': return U'；';
    case U':': return U'：';
    case U'(': return U'（';
    case U')': return U'）';
    case U'!': return U'！';
    case U'?': return U'？';
    default: return 0;
  }
}

// DecodeText and ApplyPatch into a buffer of 4 bytes for each byte of their input; they return
// the end of what they wrote.
char* DecodeTextTo(std::string_view coded, char* out);
char* ApplyPatchTo(std::string_view coded, std::string_view patch, char* out,
                   bool full_width = false);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_TEXT_CODE_H_
