// `guihua parse FILE... [--format json|table]`: the document model of each file.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "render/document_json.h"
#include "render/text_table.h"
#include "structure/structure.h"

namespace guihua::cli {

Command AddParseCommand(CLI::App* sub, const GlobalOptions& global) {
  struct Options {
    std::vector<std::string> files;
    std::string kind;
    std::string format = "json";
  };
  auto options = std::make_shared<Options>();
  sub->add_option("files", options->files, "Plan files (txt)")->required();
  AddKindOption(sub, &options->kind);
  sub->add_option("--format", options->format, "json (one object per file) or table")
      ->check(CLI::IsMember({"json", "table"}))
      ->capture_default_str();

  return [options, &global]() {
    auto parser = LoadStructureParser(global);
    if (!parser) return 2;
    int failures = 0;
    TextTable summary(DocumentSummaryHeader());
    std::vector<std::vector<std::string>> domain_rows;
    ReadOptions read = MakeReadOptions(global, options->kind);
    for (const std::string& file : options->files) {
      Diagnostics diag;
      auto plan = ReadPlan({parser.get(), nullptr}, file, &diag, read);  // no targets wanted
      PrintDiagnostics(diag);
      if (!plan.ok()) {
        PrintError(file, plan.status().message());
        ++failures;
        continue;
      }
      const Document* doc = &plan->document;
      if (options->format == "json") {
        std::cout << DocumentToJson(*doc) << "\n";
      } else {
        summary.AddRow(DocumentSummaryRow(*doc));
        if (options->files.size() == 1) domain_rows = DomainTableRows(*doc);
      }
    }
    if (options->format == "table") {
      std::cout << summary.Render();
      if (!domain_rows.empty()) {
        TextTable domains(DomainTableHeader());
        for (auto& row : domain_rows) domains.AddRow(std::move(row));
        std::cout << "\n" << domains.Render(60);
      }
    }
    return failures == 0 ? 0 : 1;
  };
}

}  // namespace guihua::cli
