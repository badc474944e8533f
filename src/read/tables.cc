// Indicator tables as statements (internal/tables.h). The header words are the ones plans print
// over their indicator tables; what a column means (target, baseline) is left to the extract
// stage's rules, which read the header printed before each value.
#include "read/internal/tables.h"

#include <initializer_list>
#include <string_view>
#include <vector>

namespace guihua::read_internal {
namespace {

std::vector<std::string> Cells(std::string_view line) {
  std::vector<std::string> cells;
  size_t begin = 0;
  for (;;) {
    size_t tab = line.find('\t', begin);
    std::string_view cell = line.substr(begin, tab == std::string_view::npos ? tab : tab - begin);
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
    cells.emplace_back(cell);
    if (tab == std::string_view::npos) return cells;
    begin = tab + 1;
  }
}

bool Has(std::string_view cell, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (cell.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// The columns of an indicator table's header row; name < 0 when the row is no such header.
struct Columns {
  int name = -1, unit = -1;
  std::vector<std::string> headers;
};

Columns ReadHeader(const std::vector<std::string>& cells) {
  Columns c;
  c.headers = cells;
  bool values = false;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (c.name < 0 && Has(cells[i], {"指标", "项目", "名称"}) && !Has(cells[i], {"值"})) {
      c.name = static_cast<int>(i);
    } else if (Has(cells[i], {"单位"})) {
      c.unit = static_cast<int>(i);
    } else if (Has(cells[i], {"目标", "值", "基期", "基线", "现状"})) {
      values = true;
    }
  }
  if (!values) c.name = -1;
  return c;
}

bool Skipped(const std::string& header, const std::string& cell) {
  return cell.empty() || cell == "-" || cell == "—" || cell == "/" || cell == "－" ||
         Has(header, {"序号", "编号"});
}

// `cell` with `unit` after its leading number (3以下 → 3‰以下), when it has a number and no unit.
std::string WithUnit(const std::string& cell, const std::string& unit) {
  size_t end = 0;
  while (end < cell.size() && ((cell[end] >= '0' && cell[end] <= '9') || cell[end] == '.')) ++end;
  if (unit.empty() || end == 0) return cell;
  std::string_view rest = std::string_view(cell).substr(end);
  if (!rest.empty() && !Has(rest, {"以上", "以下", "左右", "以内"})) return cell;
  return cell.substr(0, end) + unit + std::string(rest);
}

std::string Statement(const Columns& c, const std::vector<std::string>& cells) {
  if (c.name >= static_cast<int>(cells.size()) || cells[c.name].empty()) return "";
  const std::string& name = cells[c.name];
  std::string unit = c.unit >= 0 && c.unit < static_cast<int>(cells.size()) ? cells[c.unit] : "";
  std::string out;
  for (size_t i = 0; i < cells.size() && i < c.headers.size(); ++i) {
    if (static_cast<int>(i) == c.name || static_cast<int>(i) == c.unit) continue;
    if (Skipped(c.headers[i], cells[i])) continue;
    if (!out.empty()) out += "，";
    out += name + c.headers[i] + "为" + WithUnit(cells[i], unit);
  }
  return out.empty() ? "" : out + "。";
}

std::string Joined(const std::vector<std::string>& cells) {
  std::string out;
  for (const std::string& cell : cells) {
    if (cell.empty()) continue;
    if (!out.empty()) out += "、";
    out += cell;
  }
  return out;
}

}  // namespace

std::string IndicatorTableRows(const std::string& text) {
  if (text.find('\t') == std::string::npos) return text;
  std::vector<std::string> lines;
  for (size_t begin = 0; begin <= text.size();) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    lines.emplace_back(text, begin, end - begin);
    begin = end + 1;
  }
  Columns columns;
  bool in_table = false;
  std::string header;        // the header row as printed once a row of its table is read
  size_t header_line = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find('\t') == std::string::npos) {
      in_table = false;
    } else if (!in_table || columns.name < 0) {  // a table's first row, or a row after no header
      in_table = true;
      std::vector<std::string> cells = Cells(lines[i]);
      columns = ReadHeader(cells);
      header = Joined(cells) + "：";  // closed by a colon: the rows' statements follow it
      header_line = i;
    } else if (std::string statement = Statement(columns, Cells(lines[i])); !statement.empty()) {
      lines[i] = std::move(statement);
      if (!header.empty()) lines[header_line] = std::move(header);
      header.clear();
    }
  }
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace guihua::read_internal
