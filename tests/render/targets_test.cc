// The target writers: every kind and its year in JSONL, CSV and the table, null (or an empty cell)
// where the text gives no year.
#include "render/targets.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace guihua {
namespace {

Document OneItemDocument() {
  Document doc;
  doc.id = "report-2023";
  doc.file = "report-2023.txt";
  Plan plan;
  Section section;
  section.title = "总体情况";
  section.items.push_back(Item{});
  plan.sections.push_back(section);
  doc.plans.push_back(plan);
  return doc;
}

Target Value(TargetKind kind, double value, const std::string& unit, int year, int base_year) {
  Target t;
  t.kind = kind;
  t.indicator = "孕产妇系统管理率";
  t.comparator = "=";
  t.value = value;
  t.unit = unit;
  t.year = year;
  t.base_year = base_year;
  t.plan_index = t.section_index = t.item_index = 0;
  return t;
}

TEST(TargetWriterTest, JsonCarriesKindYearAndBaseYear) {
  Document doc = OneItemDocument();
  auto j = nlohmann::json::parse(
      TargetToJson(doc, Value(TargetKind::kChange, 1.4, "百分点", 2023, 2022)));
  EXPECT_EQ(j["kind"], "change");
  EXPECT_EQ(j["year"], 2023);
  EXPECT_EQ(j["base_year"], 2022);
  j = nlohmann::json::parse(TargetToJson(doc, Value(TargetKind::kActual, 95.2, "%", 0, 0)));
  EXPECT_EQ(j["kind"], "actual");
  EXPECT_TRUE(j["year"].is_null());
  EXPECT_TRUE(j["base_year"].is_null());
}

TEST(TargetWriterTest, CsvAndTableHaveYearColumns) {
  Document doc = OneItemDocument();
  std::vector<Target> targets = {Value(TargetKind::kActual, 95.2, "%", 2023, 0),
                                 Value(TargetKind::kChange, -1.2, "百分点", 2023, 2022)};
  std::ostringstream csv;
  TargetWriter writer(TargetFormat::kCsv, &csv);
  writer.Add(doc, targets);
  writer.Finish();
  std::string text = csv.str();
  EXPECT_NE(text.find(",indicator,indicator_id,kind,year,base_year,comparator,value,"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(",孕产妇系统管理率,,actual,2023,,=,95.2,"), std::string::npos) << text;
  EXPECT_NE(text.find(",孕产妇系统管理率,,change,2023,2022,=,-1.2,"), std::string::npos) << text;

  std::ostringstream table;
  TargetWriter table_writer(TargetFormat::kTable, &table, Lang::kEn);
  table_writer.Add(doc, targets);
  table_writer.Finish();
  EXPECT_NE(table.str().find("year"), std::string::npos) << table.str();
  EXPECT_NE(table.str().find("change  2023"), std::string::npos) << table.str();
  // The default, 中文: the header and the kind in words; the csv above keeps ids.
  std::ostringstream zh;
  TargetWriter zh_writer(TargetFormat::kTable, &zh);
  zh_writer.Add(doc, targets);
  zh_writer.Finish();
  EXPECT_NE(zh.str().find("年份"), std::string::npos) << zh.str();
  EXPECT_NE(zh.str().find("变化值  2023"), std::string::npos) << zh.str();
  EXPECT_NE(zh.str().find("共 2 行"), std::string::npos) << zh.str();
}

}  // namespace
}  // namespace guihua
