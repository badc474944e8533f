// Small text helpers shared by the writers of src/render/. Private to src/render/.
#ifndef GUIHUA_RENDER_INTERNAL_TEXT_SUPPORT_H_
#define GUIHUA_RENDER_INTERNAL_TEXT_SUPPORT_H_

#include <string>

namespace guihua::render_internal {

// "0.73": a similarity or score with two decimals.
std::string Fixed(double value);

// The file name of a path, without its folders.
std::string BaseName(const std::string& path);

// Text safe inside a Markdown table cell: pipes escaped, line breaks as `line_break`.
std::string MarkdownCell(const std::string& text, const std::string& line_break = "<br>");

}  // namespace guihua::render_internal

#endif  // GUIHUA_RENDER_INTERNAL_TEXT_SUPPORT_H_
