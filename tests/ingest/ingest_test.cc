// The library's ReadPlan and Ingest: a plan read from a path and from bytes gives the same
// targets; files whose names are not UTF-8 (GBK, Latin-1, stray bytes) are refused one by one
// with a one-line reason while the files around them are indexed; nothing is lost on a re-run;
// files in deep folders and of long names are indexed, and a file whose add fails loses no other.
#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"
#include "extract/extract_support.h"
#include "index/index.h"
#include "index/internal/writer_faults.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;

PlanStages Stages() { return {&testing::SharedParser(), &testing::SharedExtractor()}; }

class Recorder : public IngestListener {
 public:
  void Started(size_t files, uint64_t) override { started = files; }
  void Failed(const std::string& file, const std::string& error) override {
    failures.push_back({file, error});
  }
  size_t started = 0;
  std::vector<std::pair<std::string, std::string>> failures;
};

// Ingest's options into `db`, told to `recorder`.
IngestOptions Into(const std::string& db, Recorder* recorder) {
  IngestOptions options;
  options.db = db;
  options.listener = recorder;
  return options;
}

// A report's region given by its sidecar, as a reader writes one for a district the gazetteer
// knows but the text does not name: ingest reads it as parse does (the bytes are read first).
TEST(ReadPlanTest, BytesReadTheSidecarWhenAsked) {
  std::string dir = testing::TempDir();
  std::string path = dir + "/report.txt";
  testing::WriteBytes(path, ReadBytes(testing::SourceDir() + "/tests/fixtures/progress/wenfeng-women-2022.txt"));
  testing::WriteBytes(dir + "/report.meta.json",
                      R"({"kind":"text","region":{"province":"河南省","city":"安阳市","district":"北关区"}})");
  Diagnostics diag;
  ReadOptions read;
  auto plain = ReadPlanText(Stages(), path, ReadBytes(path), &diag, read);
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->document.region.district, "文峰区");
  read.parse.sidecar = true;
  auto side = ReadPlanText(Stages(), path, ReadBytes(path), &diag, read);
  ASSERT_TRUE(side.ok()) << side.status().message();
  EXPECT_EQ(side->document.region.district, "北关区");
  EXPECT_EQ(side->document.kind, DocumentKind::kText);
  auto file = ReadPlan(Stages(), path, &diag);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->document.region.district, "北关区");
}

TEST(ReadPlanTest, PathAndBytesGiveTheSameTargets) {
  std::string path = CorpusFile("tianjin-nankai-2021-2025.txt");
  Diagnostics diag;
  auto from_path = ReadPlan(Stages(), path, &diag);
  ASSERT_TRUE(from_path.ok()) << from_path.status().message();
  auto from_bytes = ReadPlanText(Stages(), path, ReadBytes(path), &diag);
  ASSERT_TRUE(from_bytes.ok()) << from_bytes.status().message();
  EXPECT_EQ(from_path->document.id, "tianjin-nankai-2021-2025");
  ASSERT_FALSE(from_path->targets.empty());
  EXPECT_EQ(testing::Compact(from_path->targets), testing::Compact(from_bytes->targets));

  auto parsed_only = ReadPlan({&testing::SharedParser(), nullptr}, path, &diag);
  ASSERT_TRUE(parsed_only.ok());
  EXPECT_TRUE(parsed_only->targets.empty());
  EXPECT_EQ(parsed_only->document.plans.size(), from_path->document.plans.size());
}

TEST(ReadPlanTest, ErrorsAreStatuses) {
  Diagnostics diag;
  auto missing = ReadPlan(Stages(), TempDir() + "/no-such-plan.txt", &diag);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  ReadOptions small;
  small.max_file_size = 10;
  auto big = ReadPlanText(Stages(), "big.txt", std::string(11, 'x'), &diag, small);
  EXPECT_EQ(big.status().code(), StatusCode::kInvalidInput);
}

