// Tests of the PDF, DOCX and HTML readers: PDF, DOCX and HTML versions of corpus plans (made by
// tools/make-fixtures with LibreOffice, committed under tests/fixtures/formats/) give the same
// plans, domains, items and targets as the .txt; Word numbering is printed; and every damaged,
// encrypted or hostile input fails with its one-line message instead of crashing or hanging.
#include <gtest/gtest.h>
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "common/test_support.h"
#include "extract/extract.h"
#include "read/internal/formats.h"
#include "read/read.h"
#include "structure/structure.h"

namespace guihua {
namespace {

using read_internal::Format;
using read_internal::Sniff;

const char* const kPlans[] = {"henan-anyang-beiguan-2021-2030", "tianjin-nankai-2021-2025"};

std::string Fixture(const std::string& name) {
  return testing::SourceDir() + "/tests/fixtures/formats/" + name;
}

std::string NoSpace(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (s.substr(i, 3) == "\u3000" || s.substr(i, 2) == "\u00A0") {  // ideographic, no-break space
      i += s.substr(i, 3) == "\u3000" ? 2 : 1;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

class FormatsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diag;
    auto parser = StructureParser::Load(testing::RulesDir(), &diag);
    ASSERT_TRUE(parser.ok()) << parser.status().message();
    parser_ = parser->release();
    auto extractor = Extractor::Load(testing::RulesDir(), &diag);
    ASSERT_TRUE(extractor.ok()) << extractor.status().message();
    extractor_ = extractor->release();
  }
  static void TearDownTestSuite() {
    delete parser_;
    delete extractor_;
  }

  // Everything a reader of the parse and extract output sees, minus line numbers and spacing.
  static std::vector<std::string> Summary(const std::string& path) {
    Diagnostics diag;
    auto doc = parser_->ParseFile(path, &diag);
    EXPECT_TRUE(doc.ok()) << path << ": " << doc.status().message();
    if (!doc.ok()) return {};
    std::vector<std::string> out = {"region " + doc->region.province + doc->region.city +
                                        doc->region.district,
                                    "period " + std::to_string(doc->period.start) + "-" +
                                        std::to_string(doc->period.end),
                                    "issuer " + doc->issuer + " " + doc->doc_number + " " +
                                        doc->date};
    for (const Plan& plan : doc->plans) {
      out.push_back(std::string("plan ") + PlanKindName(plan.kind) + " " + NoSpace(plan.title));
      for (const Section& section : plan.sections) {
        out.push_back("section " + section.id + " " + section.title);
        for (const Item& item : section.items) {
          out.push_back(std::string("item ") + BlockKindName(item.block) + " " +
                        std::to_string(item.number) + " " + NoSpace(item.text));
        }
      }
    }
    for (const Target& t : extractor_->ExtractDocument(*doc)) {
      out.push_back("target " + t.indicator + " " + t.indicator_id + " " + t.comparator + " " +
                    (t.value ? std::to_string(*t.value) : "-") + " " + t.unit + " " +
                    t.value_text + " " + NoSpace(t.quote) + " " + std::to_string(t.plan_index) +
                    "/" + std::to_string(t.section_index) + "/" + std::to_string(t.item_index));
    }
    return out;
  }

  static StructureParser* parser_;
  static Extractor* extractor_;
};

StructureParser* FormatsTest::parser_ = nullptr;
Extractor* FormatsTest::extractor_ = nullptr;

TEST_F(FormatsTest, EveryFormatGivesTheSamePlansItemsAndTargetsAsTheText) {
  for (const char* plan : kPlans) {
    std::vector<std::string> expected = Summary(testing::CorpusFile(std::string(plan) + ".txt"));
    ASSERT_GT(expected.size(), 100u) << plan;
    std::vector<std::string> files = {std::string(plan) + ".pdf", std::string(plan) + ".docx",
                                      std::string(plan) + ".html"};
    if (plan == kPlans[0]) files.push_back(std::string(plan) + ".gbk.html");
    for (const std::string& file : files) {
      std::vector<std::string> got = Summary(Fixture(file));
      EXPECT_EQ(got.size(), expected.size()) << file;
      for (size_t i = 0; i < std::min(got.size(), expected.size()); ++i) {
        ASSERT_EQ(got[i], expected[i]) << file << " row " << i;
      }
    }
  }
}

// Items and targets of a PDF carry the page they are printed on; a text file has none.
TEST_F(FormatsTest, PdfItemsAndTargetsCarryTheirPage) {
  Diagnostics diag;
  auto pdf = parser_->ParseFile(Fixture(std::string(kPlans[1]) + ".pdf"), &diag);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  int last_page = 1, items = 0;
  for (const Plan& plan : pdf->plans) {
    for (const Section& section : plan.sections) {
      for (const Item& item : section.items) {
        ++items;
        EXPECT_GE(item.page, last_page) << item.text;  // pages never go back
        last_page = item.page;
      }
    }
  }
  EXPECT_GT(items, 0);
  EXPECT_GT(last_page, 10);  // the plan runs over many pages
  for (const Target& t : extractor_->ExtractDocument(*pdf)) {
    EXPECT_EQ(t.page, pdf->PageOf(t.line)) << t.quote;
    EXPECT_GE(t.page, 1) << t.quote;
  }
  auto txt = parser_->ParseFile(testing::CorpusFile(std::string(kPlans[1]) + ".txt"), &diag);
  ASSERT_TRUE(txt.ok());
  EXPECT_EQ(txt->plans[0].sections.back().items.back().page, 0);
}

TEST_F(FormatsTest, FormatsAreRecognizedByContentNotByName) {
  for (const char* plan : kPlans) {
    std::string base = std::string(plan);
    struct Case {
      std::string file, encoding;
    } cases[] = {{base + ".pdf", "pdf"}, {base + ".docx", "docx"}, {base + ".html", "html-utf-8"}};
    for (const Case& c : cases) {
      std::string renamed = testing::TempDir() + "/plan.txt";
      testing::WriteBytes(renamed, testing::ReadBytes(Fixture(c.file)));
      auto source = ReadSource(renamed);
      ASSERT_TRUE(source.ok()) << c.file << ": " << source.status().message();
      EXPECT_EQ(source->encoding, c.encoding) << c.file;
    }
  }
  auto gbk = ReadSource(Fixture(std::string(kPlans[0]) + ".gbk.html"));
  ASSERT_TRUE(gbk.ok()) << gbk.status().message();
  EXPECT_EQ(gbk->encoding, "html-gbk");
  auto utf8 = ReadSource(Fixture(std::string(kPlans[0]) + ".html"));
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(gbk->text, utf8->text);
}

TEST(SniffTest, PicksTheReaderFromTheBytes) {
  struct Case {
    std::string bytes;
    Format format;
  } cases[] = {
      {"%PDF-1.7\n...", Format::kPdf},
      {"\n\n%PDF-1.4", Format::kPdf},
      {std::string("PK\x03\x04", 4) + "word/document.xml", Format::kDocx},
      {"<!DOCTYPE html><html>", Format::kHtml},
      {"\xEF\xBB\xBF  <HTML lang=zh>", Format::kHtml},
      {"<head><meta charset=gbk></head>", Format::kHtml},
      {"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", Format::kHtml},
      {"某区妇女发展规划\n<html> is only mentioned here\n", Format::kText},
      {"一、总体目标\n", Format::kText},
  };
  for (const Case& c : cases) EXPECT_EQ(Sniff(c.bytes), c.format) << c.bytes;
}

TEST(PdfReaderTest, KeepsPagesAndDropsRunningHeadersAndPageNumbers) {
  auto source = ReadSource(Fixture(std::string(kPlans[0]) + ".pdf"));
  ASSERT_TRUE(source.ok()) << source.status().message();
  std::vector<std::string> lines = Lines(source->text);
  ASSERT_EQ(source->line_pages.size(), lines.size());
  EXPECT_EQ(source->line_pages.front(), 1);
  EXPECT_GT(source->line_pages.back(), 10);
  EXPECT_TRUE(std::is_sorted(source->line_pages.begin(), source->line_pages.end()));
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_NE(NoSpace(lines[i]), "妇女儿童发展规划") << "running header left at line " << i + 1;
    EXPECT_FALSE(lines[i].starts_with("- ") && lines[i].ends_with(" -"))
        << "page number left at line " << i + 1 << ": " << lines[i];
  }
  // Every page of the plan keeps its text: consecutive pages, none lost.
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_LE(source->line_pages[i] - source->line_pages[i - 1], 1) << i;
  }
  // The other formats have no pages.
  auto docx = ReadSource(Fixture(std::string(kPlans[0]) + ".docx"));
  ASSERT_TRUE(docx.ok());
  EXPECT_TRUE(docx->line_pages.empty());
}

