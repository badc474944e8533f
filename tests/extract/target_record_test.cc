// The target record codec: the exact line it writes (DESIGN.md's order, nulls), what it reads
// back from whole, partial and malformed lines, and the round trip over every corpus target.
#include "extract/target_record.h"

#include <gtest/gtest.h>

#include "extract/extract_support.h"

namespace guihua {
namespace {

TargetRecord Sample() {
  TargetRecord r;
  r.document = "beiguan";
  r.file = "corpus/beiguan.txt";
  r.region = {"河南省", "安阳市", "北关区"};
  r.plan = "women";
  r.domain = "妇女与健康";
  r.domain_id = "women.health";
  r.block = "goal";
  r.item = 2;
  r.kind = "target";
  r.indicator = "孕产妇死亡率";
  r.indicator_id = "maternal_mortality";
  r.comparator = "<=";
  r.value = 12;
  r.unit = "/10万";
  r.value_text = "12/10万以下";
  r.quote = "孕产妇死亡率下降到12/10万以下";
  r.line = 66;
  return r;
}

TEST(TargetRecordTest, WritesDesignOrderWithNulls) {
  EXPECT_EQ(WriteTargetRecord(Sample()),
            R"({"document":"beiguan","file":"corpus/beiguan.txt",)"
            R"("region":{"province":"河南省","city":"安阳市","district":"北关区"},)"
            R"("plan":"women","domain":"妇女与健康","domain_id":"women.health","block":"goal",)"
            R"("item":2,"kind":"target","year":null,"base_year":null,"indicator":"孕产妇死亡率",)"
            R"("indicator_id":"maternal_mortality","comparator":"<=","value":12,)"
            R"("value_max":null,"unit":"/10万","value_text":"12/10万以下",)"
            R"("quote":"孕产妇死亡率下降到12/10万以下","line":66,"page":null})");
}

TEST(TargetRecordTest, NullRulesPerField) {
  struct Case {
    const char* name;
    void (*edit)(TargetRecord*);
    const char* want;  // a piece of the written line
  };
  const Case cases[] = {
      {"empty region part", [](TargetRecord* r) { r->region.city = ""; }, R"("city":null)"},
      {"outside a domain", [](TargetRecord* r) { r->domain = r->domain_id = ""; },
       R"("domain":null,"domain_id":null)"},
      {"no item number", [](TargetRecord* r) { r->item = 0; }, R"("item":null)"},
      {"unitless value keeps \"\"", [](TargetRecord* r) { r->unit = ""; }, R"("unit":"")"},
      {"direction has no comparator or unit",
       [](TargetRecord* r) {
         r->kind = "direction";
         r->value.reset();
       },
       R"("comparator":null,"value":null,"value_max":null,"unit":null)"},
      {"fraction stays a double", [](TargetRecord* r) { r->value = 0.3333; }, R"("value":0.3333)"},
      {"range", [](TargetRecord* r) { r->value_max = 95.5; }, R"("value_max":95.5)"},
      {"page of a PDF", [](TargetRecord* r) { r->page = 3; }, R"("page":3})"},
      {"a change's years",
       [](TargetRecord* r) {
         r->kind = "change";
         r->year = 2023;
         r->base_year = 2022;
       },
       R"("kind":"change","year":2023,"base_year":2022,)"},
      {"not UTF-8 becomes U+FFFD", [](TargetRecord* r) { r->file = "a\xB1\xB1.txt"; },
       "\"file\":\"a\xEF\xBF\xBD\xEF\xBF\xBD.txt\""},
  };
  for (const Case& c : cases) {
    TargetRecord r = Sample();
    c.edit(&r);
    EXPECT_NE(WriteTargetRecord(r).find(c.want), std::string::npos)
        << c.name << ": " << WriteTargetRecord(r);
  }
}

TEST(TargetRecordTest, ReadsBackWhatItWrites) {
  TargetRecord r = Sample();
  r.value_max = 13.25;
  r.page = 4;
  r.year = 2030;
  auto back = ReadTargetRecord(WriteTargetRecord(r));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(WriteTargetRecord(*back), WriteTargetRecord(r));
  EXPECT_EQ(back->region.district, "北关区");
  EXPECT_EQ(back->item, 2);
  EXPECT_EQ(back->value_max, 13.25);
  EXPECT_EQ(back->page, 4);
  EXPECT_EQ(back->year, 2030);
  EXPECT_EQ(back->base_year, 0);
}

TEST(TargetRecordTest, ReadsPartialAndRefusesNonObjects) {
  auto partial = ReadTargetRecord(R"({"kind":"baseline","value":3,"unit":null,"item":"x"})");
  ASSERT_TRUE(partial.has_value());
  EXPECT_EQ(partial->kind, "baseline");
  EXPECT_EQ(partial->value, 3);
  EXPECT_EQ(partial->unit, "");
  EXPECT_EQ(partial->item, 0);  // not a number: absent
  EXPECT_FALSE(partial->value_max.has_value());
  for (const char* bad : {"", "[1,2]", "\"text\"", "{\"kind\":", "null"}) {
    EXPECT_FALSE(ReadTargetRecord(bad).has_value()) << bad;
  }
}

TEST(TargetRecordTest, PeeksIndicatorId) {
  EXPECT_EQ(PeekTargetIndicatorId(WriteTargetRecord(Sample())), "maternal_mortality");
  TargetRecord unknown = Sample();
  unknown.indicator_id = "";
  EXPECT_EQ(PeekTargetIndicatorId(WriteTargetRecord(unknown)), "");
}

TEST(TargetRecordTest, CorpusTargetsRoundTrip) {
  auto got = testing::ParseAndExtract(
      testing::ReadBytes(testing::CorpusFile("henan-anyang-beiguan-2021-2030.txt")),
      "henan-anyang-beiguan-2021-2030.txt");
  ASSERT_FALSE(got.targets.empty());
  for (const Target& t : got.targets) {
    std::string line = TargetRecordJson(got.doc, t);
    auto back = ReadTargetRecord(line);
    ASSERT_TRUE(back.has_value()) << line;
    EXPECT_EQ(WriteTargetRecord(*back), line);
    EXPECT_EQ(back->value, t.value) << line;
  }
}

}  // namespace
}  // namespace guihua
