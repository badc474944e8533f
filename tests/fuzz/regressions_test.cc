// Replays every input under tests/fuzz/regressions/<target>/ (what fuzzing once found to crash,
// hang or trip a sanitizer, each fixed since) and the seeds under tests/fuzz/seeds/<target>/
// through the same fuzz targets, so that `make test` keeps them fixed with the normal compiler
// and under the sanitizers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "common/test_support.h"
#include "fuzz/fuzz_targets.h"

namespace guihua {
namespace {

namespace fs = std::filesystem;
using testing::ReadBytes;
using testing::SourceDir;

std::vector<std::string> InputsOf(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(folder, ec)) {
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') {
      files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

namespace fuzz {
void PrintTo(const FuzzTarget& target, std::ostream* os) { *os << target.name; }
}  // namespace fuzz

namespace {

class FuzzReplayTest : public ::testing::TestWithParam<fuzz::FuzzTarget> {};

TEST_P(FuzzReplayTest, RegressionsAndSeedsRunClean) {
  const fuzz::FuzzTarget& target = GetParam();
  for (const char* kind : {"regressions", "seeds"}) {
    for (const std::string& path :
         InputsOf(SourceDir() + "/tests/fuzz/" + kind + "/" + target.name)) {
      SCOPED_TRACE(path);
      std::string bytes = ReadBytes(path);
      EXPECT_EQ(target.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplayTest, ::testing::ValuesIn(fuzz::kFuzzTargets),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace guihua
