// The indicator dictionary, rules/indicators.tsv: canonical ids with their names, variant patterns,
// plans, domains, parents and English labels. Every row is checked at load, so that a researcher's
// new row fails `guihua rules check` at its line and column instead of giving silently wrong ids.
#include <algorithm>
#include <map>
#include <set>

#include "common/rule_file.h"
#include "common/utf8.h"
#include "extract/internal/rules.h"

namespace guihua::extract_internal {
namespace {

const std::vector<std::string>& Header() {
  static const auto* header = new std::vector<std::string>{
      "id", "plan", "domains", "parent", "name", "label", "direction", "unit", "variants"};
  return *header;
}
enum Column { kId, kPlan, kDomains, kParent, kName, kLabel, kDirection, kUnit, kVariants };

// 1-based character column of a cell.
int ColumnOf(const TableRow& row, size_t cell) {
  int col = 1;
  for (size_t i = 0; i < cell && i < row.cells.size(); ++i) {
    col += static_cast<int>(utf8::Length(row.cells[i])) + 1;
  }
  return col;
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// The domain ids of rules/domains.tsv (its `id` column); an unreadable file is an error there.
std::set<std::string> DomainIds(const std::string& rules_dir, Diagnostics* diag) {
  std::set<std::string> ids;
  std::vector<std::string> header;
  auto rows = ReadTable(rules_dir + "/domains.tsv", &header);
  size_t col = 0;
  while (col < header.size() && header[col] != "id") ++col;
  if (!rows.ok() || col == header.size()) {
    diag->Error(DisplayName(rules_dir, "domains.tsv"), 0, 0,
                "cannot read the domain ids the indicator dictionary refers to");
    return ids;
  }
  for (const TableRow& row : *rows) {
    if (col < row.cells.size()) ids.insert(row.cells[col]);
  }
  return ids;
}

bool IsIdentifier(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

class DictionaryLoader {
 public:
  DictionaryLoader(std::string shown, std::set<std::string> domains, RuleSets* out,
                   Diagnostics* diag)
      : shown_(std::move(shown)), domains_(std::move(domains)), out_(out), diag_(diag) {}

  void Row(const TableRow& row);
  void CheckParents();
  void CheckNames();

 private:
  void Error(const TableRow& row, size_t cell, const std::string& message) {
    diag_->Error(shown_, row.line, ColumnOf(row, cell), message);
  }
  void Error(int line, const std::string& message) { diag_->Error(shown_, line, 1, message); }
  void CheckDomains(const TableRow& row, Indicator* ind);

  std::string shown_;
  std::set<std::string> domains_;
  std::map<std::string, int> lines_;  // id → line
  std::map<int, TableRow> rows_;      // line → row, for columns in later checks
  RuleSets* out_;
  Diagnostics* diag_;
};

void DictionaryLoader::CheckDomains(const TableRow& row, Indicator* ind) {
  if (row.cells[kDomains] == "-") return;  // set outside the domains (组织实施)
  for (const std::string& d : SplitCommas(row.cells[kDomains])) {
    if (!domains_.count(d)) {
      Error(row, kDomains, "unknown domain '" + d + "' (ids of rules/domains.tsv, comma-separated)");
      continue;
    }
    std::string plan = d.substr(0, d.find('.'));
    if (ind->plan != "both" && plan != ind->plan) {
      Error(row, kDomains, "domain '" + d + "' is not in the " + ind->plan + " plan");
    }
    ind->domains.push_back(d);
  }
}

void DictionaryLoader::Row(const TableRow& row) {
  if (row.cells.size() != Header().size()) {
    Error(row.line, "expected " + std::to_string(Header().size()) +
                        " tab-separated cells, found " + std::to_string(row.cells.size()));
    return;
  }
  Indicator ind;
  ind.id = row.cells[kId];
  ind.plan = row.cells[kPlan];
  ind.name = row.cells[kName];
  ind.label = row.cells[kLabel];
  ind.parent = row.cells[kParent] == "-" ? "" : row.cells[kParent];
  ind.direction = row.cells[kDirection] == "-" ? "" : row.cells[kDirection];
  ind.unit = row.cells[kUnit] == "-" ? "" : row.cells[kUnit];
  ind.line = row.line;
  if (!IsIdentifier(ind.id)) Error(row, kId, "id must be lower-case ASCII letters, digits and _");
  if (!lines_.emplace(ind.id, row.line).second) {
    Error(row, kId, "duplicate id '" + ind.id + "' (first on line " +
                        std::to_string(lines_[ind.id]) + ")");
  }
  if (ind.plan != "women" && ind.plan != "children" && ind.plan != "both") {
    Error(row, kPlan, "plan must be women, children or both");
  }
  CheckDomains(row, &ind);
  if (ind.name.empty() || ind.name == "-") Error(row, kName, "the preferred name is required");
  if (ind.label.empty() || ind.label == "-") Error(row, kLabel, "the English label is required");
  if (!ind.direction.empty() && ind.direction != "lower" && ind.direction != "higher") {
    Error(row, kDirection, "direction must be lower, higher or -");
  }
  std::string pattern = RE2::QuoteMeta(ind.name);
  if (row.cells[kVariants] != "-") pattern += "|" + row.cells[kVariants];
  std::string error;
  if (!out_->indicator_matcher.Add(pattern, &error)) {
    Error(row, kVariants, "bad pattern: " + error);
    return;
  }
  rows_[row.line] = row;
  out_->indicators.push_back(std::move(ind));
}

// A parent is another known id of a compatible plan, and parents never loop.
void DictionaryLoader::CheckParents() {
  std::map<std::string, const Indicator*> by_id;
  for (const Indicator& ind : out_->indicators) by_id[ind.id] = &ind;
  for (const Indicator& ind : out_->indicators) {
    if (ind.parent.empty()) continue;
    const TableRow& row = rows_[ind.line];
    auto parent = by_id.find(ind.parent);
    if (parent == by_id.end()) {
      Error(row, kParent, "unknown parent id '" + ind.parent + "'");
      continue;
    }
    if (parent->second->plan != "both" && parent->second->plan != ind.plan) {
      Error(row, kParent, "parent '" + ind.parent + "' is not in the " + ind.plan + " plan");
    }
    const Indicator* up = parent->second;
    for (size_t steps = 0; up && steps <= by_id.size(); ++steps) {
      if (up == &ind) {
        Error(row, kParent, "parent ids loop back to '" + ind.id + "'");
        break;
      }
      auto next = by_id.find(up->parent);
      up = up->parent.empty() || next == by_id.end() ? nullptr : next->second;
    }
  }
}

// The check that each preferred name is matched by its own row and by no other: otherwise the name
// would get a wrong id, or two ids.
void DictionaryLoader::CheckNames() {
  out_->indicator_matcher.Compile();
  for (size_t i = 0; i < out_->indicators.size(); ++i) {
    const Indicator& ind = out_->indicators[i];
    // Its own row (QuoteMeta(name)|variants) matches it: trying it would only build its automaton.
    for (int hit : out_->indicator_matcher.Matches(ind.name, static_cast<int>(i))) {
      const Indicator& other = out_->indicators[hit];
      if (other.name == ind.name) {  // reported once, at the later row
        if (other.line > ind.line) {
          Error(rows_[other.line], kName, "preferred name '" + ind.name + "' is also that of '" +
                                              ind.id + "' (line " + std::to_string(ind.line) + ")");
        }
        continue;
      }
      Error(rows_[other.line], kVariants,
            "variants of '" + other.id + "' match the preferred name '" + ind.name + "' of '" +
                ind.id + "' (line " + std::to_string(ind.line) + ")");
    }
  }
}

}  // namespace

bool IndicatorMatcher::Add(const std::string& pattern, std::string* error) {
  RE2::Options opts;
  opts.set_log_errors(false);
  std::string anchored = "^(?:" + pattern + ")$";
  int id = -1;
  if (filter_.Add(anchored, opts, &id) != RE2::NoError) {
    *error = RE2(anchored, opts).error();  // FilteredRE2 keeps only the code
    return false;
  }
  ++size_;
  return true;
}

void IndicatorMatcher::Compile() {
  if (compiled_) return;
  compiled_ = true;
  if (size_ == 0) return;  // FilteredRE2 logs when compiled without a pattern
  filter_.Compile(&atoms_);
  for (size_t a = 0; a < atoms_.size(); ++a) {
    if (atoms_[a].size() < 3) short_atoms_.push_back(static_cast<int>(a));
    else atoms_by_lead_[Lead(atoms_[a], 0)].push_back(static_cast<int>(a));
  }
}

bool IndicatorMatcher::AsciiFoldIsEnough(std::string_view phrase) {
  // Code points without case, past ASCII: general punctuation, CJK symbols, kana and ideographs,
  // Hangul, compatibility ideographs and forms. Anything else (Latin-1, Greek, full-width
  // letters …) may fold to another code point in RE2's atoms.
  static constexpr std::pair<char32_t, char32_t> kCaseless[] = {
      {0x2000, 0x206F}, {0x2190, 0x245F}, {0x2500, 0x2BFF}, {0x2E80, 0x9FFF},
      {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F}, {0x20000, 0x3FFFF}};
  for (size_t i = 0; i < phrase.size();) {
    char32_t c = utf8::Next(phrase, i);
    if (c < 0x80) continue;
    bool caseless = false;
    for (const auto& [lo, hi] : kCaseless) caseless |= c >= lo && c <= hi;
    if (!caseless) return false;
  }
  return true;
}

std::vector<int> IndicatorMatcher::Matches(std::string_view phrase, int skip) const {
  std::vector<int> hits;
  if (size_ == 0) return hits;
  re2::StringPiece text(phrase.data(), phrase.size());
  if (!compiled_ || !AsciiFoldIsEnough(phrase)) {
    for (int i = 0; i < static_cast<int>(size_); ++i) {
      if (i != skip && RE2::FullMatch(text, filter_.GetRE2(i))) hits.push_back(i);
    }
    return hits;
  }
  std::string lower(phrase);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::vector<int> found;
  for (int a : short_atoms_) {
    if (lower.find(atoms_[a]) != std::string::npos) found.push_back(a);
  }
  for (size_t at = 0; at + 3 <= lower.size(); ++at) {
    auto lead = atoms_by_lead_.find(Lead(lower, at));
    if (lead == atoms_by_lead_.end()) continue;
    for (int a : lead->second) {
      if (lower.compare(at, atoms_[a].size(), atoms_[a]) == 0) found.push_back(a);
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<int> candidates;  // in row order
  filter_.AllPotentials(found, &candidates);
  for (int row : candidates) {
    if (row != skip && RE2::PartialMatch(text, filter_.GetRE2(row))) hits.push_back(row);
  }
  return hits;
}

void LoadIndicators(const std::string& rules_dir, RuleSets* out, Diagnostics* diag) {
  std::string shown = DisplayName(rules_dir, "indicators.tsv");
  std::vector<std::string> header;
  auto rows = ReadTable(rules_dir + "/indicators.tsv", &header);
  if (!rows.ok()) {
    diag->Error(shown, 0, 0, "cannot read the indicator dictionary");
    return;
  }
  if (header != Header()) {
    diag->Error(shown, 1, 1,
                "header must be: id plan domains parent name label direction unit variants "
                "(tab-separated)");
    return;
  }
  DictionaryLoader loader(shown, DomainIds(rules_dir, diag), out, diag);
  for (const TableRow& row : *rows) loader.Row(row);
  loader.CheckParents();
  loader.CheckNames();
}

}  // namespace guihua::extract_internal
