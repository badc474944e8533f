// Stage 2, normalize: the working text used for matching, with a map back to the source.
// Per character: NFKC (full-width digits, letters and ％ → ASCII; compatibility forms folded) and
// traditional → simplified (ICU "Hant-Hans"). Whitespace inside a line is dropped unless it separates
// two ASCII letters or digits ("12/10 万" → "12/10万", "第 11 次" → "第11次"). Line breaks are kept, so
// the working text has exactly the source's lines. Every byte of the result records the offset of the
// source character it came from (MappedText::origin).
// Details: a run of whitespace that is kept becomes one ' '; circled list markers (①, ❶, ㊀) are not
// folded to bare digits, and 著/藉/乾/瞭/徵 (standard simplified characters too) are not converted.
#ifndef GUIHUA_NORMALIZE_NORMALIZE_H_
#define GUIHUA_NORMALIZE_NORMALIZE_H_

#include <string>
#include <string_view>

#include "common/mapped_text.h"

namespace guihua {

// `source` is the decoded text of the read stage (UTF-8, '\n' line ends). Thread-safe.
MappedText Normalize(std::string_view source);

// Normalizes one short string with no map (for user queries and rule inputs).
std::string NormalizeString(std::string_view text);

}  // namespace guihua

#endif  // GUIHUA_NORMALIZE_NORMALIZE_H_
