// The API's one route table: every routed path is an API path (so other methods get a 405) and
// every API path is routed, path patterns match one segment only, and the parameter lists the
// routes take are the ones the request parsers check.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "server/internal/api.h"

namespace guihua::server_internal {
namespace {

// A path the route answers: its `{}` filled with an allowed value.
std::string Example(const ApiRoute& route) {
  std::string path(route.path);
  if (path.ends_with("{}")) {
    path.resize(path.size() - 2);
    path += route.captures.empty() ? "some-document" : std::string(route.captures.front());
  }
  return path;
}

TEST(RoutesTest, EveryRouteIsAnApiPathAndFoundAsItself) {
  std::set<std::string_view> paths;
  for (const ApiRoute& route : ApiRoutes()) {
    SCOPED_TRACE(std::string(route.path));
    EXPECT_TRUE(paths.insert(route.path).second) << "listed twice";
    EXPECT_EQ(route.method, "GET");
    EXPECT_NE(route.answer, nullptr);
    std::string path = Example(route);
    EXPECT_TRUE(IsApiPath(path));
    std::string_view capture;
    EXPECT_EQ(FindApiRoute(path, &capture), &route);
    EXPECT_EQ(capture.empty(), !route.path.ends_with("{}"));
    for (std::string_view list : route.lists) {
      EXPECT_NE(std::find(route.params.begin(), route.params.end(), list), route.params.end())
          << list << " is a list but not a parameter";
    }
  }
}

TEST(RoutesTest, OtherPathsAreNotApiPaths) {
  for (const char* path :
       {"/", "/api", "/api/", "/api/search/", "/api/searchx", "/api/documents/",
        "/api/documents/a/b", "/api/documents/../../etc/passwd", "/api/export/compare.pdf",
        "/api/export/compare.", "/api/export/compare.csv/x", "/assets/app.js", "/API/search"}) {
    EXPECT_FALSE(IsApiPath(path)) << path;
    EXPECT_EQ(FindApiRoute(path), nullptr) << path;
  }
}

TEST(RoutesTest, RequestParsersCheckTheRoutesParameters) {
  const ApiRoute* search = FindApiRoute("/api/search");
  const ApiRoute* compare = FindApiRoute("/api/compare");
  const ApiRoute* exported = FindApiRoute("/api/export/compare.csv");
  ASSERT_TRUE(search && compare && exported);
  EXPECT_EQ(compare->params, exported->params);
  for (std::string_view name : search->params) {
    EXPECT_TRUE(ParseSearchParams({{std::string(name), ""}}).ok()) << name;
  }
  for (std::string_view name : compare->params) {
    EXPECT_TRUE(ParseCompareParams({{std::string(name), ""}}).ok()) << name;
  }
  EXPECT_FALSE(ParseSearchParams({{"against", "x"}}).ok());
  EXPECT_FALSE(ParseCompareParams({{"q", "x"}}).ok());
}

}  // namespace
}  // namespace guihua::server_internal
