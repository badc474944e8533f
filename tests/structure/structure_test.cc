// Structure stage on the real corpus: every file's plans, domains, item counts and metadata are
// pinned (counts verified by reading the files), and encodings or scripts other than the original
// must not change what is found.
#include "structure/structure.h"

#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <regex>

#include "common/test_support.h"
#include "structure/parser_support.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::RulesDir;

using ::guihua::testing::Parser;

Document ParseBytes(const std::string& bytes, const std::string& name, Diagnostics* diag) {
  auto source = DecodeSource(bytes, name);
  EXPECT_TRUE(source.ok()) << source.status().message();
  auto doc = Parser().Parse(std::move(*source), diag);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(*doc) : Document{};
}

struct CorpusCase {
  std::string file;
  Region region;
  Period period;
  std::string issuer, doc_number, date;
  // goal and measure item counts of the 8 women's then 7 children's domains, in order.
  std::vector<std::pair<int, int>> counts;
};

const std::vector<std::string> kWomenDomains = {
    "women.health",  "women.education", "women.economy",     "women.decision",
    "women.social_security", "women.family", "women.environment", "women.law"};
const std::vector<std::string> kChildrenDomains = {
    "children.health", "children.safety",      "children.education", "children.welfare",
    "children.family", "children.environment", "children.law"};

const std::vector<CorpusCase>& Cases() {
  static const std::vector<CorpusCase> cases = {
      {"guangxi-guilin-xiufeng-2021-2030.txt",
       {"广西壮族自治区", "桂林市", "秀峰区"}, {2021, 2030}, "桂林市秀峰区人民政府", "秀政〔2023〕2号",
       "2023-03-27",
       {{5, 5}, {8, 8}, {4, 5}, {7, 8}, {9, 9}, {11, 11}, {7, 7}, {9, 12},
        {13, 17}, {7, 6}, {9, 8}, {6, 5}, {5, 5}, {8, 8}, {6, 6}}},
      {"henan-anyang-beiguan-2021-2030.txt",
       {"河南省", "安阳市", "北关区"}, {2021, 2030}, "安阳市北关区人民政府", "北政〔2023〕2号",
       "2023-04-28",
       {{10, 12}, {10, 12}, {9, 13}, {10, 10}, {9, 11}, {9, 10}, {10, 13}, {9, 12},
        {12, 15}, {10, 12}, {10, 16}, {11, 14}, {8, 9}, {10, 12}, {10, 14}}},
      {"hunan-yiyang-ziyang-2021-2025.txt",
       {"湖南省", "益阳市", "资阳区"}, {2021, 2025}, "益阳市资阳区人民政府", "益资政发〔2021〕4号",
       "2021-12-01",
       {{10, 12}, {9, 11}, {10, 13}, {10, 11}, {10, 11}, {9, 10}, {10, 12}, {9, 13},
        {12, 12}, {10, 12}, {11, 14}, {11, 13}, {8, 9}, {10, 11}, {11, 14}}},
      {"neimenggu-baotou-kundulun-2021-2030.txt",
       {"内蒙古自治区", "包头市", "昆都仑区"}, {2021, 2030}, "", "", "",
       {{11, 13}, {8, 11}, {11, 13}, {10, 10}, {9, 11}, {7, 9}, {11, 13}, {8, 12},
        {13, 15}, {10, 12}, {10, 16}, {11, 14}, {7, 9}, {10, 12}, {10, 15}}},
      {"tianjin-nankai-2021-2025.txt",
       {"天津市", "天津市", "南开区"}, {2021, 2025}, "天津市南开区人民政府", "南开政发〔2022〕9号",
       "2022-10-12",
       {{11, 12}, {11, 11}, {8, 11}, {12, 9}, {10, 11}, {9, 10}, {10, 12}, {9, 12},
        {12, 16}, {11, 9}, {9, 14}, {11, 12}, {9, 9}, {11, 12}, {11, 11}}},
  };
  return cases;
}

std::vector<const Section*> Domains(const Plan& plan) {
  std::vector<const Section*> out;
  for (const Section& s : plan.sections) {
    if (s.is_domain()) out.push_back(&s);
  }
  return out;
}

