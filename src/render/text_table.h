// TextTable: a terminal table whose columns line up for Chinese text (wide characters count two
// columns). Used by every `--format table` output.
#ifndef GUIHUA_RENDER_TEXT_TABLE_H_
#define GUIHUA_RENDER_TEXT_TABLE_H_

#include <string>
#include <vector>

namespace guihua {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Cells wider than `max_cell_width` columns are cut with "…".
  std::string Render(size_t max_cell_width = 40) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace guihua

#endif  // GUIHUA_RENDER_TEXT_TABLE_H_
