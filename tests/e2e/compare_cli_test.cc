// `guihua compare targets` on the corpus, end to end: the demo's table of key indicators against
// the first district, every cell's value and verdict pinned (checked by reading the plans), and the
// files of every export format.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/corpus_index.h"
#include "common/test_support.h"

namespace guihua {
namespace {

using ::guihua::testing::RunGuihua;
using ::guihua::testing::ShellQuote;
using ::guihua::testing::TempDir;

class CompareCliTest : public ::testing::Test {
 protected:
};

constexpr char kIndicators[] =
    "maternal_mortality,cervical_cancer_screening,hiv_mtct,maternal_system_management,"
    "compulsory_education_retention,high_school_enrollment,village_committee_women,"
    "residents_committee_director_women,rural_tap_water,infant_mortality,under5_mortality,"
    "under5_anemia,exclusive_breastfeeding,myopia_primary";

// Each row: plan, indicator id, then per district (昆都仑区 南开区 秀峰区 北关区 资阳区) the first
// value and verdict as "value/verdict" ("-" for nothing; "(words)" for a goal without a number;
// the verdict alone when the plan does not name the indicator).
const std::vector<std::vector<std::string>> kDemoTable = {
    {"women", "maternal_mortality", "≤12/10万/same", "(得到有效控制)/no_number", "≤12/10万/same",
     "≤12/10万/same",
     "≤12/10万/same"},
    {"women", "cervical_cancer_screening", "-", "≥70%/extra", "≥70%/extra", "≥70%/extra",
     "≥70%/extra"},
    {"women", "hiv_mtct", "≤2%/same", "≤2%/same", "≤2%/same", "≤2%/same", "≤3%/looser"},
    {"women", "maternal_system_management", "≥90%/same", "≥90%/same", "90%/same", "≥90%/same",
     "≥90%/same"},
    {"women", "high_school_enrollment", "≥99%/same", "98%/looser", "/missing", "≥93.5%/looser",
     "94%/looser"},
    {"women", "compulsory_education_retention", "≥98%/same", "≥99%/stricter", "≥99%/stricter",
     "≥96%/looser", "98%/same"},
    {"women", "village_committee_women", "-", "-", "≥30%/extra", "≥30%/extra", "≥30%/extra"},
    {"women", "residents_committee_director_women", "≥40%/same", "≥50%/stricter", "≥50%/stricter",
     "≥40%/same", "≥35%/looser"},
    {"women", "rural_tap_water", "≥95%/same", "/missing", "90%/looser", "93%/looser",
     "≥88%/looser"},
    {"children", "infant_mortality", "≤5‰/same", "≤5‰/same", "≤5‰/same", "≤5‰/same", "≤5‰/same"},
    {"children", "under5_mortality", "≤6‰/same", "≤6‰/same", "≤6‰/same", "≤6‰/same", "≤6‰/same"},
    {"children", "under5_anemia", "≤10%/same", "≤10%/same", "≤10%/same", "≤10%/same", "≤10%/same"},
    {"children", "exclusive_breastfeeding", "≥50%/same", "≥50%/same", "≥50%/same", "≥50%/same",
     "≥80%/stricter"},
    {"children", "myopia_primary", "≤38%/same", "/missing", "≤38%/same", "≤38%/same", "≤38%/same"},
    {"children", "high_school_enrollment", "≥100%/same", "≥98%/looser", "/missing", "≥93.5%/looser",
     "94%/looser"},
    {"children", "compulsory_education_retention", "≥98%/same", "≥99%/stricter", "≥97%/looser",
     "≥96%/looser", "≥98%/same"},
    {"children", "rural_tap_water", "≥95%/same", "/missing", "90%/looser", "93%/looser",
     "≥88%/looser"},  // 农村牧区自来水普及率
};

std::string Cell(const nlohmann::json& cell) {
  if (cell["state"] == "not_in_plan" && cell["verdict"].is_null()) return "-";
  std::string v;
  if (cell["state"] == "no_number") v = "(" + cell["directions"][0]["value_text"].get<std::string>() + ")";
  if (!cell["values"].empty()) {
    const auto& first = cell["values"][0];
    std::string cmp = first["comparator"];
    std::string prefix = cmp == "<=" ? "≤" : cmp == ">=" ? "≥" : cmp == "~" ? "~" : "";
    char number[32];
    std::snprintf(number, sizeof number, "%g", first["value"].get<double>());
    v = prefix + number + first["unit"].get<std::string>();
  }
  return v + "/" + (cell["verdict"].is_null() ? std::string() : cell["verdict"].get<std::string>());
}

TEST_F(CompareCliTest, DemoTableVerdictsAgainstTheFirstDistrict) {
  auto r =
      RunGuihua("compare targets --format json --db " + ShellQuote(testing::CorpusIndexDir()) +
                " --indicator " + kIndicators + " --against neimenggu-baotou-kundulun-2021-2030");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto table = nlohmann::json::parse(r.out);
  std::vector<std::string> districts;
  for (const auto& c : table["columns"]) districts.push_back(c["district"]);
  EXPECT_EQ(districts,
            (std::vector<std::string>{"昆都仑区", "南开区", "秀峰区", "北关区", "资阳区"}));
  EXPECT_EQ(table["reference"]["district"], "昆都仑区");
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : table["rows"]) {
    std::vector<std::string> cells = {row["plan"], row["indicator_id"]};
    for (const auto& cell : row["cells"]) cells.push_back(Cell(cell));
    rows.push_back(cells);
  }
  EXPECT_EQ(rows, kDemoTable);
}

TEST_F(CompareCliTest, MaternalMortalityIs12PerHundredThousandWhereverItIsSet) {
  auto r = RunGuihua("compare targets --format json --db " + ShellQuote(testing::CorpusIndexDir()) +
                     " --indicator maternal_mortality");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto table = nlohmann::json::parse(r.out);
  ASSERT_EQ(table["rows"].size(), 1u);
  int set = 0;
  for (const auto& cell : table["rows"][0]["cells"]) {
    if (cell["state"] != "number") continue;
    ++set;
    for (const auto& v : cell["values"]) {
      EXPECT_EQ(v["value"], 12);
      EXPECT_EQ(v["unit"], "/10万");
      EXPECT_FALSE(v["quote"].get<std::string>().empty());
      EXPECT_GT(v["line"].get<int>(), 0);
    }
  }
  EXPECT_EQ(set, 4);  // 南开区's plan states no number for it
}

TEST_F(CompareCliTest, EveryExportFormatIsWritten) {
  std::string dir = TempDir();
  for (const char* format : {"md", "csv", "json", "html", "xlsx"}) {
    std::string out = dir + "/compare." + format;
    auto r =
        RunGuihua(std::string("compare targets --db ") + ShellQuote(testing::CorpusIndexDir()) +
                  " --indicator maternal_mortality,hiv_mtct --against 北关区 --format " + format +
                  " -o " + ShellQuote(out));
    ASSERT_EQ(r.exit_code, 0) << format << ": " << r.err;
    EXPECT_GT(std::filesystem::file_size(out), 200u) << format;
  }
  EXPECT_EQ(testing::ReadBytes(dir + "/compare.csv").substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(testing::ReadBytes(dir + "/compare.xlsx").substr(0, 2), "PK");
  EXPECT_NE(testing::ReadBytes(dir + "/compare.html").find("<svg"), std::string::npos);
}

TEST_F(CompareCliTest, UserErrorsAreOneLine) {
  auto r = RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) +
                     " --indicator no_such_indicator");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "compare: unknown indicator 'no_such_indicator' (`guihua indicators` lists them)\n");
  r = RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) +
                " --district 不存在区");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "compare: unknown document or district '不存在区' (`guihua documents` lists them)\n");
  r = RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) +
                " --domain children.helth");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "compare: unknown domain 'children.helth'; did you mean children.health?\n");
  r = RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) +
                " --district 朝阳区");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      r.err,
      "compare: district '朝阳区' has no plan in the index (the index holds 昆都仑区, 南开区, "
      "秀峰区, 北关区, 资阳区)\n");
  r = RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) + " --format xlsx");
  EXPECT_EQ(r.exit_code, 1);
  r = RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) +
                " --against /no/such/plan.txt");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "compare: unknown document or district '/no/such/plan.txt' (`guihua documents` lists "
            "them)\n");
}

