// Document kinds: a plan, a report on a plan and any other text are told apart by their title and
// opening (rules/kinds.rules); a report names the plan it is about and the year it reports on, and
// a given kind (--kind) wins over the detected one.
#include <gtest/gtest.h>

#include <memory>

#include "common/test_support.h"
#include "structure/parser_support.h"
#include "structure/structure.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFiles;
using ::guihua::testing::RulesDir;

using ::guihua::testing::Parser;

StatusOr<Document> ParseText(const std::string& text, const ParseOptions& options = {}) {
  auto source = DecodeSource(text, "kind.txt");
  if (!source.ok()) return source.status();
  Diagnostics diag;
  return Parser().Parse(std::move(*source), &diag, options);
}

// A domain with goals and measures, so that the texts below have a plan's body.
const char kDomain[] =
    "（一）妇女与健康\n主要目标：\n1.孕产妇死亡率控制在12/10万以下。\n策略措施：\n"
    "1.完善妇幼健康服务体系。\n";

struct KindCase {
  std::string name;
  std::string text;
  DocumentKind kind;
  std::string about;
  int year;
};

TEST(DocumentKindTest, FromTitleAndText) {
  const std::vector<KindCase> cases = {
      {"plan", std::string("安阳市北关区妇女发展规划（2021—2030年）\n") + kDomain,
       DocumentKind::kPlan, "", 0},
      {"monitoring report",
       std::string("2022年安阳市妇女儿童发展规划统计监测报告\n") +
           "（一）妇女与健康\n2022年，全市孕产妇死亡率为9.8/10万。\n",
       DocumentKind::kReport, "安阳市妇女儿童发展规划", 2022},
      {"review of a cited plan",
       std::string("关于《北关区妇女发展规划（2021—2030年）》中期评估情况的报告\n") +
           "（一）妇女与健康\n全区孕产妇死亡率为0。\n",
       DocumentKind::kReport, "北关区妇女发展规划（2021—2030年）", 0},
      {"yearly implementation",
       std::string("2021年度南开区儿童发展规划实施情况\n（一）儿童与健康\n") +
           "主要目标：\n1.婴儿死亡率为2.1‰。\n",
       DocumentKind::kReport, "南开区儿童发展规划", 2021},
      {"report without a title, year from its opening",
       std::string("监测数据显示，2023年全区孕产妇死亡率为0。\n（一）妇女与健康\n") +
           "孕产妇系统管理率达到95%。\n",
       DocumentKind::kReport, "", 2023},
      {"news", std::string("《某市妇女发展规划》印发\n") + "（一）妇女与健康\n孕产妇死亡率下降。\n",
       DocumentKind::kText, "某市妇女发展规划", 0},
  };
  for (const KindCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto doc = ParseText(c.text);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    EXPECT_EQ(DocumentKindName(doc->kind), std::string(DocumentKindName(c.kind)));
    EXPECT_EQ(doc->about, c.about);
    EXPECT_EQ(doc->year, c.year);
  }
}

TEST(DocumentKindTest, GivenKindWins) {
  ParseOptions options;
  options.kind = DocumentKind::kReport;
  auto doc = ParseText(std::string("2022年妇女发展规划\n") + kDomain, options);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->kind, DocumentKind::kReport);
  EXPECT_EQ(doc->year, 2022);
}

TEST(DocumentKindTest, CorpusPlansArePlans) {
  for (const std::string& file : CorpusFiles()) {
    Diagnostics diag;
    auto doc = Parser().ParseFile(file, &diag);
    ASSERT_TRUE(doc.ok()) << file << ": " << doc.status().message();
    EXPECT_EQ(doc->kind, DocumentKind::kPlan) << file;
    EXPECT_EQ(doc->about, "") << file;
    EXPECT_EQ(doc->year, 0) << file;
  }
}

TEST(DocumentKindTest, Names) {
  for (DocumentKind k : {DocumentKind::kPlan, DocumentKind::kReport, DocumentKind::kText}) {
    DocumentKind back;
    ASSERT_TRUE(ParseDocumentKind(DocumentKindName(k), &back));
    EXPECT_EQ(back, k);
  }
  DocumentKind unused;
  EXPECT_FALSE(ParseDocumentKind("plans", &unused));
}

}  // namespace
}  // namespace guihua