TEST(DocxReaderTest, PrintsWordNumberingAndTableRowsAndSkipsFootersAndDeletions) {
  auto source = ReadSource(Fixture("numbering.docx"));
  ASSERT_TRUE(source.ok()) << source.status().message();
  std::vector<std::string> expected = {
      "测试区妇女发展规划（2021—2030年）",
      "一、指导思想、基本原则和总体目标",
      "到2030年，妇女全面发展的环境更加优化。",
      "二、发展领域、主要目标和策略措施",
      "（一）妇女与健康",
      "主要目标：",
      "1.孕产妇死亡率控制在12/10万以下。",
      "2.宫颈癌和乳腺癌综合防治能力不断增强。适龄妇女宫颈癌人群筛查率达到70%以上。",
      "策略措施：",
      "1.完善妇幼健康服务体系。",  // numId 3: the same list format, restarted
      "分段\t文字",                  // the deleted revision is not text
      "指标、目标值：",                 // an indicator table: its header, then a row a statement
      "孕产妇死亡率目标值为12/10万。",
      "（二）妇女与教育",
      "三、组织实施",
  };
  EXPECT_EQ(Lines(source->text), expected);
  EXPECT_EQ(source->text.find("页脚"), std::string::npos);
}

// An indicator table (指标 | 单位 | 2020年基期值 | 2030年目标值 | 属性) in an HTML page and in the
// DOCX LibreOffice made of it (soffice --convert-to docx): each row is an item of the 附件 section
// whose values are read with the kind their column gives, the unit of the 单位 column and the
// column's year.
TEST_F(FormatsTest, IndicatorTableRowsAreReadAsItems) {
  const std::vector<std::string> want = {
      "target 婴儿死亡率 <= 5 ‰ @2030",
      "target 学前教育毛入园率 >= 95 % @2030",
      "baseline 婴儿死亡率 = 4.2 ‰ @2020",
      "target 婴儿死亡率 <= 3 ‰ @2030",
      "baseline 学前教育毛入园率 = 92 % @2020",
      "target 学前教育毛入园率 >= 95 % @2030",
      "baseline 每千人口拥有3岁以下婴幼儿托位数 = 1.5 个 @2020",
      "target 每千人口拥有3岁以下婴幼儿托位数 = 4.5 个 @2030"};
  for (const char* file : {"indicator-table.html", "indicator-table.docx"}) {
    Diagnostics diag;
    auto doc = parser_->ParseFile(Fixture(file), &diag);
    ASSERT_TRUE(doc.ok()) << file << ": " << doc.status().message();
    std::vector<std::string> got;
    for (const Target& t : extractor_->ExtractDocument(*doc)) {
      char value[32];
      std::snprintf(value, sizeof value, "%g", t.value.value_or(-1));
      got.push_back(std::string(TargetKindName(t.kind)) + " " + t.indicator + " " + t.comparator +
                    " " + value + " " + t.unit + " @" + std::to_string(t.year));
    }
    EXPECT_EQ(got, want) << file;
    const Section& appendix = doc->plans[0].sections.back();
    EXPECT_EQ(appendix.title, "附件") << file;
    EXPECT_EQ(appendix.items.size(), 4u) << file;  // the header, then one item per row
  }
}

