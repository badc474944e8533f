// Extractor: loads the rule sets, walks a Document's plans, sections and items, and turns what the
// sentence analysis finds into Targets with source line and verbatim quote.
#include "extract/extract.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <mutex>
#include <cstdio>
#include <sstream>
#include <thread>

#include "common/utf8.h"
#include "extract/internal/engine.h"
#include "extract/internal/rules.h"
#include "normalize/normalize.h"

namespace guihua {

using extract_internal::Context;
using extract_internal::Found;
using extract_internal::RuleSets;

namespace {

constexpr std::pair<TargetKind, const char*> kKindNames[] = {
    {TargetKind::kTarget, "target"}, {TargetKind::kBaseline, "baseline"},
    {TargetKind::kDirection, "direction"}, {TargetKind::kActual, "actual"},
    {TargetKind::kChange, "change"}};

}  // namespace

const char* TargetKindName(TargetKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "target";
}

bool ParseTargetKind(std::string_view name, TargetKind* kind) {
  for (const auto& [k, n] : kKindNames) {
    if (name == n) {
      *kind = k;
      return true;
    }
  }
  return false;
}

struct Extractor::Impl {
  RuleSets rules;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

StatusOr<std::unique_ptr<Extractor>> Extractor::Load(const std::string& rules_dir,
                                                     Diagnostics* diag) {
  auto impl = std::make_unique<Impl>();
  if (!extract_internal::LoadRuleSets(rules_dir, &impl->rules, diag)) {
    return Status::InvalidInput(rules_dir + ": extraction rules have errors");
  }
  return std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
}

void Extractor::CompilePatterns(const std::atomic<bool>& stop) const {
  extract_internal::CompilePatterns(impl_->rules, stop);
}

std::vector<Target> Extractor::ExtractSentence(std::string_view working_text, bool baseline) const {
  return ExtractSentence(working_text, baseline, false);
}

std::vector<Target> Extractor::ExtractSentence(std::string_view working_text, bool baseline,
                                               bool goal) const {
  return ExtractSentence(working_text, baseline, goal, nullptr);
}

namespace {

// Does a paragraph end with a colon after a commitment cue (《规划》提出的主要目标是:)?
bool OpensCommitments(const RuleSets& rules, std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  if (text.empty() || text.back() != ':') return false;
  for (const auto* lex : rules.FindAll("commitment")) {
    if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *lex->re)) return true;
  }
  return false;
}

// The warning for a number refused whole, naming it as printed.
std::string UnreadMessage(const std::string& printed, const extract_internal::Unread& u) {
  return "cannot read the number '" + printed + "' (" + u.why + "); no value given";
}

}  // namespace

std::vector<Target> Extractor::ExtractSentence(std::string_view working_text, bool baseline,
                                               bool goal, Diagnostics* diag) const {
  return ExtractSentence(working_text, SentenceContext{baseline, goal}, diag);
}

std::vector<Target> Extractor::ExtractSentence(std::string_view working_text,
                                               const SentenceContext& sentence,
                                               Diagnostics* diag) const {
  std::vector<Target> out;
  std::vector<extract_internal::Unread> unread;
  Context context{sentence.baseline, sentence.goal, sentence.document, sentence.year};
  for (Found& f : extract_internal::Analyze(impl_->rules, working_text, context, &unread)) {
    f.target.indicator_id = IndicatorId(f.target.indicator, "");
    out.push_back(std::move(f.target));
  }
  for (const auto& u : unread) {
    if (!diag) break;
    int column = static_cast<int>(utf8::Length(working_text.substr(0, u.begin))) + 1;
    diag->Warn("", 0, column,
               UnreadMessage(std::string(working_text.substr(u.begin, u.end - u.begin)), u));
  }
  return out;
}

std::string Extractor::IndicatorId(std::string_view indicator, std::string_view plan) const {
  std::string normalized = NormalizeString(indicator);
  return extract_internal::LookupIndicator(impl_->rules, normalized, plan);
}

