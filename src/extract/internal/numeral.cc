// The number evaluator: a printed number span → value, unit it prints, trailing magnitude and
// comparator of an open number; refused whole when any part cannot be read, since a wrong value in
// a researcher's table is worse than a missing one.
#include "extract/internal/numeral.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "common/utf8.h"

namespace guihua::extract_internal {
namespace {

enum class Kind {
  kDigit,   // 一 … 九, 两 (value 1-9)
  kZero,    // 零 〇 ○
  kPlace,   // 十 百 千 (value 10, 100, 1000)
  kGroup,   // 万 亿 (value 1e4, 1e8)
  kPoint,   // 点 點
  kArabic,  // a run of ASCII digits with , and . (value parsed)
  kFen,     // 分 (of 分之)
  kZhi,     // 之
  kYou,     // 又 (mixed number)
  kOpen,    // 余 多
  kJi,      // 几
  kTenth,   // 成 (三成 = 30%)
};

struct Token {
  Kind kind;
  double value = 0;
  bool decimal = false;  // an Arabic token with a decimal part
  bool two = false;      // 两-type 2: a count word, never a place digit
  size_t digits = 0;     // an Arabic token's integer digits
};

struct Char {
  char32_t cp;
  Kind kind;
  double value;
};

// Every character a number may print, as the simplified working text or the source has it.
constexpr Char kChars[] = {
    {U'零', Kind::kZero, 0},     {U'〇', Kind::kZero, 0},     {U'○', Kind::kZero, 0},
    {U'一', Kind::kDigit, 1},    {U'壹', Kind::kDigit, 1},    {U'二', Kind::kDigit, 2},
    {U'贰', Kind::kDigit, 2},    {U'貳', Kind::kDigit, 2},    {U'两', Kind::kDigit, 2},
    {U'兩', Kind::kDigit, 2},    {U'俩', Kind::kDigit, 2},    {U'倆', Kind::kDigit, 2},
    {U'三', Kind::kDigit, 3},    {U'叁', Kind::kDigit, 3},    {U'參', Kind::kDigit, 3},
    {U'参', Kind::kDigit, 3},    {U'四', Kind::kDigit, 4},    {U'肆', Kind::kDigit, 4},
    {U'五', Kind::kDigit, 5},    {U'伍', Kind::kDigit, 5},    {U'六', Kind::kDigit, 6},
    {U'陆', Kind::kDigit, 6},    {U'陸', Kind::kDigit, 6},    {U'七', Kind::kDigit, 7},
    {U'柒', Kind::kDigit, 7},    {U'八', Kind::kDigit, 8},    {U'捌', Kind::kDigit, 8},
    {U'九', Kind::kDigit, 9},    {U'玖', Kind::kDigit, 9},    {U'十', Kind::kPlace, 10},
    {U'拾', Kind::kPlace, 10},   {U'百', Kind::kPlace, 100},  {U'佰', Kind::kPlace, 100},
    {U'千', Kind::kPlace, 1000}, {U'仟', Kind::kPlace, 1000}, {U'万', Kind::kGroup, 1e4},
    {U'萬', Kind::kGroup, 1e4},  {U'亿', Kind::kGroup, 1e8},  {U'億', Kind::kGroup, 1e8},
    {U'点', Kind::kPoint, 0},    {U'點', Kind::kPoint, 0},    {U'分', Kind::kFen, 0},
    {U'之', Kind::kZhi, 0},      {U'又', Kind::kYou, 0},      {U'余', Kind::kOpen, 0},
    {U'餘', Kind::kOpen, 0},     {U'多', Kind::kOpen, 0},     {U'几', Kind::kJi, 0},
    {U'幾', Kind::kJi, 0},       {U'成', Kind::kTenth, 0},
};

const Char* Lookup(char32_t cp) {
  for (const Char& c : kChars) {
    if (c.cp == cp) return &c;
  }
  return nullptr;
}

bool Fail(std::string* why, const std::string& message) {
  if (why) *why = message;
  return false;
}

// An Arabic run: digits, an optional decimal part, thousands separators in groups of three.
bool ParseArabic(const std::string& run, Token* out, std::string* why) {
  size_t dot = run.find('.');
  std::string whole = run.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : run.substr(dot + 1);
  if (dot != std::string::npos &&
      (frac.empty() || frac.find_first_not_of("0123456789") != std::string::npos)) {
    return Fail(why, "'" + run + "' has a malformed decimal part");
  }
  if (whole.empty()) return Fail(why, "'" + run + "' has no digits before its decimal point");
  std::string digits;
  size_t group = 0, groups = 0;
  for (size_t i = 0; i <= whole.size(); ++i) {
    if (i == whole.size() || whole[i] == ',') {
      bool ok = groups == 0 ? group >= 1 && (whole.find(',') == std::string::npos || group <= 3)
                            : group == 3;
      if (!ok) return Fail(why, "'" + run + "' has misplaced thousands separators");
      ++groups;
      group = 0;
    } else {
      digits += whole[i];
      ++group;
    }
  }
  out->kind = Kind::kArabic;
  out->decimal = !frac.empty();
  out->digits = digits.size();
  out->value = std::strtod((digits + (frac.empty() ? "" : "." + frac)).c_str(), nullptr);
  return true;
}

// Characters → tokens: whitespace dropped, full-width forms folded, Arabic runs parsed.
bool Tokenize(std::string_view text, std::vector<Token>* out, std::string* why) {
  std::string run;
  bool space_in_run = false;
  auto flush = [&]() {
    if (run.empty()) return true;
    Token t;
    if (!ParseArabic(run, &t, why)) return false;
    out->push_back(t);
    run.clear();
    return true;
  };
  for (size_t pos = 0; pos < text.size();) {
    char32_t cp = utf8::Next(text, pos);
    if (cp >= U'０' && cp <= U'９') cp = U'0' + (cp - U'０');
    if (cp == U'．') cp = U'.';
    if (cp == U'，') cp = U',';
    if ((cp >= U'0' && cp <= U'9') || cp == U'.' || cp == U',') {
      // A space between digits separates thousands as a comma does: 10 000 (and 12 34 is no
      // number).
      if (space_in_run && cp >= U'0' && cp <= U'9') run += ',';
      space_in_run = false;
      run += static_cast<char>(cp);
      continue;
    }
    if (utf8::IsSpace(cp)) {  // PDF text: 四点 五, 百分之一 点五
      space_in_run = !run.empty() && run.back() >= '0' && run.back() <= '9';
      continue;
    }
    space_in_run = false;
    if (!flush()) return false;
    const Char* c = Lookup(cp);
    if (!c) {
      std::string printed;
      utf8::Append(cp, printed);
      return Fail(why, "'" + printed + "' is not part of a number");
    }
    Token t{c->kind, c->value};
    t.two = cp == U'两' || cp == U'兩' || cp == U'俩' || cp == U'倆';
    out->push_back(t);
  }
  return flush();
}

using Tokens = std::vector<Token>;

bool IsDigitLike(const Token& t) { return t.kind == Kind::kDigit || t.kind == Kind::kZero; }

// A digit string read place by place: 二〇二五, the 五 of 三点一五. Only 〇-style strings: a run
// of two non-zero digits (三五, 七八) is "three or five", an estimate, not 35.
bool Positional(const Tokens& t, size_t b, size_t e, std::string* digits, std::string* why) {
  for (size_t i = b; i < e; ++i) {
    if (!IsDigitLike(t[i]) || t[i].two) return Fail(why, "only digits may follow 点");
    *digits += static_cast<char>('0' + static_cast<int>(t[i].value));
  }
  return !digits->empty() || Fail(why, "nothing after 点");
}

// A section of digits only, read place by place when it has a 〇 (二〇二五); nullopt when it is
// not one (it has a place marker, or one digit).
std::optional<bool> DigitString(const Tokens& t, size_t b, size_t e, double* out,
                                std::string* why) {
  if (e - b < 2 || t[b].kind == Kind::kZero) return std::nullopt;
  bool all_digits = true, any_zero = false;
  for (size_t i = b; i < e; ++i) {
    all_digits = all_digits && IsDigitLike(t[i]);
    any_zero = any_zero || t[i].kind == Kind::kZero;
  }
  if (!all_digits) return std::nullopt;
  if (!any_zero) return Fail(why, "two digits in a row (an estimate such as 三五)");
  std::string digits;
  if (!Positional(t, b, e, &digits, why)) return false;
  *out = std::strtod(digits.c_str(), nullptr);
  return true;
}

// One section below 万: [d]千[d]百[d]十[d] with 零 for skipped places, a leading 十/百/千 meaning
// one of it (十五, 千三), and a last digit after 百/千 taking the next place down (四百五 = 450).
bool Section(const Tokens& t, size_t b, size_t e, bool first, double* out, std::string* why) {
  if (b == e) return Fail(why, "a place marker without a number before it");
  double sum = 0, pending = 0, last_place = 0;
  bool has_pending = false, pending_arabic = false, zero = false;
  if (std::optional<bool> read = DigitString(t, b, e, out, why)) return *read;
  if (t[b].kind == Kind::kZero && first && e - b > 1) return Fail(why, "a number begins with 零");
  for (size_t i = b; i < e; ++i) {
    const Token& k = t[i];
    if (k.kind == Kind::kZero) {
      if (has_pending) return Fail(why, "零 after a digit");
      zero = true;
    } else if (k.kind == Kind::kDigit || k.kind == Kind::kArabic) {
      if (has_pending) return Fail(why, "two digits in a row (an estimate such as 三五)");
      if (k.kind == Kind::kArabic && i > b) return Fail(why, "Arabic digits after Chinese ones");
      has_pending = true;
      pending = k.value;
      pending_arabic = k.kind == Kind::kArabic;
    } else if (k.kind == Kind::kPlace) {
      double coefficient = 1;
      if (has_pending) {
        coefficient = pending;
        if (pending_arabic && (coefficient >= 10 || coefficient <= 0)) {
          return Fail(why, "an Arabic number of 10 or more before 十/百/千");
        }
      } else if (i != b && !(zero && k.value == 10 && last_place >= 1000)) {
        return Fail(why, "十/百/千 without a digit inside a number");
      }
      if (last_place != 0 && k.value >= last_place) return Fail(why, "places out of order");
      if (zero && k.value * 10 == last_place) return Fail(why, "零 between neighbouring places");
      sum += coefficient * k.value;
      last_place = k.value;
      has_pending = pending_arabic = zero = false;
    } else {
      return Fail(why, "unexpected character inside a number");
    }
  }
  if (has_pending) {
    if (zero || last_place <= 10) {
      sum += pending;
    } else if (pending_arabic) {
      return Fail(why, "Arabic digits after 百/千");
    } else {
      sum += pending * last_place / 10;  // 四百五 = 450, 一千三 = 1300
    }
  } else if (zero && !(first && e - b == 1)) {
    return Fail(why, "a number ends with 零");
  }
  *out = sum;
  return true;
}

// A section that may end in a decimal part: 十五点七, 零点五, or an Arabic 12.07.
bool DecimalSection(const Tokens& t, size_t b, size_t e, bool first, double* out,
                    std::string* why) {
  size_t point = e;
  for (size_t i = b; i < e; ++i) {
    if (t[i].kind == Kind::kPoint) {
      if (point != e) return Fail(why, "two decimal points");
      point = i;
    }
  }
  if (point == e) return Section(t, b, e, first, out, why);
  if (point == b) return Fail(why, "点 without a whole part");
  double whole = 0;
  std::string digits;
  if (!Section(t, b, point, first, &whole, why)) return false;
  if (whole != std::floor(whole)) return Fail(why, "a decimal part after a decimal");
  if (!Positional(t, point + 1, e, &digits, why)) return false;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f.%s", whole, digits.c_str());
  *out = std::strtod(buf, nullptr);
  return true;
}

// Sections joined by 亿 and 万: value = high * 1e8 + mid * 1e4 + low. The groups are kept apart
// so that a number ending in 万 or 亿 can be given in that magnitude exactly.
struct Groups {
  double yi = 0, wan = 0, low = 0;
  bool has_yi = false, has_wan = false, has_low = false;
};

bool ReadGroups(const Tokens& t, size_t b, size_t e, Groups* g, std::string* why) {
  size_t start = b;
  double last_group = 0;
  for (size_t i = b; i <= e; ++i) {
    if (i < e && t[i].kind != Kind::kGroup) continue;
    bool last = i == e;
    if (!last && last_group != 0 && t[i].value >= last_group)
      return Fail(why, "万/亿 out of order");
    if (last && start == e) break;
    // Only the last section may have a decimal part (1.5万, 十五点七; not 1.5万3千).
    for (size_t k = start; k < i && !last && i + 1 < e; ++k) {
      if (t[k].kind == Kind::kPoint || t[k].decimal) {
        return Fail(why, "a decimal before a further part of the number");
      }
    }
    double v = 0;
    if (!DecimalSection(t, start, i, start == b, &v, why)) return false;
    if (last) {
      bool bare_digit = i - start == 1 && start > b;
      if (bare_digit && t[start].kind == Kind::kDigit) {
        v *= t[start - 1].value / 10;  // 一万三 = 13000, 一亿三 = 1.3亿
      } else if (bare_digit && t[start].kind == Kind::kArabic && t[start].digits == 1) {
        return Fail(why, "one Arabic digit after 万/亿 (1万5: 15000 or 10005?)");
      }
      g->low = v;
      g->has_low = true;
    } else if (t[i].value == 1e8) {
      g->yi = v;
      g->has_yi = true;
    } else {
      g->wan = v;
      g->has_wan = true;
    }
    if (!last) last_group = t[i].value;
    start = i + 1;
  }
  return g->has_yi || g->has_wan || g->has_low || Fail(why, "no number");
}

bool Plain(const Tokens& t, size_t b, size_t e, double* out, std::string* why) {
  for (size_t i = b; i < e; ++i) {
    if (t[i].kind == Kind::kOpen || t[i].kind == Kind::kJi || t[i].kind == Kind::kFen ||
        t[i].kind == Kind::kZhi || t[i].kind == Kind::kYou || t[i].kind == Kind::kTenth) {
      return Fail(why, "余/多/几/分之/又 where a plain number is expected");
    }
  }
  Groups g;
  if (!ReadGroups(t, b, e, &g, why)) return false;
  *out = g.yi * 1e8 + g.wan * 1e4 + g.low;
  return true;
}

// 余/多 after a place, a group or a round Arabic number; 几 after 十 only (二十几, 十几万).
bool OpenMarkerFits(const Tokens& t, size_t at) {
  if (at == 0) return false;
  const Token& before = t[at - 1];
  if (t[at].kind == Kind::kJi) return before.kind == Kind::kPlace && before.value == 10;
  if (before.kind == Kind::kPlace || before.kind == Kind::kGroup) return true;
  return before.kind == Kind::kArabic && !before.decimal && before.value >= 10 &&
         std::fmod(before.value, 10) == 0;
}

// A whole number with an optional open marker and trailing magnitude: 十余万, 一千多, 1.5万.
bool Quantity(Tokens t, NumberValue* out, std::string* why) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Kind::kOpen && t[i].kind != Kind::kJi) continue;
    bool at_end = i + 1 == t.size();
    bool before_group = i + 2 == t.size() && t[i + 1].kind == Kind::kGroup;
    if (!(at_end || before_group) || !OpenMarkerFits(t, i)) {
      return Fail(why, "余/多/几 not after a round number");
    }
    if (!out->comparator.empty()) return Fail(why, "two of 余/多/几");
    out->comparator = ">=";
    t.erase(t.begin() + static_cast<long>(i));
    --i;
  }
  if (t.empty()) return Fail(why, "no number");
  Groups g;
  if (!ReadGroups(t, 0, t.size(), &g, why)) return false;
  out->value = g.yi * 1e8 + g.wan * 1e4 + g.low;
  if (t.back().kind == Kind::kGroup && !g.has_low) {
    bool yi = t.back().value == 1e8;
    out->magnitude = yi ? "亿" : "万";
    out->value = yi ? g.yi : g.yi * 1e4 + g.wan;  // 四十万 → 40 万; 一亿二千万 → 12000 万
  }
  return true;
}

