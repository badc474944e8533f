// Parsers for the rule-file and table formats of rules/ (see rules/README.md).
#include "common/rule_file.h"

#include <fstream>
#include <sstream>

#include "common/utf8.h"

namespace guihua {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

StatusOr<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open rule file");
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

const RuleField* RuleBlock::Find(const std::string& key) const {
  for (const RuleField& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::vector<const RuleField*> RuleBlock::FindAll(const std::string& key) const {
  std::vector<const RuleField*> out;
  for (const RuleField& f : fields) {
    if (f.key == key) out.push_back(&f);
  }
  return out;
}

std::vector<RuleBlock> ParseRuleText(const std::string& text, const std::string& file,
                                     Diagnostics* diag) {
  std::vector<RuleBlock> blocks;
  std::istringstream in(text);
  std::string raw;
  int line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    bool indented = raw[0] == ' ' || raw[0] == '\t';
    if (!indented) {
      if (line.rfind("rule ", 0) != 0 || Trim(line.substr(5)).empty()) {
        diag->Error(file, line_no, 1, "expected 'rule NAME' to start a block");
        continue;
      }
      blocks.push_back({file, Trim(line.substr(5)), line_no, {}});
      continue;
    }
    size_t indent = raw.find_first_not_of(" \t");
    size_t colon = raw.find(':', indent);
    if (colon == std::string::npos) {
      diag->Error(file, line_no, static_cast<int>(indent) + 1, "expected 'key: value'");
      continue;
    }
    if (blocks.empty()) {
      diag->Error(file, line_no, static_cast<int>(indent) + 1, "field outside of a rule block");
      continue;
    }
    std::string key = Trim(raw.substr(indent, colon - indent));
    size_t value_start = raw.find_first_not_of(" \t", colon + 1);
    std::string value = value_start == std::string::npos ? "" : Trim(raw.substr(value_start));
    int column = value_start == std::string::npos
                     ? static_cast<int>(utf8::Length(raw)) + 1
                     : static_cast<int>(utf8::Length(raw.substr(0, value_start))) + 1;
    blocks.back().fields.push_back({key, value, line_no, column});
  }
  return blocks;
}

StatusOr<std::vector<RuleBlock>> ReadRuleFile(const std::string& path, Diagnostics* diag) {
  auto text = Slurp(path);
  if (!text.ok()) return text.status();
  return ParseRuleText(*text, path, diag);
}

StatusOr<std::vector<TableRow>> ReadTable(const std::string& path,
                                          std::vector<std::string>* header) {
  auto text = Slurp(path);
  if (!text.ok()) return text.status();
  std::vector<TableRow> rows;
  std::istringstream in(*text);
  std::string raw;
  int line_no = 0;
  bool have_header = false;
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (Trim(raw).empty() || raw[0] == '#') continue;
    TableRow row{line_no, {}};
    // Split on every tab, so an empty last cell is kept as "".
    for (size_t start = 0;;) {
      size_t tab = raw.find('\t', start);
      row.cells.push_back(Trim(raw.substr(start, tab == std::string::npos ? tab : tab - start)));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (!have_header) {
      have_header = true;
      if (header) *header = row.cells;
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace guihua
