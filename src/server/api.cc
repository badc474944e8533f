// The JSON API of `guihua serve`: parameters checked (names, values, UTF-8, caps), then the same
// library calls and writers as the CLI's --format json. No URL reaches the file system: documents
// and references are looked up in the index only.
#include "server/internal/api.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "common/utf8.h"
#include "compare/compare.h"
#include "compare/request.h"
#include "extract/target_record.h"
#include "names/listings.h"
#include "render/compare_table.h"
#include "render/listings.h"
#include "render/progress_render.h"
#include "render/search_results.h"
#include "render/tidy.h"
#include "server/internal/response_cache.h"

namespace guihua::server_internal {
// The query parameters of one request, checked against the names its route takes.
class ApiParams {
 public:
  // InvalidInput for a name the route does not take, malformed UTF-8, or a name given twice that
  // is not a list (`lists`: comma-separated values, also repeatable).
  static StatusOr<ApiParams> Parse(const std::multimap<std::string, std::string>& raw,
                                   const std::vector<std::string_view>& allowed,
                                   const std::vector<std::string_view>& lists) {
    ApiParams p;
    std::set<std::string_view> names(allowed.begin(), allowed.end());
    std::set<std::string_view> list_names(lists.begin(), lists.end());
    for (const auto& [name, value] : raw) {
      if (!utf8::IsValid(name) || !utf8::IsValid(value)) {
        return Status::InvalidInput("malformed UTF-8 in parameter '" +
                                    (utf8::IsValid(name) ? name : std::string("?")) + "'");
      }
      if (!names.count(name)) return Status::InvalidInput("unknown parameter '" + name + "'");
      auto& values = p.values_[name];
      if (!values.empty() && !list_names.count(name)) {
        return Status::InvalidInput("parameter '" + name + "' given twice");
      }
      values.push_back(value);
    }
    return p;
  }

  std::string Get(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? "" : it->second.front();
  }

  // Every value, repeated or comma-separated, empty pieces dropped.
  std::vector<std::string> List(const std::string& name) const {
    std::vector<std::string> out;
    auto it = values_.find(name);
    if (it == values_.end()) return out;
    for (const std::string& v : it->second) {
      std::stringstream in(v);
      for (std::string piece; std::getline(in, piece, ',');) {
        if (!piece.empty()) out.push_back(piece);
      }
    }
    return out;
  }

  StatusOr<int> Int(const std::string& name, int fallback, int min, int max) const {
    std::string v = Get(name);
    if (v.empty()) return fallback;
    bool digits = v.size() <= 9 &&
                  std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    int n = digits ? std::stoi(v) : -1;
    if (!digits || n < min || n > max) {
      return Status::InvalidInput("'" + name + "' must be a whole number from " +
                                  std::to_string(min) + " to " + std::to_string(max));
    }
    return n;
  }

  StatusOr<bool> Flag(const std::string& name) const {
    std::string v = Get(name);
    if (v.empty() || v == "0" || v == "false") return false;
    if (v == "1" || v == "true") return true;
    return Status::InvalidInput("'" + name + "' must be 1 or 0");
  }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A stored target record as a value of a response, as its codec writes it.
json RecordJson(const TargetRecord& record) {
  return json::parse(WriteTargetRecord(record), nullptr, false);
}

ApiResponse JsonResponse(std::string body) {
  ApiResponse r;
  r.body = std::move(body);
  return r;
}

ApiResponse FromStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidInput:
      return ErrorResponse(400, s.message());
    case StatusCode::kNotFound:
      return ErrorResponse(404, s.message());
    default:
      return ErrorResponse(500, "internal error");
  }
}

// ---- /api/search ----

