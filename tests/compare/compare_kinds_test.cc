// Target tables hold commitments only: a plan's actual and change values (as a report's would be)
// never enter a cell, with or without baselines, nor a diff's targets.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/test_support.h"
#include "compare/compare.h"
#include "compare/diff.h"
#include "render/targets.h"
#include "structure/structure.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::RulesDir;
using ::guihua::testing::TempDir;

TEST(CompareKindsTest, ActualAndChangeValuesNeverEnterATargetTable) {
  Diagnostics diag;
  auto parser = StructureParser::Load(RulesDir(), &diag);
  auto extractor = Extractor::Load(RulesDir(), &diag);
  ASSERT_TRUE(parser.ok() && extractor.ok());
  auto doc = (*parser)->ParseFile(CorpusFile("henan-anyang-beiguan-2021-2030.txt"), &diag);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  std::vector<Target> targets = (*extractor)->ExtractDocument(*doc);
  auto maternal = std::find_if(targets.begin(), targets.end(), [](const Target& t) {
    return t.indicator_id == "maternal_mortality" && t.kind == TargetKind::kTarget;
  });
  ASSERT_NE(maternal, targets.end());
  // The same indicator measured (7.77) and changed (-1.5): what a report would say of it.
  Target actual = *maternal, change = *maternal;
  actual.kind = TargetKind::kActual;
  actual.value = 7.77;
  actual.year = 2023;
  change.kind = TargetKind::kChange;
  change.value = -1.5;
  change.unit = "/10万";
  change.year = 2023;
  change.base_year = 2022;
  targets.push_back(actual);
  targets.push_back(change);
  std::vector<std::string> json;
  for (const Target& t : targets) json.push_back(TargetToJson(*doc, t));

  std::string dir = TempDir() + "/index";
  {
    auto writer = IndexWriter::Open(dir);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    ASSERT_TRUE((*writer)->Add(*doc, targets, json, "hash").ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto reader = IndexReader::Open({dir});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  for (bool baselines : {false, true}) {
    TargetTableOptions options;
    options.indicators = {"maternal_mortality"};
    options.baselines = baselines;
    auto table = CompareTargets(**reader, (*extractor)->Indicators(), options);
    ASSERT_TRUE(table.ok()) << table.status().message();
    ASSERT_FALSE(table->rows.empty());
    int values = 0;
    for (const CompareRow& row : table->rows) {
      for (const CompareCell& cell : row.cells) {
        for (const TargetValue& v : cell.values) {
          ++values;
          EXPECT_TRUE(v.kind == "target" || v.kind == "baseline") << v.kind;
          EXPECT_NE(v.value, std::optional<double>(7.77));
        }
      }
    }
    EXPECT_GT(values, 0);
  }
  PlanSide side = SideFromDocument(*doc, json);
  for (const TargetValue& v : side.targets) EXPECT_EQ(v.kind, "target");
}

}  // namespace
}  // namespace guihua
