// Measure alignment on the corpus: the women.health measures of the five districts, grouped at the
// default threshold, pinned by headline and district; threshold behaviour; determinism.
#include "compare/measures.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "common/corpus_index.h"
#include "common/test_support.h"
#include "extract/extract.h"
#include "render/measures_render.h"
#include "render/targets.h"
#include "structure/structure.h"
#include "tokenize/tokenize.h"

namespace guihua {
namespace {

using ::guihua::testing::CorpusFiles;
using ::guihua::testing::CorpusIndexDir;
using ::guihua::testing::RulesDir;

class MeasuresTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto reader = IndexReader::Open({CorpusIndexDir()});
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    index_ = reader->release();
    tokenizer_ = Tokenizer::Create()->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete tokenizer_;
  }

  static MeasureAlignment Align(const std::string& domain, double threshold = kDefaultMeasureThreshold,
                                SimilarityFeatures features = SimilarityFeatures::kBigrams,
                                std::vector<std::string> documents = {}) {
    MeasureOptions options;
    options.domain = domain;
    options.threshold = threshold;
    options.features = features;
    options.documents = std::move(documents);
    auto al = AlignMeasures(*index_, options, tokenizer_);
    EXPECT_TRUE(al.ok()) << al.status().message();
    return al.ok() ? *al : MeasureAlignment{};
  }

  // "district:item" of every member of every group, one string per group.
  static std::vector<std::string> Signature(const MeasureAlignment& al) {
    std::vector<std::string> out;
    for (const MeasureGroup& g : al.groups) {
      std::string s;
      for (const MeasureMember& m : g.members) {
        s += al.labels[m.column] + ":" + std::to_string(m.item.item) + " ";
      }
      out.push_back(s);
    }
    return out;
  }

  static IndexReader* index_;
  static Tokenizer* tokenizer_;
};

IndexReader* MeasuresTest::index_ = nullptr;
Tokenizer* MeasuresTest::tokenizer_ = nullptr;

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

TEST_F(MeasuresTest, HealthSystemMeasureOfEveryDistrictIsOneGroup) {
  MeasureAlignment al = Align("women.health");
  ASSERT_EQ(al.columns.size(), 5u);
  const MeasureGroup* found = nullptr;
  for (const MeasureGroup& g : al.groups) {
    for (const MeasureMember& m : g.members) {
      if (StartsWith(m.item.text, "完善保障妇女健康的制度机制")) found = &g;
    }
  }
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->title, "完善保障妇女健康的制度机制");
  ASSERT_EQ(found->members.size(), 5u);
  for (const MeasureMember& m : found->members) {
    EXPECT_TRUE(StartsWith(m.item.text, "完善保障妇女健康的制度机制")) << m.item.text;
    EXPECT_EQ(m.item.item, 1);
  }
  EXPECT_EQ(GroupStatus(al, *found, Lang::kEn), "shared by 5 districts");
  EXPECT_EQ(GroupStatus(al, *found), "5 个区县共有");
}

TEST_F(MeasuresTest, DistrictOnlyMeasuresAreUnique) {
  MeasureAlignment al = Align("women.health");
  std::set<std::string> unique;
  for (const MeasureGroup& g : al.groups) {
    if (!g.shared()) unique.insert(GroupStatus(al, g, Lang::kEn) + " " + std::to_string(g.members[0].item.item) + " " + g.title);
  }
  EXPECT_EQ(unique, (std::set<std::string>{"unique to 南开区 3 全力实施妇女儿童健康提升计划",
                                           "unique to 昆都仑区 7 引导妇女选择安全健康的分娩方式"}));
  EXPECT_EQ(al.groups.size(), 14u);
}

TEST_F(MeasuresTest, SameHeadlineDifferentBodyStillGroups) {
  // 南开区's 促进妇女心理健康 rewrites the national body; its headline keeps it with the others.
  MeasureAlignment al = Align("women.health");
  for (const MeasureGroup& g : al.groups) {
    for (const MeasureMember& m : g.members) {
      if (al.labels[m.column] == "南开区" && m.item.item == 8) {
        EXPECT_EQ(g.members.size(), 5u) << g.title;
        EXPECT_EQ(g.title, "促进妇女心理健康");
      }
    }
  }
}

