// The structure walk: a small state machine (plan → section → block → item) over the reflowed
// paragraphs. Each paragraph is handled by the handler of its rule's kind (a table, below); running
// text and numbered items become items of the current section.
#include "structure/internal/walk.h"

#include <algorithm>
#include <cstdlib>

#include "common/mapped_text.h"
#include "common/utf8.h"

namespace guihua::internal {

std::string WalkRules::DomainId(PlanKind plan, std::string_view title) const {
  for (const DomainRow& row : domains) {
    if (row.plan == plan && title.find(row.keyword) != std::string::npos) return row.id;
  }
  return "";
}

int ChineseNumber(std::string_view s) {
  static const std::string kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  int value = 0, current = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t at = pos;
    utf8::Next(s, pos);
    std::string_view ch = s.substr(at, pos - at);
    if (ch == "十") {
      value += (current == 0 ? 1 : current) * 10;
      current = 0;
      continue;
    }
    for (int d = 0; d < 10; ++d) {
      if (ch == kDigits[d]) current = d;
    }
  }
  return value + current;
}

namespace {

std::string StripTrailingColon(std::string s) {
  while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.pop_back();
  return s;
}

// 妇女 / 儿童 as a domain or plan title prints it; kNone for anything else.
PlanKind MarkedKind(re2::StringPiece group) {
  if (group == "儿童") return PlanKind::kChildren;
  if (group == "妇女") return PlanKind::kWomen;
  return PlanKind::kNone;
}

// One paragraph with the captures of its rule, as pieces of the working text.
struct Para {
  const Paragraph* p = nullptr;
  size_t index = 0;
  std::string kind;
  re2::StringPiece groups[4];
};

class Walker {
 public:
  Walker(const WalkRules& rules, Document* doc, Cover* cover, Diagnostics* diag)
      : rules_(rules), doc_(*doc), cover_(*cover), diag_(*diag) {}

  void Run(const LaidOutText& laid);

 private:
  using Handler = void (Walker::*)(const Para&);
  static const std::map<std::string, Handler>& Handlers();
  static bool StartsPlan(const std::string& kind);

  void PlanTitle(const Para& a);
  void TitlePeriod(const Para& a);
  void Preface(const Para& a);
  void Chapter(const Para& a);
  void Domain(const Para& a);
  void Block(const Para& a);
  void Responsible(const Para& a);
  void UnknownHeading(const Para& a);
  void AddItem(const Para& a);
  Item MakeItem(const Para& a) const;

  void NewPlan(PlanKind kind, std::string title, int line);
  void NewSection(std::string id, std::string title, int line);
  bool HasDomains() const;
  std::string Quote(size_t b, size_t e) const {
    return SourceQuote(doc_.working, b, e, doc_.source);
  }
  size_t Offset(re2::StringPiece piece) const { return piece.data() - doc_.working.text.data(); }
  std::string QuoteGroup(re2::StringPiece g) const {
    return g.empty() ? std::string() : Quote(Offset(g), Offset(g) + g.size());
  }

