// The HTTP API as a client sees it: a Server started in-process on a free loopback port over an
// index of corpus/ (made with the real `guihua ingest`), each endpoint checked against what the
// library returns for the same request, each error code, traversal paths sent raw, and a file
// ingested while serving showing up within about a second.
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "common/diagnostics.h"
#include "common/corpus_index.h"
#include "common/test_support.h"
#include "compare/compare.h"
#include "extract/extract.h"
#include "index/index.h"
#include "render/compare_table.h"
#include "render/search_results.h"
#include "server/server_support.h"

namespace guihua {
namespace {

using nlohmann::json;
using testing::CorpusFiles;
using testing::CorpusIndexDir;
using testing::RulesDir;
using testing::TempDir;

using testing::Dictionary;
using testing::LoopbackServer;
using testing::IngestWithBinary;

// Sends `request_line` as is (no client-side normalising of the path) and returns the status code.
int RawStatus(int port, const std::string& request_line) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  std::string request = request_line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  send(fd, request.data(), request.size(), 0);
  std::string response;
  char buf[4096];
  for (int i = 0; i < 1000; ++i) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    response.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  // "HTTP/1.1 404 Not Found"
  return response.size() > 12 ? std::atoi(response.c_str() + 9) : -1;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = &CorpusIndexDir();
    server_ = new LoopbackServer(*db_);
    ASSERT_TRUE(server_->ok());
    auto reader = IndexReader::Open({*db_});
    ASSERT_TRUE(reader.ok());
    reader_ = reader->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete reader_;
  }

  static httplib::Result Get(const std::string& path) {
    static httplib::Client client = server_->Client();
    return client.Get(path.c_str());
  }

  static const std::string* db_;
  static LoopbackServer* server_;
  static IndexReader* reader_;
};
const std::string* ServerTest::db_ = nullptr;
LoopbackServer* ServerTest::server_ = nullptr;
IndexReader* ServerTest::reader_ = nullptr;

TEST_F(ServerTest, StatsIsTheLibrarysStatsJson) {
  auto res = Get("/api/stats");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->body, StatsJson(reader_->Files(), reader_->Targets()));
  json j = json::parse(res->body);
  EXPECT_EQ(j["documents"], 5);
  // By kind: targets apart from goals without a number and baselines; documents by kind.
  EXPECT_EQ(j["document_kinds"], json({{"plan", 5}}));
  int values = 0;
  for (const char* kind : {"target", "baseline", "actual", "change", "direction"}) {
    ASSERT_TRUE(j["value_kinds"].contains(kind)) << kind;
    values += j["value_kinds"][kind].get<int>();
  }
  EXPECT_EQ(values, j["targets"].get<int>()) << "every value once, of one kind";
  EXPECT_GT(j["value_kinds"]["target"].get<int>(), 300);
  EXPECT_GT(j["value_kinds"]["direction"].get<int>(), 50);
  EXPECT_GT(j["value_kinds"]["baseline"].get<int>(), 10);
}