StatusOr<SearchRequest> SearchRequestOf(const ApiParams& p) {
  SearchRequest request;
  request.query = p.Get("q");
  if (utf8::Length(request.query) > kMaxQueryChars) {
    return Status::InvalidInput("'q' is longer than " + std::to_string(kMaxQueryChars) +
                                " characters");
  }
  SearchFilters& f = request.filters;
  f.province = p.Get("province");
  f.city = p.Get("city");
  f.district = p.Get("district");
  f.plan = p.Get("plan");
  f.kind = p.Get("kind");
  f.domain = p.Get("domain");
  f.block = p.Get("block");
  f.indicator = p.Get("indicator");
  f.period = p.Get("period");
  f.year = p.Get("year");
  f.value = p.Get("value");
  request.sort = p.Get("sort");  // IndexReader::Search refuses an unknown one
  // The names (district=北关, plan=妇女, indicator=孕产妇死亡率) are resolved at search time,
  // against the index the search reads (Search below).
  auto limit = p.Int("limit", 10, 0, kMaxLimit);
  if (!limit.ok()) return limit.status();
  auto offset = p.Int("offset", 0, 0, 100000000);
  if (!offset.ok()) return offset.status();
  auto facets = p.Flag("facets");
  if (!facets.ok()) return facets.status();
  auto exact = p.Flag("exact");
  if (!exact.ok()) return exact.status();
  request.limit = *limit;
  request.offset = *offset;
  request.facets = *facets;
  request.exact_total = *exact;
  // Same texts are one hit unless collapse=0 (as the CLI's --no-collapse).
  auto collapse = p.Flag("collapse");
  if (!collapse.ok()) return collapse.status();
  request.collapse = p.Get("collapse").empty() || *collapse;
  return request;
}

ApiResponse Search(SearchRequest request, ReaderPool& readers,
                   const std::shared_ptr<const NameTables>& names) {
  auto reader = readers.Acquire();
  NameResolver resolver(names, &*reader);
  request.resolve_filters = [&resolver](SearchFilters* f) { return resolver.ResolveFilters(f); };
  auto result = reader->Search(request);
  if (!result.ok() && result.status().code() == StatusCode::kInternal) {
    // Most likely a writer committed twice during the search: read the newest revision and retry.
    reader->Reopen();
    result = reader->Search(request);
  }
  if (!result.ok()) return FromStatus(result.status());
  return JsonResponse(SearchResultToJson(*result, {"<mark>", "</mark>", true}));
}

// ---- /api/targets ----

// The names of /api/targets as the ids and values the stored targets carry.
struct TargetFilter {
  std::vector<std::string> documents;  // of `document` or `district`; empty: all
  std::string plan, domain, indicator, kind;
};

StatusOr<TargetFilter> TargetFilterOf(const ApiParams& p, const NameResolver& names) {
  TargetFilter f;
  for (const char* name : {"document", "district"}) {
    if (p.Get(name).empty()) continue;
    auto files = names.Documents(p.Get(name));
    if (!files.ok()) return files.status();
    std::vector<std::string> ids;
    for (const IndexedFile& file : *files) ids.push_back(file.document);
    if (!f.documents.empty()) {  // both given: the documents of both
      std::erase_if(ids, [&](const std::string& id) {
        return std::find(f.documents.begin(), f.documents.end(), id) == f.documents.end();
      });
    }
    f.documents = std::move(ids);
    if (f.documents.empty()) return Status::InvalidInput("the document is not in that district");
  }
  const std::pair<std::string*, NameKind> fields[] = {{&f.plan, NameKind::kPlan},
                                                      {&f.domain, NameKind::kDomain},
                                                      {&f.indicator, NameKind::kIndicator},
                                                      {&f.kind, NameKind::kValueKind}};
  const char* const params[] = {"plan", "domain", "indicator", "kind"};
  for (size_t i = 0; i < std::size(fields); ++i) {
    if (p.Get(params[i]).empty()) continue;
    auto id = names.Resolve(fields[i].second, p.Get(params[i]), f.plan);
    if (!id.ok()) return id.status();
    *fields[i].first = std::move(*id);
  }
  return f;
}

ApiResponse Targets(const ApiParams& p, ReaderPool& readers,
                    const std::shared_ptr<const NameTables>& names) {
  auto reader = readers.Acquire();
  NameResolver resolver(names, &*reader);
  auto filter = TargetFilterOf(p, resolver);
  if (!filter.ok()) return FromStatus(filter.status());
  const std::string &plan = filter->plan, &domain = filter->domain,
                    &indicator = filter->indicator, &kind = filter->kind;
  std::vector<std::string> lines;
  if (filter->documents.empty()) {
    lines = reader->Targets();
  } else {
    for (const std::string& d : filter->documents) {
      for (std::string& line : reader->Targets(d)) lines.push_back(std::move(line));
    }
  }
  json out = json::array();
  for (const std::string& line : lines) {
    auto t = ReadTargetRecord(line);
    if (!t) continue;
    if (!plan.empty() && t->plan != plan) continue;
    if (!domain.empty() && t->domain_id != domain) continue;
    if (!indicator.empty() && t->indicator_id != indicator) continue;
    if (!kind.empty() && t->kind != kind) continue;
    out.push_back(RecordJson(*t));
  }
  return JsonResponse(Dump({{"total", out.size()}, {"targets", std::move(out)}}));
}

