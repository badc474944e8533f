// Checks of the data in rules/regions.tsv, the region gazetteer: its shape, that every district
// hangs under a listed city and province, that no short form could name two places, and that the
// districts of the bundled corpus plans are there. The loader itself belongs to the structure stage.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "common/rule_file.h"
#include "common/test_support.h"

namespace guihua {
namespace {

constexpr int kProvince = 0, kCity = 1, kDistrict = 2, kShortForms = 3;

std::string RegionsPath() { return testing::RulesDir() + "/regions.tsv"; }

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> parts;
  std::istringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// The table as ReadTable returns it, each row padded to four cells: ReadTable splits with
// std::getline, which drops a trailing empty cell, so a row without short forms (and a province
// row "河北省<TAB><TAB><TAB>") comes back with three. RawLinesHaveFourColumns checks the file itself.
class RegionsDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rows = ReadTable(RegionsPath(), &header_);
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    rows_ = std::move(rows).value();
    for (auto& row : rows_) {
      if (row.cells.size() == 3) row.cells.emplace_back();
    }
  }

  std::string Where(const TableRow& row) const {
    return "rules/regions.tsv:" + std::to_string(row.line);
  }

  std::vector<std::string> header_;
  std::vector<TableRow> rows_;
};

TEST_F(RegionsDataTest, HeaderIsExact) {
  EXPECT_EQ(header_, (std::vector<std::string>{"province", "city", "district", "short_forms"}));
}

TEST_F(RegionsDataTest, RawLinesHaveFourColumns) {
  std::istringstream in(testing::ReadBytes(RegionsPath()));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 3) << "rules/regions.tsv:" << line_no;
    EXPECT_EQ(line.find('\r'), std::string::npos) << "rules/regions.tsv:" << line_no;
  }
}

TEST_F(RegionsDataTest, EveryRowHasFourCellsAndAProvince) {
  ASSERT_GT(rows_.size(), 100u);
  for (const auto& row : rows_) {
    ASSERT_EQ(row.cells.size(), 4u) << Where(row);
    EXPECT_FALSE(row.cells[kProvince].empty()) << Where(row);
    // A district needs its city; a city row or province row leaves the columns after it empty.
    if (!row.cells[kDistrict].empty()) {
      EXPECT_FALSE(row.cells[kCity].empty()) << Where(row);
    }
  }
}

TEST_F(RegionsDataTest, NoDuplicateRegions) {
  std::map<std::tuple<std::string, std::string, std::string>, int> seen;
  for (const auto& row : rows_) {
    auto key = std::make_tuple(row.cells[kProvince], row.cells[kCity], row.cells[kDistrict]);
    auto [it, inserted] = seen.emplace(key, row.line);
    EXPECT_TRUE(inserted) << Where(row) << ": duplicate of line " << it->second;
  }
}

TEST_F(RegionsDataTest, ParentsAreListed) {
  std::set<std::string> provinces;
  std::set<std::pair<std::string, std::string>> cities;
  for (const auto& row : rows_) {
    if (row.cells[kCity].empty()) provinces.insert(row.cells[kProvince]);
    if (!row.cells[kCity].empty() && row.cells[kDistrict].empty()) {
      cities.emplace(row.cells[kProvince], row.cells[kCity]);
    }
  }
  EXPECT_EQ(provinces.size(), 31u);
  for (const auto& row : rows_) {
    EXPECT_TRUE(provinces.count(row.cells[kProvince])) << Where(row) << ": province not listed";
    if (!row.cells[kDistrict].empty()) {
      EXPECT_TRUE(cities.count({row.cells[kProvince], row.cells[kCity]}))
          << Where(row) << ": city not listed";
    }
  }
}

// A short form listed twice, or equal to another place's full name, would make the resolver
// guess; such names must be left out of the table altogether.
TEST_F(RegionsDataTest, ShortFormsNameOnePlace) {
  std::map<std::string, int> full_names;  // name -> line; municipalities appear as province and city
  for (const auto& row : rows_) {
    for (int col : {kProvince, kCity, kDistrict}) full_names.emplace(row.cells[col], row.line);
  }
  std::map<std::string, int> short_forms;
  for (const auto& row : rows_) {
    for (const auto& s : SplitCommas(row.cells[kShortForms])) {
      auto [it, inserted] = short_forms.emplace(s, row.line);
      EXPECT_TRUE(inserted) << Where(row) << ": short form " << s << " also on line " << it->second;
      EXPECT_FALSE(full_names.count(s)) << Where(row) << ": short form " << s << " is a full name";
    }
  }
}

struct Expected {
  std::string province, city, district, short_form;  // short_form: "" when none is required
};

TEST_F(RegionsDataTest, CorpusDistrictsAndRequiredUnitsArePresent) {
  const std::vector<Expected> cases = {
      {"河南省", "安阳市", "北关区", ""},
      {"广西壮族自治区", "桂林市", "秀峰区", ""},
      {"湖南省", "益阳市", "资阳区", ""},
      {"内蒙古自治区", "包头市", "昆都仑区", "昆区"},
      {"天津市", "天津市", "南开区", ""},
      {"河南省", "安阳市", "林州市", ""},
      {"广西壮族自治区", "桂林市", "临桂区", ""},
      {"湖南省", "益阳市", "沅江市", ""},
      {"内蒙古自治区", "包头市", "达尔罕茂明安联合旗", ""},
      {"天津市", "天津市", "滨海新区", ""},
      {"内蒙古自治区", "", "", "内蒙古"},
      {"广西壮族自治区", "", "", "广西"},
      {"湖南省", "", "", "湖南"},
      {"河南省", "", "", "河南"},
      {"天津市", "", "", "天津"},
      {"天津市", "天津市", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.province + "/" + c.city + "/" + c.district);
    const TableRow* found = nullptr;
    for (const auto& row : rows_) {
      if (row.cells[kProvince] == c.province && row.cells[kCity] == c.city &&
          row.cells[kDistrict] == c.district) {
        found = &row;
      }
    }
    ASSERT_NE(found, nullptr);
    if (!c.short_form.empty()) {
      auto forms = SplitCommas(found->cells[kShortForms]);
      EXPECT_NE(std::find(forms.begin(), forms.end(), c.short_form), forms.end());
    }
  }
}

// The counties of the corpus cities, complete: a plan of any of them must resolve.
TEST_F(RegionsDataTest, CorpusCitiesAreComplete) {
  const std::map<std::string, size_t> expected_counts = {
      {"安阳市", 9}, {"桂林市", 17}, {"益阳市", 6}, {"包头市", 9}, {"天津市", 16},
  };
  std::map<std::string, size_t> counts;
  for (const auto& row : rows_) {
    if (!row.cells[kDistrict].empty()) ++counts[row.cells[kCity]];
  }
  for (const auto& [city, n] : expected_counts) EXPECT_EQ(counts[city], n) << city;
}

}  // namespace
}  // namespace guihua
