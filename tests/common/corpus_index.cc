// The shared corpus index of the tests: see corpus_index.h.
#include "common/corpus_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "common/test_support.h"

namespace guihua::testing {
namespace {

std::string* own_index = nullptr;  // the index this process made, if any
void RemoveOwnIndex() { std::filesystem::remove_all(*own_index); }

// Made by this process when ctest gave none; removed when the process ends.
std::string BuildOwnIndex() {
  std::string dir = std::filesystem::temp_directory_path() /
                    ("guihua-corpus-index-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  EXPECT_TRUE(IngestWithBinary(CorpusFiles(), dir)) << "guihua ingest of the corpus into " << dir;
  own_index = new std::string(dir);
  std::atexit(RemoveOwnIndex);
  return dir;
}

}  // namespace

const std::string& CorpusIndexDir() {
  static const std::string dir = [] {
    const char* env = std::getenv("GUIHUA_CORPUS_INDEX");
    if (env && *env && std::filesystem::is_directory(env)) return std::string(env);
    return BuildOwnIndex();
  }();
  return dir;
}

}  // namespace guihua::testing
