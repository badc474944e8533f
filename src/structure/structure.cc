// Structure stage: walks the reflowed paragraphs with a small state machine (plan → section →
// block → item), classifying each by the rule that matched its first line, then fills in the
// metadata (region, period, issuer, 文号, date, cited parent plans) and checks the result.
#include "structure/structure.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "common/lazy_regex.h"
#include "common/rule_file.h"
#include "common/utf8.h"
#include "layout/layout.h"
#include "normalize/normalize.h"
#include "structure/internal/document_kind.h"
#include "structure/internal/metadata_rules.h"
#include "structure/internal/region_gazetteer.h"
#include "structure/internal/sidecar.h"
#include "structure/internal/walk.h"

namespace guihua {

const char* PlanKindName(PlanKind kind) {
  switch (kind) {
    case PlanKind::kWomen: return "women";
    case PlanKind::kChildren: return "children";
    default: return "";
  }
}

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kGoal: return "goal";
    case BlockKind::kMeasure: return "measure";
    default: return "other";
  }
}


struct StructureParser::Impl {
  std::unique_ptr<Layout> layout;
  internal::WalkRules walk;
  internal::RegionGazetteer gazetteer;
  std::unique_ptr<internal::KindRules> kinds;
  int expectations = 0;

  internal::MetadataRules metadata;  // rules/metadata.rules

  Status LoadRules(const std::string& dir, Diagnostics* diag, bool run_expectations);
  Status LoadLineRules(const std::string& path, bool run_expectations,
                       std::vector<LineRule>* line_rules,
                       Diagnostics* diag);
  Status LoadDomains(const std::string& path, Diagnostics* diag);
  void FillMetadata(Document& doc, const LaidOutText& laid, const std::vector<size_t>& cover,
                    bool targets_only) const;
  std::string ReadCoverNotice(Document& doc, const LaidOutText& laid,
                              const std::vector<size_t>& cover, bool targets_only) const;
  bool PeriodIn(std::string_view s, Period* out) const;
  void FindPeriod(Document& doc, const std::string& headline) const;
  void FindParentPlans(Document& doc) const;
  void Check(const Document& doc, Diagnostics* diag) const;
  void WarnTraditional(const Document& doc, Diagnostics* diag) const;
  void Classify(const LaidOutText& laid, const ParseOptions& options, Document& doc) const;
};

StructureParser::StructureParser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StructureParser::~StructureParser() = default;

namespace {

constexpr struct {
  const char* name;
  LineRule::Role role;
} kLayoutRoles[] = {{"drop", LineRule::Role::kDrop},
                    {"heading", LineRule::Role::kHeading},
                    {"start", LineRule::Role::kStart},
                    {"none", LineRule::Role::kNone}};

// The `layout:` of a structure rule; an unknown value is an error in `diag`.
LineRule::Role LayoutRole(const RuleField* field, const std::string& path, Diagnostics* diag) {
  if (field == nullptr) return LineRule::Role::kNone;
  for (const auto& r : kLayoutRoles) {
    if (field->value == r.name) return r.role;
  }
  diag->Error(path, field->line, field->column, "layout must be drop, heading, start or none");
  return LineRule::Role::kNone;
}

// Runs the expect and reject lines of a structure rule (whole-line matches); returns their count.
int CheckLineRule(const RuleBlock& block, const RE2& re, const std::string& path,
                  Diagnostics* diag) {
  for (const RuleField* f : block.FindAll("expect")) {
    if (!RE2::FullMatch(NormalizeString(f->value), re)) {
      diag->Error(path, f->line, f->column, "rule " + block.name + " does not match this");
    }
  }
  for (const RuleField* f : block.FindAll("reject")) {
    if (RE2::FullMatch(NormalizeString(f->value), re)) {
      diag->Error(path, f->line, f->column, "rule " + block.name + " matches this");
    }
  }
  return static_cast<int>(block.FindAll("expect").size() + block.FindAll("reject").size());
}

}  // namespace

// rules/structure.rules: the line rules of the layout, and the kind of each for the walk.
Status StructureParser::Impl::LoadLineRules(const std::string& path, bool run_expectations,
                                            std::vector<LineRule>* line_rules,
                                            Diagnostics* diag) {
  auto blocks = ReadRuleFile(path, diag);
  if (!blocks.ok()) return blocks.status();
  for (const RuleBlock& block : *blocks) {
    const RuleField* kind = block.Find("kind");
    const RuleField* pattern = block.Find("pattern");
    if (!kind || !pattern) {
      diag->Error(path, block.line, 1, "rule " + block.name + " needs kind: and pattern:");
      continue;
    }
    std::string error = LazyRegex::ParseError(pattern->value);
    if (!error.empty()) {
      diag->Error(path, pattern->line, pattern->column, "bad pattern: " + error);
      continue;
    }
    auto re = std::make_unique<LazyRegex>(pattern->value);
    LineRule::Role role = LayoutRole(block.Find("layout"), path, diag);
    if (run_expectations) expectations += CheckLineRule(block, *re, path, diag);
    const RuleField* numbered = block.Find("numbered");
    const RuleField* automaton = block.Find("automaton");
    if (automaton && automaton->value != "own" && automaton->value != "shared") {
      diag->Error(path, automaton->line, automaton->column, "automaton must be own or shared");
    }
    line_rules->push_back({block.name, pattern->value, role, numbered && numbered->value == "yes",
                           automaton && automaton->value == "own"});
    walk.kind_of_rule[block.name] = kind->value;
    walk.pattern_of_rule[block.name] = std::move(re);
  }
  return Status::Ok();
}

