// Stage 5, tokenize: ICU word segmentation (dictionary-based for Chinese) of item texts, for
// indexing and similarity. Tokens carry byte offsets into the text they came from.
#ifndef GUIHUA_TOKENIZE_TOKENIZE_H_
#define GUIHUA_TOKENIZE_TOKENIZE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace guihua {

struct Token {
  uint32_t begin = 0;  // byte offsets into the tokenized text
  uint32_t end = 0;
  enum class Kind { kWord, kNumber, kIdeographic, kOther } kind = Kind::kOther;
};

class Tokenizer {
 public:
  // Fails only when ICU's break-iterator data cannot be loaded.
  static StatusOr<std::unique_ptr<Tokenizer>> Create();
  ~Tokenizer();

  // Words, numbers and Han runs; spaces and punctuation are skipped. Not thread-safe: use one
  // Tokenizer per thread.
  std::vector<Token> Tokenize(std::string_view utf8_text);

  // Convenience: the token strings.
  std::vector<std::string> Words(std::string_view utf8_text);

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guihua

#endif  // GUIHUA_TOKENIZE_TOKENIZE_H_
