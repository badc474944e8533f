// Structure stage: walks the reflowed paragraphs with a small state machine (plan → section →
// block → item), classifying each by the rule that matched its first line, then fills in the
// metadata (region, period, issuer, 文号, date, cited parent plans) and checks the result.
#include "structure/structure.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "common/rule_file.h"
#include "common/utf8.h"
#include "layout/layout.h"
#include "normalize/normalize.h"
#include "structure/internal/document_kind.h"
#include "structure/internal/region_gazetteer.h"

namespace guihua {

const char* PlanKindName(PlanKind kind) {
  return kind == PlanKind::kWomen ? "women" : "children";
}

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kGoal: return "goal";
    case BlockKind::kMeasure: return "measure";
    default: return "other";
  }
}

namespace {

struct DomainRow {
  PlanKind plan;
  std::string keyword;
  std::string id;
};

// 一 … 九十九 as printed in list markers.
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

std::string StripTrailingColon(std::string s) {
  while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

struct StructureParser::Impl {
  std::unique_ptr<Layout> layout;
  std::map<std::string, std::string> kind_of_rule;         // rule name → kind
  std::map<std::string, std::unique_ptr<RE2>> pattern_of_rule;
  std::vector<DomainRow> domains;
  internal::RegionGazetteer gazetteer;
  std::unique_ptr<internal::KindRules> kinds;
  int expectations = 0;

  RE2 doc_number{R"(([\p{Han}]{1,10}〔\d{4}〕\d{1,4}号))"};
  RE2 date{R"((\d{4})年(\d{1,2})月(\d{1,2})日)"};
  // The issuer signs the notice on a line of its own, often run together with the date below it.
  RE2 issuer_signature{R"((\S{2,30}?(?:人民政府|人民政府办公室|妇女儿童工作委员会))(?:\d{4}年.*)?)"};
  RE2 issuer_heading{R"(([\p{Han}]{2,20}?(?:人民政府|人民政府办公室))关于.*)"};
  RE2 period_range{R"((20\d\d)年?[-—–~至到](20\d\d))"};
  RE2 five_year{R"(“?十([一二三四五六七八九])五”?)"};
  RE2 cite{R"(《([^《》]{2,80})》)"};

  Status LoadRules(const std::string& dir, Diagnostics* diag);
  void Walk(Document& doc, const LaidOutText& laid, std::vector<size_t>* cover,
            Diagnostics* diag) const;
  std::string DomainId(PlanKind plan, const std::string& title) const;
  void FillMetadata(Document& doc, const LaidOutText& laid, const std::vector<size_t>& cover) const;
  Status Check(const Document& doc, Diagnostics* diag) const;
  void WarnTraditional(const Document& doc, Diagnostics* diag) const;
  void Classify(const LaidOutText& laid, const ParseOptions& options, Document& doc) const;
};

StructureParser::StructureParser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StructureParser::~StructureParser() = default;

Status StructureParser::Impl::LoadRules(const std::string& dir, Diagnostics* diag) {
  const std::string rules_path = dir + "/structure.rules";
  auto blocks = ReadRuleFile(rules_path, diag);
  if (!blocks.ok()) return blocks.status();
  std::vector<LineRule> line_rules;
  RE2::Options options;
  options.set_log_errors(false);
  for (const RuleBlock& block : *blocks) {
    const RuleField* kind = block.Find("kind");
    const RuleField* pattern = block.Find("pattern");
    const RuleField* role = block.Find("layout");
    if (!kind || !pattern) {
      diag->Error(rules_path, block.line, 1, "rule " + block.name + " needs kind: and pattern:");
      continue;
    }
    auto re = std::make_unique<RE2>(pattern->value, options);
    if (!re->ok()) {
      diag->Error(rules_path, pattern->line, pattern->column, "bad pattern: " + re->error());
      continue;
    }
    LineRule::Role r = LineRule::Role::kNone;
    if (role) {
      if (role->value == "drop") r = LineRule::Role::kDrop;
      else if (role->value == "heading") r = LineRule::Role::kHeading;
      else if (role->value == "start") r = LineRule::Role::kStart;
      else if (role->value != "none") {
        diag->Error(rules_path, role->line, role->column,
                    "layout must be drop, heading, start or none");
      }
    }
    expectations += static_cast<int>(block.FindAll("expect").size() + block.FindAll("reject").size());
    for (const RuleField* f : block.FindAll("expect")) {
      if (!RE2::FullMatch(NormalizeString(f->value), *re)) {
        diag->Error(rules_path, f->line, f->column, "rule " + block.name + " does not match this");
      }
    }
    for (const RuleField* f : block.FindAll("reject")) {
      if (RE2::FullMatch(NormalizeString(f->value), *re)) {
        diag->Error(rules_path, f->line, f->column, "rule " + block.name + " matches this");
      }
    }
    const RuleField* numbered = block.Find("numbered");
    line_rules.push_back({block.name, pattern->value, r, numbered && numbered->value == "yes"});
    kind_of_rule[block.name] = kind->value;
    pattern_of_rule[block.name] = std::move(re);
  }

  std::vector<std::string> header;
  auto rows = ReadTable(dir + "/domains.tsv", &header);
  if (!rows.ok()) return rows.status();
  for (const TableRow& row : *rows) {
    if (row.cells.size() != 3 || (row.cells[0] != "women" && row.cells[0] != "children")) {
      diag->Error(dir + "/domains.tsv", row.line, 1, "expected: women|children keyword id");
      continue;
    }
    domains.push_back({row.cells[0] == "women" ? PlanKind::kWomen : PlanKind::kChildren,
                       row.cells[1], row.cells[2]});
  }

  auto g = internal::RegionGazetteer::Load(dir + "/regions.tsv", diag);
  if (!g.ok()) return g.status();
  gazetteer = std::move(*g);

  auto k = internal::KindRules::Load(dir + "/kinds.rules", diag);
  if (!k.ok()) return k.status();
  kinds = std::move(*k);
  expectations += kinds->expectations();

  if (diag->has_errors()) return Status::InvalidInput("errors in the structure rules");
  auto made = Layout::Create(line_rules);
  if (!made.ok()) return made.status();
  layout = std::move(*made);
  return Status::Ok();
}

StatusOr<std::unique_ptr<StructureParser>> StructureParser::Load(const std::string& rules_dir,
                                                                 Diagnostics* diag) {
  auto impl = std::make_unique<Impl>();
  Status s = impl->LoadRules(rules_dir, diag);
  if (!s.ok()) return s;
  return std::unique_ptr<StructureParser>(new StructureParser(std::move(impl)));
}

std::string StructureParser::Impl::DomainId(PlanKind plan, const std::string& title) const {
  for (const DomainRow& row : domains) {
    if (row.plan == plan && title.find(row.keyword) != std::string::npos) return row.id;
  }
  return "";
}

namespace {

// The walk's position in the document.
struct Cursor {
  Plan* plan = nullptr;
  Section* section = nullptr;
  BlockKind block = BlockKind::kOther;
  bool kind_known = false;  // an untitled plan learns its kind from its first domain
};

Section& CurrentSection(Cursor& c, int line) {
  if (!c.section) {
    c.plan->sections.push_back(Section{"", "", line, {}, {}});
    c.section = &c.plan->sections.back();
  }
  return *c.section;
}

}  // namespace

void StructureParser::Impl::Walk(Document& doc, const LaidOutText& laid, std::vector<size_t>* cover,
                                 Diagnostics* diag) const {
  Cursor c;
  const std::string& text = doc.working.text;
  auto quote = [&](size_t b, size_t e) { return SourceQuote(doc.working, b, e, doc.source); };
  auto new_plan = [&](PlanKind kind, bool known, std::string title, int line) {
    doc.plans.push_back(Plan{kind, std::move(title), line, {}});
    c = Cursor{&doc.plans.back(), nullptr, BlockKind::kOther, known};
  };
  auto new_section = [&](std::string id, std::string title, int line) {
    c.plan->sections.push_back(Section{std::move(id), std::move(title), line, {}, {}});
    c.section = &c.plan->sections.back();
    c.block = BlockKind::kOther;
  };
  auto has_domains = [](const Plan* p) {
    return p && std::any_of(p->sections.begin(), p->sections.end(),
                            [](const Section& s) { return s.is_domain(); });
  };

  for (size_t index = 0; index < laid.paragraphs.size(); ++index) {
    const Paragraph& p = laid.paragraphs[index];
    std::string_view para(text.data() + p.begin, p.end - p.begin);
    auto kind_it = kind_of_rule.find(p.rule);
    const std::string kind = kind_it == kind_of_rule.end() ? "" : kind_it->second;
    const RE2* re = kind.empty() ? nullptr : pattern_of_rule.at(p.rule).get();
    // Captures as offsets into the working text, so titles can be quoted from the source.
    re2::StringPiece groups[4];
    int ngroups = re ? std::min(3, re->NumberOfCapturingGroups()) : 0;
    if (re) re->Match(para, 0, para.size(), RE2::ANCHOR_BOTH, groups, ngroups + 1);
    auto group_begin = [&](int i) { return static_cast<size_t>(groups[i].data() - text.data()); };
    auto group_quote = [&](int i) {
      return groups[i].empty() ? std::string() : quote(group_begin(i), group_begin(i) + groups[i].size());
    };

    if (kind == "plan_title") {
      PlanKind k = groups[2] == "儿童" ? PlanKind::kChildren : PlanKind::kWomen;
      new_plan(k, true, quote(p.begin, p.end), p.line);
      continue;
    }
    if (!c.plan && kind != "preface" && kind != "domain" && kind != "chapter") {
      cover->push_back(index);
      continue;
    }
    if (kind == "title_period" && c.plan->sections.empty()) {
      c.plan->title += quote(p.begin, p.end);
      continue;
    }
    if (kind == "preface") {
      if (!c.plan || has_domains(c.plan)) new_plan(PlanKind::kWomen, false, "", p.line);
      new_section("", quote(p.begin, p.end), p.line);
      continue;
    }
    if (kind == "chapter" || kind == "subsection") {
      if (!c.plan) new_plan(PlanKind::kWomen, false, "", p.line);
      // A chapter after the domains of a plan whose title was not printed belongs to the same plan
      // unless a preface starts the next one.
      new_section("", StripTrailingColon(group_quote(1)), p.line);
      continue;
    }
    if (kind == "domain") {
      PlanKind k = groups[2] == "儿童" ? PlanKind::kChildren : PlanKind::kWomen;
      if (!c.plan) new_plan(k, true, "", p.line);
      if (!c.kind_known) {
        c.plan->kind = k;
        c.kind_known = true;
      } else if (c.plan->kind != k) {
        diag->Warn(doc.file, p.line, 0,
                   "domain '" + group_quote(1) + "' in the " + PlanKindName(c.plan->kind) +
                       " plan");
      }
      std::string title = group_quote(1);
      std::string id = DomainId(c.plan->kind, std::string(groups[1]));
      if (id.empty()) diag->Warn(doc.file, p.line, 0, "unknown domain '" + title + "'");
      new_section(id, title, p.line);
      continue;
    }
    if (kind == "goal_block" || kind == "measure_block") {
      if (!c.section || !c.section->is_domain()) {
        diag->Warn(doc.file, p.line, 0, "'" + quote(p.begin, p.end) + "' outside a domain section");
      }
      c.block = kind == "goal_block" ? BlockKind::kGoal : BlockKind::kMeasure;
      continue;
    }
    if (kind == "responsible" && c.section && c.section->is_domain()) {
      std::string list = quote(group_begin(1), group_begin(1) + groups[1].size());
      size_t start = 0;
      while (start < list.size()) {
        size_t cut = list.find("、", start);
        if (cut == std::string::npos) cut = list.size();
        std::string name = list.substr(start, cut - start);
        if (!name.empty() && name != "。") c.section->responsible.push_back(name);
        start = cut + std::string("、").size();
      }
      continue;
    }
    if (kind == "unknown_heading") {
      diag->Warn(doc.file, p.line, 0, "unknown heading '" + quote(p.begin, p.end) + "'");
    }

    Item item;
    item.block = c.section && c.section->is_domain() ? c.block : BlockKind::kOther;
    item.begin = p.begin;
    if (kind == "item") {
      item.number = std::atoi(std::string(groups[1]).c_str());
      item.begin = group_begin(2);
    } else if (kind == "numbered_paragraph") {
      item.number = ChineseNumber(groups[1]);
      item.begin = group_begin(2);
    }
    item.end = p.end;
    item.text = text.substr(item.begin, item.end - item.begin);
    item.line = p.line;
    item.end_line = p.end_line;
    item.page = doc.PageOf(item.line);
    if (item.text.empty()) continue;
    CurrentSection(c, p.line).items.push_back(std::move(item));
  }
}

void StructureParser::Impl::FillMetadata(Document& doc, const LaidOutText& laid,
                                         const std::vector<size_t>& cover) const {
  const std::string& text = doc.working.text;
  auto quote = [&](re2::StringPiece piece) {
    size_t b = piece.data() - text.data();
    return SourceQuote(doc.working, b, b + piece.size(), doc.source);
  };

  // Cover notice: 文号, issuer, date.
  std::string headline, heading_issuer;
  for (size_t index : cover) {
    const Paragraph& p = laid.paragraphs[index];
    re2::StringPiece para(text.data() + p.begin, p.end - p.begin);
    re2::StringPiece number, issuer, y, m, d;
    if (doc.doc_number.empty() && RE2::PartialMatch(para, doc_number, &number)) {
      doc.doc_number = quote(number);
    }
    if (RE2::FullMatch(para, issuer_signature, &issuer)) {
      doc.issuer = quote(issuer);
    } else if (heading_issuer.empty() && RE2::PartialMatch(para, issuer_heading, &issuer)) {
      heading_issuer = quote(issuer);
    }
    re2::StringPiece rest = para;
    while (RE2::FindAndConsume(&rest, date, &y, &m, &d)) {  // the last date signs the notice
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", std::atoi(std::string(y).c_str()),
                    std::atoi(std::string(m).c_str()), std::atoi(std::string(d).c_str()));
      doc.date = buf;
    }
    headline.append(para.data(), para.size());
  }
  if (doc.issuer.empty()) doc.issuer = heading_issuer;

  // Period: from a plan title, else from the cover, else the latest period the prefaces name.
  auto period_in = [&](std::string_view s, Period* out) {
    re2::StringPiece a, b, n;
    if (RE2::PartialMatch(s, period_range, &a, &b)) {
      *out = {std::atoi(std::string(a).c_str()), std::atoi(std::string(b).c_str())};
      return true;
    }
    if (RE2::PartialMatch(s, five_year, &n)) {
      // 十四五 → the 14th five-year plan. From the 3rd (1966–1970) on they follow each other.
      int first = 1966 + (ChineseNumber(n) + 10 - 3) * 5;
      *out = {first, first + 4};
      return true;
    }
    return false;
  };
  for (const Plan& plan : doc.plans) {
    headline += NormalizeString(plan.title);
    if (doc.period.start == 0) period_in(NormalizeString(plan.title), &doc.period);
  }
  if (doc.period.start == 0) period_in(headline, &doc.period);
  if (doc.period.start == 0) {
    for (const Plan& plan : doc.plans) {
      for (const Section& s : plan.sections) {
        if (s.is_domain()) break;
        for (const Item& item : s.items) {
          re2::StringPiece input(item.text), a, b;
          while (RE2::FindAndConsume(&input, period_range, &a, &b)) {
            Period found{std::atoi(std::string(a).c_str()), std::atoi(std::string(b).c_str())};
            if (found.end > doc.period.end) doc.period = found;
          }
        }
      }
    }
  }

  doc.region = gazetteer.Infer(headline, text);

  // Parent plans: cited women's/children's plans and outlines that are not this district's own.
  std::vector<std::string> own = gazetteer.DistrictNames(doc.region);
  std::set<std::string> seen;
  re2::StringPiece input(text), title;
  while (RE2::FindAndConsume(&input, cite, &title)) {
    std::string t(title);
    bool about_plan = (t.find("妇女") != std::string::npos || t.find("儿童") != std::string::npos) &&
                      (t.find("纲要") != std::string::npos || t.find("规划") != std::string::npos);
    bool is_own = std::any_of(own.begin(), own.end(), [&](const std::string& name) {
      return t.find(name) != std::string::npos;
    });
    std::string printed = quote(title);
    if (about_plan && !is_own && seen.insert(NormalizeString(printed)).second) {
      doc.cites.push_back(printed);
    }
  }
}

Status StructureParser::Impl::Check(const Document& doc, Diagnostics* diag) const {
  int domains = 0;
  for (const Plan& plan : doc.plans) {
    std::map<std::string, const Section*> by_id;
    for (const Section& s : plan.sections) {
      if (!s.is_domain()) continue;
      ++domains;
      if (!by_id.emplace(s.id, &s).second) {
        diag->Warn(doc.file, s.line, 0, "domain " + s.id + " appears twice in the plan");
      }
      bool goals = false, measures = false;
      for (const Item& item : s.items) {
        goals |= item.block == BlockKind::kGoal;
        measures |= item.block == BlockKind::kMeasure;
      }
      if (!goals) diag->Warn(doc.file, s.line, 0, "domain '" + s.title + "' has no goal items");
      if (!measures) diag->Warn(doc.file, s.line, 0, "domain '" + s.title + "' has no measures");
    }
    // A domain block copied from another: the same goal texts printed under two domains.
    std::map<std::string, const Section*> goal_owner;
    for (const Section& s : plan.sections) {
      for (const Item& item : s.items) {
        if (!s.is_domain() || item.block != BlockKind::kGoal || item.text.size() < 30) continue;
        auto [it, fresh] = goal_owner.emplace(item.text, &s);
        if (!fresh && it->second != &s) {
          diag->Warn(doc.file, item.line, 0,
                     "goal repeats one of '" + it->second->title + "' (copied block?)");
        }
      }
    }
  }
  if (domains == 0) {
    return Status::InvalidInput(
        "no development plan structure found (no 妇女/儿童 domain sections such as （一）妇女与健康)");
  }
  return Status::Ok();
}

// Stray traditional characters in a simplified text are printed as they are and read as simplified;
// each is worth a warning. A text written in traditional Chinese gets one warning, not thousands.
void StructureParser::Impl::WarnTraditional(const Document& doc, Diagnostics* diag) const {
  const std::string& text = doc.working.text;
  std::vector<std::pair<uint32_t, std::string>> found;  // source offset, "學 → 学"
  size_t han = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t at = pos;
    char32_t working = utf8::Next(text, pos);
    if (!utf8::IsHan(working)) continue;
    ++han;
    size_t source_pos = doc.working.origin[at];
    size_t source_end = source_pos;
    char32_t printed = utf8::Next(doc.source, source_end);
    bool compatibility_form = printed >= 0xF900 && printed <= 0xFAFF;
    if (printed != working && utf8::IsHan(printed) && !compatibility_form) {
      found.emplace_back(static_cast<uint32_t>(source_pos),
                         doc.source.substr(source_pos, source_end - source_pos) + "' (read as '" +
                             text.substr(at, pos - at) + "')");
    }
  }
  constexpr size_t kMaxStray = 20;
  if (found.empty()) return;
  if (found.size() > kMaxStray && found.size() * 50 > han) {
    diag->Warn(doc.file, 0, 0,
               "text is in traditional Chinese (" + std::to_string(found.size()) +
                   " characters); it is matched as simplified");
    return;
  }
  SourceMap map(doc.source);
  for (size_t i = 0; i < found.size() && i < kMaxStray; ++i) {
    SourcePosition at = map.Locate(found[i].first);
    diag->Warn(doc.file, at.line, at.column, "traditional character '" + found[i].second);
  }
  if (found.size() > kMaxStray) {
    diag->Warn(doc.file, 0, 0, std::to_string(found.size() - kMaxStray) +
                                   " more traditional characters not listed");
  }
}

