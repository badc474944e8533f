// Tokenizer: ICU's word BreakIterator (dictionary-based for Han text) run directly over UTF-8 via
// UText, so the break positions ICU reports are already byte offsets and no UTF-16 copy is made.
// The rule status of each segment says whether it is a word, a number, Han text or punctuation.
#include "tokenize/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <climits>
#include <utility>

namespace guihua {
namespace {

// UText lengths are int32_t; larger texts are cut into chunks at a line break (plans are far smaller,
// so this only keeps a pathological input from overflowing).
constexpr size_t kMaxChunkBytes = INT32_MAX;

// Maps ICU's rule-status ranges (see ubrk.h, UWordBreak) to our kinds. Kana is grouped with Han
// because both come out of the CJK dictionary and neither has word-internal spaces.
Token::Kind KindFromStatus(int32_t status) {
  if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return Token::Kind::kNumber;
  if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return Token::Kind::kWord;
  if (status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT) return Token::Kind::kIdeographic;
  return Token::Kind::kOther;
}

// Where the chunk starting at `begin` ends: the whole rest, or just after the last '\n' that keeps
// it under the limit (or at the limit, on a single enormous line, backed off to a character start).
size_t ChunkEnd(std::string_view text, size_t begin) {
  if (text.size() - begin <= kMaxChunkBytes) return text.size();
  size_t limit = begin + kMaxChunkBytes;
  size_t newline = text.rfind('\n', limit - 1);
  if (newline != std::string_view::npos && newline >= begin) return newline + 1;
  while (limit > begin + 1 && (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) --limit;
  return limit;
}

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words;

  // Appends the tokens of `chunk`, shifting offsets by `base` (the chunk's place in the whole text).
  void TokenizeChunk(std::string_view chunk, size_t base, std::vector<Token>* out) {
    UErrorCode status = U_ZERO_ERROR;
    UText text = UTEXT_INITIALIZER;
    utext_openUTF8(&text, chunk.data(), static_cast<int64_t>(chunk.size()), &status);
    if (U_FAILURE(status)) return;
    words->setText(&text, status);
    if (U_SUCCESS(status)) {
      int32_t begin = words->first();
      for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
           begin = end, end = words->next()) {
        int32_t rule = words->getRuleStatus();
        if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
        out->push_back(Token{static_cast<uint32_t>(base + begin), static_cast<uint32_t>(base + end),
                             KindFromStatus(rule)});
      }
    }
    // The iterator keeps only a shallow clone of `text` pointing at the caller's bytes; it is never
    // read again before the next setText(), so closing ours here is safe.
    utext_close(&text);
  }
};

StatusOr<std::unique_ptr<Tokenizer>> Tokenizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status) || words == nullptr) {
    return Status::Internal(std::string("cannot load ICU word break data: ") + u_errorName(status));
  }
  auto impl = std::make_unique<Impl>();
  impl->words = std::move(words);
  return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(impl)));
}

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::~Tokenizer() = default;

std::vector<Token> Tokenizer::Tokenize(std::string_view utf8_text) {
  std::vector<Token> tokens;
  // Chinese plan text averages a little over two characters (six bytes) per token.
  tokens.reserve(utf8_text.size() / 6 + 1);
  for (size_t begin = 0; begin < utf8_text.size();) {
    size_t end = ChunkEnd(utf8_text, begin);
    impl_->TokenizeChunk(utf8_text.substr(begin, end - begin), begin, &tokens);
    begin = end;
  }
  return tokens;
}

std::vector<std::string> Tokenizer::Words(std::string_view utf8_text) {
  std::vector<std::string> words;
  for (const Token& t : Tokenize(utf8_text)) {
    words.emplace_back(utf8_text.substr(t.begin, t.end - t.begin));
  }
  return words;
}

}  // namespace guihua
