// Fuzz target: the extraction rule engine on one sentence. The first byte chooses the context
// (bit 0: baseline, bit 1: goal item); the rest is the sentence, normalized as the stages do. The
// number evaluator reads the raw and the normalized bytes whole as well.
#include <cmath>
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "extract/extract.h"
#include "extract/internal/numeral.h"
#include "fuzz/fuzz_targets.h"
#include "normalize/normalize.h"

namespace guihua::fuzz {

int FuzzExtract(const uint8_t* data, size_t size) {
  static const auto* extractor = [] {
    Diagnostics diag;
    auto e = Extractor::Load(RulesDir(), &diag);
    GUIHUA_FUZZ_CHECK(e.ok());
    return e->release();
  }();
  if (size == 0) return 0;
  const bool baseline = data[0] & 1, goal = data[0] & 2;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!utf8::IsValid(text)) return 0;
  std::string working = NormalizeString(text);
  for (std::string_view span : {text, std::string_view(working)}) {
    std::string why;
    auto number = extract_internal::ReadNumber(span, &why);
    GUIHUA_FUZZ_CHECK(number ? std::isfinite(number->value) && why.empty() : !why.empty());
  }
  Diagnostics diag;
  for (const Target& t : extractor->ExtractSentence(working, baseline, goal, &diag)) {
    GUIHUA_FUZZ_CHECK(utf8::IsValid(t.indicator) && utf8::IsValid(t.value_text));
    GUIHUA_FUZZ_CHECK(!t.value || std::isfinite(*t.value));
    Extractor::FormatCompact(t);
    extractor->IndicatorId(t.indicator, goal ? "women" : "");
  }
  return 0;
}

}  // namespace guihua::fuzz
