// The region gazetteer (rules/regions.tsv): district → city → province with short forms, and the
// inference of a document's region from where and how often the text names a place.
#ifndef GUIHUA_STRUCTURE_INTERNAL_REGION_GAZETTEER_H_
#define GUIHUA_STRUCTURE_INTERNAL_REGION_GAZETTEER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <functional>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "structure/document.h"

namespace guihua::internal {

class RegionGazetteer {
 public:
  // Loads rules/regions.tsv (header: province city district short_forms); errors go to `diag`.
  static StatusOr<RegionGazetteer> Load(const std::string& path, Diagnostics* diag);

  // Infers the region from texts ordered by authority: `headline` (issuer, titles) counts far
  // more than `body`. Returns an empty Region when no place is named.
  Region Infer(std::string_view headline, std::string_view body) const;

  // Names (full and short) of `region`'s district, for telling own plans from cited ones.
  std::vector<std::string> DistrictNames(const Region& region) const;

  struct Entry {
    Region region;          // district "" for a city row, city "" for a province row
    std::vector<std::string> names;  // full name first, then short forms
  };
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  // Adds one to counts[entry] for each name of an entry found in `text`.
  void Count(std::string_view text, int weight, std::vector<int>& counts) const;

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<size_t>, StringHash, std::equal_to<>> by_name_;
  // Per BMP code point: bit n set when some name of n characters (n < 32) ends with it; a name
  // of 32 or more characters sets bit 0 (looked up at every length).
  std::vector<uint32_t> name_lengths_;
  size_t longest_name_ = 0;         // in characters
};

}  // namespace guihua::internal

#endif  // GUIHUA_STRUCTURE_INTERNAL_REGION_GAZETTEER_H_
