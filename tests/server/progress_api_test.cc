// /api/progress and /api/export/progress.* over an index of 北关区's plan and the monitoring-report
// fixtures of tests/fixtures/progress/: the JSON of `guihua progress --format json`, names resolved,
// bad parameters refused, the downloads; and /api/compare with a reference district that has
// reports (its plan is the reference; a report only when named by its id).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "common/test_support.h"
#include "server/server_support.h"

namespace guihua {
namespace {

using nlohmann::json;

// The plan of 北关区 and every fixture report: made by the real `guihua ingest`.
std::vector<std::string> ProgressFiles() {
  std::vector<std::string> files = {testing::CorpusFile("henan-anyang-beiguan-2021-2030.txt")};
  for (const char* name : {"beiguan-women-2020", "beiguan-women-2021", "beiguan-women-2022",
                           "beiguan-children-2022", "wenfeng-women-2022"}) {
    files.push_back(testing::SourceDir() + "/tests/fixtures/progress/" + name + ".txt");
  }
  return files;
}

class ProgressApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(testing::TempDir() + "/db");
    ASSERT_TRUE(testing::IngestWithBinary(ProgressFiles(), *db_));
    server_ = new testing::LoopbackServer(*db_);
    ASSERT_TRUE(server_->ok());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
  }
  static std::string* db_;
  static testing::LoopbackServer* server_;
};
std::string* ProgressApiTest::db_ = nullptr;
testing::LoopbackServer* ProgressApiTest::server_ = nullptr;

std::string Encoded(const std::string& s) { return httplib::detail::encode_query_param(s); }

TEST_F(ProgressApiTest, AnswersTheJsonOfTheCommandWithNamesResolved) {
  auto client = server_->Client();
  auto res = client.Get("/api/progress?district=" + Encoded("北关") + "&plan=" + Encoded("妇女"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  ASSERT_EQ(j["plans"].size(), 1u);
  const json& plan = j["plans"][0];
  EXPECT_EQ(plan["document"], "henan-anyang-beiguan-2021-2030");
  EXPECT_EQ(plan["plan"], "women");
  EXPECT_EQ(plan["summary"], json::parse(R"({"targets":20,"monitored":9,"achieved":5,"rate":0.5555555555555556})"));
  const json* mortality = nullptr;
  for (const json& r : plan["rows"]) {
    if (r["indicator_id"] == "maternal_mortality") mortality = &r;
  }
  ASSERT_NE(mortality, nullptr);
  EXPECT_EQ((*mortality)["status"], "achieved");
  EXPECT_EQ((*mortality)["latest"]["value"], 0);
  EXPECT_EQ((*mortality)["latest"]["document"], "beiguan-women-2022");
  EXPECT_EQ((*mortality)["gap"], -12);
  EXPECT_EQ((*mortality)["report_says"]["says"], "achieved");
  EXPECT_EQ((*mortality)["actuals"].size(), 2u);  // 2021 and 2022; not 2020, not 文峰区

  auto one = client.Get("/api/progress?district=" + Encoded("北关区") + "&indicator=" +
                        Encoded("孕产妇死亡率") + "&year=2021");
  ASSERT_TRUE(one);
  ASSERT_EQ(one->status, 200) << one->body;
  json k = json::parse(one->body);
  ASSERT_EQ(k["plans"].size(), 1u);
  ASSERT_EQ(k["plans"][0]["rows"].size(), 1u);
  EXPECT_EQ(k["plans"][0]["rows"][0]["latest"]["year"], 2021);  // the latest up to year=2021
  EXPECT_EQ(k["plans"][0]["rows"][0]["latest"]["value"], 11.2);
}

TEST_F(ProgressApiTest, RefusesBadParametersAndGivesTheDownloads) {
  auto client = server_->Client();
  struct Bad {
    std::string query, says;
  };
  for (const Bad& b : {Bad{"indicator=maternal_mortalty", "maternal_mortality"},
                       Bad{"year=20x", "year"}, Bad{"against=x", "unknown parameter"},
                       Bad{"district=" + Encoded("朝阳区"), "朝阳区"}}) {
    auto res = client.Get("/api/progress?" + b.query);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << b.query;
    EXPECT_NE(res->body.find(b.says), std::string::npos) << b.query << ": " << res->body;
  }
  const std::string query = "?district=" + Encoded("北关区");
  auto csv = client.Get("/api/export/progress.csv" + query);
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBF" "document,", 0), 0u);
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("progress.csv"), std::string::npos);
  auto xlsx = client.Get("/api/export/progress.xlsx" + query);
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.rfind("PK", 0), 0u);
  auto html = client.Get("/api/export/progress.html" + query);
  ASSERT_TRUE(html);
  EXPECT_NE(html->body.find("<svg"), std::string::npos);
  EXPECT_EQ(client.Get("/api/export/progress.pdf" + query)->status, 404);
}

TEST_F(ProgressApiTest, CompareAgainstADistrictWithReportsTakesItsPlan) {
  auto client = server_->Client();
  auto res = client.Get("/api/compare?indicator=" + Encoded("孕产妇死亡率") + "&against=" + Encoded("北关区"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  EXPECT_EQ(j["reference"]["document"], "henan-anyang-beiguan-2021-2030") << res->body;
  for (const json& column : j["columns"]) {
    EXPECT_EQ(column["document"], "henan-anyang-beiguan-2021-2030") << res->body;  // no report
  }
  auto report = client.Get("/api/compare?indicator=" + Encoded("孕产妇死亡率") + "&against=beiguan-women-2022");
  ASSERT_TRUE(report);
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_EQ(json::parse(report->body)["reference"]["document"], "beiguan-women-2022");
  // 文峰区 has a report and no plan: it says so, with the report to name.
  auto none = client.Get("/api/compare?indicator=" + Encoded("孕产妇死亡率") + "&against=" + Encoded("文峰区"));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 400);
  EXPECT_NE(none->body.find("has no plan in the index (it holds report wenfeng-women-2022)"), std::string::npos)
      << none->body;
}

}  // namespace
}  // namespace guihua
