// MappedText: a derived UTF-8 text (normalized, reflowed) in which every byte remembers the byte offset
// of the source character it came from, and SourceMap, which turns such an offset into (line, column)
// of the original file. Together they let every quote and line number refer to the file as printed.
#ifndef GUIHUA_COMMON_MAPPED_TEXT_H_
#define GUIHUA_COMMON_MAPPED_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace guihua {

struct MappedText {
  std::string text;
  std::vector<uint32_t> origin;  // origin[i]: source offset of the character text[i] came from

  size_t size() const { return text.size(); }
  // Appends `bytes`, all of which came from the source character at `source_offset`.
  void Append(std::string_view bytes, uint32_t source_offset);
  // Appends text[begin, end) of `other`, keeping its origins.
  void AppendSlice(const MappedText& other, size_t begin, size_t end);
};

struct SourcePosition {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in characters
};

// Line starts of a decoded source text (lines end with '\n'; the read stage folds CR and CRLF).
class SourceMap {
 public:
  explicit SourceMap(std::string_view source);
  SourcePosition Locate(uint32_t offset) const;
  int LineOf(uint32_t offset) const { return Locate(offset).line; }
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string_view source_;
  std::vector<uint32_t> line_starts_;
};

// The source characters behind mapped.text[begin, end), in order, each once, without whitespace
// or line breaks: the verbatim quote of a span of derived text.
std::string SourceQuote(const MappedText& mapped, size_t begin, size_t end, std::string_view source);

}  // namespace guihua

#endif  // GUIHUA_COMMON_MAPPED_TEXT_H_
