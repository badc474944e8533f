// TextTable rendering: display widths from utf8::DisplayWidth, cells padded with spaces; the
// wrapped form fits a terminal width by wrapping cells rather than cutting them.
#include "render/text_table.h"

#include <algorithm>

#include "common/utf8.h"

namespace guihua {
namespace {

std::string FitCell(const std::string& cell, size_t max_width) {
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

// Tokens for wrapping: a run of narrow non-space characters (a word, a number with its unit), one
// wide character, or one space.
std::vector<std::string> Tokens(const std::string& line) {
  std::vector<std::string> tokens;
  size_t pos = 0;
  bool in_word = false;
  while (pos < line.size()) {
    size_t at = pos;
    char32_t cp = utf8::Next(line, pos);
    std::string ch = line.substr(at, pos - at);
    bool narrow = utf8::DisplayWidth(ch) == 1 && cp != ' ';
    if (narrow && in_word) {
      tokens.back() += ch;
    } else {
      tokens.push_back(ch);
    }
    in_word = narrow;
  }
  return tokens;
}

void WrapLine(const std::string& line, size_t width, std::vector<std::string>& out) {
  std::string current;
  size_t used = 0;
  bool wrapped = false;  // a continuation line does not start with the space it broke at
  auto flush = [&] {
    while (!current.empty() && current.back() == ' ') current.pop_back();
    out.push_back(current);
    current.clear();
    used = 0;
    wrapped = true;
  };
  for (const std::string& token : Tokens(line)) {
    size_t w = utf8::DisplayWidth(token);
    if (token == " " && used == 0 && wrapped) continue;
    if (used + w <= width) {
      current += token;
      used += w;
      continue;
    }
    if (token == " ") {
      flush();
      continue;
    }
    if (used > 0 && w <= width) flush();
    // A word wider than the whole column is split between characters.
    size_t pos = 0;
    while (pos < token.size()) {
      size_t at = pos;
      utf8::Next(token, pos);
      std::string ch = token.substr(at, pos - at);
      size_t cw = utf8::DisplayWidth(ch);
      if (used + cw > width && used > 0) flush();
      current += ch;
      used += cw;
    }
  }
  if (!current.empty() || !wrapped) flush();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

// Narrowest a column is squeezed to before the table is allowed to overflow the width.
constexpr size_t kMinColumnWidth = 8;
// Words longer than this (paths, ids) may be split before other columns lose more width.
constexpr size_t kMaxKeptWord = 30;

// Natural column widths, then the widest column loses one column at a time until the table fits:
// first no column below its longest word (so words stay whole while some column can still wrap at
// spaces), then down to kMinColumnWidth.
std::vector<size_t> FitWidths(const std::vector<std::vector<std::string>>& rows, size_t columns,
                              size_t width) {
  std::vector<size_t> natural(columns, 1), word(columns, 1);
  for (const auto& row : rows) {
    for (size_t i = 0; i < columns && i < row.size(); ++i) {
      for (const std::string& line : SplitLines(row[i])) {
        natural[i] = std::max(natural[i], utf8::DisplayWidth(line));
        for (const std::string& token : Tokens(line)) {
          word[i] = std::max(word[i], std::min(kMaxKeptWord, utf8::DisplayWidth(token)));
        }
      }
    }
  }
  std::vector<size_t> widths = natural;
  size_t separators = columns > 0 ? 3 * (columns - 1) : 0;
  auto total = [&] {
    size_t sum = separators;
    for (size_t w : widths) sum += w;
    return sum;
  };
  auto shrink = [&](const std::vector<size_t>& floor) {
    while (total() > width) {
      size_t widest = columns;
      for (size_t i = 0; i < columns; ++i) {
        if (widths[i] > floor[i] && (widest == columns || widths[i] > widths[widest])) widest = i;
      }
      if (widest == columns) return;
      --widths[widest];
    }
  };
  std::vector<size_t> floor(columns);
  for (size_t i = 0; i < columns; ++i) floor[i] = std::min(natural[i], std::max(kMinColumnWidth, word[i]));
  shrink(floor);
  for (size_t i = 0; i < columns; ++i) floor[i] = std::min(natural[i], kMinColumnWidth);
  shrink(floor);
  return widths;
}

}  // namespace

std::vector<std::string> WrapToWidth(const std::string& text, size_t width) {
  std::vector<std::string> out;
  for (const std::string& line : SplitLines(text)) WrapLine(line, std::max<size_t>(width, 1), out);
  return out;
}

std::string TextTable::RenderWrapped(size_t width) const {
  std::vector<std::vector<std::string>> all;
  all.push_back(header_);
  for (const auto& row : rows_) all.push_back(row);
  size_t columns = header_.size();
  std::vector<size_t> widths = FitWidths(all, columns, width);

  std::string out;
  auto emit = [&](const std::vector<std::string>& row) {
    std::vector<std::vector<std::string>> cells(columns);
    size_t height = 1;
    for (size_t i = 0; i < columns; ++i) {
      cells[i] = WrapToWidth(i < row.size() ? row[i] : "", widths[i]);
      height = std::max(height, cells[i].size());
    }
    for (size_t l = 0; l < height; ++l) {
      std::string line;
      for (size_t i = 0; i < columns; ++i) {
        std::string text = l < cells[i].size() ? cells[i][l] : "";
        line += text;
        if (i + 1 < columns) {
          line += std::string(widths[i] - std::min(widths[i], utf8::DisplayWidth(text)), ' ');
          line += " | ";
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  };
  auto rule = [&](char c) {
    std::string line;
    for (size_t i = 0; i < columns; ++i) {
      if (i > 0) line += std::string(1, c) + "+" + std::string(1, c);
      line += std::string(widths[i], c);
    }
    out += line + "\n";
  };
  emit(all[0]);
  rule('=');
  for (size_t r = 1; r < all.size(); ++r) {
    if (r > 1) rule('-');
    emit(all[r]);
  }
  return out;
}

std::string TextTable::Render(size_t max_cell_width) const {
  std::vector<std::vector<std::string>> all;
  all.push_back(header_);
  for (const auto& row : rows_) all.push_back(row);
  std::vector<size_t> widths(header_.size(), 0);
  for (auto& row : all) {
    row.resize(header_.size());
    for (size_t i = 0; i < row.size(); ++i) {
      row[i] = FitCell(row[i], max_cell_width);
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