// rules/domains.tsv: domain title keywords → domain ids.
Status StructureParser::Impl::LoadDomains(const std::string& path, Diagnostics* diag) {
  std::vector<std::string> header;
  auto rows = ReadTable(path, &header);
  if (!rows.ok()) return rows.status();
  for (const TableRow& row : *rows) {
    if (row.cells.size() != 3 || (row.cells[0] != "women" && row.cells[0] != "children")) {
      diag->Error(path, row.line, 1, "expected: women|children keyword id");
      continue;
    }
    walk.domains.push_back({row.cells[0] == "women" ? PlanKind::kWomen : PlanKind::kChildren,
                            row.cells[1], row.cells[2]});
  }
  return Status::Ok();
}

Status StructureParser::Impl::LoadRules(const std::string& dir, Diagnostics* diag,
                                        bool run_expectations) {
  std::vector<LineRule> line_rules;
  Status s = LoadLineRules(dir + "/structure.rules", run_expectations, &line_rules, diag);
  if (!s.ok()) return s;
  s = LoadDomains(dir + "/domains.tsv", diag);
  if (!s.ok()) return s;

  auto g = internal::RegionGazetteer::Load(dir + "/regions.tsv", diag);
  if (!g.ok()) return g.status();
  gazetteer = std::move(*g);

  auto k = internal::KindRules::Load(dir + "/kinds.rules", diag, run_expectations);
  if (!k.ok()) return k.status();
  kinds = std::move(*k);
  expectations += kinds->expectations();

  auto m = internal::MetadataRules::Load(dir + "/metadata.rules", diag, run_expectations);
  if (!m.ok()) return m.status();
  metadata = std::move(*m);
  expectations += metadata.expectations;

  if (diag->has_errors()) return Status::InvalidInput("errors in the structure rules");
  auto made = Layout::Create(line_rules);
  if (!made.ok()) return made.status();
  layout = std::move(*made);
  return Status::Ok();
}

StatusOr<std::unique_ptr<StructureParser>> StructureParser::Load(const std::string& rules_dir,
                                                                 Diagnostics* diag,
                                                                 bool run_expectations) {
  auto impl = std::make_unique<Impl>();
  Status s = impl->LoadRules(rules_dir, diag, run_expectations);
  if (!s.ok()) return s;
  return std::unique_ptr<StructureParser>(new StructureParser(std::move(impl)));
}

namespace {

// `piece` (a view into doc.working.text) as printed in the source.
std::string Quote(const Document& doc, re2::StringPiece piece) {
  size_t b = piece.data() - doc.working.text.data();
  return SourceQuote(doc.working, b, b + piece.size(), doc.source);
}

}  // namespace

// Cover notice: 文号, issuer, date (none of them when `targets_only`). Returns the cover's
// paragraphs run together (a headline for the period and the region).
std::string StructureParser::Impl::ReadCoverNotice(Document& doc, const LaidOutText& laid,
                                                   const std::vector<size_t>& cover,
                                                   bool targets_only) const {
  const std::string& text = doc.working.text;
  std::string headline, heading_issuer;
  for (size_t index : cover) {
    const Paragraph& p = laid.paragraphs[index];
    re2::StringPiece para(text.data() + p.begin, p.end - p.begin);
    if (targets_only) {
      headline.append(para.data(), para.size());
      continue;
    }
    re2::StringPiece number, issuer, y, m, d;
    if (doc.doc_number.empty() && RE2::PartialMatch(para, *metadata.doc_number, &number)) {
      doc.doc_number = Quote(doc, number);
    }
    if (RE2::FullMatch(para, *metadata.issuer_signature, &issuer)) {
      doc.issuer = Quote(doc, issuer);
    } else if (heading_issuer.empty() && RE2::PartialMatch(para, *metadata.issuer_heading, &issuer)) {
      heading_issuer = Quote(doc, issuer);
    }
    re2::StringPiece rest = para;
    while (RE2::FindAndConsume(&rest, *metadata.date, &y, &m, &d)) {  // the last date signs the notice
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", std::atoi(std::string(y).c_str()),
                    std::atoi(std::string(m).c_str()), std::atoi(std::string(d).c_str()));
      doc.date = buf;
    }
    headline.append(para.data(), para.size());
  }
  if (doc.issuer.empty()) doc.issuer = heading_issuer;
  return headline;
}

