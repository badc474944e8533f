// The libFuzzer entry point of one fuzz binary; GUIHUA_FUZZ_TARGET names its function in
// fuzz_targets.h (tests/fuzz/CMakeLists.txt builds one binary per target).
#include "fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return guihua::fuzz::GUIHUA_FUZZ_TARGET(data, size);
}
