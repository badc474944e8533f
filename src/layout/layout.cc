// Layout stage: PDF reflow. Decides, line by line, whether a physical line continues the paragraph
// before it; the decision rests on the rules' line classes and on how the previous line ended.
#include "layout/layout.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <string_view>

#include "common/pattern_needs.h"
#include "common/utf8.h"

namespace guihua {

struct Layout::Impl {
  std::vector<LineRule> rules;
  // Every pattern, anchored at both ends, in one automaton (and a rule marked own_automaton in one
  // of its own): a line is classified in a pass per set instead of a FullMatch per rule (those
  // cost a fifth of the parse + extract bench). sets[k] holds rules set_rules[k], in rule order.
  std::vector<std::unique_ptr<RE2::Set>> sets;
  std::vector<std::vector<int>> set_rules;
  // What a line needs for sets[k] to be run on it (NeedsOf its rule; the shared set admits all),
  // and sets[k] compiled on the first line that gets through (most plans have no 目录 page). An
  // own automaton, alive over most of a line (目录|.{1,80}?…, …\S{0,24}?…规划), built states
  // line after line; one costly to compile (〔 〕 号 after \p{Han}{1,10}) is then rarely compiled.
  std::vector<PatternNeeds> gates;
  std::unique_ptr<std::once_flag[]> set_compiled;
  mutable std::unique_ptr<bool[]> set_ok;
  // Each rule's own pattern, compiled when first asked for (Pattern): only a numbered rule's groups
  // need it, or a set that ran out of memory, and compiling them all cost a cold process more
  // than its reflow.
  mutable std::vector<std::unique_ptr<RE2>> patterns;
  std::unique_ptr<std::once_flag[]> compiled;

  const RE2& Pattern(size_t i) const {
    std::call_once(compiled[i], [&] {
      RE2::Options options;
      options.set_log_errors(false);
      patterns[i] = std::make_unique<RE2>(rules[i].pattern, options);
    });
    return *patterns[i];
  }

  // sets[k], compiled on its first call; false if it ran out of memory.
  bool Compiled(size_t k) const {
    std::call_once(set_compiled[k], [&] { set_ok[k] = sets[k]->Compile(); });
    return set_ok[k];
  }

  // The first rule matching the whole line (-1 for none) by the sets; false if one ran out of
  // memory.
  bool MatchSets(std::string_view line, int* found) const {
    std::vector<int> hits;
    for (size_t k = 0; k < sets.size(); ++k) {
      if (!gates[k].Admits(line)) continue;
      if (!Compiled(k)) return false;  // then the rules are tried one by one
      RE2::Set::ErrorInfo error;
      hits.clear();
      if (!sets[k]->Match(line, &hits, &error) && error.kind != RE2::Set::kNoError) return false;
      for (int h : hits) {
        int rule = set_rules[k][h];
        if (*found < 0 || rule < *found) *found = rule;
      }
    }
    return true;
  }

  // Index of the first rule matching the whole line, or -1.
  int Match(std::string_view line) const {
    int found = -1;
    if (!sets.empty() && MatchSets(line, &found)) return found;
    for (size_t i = 0; i < rules.size(); ++i) {  // no set, or it ran out of memory
      if (RE2::FullMatch(line, Pattern(i))) return static_cast<int>(i);
    }
    return -1;
  }
};

Layout::Layout(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Layout::~Layout() = default;

StatusOr<std::unique_ptr<Layout>> Layout::Create(const std::vector<LineRule>& rules) {
  auto impl = std::make_unique<Impl>();
  RE2::Options options;
  options.set_log_errors(false);
  // The sets parse each pattern as RE2 would, so they tell a bad one (with RE2's message).
  impl->sets.push_back(std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH));  // the shared one
  impl->set_rules.emplace_back();
  for (size_t i = 0; i < rules.size(); ++i) {
    size_t k = 0;
    if (rules[i].own_automaton) {
      impl->sets.push_back(std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH));
      impl->set_rules.emplace_back();
      k = impl->sets.size() - 1;
    }
    std::string error;
    if (impl->sets[k]->Add(rules[i].pattern, &error) < 0) {
      return Status::InvalidInput("rule " + rules[i].name + ": bad pattern: " + error);
    }
    impl->set_rules[k].push_back(static_cast<int>(i));
  }
  impl->rules = rules;
  impl->patterns.resize(rules.size());
  impl->compiled = std::make_unique<std::once_flag[]>(rules.size());
  impl->gates.resize(impl->sets.size());
  for (size_t k = 1; k < impl->sets.size(); ++k) {
    impl->gates[k] = NeedsOf(rules[impl->set_rules[k][0]].pattern);
  }
  if (impl->set_rules[0].empty()) {  // every rule has its own
    impl->sets.erase(impl->sets.begin());
    impl->set_rules.erase(impl->set_rules.begin());
    impl->gates.erase(impl->gates.begin());
  }
  impl->set_compiled = std::make_unique<std::once_flag[]>(impl->sets.size());
  impl->set_ok = std::make_unique<bool[]>(impl->sets.size());
  return std::unique_ptr<Layout>(new Layout(std::move(impl)));
}

void Layout::CompileShared() const {
  for (size_t k = 0; k < impl_->sets.size(); ++k) {
    if (impl_->gates[k].branches.empty()) impl_->Compiled(k);
  }
}

std::string Layout::Classify(const std::string& line) const {
  int i = impl_->Match(line);
  return i < 0 ? "" : impl_->rules[i].name;
}

