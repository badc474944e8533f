// TextTable: a terminal table whose columns line up for Chinese text (wide characters count two
// columns). Used by every `--format table` output.
#ifndef GUIHUA_RENDER_TEXT_TABLE_H_
#define GUIHUA_RENDER_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace guihua {

// Splits `text` into lines of at most `width` display columns: breaks at spaces, between wide
// (CJK) characters, and inside a word only when the word alone is too wide. '\n' forces a break.
std::vector<std::string> WrapToWidth(const std::string& text, size_t width);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Cells wider than `max_cell_width` columns are cut with "…".
  std::string Render(size_t max_cell_width = 40) const;
  // A ruled table no wider than `width` columns where it can be: columns shrink in turn, widest
  // first, and cells wrap onto extra lines (at spaces, or between wide characters) instead of
  // being cut. A '\n' in a cell starts a new line. Columns are separated by " | ", rows by rules.
  std::string RenderWrapped(size_t width) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace guihua

#endif  // GUIHUA_RENDER_TEXT_TABLE_H_
