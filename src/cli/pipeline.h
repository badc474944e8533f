// What several subcommands share: loading the stages from the rules folder with their errors
// printed. Reading a file through the stages is the library's (ingest/ingest.h: ReadPlan).
#ifndef GUIHUA_CLI_PIPELINE_H_
#define GUIHUA_CLI_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "common/diagnostics.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "names/names.h"
#include "progress/progress.h"
#include "structure/structure.h"

namespace guihua::cli {

void PrintDiagnostics(const Diagnostics& diag);

// The --kind option of the commands that read files (plan, report or text).
void AddKindOption(CLI::App* sub, std::string* kind);
// How the commands read files: the --max-file-size limit, and the --kind given ("" for none).
ReadOptions MakeReadOptions(const GlobalOptions& global, const std::string& kind = "");

// nullptr (after printing why) when the rules do not load.
std::unique_ptr<StructureParser> LoadStructureParser(const GlobalOptions& global);
std::unique_ptr<Extractor> LoadExtractor(const GlobalOptions& global);
// The names of the rules (dictionary, rules/names.tsv, gazetteer), with `extractor`'s indicator
// variants (loaded here when null); nullptr (after printing why) when they do not load.
std::unique_ptr<ProgressRules> LoadProgressRules(const GlobalOptions& global);
std::shared_ptr<const NameTables> LoadNames(const GlobalOptions& global,
                                            std::shared_ptr<const Extractor> extractor = nullptr);
// The same without the indicator dictionary (rules/names.tsv and the gazetteer only, a tenth of the
// time): for resolving every name but an indicator's.
std::shared_ptr<const NameTables> LoadNamesWithoutDictionary(const GlobalOptions& global);

// Keeps `loaded` (rules loaded for the run) until the process ends, reachable, instead of freeing
// it on return: freeing a few hundred compiled patterns cost a cold `guihua extract` 2% of its time
// for memory the exit gives back anyway.
template <typename T>
void KeepUntilExit(std::unique_ptr<T> loaded) {
  static auto* kept = new std::vector<std::shared_ptr<void>>;
  kept->push_back(std::shared_ptr<void>(loaded.release(), [](void*) {}));
}

// Flushes the C++ and C streams; `code`, or 1 after saying so when standard output could not be
// written whole (a full disk, a pipe whose reader left while SIGPIPE is ignored): the output is
// then cut short, which an exit code of 0 would hide. main() passes every command's code through it.
int FlushedExitCode(int code);

// `text` to stdout, or to the file `output` when it is not ""; the exit code (1, after saying so,
// when the file cannot be written).
int WriteOutput(const std::string& text, const std::string& output);

// The width a terminal table fits: the terminal's, else 120.
size_t TerminalWidth();

}  // namespace guihua::cli

#endif  // GUIHUA_CLI_PIPELINE_H_
