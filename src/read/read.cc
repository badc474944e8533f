// Stage 1, read: decodes the bytes of a plan file into UTF-8 text with '\n' line ends.
// Encoding is chosen from a BOM, else by validating UTF-8, else by a strict GB18030 conversion that
// must also look like Chinese text; every rejection says why in one line. PDF, DOCX and HTML go
// to their readers (read/internal/formats.h) by content. ICU stays inside the read stage.
#include "read/read.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "common/utf8.h"
#include "read/internal/formats.h"
#include "read/internal/tables.h"

namespace guihua {
namespace {

// Line numbers in messages count line ends as the read stage folds them: LF, CRLF and lone CR.
int LineAt(std::string_view bytes, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

// CRLF and lone CR become '\n' so that line N of the text is line N of the file; the last line
// gets a '\n' too, as the header promises every line ends with one.
std::string FoldLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  // The runs between carriage returns are copied whole (byte by byte, this was a tenth of reading
  // a plan before its parse).
  size_t i = 0;
  while (i < text.size()) {
    size_t cr = text.find('\r', i);
    if (cr == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, cr - i));
    out += '\n';
    i = cr + 1;
    if (i < text.size() && text[i] == '\n') ++i;
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

bool IsBlank(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = utf8::Next(text, pos);
    if (cp != '\n' && cp != '\r' && !utf8::IsSpace(cp)) return false;
  }
  return true;
}

// C0 controls that never occur in plan text (tab, LF, VT, FF, CR and the DOS end-of-file SUB do).
bool IsStrayControl(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1A;
}

std::string BinaryMessage(const char* what, size_t offset) {
  return "binary data, not text (" + std::string(what) + " at offset " + std::to_string(offset) +
         ")";
}

// Files that are obviously not text even without a NUL byte among their first bytes.
const char* BinarySignature(std::string_view bytes) {
  struct Magic {
    std::string_view prefix;
    const char* name;
  };
  static constexpr Magic kMagic[] = {
      {"\x89PNG\r\n\x1a\n", "PNG image"},
      {"\xFF\xD8\xFF", "JPEG image"},
      {"GIF87a", "GIF image"},
      {"GIF89a", "GIF image"},
      {"PK\x03\x04", "ZIP archive"},
      {"\x1F\x8B", "gzip data"},
      {"\177ELF", "executable"},
      {"\xD0\xCF\x11\xE0", "OLE document"},
  };
  for (const Magic& m : kMagic) {
    if (bytes.substr(0, m.prefix.size()) == m.prefix) return m.name;
  }
  return nullptr;
}

// A NUL byte, a binary file signature or more than 1% stray control bytes mark data as binary.
// (Below 1% a stray control byte is more likely debris from a text export than a binary file.)
Status CheckNotBinary(std::string_view bytes) {
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return Status::InvalidInput(BinaryMessage("NUL byte", nul));
  }
  if (const char* kind = BinarySignature(bytes)) {
    return Status::InvalidInput(std::string("binary data, not text (") + kind + ")");
  }
  size_t controls = 0, first = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (IsStrayControl(static_cast<unsigned char>(bytes[i])) && controls++ == 0) first = i;
  }
  if (controls > 0 && controls * 100 > bytes.size()) {
    char what[32];
    std::snprintf(what, sizeof what, "control byte 0x%02X",
                  static_cast<unsigned char>(bytes[first]));
    return Status::InvalidInput(BinaryMessage(what, first));
  }
  return Status::Ok();
}

Status NotText() {
  return Status::InvalidInput("not valid text in any supported encoding (UTF-8, UTF-16, GB18030)");
}

// UTF-16 with a BOM, decoded by hand so that a lone surrogate reports its line instead of being
// replaced. `bytes` excludes the BOM; `base` is the BOM's length, for offsets in messages.
StatusOr<std::string> DecodeUtf16(std::string_view bytes, bool big_endian, size_t base) {
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  auto unit = [&](size_t i) {
    unsigned char a = bytes[i], b = bytes[i + 1];
    return static_cast<char32_t>(big_endian ? (a << 8) | b : (b << 8) | a);
  };
  int line = 1;
  auto invalid = [&](const char* why) {
    return Status::InvalidInput("invalid UTF-16 at line " + std::to_string(line) + " (" + why +
                                ")");
  };
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= bytes.size()) return invalid("lone surrogate");
      char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return invalid("lone surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return invalid("lone surrogate");
    }
    if (cp == 0) return Status::InvalidInput(BinaryMessage("NUL character", base + i));
    // Count lines as they will be folded: a CR followed by LF is one line end.
    if (cp == '\n' && !(out.size() > 0 && out.back() == '\r')) ++line;
    if (cp == '\r') ++line;
    utf8::Append(cp, out);
  }
  if (i < bytes.size()) return invalid("odd number of bytes");
  return out;
}