std::vector<IndicatorInfo> Extractor::Indicators() const {
  std::vector<IndicatorInfo> out;
  for (const auto& i : impl_->rules.indicators) {
    out.push_back({i.id, i.plan, i.name, i.direction, i.unit, i.label, i.parent, i.domains});
  }
  return out;
}

std::vector<Target> Extractor::ExtractDocument(const Document& doc) const {
  return ExtractDocument(doc, nullptr);
}

namespace {

// A section of past facts (序言, 发展基础): its values are baselines. Titles are as printed (maybe
// traditional or full-width): their normal form is matched.
bool BaselineSection(const RuleSets& rules, const Section& section) {
  if (section.is_domain()) return false;
  std::string title = NormalizeString(section.title);
  bool baseline = false;
  for (const auto* lex : rules.FindAll("baseline_section")) {
    if (RE2::PartialMatch(title, *lex->re)) baseline = true;
  }
  return baseline;
}

// Where an item is in its document: what a target found in it records.
struct ItemPlace {
  int plan = 0, section = 0, item = 0;
  const char* plan_name = "";
};

// The targets of one item, placed in the document (offsets, indicator id, line, page, the quote
// and value as printed), appended to `out`; the numbers refused whole warned of in `diag`.
void ExtractItem(const RuleSets& rules, const Document& doc, const SourceMap& lines,
                 const Item& item, const ItemPlace& place, const Context& context,
                 Diagnostics* diag, std::vector<Target>* out) {
  std::vector<extract_internal::Unread> unread;
  for (Found& f : extract_internal::Analyze(rules, item.text, context, diag ? &unread : nullptr)) {
    Target& t = f.target;
    t.begin += item.begin;
    t.end += item.begin;
    t.plan_index = place.plan;
    t.section_index = place.section;
    t.item_index = place.item;
    t.indicator_id = extract_internal::LookupIndicator(rules, t.indicator, place.plan_name);
    if (t.begin < doc.working.origin.size()) {
      t.line = lines.LineOf(doc.working.origin[t.begin]);
      t.page = doc.PageOf(t.line);
    }
    t.quote = SourceQuote(doc.working, item.begin + f.quote_begin, item.begin + f.quote_end,
                          doc.source);
    // As printed (98％, 兩成), not in the working form the analysis read (98%, 两成).
    t.value_text = SourceQuote(doc.working, item.begin + f.text_begin, item.begin + f.text_end,
                               doc.source);
    out->push_back(std::move(t));
  }
  for (const auto& u : unread) {
    size_t b = item.begin + u.begin;
    if (b >= doc.working.origin.size()) continue;
    SourcePosition at = lines.Locate(doc.working.origin[b]);
    std::string printed = SourceQuote(doc.working, b, item.begin + u.end, doc.source);
    diag->Warn(doc.file, at.line, at.column, UnreadMessage(printed, u));
  }
}

}  // namespace