int ListNumber(std::string_view marker) {
  if (!marker.empty() && marker[0] >= '0' && marker[0] <= '9') return std::atoi(std::string(marker).c_str());
  size_t pos = 0;
  char32_t cp = marker.empty() ? 0 : utf8::Next(marker, pos);
  return cp >= 0x2460 && cp <= 0x2473 ? static_cast<int>(cp - 0x2460 + 1) : 0;  // ① … ⑳
}

namespace {

// True when `text` ends a sentence: 。！？；： (ASCII after NFKC), possibly followed by a closing quote.
bool EndsSentence(std::string_view text) {
  while (!text.empty()) {
    size_t pos = text.size() - 1;
    while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
    size_t probe = pos;
    char32_t cp = utf8::Next(text, probe);
    if (cp == U'”' || cp == U'’' || cp == U'」' || cp == U'』' || cp == ')') {
      text = text.substr(0, pos);
      continue;
    }
    return cp == U'。' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == U'！' ||
           cp == U'？' || cp == U'；' || cp == U'：';
  }
  return false;
}

// The paragraphs of the reflowed text as they are built, one open at a time.
class ParagraphBuilder {
 public:
  // The reflowed text is never longer than the working text (a paragraph's '\n' stands for one of
  // its lines' ends), so its room is taken once rather than grown by copying.
  ParagraphBuilder(const MappedText& working, const SourceMap& source_map)
      : working_(working), source_map_(source_map) {
    out_.text.text.reserve(working.text.size());
    out_.text.origin.reserve(working.origin.size());
  }

  bool open() const { return open_; }
  // The text of the open paragraph so far.
  std::string_view SoFar() const {
    return open_ ? std::string_view(out_.text.text).substr(current_.begin) : std::string_view();
  }
  // Closes the open paragraph and starts one with working[b, e), classified by `rule`.
  void Start(size_t b, size_t e, const std::string& rule) {
    Close();
    if (!out_.text.text.empty()) out_.text.Append("\n", working_.origin[b]);
    current_ = Paragraph{out_.text.size(), 0, source_map_.LineOf(working_.origin[b]), 0, rule};
    out_.text.AppendSlice(working_, b, e);
    open_ = true;
  }
  // Adds working[b, e) to the open paragraph.
  void Continue(size_t b, size_t e) { out_.text.AppendSlice(working_, b, e); }
  LaidOutText Finish() {
    Close();
    return std::move(out_);
  }

 private:
  void Close() {
    if (!open_) return;
    current_.end = out_.text.size();
    current_.end_line = source_map_.LineOf(out_.text.origin[current_.end - 1]);
    out_.paragraphs.push_back(current_);
    open_ = false;
  }

  const MappedText& working_;
  const SourceMap& source_map_;
  LaidOutText out_;
  Paragraph current_;
  bool open_ = false;
};

// The numbering of the list being read: its last item number and the rule of its items.
struct ListState {
  int last_number = 0;
  std::string style;
};

// Whether a line the numbered rule `rule` matched starts an item (then `list` moves on to it).
// A wrapped line may begin with "2.8张" or "1.12名": it starts an item only after a sentence end
// (`ended`), or when it carries the next expected number and no decimal digit follows the dot.
// A list numbered in one style (1. 2.) may hold sub-items in another ((1) (2)) under an item:
// they are part of that item, not items of the list.
bool StartsItem(re2::StringPiece marker, re2::StringPiece after_marker, const std::string& rule,
                bool ended, ListState* list) {
  int item_number = ListNumber(marker);
  bool decimal = !after_marker.empty() && after_marker[0] >= '0' && after_marker[0] <= '9';
  bool next_number = item_number == list->last_number + 1;
  bool other_style = list->last_number > 0 && rule != list->style;
  if (other_style || !(ended ? (next_number || !decimal) : (next_number && !decimal))) {
    return false;
  }
  list->last_number = item_number;
  list->style = rule;
  return true;
}

}  // namespace

LaidOutText Layout::Reflow(const MappedText& working, const SourceMap& source_map) const {
  const std::string& text = working.text;
  ParagraphBuilder out(working, source_map);
  bool current_is_heading = false;
  bool current_is_item = false;  // numbered items run on until the next start or heading
  ListState list;

  size_t line_begin = 0;
  while (line_begin <= text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = text.size();
    std::string_view line(text.data() + line_begin, line_end - line_begin);
    size_t b = line_begin, e = line_end;
    line_begin = line_end + 1;
    if (line.empty()) continue;

    int rule_index = impl_->Match(line);
    LineRule::Role role = rule_index < 0 ? LineRule::Role::kNone : impl_->rules[rule_index].role;
    std::string rule_name = rule_index < 0 ? "" : impl_->rules[rule_index].name;
    if (role == LineRule::Role::kDrop) continue;

    bool ended = !out.open() || current_is_heading || EndsSentence(out.SoFar());
    re2::StringPiece marker, after_marker;
    if (rule_index >= 0 && impl_->rules[rule_index].numbered &&
        RE2::FullMatch(line, impl_->Pattern(rule_index), &marker, &after_marker) &&
        !StartsItem(marker, after_marker, rule_name, ended, &list)) {
      rule_name.clear();  // running text after all
      role = LineRule::Role::kNone;
    }

    bool starts = !out.open() || current_is_heading || role != LineRule::Role::kNone ||
                  (ended && !current_is_item);
    if (starts) {
      out.Start(b, e, rule_name);
      current_is_heading = role == LineRule::Role::kHeading;
      current_is_item = role == LineRule::Role::kStart;
      if (current_is_heading) list.last_number = 0;
    } else {
      out.Continue(b, e);
    }
  }
  return out.Finish();
}

}  // namespace guihua