// ---- failure modes --------------------------------------------------------------------------

std::string ReadError(const std::string& bytes) {
  auto source = DecodeSource(bytes, "x");
  if (source.ok()) return "ok";
  EXPECT_EQ(source.status().message().find('\n'), std::string::npos);
  return source.status().message();
}

TEST(PdfReaderTest, ScannedEncryptedAndTruncatedPdfsFailWithOneLine) {
  EXPECT_EQ(ReadError(testing::ReadBytes(Fixture("no-text-layer.pdf"))),
            "no text layer (scanned PDF?)");
  EXPECT_EQ(ReadError(testing::ReadBytes(Fixture("encrypted.pdf"))),
            "encrypted PDF (a password is required)");
  std::string pdf = testing::ReadBytes(Fixture(std::string(kPlans[1]) + ".pdf"));
  for (size_t cut : {pdf.size() / 2, pdf.size() - 100, size_t{10}}) {
    EXPECT_EQ(ReadError(pdf.substr(0, cut)), "truncated PDF (no %%EOF end marker)") << cut;
  }
  EXPECT_EQ(ReadError("%PDF-1.4\ngarbage\n%%EOF\n"), "damaged PDF (poppler cannot open it)");
}

TEST(PdfReaderTest, ABrokenCrossReferenceTableIsRebuiltAndReadsTheSame) {
  std::string pdf = testing::ReadBytes(Fixture(std::string(kPlans[1]) + ".pdf"));
  auto good = DecodeSource(pdf, "x");
  ASSERT_TRUE(good.ok());
  // Point startxref at nonsense and scramble the table's offsets.
  size_t at = pdf.rfind("startxref");
  ASSERT_NE(at, std::string::npos);
  std::string broken = pdf.substr(0, at) + "startxref\n123\n%%EOF\n";
  size_t xref = broken.rfind("\nxref");
  ASSERT_NE(xref, std::string::npos);
  for (size_t i = xref + 20; i < xref + 400 && i < broken.size(); ++i) {
    if (broken[i] >= '1' && broken[i] <= '8') broken[i] = static_cast<char>(broken[i] + 1);
  }
  auto rebuilt = DecodeSource(broken, "x");
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().message();
  EXPECT_EQ(rebuilt->text, good->text);
}

