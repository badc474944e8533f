// Tests of the normalize stage: the character folds and whitespace rule as {input, expected} rows,
// and properties of the offset map that must hold on every corpus file (origins on the right line,
// in order, quoting back the source). Also logs a rough throughput figure (no timed assertion).
#include "normalize/normalize.h"

#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/mapped_text.h"
#include "common/test_support.h"
#include "common/utf8.h"
#include "read/read.h"

namespace guihua {
namespace {

struct FoldCase {
  const char* input;
  const char* expected;
};

TEST(NormalizeTest, NormalizeStringFolds) {
  const FoldCase cases[] = {
      // Full-width forms become ASCII (the later stages match on ASCII).
      {"１２３４５６７８９０", "1234567890"},
      {"９８％以上", "98%以上"},
      {"ＡＢＣｘｙｚ", "ABCxyz"},
      {"（一）目标：", "(一)目标:"},
      {"３－５岁，１：３", "3-5岁,1:3"},
      {"１０～１２", "10~12"},
      // Traditional → simplified.
      {"婦女發展規劃", "妇女发展规划"},
      {"中小學生", "中小学生"},
      {"兒童權利", "儿童权利"},
      // Standard simplified characters that Hant-Hans would rewrite stay.
      {"显著提升，精神慰藉", "显著提升,精神慰藉"},
      // Left alone: brackets, quotes, dashes, per mille, middle dot, circled list markers.
      {"北政〔2023〕2号", "北政〔2023〕2号"},
      {"《中国妇女发展纲要》“十四五”", "《中国妇女发展纲要》“十四五”"},
      {"2021—2030年", "2021—2030年"},
      {"3.0‰、·", "3.0‰、·"},
      {"①孕产妇死亡率", "①孕产妇死亡率"},
      {"⑴", "(1)"},
      // Whitespace: dropped unless it separates two ASCII letters or digits.
      {"12/10 万", "12/10万"},
      {"第 11 次", "第11次"},
      {"ZYDR 2021", "ZYDR 2021"},
      {"ZYDR   2021", "ZYDR 2021"},
      {"ZYDR\t2021", "ZYDR 2021"},
      {"ZYDR\u30002021", "ZYDR 2021"},
      {"ＺＹＤＲ　２０２１", "ZYDR 2021"},
      {"3.0 ‰", "3.0‰"},
      {"70 % 以上", "70%以上"},
      {"  妇女  儿童  ", "妇女儿童"},
      {"妇\u3000\u3000女", "妇女"},
      {"12\u200B34", "1234"},
      {"a\u00A0b", "a b"},
      // A mirror site's pinyin after a Han character goes; other parentheses stay.
      {"地區(qū)生產(chǎn)總值", "地区生产总值"},
      {"達(dá)到98%", "达到98%"},
      {"托育(yu)服(fú )务", "托育服务"},
      {"筛查(HPV)率", "筛查(HPV)率"},
      {"体重(kg)、剂量(mmol)、长度(cm)", "体重(kg)、剂量(mmol)、长度(cm)"},
      {"(qū)", "(qū)"},
      // Line breaks stay, and whitespace never joins words across them.
      {"a \n b", "a\nb"},
      {"妇女\n\n儿童\n", "妇女\n\n儿童\n"},
      {"", ""},
  };
  for (const FoldCase& c : cases) {
    EXPECT_EQ(NormalizeString(c.input), c.expected) << "input: " << c.input;
  }
}

TEST(NormalizeTest, OriginsPointAtSourceCharacters) {
  // "婦 女１２" → "妇女12": each output byte remembers its source character.
  MappedText mapped = Normalize("婦 女１２");
  EXPECT_EQ(mapped.text, "妇女12");
  EXPECT_EQ(mapped.origin, (std::vector<uint32_t>{0, 0, 0, 4, 4, 4, 7, 10}));
  // A kept separator maps to the first whitespace character of its run.
  MappedText kept = Normalize("AB  12");
  EXPECT_EQ(kept.text, "AB 12");
  EXPECT_EQ(kept.origin, (std::vector<uint32_t>{0, 1, 2, 4, 5}));
}

std::vector<std::string> CorpusTexts() {
  std::vector<std::string> texts;
  for (const std::string& path : testing::CorpusFiles()) {
    StatusOr<SourceText> source = ReadSource(path);
    EXPECT_TRUE(source.ok()) << path << ": " << source.status().message();
    if (source.ok()) texts.push_back(std::move(source->text));
  }
  return texts;
}

std::string WithoutWhitespace(std::string_view s) {
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    size_t start = pos;
    char32_t cp = utf8::Next(s, pos);
    if (cp != '\n' && !utf8::IsSpace(cp)) out.append(s.substr(start, pos - start));
  }
  return out;
}

// The map properties every later stage relies on, checked over each whole corpus file.
TEST(NormalizeTest, CorpusMapProperties) {
  for (const std::string& source : CorpusTexts()) {
    MappedText mapped = Normalize(source);
    ASSERT_EQ(mapped.origin.size(), mapped.text.size());
    SourceMap map(source);
    EXPECT_EQ(std::count(mapped.text.begin(), mapped.text.end(), '\n'),
              std::count(source.begin(), source.end(), '\n'));

    // Every code point of the working text: origin at the start of a source character, on the
    // source line with the same number as its working line; origins never go back.
    int line = 1;
    uint32_t previous = 0;
    size_t failures = 0;
    for (size_t pos = 0; pos < mapped.text.size() && failures < 5;) {
      size_t start = pos;
      char32_t cp = utf8::Next(mapped.text, pos);
      uint32_t at = mapped.origin[start];
      bool char_start =
          at < source.size() && (static_cast<unsigned char>(source[at]) & 0xC0) != 0x80;
      bool ok = char_start && map.LineOf(at) == line && at >= previous;
      for (size_t i = start; i < pos; ++i) ok = ok && mapped.origin[i] == at;
      if (!ok) {
        ADD_FAILURE() << "working line " << line << " byte " << start << " origin " << at
                      << " (source line " << map.LineOf(at) << ")";
        ++failures;
      }
      previous = at;
      if (cp == '\n') ++line;
    }

    // Each whole working line quotes back its source line, whitespace removed.
    size_t begin = 0, source_begin = 0;
    int checked = 0;
    while (begin < mapped.text.size()) {
      size_t end = mapped.text.find('\n', begin);
      size_t source_end = source.find('\n', source_begin);
      ASSERT_NE(end, std::string::npos);
      ASSERT_NE(source_end, std::string::npos);
      std::string quote = SourceQuote(mapped, begin, end, source);
      std::string expected =
          WithoutWhitespace(source.substr(source_begin, source_end - source_begin));
      ASSERT_EQ(quote, expected) << "line " << checked + 1;
      begin = end + 1;
      source_begin = source_end + 1;
      ++checked;
    }
    EXPECT_EQ(checked, map.line_count() - 1);
  }
}

std::string Transliterate(const std::string& text, const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
  EXPECT_TRUE(U_SUCCESS(status)) << id << ": " << u_errorName(status);
  if (!t) return text;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) out += utf8::Next(s, pos);
  return out;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = 0; (pos = haystack.find(needle, pos)) != std::string::npos;
       pos += needle.size()) {
    ++n;
  }
  return n;
}

