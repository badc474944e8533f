// ResponseCache: answers are found again only for the same request on the same index version, and
// the least recently used go first when the byte bound is reached.
#include "server/internal/response_cache.h"

#include <gtest/gtest.h>

namespace guihua::server_internal {
namespace {

ApiResponse Body(const std::string& body) {
  ApiResponse r;
  r.body = body;
  return r;
}

TEST(ResponseCacheTest, SameRequestSameVersionOnly) {
  ResponseCache cache(1 << 20);
  std::string key = ResponseCache::Key("/api/search", {{"q", "托育"}, {"limit", "5"}});
  cache.Put(key, "v1", Body("answer"));
  auto found = cache.Find(key, "v1");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->body, "answer");
  EXPECT_EQ(cache.Find(key, "v2"), nullptr);  // the index changed
  EXPECT_EQ(cache.Find(ResponseCache::Key("/api/search", {{"q", "托育"}}), "v1"), nullptr);
}

TEST(ResponseCacheTest, ParameterOrderDoesNotMatterButValuesDo) {
  EXPECT_EQ(ResponseCache::Key("/api/search", {{"q", "a"}, {"limit", "5"}}),
            ResponseCache::Key("/api/search", {{"limit", "5"}, {"q", "a"}}));
  EXPECT_NE(ResponseCache::Key("/api/search", {{"q", "a"}}),
            ResponseCache::Key("/api/search", {{"q", "b"}}));
  EXPECT_NE(ResponseCache::Key("/api/search", {{"q", "a=b"}}),
            ResponseCache::Key("/api/search", {{"q=a", "b"}}));
  EXPECT_NE(ResponseCache::Key("/api/search", {}), ResponseCache::Key("/api/stats", {}));
}

TEST(ResponseCacheTest, LeastRecentlyUsedGoFirstWithinTheBound) {
  const size_t bound = 64 * 1024;
  ResponseCache cache(bound);
  std::string body(4000, 'x');
  for (int i = 0; i < 100; ++i) {
    std::string key = "k";
    key += std::to_string(i);
    cache.Put(key, "v", Body(body));
    ASSERT_NE(cache.Find("k0", "v"), nullptr) << i;  // k0 is used all along: it stays
  }
  EXPECT_LE(cache.bytes(), bound);
  EXPECT_EQ(cache.Find("k1", "v"), nullptr);  // the oldest unused went
  EXPECT_NE(cache.Find("k99", "v"), nullptr);
  cache.Put("huge", "v", Body(std::string(bound, 'y')));  // larger than a quarter: not kept
  EXPECT_EQ(cache.Find("huge", "v"), nullptr);
  EXPECT_NE(cache.Find("k99", "v"), nullptr);
}

}  // namespace
}  // namespace guihua::server_internal