TEST_F(ServerTest, SearchIsTheLibrarysResultWithHtmlMarks) {
  SearchRequest request;
  request.query = "妇女 健康";
  request.filters.district = "北关区";
  request.limit = 5;
  request.facets = true;
  request.collapse = true;  // the API's default
  auto expected = reader_->Search(request);
  ASSERT_TRUE(expected.ok());
  auto res =
      Get("/api/search?q=" + httplib::detail::encode_query_param("妇女 健康") +
          "&district=" + httplib::detail::encode_query_param("北关区") + "&limit=5&facets=1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->body, SearchResultToJson(*expected, {"<mark>", "</mark>", true}));
  json j = json::parse(res->body);
  EXPECT_EQ(j["total"], expected->total);
  ASSERT_EQ(j["hits"].size(), 5u);
  EXPECT_EQ(j["hits"][0]["district"], "北关区");
  EXPECT_NE(j["hits"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  EXPECT_TRUE(j["facets"].contains("domain"));
}

// The second asking of a question is answered from the cache: the same bytes. exact=1 is a flag.
TEST_F(ServerTest, RepeatedSearchesGetTheSameAnswer) {
  httplib::Client client = server_->Client();
  const char* path = "/api/search?q=%22%E5%AE%B6%E5%BA%AD%E6%95%99%E8%82%B2%22&limit=3&exact=1";
  auto first = client.Get(path);
  auto second = client.Get(path);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->body, first->body);
  json j = json::parse(first->body);
  EXPECT_TRUE(j["total_exact"].get<bool>());
  EXPECT_EQ(j["hits"].size(), 3u);
  auto bad = client.Get("/api/search?q=x&exact=maybe");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ServerTest, TargetsAreTheStoredObjectsFiltered) {
  auto res = Get("/api/targets?indicator=maternal_mortality&kind=target");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  size_t expected = 0;
  for (const std::string& line : reader_->Targets()) {
    json t = json::parse(line);
    if (t["indicator_id"] == "maternal_mortality" && t["kind"] == "target") ++expected;
  }
  json j = json::parse(res->body);
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(j["total"], expected);
  for (const json& t : j["targets"]) EXPECT_EQ(t["indicator_id"], "maternal_mortality");

  res = Get("/api/targets?document=tianjin-nankai-2021-2025");
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["total"], reader_->Targets("tianjin-nankai-2021-2025").size());
}

TEST_F(ServerTest, CompareIsTheLibrarysTableJson) {
  TargetTableOptions options;
  options.indicators = {"maternal_mortality", "high_school_enrollment"};
  options.domain_order = testing::Names()->DomainOrder();
  const IndexedFile* beiguan = nullptr;
  std::vector<IndexedFile> files = reader_->Files();
  for (const IndexedFile& f : files) {
    if (f.region.district == "北关区") beiguan = &f;
  }
  ASSERT_NE(beiguan, nullptr);
  Reference reference{{beiguan->document, beiguan->region.province, beiguan->region.city,
                       beiguan->region.district, beiguan->period},
                      reader_->Targets(beiguan->document)};
  auto table = CompareTargets(*reader_, Dictionary(), options, &reference);
  ASSERT_TRUE(table.ok());
  auto res = Get("/api/compare?indicator=maternal_mortality,high_school_enrollment&against=" +
                 httplib::detail::encode_query_param("北关区"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->body, RenderTargetTable(*table, CompareFormat::kJson));
  json j = json::parse(res->body);
  std::set<std::string> ids;
  for (const json& row : j["rows"]) ids.insert(row["indicator_id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"maternal_mortality", "high_school_enrollment"}));
  EXPECT_EQ(j["reference"]["district"], "北关区");
}

// A cell says why it has no number: 南开区 has 孕产妇死亡率得到有效控制 (a goal without a number),
// 昆都仑区 does not name 村委会主任中女性比例 at all; the summary counts them apart.
TEST_F(ServerTest, CompareCellsHaveAState) {
  auto res = Get("/api/compare?indicator=maternal_mortality,village_committee_director_women&against=" +
                 httplib::detail::encode_query_param("秀峰区"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  ASSERT_EQ(j["rows"].size(), 2u);
  ASSERT_EQ(j["columns"][1]["district"], "南开区");
  const json& nankai = j["rows"][0]["cells"][1];
  EXPECT_EQ(nankai["state"], "no_number");
  EXPECT_EQ(nankai["verdict"], "no_number");
  EXPECT_EQ(nankai["directions"][0]["value_text"], "得到有效控制");
  const json& kundulun = j["rows"][1]["cells"][0];
  EXPECT_EQ(kundulun["state"], "not_in_plan");
  EXPECT_EQ(kundulun["verdict"], "missing");
  EXPECT_EQ(j["rows"][1]["cells"][3]["state"], "no_number");  // 北关区: 逐步提高
  EXPECT_EQ(j["summary"][1]["no_number"], 1);
  EXPECT_EQ(j["summary"][1]["missing"], 1);

  // 昆都仑区 line 2641 12岁儿童龋齿率控制在25%以内, line 2655 优良率达到60%以上: numbers, not "-".
  res = Get("/api/compare?indicator=caries_age12,fitness_standard_excellent&district=" +
            httplib::detail::encode_query_param("昆区"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  j = json::parse(res->body);
  ASSERT_EQ(j["rows"].size(), 2u);
  for (const auto& [row, value] : {std::pair{0, 25}, {1, 60}}) {
    const json& cell = j["rows"][row]["cells"][0];
    EXPECT_EQ(cell["state"], "number") << row;
    EXPECT_EQ(cell["values"][0]["value"], value) << row;
  }
}

// The page's "download all": every hit, the same bytes as `guihua search --format csv --all`.
TEST_F(ServerTest, SearchExportIsTheClisCsvOfEveryHit) {
  auto res = Get("/api/export/search.csv?q=" + httplib::detail::encode_query_param("家庭教育"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  auto cli = testing::RunGuihua("search 家庭教育 --format csv --all --db " + testing::ShellQuote(*db_));
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(res->body, cli.out);
  auto page = Get("/api/search?limit=0&q=" + httplib::detail::encode_query_param("家庭教育"));
  ASSERT_TRUE(page);
  size_t total = json::parse(page->body)["wordings"];  // a text printed alike is one hit
  EXPECT_GT(total, 20u);
  size_t rows = 0;
  for (size_t at = res->body.find("\r\n"); at != std::string::npos; at = res->body.find("\r\n", at + 2)) ++rows;
  EXPECT_EQ(rows, total + 1) << "a header and every hit";
  res = Get("/api/export/search.csv?domain=children.famly");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

// Same texts are one hit listing where they are printed, as the CLI's; collapse=0 lists each item.
TEST_F(ServerTest, SearchCollapsesSameTextsUnlessCollapseIs0) {
  const std::string q = "/api/search?q=" + httplib::detail::encode_query_param("儿童常见疾病");
  auto res = Get(q);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  EXPECT_EQ(j["total"], 6);
  EXPECT_EQ(j["wordings"], 2);
  ASSERT_EQ(j["hits"].size(), 2u);
  EXPECT_EQ(j["hits"][0]["same_text"], 5);
  EXPECT_EQ(j["hits"][0]["same_text_districts"],
            json({"秀峰区", "北关区", "资阳区", "昆都仑区", "南开区"}));
  res = Get(q + "&collapse=0");
  ASSERT_TRUE(res);
  j = json::parse(res->body);
  EXPECT_EQ(j["hits"].size(), 6u);
  EXPECT_FALSE(j.contains("collapsed"));
  EXPECT_FALSE(j["hits"][0].contains("same_text"));
  res = Get(q + "&collapse=2");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

TEST_F(ServerTest, DocumentIsItsPlansDomainsAndItemsInLineOrder) {
  auto res = Get("/api/documents/tianjin-nankai-2021-2025");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  json j = json::parse(res->body);
  EXPECT_EQ(j["district"], "南开区");
  int indexed_items = 0;
  for (const IndexedFile& f : reader_->Files()) {
    if (f.document == "tianjin-nankai-2021-2025") indexed_items = f.items;
  }
  EXPECT_EQ(j["items"], indexed_items);
  std::set<std::string> plans;
  int items = 0, last_line = 0, goals = 0, measures = 0;
  for (const json& plan : j["plans"]) {
    plans.insert(plan["plan"].get<std::string>());
    for (const json& domain : plan["domains"]) {
      for (const json& item : domain["items"]) {
        ++items;
        EXPECT_GE(item["line"].get<int>(), last_line);
        EXPECT_GE(item["end_line"].get<int>(), item["line"].get<int>());
        EXPECT_FALSE(item["text"].get<std::string>().empty());
        last_line = item["line"];
        goals += item["block"] == "goal";
        measures += item["block"] == "measure";
      }
    }
  }
  EXPECT_EQ(items, indexed_items);
  EXPECT_EQ(plans, (std::set<std::string>{"women", "children"}));
  EXPECT_GT(goals, 0);
  EXPECT_GT(measures, 0);
  EXPECT_EQ(j["targets"].size(), reader_->Targets("tianjin-nankai-2021-2025").size());
}

TEST_F(ServerTest, ExportsAreDownloads) {
  struct Case {
    std::string format, content_type, starts_with;
  };
  for (const Case& c : std::vector<Case>{
           {"csv", "text/csv; charset=utf-8", "\xEF\xBB\xBF" "document,"},
           {"html", "text/html; charset=utf-8", "<!"},
           {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"}}) {
    SCOPED_TRACE(c.format);
    auto res = Get("/api/export/compare." + c.format + "?indicator=maternal_mortality");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), c.content_type);
    EXPECT_EQ(res->get_header_value("Content-Disposition"),
              "attachment; filename=\"compare." + c.format + "\"");
    EXPECT_EQ(res->body.substr(0, c.starts_with.size()), c.starts_with);
  }
}

TEST_F(ServerTest, BadRequestsGetAJsonError) {
  struct Case {
    std::string path;
    int status;
  };
  const std::vector<Case> cases = {
      {"/api/search?bogus=1", 400},
      {"/api/search?limit=1001", 400},
      {"/api/search?limit=1000", 200},
      {"/api/search?limit=-1", 400},
      {"/api/search?offset=abc", 400},
      {"/api/search?q=" + std::string(1001, 'a'), 400},
      {"/api/search?q=" + std::string(1000, 'a'), 200},
      {"/api/search?q=%FF%FE", 400},
      {"/api/search?district=%E5%8C", 400},
      {"/api/search?q=%22unclosed", 400},
      {"/api/search?q=a&q=b", 400},
      {"/api/search?plan=men", 400},
      {"/api/search?block=title", 400},
      {"/api/search?indicator=no_such_indicator", 400},
      {"/api/search?facets=maybe", 400},
      {"/api/search?sort=colour", 400},
      {"/api/search?sort=value", 400},  // no indicator
      {"/api/search?value=90..100", 400},
      {"/api/search?year=20x", 400},
      {"/api/search?indicator=maternal_mortality&value=..12&sort=value-desc&year=2025", 200},
      {"/api/targets?indicator=no_such_indicator", 400},
      {"/api/targets?kind=wish", 400},
      {"/api/targets?document=nope", 400},
      {"/api/compare?indicator=no_such_indicator", 400},
      {"/api/compare?district=nowhere", 400},
      {"/api/compare?against=/etc/passwd", 400},
      {"/api/compare?q=1", 400},
      {"/api/stats?x=1", 400},
      {"/api/export/compare.csv?indicator=no_such_indicator", 400},
      {"/api/export/compare.pdf", 404},
      {"/api/documents/no-such-document", 404},
      {"/api/documents/", 404},
      {"/api/nothing", 404},
      {"/index.html", 404},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path.substr(0, 80));
    auto res = Get(c.path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, c.status);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    json j = json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded());
    if (c.status != 200) {
      EXPECT_TRUE(j["error"].is_string() && !j["error"].empty()) << res->body;
    }
  }
}

// Parameters take names as the CLI's options do (one resolver): short forms answer what the full
// names answer, and a name that names nothing is a 400 with the CLI's one-line message.
TEST_F(ServerTest, ParametersTakeNamesAndShortForms) {
  auto q = [](const std::string& s) { return httplib::detail::encode_query_param(s); };
  const std::vector<std::pair<std::string, std::string>> same = {
      {"/api/search?q=" + q("家庭教育") + "&district=" + q("北关") + "&city=" + q("安阳") +
           "&province=" + q("河南") + "&period=" + q("2021—2030") + "&plan=" + q("儿童") +
           "&domain=" + q("家庭"),
       "/api/search?q=" + q("家庭教育") + "&district=" + q("北关区") + "&city=" + q("安阳市") +
           "&province=" + q("河南省") + "&period=2021-2030&plan=children&domain=children.family"},
      {"/api/search?q=" + q("家庭教育 district:昆区"), "/api/search?q=" + q("家庭教育 district:昆都仑区")},
      {"/api/search?indicator=" + q("学前教育毛入园率"), "/api/search?indicator=preschool_enrollment"},
      {"/api/targets?district=" + q("北关") + "&indicator=" + q("孕产妇死亡率") + "&kind=" + q("目标"),
       "/api/targets?document=henan-anyang-beiguan-2021-2030&indicator=maternal_mortality&kind=target"},
      {"/api/compare?district=" + q("北关,昆区") + "&indicator=" + q("孕产妇死亡率") + "&against=" + q("南开"),
       "/api/compare?district=henan-anyang-beiguan-2021-2030,neimenggu-baotou-kundulun-2021-2030"
       "&indicator=maternal_mortality&against=tianjin-nankai-2021-2025"},
  };
  for (const auto& [given, canonical] : same) {
    SCOPED_TRACE(given);
    auto a = Get(given), b = Get(canonical);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(b->status, 200) << b->body;
    EXPECT_EQ(a->status, 200) << a->body;
    json i = json::parse(a->body), j = json::parse(b->body);
    i.erase("query");  // a search echoes its query as typed
    j.erase("query");
    EXPECT_TRUE(i == j);
    EXPECT_GT(j.contains("total") ? j["total"].get<int>() : static_cast<int>(j["rows"].size()), 0);
  }
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"/api/search?q=" + q("家庭教育") + "&domain=children.famly",
       "unknown domain 'children.famly'; did you mean children.family?"},
      {"/api/search?district=" + q("北官"), "unknown district '北官'; did you mean 北关区?"},
      {"/api/search?q=" + q("district:朝阳区"),
       "district '朝阳区' has no plan in the index (the index holds 昆都仑区, 南开区, 秀峰区, 北关区, "
       "资阳区)"},
      {"/api/search?period=2021-2035",
       "no plan in the index has period 2021-2035 (the index holds 2021-2025, 2021-2030)"},
      {"/api/compare?domain=children.helth", "unknown domain 'children.helth'; did you mean children.health?"},
      {"/api/targets?district=" + q("北官"), "unknown document or district '北官'; did you mean 北关区?"},
      {"/api/compare?against=" + q("北官"), "against: unknown document or district '北官'; did you mean 北关区?"},
      // compare resolves its names as `guihua compare targets` does (NameResolver::ResolveScope).
      {"/api/compare?district=" + q("北官"), "unknown document or district '北官'; did you mean 北关区?"},
      {"/api/compare?district=" + q("北关,北官"), "unknown document or district '北官'; did you mean 北关区?"},
      {"/api/compare?indicator=maternal_mortalty",
       "unknown indicator 'maternal_mortalty'; did you mean maternal_mortality?"},
  };
  for (const auto& [path, error] : refused) {
    SCOPED_TRACE(path);
    auto res = Get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    EXPECT_EQ(json::parse(res->body)["error"], error);
  }
}

TEST_F(ServerTest, ListingsOfNames) {
  auto res = Get("/api/indicators?plan=" + httplib::detail::encode_query_param("儿童"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  json indicators = json::parse(res->body);
  ASSERT_FALSE(indicators.empty());
  for (const json& i : indicators) {
    EXPECT_NE(i["plan"], "women");
    EXPECT_TRUE(i["documents"].is_number());
  }
  res = Get("/api/domains?plan=women");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body).size(), 8u);
  res = Get("/api/documents");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body).size(), reader_->Files().size());
  res = Get("/api/indicators?domain=children.famly");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["error"], "unknown domain 'children.famly'; did you mean children.family?");
}

TEST_F(ServerTest, OtherMethodsAre405OnApiPathsAnd404Elsewhere) {
  httplib::Client client = server_->Client();
  auto post = client.Post("/api/search", "q=x", "application/x-www-form-urlencoded");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  EXPECT_TRUE(json::parse(post->body)["error"].is_string());
  auto put = client.Put("/api/documents/tianjin-nankai-2021-2025", "x", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  auto del = client.Delete("/api/stats");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto elsewhere = client.Post("/upload", "x", "text/plain");
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->status, 404);
}

TEST_F(ServerTest, TraversalPathsNeverReachTheFileSystem) {
  for (const char* path :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/api/../../etc/passwd", "/api/documents/..%2f..%2fetc%2fpasswd",
        "/api/documents/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/documents/..",
        "/api/documents/%2e%2e", "/api/export/compare.csv/../../../etc/passwd",
        "/..%5c..%5cetc%5cpasswd", "//etc/passwd"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(RawStatus(server_->port(), std::string("GET ") + path + " HTTP/1.1"), 404);
  }
}

TEST_F(ServerTest, ConcurrentClientsAllSucceed) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client = server_->Client();
      for (int i = 0; i < 25; ++i) {
        std::string path = (i + t) % 2 ? "/api/search?q=%E5%84%BF%E7%AB%A5&limit=3" : "/api/stats";
        auto res = client.Get(path.c_str());
        if (res && res->status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 100);
}

TEST(ServerReopenTest, FileIngestedWhileServingIsVisibleWithinASecond) {
  std::vector<std::string> corpus = CorpusFiles();
  ASSERT_GE(corpus.size(), 2u);
  std::string last = corpus.back();
  corpus.pop_back();
  std::string db = TempDir() + "/index";
  ASSERT_TRUE(IngestWithBinary(corpus, db));
  LoopbackServer server(db);
  ASSERT_TRUE(server.ok());
  httplib::Client client = server.Client();
  auto documents = [&] {
    auto res = client.Get("/api/stats");
    return res && res->status == 200 ? json::parse(res->body)["documents"].get<int>() : -1;
  };
  ASSERT_EQ(documents(), static_cast<int>(corpus.size()));

  ASSERT_TRUE(IngestWithBinary({last}, db));
  auto ingested = std::chrono::steady_clock::now();
  int seen = 0;
  while (std::chrono::steady_clock::now() - ingested < std::chrono::milliseconds(1500)) {
    seen = documents();
    ASSERT_GE(seen, static_cast<int>(corpus.size()));  // no request fails meanwhile
    if (seen == static_cast<int>(corpus.size()) + 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(seen, static_cast<int>(corpus.size()) + 1);
  std::string id = std::filesystem::path(last).stem().string();
  auto res = client.Get(("/api/documents/" + id).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST(ServerLifecycleTest, StopBeforeRunAndTwiceIsHarmless) {
  std::string db = TempDir() + "/index";
  ASSERT_TRUE(IngestWithBinary({CorpusFiles().front()}, db));
  ServerOptions options;
  options.databases = {db};
  options.port = 0;
  EXPECT_FALSE(Server::Start(options).ok());  // no names
  options.names = testing::Names();
  auto server = Server::Start(options);
  ASSERT_TRUE(server.ok());
  EXPECT_GT((*server)->port(), 0);
  EXPECT_EQ((*server)->url(), "http://127.0.0.1:" + std::to_string((*server)->port()) + "/");
  (*server)->Stop();
  EXPECT_TRUE((*server)->Run().ok());  // returns at once
  (*server)->Stop();
}

TEST(ServerLifecycleTest, MissingIndexIsAnError) {
  ServerOptions options;
  options.databases = {TempDir() + "/no-index-here"};
  options.port = 0;
  auto server = Server::Start(options);
  EXPECT_FALSE(server.ok());
}

}  // namespace
}  // namespace guihua
