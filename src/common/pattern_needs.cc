// PatternNeeds: a pattern's text read atom by atom (pattern_needs.h).
#include "common/pattern_needs.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "common/lazy_regex.h"

namespace guihua {

namespace {

// The end of the atom at `i` (a character, an escape, a class or a group), or npos.
size_t AtomEnd(std::string_view p, size_t i) {
  unsigned char c = static_cast<unsigned char>(p[i]);
  if (c == '\\') {
    if (i + 1 >= p.size()) return std::string_view::npos;
    char e = p[i + 1];
    // \101 (octal) and \8 are one character of several digits, or none: not read.
    if (std::isdigit(static_cast<unsigned char>(e))) return std::string_view::npos;
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < p.size() && p[i + 2] == '{') {
      size_t close = p.find('}', i);
      return close == std::string_view::npos ? close : close + 1;
    }
    return i + (e == 'p' || e == 'P' ? 3 : e == 'x' ? 4 : 2);
  }
  if (c == '[' || c == '(') return LazyRegex::PastGroupOrClass(p, i);
  return i + (c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4);
}

// The least count of the quantifier at `i` (1 when there is none), its end in *end; -1 when not
// understood.
int Least(std::string_view p, size_t i, size_t* end) {
  *end = i;
  if (i >= p.size()) return 1;
  int least = 1;
  if (p[i] == '?' || p[i] == '*') {
    least = 0;
    ++*end;
  } else if (p[i] == '+') {
    ++*end;
  } else if (p[i] == '{') {
    size_t close = p.find('}', i);
    std::string_view counts = close == std::string_view::npos ? "" : p.substr(i + 1, close - i - 1);
    // Only {n} {n,} {n,m} repeat: RE2 reads {2, 3} or {2,x} as the characters printed.
    if (counts.empty() || !std::isdigit(static_cast<unsigned char>(counts[0])) ||
        counts.find_first_not_of("0123456789,") != std::string_view::npos ||
        std::count(counts.begin(), counts.end(), ',') > 1) {
      return -1;
    }
    least = std::atoi(std::string(counts).c_str());
    *end = close + 1;
  }
  if (*end > i && *end < p.size() && p[*end] == '?') ++*end;  // lazy
  return least;
}

bool LiteralAtom(std::string_view atom) {
  if (atom[0] == '\\') return atom.size() == 2 && std::ispunct(static_cast<unsigned char>(atom[1]));
  return atom.size() > 1 ? atom[0] != '[' && atom[0] != '(' : !std::strchr(".^$[(|)*+?{}", atom[0]);
}

// The body of a group (…), (?:…) or (?P<name>…), between its opening and its ')'.
std::string_view GroupBody(std::string_view group) {
  size_t open = group.substr(0, 3) == "(?:"   ? 3
                : group.substr(0, 4) == "(?P<" ? group.find('>') + 1
                                               : 1;
  return group.substr(open, group.size() - 1 - open);
}

// What a group that must match once needs: its content's, when that has one alternative.
PatternNeeds::Branch GroupNeeds(std::string_view group) {
  PatternNeeds inner = NeedsOf(GroupBody(group));
  return inner.branches.size() == 1 ? inner.branches[0] : PatternNeeds::Branch{};
}

// What one top-level alternative needs; false when it is not understood.
bool BranchOf(std::string_view p, PatternNeeds::Branch* branch) {
  std::string run;
  for (size_t i = 0; i < p.size();) {
    size_t end = AtomEnd(p, i), after = 0;
    int least = end == std::string_view::npos || end > p.size() ? -1 : Least(p, end, &after);
    if (least < 0) return false;
    std::string_view atom = p.substr(i, end - i);
    bool once = after == end;
    if (LiteralAtom(atom) && once) {
      run.append(atom[0] == '\\' ? atom.substr(1) : atom);
      branch->digit_last = false;
      i = after;
      continue;
    }
    if (!run.empty()) branch->literals.push_back(std::move(run));
    run.clear();
    PatternNeeds::Branch group = atom[0] == '(' && once ? GroupNeeds(atom) : PatternNeeds::Branch{};
    for (std::string& l : group.literals) branch->literals.push_back(std::move(l));
    branch->digit_last = (atom == "\\d" && least >= 1) || group.digit_last;
    i = after;
  }
  if (!run.empty()) branch->literals.push_back(std::move(run));
  return true;
}

// Whether the atom matches only ASCII digits: \d (RE2's is ASCII), a digit, or a class of digits
// and ranges of them.
bool DigitAtom(std::string_view atom) {
  if (atom == "\\d" || (atom.size() == 1 && atom[0] >= '0' && atom[0] <= '9')) return true;
  if (atom.size() < 3 || atom[0] != '[' || atom[1] == '^') return false;
  std::string_view inside = atom.substr(1, atom.size() - 2);
  auto ascii = [&](size_t i) { return i < inside.size() && inside[i] >= '0' && inside[i] <= '9'; };
  for (size_t i = 0; i < inside.size();) {  // digits, and ranges d-d
    if (!ascii(i)) return false;
    bool range = i + 1 < inside.size() && inside[i + 1] == '-';
    if (range && !ascii(i + 2)) return false;
    i += range ? 3 : 1;
  }
  return true;
}

// Whether one top-level alternative needs a digit: an atom that must match at least once is one,
// or a group whose every alternative needs one.
bool BranchNeedsDigit(std::string_view p) {
  for (size_t i = 0; i < p.size();) {
    size_t end = AtomEnd(p, i), after = 0;
    int least = end == std::string_view::npos || end > p.size() ? -1 : Least(p, end, &after);
    if (least < 0) return false;
    std::string_view atom = p.substr(i, end - i);
    if (least >= 1 && DigitAtom(atom)) return true;
    if (least >= 1 && atom[0] == '(' && NeedsDigit(GroupBody(atom))) return true;
    i = after;
  }
  return false;
}

// Whether the pattern is read: \Q…\E quotes, [[:digit:]] holds a ] before its end, and flags
// such as (?i) change what a literal matches.
bool Readable(std::string_view p) {
  if (p.find("\\Q") != std::string_view::npos || p.find("[:") != std::string_view::npos) {
    return false;
  }
  auto flags_at = [&](size_t k) {
    return p.substr(k + 1, 1) == "?" && p.substr(k + 2, 1) != ":" && p.substr(k + 2, 2) != "P<";
  };
  // Such a (? is flags only outside classes and escapes, which the rare pattern holding one is
  // read again for: a second pass over every pattern cost more than the split itself.
  bool maybe = false;
  for (size_t k = p.find("(?"); k != std::string_view::npos && !maybe; k = p.find("(?", k + 1)) {
    maybe = flags_at(k);
  }
  bool flags = false;
  if (maybe) {
    LazyRegex::ForEachParenthesis(p, [&](size_t k, char c) {
      flags = c == '(' && flags_at(k);
      return !flags;
    });
  }
  return !flags;
}

}  // namespace

