// Test helpers: paths of the source tree, small file utilities, and running the binary.
#include "common/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace guihua::testing {

std::string SourceDir() {
  const char* env = std::getenv("GUIHUA_SOURCE_DIR");
  return env ? env : GUIHUA_SOURCE_DIR;
}

std::string RulesDir() { return SourceDir() + "/rules"; }

std::string GuihuaBinary() {
  const char* env = std::getenv("GUIHUA_BINARY");
  return env ? env : GUIHUA_BINARY_PATH;
}

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/corpus")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string CorpusFile(const std::string& name) { return SourceDir() + "/corpus/" + name; }

std::vector<std::string> RulePatterns() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(RulesDir())) {
    if (entry.path().extension() != ".rules") continue;
    std::istringstream in(ReadBytes(entry.path().string()));
    for (std::string line; std::getline(in, line);) {
      size_t at = line.find("pattern: ");
      if (at != std::string::npos) out.push_back(line.substr(at + 9));
    }
  }
  return out;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

void ExpectGolden(const std::string& golden, const std::string& actual) {
  std::string path = SourceDir() + "/" + golden;
  const char* update = std::getenv("GUIHUA_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    WriteBytes(path, actual);
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run the test with GUIHUA_UPDATE_GOLDEN=1 to write it";
  EXPECT_EQ(ReadBytes(path), actual)
      << "output differs from " << path
      << "; if the change is intended, rerun with GUIHUA_UPDATE_GOLDEN=1 and review the diff";
}

std::string TempDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "guihua";
  std::replace(name.begin(), name.end(), '/', '_');
  // The pid keeps two test runs on one machine (two build folders) out of each other's way.
  auto dir = std::filesystem::temp_directory_path() /
             ("guihua-test-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // Removed when the test binary exits, so runs leave nothing behind in /tmp.
  static std::vector<std::filesystem::path>* made = [] {
    auto* list = new std::vector<std::filesystem::path>();
    std::atexit([] {
      std::error_code ec;
      for (const auto& d : *made) std::filesystem::remove_all(d, ec);
    });
    return list;
  }();
  made->push_back(dir);
  return dir.string();
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

int RunShell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

RunResult RunGuihua(const std::string& args, const std::string& stdin_file) {
  // Not TempDir(): that one is the test's own and holds its input files.
  static int runs = 0;
  std::string dir = (std::filesystem::temp_directory_path() /
                     ("guihua-run-" + std::to_string(getpid()) + "-" + std::to_string(runs++)))
                        .string();
  std::filesystem::create_directories(dir);
  std::string command = ShellQuote(GuihuaBinary()) + " --rules " + ShellQuote(RulesDir()) + " " +
                        args + " >" + dir + "/out 2>" + dir + "/err <" + ShellQuote(stdin_file);
  RunResult result;
  result.exit_code = RunShell(command);
  result.out = ReadBytes(dir + "/out");
  result.err = ReadBytes(dir + "/err");
  std::filesystem::remove_all(dir);
  return result;
}

bool IngestWithBinary(const std::vector<std::string>& files, const std::string& db) {
  std::string command =
      ShellQuote(GuihuaBinary()) + " --rules " + ShellQuote(RulesDir()) + " ingest";
  for (const std::string& f : files) command += " " + ShellQuote(f);
  command += " --db " + ShellQuote(db) + " >/dev/null 2>&1";
  return RunShell(command) == 0;
}

namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// A port the kernel has just given out and taken back: free, unless another process takes it
// before xapian-tcpsrv binds it (then ok() is false).
int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = Loopback(0);
  socklen_t len = sizeof addr;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool CanConnect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = Loopback(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

bool TcpShard::Installed() { return RunShell("command -v xapian-tcpsrv >/dev/null 2>&1") == 0; }

TcpShard::TcpShard(const std::string& db) : port_(FreeLoopbackPort()) {
  if (!Installed()) return;
  pid_ = fork();
  if (pid_ == 0) {
    // Its own process group: on SIGTERM xapian-tcpsrv signals its whole group.
    setpgid(0, 0);
    std::string port = std::to_string(port_);
    execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(),
           db.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Waiting for the server to listen (it opens the database first), not for time to pass.
  for (int i = 0; i < 100 && pid_ > 0 && !ready_; ++i) {
    ready_ = CanConnect(port_);
    if (!ready_) usleep(50'000);
  }
}

// Stopped however the test ends: a server left running would hold ctest's output pipe open.
TcpShard::~TcpShard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

std::string TcpShard::address() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

}  // namespace guihua::testing
