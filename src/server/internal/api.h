// The JSON API without HTTP: a GET path and its decoded query parameters in, a status, content
// type and body out. server.cc only moves these between cpp-httplib and this class.
#ifndef GUIHUA_SERVER_INTERNAL_API_H_
#define GUIHUA_SERVER_INTERNAL_API_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compare/compare.h"
#include "extract/extract.h"
#include "index/index.h"
#include "names/names.h"
#include "progress/progress.h"
#include "server/internal/reader_pool.h"

namespace guihua::server_internal {

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string filename;  // set for downloads: Content-Disposition: attachment
};

constexpr int kMaxLimit = 1000;          // hits per search page
constexpr size_t kMaxQueryChars = 1000;  // code points of q

// {"error": message} with `status`.
ApiResponse ErrorResponse(int status, const std::string& message);

class ApiParams;  // the query parameters of one request, checked against its route (api.cc)

// What a route's handler gets: the checked parameters, the `{}` segment of the path ("" for an
// exact route), and the index and names to answer from.
struct RouteCall {
  const ApiParams& params;
  std::string_view capture;
  ReaderPool& readers;
  const std::shared_ptr<const NameTables>& names;
  const ProgressRules* progress;  // null when the server was started without them
};

// One row of the API's route table: the one list that Api::Get answers from, IsApiPath asks, and
// the server's 405 reads (a new route is a row here and a handler in api.cc).
struct ApiRoute {
  std::string_view path;    // exact, or ending in "{}": one non-empty segment without '/'
  std::string_view method;  // the one method it answers ("GET"; the server adds HEAD)
  std::vector<std::string_view> params;    // the query parameters it takes; any other is a 400
  std::vector<std::string_view> lists;     // of those, the ones that take several values
  std::vector<std::string_view> captures;  // the values `{}` may take; empty: any segment
  ApiResponse (*answer)(const RouteCall&);
};

// Every route, in the order they are matched.
const std::vector<ApiRoute>& ApiRoutes();

// The route answering `path` (already percent-decoded), or nullptr; `capture` gets its `{}`.
const ApiRoute* FindApiRoute(std::string_view path, std::string_view* capture = nullptr);

// True for a path some route answers (for telling 405 from 404 on other methods).
bool IsApiPath(const std::string& path);

// The query parameters of /api/search as a request, checked (names, UTF-8, caps, values) without
// touching an index; InvalidInput (a 400) names the problem.
// Names (district=北关) are resolved later, against the index searched.
StatusOr<SearchRequest> ParseSearchParams(const std::multimap<std::string, std::string>& params);

// The query parameters of /api/compare and /api/export/compare.*, checked the same way; `against`
// is resolved against the index later.
struct CompareRequest {
  TargetTableOptions options;           // names as given, resolved against the index later
  std::vector<std::string> districts;   // districts or document ids, as given
  std::string against;                  // "" for none
};
StatusOr<CompareRequest> ParseCompareParams(const std::multimap<std::string, std::string>& params);

class ResponseCache;

class Api {
 public:
  // `cache` may be null (no caching).
  Api(ReaderPool* readers, std::shared_ptr<const NameTables> names, ResponseCache* cache = nullptr,
      std::shared_ptr<const ProgressRules> progress = nullptr)
      : readers_(readers), names_(std::move(names)), cache_(cache), progress_(std::move(progress)) {}

  // `path` is already percent-decoded; `params` holds every name=value pair, decoded. A 200 answer
  // is cached for the index version it was computed on.
  ApiResponse Get(const std::string& path,
                  const std::multimap<std::string, std::string>& params) const;

 private:
  ApiResponse Answer(const std::string& path,
                     const std::multimap<std::string, std::string>& params) const;

  ReaderPool* readers_;
  std::shared_ptr<const NameTables> names_;
  ResponseCache* cache_;
  std::shared_ptr<const ProgressRules> progress_;
};

}  // namespace guihua::server_internal

#endif  // GUIHUA_SERVER_INTERNAL_API_H_
