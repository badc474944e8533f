// Builds indexes of the corpus for the index tests: parse + extract + add, as `guihua ingest` does.
#ifndef GUIHUA_TESTS_INDEX_INDEX_SUPPORT_H_
#define GUIHUA_TESTS_INDEX_INDEX_SUPPORT_H_

#include <string>
#include <vector>

#include "extract/extract.h"
#include "index/index.h"
#include "structure/structure.h"

namespace guihua::testing {

const StructureParser& TestParser();
const Extractor& TestExtractor();

// Parses `file` (a corpus path) and adds it to `writer`.
void AddFile(IndexWriter& writer, const std::string& file);

// A fresh index of the given files (all corpus files when empty) in `dir`.
void BuildIndex(const std::string& dir, std::vector<std::string> files = {});

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_INDEX_INDEX_SUPPORT_H_