// The period `s` names, as a range (2021—2030) or a five-year plan (十四五).
bool StructureParser::Impl::PeriodIn(std::string_view s, Period* out) const {
  re2::StringPiece a, b, n;
  if (RE2::PartialMatch(s, *metadata.period_range, &a, &b)) {
    *out = {std::atoi(std::string(a).c_str()), std::atoi(std::string(b).c_str())};
    return true;
  }
  if (RE2::PartialMatch(s, *metadata.five_year, &n)) {
    // 十四五 → the 14th five-year plan. From the 3rd (1966–1970) on they follow each other.
    int first = 1966 + (internal::ChineseNumber(n) + 10 - 3) * 5;
    *out = {first, first + 4};
    return true;
  }
  return false;
}

// Period: from a plan title, else from the cover, else the latest period the prefaces name.
void StructureParser::Impl::FindPeriod(Document& doc, const std::string& headline) const {
  for (const Plan& plan : doc.plans) {
    if (doc.period.start == 0) PeriodIn(NormalizeString(plan.title), &doc.period);
  }
  if (doc.period.start == 0) PeriodIn(headline, &doc.period);
  if (doc.period.start != 0) return;
  for (const Plan& plan : doc.plans) {
    for (const Section& s : plan.sections) {
      if (s.is_domain()) break;
      for (const Item& item : s.items) {
        re2::StringPiece input(item.text), a, b;
        while (RE2::FindAndConsume(&input, *metadata.period_range, &a, &b)) {
          Period found{std::atoi(std::string(a).c_str()), std::atoi(std::string(b).c_str())};
          if (found.end > doc.period.end) doc.period = found;
        }
      }
    }
  }
}

// Parent plans: cited women's/children's plans and outlines that are not this district's own.
void StructureParser::Impl::FindParentPlans(Document& doc) const {
  std::vector<std::string> own = gazetteer.DistrictNames(doc.region);
  std::set<std::string> seen;
  re2::StringPiece input(doc.working.text), title;
  while (RE2::FindAndConsume(&input, *metadata.cite, &title)) {
    std::string t(title);
    bool about_plan = RE2::PartialMatch(t, *metadata.parent_plan);
    bool is_own = std::any_of(own.begin(), own.end(), [&](const std::string& name) {
      return t.find(name) != std::string::npos;
    });
    std::string printed = Quote(doc, title);
    if (about_plan && !is_own && seen.insert(NormalizeString(printed)).second) {
      doc.cites.push_back(printed);
    }
  }
}

void StructureParser::Impl::FillMetadata(Document& doc, const LaidOutText& laid,
                                         const std::vector<size_t>& cover,
                                         bool targets_only) const {
  std::string headline = ReadCoverNotice(doc, laid, cover, targets_only);
  for (const Plan& plan : doc.plans) headline += NormalizeString(plan.title);
  FindPeriod(doc, headline);
  doc.region = gazetteer.Infer(headline, doc.working.text);
  if (!targets_only) FindParentPlans(doc);
}

