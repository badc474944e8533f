// The HTML page checked in a real browser: headless Chromium loads the file (no network), the
// dumped DOM must hold the table with a row per indicator and one SVG chart per indicator, and a
// screenshot goes to <build>/tests/compare.png for people to look at. Chromium is a required
// dependency (tools/install-deps installs it): without it this test fails, it does not skip.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "common/test_support.h"
#include "render/compare_fixture.h"
#include "render/compare_table.h"

namespace guihua {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

// Runs a shell command, returns its stdout and sets `status` to its exit status.
std::string RunCommand(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    *status = -1;
    return out;
  }
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  *status = pclose(pipe);
  return out;
}

// The flags keep Chromium off the network and away from the user's profile.
std::string ChromiumCommand(const std::string& profile, const std::string& action,
                            const std::string& url) {
  return std::string("timeout 60 ") + kChromium +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
         " --disable-background-networking --disable-component-update --disable-sync"
         " --user-data-dir='" + profile + "' " + action + " '" + url + "' 2>/dev/null";
}

size_t Count(const std::string& text, const std::string& pattern) {
  std::regex re(pattern);
  return std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator());
}

TEST(CompareHtml, SelfContained) {
  std::string html = RenderTargetTable(testing::SampleTargetTable(), CompareFormat::kHtml);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"))
      << "only the SVG namespace may name a URL";
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("\"Noto Sans CJK SC\""), std::string::npos);
  // Quotes on hover, escaped for the attribute.
  EXPECT_NE(html.find("title=\"“中小学校医务人员与学生比例, 达到&quot;1:500&quot;” "
                      "corpus/shili-xicheng-2021-2025.txt:160\""),
            std::string::npos);
  // The reference line is drawn where the reference has a value, rates in ‰ and % on one scale.
  EXPECT_EQ(Count(html, "class=\"reference\""), 4u);
  EXPECT_NE(html.find("比率已换算为 ‰"), std::string::npos);
}

TEST(CompareHtml, RendersInChromium) {
  ASSERT_TRUE(std::filesystem::exists(kChromium))
      << kChromium << " not found: the HTML output is checked in a real browser; install it "
      << "with tools/install-deps (Debian package chromium)";
  std::string dir = testing::TempDir();
  std::string page = dir + "/compare.html";
  testing::WriteBytes(page, RenderTargetTable(testing::SampleTargetTable(), CompareFormat::kHtml));
  std::string url = "file://" + page;

  int status = 0;
  std::string dom = RunCommand(ChromiumCommand(dir + "/profile-dom", "--dump-dom", url), &status);
  ASSERT_EQ(status, 0) << "chromium --dump-dom failed";
  ASSERT_NE(dom.find("<table class=\"targets\">"), std::string::npos) << dom.substr(0, 2000);
  size_t tbody = dom.find("<tbody>"), tbody_end = dom.find("</tbody>");
  ASSERT_NE(tbody, std::string::npos);
  ASSERT_NE(tbody_end, std::string::npos);
  std::string body = dom.substr(tbody, tbody_end - tbody);
  EXPECT_EQ(Count(body, "<tr>"), 5u) << "a row per indicator";
  EXPECT_EQ(Count(dom, "<svg[ >]"), 5u) << "a chart per indicator";
  EXPECT_EQ(Count(dom, "<rect "), 12u) << "a bar per district value (a range has two parts; none for a goal without a number)";

  std::string png = testing::BuildOutputDir() + "/compare.png";
  std::filesystem::remove(png);
  RunCommand(ChromiumCommand(dir + "/profile-png", "--screenshot='" + png + "' --window-size=1280,2000",
                      url),
      &status);
  ASSERT_EQ(status, 0) << "chromium --screenshot failed";
  ASSERT_TRUE(std::filesystem::exists(png));
  EXPECT_GT(std::filesystem::file_size(png), 20000u) << png << " looks blank";
  std::printf("screenshot: %s\n", png.c_str());
}

}  // namespace
}  // namespace guihua
