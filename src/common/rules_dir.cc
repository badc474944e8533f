// FindRulesDir: the default rules folder of the front ends (rules_dir.h).
#include "common/rules_dir.h"

#include <cstdlib>
#include <filesystem>

namespace guihua {

std::string FindRulesDir(const std::vector<std::string>& installed, const std::string& source_tree) {
  if (const char* env = std::getenv("GUIHUA_RULES")) return env;
  for (const std::string& dir : installed) {
    std::error_code ec;
    if (!dir.empty() && std::filesystem::is_directory(dir, ec)) {
      return std::filesystem::path(dir).lexically_normal().string();
    }
  }
  return source_tree;
}

std::string ExecutableDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "" : exe.parent_path().string();
}

}  // namespace guihua
