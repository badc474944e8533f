// The traditional → simplified table of the normalizer, generated at build time from ICU's
// Hant-Hans transform (tools/codegen/hant_hans_table.cc): building the transliterator in every
// process cost more than the rest of a search.
#ifndef GUIHUA_NORMALIZE_INTERNAL_HANT_HANS_H_
#define GUIHUA_NORMALIZE_INTERNAL_HANT_HANS_H_

#include <cstddef>

namespace guihua::normalize_internal {

// One code point Hant-Hans changes (after NFKC) and its result in UTF-8.
struct HantHansRow {
  char32_t cp;
  const char* text;
};

// Sorted by code point; kHantHansSize rows, then a terminator.
extern const HantHansRow kHantHans[];
extern const size_t kHantHansSize;

}  // namespace guihua::normalize_internal

#endif  // GUIHUA_NORMALIZE_INTERNAL_HANT_HANS_H_
