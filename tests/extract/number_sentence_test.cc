// Every number form of numeral_cases.h inside plan sentences, through the Extractor: the value,
// unit and comparator a researcher gets, and for a refused form no value but a warning naming it.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "extract/extract_support.h"
#include "extract/numeral_cases.h"
#include "normalize/normalize.h"

namespace guihua {
namespace {

using testing::NumberCase;

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

struct Sentence {
  std::string text;
  bool baseline = false;
  std::string want;  // FormatCompact without the indicator
};

// The sentences a form goes into, by what it is: a rate in words, a fraction, a decimal
// (percentage points) or a count (a plan's 配备…名 and a report's 幼儿园…所).
std::vector<Sentence> SentencesFor(const NumberCase& c) {
  std::string n = c.text, v = Number(c.value);
  std::string own = *c.comparator ? c.comparator : "=";
  bool fraction = n.find("分之") != std::string::npos;
  bool decimal = c.value != static_cast<long long>(c.value);
  if (*c.unit) {
    return {{"城乡社区儿童之家覆盖率达到" + n + "以上", false, ">= " + v + " " + c.unit}};
  }
  if (fraction) return {{"女性候选人比例达到" + n + "以上", false, ">= " + v}};
  if (decimal && !*c.magnitude) {
    return {
        {"全区儿童青少年总体近视率每年降低" + n + "个百分点", false, own + " " + v + " 百分点"}};
  }
  std::string mag = c.magnitude;
  return {{"每所乡镇卫生院配备" + n + "名全科医生", false, own + " " + v + " " + mag + "名"},
          {"全区共有幼儿园" + n + "所", true, "baseline * " + own + " " + v + " " + mag + "所"}};
}

// "孕产妇死亡率 <= 12 /10万" → "<= 12 /10万"; a baseline keeps its "baseline *" head.
std::string WithoutIndicator(const std::string& compact) {
  bool baseline = compact.rfind("baseline ", 0) == 0;
  size_t from = baseline ? 9 : 0;
  size_t space = compact.find(' ', from);
  if (space == std::string::npos) return compact;
  return (baseline ? "baseline * " : "") + compact.substr(space + 1);
}

TEST(NumberSentenceTest, EveryFormReadsRightInsidePlanSentences) {
  const Extractor& extractor = testing::SharedExtractor();
  int checked = 0;
  for (const NumberCase& c : testing::kReadNumbers) {
    // A space between digits stays in the working text, where it may as well part two numbers
    // of a table row: only the evaluator alone reads 10 000 (the sentence refuses it).
    std::string working_form = NormalizeString(c.text);
    if (working_form.find(' ') != std::string::npos) continue;
    for (const Sentence& s : SentencesFor(c)) {
      Diagnostics diag;
      auto got = extractor.ExtractSentence(NormalizeString(s.text), s.baseline, false, &diag);
      ASSERT_EQ(got.size(), 1u) << s.text;
      EXPECT_EQ(WithoutIndicator(Extractor::FormatCompact(got[0])), s.want) << s.text;
      EXPECT_TRUE(diag.all().empty()) << s.text << ": " << diag.all()[0].ToString();
      ++checked;
    }
  }
  EXPECT_GE(checked, 150);
}

TEST(NumberSentenceTest, RefusedFormsGiveNoValueAndAWarningNamingThem) {
  const Extractor& extractor = testing::SharedExtractor();
  // Forms that are refused alone but whose sentence holds a value in its own right: 5% is 5 %,
  // 三个 is 3 个, and 又三分之一 is "again one third".
  const std::set<std::string> kWholeInSentence = {"5%", "三个", "又三分之一"};
  for (const char* text : testing::kRefusedNumbers) {
    std::string n = text;
    if (kWholeInSentence.count(n)) continue;
    // No part of a refused span is read on its own (几十 is not 十, 负三 not 三).
    for (const std::string& sentence :
         {"每所乡镇卫生院配备" + n + "名全科医生", "城乡社区儿童之家覆盖率达到" + n + "以上"}) {
      Diagnostics diag;
      auto got = extractor.ExtractSentence(NormalizeString(sentence), false, false, &diag);
      for (const Target& t : got) {
        ADD_FAILURE() << sentence << " read as " << Extractor::FormatCompact(t);
      }
    }
  }
}

struct WarnCase {
  const char* sentence;
  const char* named;  // the span the warning must name: the number alone, not its unit or bound
};

TEST(NumberSentenceTest, WarningsNameTheSpan) {
  const WarnCase kCases[] = {
      {"每所学校至少配备三五名心理健康教师", "三五"},
      {"每所乡镇卫生院至少配备十五六名全科医生", "十五六"},
      {"女性候选人比例达到一又三分之四以上", "一又三分之四"},
      {"全区至少配备1,2345名", "2345"},
      {"全区财政投入达到1万5元", "1万5"},
      {"全区女性就业人数增长率为-2.5%", "2.5"},
      {"每所学校至少配备廿五名教师", "五"},
      {"城乡社区儿童之家覆盖率达到百分之九十多", "百分之九十多"},
  };
  const Extractor& extractor = testing::SharedExtractor();
  for (const WarnCase& c : kCases) {
    Diagnostics diag;
    auto got = extractor.ExtractSentence(NormalizeString(c.sentence), false, false, &diag);
    EXPECT_TRUE(got.empty()) << c.sentence << " read as " << Extractor::FormatCompact(got[0]);
    ASSERT_EQ(diag.all().size(), 1u) << c.sentence;
    const std::string message = diag.all()[0].message;
    EXPECT_EQ(message.rfind(std::string("cannot read the number '") + c.named + "'", 0), 0u)
        << message;
    EXPECT_NE(message.find("no value given"), std::string::npos) << message;
  }
}

// Comparators of approximate and open forms, and spaces as PDF text prints them.
TEST(NumberSentenceTest, ApproximateAndOpenForms) {
  struct Case {
    const char* sentence;
    bool baseline;
    const char* want;
  };
  const Case kCases[] = {
      {"全区参加两癌筛查的妇女达到十余万人", true, "baseline * >= 10 万人"},
      {"全区共有幼儿园一千多所", true, "baseline * >= 1000 所"},
      {"全区共有托育机构二十几家", true, "baseline * >= 20 家"},
      {"全区参加筛查的妇女约三万人", true, "baseline * ~ 3 万人"},
      {"全区参加筛查的妇女近十万人", true, "baseline * ~ 10 万人"},
      {"全区参加筛查的妇女将近十万人", true, "baseline * ~ 10 万人"},
      {"全区参加筛查的妇女达到3万人左右", true, "baseline * ~ 3 万人"},
      {"就业人员中的女性比例保持在百分之四十五左右", false, "~ 45 %"},
      {"全区参加筛查的妇女达到十余万人以上", true, "baseline * >= 10 万人"},
      {"每所学校至少配备一千零一名教师", false, ">= 1001 名"},
      {"全区儿童青少年总体近视率每年降低四点 五个百分点以上", false, ">= 4.5 百分点"},
      {"城乡社区儿童之家覆盖率达到百分之一 点五", false, "= 1.5 %"},
      {"全区常住人口达到1,100.9万人", true, "baseline * = 1100.9 万人"},
      {"全区地区生产总值达到1,100.9亿元", true, "baseline * = 1100.9 亿元"},
      {"力争有1-3家社会组织参与", false, "range 1-3 家"},
      {"全区参加培训人数达到1-2万人次", true, "baseline * range 1-2 万人次"},
      {"女性比例保持在30%-40%", false, "range 30-40 %"},
      {"中小学校医务人员与学生比例达到1:600", false, "= 600 ratio"},
      {"全区财政投入达到一亿二千万元", true, "baseline * = 12000 万元"},
      {"全区财政投入达到5亿3000万元", true, "baseline * = 53000 万元"},
      {"每所学校配备三至五名心理健康教师", false, "range 3-5 名"},
      {"全区共有幼儿园百余所", true, "baseline * >= 100 所"},
      {"全区女性村委会主任比例不足10%", true, "baseline * <= 10 %"},
      {"全区参加筛查的妇女逾十万人", true, "baseline * >= 10 万人"},
      {"就业人员中的女性比例保持在45%上下", false, "~ 45 %"},
      {"儿童青少年总体近视率每年降低0.5个百分点", false, "= 0.5 百分点"},
      {"每所学校配备3个-5个心理咨询室", false, "range 3-5 个"},
      {"全区建成三所儿童活动中心", false, "= 3 所"},
      {"女性比例保持在百分之三十至四十", false, "range 30-40 %"},
      {"每年降低三到五个百分点", false, "range 3-5 百分点"},
      {"女性就业人数提高两成", false, "= 20 %"},
      {"全区九成以上的中小学校建立心理辅导室", false, ">= 90 %"},
      {"女性比例保持在30%—40%", false, "range 30-40 %"},
  };
  const Extractor& extractor = testing::SharedExtractor();
  for (const Case& c : kCases) {
    auto got = extractor.ExtractSentence(NormalizeString(c.sentence), c.baseline);
    ASSERT_EQ(got.size(), 1u) << c.sentence;
    EXPECT_EQ(WithoutIndicator(Extractor::FormatCompact(got[0])), c.want) << c.sentence;
  }
}

// What is no number at all gives neither a value nor a warning.
TEST(NumberSentenceTest, NoNumberNoWarning) {
  const Extractor& extractor = testing::SharedExtractor();
  for (const char* sentence : {"惠及千千万万家庭", "走进千家万户", "全区上万名妇女参加培训",
                               "每所学校配备若干名心理健康教师", "坚持一成不变",
                               "发挥家庭立德树人第一所学校作用", "落实一人一档管理"}) {
    Diagnostics diag;
    auto got = extractor.ExtractSentence(NormalizeString(sentence), false, false, &diag);
    EXPECT_TRUE(got.empty()) << sentence << " read as " << Extractor::FormatCompact(got[0]);
    EXPECT_TRUE(diag.all().empty()) << sentence << ": " << diag.all()[0].ToString();
  }
}

// value_text keeps the number as printed (in working text: spaces between Chinese gone).
TEST(NumberSentenceTest, ValueTextKeepsTheSpanAsPrinted) {
  const Extractor& extractor = testing::SharedExtractor();
  auto got = extractor.ExtractSentence(NormalizeString("全区共有幼儿园1,236所"), true);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].value_text, "1,236所");
  got = extractor.ExtractSentence(NormalizeString("覆盖率达到百分之九十五以上"), false);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].value_text, "百分之九十五以上");
  got = extractor.ExtractSentence(NormalizeString("全区参加筛查的妇女近十万人"), true);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].value_text, "近十万人");
}

}  // namespace
}  // namespace guihua
