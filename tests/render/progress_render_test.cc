// The progress writers on a small hand-made report (two plans, every status, a trend, a report's
// verdict that disagrees): golden files for table, md, csv, json and html, the side-by-side table
// of one indicator, and the XLSX read back (numbers as numeric cells, the status filled).
#include <gtest/gtest.h>
#include <zip.h>

#include <nlohmann/json.hpp>

#include "common/test_support.h"
#include "render/progress_render.h"

namespace guihua {
namespace {

TargetRecord Level(const std::string& document, int year, double value, const std::string& unit,
                   const std::string& quote, int line) {
  TargetRecord r;
  r.document = document;
  r.file = "reports/" + document + ".txt";
  r.kind = "actual";
  r.year = year;
  r.comparator = "=";
  r.value = value;
  r.unit = unit;
  r.quote = quote;
  r.line = line;
  return r;
}

TargetRecord Goal(const std::string& comparator, double value, const std::string& unit,
                  const std::string& quote, int line) {
  TargetRecord r = Level("henan-anyang-beiguan-2021-2030", 2030, value, unit, quote, line);
  r.file = "corpus/henan-anyang-beiguan-2021-2030.txt";
  r.kind = "target";
  r.comparator = comparator;
  return r;
}

ProgressRow Row(const std::string& id, const std::string& name, const std::string& direction,
                TargetRecord target) {
  ProgressRow row;
  row.indicator_id = id;
  row.indicator = name;
  row.domain_id = "women.health";
  row.direction = direction;
  row.target = std::move(target);
  return row;
}

ProgressReport SampleReport() {
  ProgressPlan plan;
  plan.document = "henan-anyang-beiguan-2021-2030";
  plan.title = "安阳市北关区妇女发展规划（2021—2030年）";
  plan.province = "河南省";
  plan.city = "安阳市";
  plan.district = "北关区";
  plan.plan = "women";
  plan.period = {2021, 2030};

  ProgressRow mortality = Row("maternal_mortality", "孕产妇死亡率", "lower",
                              Goal("<=", 12, "/10万", "孕产妇死亡率下降到12/10万以下", 66));
  mortality.actuals = {Level("beiguan-2021", 2021, 11.2, "/10万", "孕产妇死亡率为11.2/10万", 9),
                       Level("beiguan-2022", 2022, 0, "", "孕产妇死亡率为0", 9)};
  mortality.latest = mortality.actuals.back();
  mortality.status = ProgressStatus::kAchieved;
  mortality.gap = -12;
  mortality.trend = ProgressTrend{-11.2, 2021, 2022, 0, true};
  mortality.report_says = ReportSays{ProgressStatus::kAchieved, "提前实现", "提前实现“12/10万以下”的规划目标",
                                     "beiguan-2022", "reports/beiguan-2022.txt", 9, false};

  ProgressRow screening = Row("cervical_cancer_screening", "适龄妇女宫颈癌人群筛查率", "higher",
                              Goal(">=", 70, "%", "适龄妇女宫颈癌人群筛查率达到70%以上", 68));
  screening.baseline = Level("henan-anyang-beiguan-2021-2030", 2020, 55, "%", "2020年筛查率为55%", 30);
  screening.actuals = {Level("beiguan-2021", 2021, 58.2, "%", "适龄妇女宫颈癌人群筛查率为58.2%", 11),
                       Level("beiguan-2022", 2022, 62.5, "%", "适龄妇女宫颈癌人群筛查率为62.5%", 11)};
  screening.latest = screening.actuals.back();
  screening.status = ProgressStatus::kNotAchieved;
  screening.gap = 7.5;
  screening.trend = ProgressTrend{4.3, 2021, 2022, 2024, true};

  ProgressRow pension = Row("women_pension_insurance", "妇女基本养老保险参保率", "higher",
                            Goal("=", 95, "%", "妇女基本养老保险参保率达到95%", 293));
  pension.actuals = {Level("beiguan-2022", 2022, 94.6, "%", "妇女基本养老保险参保率为94.6%", 27)};
  pension.latest = pension.actuals.back();
  pension.status = ProgressStatus::kNotAchieved;
  pension.gap = 0.4;
  pension.report_says = ReportSays{ProgressStatus::kAchieved, "均已提前实现", "均已提前实现规划目标",
                                   "beiguan-2022", "reports/beiguan-2022.txt", 27, true};

  ProgressRow hiv = Row("hiv_mtct", "艾滋病母婴传播率", "lower", Goal("<=", 2, "%", "艾滋病母婴传播率下降到2%以下", 72));
  plan.rows = {mortality, screening, pension, hiv};
  plan.summary = {4, 3, 1, 1.0 / 3};

  ProgressPlan other;
  other.document = "tianjin-nankai-2021-2025";
  other.province = other.city = "天津市";
  other.district = "南开区";
  other.plan = "women";
  other.period = {2021, 2025};
  other.rows = {Row("hiv_mtct", "艾滋病母婴传播率", "lower", Goal("<=", 2, "%", "艾滋病母婴传播率控制在2%以下", 70))};
  other.summary = {1, 0, 0, std::nullopt};
  return {{plan, other}};
}

std::string Golden(const std::string& name) { return "tests/render/golden/" + name; }

// progress.{txt,md,html} are --lang en; progress.zh.* the default (中文); csv and json have one file:
// they are the same in both.
TEST(ProgressRender, TextFormatsMatchTheirGoldenFiles) {
  ProgressReport report = SampleReport();
  testing::ExpectGolden(Golden("progress.txt"), RenderProgress(report, CompareFormat::kTable, 120, Lang::kEn));
  testing::ExpectGolden(Golden("progress.md"), RenderProgress(report, CompareFormat::kMarkdown, 120, Lang::kEn));
  testing::ExpectGolden(Golden("progress.html"), RenderProgress(report, CompareFormat::kHtml, 120, Lang::kEn));
  testing::ExpectGolden(Golden("progress.zh.txt"), RenderProgress(report, CompareFormat::kTable, 120));
  testing::ExpectGolden(Golden("progress.zh.md"), RenderProgress(report, CompareFormat::kMarkdown));
  testing::ExpectGolden(Golden("progress.zh.html"), RenderProgress(report, CompareFormat::kHtml));
  testing::ExpectGolden(Golden("progress.csv"), RenderProgress(report, CompareFormat::kCsv));
  testing::ExpectGolden(Golden("progress.json"), RenderProgress(report, CompareFormat::kJson));
  for (CompareFormat ids : {CompareFormat::kCsv, CompareFormat::kJsonl, CompareFormat::kJson}) {
    EXPECT_EQ(RenderProgress(report, ids, 120, Lang::kEn), RenderProgress(report, ids, 120, Lang::kZh));
  }
}

TEST(ProgressRender, JsonHasTheIssuesShape) {
  auto j = nlohmann::json::parse(RenderProgress(SampleReport(), CompareFormat::kJson));
  const auto& plan = j["plans"][0];
  for (const char* key : {"document", "title", "province", "city", "district", "plan", "period", "rows", "summary"}) {
    EXPECT_TRUE(plan.contains(key)) << key;
  }
  const auto& row = plan["rows"][1];
  for (const char* key : {"indicator_id", "indicator", "domain_id", "direction", "target", "baseline",
                          "actuals", "latest", "status", "gap", "trend", "report_says"}) {
    EXPECT_TRUE(row.contains(key)) << key;
  }
  EXPECT_EQ(row["trend"]["reach_year"], 2024);
  EXPECT_EQ(plan["rows"][2]["report_says"]["disagrees"], true);
  EXPECT_TRUE(plan["rows"][3]["latest"].is_null());
  EXPECT_EQ(plan["rows"][3]["status"], "no_data");
  EXPECT_TRUE(j["plans"][1]["summary"]["rate"].is_null());
}

TEST(ProgressRender, OneIndicatorAcrossPlansIsOneTableOfPlans) {
  ProgressReport report = SampleReport();
  report.plans[0].rows = {report.plans[0].rows[3]};  // hiv_mtct in both
  std::string table = RenderProgress(report, CompareFormat::kTable, 120);
  EXPECT_EQ(table.rfind("艾滋病母婴传播率 (hiv_mtct)\n", 0), 0u) << table;
  EXPECT_NE(table.find("北关区 妇女"), std::string::npos);
  EXPECT_NE(table.find("南开区 妇女"), std::string::npos);
  EXPECT_EQ(table.find("达标率"), std::string::npos);  // no per-plan sections
}

// The first worksheet's XML, or another member of the workbook.
std::string SheetXml(const std::string& path, const char* member = "xl/worksheets/sheet1.xml") {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!zip) return "";
  std::string xml;
  if (zip_file_t* f = zip_fopen(zip, member, 0)) {
    char buf[4096];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) xml.append(buf, n);
    zip_fclose(f);
  }
  zip_close(zip);
  return xml;
}

