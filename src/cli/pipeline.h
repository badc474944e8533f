// What several subcommands share: loading the stages from the rules folder with their errors
// printed, and running parse + extract on one file.
#ifndef GUIHUA_CLI_PIPELINE_H_
#define GUIHUA_CLI_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "common/diagnostics.h"
#include "extract/extract.h"
#include "structure/structure.h"

namespace guihua::cli {

void PrintDiagnostics(const Diagnostics& diag);

// nullptr (after printing why) when the rules do not load.
std::unique_ptr<StructureParser> LoadStructureParser(const GlobalOptions& global);
std::unique_ptr<Extractor> LoadExtractor(const GlobalOptions& global);

// The files named by `paths`: files as given, folders searched recursively for plan files
// (*.txt), sorted. A path that does not exist is returned as is, so reading it reports the error.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths);

}  // namespace guihua::cli

#endif  // GUIHUA_CLI_PIPELINE_H_
