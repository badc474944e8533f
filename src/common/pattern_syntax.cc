// SurelyParses (pattern_syntax.h): a recognizer of a plain subset of RE2's syntax. It mirrors
// RE2's parser (parse.cc) where that subset meets it and gives up wherever it is unsure.
#include "common/pattern_syntax.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/utf8.h"

namespace guihua {
namespace {

constexpr int kMaxRepeat = 1000;  // RE2's largest count in {n,m}
constexpr size_t kMaxDepth = 64;  // far below RE2's own limits on nesting

// Escapes that stand for a set of characters (never a range's end) or for a position.
constexpr std::string_view kClassEscapes = "dswDSW";
constexpr std::string_view kPositionEscapes = "bBAz";
constexpr std::array<std::string_view, 9> kGroups = {"Han", "L", "N", "P", "Nd",
                                                     "Lu", "Ll", "Lo", "Zs"};

class Recognizer {
 public:
  explicit Recognizer(std::string_view p) : p_(p) {}
  bool Run();

 private:
  // What the last item was: whether a repetition operator may follow it.
  enum class Last { kNone, kAtom, kRepeated };
  struct Group {
    bool counted = false;  // a counted repetition inside (RE2 limits their nesting)
  };

  std::optional<char32_t> Rune();                    // one character, not a control
  std::optional<char32_t> EscapedRune(bool* set);    // after '\': a character or a set
  bool UnicodeGroup();                               // after "\p" or "\P"
  bool Class();                                      // after '['
  bool OpenGroup();                                  // after '('
  bool Repeat(char op);                              // at * + ? {
  bool Counted(int* lo, int* hi);                    // {n} {n,} {n,m}
  static bool Number(std::string_view digits, int* n);

  std::string_view p_;
  size_t i_ = 0;
  Last last_ = Last::kNone;
  bool last_counted_ = false;  // the last atom is a group holding a counted repetition
  std::vector<Group> groups_{Group{}};
  std::set<std::string_view> names_;
};

// Run checks the whole pattern is well-formed UTF-8 first, so one character decodes as it is.
std::optional<char32_t> Recognizer::Rune() {
  if (i_ >= p_.size()) return std::nullopt;
  const auto lead = static_cast<unsigned char>(p_[i_]);
  if (lead < 0x20 || lead == 0x7F) return std::nullopt;
  return utf8::Next(p_, i_);
}

bool Recognizer::UnicodeGroup() {
  if (i_ >= p_.size() || p_[i_] != '{') return false;
  size_t close = p_.find('}', i_);
  if (close == std::string_view::npos) return false;
  std::string_view name = p_.substr(i_ + 1, close - i_ - 1);
  if (std::find(kGroups.begin(), kGroups.end(), name) == kGroups.end()) return false;
  i_ = close + 1;
  return true;
}

// After '\': a character (returned) or a set of characters (*set, nullopt returned with *set).
std::optional<char32_t> Recognizer::EscapedRune(bool* set) {
  *set = false;
  if (i_ >= p_.size()) return std::nullopt;
  char c = p_[i_];
  if (kClassEscapes.find(c) != std::string_view::npos) {
    ++i_;
    *set = true;
    return std::nullopt;
  }
  if (c == 'p' || c == 'P') {
    ++i_;
    *set = UnicodeGroup();
    return std::nullopt;
  }
  static constexpr std::string_view kControls = "ntr";
  static constexpr std::string_view kControlRunes = "\n\t\r";
  if (size_t k = kControls.find(c); k != std::string_view::npos) {
    ++i_;
    return kControlRunes[k];
  }
  bool punct = c > 0x20 && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c)) && c != '_';
  if (!punct) return std::nullopt;
  ++i_;
  return static_cast<char32_t>(c);
}

// A class after its '[': items and ordered ranges of characters, up to its ']'.
bool Recognizer::Class() {
  if (i_ < p_.size() && p_[i_] == '^') ++i_;
  bool first = true;  // a ']' first is a character
  while (i_ < p_.size() && (p_[i_] != ']' || first)) {
    first = false;
    if (p_[i_] == '[') return false;  // [:alpha:] and the like
    std::optional<char32_t> lo;
    if (p_[i_] == '\\') {
      ++i_;
      bool set = false;
      lo = EscapedRune(&set);
      if (set) {
        if (i_ < p_.size() && p_[i_] == '-') return false;
        continue;
      }
    } else {
      lo = Rune();
    }
    if (!lo) return false;
    if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
      ++i_;
      std::optional<char32_t> hi;
      if (p_[i_] == '\\') {
        ++i_;
        bool set = false;
        hi = EscapedRune(&set);
      } else if (p_[i_] != '[') {
        hi = Rune();
      }
      if (!hi || *hi < *lo) return false;
    }
  }
  if (i_ >= p_.size()) return false;
  ++i_;  // ']'
  return true;
}

