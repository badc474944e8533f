// The name resolver: what users type (ids, Chinese names, short forms, periods as printed) against
// the rules and a fixed list of indexed files like corpus/'s, and the one-line errors it gives.
#include "names/names.h"

#include <gtest/gtest.h>

#include "common/test_support.h"
#include "names/internal/match.h"

namespace guihua {
namespace {

// corpus/'s five plans as the index lists them, plus a second plan of 北关区.
std::vector<IndexedFile> CorpusFiles(bool second_beiguan = false) {
  auto file = [](std::string id, Region region, Period period) {
    IndexedFile f;
    f.document = std::move(id);
    f.file = "corpus/" + f.document + ".txt";
    f.region = std::move(region);
    f.period = period;
    return f;
  };
  std::vector<IndexedFile> files = {
      file("neimenggu-baotou-kundulun-2021-2030", {"内蒙古自治区", "包头市", "昆都仑区"}, {2021, 2030}),
      file("tianjin-nankai-2021-2025", {"天津市", "天津市", "南开区"}, {2021, 2025}),
      file("guangxi-guilin-xiufeng-2021-2030", {"广西壮族自治区", "桂林市", "秀峰区"}, {2021, 2030}),
      file("henan-anyang-beiguan-2021-2030", {"河南省", "安阳市", "北关区"}, {2021, 2030}),
      file("hunan-yiyang-ziyang-2021-2025", {"湖南省", "益阳市", "资阳区"}, {2021, 2025})};
  if (second_beiguan) files.push_back(file("beiguan-2016-2020", {"河南省", "安阳市", "北关区"}, {2016, 2020}));
  return files;
}

class NamesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diag;
    auto extractor = Extractor::Load(testing::RulesDir(), &diag);
    ASSERT_TRUE(extractor.ok()) << extractor.status().message();
    auto tables = NameTables::Load(testing::RulesDir(),
                                   std::shared_ptr<const Extractor>(std::move(*extractor)), &diag);
    ASSERT_TRUE(tables.ok()) << tables.status().message();
    tables_ = new std::shared_ptr<const NameTables>(*tables);
  }
  static void TearDownTestSuite() { delete tables_; }

  static std::shared_ptr<const NameTables>* tables_;
};
std::shared_ptr<const NameTables>* NamesTest::tables_ = nullptr;

struct NameCase {
  NameKind kind;
  std::string name;
  std::string expected;  // the canonical value, or the exact error
  std::string plan = "";
};

TEST_F(NamesTest, ResolvesIdsNamesAndShortForms) {
  const std::vector<NameCase> cases = {
      {NameKind::kDistrict, "北关", "北关区"},
      {NameKind::kDistrict, "北关区", "北关区"},
      {NameKind::kDistrict, "昆区", "昆都仑区"},
      {NameKind::kDistrict, " 南开 ", "南开区"},
      {NameKind::kCity, "安阳", "安阳市"},
      {NameKind::kCity, "包头", "包头市"},
      {NameKind::kProvince, "河南", "河南省"},
      {NameKind::kProvince, "内蒙古", "内蒙古自治区"},
      {NameKind::kProvince, "广西", "广西壮族自治区"},
      {NameKind::kPeriod, "2021—2030", "2021-2030"},
      {NameKind::kPeriod, "2021-2030年", "2021-2030"},
      {NameKind::kPeriod, "2021－2025 年", "2021-2025"},
      {NameKind::kPeriod, "2021年至2030年", "2021-2030"},
      {NameKind::kPeriod, "十四五", "2021-2025"},
      {NameKind::kDomain, "children.family", "children.family"},
      {NameKind::kDomain, "Children.Family", "children.family"},
      {NameKind::kDomain, "儿童与家庭", "children.family"},
      {NameKind::kDomain, "妇女参与决策和管理", "women.decision"},
      {NameKind::kDomain, "健康", "children.health", "children"},
      {NameKind::kPlan, "妇女", "women"},
      {NameKind::kPlan, "儿童发展规划", "children"},
      {NameKind::kBlock, "策略措施", "measure"},
      {NameKind::kValueKind, "基线", "baseline"},
      {NameKind::kDocumentKind, "监测报告", "report"},
      {NameKind::kIndicator, "maternal_mortality", "maternal_mortality"},
      {NameKind::kIndicator, "孕产妇死亡率", "maternal_mortality"},
      {NameKind::kIndicator, "Maternal mortality ratio", "maternal_mortality"},  // its label
      {NameKind::kIndicator, "学前教育毛入园率", "preschool_enrollment"},
      {NameKind::kIndicator, "学前三年毛入园率", "preschool_enrollment"},  // a variant
      {NameKind::kDocument, "tianjin-nankai-2021-2025", "tianjin-nankai-2021-2025"},
      {NameKind::kDocument, "corpus/tianjin-nankai-2021-2025.txt", "tianjin-nankai-2021-2025"},
      {NameKind::kDocument, "北关", "henan-anyang-beiguan-2021-2030"},
  };
  NameResolver names(*tables_, CorpusFiles());
  for (const NameCase& c : cases) {
    auto got = names.Resolve(c.kind, c.name, c.plan);
    ASSERT_TRUE(got.ok()) << NameKindName(c.kind) << " " << c.name << ": " << got.status().message();
    EXPECT_EQ(*got, c.expected) << NameKindName(c.kind) << " " << c.name;
  }
}

