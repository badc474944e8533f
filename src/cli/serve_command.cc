// `guihua serve`: the HTTP API over an index (src/server/), until SIGINT or SIGTERM. The signals
// are blocked in every thread and taken by one watcher thread with sigwait(), so the server is
// stopped from ordinary code, not from a signal handler.
// The server and cpp-httplib (with OpenSSL, whose loading and start-up cost every other command
// more than its own work) are linked into guihua-serve only: `guihua` built with
// GUIHUA_SERVE_BINARY execs that binary, same arguments, same process, for `serve`.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "server/server.h"

namespace guihua::cli {

#ifdef GUIHUA_SERVE_BINARY
namespace {

// Replaces this process by guihua-serve with the same arguments (from /proc/self/cmdline): beside
// the binary (the build folder) or in ../lib/guihua/ (installed). Returns only on failure.
int ExecServeBinary() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (cmdline.empty() || cmdline.back() != '\0') cmdline.push_back('\0');
  std::vector<char*> argv;
  for (size_t at = 0; at < cmdline.size(); at = cmdline.find('\0', at) + 1) {
    argv.push_back(cmdline.data() + at);
  }
  argv.push_back(nullptr);
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (const std::filesystem::path& path :
       {exe.parent_path() / GUIHUA_SERVE_BINARY,
        exe.parent_path() / ".." / "lib" / "guihua" / GUIHUA_SERVE_BINARY}) {
    if (!ec && argv.size() > 1) execv(path.c_str(), argv.data());
  }
  PrintError("serve", std::string("cannot start ") + GUIHUA_SERVE_BINARY + " beside " +
                          exe.string() + ": " + std::strerror(errno));
  return 2;
}

}  // namespace
#else
namespace {

// Serves until SIGINT or SIGTERM (taken by a watcher thread with sigwait); the exit code.
int RunServer(ServerOptions& options, size_t cache_mb, const GlobalOptions& global) {
  options.names = LoadNames(global);
  if (!options.names) return 2;
  options.progress = LoadProgressRules(global);
  if (!options.progress) return 2;
  options.cache_bytes = cache_mb << 20;

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  // Before any thread starts, so that every thread inherits the mask.
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = Server::Start(options);
  if (!server.ok()) {
    PrintError("serve", server.status().message());
    return 1;
  }
  std::cout << "guihua serve: listening on " << (*server)->url() << " (Ctrl-C stops)" << std::endl;
  std::thread watcher([&stop_signals, s = server->get()] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    s->Stop();
  });
  Status status = (*server)->Run();
  pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if Run ended by itself
  watcher.join();
  if (!status.ok()) {
    PrintError("serve", status.message());
    return 1;
  }
  std::cout << "guihua serve: stopped" << std::endl;
  return 0;
}

}  // namespace
#endif

Command AddServeCommand(CLI::App* sub, const GlobalOptions& global) {
  auto options = std::make_shared<ServerOptions>();
  options->databases = {"guihua-index"};
  sub->add_option("--db", options->databases, "Index folder (repeat to serve shards as one)")
      ->allow_extra_args(false)
      ->capture_default_str();
  sub->add_option("--host", options->host, "Address to listen on")->capture_default_str();
  sub->add_option("--port", options->port, "Port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  auto cache_mb = std::make_shared<size_t>(options->cache_bytes >> 20);
  sub->add_option("--cache-mb", *cache_mb, "Answers cached per index version, in MB (0: none)")
      ->check(CLI::Range(0, 65536))
      ->capture_default_str();
  sub->add_option("--postings-mb", options->postings_mb,
                  "Commonest terms' posting lists held decoded in memory, in MB (0: none)")
      ->check(CLI::Range(0, 65536))
      ->capture_default_str();
  sub->add_option("--threads", options->threads, "Searches at once (0: one per core, at least 2)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();

  return [options, cache_mb, &global]() {
#ifdef GUIHUA_SERVE_BINARY
    (void)global;
    return ExecServeBinary();
#else
    return RunServer(*options, *cache_mb, global);
#endif
  };
}

}  // namespace guihua::cli