bool NeedsDigit(std::string_view p) {
  if (!Readable(p)) return false;
  for (std::string_view alt : LazyRegex::TopAlternatives(p)) {
    if (!BranchNeedsDigit(alt)) return false;
  }
  return true;
}

bool HoldsDigit(std::string_view text) {
  // In blocks of 64 bytes without an exit inside, which the compiler compares a vector at a time:
  // most sentences hold no digit and are read to their end.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  for (; i + 64 <= text.size(); i += 64) {
    unsigned char any = 0;
    for (size_t k = 0; k < 64; ++k) any |= static_cast<unsigned char>(p[i + k] - '0') < 10;
    if (any) return true;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(p[i] - '0') < 10) return true;
  }
  return false;
}

PatternNeeds NeedsOf(std::string_view p) {
  if (!Readable(p)) return {};
  PatternNeeds needs;
  for (std::string_view alt : LazyRegex::TopAlternatives(p)) {
    PatternNeeds::Branch branch;
    bool known = BranchOf(alt, &branch);
    if (!known || (branch.literals.empty() && !branch.digit_last)) return {};
    needs.branches.push_back(std::move(branch));
  }
  return needs;
}

namespace {

bool HasAll(const PatternNeeds::Branch& b, std::string_view text) {
  return std::all_of(b.literals.begin(), b.literals.end(),
                     [&](const std::string& l) { return text.find(l) != std::string_view::npos; });
}

}  // namespace

bool PatternNeeds::Admits(std::string_view text) const {
  if (branches.empty()) return true;
  return std::any_of(branches.begin(), branches.end(), [&](const Branch& b) {
    if (b.digit_last && (text.empty() || text.back() < '0' || text.back() > '9')) return false;
    return HasAll(b, text);
  });
}

bool PatternNeeds::AdmitsPart(std::string_view text) const {
  if (branches.empty()) return true;
  return std::any_of(branches.begin(), branches.end(), [&](const Branch& b) { return HasAll(b, text); });
}

}  // namespace guihua
