// Fuzz target: normalize, layout and structure on any text the read stage could produce (valid
// UTF-8, '\n' line ends, no NUL), and extraction of every target of a text that parses as a plan.
#include <memory>
#include <string>

#include "common/utf8.h"
#include "extract/extract.h"
#include "fuzz/fuzz_targets.h"
#include "structure/structure.h"

namespace guihua::fuzz {

int FuzzPipeline(const uint8_t* data, size_t size) {
  static const auto* parser = [] {
    Diagnostics diag;
    auto p = StructureParser::Load(RulesDir(), &diag);
    GUIHUA_FUZZ_CHECK(p.ok());
    return p->release();
  }();
  static const auto* extractor = [] {
    Diagnostics diag;
    auto e = Extractor::Load(RulesDir(), &diag);
    GUIHUA_FUZZ_CHECK(e.ok());
    return e->release();
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  if (!utf8::IsValid(text) || text.find('\0') != std::string::npos ||
      text.find('\r') != std::string::npos) {
    return 0;
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  Diagnostics diag;
  auto doc = parser->Parse(SourceText{"fuzz.txt", "utf-8", std::move(text), {}}, &diag);
  if (!doc.ok()) return 0;
  std::vector<Target> targets = extractor->ExtractDocument(*doc);
  for (const Target& t : targets) {
    GUIHUA_FUZZ_CHECK(t.begin <= t.end && t.end <= doc->working.text.size());
  }
  return 0;
}

}  // namespace guihua::fuzz
