// HTML reader of the read stage: a plan as posted on a government site. libxml2's forgiving HTML
// parser (no network) builds the tree; the page's main text is what remains without scripts,
// styles, navigation, page header and footer, and block elements become lines. The charset comes
// from a BOM or the <meta> tag (UTF-8, GBK/GB2312/GB18030 or anything ICU knows), else by trying
// UTF-8 then GB18030.
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <set>
#include <string>

#include "common/utf8.h"
#include "read/internal/formats.h"

namespace guihua::read_internal {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset a <meta charset=...> or <meta http-equiv content="...; charset=..."> declares in
// the page's first 4 KB, lower-cased; "" when none does.
std::string DeclaredCharset(std::string_view bytes) {
  std::string head = AsciiLower(bytes.substr(0, 4096));
  for (size_t meta = head.find("<meta"); meta != std::string::npos;
       meta = head.find("<meta", meta + 5)) {
    size_t close = head.find('>', meta);
    std::string_view tag = std::string_view(head).substr(meta, close == std::string::npos
                                                                   ? std::string::npos
                                                                   : close - meta);
    size_t at = tag.find("charset");
    if (at == std::string_view::npos) continue;
    at += 7;
    while (at < tag.size() && (tag[at] == ' ' || tag[at] == '=' || tag[at] == '"' ||
                               tag[at] == '\'')) {
      ++at;
    }
    size_t end = at;
    while (end < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[end])) ||
                                tag[end] == '-' || tag[end] == '_' || tag[end] == ':')) {
      ++end;
    }
    if (end > at) return std::string(tag.substr(at, end - at));
  }
  return "";
}

bool IsGbFamily(const std::string& charset) {
  return charset == "gbk" || charset == "gb2312" || charset == "gb18030" || charset == "x-gbk" ||
         charset == "cp936" || charset == "gb_2312-80" || charset == "euc-cn" ||
         charset == "windows-936";
}

struct Decoded {
  std::string utf8;
  std::string charset;  // as reported in SourceText::encoding after "html-"
};

// The bytes as they are when they are UTF-8; `offset` is theirs in the file, for the message.
StatusOr<Decoded> CheckedUtf8(std::string_view bytes, size_t offset) {
  size_t error = 0;
  if (!utf8::IsValid(bytes, &error)) {
    return Status::InvalidInput("invalid UTF-8 in HTML page at byte " +
                                std::to_string(offset + error));
  }
  return Decoded{std::string(bytes), "utf-8"};
}

StatusOr<Decoded> DecodePage(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return CheckedUtf8(bytes.substr(3), 3);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    bool le = bytes[0] == '\xFF';
    StatusOr<std::string> text = ConvertToUtf8(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE");
    if (!text.ok()) return text.status();
    return Decoded{std::move(*text), le ? "utf-16le" : "utf-16be"};
  }
  std::string charset = DeclaredCharset(bytes);
  if (charset == "utf-8" || charset == "utf8" ||
      (charset.empty() && utf8::IsValid(bytes))) {
    return CheckedUtf8(bytes, 0);
  }
  const std::string icu_name = charset.empty() || IsGbFamily(charset) ? "gb18030" : charset;
  StatusOr<std::string> text = ConvertToUtf8(bytes, icu_name.c_str());
  if (!text.ok()) return text.status();
  return Decoded{std::move(*text), charset.empty() ? "gb18030" : charset};
}

// Elements whose content is never the plan's text.
bool IsSkipped(std::string_view name) {
  static const std::set<std::string_view> kSkipped = {
      "script", "style", "noscript", "template", "head",   "nav",    "header", "footer",
      "aside",  "iframe", "object",  "embed",    "select", "button", "svg",    "canvas"};
  return kSkipped.count(name) > 0;
}

// Elements that start and end a line.
bool IsBlock(std::string_view name) {
  static const std::set<std::string_view> kBlocks = {
      "p",       "div",     "h1",     "h2",     "h3",      "h4",    "h5",  "h6",
      "li",      "ul",      "ol",     "dl",     "dt",      "dd",    "tr",  "table",
      "section", "article", "main",   "center", "blockquote", "pre", "hr", "address",
      "figure",  "figcaption", "caption", "body", "html",   "form",  "fieldset", "thead",
      "tbody",   "tfoot",   "title"};
  return kBlocks.count(name) > 0;
}

