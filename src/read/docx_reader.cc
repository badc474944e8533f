// DOCX reader of the read stage: the paragraphs and tables of word/document.xml in order, with the
// list numbers Word prints from numbering.xml (一、 （一） 1. …) put back in front of their text, since
// the structure stage finds headings and items by those numbers. Headers, footers, comments and
// deleted revisions are not read. libzip opens the archive with a cap on what it may inflate.
#include <pugixml.hpp>
#include <zip.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "read/internal/formats.h"

namespace guihua::read_internal {
namespace {

// Nesting deeper than this (tables in tables in text boxes...) is not a plan; it is cut off
// rather than recursed into, so a hostile file cannot exhaust the stack.
constexpr int kMaxDepth = 64;

class Archive {
 public:
  explicit Archive(uint64_t max_inflated) : budget_(max_inflated), cap_(max_inflated) {}
  ~Archive() {
    if (zip_) zip_discard(zip_);
  }

  Status Open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src) zip_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!zip_) {
      if (src) zip_source_free(src);
      std::string why = zip_error_strerror(&error);
      zip_error_fini(&error);
      return Status::InvalidInput("damaged DOCX (" + Lower(why) + ")");
    }
    zip_error_fini(&error);
    return Status::Ok();
  }

  bool Has(const char* name) { return zip_name_locate(zip_, name, 0) >= 0; }

  // The entry's bytes; decompression stops as soon as the archive's whole budget is spent, so a
  // size field that lies does not matter.
  StatusOr<std::string> Read(const char* name) {
    zip_int64_t index = zip_name_locate(zip_, name, 0);
    if (index < 0) return Status::NotFound(name);
    zip_stat_t st;
    if (zip_stat_index(zip_, index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > budget_) {
      return Bomb();
    }
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen_index(zip_, index, 0),
                                                            &zip_fclose);
    if (!file) return Damaged(name, zip_error_strerror(zip_get_error(zip_)));
    std::string out;
    char buffer[1 << 16];
    zip_int64_t n;
    while ((n = zip_fread(file.get(), buffer, sizeof buffer)) > 0) {
      if (static_cast<uint64_t>(n) > budget_) return Bomb();
      budget_ -= n;
      out.append(buffer, n);
    }
    if (n < 0) return Damaged(name, zip_error_strerror(zip_file_get_error(file.get())));
    return out;
  }

 private:
  static std::string Lower(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  }
  Status Bomb() const {
    return Status::InvalidInput("DOCX inflates past " + std::to_string(cap_ >> 20) +
                                " MB (zip bomb?)");
  }
  static Status Damaged(const char* name, const char* why) {
    return Status::InvalidInput(std::string("damaged DOCX (") + name + ": " + Lower(why) + ")");
  }

  zip_t* zip_ = nullptr;
  uint64_t budget_;
  uint64_t cap_;
};

// ---- Word numbering -------------------------------------------------------------------------

