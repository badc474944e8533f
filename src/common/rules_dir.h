// Where the rules folder is when no --rules (or rules=) names it, for every front end alike: the
// CLI, the server and the Python module each look beside their own binary first, so that an
// installed copy, moved as a whole, finds its own rules.
#ifndef GUIHUA_COMMON_RULES_DIR_H_
#define GUIHUA_COMMON_RULES_DIR_H_

#include <string>
#include <vector>

namespace guihua {

// $GUIHUA_RULES when set; else the first of `installed` that is a folder; else `source_tree`
// (the rules/ of the tree the front end was built from).
std::string FindRulesDir(const std::vector<std::string>& installed, const std::string& source_tree);

// The folder of the executable running now ("" when /proc does not tell).
std::string ExecutableDir();

}  // namespace guihua

#endif  // GUIHUA_COMMON_RULES_DIR_H_
