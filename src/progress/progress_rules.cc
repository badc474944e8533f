// rules/progress.rules: the cues by which a report says a value met its target or not, and the
// tolerance of `~` (左右) targets. RE2 stays in this file.
#include <re2/re2.h>

#include <cmath>
#include <cstdlib>
#include <map>

#include "common/rule_file.h"
#include "normalize/normalize.h"
#include "progress/progress.h"

namespace guihua {

struct ProgressRules::Impl {
  struct Cue {
    std::string name;
    ProgressStatus says;
    std::unique_ptr<RE2> re;
    const RuleBlock* block;
  };
  struct Tolerance {
    double amount = 0;
    bool share = false;  // a share of the target ("5%") rather than an amount in its unit
  };
  std::string path;
  std::vector<RuleBlock> blocks;
  std::vector<Cue> cues;
  Tolerance fallback{0.05, true};
  std::map<std::string, Tolerance> tolerances;  // by indicator id
};

namespace {

bool ParseTolerance(const std::string& text, double* amount, bool* share) {
  std::string number = text;
  *share = !number.empty() && number.back() == '%';
  if (*share) number.pop_back();
  char* end = nullptr;
  double v = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || v < 0) return false;
  *amount = *share ? v / 100 : v;
  return true;
}

const std::map<std::string, ProgressStatus>& SaysNames() {
  static const std::map<std::string, ProgressStatus> names = {
      {"achieved", ProgressStatus::kAchieved}, {"not_achieved", ProgressStatus::kNotAchieved}};
  return names;
}

}  // namespace

ProgressRules::ProgressRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProgressRules::~ProgressRules() = default;

StatusOr<std::unique_ptr<ProgressRules>> ProgressRules::Load(const std::string& rules_dir,
                                                            Diagnostics* diag) {
  auto impl = std::make_unique<Impl>();
  impl->path = rules_dir + "/progress.rules";
  auto blocks = ReadRuleFile(impl->path, diag);
  if (!blocks.ok()) return blocks.status();
  impl->blocks = std::move(*blocks);
  RE2::Options options;
  options.set_log_errors(false);
  for (const RuleBlock& block : impl->blocks) {
    const RuleField* says = block.Find("says");
    const RuleField* pattern = block.Find("pattern");
    const RuleField* tolerance = block.Find("tolerance");
    if (tolerance) {
      Impl::Tolerance t;
      if (!ParseTolerance(tolerance->value, &t.amount, &t.share)) {
        diag->Error(impl->path, tolerance->line, tolerance->column, "tolerance must be a number, or a number and %");
        continue;
      }
      const RuleField* indicator = block.Find("indicator");
      if (indicator) {
        impl->tolerances[indicator->value] = t;
      } else {
        impl->fallback = t;
      }
      continue;
    }
    auto name = says ? SaysNames().find(says->value) : SaysNames().end();
    if (name == SaysNames().end() || !pattern) {
      diag->Error(impl->path, block.line, 1,
                  "rule " + block.name + " needs says: achieved|not_achieved and pattern:, or tolerance:");
      continue;
    }
    // Wrapped in a group, so that Says() can give the words that matched.
    auto re = std::make_unique<RE2>("(" + pattern->value + ")", options);
    if (!re->ok()) {
      diag->Error(impl->path, pattern->line, pattern->column, "bad pattern: " + re->error());
      continue;
    }
    impl->cues.push_back({block.name, name->second, std::move(re), &block});
  }
  if (diag->has_errors()) return Status::InvalidInput("errors in " + impl->path);
  return std::unique_ptr<ProgressRules>(new ProgressRules(std::move(impl)));
}

ProgressStatus ProgressRules::Says(std::string_view sentence, size_t from, std::string* cue) const {
  if (from > sentence.size()) return ProgressStatus::kNoData;
  // The patterns are written for the working text, as every rule file's are.
  const std::string rest = NormalizeString(sentence.substr(from));
  for (const Impl::Cue& c : impl_->cues) {
    re2::StringPiece match;
    if (RE2::PartialMatch(rest, *c.re, &match)) {
      if (cue) *cue = std::string(match);
      return c.says;
    }
  }
  return ProgressStatus::kNoData;
}

double ProgressRules::Tolerance(const std::string& indicator_id, double target) const {
  auto it = impl_->tolerances.find(indicator_id);
  const Impl::Tolerance& t = it == impl_->tolerances.end() ? impl_->fallback : it->second;
  return t.share ? t.amount * std::abs(target) : t.amount;
}

int ProgressRules::CheckExpectations(Diagnostics* diag) const {
  int checked = 0;
  for (const Impl::Cue& c : impl_->cues) {
    for (bool expect : {true, false}) {
      for (const RuleField* f : c.block->FindAll(expect ? "expect" : "reject")) {
        ++checked;
        bool found = RE2::PartialMatch(NormalizeString(f->value), *c.re);
        if (found != expect) {
          diag->Error(impl_->path, f->line, f->column,
                      "rule " + c.name + (expect ? " does not match this" : " matches this"));
        }
      }
    }
  }
  return checked;
}

}  // namespace guihua