  const WalkRules& rules_;
  Document& doc_;
  Cover& cover_;
  Diagnostics& diag_;
  // The walk's position in the document.
  Plan* plan_ = nullptr;
  Section* section_ = nullptr;
  BlockKind block_ = BlockKind::kOther;
  bool kind_known_ = false;  // an untitled plan learns its kind from its first marked domain
};

const std::map<std::string, Walker::Handler>& Walker::Handlers() {
  static const std::map<std::string, Handler> handlers = {
      {"plan_title", &Walker::PlanTitle},       {"title_period", &Walker::TitlePeriod},
      {"preface", &Walker::Preface},            {"chapter", &Walker::Chapter},
      {"subsection", &Walker::Chapter},         {"domain", &Walker::Domain},
      {"goal_block", &Walker::Block},           {"measure_block", &Walker::Block},
      {"responsible", &Walker::Responsible},    {"unknown_heading", &Walker::UnknownHeading},
  };
  return handlers;
}

// Headings that open the body even before any plan title: the paragraphs above them are the cover.
bool Walker::StartsPlan(const std::string& kind) {
  return kind == "plan_title" || kind == "preface" || kind == "domain" || kind == "chapter" ||
         kind == "goal_block" || kind == "measure_block";
}

void Walker::Run(const LaidOutText& laid) {
  const std::string& text = doc_.working.text;
  for (size_t index = 0; index < laid.paragraphs.size(); ++index) {
    const Paragraph& p = laid.paragraphs[index];
    Para a;
    a.p = &p;
    a.index = index;
    auto kind_it = rules_.kind_of_rule.find(p.rule);
    if (kind_it != rules_.kind_of_rule.end()) {
      a.kind = kind_it->second;
      const RE2& re = *rules_.pattern_of_rule.at(p.rule);
      int n = std::min(3, re.NumberOfCapturingGroups());
      re.Match(re2::StringPiece(text.data() + p.begin, p.end - p.begin), 0, p.end - p.begin,
               RE2::ANCHOR_BOTH, a.groups, n + 1);
    }
    if (!plan_ && !StartsPlan(a.kind)) {
      cover_.paragraphs.push_back(index);
      Item item = MakeItem(a);
      if (!item.text.empty()) cover_.items.push_back(std::move(item));
      continue;
    }
    auto handler = Handlers().find(a.kind);
    if (handler != Handlers().end()) {
      (this->*handler->second)(a);
    } else {
      AddItem(a);
    }
  }
}

void Walker::NewPlan(PlanKind kind, std::string title, int line) {
  doc_.plans.push_back(Plan{kind, std::move(title), line, {}});
  plan_ = &doc_.plans.back();
  section_ = nullptr;
  block_ = BlockKind::kOther;
  kind_known_ = kind != PlanKind::kNone;
}

void Walker::NewSection(std::string id, std::string title, int line) {
  plan_->sections.push_back(Section{std::move(id), std::move(title), line, {}, {}});
  section_ = &plan_->sections.back();
  block_ = BlockKind::kOther;
}

bool Walker::HasDomains() const {
  return plan_ && std::any_of(plan_->sections.begin(), plan_->sections.end(),
                              [](const Section& s) { return s.is_domain(); });
}

void Walker::PlanTitle(const Para& a) {
  PlanKind k = MarkedKind(a.groups[2]);
  NewPlan(k == PlanKind::kNone ? PlanKind::kWomen : k, Quote(a.p->begin, a.p->end), a.p->line);
}

void Walker::TitlePeriod(const Para& a) {
  if (plan_->sections.empty()) {
    plan_->title += Quote(a.p->begin, a.p->end);
  } else {
    AddItem(a);
  }
}

void Walker::Preface(const Para& a) {
  if (!plan_ || HasDomains()) NewPlan(PlanKind::kNone, "", a.p->line);
  NewSection("", Quote(a.p->begin, a.p->end), a.p->line);
}

void Walker::Chapter(const Para& a) {
  // A chapter after the domains of a plan whose title was not printed belongs to the same plan
  // unless a preface starts the next one.
  if (!plan_) NewPlan(PlanKind::kNone, "", a.p->line);
  NewSection("", StripTrailingColon(QuoteGroup(a.groups[1])), a.p->line);
}

// A domain says which plan it belongs to (妇女与健康, 儿童与安全领域) or not (健康领域: the current
// plan's). A marked domain of the other plan starts that plan when the current one has no title
// (a report, an untitled file) or already has the domain it would be read as.
void Walker::Domain(const Para& a) {
  const int line = a.p->line;
  std::string title = QuoteGroup(a.groups[1]);
  PlanKind k = MarkedKind(a.groups[2]);
  if (k == PlanKind::kNone) k = plan_ && kind_known_ ? plan_->kind : PlanKind::kNone;
  if (k == PlanKind::kNone) {  // 健康领域 with no plan to belong to: a titled section
    if (!plan_) NewPlan(PlanKind::kNone, "", line);
    NewSection("", title, line);
    return;
  }
  if (!plan_) NewPlan(k, "", line);
  if (!kind_known_) {
    plan_->kind = k;
    kind_known_ = true;
  } else if (plan_->kind != k) {
    std::string as_is = rules_.DomainId(plan_->kind, a.groups[1].as_string());
    bool taken = std::any_of(plan_->sections.begin(), plan_->sections.end(),
                             [&](const Section& s) { return s.is_domain() && s.id == as_is; });
    if (plan_->title.empty() || taken) {
      if (!plan_->title.empty()) {
        diag_.Warn(doc_.file, line, 0,
                   "domain '" + title + "' after the " + PlanKindName(plan_->kind) +
                       " plan's own: read as the start of the " + PlanKindName(k) + " plan");
      }
      NewPlan(k, "", line);
    } else {
      diag_.Warn(doc_.file, line, 0,
                 "domain '" + title + "' in the " + PlanKindName(plan_->kind) + " plan");
    }
  }
  std::string id = rules_.DomainId(plan_->kind, a.groups[1].as_string());
  if (id.empty()) diag_.Warn(doc_.file, line, 0, "unknown domain '" + title + "'");
  NewSection(id, title, line);
}

void Walker::Block(const Para& a) {
  if (!plan_) NewPlan(PlanKind::kNone, "", a.p->line);
  // A plan excerpt may open with 主要目标; inside a plan with domains the block belongs in one.
  if (HasDomains() && !(section_ && section_->is_domain())) {
    diag_.Warn(doc_.file, a.p->line, 0,
               "'" + Quote(a.p->begin, a.p->end) + "' outside a domain section");
  }
  block_ = a.kind == "goal_block" ? BlockKind::kGoal : BlockKind::kMeasure;
}

void Walker::Responsible(const Para& a) {
  if (!section_ || !section_->is_domain()) return AddItem(a);
  std::string list = QuoteGroup(a.groups[1]);
  const std::string sep = "、";
  size_t start = 0;
  while (start < list.size()) {
    size_t cut = list.find(sep, start);
    if (cut == std::string::npos) cut = list.size();
    std::string name = list.substr(start, cut - start);
    if (!name.empty() && name != "。") section_->responsible.push_back(name);
    start = cut + sep.size();
  }
}

void Walker::UnknownHeading(const Para& a) {
  diag_.Warn(doc_.file, a.p->line, 0, "unknown heading '" + Quote(a.p->begin, a.p->end) + "'");
  AddItem(a);
}

void Walker::AddItem(const Para& a) {
  Item item = MakeItem(a);
  if (item.text.empty()) return;
  if (!section_) NewSection("", "", a.p->line);
  section_->items.push_back(std::move(item));
}

Item Walker::MakeItem(const Para& a) const {
  const Paragraph& p = *a.p;
  Item item;
  item.block = block_;
  item.begin = p.begin;
  if (a.kind == "item") {
    item.number = ListNumber(std::string_view(a.groups[1].data(), a.groups[1].size()));
    item.begin = Offset(a.groups[2]);
  } else if (a.kind == "numbered_paragraph") {
    item.number = ChineseNumber(a.groups[1]);
    item.begin = Offset(a.groups[2]);
  }
  item.end = p.end;
  item.text = doc_.working.text.substr(item.begin, item.end - item.begin);
  item.line = p.line;
  item.end_line = p.end_line;
  item.page = doc_.PageOf(item.line);
  return item;
}

}  // namespace

void WalkParagraphs(const WalkRules& rules, const LaidOutText& laid, Document* doc, Cover* cover,
                    Diagnostics* diag) {
  Walker(rules, doc, cover, diag).Run(laid);
}

}  // namespace guihua::internal
