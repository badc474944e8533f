// Plan diff: two plans side by side, per domain — items matched (identical after normalization),
// changed (similar, with word-level edits), added and removed, and targets changed with a verdict
// of B against A. Either side comes from the index or from a file parsed on the spot.
#ifndef GUIHUA_COMPARE_DIFF_H_
#define GUIHUA_COMPARE_DIFF_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "compare/compare.h"
#include "compare/measures.h"
#include "extract/extract.h"
#include "index/index.h"
#include "structure/document.h"

namespace guihua {

class Tokenizer;

// One item of a plan (goal, measure or paragraph of a domain section).
struct DiffItem {
  std::string plan, domain_id, domain, block;
  int number = 0;  // printed list number, 0 for an unnumbered paragraph
  int line = 0;
  std::string text;  // as printed
};

// One side of a diff.
struct PlanSide {
  CompareColumn column;
  std::string file;
  std::vector<DiffItem> items;       // domain sections only, file order
  std::vector<TargetValue> targets;     // kind "target" with a value, file order
  std::vector<TargetValue> directions;  // goals without a number (kind "direction"), file order
};

// Every domain item and target of `document` in the index; NotFound when it is not indexed.
StatusOr<PlanSide> SideFromIndex(const IndexReader& index, const std::string& document);
// A parsed document and its targets as `guihua extract --format jsonl` lines.
PlanSide SideFromDocument(const Document& doc, const std::vector<std::string>& target_json);

// A word-level edit script: concatenating the kEqual and kDelete pieces gives the old text, the
// kEqual and kInsert pieces the new one. Adjacent pieces never have the same op.
struct TextEdit {
  enum class Op { kEqual, kDelete, kInsert };
  Op op = Op::kEqual;
  std::string text;
};
// Words by ICU (punctuation as its own piece), a longest-common-subsequence alignment, then each
// replaced run trimmed to the characters that differ.
std::vector<TextEdit> DiffWords(std::string_view a, std::string_view b, Tokenizer* tokenizer);
// "[-old-]{+new+}" inline form.
std::string FormatEdits(const std::vector<TextEdit>& edits);

struct ItemChange {
  enum class Kind { kMatched, kChanged, kAdded, kRemoved };
  Kind kind = Kind::kMatched;
  std::optional<DiffItem> a, b;  // a: removed/matched/changed; b: added/matched/changed
  double similarity = 1.0;
  std::vector<TextEdit> edits;   // for kChanged
};
const char* ItemChangeName(ItemChange::Kind kind);  // "matched" / "changed" / "added" / "removed"

// A target of one indicator whose value differs between the plans, or that one plan lacks. A side
// without a number holds the plan's goal without a number for the indicator (a value of kind
// "direction", value null: 得到有效控制) when it has one, else nothing.
struct TargetChange {
  std::string indicator_id, indicator, direction;
  std::optional<TargetValue> a, b;
  // B against A: stricter/same/looser; no_number (B has only a goal without a number), missing
  // (B does not name the indicator), extra (A has no number)
  Verdict verdict = Verdict::kNone;
};
// What a side of a change holds: a number, a goal without a number, or nothing.
CellState SideState(const std::optional<TargetValue>& side);

struct DomainDiff {
  std::string plan, domain_id, domain;
  std::vector<ItemChange> items;  // matched and changed in B's order, removed then added
  std::vector<TargetChange> targets;
  int Count(ItemChange::Kind kind) const;
  VerdictCounts TargetCounts() const;
};

struct PlanDiff {
  CompareColumn a, b;
  std::string file_a, file_b;
  double threshold = kDefaultMeasureThreshold;
  std::vector<DomainDiff> domains;  // A's domain order, then domains only B has
  bool empty() const;               // no change at all
};

struct DiffOptions {
  double threshold = kDefaultMeasureThreshold;  // an unmatched pair at or above it is "changed"
  SimilarityFeatures features = SimilarityFeatures::kBigrams;
};

// Targets are paired by indicator id, then, for those left, by printed or preferred name (one plan
// words an indicator the dictionary knows, the other one it does not).
PlanDiff DiffPlans(const PlanSide& a, const PlanSide& b,
                   const std::vector<IndicatorInfo>& dictionary, const DiffOptions& options,
                   Tokenizer* tokenizer);

}  // namespace guihua

#endif  // GUIHUA_COMPARE_DIFF_H_