// A traditional copy of each plan normalizes to (nearly) the same working text. Hans→Hant→Hans is
// not 1:1 everywhere (one simplified character can stand for several traditional ones),
// hence 99.5%.
TEST(NormalizeTest, TraditionalCopyNormalizesToTheSameText) {
  const char* kKeyWords[] = {"妇女", "儿童", "发展规划", "主要目标", "策略措施"};
  for (const std::string& source : CorpusTexts()) {
    std::string traditional = Transliterate(source, "Hans-Hant");
    ASSERT_NE(traditional, source);
    std::string original = Normalize(source).text;
    std::string round_trip = Normalize(traditional).text;
    std::u32string a = Decode(original), b = Decode(round_trip);
    ASSERT_EQ(a.size(), b.size());
    size_t same = 0;
    for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
    double share = static_cast<double>(same) / a.size();
    EXPECT_GE(share, 0.995) << (a.size() - same) << " of " << a.size() << " characters differ";
    for (const char* word : kKeyWords) {
      EXPECT_EQ(Count(round_trip, word), Count(original, word)) << word;
    }
    EXPECT_GT(Count(round_trip, "妇女"), 0u);
    EXPECT_GT(Count(round_trip, "儿童"), 0u);
  }
}

// The Hant-Hans table generated at build time gives what ICU's transliterator gives, character by
// character (after NFKC), over the CJK blocks; the five characters left alone by design excepted.
TEST(NormalizeTest, GeneratedTableAgreesWithIcuHantHans) {
  const std::u32string kLeftAlone = U"著藉乾瞭徵";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu(
      icu::Transliterator::createInstance("Any-NFKC; Hant-Hans", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  const std::pair<char32_t, char32_t> kBlocks[] = {
      {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2A6DF}};
  size_t converted = 0;
  for (const auto& [first, last] : kBlocks) {
    for (char32_t cp = first; cp <= last; ++cp) {
      if (kLeftAlone.find(cp) != std::u32string::npos) continue;
      std::string text;
      utf8::Append(cp, text);
      icu::UnicodeString u = icu::UnicodeString(static_cast<UChar32>(cp));
      icu->transliterate(u);
      std::string expected;
      u.toUTF8String(expected);
      std::string ours = NormalizeString(text);
      ASSERT_EQ(ours, expected) << "U+" << std::hex << static_cast<uint32_t>(cp);
      converted += ours != text;
    }
  }
  EXPECT_GT(converted, 2000u);  // the table is not empty
}

// The cache is filled lazily from many threads at once; every thread must see the same mapping.
TEST(NormalizeTest, ConcurrentFirstUseAgrees) {
  std::string text;
  for (char32_t cp = 0x8A00; cp < 0x8C00; ++cp) utf8::Append(cp, text);  // 言 and 貝 radicals
  for (char32_t cp = 0xFF01; cp < 0xFF5F; ++cp) utf8::Append(cp, text);  // full-width ASCII
  // A supplementary-plane character, and ㍿ → 株式会社, too long for a packed cache entry.
  utf8::Append(0x20000, text);
  utf8::Append(0x337F, text);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::string& result : results) {
    threads.emplace_back([&text, &result] { result = Normalize(text).text; });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& result : results) EXPECT_EQ(result, results.front());
  EXPECT_NE(results.front().find("株式会社"), std::string::npos);
  EXPECT_EQ(results.front(), NormalizeString(text));
}

}  // namespace
}  // namespace guihua