// 百分之 / 千分之 / 万分之 / 十万分之 before 分之: the contract's rate units.
const char* RateUnit(const Tokens& t, size_t fen) {
  auto is = [&](size_t i, double v) { return t[i].value == v && t[i].kind != Kind::kDigit; };
  if (fen == 1 && is(0, 100)) return "%";
  if (fen == 1 && is(0, 1000)) return "‰";
  if (fen == 1 && is(0, 1e4)) return "/万";
  if (fen == 2 && is(0, 10) && is(1, 1e4)) return "/10万";
  return nullptr;
}

// A fraction to four significant digits, as the gold guide writes 三分之一 (0.3333): exact
// decimals (四分之三 = 0.75) keep their value, and 三百分之一 keeps its digits (0.003333).
double FourDigits(double f) {
  if (f == 0 || !std::isfinite(f)) return f;
  double scale = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(f))));
  return std::round(f * scale) / scale;
}

// N分之M, A又N分之M and the rate forms.
bool Fraction(const Tokens& t, size_t fen, NumberValue* out, std::string* why) {
  if (fen + 1 >= t.size() || t[fen + 1].kind != Kind::kZhi) return Fail(why, "分 without 之");
  double num = 0;
  if (!Plain(t, fen + 2, t.size(), &num, why)) return false;
  if (const char* unit = RateUnit(t, fen)) {
    out->value = num;
    out->unit = unit;
    return true;
  }
  size_t you = fen;
  for (size_t i = 0; i < fen; ++i) {
    if (t[i].kind == Kind::kYou) you = i;
  }
  double whole = 0, den = 0;
  if (you != fen && !Plain(t, 0, you, &whole, why)) return false;
  if (!Plain(t, you == fen ? 0 : you + 1, fen, &den, why)) return false;
  if (den == 0) return Fail(why, "a fraction over zero");
  if (you != fen && num >= den) return Fail(why, "a mixed number whose fraction is not below one");
  out->value = whole + FourDigits(num / den);
  return true;
}

