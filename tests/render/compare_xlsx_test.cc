// The XLSX workbook read back as what it is, a zip of XML parts (libzip + pugixml): cell text via
// the shared strings, the frozen header row and first column, verdict fills and a quote comment.
#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <pugixml.hpp>

#include "common/test_support.h"
#include "render/compare_fixture.h"
#include "render/compare_table.h"

namespace guihua {
namespace {

// One part of the zip, or "" when it is not there.
std::string ReadPart(zip_t* zip, const char* name) {
  zip_stat_t st;
  if (zip_stat(zip, name, 0, &st) != 0) return "";
  zip_file_t* f = zip_fopen(zip, name, 0);
  if (!f) return "";
  std::string data(st.size, '\0');
  zip_int64_t n = zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  data.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return data;
}

class XlsxFile {
 public:
  explicit XlsxFile(const std::string& path) {
    int error = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
  }
  ~XlsxFile() {
    if (zip_) zip_close(zip_);
  }
  bool ok() const { return zip_ != nullptr; }
  bool Load(pugi::xml_document& doc, const char* part) {
    std::string xml = ReadPart(zip_, part);
    return !xml.empty() && doc.load_string(xml.c_str());
  }

 private:
  zip_t* zip_ = nullptr;
};

// Cell reference ("B2") → its text, resolving shared strings.
std::map<std::string, std::string> CellTexts(XlsxFile& file) {
  pugi::xml_document strings, sheet;
  std::vector<std::string> shared;
  if (file.Load(strings, "xl/sharedStrings.xml")) {
    for (pugi::xml_node si : strings.child("sst").children("si")) {
      std::string text;
      for (pugi::xpath_node t : si.select_nodes(".//t")) text += t.node().text().get();
      shared.push_back(text);
    }
  }
  std::map<std::string, std::string> cells;
  if (!file.Load(sheet, "xl/worksheets/sheet1.xml")) return cells;
  for (pugi::xpath_node c : sheet.select_nodes("//sheetData/row/c")) {
    std::string ref = c.node().attribute("r").value();
    std::string v = c.node().child("v").text().get();
    if (std::string(c.node().attribute("t").value()) == "s" && !v.empty()) {
      size_t i = std::stoul(v);
      cells[ref] = i < shared.size() ? shared[i] : "";
    } else {
      cells[ref] = v;
    }
  }
  return cells;
}

class CompareXlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "/targets.xlsx";
    // English: the cells as before --lang; CellsInChineseByDefault has the default.
    Status status = WriteTargetTableXlsx(testing::SampleTargetTable(), path_, Lang::kEn);
    ASSERT_TRUE(status.ok()) << status.message();
  }
  std::string path_;
};

// The default is 中文 in the readers' sheet and the legend; the data sheet keeps the ids.
TEST(CompareXlsxChinese, CellsInChineseByDefault) {
  std::string path = testing::TempDir() + "/targets-zh.xlsx";
  Status status = WriteTargetTableXlsx(testing::SampleTargetTable(), path);
  ASSERT_TRUE(status.ok()) << status.message();
  XlsxFile file(path);
  ASSERT_TRUE(file.ok());
  auto cells = CellTexts(file);
  const std::pair<const char*, const char*> kExpected[] = {
      {"A1", "指标"},
      {"B1", "示例市（参照）\n2021–2025"},
      {"F1", "indicator_id"},
      {"C2", "≤12/10万 (相同)"},
      {"D2", "≤10/10万 (更严)"},
      {"E3", "— (未设定)"},
      {"D4", "≤0.4% (额外)"},
      {"C6", "逐步提高（无数值）"},
      {"A7", "小计"},
      {"C7", "更严 1\n相同 2\n更宽 0\n无数值 1\n未设定 0\n额外 1"},
  };
  for (const auto& [ref, text] : kExpected) EXPECT_EQ(cells[ref], text) << ref;
}

TEST_F(CompareXlsx, CellsThroughSharedStrings) {
  XlsxFile file(path_);
  ASSERT_TRUE(file.ok());
  auto cells = CellTexts(file);
  // Column A indicators, B the reference, C–E the districts, then the row's ids.
  const std::pair<const char*, const char*> kExpected[] = {
      {"A1", "indicator"},
      {"B1", "示例市 (reference)\n2021–2025"},
      {"C1", "东城区\n2021–2025"},
      {"E1", "南湖区\n2021–2030"},
      {"F1", "indicator_id"},
      {"A2", "孕产妇死亡率"},
      {"B2", "≤12/10万"},
      {"C2", "≤12/10万 (same)"},
      {"D2", "≤10/10万 (stricter)"},
      {"E2", "≤15/10万 (looser)\n≤18/10万"},
      {"F2", "maternal_mortality"},
      {"C3", "75%–80% (stricter)"},
      {"E3", "— (missing)"},
      {"D4", "≤0.4% (extra)"},
      {"C6", "逐步提高 (no number)"},
      {"E6", "— (missing)"},
      {"A7", "summary"},
      {"C7", "stricter 1\nsame 2\nlooser 0\nno number 1\nmissing 0\nextra 1"},
  };
  for (const auto& [ref, text] : kExpected) EXPECT_EQ(cells[ref], text) << ref;
}

