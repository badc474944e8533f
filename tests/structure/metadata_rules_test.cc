// rules/metadata.rules: the shipped file loads with every role and its expect lines pass; a file
// with a role missing, twice, unknown, with the wrong groups or a failing expect line is refused
// with FILE:LINE messages naming the problem.
#include "structure/internal/metadata_rules.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>

#include "common/test_support.h"

namespace guihua::internal {
namespace {

using ::guihua::testing::RulesDir;
using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;

TEST(MetadataRulesTest, ShippedRulesLoad) {
  Diagnostics diag;
  auto rules = MetadataRules::Load(RulesDir() + "/metadata.rules", &diag);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_GT(rules->expectations, 10);
  std::string number;
  EXPECT_TRUE(RE2::PartialMatch("北政〔2023〕2号", *rules->doc_number, &number));
  EXPECT_EQ(number, "北政〔2023〕2号");
}

// Every problem a rule can have, each with the message it gives.
TEST(MetadataRulesTest, BadFilesAreRefusedWithTheLine) {
  std::string good = testing::ReadBytes(RulesDir() + "/metadata.rules");
  struct Case {
    std::string edit_from, edit_to, message;
  } cases[] = {
      {"rule doc_number", "rule doc_numbers", "unknown rule doc_numbers"},
      {"rule doc_number", "rule cite", "rule cite is given twice"},
      {"pattern: (\\d{4})年(\\d{1,2})月(\\d{1,2})日", "pattern: (\\d{4})年(\\d{1,2})月",
       "rule date needs 3 capturing groups"},
      {"expect: 2022年3月8日 => 2022 | 3 | 8", "expect: 2022年3月8日 => 2022 | 3 | 9",
       "rule date gives '2022 | 3 | 8'"},
      {"reject: 十五年", "reject: 十四五", "rule five_year matches this"},
      {"pattern: 《([^《》]{2,80})》", "pattern: 《([^《》]{2,80}》", "bad pattern"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.edit_to);
    std::string text = good;
    size_t at = text.find(c.edit_from);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, c.edit_from.size(), c.edit_to);
    std::string path = TempDir() + "/metadata.rules";
    WriteBytes(path, text);
    Diagnostics diag;
    EXPECT_FALSE(MetadataRules::Load(path, &diag).ok());
    std::string all;
    for (const Diagnostic& d : diag.all()) all += d.ToString() + "\n";
    EXPECT_NE(all.find(c.message), std::string::npos) << all;
    EXPECT_NE(all.find("metadata.rules:"), std::string::npos) << all;
  }
}

TEST(MetadataRulesTest, MissingRoleIsNamed) {
  std::string path = TempDir() + "/metadata.rules";
  WriteBytes(path, "rule doc_number\n  pattern: ([\\p{Han}]+〔\\d{4}〕\\d+号)\n");
  Diagnostics diag;
  EXPECT_FALSE(MetadataRules::Load(path, &diag).ok());
  std::string all;
  for (const Diagnostic& d : diag.all()) all += d.ToString() + "\n";
  EXPECT_NE(all.find("no rule parent_plan"), std::string::npos) << all;
  EXPECT_EQ(all.find("no rule doc_number"), std::string::npos) << all;
}

}  // namespace
}  // namespace guihua::internal
