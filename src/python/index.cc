// guihua._core.Index (index.h): IndexReader with the name resolver of the CLI, each call
// answered with the tidy rows the CLI prints with `--format jsonl` (search, documents, indicators,
// compare targets, progress; render/tidy.h) made into lists of dicts.
#include "python/index.h"

#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "compare/compare.h"
#include "compare/request.h"
#include "index/index.h"
#include "names/listings.h"
#include "names/names.h"
#include "python/support.h"
#include "render/compare_table.h"
#include "render/listings.h"
#include "render/progress_render.h"
#include "render/search_results.h"

namespace guihua::python {
namespace {

// The search filters Python passes by keyword, and where each goes.
struct FilterField {
  const char* name;
  std::string SearchFilters::*field;
};
constexpr FilterField kFilters[] = {
    {"province", &SearchFilters::province}, {"city", &SearchFilters::city},
    {"district", &SearchFilters::district}, {"plan", &SearchFilters::plan},
    {"domain", &SearchFilters::domain},     {"block", &SearchFilters::block},
    {"indicator", &SearchFilters::indicator}, {"period", &SearchFilters::period},
    {"kind", &SearchFilters::kind},         {"document", &SearchFilters::document},
    {"year", &SearchFilters::year},         {"value", &SearchFilters::value},
};

// Unknown keywords are Python's TypeError, with the nearest filter named.
SearchFilters MakeFilters(const std::map<std::string, std::string>& given) {
  SearchFilters filters;
  for (const auto& [name, value] : given) {
    const FilterField* found = nullptr;
    for (const FilterField& f : kFilters) {
      if (name == f.name) found = &f;
    }
    if (found == nullptr) {
      std::vector<std::string> names;
      for (const FilterField& f : kFilters) names.push_back(f.name);
      throw py::type_error("search: " + UnknownNameMessage("filter", name, names));
    }
    filters.*(found->field) = value;
  }
  return filters;
}

class Index {
 public:
  Index(const std::vector<std::string>& dbs, const std::string& rules)
      : stages_(&LoadStages(rules)) {
    auto reader = IndexReader::Open(dbs);
    if (!reader.ok()) throw Failure(reader.status().message());
    reader_ = std::move(*reader);
    reader_->UseItemTable(true);  // a session searches many times
    reader_->DecodeCommonPostings();
  }

  // limit < 0: every hit.
  py::list Search(const std::string& query, const std::map<std::string, std::string>& filters,
                  int limit, int offset, const std::string& sort, bool collapse) {
    SearchRequest request;
    request.query = query;
    request.collapse = collapse;
    request.filters = MakeFilters(filters);
    request.offset = offset;
    request.sort = sort;
    std::string json;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard<std::mutex> lock(mu_);
      reader_->Reopen();  // sees what an ingest added since the last call
      request.limit = limit >= 0 ? limit : ItemCount();
      NameResolver resolver(stages_->names, reader_.get());
      request.resolve_filters = [&resolver](SearchFilters* f) { return resolver.ResolveFilters(f); };
      auto result = reader_->Search(request);
      // Failure needs no GIL; the release is undone as it unwinds.
      if (!result.ok()) throw Failure("search: " + result.status().message());
      std::ostringstream lines;
      TidyWriter writer(TidyFormat::kJsonl, SearchHitColumns(), &lines);
      WriteSearchHits(result->hits, writer);
      json = lines.str();
    }
    return JsonLinesToPython(json);
  }

  py::list Documents() {
    std::string json;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard<std::mutex> lock(mu_);
      reader_->Reopen();
      json = RenderDocuments(reader_->Files(), ListFormat::kJsonl);
    }
    return JsonLinesToPython(json);
  }

  // The tidy rows of `guihua compare targets --format jsonl` (or --wide): `scope` in names as the
  // CLI takes them; `against` an indexed document id or district.
  py::list CompareTargets(TableScope scope, const std::string& against, bool all, bool baselines,
                          bool wide) {
    std::string lines;
    Diagnostics diag;  // of a reference file
    {
      py::gil_scoped_release unlocked;
      std::lock_guard<std::mutex> lock(mu_);
      reader_->Reopen();
      NameResolver names(stages_->names, reader_.get());
      TargetTableOptions options;
      options.all = all;
      options.baselines = baselines;
      options.domain_order = stages_->names->DomainOrder();
      if (Status s = ResolveTableScope(names, std::move(scope), &options); !s.ok()) {
        throw Failure("compare: " + s.message());
      }
      std::optional<Reference> reference;
      if (!against.empty()) reference = ReferenceOf(names, against, options, &diag);
      auto table = guihua::CompareTargets(*reader_, stages_->extractor->Indicators(), options,
                                          reference ? &*reference : nullptr);
      if (!table.ok()) throw Failure("compare: " + table.status().message());
      CompareRenderOptions render;
      render.wide = wide;
      lines = RenderTargetTable(*table, CompareFormat::kJsonl, render);
    }
    std::vector<std::string> warnings;
    AppendDiagnostics(diag, &warnings);
    Warn(warnings);
    return JsonLinesToPython(lines);
  }

