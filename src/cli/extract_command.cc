// `guihua extract FILE... [--format jsonl|csv|table]`: the numeric targets, baselines and
// direction goals of each plan file. A file that fails is reported as `FILE: cause`; the others
// still run, and the exit code is 1 at the end.
#include <CLI/CLI.hpp>

#include <future>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "render/targets.h"
#include "structure/structure.h"

namespace guihua::cli {
// Threads that analyze a file's items: the machine's second core would idle otherwise.
constexpr int kExtractThreads = 2;

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
    // The extraction rules load on a second thread while the structure rules load and the first
    // file is parsed: in a cold run of one plan each of the two is about a third of the time.
    Diagnostics extractor_diag;
    auto pending = std::async(std::launch::async, [&global, &extractor_diag] {
      return Extractor::Load(global.rules_dir, &extractor_diag);
    });
    Diagnostics rule_diag;
    auto parser = StructureParser::Load(global.rules_dir, &rule_diag);
    std::optional<StatusOr<std::unique_ptr<Extractor>>> extractor;
    // The extractor, once loaded; false (after printing every rule problem) when a stage failed.
    auto loaded = [&]() {
      if (!extractor) {
        extractor.emplace(pending.get());
        rule_diag.Append(extractor_diag);
      }
      if (parser.ok() && extractor->ok()) return true;
      PrintDiagnostics(rule_diag);
      PrintError(global.rules_dir,
                 !parser.ok() ? parser.status().message() : extractor->status().message());
      return false;
    };
    if (!parser.ok()) {
      loaded();  // prints the problems of both rule sets
      return 2;
    }
    TargetFormat format = TargetFormat::kJsonl;
    ParseTargetFormat(options->format, &format);
    TargetWriter writer(format, &std::cout, options->lang);
    int failures = 0;
    ReadOptions read = MakeReadOptions(global, options->kind);
    read.parse.targets_only = true;  // the parse's metadata and warnings are not printed here
    for (const std::string& file : options->files) {
      Diagnostics diag;
      auto plan = ReadPlan({parser->get(), nullptr}, file, &diag, read);
      if (!loaded()) return 2;  // before anything of the first file is printed
      if (!plan.ok()) {
        PrintError(file, plan.status().message());
        ++failures;
        continue;
      }
      plan->targets = (**extractor)->ExtractDocument(plan->document, &plan->extract_warnings,
                                                     kExtractThreads);
      // Numbers that cannot be read whole are warned about; the parse's own notes are not
      // repeated here (`guihua parse` shows them).
      writer.Add(plan->document, plan->targets);
      PrintDiagnostics(plan->extract_warnings);
    }
    if (!loaded()) return 2;
    writer.Finish();
    std::cout.flush();
    KeepUntilExit(std::move(*parser));
    KeepUntilExit(std::move(**extractor));
    return failures ? 1 : 0;
  };
}

}  // namespace guihua::cli
