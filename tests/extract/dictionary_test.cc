// The indicator dictionary (rules/indicators.tsv) against real plans: the targets of every corpus
// plan have canonical ids (at least 97% of each plan's), and the hard phrasings of the corpus get
// the id of the indicator they mean, in their sentence and in their plan.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "extract/extract_support.h"

namespace guihua {
namespace {

namespace fs = std::filesystem;
using testing::Extracted;

const char* PlanOf(const Extracted& e, const Target& t) {
  return PlanKindName(e.doc.plans[static_cast<size_t>(t.plan_index)].kind);
}

TEST(DictionaryTest, EveryCorpusPlanHasIdsForAtLeast97PercentOfItsTargets) {
  auto files = testing::CorpusFiles();
  ASSERT_FALSE(files.empty());
  for (const std::string& path : files) {
    std::string name = fs::path(path).filename().string();
    Extracted e = testing::ParseAndExtract(testing::ReadBytes(path), name);
    std::map<std::string, std::pair<int, int>> per_plan;  // plan → (with id, targets)
    std::map<std::string, std::vector<std::string>> unknown;
    for (const Target& t : e.targets) {
      if (t.kind != TargetKind::kTarget) continue;
      auto& [with_id, all] = per_plan[PlanOf(e, t)];
      ++all;
      if (!t.indicator_id.empty()) {
        ++with_id;
      } else {
        unknown[PlanOf(e, t)].push_back(std::to_string(t.line) + " " + t.indicator);
      }
    }
    EXPECT_EQ(per_plan.size(), 2u) << name;
    for (const auto& [plan, counts] : per_plan) {
      const auto& [with_id, all] = counts;
      std::cout << "  " << name << " " << plan << ": " << with_id << "/" << all << " targets have an id\n";
      std::string missing;
      for (const std::string& u : unknown[plan]) missing += "\n    " + u;
      EXPECT_GE(with_id * 100, all * 97) << name << " " << plan << ", without id:" << missing;
    }
  }
}

// A target of a corpus plan: file, plan, line and value, and the id it must get.
struct PlanCase {
  const char* file;
  const char* plan;
  int line;
  double value;
  const char* id;
};

TEST(DictionaryTest, HardPhrasingsOfTheCorpusGetTheirIndicatorsId) {
  const PlanCase kCases[] = {
      // 12岁儿童龋齿率控制在25%以内: the outline's 龋患率.
      {"neimenggu-baotou-kundulun-2021-2030.txt", "children", 2641, 25, "caries_age12"},
      // …达标合格率稳定在85%以上，优良率达到60%以上: 优良率 of the same standard.
      {"neimenggu-baotou-kundulun-2021-2030.txt", "children", 2655, 85, "fitness_standard_pass"},
      {"neimenggu-baotou-kundulun-2021-2030.txt", "children", 2655, 60, "fitness_standard_excellent"},
      // …防治意识明显提高，防治知识知晓率达到80%以上.
      {"neimenggu-baotou-kundulun-2021-2030.txt", "women", 238, 80, "cervical_breast_cancer_awareness"},
      // 三至六年级…不超过60分钟，初中不超过90分钟.
      {"neimenggu-baotou-kundulun-2021-2030.txt", "children", 3454, 90, "homework_time_junior"},
      // A children's indicator set in the women's plan: one id for both plans.
      {"guangxi-guilin-xiufeng-2021-2030.txt", "women", 64, 95, "preschool_enrollment"},
      // The same 70% screening target worded differently by two plans.
      {"henan-anyang-beiguan-2021-2030.txt", "women", 96, 70, "hpv_screening_35_45"},
      {"hunan-yiyang-ziyang-2021-2025.txt", "women", 375, 70, "hpv_screening_35_45"},
      // 知识普及率 after the clause naming the knowledge.
      {"hunan-yiyang-ziyang-2021-2025.txt", "women", 366, 90, "std_prevention_awareness"},
      // A counted name with a list inside its parentheses.
      {"hunan-yiyang-ziyang-2021-2025.txt", "women", 947, 1, "leadership_women_township"},
      // Per-facility counts.
      {"henan-anyang-beiguan-2021-2030.txt", "children", 629, 1, "gp_children_per_township_hospital"},
      {"henan-anyang-beiguan-2021-2030.txt", "children", 629, 2, "child_health_doctors_per_community_center"},
      // 小学各年级每学年不少于12课时、中学不少于14课时.
      {"henan-anyang-beiguan-2021-2030.txt", "children", 657, 14, "class_hours_secondary"},
  };
  std::map<std::string, Extracted> parsed;
  for (const PlanCase& c : kCases) {
    if (!parsed.count(c.file)) {
      parsed[c.file] = testing::ParseAndExtract(testing::ReadBytes(testing::CorpusFile(c.file)), c.file);
    }
    const Extracted& e = parsed[c.file];
    std::vector<std::string> ids;
    for (const Target& t : e.targets) {
      if (t.kind == TargetKind::kTarget && t.line == c.line && t.value == c.value &&
          std::string(PlanOf(e, t)) == c.plan) {
        ids.push_back(t.indicator_id + " (" + t.indicator + ")");
      }
    }
    bool found = false;
    for (const std::string& id : ids) found |= id.rfind(std::string(c.id) + " (", 0) == 0;
    EXPECT_TRUE(found) << c.file << ":" << c.line << " " << c.value << " wants " << c.id << ", got "
                       << ::testing::PrintToString(ids);
  }
}

// A sentence as printed, the plan it is read in, and the ids of its targets in order.
struct SentenceCase {
  const char* sentence;
  const char* plan;
  std::vector<std::string> ids;
};

TEST(DictionaryTest, SentencesGiveTheIdsOfTheirIndicators) {
  const SentenceCase kCases[] = {
      {"12岁儿童龋齿率控制在25%以内", "children", {"caries_age12"}},
      {"中小学生国家学生体质健康标准达标合格率稳定在85%以上，优良率达到60%以上", "children",
       {"fitness_standard_pass", "fitness_standard_excellent"}},
      {"学前教育毛入园率达到95%以上", "women", {"preschool_enrollment"}},
      {"促进70%的妇女在35—45岁接受高效宫颈癌筛查", "women", {"hpv_screening_35_45"}},
      {"区委、区人大、区人民政府、区政协领导班子中至少各配备1名女干部", "women",
       {"leadership_women_party_committee", "leadership_women_congress",
        "leadership_women_government", "leadership_women_cppcc"}},
      {"乡镇（街道）党政领导班子中至少配备1名女干部", "women", {"leadership_women_township"}},
      {"每所乡镇卫生院、社区卫生服务中心至少配备1名提供规范儿童基本医疗服务的全科医生", "children",
       {"gp_children_per_township_hospital", "gp_children_per_community_center"}},
      {"区人大代表、政协委员中的女性比例达到25%以上", "women", {"people_congress_women", "cppcc_women"}},
      {"村“两委”成员中女性比例保持在30%以上", "women", {"village_two_committees_women"}},
      {"孕产妇贫血患病率控制在10%以下", "women", {"maternal_anemia"}},
      {"0—6岁儿童残疾筛查率达到85%以上", "children", {"child_disability_screening"}},
      {"农村牧区自来水普及率保持在95%以上", "children", {"rural_tap_water"}},
      {"新生儿苯丙酮尿症筛查率、新生儿甲状腺功能减低症筛查率、新生儿听力筛查率达到95%以上", "children",
       {"newborn_pku_screening", "newborn_ch_screening", "newborn_hearing_screening"}},
  };
  const Extractor& extractor = testing::SharedExtractor();
  for (const SentenceCase& c : kCases) {
    std::vector<std::string> ids;
    for (const Target& t : extractor.ExtractSentence(c.sentence)) {
      ids.push_back(extractor.IndicatorId(t.indicator, c.plan));
    }
    EXPECT_EQ(ids, c.ids) << c.sentence;
  }
}

}  // namespace
}  // namespace guihua