TEST_F(CompareXlsx, FrozenHeaderRowAndColumn) {
  XlsxFile file(path_);
  ASSERT_TRUE(file.ok());
  pugi::xml_document sheet;
  ASSERT_TRUE(file.Load(sheet, "xl/worksheets/sheet1.xml"));
  pugi::xml_node pane = sheet.select_node("//sheetViews/sheetView/pane").node();
  ASSERT_TRUE(pane);
  EXPECT_STREQ(pane.attribute("state").value(), "frozen");
  EXPECT_STREQ(pane.attribute("xSplit").value(), "1");
  EXPECT_STREQ(pane.attribute("ySplit").value(), "1");
  EXPECT_STREQ(pane.attribute("topLeftCell").value(), "B2");
  // Widths fitted: the long indicator column is wider than a district column.
  double a = 0, c = 0;
  for (pugi::xpath_node col : sheet.select_nodes("//cols/col")) {
    int min = col.node().attribute("min").as_int();
    if (min == 1) a = col.node().attribute("width").as_double();
    if (min == 3) c = col.node().attribute("width").as_double();
  }
  EXPECT_GT(a, 26) << "适龄妇女宫颈癌人群筛查率 is 12 wide characters";
  EXPECT_GT(c, 8);
  EXPECT_LT(c, a);
}

TEST_F(CompareXlsx, QuoteAsComment) {
  XlsxFile file(path_);
  ASSERT_TRUE(file.ok());
  pugi::xml_document comments;
  ASSERT_TRUE(file.Load(comments, "xl/comments1.xml"));
  std::map<std::string, std::string> by_cell;
  for (pugi::xpath_node c : comments.select_nodes("//commentList/comment")) {
    std::string text;
    for (pugi::xpath_node t : c.node().select_nodes(".//t")) text += t.node().text().get();
    by_cell[c.node().attribute("ref").value()] = text;
  }
  EXPECT_EQ(by_cell["D2"], "≤10/10万: “孕产妇死亡率控制在10/10万以内” "
                           "corpus/shili-xicheng-2021-2025.txt:52");
  EXPECT_NE(by_cell["E2"].find("≤18/10万: "), std::string::npos) << "one line per value";
  EXPECT_EQ(by_cell.count("E3"), 0u) << "a missing cell has nothing to quote";
}

TEST_F(CompareXlsx, VerdictFills) {
  XlsxFile file(path_);
  ASSERT_TRUE(file.ok());
  pugi::xml_document styles, sheet;
  ASSERT_TRUE(file.Load(styles, "xl/styles.xml"));
  ASSERT_TRUE(file.Load(sheet, "xl/worksheets/sheet1.xml"));
  std::vector<pugi::xml_node> fills, xfs;
  for (pugi::xml_node f : styles.child("styleSheet").child("fills").children("fill")) fills.push_back(f);
  for (pugi::xml_node x : styles.child("styleSheet").child("cellXfs").children("xf")) xfs.push_back(x);
  auto fill_of = [&](const char* ref) -> std::string {
    pugi::xml_node c = sheet.select_node(("//c[@r='" + std::string(ref) + "']").c_str()).node();
    size_t xf = c.attribute("s").as_uint();
    if (xf >= xfs.size()) return "";
    size_t fill = xfs[xf].attribute("fillId").as_uint();
    if (fill >= fills.size()) return "";
    return fills[fill].child("patternFill").child("fgColor").attribute("rgb").value();
  };
  EXPECT_EQ(fill_of("D2"), "FFC6EFCE");  // stricter: green
  EXPECT_EQ(fill_of("E2"), "FFFFC7CE");  // looser: red
  EXPECT_EQ(fill_of("E3"), "FFD9D9D9");  // missing: grey
  EXPECT_EQ(fill_of("C4"), "FFDDEBF7");  // extra: blue
  EXPECT_EQ(fill_of("C6"), "FFFFEB9C");  // no number: yellow
  EXPECT_EQ(fill_of("C2"), "");          // same: no fill
}

TEST(CompareXlsxErrors, UnwritablePath) {
  Status status = WriteTargetTableXlsx(testing::SampleTargetTable(), "/nonexistent-dir/x.xlsx");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("/nonexistent-dir/x.xlsx"), std::string::npos);
}

}  // namespace
}  // namespace guihua

namespace guihua {
namespace {

// Beside the readers' table, a `data` sheet in the long form with numbers as numeric cells, and a
// `legend` sheet: the verdicts and their colours out of the data range.
TEST_F(CompareXlsx, DataSheetHasNumbersAndALegendSheet) {
  XlsxFile file(path_);
  ASSERT_TRUE(file.ok());
  pugi::xml_document workbook, data;
  ASSERT_TRUE(file.Load(workbook, "xl/workbook.xml"));
  std::vector<std::string> names;
  for (pugi::xpath_node s : workbook.select_nodes("//sheets/sheet")) {
    names.push_back(s.node().attribute("name").value());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"targets", "data", "legend"}));
  ASSERT_TRUE(file.Load(data, "xl/worksheets/sheet2.xml"));
  size_t numbers = 0, rows = 0;
  for (pugi::xpath_node row : data.select_nodes("//sheetData/row")) {
    ++rows;
    for (pugi::xml_node c : row.node().children("c")) {
      if (std::string(c.attribute("t").value()).empty() && !c.child("v").empty()) ++numbers;
    }
  }
  EXPECT_GT(rows, 10u);
  EXPECT_GT(numbers, rows) << "value, period and line are numeric cells";
}

}  // namespace
}  // namespace guihua