// The title is the run of short lines that opens the file (a cover notice, a report's title), up
// to the first sentence; the opening is the first few hundred bytes of the text.
void StructureParser::Impl::Classify(const LaidOutText& laid, const ParseOptions& options,
                                     Document& doc) const {
  constexpr size_t kMaxTitleLines = 6, kMaxTitleBytes = 240, kOpeningBytes = 900;
  const std::string& text = doc.working.text;
  std::vector<std::string_view> title;
  for (const Paragraph& p : laid.paragraphs) {
    std::string_view para(text.data() + p.begin, p.end - p.begin);
    if (title.size() == kMaxTitleLines || para.size() > kMaxTitleBytes) break;
    if (para.find("。") != std::string_view::npos) break;
    title.push_back(para);
  }
  size_t opening = std::min(text.size(), kOpeningBytes);
  while (opening < text.size() && (static_cast<unsigned char>(text[opening]) & 0xC0) == 0x80) {
    ++opening;
  }
  bool has_goals = false;
  for (const Plan& plan : doc.plans) {
    for (const Section& s : plan.sections) {
      for (const Item& item : s.items) has_goals |= item.block == BlockKind::kGoal;
    }
  }
  kinds->Classify(title, std::string_view(text.data(), opening), has_goals, options.kind, &doc);
}

