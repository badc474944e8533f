// Stage 6, extract: numeric targets, baselines and direction goals from a Document, by RE2 rule
// sets and an indicator dictionary loaded from rules/ (see rules/README.md).
#ifndef GUIHUA_EXTRACT_EXTRACT_H_
#define GUIHUA_EXTRACT_EXTRACT_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "structure/document.h"

namespace guihua {

// What a value is (DESIGN.md, tests/gold/GUIDE.md "Kinds, by document"): a plan's commitment, its
// statement of a past level, a goal without a number, a measured level (reports, texts), or a
// difference between two levels (比上年提高1.4个百分点: the value is the change, never the level).
enum class TargetKind { kTarget, kBaseline, kDirection, kActual, kChange };
// "target" / "baseline" / "direction" / "actual" / "change"
const char* TargetKindName(TargetKind kind);
// The inverse; false for an unknown name.
bool ParseTargetKind(std::string_view name, TargetKind* kind);

// One extracted quantity (or a direction goal), in the extraction contract's terms (DESIGN.md).
struct Target {
  TargetKind kind = TargetKind::kTarget;
  // The year the value refers to: a target's due year (到2030年, else the plan's last year), the
  // year an actual, baseline or change was measured; 0 when the text gives none.
  int year = 0;
  int base_year = 0;                    // a change's year of comparison (较2020年, 比上年); 0 if none
  std::string indicator;                // shortest phrase naming what is measured
  std::string indicator_id;             // canonical id from rules/indicators.tsv; "" when unknown
  std::string comparator;               // ">=", "<=", "~", "=", "range"; "" for direction
  std::optional<double> value;          // null for direction
  std::optional<double> value_max;      // for ranges
  std::string unit;                     // "%", "‰", "/10万", "ratio", counters, or ""
  std::string value_text;               // as printed in the file, spaces removed ("12/10万以下", 98％);
                                        // ExtractSentence: as in its working-text input
  // Where it was found (filled by ExtractDocument; ExtractSentence leaves these empty).
  size_t begin = 0, end = 0;            // value span in Document::working.text
  std::string quote;                    // verbatim source, whitespace removed
  int line = 0;                         // 1-based line of the value in the original file
  int page = 0;                         // its page in a paged source (PDF), 0 otherwise
  int plan_index = -1, section_index = -1, item_index = -1;
};

// One row of the indicator dictionary (rules/indicators.tsv), in dictionary order.
struct IndicatorInfo {
  std::string id, plan, name;  // plan: "women", "children" or "both"
  std::string direction;       // "lower" or "higher" (is better); "" when neither is
  std::string unit;            // the usual unit ("" for a bare number)
  std::string label;           // short English label ("Maternal mortality ratio")
  std::string parent;          // id of the general indicator this qualifies (农村…, per facility), or ""
  std::vector<std::string> domains;  // domain ids (women.health …) where plans set it
};

// Where a sentence given to Extractor::ExtractSentence comes from.
struct SentenceContext {
  bool baseline = false;  // a baseline section of a plan (发展基础, 序言)
  bool goal = false;      // a goal item: direction goals without a number are recorded too
  DocumentKind document = DocumentKind::kPlan;  // a report's or text's values are no targets
  int year = 0;  // a report's or text's reference year; a plan's last year (its targets' due year)
};

class Extractor {
 public:
  // Loads every rule set and the indicator dictionary from `rules_dir`. All rule errors go to `diag`
  // as `rules/FILE:LINE:COL: message`; any error makes Load fail.
  static StatusOr<std::unique_ptr<Extractor>> Load(const std::string& rules_dir, Diagnostics* diag);
  ~Extractor();

  // Compiles the rules' patterns ahead of their first use, one by one, until `stop` is set (then
  // it returns after the one it is compiling): for a thread that would otherwise wait for the
  // document to be parsed. The answers do not change.
  void CompilePatterns(const std::atomic<bool>& stop) const;

  // Targets of a whole document, in file order.
  std::vector<Target> ExtractDocument(const Document& doc) const;
  // The same, with a warning in `diag` for every printed number that cannot be read whole and so
  // gives no value (`FILE:LINE:COL: warning: cannot read the number '三五名' (…); no value given`).
  std::vector<Target> ExtractDocument(const Document& doc, Diagnostics* diag) const;
  // The same on up to `threads` threads (items analyzed in parallel, the answer the same): for one
  // document wanted at once with a core to spare (`guihua extract`), not for many at a time.
  std::vector<Target> ExtractDocument(const Document& doc, Diagnostics* diag, int threads) const;

  // Targets of one sentence of working text, as the rules' `expect` lines state them. `baseline`
  // says whether the sentence comes from a baseline context (发展基础, 序言).
  std::vector<Target> ExtractSentence(std::string_view working_text, bool baseline = false) const;
  // The same for a goal item (`goal`): direction goals without a number are recorded too.
  std::vector<Target> ExtractSentence(std::string_view working_text, bool baseline,
                                      bool goal) const;
  // The same, with the numbers it cannot read whole as warnings in `diag` (file "", column in
  // characters of `working_text`).
  std::vector<Target> ExtractSentence(std::string_view working_text, bool baseline, bool goal,
                                      Diagnostics* diag) const;
  // The same in any context: a plan's, a report's or a text's sentence, with its document's year.
  std::vector<Target> ExtractSentence(std::string_view working_text, const SentenceContext& context,
                                      Diagnostics* diag = nullptr) const;

  // Canonical indicator id of an indicator phrase (any form; it is normalized first) in a plan
  // ("women" / "children"; "" for either), by rules/indicators.tsv; "" when unknown.
  std::string IndicatorId(std::string_view indicator, std::string_view plan) const;

  // The indicator dictionary, in file order.
  std::vector<IndicatorInfo> Indicators() const;

  // Runs every `expect` line of every rule file; failures go to `diag`. Returns the number checked.
  int CheckExpectations(Diagnostics* diag) const;

  // One target in the compact form of `expect` lines (rules/README.md):
  // "孕产妇死亡率 <= 12 /10万", "baseline 婴儿死亡率 <= 3 ‰", "direction 乳腺癌人群筛查率",
  // "actual 孕产妇死亡率 = 0 @2023", "change 孕产妇系统管理率 = 1.4 百分点 @2023 base=2022".
  static std::string FormatCompact(const Target& target);
  // Does `got` (FormatCompact) satisfy `want` (one target of an expect line)? `*` matches any
  // indicator; the year and base year are compared only when `want` gives them.
  static bool CompactMatches(const std::string& want, const std::string& got);

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guihua

#endif  // GUIHUA_EXTRACT_EXTRACT_H_
