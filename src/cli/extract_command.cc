// `guihua extract FILE... [--format jsonl|csv|table]`: the numeric targets, baselines and
// direction goals of each plan file. A file that fails is reported as `FILE: cause`; the others
// still run, and the exit code is 1 at the end.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "render/targets.h"
#include "structure/structure.h"

namespace guihua::cli {
Command AddExtractCommand(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand("extract", "Extract numeric targets, baselines and direction goals");
  struct Options {
    std::vector<std::string> files;
    std::string kind;
    std::string format = "jsonl";
    Lang lang = Lang::kZh;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("files", options->files, "Plan files")->required();
  AddKindOption(sub, &options->kind);
  sub->add_option("--format", options->format, "jsonl (one object per target), csv or table")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}))
      ->capture_default_str();
  AddLangOption(sub, &options->lang);

  return [options, &global]() {
    Diagnostics rule_diag;
    auto parser = StructureParser::Load(global.rules_dir, &rule_diag);
    auto extractor = Extractor::Load(global.rules_dir, &rule_diag);
    if (!parser.ok() || !extractor.ok()) {
      PrintDiagnostics(rule_diag);
      PrintError(global.rules_dir,
                 !parser.ok() ? parser.status().message() : extractor.status().message());
      return 2;
    }
    TargetFormat format = TargetFormat::kJsonl;
    ParseTargetFormat(options->format, &format);
    TargetWriter writer(format, &std::cout, options->lang);
    int failures = 0;
    ReadOptions read = MakeReadOptions(global, options->kind);
    for (const std::string& file : options->files) {
      Diagnostics diag;
      auto plan = ReadPlan({parser->get(), extractor->get()}, file, &diag, read);
      if (!plan.ok()) {
        PrintError(file, plan.status().message());
        ++failures;
        continue;
      }
      // Numbers that cannot be read whole are warned about; the parse's own notes are not
      // repeated here (`guihua parse` shows them).
      writer.Add(plan->document, plan->targets);
      PrintDiagnostics(plan->extract_warnings);
    }
    writer.Finish();
    std::cout.flush();
    KeepUntilExit(std::move(*parser));
    KeepUntilExit(std::move(*extractor));
    return failures ? 1 : 0;
  };
}

}  // namespace guihua::cli
