// Server: cpp-httplib wiring for the API in api.cc and the embedded page (/ and /assets/NAME) — a
// worker pool, GET routes, 405 for other methods on API paths, 404 elsewhere, and every error
// (even an exception) as a JSON body.
#include "server/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "server/internal/api.h"
#include "server/internal/assets.h"
#include "server/internal/reader_pool.h"
#include "server/internal/response_cache.h"

namespace guihua {

using server_internal::Api;
using server_internal::ApiResponse;
using server_internal::ErrorResponse;
using server_internal::ReaderPool;

struct Server::Impl {
  ServerOptions options;
  int port = 0;
  std::unique_ptr<ReaderPool> readers;
  std::unique_ptr<server_internal::ResponseCache> cache;
  std::unique_ptr<Api> api;
  httplib::Server http;
  // Stop() may come before Run() has started listening; these close that gap.
  std::atomic<bool> stop_requested{false}, in_run{false};
};

namespace {

void Send(const ApiResponse& r, httplib::Response& res) {
  res.status = r.status;
  if (!r.filename.empty()) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
  }
  res.set_content(r.body, r.content_type.c_str());
}

const char* StatusText(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "no such path";
    case 405:
      return "method not allowed";
    case 413:
      return "request too large";
    case 414:
      return "URI too long";
    default:
      return status >= 500 ? "internal error" : "request failed";
  }
}

// `/` is index.html and `/assets/NAME` an embedded asset named exactly NAME; nullptr otherwise.
// Looked up in the table compiled into the binary, never on disk.
const server_internal::Asset* PageAsset(const std::string& path) {
  static constexpr std::string_view kAssets = "/assets/";
  if (path == "/") return server_internal::FindAsset("index.html");
  if (path.size() > kAssets.size() && path.compare(0, kAssets.size(), kAssets) == 0) {
    return server_internal::FindAsset(std::string_view(path).substr(kAssets.size()));
  }
  return nullptr;
}

void Routes(httplib::Server& http, Api* api) {
  http.Get(".*", [api](const httplib::Request& req, httplib::Response& res) {
    if (const server_internal::Asset* asset = PageAsset(req.path)) {
      res.status = 200;
      res.set_header("Cache-Control", "no-cache");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
      return;
    }
    std::multimap<std::string, std::string> params(req.params.begin(), req.params.end());
    Send(api->Get(req.path, params), res);
  });
  auto other_method = [](const httplib::Request& req, httplib::Response& res) {
    if (const server_internal::ApiRoute* route = server_internal::FindApiRoute(req.path)) {
      std::string method(route->method);
      res.set_header("Allow", method == "GET" ? "GET, HEAD" : method);
      Send(ErrorResponse(405, req.method + " not allowed: the API answers " + method + " only"),
           res);
    } else {
      Send(ErrorResponse(404, "no such path"), res);
    }
  };
  http.Post(".*", other_method);
  http.Put(".*", other_method);
  http.Patch(".*", other_method);
  http.Delete(".*", other_method);
  http.Options(".*", other_method);
  // Whatever httplib answers by itself (bad request line, too long URI…) still gets a JSON body.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      Send(ErrorResponse(res.status, StatusText(res.status)), res);
    }
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Send(ErrorResponse(500, "internal error"), res);
      });
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options) {
  if (!options.names) return Status::Internal("ServerOptions::names is not set");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  int threads = options.threads > 0
                    ? options.threads
                    : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  auto readers = ReaderPool::Open(options.databases, threads, options.postings_mb);
  if (!readers.ok()) return readers.status();
  impl->readers = std::move(*readers);
  if (options.cache_bytes > 0) {
    impl->cache = std::make_unique<server_internal::ResponseCache>(options.cache_bytes);
  }
  impl->api = std::make_unique<Api>(impl->readers.get(), options.names, impl->cache.get(),
                                    options.progress);
  // httplib gives a kept-alive connection one worker until it closes, so there are many more
  // workers than readers: idle connections wait in a worker, searches wait for a reader.
  const int connections = std::max(64, 8 * threads);
  impl->http.new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
  impl->http.set_keep_alive_max_count(1000);
  // httplib writes headers and body apart: without TCP_NODELAY, Nagle's algorithm holds the body
  // until the client's delayed ACK, 40 ms on Linux, on every kept-alive request.
  impl->http.set_tcp_nodelay(true);
  Routes(impl->http, impl->api.get());
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.host.c_str());
  } else if (impl->http.bind_to_port(options.host.c_str(), options.port)) {
    impl->port = options.port;
  } else {
    impl->port = -1;
  }
  if (impl->port <= 0) {
    return Status::InvalidInput("cannot listen on " + options.host + ":" +
                                std::to_string(options.port));
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const std::string& host = impl_->options.host;
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return "http://" + shown + ":" + std::to_string(impl_->port) + "/";
}

Status Server::Run() {
  impl_->in_run = true;
  bool ok = impl_->stop_requested || impl_->http.listen_after_bind();
  impl_->in_run = false;
  return ok ? Status::Ok() : Status::Internal("listening failed");
}

void Server::Stop() {
  impl_->stop_requested = true;
  while (impl_->in_run && !impl_->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
}

}  // namespace guihua