// 三成 = 30%: one digit of tenths. 七成五 and 十成 are left unread (rare, and 成 ends many words).
bool Tenths(const Tokens& t, NumberValue* out, std::string* why) {
  if (t.size() != 2 || t[0].kind != Kind::kDigit) return Fail(why, "成 after more than one digit");
  out->value = t[0].value * 10;
  out->unit = "%";
  return true;
}

}  // namespace

std::optional<NumberValue> ReadNumber(std::string_view text, std::string* why) {
  Tokens t;
  if (!Tokenize(text, &t, why)) return std::nullopt;
  if (t.empty()) {
    Fail(why, "no number");
    return std::nullopt;
  }
  NumberValue out;
  size_t fen = t.size(), you = t.size();
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind == Kind::kFen && fen == t.size()) fen = i;
    if (t[i].kind == Kind::kYou) you = i;
    if (t[i].kind == Kind::kZhi && (i == 0 || t[i - 1].kind != Kind::kFen)) {
      Fail(why, "之 without 分");
      return std::nullopt;
    }
  }
  bool ok = t.back().kind == Kind::kTenth ? Tenths(t, &out, why)
            : fen < t.size()                ? Fraction(t, fen, &out, why)
            : you < t.size()                ? Fail(why, "又 without a fraction")
                                            : Quantity(t, &out, why);
  if (!ok || !std::isfinite(out.value)) {
    if (ok) Fail(why, "out of range");
    return std::nullopt;
  }
  return out;
}

}  // namespace guihua::extract_internal
