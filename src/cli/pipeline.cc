// Shared set-up of the subcommands.
#include "cli/pipeline.h"

#include <CLI/CLI.hpp>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

namespace guihua::cli {

void PrintDiagnostics(const Diagnostics& diag) {
  for (const Diagnostic& d : diag.all()) std::cerr << d.ToString() << "\n";
}

void AddKindOption(CLI::App* sub, std::string* kind) {
  sub->add_option("--kind", *kind,
                  "What the files are, instead of what their text suggests: plan, report or text")
      ->check(CLI::IsMember({"plan", "report", "text"}));
}

ReadOptions MakeReadOptions(const GlobalOptions& global, const std::string& kind) {
  ReadOptions read;
  read.max_file_size = global.max_file_bytes();
  DocumentKind given;
  if (ParseDocumentKind(kind, &given)) read.parse.kind = given;
  return read;
}

std::unique_ptr<StructureParser> LoadStructureParser(const GlobalOptions& global) {
  Diagnostics diag;
  auto parser = StructureParser::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!parser.ok()) {
    PrintError(global.rules_dir, parser.status().message());
    return nullptr;
  }
  return std::move(*parser);
}

std::unique_ptr<Extractor> LoadExtractor(const GlobalOptions& global) {
  Diagnostics diag;
  auto extractor = Extractor::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!extractor.ok()) {
    PrintError(global.rules_dir, extractor.status().message());
    return nullptr;
  }
  return std::move(*extractor);
}

std::unique_ptr<ProgressRules> LoadProgressRules(const GlobalOptions& global) {
  Diagnostics diag;
  auto rules = ProgressRules::Load(global.rules_dir, &diag);
  PrintDiagnostics(diag);
  if (!rules.ok()) {
    PrintError(global.rules_dir, rules.status().message());
    return nullptr;
  }
  return std::move(*rules);
}

std::shared_ptr<const NameTables> LoadNamesWithoutDictionary(const GlobalOptions& global) {
  Diagnostics diag;
  auto names = NameTables::Load(global.rules_dir, {}, {}, &diag);
  PrintDiagnostics(diag);
  if (!names.ok()) {
    PrintError(global.rules_dir, names.status().message());
    return nullptr;
  }
  return *names;
}

std::shared_ptr<const NameTables> LoadNames(const GlobalOptions& global,
                                            std::shared_ptr<const Extractor> extractor) {
  if (!extractor) extractor = LoadExtractor(global);
  if (!extractor) return nullptr;
  Diagnostics diag;
  auto names = NameTables::Load(global.rules_dir, std::move(extractor), &diag);
  PrintDiagnostics(diag);
  if (!names.ok()) {
    PrintError(global.rules_dir, names.status().message());
    return nullptr;
  }
  return *names;
}

int WriteOutput(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out) {
    PrintError(output, "cannot write");
    return 1;
  }
  return 0;
}

namespace {

// Flushes the C++ and C streams; `code`, or 1 after saying so when standard output could not be
// written whole (a full disk, a pipe whose reader left while SIGPIPE is ignored): the output is
// then cut short, which an exit code of 0 would hide.
int Flushed(int code) {
  errno = 0;
  std::cout.flush();
  bool written = std::cout.good() && std::fflush(stdout) == 0 && !std::ferror(stdout);
  if (!written) {
    std::string why = errno ? std::string(": ") + std::strerror(errno) : "";
    PrintError("stdout", "cannot write" + why);
    code = std::max(code, 1);
  }
  std::cerr.flush();
  std::fflush(nullptr);  // C streams too: _exit flushes nothing
  return code;
}

}  // namespace

#if defined(__linux__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
namespace {

alignas(64) char g_holder_stack[16384];
int g_holder_pipe[2] = {-1, -1};

long RawSyscall(long number, long a, long b, long c) {
  long result;
  asm volatile("syscall"
               : "=a"(result)
               : "a"(number), "D"(a), "S"(b), "d"(c)
               : "rcx", "r11", "memory");
  return result;
}

// The child that holds the memory: it shares it (CLONE_VM) without being one of the process's
// threads, so the exit leaves the memory to it. It uses no libc (errno and the thread-local
// storage are the exiting thread's): system calls on its own stack. It closes its copies of the
// files (a reader of stdout sees the end at the parent's exit), waits for the pipe's end that only
// the parent holds to close, and exits, which frees the memory.
int HoldMemory(void*) {
  RawSyscall(SYS_close, g_holder_pipe[1], 0, 0);
  for (long fd = 0; fd < 3; ++fd) RawSyscall(SYS_close, fd, 0, 0);
  RawSyscall(SYS_close_range, 3, g_holder_pipe[0] - 1, 0);
  RawSyscall(SYS_close_range, g_holder_pipe[0] + 1, ~0U, 0);
  char byte;
  RawSyscall(SYS_read, g_holder_pipe[0], reinterpret_cast<long>(&byte), 1);
  RawSyscall(SYS_exit, 0, 0, 0);
  return 0;
}

// Valgrind (callgrind, the instruction counts the benches compare) runs no clone that shares the
// memory without being a thread; it preloads its vgpreload_*.so into every program it runs.
bool UnderValgrind() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload != nullptr && std::strstr(preload, "/vgpreload") != nullptr;
}

}  // namespace

void ExitBeforeTeardown(int code) {
  code = Flushed(code);
  if (UnderValgrind()) std::exit(code);
  if (pipe(g_holder_pipe) == 0 &&
      clone(HoldMemory, g_holder_stack + sizeof g_holder_stack, CLONE_VM | SIGCHLD, nullptr) > 0) {
    close(g_holder_pipe[0]);
  }
  _exit(code);
}
#else
void ExitBeforeTeardown(int code) {
  std::exit(Flushed(code));
}
#endif

size_t TerminalWidth() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) {
    return ws.ws_col;
  }
  return 120;
}

}  // namespace guihua::cli
