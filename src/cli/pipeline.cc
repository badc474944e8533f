// Shared set-up of the subcommands.
#include "cli/pipeline.h"

#include <CLI/CLI.hpp>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

namespace guihua::cli {

void PrintDiagnostics(const Diagnostics& diag) {
  for (const Diagnostic& d : diag.all()) std::cerr << d.ToString() << "\n";
}

void AddKindOption(CLI::App* sub, std::string* kind) {
  sub->add_option("--kind", *kind,
                  "What the files are, instead of what their text suggests: plan, report or text")
      ->check(CLI::IsMember({"plan", "report", "text"}));
}

ReadOptions MakeReadOptions(const GlobalOptions& global, const std::string& kind) {
  ReadOptions read;
  read.max_file_size = global.max_file_bytes();
  DocumentKind given;
  if (ParseDocumentKind(kind, &given)) read.parse.kind = given;
  return read;
}

std::unique_ptr<StructureParser> LoadStructureParser(const GlobalOptions& global) {
  Diagnostics diag;
  auto parser = StructureParser::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!parser.ok()) {
    PrintError(global.rules_dir, parser.status().message());
    return nullptr;
  }
  return std::move(*parser);
}

std::unique_ptr<Extractor> LoadExtractor(const GlobalOptions& global) {
  Diagnostics diag;
  auto extractor = Extractor::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!extractor.ok()) {
    PrintError(global.rules_dir, extractor.status().message());
    return nullptr;
  }
  return std::move(*extractor);
}

std::unique_ptr<ProgressRules> LoadProgressRules(const GlobalOptions& global) {
  Diagnostics diag;
  auto rules = ProgressRules::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!rules.ok()) {
    PrintError(global.rules_dir, rules.status().message());
    return nullptr;
  }
  return std::move(*rules);
}

std::shared_ptr<const NameTables> LoadNamesWithoutDictionary(const GlobalOptions& global) {
  Diagnostics diag;
  auto names = NameTables::Load(global.rules_dir, {}, {}, &diag);
  PrintDiagnostics(diag);
  if (!names.ok()) {
    PrintError(global.rules_dir, names.status().message());
    return nullptr;
  }
  return *names;
}

std::shared_ptr<const NameTables> LoadNames(const GlobalOptions& global,
                                            std::shared_ptr<const Extractor> extractor) {
  if (!extractor) extractor = LoadExtractor(global);
  if (!extractor) return nullptr;
  Diagnostics diag;
  auto names = NameTables::Load(global.rules_dir, std::move(extractor), &diag);
  PrintDiagnostics(diag);
  if (!names.ok()) {
    PrintError(global.rules_dir, names.status().message());
    return nullptr;
  }
  return *names;
}

int WriteOutput(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out) {
    PrintError(output, "cannot write");
    return 1;
  }
  return 0;
}

int FlushedExitCode(int code) {
  errno = 0;
  std::cout.flush();
  bool written = std::cout.good() && std::fflush(stdout) == 0 && !std::ferror(stdout);
  if (!written) {
    std::string why = errno ? std::string(": ") + std::strerror(errno) : "";
    PrintError("stdout", "cannot write" + why);
    code = std::max(code, 1);
  }
  std::cerr.flush();
  std::fflush(nullptr);  // the C streams too
  return code;
}


size_t TerminalWidth() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) {
    return ws.ws_col;
  }
  return 120;
}

}  // namespace guihua::cli
