// Shared set-up of the subcommands.
#include "cli/pipeline.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>

namespace guihua::cli {

void PrintDiagnostics(const Diagnostics& diag) {
  for (const Diagnostic& d : diag.all()) std::cerr << d.ToString() << "\n";
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

namespace {

// The file kinds a folder is searched for; a file named on the command line is read whatever its
// name, since the read stage recognizes formats by content.
bool IsPlanFile(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".txt" || ext == ".pdf" || ext == ".docx" || ext == ".html" || ext == ".htm";
}

}  // namespace

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec) && IsPlanFile(it->path())) {
        found.push_back(it->path().string());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace guihua::cli
