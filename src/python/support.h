// What the bindings of the Python module share: the error that becomes guihua.Error, the stages
// loaded once per rules folder, and the conversion of the library's JSON records into plain Python
// lists and dicts (so that Python sees exactly the fields the CLI's JSON lines have).
#ifndef GUIHUA_PYTHON_SUPPORT_H_
#define GUIHUA_PYTHON_SUPPORT_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "names/names.h"
#include "progress/progress.h"
#include "structure/structure.h"

namespace guihua::python {

namespace py = pybind11;

// Raised inside the bindings with the CLI's one-line message ("FILE: cause"); Python sees it as
// guihua.Error. Only the bindings throw it: the library below answers with Status.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Registers guihua.Error (a subclass of Exception) and guihua.DocumentWarning (of UserWarning)
// on `module`, and the translation of Failure into guihua.Error.
void RegisterErrors(py::module_& module);

// Gives each line to Python's warnings module as a guihua.DocumentWarning, attributed to the
// Python frame `stack_level` up from the binding's caller (1: the caller itself), so that it names
// the user's line, not the package's. Needs the GIL.
void Warn(const std::vector<std::string>& lines, int stack_level = 2);
// Every diagnostic of `diag` as its `file:line:col: warning: …` line, appended to `lines`.
void AppendDiagnostics(const Diagnostics& diag, std::vector<std::string>* lines);

// The rules of one folder, loaded at the first call that names it and kept for the life of the
// interpreter: loading them costs far more than reading a plan.
struct Stages {
  std::string rules_dir;
  std::unique_ptr<StructureParser> parser;
  std::shared_ptr<const Extractor> extractor;
  std::shared_ptr<const NameTables> names;
  // Loaded at the first progress() (ProgressRulesOf), under the GIL.
  mutable std::unique_ptr<ProgressRules> progress;
  PlanStages plan_stages() const { return {parser.get(), extractor.get()}; }
};

// The folder the rules are read from when `rules` is "": as the CLI finds it, beside the installed
// module first (rules_dir.h).
std::string DefaultRulesDir();

// The stages of `rules` ("" for DefaultRulesDir()); throws Failure("RULES: cause") when they do not
// load. Needs the GIL (it guards the cache).
const Stages& LoadStages(const std::string& rules);

// The progress rules of `stages`, loaded at the first call; throws Failure when they do not load.
// Needs the GIL.
const ProgressRules& ProgressRulesOf(const Stages& stages);

// The read options of a call: `kind` "" or plan / report / text (anything else throws Failure).
ReadOptions MakeReadOptions(const std::string& kind, uint64_t max_file_mb);

// A JSON text as Python objects: objects → dict (in the record's field order), arrays → list,
// numbers → int or float, null → None. Throws Failure on text that is not JSON.
py::object JsonToPython(std::string_view json);
// JSON lines (one object per line, as the CLI's jsonl formats) → a list of those objects, each a
// dict in the line's field order with the tidy schema's `number` columns as float.
py::list JsonLinesToPython(std::string_view lines);

}  // namespace guihua::python

#endif  // GUIHUA_PYTHON_SUPPORT_H_
