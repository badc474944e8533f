// Stage 2, normalize: builds the working text (NFKC + traditional→simplified, no stray whitespace)
// and records for every output byte the source character it came from. ICU is slow per call, so
// each distinct character is mapped once and kept in a process-wide, lock-free-to-read cache; the
// Hant-Hans step is a table generated at build time (internal/hant_hans.h).
#include "normalize/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "common/utf8.h"
#include "normalize/internal/hant_hans.h"

namespace guihua {
namespace {

// Enclosed numbers and letters (①, ⑩, Ⓐ, ❶, ㉑, ㊀) are list markers in plans. NFKC would turn
// "①孕产妇死亡率" into "1孕产妇死亡率" and make the marker read as a value, so they are kept.
// Parenthesised and dotted forms (⑴ → "(1)", ⒈ → "1.") stay folded: they remain markers.
bool IsEnclosedMarker(char32_t cp) {
  return (cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x24B6 && cp <= 0x24FF) ||
         (cp >= 0x2776 && cp <= 0x2793) || (cp >= 0x3251 && cp <= 0x325F) ||
         (cp >= 0x3280 && cp <= 0x3289) || (cp >= 0x32B1 && cp <= 0x32BF);
}

// Characters that are themselves standard simplified characters with their own meanings, which
// Hant-Hans (working per character, without context) would still rewrite: 显著 → 显着, 慰藉 → 慰借,
// 乾坤 → 干坤, 瞭望 → 了望, 徵 (the note) → 征. Plans use 显著 and 慰藉 often; they are left alone.
bool IsSimplifiedAsWell(char32_t cp) {
  return cp == U'著' || cp == U'藉' || cp == U'乾' || cp == U'瞭' || cp == U'徵';
}

// ICU's Hant-Hans result for `cp` (after NFKC) from the generated table; null when unchanged.
const char* HantHans(char32_t cp) {
  using normalize_internal::HantHansRow;
  const HantHansRow* end = normalize_internal::kHantHans + normalize_internal::kHantHansSize;
  const HantHansRow* row = std::lower_bound(
      normalize_internal::kHantHans, end, cp,
      [](const HantHansRow& r, char32_t c) { return r.cp < c; });
  return row != end && row->cp == cp ? row->text : nullptr;
}

// The ICU side: one NFKC instance (immutable, thread-safe); Hant-Hans is the generated table.
class IcuMapper {
 public:
  IcuMapper() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) nfkc_ = nullptr;
  }

  // The working form of one character, in UTF-8: never empty and never containing whitespace, so
  // that every non-space source character stays visible (and quotable) in the working text.
  std::string Map(char32_t cp) {
    std::string original;
    utf8::Append(cp, original);
    if (IsEnclosedMarker(cp)) return original;
    icu::UnicodeString text(static_cast<UChar32>(cp));
    if (nfkc_ != nullptr) {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString folded = nfkc_->normalize(text, status);
      if (U_SUCCESS(status)) text = folded;
    }
    std::string mapped, result;
    const char* simplified = IsSimplifiedAsWell(cp) ? nullptr : HantHans(cp);
    if (simplified != nullptr) {
      mapped = simplified;
    } else {
      text.toUTF8String(mapped);
    }
    for (size_t pos = 0; pos < mapped.size();) {
      size_t start = pos;
      char32_t c = utf8::Next(mapped, pos);
      if (!utf8::IsSpace(c) && c != '\n' && c != '\r') result.append(mapped, start, pos - start);
    }
    return result.empty() ? original : result;
  }

 private:
  const icu::Normalizer2* nfkc_ = nullptr;
};

// Per-code-point cache. A BMP entry packs up to 7 UTF-8 bytes and their count into one atomic word
// (0 = not yet computed), so the hot path is one relaxed-enough load and no lock. Longer results
// and supplementary-plane characters live in a map under a shared mutex; its nodes never move, so
// views into them stay valid.
class CharCache {
 public:
  // Returns the mapping of `cp`; `buffer` backs the view for packed entries.
  std::string_view Get(char32_t cp, char (&buffer)[8]) {
    if (cp < kBmpSize) {
      uint64_t packed = std::atomic_ref<uint64_t>(bmp_[cp]).load(std::memory_order_acquire);
      if (packed == 0) packed = Fill(cp);
      size_t len = packed >> 56;
      if (len != kOverflow) {
        for (size_t i = 0; i < len; ++i) buffer[i] = static_cast<char>(packed >> (8 * i));
        return std::string_view(buffer, len);
      }
    }
    return GetOverflow(cp);
  }

 private:
  static constexpr size_t kBmpSize = 0x10000;
  static constexpr uint64_t kOverflow = 0xFF;

  uint64_t Fill(char32_t cp) {
    std::string mapped = mapper_.Map(cp);
    uint64_t packed = kOverflow << 56;
    if (mapped.size() <= 7) {
      packed = static_cast<uint64_t>(mapped.size()) << 56;
      for (size_t i = 0; i < mapped.size(); ++i) {
        packed |= static_cast<uint64_t>(static_cast<unsigned char>(mapped[i])) << (8 * i);
      }
    } else {
      std::unique_lock lock(overflow_mu_);
      overflow_.emplace(cp, std::move(mapped));
    }
    // Two threads may race to fill the same entry; both compute the same value, so either wins.
    std::atomic_ref<uint64_t>(bmp_[cp]).store(packed, std::memory_order_release);
    return packed;
  }

  std::string_view GetOverflow(char32_t cp) {
    {
      std::shared_lock lock(overflow_mu_);
      if (auto it = overflow_.find(cp); it != overflow_.end()) return it->second;
    }
    std::string mapped = mapper_.Map(cp);
    std::unique_lock lock(overflow_mu_);
    return overflow_.emplace(cp, std::move(mapped)).first->second;
  }

