// Other regions' layouts (tests/fixtures/layouts/, made from the Beiguan plan by make.py): list
// numbers ⒈ 1、 1﹒ (1) ① and (1)(2) nested in a goal, 保障措施/主要措施/策略与措施 and 目标/主要指标 for the
// blocks, 第一部分/第一章 chapters with 一、妇女与健康 domains and （一）主要目标 blocks, a 目录 page and ASCII
// punctuation; and the 南开 plan's text printed to PDF without paragraph indents. Each must read
// like the original: the same plans, domains, goal and measure counts, and the same targets.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "extract/extract_support.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::ParseAndExtract;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::SourceDir;

// plan, domain id, goals, measures of every domain, in order.
using Shape = std::vector<std::tuple<std::string, std::string, int, int>>;
// (plan, domain id, kind, indicator, comparator, value, unit) → count.
using Values = std::map<std::tuple<std::string, std::string, int, std::string, std::string, double,
                                   std::string>, int>;

std::pair<Shape, Values> Read(const std::string& path) {
  auto got = ParseAndExtract(ReadBytes(path), path);
  Shape shape;
  for (const Plan& plan : got.doc.plans) {
    for (const Section& s : plan.sections) {
      if (!s.is_domain()) continue;
      int goals = 0, measures = 0;
      for (const Item& item : s.items) {
        goals += item.block == BlockKind::kGoal;
        measures += item.block == BlockKind::kMeasure;
      }
      shape.emplace_back(PlanKindName(plan.kind), s.id, goals, measures);
    }
  }
  Values values;
  for (const Target& t : got.targets) {
    const Plan& plan = got.doc.plans[t.plan_index];
    const Section& s = plan.sections[t.section_index];
    ++values[{PlanKindName(plan.kind), s.id, static_cast<int>(t.kind), t.indicator, t.comparator,
              t.value.value_or(-1), t.unit}];
  }
  return {shape, values};
}

class LayoutTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LayoutTest, ReadsLikeTheOriginal) {
  static const auto original = Read(CorpusFile("henan-anyang-beiguan-2021-2030.txt"));
  ASSERT_EQ(original.first.size(), 15u);
  auto fixture = Read(SourceDir() + "/tests/fixtures/layouts/" + GetParam() + ".txt");
  EXPECT_EQ(fixture.first, original.first);
  EXPECT_EQ(fixture.second, original.second);
}

// A plan's text printed to PDF by a word processor (LibreOffice) with no paragraph indents: its
// headings follow lines that run to the right margin, and must stay headings (they were glued to
// the sentence before them, and two domains were lost).
TEST(LayoutPdfTest, TextPrintedToPdfReadsLikeTheText) {
  auto text = Read(CorpusFile("tianjin-nankai-2021-2025.txt"));
  ASSERT_EQ(text.first.size(), 15u);
  auto pdf = Read(SourceDir() + "/tests/fixtures/layouts/text-printed-to-pdf.pdf");
  EXPECT_EQ(pdf.first, text.first);
  EXPECT_EQ(pdf.second, text.second);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, LayoutTest,
                         ::testing::Values("list-dotted-digits", "list-dun", "list-small-stop",
                                           "list-parenthesised", "list-circled", "list-nested",
                                           "blocks-renamed", "chapters-parts", "chapters-numbered",
                                           "contents-page", "ascii-punctuation"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

}  // namespace
}  // namespace guihua