TEST_F(NamesTest, UnknownAndAmbiguousNamesAreOneLineErrors) {
  const std::vector<NameCase> cases = {
      {NameKind::kDomain, "children.famly",
       "unknown domain 'children.famly'; did you mean children.family?"},
      {NameKind::kDomain, "children.helth",
       "unknown domain 'children.helth'; did you mean children.health?"},
      {NameKind::kDomain, "健康", "domain '健康' could be women.health or children.health; name one"},
      {NameKind::kDomain, "children.health", "domain 'children.health' is not one of the women plan's",
       "women"},
      {NameKind::kDomain, "sports", "unknown domain 'sports' (`guihua domains` lists them)"},
      {NameKind::kDistrict, "北官", "unknown district '北官'; did you mean 北关区?"},
      {NameKind::kDistrict, "朝阳区",
       "district '朝阳区' has no plan in the index (the index holds 昆都仑区, 南开区, 秀峰区, 北关区, "
       "资阳区)"},
      {NameKind::kDistrict, "朝阳",
       "district '朝阳' (朝阳区) has no plan in the index (the index holds 昆都仑区, 南开区, 秀峰区, "
       "北关区, 资阳区)"},
      {NameKind::kCity, "郑州", "city '郑州' (郑州市) has no plan in the index (the index holds 包头市, "
                                "天津市, 桂林市, 安阳市, 益阳市)"},
      {NameKind::kPeriod, "2021-2035",
       "no plan in the index has period 2021-2035 (the index holds 2021-2025, 2021-2030)"},
      {NameKind::kPeriod, "明年", "unknown period '明年' (write it as 2021-2030, 2021—2030年 or 十四五)"},
      {NameKind::kIndicator, "maternal_mortalty",
       "unknown indicator 'maternal_mortalty'; did you mean maternal_mortality?"},
      {NameKind::kIndicator, "幸福指数", "unknown indicator '幸福指数' (`guihua indicators` lists them)"},
      {NameKind::kPlan, "men", "unknown plan 'men' (use women or children)"},
      {NameKind::kBlock, "title", "unknown block 'title' (use goal, measure or other)"},
      {NameKind::kDocument, "tianjin-nankai-2021-2052",
       "unknown document or district 'tianjin-nankai-2021-2052'; did you mean tianjin-nankai-2021-2025?"},
      {NameKind::kDocument, "/etc/passwd",
       "unknown document or district '/etc/passwd' (`guihua documents` lists them)"},
      {NameKind::kDistrict, "", "empty district"},
  };
  NameResolver names(*tables_, CorpusFiles());
  for (const NameCase& c : cases) {
    auto got = names.Resolve(c.kind, c.name, c.plan);
    ASSERT_FALSE(got.ok()) << NameKindName(c.kind) << " " << c.name << " → " << *got;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(got.status().message(), c.expected);
  }
}

