// Target comparison writers: each text format against a golden file (GUIHUA_UPDATE_GOLDEN=1
// rewrites tests/render/golden/*; review the diff), plus the properties the goldens cannot show
// at a glance: the table fits its width with CJK counted double, CSV quoting, the JSON schema.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/test_support.h"
#include "common/utf8.h"
#include "render/compare_fixture.h"
#include "render/compare_table.h"
#include "render/text_table.h"

namespace guihua {
namespace {

using testing::SampleTargetTable;

// This file's golden files are tests/render/golden/<name>.
void ExpectGolden(const std::string& name, const std::string& actual) {
  testing::ExpectGolden("tests/render/golden/" + name, actual);
}

// The table, md and html in English (--lang en): the goldens of before --lang, unchanged.
CompareRenderOptions English(size_t width = 120) { return {.width = width, .lang = Lang::kEn}; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(ParseCompareFormat, Names) {
  const struct {
    const char* name;
    bool ok;
    CompareFormat format;
  } kCases[] = {
      {"table", true, CompareFormat::kTable}, {"md", true, CompareFormat::kMarkdown},
      {"csv", true, CompareFormat::kCsv},     {"json", true, CompareFormat::kJson},
      {"html", true, CompareFormat::kHtml},   {"xlsx", true, CompareFormat::kXlsx},
      {"markdown", false, {}},                {"", false, {}},
      {"JSON", false, {}},
  };
  for (const auto& c : kCases) {
    CompareFormat f = CompareFormat::kTable;
    EXPECT_EQ(ParseCompareFormat(c.name, &f), c.ok) << c.name;
    if (c.ok) {
      EXPECT_EQ(f, c.format) << c.name;
    }
  }
}

TEST(WrapToWidth, Cases) {
  const struct {
    std::string text;
    size_t width;
    std::vector<std::string> lines;
  } kCases[] = {
      {"short", 10, {"short"}},
      {"", 10, {""}},
      {"stricter 1, same 2", 10, {"stricter", "1, same 2"}},
      {"孕产妇死亡率", 6, {"孕产妇", "死亡率"}},
      {"孕产妇死亡率", 5, {"孕产", "妇死", "亡率"}},
      {"≤12/10万 [same]", 10, {"≤12/10万", "[same]"}},
      {"a\nb c", 10, {"a", "b c"}},
      {"maternal_mortality", 8, {"maternal", "_mortali", "ty"}},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(WrapToWidth(c.text, c.width), c.lines) << c.text << " @" << c.width;
  }
}

TEST(TextTable, RenderKeepsItsOldBehaviour) {
  TextTable t({"名称", "value"});
  t.AddRow({"孕产妇死亡率", "12"});
  t.AddRow({"a very long cell that is cut", "x"});
  EXPECT_EQ(t.Render(12),
            "名称          value\n"
            "------------  -----\n"
            "孕产妇死亡率  12\n"
            "a very long…  x\n");
}

TEST(CompareTable, TableGolden) {
  ExpectGolden("targets.txt", RenderTargetTable(SampleTargetTable(), CompareFormat::kTable, English(120)));
  ExpectGolden("targets_narrow.txt",
               RenderTargetTable(SampleTargetTable(), CompareFormat::kTable, English(60)));
  // The default: 中文.
  ExpectGolden("targets.zh.txt", RenderTargetTable(SampleTargetTable(), CompareFormat::kTable, 120));
}

TEST(CompareTable, TableFitsWidthAndAlignsCjk) {
  for (size_t width : {120u, 80u, 60u}) {
    std::string out = RenderTargetTable(SampleTargetTable(), CompareFormat::kTable, English(width));
    std::vector<size_t> bars;  // display columns of the " | " separators in the first table line
    bool in_table = false;
    for (const std::string& line : Lines(out)) {
      EXPECT_LE(utf8::DisplayWidth(line), width) << line;
      if (line.rfind("indicator", 0) == 0) in_table = true;
      if (!in_table || line.find(" | ") == std::string::npos) continue;
      std::vector<size_t> at;
      for (size_t pos = 0; (pos = line.find(" | ", pos)) != std::string::npos; pos += 3) {
        at.push_back(utf8::DisplayWidth(line.substr(0, pos)));
      }
      if (bars.empty()) bars = at;
      // A row whose last cells are empty has fewer separators; those it has line up.
      for (size_t i = 0; i < at.size(); ++i) EXPECT_EQ(at[i], bars[i]) << line;
    }
    EXPECT_EQ(bars.size(), 4u) << "reference + 3 districts after the indicator column";
  }
}

TEST(CompareTable, TableWrapsRatherThanCuts) {
  std::string out = RenderTargetTable(SampleTargetTable(), CompareFormat::kTable, 60);
  EXPECT_EQ(out.find("…"), std::string::npos);
  // The long indicator name survives whole, split over lines of its column.
  std::string joined;
  for (const std::string& line : Lines(out)) joined += line.substr(0, line.find(' '));
  EXPECT_NE(joined.find("中小学校医务人员与学生比例"), std::string::npos) << out;
}

TEST(CompareTable, MarkdownGolden) {
  ExpectGolden("targets.md", RenderTargetTable(SampleTargetTable(), CompareFormat::kMarkdown, English()));
  ExpectGolden("targets.zh.md", RenderTargetTable(SampleTargetTable(), CompareFormat::kMarkdown));
}

TEST(CompareTable, MarkdownFootnotesEveryValue) {
  std::string out = RenderTargetTable(SampleTargetTable(), CompareFormat::kMarkdown);
  size_t values = 0;
  TargetTable t = SampleTargetTable();
  for (const CompareRow& r : t.rows) {
    values += r.reference ? r.reference->values.size() : 0;
    for (const CompareCell& c : r.cells) values += c.values.size();
  }
  for (size_t i = 1; i <= values; ++i) {
    std::string mark = "[^" + std::to_string(i) + "]";
    EXPECT_NE(out.find(mark + ": "), std::string::npos) << mark;
  }
  EXPECT_NE(out.find("corpus/shili-nanhu-2021-2030.txt:66"), std::string::npos);
}

TEST(CompareTable, CsvGolden) {
  ExpectGolden("targets.csv", RenderTargetTable(SampleTargetTable(), CompareFormat::kCsv));
}

TEST(CompareTable, CsvRowsAndQuoting) {
  std::string out = RenderTargetTable(SampleTargetTable(), CompareFormat::kCsv);
  ASSERT_EQ(out.rfind("\xEF\xBB\xBF", 0), 0u) << "BOM";
  std::vector<std::string> lines = Lines(out.substr(3));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "document,file,province,city,district,period_start,period_end,plan,domain,domain_id,"
            "block,item,indicator,indicator_id,direction,kind,year,base_year,comparator,value,"
            "value_max,unit,value_text,reference,verdict,state,quote,line,page\r");
  // Header, 4 reference values, 12 district values, a row for each missing cell and one for the
  // goal without a number.
  EXPECT_EQ(lines.size(), 1u + 4 + 12 + 2 + 1);
  EXPECT_NE(out.find(",direction,,,,,,,逐步提高,shili-city-2021-2025,no_number,no_number,"
                     "村委会主任中女性比例逐步提高,58,"),
            std::string::npos) << out;
  EXPECT_NE(out.find(",shili-city-2021-2025,missing,not_in_plan,,,"), std::string::npos);
  EXPECT_NE(out.find(",\"中小学校医务人员与学生比例, 达到\"\"1:500\"\"\","), std::string::npos);
  EXPECT_NE(out.find(",range,75,80,%,,shili-city-2021-2025,stricter,number,"), std::string::npos) << out;
}

TEST(CompareTable, JsonGolden) {
  ExpectGolden("targets.json", RenderTargetTable(SampleTargetTable(), CompareFormat::kJson));
}

TEST(CompareTable, JsonSchema) {
  auto j = nlohmann::json::parse(RenderTargetTable(SampleTargetTable(), CompareFormat::kJson));
  ASSERT_EQ(j["columns"].size(), 3u);
  for (const char* key : {"document", "province", "city", "district", "period"}) {
    EXPECT_TRUE(j["columns"][0].contains(key)) << key;
  }
  EXPECT_EQ(j["columns"][2]["period"]["end"], 2030);
  EXPECT_EQ(j["reference"]["document"], "shili-city-2021-2025");
  EXPECT_TRUE(j["reference"]["district"].is_null());
  ASSERT_EQ(j["rows"].size(), 5u);
  for (const auto& row : j["rows"]) {
    for (const char* key : {"indicator_id", "indicator", "plan", "domain_id", "direction", "cells"}) {
      EXPECT_TRUE(row.contains(key)) << key;
    }
    EXPECT_EQ(row["cells"].size(), 3u) << "cells aligned with columns";
  }
  const auto& mm = j["rows"][0];
  EXPECT_EQ(mm["cells"][2]["values"].size(), 2u);
  EXPECT_EQ(mm["cells"][2]["verdict"], "looser");
  const auto& v = mm["cells"][1]["values"][0];
  for (const char* key :
       {"comparator", "value", "value_max", "unit", "value_text", "quote", "file", "line"}) {
    EXPECT_TRUE(v.contains(key)) << key;
  }
  EXPECT_EQ(v["value"], 10);
  EXPECT_EQ(j["rows"][1]["cells"][2]["verdict"], "missing");
  EXPECT_EQ(j["rows"][1]["cells"][2]["state"], "not_in_plan");
  EXPECT_EQ(mm["cells"][2]["state"], "number");
  const auto& empty = j["rows"][2]["cells"][2];
  EXPECT_EQ(empty["state"], "not_in_plan") << "no values and no verdict";
  EXPECT_TRUE(empty["verdict"].is_null());
  EXPECT_TRUE(empty["values"].empty());
  const auto& no_number = j["rows"][4]["cells"][0];
  EXPECT_EQ(no_number["state"], "no_number");
  EXPECT_EQ(no_number["verdict"], "no_number");
  EXPECT_TRUE(no_number["values"].empty());
  ASSERT_EQ(no_number["directions"].size(), 1u);
  EXPECT_EQ(no_number["directions"][0]["value_text"], "逐步提高");
  EXPECT_TRUE(no_number["directions"][0]["value"].is_null());
  EXPECT_EQ(j["rows"][4]["cells"][2]["verdict"], "missing");
  EXPECT_TRUE(j["rows"][2]["reference"].is_null());
  EXPECT_TRUE(j["rows"][3]["cells"][1]["verdict"].is_null());
  EXPECT_EQ(j["summary"][0]["same"], 2);
  EXPECT_EQ(j["summary"][2]["missing"], 2);
  EXPECT_EQ(j["summary"][0]["no_number"], 1);
  EXPECT_EQ(j["summary"][2]["no_number"], 0);
}

TEST(CompareTable, JsonWithoutReferenceHasNoReferenceOrSummary) {
  TargetTable t = SampleTargetTable();
  t.reference.reset();
  for (CompareRow& r : t.rows) r.reference.reset();
  t.summary.clear();
  auto j = nlohmann::json::parse(RenderTargetTable(t, CompareFormat::kJson));
  EXPECT_FALSE(j.contains("reference"));
  EXPECT_FALSE(j.contains("summary"));
  EXPECT_FALSE(j["rows"][0].contains("reference"));
}

TEST(CompareTable, HtmlGolden) {
  ExpectGolden("targets.html", RenderTargetTable(SampleTargetTable(), CompareFormat::kHtml, English()));
  ExpectGolden("targets.zh.html", RenderTargetTable(SampleTargetTable(), CompareFormat::kHtml));
}

TEST(CompareTable, EmptyTable) {
  TargetTable t;
  for (CompareFormat f : {CompareFormat::kTable, CompareFormat::kMarkdown, CompareFormat::kCsv,
                          CompareFormat::kJson, CompareFormat::kHtml}) {
    EXPECT_FALSE(RenderTargetTable(t, f).empty());
  }
}

}  // namespace
}  // namespace guihua

