// Tests for the tokenize stage: which words ICU finds in plan sentences, what kind each is, and that
// offsets always slice back to the token text. Expectations are written as "includes / excludes"
// so that a dictionary update in a newer ICU does not break cases that do not depend on it.
#include "tokenize/tokenize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/test_support.h"
#include "common/utf8.h"

namespace guihua {
namespace {

std::unique_ptr<Tokenizer> MakeTokenizer() {
  auto tokenizer = Tokenizer::Create();
  EXPECT_TRUE(tokenizer.ok()) << tokenizer.status().message();
  return std::move(tokenizer).value();
}

std::string Slice(std::string_view text, const Token& t) {
  return std::string(text.substr(t.begin, t.end - t.begin));
}

bool Contains(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

struct WordsCase {
  const char* name;
  std::string input;
  std::vector<std::string> includes;  // each must be one whole token
  std::vector<std::string> excludes;  // none may be a token
};

TEST(TokenizerTest, FindsWordsAndSkipsPunctuation) {
  const std::vector<WordsCase> cases = {
      {"maternal_mortality", "孕产妇死亡率下降到12/10万以下",
       {"死亡率", "12", "10", "以下"}, {"/", "12/10"}},
      {"mixed_ascii", "ICU 72.1 and GDP增长6.5%，达到 95%以上",
       {"ICU", "72.1", "and", "GDP", "6.5", "95"}, {" ", "%", "，", "6.5%"}},
      {"per_mille", "婴儿死亡率和5岁以下儿童死亡率分别控制在5.0‰和6.0‰以下",
       {"婴儿", "死亡率", "5", "儿童", "5.0", "6.0"}, {"‰", "5.0‰"}},
      {"brackets_and_quotes", "《安阳市北关区妇女发展规划（2021—2030年）》“半边天”",
       {"妇女", "发展", "规划", "2021", "2030"}, {"《", "（", "—", "“", "》"}},
      {"empty", "", {}, {}},
      {"only_space_and_punctuation", " \t\n　，。、；：（）《》…", {}, {"，", "　"}},
  };
  auto tokenizer = MakeTokenizer();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> words = tokenizer->Words(c.input);
    for (const auto& w : c.includes) EXPECT_TRUE(Contains(words, w)) << "missing " << w;
    for (const auto& w : c.excludes) EXPECT_FALSE(Contains(words, w)) << "unexpected " << w;
    if (c.includes.empty()) {
      EXPECT_TRUE(words.empty());
    }
  }
}

// ICU's CJK dictionary has no entry for some domain terms (孕产妇 comes out as 孕 + 产妇), but a
// term must still never be cut through the middle of a neighbouring word: its edges are token edges.
TEST(TokenizerTest, DomainTermsStartAndEndOnTokenBoundaries) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"孕产妇死亡率下降到12/10万以下", "孕产妇"},
      {"孕产妇死亡率下降到12/10万以下", "死亡率"},
      {"适龄儿童义务教育巩固率达到96%以上", "儿童"},
      {"全面落实男女平等基本国策", "男女平等"},
  };
  auto tokenizer = MakeTokenizer();
  for (const auto& [text, term] : cases) {
    SCOPED_TRACE(text + " / " + term);
    size_t begin = text.find(term);
    ASSERT_NE(begin, std::string::npos);
    size_t end = begin + term.size();
    std::vector<Token> tokens = tokenizer->Tokenize(text);
    EXPECT_TRUE(std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) { return t.begin == begin; }));
    EXPECT_TRUE(std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) { return t.end == end; }));
  }
}

struct KindCase {
  std::string input;
  std::string word;
  Token::Kind kind;
};

