// guihua._core.Index (index.h): IndexReader with the name resolver of the CLI, each call
// answered with the JSON the CLI prints (`search --format json`, `documents --format json`,
// `indicators --format json`) made into lists of dicts.
#include "python/index.h"

#include <pybind11/stl.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "index/index.h"
#include "names/listings.h"
#include "names/names.h"
#include "python/support.h"
#include "render/listings.h"
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
  }

  // limit < 0: every hit.
  py::list Search(const std::string& query, const std::map<std::string, std::string>& filters,
                  int limit, int offset, const std::string& sort) {
    SearchRequest request;
    request.query = query;
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
      json = SearchResultToJson(*result, {"«", "»", false});
    }
    return py::list(JsonToPython(json)["hits"]);
  }

  py::list Documents() {
    std::string json;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard<std::mutex> lock(mu_);
      reader_->Reopen();
      json = RenderDocuments(reader_->Files(), ListFormat::kJson);
    }
    return JsonToPython(json);
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
                                               ListFormat::kJson)
                     : RenderIndicators(
                           ListIndicators(*stages_->names, reader_.get(), plan_id, domain_id),
                           ListFormat::kJson);
    }
    return JsonToPython(json);
  }

 private:
  static std::string Resolve(const NameResolver& names, NameKind kind, const std::string& name,
                             const std::string& plan) {
    if (name.empty()) return "";
    auto id = names.Resolve(kind, name, plan);
    if (!id.ok()) throw Failure("indicators: " + id.status().message());
    return *id;
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
           py::arg("offset"), py::arg("sort"))
      .def("documents", &Index::Documents)
      .def("indicators", &Index::Indicators, py::arg("plan"), py::arg("domain"),
           py::arg("unknown"));
}

}  // namespace guihua::python