  // `guihua progress --format jsonl`: per plan and indicator, its target against its reports'
  // actuals (the tidy rows).
  py::list Progress(const ProgressRequest& request) {
    const ProgressRules& rules = ProgressRulesOf(*stages_);
    std::string json;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard<std::mutex> lock(mu_);
      reader_->Reopen();
      NameResolver names(stages_->names, reader_.get());
      auto options = ResolveProgressRequest(request, names);
      if (!options.ok()) throw Failure("progress: " + options.status().message());
      auto report = guihua::Progress(*reader_, stages_->extractor->Indicators(), rules, *options);
      if (!report.ok()) throw Failure("progress: " + report.status().message());
      json = RenderProgress(*report, CompareFormat::kJsonl);
    }
    return JsonLinesToPython(json);
  }

  // The dictionary's indicators of `plan` and `domain` (names as the CLI takes them) with their use
  // in this index; `unknown`: the indicator phrases of values without an id instead.
  py::list Indicators(const std::string& plan, const std::string& domain, bool unknown) {
    NameResolver names(stages_->names, nullptr);
    std::string plan_id = Resolve(names, NameKind::kPlan, plan, "");
    std::string domain_id = Resolve(names, NameKind::kDomain, domain, plan_id);
    std::string json;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard<std::mutex> lock(mu_);
      reader_->Reopen();
      json = unknown ? RenderUnknownIndicators(ListUnknownIndicators(*reader_, plan_id, domain_id),
                                               ListFormat::kJsonl)
                     : RenderIndicators(
                           ListIndicators(*stages_->names, reader_.get(), plan_id, domain_id),
                           ListFormat::kJsonl);
    }
    return JsonLinesToPython(json);
  }

 private:
  static std::string Resolve(const NameResolver& names, NameKind kind, const std::string& name,
                             const std::string& plan) {
    if (name.empty()) return "";
    auto id = names.Resolve(kind, name, plan);
    if (!id.ok()) throw Failure("indicators: " + id.status().message());
    return *id;
  }

  // The reference of `compare --against` (compare/request.h): an indexed document, the one
  // document of a district, or a plan file (its warnings go to `diag`).
  Reference ReferenceOf(const NameResolver& names, const std::string& against,
                        const TargetTableOptions& table, Diagnostics* diag) const {
    ReferenceSources sources{&names, reader_.get(),
                             [this] { return StatusOr<PlanStages>(stages_->plan_stages()); },
                             MakeReadOptions("", kDefaultMaxFileSize >> 20)};
    auto reference = ResolveReference(against, table, sources, diag);
    if (!reference.ok()) throw Failure("compare: " + reference.status().message());
    return std::move(*reference);
  }

  // Every item of the index: the limit that asks for every hit.
  int ItemCount() const {
    long long items = 0;
    for (const IndexedFile& f : reader_->Files()) items += f.items;
    return static_cast<int>(std::min<long long>(items + 1, 1 << 30));
  }

  const Stages* stages_;
  std::unique_ptr<IndexReader> reader_;
  std::mutex mu_;  // one call at a time: the reader is not for sharing between threads
};

}  // namespace

void RegisterIndex(py::module_& module) {
  py::class_<Index>(module, "Index")
      .def(py::init<const std::vector<std::string>&, const std::string&>(), py::arg("dbs"),
           py::arg("rules"))
      .def("search", &Index::Search, py::arg("query"), py::arg("filters"), py::arg("limit"),
           py::arg("offset"), py::arg("sort"), py::arg("collapse") = true)
      .def("documents", &Index::Documents)
      // The names of a table command come as (indicators, plan, domain, districts).
      .def(
          "compare_targets",
          [](Index& self, std::vector<std::string> indicators, std::string plan, std::string domain,
             std::vector<std::string> districts, const std::string& against, bool all,
             bool baselines, bool wide) {
            return self.CompareTargets({std::move(indicators), std::move(plan), std::move(domain),
                                        std::move(districts)},
                                       against, all, baselines, wide);
          },
          py::arg("indicators"), py::arg("plan"), py::arg("domain"), py::arg("districts"),
          py::arg("against"), py::arg("all"), py::arg("baselines"), py::arg("wide"))
      .def(
          "progress",
          [](Index& self, std::vector<std::string> indicators, std::string plan, std::string domain,
             std::vector<std::string> districts, int year) {
            return self.Progress({std::move(districts), std::move(indicators), std::move(plan),
                                  std::move(domain), year});
          },
          py::arg("indicators"), py::arg("plan"), py::arg("domain"), py::arg("districts"),
          py::arg("year"))
      .def("indicators", &Index::Indicators, py::arg("plan"), py::arg("domain"),
           py::arg("unknown"));
}

}  // namespace guihua::python
