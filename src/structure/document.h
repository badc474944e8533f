// The document model: what the structure stage finds in a plan file, and what every later stage
// (tokenize, extract, index, compare) reads. Plain data, no library types.
#ifndef GUIHUA_STRUCTURE_DOCUMENT_H_
#define GUIHUA_STRUCTURE_DOCUMENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/mapped_text.h"

namespace guihua {

// What a file is: a plan (规划/纲要 with goals), a report on a plan (统计监测报告, 实施情况, 中期/终期
// 评估, 年度报告), or any other text (news, a speech, a pasted paragraph). Later stages read values
// by it: a report's or a text's numbers are not the commitments of a plan.
enum class DocumentKind { kPlan, kReport, kText };
// kNone: paragraphs outside any women's or children's plan (a report's or a news text's, a plan
// excerpt without its domain headings).
enum class PlanKind { kWomen, kChildren, kNone };
enum class BlockKind { kGoal, kMeasure, kOther };

const char* DocumentKindName(DocumentKind kind);  // "plan" / "report" / "text"
// "plan", "report" or "text" → the kind; false for anything else.
bool ParseDocumentKind(std::string_view name, DocumentKind* kind);
const char* PlanKindName(PlanKind kind);    // "women" / "children" / "" (kNone)
const char* BlockKindName(BlockKind kind);  // "goal" / "measure" / "other"

// A numbered item (goal or measure) or an unnumbered paragraph (block "other").
struct Item {
  BlockKind block = BlockKind::kOther;
  int number = 0;        // the printed list number; 0 for an unnumbered paragraph
  std::string text;      // working text (normalized, reflowed) without the list number
  size_t begin = 0;      // [begin, end) of `text` in Document::working.text
  size_t end = 0;
  int line = 0;          // first and last line of the item in the original file
  int end_line = 0;
  int page = 0;          // page of its first line in a paged source (PDF); 0 otherwise
};

// A domain section such as （一）妇女与健康, or another titled section (前言, 总体目标, 组织实施).
struct Section {
  std::string id;        // "women.health" … for domains; "" for other sections
  std::string title;     // as printed, spaces removed, list marker removed
  int line = 0;
  std::vector<std::string> responsible;  // 责任单位, where printed
  std::vector<Item> items;
  bool is_domain() const { return !id.empty(); }
};

struct Plan {
  PlanKind kind = PlanKind::kWomen;
  std::string title;     // "" when the file prints none
  int line = 0;
  std::vector<Section> sections;  // in file order, domains among them
};

struct Region {
  std::string province, city, district;  // "" when unknown
};

struct Period {
  int start = 0, end = 0;  // 0 when unknown
};

struct Document {
  std::string id;          // stable: the file name without directory and extension
  std::string file;        // path as given
  std::string encoding;
  DocumentKind kind = DocumentKind::kPlan;
  // A report or text: the plan it is about, its title as cited ("" when it names none). Region and
  // period below are then those of that plan, as far as the text says.
  std::string about;
  // A report: the year it reports on (2022年…统计监测报告 → 2022); a text: the year its title names.
  // 0 for a plan and when not printed.
  int year = 0;
  Region region;
  Period period;
  std::string issuer, doc_number, date;  // "" when not printed; date as YYYY-MM-DD
  std::vector<std::string> cites;        // parent plans cited in 《》, without the brackets
  std::vector<Plan> plans;

  // The page of a 1-based source line, 0 when the source has no pages.
  int PageOf(int line) const {
    return line >= 1 && line <= static_cast<int>(line_pages.size()) ? line_pages[line - 1] : 0;
  }

  std::string source;      // decoded source text (UTF-8, '\n' line ends)
  std::vector<int> line_pages;  // page of each source line (PDF); empty for unpaged sources
  MappedText working;      // reflowed working text; items point into it
};

}  // namespace guihua

#endif  // GUIHUA_STRUCTURE_DOCUMENT_H_
