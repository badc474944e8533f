// The extension module guihua._core: the library's pipeline for Python, as thin as src/cli/ is for
// the shell. Files and texts are read by the library's ReadPlan / ReadPlanText and added to an
// index by its Ingest; every answer is the CLI's JSON record made into lists of dicts. The
// Python package (src/python/guihua/__init__.py) shapes the arguments and documents the API.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "ingest/ingest.h"
#include "python/index.h"
#include "python/support.h"
#include "render/document_json.h"
#include "render/targets.h"
#include "render/tidy.h"

namespace guihua::python {
namespace {

// What a reading gives back to Python once it holds the GIL again: the records as JSON lines, the
// lines for Python's warnings, and the failure that stopped it ("FILE: cause", "" when none).
struct Outcome {
  std::string records;
  std::vector<std::string> warnings;
  std::string failure;
};

// "document": one record per file (`guihua parse --format json`, with the parse's warnings);
// "targets": one per value (`guihua extract --format jsonl`, the tidy rows, with the extractor's
// warnings).
bool WantsTargets(const std::string& output) {
  if (output != "document" && output != "targets") throw Failure("output: unknown '" + output + "'");
  return output == "targets";
}

// Writes what is read into an Outcome as the CLI writes it to stdout.
class Recorder {
 public:
  Recorder(bool targets, Outcome* out)
      : targets_(targets), out_(out), writer_(TargetFormat::kJsonl, &lines_) {}
  void Add(const PlanRead& plan, const Diagnostics& diag) {
    if (targets_) {
      writer_.Add(plan.document, plan.targets);
      AppendDiagnostics(plan.extract_warnings, &out_->warnings);
    } else {
      lines_ << DocumentToJson(plan.document) << "\n";
      AppendDiagnostics(diag, &out_->warnings);
    }
  }
  void Finish() {
    writer_.Finish();
    out_->records = lines_.str();
  }