namespace guihua {
namespace {

// --against a district that is also compared: its column is the reference, once, in every format.
TargetTable ReferenceAmongColumns() {
  TargetTable t = testing::SampleTargetTable();
  t.reference = t.columns[0];  // 东城区
  for (CompareRow& row : t.rows) {
    row.reference = row.cells[0];
    row.cells[0].verdict = row.cells[0].values.empty() ? Verdict::kNone : Verdict::kSame;
  }
  return t;
}

size_t Occurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(CompareTable, ReferenceAmongColumnsShownOnce) {
  TargetTable t = ReferenceAmongColumns();
  std::string table = RenderTargetTable(t, CompareFormat::kTable, 400);
  EXPECT_EQ(Occurrences(Lines(table)[2], "东城区"), 1u) << table;
  std::string md = RenderTargetTable(t, CompareFormat::kMarkdown, English());
  EXPECT_EQ(Occurrences(md.substr(md.find("| indicator |")), "东城区"), 1u) << md;
  std::string csv = RenderTargetTable(t, CompareFormat::kCsv);
  // Every value of 东城区 once, as the reference.
  size_t dong_rows = 0;
  for (const std::string& line : Lines(csv)) {
    if (line.rfind("shili-dongcheng", 0) == 0) {
      ++dong_rows;
      EXPECT_NE(line.find(",reference,"), std::string::npos) << line;
    }
  }
  EXPECT_GT(dong_rows, 0u);
  std::string wide = RenderTargetTable(t, CompareFormat::kCsv, {.width = 120, .wide = true});
  EXPECT_EQ(Occurrences(Lines(wide)[0], "东城区"), 1u) << wide;
}

TEST(CompareTable, WideHasOneRowPerIndicator) {
  TargetTable t = testing::SampleTargetTable();
  std::string wide = RenderTargetTable(t, CompareFormat::kCsv, {.width = 120, .wide = true});
  std::vector<std::string> lines = Lines(wide.substr(3));
  ASSERT_EQ(lines.size(), 1 + t.rows.size()) << wide;
  EXPECT_EQ(lines[0].rfind("indicator_id,indicator,plan,domain_id,direction,", 0), 0u) << lines[0];
  std::string jsonl = RenderTargetTable(t, CompareFormat::kJsonl, {.width = 120, .wide = true});
  std::istringstream in(jsonl);
  size_t n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    auto j = nlohmann::json::parse(line);
    EXPECT_TRUE(j.contains("indicator_id"));
    EXPECT_EQ(j.size(), Occurrences(lines[0], ",") + 1);
  }
  EXPECT_EQ(n, t.rows.size());
}

}  // namespace
}  // namespace guihua