TEST_F(MeasuresTest, EveryItemOnceAndAtMostOnePerDistrictInEveryDomain) {
  for (const char* domain : {"women.health", "women.economy", "women.law", "children.health",
                             "children.welfare", "children.family"}) {
    MeasureAlignment al = Align(domain);
    std::set<std::string> seen;
    for (const MeasureGroup& g : al.groups) {
      std::set<size_t> columns;
      for (const MeasureMember& m : g.members) {
        EXPECT_TRUE(columns.insert(m.column).second) << domain << " " << g.title;
        EXPECT_TRUE(seen.insert(m.item.document + ":" + std::to_string(m.item.line)).second);
        if (g.shared()) EXPECT_GE(m.similarity, kDefaultMeasureThreshold - 1e-9);
      }
    }
    size_t total = 0;
    for (const IndexedFile& f : index_->Files()) {
      SearchRequest r;
      r.filters.document = f.document;
      r.filters.domain = domain;
      r.filters.block = "measure";
      r.limit = 1000;
      total += index_->Search(r)->total;
    }
    EXPECT_EQ(seen.size(), total) << domain;
  }
}

TEST_F(MeasuresTest, ThresholdControlsHowMuchMerges) {
  // 54 women.health measures; the longest list (昆都仑区) has 13.
  EXPECT_EQ(Align("women.health", 1.0).groups.size(), 54u);
  EXPECT_EQ(Align("women.health", 0.0).groups.size(), 13u);
  size_t previous = 0;
  for (double t : {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
    size_t groups = Align("women.health", t).groups.size();
    EXPECT_GE(groups, previous) << t;
    previous = groups;
  }
  // At 0.5 the rewritten measures fall apart but the copied ones hold.
  MeasureAlignment strict = Align("women.health", 0.5);
  bool holds = false;
  for (const MeasureGroup& g : strict.groups) {
    if (g.title == "提高妇女生殖健康水平") holds = g.members.size() == 4;
  }
  EXPECT_TRUE(holds);
}

TEST_F(MeasuresTest, Deterministic) {
  EXPECT_EQ(Signature(Align("children.health")), Signature(Align("children.health")));
}

TEST_F(MeasuresTest, WordFeaturesAgreeOnTheCopiedMeasures) {
  MeasureAlignment al = Align("women.health", kDefaultMeasureThreshold, SimilarityFeatures::kWords);
  bool found = false;
  for (const MeasureGroup& g : al.groups) {
    if (g.title == "完善保障妇女健康的制度机制") found = g.members.size() == 5;
  }
  EXPECT_TRUE(found);
}

// Districts are names: the callers resolve them to documents (names/names.h, tested there).
TEST_F(MeasuresTest, DocumentFilterAndErrors) {
  MeasureAlignment two = Align("women.health", kDefaultMeasureThreshold, SimilarityFeatures::kBigrams,
                               {"tianjin-nankai-2021-2025", "henan-anyang-beiguan-2021-2030"});
  ASSERT_EQ(two.labels, (std::vector<std::string>{"南开区", "北关区"}));
  MeasureOptions bad;
  bad.domain = "women.health";
  bad.documents = {"beijing-chaoyang-2021-2030"};
  auto r = AlignMeasures(*index_, bad, tokenizer_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "no indexed document 'beijing-chaoyang-2021-2030'");
  bad.documents = {};
  bad.domain = "women.sports";
  r = AlignMeasures(*index_, bad, tokenizer_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "no measure items in domain 'women.sports'");
}

TEST_F(MeasuresTest, JsonCarriesGroupsAndAbsentDistricts) {
  MeasureAlignment al = Align("women.health");
  std::string json = RenderMeasureAlignment(al, ReportFormat::kJson);
  EXPECT_NE(json.find("\"status\": \"unique\""), std::string::npos);
  EXPECT_NE(json.find("\"absent\": [\n        \"秀峰区\"\n      ]"), std::string::npos);
  std::string md = RenderMeasureAlignment(al, ReportFormat::kMarkdown, Lang::kEn);
  EXPECT_NE(md.find("### 4. 全力实施妇女儿童健康提升计划 — unique to 南开区"), std::string::npos) << md.substr(0, 3000);
  md = RenderMeasureAlignment(al, ReportFormat::kMarkdown);
  EXPECT_NE(md.find("### 4. 全力实施妇女儿童健康提升计划 — 仅见于 南开区"), std::string::npos) << md.substr(0, 3000);
}

TEST(TextSimilarityTest, CosineOfBigramVectors) {
  TextSimilarity sim({"完善保障妇女健康的制度机制", "完善保障妇女健康的制度机制", "提高妇女营养水平", "加强儿童营养"},
                     SimilarityFeatures::kBigrams, nullptr);
  EXPECT_NEAR(sim.Cosine(0, 1), 1.0, 1e-9);
  EXPECT_EQ(sim.Cosine(0, 3), 0.0);
  EXPECT_GT(sim.Cosine(2, 3), 0.0);  // 营养
  EXPECT_LT(sim.Cosine(2, 3), 0.5);
}

}  // namespace
}  // namespace guihua