 private:
  bool targets_;
  Outcome* out_;
  std::ostringstream lines_;
  TargetWriter writer_;
};

PlanStages StagesFor(const Stages& stages, bool targets) {
  PlanStages plan = stages.plan_stages();
  if (!targets) plan.extractor = nullptr;  // a parse needs no values
  return plan;
}

// Reads each file of `paths` (folders expanded as the CLI does); a file that fails stops the
// reading unless `skip_failed`, which makes it a warning instead. Runs without the GIL.
Outcome ReadFiles(const PlanStages& stages, const std::vector<std::string>& paths,
                  const ReadOptions& read, bool targets, bool skip_failed) {
  Outcome out;
  Recorder recorder(targets, &out);
  for (const std::string& file : ExpandPaths(paths)) {
    Diagnostics diag;
    auto plan = ReadPlan(stages, file, &diag, read);
    if (!plan.ok()) {
      std::string line = utf8::Escaped(file) + ": " + plan.status().message();
      if (!skip_failed) {
        out.failure = std::move(line);
        break;
      }
      out.warnings.push_back(std::move(line));
      continue;
    }
    recorder.Add(*plan, diag);
  }
  recorder.Finish();
  return out;
}

// The package's parse() and extract() call these through _read(): the user's frame is 3 up.
constexpr int kReadStackLevel = 3;

py::list Finish(const Outcome& outcome) {
  Warn(outcome.warnings, kReadStackLevel);
  if (!outcome.failure.empty()) throw Failure(outcome.failure);
  return JsonLinesToPython(outcome.records);
}

py::list PyReadFiles(const std::vector<std::string>& paths, const std::string& output,
                     const std::string& rules, const std::string& kind, uint64_t max_file_mb,
                     bool skip_failed) {
  bool targets = WantsTargets(output);
  PlanStages stages = StagesFor(LoadStages(rules), targets);
  ReadOptions read = MakeReadOptions(kind, max_file_mb);
  Outcome outcome;
  {
    py::gil_scoped_release unlocked;
    outcome = ReadFiles(stages, paths, read, targets, skip_failed);
  }
  return Finish(outcome);
}

py::list PyReadText(std::string bytes, const std::string& name, const std::string& output,
                    const std::string& rules, const std::string& kind, uint64_t max_file_mb) {
  bool targets = WantsTargets(output);
  PlanStages stages = StagesFor(LoadStages(rules), targets);
  ReadOptions read = MakeReadOptions(kind, max_file_mb);
  Outcome outcome;
  {
    py::gil_scoped_release unlocked;
    Diagnostics diag;
    Recorder recorder(targets, &outcome);
    auto plan = ReadPlanText(stages, name, std::move(bytes), &diag, read);
    if (plan.ok()) {
      recorder.Add(*plan, diag);
    } else {
      outcome.failure = utf8::Escaped(name) + ": " + plan.status().message();
    }
    recorder.Finish();
  }
  return Finish(outcome);
}

// Ingest's messages, kept until the GIL is held again.
class Collector : public IngestListener {
 public:
  void Diagnosed(const std::string&, const Diagnostics& diag) override {
    AppendDiagnostics(diag, &warnings);
  }
  void Warning(const std::string& where, const std::string& message) override {
    warnings.push_back(utf8::Escaped(where) + ": warning: " + message);
  }
  void Failed(const std::string& file, const std::string& error) override {
    failures.push_back(utf8::Escaped(file) + ": " + error);
  }
  std::vector<std::string> warnings, failures;
};

py::dict ReportDict(const IngestReport& report, const std::string& db) {
  py::dict out;
  out["db"] = db;
  out["indexed"] = report.indexed;
  out["unchanged"] = report.unchanged;
  out["items"] = report.items;
  out["targets"] = report.targets;
  py::list failed;
  for (const std::string& f : report.failed) failed.append(utf8::Escaped(f));
  out["failed"] = failed;
  out["bytes"] = report.bytes;
  out["seconds"] = report.seconds;
  return out;
}

py::dict PyIngest(const std::vector<std::string>& paths, const std::string& db,
                  const std::string& rules, const std::string& kind, uint64_t max_file_mb,
                  bool skip_failed) {
  PlanStages stages = LoadStages(rules).plan_stages();
  IngestOptions options;
  options.db = db;
  options.read = MakeReadOptions(kind, max_file_mb);
  Collector collector;
  options.listener = &collector;
  StatusOr<IngestReport> report = IngestReport{};
  {
    py::gil_scoped_release unlocked;
    report = Ingest(stages, paths, options);
  }
  Warn(collector.warnings);
  if (!report.ok()) throw Failure(report.status().message());
  if (!collector.failures.empty() && !skip_failed) {
    size_t more = collector.failures.size() - 1;
    throw Failure(collector.failures.front() +
                  (more ? " (and " + std::to_string(more) + " more files not indexed)" : ""));
  }
  Warn(collector.failures);
  return ReportDict(*report, db);
}

// The tidy schema (render/tidy.h): column name → "string", "integer" or "number", so that
// guihua.frame gives each column the dtype the CSV and JSON-lines exports have.
py::dict TidyTypes() {
  py::dict out;
  for (const TidyColumnInfo& c : TidySchema()) out[c.name] = TidyTypeName(c.type);
  return out;
}

}  // namespace
}  // namespace guihua::python

PYBIND11_MODULE(_core, m) {
  using namespace guihua::python;
  m.doc() = "guihua's engine; use the guihua package, which documents the API.";
  RegisterErrors(m);
  m.def("default_rules", &DefaultRulesDir, "The rules folder used when none is named.");
  m.def("read_files", &PyReadFiles, py::arg("paths"), py::arg("output"), py::arg("rules"),
        py::arg("kind"), py::arg("max_file_mb"), py::arg("skip_failed"));
  m.def("read_text", &PyReadText, py::arg("text"), py::arg("name"), py::arg("output"),
        py::arg("rules"), py::arg("kind"), py::arg("max_file_mb"));
  m.def("ingest", &PyIngest, py::arg("paths"), py::arg("db"), py::arg("rules"), py::arg("kind"),
        py::arg("max_file_mb"), py::arg("skip_failed"));
  m.def("tidy_types", &TidyTypes, "The tidy columns and their types.");
  m.attr("DEFAULT_MAX_FILE_MB") = py::int_(guihua::kDefaultMaxFileSize >> 20);
  RegisterIndex(m);
}
