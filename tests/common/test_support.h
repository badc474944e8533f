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

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_COMMON_TEST_SUPPORT_H_
