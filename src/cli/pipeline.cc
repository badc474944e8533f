// Shared set-up of the subcommands.
#include "cli/pipeline.h"

#include <iostream>

namespace guihua::cli {

void PrintDiagnostics(const Diagnostics& diag) {
  for (const Diagnostic& d : diag.all()) std::cerr << d.ToString() << "\n";
}

std::unique_ptr<StructureParser> LoadStructureParser(const GlobalOptions& global) {
  Diagnostics diag;
  auto parser = StructureParser::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!parser.ok()) {
    PrintError(global.rules_dir, parser.status().message());
    return nullptr;
  }
  return std::move(*parser);
}

std::unique_ptr<Extractor> LoadExtractor(const GlobalOptions& global) {
  Diagnostics diag;
  auto extractor = Extractor::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!extractor.ok()) {
    PrintError(global.rules_dir, extractor.status().message());
    return nullptr;
  }
  return std::move(*extractor);
}

std::shared_ptr<const NameTables> LoadNames(const GlobalOptions& global,
                                            std::shared_ptr<const Extractor> extractor) {
  if (!extractor) extractor = LoadExtractor(global);
  if (!extractor) return nullptr;
  Diagnostics diag;
  auto names = NameTables::Load(global.rules_dir, std::move(extractor), &diag);
  PrintDiagnostics(diag);
  if (!names.ok()) {
    PrintError(global.rules_dir, names.status().message());
    return nullptr;
  }
  return *names;
}

}  // namespace guihua::cli