std::string ChineseCount(int n, bool legal) {
  static const char* const kDigit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* const kLegal[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  const char* const* digit = legal ? kLegal : kDigit;
  const char* ten = legal ? "拾" : "十";
  if (n <= 0 || n >= 1000) return std::to_string(n);
  std::string out;
  int hundreds = n / 100, tens = n / 10 % 10, ones = n % 10;
  if (hundreds) out += std::string(digit[hundreds]) + (legal ? "佰" : "百");
  if (tens) {
    if (tens > 1 || hundreds || legal) out += digit[tens];
    out += ten;
  } else if (hundreds && ones) {
    out += digit[0];
  }
  if (ones) out += digit[ones];
  return out;
}

std::string Roman(int n, bool upper) {
  static const std::pair<int, const char*> kRoman[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (auto [value, digits] : kRoman) {
    for (; n >= value; n -= value) out += digits;
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Letters(int n, bool upper) {
  if (n <= 0) return std::to_string(n);
  // Word repeats the letter: a … z, aa … zz, aaa …
  char c = static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26);
  return std::string((n - 1) / 26 + 1, c);
}

// The printed form of counter value `n` in Word's number format `fmt`.
std::string FormatNumber(int n, const std::string& fmt) {
  if (fmt == "chineseCounting" || fmt == "chineseCountingThousand" ||
      fmt == "japaneseCounting" || fmt == "taiwaneseCounting" ||
      fmt == "taiwaneseCountingThousand" || fmt == "ideographDigital") {
    return ChineseCount(n, false);
  }
  if (fmt == "chineseLegalSimplified") return ChineseCount(n, true);
  if (fmt == "ideographTraditional" && n >= 1 && n <= 10) {
    static const char* const kStems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    return kStems[n - 1];
  }
  if ((fmt == "decimalEnclosedCircle" || fmt == "decimalEnclosedCircleChinese") && n >= 1 &&
      n <= 20) {
    std::string out;
    utf8::Append(U'①' + n - 1, out);
    return out;
  }
  if (fmt == "decimalFullWidth" || fmt == "decimalFullWidth2") {
    std::string out;
    for (char d : std::to_string(n)) utf8::Append(U'０' + (d - '0'), out);
    return out;
  }
  if (fmt == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
  if (fmt == "lowerLetter" || fmt == "upperLetter") return Letters(n, fmt[0] == 'u');
  if (fmt == "lowerRoman" || fmt == "upperRoman") return Roman(n, fmt[0] == 'u');
  if (fmt == "none") return "";
  return std::to_string(n);  // decimal and anything we do not know
}

struct Level {
  int start = 1;
  std::string format = "decimal";
  std::string text;  // lvlText, "%1、"
  bool defined = false;
};
using Levels = std::array<Level, 9>;

int IntAttr(pugi::xml_node node, const char* child) {
  return node.child(child).attribute("w:val").as_int(0);
}

void ReadLevels(pugi::xml_node parent, Levels* levels) {
  for (pugi::xml_node lvl : parent.children("w:lvl")) {
    int i = lvl.attribute("w:ilvl").as_int(-1);
    if (i < 0 || i >= 9) continue;
    Level& level = (*levels)[i];
    level.defined = true;
    if (lvl.child("w:start")) level.start = IntAttr(lvl, "w:start");
    if (lvl.child("w:numFmt")) level.format = lvl.child("w:numFmt").attribute("w:val").value();
    if (lvl.child("w:lvlText")) level.text = lvl.child("w:lvlText").attribute("w:val").value();
  }
}

// numbering.xml's lists and the running counters of each: the number a numbered paragraph prints.
class Numbering {
 public:
  void Load(const pugi::xml_document& xml) {
    pugi::xml_node root = xml.child("w:numbering");
    std::map<int, Levels> abstract;
    for (pugi::xml_node a : root.children("w:abstractNum")) {
      ReadLevels(a, &abstract[a.attribute("w:abstractNumId").as_int(-1)]);
    }
    for (pugi::xml_node num : root.children("w:num")) {
      List& list = lists_[num.attribute("w:numId").as_int(-1)];
      list.levels = abstract[IntAttr(num, "w:abstractNumId")];
      for (pugi::xml_node over : num.children("w:lvlOverride")) {
        int i = over.attribute("w:ilvl").as_int(-1);
        if (i < 0 || i >= 9) continue;
        Levels one;
        ReadLevels(over, &one);
        for (int k = 0; k < 9; ++k) {
          if (one[k].defined) list.levels[k] = one[k];
        }
        if (over.child("w:startOverride")) list.levels[i].start = IntAttr(over, "w:startOverride");
      }
    }
  }

  // The printed label of the next paragraph in list `num_id` at level `ilvl` ("" for none and
  // for bullets, which carry no number the structure stage could use).
  std::string Next(int num_id, int ilvl) {
    auto it = lists_.find(num_id);
    if (it == lists_.end() || ilvl < 0 || ilvl >= 9) return "";
    List& list = it->second;
    for (int k = 0; k < ilvl; ++k) {
      if (list.count[k] == 0) list.count[k] = list.levels[k].start;
    }
    list.count[ilvl] = list.count[ilvl] == 0 ? list.levels[ilvl].start : list.count[ilvl] + 1;
    for (int k = ilvl + 1; k < 9; ++k) list.count[k] = 0;
    const Level& level = list.levels[ilvl];
    if (level.format == "bullet") return "";
    std::string out;
    for (size_t i = 0; i < level.text.size(); ++i) {
      char c = level.text[i];
      if (c == '%' && i + 1 < level.text.size() && level.text[i + 1] >= '1' &&
          level.text[i + 1] <= '9') {
        int k = level.text[++i] - '1';
        out += FormatNumber(list.count[k], list.levels[k].format);
      } else {
        out += c;
      }
    }
    return out;
  }

 private:
  struct List {
    Levels levels;
    std::array<int, 9> count{};  // 0: not started
  };
  std::map<int, List> lists_;
};

// ---- Document text ------------------------------------------------------------------------

struct NumRef {
  int num_id = 0;
  int ilvl = 0;
};

class DocumentText {
 public:
  DocumentText(Numbering* numbering, std::map<std::string, NumRef> style_numbering)
      : numbering_(numbering), style_numbering_(std::move(style_numbering)) {}

  void Blocks(pugi::xml_node parent, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node node : parent.children()) {
      std::string_view name = node.name();
      if (name == "w:p") {
        Line(Paragraph(node, depth));
      } else if (name == "w:tbl") {
        for (pugi::xml_node row : node.children("w:tr")) Line(Row(row, depth));
      } else if (name == "w:sdt") {
        Blocks(node.child("w:sdtContent"), depth + 1);
      } else if (name == "w:customXml" || name == "w:ins") {
        Blocks(node, depth + 1);
      }
    }
  }

  std::string& text() { return text_; }

 private:
  void Line(const std::string& line) {
    text_ += line;
    text_ += '\n';
  }

  std::string Paragraph(pugi::xml_node p, int depth) {
    std::string out = Label(p.child("w:pPr"));
    Inline(p, depth, &out);
    return out;
  }

  std::string Label(pugi::xml_node ppr) {
    NumRef ref;
    if (pugi::xml_node style = ppr.child("w:pStyle")) {
      auto it = style_numbering_.find(style.attribute("w:val").value());
      if (it != style_numbering_.end()) ref = it->second;
    }
    if (pugi::xml_node num = ppr.child("w:numPr")) {
      if (num.child("w:numId")) ref.num_id = IntAttr(num, "w:numId");
      if (num.child("w:ilvl")) ref.ilvl = IntAttr(num, "w:ilvl");
    }
    return ref.num_id > 0 ? numbering_->Next(ref.num_id, ref.ilvl) : "";
  }

  // Runs and what holds them (hyperlinks, fields, insertions, smart tags), in order.
  void Inline(pugi::xml_node parent, int depth, std::string* out) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node node : parent.children()) {
      std::string_view name = node.name();
      if (name == "w:t") {
        *out += node.text().get();
      } else if (name == "w:tab" || name == "w:ptab") {
        *out += '\t';
      } else if (name == "w:br" || name == "w:cr") {
        *out += '\n';
      } else if (name == "w:noBreakHyphen") {
        *out += '-';
      } else if (name == "w:r") {
        if (!node.child("w:rPr").child("w:vanish")) Inline(node, depth + 1, out);
      } else if (name == "w:hyperlink" || name == "w:ins" || name == "w:smartTag" ||
                 name == "w:fldSimple" || name == "w:customXml" || name == "w:sdtContent" ||
                 name == "w:sdt") {
        Inline(node, depth + 1, out);
      }
      // Not text: w:del (deleted revisions), w:instrText (field codes), properties, drawings.
    }
  }

  std::string Row(pugi::xml_node row, int depth) {
    std::string out;
    bool first = true;
    for (pugi::xml_node cell : row.children("w:tc")) {
      if (!first) out += '\t';
      first = false;
      bool first_par = true;
      for (pugi::xml_node p : cell.children("w:p")) {
        std::string text = Paragraph(p, depth + 1);
        if (text.empty()) continue;
        if (!first_par) out += ' ';
        first_par = false;
        out += text;
      }
    }
    return out;
  }

  Numbering* numbering_;
  std::map<std::string, NumRef> style_numbering_;
  std::string text_;
};

// Paragraph styles that number their paragraphs (a heading style tied to a list).
std::map<std::string, NumRef> StyleNumbering(const pugi::xml_document& styles) {
  std::map<std::string, NumRef> out;
  for (pugi::xml_node style : styles.child("w:styles").children("w:style")) {
    pugi::xml_node num = style.child("w:pPr").child("w:numPr");
    if (!num.child("w:numId")) continue;
    out[style.attribute("w:styleId").value()] = {IntAttr(num, "w:numId"), IntAttr(num, "w:ilvl")};
  }
  return out;
}

Status ParseXml(const std::string& bytes, const char* name, pugi::xml_document* xml) {
  pugi::xml_parse_result result = xml->load_buffer(bytes.data(), bytes.size());
  if (!result) {
    return Status::InvalidInput(std::string("damaged DOCX (") + name + ": " +
                                result.description() + " at offset " +
                                std::to_string(result.offset) + ")");
  }
  return Status::Ok();
}

// An optional part: absent is fine, unreadable or malformed is not.
Status ReadOptional(Archive* zip, const char* name, pugi::xml_document* xml) {
  if (!zip->Has(name)) return Status::Ok();
  StatusOr<std::string> bytes = zip->Read(name);
  if (!bytes.ok()) return bytes.status();
  return ParseXml(*bytes, name, xml);
}

}  // namespace