// A zip of one entry, built with libzip in memory.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, data] : entries) {
    zip_source_t* src = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_file_add(archive, name.c_str(), src, ZIP_FL_OVERWRITE);
  }
  EXPECT_EQ(zip_close(archive), 0);
  zip_stat_t st;
  zip_source_stat(out, &st);
  std::string bytes(st.size, '\0');
  zip_source_open(out);
  zip_source_read(out, bytes.data(), st.size);
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

TEST(DocxReaderTest, ZipBombsAreRefusedBeforeTheyInflate) {
  // 3 MB of one byte against a 1 MB cap (the real cap, 200 MB, works the same way, see the
  // end-to-end test).
  std::string doc = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>" +
                    std::string(3 << 20, 'a') + "</w:t></w:r></w:p></w:body></w:document>";
  std::string bomb = MakeZip({{"word/document.xml", doc}});
  EXPECT_LT(bomb.size(), 20000u);
  auto source = read_internal::ReadDocx(bomb, "x", 1 << 20);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().message(), "DOCX inflates past 1 MB (zip bomb?)");
  // The same under the cap reads.
  EXPECT_TRUE(read_internal::ReadDocx(bomb, "x", 8 << 20).ok());
}

TEST(DocxReaderTest, TruncatedAndCorruptArchivesFailWithOneLine) {
  std::string docx = testing::ReadBytes(Fixture(std::string(kPlans[1]) + ".docx"));
  for (size_t cut : {docx.size() / 2, docx.size() - 10, size_t{100}}) {
    std::string message = ReadError(docx.substr(0, cut));
    EXPECT_TRUE(message.starts_with("damaged DOCX (")) << cut << ": " << message;
  }
  // Flip bytes inside the compressed document: a CRC or inflate error, not garbage text.
  std::string corrupt = docx;
  size_t at = corrupt.find("word/document.xml");
  ASSERT_NE(at, std::string::npos);
  for (size_t i = at + 200; i < at + 2000; i += 7) corrupt[i] = static_cast<char>(~corrupt[i]);
  std::string message = ReadError(corrupt);
  EXPECT_TRUE(message.starts_with("damaged DOCX (")) << message;
  // A zip that is not a Word document stays binary data.
  EXPECT_EQ(ReadError(MakeZip({{"a.txt", "hello"}})),
            "binary data, not text (ZIP archive without word/document.xml, not a DOCX)");
  // Malformed XML in the document part.
  message = ReadError(MakeZip({{"word/document.xml", "<w:document><w:body><w:p>"}}));
  EXPECT_TRUE(message.starts_with("damaged DOCX (word/document.xml: ")) << message;
}