  IcuMapper mapper_;
  // 512 KB from calloc, which the kernel hands out as zero pages: a short run (a search's query)
  // touches a few of them instead of clearing them all.
  uint64_t* bmp_ = static_cast<uint64_t*>(std::calloc(kBmpSize, sizeof(uint64_t)));
  std::shared_mutex overflow_mu_;
  std::unordered_map<char32_t, std::string> overflow_;
};

CharCache& Cache() {
  static CharCache* cache = new CharCache();  // never destroyed: safe during static teardown
  return *cache;
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsPinyinLetter(char32_t cp, bool* toned) {
  static constexpr std::u32string_view kToned = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
  if (kToned.find(cp) != std::u32string_view::npos) {
    *toned = true;
    return true;
  }
  return (cp >= 'a' && cp <= 'z') || cp == U'ü';
}

// One toneless pinyin syllable (yu, gong, shi, zhuang): an initial, vowels, then n, ng or r.
// Units (kg, cm, mmol) have no such shape.
bool IsTonelessSyllable(std::string_view s) {
  size_t i = 0;
  if (s.starts_with("zh") || s.starts_with("ch") || s.starts_with("sh")) {
    i = 2;
  } else if (!s.empty() && std::string_view("bpmfdtnlgkhjqxrzcsyw").find(s[0]) != s.npos) {
    i = 1;
  }
  size_t v = i;
  while (v < s.size() && std::string_view("aeiouv").find(s[v]) != s.npos) ++v;
  std::string_view rest = s.substr(v);
  return v > i && (rest.empty() || rest == "n" || rest == "ng" || rest == "r");
}

// Mirror sites of Chinese pages print the pinyin of some characters after them: 地區(qū),
// 達(dá)到, 托育(yu), 仅(jǐn ). A parenthesis right after a Han character that holds one syllable,
// with a tone mark or of pinyin's shape (and nothing else), is that annotation, not text: its
// length in bytes, else 0.
size_t PinyinAnnotation(std::string_view source, size_t pos) {
  if (pos >= source.size() || source[pos] != '(') return 0;
  bool toned = false;
  std::string ascii;
  size_t at = pos + 1;
  for (int letters = 0; at < source.size() && letters <= 7; ++letters) {
    if (source[at] == ' ' && at + 1 < source.size() && source[at + 1] == ')') ++at;
    if (source[at] == ')') {
      bool syllable = toned ? letters > 0 : IsTonelessSyllable(ascii);
      return syllable ? at + 1 - pos : 0;
    }
    char32_t cp = utf8::Next(source, at);
    if (!IsPinyinLetter(cp, &toned)) return 0;
    if (cp < 0x80) ascii += static_cast<char>(cp);
  }
  return 0;
}

// Writes working text, and origins when `origin` is given (NormalizeString needs none).
class Writer {
 public:
  Writer(std::string* text, std::vector<uint32_t>* origin) : text_(text), origin_(origin) {}

  void Put(std::string_view bytes, uint32_t at) {
    text_->append(bytes);
    if (origin_ != nullptr) origin_->insert(origin_->end(), bytes.size(), at);
  }
  void Put(char byte, uint32_t at) {
    text_->push_back(byte);
    if (origin_ != nullptr) origin_->push_back(at);
  }

 private:
  std::string* text_;
  std::vector<uint32_t>* origin_;
};

// One pass over the source. Whitespace is held back as "pending" until the next visible character
// on the line shows whether it separates two ASCII words ("ZYDR 2021") and must survive as one
// space.
void Run(std::string_view source, Writer& out) {
  CharCache& cache = Cache();
  bool pending = false;     // whitespace seen since the last visible character of this line
  uint32_t pending_at = 0;  // source offset of the first character of that whitespace
  bool prev_alnum = false;  // the last visible character of this line ended in an ASCII alnum
  char buffer[8];
  size_t pos = 0;
  while (pos < source.size()) {
    uint32_t at = static_cast<uint32_t>(pos);
    unsigned char byte = static_cast<unsigned char>(source[pos]);
    std::string_view mapped;
    if (byte < 0x80) {  // ASCII: NFKC and Hant-Hans leave it alone
      ++pos;
      if (byte == '\n') {
        out.Put('\n', at);
        pending = prev_alnum = false;
        continue;
      }
      if (byte == ' ' || byte == '\t' || byte == '\r' || byte == '\v' || byte == '\f') {
        if (!pending) pending_at = at;
        pending = true;
        continue;
      }
      buffer[0] = static_cast<char>(byte);
      mapped = std::string_view(buffer, 1);
    } else {
      char32_t cp = utf8::Next(source, pos);
      if (utf8::IsSpace(cp)) {
        // Zero-width characters vanish without separating anything.
        if (cp == 0x200B || cp == 0xFEFF) continue;
        if (!pending) pending_at = at;
        pending = true;
        continue;
      }
      mapped = cache.Get(cp, buffer);
      if (cp >= 0x3400) pos += PinyinAnnotation(source, pos);
    }
    if (pending && prev_alnum && IsAsciiAlnum(mapped.front())) out.Put(' ', pending_at);
    pending = false;
    prev_alnum = IsAsciiAlnum(mapped.back());
    out.Put(mapped, at);
  }
}

}  // namespace

MappedText Normalize(std::string_view source) {
  MappedText result;
  result.text.reserve(source.size());
  result.origin.reserve(source.size());
  Writer out(&result.text, &result.origin);
  Run(source, out);
  return result;
}

std::string NormalizeString(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  Writer out(&result, nullptr);
  Run(text, out);
  return result;
}

}  // namespace guihua
