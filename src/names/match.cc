// Folding, edit distance, vocabularies and messages of the name resolver (internal/match.h).
#include "names/internal/match.h"

#include <algorithm>
#include <set>

#include "common/utf8.h"
#include "normalize/normalize.h"

namespace guihua::names_internal {
namespace {

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t pos = 0; pos < s.size();) out.push_back(utf8::Next(s, pos));
  return out;
}

bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// What may stand between the two years of a period once folded (NFKC has made － and ～ ASCII).
bool IsPeriodDash(char32_t cp) {
  return cp == '-' || cp == U'—' || cp == U'–' || cp == U'―' || cp == U'─' || cp == '~' ||
         cp == U'〜' || cp == U'至' || cp == U'到' || cp == U'_' || cp == '/';
}

// Administrative suffixes, longest first, so that 壮族自治区 goes before 自治区 and 区.
const std::vector<std::string>& RegionSuffixes() {
  static const std::vector<std::string> suffixes = {
      "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
      "自治旗", "地区", "林区", "特区", "省", "市", "区", "县", "旗", "盟"};
  return suffixes;
}

}  // namespace

std::string Fold(std::string_view name) {
  std::string normalized = NormalizeString(name);
  std::string out;
  for (size_t pos = 0; pos < normalized.size();) {
    size_t at = pos;
    char32_t cp = utf8::Next(normalized, pos);
    if (utf8::IsSpace(cp) || cp == '\t' || cp == '\n' || cp == '\r') continue;
    if (cp >= 'A' && cp <= 'Z') {
      out.push_back(static_cast<char>(cp - 'A' + 'a'));
    } else {
      out.append(normalized, at, pos - at);
    }
  }
  return out;
}

size_t Distance(std::string_view a, std::string_view b) {
  std::vector<char32_t> x = CodePoints(a), y = CodePoints(b);
  const size_t n = x.size(), m = y.size();
  // Optimal string alignment: three rows of the Damerau-Levenshtein table.
  std::vector<size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m];
}

void Vocabulary::Add(const std::string& value, const std::string& label,
                     const std::vector<std::string>& names) {
  size_t index = values_.size();
  values_.push_back(value);
  labels_.push_back(label);
  for (const std::string& name : names) {
    std::string folded = Fold(name);
    if (folded.empty()) continue;
    auto& list = by_name_[folded];
    if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
  }
}

std::vector<size_t> Vocabulary::Find(const std::string& folded) const {
  auto it = by_name_.find(folded);
  return it == by_name_.end() ? std::vector<size_t>{} : it->second;
}

std::vector<std::string> Vocabulary::Nearest(const std::string& folded) const {
  // Near: at most a third of the name's characters wrong (one for a name of up to five), so that
  // a typo is caught and an unrelated name is not offered.
  const size_t length = utf8::Length(folded);
  const size_t limit = std::max<size_t>(1, length / 3);
  size_t best = limit + 1;
  std::set<size_t> values;
  for (const auto& [name, indexes] : by_name_) {
    size_t d = Distance(folded, name);
    if (d > best) continue;
    if (d < best) values.clear();
    best = d;
    values.insert(indexes.begin(), indexes.end());
  }
  std::vector<std::string> out;
  if (best > limit) return out;
  std::set<std::string> seen;
  for (size_t i : values) {
    if (seen.insert(labels_[i]).second) out.push_back(labels_[i]);
  }
  return out;
}

namespace {

std::string JoinList(const std::vector<std::string>& items, size_t max, const char* last_sep) {
  std::string out;
  size_t shown = std::min(items.size(), max);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && shown == items.size()) ? last_sep : ", ";
    out += items[i];
  }
  if (shown < items.size()) out += ", … (" + std::to_string(items.size()) + " in all)";
  return out;
}

}  // namespace

std::string OrList(const std::vector<std::string>& items, size_t max) {
  return JoinList(items, max, " or ");
}

std::string CommaList(const std::vector<std::string>& items, size_t max) {
  return JoinList(items, max, ", ");
}

std::string UnknownMessage(std::string_view kind, std::string_view name,
                           const std::vector<std::string>& nearest, std::string_view hint) {
  std::string message = "unknown " + std::string(kind) + " '" + std::string(name) + "'";
  if (!nearest.empty()) return message + "; did you mean " + OrList(nearest) + "?";
  if (!hint.empty()) message += " (" + std::string(hint) + ")";
  return message;
}

std::optional<std::string> ParsePeriod(std::string_view folded) {
  std::vector<char32_t> cps = CodePoints(folded);
  size_t i = 0;
  auto year = [&]() -> std::optional<std::string> {
    std::string digits;
    while (i < cps.size() && IsDigit(cps[i])) digits.push_back(static_cast<char>(cps[i++]));
    if (digits.size() != 4) return std::nullopt;
    if (i < cps.size() && cps[i] == U'年') ++i;
    return digits;
  };
  auto start = year();
  if (!start) return std::nullopt;
  size_t dashes = 0;
  while (i < cps.size() && IsPeriodDash(cps[i])) ++i, ++dashes;
  if (dashes == 0) return std::nullopt;
  auto end = year();
  if (!end || i != cps.size() || *end < *start) return std::nullopt;
  return *start + "-" + *end;
}

std::string StripRegionSuffix(std::string_view name) {
  for (const std::string& suffix : RegionSuffixes()) {
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      std::string_view stem = name.substr(0, name.size() - suffix.size());
      return utf8::Length(stem) >= 2 ? std::string(stem) : "";
    }
  }
  return "";
}

}  // namespace guihua::names_internal
