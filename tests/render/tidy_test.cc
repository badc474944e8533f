// The tidy schema and writer: every column named once with its type, CSV with BOM and header,
// JSON lines with numbers as numbers and null for empty cells, and the extract export typed so.
#include "render/tidy.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "common/test_support.h"
#include "render/targets.h"

namespace guihua {
namespace {

using C = TidyColumn;

TEST(TidySchemaTest, EveryColumnOnceInEnumOrder) {
  const auto& schema = TidySchema();
  ASSERT_EQ(schema.size(), static_cast<size_t>(C::kCount));
  std::set<std::string> names;
  for (size_t i = 0; i < schema.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(schema[i].column), i) << schema[i].name;
    EXPECT_TRUE(names.insert(schema[i].name).second) << "twice: " << schema[i].name;
    EXPECT_NE(std::string(schema[i].description), "") << schema[i].name;
  }
}

TEST(TidySchemaTest, DocsListEveryColumnWithItsType) {
  std::string docs = testing::ReadBytes(testing::SourceDir() + "/docs/exports.md");
  for (const TidyColumnInfo& info : TidySchema()) {
    std::string row = "| `" + std::string(info.name) + "` | " + TidyTypeName(info.type) + " |";
    EXPECT_NE(docs.find(row), std::string::npos) << "docs/exports.md lacks " << row;
  }
}

TEST(TidySchemaTest, NumericColumnsAreTyped) {
  const std::pair<C, TidyType> kTypes[] = {
      {C::kValue, TidyType::kNumber},       {C::kValueMax, TidyType::kNumber},
      {C::kPeriodStart, TidyType::kInteger}, {C::kPeriodEnd, TidyType::kInteger},
      {C::kYear, TidyType::kInteger},        {C::kLine, TidyType::kInteger},
      {C::kPage, TidyType::kInteger},        {C::kDistrict, TidyType::kString},
      {C::kVerdict, TidyType::kString},      {C::kQuote, TidyType::kString}};
  for (const auto& [column, type] : kTypes) EXPECT_EQ(TidyInfo(column).type, type);
}

TEST(TidyWriterTest, CsvHasBomHeaderAndQuotedCells) {
  std::ostringstream out;
  TidyWriter writer(TidyFormat::kCsv, {C::kDistrict, C::kValue, C::kQuote}, &out);
  TidyRow row;
  row.Set(C::kDistrict, "北关区").Set(C::kValue, 12.5).Set(C::kQuote, "达到\"90%\",以上");
  writer.Write(row);
  writer.Write(TidyRow());
  EXPECT_EQ(out.str(),
            "\xEF\xBB\xBF" "district,value,quote\r\n北关区,12.5,\"达到\"\"90%\"\",以上\"\r\n,,\r\n");
}

TEST(TidyWriterTest, JsonLinesHaveNumbersAndNulls) {
  std::ostringstream out;
  TidyWriter writer(TidyFormat::kJsonl, {C::kDistrict, C::kYear, C::kValue, C::kValueMax}, &out);
  TidyRow row;
  row.Set(C::kDistrict, "北关区").SetPositive(C::kYear, 2030).Set(C::kValue, 0.0);
  row.SetPositive(C::kLine, 0);
  writer.Write(row);
  auto j = nlohmann::ordered_json::parse(out.str());
  EXPECT_EQ(j.dump(), R"({"district":"北关区","year":2030,"value":0,"value_max":null})");
}

// A string cell is escaped as nlohmann's dump escapes it: quotes, backslashes, control characters,
// and U+FFFD for bytes that are not UTF-8 (a GBK file name).
TEST(TidyWriterTest, JsonLinesEscapeStringsAsNlohmannDoes) {
  const std::string cells[] = {"达到\"90%\"\\以上", "第一行\n第二\t行\x01", "\xB1\xB1\xB9\xD8.txt",
                               "\xE5\x8C"};
  for (const std::string& cell : cells) {
    std::ostringstream out;
    TidyWriter writer(TidyFormat::kJsonl, {C::kQuote}, &out);
    TidyRow row;
    row.Set(C::kQuote, cell);
    writer.Write(row);
    std::string expected =
        "{\"quote\":" +
        nlohmann::json(cell).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "}\n";
    EXPECT_EQ(out.str(), expected) << cell;
  }
}

TEST(TidyWriterTest, ExtractRowsCarryPeriodAndRegion) {
  Document doc;
  doc.id = "d";
  doc.file = "d.txt";
  doc.region = {"河南省", "安阳市", "北关区"};
  doc.period = {2021, 2030};
  Plan plan;
  Section section;
  section.items.push_back(Item{});
  plan.sections.push_back(section);
  doc.plans.push_back(plan);
  Target t;
  t.kind = TargetKind::kTarget;
  t.indicator = "孕产妇死亡率";
  t.comparator = "<=";
  t.value = 12;
  t.unit = "/10万";
  t.year = 2030;
  t.plan_index = t.section_index = t.item_index = 0;
  std::ostringstream out;
  TargetWriter writer(TargetFormat::kJsonl, &out);
  writer.Add(doc, {t});
  writer.Finish();
  auto j = nlohmann::json::parse(out.str());
  std::set<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.insert(key);
  for (C column : ValueTableColumns()) EXPECT_TRUE(keys.count(TidyInfo(column).name));
  EXPECT_EQ(keys.size(), ValueTableColumns().size());
  EXPECT_EQ(j["province"], "河南省");
  EXPECT_EQ(j["district"], "北关区");
  EXPECT_EQ(j["period_start"], 2021);
  EXPECT_EQ(j["period_end"], 2030);
  EXPECT_TRUE(j["value"].is_number());
  EXPECT_EQ(j["document_kind"], "plan");
}

}  // namespace
}  // namespace guihua
