// The indicator dictionary, rules/indicators.tsv: canonical ids with their names, variant patterns,
// plans, domains, parents and English labels. Every row is checked at load, so that a researcher's
// new row fails `guihua rules check` at its line and column instead of giving silently wrong ids.
#include <algorithm>
#include <cctype>
#include <cstring>
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

namespace {

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads one alternative as runs of literal characters that every match holds in this order: a
// character under ?, * or + leaves its run, and groups, classes, '.', '^' and '$' end one. The
// longest run, or "" when the alternative has none that this reading is sure of.
std::string RequiredLiteral(std::string_view alt) {
  std::string best, run;
  size_t last = 0;  // bytes of the run's last character (0: the last token was no character)
  auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
    last = 0;
  };
  for (size_t i = 0; i < alt.size();) {
    char c = alt[i];
    if (c == '?' || c == '*' || c == '+') {
      run.resize(run.size() - last);  // the character before is optional or repeated
      end_run();
      ++i;
    } else if (c == '{' || (c == '(' && i + 1 < alt.size() && alt[i + 1] == '?' &&
                            (i + 2 >= alt.size() || alt[i + 2] != ':'))) {
      return "";  // counted repeats and flags ((?i) …): not read here
    } else if (c == '\\') {
      if (i + 1 >= alt.size() || IsAsciiAlnum(alt[i + 1]) ||
          static_cast<unsigned char>(alt[i + 1]) >= 0x80) {
        return "";  // \d, \p{Han}, \x41 …
      }
      run += alt[i + 1];  // escaped punctuation, as QuoteMeta writes it
      last = 1;
      i += 2;
    } else if (c == '(' || c == '[') {
      end_run();
      i = LazyRegex::PastGroupOrClass(alt, i);
      if (i == std::string_view::npos) return "";
    } else if (c == '.' || c == '^' || c == '$' || c == ')' || c == ']' || c == '|') {
      end_run();
      ++i;
    } else {
      size_t len = std::min(utf8::SequenceLength(static_cast<unsigned char>(c)), alt.size() - i);
      run.append(alt.substr(i, len));
      last = len;
      i += len;
    }
  }
  end_run();
  return best;
}

constexpr size_t kMaxStrings = 64;

std::optional<std::vector<std::string>> StringsOfAlternatives(std::string_view pattern);

// The strings of the atom at alt[i] (a character, escaped punctuation, a group), its end in *next.
std::optional<std::vector<std::string>> AtomStrings(std::string_view alt, size_t i, size_t* next) {
  char c = alt[i];
  if (c == '\\') {  // escaped punctuation, which RE2 reads as itself
    if (i + 1 >= alt.size() || (alt[i + 1] & 0x80) || !std::ispunct(alt[i + 1]) ||
        alt[i + 1] == '_') {
      return std::nullopt;
    }
    *next = i + 2;
    return std::vector<std::string>{std::string(1, alt[i + 1])};
  }
  if (c == '(') {
    size_t past = LazyRegex::PastGroupOrClass(alt, i);
    if (past == std::string_view::npos) return std::nullopt;
    std::string_view inner = alt.substr(i + 1, past - i - 2);
    if (inner.substr(0, 2) == "?:") inner.remove_prefix(2);
    else if (!inner.empty() && inner[0] == '?') return std::nullopt;  // flags, named groups
    *next = past;
    return StringsOfAlternatives(inner);
  }
  if (std::strchr("[].^$|*+?{})\\", c)) return std::nullopt;
  *next = i + utf8::SequenceLength(static_cast<unsigned char>(c));
  return std::vector<std::string>{std::string(alt.substr(i, *next - i))};
}

// Every string an alternative matches, when it is a few (characters, escaped punctuation, groups
// of such alternatives, ? after one of them), else nullopt.
std::optional<std::vector<std::string>> Strings(std::string_view alt) {
  std::vector<std::string> out = {""};
  for (size_t i = 0; i < alt.size();) {
    // A plain character neither optional nor repeated (most of a row) is appended to each string
    // in place: the product below made a vector and a copy of every string for it.
    size_t len = utf8::SequenceLength(static_cast<unsigned char>(alt[i]));
    if (alt[i] != '\0' && !std::strchr("[].^$|*+?{})\\(", alt[i]) && i + len <= alt.size() &&
        (i + len == alt.size() ||
         (alt[i + len] != '\0' && !std::strchr("?*+{", alt[i + len])))) {
      for (std::string& s : out) s.append(alt.substr(i, len));
      i += len;
      continue;
    }
    size_t next = i;
    auto atom = AtomStrings(alt, i, &next);
    if (!atom || next > alt.size()) return std::nullopt;
    if (next < alt.size() && alt[next] == '?') {  // optional (lazily or not): also without it
      atom->push_back("");
      next += next + 1 < alt.size() && alt[next + 1] == '?' ? 2 : 1;
    }
    if (next < alt.size() && std::strchr("*+{", alt[next])) return std::nullopt;
    std::vector<std::string> product;
    for (const std::string& a : out) {
      for (const std::string& b : *atom) product.push_back(a + b);
    }
    if (product.size() > kMaxStrings) return std::nullopt;
    out = std::move(product);
    i = next;
  }
  return out;
}

