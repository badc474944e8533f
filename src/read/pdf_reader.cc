// PDF reader of the read stage: poppler-cpp's text layer, page by page in reading order, with the
// page of every line kept, the running headers, footers and page numbers that every page repeats
// removed, and paragraphs wrapped over several printed lines joined into one line. A PDF with pages but no text is a scan; an encrypted one needs a password we do not have.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "read/internal/formats.h"

namespace guihua::read_internal {
namespace {

// Which poppler layout: physical keeps each printed line whole and in order for CJK text; raw
// order follows the content stream (fine for LibreOffice output, wrong for multi-column or
// reordered streams); the default mode splits wide lines into blocks.
constexpr poppler::page::text_layout_enum kLayout = poppler::page::physical_layout;

// How many lines at each end of a page may be running headers, footers or page numbers.
constexpr int kMarginLines = 2;

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  auto space_at = [&](size_t pos, size_t* len) {
    size_t p = pos;
    char32_t cp = utf8::Next(s, p);
    *len = p - pos;
    return utf8::IsSpace(cp) || cp == '\f' || cp == '\r' || cp == '\t';
  };
  size_t len = 0;
  while (b < e && space_at(b, &len)) b += len;
  while (e > b) {
    size_t start = e - 1;
    while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    if (!space_at(start, &len)) break;
    e = start;
  }
  return std::string(s.substr(b, e - b));
}

// The line with spaces removed and every digit run as '#', so "第 3 页" and "第12页" compare equal.
std::string Shape(std::string_view line) {
  std::string out;
  bool in_digits = false;
  for (size_t pos = 0; pos < line.size();) {
    char32_t cp = utf8::Next(line, pos);
    if (utf8::IsSpace(cp)) continue;
    bool digit = (cp >= '0' && cp <= '9') || (cp >= U'０' && cp <= U'９');
    if (digit) {
      if (!in_digits) out += '#';
    } else {
      utf8::Append(cp, out);
    }
    in_digits = digit;
  }
  return out;
}

// "- 3 -", "— 12 —", "3", "第3页", "第 3 页 共 20 页", "3/20", "Page 3": a page number alone.
bool IsPageNumber(std::string_view line) {
  static const char* const kShapes[] = {"#", "-#-", "—#—", "–#–", "－#－", "第#页", "第#页共#页",
                                        "#/#", "Page#", "page#", "-#", "#-"};
  std::string shape = Shape(line);
  for (const char* s : kShapes) {
    if (shape == s) return true;
  }
  return false;
}

// A printed line: its text trimmed, where it starts (leading spaces of the physical layout) and
// where it ends (in columns: CJK characters count two).
struct PdfLine {
  std::string text;
  int indent = 0;
  int right = 0;
  int page = 0;
};

struct Page : std::vector<PdfLine> {};

int Columns(std::string_view s) {
  int cols = 0;
  for (size_t pos = 0; pos < s.size();) cols += utf8::Next(s, pos) < 0x1100 ? 1 : 2;
  return cols;
}

// Shapes that open (or close) at least half the pages, and at least two: running heads and feet.
std::map<std::string, int> RepeatedMargins(const std::vector<Page>& pages, bool top) {
  std::map<std::string, int> count;
  for (const Page& page : pages) {
    std::map<std::string, bool> seen;
    int n = static_cast<int>(page.size());
    for (int k = 0; k < kMarginLines && k < n; ++k) {
      const std::string& line = top ? page[k].text : page[n - 1 - k].text;
      seen[Shape(line)] = true;
    }
    for (const auto& [shape, unused] : seen) ++count[shape];
  }
  std::map<std::string, int> repeated;
  for (const auto& [shape, n] : count) {
    if (n >= 2 && n * 2 >= static_cast<int>(pages.size())) repeated[shape] = n;
  }
  return repeated;
}

// Drops page numbers and repeated heads/feet from the margins of each page, from the outside in.
void StripMargins(std::vector<Page>* pages) {
  std::map<std::string, int> heads = RepeatedMargins(*pages, true);
  std::map<std::string, int> feet = RepeatedMargins(*pages, false);
  auto furniture = [](const std::string& line, const std::map<std::string, int>& repeated) {
    return IsPageNumber(line) || repeated.count(Shape(line)) > 0;
  };
  for (Page& page : *pages) {
    for (int k = 0; k < kMarginLines && !page.empty() && furniture(page.front().text, heads); ++k) {
      page.erase(page.begin());
    }
    for (int k = 0; k < kMarginLines && !page.empty() && furniture(page.back().text, feet); ++k) {
      page.pop_back();
    }
  }
}

Page PageLines(const poppler::page& page, int number) {
  poppler::byte_array utf8 = page.text(poppler::rectf(), kLayout).to_utf8();
  std::string text(utf8.begin(), utf8.end());
  Page lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view raw = std::string_view(text).substr(start, end - start);
    std::string line = Trim(raw);
    if (!line.empty()) {
      int indent = 0;
      while (indent < static_cast<int>(raw.size()) && raw[indent] == ' ') ++indent;
      lines.push_back({line, indent, indent + Columns(line), number});
    }
    start = end + 1;
  }
  return lines;
}

