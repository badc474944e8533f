// Helpers of the server tests: see server_support.h.
#include "server/server_support.h"


#include "common/diagnostics.h"
#include "common/test_support.h"
#include "extract/extract.h"

namespace guihua::testing {

std::vector<IndicatorInfo> Dictionary() {
  auto names = Names();
  return names ? names->indicators() : std::vector<IndicatorInfo>{};
}

std::shared_ptr<const NameTables> Names() {
  static const std::shared_ptr<const NameTables> names = []() -> std::shared_ptr<const NameTables> {
    Diagnostics diag;
    auto extractor = Extractor::Load(RulesDir(), &diag);
    if (!extractor.ok()) return nullptr;
    auto tables = NameTables::Load(RulesDir(), std::shared_ptr<const Extractor>(std::move(*extractor)), &diag);
    return tables.ok() ? *tables : nullptr;
  }();
  return names;
}

LoopbackServer::LoopbackServer(const std::vector<std::string>& databases) {
  ServerOptions options;
  options.databases = databases;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 4;
  options.names = Names();
  Diagnostics diag;
  if (auto progress = ProgressRules::Load(RulesDir(), &diag); progress.ok()) {
    options.progress = std::move(*progress);
  }
  auto server = Server::Start(options);
  if (!server.ok()) return;
  server_ = std::move(*server);
  thread_ = std::thread([this] { (void)server_->Run(); });
}

LoopbackServer::~LoopbackServer() {
  if (!server_) return;
  server_->Stop();
  thread_.join();
}

int LoopbackServer::port() const { return server_ ? server_->port() : -1; }

httplib::Client LoopbackServer::Client() const {
  httplib::Client client("127.0.0.1", port());
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  return client;
}

std::string LoopbackServer::url() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/";
}

}  // namespace guihua::testing