class TextCollector {
 public:
  // Walks the tree without recursion (a page nested a million deep must not overflow the stack).
  void Walk(xmlNode* root) {
    xmlNode* node = root;
    for (;;) {
      if (Enter(node) && node->children) {
        node = node->children;
        continue;
      }
      for (;;) {  // node is done: leave it and its finished ancestors
        Leave(node);
        if (node == root) return;
        if (node->next) {
          node = node->next;
          break;
        }
        node = node->parent;
      }
    }
  }

  std::string& text() { return text_; }

 private:
  static std::string_view Name(xmlNode* node) {
    return node->name ? reinterpret_cast<const char*>(node->name) : "";
  }

  // Returns whether to visit the node's children.
  bool Enter(xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      Text(node->content ? reinterpret_cast<const char*>(node->content) : "");
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) return false;
    std::string_view name = Name(node);
    if (IsSkipped(name)) return false;
    if (name == "br") NewLine(true);
    if (name == "pre") ++pre_;
    if (name == "td" || name == "th") {
      if (!AtLineStart()) text_ += '\t';
      space_ = false;
    } else if (IsBlock(name)) {
      NewLine(false);
    }
    return true;
  }

  void Leave(xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return;
    std::string_view name = Name(node);
    if (name == "pre") --pre_;
    if (IsBlock(name)) NewLine(false);
  }

  bool AtLineStart() const { return text_.empty() || text_.back() == '\n'; }

  void NewLine(bool always) {
    if (always || !AtLineStart()) text_ += '\n';
    space_ = false;
  }

  // Runs of white space are one space, as a browser shows them; inside <pre> they are kept.
  void Text(std::string_view s) {
    if (pre_ > 0) {
      text_ += s;
      return;
    }
    for (char c : s) {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
        space_ = true;
        continue;
      }
      if (space_ && !AtLineStart()) text_ += ' ';
      space_ = false;
      text_ += c;
    }
  }

  std::string text_;
  bool space_ = false;
  int pre_ = 0;
};

void IgnoreXmlError(void*, const char*, ...) {}

}  // namespace

StatusOr<SourceText> ReadHtml(std::string_view bytes, const std::string& path) {
  StatusOr<Decoded> page = DecodePage(bytes);
  if (!page.ok()) return page.status();
  if (page->utf8.size() > 0x7FFFFFF0u) return Status::InvalidInput("file too large (over 2 GiB)");
  xmlSetGenericErrorFunc(nullptr, IgnoreXmlError);
  xmlResetLastError();
  // The bytes are UTF-8 now whatever the <meta> says, so the parser is told so.
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(page->utf8.data(), static_cast<int>(page->utf8.size()), nullptr, "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET | HTML_PARSE_COMPACT),
      &xmlFreeDoc);
  if (!doc) return Status::InvalidInput("not an HTML page libxml2 can parse");
  TextCollector collector;
  if (xmlNode* root = xmlDocGetRootElement(doc.get())) collector.Walk(root);
  std::string& text = collector.text();
  bool blank = true;
  for (size_t pos = 0; pos < text.size() && blank;) {
    char32_t cp = utf8::Next(text, pos);
    blank = cp == '\n' || cp == '\t' || utf8::IsSpace(cp);
  }
  if (blank) {
    // libxml2 gives up on a page nested deeper than its limit (256), dropping the rest of it.
    const xmlError* error = xmlGetLastError();
    if (error && error->message && std::strstr(error->message, "Excessive depth")) {
      return Status::InvalidInput("no text in HTML page (nested deeper than " +
                                  std::to_string(xmlParserMaxDepth) + " elements)");
    }
    return Status::InvalidInput("no text in HTML page");
  }
  return FinishLines(std::move(text), {}, path, ("html-" + page->charset).c_str());
}

}  // namespace guihua::read_internal
