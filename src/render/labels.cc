// The label table (rules/labels.tsv, compiled in as kLabelsTsv by CMakeLists.txt), read once on
// first use, and the lookups of render/labels.h.
#include "render/labels.h"

#include <algorithm>

namespace guihua {
namespace render_internal {
extern const std::string_view kLabelsTsv;  // generated/labels_data.cc
}  // namespace render_internal

namespace {

// The rows are views of the compiled bytes, sorted by id as the file is: reading the table costs a
// search about 40 k instructions (no copy, no sort), a lookup a binary search.
const std::vector<LabelRow>& Compiled() {
  static const auto* rows = [] {
    // The file is checked by the tests (labels_test.cc); a broken one leaves ids showing.
    auto parsed = ParseLabels(render_internal::kLabelsTsv, "rules/labels.tsv");
    return new std::vector<LabelRow>(parsed.ok() ? std::move(*parsed) : std::vector<LabelRow>());
  }();
  return *rows;
}

const LabelRow* Find(std::string_view id) {
  const std::vector<LabelRow>& rows = Compiled();
  auto it = std::lower_bound(rows.begin(), rows.end(), id,
                             [](const LabelRow& row, std::string_view key) { return row.id < key; });
  return it != rows.end() && it->id == id ? &*it : nullptr;
}

// Splits `line` at tabs into `cells` (at most 4: more is an error anyway); returns the count.
size_t SplitTabs(std::string_view line, std::string_view (&cells)[4]) {
  size_t n = 0, start = 0;
  for (size_t tab; n < 3 && (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1) {
    cells[n++] = line.substr(start, tab - start);
  }
  cells[n++] = line.substr(start);
  return n;
}

// {1}, {2}… of `text` replaced by args.
std::string Fill(std::string_view text, std::initializer_list<std::string_view> args) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t n = i + 2 < text.size() && text[i] == '{' && text[i + 2] == '}' ? text[i + 1] - '1' : 99;
    if (n < args.size()) {
      out += *(args.begin() + n);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

bool ParseLang(std::string_view name, Lang* lang) {
  static const std::pair<std::string_view, Lang> kNames[] = {
      {"zh", Lang::kZh}, {"中文", Lang::kZh}, {"ZH", Lang::kZh}, {"en", Lang::kEn},
      {"EN", Lang::kEn}, {"english", Lang::kEn}, {"English", Lang::kEn}};
  for (const auto& [n, l] : kNames) {
    if (n == name) {
      *lang = l;
      return true;
    }
  }
  return false;
}

const char* LangName(Lang lang) { return lang == Lang::kEn ? "en" : "zh"; }

std::string Label(std::string_view id, Lang lang, std::initializer_list<std::string_view> args) {
  const LabelRow* row = Find(id);
  if (!row) return std::string(id);
  return Fill(lang == Lang::kEn ? row->en : row->zh, args);
}

std::string ValueLabel(std::string_view vocabulary, std::string_view value, Lang lang) {
  std::string id = std::string(vocabulary) + "." + std::string(value);
  const LabelRow* row = value.empty() ? nullptr : Find(id);
  if (!row) return std::string(value);
  return std::string(lang == Lang::kEn ? row->en : row->zh);
}

const std::vector<LabelRow>& LabelTable() { return Compiled(); }

StatusOr<std::vector<LabelRow>> ParseLabels(std::string_view text, const std::string& name) {
  std::vector<LabelRow> rows;
  rows.reserve(std::count(text.begin(), text.end(), '\n'));
  bool header = false;
  int number = 0;
  auto error = [&](const std::string& message) {
    return Status::InvalidInput(name + ":" + std::to_string(number) + ": " + message);
  };
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!header) {
      if (line != "id\tzh\ten") return error("the header must be 'id<TAB>zh<TAB>en'");
      header = true;
      continue;
    }
    std::string_view cells[4];
    if (SplitTabs(line, cells) != 3 || cells[0].empty() || cells[1].empty() || cells[2].empty()) {
      return error("a label is three non-empty columns: id, zh, en");
    }
    rows.push_back({cells[0], cells[1], cells[2], number});
  }
  if (!header) return Status::InvalidInput(name + ": no header line");
  // Sorted, so that a lookup is a binary search with no index to build; an id once.
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i - 1].id < rows[i].id) continue;
    number = rows[i].line;
    std::string id(rows[i].id), previous = std::to_string(rows[i - 1].line);
    return error(rows[i - 1].id == rows[i].id
                     ? "'" + id + "' is labelled already on line " + previous
                     : "'" + id + "' is out of order: the rows are sorted by id (line " + previous + " is '" +
                           std::string(rows[i - 1].id) + "')");
  }
  return rows;
}

}  // namespace guihua
