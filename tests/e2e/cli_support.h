// Runs the real `guihua` binary for end-to-end tests and captures exit code, stdout and stderr.
#ifndef GUIHUA_TESTS_E2E_CLI_SUPPORT_H_
#define GUIHUA_TESTS_E2E_CLI_SUPPORT_H_

#include <string>

namespace guihua::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `guihua ARGS` (ARGS is shell-quoted by the caller) with the source tree's rules.
// `stdin_file` is what the run reads as standard input.
RunResult RunGuihua(const std::string& args, const std::string& stdin_file = "/dev/null");

// Single-quotes `s` for the shell.
std::string ShellQuote(const std::string& s);

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_E2E_CLI_SUPPORT_H_
