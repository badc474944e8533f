// Entry point of the `guihua` binary: global options, subcommand dispatch, exit codes.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <exception>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/compare_commands.h"
#include "common/rules_dir.h"
#include "names/names.h"

namespace guihua::cli {

void PrintError(const std::string& prefix, const std::string& message) {
  std::cerr << prefix << ": " << message << "\n";
}

void PrintError(const std::string& message_naming_its_file) {
  std::cerr << message_naming_its_file << "\n";
}

// No CLI::IsMember: every command registers this, and a validator costs a search's start-up more
// than parsing the name does.
void AddLangOption(CLI::App* sub, Lang* lang) {
  sub->add_option_function<std::string>(
      "--lang",
      [lang](const std::string& name) {
        if (!ParseLang(name, lang)) throw CLI::ValidationError("--lang", name + " not in {zh,en}");
      },
      "Words of table, md, html and xlsx: zh (中文, the default) or en; csv, jsonl and json keep ids");
}

namespace {

// Where the rules are unless --rules says: $GUIHUA_RULES; else next to the binary as installed
// (`cmake --install` puts bin/guihua and share/guihua/rules under one prefix, which may be moved
// anywhere); else the source tree the binary was built from.
std::string DefaultRulesDir() {
  std::string exe_dir = ExecutableDir();
  return FindRulesDir({exe_dir.empty() ? "" : exe_dir + "/../share/guihua/rules"},
                      GUIHUA_DEFAULT_RULES);
}

// The subcommand names of `app`, in the order they were added.
std::vector<std::string> SubcommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : const_cast<CLI::App&>(app).get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

CLI::App* FindSubcommand(CLI::App& app, const std::string& name) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

// CLI11 reads a mistyped command as a stray argument ("A subcommand is required"): the words of
// argv that should name commands are checked first, so that `guihua serach` says "unknown command
// 'serach'; did you mean search?". "" when they are commands or CLI11 is to answer (--help);
// "no command" when there is none.
std::string UnknownCommand(CLI::App& app, int argc, char** argv) {
  static const std::vector<std::string> kWithValue = {"--rules", "--max-file-size"};
  CLI::App* at = &app;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (std::find(kWithValue.begin(), kWithValue.end(), word) != kWithValue.end()) {
      ++i;
      continue;
    }
    if (word.empty() || word[0] == '-') return "";  // --help, --version, an option: CLI11's
    CLI::App* sub = FindSubcommand(*at, word);
    if (sub == nullptr) {
      std::vector<std::string> names;
      for (const std::string& n : SubcommandNames(*at)) names.push_back(path + n);
      return UnknownNameMessage("command", path + word, names, "`guihua help` lists them");
    }
    if (sub->get_subcommands({}).empty()) return "";
    at = sub;
    path += word + " ";
  }
  return at == &app ? "no command" : "";
}

// `guihua help [COMMAND...]`: the help of the program or of one (sub)command.
int Help(CLI::App& app, const std::vector<std::string>& words) {
  CLI::App* at = &app;
  std::string path;
  for (const std::string& word : words) {
    CLI::App* sub = FindSubcommand(*at, word);
    if (sub == nullptr) {
      std::vector<std::string> names;
      for (const std::string& n : SubcommandNames(*at)) names.push_back(path + n);
      PrintError("help", UnknownNameMessage("command", path + word, names));
      return 1;
    }
    at = sub;
    path += word + " ";
  }
  // App::help() would show the help of the command parsed (help itself): format `at` directly.
  std::cout << at->get_formatter()->make_help(at, at->get_name(), CLI::AppFormatMode::Normal);
  return 0;
}

void AddGlobalOptions(CLI::App& app, GlobalOptions* global) {
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("guihua ") + GUIHUA_VERSION);
  global->rules_dir = DefaultRulesDir();
  app.add_option("--rules", global->rules_dir, "Folder of rule files and dictionaries")
      ->capture_default_str();
  app.add_option("--max-file-size", global->max_file_mb,
                 "Plan files larger than this many MB are refused unread")
      ->check(CLI::Range(1, 2047))
      ->capture_default_str();
  // The global options may also follow the subcommand (`guihua parse --max-file-size 256 F`).
  app.fallthrough();
}

// Every subcommand of `app` but help, in the order `guihua --help` lists them, with the callback
// that runs it when parsed.
std::map<CLI::App*, Command> AddCommands(CLI::App& app, const GlobalOptions& global) {
  std::map<CLI::App*, Command> commands;
  // Each adder registers one subcommand of `parent`; the command that runs is the one parsed.
  auto add_to = [&](CLI::App& parent, Command (*adder)(CLI::App&, const GlobalOptions&)) {
    size_t before = parent.get_subcommands({}).size();
    Command command = adder(parent, global);
    commands[parent.get_subcommands({})[before]] = std::move(command);
  };
  for (auto* adder : {AddParseCommand, AddExtractCommand, AddRulesCommand, AddScoreCommand,
                      AddIngestCommand, AddSearchCommand, AddStatsCommand, AddRemoveCommand,
                      AddCompactCommand}) {
    add_to(app, adder);
  }
  CLI::App* compare = app.add_subcommand("compare", "Compare districts: targets, measures");
  compare->require_subcommand(1);
  add_to(*compare, AddCompareTargetsCommand);
  add_to(*compare, AddCompareMeasuresCommand);
  for (auto* adder : {AddDiffCommand, AddProgressCommand, AddServeCommand, AddIndicatorsCommand,
                      AddDomainsCommand, AddDocumentsCommand}) {
    add_to(app, adder);
  }
  return commands;
}

// Parses argv and runs the command it names; the exit code.
int Run(CLI::App& app, const std::map<CLI::App*, Command>& commands, int argc, char** argv) {
  std::vector<std::string> help_words;
  CLI::App* help = app.add_subcommand("help", "This help, or a command's: guihua help compare targets");
  help->add_option("command", help_words, "A command (and subcommand)");
  if (std::string unknown = UnknownCommand(app, argc, argv); unknown == "no command") {
    std::cout << app.help();
    return 1;
  } else if (!unknown.empty()) {
    PrintError("guihua", unknown);
    return 1;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  if (help->parsed()) return Help(app, help_words);
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

}  // namespace

}  // namespace guihua::cli

int main(int argc, char** argv) {
  using namespace guihua::cli;
  CLI::App app{"guihua: reads Chinese local development plans, extracts their targets, compares them"};
  GlobalOptions global;
  AddGlobalOptions(app, &global);
  std::map<CLI::App*, Command> commands = AddCommands(app, global);
  return Run(app, commands, argc, argv);
}
