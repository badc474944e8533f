// Index-building helpers shared by the index tests.
#include "index/index_support.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"
#include "render/targets.h"

namespace guihua::testing {

const StructureParser& TestParser() {
  static std::unique_ptr<StructureParser> parser = [] {
    Diagnostics diag;
    auto p = StructureParser::Load(RulesDir(), &diag);
    EXPECT_TRUE(p.ok());
    return std::move(*p);
  }();
  return *parser;
}

const Extractor& TestExtractor() {
  static std::unique_ptr<Extractor> extractor = [] {
    Diagnostics diag;
    auto e = Extractor::Load(RulesDir(), &diag);
    EXPECT_TRUE(e.ok());
    return std::move(*e);
  }();
  return *extractor;
}

void AddFile(IndexWriter& writer, const std::string& file) {
  Diagnostics diag;
  auto doc = TestParser().ParseFile(file, &diag);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  std::vector<Target> targets = TestExtractor().ExtractDocument(*doc);
  std::vector<std::string> json;
  for (const Target& t : targets) json.push_back(TargetToJson(*doc, t));
  Status s = writer.Add(*doc, targets, json, "hash-" + doc->id);
  ASSERT_TRUE(s.ok()) << s.message();
}

void BuildIndex(const std::string& dir, std::vector<std::string> files) {
  std::filesystem::remove_all(dir);
  if (files.empty()) files = CorpusFiles();
  auto writer = IndexWriter::Open(dir);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  for (const std::string& f : files) AddFile(**writer, f);
  ASSERT_TRUE((*writer)->Commit().ok());
}

}  // namespace guihua::testing
