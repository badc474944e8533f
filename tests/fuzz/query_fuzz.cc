// Fuzz target: the search query language. A query that parses is matched against a sample item,
// and the input's index terms are computed, as the index does for the item's text. The check on
// the index's UTF-16 value must agree with the check on the UTF-8 text, literal by literal.
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "fuzz/fuzz_targets.h"
#include "index/internal/query.h"
#include "normalize/normalize.h"

namespace guihua::fuzz {

int FuzzQuery(const uint8_t* data, size_t size) {
  std::string_view query(reinterpret_cast<const char*>(data), size);
  auto parsed = internal::ParseQuery(query);
  if (parsed.ok()) {
    internal::Matches(parsed->root, "到2030年，孕产妇死亡率控制在12/10万以下。family education");
  }
  if (utf8::IsValid(query)) {
    std::string working = NormalizeString(query);
    internal::FoldAscii(working);
    internal::IndexTerms(working);
    if (parsed.ok()) {
      bool on_text = internal::Matches(parsed->root, working);
      const std::string value = internal::Utf16Value(working);
      if (internal::Utf8OfValue(value) != working) std::abort();
      bool on_value = internal::Matches(parsed->root, [&](const std::string& literal) {
        return internal::HoldsEncoded(value, internal::Utf16Value(literal));
      });
      if (on_text != on_value) std::abort();
    }
  }
  return 0;
}

}  // namespace guihua::fuzz
