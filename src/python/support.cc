// The shared parts of the Python bindings (support.h): errors and warnings, the stages cache, the
// JSON → Python conversion.
#include "python/support.h"

#include <dlfcn.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "common/rules_dir.h"
#include "render/tidy.h"

namespace guihua::python {
namespace {

using json = nlohmann::ordered_json;

// The warning class, made once at import; a bare handle, since the module holds it for good.
PyObject* document_warning = nullptr;

py::object ToPython(const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      py::dict out;
      for (const auto& [key, item] : value.items()) out[py::str(key)] = ToPython(item);
      return out;
    }
    case json::value_t::array: {
      py::list out;
      for (const json& item : value) out.append(ToPython(item));
      return out;
    }
    case json::value_t::string:
      return py::str(value.get_ref<const std::string&>());
    case json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case json::value_t::number_integer:
      return py::int_(value.get<int64_t>());
    case json::value_t::number_unsigned:
      return py::int_(value.get<uint64_t>());
    case json::value_t::number_float:
      return py::float_(value.get<double>());
    default:
      return py::none();
  }
}

// The folder of this shared object (the installed guihua package), "" when the loader cannot tell.
std::string ModuleDir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<const void*>(&ModuleDir), &info) == 0 || info.dli_fname == nullptr) {
    return "";
  }
  return std::filesystem::path(info.dli_fname).parent_path().string();
}

// The tidy columns whose type is `number` (render/tidy.h): a JSON line writes 12.0 as 12, which
// Python would read as an int, so that one column would mix int and float.
bool IsNumberColumn(const std::string& name) {
  static const auto* numbers = [] {
    auto* out = new std::set<std::string>;
    for (const TidyColumnInfo& c : TidySchema()) {
      if (c.type == TidyType::kNumber) out->insert(c.name);
    }
    return out;
  }();
  return numbers->count(name) > 0;
}

// One tidy row: a flat object, its `number` columns as float.
py::dict TidyRowToPython(const json& row) {
  py::dict out;
  for (const auto& [key, value] : row.items()) {
    out[py::str(key)] = value.is_number() && IsNumberColumn(key)
                            ? py::float_(value.get<double>())
                            : ToPython(value);
  }
  return out;
}

}  // namespace

void RegisterErrors(py::module_& module) {
  static py::exception<Failure> error(module, "Error", PyExc_Exception);
  error.doc() = "A guihua error: the one-line message of the CLI, naming the file or index.";
  py::register_local_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Failure& e) {
      PyErr_SetString(error.ptr(), e.what());
    }
  });
  document_warning = PyErr_NewExceptionWithDoc(
      "guihua.DocumentWarning",
      "A problem inside a document that stops nothing (file:line:col: warning: ...).",
      PyExc_UserWarning, nullptr);
  module.add_object("DocumentWarning", py::handle(document_warning));
}

void Warn(const std::vector<std::string>& lines, int stack_level) {
  for (const std::string& line : lines) {
    if (PyErr_WarnEx(document_warning, line.c_str(), stack_level) != 0) {
      throw py::error_already_set();
    }
  }
}

void AppendDiagnostics(const Diagnostics& diag, std::vector<std::string>* lines) {
  for (const Diagnostic& d : diag.all()) lines->push_back(d.ToString());
}

std::string DefaultRulesDir() {
  std::string here = ModuleDir();
  return FindRulesDir({here.empty() ? "" : here + "/rules"}, GUIHUA_DEFAULT_RULES);
}

const Stages& LoadStages(const std::string& rules) {
  static std::map<std::string, std::unique_ptr<Stages>> cache;
  std::string dir = rules.empty() ? DefaultRulesDir() : rules;
  if (auto it = cache.find(dir); it != cache.end()) return *it->second;
  auto stages = std::make_unique<Stages>();
  stages->rules_dir = dir;
  Diagnostics diag;
  // As the CLI does: the rule files' own lines (rules/x.rules:12:5: …), then the one-line error.
  auto fail = [&](const Status& status) {
    std::vector<std::string> lines;
    AppendDiagnostics(diag, &lines);
    Warn(lines);
    return Failure(dir + ": " + status.message());
  };
  auto parser = StructureParser::Load(dir, &diag);
  if (!parser.ok()) throw fail(parser.status());
  auto extractor = Extractor::Load(dir, &diag);
  if (!extractor.ok()) throw fail(extractor.status());
  stages->parser = std::move(*parser);
  stages->extractor = std::move(*extractor);
  auto names = NameTables::Load(dir, stages->extractor, &diag);
  if (!names.ok()) throw fail(names.status());
  stages->names = *names;
  std::vector<std::string> lines;
  AppendDiagnostics(diag, &lines);
  Warn(lines);
  return *(cache[dir] = std::move(stages));
}

const ProgressRules& ProgressRulesOf(const Stages& stages) {
  if (stages.progress) return *stages.progress;
  Diagnostics diag;
  auto rules = ProgressRules::Load(stages.rules_dir, &diag);
  std::vector<std::string> lines;
  AppendDiagnostics(diag, &lines);
  Warn(lines);
  if (!rules.ok()) throw Failure(stages.rules_dir + ": " + rules.status().message());
  stages.progress = std::move(*rules);
  return *stages.progress;
}

ReadOptions MakeReadOptions(const std::string& kind, uint64_t max_file_mb) {
  ReadOptions read;
  read.max_file_size = max_file_mb << 20;
  if (kind.empty()) return read;
  DocumentKind parsed;
  if (!ParseDocumentKind(kind, &parsed)) {
    throw Failure("kind: '" + kind + "' is not one of plan, report, text");
  }
  read.parse.kind = parsed;
  return read;
}

py::object JsonToPython(std::string_view text) {
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) throw Failure("internal error: a record that is not JSON");
  return ToPython(value);
}

py::list JsonLinesToPython(std::string_view lines) {
  py::list out;
  while (!lines.empty()) {
    size_t end = std::min(lines.find('\n'), lines.size());
    std::string_view line = lines.substr(0, end);
    if (!line.empty() && line != "\r") {
      json row = json::parse(line, nullptr, false);
      if (!row.is_object()) throw Failure("internal error: a tidy row that is not a JSON object");
      out.append(TidyRowToPython(row));
    }
    lines.remove_prefix(std::min(end + 1, lines.size()));
  }
  return out;
}

}  // namespace guihua::python
