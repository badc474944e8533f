// Shared helpers for the tests: where the source tree, corpus and gold files are.
#ifndef GUIHUA_TESTS_COMMON_TEST_SUPPORT_H_
#define GUIHUA_TESTS_COMMON_TEST_SUPPORT_H_

#include <string>
#include <vector>

namespace guihua::testing {

std::string SourceDir();                  // the repository root
std::string RulesDir();                   // SourceDir()/rules
std::string GuihuaBinary();               // $GUIHUA_BINARY, else the built `guihua`
std::vector<std::string> CorpusFiles();   // corpus/*.txt, sorted
std::string CorpusFile(const std::string& name);  // SourceDir()/corpus/name
std::string ReadBytes(const std::string& path);
void WriteBytes(const std::string& path, const std::string& bytes);
std::string TempDir();                    // a fresh directory for this test

// The one golden-file check: compares `actual` with the file `golden` (a path under the source
// tree, e.g. tests/render/golden/targets.txt). With GUIHUA_UPDATE_GOLDEN=1 in the environment it
// writes `actual` there instead; review the diff before committing (tests/README.md).
void ExpectGolden(const std::string& golden, const std::string& actual);

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_COMMON_TEST_SUPPORT_H_
