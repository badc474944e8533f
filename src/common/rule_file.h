// The text formats of rules/: block rule files (`rule NAME` followed by indented `key: value` lines)
// and tab-separated tables. Parsing only; each stage gives the blocks and rows their meaning.
// Every problem is reported as `rules/FILE:LINE:COL: message`, all of them, not only the first.
#ifndef GUIHUA_COMMON_RULE_FILE_H_
#define GUIHUA_COMMON_RULE_FILE_H_

#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"

namespace guihua {

struct RuleField {
  std::string key;
  std::string value;
  int line = 0;
  int column = 0;  // of the value's first character
};

struct RuleBlock {
  std::string file;
  std::string name;
  int line = 0;
  std::vector<RuleField> fields;

  const RuleField* Find(const std::string& key) const;
  std::vector<const RuleField*> FindAll(const std::string& key) const;
};

// Reads a block rule file:
//   # comment
//   rule maternal_mortality
//     pattern: 孕产妇死亡率
//     expect: 孕产妇死亡率下降到12/10万以下 => <= 12 /10万
// Syntax errors are added to `diag`; the blocks that parsed are returned.
StatusOr<std::vector<RuleBlock>> ReadRuleFile(const std::string& path, Diagnostics* diag);
std::vector<RuleBlock> ParseRuleText(const std::string& text, const std::string& file,
                                     Diagnostics* diag);

struct TableRow {
  int line = 0;
  std::vector<std::string> cells;
};

// Reads a tab-separated table; '#' lines and blank lines are skipped. The first non-comment row
// is the header and is returned in `header`.
StatusOr<std::vector<TableRow>> ReadTable(const std::string& path, std::vector<std::string>* header);

}  // namespace guihua

#endif  // GUIHUA_COMMON_RULE_FILE_H_