// The names of the options as a researcher types them: short forms, Chinese names, as the ids.
TEST_F(CompareCliTest, OptionsTakeNamesAndShortForms) {
  auto columns = [&](const std::string& args) {
    auto r = RunGuihua("compare targets --format json --db " +
                       ShellQuote(testing::CorpusIndexDir()) + " " + args);
    EXPECT_EQ(r.exit_code, 0) << args << ": " << r.err;
    std::vector<std::string> out;
    auto table = nlohmann::json::parse(r.out, nullptr, false);
    if (table.is_discarded()) return out;
    for (const auto& c : table["columns"]) out.push_back(c["district"]);
    for (const auto& row : table["rows"])
      out.push_back(row["indicator_id"].get<std::string>() + "/" +
                    row["domain_id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(columns("--district 北关,昆区 --indicator 孕产妇死亡率"),
            (std::vector<std::string>{"昆都仑区", "北关区", "maternal_mortality/women.health"}));
  EXPECT_EQ(columns("--district henan-anyang-beiguan-2021-2030 --indicator maternal_mortality"),
            columns("--district 北关区 --indicator maternal_mortality"));
  EXPECT_EQ(columns("--district 南开 --plan 儿童 --domain 健康 --indicator 婴儿死亡率"),
            (std::vector<std::string>{"南开区", "infant_mortality/children.health"}));
  auto r =
      RunGuihua("compare targets --db " + ShellQuote(testing::CorpusIndexDir()) + " --domain 健康");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "compare: domain '健康' could be women.health or children.health; name one\n");
  r = RunGuihua("compare targets --format json --db " + ShellQuote(testing::CorpusIndexDir()) +
                " --indicator maternal_mortality --against 北关");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["reference"]["district"], "北关区");
}

TEST_F(CompareCliTest, AgainstAPlanFileThatIsNotIndexed) {
  auto r = RunGuihua("compare targets --format json --db " + ShellQuote(testing::CorpusIndexDir()) +
                     " --indicator hiv_mtct --against " +
                     ShellQuote(testing::CorpusFile("hunan-yiyang-ziyang-2021-2025.txt")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto table = nlohmann::json::parse(r.out);
  // 资阳区 allows 3%; every district at 2% is stricter, 资阳区 itself the same.
  std::vector<std::string> verdicts;
  for (const auto& cell : table["rows"][0]["cells"]) verdicts.push_back(cell["verdict"]);
  EXPECT_EQ(verdicts,
            (std::vector<std::string>{"stricter", "stricter", "stricter", "stricter", "same"}));
}

}  // namespace
}  // namespace guihua
