// The number evaluator: turns one printed number span (found by the RE2 patterns of
// rules/extract/numbers.rules) into a value, or refuses it whole. Pure functions, no RE2 here.
// The forms read and the forms refused are listed in rules/README.md ("Numbers").
#ifndef GUIHUA_EXTRACT_INTERNAL_NUMERAL_H_
#define GUIHUA_EXTRACT_INTERNAL_NUMERAL_H_

#include <optional>
#include <string>
#include <string_view>

namespace guihua::extract_internal {

struct NumberValue {
  double value = 0;
  // A unit the number itself prints: "%" (百分之), "‰" (千分之), "/万" (万分之), "/10万"
  // (十万分之);
  // "" for every other number.
  std::string unit;
  // 万 or 亿 printed at the end, which the extraction contract keeps in the unit (四十万人 → 40,
  // 万人); "" when the number ends otherwise (一万三 → 13000).
  std::string magnitude;
  // ">=" for an open number (十余万, 一千多, 二十几: at least the stated number), else "".
  std::string comparator;
};

// Reads `text` as one number, whole: Arabic (thousands separators, full-width digits, decimals),
// Chinese and financial numerals (零 as placeholder, 两/兩/俩/倆, omitted trailing unit as in
// 四百五, 点/點 decimals, 〇 digit strings), fractions N分之M and mixed numbers A又N分之M,
// 百分之/千分之/万分之/十万分之, 余/多/几, a trailing 万/亿, whitespace anywhere (as PDF text has
// it). Anything else, or anything ambiguous (三五: three or five), gives nullopt and says why in
// `why`. A fraction is given to four significant digits (三分之一 = 0.3333, as the gold guide has).
std::optional<NumberValue> ReadNumber(std::string_view text, std::string* why = nullptr);

}  // namespace guihua::extract_internal

#endif  // GUIHUA_EXTRACT_INTERNAL_NUMERAL_H_
