// Indicator tables of DOCX and HTML documents (a row per indicator: name, baseline, target …), which
// the readers print as lines of tab-separated cells, rewritten as one statement per row so that the
// later stages read each row's values like a plan's sentence.
#ifndef GUIHUA_READ_INTERNAL_TABLES_H_
#define GUIHUA_READ_INTERNAL_TABLES_H_

#include <string>

namespace guihua::read_internal {

// Rows of a table whose first row names its columns (指标 | 2020年基期值 | 2030年目标值) become
//   婴儿死亡率2020年基期值为4.2‰，婴儿死亡率2030年目标值为3‰以下。
// — the row's name before each column's header and cell; a 单位 column's unit goes after each
// number, a 序号 column is left out, the header row is printed 序号、指标、2020年基期值…：. Other lines, and tables without such a header, are unchanged;
// every row stays one line.
std::string IndicatorTableRows(const std::string& text);

}  // namespace guihua::read_internal

#endif  // GUIHUA_READ_INTERNAL_TABLES_H_
