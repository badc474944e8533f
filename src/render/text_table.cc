// TextTable rendering: display widths from utf8::DisplayWidth, cells padded with spaces.
#include "render/text_table.h"

#include <algorithm>

#include "common/utf8.h"

namespace guihua {
namespace {

std::string Fit(const std::string& cell, size_t max_width) {
  if (utf8::DisplayWidth(cell) <= max_width) return cell;
  std::string out;
  size_t width = 0, pos = 0;
  while (pos < cell.size()) {
    size_t at = pos;
    utf8::Next(cell, pos);
    std::string ch = cell.substr(at, pos - at);
    size_t w = utf8::DisplayWidth(ch);
    if (width + w + 1 > max_width) break;
    out += ch;
    width += w;
  }
  return out + "…";
}

}  // namespace

std::string TextTable::Render(size_t max_cell_width) const {
  std::vector<std::vector<std::string>> all;
  all.push_back(header_);
  for (const auto& row : rows_) all.push_back(row);
  std::vector<size_t> widths(header_.size(), 0);
  for (auto& row : all) {
    row.resize(header_.size());
    for (size_t i = 0; i < row.size(); ++i) {
      row[i] = Fit(row[i], max_cell_width);
      widths[i] = std::max(widths[i], utf8::DisplayWidth(row[i]));
    }
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - utf8::DisplayWidth(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  emit(all[0]);
  std::vector<std::string> rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  emit(rule);
  for (size_t r = 1; r < all.size(); ++r) emit(all[r]);
  return out;
}

}  // namespace guihua