TEST(TokenizerTest, KindFollowsRuleStatus) {
  const std::vector<KindCase> cases = {
      {"下降到12/10万以下", "12", Token::Kind::kNumber},
      {"增长6.5%", "6.5", Token::Kind::kNumber},
      {"GDP增长", "GDP", Token::Kind::kWord},
      {"ICU and ICU", "and", Token::Kind::kWord},
      {"孕产妇死亡率", "死亡率", Token::Kind::kIdeographic},
      {"儿童发展规划", "儿童", Token::Kind::kIdeographic},
  };
  auto tokenizer = MakeTokenizer();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    bool found = false;
    for (const Token& t : tokenizer->Tokenize(c.input)) {
      if (Slice(c.input, t) != c.word) continue;
      found = true;
      EXPECT_EQ(static_cast<int>(t.kind), static_cast<int>(c.kind)) << c.word;
    }
    EXPECT_TRUE(found) << c.word;
  }
}

// The properties every tokenization must have, whatever the dictionary: tokens in order, not
// overlapping, on character boundaries, matching Words(), and no Han character or ASCII digit lost
// in the gaps (the gaps hold only spaces, punctuation and symbols such as % and ‰).
void CheckInvariants(Tokenizer& tokenizer, std::string_view text) {
  std::vector<Token> tokens = tokenizer.Tokenize(text);
  std::vector<std::string> words = tokenizer.Words(text);
  ASSERT_EQ(tokens.size(), words.size());
  uint32_t previous_end = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    ASSERT_LE(previous_end, t.begin);
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_NE(static_cast<unsigned char>(text[t.begin]) & 0xC0, 0x80) << "mid-character begin";
    if (t.end < text.size()) {
      ASSERT_NE(static_cast<unsigned char>(text[t.end]) & 0xC0, 0x80) << "mid-character end";
    }
    ASSERT_EQ(Slice(text, t), words[i]);
    std::string_view gap = text.substr(previous_end, t.begin - previous_end);
    for (size_t pos = 0; pos < gap.size();) {
      char32_t cp = utf8::Next(gap, pos);
      ASSERT_FALSE(utf8::IsHan(cp) || (cp >= '0' && cp <= '9'))
          << "lost character before token " << words[i];
    }
    previous_end = t.end;
  }
}

TEST(TokenizerTest, OffsetsSliceBackOnShortTexts) {
  const std::vector<std::string> texts = {
      "孕产妇死亡率下降到12/10万以下", "ICU 72.1 and GDP增长6.5%，达到 95%以上", "a", "一",
      "12", "  前后有空格  ", "ｘｙｚ１２３　全角", "日本語カタカナ", "emoji 😀 后", "\xff\xfe坏字节",
  };
  auto tokenizer = MakeTokenizer();
  for (const auto& text : texts) {
    SCOPED_TRACE(text);
    CheckInvariants(*tokenizer, text);
  }
}

// An 8 KB passage from the middle of each corpus plan, cut at line ends: realistic length, line
// breaks inside sentences (PDF-extracted plans wrap mid-word), every kind of punctuation.
TEST(TokenizerTest, LongCorpusPassages) {
  constexpr size_t kPassageBytes = 8192;
  auto tokenizer = MakeTokenizer();
  for (const auto& file : testing::CorpusFiles()) {
    SCOPED_TRACE(file);
    std::string text = testing::ReadBytes(file);
    size_t begin = text.find('\n', text.size() / 2) + 1;
    size_t end = text.find('\n', begin + kPassageBytes);
    ASSERT_NE(end, std::string::npos);
    std::string_view passage = std::string_view(text).substr(begin, end - begin);
    CheckInvariants(*tokenizer, passage);
    // Plan prose runs two to three characters (six to nine bytes) per token.
    EXPECT_GT(tokenizer->Tokenize(passage).size(), passage.size() / 12);
  }
}

TEST(TokenizerTest, WholeCorpusKeepsInvariants) {
  auto tokenizer = MakeTokenizer();
  for (const auto& file : testing::CorpusFiles()) {
    SCOPED_TRACE(file);
    CheckInvariants(*tokenizer, testing::ReadBytes(file));
  }
}

}  // namespace
}  // namespace guihua