TEST(IngestTest, NamesThatAreNotUtf8AreRefusedAndTheRestIndexed) {
  namespace fs = std::filesystem;
  std::string dir = TempDir();
  fs::create_directories(dir + "/plans");
  const std::string plan = ReadBytes(CorpusFile("henan-anyang-beiguan-2021-2030.txt"));
  // Sorted order: the UTF-8 name first and last, the others between them.
  const std::string names[] = {
      "a-北关区.txt",
      "b-\xB1\xB1\xB9\xD8\xC7\xF8.txt",  // 北关区 in GBK
      "c-caf\xE9.txt",                   // café in Latin-1
      "d-\xFF\xFE.txt",                  // bytes that are no encoding's text
      "e-nankai.txt",
  };
  for (const std::string& name : names) {
    WriteBytes(dir + "/plans/" + name, name == "e-nankai.txt"
                                           ? ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt"))
                                           : plan);
  }
  Recorder recorder;
  IngestOptions options = Into(dir + "/db", &recorder);
  auto report = Ingest(Stages(), {dir + "/plans"}, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(recorder.started, 5u);
  EXPECT_EQ(report->indexed, 2);
  ASSERT_EQ(report->failed.size(), 3u);
  ASSERT_EQ(recorder.failures.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(recorder.failures[i].first, dir + "/plans/" + names[i + 1]);
    EXPECT_EQ(recorder.failures[i].second.find('\n'), std::string::npos);
    EXPECT_NE(recorder.failures[i].second.find("not UTF-8"), std::string::npos);
  }

  // Again: the two indexed files are unchanged, the three still refused, nothing lost.
  report = Ingest(Stages(), {dir + "/plans"}, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->unchanged, 2);
  EXPECT_EQ(report->failed.size(), 3u);
  auto reader = IndexReader::Open({options.db});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  std::vector<std::string> documents;
  for (const IndexedFile& f : (*reader)->Files()) documents.push_back(f.document);
  std::sort(documents.begin(), documents.end());
  EXPECT_EQ(documents, (std::vector<std::string>{"a-北关区", "e-nankai"}));
  EXPECT_FALSE((*reader)->Targets("a-北关区").empty());
}

TEST(IngestTest, AnIndexThatDoesNotOpenIsAnError) {
  std::string dir = TempDir();
  WriteBytes(dir + "/file", "not a folder");
  IngestOptions options;
  options.db = dir + "/file";
  auto report = Ingest(Stages(), {CorpusFile("tianjin-nankai-2021-2025.txt")}, options);
  EXPECT_FALSE(report.ok());
}

TEST(IndexWriterTest, AFileRecordThatIsNotUtf8IsAStatusNotACrash) {
  Diagnostics diag;
  std::string path = CorpusFile("tianjin-nankai-2021-2025.txt");
  auto plan = ReadPlan(Stages(), path, &diag);
  ASSERT_TRUE(plan.ok());
  plan->document.file = "plans/\xB1\xB1.txt";
  auto writer = IndexWriter::Open(TempDir() + "/db");
  ASSERT_TRUE(writer.ok());
  Status added = (*writer)->Add(plan->document, plan->targets, "hash");
  EXPECT_EQ(added.code(), StatusCode::kInvalidInput) << added.message();
  EXPECT_TRUE((*writer)->Commit().ok());
}

// The documents the index at `db` lists, sorted, and the totals of a few searches over it.
std::pair<std::vector<std::string>, std::vector<size_t>> Listed(const std::string& db) {
  auto reader = IndexReader::Open({db});
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return {};
  std::vector<std::string> documents;
  for (const IndexedFile& f : (*reader)->Files()) documents.push_back(f.document);
  std::sort(documents.begin(), documents.end());
  std::vector<size_t> totals;
  // Phrases are checked against the check-text store: a store out of line with the docids
  // finds other totals.
  for (const char* q : {"", "\"家庭教育指导服务站点\"", "孕产妇死亡率", "\"适龄妇女宫颈癌\""}) {
    SearchRequest request;
    request.query = q;
    request.exact_total = true;
    auto result = (*reader)->Search(request);
    EXPECT_TRUE(result.ok()) << q;
    totals.push_back(result.ok() ? result->total : 0);
  }
  return {documents, totals};
}

// Xapian refuses metadata keys of more than 255 bytes: a path in deep folders or a long name once
// failed ("path/" + path), and ingest reported the others indexed while they were lost with it.
TEST(IngestTest, FilesInDeepFoldersAndOfLongNamesAreIndexedWithTheRest) {
  namespace fs = std::filesystem;
  std::string dir = TempDir();
  std::string deep = dir + "/plans";
  std::string level;
  for (int i = 0; i < 20; ++i) level += "目录";  // 120 bytes
  for (int i = 0; i < 3; ++i) deep += "/" + level;
  fs::create_directories(deep);
  std::string long_id;
  for (int i = 0; i < 83; ++i) long_id += "长";  // 249 bytes: a name of 253, Linux allows 255
  WriteBytes(dir + "/plans/a.txt", ReadBytes(CorpusFile("henan-anyang-beiguan-2021-2030.txt")));
  WriteBytes(deep + "/deep.txt", ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt")));
  WriteBytes(dir + "/plans/" + long_id + ".txt",
             ReadBytes(CorpusFile("hunan-yiyang-ziyang-2021-2025.txt")));
  Recorder recorder;
  IngestOptions options = Into(dir + "/db", &recorder);
  auto report = Ingest(Stages(), {dir + "/plans"}, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(recorder.failures.empty()) << recorder.failures[0].second;
  EXPECT_EQ(report->indexed, 3);
  std::vector<std::string> all = {"a", "deep", long_id};
  std::sort(all.begin(), all.end());
  EXPECT_EQ(Listed(options.db).first, all);
  {
    auto reader = IndexReader::Open({options.db});
    ASSERT_TRUE(reader.ok());
    EXPECT_FALSE((*reader)->Targets(long_id).empty());
    EXPECT_FALSE((*reader)->Targets("deep").empty());
  }
  // Again: found unchanged by their keys; then removed by path and by id.
  report = Ingest(Stages(), {dir + "/plans"}, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->unchanged, 3);
  auto writer = IndexWriter::Open(options.db);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  EXPECT_TRUE((*writer)->Remove(deep + "/deep.txt").ok());
  EXPECT_TRUE((*writer)->Remove(long_id).ok());
  writer->reset();
  EXPECT_EQ(Listed(options.db).first, std::vector<std::string>{"a"});
}

// A file whose add fails inside its Xapian transaction: Xapian 1.4's cancel discards every change
// since the last commit, so the files added before it in the same batch were lost while ingest
// reported them indexed. They are added again: only the bad file fails, named once, and the index
// answers as one made without it.
TEST(IngestTest, AFileWhoseAddFailsLosesNoOtherFileOfItsBatch) {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir + "/plans");
  std::filesystem::create_directories(dir + "/good");
  const char* corpus[] = {"henan-anyang-beiguan-2021-2030.txt", "tianjin-nankai-2021-2025.txt",
                          "hunan-yiyang-ziyang-2021-2025.txt",
                          "guangxi-guilin-xiufeng-2021-2030.txt",
                          "neimenggu-baotou-kundulun-2021-2030.txt"};
  for (const char* name : corpus) {
    WriteBytes(dir + "/plans/" + name, ReadBytes(CorpusFile(name)));
    if (std::string(name).rfind("hunan", 0) != 0) {
      WriteBytes(dir + "/good/" + name, ReadBytes(CorpusFile(name)));
    }
  }
  const std::string bad = dir + "/plans/hunan-yiyang-ziyang-2021-2025.txt";  // the third
  internal::FailAddsOf(bad);
  Recorder recorder;
  IngestOptions options = Into(dir + "/db", &recorder);
  auto report = Ingest(Stages(), {dir + "/plans"}, options);
  internal::FailAddsOf("");
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->indexed, 4);
  ASSERT_EQ(recorder.failures.size(), 1u);
  EXPECT_EQ(recorder.failures[0].first, bad);
  const std::string& message = recorder.failures[0].second;
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_EQ(message.find(bad), std::string::npos) << message;  // the listener names the file
  EXPECT_EQ(message.rfind("not indexed: ", 0), 0u) << message;

  IngestOptions good = options;
  good.db = dir + "/good-db";
  good.listener = nullptr;
  ASSERT_TRUE(Ingest(Stages(), {dir + "/good"}, good).ok());
  auto listed = Listed(options.db);
  EXPECT_EQ(listed.first.size(), 4u);
  EXPECT_EQ(listed, Listed(good.db));

  // Again, the add no longer failing: the four unchanged, the fifth indexed.
  report = Ingest(Stages(), {dir + "/plans"}, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->unchanged, 4);
  EXPECT_EQ(report->indexed, 1);
  EXPECT_EQ(Listed(options.db).first.size(), 5u);
}

}  // namespace
}  // namespace guihua
