// Text helpers shared by the writers (see internal/text_support.h).
#include "render/internal/text_support.h"

#include <cstdio>
#include <filesystem>

namespace guihua::render_internal {

std::string Fixed(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  return buf;
}

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string MarkdownCell(const std::string& text, const std::string& line_break) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += line_break;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace guihua::render_internal
