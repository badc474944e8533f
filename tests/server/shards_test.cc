// Shards served by xapian-tcpsrv on loopback: corpus/ ingested as two halves, each served by its own
// xapian-tcpsrv, and `guihua serve` / `guihua search` over both `--db tcp://…` answer as they do over
// the one corpus index (the corpus_index fixture): names resolved from the shards' metadata, facets,
// totals and hits. Skipped when xapian-tcpsrv (xapian-tools) is not installed.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "common/corpus_index.h"
#include "common/test_support.h"
#include "server/server_support.h"

namespace guihua {
namespace {

using nlohmann::json;
using testing::TcpShard;

class ShardServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!TcpShard::Installed()) return;
    std::string dir = testing::TempDir();
    std::vector<std::string> files = testing::CorpusFiles();
    const std::vector<std::vector<std::string>> halves = {
        {files.begin(), files.begin() + 2}, {files.begin() + 2, files.end()}};
    for (size_t i = 0; i < halves.size(); ++i) {
      std::string db = dir + "/shard-" + std::to_string(i);
      ASSERT_TRUE(testing::IngestWithBinary(halves[i], db));
      // xapian-tcpsrv reads a document's values through the termlist table (docs/search.md).
      ASSERT_EQ(testing::RunGuihua("compact --termlist --db " + testing::ShellQuote(db)).exit_code, 0);
      shards_.push_back(std::make_unique<TcpShard>(db));
      ASSERT_TRUE(shards_.back()->ok()) << "xapian-tcpsrv did not start on " << db;
    }
    std::vector<std::string> addresses;
    for (const auto& shard : shards_) addresses.push_back(shard->address());
    sharded_ = new testing::LoopbackServer(addresses);
    whole_ = new testing::LoopbackServer(testing::CorpusIndexDir());
  }
  static void TearDownTestSuite() {
    delete sharded_;
    delete whole_;
    shards_.clear();
  }
  void SetUp() override {
    if (!TcpShard::Installed()) GTEST_SKIP() << "xapian-tcpsrv (xapian-tools) is not installed";
    ASSERT_TRUE(sharded_ && sharded_->ok() && whole_ && whole_->ok());
  }

  static std::vector<std::string> Addresses() {
    std::vector<std::string> out;
    for (const auto& shard : shards_) out.push_back(shard->address());
    return out;
  }

  static std::vector<std::unique_ptr<TcpShard>> shards_;
  static testing::LoopbackServer* sharded_;
  static testing::LoopbackServer* whole_;
};
std::vector<std::unique_ptr<TcpShard>> ShardServerTest::shards_;
testing::LoopbackServer* ShardServerTest::sharded_ = nullptr;
testing::LoopbackServer* ShardServerTest::whole_ = nullptr;

// A search answer with its hits as a set (hits of equal score may come in another docid order when
// the documents are spread over shards) and the scores in rank order. Collapsed, a hit is its text
// and where it is printed: which item of a text shows is the first in docid order, and the count
// of texts is a bound that depends on the order when not every match was seen.
json Comparable(json answer) {
  std::multiset<std::string> hits;
  std::vector<double> scores;
  const bool collapsed = answer.value("collapsed", false);
  if (collapsed && !answer["wordings_exact"].get<bool>()) answer.erase("wordings");
  for (json& hit : answer["hits"]) {
    scores.push_back(hit["score"].get<double>());
    hit.erase("rank");
    if (collapsed) hit = {hit["text"], hit["same_text"], hit["same_text_districts"]};
    hits.insert(hit.dump());
  }
  answer["hits"] = hits;
  answer["scores"] = scores;
  return answer;
}

