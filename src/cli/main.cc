// Entry point of the `guihua` binary: global options, subcommand dispatch, exit codes.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/compare_commands.h"

namespace guihua::cli {

void PrintError(const std::string& prefix, const std::string& message) {
  std::cerr << prefix << ": " << message << "\n";
}

void PrintError(const std::string& message_naming_its_file) {
  std::cerr << message_naming_its_file << "\n";
}

namespace {

// Where the rules are unless --rules says: $GUIHUA_RULES; else next to the binary as installed
// (`cmake --install` puts bin/guihua and share/guihua/rules under one prefix, which may be moved
// anywhere); else the source tree the binary was built from.
std::string DefaultRulesDir() {
  if (const char* env = std::getenv("GUIHUA_RULES")) return env;
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path installed = exe.parent_path() / ".." / "share" / "guihua" / "rules";
    if (std::filesystem::is_directory(installed, ec)) {
      return installed.lexically_normal().string();
    }
  }
  return GUIHUA_DEFAULT_RULES;
}

}  // namespace

}  // namespace guihua::cli

int main(int argc, char** argv) {
  using namespace guihua::cli;
  CLI::App app{"guihua: reads Chinese local development plans, extracts their targets, compares them"};
  app.require_subcommand(1);
  GlobalOptions global;
  global.rules_dir = DefaultRulesDir();
  app.add_option("--rules", global.rules_dir, "Folder of rule files and dictionaries")
      ->capture_default_str();
  app.add_option("--max-file-size", global.max_file_mb,
                 "Plan files larger than this many MB are refused unread")
      ->check(CLI::Range(1, 2047))
      ->capture_default_str();
  // The global options may also follow the subcommand (`guihua parse --max-file-size 256 F`).
  app.fallthrough();

  // Each adder registers one subcommand of `parent`; the command that runs is the one parsed.
  std::map<CLI::App*, Command> commands;
  auto add_to = [&](CLI::App& parent, Command (*adder)(CLI::App&, const GlobalOptions&)) {
    size_t before = parent.get_subcommands({}).size();
    Command command = adder(parent, global);
    commands[parent.get_subcommands({})[before]] = std::move(command);
  };
  auto add = [&](Command (*adder)(CLI::App&, const GlobalOptions&)) { add_to(app, adder); };
  add(AddParseCommand);
  add(AddExtractCommand);
  add(AddRulesCommand);
  add(AddScoreCommand);
  add(AddIngestCommand);
  add(AddSearchCommand);
  add(AddStatsCommand);
  add(AddRemoveCommand);
  add(AddCompactCommand);
  CLI::App* compare = app.add_subcommand("compare", "Compare districts: targets, measures");
  compare->require_subcommand(1);
  add_to(*compare, AddCompareTargetsCommand);
  add_to(*compare, AddCompareMeasuresCommand);
  add(AddDiffCommand);
  add(AddServeCommand);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  try {
    for (auto& [sub, command] : commands) {
      if (sub->parsed()) return command();
    }
  } catch (const std::exception& e) {
    PrintError("guihua", std::string("internal error: ") + e.what());
    return 2;
  }
  return 1;
}
