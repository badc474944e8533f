// ResponseCache: an LRU list with a hash index, bounded in bytes, one lock.
#include "server/internal/response_cache.h"

namespace guihua::server_internal {

std::string ResponseCache::Key(const std::string& path,
                               const std::multimap<std::string, std::string>& params) {
  // A multimap iterates in key order (and in insertion order within a key, which the URL fixes).
  // Each piece is preceded by its length: decoded names and values may hold any byte.
  std::string key = path;
  for (const auto& [name, value] : params) {
    for (const std::string* piece : {&name, &value}) {
      key += '\n';
      key += std::to_string(piece->size());
      key += ':';
      key += *piece;
    }
  }
  return key;
}

std::shared_ptr<const ApiResponse> ResponseCache::Find(const std::string& key,
                                                       const std::string& version) {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = by_key_.find(key);
  if (found == by_key_.end()) return nullptr;
  if (found->second->version != version) return nullptr;
  lru_.splice(lru_.begin(), lru_, found->second);
  return found->second->response;
}

void ResponseCache::Put(const std::string& key, const std::string& version, ApiResponse response) {
  size_t bytes = key.size() + response.body.size() + response.content_type.size() +
                 response.filename.size() + sizeof(Entry);
  if (bytes > max_bytes_ / 4) return;  // one large download must not empty the cache
  std::lock_guard<std::mutex> lock(mu_);
  if (auto found = by_key_.find(key); found != by_key_.end()) {
    bytes_ -= found->second->bytes;
    lru_.erase(found->second);
    by_key_.erase(found);
  }
  lru_.push_front({key, version, std::make_shared<const ApiResponse>(std::move(response)), bytes});
  by_key_[key] = lru_.begin();
  bytes_ += bytes;
  EvictLocked();
}

void ResponseCache::EvictLocked() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= lru_.back().bytes;
    by_key_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

size_t ResponseCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

}  // namespace guihua::server_internal
