// Document kinds: the names of DocumentKind and the rules of rules/kinds.rules that tell a plan
// from a report or a text, with what a report is about and the year it refers to.
#include "structure/internal/document_kind.h"

#include <re2/re2.h>

#include "common/lazy_regex.h"
#include "common/mapped_text.h"
#include "common/rule_file.h"
#include "normalize/normalize.h"

namespace guihua {
namespace {

struct KindName {
  DocumentKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {DocumentKind::kPlan, "plan"}, {DocumentKind::kReport, "report"}, {DocumentKind::kText, "text"}};

}  // namespace

const char* DocumentKindName(DocumentKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.name;
  }
  return "text";
}

bool ParseDocumentKind(std::string_view name, DocumentKind* kind) {
  for (const KindName& k : kKindNames) {
    if (name == k.name) {
      *kind = k.kind;
      return true;
    }
  }
  return false;
}

namespace internal {

struct KindRules::Rule {
  enum class Role { kReport, kPlan, kAbout, kYear, kPeriod };
  Role role;
  bool title = true;     // searched in the title
  bool opening = false;  // searched in the opening
  std::unique_ptr<LazyRegex> re;  // compiled on first use: most documents need a few rules only
};

namespace {

constexpr struct {
  const char* name;
  int role;
} kKindRoles[] = {{"report", 0}, {"plan", 1}, {"about", 2}, {"year", 3}, {"period", 4}};

// Checks one `expect:` line ("LINE" or "LINE => GROUP1") or `reject:` line against `re`.
void CheckExpectation(const RuleBlock& block, const RuleField& f, const RE2& re, bool expect,
                      const std::string& path, Diagnostics* diag) {
  std::string line = f.value, want;
  size_t arrow = line.find(" => ");
  if (arrow != std::string::npos) {
    want = NormalizeString(line.substr(arrow + 4));
    line = line.substr(0, arrow);
  }
  std::string input = NormalizeString(line), got;
  bool found = re.NumberOfCapturingGroups() > 0 ? RE2::PartialMatch(input, re, &got)
                                                : RE2::PartialMatch(input, re);
  if (!expect && found) diag->Error(path, f.line, f.column, "rule " + block.name + " matches this");
  if (expect && !found) {
    diag->Error(path, f.line, f.column, "rule " + block.name + " does not match this");
  } else if (expect && arrow != std::string::npos && got != want) {
    diag->Error(path, f.line, f.column, "rule " + block.name + " gives '" + got + "'");
  }
}

}  // namespace

KindRules::KindRules() = default;
KindRules::~KindRules() = default;

StatusOr<std::unique_ptr<KindRules>> KindRules::Load(const std::string& path, Diagnostics* diag,
                                                     bool run_expectations) {
  auto blocks = ReadRuleFile(path, diag);
  if (!blocks.ok()) return blocks.status();
  std::unique_ptr<KindRules> rules(new KindRules());
  for (const RuleBlock& block : *blocks) {
    const RuleField* kind = block.Find("kind");
    const RuleField* pattern = block.Find("pattern");
    const RuleField* scope = block.Find("scope");
    int role = -1;
    for (const auto& r : kKindRoles) {
      if (kind && kind->value == r.name) role = r.role;
    }
    if (role < 0 || !pattern) {
      diag->Error(path, block.line, 1, "rule " + block.name + " needs kind: report|plan|about|year|period and pattern:");
      continue;
    }
    std::string error = LazyRegex::ParseError(pattern->value);
    if (!error.empty()) {
      diag->Error(path, pattern->line, pattern->column, "bad pattern: " + error);
      continue;
    }
    auto re = std::make_unique<LazyRegex>(pattern->value);
    if ((role == 2 || role == 3) && LazyRegex::CapturingGroups(pattern->value) < 1) {
      diag->Error(path, pattern->line, pattern->column, "an about or year rule needs group 1");
      continue;
    }
    const std::string where = scope ? scope->value : "title";
    if (where != "title" && where != "opening" && where != "both") {
      diag->Error(path, scope->line, scope->column, "scope must be title, opening or both");
    }
    if (run_expectations) {
      for (const RuleField* f : block.FindAll("expect")) CheckExpectation(block, *f, *re, true, path, diag);
      for (const RuleField* f : block.FindAll("reject")) CheckExpectation(block, *f, *re, false, path, diag);
      rules->expectations_ +=
          static_cast<int>(block.FindAll("expect").size() + block.FindAll("reject").size());
    }
    rules->rules_.push_back(
        {static_cast<Rule::Role>(role), where != "opening", where != "title", std::move(re)});
  }
  if (diag->has_errors()) return Status::InvalidInput("errors in " + path);
  return rules;
}

// The places a rule searches, in order: the title lines, then the opening.
std::vector<std::string_view> KindRules::Places(const Rule& rule,
                                                const std::vector<std::string_view>& title,
                                                std::string_view opening) {
  std::vector<std::string_view> places;
  if (rule.title) places = title;
  if (rule.opening) places.push_back(opening);
  return places;
}

bool KindRules::Any(int role, const std::vector<std::string_view>& title,
                    std::string_view opening) const {
  for (const Rule& rule : rules_) {
    if (static_cast<int>(rule.role) != role) continue;
    for (std::string_view place : Places(rule, title, opening)) {
      if (RE2::PartialMatch(place, *rule.re)) return true;
    }
  }
  return false;
}

std::string KindRules::About(const std::vector<std::string_view>& title, std::string_view opening,
                             const Document& doc) const {
  for (const Rule& rule : rules_) {
    if (rule.role != Rule::Role::kAbout) continue;
    for (std::string_view place : Places(rule, title, opening)) {
      re2::StringPiece got;
      if (RE2::PartialMatch(place, *rule.re, &got) && !got.empty()) {
        size_t b = got.data() - doc.working.text.data();
        return SourceQuote(doc.working, b, b + got.size(), doc.source);
      }
    }
  }
  return "";
}

int KindRules::Year(const std::vector<std::string_view>& title) const {
  // A period range is not a reference year: 2021—2030年 (a `kind: period` rule) is blanked
  // before the year rules run.
  for (const Rule& rule : rules_) {
    if (rule.role != Rule::Role::kYear) continue;
    for (std::string_view line : title) {
      std::string text(line);
      for (const Rule& period : rules_) {
        if (period.role == Rule::Role::kPeriod) RE2::GlobalReplace(&text, *period.re, " ");
      }
      int year = 0;
      if (RE2::PartialMatch(text, *rule.re, &year) && year > 0) return year;
    }
  }
  return 0;
}

void KindRules::Classify(const std::vector<std::string_view>& title, std::string_view opening,
                         bool has_goals, std::optional<DocumentKind> given, Document* doc) const {
  if (given) {
    doc->kind = *given;
  } else if (Any(static_cast<int>(Rule::Role::kReport), title, opening)) {
    doc->kind = DocumentKind::kReport;
  } else if (has_goals || Any(static_cast<int>(Rule::Role::kPlan), title, opening)) {
    doc->kind = DocumentKind::kPlan;
  } else {
    doc->kind = DocumentKind::kText;
  }
  if (doc->kind == DocumentKind::kPlan) return;
  doc->about = About(title, opening, *doc);
  doc->year = Year(title);
  // A report pasted without its title: the first year its opening names (2022年，全区…).
  if (doc->year == 0 && doc->kind == DocumentKind::kReport) doc->year = Year({opening});
}

}  // namespace internal
}  // namespace guihua
