// The index's text code (index/internal/text_code.h): texts come back as they were, and a literal
// holds only where it starts on a character, whatever the lengths of the codes around it.
#include "index/internal/text_code.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace guihua::internal {
namespace {

TEST(TextCodeTest, TextsComeBackAsTheyWere) {
  for (const char* text : {"", "到2030年，孕产妇死亡率控制在12/10万以下。", "保障𠀀儿童",
                           "a1，b\x1f。", "Family 教育 ①②（试行）“双减”—～", "é×÷\n\t"}) {
    EXPECT_EQ(DecodeText(EncodeText(text)), text) << text;
  }
  // One byte for the most frequent characters, two for other Han characters, four beyond them.
  EXPECT_EQ(EncodeText("儿童").size(), 2u);
  EXPECT_EQ(EncodeText("孕").size(), 2u);
  EXPECT_EQ(EncodeText("𠀀").size(), 4u);
}

TEST(TextCodeTest, LiteralsHoldOnlyAtCharacterBoundaries) {
  // A two-byte code whose second byte is a one-byte code: that byte alone is no match.
  const std::string single = EncodeText("的");
  ASSERT_EQ(single.size(), 1u);
  std::string text;
  for (char32_t cp = 0x4E00; cp <= 0x9FFF && text.empty(); ++cp) {
    std::string utf8;
    utf8 += static_cast<char>(0xE0 | (cp >> 12));
    utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    std::string coded = EncodeText(utf8);
    if (coded.size() == 2 && coded[1] == single[0]) text = utf8;
  }
  ASSERT_FALSE(text.empty());
  EXPECT_FALSE(HoldsCoded(EncodeText(text), single));
  EXPECT_TRUE(HoldsCoded(EncodeText(text + "的"), single));  // after the one that straddles
  EXPECT_TRUE(HoldsCoded(EncodeText("保障𠀀儿童"), EncodeText("𠀀儿")));
  EXPECT_FALSE(HoldsCoded(EncodeText("保障𠀀儿童"), EncodeText("𠀁儿")));
  EXPECT_TRUE(HoldsCoded(EncodeText("a1，b"), EncodeText("1，b")));
  EXPECT_TRUE(HoldsCoded(EncodeText("儿童"), ""));
  // Inside a four-byte escape (𠀀 U+20000 is FF 02 00 00, 0 is 00): no match, though the byte
  // before is a one-byte code's.
  EXPECT_FALSE(HoldsCoded(EncodeText("保𠀀"), EncodeText("0")));
  EXPECT_FALSE(HoldsCoded(EncodeText("𠀁儿"), EncodeText("01")));
  EXPECT_TRUE(HoldsCoded(EncodeText("𠀀0"), EncodeText("0")));
}

// HoldsCoded agrees with a search of the UTF-8 text (which only matches on characters) over random
// texts of one-, two- and four-byte codes, among them two-byte codes whose second byte is a
// one-byte code or kEscape, and escapes whose bytes are one-byte codes.
TEST(TextCodeTest, CodedMatchesAreTheTextsMatches) {
  std::vector<std::string> alphabet = {"的", "0", "1", "a", "儿", "童", "孕", "𠀀", "𠀁", "𪛖", "，"};
  const std::string zero = EncodeText("0"), single = EncodeText("的");
  for (char32_t cp = 0x4E00, found = 0; cp <= 0x9FFF && found < 6; ++cp) {
    std::string utf8 = {static_cast<char>(0xE0 | (cp >> 12)),
                        static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                        static_cast<char>(0x80 | (cp & 0x3F))};
    const std::string coded = EncodeText(utf8);
    const auto trail = static_cast<unsigned char>(coded.back());
    if (coded.size() == 2 && (coded[1] == single[0] || coded[1] == zero[0] || trail == 0xFF ||
                              trail == 0xA0 || (found < 2 && trail > 0xA0))) {
      alphabet.push_back(utf8);
      ++found;
    }
  }
  std::mt19937 rng(7);
  auto draw = [&](size_t max) {
    std::string s;
    for (size_t n = rng() % (max + 1); n > 0; --n) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string text = draw(12), literal = draw(3);
    EXPECT_EQ(HoldsCoded(EncodeText(text), EncodeText(literal)),
              text.find(literal) != std::string::npos)
        << text << " / " << literal;
  }
}

}  // namespace
}  // namespace guihua::internal