TEST(ProgressRender, XlsxWritesNumbersAsNumericCells) {
  std::string path = testing::TempDir() + "/progress.xlsx";
  ASSERT_TRUE(WriteProgressXlsx(SampleReport(), path).ok());
  std::string xml = SheetXml(path);
  ASSERT_FALSE(xml.empty());
  // Row 3 is 适龄妇女宫颈癌人群筛查率: target G3 70, baseline I3 55 (2020 in J3), latest K3 62.5
  // (2022 in L3), gap N3 7.5, pace O3 4.3, reached P3 2024; numbers have no t="s".
  for (const char* cell : {"<c r=\"G3\" s=\"2\"><v>70</v>", "<c r=\"I3\" s=\"2\"><v>55</v>",
                           "<c r=\"J3\" s=\"2\"><v>2020</v>", "<c r=\"K3\" s=\"2\"><v>62.5</v>",
                           "<c r=\"N3\" s=\"2\"><v>7.5</v>", "<c r=\"O3\" s=\"2\"><v>4.3</v>",
                           "<c r=\"P3\" s=\"2\"><v>2024</v>"}) {
    EXPECT_NE(xml.find(cell), std::string::npos) << cell;
  }
  EXPECT_NE(xml.find("<c r=\"M3\" s=\"4\" t=\"s\">"), std::string::npos);  // not_achieved's fill
}

// Headers and statuses in 中文 by default, in English (the csv's column names) with Lang::kEn.
TEST(ProgressRender, XlsxWordsFollowTheLanguage) {
  std::string zh = testing::TempDir() + "/progress-zh.xlsx", en = testing::TempDir() + "/progress-en.xlsx";
  ASSERT_TRUE(WriteProgressXlsx(SampleReport(), zh).ok());
  ASSERT_TRUE(WriteProgressXlsx(SampleReport(), en, Lang::kEn).ok());
  std::string zh_strings = SheetXml(zh, "xl/sharedStrings.xml"), en_strings = SheetXml(en, "xl/sharedStrings.xml");
  for (const char* text : {">状态<", ">指标编号<", ">未实现<", ">已实现<"}) {
    EXPECT_NE(zh_strings.find(text), std::string::npos) << text;
    EXPECT_EQ(en_strings.find(text), std::string::npos) << text;
  }
  for (const char* text : {">status<", ">indicator_id<", ">not achieved<", ">achieved<"}) {
    EXPECT_NE(en_strings.find(text), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace guihua