// Strict conversion: the STOP callback turns any unmappable or malformed sequence into an error
// instead of U+FFFD, which is what makes "decoded" mean "really GB18030".
StatusOr<std::string> ConvertGb18030(std::string_view bytes) {
  return read_internal::ConvertToUtf8(bytes, "gb18030");
}

}  // namespace

namespace read_internal {

StatusOr<std::string> ConvertToUtf8(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status),
                                                          &ucnv_close);
  if (status == U_FILE_ACCESS_ERROR || status == U_ILLEGAL_ARGUMENT_ERROR) {
    return Status::InvalidInput(std::string("unsupported charset ") + charset);
  }
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("cannot open ") + charset + " converter: " +
                            u_errorName(status));
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> utf16(bytes.size() + 1);
  int32_t len = ucnv_toUChars(conv.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                              bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return NotText();
  std::string out;
  int32_t out_len = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &out_len, utf16.data(), len, &status);  // preflight
  out.resize(out_len);
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), out_len, &out_len, utf16.data(), len, &status);
  if (U_FAILURE(status)) return NotText();
  return out;
}

Format Sniff(std::string_view bytes) {
  // The PDF header may follow a little junk; readers accept it within the first KB.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::kPdf;
  if (bytes.starts_with("PK\x03\x04")) return Format::kDocx;
  std::string_view head = bytes.substr(0, 4096);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  size_t lead = 0;
  while (lead < head.size() && std::isspace(static_cast<unsigned char>(head[lead]))) ++lead;
  std::string start(head.substr(lead, 15));
  for (char& c : start) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (start.starts_with("<!doctype html") || start.starts_with("<html") ||
      (start.starts_with("<?xml") && head.find("<html") != std::string_view::npos)) {
    return Format::kHtml;
  }
  std::string lower(head);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("<meta") != std::string::npos && lower.find("charset") != std::string::npos &&
      start.starts_with("<")) {
    return Format::kHtml;
  }
  return Format::kText;
}

}  // namespace read_internal

namespace {

// GB18030 accepts most byte pairs, so a successful conversion alone proves little. Real text maps
// to assigned characters; arbitrary high bytes land in the user-defined areas (decoded as
// private-use code points) or on C1 controls several percent of the time. Allow 2% for genuine
// oddities.
bool LooksLikeText(std::string_view decoded) {
  size_t non_ascii = 0, odd = 0;
  for (size_t pos = 0; pos < decoded.size();) {
    char32_t cp = utf8::Next(decoded, pos);
    if (cp < 0x80) continue;
    ++non_ascii;
    odd += (cp >= 0xE000 && cp <= 0xF8FF) || cp <= 0x9F || cp >= 0xF0000;
  }
  return odd * 50 <= non_ascii;
}

struct Utf8Census {
  size_t valid_multi = 0;  // well-formed sequences of 2-4 bytes
  size_t bad = 0;          // bytes that start no well-formed sequence
  size_t bad_runs = 0;     // maximal runs of such bytes: one per damaged spot
};

Utf8Census TakeUtf8Census(std::string_view bytes) {
  Utf8Census census;
  bool in_bad_run = false;
  size_t pos = 0;
  while (pos < bytes.size()) {
    unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      ++pos;
      in_bad_run = false;
      continue;
    }
    size_t len = utf8::SequenceLength(lead);
    if (len > 1 && pos + len <= bytes.size() && utf8::IsValid(bytes.substr(pos, len))) {
      ++census.valid_multi;
      pos += len;
      in_bad_run = false;
      continue;
    }
    ++census.bad;
    if (!in_bad_run) ++census.bad_runs;
    in_bad_run = true;
    ++pos;
  }
  return census;
}

// A file whose multi-byte sequences are overwhelmingly valid UTF-8 is UTF-8 with damage (a cut
// character, a few bad bytes), not GB18030 that happens to decode: say where the damage is. GB18030
// text also contains accidental UTF-8 sequences, but about one per run of invalid bytes (measured
// on the corpus converted to GB18030); damaged UTF-8 has hundreds per damaged spot.
bool IsMostlyUtf8(const Utf8Census& census) { return census.valid_multi >= 4 * census.bad_runs; }

// Mixed encodings: lines pasted from a file in the other encoding. A line shows its encoding only
// with this many non-ASCII characters; fewer can be an accident of the other encoding.
constexpr size_t kEvidentChars = 4;

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

