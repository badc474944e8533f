// Plan diff: a plan against itself (from the index and from its file) has no changes; a copy with
// one measure edited, one removed, one added and one target value changed gives exactly those.
#include "compare/diff.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "common/test_support.h"
#include "render/diff_render.h"
#include "render/targets.h"
#include "structure/structure.h"
#include "tokenize/tokenize.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFile;
using ::guihua::testing::ReadBytes;
using ::guihua::testing::RulesDir;
using ::guihua::testing::TempDir;
using ::guihua::testing::WriteBytes;

constexpr char kNankai[] = "tianjin-nankai-2021-2025.txt";

class DiffTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Diagnostics diag;
    parser_ = StructureParser::Load(RulesDir(), &diag)->release();
    extractor_ = Extractor::Load(RulesDir(), &diag)->release();
    tokenizer_ = Tokenizer::Create()->release();
  }
  static void TearDownTestSuite() {
    delete parser_;
    delete extractor_;
    delete tokenizer_;
  }

  static PlanSide FromFile(const std::string& path, Document* keep = nullptr) {
    Diagnostics diag;
    auto doc = parser_->ParseFile(path, &diag);
    EXPECT_TRUE(doc.ok()) << doc.status().message();
    std::vector<std::string> json;
    for (const Target& t : extractor_->ExtractDocument(*doc)) json.push_back(TargetToJson(*doc, t));
    if (keep) *keep = *doc;
    return SideFromDocument(*doc, json);
  }

  static PlanDiff Diff(const PlanSide& a, const PlanSide& b) {
    return DiffPlans(a, b, extractor_->Indicators(), DiffOptions{}, tokenizer_);
  }

  static StructureParser* parser_;
  static Extractor* extractor_;
  static Tokenizer* tokenizer_;
};

StructureParser* DiffTest::parser_ = nullptr;
Extractor* DiffTest::extractor_ = nullptr;
Tokenizer* DiffTest::tokenizer_ = nullptr;

