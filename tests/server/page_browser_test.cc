// The page of `guihua serve` as a user sees it: the embedded assets over HTTP (and nothing else),
// then the real page in headless Chromium (`--dump-dom` after its script has run) over an index of
// corpus/ — a linked search filtered to one district, a document, a compare table with verdicts.
// Screenshots at 1280 px and at phone width go to screenshots/ in the working directory (the
// build's tests/ folder) for people to look at.
#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "common/corpus_index.h"
#include "common/test_support.h"
#include "server/server_support.h"

namespace guihua {
namespace {

using nlohmann::json;
using testing::CorpusFiles;
using testing::LoopbackServer;
using testing::ReadBytes;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr const char* kSearch = "#q=家庭教育指导服务站点&district=北关区";
constexpr const char* kCompare =
    "#view=compare&indicator=maternal_mortality,hiv_mtct&against=北关区";
constexpr const char* kDocument = "#view=doc&id=henan-anyang-beiguan-2021-2030&line=869";

std::string FreshDir(const std::string& prefix) {
  std::string dir = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  return mkdtemp(dir.data()) ? dir : "";
}

// Headless Chromium on `url` with `mode` (--dump-dom or --screenshot=…) in a fresh profile;
// stdout goes to `out`. Chromium now and then stalls on start-up in a container, so a run that
// times out or writes nothing is tried again.
bool RunChromium(const std::string& mode, const std::string& url, const std::string& out,
                 const std::string& window = "1280,1600") {
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::string profile = FreshDir("guihua-chromium-");
    std::string cmd = std::string("timeout -k 5 60 ") + kChromium +
                      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                      " --disable-background-networking --disable-component-update --disable-sync"
                      " --hide-scrollbars --user-data-dir='" +
                      profile + "' --virtual-time-budget=5000 --window-size=" + window + " " +
                      mode + " '" + url + "' >'" + out + "' 2>/dev/null";
    int rc = std::system(cmd.c_str());
    std::filesystem::remove_all(profile);
    std::error_code ec;
    bool wrote = mode == "--dump-dom" ? std::filesystem::file_size(out, ec) > 0 && !ec : true;
    if (rc == 0 && wrote) return true;
  }
  return false;
}

class PageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = &testing::CorpusIndexDir();
    server_ = new LoopbackServer(*db_);
    ASSERT_TRUE(server_->ok());
  }
  static void TearDownTestSuite() {
    delete server_;
  }

  static httplib::Client Client() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(10);
    return client;
  }

  // The page at `hash` after its script has run, as Chromium serializes it.
  static std::string Dom(const std::string& hash) {
    std::string out = FreshDir("guihua-dom-") + "/dom.html";
    EXPECT_TRUE(RunChromium("--dump-dom", server_->url() + hash, out)) << "chromium failed";
    std::string dom = ReadBytes(out);
    std::filesystem::remove_all(std::filesystem::path(out).parent_path());
    return dom;
  }

  // screenshots/NAME-1280.png and NAME-390.png in the working directory.
  static void Screenshots(const std::string& name, const std::string& hash) {
    std::filesystem::create_directories("screenshots");
    for (const auto& [width, window] :
         {std::pair<std::string, std::string>{"1280", "1280,1600"}, {"390", "390,1400"}}) {
      std::string png =
          (std::filesystem::current_path() / "screenshots" / (name + "-" + width + ".png"))
              .string();
      std::filesystem::remove(png);
      EXPECT_TRUE(
          RunChromium("--screenshot='" + png + "'", server_->url() + hash, "/dev/null", window));
      std::error_code ec;
      EXPECT_GT(std::filesystem::file_size(png, ec), 1000u) << png;
    }
  }

  static const std::string* db_;
  static LoopbackServer* server_;
};
const std::string* PageTest::db_ = nullptr;
LoopbackServer* PageTest::server_ = nullptr;

