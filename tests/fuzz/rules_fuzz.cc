// Fuzz target: the rule and dictionary loaders fed a damaged file. A private copy of rules/ is made
// once; for each input the first byte picks one of its files, the rest of the input replaces that
// file's content, the stage that reads it loads (and checks its expect lines), and the file is put
// back.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "fuzz/fuzz_targets.h"
#include "structure/structure.h"

namespace guihua::fuzz {
namespace {

namespace fs = std::filesystem;

// Files the structure stage reads; the others are the extract stage's.
constexpr const char* kStructureFiles[] = {"structure.rules", "domains.tsv", "regions.tsv"};
constexpr const char* kExtractFiles[] = {
    "indicators.tsv",           "extract/numbers.rules", "extract/units.rules",
    "extract/bounds.rules",     "extract/verbs.rules",   "extract/values.rules",
    "extract/exclusions.rules", "extract/context.rules", "extract/distributive.rules",
    "extract/directions.rules"};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void WriteAll(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The private copy, removed at exit.
const fs::path& Scratch() {
  static const fs::path* dir = [] {
    auto* d =
        new fs::path(fs::temp_directory_path() / ("guihua-fuzz-rules-" + std::to_string(getpid())));
    fs::remove_all(*d);
    fs::copy(RulesDir(), *d, fs::copy_options::recursive);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(*dir, ec);
    });
    return d;
  }();
  return *dir;
}

}  // namespace

int FuzzRules(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr size_t kStructure = std::size(kStructureFiles), kExtract = std::size(kExtractFiles);
  size_t pick = data[0] % (kStructure + kExtract);
  bool structure = pick < kStructure;
  fs::path file =
      Scratch() / (structure ? kStructureFiles[pick] : kExtractFiles[pick - kStructure]);
  std::string original = ReadAll(file);
  WriteAll(file, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  Diagnostics diag;
  if (structure) {
    StructureParser::Load(Scratch().string(), &diag, /*run_expectations=*/true);  // as rules check
  } else if (auto extractor = Extractor::Load(Scratch().string(), &diag); extractor.ok()) {
    (*extractor)->CheckExpectations(&diag);
  }
  for (const Diagnostic& d : diag.all()) d.ToString();
  WriteAll(file, original);
  return 0;
}

}  // namespace guihua::fuzz
