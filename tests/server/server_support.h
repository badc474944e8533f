// Shared by the server tests: an index of corpus/ made with the real `guihua ingest`, the
// indicator dictionary, and a Server on a free loopback port running on its own thread.
#ifndef GUIHUA_TESTS_SERVER_SERVER_SUPPORT_H_
#define GUIHUA_TESTS_SERVER_SERVER_SUPPORT_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "extract/extract.h"
#include "names/names.h"
#include "server/server.h"

namespace guihua::testing {

// The indicator dictionary of rules/ (empty when the rules do not load).
std::vector<IndicatorInfo> Dictionary();
// The names of rules/ (names/names.h), loaded once; null when the rules do not load.
std::shared_ptr<const NameTables> Names();

// Serves `db` on 127.0.0.1 (any free port) until destroyed; ok() is false when it did not start.
// Several databases (folders or tcp://HOST:PORT shards) are served as one.
class LoopbackServer {
 public:
  explicit LoopbackServer(const std::string& db) : LoopbackServer(std::vector<std::string>{db}) {}
  explicit LoopbackServer(const std::vector<std::string>& databases);
  ~LoopbackServer();
  bool ok() const { return server_ != nullptr; }
  int port() const;
  std::string url() const;  // http://127.0.0.1:PORT/
  httplib::Client Client() const;  // to this server, with 5 s / 10 s timeouts

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_SERVER_SERVER_SUPPORT_H_
