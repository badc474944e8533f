// Layout stage: PDF reflow cases, each a small input and the paragraphs it must give.
#include "layout/layout.h"

#include <gtest/gtest.h>

#include <thread>

#include "common/rule_file.h"
#include "common/test_support.h"
#include "normalize/normalize.h"

namespace guihua {
namespace {

// `own`: which rules get an automaton of their own: "file" as structure.rules says, "none", "all".
std::unique_ptr<Layout> LoadLayout(const std::string& own = "file") {
  Diagnostics diag;
  auto blocks = ReadRuleFile(::guihua::testing::RulesDir() + "/structure.rules", &diag);
  EXPECT_TRUE(blocks.ok());
  std::vector<LineRule> rules;
  for (const RuleBlock& b : *blocks) {
    LineRule r{b.name, b.Find("pattern")->value, LineRule::Role::kNone, false};
    std::string role = b.Find("layout") ? b.Find("layout")->value : "";
    if (role == "drop") r.role = LineRule::Role::kDrop;
    if (role == "heading") r.role = LineRule::Role::kHeading;
    if (role == "start") r.role = LineRule::Role::kStart;
    r.numbered = b.Find("numbered") != nullptr;
    r.own_automaton = own == "all" || (own == "file" && b.Find("automaton") &&
                                       b.Find("automaton")->value == "own");
    rules.push_back(r);
  }
  auto layout = Layout::Create(rules);
  EXPECT_TRUE(layout.ok()) << layout.status().message();
  return std::move(*layout);
}

struct ReflowCase {
  std::string name;
  std::string input;
  std::vector<std::string> paragraphs;  // working text of each paragraph
  std::vector<std::pair<int, int>> lines;  // first and last source line of each
};

class ReflowTest : public ::testing::TestWithParam<ReflowCase> {};

TEST_P(ReflowTest, Paragraphs) {
  static std::unique_ptr<Layout> layout = LoadLayout();
  const ReflowCase& c = GetParam();
  SourceMap map(c.input);
  LaidOutText out = layout->Reflow(Normalize(c.input), map);
  std::vector<std::string> texts;
  std::vector<std::pair<int, int>> lines;
  for (const Paragraph& p : out.paragraphs) {
    texts.push_back(out.text.text.substr(p.begin, p.end - p.begin));
    lines.emplace_back(p.line, p.end_line);
  }
  EXPECT_EQ(texts, c.paragraphs);
  if (!c.lines.empty()) EXPECT_EQ(lines, c.lines);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReflowTest,
    ::testing::Values(
        ReflowCase{"WrappedItemsJoin",
                   "主要目标\n\n1. 覆盖城乡的妇女健康服务体系更加完善，妇女医疗保健\n\n服务能力明显提升。\n 2. 妇女全生命周期享有良好的卫生健康服务。\n",
                   {"主要目标", "1.覆盖城乡的妇女健康服务体系更加完善,妇女医疗保健服务能力明显提升。",
                    "2.妇女全生命周期享有良好的卫生健康服务。"},
                   {{1, 1}, {3, 5}, {6, 6}}},
        ReflowCase{"PageNumberMidItemIsDropped",
                   "1. 完善保障妇女健康的制度机制。健全政府主导、部门协\n\n同、社会参与的工作机制。\n\n\n\n- 8 -\n\n统筹改革医疗、医保。\n2. 加强服务。\n",
                   {"1.完善保障妇女健康的制度机制。健全政府主导、部门协同、社会参与的工作机制。统筹改革医疗、医保。",
                    "2.加强服务。"},
                   {{1, 9}, {10, 10}}},
        ReflowCase{"ListNumberTouchingTheText",
                   "主要目标:\n7. 儿童贫血。\n8.5岁以下儿童贫血率控制在10%以下。\n",
                   {"主要目标:", "7.儿童贫血。", "8.5岁以下儿童贫血率控制在10%以下。"},
                   {}},
        ReflowCase{"DecimalAtLineStartIsNotAnItem",
                   "1.每千名儿童拥有儿科执业(助理)医生达到\n1.12名,床位达到3.17张。\n",
                   {"1.每千名儿童拥有儿科执业(助理)医生达到1.12名,床位达到3.17张。"},
                   {}},
        ReflowCase{"HeadingsStandAlone",
                   "前 言\n妇女是人类文明的开创者\n是社会进步的推动者。\n（一）妇女与健康\n责任单位：卫健委、文旅局、融媒体\n\n中心\n\n主要目标：\n",
                   {"前言", "妇女是人类文明的开创者是社会进步的推动者。", "(一)妇女与健康",
                    "责任单位:卫健委、文旅局、融媒体中心", "主要目标:"},
                   {}},
        ReflowCase{"EmptyInput", "", {}, {}},
        ReflowCase{"OnlyFiller", "\n\n   \n- 3 -\n\n", {}, {}}),
    [](const auto& info) { return info.param.name; });

}  // namespace
// A rule in an automaton of its own (`automaton: own`) classifies every line as in the shared one:
// the first matching rule in file order wins either way.
TEST(LayoutClassify, OwnAutomataClassifyAsOneSet) {
  Diagnostics diag;
  auto blocks = ReadRuleFile(::guihua::testing::RulesDir() + "/structure.rules", &diag);
  ASSERT_TRUE(blocks.ok());
  auto as_file = LoadLayout("file"), shared = LoadLayout("none"), each = LoadLayout("all");
  int lines = 0;
  for (const RuleBlock& b : *blocks) {
    std::vector<const RuleField*> fields = b.FindAll("expect");
    for (const RuleField* f : b.FindAll("reject")) fields.push_back(f);
    for (const RuleField* f : fields) {
      std::string line = NormalizeString(f->value);
      EXPECT_EQ(as_file->Classify(line), shared->Classify(line)) << line;
      EXPECT_EQ(each->Classify(line), shared->Classify(line)) << line;
      ++lines;
    }
  }
  EXPECT_GT(lines, 20);
}

// An own automaton runs only on the lines that hold what its pattern needs (a literal outside
// every group, a digit at the end): lines on either side of that gate classify as in one set.
TEST(LayoutClassify, GatedAutomataClassifyAsOneSet) {
  auto as_file = LoadLayout("file"), shared = LoadLayout("none"), each = LoadLayout("all");
  for (const char* line :
       {"目录", "目录3", "(一)妇女与健康……5", "一、指导思想··········1", "一、指导思想·········· 12",
        "组织实施--12a", "安阳市北关区妇女发展规划(2021—2030年)", "妇女发展规划", "儿童发展“十四五”规划",
        "关于印发安阳市北关区妇女发展规划(2021—2030年)", "规划", "妇女发展规", "(2021-2025年)",
        "孕产妇死亡率下降到12/10万以下", "- 8 -", "12", "1.孕产妇死亡率", "第三章组织实施 12",
        "北政〔2023〕2号", "益资政发〔2021〕4 号", "〔2023〕2号", "北政〔2023〕2", "附件", "附表1儿童发展规划主要指标",
        "附件2:主要指标", "附近", ""}) {
    std::string normal = NormalizeString(line);
    EXPECT_EQ(as_file->Classify(normal), shared->Classify(normal)) << line;
    EXPECT_EQ(each->Classify(normal), shared->Classify(normal)) << line;
  }
}


// CompileShared on another thread while lines are classified (`guihua extract` compiles the shared
// automaton on its loading thread while the main one reads a plan): the same classes as a layout
// that compiled on its first line.
TEST(LayoutClassify, SharedCompiledAheadClassifiesAlike) {
  auto ahead = LoadLayout("file"), fresh = LoadLayout("file");
  std::thread compiling([&] { ahead->CompileShared(); });
  for (const char* line : {"目录", "(一)妇女与健康", "一、指导思想", "- 8 -", "1.孕产妇死亡率",
                           "安阳市北关区妇女发展规划(2021—2030年)", "孕产妇死亡率下降到12/10万以下"}) {
    std::string normal = NormalizeString(line);
    EXPECT_EQ(ahead->Classify(normal), fresh->Classify(normal)) << line;
  }
  compiling.join();
  ahead->CompileShared();  // again: nothing left to compile
  EXPECT_EQ(ahead->Classify(NormalizeString("前 言")), fresh->Classify(NormalizeString("前 言")));
}

}  // namespace guihua