std::optional<std::vector<std::string>> StringsOfAlternatives(std::string_view pattern) {
  std::vector<std::string> out;
  for (std::string_view alt : LazyRegex::TopAlternatives(pattern)) {
    auto strings = Strings(alt);
    if (!strings || out.size() + strings->size() > kMaxStrings) return std::nullopt;
    out.insert(out.end(), strings->begin(), strings->end());
  }
  return out;
}

// A row pattern's top-level alternatives as strings, each with whether a `.*` leads it; empty
// when one is not a few strings.
std::vector<std::pair<std::string, bool>> RowStrings(std::string_view pattern) {
  std::vector<std::pair<std::string, bool>> out;
  for (std::string_view alt : LazyRegex::TopAlternatives(pattern)) {
    bool any_before = alt.substr(0, 2) == ".*";
    auto strings = Strings(any_before ? alt.substr(2) : alt);
    if (!strings || out.size() + strings->size() > kMaxStrings) return {};
    for (std::string& s : *strings) out.emplace_back(std::move(s), any_before);
  }
  return out;
}

}  // namespace

bool IndicatorMatcher::RowMatches(int row, std::string_view phrase, bool valid) const {
  if (strings_[row].empty() || !valid) {
    return RE2::PartialMatch(re2::StringPiece(phrase.data(), phrase.size()), *rows_[row]);
  }
  for (const auto& [s, any_before] : strings_[row]) {
    if (!any_before) {
      if (phrase == s) return true;
      continue;
    }
    size_t at = phrase.size() - s.size();  // `.` is any character but a line break
    if (phrase.size() >= s.size() && phrase.compare(at, s.size(), s) == 0 &&
        phrase.substr(0, at).find('\n') == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

std::optional<std::vector<std::string>> IndicatorMatcher::Literals(std::string_view pattern) {
  std::vector<std::string> out;
  for (std::string_view alt : LazyRegex::TopAlternatives(pattern)) {
    std::string literal = RequiredLiteral(alt);
    if (literal.empty() || !utf8::IsValid(literal)) return std::nullopt;
    out.push_back(std::move(literal));
  }
  return out;
}

bool IndicatorMatcher::Add(const std::string& pattern, std::string* error) {
  std::string anchored = "^(?:" + pattern + ")$";
  // A row read as strings is a pattern RE2 parses (valid UTF-8 characters, escaped punctuation,
  // balanced groups, ?), which spares its parse here.
  auto strings = utf8::IsValid(pattern) ? RowStrings(pattern)
                                        : std::vector<std::pair<std::string, bool>>{};
  std::string parse_error = strings.empty() ? LazyRegex::ParseError(anchored) : "";
  if (!parse_error.empty()) {
    *error = parse_error;
    return false;
  }
  const int row = static_cast<int>(rows_.size());
  rows_.push_back(std::make_unique<LazyRegex>(anchored));
  strings_.push_back(std::move(strings));
  auto literals = Literals(pattern);
  if (!literals) {
    always_.push_back(row);
    return true;
  }
  for (std::string& literal : *literals) {
    const int index = static_cast<int>(literals_.size());
    if (literal.size() < 3) short_literals_.push_back(index);
    else literals_by_lead_[Lead(literal, 0)].push_back(index);
    literals_.emplace_back(std::move(literal), row);
  }
  return true;
}

std::vector<int> IndicatorMatcher::Matches(std::string_view phrase, int skip) const {
  std::vector<int> candidates = always_;
  for (int l : short_literals_) {
    if (phrase.find(literals_[l].first) != std::string_view::npos) {
      candidates.push_back(literals_[l].second);
    }
  }
  for (size_t at = 0; at + 3 <= phrase.size(); ++at) {
    auto lead = literals_by_lead_.find(Lead(phrase, at));
    if (lead == literals_by_lead_.end()) continue;
    for (int l : lead->second) {
      if (phrase.compare(at, literals_[l].first.size(), literals_[l].first) == 0) {
        candidates.push_back(literals_[l].second);
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<int> hits;
  bool valid = utf8::IsValid(phrase);
  for (int row : candidates) {
    if (row != skip && RowMatches(row, phrase, valid)) hits.push_back(row);
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
