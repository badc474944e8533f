// `guihua rules check`: loads every rule set and runs every `expect` line; each failure and each
// syntax error is printed as `rules/FILE:LINE:COL: message`, then a summary line.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "extract/extract.h"
#include "progress/progress.h"
#include "structure/structure.h"

namespace guihua::cli {
namespace {

void PrintAll(const Diagnostics& diag, size_t from = 0) {
  for (size_t i = from; i < diag.all().size(); ++i) std::cerr << diag.all()[i].ToString() << "\n";
}

}  // namespace

Command AddRulesCommand(CLI::App* sub, const GlobalOptions& global) {
  auto* check = sub->add_subcommand("check", "Load all rules and run every expect line");
  sub->require_subcommand(1);
  (void)check;
  return [&global]() {
    Diagnostics diag;
    // The structure rules check their expect/reject lines as they load, when asked to.
    auto structure = StructureParser::Load(global.rules_dir, &diag, /*run_expectations=*/true);
    auto extractor = Extractor::Load(global.rules_dir, &diag);
    auto progress = ProgressRules::Load(global.rules_dir, &diag);
    if (!structure.ok() || !extractor.ok() || !progress.ok()) {
      PrintAll(diag);
      size_t errors = 0;
      for (const Diagnostic& d : diag.all()) errors += d.severity == Diagnostic::Severity::kError;
      std::cout << "rules check: " << errors << " rule file error" << (errors == 1 ? "" : "s")
                << ", expectations not run\n";
      return 1;
    }
    PrintAll(diag);
    size_t before = diag.all().size();
    int checked = (*extractor)->CheckExpectations(&diag) + (*structure)->expectations_checked() +
                  (*progress)->CheckExpectations(&diag);
    PrintAll(diag, before);
    int failed = static_cast<int>(diag.all().size() - before);
    std::cout << "rules check: " << (checked - failed) << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
  };
}

}  // namespace guihua::cli
