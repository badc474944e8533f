// FNV-1a, 64 bits: a stable hash (the same on every run and machine) for keys the index stores or
// routes by. Not for security, and not for hash tables (std::hash serves those).
#ifndef GUIHUA_COMMON_HASH_H_
#define GUIHUA_COMMON_HASH_H_

#include <cstdint>
#include <string_view>

namespace guihua {

inline constexpr uint64_t kFnv1aBasis = 14695981039346656037ull;
// The basis the content hash and the shard routing have always used (one digit short of FNV's):
// kept, so that hashes already stored in an index stay what they were.
inline constexpr uint64_t kContentHashBasis = 1469598103934665603ull;

inline uint64_t Fnv1a64(std::string_view bytes, uint64_t basis = kFnv1aBasis) {
  uint64_t h = basis;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace guihua

#endif  // GUIHUA_COMMON_HASH_H_