class CorpusTest : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(CorpusTest, PlansDomainsItemsAndMetadata) {
  const CorpusCase& c = GetParam();
  Diagnostics diag;
  auto doc = Parser().ParseFile(CorpusFile(c.file), &diag);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->region.province, c.region.province);
  EXPECT_EQ(doc->region.city, c.region.city);
  EXPECT_EQ(doc->region.district, c.region.district);
  EXPECT_EQ(doc->period.start, c.period.start);
  EXPECT_EQ(doc->period.end, c.period.end);
  EXPECT_EQ(doc->issuer, c.issuer);
  EXPECT_EQ(doc->doc_number, c.doc_number);
  EXPECT_EQ(doc->date, c.date);
  EXPECT_FALSE(doc->cites.empty());

  ASSERT_EQ(doc->plans.size(), 2u);
  EXPECT_EQ(doc->plans[0].kind, PlanKind::kWomen);
  EXPECT_EQ(doc->plans[1].kind, PlanKind::kChildren);
  std::vector<std::string> ids;
  std::vector<std::pair<int, int>> counts;
  for (const Plan& plan : doc->plans) {
    for (const Section* s : Domains(plan)) {
      ids.push_back(s->id);
      int goals = 0, measures = 0, expected_number = 0;
      BlockKind last_block = BlockKind::kOther;
      for (const Item& item : s->items) {
        goals += item.block == BlockKind::kGoal;
        measures += item.block == BlockKind::kMeasure;
        if (item.block != last_block) expected_number = 0;
        last_block = item.block;
        // Items are numbered 1, 2, 3 … in each block, and none carries a page number.
        EXPECT_EQ(item.number, ++expected_number) << s->title << " line " << item.line;
        EXPECT_LE(item.line, item.end_line);
        EXPECT_FALSE(std::regex_search(item.text, std::regex("-\\d{1,3}-")))
            << c.file << ":" << item.line << " " << item.text;
      }
      EXPECT_GT(goals, 0) << s->title;
      EXPECT_GT(measures, 0) << s->title;
      counts.emplace_back(goals, measures);
    }
  }
  std::vector<std::string> expected_ids = kWomenDomains;
  expected_ids.insert(expected_ids.end(), kChildrenDomains.begin(), kChildrenDomains.end());
  EXPECT_EQ(ids, expected_ids);
  EXPECT_EQ(counts, c.counts);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) {
                           std::string name = info.param.file.substr(0, info.param.file.find('-'));
                           return name;
                         });

// ---- Same answers whatever the encoding or script ----

std::string Convert(const std::string& utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), conv, status);
  ucnv_close(conv);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(n);
  return out;
}

