// Table-driven sentence tests: the hard cases of the gold annotation guide, each as
// {working text, baseline context, expected targets in the compact `expect` form}.
#include <gtest/gtest.h>

#include "extract/extract_support.h"
#include "normalize/normalize.h"

namespace guihua {
namespace {

struct Case {
  const char* input;
  bool baseline;
  std::vector<std::string> want;  // Extractor::FormatCompact; "*" as indicator matches any
};

// Extractor::CompactMatches: "*" matches any indicator; years only where the case gives them.
bool Matches(const std::string& want, const std::string& got) {
  return Extractor::CompactMatches(want, got);
}

const Case kCases[] = {
    // Distributive 分别: one target per indicator; a trailing bound holds for all values.
    {"新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、5.0‰和6.0‰以下", false,
     {"新生儿死亡率 <= 3 ‰", "婴儿死亡率 <= 5 ‰", "5岁以下儿童死亡率 <= 6 ‰"}},
    {"5岁以下儿童贫血率和生长迟缓率分别控制在10%和5%以下", false,
     {"5岁以下儿童贫血率 <= 10 %", "5岁以下儿童生长迟缓率 <= 5 %"}},
    // Shared values with 各/均.
    {"3岁以下儿童系统管理率和7岁以下儿童保健覆盖率均达到90%以上", false,
     {"3岁以下儿童系统管理率 >= 90 %", "7岁以下儿童保健覆盖率 >= 90 %"}},
    {"区委、区人大、区人民政府、区政协领导班子中至少各配备1名女干部", false,
     {"* >= 1 名", "* >= 1 名", "* >= 1 名", "* >= 1 名"}},
    {"保障儿童每天校内校外各1小时体育活动", false,
     {"儿童每天校内体育活动时间 = 1 小时", "儿童每天校外体育活动时间 = 1 小时"}},
    // 每所A、B至少配备1名…: two bodies, and the next clause keeps them.
    {"每所乡镇卫生院、社区卫生服务中心至少配备1名提供规范儿童基本医疗服务的全科医生,至少配备2名专业从事儿童保健的医生",
     false,
     {"每所乡镇卫生院提供规范儿童基本医疗服务的全科医生数 >= 1 名",
      "每所社区卫生服务中心提供规范儿童基本医疗服务的全科医生数 >= 1 名",
      "每所乡镇卫生院专业从事儿童保健的医生数 >= 2 名",
      "每所社区卫生服务中心专业从事儿童保健的医生数 >= 2 名"}},
    // Fixed composite names and pooled rates stay one object.
    {"孕产妇艾滋病、梅毒和乙肝检测率达到98%以上", false, {"孕产妇艾滋病、梅毒和乙肝检测率 >= 98 %"}},
    {"区委、人大、政府、政协领导班子女干部配备率达到100%", false,
     {"区委、人大、政府、政协领导班子女干部配备率 = 100 %"}},
    // Chinese numerals as counts.
    {"未成年人保护工作站驻站人员中至少配备一名社会工作者", false,
     {"未成年人保护工作站驻站人员中社会工作者数 >= 1 名"}},
    {"每年至少组织两次家庭教育指导和两次家庭教育实践活动", false,
     {"每年家庭教育指导次数 >= 2 次", "每年家庭教育实践活动次数 >= 2 次"}},
    // Fractions, relative reductions, ranges, ratios.
    {"女性候选人比例达到三分之一以上", false, {"女性候选人比例 >= 0.3333"}},
    {"儿童伤害死亡率以2020年为基数下降20%", false, {"儿童伤害死亡率下降幅度 = 20 %"}},
    {"力争“十四五”期末有1-3家社会组织全面参与儿童关爱保护工作", false,
     {"社会组织全面参与儿童关爱保护工作数 range 1-3 家"}},
    {"养老护理员与失能老人配比不低于1:3", false, {"养老护理员与失能老人配比 >= 3 ratio"}},
    // List number touching an age: item 8 about children under 5.
    {"8.5岁以下儿童贫血率控制在10%以下", false, {"5岁以下儿童贫血率 <= 10 %"}},
    // Qualifier carried into the indicator.
    {"孕产妇住院分娩率达到99%以上,农村达到98%以上", false,
     {"孕产妇住院分娩率 >= 99 %", "农村孕产妇住院分娩率 >= 98 %"}},
    // No values: years, ages, document numbers, meetings, slogans, deadlines, programme names.
    {"到2025年,0-6岁儿童残疾筛查工作机制更加完善", false, {}},
    {"根据北政〔2023〕2号文件精神", false, {}},
    {"已经区人民政府第11次常务会议审议通过", false, {}},
    {"建设“10分钟健身圈”", false, {}},
    {"区级规划印发后3个月内报送市妇儿工委办公室", false, {}},
    {"关注生命早期1000天营养", false, {}},
    {"用好12338妇女维权公益服务热线", false, {}},
    // Baselines: past facts.
    {"2020年,在园儿童中女童所占比例48.4%", false, {"baseline 在园儿童中女童所占比例 = 48.4 %"}},
    {"5岁以下儿童死亡率呈下降趋势,从2016年的6.01‰下降到2020年的5.62‰", true,
     {"baseline 5岁以下儿童死亡率 = 6.01 ‰", "baseline 5岁以下儿童死亡率 = 5.62 ‰"}},
    {"婴儿死亡率2017年来始终控制在3‰以下", true, {"baseline 婴儿死亡率 <= 3 ‰"}},
    {"妇女占从业人员比例达到41.6%,达12.07万人", true,
     {"baseline 妇女占从业人员比例 = 41.6 %", "baseline * = 12.07 万人"}},
};

TEST(ExtractSentenceTest, HardCases) {
  const Extractor& extractor = testing::SharedExtractor();
  for (const Case& c : kCases) {
    std::vector<std::string> got =
        testing::Compact(extractor.ExtractSentence(NormalizeString(c.input), c.baseline));
    bool ok = got.size() == c.want.size();
    for (size_t i = 0; ok && i < got.size(); ++i) ok = Matches(c.want[i], got[i]);
    std::string got_text;
    for (const auto& g : got) got_text += "\n  " + g;
    EXPECT_TRUE(ok) << c.input << "\ngot:" << got_text;
  }
}

// Kinds and years (tests/gold/GUIDE.md "Kinds, by document"): each case read as a plan's, a
// report's or a text's sentence, with its document's year (a plan's last year, a report's year).
struct KindCase {
  const char* input;
  SentenceContext context;
  std::vector<std::string> want;  // FormatCompact, with @YEAR and base=YEAR where they matter
};

constexpr SentenceContext kPlan2030{false, false, DocumentKind::kPlan, 2030};
constexpr SentenceContext kPlanBaseline{true, false, DocumentKind::kPlan, 2030};
constexpr SentenceContext kReport2023{false, false, DocumentKind::kReport, 2023};
constexpr SentenceContext kText2021{false, false, DocumentKind::kText, 2021};

const KindCase kKindCases[] = {
    // A measured level, with the year of the sentence or of the report.
    {"2023年,全区孕产妇死亡率为0", kReport2023, {"actual 孕产妇死亡率 = 0 @2023"}},
    {"2022年全区孕产妇死亡率为8.5/10万", kReport2023, {"actual 孕产妇死亡率 = 8.5 /10万 @2022"}},
    {"宫颈癌筛查率和乳腺癌筛查率分别达到88.3%、87.35%", kReport2023,
     {"actual 宫颈癌筛查率 = 88.3 % @2023", "actual 乳腺癌筛查率 = 87.35 % @2023"}},
    {"孕产妇死亡率控制在12/10万以下", kReport2023, {"actual 孕产妇死亡率 <= 12 /10万 @2023"}},
    // The same sentence in a plan is a target, due at the plan's last year or the year printed.
    {"孕产妇死亡率控制在12/10万以下", kPlan2030, {"孕产妇死亡率 <= 12 /10万 @2030"}},
    {"到2025年,孕产妇死亡率控制在12/10万以下", kPlan2030, {"孕产妇死亡率 <= 12 /10万 @2025"}},
    // A change: the difference, negative for a fall, with the year compared with.
    {"孕产妇系统管理率为95.2%,比上年提高1.4个百分点", kReport2023,
     {"actual 孕产妇系统管理率 = 95.2 % @2023",
      "change 孕产妇系统管理率 = 1.4 百分点 @2023 base=2022"}},
    {"全市孕产妇死亡率较2020年下降20%", kReport2023,
     {"change 孕产妇死亡率 = -20 % @2023 base=2020"}},
    // A plan's committed change stays its target (convention 3); stated as a fact, a change.
    {"儿童伤害死亡率以2020年为基数下降20%", kPlan2030, {"儿童伤害死亡率下降幅度 = 20 % @2030"}},
    {"女性就业人数比2015年增长12%", kPlanBaseline, {"change 女性就业人数 = 12 % base=2015"}},
    // 从X下降到Y: X the earlier level (a report's actual, a plan's baseline), each with its year.
    {"全市孕产妇死亡率由2015年的20.1/10万下降到2020年的11.2/10万", kReport2023,
     {"actual 孕产妇死亡率 = 20.1 /10万 @2015", "actual 孕产妇死亡率 = 11.2 /10万 @2020"}},
    {"孕产妇死亡率由2020年的15/10万下降到12/10万以下", kPlan2030,
     {"baseline 孕产妇死亡率 = 15 /10万 @2020", "孕产妇死亡率 <= 12 /10万 @2030"}},
    {"从2016年的6.01‰下降到2020年的5.62‰", kPlanBaseline,
     {"baseline * = 6.01 ‰ @2016", "baseline * = 5.62 ‰ @2020"}},
    // A report or text gives targets only where it states a plan's commitment.
    {"到2030年,孕产妇死亡率控制在12/10万以下", kText2021, {"孕产妇死亡率 <= 12 /10万 @2030"}},
    {"《规划》提出,全省婴儿死亡率下降到5‰以下", kText2021, {"全省婴儿死亡率 <= 5 ‰"}},
    {"到2022年底,全区孕产妇住院分娩率达到100%", kReport2023,
     {"actual 孕产妇住院分娩率 = 100 % @2022"}},
    {"住院分娩率达到99.9%,超过了98%的规划目标", kReport2023,
     {"actual 住院分娩率 = 99.9 % @2023", "* >= 98 %"}},
    // 各 over a list closed by 等+category: one target per listed body (GUIDE.md convention 1).
    {"与妇女权益密切相关的区教育、科技、文化等相关部门的领导班子中至少各配备1名女干部", kPlan2030,
     {"妇女权益密切相关的区教育部门的领导班子中女干部数 >= 1 名 @2030",
      "妇女权益密切相关的科技部门的领导班子中女干部数 >= 1 名 @2030",
      "妇女权益密切相关的文化部门的领导班子中女干部数 >= 1 名 @2030"}},
};

TEST(ExtractSentenceTest, KindsAndYearsByDocument) {
  const Extractor& extractor = testing::SharedExtractor();
  for (const KindCase& c : kKindCases) {
    std::vector<std::string> got =
        testing::Compact(extractor.ExtractSentence(NormalizeString(c.input), c.context));
    bool ok = got.size() == c.want.size();
    for (size_t i = 0; ok && i < got.size(); ++i) ok = Matches(c.want[i], got[i]);
    std::string got_text;
    for (const auto& g : got) got_text += "\n  " + g;
    EXPECT_TRUE(ok) << DocumentKindName(c.context.document) << " " << c.input << "\ngot:" << got_text;
  }
}

// A paragraph pasted on its own (a text): its 到2025年 commitments are targets due then (the due
// year is not the text's year), a count's scope (每所) ends before the next indicator, a rate,
// and counts stated without a verb (在园幼儿十二万余人) are values of the year printed.
TEST(ExtractSentenceTest, PastedParagraph) {
  auto got = testing::ParseAndExtract(
      "到2025年，每所乡镇卫生院至少配备两名全科医生，适龄妇女宫颈癌筛查率达到百分之七十以上。"
      "2022年全区共有幼儿园1,236所，在园幼儿十二万余人，学前教育毛入园率为九十二点五%，"
      "比上年提高一点五个百分点。\n",
      "pasted.txt");
  EXPECT_EQ(got.doc.kind, DocumentKind::kText);
  const std::vector<std::string> want = {
      "每所乡镇卫生院全科医生数 >= 2 名 @2025", "适龄妇女宫颈癌筛查率 >= 70 % @2025",
      "actual * = 1236 所 @2022",               "actual 在园幼儿人数 >= 12 万人 @2022",
      "actual 学前教育毛入园率 = 92.5 % @2022", "change 学前教育毛入园率 = 1.5 百分点 @2022 base=2021"};
  std::vector<std::string> compact = testing::Compact(got.targets);
  ASSERT_EQ(compact.size(), want.size()) << ::testing::PrintToString(compact);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_TRUE(Matches(want[i], compact[i])) << want[i] << " got " << compact[i];
  }
}

TEST(ExtractSentenceTest, ValueTextAndSpan) {
  std::string text = "孕产妇死亡率下降到12/10万以下";
  auto targets = testing::SharedExtractor().ExtractSentence(text);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].value_text, "12/10万以下");
  EXPECT_EQ(targets[0].indicator_id, "maternal_mortality");
  EXPECT_EQ(text.substr(targets[0].begin, 2), "12");
}

TEST(ExtractSentenceTest, DirectionGoalsOnlyInGoalItems) {
  const Extractor& extractor = testing::SharedExtractor();
  auto goal = extractor.ExtractSentence("乳腺癌人群筛查率逐步提高", false, true);
  ASSERT_EQ(goal.size(), 1u);
  EXPECT_EQ(goal[0].kind, TargetKind::kDirection);
  EXPECT_FALSE(goal[0].value.has_value());
  EXPECT_EQ(goal[0].indicator_id, "breast_cancer_screening");
  EXPECT_TRUE(extractor.ExtractSentence("乳腺癌人群筛查率逐步提高", false, false).empty());
}

TEST(ExtractSentenceTest, FullWidthInputNormalizes) {
  auto targets = testing::SharedExtractor().ExtractSentence(
      NormalizeString("适龄妇女宫颈癌人群筛查率达到７０％ 以上"));
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(Extractor::FormatCompact(targets[0]), "适龄妇女宫颈癌人群筛查率 >= 70 %");
}

}  // namespace
}  // namespace guihua