StatusOr<Document> StructureParser::Parse(SourceText source, Diagnostics* diag,
                                          const ParseOptions& options) const {
  Document doc;
  doc.file = source.path;
  doc.id = std::filesystem::path(source.path).stem().string();
  doc.encoding = source.encoding;
  doc.source = std::move(source.text);
  doc.line_pages = std::move(source.line_pages);
  MappedText working = Normalize(doc.source);
  SourceMap source_map(doc.source);
  LaidOutText laid = impl_->layout->Reflow(working, source_map);
  doc.working = std::move(laid.text);
  std::vector<size_t> cover;
  impl_->Walk(doc, laid, &cover, diag);
  impl_->FillMetadata(doc, laid, cover);
  Status s = impl_->Check(doc, diag);
  if (!s.ok()) return s;
  impl_->Classify(laid, options, doc);
  impl_->WarnTraditional(doc, diag);
  return doc;
}

int StructureParser::expectations_checked() const { return impl_->expectations; }

StatusOr<Document> StructureParser::ParseFile(const std::string& path, Diagnostics* diag,
                                              uint64_t max_file_size,
                                              const ParseOptions& options) const {
  auto source = ReadSource(path, max_file_size);
  if (!source.ok()) return source.status();
  return Parse(std::move(*source), diag, options);
}

}  // namespace guihua