// Past a page, a checked literal's total over remote shards is a lower bound (each candidate's
// check costs its document sent over): the page itself is the same, score for score.
void ExpectAPageAndALowerBound(httplib::Client& whole, httplib::Client& sharded) {
  const std::string path = "/api/search?q=\"家庭教育\"&limit=5";
  auto a = whole.Get(path.c_str()), b = sharded.Get(path.c_str());
  ASSERT_TRUE(a && b);
  json ja = json::parse(a->body), jb = json::parse(b->body);
  EXPECT_GT(ja["total"].get<int>(), 64) << "the test wants more candidates than the first round";
  EXPECT_FALSE(jb["total_exact"].get<bool>());
  EXPECT_GE(jb["total"].get<int>(), 5);
  EXPECT_LE(jb["total"].get<int>(), ja["total"].get<int>());
  EXPECT_EQ(Comparable(ja)["scores"], Comparable(jb)["scores"]);
}

TEST_F(ShardServerTest, ServeAndSearchAnswerAsOverTheWholeIndex) {
  // Names (北关, 安阳, 妇女与健康, a Chinese indicator name) are resolved from the shards' metadata.
  const std::vector<std::string> kSearches = {
      "/api/search?q=儿童&district=北关&limit=1000&facets=1",
      "/api/search?q=托育&city=安阳&facets=1",
      "/api/search?q=\"家庭教育指导\"&limit=50&facets=1&exact=1",
      "/api/search?q=孕产妇死亡率&domain=妇女与健康&plan=妇女",
      "/api/search?q=托育 NOT 托位&limit=100",
      "/api/search?indicator=孕产妇死亡率&value=..20&sort=value",
      "/api/search?q=儿童&year=2028&sort=period&limit=20",
  };
  const std::vector<std::string> kOthers = {
      "/api/stats",
      "/api/documents",
      "/api/documents/henan-anyang-beiguan-2021-2030",
      "/api/targets?district=北关&plan=儿童",
      "/api/compare?indicator=maternal_mortality,孕产妇死亡率&district=北关,南开",
      "/api/compare?indicator=maternal_mortality&against=秀峰区",
      "/api/indicators?plan=妇女",
      "/api/progress?district=北关",
  };
  httplib::Client sharded = sharded_->Client(), whole = whole_->Client();
  for (const std::string& path : kSearches) {
    auto a = whole.Get(path.c_str()), b = sharded.Get(path.c_str());
    ASSERT_TRUE(a && b) << path;
    ASSERT_EQ(a->status, 200) << path << ": " << a->body;
    EXPECT_EQ(b->status, 200) << path << ": " << b->body;
    json ja = json::parse(a->body), jb = json::parse(b->body);
    EXPECT_GT(ja["total"].get<int>(), 0) << path;
    EXPECT_EQ(Comparable(ja), Comparable(jb)) << path;
  }
  for (const std::string& path : kOthers) {
    auto a = whole.Get(path.c_str()), b = sharded.Get(path.c_str());
    ASSERT_TRUE(a && b) << path;
    ASSERT_EQ(a->status, 200) << path << ": " << a->body;
    EXPECT_EQ(a->body, b->body) << path;
  }
  ExpectAPageAndALowerBound(whole, sharded);
  // A name that is in neither shard is the same 400 with the nearest names.
  auto a = whole.Get("/api/search?q=儿童&district=北关市"), b = sharded.Get("/api/search?q=儿童&district=北关市");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->status, 400);
  EXPECT_EQ(std::tie(a->status, a->body), std::tie(b->status, b->body));

  // `guihua search` takes the same shards (one test: ctest runs each in a process of its own, and
  // the shards are made once per process).
  std::string shards;
  for (const std::string& address : Addresses()) shards += " --db " + address;
  const std::string kArgs = "search 家庭教育 --district 北关 --facets --limit 1000 --format json";
  auto cli_whole = testing::RunGuihua(kArgs + " --db " + testing::ShellQuote(testing::CorpusIndexDir()));
  auto cli_sharded = testing::RunGuihua(kArgs + shards);
  ASSERT_EQ(cli_whole.exit_code, 0) << cli_whole.err;
  ASSERT_EQ(cli_sharded.exit_code, 0) << cli_sharded.err;
  EXPECT_GT(json::parse(cli_whole.out)["total"].get<int>(), 0);
  EXPECT_EQ(Comparable(json::parse(cli_whole.out)), Comparable(json::parse(cli_sharded.out)));
}

}  // namespace
}  // namespace guihua
