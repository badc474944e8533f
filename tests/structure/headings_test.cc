// Domain headings in the styles other documents print them (a report's 一、妇女与健康, 妇女与卫生保健领域,
// a field named alone as 健康领域): each names a domain of the right plan.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "common/test_support.h"
#include "structure/parser_support.h"
#include "structure/structure.h"

namespace guihua {
namespace {

using ::guihua::testing::Parser;

// "plan:domain_id" of every domain section, in order.
std::vector<std::string> DomainsOf(const std::string& text) {
  auto source = DecodeSource(text, "headings.txt");
  EXPECT_TRUE(source.ok());
  Diagnostics diag;
  auto doc = Parser().Parse(std::move(*source), &diag);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  std::vector<std::string> out;
  if (!doc.ok()) return out;
  for (const Plan& plan : doc->plans) {
    for (const Section& s : plan.sections) {
      if (s.is_domain()) out.push_back(std::string(PlanKindName(plan.kind)) + ":" + s.id);
    }
  }
  return out;
}

struct HeadingCase {
  std::string text;
  std::vector<std::string> domains;
};

TEST(HeadingsTest, OtherStylesNameDomains) {
  const std::vector<HeadingCase> cases = {
      {"2022年统计监测报告\n一、妇女与健康\n孕产妇死亡率为9.8/10万。\n二、妇女与教育\n"
       "女性高中毛入学率为95%。\n",
       {"women:women.health", "women:women.education"}},
      {"报告\n妇女与卫生保健领域\n孕产妇死亡率为9.8/10万。\n儿童与安全领域\n伤害死亡率下降。\n",
       {"women:women.health", "children:children.safety"}},
      {"某区儿童发展规划\n健康领域\n婴儿死亡率为2.1‰。\n(二)安全领域\n伤害死亡率下降。\n",
       {"children:children.health", "children:children.safety"}},
      {"第一章 妇女与健康\n孕产妇死亡率为9.8/10万。\n第二章 儿童与健康\n婴儿死亡率为2.1‰。\n",
       {"women:women.health", "children:children.health"}},
      // A field alone with no plan to belong to is a titled section, not a domain.
      {"监测报告\n健康领域\n孕产妇死亡率为9.8/10万。\n", {}},
  };
  for (const HeadingCase& c : cases) {
    EXPECT_EQ(DomainsOf(c.text), c.domains) << c.text;
  }
}

// A file of 2,000 repeated headings: 20 warnings of each kind, then one line with the count.
TEST(HeadingsTest, WarningsAreCappedPerKind) {
  std::string text = "某区妇女发展规划\n";
  for (int i = 0; i < 2000; ++i) text += "（一）妇女与健康\n";
  auto source = DecodeSource(text, "repeated.txt");
  ASSERT_TRUE(source.ok());
  Diagnostics diag;
  ASSERT_TRUE(Parser().Parse(std::move(*source), &diag).ok());
  ASSERT_EQ(diag.all().size(), 3u * 21u);
  std::map<std::string, int> more;
  for (const Diagnostic& d : diag.all()) {
    if (d.message.find(" more warnings like ") != std::string::npos) ++more[d.message];
  }
  ASSERT_EQ(more.size(), 3u);
  EXPECT_EQ(more.count("1980 more warnings like \"domain '…' has no goal items\" not listed"), 1u);
  EXPECT_EQ(diag.all().back().ToString(),
            "repeated.txt: warning: 1979 more warnings like \"domain women.health appears twice in "
            "the plan\" not listed");
}

}  // namespace
}  // namespace guihua