// ---- /api/compare and /api/export/compare.* ----

StatusOr<CompareRequest> CompareRequestOf(const ApiParams& p) {
  CompareRequest request;
  TargetTableOptions& options = request.options;
  options.indicators = p.List("indicator");
  request.districts = p.List("district");
  options.domain = p.Get("domain");
  options.plan = p.Get("plan");
  auto all = p.Flag("all");
  if (!all.ok()) return all.status();
  auto baselines = p.Flag("baselines");
  if (!baselines.ok()) return baselines.status();
  options.all = *all;
  options.baselines = *baselines;
  request.against = p.Get("against");
  return request;
}

// The names of a compare request as ids, then the table; `against` is an indexed document or
// district, never a file (no URL reaches the file system).
StatusOr<TargetTable> CompareTable(const CompareRequest& request, ReaderPool& readers,
                                   const std::shared_ptr<const NameTables>& names) {
  auto reader = readers.Acquire();
  NameResolver resolver(names, &*reader);
  TargetTableOptions options = request.options;
  options.domain_order = names->DomainOrder();
  if (Status s = ResolveTableScope(
          resolver, {options.indicators, options.plan, options.domain, request.districts}, &options);
      !s.ok()) {
    return s;
  }
  std::optional<Reference> reference;
  if (!request.against.empty()) {
    Diagnostics unused;  // no file is read: the sources have no file stages
    auto r = ResolveReference(request.against, options, {&resolver, &*reader}, &unused);
    if (!r.ok()) return Status::InvalidInput("against: " + r.status().message());
    reference = std::move(*r);
  }
  return CompareTargets(*reader, names->indicators(), options, reference ? &*reference : nullptr);
}

ApiResponse Compare(const CompareRequest& request, ReaderPool& readers,
                    const std::shared_ptr<const NameTables>& names) {
  auto table = CompareTable(request, readers, names);
  if (!table.ok()) return FromStatus(table.status());
  return JsonResponse(RenderTargetTable(*table, CompareFormat::kJson));
}

// The bytes of the workbook `write` makes at a path (libxlsxwriter writes files only).
StatusOr<std::string> XlsxBytes(const std::function<Status(const std::string&)>& write) {
  std::string path = (std::filesystem::temp_directory_path() / "guihua-export-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return Status::Internal("cannot make a temporary file");
  close(fd);
  Status s = write(path);
  std::string bytes;
  if (s.ok()) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    bytes = buf.str();
  }
  std::remove(path.c_str());
  if (!s.ok()) return s;
  return bytes;
}

ApiResponse Export(const std::string& format, const CompareRequest& request, ReaderPool& readers,
                   const std::shared_ptr<const NameTables>& names) {
  auto table = CompareTable(request, readers, names);
  if (!table.ok()) return FromStatus(table.status());
  ApiResponse r;
  r.filename = "compare." + format;
  if (format == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.body = RenderTargetTable(*table, CompareFormat::kCsv);
  } else if (format == "html") {
    r.content_type = "text/html; charset=utf-8";
    r.body = RenderTargetTable(*table, CompareFormat::kHtml);
  } else {
    auto bytes = XlsxBytes([&](const std::string& path) { return WriteTargetTableXlsx(*table, path); });
    if (!bytes.ok()) return FromStatus(bytes.status());
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(*bytes);
  }
  return r;
}

// ---- /api/progress and /api/export/progress.* ----

StatusOr<ProgressReport> ProgressOf(const RouteCall& call) {
  if (call.progress == nullptr) return Status::Internal("the progress rules are not loaded");
  const ApiParams& p = call.params;
  ProgressRequest request{p.List("district"), p.List("indicator"), p.Get("plan"), p.Get("domain"), 0};
  auto year = p.Int("year", 0, 1900, 2200);
  if (!year.ok()) return year.status();
  request.year = *year;
  auto reader = call.readers.Acquire();
  NameResolver resolver(call.names, &*reader);
  auto options = ResolveProgressRequest(request, resolver);
  if (!options.ok()) return options.status();
  return Progress(*reader, call.names->indicators(), *call.progress, *options);
}

