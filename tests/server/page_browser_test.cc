// The page of `guihua serve` as a user sees it: the embedded assets over HTTP (and nothing else),
// then the real page in headless Chromium (`--dump-dom` after its script has run) over an index of
// corpus/ — the start page, a linked search filtered to one district, the search controls, a
// document, the compare pickers and a table with verdicts, errors. Screenshots at 1280 px and at
// phone width go to screenshots/ beside the test binary (build/tests/screenshots), outside the tree;
// docs/img/page-*.png are copies of some of them.
#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
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

  // screenshots/NAME-1280.png and NAME-390.png beside the test binary.
  static void Screenshots(const std::string& name, const std::string& hash) {
    std::filesystem::path dir =
        std::filesystem::read_symlink("/proc/self/exe").parent_path() / "screenshots";
    std::filesystem::create_directories(dir);
    for (const auto& [width, window] :
         {std::pair<std::string, std::string>{"1280", "1280,1600"}, {"390", "390,1400"}}) {
      std::string png = (dir / (name + "-" + width + ".png")).string();
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
                         {"/assets/app.js", "text/javascript; charset=utf-8", "/api/search?"},
                         {"/assets/compare.js", "text/javascript; charset=utf-8", "/api/compare?"},
                         {"/assets/labels.js", "text/javascript; charset=utf-8", "verdict.stricter\t更严"}}) {
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
  json body = json::parse(api->body);
  size_t total = body["total"];
  ASSERT_GT(total, 0u);
  std::vector<std::string> districts = Attributes(dom, "data-district");
  EXPECT_EQ(districts.size(), std::min<size_t>(body["wordings"].get<size_t>(), 20));
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


// The start page says what the index holds — documents by region and kind, values by domain, the
// most common indicators — and lists no items.
TEST_F(PageTest, StartPageShowsWhatTheIndexHolds) {
  REQUIRE_CHROMIUM();
  std::string dom = Dom("#");
  ASSERT_NE(dom.find("id=\"start\""), std::string::npos) << dom;
  EXPECT_EQ(dom.find("id=\"hits\""), std::string::npos) << "no list of items";
  EXPECT_NE(dom.find("5 份文件"), std::string::npos);
  EXPECT_NE(dom.find("发展规划 5 份"), std::string::npos);
  // The header counts values by kind (rules/labels.tsv's words), not every value as 指标值.
  size_t stats = dom.find("id=\"stats\"");
  ASSERT_NE(stats, std::string::npos);
  std::string header = dom.substr(stats, dom.find("</span>", stats) - stats);
  for (const char* part : {"5 份文件（发展规划 5）", " 条 · 目标值 ", " · 方向性目标 ", " · 基线值 "}) {
    EXPECT_NE(header.find(part), std::string::npos) << part << " in " << header;
  }
  EXPECT_EQ(header.find("指标值"), std::string::npos) << header;
  for (const char* district : {"昆都仑区", "南开区", "秀峰区", "北关区", "资阳区"}) {
    EXPECT_NE(dom.find(std::string(district) + "<span class=\"muted\">（发展规划"), std::string::npos)
        << district;
  }
  EXPECT_NE(dom.find("id=\"domain-counts\""), std::string::npos);
  EXPECT_NE(dom.find("<a href=\"#domain=children.health\">儿童与健康</a>"), std::string::npos);
  size_t common = dom.find("id=\"common-indicators\"");
  ASSERT_NE(common, std::string::npos);
  EXPECT_EQ(Count(dom.substr(common, dom.find("</ol>", common) - common), "<li>"), 12u);
  EXPECT_NE(dom.find("href=\"#view=compare&amp;indicator=maternal_mortality\""), std::string::npos);
  Screenshots("start", "#");
}

// The search API's total for `query` (URL-encoded parameters): its items, or with `listed` the
// hits there are to list (the different texts, same texts being one hit unless collapse=0).
size_t ApiTotal(httplib::Client& client, const std::string& query, bool listed = false) {
  auto res = client.Get(("/api/search?limit=0&" + query).c_str());
  EXPECT_TRUE(res && res->status == 200) << query;
  if (!res) return 0;
  json j = json::parse(res->body);
  return (listed && j.value("collapsed", false) ? j["wordings"] : j["total"]).get<size_t>();
}

// Each control (indicator, value range, year, sort, document kind) is in the URL, shows its state
// and changes the hits as the API says.
TEST_F(PageTest, SearchControlsChangeTheResults) {
  REQUIRE_CHROMIUM();
  httplib::Client client = Client();
  const std::string q = httplib::detail::encode_query_param("孕产妇死亡率");
  struct Case {
    std::string hash, api, shows;
  };
  const std::vector<Case> cases = {
      {"#q=孕产妇死亡率", "q=" + q, ""},
      {"#q=孕产妇死亡率&indicator=maternal_mortality", "q=" + q + "&indicator=maternal_mortality",
       "<option value=\"maternal_mortality\" selected=\"\">"},
      {"#q=孕产妇死亡率&indicator=maternal_mortality&vmax=11",
       "q=" + q + "&indicator=maternal_mortality&value=..11", "value=\"11\""},
      {"#q=孕产妇死亡率&year=2028", "q=" + q + "&year=2028", "value=\"2028\""},
      {"#q=孕产妇死亡率&kind=plan", "q=" + q + "&kind=plan", "class=\"on\" data-facet=\"kind\""},
      {"#q=孕产妇死亡率&collapse=0", "q=" + q + "&collapse=0", "<option value=\"0\" selected=\"\">"},
  };
  std::vector<size_t> totals;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.hash);
    std::string dom = Dom(c.hash);
    ASSERT_NE(dom.find("id=\"search-controls\""), std::string::npos) << dom;
    size_t total = ApiTotal(client, c.api);
    totals.push_back(total);
    EXPECT_NE(dom.find("共 " + std::to_string(total) + " 条"), std::string::npos);
    EXPECT_EQ(Attributes(dom, "data-district").size(),
              std::min<size_t>(ApiTotal(client, c.api, true), 20));
    if (!c.shows.empty()) EXPECT_NE(dom.find(c.shows), std::string::npos) << c.shows;
    if (total) EXPECT_NE(dom.find("data-facet=\"kind\""), std::string::npos) << "the document-kind facet";
  }
  EXPECT_GT(totals[0], totals[1]) << "the indicator keeps items with its target";
  EXPECT_EQ(totals[2], 0u) << "every plan sets 12/10万";
  EXPECT_GT(totals[0], totals[3]) << "2028 leaves out the 2021–2025 plans";

  // Sorted by value, highest first (资阳区's 80% first): the hits in the API's order.
  std::string dom = Dom("#indicator=exclusive_breastfeeding&sort=value-desc");
  EXPECT_NE(dom.find("<option value=\"value-desc\" selected=\"\">"), std::string::npos);
  auto res = client.Get("/api/search?indicator=exclusive_breastfeeding&sort=value-desc&limit=20");
  ASSERT_TRUE(res);
  const json body = json::parse(res->body);
  std::vector<std::string> want;
  for (const json& h : body["hits"]) want.push_back(h["district"]);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(want.front(), "资阳区");
  EXPECT_EQ(Attributes(dom, "data-district"), want);
  EXPECT_NE(dom.find("<span class=\"badge key\">指标值 80</span>"), std::string::npos) << "the sort key";
  Screenshots("search", "#q=孕产妇死亡率&indicator=maternal_mortality&sort=value-desc");
}