// [begin, end) of the line holding byte `offset`, without its line end.
std::pair<size_t, size_t> LineSpan(std::string_view bytes, size_t offset) {
  size_t begin = offset, end = offset;
  while (begin > 0 && !IsLineEnd(bytes[begin - 1])) --begin;
  while (end < bytes.size() && !IsLineEnd(bytes[end])) ++end;
  return {begin, end};
}

// Valid UTF-8 with at least kEvidentChars characters of 3 or 4 bytes (Chinese text, not an
// accidental pair of GB18030 bytes that happens to form a 2-byte sequence).
bool IsUtf8Line(std::string_view line) {
  if (!utf8::IsValid(line)) return false;
  size_t wide = 0;
  for (size_t pos = 0; pos < line.size();) {
    size_t len = utf8::SequenceLength(static_cast<unsigned char>(line[pos]));
    wide += len >= 3;
    pos += len;
  }
  return wide >= kEvidentChars;
}

// GB18030 text rather than damaged UTF-8: few valid UTF-8 sequences among its bytes, and a strict
// conversion that looks like text with at least kEvidentChars non-ASCII characters.
bool IsGb18030Line(std::string_view line) {
  if (IsMostlyUtf8(TakeUtf8Census(line))) return false;
  StatusOr<std::string> gb = read_internal::ConvertToUtf8(line, "gb18030");
  if (!gb.ok() || !LooksLikeText(*gb)) return false;
  return utf8::Length(*gb) - std::count_if(gb->begin(), gb->end(), [](char c) {
           return static_cast<unsigned char>(c) < 0x80;
         }) >= kEvidentChars;
}

// Offset of the first line of `bytes` that is UTF-8 (npos if none).
size_t FirstUtf8Line(std::string_view bytes) {
  for (size_t begin = 0; begin < bytes.size();) {
    size_t end = LineSpan(bytes, begin).second;
    if (IsUtf8Line(bytes.substr(begin, end - begin))) return begin;
    begin = end + 1;
  }
  return std::string_view::npos;
}

// `bytes` is GB18030 text once its UTF-8 lines are blanked out.
bool RestIsGb18030(std::string_view bytes) {
  std::string rest;
  rest.reserve(bytes.size());
  for (size_t begin = 0; begin < bytes.size();) {
    size_t end = LineSpan(bytes, begin).second;
    std::string_view line = bytes.substr(begin, end - begin);
    if (!IsUtf8Line(line)) rest += line;
    if (end < bytes.size()) rest += bytes[end];
    begin = end + 1;
  }
  StatusOr<std::string> gb = read_internal::ConvertToUtf8(rest, "gb18030");
  return gb.ok() && LooksLikeText(*gb);
}

Status MixedEncodings(int line, const char* line_encoding, const char* file_encoding) {
  return Status::InvalidInput("mixed encodings: line " + std::to_string(line) + " is " +
                              line_encoding + ", the rest " + file_encoding);
}

StatusOr<SourceText> Finish(std::string text, const std::string& path, const char* encoding) {
  if (IsBlank(text)) return Status::InvalidInput("empty file");
  SourceText source;
  source.path = path;
  source.encoding = encoding;
  source.text = FoldLineEnds(text);
  return source;
}

}  // namespace

namespace read_internal {

StatusOr<SourceText> FinishLines(std::string text, std::vector<int> line_pages,
                                 const std::string& path, const char* encoding) {
  // The DOCX and HTML readers print a table row as tab-separated cells.
  std::string_view format(encoding);
  if (format.starts_with("docx") || format.starts_with("html")) text = IndicatorTableRows(text);
  StatusOr<SourceText> source = Finish(std::move(text), path, encoding);
  if (source.ok()) source->line_pages = std::move(line_pages);
  return source;
}

}  // namespace read_internal

