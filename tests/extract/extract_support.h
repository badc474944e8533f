// Helpers shared by the extract tests (header only: tests/CMakeLists.txt builds *_test.cc): one
// loaded Extractor and StructureParser, and parsing + extraction of bytes.
#ifndef GUIHUA_TESTS_EXTRACT_EXTRACT_SUPPORT_H_
#define GUIHUA_TESTS_EXTRACT_EXTRACT_SUPPORT_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "common/test_support.h"
#include "extract/extract.h"
#include "read/read.h"
#include "structure/document.h"
#include "structure/structure.h"

namespace guihua::testing {

inline const Extractor& SharedExtractor() {
  static const Extractor* extractor = [] {
    Diagnostics diag;
    auto loaded = Extractor::Load(RulesDir(), &diag);
    for (const Diagnostic& d : diag.all()) ADD_FAILURE() << d.ToString();
    if (!loaded.ok()) std::abort();
    return loaded->release();
  }();
  return *extractor;
}

inline const StructureParser& SharedParser() {
  static const StructureParser* parser = [] {
    Diagnostics diag;
    auto loaded = StructureParser::Load(RulesDir(), &diag);
    for (const Diagnostic& d : diag.all()) {
      if (d.severity == Diagnostic::Severity::kError) ADD_FAILURE() << d.ToString();
    }
    if (!loaded.ok()) std::abort();
    return loaded->release();
  }();
  return *parser;
}

struct Extracted {
  Document doc;
  std::vector<Target> targets;
};

// Parses `bytes` (any supported encoding) as the file `name` and extracts its targets.
inline Extracted ParseAndExtract(const std::string& bytes, const std::string& name) {
  Extracted out;
  auto source = DecodeSource(bytes, name);
  EXPECT_TRUE(source.ok()) << name << ": " << source.status().message();
  if (!source.ok()) return out;
  Diagnostics diag;
  auto doc = SharedParser().Parse(*source, &diag);
  EXPECT_TRUE(doc.ok()) << name << ": " << doc.status().message();
  if (!doc.ok()) return out;
  out.doc = std::move(*doc);
  out.targets = SharedExtractor().ExtractDocument(out.doc);
  return out;
}

// Compact one-line forms (Extractor::FormatCompact) for readable comparisons.
inline std::vector<std::string> Compact(const std::vector<Target>& targets) {
  std::vector<std::string> out;
  for (const Target& t : targets) out.push_back(Extractor::FormatCompact(t));
  return out;
}

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_EXTRACT_EXTRACT_SUPPORT_H_