// Undoes the wrapping of paragraphs, which the physical layout shows plainly: a line that runs to
// the right margin continues on the next line when that one is not indented. (Later stages split
// paragraphs at a line ending 。, so a wrapped line ending there would otherwise cut a paragraph.)
// Where no paragraph starts indented (a text file printed by a word processor), a full line may
// be followed by a heading or an item as well as by the rest of its paragraph (…关爱服务。 /
// （六）妇女与家庭建设, …融媒体中心 / 主要目标：): the line breaks are kept, and the layout stage,
// which knows headings and list numbers (rules/structure.rules), decides. A paragraph keeps the
// page of its first line.
std::vector<PdfLine> JoinWrappedLines(const std::vector<Page>& pages) {
  int lines = 0, indented = 0;
  for (const Page& page : pages) {
    int left = 1 << 30;
    for (const PdfLine& line : page) left = std::min(left, line.indent);
    for (const PdfLine& line : page) {
      ++lines;
      indented += line.indent > left;
    }
  }
  bool indents_mark_paragraphs = indented * 10 >= lines;  // a tenth of the lines or more
  std::vector<PdfLine> out;
  const PdfLine* last = nullptr;  // the previous printed line, before joining
  int last_right_margin = 0;
  for (const Page& page : pages) {
    int left = 1 << 30, right = 0;
    for (const PdfLine& line : page) {
      left = std::min(left, line.indent);
      right = std::max(right, line.right);
    }
    for (const PdfLine& line : page) {
      bool full = last && last->right * 10 >= last_right_margin * 9;
      if (full && line.indent <= left && !out.empty() && indents_mark_paragraphs) {
        unsigned char a = out.back().text.back(), b = line.text.front();
        if (a < 0x80 && b < 0x80 && a != '-') out.back().text += ' ';
        out.back().text += line.text;
      } else {
        out.push_back(line);
      }
      last = &line;
      last_right_margin = right;
    }
  }
  return out;
}

void IgnorePopplerMessage(const std::string&, void*) {}

// poppler reconstructs a damaged cross-reference table by scanning the file, but a file cut short
// loses its last pages silently; a missing end marker is the one sign of that we can trust.
bool HasEndMarker(std::string_view bytes) {
  size_t tail = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
  return bytes.find("%%EOF", tail) != std::string_view::npos;
}

}  // namespace

StatusOr<SourceText> ReadPdf(std::string_view bytes, const std::string& path) {
  poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
  if (bytes.size() > 0x7FFFFFF0u) return Status::InvalidInput("file too large (over 2 GiB)");
  if (!HasEndMarker(bytes)) return Status::InvalidInput("truncated PDF (no %%EOF end marker)");
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return Status::InvalidInput("damaged PDF (poppler cannot open it)");
  if (doc->is_locked()) return Status::InvalidInput("encrypted PDF (a password is required)");
  int n = doc->pages();
  if (n <= 0) return Status::InvalidInput("damaged PDF (no pages)");

  std::vector<Page> pages;
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    pages.push_back(page ? PageLines(*page, i + 1) : Page());
  }
  bool any_text = false;
  for (const Page& page : pages) any_text = any_text || !page.empty();
  if (!any_text) return Status::InvalidInput("no text layer (scanned PDF?)");
  StripMargins(&pages);

  std::string text;
  std::vector<int> line_pages;
  for (const PdfLine& line : JoinWrappedLines(pages)) {
    text += line.text;
    text += '\n';
    line_pages.push_back(line.page);
  }
  return FinishLines(std::move(text), std::move(line_pages), path, "pdf");
}

}  // namespace guihua::read_internal
