// The subcommands of the `guihua` binary. Each Add*Command registers its options on `sub` (made by
// main() with the name and help line of its table) and returns the callback main() runs when that
// subcommand is chosen; the callback returns the exit code (0 ok, 1 user error, 2 internal error).
// No business logic here: commands call the stages.
#ifndef GUIHUA_CLI_COMMANDS_H_
#define GUIHUA_CLI_COMMANDS_H_

#include <cstdint>
#include <functional>
#include <string>

#include "read/read.h"
#include "render/labels.h"

namespace CLI {
class App;
}

namespace guihua::cli {

struct GlobalOptions {
  std::string rules_dir;  // --rules, else $GUIHUA_RULES, else the source tree's rules/
  uint64_t max_file_mb = kDefaultMaxFileSize >> 20;  // --max-file-size: larger files are refused
  uint64_t max_file_bytes() const { return max_file_mb << 20; }
};

using Command = std::function<int()>;

Command AddParseCommand(CLI::App* sub, const GlobalOptions& global);
Command AddExtractCommand(CLI::App* sub, const GlobalOptions& global);
Command AddRulesCommand(CLI::App* sub, const GlobalOptions& global);
Command AddScoreCommand(CLI::App* sub, const GlobalOptions& global);
Command AddIngestCommand(CLI::App* sub, const GlobalOptions& global);
Command AddSearchCommand(CLI::App* sub, const GlobalOptions& global);
Command AddStatsCommand(CLI::App* sub, const GlobalOptions& global);
Command AddRemoveCommand(CLI::App* sub, const GlobalOptions& global);
Command AddCompactCommand(CLI::App* sub, const GlobalOptions& global);
Command AddServeCommand(CLI::App* sub, const GlobalOptions& global);
// `indicators`, `domains`, `documents`: the names that exist (names_commands.cc).
Command AddIndicatorsCommand(CLI::App* sub, const GlobalOptions& global);
Command AddDomainsCommand(CLI::App* sub, const GlobalOptions& global);
Command AddDocumentsCommand(CLI::App* sub, const GlobalOptions& global);
// `progress`: plans' targets against their monitoring reports (progress_command.cc).
Command AddProgressCommand(CLI::App* sub, const GlobalOptions& global);
// `compare targets` (under the `compare` group).
Command AddCompareTargetsCommand(CLI::App* sub, const GlobalOptions& global);

// --lang zh|en: the words of the formats for people (table, md, html, xlsx), 中文 by default;
// csv, jsonl and json keep their ids whatever it says.
void AddLangOption(CLI::App* sub, Lang* lang);

// Prints a one-line error `prefix: message` to stderr.
void PrintError(const std::string& prefix, const std::string& message);
// For a message that already names its file or database (those of IndexReader and IndexWriter).
void PrintError(const std::string& message_naming_its_file);

}  // namespace guihua::cli

#endif  // GUIHUA_CLI_COMMANDS_H_
