// Fuzz target: the HTTP API's parameter checks. The input is a query string, "name=value&…",
// taken as cpp-httplib hands it over (already percent-decoded, so any bytes); the same pairs go
// to /api/search and /api/compare, and a search request that passes is parsed as a query and
// its filters resolved as names (against no index).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "fuzz/fuzz_targets.h"
#include "index/internal/query.h"
#include "names/names.h"
#include "server/internal/api.h"

namespace guihua::fuzz {

int FuzzParams(const uint8_t* data, size_t size) {
  static const auto* names = [] {
    Diagnostics diag;
    auto e = Extractor::Load(RulesDir(), &diag);
    GUIHUA_FUZZ_CHECK(e.ok());
    auto tables = NameTables::Load(RulesDir(), std::shared_ptr<const Extractor>(std::move(*e)), &diag);
    GUIHUA_FUZZ_CHECK(tables.ok());
    return new std::shared_ptr<const NameTables>(*tables);
  }();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::multimap<std::string, std::string> params;
  while (!in.empty()) {
    size_t amp = in.find('&');
    std::string_view pair = in.substr(0, amp);
    size_t eq = pair.find('=');
    params.emplace(std::string(pair.substr(0, eq)),
                   eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    in = amp == std::string_view::npos ? std::string_view() : in.substr(amp + 1);
  }
  auto search = server_internal::ParseSearchParams(params);
  if (search.ok()) {
    GUIHUA_FUZZ_CHECK(search->limit >= 0 && search->offset >= 0);
    internal::ParseQuery(search->query);
    NameResolver resolver(*names, nullptr);
    (void)resolver.ResolveFilters(&search->filters);
  }
  server_internal::ParseCompareParams(params);
  return 0;
}

}  // namespace guihua::fuzz
