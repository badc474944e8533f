// A small fixed target table for the writer tests: three districts and a city reference, four
// indicators with a range, a ratio, a cell without values and every verdict kind.
#ifndef GUIHUA_TESTS_RENDER_COMPARE_FIXTURE_H_
#define GUIHUA_TESTS_RENDER_COMPARE_FIXTURE_H_

#include <string>

#include "compare/compare.h"

namespace guihua::testing {

TargetTable SampleTargetTable();

// The directory of the test binary (under the build tree): where outputs for people to look at go.
std::string BuildOutputDir();

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_RENDER_COMPARE_FIXTURE_H_