// The download links answer with the files: every hit of the search as CSV, the compare exports.
TEST_F(PageTest, DownloadsOpen) {
  REQUIRE_CHROMIUM();
  httplib::Client client = Client();
  std::string dom = Dom("#q=家庭教育");
  std::vector<std::string> hrefs;
  for (const std::string& h : Attributes(dom, "href")) {
    if (h.rfind("/api/export/", 0) == 0) hrefs.push_back(h);
  }
  ASSERT_EQ(hrefs.size(), 1u) << dom;
  std::string href = std::regex_replace(hrefs[0], std::regex("&amp;"), "&");
  auto res = client.Get(href.c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res->body.substr(0, 3), "\xEF\xBB\xBF");
  size_t total = ApiTotal(client, "q=" + httplib::detail::encode_query_param("家庭教育"), true);
  ASSERT_GT(total, 20u) << "more hits than one page";
  EXPECT_EQ(Count(res->body, "\r\n"), total + 1) << "a header and every hit, same texts once";
  // A text other plans print alike is one hit, saying where.
  EXPECT_NE(dom.find("<div class=\"same-text\""), std::string::npos) << dom;
  EXPECT_NE(dom.find("同文 2 个区县：秀峰区 北关区"), std::string::npos) << dom;

  dom = Dom(kCompare);
  int opened = 0;
  for (const std::string& h : Attributes(dom, "href")) {
    if (h.rfind("/api/export/compare.", 0) != 0) continue;
    auto file = client.Get(std::regex_replace(h, std::regex("&amp;"), "&").c_str());
    ASSERT_TRUE(file);
    EXPECT_EQ(file->status, 200) << h;
    EXPECT_GT(file->body.size(), 200u) << h;
    ++opened;
  }
  EXPECT_EQ(opened, 3);
}

