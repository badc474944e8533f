// The label table (rules/labels.tsv, render/labels.h): every id has 中文 and English, every verdict
// and kind renders in both, the ids the writers use are all in the file, and the file's errors
// name their line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "common/test_support.h"
#include "compare/compare.h"
#include "render/compare_fixture.h"
#include "render/compare_table.h"
#include "render/labels.h"

namespace guihua {
namespace {

// Chinese text: a CJK character or full-width punctuation (B：), i.e. any byte beyond ASCII.
bool HasHan(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0xE3) return true;
  }
  return false;
}

TEST(LabelTable, TheCompiledTableIsTheFile) {
  std::string text = testing::ReadBytes(testing::RulesDir() + "/labels.tsv");
  auto rows = ParseLabels(text, "rules/labels.tsv");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), LabelTable().size()) << "rebuild: the compiled table is older than the file";
  for (size_t i = 0; i < rows->size(); ++i) {
    EXPECT_EQ((*rows)[i].id, LabelTable()[i].id);
    EXPECT_EQ((*rows)[i].zh, LabelTable()[i].zh);
    EXPECT_EQ((*rows)[i].en, LabelTable()[i].en);
  }
  // labels.js embeds the file in a JavaScript raw template string.
  EXPECT_EQ(text.find('`'), std::string::npos);
  EXPECT_EQ(text.find("${"), std::string::npos);
}

TEST(LabelTable, EveryIdHasChineseAndEnglish) {
  ASSERT_GT(LabelTable().size(), 50u);
  for (const LabelRow& row : LabelTable()) {
    SCOPED_TRACE(std::string(row.id));
    EXPECT_TRUE(HasHan(row.zh)) << "zh: " << row.zh;
    EXPECT_FALSE(row.en.empty());
    EXPECT_FALSE(HasHan(row.en) && row.en == row.zh) << "en: " << row.en;
    // A {N} in one language is in the other.
    for (const char* slot : {"{1}", "{2}", "{3}"}) {
      EXPECT_EQ(row.zh.find(slot) == std::string_view::npos, row.en.find(slot) == std::string_view::npos)
          << slot;
    }
  }
}

TEST(LabelTable, EveryVerdictRendersInBoth) {
  const struct {
    Verdict verdict;
    const char* zh;
    const char* en;
  } kCases[] = {
      {Verdict::kStricter, "更严", "stricter"}, {Verdict::kSame, "相同", "same"},
      {Verdict::kLooser, "更宽", "looser"},     {Verdict::kNoNumber, "无数值", "no number"},
      {Verdict::kMissing, "未设定", "missing"}, {Verdict::kExtra, "额外", "extra"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(VerdictName(c.verdict));
    EXPECT_EQ(ValueLabel("verdict", VerdictName(c.verdict), Lang::kZh), c.zh);
    EXPECT_EQ(ValueLabel("verdict", VerdictName(c.verdict), Lang::kEn), c.en);
    EXPECT_TRUE(HasHan(Label(std::string("verdict_hint.") + VerdictName(c.verdict), Lang::kZh)));
  }
}

// The words of plans, kinds and blocks are those of rules/names.tsv, which the options accept.
TEST(LabelTable, KindsAgreeWithNamesTsv) {
  std::ifstream in(testing::RulesDir() + "/names.tsv");
  const std::map<std::string, std::string> kVocabulary = {
      {"plan", "plan"}, {"value_kind", "kind"}, {"document_kind", "document_kind"}, {"block", "block"}};
  int checked = 0;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    for (size_t start = 0, tab;; start = tab + 1) {
      tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
    }
    if (cells.size() < 5 || !kVocabulary.count(cells[0])) continue;
    SCOPED_TRACE(line);
    EXPECT_EQ(ValueLabel(kVocabulary.at(cells[0]), cells[1], Lang::kZh), cells[3]);
    ++checked;
  }
  EXPECT_EQ(checked, 13);
}

// Every literal id a writer or the CLI asks for is in the table (an id missing would print as
// itself).
TEST(LabelTable, EveryIdInUseIsInTheTable) {
  std::set<std::string> ids;
  for (const LabelRow& row : LabelTable()) ids.insert(std::string(row.id));
  const std::regex kCall(R"re(\bLabel\("([a-z_.]+)")re");
  const std::regex kValue(R"re(ValueLabel\("([a-z_]+)", "([a-z_]+)")re");
  int used = 0;
  for (const char* dir : {"src/render", "src/render/internal", "src/cli"}) {
    for (const auto& entry : std::filesystem::directory_iterator(testing::SourceDir() + "/" + dir)) {
      if (entry.path().extension() != ".cc") continue;
      std::string source = testing::ReadBytes(entry.path().string());
      for (std::sregex_iterator it(source.begin(), source.end(), kCall), end; it != end; ++it) {
        if ((*it)[1].str().back() == '.') continue;  // a prefix: "verdict_hint." + name
        EXPECT_TRUE(ids.count((*it)[1])) << entry.path().filename() << ": " << (*it)[1];
        ++used;
      }
      for (std::sregex_iterator it(source.begin(), source.end(), kValue), end; it != end; ++it) {
        std::string id = (*it)[1].str() + "." + (*it)[2].str();
        EXPECT_TRUE(ids.count(id)) << entry.path().filename() << ": " << id;
      }
    }
  }
  EXPECT_GT(used, 20);
}

