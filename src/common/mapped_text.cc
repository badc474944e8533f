// MappedText bookkeeping and source positions.
#include "common/mapped_text.h"

#include <algorithm>

#include "common/utf8.h"

namespace guihua {

void MappedText::Append(std::string_view bytes, uint32_t source_offset) {
  text.append(bytes);
  origin.insert(origin.end(), bytes.size(), source_offset);
}

void MappedText::AppendSlice(const MappedText& other, size_t begin, size_t end) {
  text.append(other.text, begin, end - begin);
  origin.insert(origin.end(), other.origin.begin() + begin, other.origin.begin() + end);
}

SourceMap::SourceMap(std::string_view source) : source_(source) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }
}

SourcePosition SourceMap::Locate(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  uint32_t start = line_starts_[line_index];
  uint32_t stop = std::min<uint32_t>(offset, static_cast<uint32_t>(source_.size()));
  int column = static_cast<int>(utf8::Length(source_.substr(start, stop - start))) + 1;
  return {static_cast<int>(line_index) + 1, column};
}

std::string SourceQuote(const MappedText& mapped, size_t begin, size_t end,
                        std::string_view source) {
  std::string quote;
  uint32_t last = UINT32_MAX;
  end = std::min(end, mapped.origin.size());
  for (size_t i = begin; i < end; ++i) {
    uint32_t at = mapped.origin[i];
    if (at == last || at >= source.size()) continue;
    last = at;
    size_t pos = at;
    char32_t cp = utf8::Next(source, pos);
    if (cp == '\n' || cp == '\r' || utf8::IsSpace(cp)) continue;
    quote.append(source.substr(at, pos - at));
  }
  return quote;
}

}  // namespace guihua
