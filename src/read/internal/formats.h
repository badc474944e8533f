// Readers of published document formats (PDF, DOCX, HTML), private to the read stage. Each turns
// the file's bytes into the UTF-8 text of its paragraphs, one per '\n' line, or a one-line error.
// DecodeSource picks one by the bytes' content; poppler, libzip, pugixml and libxml2 stay in their
// .cc files.
#ifndef GUIHUA_READ_INTERNAL_FORMATS_H_
#define GUIHUA_READ_INTERNAL_FORMATS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "read/read.h"

namespace guihua::read_internal {

enum class Format { kText, kPdf, kDocx, kHtml };

// What the bytes are, from their content: "%PDF-" near the start, a zip whose entries include
// word/document.xml, or HTML markup (<!DOCTYPE html, <html, or a <meta charset>) at the start.
// A zip that is not a Word document is kText (the text decoder rejects it as binary).
Format Sniff(std::string_view bytes);

// The text layer page by page; line_pages gives each line's page. Running headers/footers and
// page-number lines are dropped.
StatusOr<SourceText> ReadPdf(std::string_view bytes, const std::string& path);

// Decompressing more than this from one DOCX is refused as a zip bomb.
inline constexpr uint64_t kMaxDocxInflated = 200ull << 20;

// word/document.xml's paragraphs and table rows (cells tab-separated), with Word numbering
// printed; `max_inflated` caps the bytes decompressed.
StatusOr<SourceText> ReadDocx(std::string_view bytes, const std::string& path,
                              uint64_t max_inflated = kMaxDocxInflated);

// The page's text without script/style/nav/header/footer; block elements are lines.
StatusOr<SourceText> ReadHtml(std::string_view bytes, const std::string& path);

// Converts `bytes` from an ICU charset to UTF-8; a malformed or unmappable sequence is an error.
StatusOr<std::string> ConvertToUtf8(std::string_view bytes, const char* charset);

// Shared tail of the readers: '\n'-terminated lines, trailing spaces trimmed, blank text refused.
StatusOr<SourceText> FinishLines(std::string text, std::vector<int> line_pages,
                                 const std::string& path, const char* encoding);

}  // namespace guihua::read_internal

#endif  // GUIHUA_READ_INTERNAL_FORMATS_H_
