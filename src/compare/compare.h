// Stage 8, compare: district × indicator target tables with verdicts against a reference plan,
// measures aligned across districts, and two plans side by side. Reads the index only (plus, for a
// reference or diff side that is not indexed, a file parsed on the spot by the caller).
#ifndef GUIHUA_COMPARE_COMPARE_H_
#define GUIHUA_COMPARE_COMPARE_H_

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/extract.h"
#include "extract/target_record.h"
#include "index/index.h"

namespace guihua {

// One extracted value, as stored in the index: the target record (extract/target_record.h reads and
// writes it).
using TargetValue = TargetRecord;

// "≤12/10万", "≥70%", "1:3", "90%–95%", "~45%", "40%".
std::string FormatValue(const TargetValue& v);

// A number as printed in tables: %.10g ("12", "0.4", "93.5").
std::string NumberText(double value);

// Rates on one per-one scale (% → 1e-2, ‰ → 1e-3, /万 → 1e-4, /10万 → 1e-5); 0 for a unit that
// is not a rate.
double RateScale(const std::string& unit);

// kNoNumber: the plan has a goal for the indicator but no number (得到有效控制, 逐步提高) where the
// reference sets one; kMissing: the plan does not name the indicator at all.
enum class Verdict { kNone, kStricter, kSame, kLooser, kNoNumber, kMissing, kExtra };
// "", "stricter", "same", "looser", "no_number", "missing", "extra"
const char* VerdictName(Verdict v);

// What a plan says of an indicator: a number, a goal without a number (a value of kind
// "direction": 得到有效控制), or nothing.
enum class CellState { kNumber, kNoNumber, kNotInPlan };
const char* CellStateName(CellState s);  // "number", "no_number", "not_in_plan"

// How `value` compares with `reference` for an indicator where `direction` ("lower"/"higher") is
// better: ≤10 is stricter than ≤12 for lower-is-better; ≥70% against =70% is the same. Rates in
// %, ‰, /万 and /10万 are compared on one scale. kNone when the units cannot be compared or the
// direction is unknown and the values differ.
Verdict CompareValues(const TargetValue& value, const TargetValue& reference,
                      const std::string& direction);

struct CompareColumn {
  std::string document, province, city, district;
  Period period;
};

struct CompareCell {
  std::vector<TargetValue> values;      // every value of the indicator in that plan, file order
  std::vector<TargetValue> directions;  // its goals without a number (kind "direction"), file order
  Verdict verdict = Verdict::kNone;
  CellState state() const;
};

struct CompareRow {
  std::string indicator_id;  // "" for an indicator outside the dictionary (--all)
  std::string indicator;     // preferred name, or the printed name
  std::string plan, domain_id, direction, unit;
  std::vector<CompareCell> cells;  // aligned with TargetTable::columns
  std::optional<CompareCell> reference;
};

struct VerdictCounts {
  int stricter = 0, same = 0, looser = 0, no_number = 0, missing = 0, extra = 0;
  void Add(Verdict v);
};

struct TargetTable {
  std::vector<CompareColumn> columns;
  std::optional<CompareColumn> reference;
  std::vector<CompareRow> rows;
  std::vector<VerdictCounts> summary;  // per column, when there is a reference
};

struct TargetTableOptions {
  std::vector<std::string> indicators;  // ids; empty: every indicator with a value
  std::string domain;                   // domain id filter
  std::string plan;                     // women / children
  std::vector<std::string> documents;   // document ids (NameResolver::DocumentIds); empty: all
  bool all = false;                     // also indicators outside the dictionary, by printed name
  bool baselines = false;               // include baseline values (default: targets only)
  // Domain ids in display order (rules/names.tsv: NameTables::Values(NameKind::kDomain)); rows of a
  // domain not listed come after, by id.
  std::vector<std::string> domain_order;
};

// The reference a table is judged against: a column and its target JSON lines.
struct Reference {
  CompareColumn column;
  std::vector<std::string> target_json;
};

// Builds the table from the index. A row is an indicator with a number in some plan (or one the
// options name); a plan with only a goal without a number for it has a kNoNumber cell. The options hold ids (names are resolved by the caller, with
// names/names.h); an unknown indicator id or document is InvalidInput naming it.
StatusOr<TargetTable> CompareTargets(const IndexReader& index,
                                     const std::vector<IndicatorInfo>& dictionary,
                                     const TargetTableOptions& options,
                                     const Reference* against = nullptr);

}  // namespace guihua

#endif  // GUIHUA_COMPARE_COMPARE_H_