// The compare pickers: the chosen indicators and districts listed above a filter box that hides
// what does not match (its text is in the URL); the table in Chinese, with a goal without a number.
TEST_F(PageTest, ComparePickersAndCellsWithoutANumber) {
  REQUIRE_CHROMIUM();
  const std::string hash =
      "#view=compare&indicator=maternal_mortality,village_committee_director_women"
      "&district=南开区,北关区,资阳区&against=秀峰区&ifilter=死亡率&dfilter=河南";
  std::string dom = Dom(hash);
  ASSERT_NE(dom.find("id=\"compare-table\""), std::string::npos) << dom;
  size_t chosen = dom.find("id=\"chosen-indicator\"");
  ASSERT_NE(chosen, std::string::npos);
  std::string chips = dom.substr(chosen, dom.find("</ul>", chosen) - chosen);
  EXPECT_NE(chips.find("孕产妇死亡率 ✕"), std::string::npos);
  EXPECT_NE(chips.find("村委会主任中女性比例 ✕"), std::string::npos);
  EXPECT_NE(dom.find("id=\"filter-indicator\" value=\"死亡率\""), std::string::npos);
  // 婴儿死亡率 matches the filter, 艾滋病母婴传播率 does not; a chosen one that does not match is
  // still listed above.
  EXPECT_NE(dom.find("<label class=\"\"><input type=\"checkbox\" name=\"indicator\" value=\"infant_mortality\">"),
            std::string::npos);
  EXPECT_NE(dom.find("<label class=\"hidden\"><input type=\"checkbox\" name=\"indicator\" value=\"hiv_mtct\">"),
            std::string::npos);
  EXPECT_NE(dom.find("<label class=\"hidden\"><input type=\"checkbox\" name=\"indicator\" "
                     "value=\"village_committee_director_women\" checked=\"\">"),
            std::string::npos);
  size_t districts = dom.find("id=\"chosen-district\"");
  ASSERT_NE(districts, std::string::npos);
  EXPECT_EQ(Count(dom.substr(districts, dom.find("</ul>", districts) - districts), "✕"), 3u);
  EXPECT_NE(dom.find("<label class=\"\"><input type=\"checkbox\" name=\"district\" value=\"北关区\" checked=\"\">"),
            std::string::npos);
  EXPECT_NE(dom.find("<label class=\"hidden\"><input type=\"checkbox\" name=\"district\" value=\"南开区\" checked=\"\">"),
            std::string::npos);
  // 南开区: 孕产妇死亡率得到有效控制; 北关区: 村委会主任中女性比例逐步提高.
  EXPECT_NE(dom.find("data-verdict=\"no_number\" data-state=\"no_number\"><span class=\"val no-number\""),
            std::string::npos);
  EXPECT_NE(dom.find("得到有效控制（无数值）"), std::string::npos);
  EXPECT_NE(dom.find("逐步提高（无数值）"), std::string::npos);
  EXPECT_NE(dom.find("<span class=\"verdict\">相同</span>"), std::string::npos);
  for (const char* english : {">same<", ">missing<", ">looser<", ">extra<", ">stricter<", "unit:",
                              ">reference "}) {
    EXPECT_EQ(dom.find(english), std::string::npos) << english;
  }
  for (const char* word : {"更严", "相同", "更宽", "无数值", "未设定", "额外", "单位：", "参照 秀峰区"}) {
    EXPECT_NE(dom.find(word), std::string::npos) << word;
  }
  Screenshots("compare-pickers", hash);
}

