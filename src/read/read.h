// Stage 1, read: the bytes of a plan file → Unicode text (UTF-8) with the file's line structure.
// Plain text: detects UTF-8 (with or without BOM), UTF-16LE/BE (with BOM) and GB18030/GBK; folds
// CRLF and CR line ends to '\n' so that line N of the text is line N of the file. Published formats,
// recognized by content whatever the file name: PDF (text layer, pages kept), DOCX (paragraphs,
// Word numbering printed, table rows) and HTML pages (UTF-8 or GBK per their charset); their
// paragraphs become lines. Binary, empty, undecodable, encrypted or damaged input is an error whose
// message names the cause (the caller prefixes the file name).
#ifndef GUIHUA_READ_READ_H_
#define GUIHUA_READ_READ_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace guihua {

struct SourceText {
  std::string path;      // as given by the user
  std::string encoding;  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030"; for the
                         // published formats "pdf", "docx", "html" or "html-<charset>"
  std::string text;      // UTF-8, lines end with '\n', no BOM
  // For paged formats (PDF), line_pages[L - 1] is the 1-based page of line L; empty otherwise.
  std::vector<int> line_pages;
};

// Files larger than this are refused before they are read: real plans are under 5 MB, and the
// pipeline holds about 12 times a file's size in memory (a 200 MB text needs 2.5 GB to parse).
// The CLI's --max-file-size raises it, up to the 2 GiB that 32-bit text offsets allow.
inline constexpr uint64_t kDefaultMaxFileSize = 64ull << 20;

// The file name that means standard input (`guihua parse -`); the text keeps it as its path.
inline constexpr char kStandardInput[] = "-";

// Reads and decodes a file, or standard input when `path` is "-". Errors (InvalidInput unless noted):
//   "no such file" (NotFound), "is a directory", "cannot read: <errno text>",
//   "file is larger than the N MB limit (--max-file-size)", "empty file",
//   "binary data, not text (NUL byte at offset N)" (or "(PNG image)", "(control byte 0xNN at
//   offset N)", ...), "not valid text in any supported encoding (UTF-8, UTF-16, GB18030)",
//   "invalid UTF-8 at line L" (when the file is mostly UTF-8), "mixed encodings: line L is
//   GB18030, the rest UTF-8" (or "is UTF-8, the rest GB18030"), "invalid UTF-16 at line L (lone
//   surrogate)" (refused, not replaced with U+FFFD). A final '\n' is added when the file's last
//   line has none.
//   PDF: "no text layer (scanned PDF?)", "encrypted PDF (a password is required)", "truncated PDF
//   (no %%EOF end marker)", "damaged PDF (...)" (a broken cross-reference table is rebuilt and
//   read). DOCX: "damaged DOCX (...)", "DOCX inflates past 200 MB (zip bomb?)", "no text in DOCX
//   document", "binary data, not text (ZIP archive without word/document.xml, not a DOCX)".
//   HTML: "unsupported charset X", "invalid UTF-8 in HTML page at byte N", "no text in HTML page"
//   (with "(nested deeper than 256 elements)" when libxml2 gave up on the page's depth).
StatusOr<SourceText> ReadSource(const std::string& path,
                                uint64_t max_file_size = kDefaultMaxFileSize);

// The file's bytes, with ReadSource's errors for a file that cannot be read or is over the limit.
StatusOr<std::string> ReadFileBytes(const std::string& path,
                                    uint64_t max_file_size = kDefaultMaxFileSize);

// The same decoding for bytes already in memory; `path` is only recorded.
StatusOr<SourceText> DecodeSource(std::string_view bytes, const std::string& path);

}  // namespace guihua

#endif  // GUIHUA_READ_READ_H_