namespace {

// One item to analyze, with what the items before it decided.
struct ItemWork {
  const Item* item;
  ItemPlace place;
  Context context;
};

// Every item of `doc` in file order with its place and context: a section's baseline flag and a
// paragraph announcing goals carry over from item to item, so they are decided here, in order.
std::vector<ItemWork> ItemsInOrder(const RuleSets& rules, const Document& doc) {
  std::vector<ItemWork> work;
  // A plan's targets are due at its last year unless a sentence says otherwise; a report's and a
  // text's values refer to their reference year unless a sentence or paragraph says otherwise.
  int year = doc.kind == DocumentKind::kPlan ? doc.period.end : doc.year;
  for (size_t p = 0; p < doc.plans.size(); ++p) {
    const Plan& plan = doc.plans[p];
    for (size_t s = 0; s < plan.sections.size(); ++s) {
      const Section& section = plan.sections[s];
      bool baseline = BaselineSection(rules, section);
      bool opens_commitments = false;
      for (size_t i = 0; i < section.items.size(); ++i) {
        const Item& item = section.items[i];
        Context context{baseline, item.block == BlockKind::kGoal, doc.kind, year,
                        doc.kind == DocumentKind::kPlan ? 0 : doc.period.end, opens_commitments};
        // A report's or text's paragraph announcing a plan's goals (…主要目标是:) makes the
        // next paragraph a commitment, and a numbered list after it (1. 2. 3.) up to its end.
        bool list_goes_on = item.number != 0 && i + 1 < section.items.size() &&
                            section.items[i + 1].number != 0;
        opens_commitments = OpensCommitments(rules, item.text) ||
                            (opens_commitments && list_goes_on);
        ItemPlace place{static_cast<int>(p), static_cast<int>(s), static_cast<int>(i),
                        PlanKindName(plan.kind)};
        work.push_back({&item, place, context});
      }
    }
  }
  return work;
}

}  // namespace

std::vector<Target> Extractor::ExtractDocument(const Document& doc, Diagnostics* diag) const {
  return ExtractDocument(doc, diag, 1);
}

