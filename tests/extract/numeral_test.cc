// The number evaluator (src/extract/internal/numeral.h), table-driven: every form a plan or report
// prints, read alone, and the forms it must refuse rather than read wrong.
#include "extract/internal/numeral.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "extract/numeral_cases.h"

namespace guihua::extract_internal {
namespace {

using testing::kReadNumbers;
using testing::kRefusedNumbers;
using testing::NumberCase;

TEST(NumeralTest, ReadsEveryFormWhole) {
  for (const NumberCase& c : kReadNumbers) {
    std::string why;
    auto got = ReadNumber(c.text, &why);
    ASSERT_TRUE(got.has_value()) << c.text << ": refused (" << why << ")";
    EXPECT_NEAR(got->value, c.value, 1e-9 * std::max(1.0, std::fabs(c.value))) << c.text;
    EXPECT_EQ(got->unit, c.unit) << c.text;
    EXPECT_EQ(got->magnitude, c.magnitude) << c.text;
    EXPECT_EQ(got->comparator, c.comparator) << c.text;
  }
}

TEST(NumeralTest, RefusesWhatItCannotReadWhole) {
  for (const char* text : kRefusedNumbers) {
    std::string why;
    auto got = ReadNumber(text, &why);
    EXPECT_FALSE(got.has_value()) << text << " read as " << (got ? got->value : 0);
    EXPECT_FALSE(why.empty()) << text << ": refused without a reason";
  }
}

TEST(NumeralTest, TablesAreLargeEnough) {
  // The issue asks for at least 150 forms; keep the tables from shrinking unnoticed.
  EXPECT_GE(std::size(kReadNumbers) + std::size(kRefusedNumbers), 150u);
}

TEST(NumeralTest, ExactDecimalsAndMagnitudes) {
  // Values come out as the decimal printed, not as a product that drifts in the last bit.
  EXPECT_EQ(ReadNumber("12.07万")->value, 12.07);
  EXPECT_EQ(ReadNumber("十二点零七万")->value, 12.07);
  EXPECT_EQ(ReadNumber("1,100.9亿")->value, 1100.9);
  EXPECT_EQ(ReadNumber("百分之一点五")->value, 1.5);
}

TEST(NumeralTest, ArbitraryBytesNeverCrash) {
  for (const char* text : {"", "\xff\xfe", "分之", "之", "又又", "万万万", "点点", ",,,", "...",
                           "99999999999999999999999999999999999999999999999999亿", "一亿亿",
                           "十分之", "百分之百分之"}) {
    std::string why;
    ReadNumber(text, &why);
  }
}

}  // namespace
}  // namespace guihua::extract_internal
