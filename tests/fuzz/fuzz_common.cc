// What the fuzz targets share: where the rules are.
#include <cstdlib>

#include "fuzz/fuzz_targets.h"

namespace guihua::fuzz {

std::string RulesDir() {
  const char* env = std::getenv("GUIHUA_RULES");
  return env ? env : GUIHUA_SOURCE_DIR "/rules";
}

}  // namespace guihua::fuzz