ApiResponse AnswerProgress(const RouteCall& call) {
  auto report = ProgressOf(call);
  if (!report.ok()) return FromStatus(report.status());
  return JsonResponse(RenderProgress(*report, CompareFormat::kJson));
}

ApiResponse AnswerProgressExport(const RouteCall& call) {
  auto report = ProgressOf(call);
  if (!report.ok()) return FromStatus(report.status());
  ApiResponse r;
  r.filename = "progress." + std::string(call.capture);
  if (call.capture == "csv") {
    r.content_type = "text/csv; charset=utf-8";
    r.body = RenderProgress(*report, CompareFormat::kCsv);
  } else if (call.capture == "html") {
    r.content_type = "text/html; charset=utf-8";
    r.body = RenderProgress(*report, CompareFormat::kHtml);
  } else {
    auto bytes = XlsxBytes([&](const std::string& path) { return WriteProgressXlsx(*report, path); });
    if (!bytes.ok()) return FromStatus(bytes.status());
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(*bytes);
  }
  return r;
}

// ---- /api/documents/{id} ----

// Every item of `document`, in line order.
StatusOr<std::vector<SearchHit>> DocumentItems(IndexReader& reader, const std::string& document) {
  std::vector<SearchHit> items;
  SearchRequest request;
  request.filters.document = document;
  request.limit = kMaxLimit;
  for (;;) {
    auto page = reader.Search(request);
    if (!page.ok()) return page.status();
    for (SearchHit& h : page->hits) items.push_back(std::move(h));
    if (page->hits.empty() || items.size() >= page->total) break;
    request.offset += kMaxLimit;
  }
  std::stable_sort(items.begin(), items.end(), [](const SearchHit& a, const SearchHit& b) {
    return std::tie(a.line, a.end_line) < std::tie(b.line, b.end_line);
  });
  return items;
}

json Nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

ApiResponse DocumentView(const std::string& id, ReaderPool& readers) {
  if (!utf8::IsValid(id)) return ErrorResponse(400, "malformed UTF-8 in document id");
  auto reader = readers.Acquire();
  std::vector<IndexedFile> files = reader->Files();
  auto file = std::find_if(files.begin(), files.end(),
                           [&](const IndexedFile& f) { return f.document == id; });
  if (file == files.end()) return ErrorResponse(404, "no document '" + id + "' in the index");
  auto items = DocumentItems(*reader, id);
  if (!items.ok()) return FromStatus(items.status());

  // Plans and domains as they follow each other in the file.
  json plans = json::array();
  for (const SearchHit& h : *items) {
    if (plans.empty() || plans.back()["plan"] != h.plan) {
      plans.push_back({{"plan", h.plan}, {"domains", json::array()}});
    }
    json& domains = plans.back()["domains"];
    if (domains.empty() || domains.back()["domain"] != h.domain ||
        domains.back()["domain_id"] != Nullable(h.domain_id)) {
      domains.push_back(
          {{"domain", h.domain}, {"domain_id", Nullable(h.domain_id)}, {"items", json::array()}});
    }
    domains.back()["items"].push_back({{"block", h.block},
                                       {"item", h.item ? json(h.item) : json(nullptr)},
                                       {"text", h.text},
                                       {"line", h.line},
                                       {"end_line", h.end_line}});
  }
  json targets = json::array();
  for (const std::string& line : reader->Targets(id)) {
    if (auto t = ReadTargetRecord(line)) targets.push_back(RecordJson(*t));
  }
  json out = {{"document", file->document},
              {"file", file->file},
              {"province", file->region.province},
              {"city", file->region.city},
              {"district", file->region.district},
              {"period", {{"start", file->period.start}, {"end", file->period.end}}},
              {"items", items->size()},
              {"plans", std::move(plans)},
              {"targets", std::move(targets)}};
  return JsonResponse(Dump(out));
}

// ---- the route table ----

// The names and values of /api/indicators and /api/domains as ids.
StatusOr<std::pair<std::string, std::string>> PlanAndDomain(const ApiParams& p,
                                                            const NameResolver& resolver) {
  std::string plan, domain;
  for (auto [field, kind, name] :
       {std::tuple{&plan, NameKind::kPlan, "plan"}, {&domain, NameKind::kDomain, "domain"}}) {
    if (p.Get(name).empty()) continue;
    auto id = resolver.Resolve(kind, p.Get(name), plan);
    if (!id.ok()) return id.status();
    *field = *id;
  }
  return std::pair{plan, domain};
}