// Without an index a region resolves against the gazetteer, where a short form can be two places.
TEST_F(NamesTest, WithoutAnIndexTheGazetteerDecides) {
  NameResolver names(*tables_, nullptr);
  EXPECT_EQ(*names.Resolve(NameKind::kDistrict, "朝阳区"), "朝阳区");  // two, one name
  EXPECT_EQ(*names.Resolve(NameKind::kDistrict, "昆区"), "昆都仑区");
  EXPECT_EQ(*names.Resolve(NameKind::kPeriod, "2031-2035"), "2031-2035");
  auto two = names.Resolve(NameKind::kDistrict, "象山");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.status().message(),
            "district '象山' could be 象山县 (浙江省宁波市) or 象山区 (广西壮族自治区桂林市); name one");
}

TEST_F(NamesTest, DocumentsOfADistrict) {
  NameResolver names(*tables_, CorpusFiles(/*second_beiguan=*/true));
  auto files = names.Documents("北关");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  auto one = names.Document("北关");
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status().message(),
            "district '北关' has 2 documents, name one: henan-anyang-beiguan-2021-2030, "
            "beiguan-2016-2020");
  auto ids = names.DocumentIds({"南开", "北关区", "tianjin-nankai-2021-2025"});
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"tianjin-nankai-2021-2025",
                                            "henan-anyang-beiguan-2021-2030", "beiguan-2016-2020"}));
}

TEST_F(NamesTest, FiltersResolveWithThePlanFirst) {
  NameResolver names(*tables_, CorpusFiles());
  SearchFilters f;
  f.plan = "儿童";
  f.domain = "家庭";
  f.district = "北关";
  f.city = "安阳";
  f.province = "河南";
  f.indicator = "学前教育毛入园率";
  f.period = "2021—2030";
  f.block = "目标";
  f.kind = "监测报告";
  f.year = "2025";
  ASSERT_TRUE(names.ResolveFilters(&f).ok());
  EXPECT_EQ(f.plan, "children");
  EXPECT_EQ(f.domain, "children.family");
  EXPECT_EQ(f.district, "北关区");
  EXPECT_EQ(f.city, "安阳市");
  EXPECT_EQ(f.province, "河南省");
  EXPECT_EQ(f.indicator, "preschool_enrollment");
  EXPECT_EQ(f.period, "2021-2030");
  EXPECT_EQ(f.block, "goal");
  EXPECT_EQ(f.kind, "report");
  EXPECT_EQ(f.year, "2025");  // not a name
}

TEST(NameMatchTest, DistanceCountsASwapOnce) {
  using names_internal::Distance;
  EXPECT_EQ(Distance("serach", "search"), 1u);
  EXPECT_EQ(Distance("children.famly", "children.family"), 1u);
  EXPECT_EQ(Distance("北官", "北关"), 1u);
  EXPECT_EQ(Distance("", "abc"), 3u);
}

TEST(NameMatchTest, PeriodsAsPrinted) {
  using names_internal::Fold;
  using names_internal::ParsePeriod;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2021-2030", "2021-2030"}, {"2021—2030年", "2021-2030"}, {"2021年—2030年", "2021-2030"},
      {"2021～2025", "2021-2025"}, {"2021至2030", "2021-2030"}, {"2021－2025 年", "2021-2025"},
      {"2030-2021", ""},           {"2021", ""},                {"21-30", ""},
      {"2021-2030-2040", ""}};
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(ParsePeriod(Fold(in)).value_or(""), out) << in;
  }
}

}  // namespace
}  // namespace guihua
