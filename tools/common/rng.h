// splitmix64: a seeded generator that gives the same sequence on every platform and standard
// library (unlike <random>'s distributions), so a seed reproduces a corpus or a query set.
#ifndef GUIHUA_TOOLS_COMMON_RNG_H_
#define GUIHUA_TOOLS_COMMON_RNG_H_

#include <cstddef>
#include <cstdint>

namespace guihua::tools {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : Next() % n; }
  double Unit() { return (Next() >> 11) * 0x1.0p-53; }  // in [0, 1)

 private:
  uint64_t state_;
};

}  // namespace guihua::tools

#endif  // GUIHUA_TOOLS_COMMON_RNG_H_