// Every value of attribute `name` in `html`.
std::vector<std::string> Attributes(const std::string& html, const std::string& name) {
  std::vector<std::string> out;
  std::regex re(name + "=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

// Fails the test, saying how to get it, when Chromium is not installed.
#define REQUIRE_CHROMIUM()                                                                   \
  if (!std::filesystem::exists(kChromium)) {                                                 \
    GTEST_FAIL() << kChromium << " is missing: the page tests drive headless Chromium (run " \
                 << "tools/install-deps, which installs Debian's chromium)";                 \
  }

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

TEST_F(PageTest, AssetsAreServedFromTheBinaryOnly) {
  httplib::Client client = Client();
  struct Case {
    std::string path, content_type, contains;
  };
  for (const Case& c :
       std::vector<Case>{{"/", "text/html; charset=utf-8", "/assets/app.js"},
                         {"/assets/index.html", "text/html; charset=utf-8", "/assets/app.css"},
                         {"/assets/app.css", "text/css; charset=utf-8", "Noto Sans CJK SC"},
                         {"/assets/app.js", "text/javascript; charset=utf-8", "/api/search?"}}) {
    SCOPED_TRACE(c.path);
    auto res = client.Get(c.path.c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), c.content_type);
    EXPECT_NE(res->body.find(c.contains), std::string::npos);
  }
  EXPECT_EQ(client.Get("/")->body,
            ReadBytes(testing::SourceDir() + "/src/server/assets/index.html"));
  for (const char* path : {"/index.html", "/app.js", "/assets/", "/assets", "/assets/App.js",
                           "/assets/app.js/", "/assets/nope.js", "/assets/../CMakeLists.txt",
                           "/assets/%2e%2e/server.cc", "/assets/assets.h", "/assets/app.js%00"}) {
    SCOPED_TRACE(path);
    auto res = client.Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  }
}

TEST_F(PageTest, LinkedSearchShowsMarkedHitsOfTheDistrictOnly) {
  REQUIRE_CHROMIUM();
  std::string dom = Dom(kSearch);
  ASSERT_NE(dom.find("<ol class=\"hits\" id=\"hits\">"), std::string::npos) << dom;
  auto api =
      Client().Get("/api/search?q=" + httplib::detail::encode_query_param("家庭教育指导服务站点") +
                   "&district=" + httplib::detail::encode_query_param("北关区"));
  ASSERT_TRUE(api);
  size_t total = json::parse(api->body)["total"];
  ASSERT_GT(total, 0u);
  std::vector<std::string> districts = Attributes(dom, "data-district");
  EXPECT_EQ(districts.size(), std::min<size_t>(total, 20));
  EXPECT_EQ(std::set<std::string>(districts.begin(), districts.end()),
            std::set<std::string>{"北关区"});
  EXPECT_EQ(Count(dom, "<mark>家庭教育指导服务站点</mark>"), districts.size());
  EXPECT_NE(dom.find("henan-anyang-beiguan-2021-2030.txt:"), std::string::npos);
  EXPECT_NE(dom.find("共 " + std::to_string(total) + " 条"), std::string::npos);
  EXPECT_NE(dom.find("class=\"on\" data-facet=\"district\""), std::string::npos);  // filter shown
  Screenshots("search", kSearch);
}

TEST_F(PageTest, DocumentViewShowsDomainsItemsAndTargets) {
  REQUIRE_CHROMIUM();
  std::string dom = Dom(kDocument);
  ASSERT_NE(dom.find("id=\"doc\""), std::string::npos) << dom;
  EXPECT_NE(dom.find("儿童与家庭"), std::string::npos);
  EXPECT_NE(dom.find("<li id=\"L869\" class=\"focus\">"), std::string::npos);
  EXPECT_GT(Count(dom, "<mark class=\"target\""), 10u);
  // Without line=: the page scrolls to that line, and a headless screenshot of a scrolled page
  // comes out blank.
  Screenshots("document", "#view=doc&id=henan-anyang-beiguan-2021-2030");
}

TEST_F(PageTest, CompareShowsTheTableWithVerdictsAndDownloads) {
  REQUIRE_CHROMIUM();
  std::string dom = Dom(kCompare);
  ASSERT_NE(dom.find("id=\"compare-table\""), std::string::npos) << dom;
  EXPECT_NE(dom.find("参照：北关区"), std::string::npos);
  EXPECT_NE(dom.find("孕产妇死亡率"), std::string::npos);
  EXPECT_NE(dom.find("艾滋病母婴传播率"), std::string::npos);
  std::vector<std::string> verdicts = Attributes(dom, "data-verdict");
  std::set<std::string> seen(verdicts.begin(), verdicts.end());
  EXPECT_TRUE(seen.count("same"));
  EXPECT_TRUE(seen.count("looser"));  // 资阳区: 艾滋病母婴传播率 3% against 北关区's 2%
  EXPECT_NE(dom.find("class=\"v-looser\""), std::string::npos);
  for (const char* format : {"csv", "xlsx", "html"}) {
    EXPECT_NE(dom.find(std::string("href=\"/api/export/compare.") + format + "?indicator="),
              std::string::npos)
        << format;
  }
  EXPECT_GE(Count(dom, "<svg"), 2u);  // the charts
  Screenshots("compare", kCompare);
}

}  // namespace
}  // namespace guihua