// A group after its '(': (?:, (?P<name> of a name not seen, (?flags) or a capturing group.
bool Recognizer::OpenGroup() {
  if (i_ < p_.size() && p_[i_] == '?') {
    ++i_;
    if (p_.substr(i_, 1) == ":") {
      ++i_;
    } else if (p_.substr(i_, 2) == "P<") {
      size_t close = p_.find('>', i_);
      if (close == std::string_view::npos || close == i_ + 2) return false;
      std::string_view name = p_.substr(i_ + 2, close - i_ - 2);
      for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
      }
      if (!names_.insert(name).second) return false;
      i_ = close + 1;
    } else {
      size_t k = i_;
      while (k < p_.size() && std::string_view("ims").find(p_[k]) != std::string_view::npos) ++k;
      if (k == i_ || k >= p_.size() || p_[k] != ')') return false;
      i_ = k + 1;
      last_ = Last::kNone;  // flags open no group and are nothing to repeat
      return true;
    }
  }
  if (groups_.size() >= kMaxDepth) return false;
  groups_.push_back(Group{});
  last_ = Last::kNone;
  return true;
}

bool Recognizer::Number(std::string_view digits, int* n) {
  if (digits.empty() || digits.size() > 4 || (digits.size() > 1 && digits[0] == '0')) return false;
  *n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    *n = *n * 10 + (c - '0');
  }
  return true;
}

// {n}, {n,} or {n,m} at i_, as RE2 reads a counted repetition (else it would be a literal '{').
bool Recognizer::Counted(int* lo, int* hi) {
  size_t close = p_.find('}', i_);
  if (close == std::string_view::npos) return false;
  std::string_view inner = p_.substr(i_ + 1, close - i_ - 1);
  size_t comma = inner.find(',');
  if (!Number(inner.substr(0, comma), lo)) return false;
  if (comma == std::string_view::npos) {
    *hi = *lo;
  } else if (comma + 1 == inner.size()) {
    *hi = -1;
  } else if (!Number(inner.substr(comma + 1), hi)) {
    return false;
  }
  if (*lo > kMaxRepeat || *hi > kMaxRepeat || (*hi != -1 && *hi < *lo)) return false;
  i_ = close + 1;
  return true;
}

// A repetition operator at i_ (op is p_[i_]): only after an atom, never after another one.
bool Recognizer::Repeat(char op) {
  if (last_ != Last::kAtom) return false;
  if (op == '{') {
    int lo = 0;
    int hi = 0;
    if (!Counted(&lo, &hi) || last_counted_) return false;
    groups_.back().counted = true;
  } else {
    ++i_;
  }
  if (i_ < p_.size() && p_[i_] == '?') ++i_;
  last_ = Last::kRepeated;
  return true;
}

bool Recognizer::Run() {
  if (!utf8::IsValid(p_)) return false;  // RE2 refuses it
  while (i_ < p_.size()) {
    char c = p_[i_];
    bool counted = false;  // the atom read here is a group holding a counted repetition
    if (c == '*' || c == '+' || c == '?' || c == '{') {
      if (!Repeat(c)) return false;
      continue;
    }
    if (c == '(') {
      ++i_;
      if (!OpenGroup()) return false;
      continue;
    }
    if (c == ')') {
      if (groups_.size() < 2) return false;
      counted = groups_.back().counted;
      groups_.pop_back();
      groups_.back().counted |= counted;
      ++i_;
    } else if (c == '|' || c == '^' || c == '$') {
      ++i_;
      last_ = Last::kNone;
      last_counted_ = false;
      continue;
    } else if (c == '[') {
      ++i_;
      if (!Class()) return false;
    } else if (c == '\\') {
      ++i_;
      if (i_ < p_.size() && kPositionEscapes.find(p_[i_]) != std::string_view::npos) {
        ++i_;
        last_ = Last::kNone;
        continue;
      }
      bool set = false;
      if (!EscapedRune(&set) && !set) return false;
    } else if (c == '.') {
      ++i_;
    } else if (!Rune()) {
      return false;
    }
    last_ = Last::kAtom;
    last_counted_ = counted;
  }
  return groups_.size() == 1;
}

}  // namespace

bool SurelyParses(std::string_view pattern) { return Recognizer(pattern).Run(); }

}  // namespace guihua
