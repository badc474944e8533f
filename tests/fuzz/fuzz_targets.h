// The fuzz targets: each takes arbitrary bytes to one entry point of the library and must neither
// crash, hang nor trip a sanitizer. The same functions serve the libFuzzer binaries (fuzz_main.cc,
// built with GUIHUA_FUZZ=ON) and the replay of regressions/ in the normal test run.
#ifndef GUIHUA_TESTS_FUZZ_FUZZ_TARGETS_H_
#define GUIHUA_TESTS_FUZZ_FUZZ_TARGETS_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace guihua::fuzz {

// Bytes of a file → text, whatever the format (DecodeSource).
int FuzzRead(const uint8_t* data, size_t size);
// Text → normalize, layout, structure; a parsed plan → its targets.
int FuzzPipeline(const uint8_t* data, size_t size);
// One sentence of text, normalized → ExtractSentence (first byte: baseline / goal flags).
int FuzzExtract(const uint8_t* data, size_t size);
// The rule loaders: the first byte picks one file of rules/, the rest replaces it.
int FuzzRules(const uint8_t* data, size_t size);
// A search query → ParseQuery, and the parsed tree matched against a sample item.
int FuzzQuery(const uint8_t* data, size_t size);
// "name=value&…" → the server's parameter checks of /api/search and /api/compare.
int FuzzParams(const uint8_t* data, size_t size);

struct FuzzTarget {
  const char* name;  // folder name under regressions/ and seeds/
  int (*run)(const uint8_t* data, size_t size);
};
inline constexpr FuzzTarget kFuzzTargets[] = {
    {"read", FuzzRead},   {"pipeline", FuzzPipeline}, {"extract", FuzzExtract},
    {"rules", FuzzRules}, {"query", FuzzQuery},       {"params", FuzzParams},
};

// The rules folder the targets load: $GUIHUA_RULES, else this tree's rules/.
std::string RulesDir();

}  // namespace guihua::fuzz

// A promise of the interface that the input broke: reported like a crash, by libFuzzer and gtest.
#define GUIHUA_FUZZ_CHECK(cond)                                                          \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

#endif  // GUIHUA_TESTS_FUZZ_FUZZ_TARGETS_H_
