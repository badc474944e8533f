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

// Flushes stdout and stderr and ends the process with `code` (1, after saying so, when stdout
// could not be written whole: a full disk), leaving the freeing of its memory
// to a child that shares it and exits right after: the kernel's teardown of a cold
// `guihua extract`'s ~20 MB took 1.3-2.3 ms between its last write and its parent seeing it exit
// (as mold does with its fork). Static destructors and atexit handlers do not run (the loaded rule
// sets are kept until the exit anyway, KeepUntilExit); a plain exit under the sanitizers, whose
// checks run at exit, under valgrind, which runs no such child, and off x86-64 Linux.
[[noreturn]] void ExitBeforeTeardown(int code);

// `text` to stdout, or to the file `output` when it is not ""; the exit code (1, after saying so,
// when the file cannot be written).
int WriteOutput(const std::string& text, const std::string& output);

// The width a terminal table fits: the terminal's, else 120.
size_t TerminalWidth();

}  // namespace guihua::cli

#endif  // GUIHUA_CLI_PIPELINE_H_
