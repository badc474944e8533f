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

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_TEXT_CODE_H_
