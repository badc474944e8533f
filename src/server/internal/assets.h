// The page of `guihua serve` (src/server/assets/: index.html, app.css, compare.js, progress.js,
// app.js), embedded in the binary at build time: CMakeLists.txt writes generated/server_assets.cc
// with the bytes.
#ifndef GUIHUA_SERVER_INTERNAL_ASSETS_H_
#define GUIHUA_SERVER_INTERNAL_ASSETS_H_

#include <string_view>

namespace guihua::server_internal {

struct Asset {
  std::string_view name;          // "app.js": the file name under src/server/assets/
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view body;
};

// The embedded asset named exactly `name`, or nullptr. Never reads the file system.
const Asset* FindAsset(std::string_view name);

}  // namespace guihua::server_internal

#endif  // GUIHUA_SERVER_INTERNAL_ASSETS_H_
