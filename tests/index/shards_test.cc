// The writer's two threads into two shard databases (IndexWriter::UseWriterThreads): both shards
// hold files and a search sees them as one index, a replaced file is found once wherever it is,
// a writer opened on a folder left with two shards (a killed ingest) writes where each file is,
// compaction merges the shards into one database that answers the same, and a file whose add
// fails on a writer thread loses no other.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "common/test_support.h"
#include "index/index.h"
#include "index/index_support.h"
#include "index/internal/generations.h"
#include "index/internal/writer_faults.h"

namespace guihua {
namespace {

using ::guihua::testing::AddFile;
using ::guihua::testing::CorpusFiles;
using ::guihua::testing::TempDir;

const std::vector<std::string> kQueries = {"",       "\"家庭教育指导服务站点\"", "孕产妇死亡率",
                                           "儿童 -妇女", "\"适龄妇女宫颈癌\"",    "district:北关区"};

// The totals of kQueries over the index at `db`, and its documents.
std::vector<size_t> Totals(const std::string& db, std::set<std::string>* documents = nullptr) {
  auto reader = IndexReader::Open({db});
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return {};
  std::vector<size_t> totals;
  for (const std::string& q : kQueries) {
    SearchRequest request;
    request.query = q;
    request.exact_total = true;
    auto result = (*reader)->Search(request);
    EXPECT_TRUE(result.ok()) << q << ": " << result.status().message();
    totals.push_back(result.ok() ? result->total : 0);
  }
  if (documents != nullptr) {
    documents->clear();
    for (const IndexedFile& f : (*reader)->Files()) documents->insert(f.document);
  }
  return totals;
}

std::vector<std::string> Shards(const std::string& dir) {
  auto shards = internal::CurrentShards(dir);
  EXPECT_TRUE(shards.ok());
  return shards.ok() ? *shards : std::vector<std::string>{};
}

TEST(ShardsTest, TwoWriterThreadsFillTwoShardsThatSearchAsOne) {
  const std::string reference = TempDir() + "/one", dir = TempDir() + "/two";
  testing::BuildIndex(reference);
  std::set<std::string> expected_documents;
  const std::vector<size_t> expected = Totals(reference, &expected_documents);

  auto writer = IndexWriter::Open(dir);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->UseWriterThreads(2, 2).ok());
  for (const std::string& f : CorpusFiles()) AddFile(**writer, f);
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_TRUE((*writer)->TakeFailures().empty());
  EXPECT_EQ((*writer)->Documents(), expected_documents.size());

  // Two shards, each holding some of the files, searched as one.
  std::vector<std::string> shards = Shards(dir);
  ASSERT_EQ(shards.size(), 2u);
  std::set<std::string> in_first, in_second;
  Totals(dir + "/" + shards[0], &in_first);
  Totals(dir + "/" + shards[1], &in_second);
  EXPECT_FALSE(in_first.empty());
  EXPECT_FALSE(in_second.empty());
  EXPECT_EQ(in_first.size() + in_second.size(), expected_documents.size());
  std::set<std::string> documents;
  EXPECT_EQ(Totals(dir, &documents), expected);
  EXPECT_EQ(documents, expected_documents);

  // Merged into one database by the compaction that ends an ingest.
  ASSERT_TRUE((*writer)->CompactIfGrown().ok());
  EXPECT_EQ(Shards(dir).size(), 1u);
  EXPECT_EQ(Totals(dir, &documents), expected);
  EXPECT_EQ(documents, expected_documents);
}

TEST(ShardsTest, AReplacedFileInTheSecondShardIsFoundOnce) {
  const std::string reference = TempDir() + "/one", dir = TempDir() + "/two";
  testing::BuildIndex(reference);
  const std::vector<size_t> expected = Totals(reference);
  {
    auto writer = IndexWriter::Open(dir);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->UseWriterThreads(2, 1).ok());
    for (const std::string& f : CorpusFiles()) AddFile(**writer, f);
    ASSERT_TRUE((*writer)->Commit().ok());
  }  // closed uncompacted, as a killed ingest leaves it
  std::vector<std::string> shards = Shards(dir);
  ASSERT_EQ(shards.size(), 2u);
  std::set<std::string> second;
  Totals(dir + "/" + shards[1], &second);
  ASSERT_FALSE(second.empty());
  std::string file;
  for (const std::string& f : CorpusFiles()) {
    if (second.count(std::filesystem::path(f).stem().string())) file = f;
  }
  ASSERT_FALSE(file.empty());

  // Replaced by writer threads, then by a writer on the caller's thread: each time in its shard.
  for (bool threads : {true, false}) {
    auto writer = IndexWriter::Open(dir);
    ASSERT_TRUE(writer.ok());
    if (threads) {
      ASSERT_TRUE((*writer)->UseWriterThreads(2, 8).ok());
    }
    AddFile(**writer, file);
    ASSERT_TRUE((*writer)->Commit().ok());
    std::set<std::string> now;
    Totals(dir + "/" + shards[1], &now);
    EXPECT_EQ(now, second);
    EXPECT_EQ(Totals(dir), expected) << "threads: " << threads;
  }
  auto removed = IndexWriter::Open(dir);
  ASSERT_TRUE(removed.ok());
  auto items = (*removed)->Remove(std::filesystem::path(file).stem().string());
  ASSERT_TRUE(items.ok()) << items.status().message();
  EXPECT_GT(*items, 0);
  AddFile(**removed, file);
  ASSERT_TRUE((*removed)->Commit().ok());
  // The purge rebuilds the live items of both shards into one database.
  ASSERT_TRUE((*removed)->Compact().ok());
  EXPECT_EQ(Shards(dir).size(), 1u);
  EXPECT_EQ(Totals(dir), expected);
}

// On the writer threads, a file whose add fails (the last, and all in one shard, so that the files
// added before it are pending there) is the one failure, and the others are all kept: Xapian's cancel of its
// transaction discards its shard's uncommitted files, which are added again.
TEST(ShardsTest, AFailingFileOnAWriterThreadLosesNoOther) {
  const std::string reference = TempDir() + "/one", dir = TempDir() + "/two";
  std::vector<std::string> files = CorpusFiles();
  const std::string bad = files.back();
  testing::BuildIndex(reference, {files.begin(), files.end() - 1});
  std::set<std::string> expected_documents;
  const std::vector<size_t> expected = Totals(reference, &expected_documents);

  auto writer = IndexWriter::Open(dir);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->UseWriterThreads(2, 8).ok());
  internal::FailAddsOf(bad);
  for (const std::string& f : files) {  // all to the first shard
    Diagnostics diag;
    auto doc = testing::TestParser().ParseFile(f, &diag);
    ASSERT_TRUE(doc.ok());
    auto targets = testing::TestExtractor().ExtractDocument(*doc);
    ASSERT_TRUE((*writer)->Add(IndexBatch::Make(*doc, targets, "hash-" + doc->id), 0).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  internal::FailAddsOf("");
  auto failures = (*writer)->TakeFailures();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].first, bad);
  EXPECT_EQ(failures[0].second.rfind("not indexed: ", 0), 0u) << failures[0].second;
  std::set<std::string> documents;
  EXPECT_EQ(Totals(dir, &documents), expected);
  EXPECT_EQ(documents, expected_documents);
}

}  // namespace
}  // namespace guihua
