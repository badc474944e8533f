// Region inference: finds every gazetteer name in the text (a hash lookup of the substrings that end
// in an administrative suffix), weights headline mentions over body mentions, and picks the district
// whose city and province are named too.
#include "structure/internal/region_gazetteer.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "common/rule_file.h"
#include "common/utf8.h"
#include "structure/regions.h"

namespace guihua::internal {
namespace {

// The non-empty parts between commas. (A stream per row cost a cold run 2.5 M instructions over the
// gazetteer's 850 rows.)
std::vector<std::string> SplitCommas(std::string_view s) {
  std::vector<std::string> out;
  for (size_t start = 0; start <= s.size();) {
    size_t comma = std::min(s.find(',', start), s.size());
    if (comma > start) out.emplace_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

StatusOr<RegionGazetteer> RegionGazetteer::Load(const std::string& path, Diagnostics* diag) {
  std::vector<std::string> header;
  auto rows = ReadTable(path, &header);
  if (!rows.ok()) return rows.status();
  const std::vector<std::string> expected = {"province", "city", "district", "short_forms"};
  if (header != expected) {
    diag->Error(path, 1, 1, "header must be: province city district short_forms");
    return Status::InvalidInput(path + ": bad header");
  }
  RegionGazetteer g;
  for (const TableRow& row : *rows) {
    if (row.cells.size() < 3 || row.cells[0].empty()) {
      diag->Error(path, row.line, 1, "expected province, city, district[, short_forms]");
      continue;
    }
    Entry entry;
    entry.region = {row.cells[0], row.cells[1], row.cells[2]};
    const std::string& own = !entry.region.district.empty() ? entry.region.district
                             : !entry.region.city.empty()   ? entry.region.city
                                                            : entry.region.province;
    entry.names.push_back(own);
    if (row.cells.size() > 3) {
      for (auto& s : SplitCommas(row.cells[3])) entry.names.push_back(s);
    }
    for (const std::string& name : entry.names) {
      g.by_name_[name].push_back(g.entries_.size());
      size_t chars = utf8::Length(name);
      g.longest_name_ = std::max(g.longest_name_, chars);
      size_t last = 0, pos = 0;
      while (pos < name.size()) last = utf8::Next(name, pos);
      if (last < 0x10000) {
        if (g.name_lengths_.empty()) g.name_lengths_.resize(0x10000);
        g.name_lengths_[last] |= chars < 32 ? uint32_t{1} << chars : 1u;
      }
    }
    g.entries_.push_back(std::move(entry));
  }
  if (diag->has_errors()) return Status::InvalidInput(path + ": bad rows");
  return g;
}

void RegionGazetteer::Count(std::string_view text, int weight, std::vector<int>& counts) const {
  // Names are looked up only where the text has a character that ends some name, looking back
  // only as many characters as names ending in it have: one pass, no per-name scan.
  struct Match {
    size_t begin, end;
    const std::vector<size_t>* entries;
  };
  std::vector<Match> matches;
  // Byte offsets of the last longest_name_ characters, in a ring: starts[(seen - n) % size] is
  // where the n-th last character begins.
  std::vector<size_t> starts(std::max<size_t>(longest_name_, 1));
  size_t seen = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t at = pos;
    char32_t cp = utf8::Next(text, pos);
    starts[seen % starts.size()] = at;
    ++seen;
    uint32_t lengths = cp < name_lengths_.size() ? name_lengths_[cp] : 0;
    if (lengths == 0) continue;
    // Longest first, as the text is read left to right (the order only matters to the sort).
    for (size_t n = std::min(seen, starts.size()); n >= 2; --n) {
      if (!(lengths & 1u) && (n >= 32 || !(lengths & (uint32_t{1} << n)))) continue;
      size_t begin = starts[(seen - n) % starts.size()];
      auto it = by_name_.find(text.substr(begin, pos - begin));
      if (it != by_name_.end()) matches.push_back({begin, pos, &it->second});
    }
  }
  // A name inside a longer one is not a mention of its own: 包头市 is not also 包头.
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  size_t covered = 0;
  for (const Match& m : matches) {
    if (m.end <= covered) continue;
    covered = m.end;
    for (size_t index : *m.entries) counts[index] += weight;
  }
}

Region RegionGazetteer::Infer(std::string_view headline, std::string_view body) const {
  std::vector<int> counts(entries_.size(), 0);
  Count(headline, 100, counts);
  Count(body, 1, counts);

  // Top down: the province the text names most (with its cities and districts), then its city,
  // then the district of that city that the text names most, if one clearly dominates. A district
  // name shared by several cities thus resolves to the one whose city and province are named.
  std::map<std::string, int> province_support;
  std::map<std::pair<std::string, std::string>, int> city_support;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (counts[i] == 0) continue;
    const Region& r = entries_[i].region;
    province_support[r.province] += counts[i];
    if (!r.city.empty()) city_support[{r.province, r.city}] += counts[i];
  }
  Region best;
  int support = 0;
  for (const auto& [province, n] : province_support) {
    if (n > support) best.province = province, support = n;
  }
  if (best.province.empty()) return best;
  support = 0;
  for (const auto& [key, n] : city_support) {
    if (key.first == best.province && n > support) best.city = key.second, support = n;
  }
  if (best.city.empty()) return best;
  int top = 0, all = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const Region& r = entries_[i].region;
    if (counts[i] == 0 || r.district.empty() || r.province != best.province || r.city != best.city) continue;
    all += counts[i];
    if (counts[i] > top) best.district = r.district, top = counts[i];
  }
  // A city's own plan may name a district or two in passing; a district's plan names itself most.
  if (top < 2 || top * 2 < all) best.district.clear();
  return best;
}

std::vector<std::string> RegionGazetteer::DistrictNames(const Region& region) const {
  for (const Entry& e : entries_) {
    if (e.region.province == region.province && e.region.city == region.city &&
        e.region.district == region.district) {
      return e.names;
    }
  }
  return {};
}

}  // namespace guihua::internal

namespace guihua {

StatusOr<std::vector<RegionName>> LoadRegionNames(const std::string& rules_dir, Diagnostics* diag) {
  auto gazetteer = internal::RegionGazetteer::Load(rules_dir + "/regions.tsv", diag);
  if (!gazetteer.ok()) return gazetteer.status();
  std::vector<RegionName> out;
  for (const auto& e : gazetteer->entries()) out.push_back({e.region, e.names});
  return out;
}

}  // namespace guihua