// Every hit of a search as a tidy CSV, the rows of `guihua search --format csv --all`
// (docs/exports.md), the page's "download all": pages of kExportPage hits until the matches run
// out, so no cap of /api/search applies.
constexpr int kExportPage = 5000;

ApiResponse AnswerSearchExport(const RouteCall& call) {
  auto request = SearchRequestOf(call.params);
  if (!request.ok()) return FromStatus(request.status());
  auto reader = call.readers.Acquire();
  NameResolver resolver(call.names, &*reader);
  request->resolve_filters = [&resolver](SearchFilters* f) { return resolver.ResolveFilters(f); };
  request->limit = kExportPage;
  request->offset = 0;
  request->facets = false;
  std::ostringstream out;
  TidyWriter writer(TidyFormat::kCsv, SearchHitColumns(), &out);
  for (;;) {
    auto page = reader->Search(*request);
    if (!page.ok()) return FromStatus(page.status());
    WriteSearchHits(page->hits, writer);
    if (page->hits.size() < static_cast<size_t>(kExportPage)) break;
    request->offset += kExportPage;
  }
  ApiResponse r;
  r.filename = "search.csv";
  r.content_type = "text/csv; charset=utf-8";
  r.body = out.str();
  return r;
}

ApiResponse AnswerSearch(const RouteCall& call) {
  auto request = SearchRequestOf(call.params);
  if (!request.ok()) return FromStatus(request.status());
  return Search(std::move(*request), call.readers, call.names);
}

ApiResponse AnswerTargets(const RouteCall& call) {
  return Targets(call.params, call.readers, call.names);
}

ApiResponse AnswerCompare(const RouteCall& call) {
  auto request = CompareRequestOf(call.params);
  if (!request.ok()) return FromStatus(request.status());
  return Compare(*request, call.readers, call.names);
}

ApiResponse AnswerIndicators(const RouteCall& call) {
  auto reader = call.readers.Acquire();
  NameResolver resolver(call.names, &*reader);
  auto ids = PlanAndDomain(call.params, resolver);
  if (!ids.ok()) return FromStatus(ids.status());
  const auto& [plan, domain] = *ids;
  return JsonResponse(
      RenderIndicators(ListIndicators(*call.names, &*reader, plan, domain), ListFormat::kJson));
}

ApiResponse AnswerDomains(const RouteCall& call) {
  auto reader = call.readers.Acquire();
  NameResolver resolver(call.names, &*reader);
  auto ids = PlanAndDomain(call.params, resolver);
  if (!ids.ok()) return FromStatus(ids.status());
  const std::string& plan = ids->first;
  std::vector<NamedValue> domains;
  for (const NamedValue& d : call.names->Values(NameKind::kDomain)) {
    if (plan.empty() || d.plan == plan) domains.push_back(d);
  }
  return JsonResponse(RenderDomains(domains, ListFormat::kJson));
}

ApiResponse AnswerDocuments(const RouteCall& call) {
  auto reader = call.readers.Acquire();
  return JsonResponse(RenderDocuments(reader->Files(), ListFormat::kJson));
}

ApiResponse AnswerStats(const RouteCall& call) {
  auto reader = call.readers.Acquire();
  return JsonResponse(StatsJson(reader->Files(), reader->Targets()));
}

ApiResponse AnswerDocument(const RouteCall& call) {
  return DocumentView(std::string(call.capture), call.readers);
}

ApiResponse AnswerExport(const RouteCall& call) {
  auto request = CompareRequestOf(call.params);
  if (!request.ok()) return FromStatus(request.status());
  return Export(std::string(call.capture), *request, call.readers, call.names);
}

const std::vector<std::string_view> kSearchParams = {
    "q",    "province", "city",  "district", "plan",  "kind",   "domain", "block", "indicator",
    "period", "year",   "value", "sort",     "limit", "offset", "facets", "exact",
    "collapse"};
const std::vector<std::string_view> kCompareParams = {
    "indicator", "district", "against", "domain", "plan", "all", "baselines"};
const std::vector<std::string_view> kCompareLists = {"indicator", "district"};
const std::vector<std::string_view> kProgressParams = {"district", "plan", "indicator", "domain", "year"};