// Replaces the one occurrence of `from` in `text`.
std::string ReplaceOnce(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST_F(DiffTest, FileAgainstItselfHasNoChanges) {
  PlanSide a = FromFile(CorpusFile(kNankai));
  PlanDiff diff = Diff(a, a);
  EXPECT_TRUE(diff.empty());
  int matched = 0;
  for (const DomainDiff& d : diff.domains) matched += d.Count(ItemChange::Kind::kMatched);
  EXPECT_EQ(matched, static_cast<int>(a.items.size()));
  EXPECT_GT(matched, 200);
  EXPECT_NE(RenderPlanDiff(diff, ReportFormat::kTable, Lang::kEn).find("no changes"), std::string::npos);
  EXPECT_NE(RenderPlanDiff(diff, ReportFormat::kTable).find("没有改动"), std::string::npos);
}

TEST_F(DiffTest, IndexedDocumentAgainstItsFileHasNoChanges) {
  std::string dir = TempDir() + "/idx";
  Document doc;
  PlanSide from_file = FromFile(CorpusFile(kNankai), &doc);
  {
    auto writer = IndexWriter::Open(dir);
    ASSERT_TRUE(writer.ok());
    std::vector<Target> targets = extractor_->ExtractDocument(doc);
    std::vector<std::string> json;
    for (const Target& t : targets) json.push_back(TargetToJson(doc, t));
    ASSERT_TRUE((*writer)->Add(doc, targets, json, "hash").ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto index = IndexReader::Open({dir});
  ASSERT_TRUE(index.ok());
  auto from_index = SideFromIndex(**index, "tianjin-nankai-2021-2025");
  ASSERT_TRUE(from_index.ok()) << from_index.status().message();
  EXPECT_EQ(from_index->items.size(), from_file.items.size());
  EXPECT_EQ(from_index->targets.size(), from_file.targets.size());
  EXPECT_TRUE(Diff(*from_index, *from_index).empty());
  EXPECT_TRUE(Diff(*from_index, from_file).empty());
  EXPECT_TRUE(Diff(from_file, *from_index).empty());
  EXPECT_EQ(SideFromIndex(**index, "nowhere").status().code(), StatusCode::kNotFound);
  // Printed text (index, full-width ，) against working text (file, NFKC ,): no punctuation edits.
  std::string edited = TempDir() + "/edited.txt";
  WriteBytes(edited, ReplaceOnce(ReadBytes(CorpusFile(kNankai)), "艾滋病母婴传播率下降到2%以下",
                                 "艾滋病母婴传播率下降到1.5%以下"));
  PlanDiff diff = Diff(*from_index, FromFile(edited));
  ASSERT_EQ(diff.domains.front().Count(ItemChange::Kind::kChanged), 1);
  for (const ItemChange& c : diff.domains.front().items) {
    if (c.kind == ItemChange::Kind::kChanged) {
      EXPECT_EQ(c.edits.size(), 4u) << FormatEdits(c.edits);  // equal, delete, insert, equal
    }
  }
}

TEST_F(DiffTest, EditedCopyGivesExactlyTheEdits) {
  std::string text = ReadBytes(CorpusFile(kNankai));
  // Edited measure: a phrase rewritten.
  text = ReplaceOnce(text, "7.预防和控制艾滋病、梅毒、乙肝母婴传播。全面落实",
                     "7.预防和控制艾滋病、梅毒、乙肝母婴传播。全区严格落实");
  // Removed measure: 3.全力实施妇女儿童健康提升计划 (its whole line).
  size_t start = text.find("3.全力实施妇女儿童健康提升计划");
  ASSERT_NE(start, std::string::npos);
  start = text.rfind('\n', start) + 1;
  text.erase(start, text.find('\n', start) + 1 - start);
  // Added measure after 12.
  size_t twelve = text.find("12.强化妇女健康的科技保障");
  size_t eol = text.find('\n', twelve);
  text.insert(eol + 1, "\n13.建立妇女健康数据共享平台。依托区级卫生健康信息平台，整合妇幼保健和医疗救治数据，"
                       "实现妇女健康信息互联互通，为精准服务提供支撑。\n");
  // Target value changed: 艾滋病母婴传播率 2% → 1.5%.
  text = ReplaceOnce(text, "艾滋病母婴传播率下降到2%以下", "艾滋病母婴传播率下降到1.5%以下");
  std::string copy = TempDir() + "/" + kNankai;
  WriteBytes(copy, text);

  PlanDiff diff = Diff(FromFile(CorpusFile(kNankai)), FromFile(copy));
  std::vector<std::string> changes;
  for (const DomainDiff& d : diff.domains) {
    for (const ItemChange& c : d.items) {
      if (c.kind == ItemChange::Kind::kMatched) continue;
      const DiffItem& x = c.b ? *c.b : *c.a;
      std::string what = d.domain_id + " " + ItemChangeName(c.kind) + " " + x.block + " " + std::to_string(x.number);
      changes.push_back(what);
      if (c.kind == ItemChange::Kind::kChanged && x.block == "measure") {
        EXPECT_NE(FormatEdits(c.edits).find("传播。全[-面-]{+区严格+}落实预防"), std::string::npos)
            << FormatEdits(c.edits);
      }
      if (c.kind == ItemChange::Kind::kChanged && x.block == "goal") {
        EXPECT_NE(FormatEdits(c.edits).find("下降到[-2-]{+1.5+}%以下"), std::string::npos)
            << FormatEdits(c.edits);
      }
    }
    for (const TargetChange& t : d.targets) {
      changes.push_back(d.domain_id + " target " + t.indicator_id + " " + FormatValue(*t.a) + " -> " +
                        FormatValue(*t.b) + " " + VerdictName(t.verdict));
    }
  }
  EXPECT_EQ(changes, (std::vector<std::string>{
                         "women.health changed goal 5",
                         "women.health changed measure 7",
                         "women.health removed measure 3",
                         "women.health added measure 13",
                         "women.health target hiv_mtct ≤2% -> ≤1.5% stricter",
                     }));
  std::string table = RenderPlanDiff(diff, ReportFormat::kTable, Lang::kEn);
  EXPECT_NE(table.find("妇女与健康 (women.health): 20 matched, 2 changed, 1 added, 1 removed, 1 targets changed"),
            std::string::npos)
      << table;
  std::string zh = RenderPlanDiff(diff, ReportFormat::kTable);
  EXPECT_NE(zh.find("妇女与健康 (women.health): 相同 20，改动 2，新增 1，删除 1，1 个目标有变化 (更严 1)"),
            std::string::npos)
      << zh;
}

struct EditCase {
  std::string a, b, marked;
};

class DiffWordsTest : public DiffTest, public ::testing::WithParamInterface<EditCase> {};

TEST_P(DiffWordsTest, MarksTheChangedWords) {
  const EditCase& c = GetParam();
  std::vector<TextEdit> edits = DiffWords(c.a, c.b, tokenizer_);
  EXPECT_EQ(FormatEdits(edits), c.marked);
  std::string old_text, new_text;
  for (const TextEdit& e : edits) {
    if (e.op != TextEdit::Op::kInsert) old_text += e.text;
    if (e.op != TextEdit::Op::kDelete) new_text += e.text;
  }
  EXPECT_EQ(old_text, c.a);
  EXPECT_EQ(new_text, c.b);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DiffWordsTest,
    ::testing::Values(EditCase{"孕产妇死亡率控制在12/10万以下。", "孕产妇死亡率控制在10/10万以下。",
                               "孕产妇死亡率控制在1[-2-]{+0+}/10万以下。"},
                      EditCase{"加强妇女心理健康服务。", "加强妇女心理健康服务。", "加强妇女心理健康服务。"},
                      EditCase{"加强妇女心理健康服务。", "加强妇女和儿童心理健康服务。",
                               "加强妇女{+和儿童+}心理健康服务。"},
                      EditCase{"完善宫颈癌和乳腺癌综合防治体系和救助政策。", "完善宫颈癌和乳腺癌综合防治体系。",
                               "完善宫颈癌和乳腺癌综合防治体系[-和救助政策-]。"},
                      EditCase{"", "新增", "{+新增+}"}),
    // Named by position: the cases are Chinese sentences, which gtest does not take as names.
    [](const auto& info) { return "Case" + std::to_string(info.index); });

}  // namespace
}  // namespace guihua