std::string ToTraditional(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Hans-Hant", UTRANS_FORWARD, status));
  EXPECT_TRUE(U_SUCCESS(status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

struct Shape {
  std::vector<std::string> domain_ids;
  std::vector<std::string> items;  // block + number + working text
};

Shape ShapeOf(const Document& doc) {
  Shape shape;
  for (const Plan& plan : doc.plans) {
    for (const Section& s : plan.sections) {
      if (s.is_domain()) shape.domain_ids.push_back(s.id);
      for (const Item& item : s.items) {
        shape.items.push_back(std::string(BlockKindName(item.block)) + std::to_string(item.number) +
                              item.text);
      }
    }
  }
  return shape;
}

class EncodingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EncodingTest, SameStructureInEveryEncoding) {
  const std::string original = ReadBytes(CorpusFile("henan-anyang-beiguan-2021-2030.txt"));
  Diagnostics diag;
  Shape expected = ShapeOf(ParseBytes(original, "original.txt", &diag));
  std::string bytes;
  if (GetParam() == "gb18030") bytes = Convert(original, "GB18030");
  if (GetParam() == "utf-16le") bytes = "\xFF\xFE" + Convert(original, "UTF-16LE");
  if (GetParam() == "utf-16be") bytes = "\xFE\xFF" + Convert(original, "UTF-16BE");
  if (GetParam() == "crlf") bytes = std::regex_replace(original, std::regex("\n"), "\r\n");
  Document doc = ParseBytes(bytes, "copy.txt", &diag);
  EXPECT_EQ(doc.encoding, GetParam() == "crlf" ? "utf-8" : GetParam());
  Shape actual = ShapeOf(doc);
  EXPECT_EQ(actual.domain_ids, expected.domain_ids);
  EXPECT_EQ(actual.items, expected.items);
  EXPECT_EQ(doc.region.district, "北关区");
}

INSTANTIATE_TEST_SUITE_P(Encodings, EncodingTest,
                         ::testing::Values("gb18030", "utf-16le", "utf-16be", "crlf"),
                         [](const auto& info) {
                           std::string n = info.param;
                           n.erase(std::remove(n.begin(), n.end(), '-'), n.end());
                           return n;
                         });

TEST(StructureTest, TraditionalCopyGivesTheSameStructure) {
  for (const std::string& file : ::guihua::testing::CorpusFiles()) {
    const std::string original = ReadBytes(file);
    Diagnostics diag;
    Document simplified = ParseBytes(original, file, &diag);
    Document traditional = ParseBytes(ToTraditional(original), file, &diag);
    Shape a = ShapeOf(simplified), b = ShapeOf(traditional);
    EXPECT_EQ(a.domain_ids, b.domain_ids) << file;
    EXPECT_EQ(a.items.size(), b.items.size()) << file;
    EXPECT_EQ(traditional.region.district, simplified.region.district) << file;
    EXPECT_EQ(traditional.period.start, simplified.period.start) << file;
  }
}

TEST(StructureTest, TextWithoutHeadingsIsReadAsItems) {
  Diagnostics diag;
  auto source = DecodeSource("今天天气很好。\n我们去公园散步。\n", "note.txt");
  ASSERT_TRUE(source.ok());
  auto doc = Parser().Parse(std::move(*source), &diag);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->kind, DocumentKind::kText);
  ASSERT_EQ(doc->plans.size(), 1u);
  EXPECT_EQ(doc->plans[0].kind, PlanKind::kNone);
  ASSERT_EQ(doc->plans[0].sections.size(), 1u);
  EXPECT_FALSE(doc->plans[0].sections[0].is_domain());
  ASSERT_EQ(doc->plans[0].sections[0].items.size(), 2u);
  EXPECT_EQ(doc->plans[0].sections[0].items[1].text, "我们去公园散步。");
  EXPECT_EQ(doc->plans[0].sections[0].items[1].line, 2);
  EXPECT_TRUE(diag.all().empty());
}

TEST(StructureTest, TextWithoutChineseIsAnError) {
  for (const char* text : {"x", "The weather is fine today.\n", "12345\n-3-\n"}) {
    Diagnostics diag;
    auto source = DecodeSource(text, "note.txt");
    ASSERT_TRUE(source.ok());
    auto doc = Parser().Parse(std::move(*source), &diag);
    ASSERT_FALSE(doc.ok()) << text;
    EXPECT_EQ(doc.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(doc.status().message(), "no Chinese text");
  }
}

TEST(StructureTest, ResponsibleUnitsAreAttachedToTheirDomain) {
  Diagnostics diag;
  auto doc = Parser().ParseFile(CorpusFile("neimenggu-baotou-kundulun-2021-2030.txt"), &diag);
  ASSERT_TRUE(doc.ok());
  const Section* health = Domains(doc->plans[0])[0];
  ASSERT_GE(health->responsible.size(), 5u);
  EXPECT_EQ(health->responsible[0], "卫健委");
  EXPECT_EQ(health->responsible.back(), "融媒体中心");  // wrapped onto the next line in the PDF
}

TEST(StructureTest, UnknownHeadingIsAWarningNotAFailure) {
  std::string text = ReadBytes(CorpusFile("henan-anyang-beiguan-2021-2030.txt"));
  text.insert(text.find("（二）妇女与教育"), "（九）其他事项\n");
  Diagnostics diag;
  Document doc = ParseBytes(text, "with-heading.txt", &diag);
  EXPECT_EQ(doc.plans.size(), 2u);
  bool warned = false;
  for (const auto& d : diag.all()) {
    warned |= d.ToString().find("warning: unknown heading '（九）其他事项'") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

TEST(StructureTest, CopiedDomainBlockIsWarned) {
  std::string text = ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt"));
  // Print the health goals a second time under the education domain, as a careless edit would.
  size_t health = text.find("（一）妇女与健康");
  size_t goals = text.find("主要目标", health);
  size_t measures = text.find("策略措施", goals);
  std::string copied = text.substr(goals, measures - goals);
  size_t education = text.find("（二）妇女与教育");
  text.insert(text.find("\n", education) + 1, copied);
  Diagnostics diag;
  ParseBytes(text, "copied.txt", &diag);
  bool warned = false;
  for (const auto& d : diag.all()) warned |= d.message.find("copied block?") != std::string::npos;
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace guihua

namespace guihua {
namespace {

TEST(StructureTest, StrayTraditionalCharactersAreWarnedWithTheirPlace) {
  Diagnostics diag;
  auto doc = Parser().ParseFile(CorpusFile("henan-anyang-beiguan-2021-2030.txt"), &diag);
  ASSERT_TRUE(doc.ok());
  std::vector<std::string> warnings;
  for (const auto& d : diag.all()) {
    if (d.message.find("traditional character") != std::string::npos) {
      warnings.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message);
    }
  }
  EXPECT_EQ(warnings, (std::vector<std::string>{
                          "210:215 traditional character '涇' (read as '泾')",
                          "617:13 traditional character '學' (read as '学')",
                          "641:233 traditional character '學' (read as '学')",
                          "998:153 traditional character '權' (read as '权')"}));
}

TEST(StructureTest, TraditionalTextGetsOneWarning) {
  Diagnostics diag;
  ParseBytes(ToTraditional(ReadBytes(CorpusFile("tianjin-nankai-2021-2025.txt"))), "t.txt", &diag);
  int count = 0;
  for (const auto& d : diag.all()) count += d.message.find("traditional") != std::string::npos;
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace guihua

namespace guihua {
namespace {

// The Kundulun plan moved to another district: the text names its city (南京) as often as the
// district (浦口区), and the district must still win; a name inside a longer one (南京 in 南京市)
// is not counted twice.
TEST(StructureTest, RegionWhenTheCityIsNamedAsOftenAsTheDistrict) {
  std::string text = ReadBytes(CorpusFile("neimenggu-baotou-kundulun-2021-2030.txt"));
  const std::vector<std::pair<std::string, std::string>> moves = {
      {"昆都仑区", "浦口区"}, {"昆区", "浦口区"}, {"包头市", "南京市"}, {"包头", "南京"},
      {"内蒙古自治区", "江苏省"}, {"内蒙古", "江苏"}};
  for (const auto& [from, to] : moves) text = std::regex_replace(text, std::regex(from), to);
  Diagnostics diag;
  Document doc = ParseBytes(text, "pukou.txt", &diag);
  EXPECT_EQ(doc.region.province, "江苏省");
  EXPECT_EQ(doc.region.city, "南京市");
  EXPECT_EQ(doc.region.district, "浦口区");
}


// PrepareFile + ParseFile(PreparedFile) is ParseFile in two steps (`guihua extract` prepares its
// first file while the rules load): the same document, warnings and errors.
TEST(StructureTest, PreparedFileParsesAsParseFile) {
  for (const std::string& name : {std::string("tianjin-nankai-2021-2025.txt"),
                                  std::string("neimenggu-baotou-kundulun-2021-2030.txt")}) {
    Diagnostics whole_diag, steps_diag;
    auto whole = Parser().ParseFile(CorpusFile(name), &whole_diag);
    auto prepared = StructureParser::PrepareFile(CorpusFile(name));
    ASSERT_TRUE(whole.ok() && prepared.ok()) << name;
    auto steps = Parser().ParseFile(std::move(*prepared), &steps_diag);
    ASSERT_TRUE(steps.ok()) << name;
    EXPECT_EQ(steps->working.text, whole->working.text) << name;
    EXPECT_EQ(steps->working.origin, whole->working.origin) << name;
    EXPECT_EQ(steps->source, whole->source) << name;
    EXPECT_EQ(steps->kind, whole->kind) << name;
    EXPECT_EQ(steps->region.district, whole->region.district) << name;
    EXPECT_EQ(steps->period.end, whole->period.end) << name;
    ASSERT_EQ(steps->plans.size(), whole->plans.size()) << name;
    for (size_t p = 0; p < whole->plans.size(); ++p) {
      ASSERT_EQ(steps->plans[p].sections.size(), whole->plans[p].sections.size()) << name;
      for (size_t s = 0; s < whole->plans[p].sections.size(); ++s) {
        const auto& a = steps->plans[p].sections[s].items;
        const auto& b = whole->plans[p].sections[s].items;
        ASSERT_EQ(a.size(), b.size()) << name;
        for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].text, b[i].text) << name;
      }
    }
    ASSERT_EQ(steps_diag.all().size(), whole_diag.all().size()) << name;
    for (size_t i = 0; i < whole_diag.all().size(); ++i) {
      EXPECT_EQ(steps_diag.all()[i].ToString(), whole_diag.all()[i].ToString()) << name;
    }
  }
  EXPECT_FALSE(StructureParser::PrepareFile(CorpusFile("no-such-plan.txt")).ok());
}

}  // namespace
}  // namespace guihua
