// Scoring extracted values against hand annotations (tests/gold/*.jsonl, GUIDE.md): precision,
// recall and F1 per kind, and how often the matched ones have the right comparator and indicator id;
// then (ScoreValues) all values whatever their kind, and how often those have the right kind and year.
// A match: same kind, plan (where both give one), value, value_max and unit; each gold object
// matches one prediction.
#ifndef GUIHUA_EXTRACT_SCORE_H_
#define GUIHUA_EXTRACT_SCORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "extract/extract.h"
#include "structure/document.h"

namespace guihua {

// One gold annotation or one prediction, reduced to what scoring compares.
struct ScoreRow {
  std::string plan;        // "women" / "children"
  std::string kind;        // "target" / "baseline" / "actual" / "change" / "direction"
  std::string indicator;
  std::optional<std::string> indicator_id;  // absent in gold rows: looked up in the dictionary
  std::string comparator;
  std::optional<double> value, value_max;
  std::string unit;
  std::string quote;
  // "year" / "base_year": has_year when the row gives the key at all (a gold file without years
  // is not scored on them); 0 for null.
  bool has_year = false;
  int year = 0, base_year = 0;
  int line = 0;            // 1-based line in its JSONL file
};

// Rows of a JSONL file of gold annotations (GUIDE.md fields) or of `guihua extract` output.
StatusOr<std::vector<ScoreRow>> ParseScoreRows(std::string_view jsonl, const std::string& name);
StatusOr<std::vector<ScoreRow>> ReadScoreRows(const std::string& path);

// Rows of extracted targets, as `guihua extract --format jsonl` would write them.
std::vector<ScoreRow> ScoreRowsFromTargets(const Document& doc, const std::vector<Target>& targets);

struct KindScore {
  int gold = 0, predicted = 0, matched = 0;
  int comparator_right = 0, indicator_right = 0;
  double precision() const { return predicted ? double(matched) / predicted : (gold ? 0 : 1); }
  double recall() const { return gold ? double(matched) / gold : 1; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  double comparator_accuracy() const { return matched ? double(comparator_right) / matched : 1; }
  double indicator_accuracy() const { return matched ? double(indicator_right) / matched : 1; }
};

struct ScoreReport {
  KindScore target, baseline, actual, change;
  // Unmatched rows, for reading: gold objects missed and predictions not in the gold.
  std::vector<ScoreRow> missed, spurious;
  // Matches whose indicator ids differ: (gold row with its looked-up id, prediction).
  std::vector<std::pair<ScoreRow, ScoreRow>> wrong_indicator;
};

// Scores the predictions of one file against its gold rows (the caller pairs files). Gold rows
// without indicator_id get one from `dictionary` (may be null: then ids are not compared).
ScoreReport Score(const std::vector<ScoreRow>& gold, const std::vector<ScoreRow>& predicted,
                  const Extractor* dictionary);

// Adds the counts of `other` (a second file) into `into`.
void Accumulate(const ScoreReport& other, ScoreReport* into);

// A few lines: per kind P/R/F1 and counts, comparator and indicator_id accuracy (actual and change
// only when either side has one).
std::string FormatScore(const ScoreReport& report);

// Scoring of every value whatever its kind (tests/gold/external: reports, reviews, news). A match is
// the same value, value_max and unit, with quotes that overlap (8 characters in common, or the whole
// shorter quote) or the same indicator; each gold row matches one prediction. Kinds are compared on
// the matches. Predictions without a value (direction goals) are not values and are left out.
struct ValueScore {
  int gold = 0, predicted = 0, matched = 0, kind_right = 0;
  // Matches whose gold row gives "year" (a number or null; a gold file without the key is not
  // scored on years), and those whose year (and base year, for a change) is right.
  int year_compared = 0, year_right = 0;
  double year_accuracy() const { return year_compared ? double(year_right) / year_compared : 1; }
  double precision() const { return predicted ? double(matched) / predicted : (gold ? 0 : 1); }
  double recall() const { return gold ? double(matched) / gold : 1; }
  double kind_accuracy() const { return matched ? double(kind_right) / matched : 1; }
};

struct ValueReport {
  ValueScore score;
  std::vector<ScoreRow> missed, spurious;
  std::vector<std::pair<ScoreRow, ScoreRow>> wrong_kind;  // (gold, prediction)
};

ValueReport ScoreValues(const std::vector<ScoreRow>& gold, const std::vector<ScoreRow>& predicted,
                        const Extractor* dictionary);
void Accumulate(const ValueReport& other, ValueReport* into);
// One line: P, R, kind accuracy and counts, and year accuracy where the gold gives years.
std::string FormatValueScore(const ValueScore& score);

}  // namespace guihua

#endif  // GUIHUA_EXTRACT_SCORE_H_