TEST(Label, FillsItsSlotsAndShowsAnUnknownId) {
  EXPECT_EQ(Label("compare.reference_column", Lang::kZh, {"北关区"}), "北关区（参照）");
  EXPECT_EQ(Label("compare.reference_column", Lang::kEn, {"北关区"}), "北关区 (reference)");
  EXPECT_EQ(Label("no.such.label", Lang::kZh), "no.such.label");
  EXPECT_EQ(ValueLabel("plan", "women", Lang::kZh), "妇女");
  EXPECT_EQ(ValueLabel("plan", "elderly", Lang::kZh), "elderly");  // a value without a label
  EXPECT_EQ(ValueLabel("plan", "", Lang::kZh), "");
}

TEST(ParseLang, Names) {
  const struct {
    const char* name;
    bool ok;
    Lang lang;
  } kCases[] = {{"zh", true, Lang::kZh}, {"中文", true, Lang::kZh}, {"en", true, Lang::kEn},
                {"english", true, Lang::kEn}, {"fr", false, Lang::kZh}, {"", false, Lang::kZh}};
  for (const auto& c : kCases) {
    Lang lang = Lang::kZh;
    EXPECT_EQ(ParseLang(c.name, &lang), c.ok) << c.name;
    if (c.ok) EXPECT_EQ(lang, c.lang) << c.name;
  }
}

TEST(ParseLabels, ErrorsNameTheLine) {
  const struct {
    const char* text;
    const char* error;
  } kCases[] = {
      {"# c\nid\tzh\n", "x.tsv:2: the header must be 'id<TAB>zh<TAB>en'"},
      {"id\tzh\ten\na\t甲\n", "x.tsv:2: a label is three non-empty columns: id, zh, en"},
      {"id\tzh\ten\na\t甲\ta\tb\n", "x.tsv:2: a label is three non-empty columns: id, zh, en"},
      {"id\tzh\ten\na\t\ta\n", "x.tsv:2: a label is three non-empty columns: id, zh, en"},
      {"id\tzh\ten\na\t甲\ta\na\t乙\tb\n", "x.tsv:3: 'a' is labelled already on line 2"},
      {"id\tzh\ten\nb\t甲\ta\n\na\t乙\tb\n",
       "x.tsv:4: 'a' is out of order: the rows are sorted by id (line 2 is 'b')"},
      {"# only a comment\n", "x.tsv: no header line"},
  };
  for (const auto& c : kCases) {
    auto rows = ParseLabels(c.text, "x.tsv");
    ASSERT_FALSE(rows.ok()) << c.text;
    EXPECT_EQ(rows.status().message(), c.error);
  }
  auto rows = ParseLabels("id\tzh\ten\r\na\t甲\tA a\r\n", "x.tsv");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].en, "A a");
}

// The compare table in each language: the Chinese words by default, today's English with
// Lang::kEn, and no id left showing in either.
TEST(LabelTable, CompareTableInBothLanguages) {
  TargetTable table = testing::SampleTargetTable();
  const struct {
    CompareFormat format;
    const char *zh_verdict, *en_verdict;  // how a verdict is marked in that format
  } kCases[] = {{CompareFormat::kTable, "[更严]", "[stricter]"},
                {CompareFormat::kMarkdown, "*更严*", "*stricter*"},
                {CompareFormat::kHtml, ">更严<", ">stricter<"}};
  for (const auto& [format, zh_verdict, en_verdict] : kCases) {
    std::string zh = RenderTargetTable(table, format, CompareRenderOptions{});
    std::string en = RenderTargetTable(table, format, CompareRenderOptions{.lang = Lang::kEn});
    for (const std::string* out : {&zh, &en}) {
      for (const char* id : {"verdict.", "compare.", "plan.", "column."}) {
        EXPECT_EQ(out->find(id), std::string::npos) << id << " in\n" << *out;
      }
    }
    EXPECT_NE(zh.find("指标"), std::string::npos) << zh;
    EXPECT_NE(zh.find(zh_verdict), std::string::npos) << zh;
    EXPECT_EQ(zh.find(en_verdict), std::string::npos) << zh;
    EXPECT_NE(en.find("indicator"), std::string::npos) << en;
    EXPECT_NE(en.find(en_verdict), std::string::npos) << en;
    EXPECT_EQ(en.find(zh_verdict), std::string::npos) << en;
  }
}

}  // namespace
}  // namespace guihua