StatusOr<SourceText> ReadDocx(std::string_view bytes, const std::string& path,
                              uint64_t max_inflated) {
  Archive zip(max_inflated);
  if (Status s = zip.Open(bytes); !s.ok()) return s;
  constexpr const char* kDocument = "word/document.xml";
  if (!zip.Has(kDocument)) {
    return Status::InvalidInput(
        "binary data, not text (ZIP archive without word/document.xml, not a DOCX)");
  }
  StatusOr<std::string> document_bytes = zip.Read(kDocument);
  if (!document_bytes.ok()) return document_bytes.status();
  pugi::xml_document document, numbering_xml, styles;
  if (Status s = ParseXml(*document_bytes, kDocument, &document); !s.ok()) return s;
  document_bytes->clear();
  if (Status s = ReadOptional(&zip, "word/numbering.xml", &numbering_xml); !s.ok()) return s;
  if (Status s = ReadOptional(&zip, "word/styles.xml", &styles); !s.ok()) return s;

  Numbering numbering;
  numbering.Load(numbering_xml);
  DocumentText text(&numbering, StyleNumbering(styles));
  pugi::xml_node body = document.child("w:document").child("w:body");
  if (!body) return Status::InvalidInput("damaged DOCX (word/document.xml has no w:body)");
  text.Blocks(body, 0);
  StatusOr<SourceText> source = FinishLines(std::move(text.text()), {}, path, "docx");
  // Blank text is FinishLines' only refusal; "empty file" would be wrong for a file with markup.
  if (!source.ok()) return Status::InvalidInput("no text in DOCX document");
  return source;
}

}  // namespace guihua::read_internal