StatusOr<SourceText> DecodeSource(std::string_view bytes, const std::string& path) {
  if (bytes.empty()) return Status::InvalidInput("empty file");
  switch (read_internal::Sniff(bytes)) {
    case read_internal::Format::kPdf:
      return read_internal::ReadPdf(bytes, path);
    case read_internal::Format::kDocx:
      return read_internal::ReadDocx(bytes, path);
    case read_internal::Format::kHtml:
      return read_internal::ReadHtml(bytes, path);
    case read_internal::Format::kText:
      break;
  }

  // UTF-16 by its BOM first: its text is full of NUL bytes, which elsewhere mean binary.
  bool le = bytes.starts_with("\xFF\xFE"), be = bytes.starts_with("\xFE\xFF");
  if (le || be) {
    StatusOr<std::string> text = DecodeUtf16(bytes.substr(2), be, 2);
    if (!text.ok()) return text.status();
    if (IsBlank(*text)) return Status::InvalidInput("empty file");
    if (Status s = CheckNotBinary(*text); !s.ok()) return s;
    return Finish(std::move(*text), path, le ? "utf-16le" : "utf-16be");
  }

  bool bom = bytes.starts_with("\xEF\xBB\xBF");
  std::string_view body = bom ? bytes.substr(3) : bytes;
  if (IsBlank(body) && utf8::IsValid(body)) return Status::InvalidInput("empty file");
  if (Status s = CheckNotBinary(bytes); !s.ok()) return s;

  size_t error = 0;
  if (utf8::IsValid(body, &error)) {
    return Finish(std::string(body), path, bom ? "utf-8-bom" : "utf-8");
  }
  Utf8Census census = TakeUtf8Census(body);
  size_t base = bom ? 3 : 0;
  auto invalid_utf8 = [&] {
    auto [begin, end] = LineSpan(body, error);
    if (IsGb18030Line(body.substr(begin, end - begin))) {
      return MixedEncodings(LineAt(bytes, base + error), "GB18030", "UTF-8");
    }
    return Status::InvalidInput("invalid UTF-8 at line " +
                                std::to_string(LineAt(bytes, base + error)));
  };
  // A BOM declares UTF-8, so damage after it is never a reason to try another encoding.
  if (bom || IsMostlyUtf8(census)) return invalid_utf8();

  StatusOr<std::string> gb = ConvertGb18030(body);
  if (!gb.ok() && gb.status().code() == StatusCode::kInternal) return gb.status();
  // UTF-8 lines may even convert, as mojibake; either way they are named, not read.
  size_t utf8_line = FirstUtf8Line(body);
  if (utf8_line != std::string_view::npos && (gb.ok() ? LooksLikeText(*gb) : RestIsGb18030(body))) {
    return MixedEncodings(LineAt(bytes, base + utf8_line), "UTF-8", "GB18030");
  }
  if (gb.ok() && LooksLikeText(*gb)) return Finish(std::move(*gb), path, "gb18030");
  // Neither encoding fits; if UTF-8 was at least the likelier reading, point at its first flaw.
  if (census.valid_multi > census.bad) return invalid_utf8();
  return NotText();
}

StatusOr<std::string> ReadFileBytes(const std::string& path, uint64_t max_file_size) {
  const bool standard_input = path == kStandardInput;
  std::error_code ec;
  std::filesystem::file_status st =
      standard_input ? std::filesystem::file_status(std::filesystem::file_type::fifo)
                     : std::filesystem::status(path, ec);
  if (st.type() == std::filesystem::file_type::not_found) return Status::NotFound("no such file");
  if (ec) return Status::InvalidInput("cannot read: " + ec.message());
  if (st.type() == std::filesystem::file_type::directory) {
    return Status::InvalidInput("is a directory");
  }
  // Offsets into the text are 32-bit throughout the pipeline.
  const uint64_t limit = std::min<uint64_t>(max_file_size, 0x7FFFFFF0u);
  auto too_large = [&] {
    if (limit < max_file_size) return Status::InvalidInput("file too large (over 2 GiB)");
    return Status::InvalidInput("file is larger than the " + std::to_string(max_file_size >> 20) +
                                " MB limit (--max-file-size)");
  };
  // Refused before reading when the size is known; a pipe is cut off at the limit instead.
  uint64_t size = 0;
  if (st.type() == std::filesystem::file_type::regular) {
    size = std::filesystem::file_size(path, ec);
    if (ec) size = 0;
  }
  if (size > limit) return too_large();

  // Standard input is read, never closed: the process may read it again (a second `-`: empty).
  auto close = [](FILE* f) { return f == stdin ? 0 : std::fclose(f); };
  std::unique_ptr<FILE, decltype(close)> file(
      standard_input ? stdin : std::fopen(path.c_str(), "rb"), close);
  auto cannot_read = [] {
    std::string why = std::strerror(errno);
    if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
    return Status::InvalidInput("cannot read: " + why);
  };
  if (!file) return cannot_read();
  std::string bytes;
  bytes.reserve(size);
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    bytes.append(buffer, n);
    if (bytes.size() > limit) return too_large();
  }
  if (std::ferror(file.get())) return cannot_read();
  return bytes;
}

StatusOr<SourceText> ReadSource(const std::string& path, uint64_t max_file_size) {
  StatusOr<std::string> bytes = ReadFileBytes(path, max_file_size);
  if (!bytes.ok()) return bytes.status();
  return DecodeSource(*bytes, path);
}

}  // namespace guihua