std::vector<Target> Extractor::ExtractDocument(const Document& doc, Diagnostics* diag,
                                               int threads) const {
  const RuleSets& rules = impl_->rules;
  SourceMap lines(doc.source);
  std::vector<ItemWork> work = ItemsInOrder(rules, doc);
  // Items are handed out in runs of kRun to whichever thread is free, the calling thread's from
  // the front and the helpers' from the back: the two ends of a document (its baseline and goals,
  // its measures and duties) first call on different patterns, so a thread seldom waits for a
  // pattern the other is compiling (LazyRegex). Each run keeps its targets and warnings, joined in
  // file order at the end.
  constexpr size_t kRun = 8;
  size_t runs = (work.size() + kRun - 1) / kRun;
  std::vector<std::vector<Target>> found(runs);
  std::vector<Diagnostics> warned(runs);
  std::mutex claim_mu;
  size_t front = 0, back = runs;  // runs [front, back) are not yet taken
  auto analyze = [&](bool from_front) {
    for (;;) {
      size_t r;
      {
        std::lock_guard<std::mutex> lock(claim_mu);
        if (front == back) return;
        r = from_front ? front++ : --back;
      }
      for (size_t w = r * kRun; w < std::min(work.size(), (r + 1) * kRun); ++w) {
        ExtractItem(rules, doc, lines, *work[w].item, work[w].place, work[w].context,
                    diag ? &warned[r] : nullptr, &found[r]);
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads && static_cast<size_t>(t) < runs; ++t) {
    helpers.emplace_back(analyze, false);
  }
  analyze(true);
  for (std::thread& h : helpers) h.join();
  std::vector<Target> out;
  for (size_t r = 0; r < runs; ++r) {
    out.insert(out.end(), std::make_move_iterator(found[r].begin()),
               std::make_move_iterator(found[r].end()));
    if (diag) diag->Append(warned[r]);
  }
  return out;
}

namespace {

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::vector<std::string> SplitEntries(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(text);
  while (std::getline(in, cur, ';')) {
    size_t b = cur.find_first_not_of(' ');
    size_t e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
  }
  return out;
}

std::vector<std::string> Tokens(const std::string& entry) {
  std::vector<std::string> out;
  std::istringstream in(entry);
  std::string tok;
  while (in >> tok) out.push_back(tok);
  return out;
}

bool SameNumberText(const std::string& a, const std::string& b) {
  auto parse = [](const std::string& s, double* lo, double* hi) {
    size_t dash = s.find('-', 1);
    char* end = nullptr;
    *lo = std::strtod(s.c_str(), &end);
    *hi = NAN;
    if (dash != std::string::npos) *hi = std::strtod(s.c_str() + dash + 1, nullptr);
    return end != s.c_str();
  };
  double alo, ahi, blo, bhi;
  if (!parse(a, &alo, &ahi) || !parse(b, &blo, &bhi)) return a == b;
  if (std::fabs(alo - blo) > 1e-4) return false;
  if (std::isnan(ahi) != std::isnan(bhi)) return false;
  return std::isnan(ahi) || std::fabs(ahi - bhi) <= 1e-4;
}

bool IsYearToken(const std::string& token) {
  return token.rfind("@", 0) == 0 || token.rfind("base=", 0) == 0;
}

// Moves the year tokens (@2023, base=2022) of a compact entry out of `tokens` into `years`.
std::vector<std::string> TakeYears(std::vector<std::string>* tokens) {
  std::vector<std::string> years;
  auto is_year = [](const std::string& t) { return IsYearToken(t); };
  std::copy_if(tokens->begin(), tokens->end(), std::back_inserter(years), is_year);
  tokens->erase(std::remove_if(tokens->begin(), tokens->end(), is_year), tokens->end());
  return years;
}

}  // namespace

bool Extractor::CompactMatches(const std::string& want, const std::string& got) {
  auto w = Tokens(want), g = Tokens(got);
  std::vector<std::string> want_years = TakeYears(&w), got_years = TakeYears(&g);
  auto has = [&](auto pred) { return std::any_of(got_years.begin(), got_years.end(), pred); };
  for (const std::string& y : want_years) {
    // "@-" asks for no year at all.
    bool ok = y == "@-" ? !has([](const std::string& t) { return t[0] == '@'; })
                        : has([&](const std::string& t) { return t == y; });
    if (!ok) return false;
  }
  if (w.size() != g.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == "*") continue;
    if (w[i] == g[i]) continue;
    bool number = !w[i].empty() && (std::isdigit(static_cast<unsigned char>(w[i][0])) ||
                                    (w[i][0] == '-' && w[i].size() > 1));
    if (number && SameNumberText(w[i], g[i])) continue;
    if (NormalizeString(w[i]) == g[i]) continue;
    return false;
  }
  return true;
}

std::string Extractor::FormatCompact(const Target& t) {
  std::string out;
  if (t.kind != TargetKind::kTarget) out = std::string(TargetKindName(t.kind)) + " ";
  out += t.indicator.empty() ? "_" : t.indicator;
  if (t.kind == TargetKind::kDirection) return out;
  out += " " + t.comparator + " ";
  out += t.value ? FormatNumber(*t.value) : "null";
  if (t.value_max) out += "-" + FormatNumber(*t.value_max);
  if (!t.unit.empty()) out += " " + t.unit;
  if (t.year > 0) out += " @" + std::to_string(t.year);
  if (t.base_year > 0) out += " base=" + std::to_string(t.base_year);
  return out;
}

int Extractor::CheckExpectations(Diagnostics* diag) const {
  int checked = 0;
  for (const auto& e : impl_->rules.expectations) {
    ++checked;
    std::string input = NormalizeString(e.input);
    std::vector<Target> got =
        ExtractSentence(input, SentenceContext{e.baseline, e.goal, e.document, e.year});
    std::vector<std::string> want =
        e.expected == "none" ? std::vector<std::string>{} : SplitEntries(e.expected);
    std::string got_text;
    for (const Target& t : got) got_text += (got_text.empty() ? "" : " ; ") + FormatCompact(t);
    bool ok = want.size() == got.size();
    for (size_t i = 0; ok && i < want.size(); ++i) ok = CompactMatches(want[i], FormatCompact(got[i]));
    if (!ok) {
      diag->Error(e.origin.file, e.origin.line, e.origin.column,
                  "expect failed: want `" + e.expected + "`, got `" +
                      (got_text.empty() ? "none" : got_text) + "`");
    }
  }
  return checked;
}

}  // namespace guihua
