// Loads rules/metadata.rules: one rule per role of the table below (its name, the groups the code
// reads, whether it must match a whole paragraph), each checked against its expect/reject lines.
#include "structure/internal/metadata_rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "common/rule_file.h"
#include "normalize/normalize.h"

namespace guihua::internal {
namespace {

struct Role {
  const char* name;
  std::unique_ptr<LazyRegex> MetadataRules::*pattern;
  int groups;  // capturing groups the code reads
  bool whole;  // FullMatch against a paragraph; else searched
};

constexpr Role kRoles[] = {
    {"doc_number", &MetadataRules::doc_number, 1, false},
    {"date", &MetadataRules::date, 3, false},
    {"issuer_signature", &MetadataRules::issuer_signature, 1, true},
    {"issuer_heading", &MetadataRules::issuer_heading, 1, false},
    {"period_range", &MetadataRules::period_range, 2, false},
    {"five_year", &MetadataRules::five_year, 1, false},
    {"cite", &MetadataRules::cite, 1, false},
    {"parent_plan", &MetadataRules::parent_plan, 0, false},
};

// The groups of `re` in `input` joined by " | ", or nullopt when it does not match.
std::optional<std::string> MatchGroups(const RE2& re, bool whole, const std::string& input) {
  int n = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(n + 1);
  if (!re.Match(input, 0, input.size(), whole ? RE2::ANCHOR_BOTH : RE2::UNANCHORED, groups.data(),
                n + 1)) {
    return std::nullopt;
  }
  std::string joined;
  for (int i = 1; i <= n; ++i) {
    if (i > 1) joined += " | ";
    joined += std::string(groups[i]);
  }
  return joined;
}

// Runs the expect (`LINE` or `LINE => G1 | G2`) and reject lines of one rule; returns their count.
int CheckExpectations(const RuleBlock& block, const Role& role, const RE2& re,
                      const std::string& path, Diagnostics* diag) {
  for (const RuleField* f : block.FindAll("expect")) {
    std::string line = f->value;
    size_t arrow = line.find(" => ");
    std::string want;  // each group normalized as the input is (NormalizeString drops spaces)
    bool first = true;
    for (size_t at = arrow == std::string::npos ? line.size() : arrow + 4; at < line.size();) {
      size_t bar = std::min(line.find(" | ", at), line.size());
      if (!first) want += " | ";
      first = false;
      want += NormalizeString(line.substr(at, bar - at));
      at = bar == line.size() ? bar : bar + 3;
    }
    auto got = MatchGroups(re, role.whole, NormalizeString(line.substr(0, arrow)));
    if (!got) {
      diag->Error(path, f->line, f->column, "rule " + block.name + " does not match this");
    } else if (arrow != std::string::npos && *got != want) {
      diag->Error(path, f->line, f->column, "rule " + block.name + " gives '" + *got + "'");
    }
  }
  for (const RuleField* f : block.FindAll("reject")) {
    if (MatchGroups(re, role.whole, NormalizeString(f->value))) {
      diag->Error(path, f->line, f->column, "rule " + block.name + " matches this");
    }
  }
  return static_cast<int>(block.FindAll("expect").size() + block.FindAll("reject").size());
}

const Role* FindRole(const std::string& name) {
  for (const Role& role : kRoles) {
    if (name == role.name) return &role;
  }
  return nullptr;
}

}  // namespace

StatusOr<MetadataRules> MetadataRules::Load(const std::string& path, Diagnostics* diag,
                                            bool run_expectations) {
  auto blocks = ReadRuleFile(path, diag);
  if (!blocks.ok()) return blocks.status();
  MetadataRules rules;
  for (const RuleBlock& block : *blocks) {
    const Role* role = FindRole(block.name);
    const RuleField* pattern = block.Find("pattern");
    if (role == nullptr) {
      diag->Error(path, block.line, 1, "unknown rule " + block.name);
      continue;
    }
    if (rules.*role->pattern) {
      diag->Error(path, block.line, 1, "rule " + block.name + " is given twice");
      continue;
    }
    if (pattern == nullptr) {
      diag->Error(path, block.line, 1, "rule " + block.name + " needs pattern:");
      continue;
    }
    std::string error = LazyRegex::ParseError(pattern->value);
    if (!error.empty()) {
      diag->Error(path, pattern->line, pattern->column, "bad pattern: " + error);
      continue;
    }
    auto re = std::make_unique<LazyRegex>(pattern->value);
    if (LazyRegex::CapturingGroups(pattern->value) != role->groups) {
      diag->Error(path, pattern->line, pattern->column,
                  "rule " + block.name + " needs " + std::to_string(role->groups) +
                      " capturing groups (use (?:...) for others)");
      continue;
    }
    if (run_expectations) rules.expectations += CheckExpectations(block, *role, *re, path, diag);
    rules.*role->pattern = std::move(re);
  }
  for (const Role& role : kRoles) {
    if (!(rules.*role.pattern)) diag->Error(path, 0, 0, std::string("no rule ") + role.name);
  }
  if (diag->has_errors()) return Status::InvalidInput("errors in " + path);
  return rules;
}

}  // namespace guihua::internal