// A plan's domains each have goals and measures, once; a report's or a text's need not.
void StructureParser::Impl::Check(const Document& doc, Diagnostics* diag) const {
  if (doc.kind != DocumentKind::kPlan) return;
  for (const Plan& plan : doc.plans) {
    std::map<std::string, const Section*> by_id;
    for (const Section& s : plan.sections) {
      if (!s.is_domain()) continue;
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
  // A title run into the first paragraph (reflow joins a line that ends no sentence): its head.
  if (title.empty() && !laid.paragraphs.empty()) {
    const Paragraph& p = laid.paragraphs.front();
    std::string_view para(text.data() + p.begin, p.end - p.begin);
    size_t cut = std::min({para.size(), para.find("。"), kMaxTitleBytes * 5 / 8});
    while (cut < para.size() && (static_cast<unsigned char>(para[cut]) & 0xC0) == 0x80) ++cut;
    title.push_back(para.substr(0, cut));
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

namespace {

bool HasDomains(const Document& doc) {
  for (const Plan& plan : doc.plans) {
    for (const Section& s : plan.sections) {
      if (s.is_domain()) return true;
    }
  }
  return false;
}

// A warning's kind: its message with the quoted parts left out ("unknown heading '…'").
std::string WarningKind(const std::string& message) {
  std::string kind;
  bool quoted = false;
  for (char c : message) {
    if (c == '\'') {
      if (!quoted) kind += "'…'";
      quoted = !quoted;
    } else if (!quoted) {
      kind += c;
    }
  }
  return kind;
}

// At most kMaxPerKind warnings of each kind, then one line with the count of the rest: a file of
// 2,000 repeated headings gives a screen of warnings, not 6,000 lines.
void CapWarnings(const Diagnostics& found, const std::string& file, Diagnostics* diag) {
  constexpr int kMaxPerKind = 20;
  std::map<std::string, int> count;
  std::vector<std::string> order;
  for (const Diagnostic& d : found.all()) {
    std::string kind = WarningKind(d.message);
    if (count[kind]++ == 0) order.push_back(kind);
    if (count[kind] > kMaxPerKind) continue;
    if (d.severity == Diagnostic::Severity::kError) {
      diag->Error(d.file, d.line, d.column, d.message);
    } else {
      diag->Warn(d.file, d.line, d.column, d.message);
    }
  }
  for (const std::string& kind : order) {
    if (count[kind] <= kMaxPerKind) continue;
    diag->Warn(file, 0, 0,
               std::to_string(count[kind] - kMaxPerKind) + " more warnings like \"" + kind +
                   "\" not listed");
  }
}

bool HasHan(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    if (utf8::IsHan(utf8::Next(text, pos))) return true;
  }
  return false;
}

// A plan's cover notice is metadata; a report's or a text's opening paragraphs are its text (a
// headline with a figure, the summary before its sections). They become the items of a first plan
// outside the women's and children's plans.
void AdoptCover(internal::Cover& cover, Document& doc) {
  if (cover.items.empty()) return;
  Section section;
  section.line = cover.items.front().line;
  section.items = std::move(cover.items);
  Plan plan{PlanKind::kNone, "", section.line, {}};
  plan.sections.push_back(std::move(section));
  doc.plans.insert(doc.plans.begin(), std::move(plan));
}

}  // namespace

StatusOr<Document> StructureParser::Parse(SourceText source, Diagnostics* diag,
                                          const ParseOptions& options) const {
  MappedText working = Normalize(source.text);
  return ParseWorking(std::move(source), std::move(working), diag, options);
}

StatusOr<Document> StructureParser::ParseWorking(SourceText source, MappedText working,
                                                 Diagnostics* diag,
                                                 const ParseOptions& options) const {
  Document doc;
  doc.file = source.path;
  doc.id = std::filesystem::path(source.path).stem().string();
  doc.encoding = source.encoding;
  doc.source = std::move(source.text);
  doc.line_pages = std::move(source.line_pages);
  SourceMap source_map(doc.source);
  LaidOutText laid = impl_->layout->Reflow(working, source_map);
  doc.working = std::move(laid.text);
  if (!HasHan(doc.working.text)) return Status::InvalidInput("no Chinese text");
  internal::Cover cover;
  Diagnostics found;  // capped into `diag` at the end
  internal::WalkParagraphs(impl_->walk, laid, &doc, &cover, &found);
  impl_->FillMetadata(doc, laid, cover.paragraphs, options.targets_only);
  impl_->Classify(laid, options, doc);
  // A plan's cover is its notice; a report's, a text's or a plan excerpt's (no domains) is text.
  if (doc.kind != DocumentKind::kPlan || !HasDomains(doc)) AdoptCover(cover, doc);
  if (!options.targets_only) {
    impl_->Check(doc, &found);
    impl_->WarnTraditional(doc, &found);
  }
  CapWarnings(found, doc.file, diag);
  if (options.sidecar) {
    // The sidecar overrides what the text suggests; --kind overrides the sidecar.
    Status s = internal::ApplySidecar(internal::SidecarPath(doc.file), impl_->gazetteer, &doc);
    if (!s.ok()) return s;
    if (options.kind) doc.kind = *options.kind;
  }
  return doc;
}

void StructureParser::CompilePatterns() const { impl_->layout->CompileShared(); }

int StructureParser::expectations_checked() const { return impl_->expectations; }

StatusOr<Document> StructureParser::ParseFile(const std::string& path, Diagnostics* diag,
                                              uint64_t max_file_size,
                                              const ParseOptions& options) const {
  auto file = PrepareFile(path, max_file_size);
  if (!file.ok()) return file.status();
  return ParseFile(std::move(*file), diag, options);
}

StatusOr<PreparedFile> StructureParser::PrepareFile(const std::string& path,
                                                    uint64_t max_file_size) {
  auto source = ReadSource(path, max_file_size);
  if (!source.ok()) return source.status();
  PreparedFile file{std::move(*source), {}};
  file.working = Normalize(file.source.text);
  return file;
}

StatusOr<Document> StructureParser::ParseFile(PreparedFile file, Diagnostics* diag,
                                              const ParseOptions& options) const {
  ParseOptions with_sidecar = options;
  with_sidecar.sidecar = true;
  return ParseWorking(std::move(file.source), std::move(file.working), diag, with_sidecar);
}

}  // namespace guihua
