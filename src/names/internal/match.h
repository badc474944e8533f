// The matching under the name resolver: names folded for comparison, vocabularies of canonical
// values with every name of each, the nearest names of a misspelling, and the one-line messages.
#ifndef GUIHUA_NAMES_INTERNAL_MATCH_H_
#define GUIHUA_NAMES_INTERNAL_MATCH_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guihua::names_internal {

// A name as it is compared: normalized like the indexed text (NFKC, simplified), ASCII lower case,
// whitespace removed.
std::string Fold(std::string_view name);

// Edit distance over code points, a swap of two neighbours counting one (serach → search: 1).
size_t Distance(std::string_view a, std::string_view b);

// Canonical values, each with the names that denote it. A name two values share is ambiguous.
class Vocabulary {
 public:
  // `label` is how messages show the value (its id, or 北关区 (河南省安阳市)); names are folded here.
  void Add(const std::string& value, const std::string& label, const std::vector<std::string>& names);

  // The values (indexes) a folded name denotes, each once, in the order they were added.
  std::vector<size_t> Find(const std::string& folded) const;
  // The labels of the values with a name nearest `folded`, all of the same least distance, when
  // that distance is small for the name's length; empty when nothing is near.
  std::vector<std::string> Nearest(const std::string& folded) const;

  size_t size() const { return values_.size(); }
  const std::string& value(size_t i) const { return values_[i]; }
  const std::string& label(size_t i) const { return labels_[i]; }
  std::vector<std::string> Labels() const { return labels_; }

 private:
  std::vector<std::string> values_, labels_;
  std::map<std::string, std::vector<size_t>> by_name_;
};

// The names of NameTables folded once: a vocabulary per fixed kind (and per plan for domains),
// the indicators, and the gazetteer's places per level with their short forms.
struct PreparedNames {
  std::map<int, Vocabulary> fixed;                     // by NameKind
  std::map<std::string, Vocabulary> domains_by_plan;   // "women" / "children"
  Vocabulary indicators;
  std::map<int, Vocabulary> places;                    // by NameKind: province, city, district
  // Every name of a place (full, without suffix, short forms) by level and full name.
  std::map<std::pair<int, std::string>, std::vector<std::string>> place_names;
};

// "a", "a or b", "a, b or c"; more than `max` items end in "… (N in all)".
std::string OrList(const std::vector<std::string>& items, size_t max = 8);
// "a, b, c", with the same cut.
std::string CommaList(const std::vector<std::string>& items, size_t max = 8);

// "unknown KIND 'NAME'; did you mean X?" when something is near, else "unknown KIND 'NAME'"
// followed by " (HINT)" when a hint is given.
std::string UnknownMessage(std::string_view kind, std::string_view name,
                           const std::vector<std::string>& nearest, std::string_view hint);

// "2021-2030" from a folded period: 2021-2030, 2021—2030年, 2021年—2030年, 2021至2030; nullopt
// for anything else.
std::optional<std::string> ParsePeriod(std::string_view folded);

// A region's name without its administrative suffix (北关区 → 北关, 河南省 → 河南, 广西壮族自治区
// → 广西), or "" when nothing of two or more characters would be left.
std::string StripRegionSuffix(std::string_view name);

}  // namespace guihua::names_internal

#endif  // GUIHUA_NAMES_INTERNAL_MATCH_H_