// `path` against a route path: exact, or a prefix and one `{}` segment (non-empty, no '/', one of
// `captures` when given).
bool Matches(const ApiRoute& route, std::string_view path, std::string_view* capture) {
  std::string_view pattern = route.path;
  if (!pattern.ends_with("{}")) {
    if (path != pattern) return false;
    *capture = {};
    return true;
  }
  pattern.remove_suffix(2);
  if (!path.starts_with(pattern)) return false;
  std::string_view segment = path.substr(pattern.size());
  if (segment.empty() || segment.find('/') != std::string_view::npos) return false;
  if (!route.captures.empty() &&
      std::find(route.captures.begin(), route.captures.end(), segment) == route.captures.end()) {
    return false;
  }
  *capture = segment;
  return true;
}

}  // namespace

const std::vector<ApiRoute>& ApiRoutes() {
  static const std::vector<ApiRoute> routes = {
      {"/api/search", "GET", kSearchParams, {}, {}, AnswerSearch},
      {"/api/export/search.{}", "GET", kSearchParams, {}, {"csv"}, AnswerSearchExport},
      {"/api/targets",
       "GET",
       {"document", "district", "plan", "domain", "indicator", "kind"},
       {},
       {},
       AnswerTargets},
      {"/api/compare", "GET", kCompareParams, kCompareLists, {}, AnswerCompare},
      {"/api/indicators", "GET", {"plan", "domain"}, {}, {}, AnswerIndicators},
      {"/api/domains", "GET", {"plan", "domain"}, {}, {}, AnswerDomains},
      {"/api/documents", "GET", {}, {}, {}, AnswerDocuments},
      {"/api/stats", "GET", {}, {}, {}, AnswerStats},
      {"/api/documents/{}", "GET", {}, {}, {}, AnswerDocument},
      {"/api/export/compare.{}", "GET", kCompareParams, kCompareLists, {"csv", "xlsx", "html"},
       AnswerExport},
      {"/api/progress", "GET", kProgressParams, kCompareLists, {}, AnswerProgress},
      {"/api/export/progress.{}", "GET", kProgressParams, kCompareLists, {"csv", "xlsx", "html"},
       AnswerProgressExport},
  };
  return routes;
}

const ApiRoute* FindApiRoute(std::string_view path, std::string_view* capture) {
  std::string_view ignored;
  for (const ApiRoute& route : ApiRoutes()) {
    if (Matches(route, path, capture ? capture : &ignored)) return &route;
  }
  return nullptr;
}

bool IsApiPath(const std::string& path) { return FindApiRoute(path) != nullptr; }

StatusOr<SearchRequest> ParseSearchParams(const std::multimap<std::string, std::string>& params) {
  auto p = ApiParams::Parse(params, kSearchParams, {});
  if (!p.ok()) return p.status();
  return SearchRequestOf(*p);
}

StatusOr<CompareRequest> ParseCompareParams(const std::multimap<std::string, std::string>& params) {
  auto p = ApiParams::Parse(params, kCompareParams, kCompareLists);
  if (!p.ok()) return p.status();
  return CompareRequestOf(*p);
}

ApiResponse ErrorResponse(int status, const std::string& message) {
  ApiResponse r;
  r.status = status;
  r.body = Dump({{"error", message}});
  return r;
}

ApiResponse Api::Get(const std::string& path,
                     const std::multimap<std::string, std::string>& params) const {
  if (cache_ == nullptr) return Answer(path, params);
  std::string key = ResponseCache::Key(path, params);
  if (std::optional<std::string> version = readers_->RecentVersion(); version && !version->empty()) {
    if (auto cached = cache_->Find(key, *version)) return *cached;
  }
  ReaderPool::ForgetLeasedVersion();
  ApiResponse response = Answer(path, params);
  // Stored under the version of the reader that answered (the last one this thread leased).
  const std::string& version = ReaderPool::LeasedVersion();
  if (response.status == 200 && !version.empty()) cache_->Put(key, version, response);
  return response;
}

ApiResponse Api::Answer(const std::string& path,
                        const std::multimap<std::string, std::string>& params) const {
  try {
    std::string_view capture;
    const ApiRoute* route = FindApiRoute(path, &capture);
    if (route == nullptr) return ErrorResponse(404, "no such path");
    auto checked = ApiParams::Parse(params, route->params, route->lists);
    if (!checked.ok()) return FromStatus(checked.status());
    return route->answer(RouteCall{*checked, capture, *readers_, names_, progress_.get()});
  } catch (const std::exception&) {
    return ErrorResponse(500, "internal error");
  }
}

}  // namespace guihua::server_internal
