// The `compare measures` and `diff` subcommands (the `compare` group itself and `compare targets`
// are registered elsewhere). Same contract as commands.h: register options, return the callback.
#ifndef GUIHUA_CLI_COMPARE_COMMANDS_H_
#define GUIHUA_CLI_COMPARE_COMMANDS_H_

#include "cli/commands.h"

namespace guihua::cli {

// `compare measures` (under the `compare` group).
Command AddCompareMeasuresCommand(CLI::App* sub, const GlobalOptions& global);

// The top-level `diff`.
Command AddDiffCommand(CLI::App* sub, const GlobalOptions& global);

}  // namespace guihua::cli

#endif  // GUIHUA_CLI_COMPARE_COMMANDS_H_
