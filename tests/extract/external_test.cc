// THE EXTERNAL SET: reads the real excerpts of tests/gold/external/ (other regions' monitoring
// reports, reviews, news and plan passages; see the README there) as `guihua extract` reads a file,
// and scores every value against the annotations: precision, recall and kind accuracy, per file and
// overall.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "extract/extract_support.h"
#include "extract/score.h"

namespace guihua {
namespace {

struct FileResult {
  std::string name;
  std::string refused;  // why the document was not read; empty when it was
  ValueReport report;
};

struct ExternalResult {
  std::vector<FileResult> files;
  ValueReport total;
};

std::string ExternalDir() { return testing::SourceDir() + "/tests/gold/external"; }

// GUIHUA_EXTERNAL_FILES="34- 35-" scores only the excerpts whose names start with one of the
// listed prefixes (e.g. the ones added after tuning), to read a subset's figures on their own. The
// floors below hold for the whole set only, so they are skipped then.
std::vector<std::string> FilePrefixes() {
  std::vector<std::string> out;
  const char* env = std::getenv("GUIHUA_EXTERNAL_FILES");
  std::istringstream in(env ? env : "");
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

bool Selected(const std::string& name, const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return true;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return name.rfind(p, 0) == 0; });
}

// Each excerpt's first line is `# source: URL`; it is blanked (the line is kept, so line numbers
// stay those of the file) since it names the page, not a value.
std::string WithoutSourceLine(std::string bytes) {
  if (bytes.rfind("# source:", 0) == 0) bytes.erase(0, bytes.find('\n'));
  return bytes;
}

FileResult MeasureFile(const std::string& txt) {
  FileResult out;
  out.name = std::filesystem::path(txt).filename().string();
  std::vector<ScoreRow> predicted;
  auto source = DecodeSource(WithoutSourceLine(testing::ReadBytes(txt)), out.name);
  if (!source.ok()) {
    out.refused = source.status().message();
  } else {
    Diagnostics diag;
    auto doc = testing::SharedParser().Parse(std::move(*source), &diag);
    if (!doc.ok()) {
      out.refused = doc.status().message();
    } else {
      predicted = ScoreRowsFromTargets(*doc, testing::SharedExtractor().ExtractDocument(*doc));
    }
  }
  std::string jsonl = txt.substr(0, txt.size() - 4) + ".jsonl";
  auto gold = ReadScoreRows(jsonl);
  EXPECT_TRUE(gold.ok()) << jsonl << ": " << gold.status().message();
  if (gold.ok()) out.report = ScoreValues(*gold, predicted, &testing::SharedExtractor());
  return out;
}

// Computed once for the tests below.
const ExternalResult& Measure() {
  static const ExternalResult* result = [] {
    auto* r = new ExternalResult;
    std::vector<std::string> texts;
    const std::vector<std::string> prefixes = FilePrefixes();
    for (const auto& entry : std::filesystem::directory_iterator(ExternalDir())) {
      if (entry.path().extension() == ".txt" &&
          Selected(entry.path().filename().string(), prefixes)) {
        texts.push_back(entry.path().string());
      }
    }
    std::sort(texts.begin(), texts.end());
    for (const std::string& txt : texts) {
      r->files.push_back(MeasureFile(txt));
      Accumulate(r->files.back().report, &r->total);
    }
    return r;
  }();
  return *result;
}

std::string Describe(const ScoreRow& r) {
  char value[64];
  std::snprintf(value, sizeof value, "%g", r.value.value_or(0));
  return r.kind + " " + r.indicator + " " + r.comparator + " " + value + " " + r.unit + "  " +
         r.quote;
}

void PrintFile(const FileResult& f) {
  std::cout << f.name << "  " << FormatValueScore(f.report.score);
  if (!f.refused.empty()) std::cout << "  REFUSED: " << f.refused;
  std::cout << "\n";
  for (const ScoreRow& m : f.report.missed) std::cout << "  missed    " << Describe(m) << "\n";
  for (const ScoreRow& s : f.report.spurious) std::cout << "  spurious  " << Describe(s) << "\n";
  for (const auto& [g, p] : f.report.wrong_kind) {
    std::cout << "  kind      " << p.kind << " for " << Describe(g) << "\n";
  }
}

// Floors just under what main measured last (P 0.997, R 0.953, kind 0.987, year 0.870 of 301
// matches). A change that reads these texts worse fails here; raise the floors to the new figures
// when extraction improves. The issue's targets are the disabled test.
constexpr double kPrecisionFloor = 0.98, kRecallFloor = 0.95, kKindFloor = 0.98;

// Prints the figures (per file, then overall) and holds today's level.
TEST(ExternalTest, PrintsFiguresAndHoldsTodaysLevel) {
  const ExternalResult& r = Measure();
  int refused = 0;
  for (const FileResult& f : r.files) {
    PrintFile(f);
    refused += !f.refused.empty();
  }
  std::cout << "all " << r.files.size() << " files (" << refused << " refused)  "
            << FormatValueScore(r.total.score) << "\n";
  if (!FilePrefixes().empty()) GTEST_SKIP() << "a subset (GUIHUA_EXTERNAL_FILES): no floors";
  ASSERT_GE(r.files.size(), 25u);
  EXPECT_GE(r.total.score.gold, 200);
  EXPECT_GE(r.total.score.precision(), kPrecisionFloor);
  EXPECT_GE(r.total.score.recall(), kRecallFloor);
  EXPECT_GE(r.total.score.kind_accuracy(), kKindFloor);
}

// Issue #16's targets for text guihua was not written for: value precision and recall ≥ 0.95, and
// the right kind for ≥ 0.95 of the matched values.
TEST(ExternalTest, MeetsTheIssueTargets) {
  if (!FilePrefixes().empty()) GTEST_SKIP() << "a subset (GUIHUA_EXTERNAL_FILES): no floors";
  const ValueScore& s = Measure().total.score;
  EXPECT_GE(s.precision(), 0.95);
  EXPECT_GE(s.recall(), 0.95);
  EXPECT_GE(s.kind_accuracy(), 0.95);
}

}  // namespace
}  // namespace guihua
