// End-to-end helper: runs the binary through /bin/sh with stdout and stderr sent to files.
#include "e2e/cli_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "common/test_support.h"

namespace guihua::testing {

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

RunResult RunGuihua(const std::string& args, const std::string& stdin_file) {
  // Not TempDir(): that one is the test's own and holds its input files.
  static int runs = 0;
  std::string dir = (std::filesystem::temp_directory_path() /
                     ("guihua-run-" + std::to_string(getpid()) + "-" + std::to_string(runs++)))
                        .string();
  std::filesystem::create_directories(dir);
  std::string command = ShellQuote(GuihuaBinary()) + " --rules " +
                        ShellQuote(RulesDir()) + " " + args + " >" + dir + "/out 2>" + dir +
                        "/err <" + ShellQuote(stdin_file);
  int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadBytes(dir + "/out");
  result.err = ReadBytes(dir + "/err");
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace guihua::testing
