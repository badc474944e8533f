// The real `guihua serve`: prints its URL, answers on it, and exits 0 on SIGTERM and on SIGINT.
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <string>

#include "common/test_support.h"

namespace guihua {
namespace {

using testing::CorpusFiles;
using testing::GuihuaBinary;
using testing::IngestWithBinary;
using testing::RulesDir;
using testing::TempDir;

// Reads from `fd` until `pattern` matches what was read or `timeout` passes.
std::string ReadUntil(int fd, const std::regex& pattern, std::chrono::milliseconds timeout) {
  std::string out;
  auto end = std::chrono::steady_clock::now() + timeout;
  while (!std::regex_search(out, pattern) && std::chrono::steady_clock::now() < end) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// Waits up to 10 s for `pid`; its exit code, or -1 (after killing it) when it does not exit.
int WaitExit(pid_t pid) {
  for (int i = 0; i < 200; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
    usleep(50000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

class ServeBinaryTest : public ::testing::TestWithParam<int> {};

TEST_P(ServeBinaryTest, PrintsItsUrlServesAndStopsOnTheSignal) {
  std::string db = TempDir() + "/index";
  ASSERT_TRUE(IngestWithBinary({CorpusFiles().front()}, db));

  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::string binary = GuihuaBinary(), rules = RulesDir();
    execl(binary.c_str(), binary.c_str(), "--rules", rules.c_str(), "serve", "--db", db.c_str(),
          "--port", "0", "--threads", "2", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::smatch m;
  std::string printed = ReadUntil(out[0], std::regex(R"(http://127\.0\.0\.1:(\d+)/)"),
                                  std::chrono::milliseconds(10000));
  std::string port;
  if (std::regex_search(printed, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) port = m[1];
  EXPECT_FALSE(port.empty()) << printed;
  if (!port.empty()) {
    httplib::Client client("127.0.0.1", std::stoi(port));
    client.set_read_timeout(10);
    auto res = client.Get("/api/stats");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find("\"documents\":1"), std::string::npos);
  }
  kill(pid, GetParam());
  EXPECT_EQ(WaitExit(pid), 0);
  std::string rest = ReadUntil(out[0], std::regex("stopped"), std::chrono::milliseconds(2000));
  EXPECT_NE(rest.find("stopped"), std::string::npos) << rest;
  close(out[0]);
}

INSTANTIATE_TEST_SUITE_P(Signals, ServeBinaryTest, ::testing::Values(SIGTERM, SIGINT));

}  // namespace
}  // namespace guihua
