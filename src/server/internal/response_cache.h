// A bounded LRU cache of API responses, keyed by the request (path and sorted parameters) and
// valid for one index version only: the same question on the same revision of the index gets the
// same bytes, without a search. What Solr's queryResultCache and Elasticsearch's request cache
// do; a commit by `guihua ingest` changes the version, and every older entry stops matching.
#ifndef GUIHUA_SERVER_INTERNAL_RESPONSE_CACHE_H_
#define GUIHUA_SERVER_INTERNAL_RESPONSE_CACHE_H_

#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/internal/api.h"

namespace guihua::server_internal {

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The key of a GET: the path and every parameter, sorted, so that the order in the URL does not
  // matter.
  static std::string Key(const std::string& path,
                         const std::multimap<std::string, std::string>& params);

  // The response stored for `key` at `version`, if any.
  std::shared_ptr<const ApiResponse> Find(const std::string& key, const std::string& version);

  // Stores `response`; the least recently used entries go when the bytes exceed the bound.
  void Put(const std::string& key, const std::string& version, ApiResponse response);

  size_t bytes() const;

 private:
  struct Entry {
    std::string key, version;
    std::shared_ptr<const ApiResponse> response;
    size_t bytes = 0;
  };
  void EvictLocked();

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  size_t bytes_ = 0;
};

}  // namespace guihua::server_internal

#endif  // GUIHUA_SERVER_INTERNAL_RESPONSE_CACHE_H_
