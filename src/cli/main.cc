// Entry point of the `guihua` binary: global options, subcommand dispatch, exit codes.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <exception>
#include <iostream>
#include <functional>
#include <iterator>
#include <map>
#include <span>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/compare_commands.h"
#include "cli/pipeline.h"
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

// The global options followed by a value.
bool TakesValue(std::string_view word) { return word == "--rules" || word == "--max-file-size"; }

// CLI11 reads a mistyped command as a stray argument ("A subcommand is required"): the words of
// argv that should name commands are checked first, so that `guihua serach` says "unknown command
// 'serach'; did you mean search?". "" when they are commands or CLI11 is to answer (--help);
// "no command" when there is none.
std::string UnknownCommand(CLI::App& app, int argc, char** argv) {
  CLI::App* at = &app;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (TakesValue(word)) {
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

// A subcommand: its name and line in the help, and what registers its options (null: a group).
struct CommandSpec {
  const char* name;
  const char* description;
  Command (*add)(CLI::App* sub, const GlobalOptions& global);
};

// Every subcommand but help, in the order `guihua --help` lists them.
constexpr CommandSpec kCommands[] = {
    {"parse", "Find the plans, metadata, domains and items of files", AddParseCommand},
    {"extract", "Extract numeric targets, baselines and direction goals", AddExtractCommand},
    {"rules", "Check the rule files and dictionaries of rules/", AddRulesCommand},
    {"score", "Score extracted targets (JSONL) against gold annotations of the same file",
     AddScoreCommand},
    {"ingest", "Add plan files (or folders of them) to the index", AddIngestCommand},
    {"search", "Search goals, measures and other paragraphs", AddSearchCommand},
    {"stats", "Documents, plans, items and targets per district", AddStatsCommand},
    {"remove", "Remove a file (by path or document id) from the index", AddRemoveCommand},
    {"compact", "Rewrite the index compactly, dropping the items of replaced and removed files",
     AddCompactCommand},
    {"compare", "Compare districts: targets, measures", nullptr},
    {"diff", "Two plans side by side: items matched/changed/added/removed, targets changed",
     AddDiffCommand},
    {"progress",
     "Each plan's targets against its monitoring reports: latest actual, status, gap, trend",
     AddProgressCommand},
    {"serve", "HTTP API for searching, reading and comparing plans", AddServeCommand},
    {"indicators",
     "The indicator dictionary: ids, names, plans, domains; with --db how many documents and "
     "values use each",
     AddIndicatorsCommand},
    {"domains", "The domain ids of the plans, with their names", AddDomainsCommand},
    {"documents", "The indexed documents: id, kind, title, region, period, file, items, values",
     AddDocumentsCommand},
};
constexpr CommandSpec kCompareCommands[] = {
    {"targets", "Targets of every district side by side, per indicator", AddCompareTargetsCommand},
    {"measures", "Measures of one domain grouped across districts: shared by k or unique to one",
     AddCompareMeasuresCommand},
};

// Whose options to register: the command argv names, when registering it alone parses argv as
// registering all would (the one word of argv that is a command's name); "" when no word is (a
// help, an error, nothing parsed); kAll when it is `help` or two words are (CLI11 might take either
// for a command). A search's start-up spent more on registering the options of every command than
// on parsing.
constexpr std::string_view kAll = "*";
std::string OnlyCommand(int argc, char** argv) {
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    bool named = word == "help" || std::any_of(std::begin(kCommands), std::end(kCommands),
                                               [&](const CommandSpec& c) { return word == c.name; });
    if (named && !only.empty()) return std::string(kAll);
    if (named) only = word;
  }
  return only == "help" ? std::string(kAll) : only;
}

// Registers the subcommands of `specs` under `parent`: all with their name and help line, and
// those `full` accepts with their options and their callback in `commands`.
void AddTable(CLI::App& parent, std::span<const CommandSpec> specs, const GlobalOptions& global,
              const std::function<bool(std::string_view)>& full,
              std::map<CLI::App*, Command>* commands) {
  for (const CommandSpec& spec : specs) {
    CLI::App* sub = parent.add_subcommand(spec.name, spec.description);
    if (!full(spec.name)) continue;
    if (spec.add != nullptr) {
      (*commands)[sub] = spec.add(sub, global);
    } else {  // compare
      sub->require_subcommand(1);
      AddTable(*sub, kCompareCommands, global, [](std::string_view) { return true; }, commands);
    }
  }
}

// Every subcommand but help, with the callback that runs it when parsed: the options of the one
// command argv names, of all, or of none (OnlyCommand).
std::map<CLI::App*, Command> AddCommands(CLI::App& app, const GlobalOptions& global, int argc,
                                         char** argv) {
  std::map<CLI::App*, Command> commands;
  std::string only = OnlyCommand(argc, argv);
  // When argv[1] is that command and no other word names one, CLI11 can neither parse nor name
  // another: the other 16 are left out (0.27 M of a search's 9.9 M instructions). Else each is
  // there for the help and the errors that list them.
  const bool alone = only != kAll && argc > 1 && only == argv[1];
  std::vector<CommandSpec> specs;
  std::copy_if(std::begin(kCommands), std::end(kCommands), std::back_inserter(specs),
               [&](const CommandSpec& c) { return !alone || c.name == only; });
  AddTable(app, specs, global,
           [&](std::string_view name) { return only == kAll || name == only; }, &commands);
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
  std::map<CLI::App*, Command> commands = AddCommands(app, global, argc, argv);
  return FlushedExitCode(Run(app, commands, argc, argv));
}