TEST(HtmlReaderTest, MainTextWithoutScriptsStylesNavigationHeaderAndFooter) {
  auto source = ReadSource(Fixture(std::string(kPlans[1]) + ".html"));
  ASSERT_TRUE(source.ok()) << source.status().message();
  for (const char* gone : {"不是正文", "首页", "政务公开", "网站标识码", "text-indent", "门户网站"}) {
    EXPECT_EQ(source->text.find(gone), std::string::npos) << gone;
  }
  EXPECT_TRUE(source->text.starts_with("南开区人民政府关于印发南开区\n")) << source->text.substr(0, 80);
}

TEST(HtmlReaderTest, BlocksBecomeLinesAndBrokenMarkupIsRecovered) {
  auto source = DecodeSource(
      "<html><body><div>一、总体<b>目标</div><p>1.孕产妇死亡率<i>控制在12/10万以下<br>下一行"
      "</span></td><table><tr><td>指标</td><td>目标值</td></tr></table><pre>  保留\n  空格</pre>",
      "x");
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ(source->text,
            "一、总体目标\n1.孕产妇死亡率控制在12/10万以下\n下一行\n指标\t目标值\n  保留\n  空格\n");
}

TEST(HtmlReaderTest, DeepNestingNeitherCrashesNorHangs) {
  std::string deep = "<!DOCTYPE html><html><body>";
  for (int i = 0; i < 200000; ++i) deep += "<div><span>";
  deep += "一、总体目标";  // never closed
  auto source = DecodeSource(deep, "x");
  // libxml2 may keep or cut the innermost text; either way one clean answer.
  if (source.ok()) {
    EXPECT_NE(source->text.find("一、总体目标"), std::string::npos);
  } else {
    EXPECT_EQ(source.status().message(), "no text in HTML page (nested deeper than 256 elements)");
  }
}

TEST(HtmlReaderTest, CharsetErrorsAreOneLine) {
  EXPECT_EQ(ReadError("<html><head><meta charset=\"x-no-such\"></head><body>文字</body></html>"),
            "unsupported charset x-no-such");
  EXPECT_EQ(ReadError("<html><head><meta charset=\"utf-8\"></head><body>\xB9\xE6</body></html>"),
            "invalid UTF-8 in HTML page at byte 47");
  EXPECT_EQ(ReadError("<html><body><script>var a;</script></body></html>"),
            "no text in HTML page");
}

}  // namespace
}  // namespace guihua