// An error of the API is shown as a sentence inside a Chinese one, in search and in compare.
TEST_F(PageTest, ErrorsAreSentences) {
  REQUIRE_CHROMIUM();
  std::string dom = Dom("#q=家庭&domain=children.famly");
  EXPECT_NE(dom.find("检索未能完成。服务器的说明：<q>Unknown domain 'children.famly'; did you mean "
                     "children.family?</q>"),
            std::string::npos)
      << dom;
  dom = Dom("#view=compare&indicator=no_such_indicator");
  EXPECT_NE(dom.find("id=\"compare-form\""), std::string::npos) << "the pickers stay";
  EXPECT_NE(dom.find("对比未能完成。服务器的说明：<q>Unknown indicator 'no_such_indicator'"),
            std::string::npos)
      << dom;
}

// ---- the progress view, over 北关区's plan and the monitoring-report fixtures ----

class ProgressPageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(FreshDir("guihua-progress-db-"));
    std::vector<std::string> files = {testing::CorpusFile("henan-anyang-beiguan-2021-2030.txt")};
    for (const char* name : {"beiguan-women-2021", "beiguan-women-2022", "beiguan-children-2022",
                             "wenfeng-women-2022"}) {
      files.push_back(testing::SourceDir() + "/tests/fixtures/progress/" + name + ".txt");
    }
    ASSERT_TRUE(testing::IngestWithBinary(files, *db_));
    server_ = new LoopbackServer(*db_);
    ASSERT_TRUE(server_->ok());
  }
  static void TearDownTestSuite() {
    delete server_;
    std::filesystem::remove_all(*db_);
    delete db_;
  }
  static std::string* db_;
  static LoopbackServer* server_;
};
std::string* ProgressPageTest::db_ = nullptr;
LoopbackServer* ProgressPageTest::server_ = nullptr;

TEST_F(ProgressPageTest, ShowsTheDistrictsTargetsStatusesSparklinesAndDownloads) {
  REQUIRE_CHROMIUM();
  const std::string hash = "#view=progress&district=北关区&plan=women";
  std::string out = FreshDir("guihua-dom-") + "/dom.html";
  ASSERT_TRUE(RunChromium("--dump-dom", server_->url() + hash, out));
  std::string dom = ReadBytes(out);
  ASSERT_NE(dom.find("class=\"progress\""), std::string::npos) << dom;
  EXPECT_NE(dom.find("data-document=\"henan-anyang-beiguan-2021-2030\""), std::string::npos);
  EXPECT_NE(dom.find("55.6%"), std::string::npos);  // 达标率 5/9
  std::vector<std::string> statuses = Attributes(dom, "data-status");
  EXPECT_EQ(statuses.size(), 20u);  // every target of the women's plan
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), "achieved"), 5);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), "not_achieved"), 4);
  EXPECT_NE(dom.find("class=\"status s-achieved\""), std::string::npos);
  EXPECT_EQ(Count(dom, "<svg class=\"spark\""), 20u);
  EXPECT_GE(Count(dom, "<circle class=\"actual\""), 13u);  // 9 indicators, 4 of them two years
  EXPECT_NE(dom.find("与数据不符"), std::string::npos);  // 养老保险: the report says 已实现 at 94.6%
  for (const char* format : {"csv", "xlsx", "html"}) {
    EXPECT_NE(dom.find(std::string("href=\"/api/export/progress.") + format + "?district="),
              std::string::npos)
        << format;
  }
  // The document view links to it.
  std::string doc = FreshDir("guihua-dom-") + "/dom.html";
  ASSERT_TRUE(RunChromium("--dump-dom", server_->url() + "#view=doc&id=henan-anyang-beiguan-2021-2030", doc));
  EXPECT_NE(ReadBytes(doc).find("id=\"doc-progress\" href=\"#view=progress&amp;district="), std::string::npos);
  std::filesystem::create_directories("screenshots");
  std::string png = (std::filesystem::current_path() / "screenshots" / "progress-1280.png").string();
  EXPECT_TRUE(RunChromium("--screenshot='" + png + "'", server_->url() + hash, "/dev/null"));
}

}  // namespace
}  // namespace guihua
