// Stage 4, structure: a decoded plan file → Document (plans, metadata, sections, domains, blocks,
// items, 责任单位). Runs normalize and layout on the way. Patterns are data in rules/ (structure.rules,
// domains.tsv, regions.tsv), loaded once into a StructureParser.
#ifndef GUIHUA_STRUCTURE_STRUCTURE_H_
#define GUIHUA_STRUCTURE_STRUCTURE_H_

#include <memory>
#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "common/mapped_text.h"
#include "common/status.h"
#include "read/read.h"
#include "structure/document.h"

namespace guihua {

// What the caller knows about a file better than its text does.
struct ParseOptions {
  std::optional<DocumentKind> kind;  // --kind: plan, report or text, instead of the detected one
  // Apply the sidecar beside the source's path (FILE.meta.json; docs/document.md), as ParseFile
  // does: for a file's bytes read before they are parsed (ingest hashes them first).
  bool sidecar = false;
  // Only what targets are placed, dated and kinded with (plans, sections, items, kind, period,
  // region): the 文号, issuer, date and cited parent plans are left empty and the checks that only
  // warn are skipped. For a caller that prints targets alone (`guihua extract`): they were a tenth
  // of its cold run.
  bool targets_only = false;
};

// A file read and put in its working form (normalize): the part of a parse that needs no rules,
// so that a caller can make it while the parser loads (`guihua extract` reads and normalizes its
// first plan on one thread while the other loads the rules).
struct PreparedFile {
  SourceText source;
  MappedText working;
};

class StructureParser {
 public:
  // Loads the structure rules from `rules_dir`; rule errors go to `diag` and make this fail.
  // `run_expectations` also runs the expect/reject lines of the rules (`guihua rules check`; a
  // failing one is an error of the load). A parse does not need them: they cost a cold
  // `guihua extract` as much as a fifth of its parse.
  static StatusOr<std::unique_ptr<StructureParser>> Load(const std::string& rules_dir,
                                                         Diagnostics* diag,
                                                         bool run_expectations = false);
  ~StructureParser();

  // Parses one decoded file. Unknown headings and suspicious layout are warnings in `diag`.
  // A text with no plan structure is InvalidInput ("no development plan structure found ...").
  StatusOr<Document> Parse(SourceText source, Diagnostics* diag,
                           const ParseOptions& options = {}) const;

  // Compiles ahead what every parse needs first (the layout's shared automaton), as the first
  // parse would: a thread with nothing else to do can take that off the parse to come.
  void CompilePatterns() const;

  // How many expect/reject lines of the structure rules were checked at load (0 unless Load was
  // asked to run them; a failing one makes Load fail, with its place in `diag`).
  int expectations_checked() const;

  // ReadSource + Parse; a file over `max_file_size` bytes is refused unread.
  StatusOr<Document> ParseFile(const std::string& path, Diagnostics* diag,
                               uint64_t max_file_size = kDefaultMaxFileSize,
                               const ParseOptions& options = {}) const;

  // ParseFile in two steps: PrepareFile (ReadSource + normalize, no parser needed), then this.
  static StatusOr<PreparedFile> PrepareFile(const std::string& path,
                                            uint64_t max_file_size = kDefaultMaxFileSize);
  StatusOr<Document> ParseFile(PreparedFile file, Diagnostics* diag,
                               const ParseOptions& options = {}) const;

 private:
  // Parse of a source whose working form is made.
  StatusOr<Document> ParseWorking(SourceText source, MappedText working, Diagnostics* diag,
                                  const ParseOptions& options) const;

  struct Impl;
  explicit StructureParser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guihua

#endif  // GUIHUA_STRUCTURE_STRUCTURE_H_
