// Stage 3, layout: undoes the line wrapping of PDF-extracted text. Physical lines of the working text
// become paragraphs: a line joins the previous one unless that one ended a sentence or was a heading,
// or the line itself is a heading or starts a numbered item. Page numbers and blank filler are
// dropped. The line classes come from rules/structure.rules (the `layout:` field of each rule).
#ifndef GUIHUA_LAYOUT_LAYOUT_H_
#define GUIHUA_LAYOUT_LAYOUT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/mapped_text.h"
#include "common/status.h"

namespace guihua {

// The number of a list marker as a numbered rule's group 1 captures it: "12" → 12, "①" → 1; 0 for
// anything else.
int ListNumber(std::string_view marker);

struct LineRule {
  enum class Role { kNone, kDrop, kHeading, kStart };
  std::string name;
  std::string pattern;  // RE2, matched against the whole line
  Role role = Role::kNone;
  bool numbered = false;  // a list item: capture group 1 is its number, group 2 its text
  // Matched by an automaton of its own, not in the one shared by the other rules: a pattern that
  // stays alive over most of a line (目录|.{1,80}?…) multiplies the shared automaton's states, each
  // built anew by a cold process (`automaton: own` in structure.rules).
  bool own_automaton = false;
};

struct Paragraph {
  size_t begin = 0;    // [begin, end) in LaidOutText::text.text
  size_t end = 0;
  int line = 0;        // first and last line in the original file
  int end_line = 0;
  std::string rule;    // the layout rule that matched its first line, "" for running text
};

struct LaidOutText {
  MappedText text;     // paragraphs joined by '\n'
  std::vector<Paragraph> paragraphs;
};

class Layout {
 public:
  // Compiles the rules; a bad pattern is InvalidInput naming the rule.
  static StatusOr<std::unique_ptr<Layout>> Create(const std::vector<LineRule>& rules);
  ~Layout();

  // `working` is the normalize stage's output (one working line per source line); `source_map`
  // locates its origins in the original file.
  LaidOutText Reflow(const MappedText& working, const SourceMap& source_map) const;

  // Compiles the automata every line is classified with (those without a gate), as the first
  // line's classification would: a thread with nothing else to do can take that off a reflow to
  // come (`guihua extract` does while its first plan is read).
  void CompileShared() const;

  // The name of the first rule whose pattern matches all of `line`, or "" (for rule checks).
  std::string Classify(const std::string& line) const;

 private:
  struct Impl;
  explicit Layout(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guihua

#endif  // GUIHUA_LAYOUT_LAYOUT_H_
