// Tidy long tables for analysis (CSV and JSON lines): one row per observation, one column per
// variable, every column named and typed once in TidySchema(), whichever command writes it, so that
// the exports of extract, search, compare, diff, progress and the listings load alike into pandas,
// R or a spreadsheet and can be stacked. docs/exports.md lists the columns and their types.
#ifndef GUIHUA_RENDER_TIDY_H_
#define GUIHUA_RENDER_TIDY_H_

#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "extract/target_record.h"
#include "structure/document.h"

namespace guihua {

// Every column any tidy export has, in the order they appear when a command writes several.
enum class TidyColumn {
  kDocument, kDocumentKind, kTitle, kFile, kProvince, kCity, kDistrict, kPeriodStart, kPeriodEnd,
  kPlan, kDomain, kDomainId, kBlock, kItem,
  kIndicator, kIndicatorId, kLabel, kParent, kDomains, kDirection, kKind, kYear, kBaseYear,
  kComparator, kValue, kValueMax, kUnit, kValueText,
  kReference, kVerdict, kState,
  kRank, kScore, kGroup, kStatus, kSimilarity, kChange, kSide,
  kSameText, kSameTextDistricts,
  kText, kQuote, kLine, kEndLine, kPage,
  kItems, kTargets, kDocuments, kValues,
  // progress: a plan's target of an indicator against the reports' actual values
  kTarget, kTargetMax, kTargetYear, kBaseline, kBaselineYear, kActuals, kLatestYear, kLatest,
  kLatestUnit, kGap, kPerYear, kReachYear, kReportSays, kDisagrees, kLatestQuote, kLatestFile,
  kLatestLine,
  kCount  // not a column: the number of columns
};

// What a column holds: pandas reads kString as object, kInteger and kNumber as int64 / float64
// (float64 when a column has empty cells: pandas' integers have no missing value).
enum class TidyType { kString, kInteger, kNumber };

struct TidyColumnInfo {
  TidyColumn column;
  const char* name;
  TidyType type;
  const char* description;
};

// The schema: every column once, in TidyColumn order.
const std::vector<TidyColumnInfo>& TidySchema();
const TidyColumnInfo& TidyInfo(TidyColumn column);
const char* TidyTypeName(TidyType type);  // "string", "integer", "number"

// One observation. Unset cells are empty in CSV and null in JSON.
class TidyRow {
 public:
  TidyRow& Set(TidyColumn column, std::string text);  // "" stays unset
  TidyRow& Set(TidyColumn column, std::optional<double> number);
  TidyRow& SetInteger(TidyColumn column, long long number);
  TidyRow& SetPositive(TidyColumn column, long long number);  // unset when ≤ 0 (a year, a line)
  // The cell as written in CSV ("" when unset); for JSON, numbers are written bare.
  const std::optional<std::string>& Get(TidyColumn column) const {
    return cells_[static_cast<size_t>(column)];
  }

 private:
  std::array<std::optional<std::string>, static_cast<size_t>(TidyColumn::kCount)> cells_;
};

// The columns of a value (a target record): where it stands and what it says.
void SetRecordColumns(const TargetRecord& record, TidyRow* row);
// period_start / period_end, unset when unknown.
void SetPeriodColumns(const Period& period, TidyRow* row);
// province, city, district.
void SetRegionColumns(const Region& region, TidyRow* row);

// The columns of a table of values (extract; compare targets, diff and progress add theirs), in
// schema order: document … page, without the search, measure, verdict and listing columns.
const std::vector<TidyColumn>& ValueTableColumns();

enum class TidyFormat { kCsv, kJsonl };
// "csv", "jsonl"; false for anything else.
bool ParseTidyFormat(std::string_view name, TidyFormat* format);

// Streams rows: CSV (UTF-8 with a BOM, so that Excel reads it as UTF-8; CRLF line ends; the header
// row at once) or one JSON object per line with the columns in the given order, numbers as JSON
// numbers and null where a cell is unset. Rows go out as they come: nothing is held back.
class TidyWriter {
 public:
  TidyWriter(TidyFormat format, std::vector<TidyColumn> columns, std::ostream* out);
  void Write(const TidyRow& row);
  const std::vector<TidyColumn>& columns() const { return columns_; }

 private:
  TidyFormat format_;
  std::vector<TidyColumn> columns_;
  std::ostream* out_;
};

// The columns `columns`, ordered as in the schema and without repeats.
std::vector<TidyColumn> SchemaOrder(std::vector<TidyColumn> columns);

}  // namespace guihua

#endif  // GUIHUA_RENDER_TIDY_H_
