// Sidecars (FILE.meta.json): their fields override what the text suggests, --kind overrides them,
// and a sidecar that does not parse or names an unknown region is an error naming the sidecar.
#include <gtest/gtest.h>

#include <memory>

#include "common/test_support.h"
#include "structure/parser_support.h"
#include "structure/structure.h"

namespace guihua {
namespace {

using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;

using ::guihua::testing::Parser;

TEST(SidecarTest, FieldsOverrideTheText) {
  std::string dir = TempDir();
  WriteBytes(dir + "/note.txt", "全区孕产妇死亡率为0。\n");
  WriteBytes(dir + "/note.meta.json",
             R"({"title":"南开区妇女发展规划","kind":"report","region":{"province":"天津市",)"
             R"("city":"天津市","district":"南开区"},"period":{"start":2021,"end":2025},)"
             R"("issuer":"南开区统计局","date":"2024-03-01","year":2023})");
  Diagnostics diag;
  auto doc = Parser().ParseFile(dir + "/note.txt", &diag);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->kind, DocumentKind::kReport);
  EXPECT_EQ(doc->about, "南开区妇女发展规划");
  EXPECT_EQ(doc->region.district, "南开区");
  EXPECT_EQ(doc->period.start, 2021);
  EXPECT_EQ(doc->period.end, 2025);
  EXPECT_EQ(doc->issuer, "南开区统计局");
  EXPECT_EQ(doc->date, "2024-03-01");
  EXPECT_EQ(doc->year, 2023);
  ParseOptions options;
  options.kind = DocumentKind::kText;
  doc = Parser().ParseFile(dir + "/note.txt", &diag, kDefaultMaxFileSize, options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->kind, DocumentKind::kText);
}

TEST(SidecarTest, BadSidecarIsAnErrorNamingIt) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"kind\":", "not valid JSON"},
      {R"({"year":"2023"})", "a field has the wrong type (see docs/document.md)"},
      {R"({"kind":"review"})", "unknown kind 'review' (plan, report or text)"},
      {R"({"region":{"province":"某省","city":"某市"}})", "unknown region 某省/某市/ (rules/regions.tsv)"},
  };
  for (const auto& [json, message] : cases) {
    std::string dir = TempDir();
    WriteBytes(dir + "/note.txt", "全区孕产妇死亡率为0。\n");
    WriteBytes(dir + "/note.meta.json", json);
    Diagnostics diag;
    auto doc = Parser().ParseFile(dir + "/note.txt", &diag);
    ASSERT_FALSE(doc.ok()) << json;
    EXPECT_EQ(doc.status().message(), dir + "/note.meta.json: " + message);
  }
}

}  // namespace
}  // namespace guihua
