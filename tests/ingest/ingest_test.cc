// The library's ReadPlan and Ingest: a plan read from a path and from bytes gives the same
// targets; files whose names are not UTF-8 (GBK, Latin-1, stray bytes) are refused one by one
// with a one-line reason while the files around them are indexed; nothing is lost on a re-run.
#include "ingest/ingest.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"
#include "extract/extract_support.h"
#include "index/index.h"

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
  IngestOptions options;
  options.db = dir + "/db";
  options.listener = &recorder;
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

}  // namespace
}  // namespace guihua
