// Invariance: the same plan re-wrapped (line breaks every ~30 characters plus "- 12 -" page
// lines), with full-width digits, in traditional characters (ICU Hans-Hant) and in GB18030 gives
// the same targets, all fields but line (quotes compared in their normalized form).
#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>

#include "common/utf8.h"
#include "extract/extract_support.h"
#include "normalize/normalize.h"

namespace guihua {
namespace {

std::string Rewrap(const std::string& text) {
  std::string out;
  int page = 1, lines = 0;
  size_t pos = 0;
  size_t column = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = utf8::Next(text, pos);
    out.append(text, start, pos - start);
    if (cp == '\n') {
      column = 0;
      if (++lines % 40 == 0) out += "\n- " + std::to_string(++page) + " -\n\n";
      continue;
    }
    ++column;
    // Break inside running Chinese text only, as PDF extraction does.
    size_t peek = pos;
    char32_t next = pos < text.size() ? utf8::Next(text, peek) : U'\n';
    if (column >= 30 && utf8::IsHan(cp) && utf8::IsHan(next) &&
        std::u32string(U"一二三四五六七八九十第").find(next) == std::u32string::npos) {
      out += "\n";
      column = 0;
      ++lines;
    }
  }
  return out;
}

std::string FullWidthDigits(const std::string& text) {
  std::string out;
  for (size_t pos = 0; pos < text.size();) {
    char32_t cp = utf8::Next(text, pos);
    if (cp >= '0' && cp <= '9') cp = cp - '0' + 0xFF10;
    else if (cp == '%') cp = 0xFF05;
    utf8::Append(cp, out);
  }
  return out;
}

std::string Traditional(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Hans-Hant", UTRANS_FORWARD, status));
  EXPECT_TRUE(U_SUCCESS(status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Gb18030(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(text.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           text.data(), static_cast<int32_t>(text.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(n);
  return out;
}

// Everything of a target but its line; the quote in its normalized form.
std::vector<std::string> Fingerprint(const testing::Extracted& e) {
  std::vector<std::string> out;
  for (const Target& t : e.targets) {
    std::string plan = t.plan_index >= 0 ? PlanKindName(e.doc.plans[t.plan_index].kind) : "";
    const Section& s = e.doc.plans[t.plan_index].sections[t.section_index];
    const Item& item = s.items[t.item_index];
    // Titles, quotes and value texts are as printed (98％ in the full-width variant, 兩 in the
    // traditional one): compare their normalized forms. The value itself, its unit and comparator
    // are compared as read (FormatCompact).
    out.push_back(plan + "|" + s.id + "|" + NormalizeString(s.title) + "|" + BlockKindName(item.block) + "|" +
                  std::to_string(item.number) + "|" + Extractor::FormatCompact(t) + "|" +
                  t.indicator_id + "|" + NormalizeString(t.value_text) + "|" +
                  NormalizeString(t.quote));
  }
  return out;
}

class InvarianceTest : public ::testing::TestWithParam<const char*> {};

void ExpectSame(const std::vector<std::string>& want, const std::vector<std::string>& got,
                const std::string& what) {
  EXPECT_EQ(want.size(), got.size()) << what;
  for (size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
    if (want[i] != got[i]) {
      ADD_FAILURE() << what << ": first difference at target " << i << "\n  want " << want[i]
                    << "\n  got  " << got[i];
      return;
    }
  }
}

TEST_P(InvarianceTest, SameTargets) {
  std::string path = testing::CorpusFile(GetParam());
  std::string text = testing::ReadBytes(path);
  auto want = Fingerprint(testing::ParseAndExtract(text, path));
  ASSERT_FALSE(want.empty());
  ExpectSame(want, Fingerprint(testing::ParseAndExtract(Rewrap(text), path)), "re-wrapped");
  ExpectSame(want, Fingerprint(testing::ParseAndExtract(FullWidthDigits(text), path)),
             "full-width digits");
  ExpectSame(want, Fingerprint(testing::ParseAndExtract(Traditional(text), path)), "traditional");
  ExpectSame(want, Fingerprint(testing::ParseAndExtract(Gb18030(text), path)), "GB18030");
}

INSTANTIATE_TEST_SUITE_P(Corpus, InvarianceTest,
                         ::testing::Values("henan-anyang-beiguan-2021-2030.txt",
                                           "hunan-yiyang-ziyang-2021-2025.txt",
                                           "guangxi-guilin-xiufeng-2021-2030.txt",
                                           "neimenggu-baotou-kundulun-2021-2030.txt",
                                           "tianjin-nankai-2021-2025.txt"),
                         [](const auto& info) {
                           std::string name = info.param;
                           return name.substr(0, name.find('-'));
                         });

}  // namespace
}  // namespace guihua
