// The tidy schema (one table of every export column with its type) and the streaming CSV / JSON
// lines writer every table command shares.
#include "render/tidy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/json_out.h"

namespace guihua {
namespace {

using C = TidyColumn;
using T = TidyType;

// Kept whole: one row per export column (docs/exports.md), a table of data, not steps.
const std::vector<TidyColumnInfo>& Schema() {
  static const auto* schema = new std::vector<TidyColumnInfo>{
      {C::kDocument, "document", T::kString, "document id (file name without extension)"},
      {C::kDocumentKind, "document_kind", T::kString, "plan, report or text"},
      {C::kTitle, "title", T::kString, "the document's title as printed"},
      {C::kFile, "file", T::kString, "the file as given to extract or ingest"},
      {C::kProvince, "province", T::kString, "省级 region, e.g. 河南省"},
      {C::kCity, "city", T::kString, "市级 region, e.g. 安阳市"},
      {C::kDistrict, "district", T::kString, "县级 region, e.g. 北关区"},
      {C::kPeriodStart, "period_start", T::kInteger, "first year of the plan's period"},
      {C::kPeriodEnd, "period_end", T::kInteger, "last year of the plan's period"},
      {C::kPlan, "plan", T::kString, "women or children (the plan inside the document)"},
      {C::kDomain, "domain", T::kString, "the domain section's title as printed"},
      {C::kDomainId, "domain_id", T::kString, "canonical domain, e.g. women.health"},
      {C::kBlock, "block", T::kString, "goal, measure or other"},
      {C::kItem, "item", T::kInteger, "the item's printed list number"},
      {C::kIndicator, "indicator", T::kString, "indicator name (preferred, else as printed)"},
      {C::kIndicatorId, "indicator_id", T::kString, "canonical indicator (rules/indicators.tsv)"},
      {C::kLabel, "label", T::kString, "the indicator's English label"},
      {C::kParent, "parent", T::kString, "the indicator's parent in the dictionary"},
      {C::kDomains, "domains", T::kString, "domain ids an indicator belongs to, space-separated"},
      {C::kDirection, "direction", T::kString, "lower or higher: which way is better"},
      {C::kKind, "kind", T::kString, "target, baseline, actual, change or direction"},
      {C::kYear, "year", T::kInteger, "year the value refers to (a target: the year it is due)"},
      {C::kBaseYear, "base_year", T::kInteger, "year a change is measured from"},
      {C::kComparator, "comparator", T::kString, ">=, <=, ~, = or range"},
      {C::kValue, "value", T::kNumber, "the value (a range: its low end; ratio 1:3 → 3)"},
      {C::kValueMax, "value_max", T::kNumber, "a range's high end"},
      {C::kUnit, "unit", T::kString, "%, ‰, /10万, /万, 百分点, ratio, or a counter (名, 所…)"},
      {C::kValueText, "value_text", T::kString, "the value as printed"},
      {C::kReference, "reference", T::kString, "document id the verdict is judged against"},
      {C::kVerdict, "verdict", T::kString,
       "against the reference: reference, stricter, same, looser, no_number, missing, extra; "
       "diff: a target's change"},
      {C::kState, "state", T::kString,
       "what the plan says of the indicator: number, no_number (a goal without a number: "
       "得到有效控制) or not_in_plan"},
      {C::kRank, "rank", T::kInteger, "1-based rank of a search hit"},
      {C::kScore, "score", T::kNumber, "relevance score of a search hit"},
      {C::kGroup, "group", T::kInteger, "number of a group of aligned measures"},
      {C::kStatus, "status", T::kString,
       "measures: shared or unique; progress: achieved, not_achieved or no_data"},
      {C::kSimilarity, "similarity", T::kNumber, "text similarity, 0 to 1"},
      {C::kChange, "change", T::kString, "diff: matched, changed, added or removed"},
      {C::kSide, "side", T::kString, "diff: a or b, the plan a row comes from"},
      {C::kSameText, "same_text", T::kInteger,
       "search: how many items (districts) print this text (1 when only this one)"},
      {C::kSameTextDistricts, "same_text_districts", T::kString,
       "search: the districts that print the same text, separated by spaces"},
      {C::kText, "text", T::kString, "the item's text as printed (whitespace removed)"},
      {C::kQuote, "quote", T::kString, "the sentence a value was read from, verbatim"},
      {C::kLine, "line", T::kInteger, "1-based line in the file"},
      {C::kEndLine, "end_line", T::kInteger, "last line of an item"},
      {C::kPage, "page", T::kInteger, "page of a PDF"},
      {C::kItems, "items", T::kInteger, "number of items indexed"},
      {C::kTargets, "targets", T::kInteger, "number of targets"},
      {C::kDocuments, "documents", T::kInteger, "number of documents using it"},
      {C::kValues, "values", T::kInteger, "number of values"},
      {C::kTarget, "target", T::kNumber, "progress: the plan's target (a range: its low end)"},
      {C::kTargetMax, "target_max", T::kNumber, "progress: a target range's high end"},
      {C::kTargetYear, "target_year", T::kInteger, "progress: the year the target is due"},
      {C::kBaseline, "baseline", T::kNumber, "progress: the plan's own baseline value"},
      {C::kBaselineYear, "baseline_year", T::kInteger, "progress: the baseline's year"},
      {C::kActuals, "actuals", T::kString,
       "progress: every actual value by year, e.g. 58.2% (2021); 62.5% (2022)"},
      {C::kLatestYear, "latest_year", T::kInteger, "progress: year of the latest actual value"},
      {C::kLatest, "latest", T::kNumber, "progress: the latest actual value"},
      {C::kLatestUnit, "latest_unit", T::kString, "progress: the latest actual's unit"},
      {C::kGap, "gap", T::kNumber,
       "progress: target minus latest, positive while there is still some way to go"},
      {C::kPerYear, "per_year", T::kNumber, "progress: change of the actual values per year"},
      {C::kReachYear, "reach_year", T::kInteger,
       "progress: the year the target is reached at this pace (empty: not at this pace, or no trend)"},
      {C::kReportSays, "report_says", T::kString, "progress: the report's own verdict (a status)"},
      {C::kDisagrees, "disagrees", T::kInteger,
       "progress: 1 when the report's verdict is not what the numbers say, else 0"},
      {C::kLatestQuote, "latest_quote", T::kString, "progress: the latest actual's sentence"},
      {C::kLatestFile, "latest_file", T::kString, "progress: the report the latest actual is from"},
      {C::kLatestLine, "latest_line", T::kInteger, "progress: the latest actual's line"},
  };
  return *schema;
}

std::string NumberText(double v) {
  if (!std::isfinite(v)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string CsvEscape(const std::string& cell) {
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

const std::vector<TidyColumnInfo>& TidySchema() { return Schema(); }

const TidyColumnInfo& TidyInfo(TidyColumn column) {
  return Schema()[static_cast<size_t>(column)];
}

const char* TidyTypeName(TidyType type) {
  switch (type) {
    case TidyType::kString: return "string";
    case TidyType::kInteger: return "integer";
    case TidyType::kNumber: return "number";
  }
  return "";
}

TidyRow& TidyRow::Set(TidyColumn column, std::string text) {
  if (!text.empty()) cells_[static_cast<size_t>(column)] = std::move(text);
  return *this;
}

TidyRow& TidyRow::Set(TidyColumn column, std::optional<double> number) {
  if (number && std::isfinite(*number)) cells_[static_cast<size_t>(column)] = NumberText(*number);
  return *this;
}

TidyRow& TidyRow::SetInteger(TidyColumn column, long long number) {
  cells_[static_cast<size_t>(column)] = std::to_string(number);
  return *this;
}

TidyRow& TidyRow::SetPositive(TidyColumn column, long long number) {
  if (number > 0) SetInteger(column, number);
  return *this;
}

void SetRegionColumns(const Region& region, TidyRow* row) {
  row->Set(C::kProvince, region.province).Set(C::kCity, region.city).Set(C::kDistrict,
                                                                          region.district);
}

void SetPeriodColumns(const Period& period, TidyRow* row) {
  row->SetPositive(C::kPeriodStart, period.start).SetPositive(C::kPeriodEnd, period.end);
}

void SetRecordColumns(const TargetRecord& r, TidyRow* row) {
  row->Set(C::kDocument, r.document).Set(C::kFile, r.file);
  SetRegionColumns(r.region, row);
  row->Set(C::kPlan, r.plan).Set(C::kDomain, r.domain).Set(C::kDomainId, r.domain_id);
  row->Set(C::kBlock, r.block).SetPositive(C::kItem, r.item).Set(C::kKind, r.kind);
  row->SetPositive(C::kYear, r.year).SetPositive(C::kBaseYear, r.base_year);
  row->Set(C::kIndicator, r.indicator).Set(C::kIndicatorId, r.indicator_id);
  row->Set(C::kComparator, r.comparator).Set(C::kValue, r.value).Set(C::kValueMax, r.value_max);
  row->Set(C::kUnit, r.unit).Set(C::kValueText, r.value_text).Set(C::kQuote, r.quote);
  row->SetPositive(C::kLine, r.line).SetPositive(C::kPage, r.page);
}

const std::vector<TidyColumn>& ValueTableColumns() {
  static const auto* columns = new std::vector<TidyColumn>{
      C::kDocument,  C::kDocumentKind, C::kFile,       C::kProvince,    C::kCity,
      C::kDistrict,  C::kPeriodStart,  C::kPeriodEnd,  C::kPlan,        C::kDomain,
      C::kDomainId,  C::kBlock,        C::kItem,       C::kIndicator,   C::kIndicatorId,
      C::kKind,      C::kYear,         C::kBaseYear,   C::kComparator,  C::kValue,
      C::kValueMax,  C::kUnit,         C::kValueText,  C::kQuote,       C::kLine,
      C::kPage};
  return *columns;
}

std::vector<TidyColumn> SchemaOrder(std::vector<TidyColumn> columns) {
  std::sort(columns.begin(), columns.end());
  columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
  return columns;
}

bool ParseTidyFormat(std::string_view name, TidyFormat* format) {
  if (name == "csv") *format = TidyFormat::kCsv;
  else if (name == "jsonl") *format = TidyFormat::kJsonl;
  else return false;
  return true;
}

TidyWriter::TidyWriter(TidyFormat format, std::vector<TidyColumn> columns, std::ostream* out)
    : format_(format), columns_(std::move(columns)), out_(out) {
  if (format_ != TidyFormat::kCsv) return;
  *out_ << "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
  for (size_t i = 0; i < columns_.size(); ++i) {
    *out_ << (i ? "," : "") << TidyInfo(columns_[i]).name;
  }
  *out_ << "\r\n";
}

void TidyWriter::Write(const TidyRow& row) {
  std::string line;
  if (format_ == TidyFormat::kCsv) {
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (i) line += ',';
      if (const auto& cell = row.Get(columns_[i])) line += CsvEscape(*cell);
    }
    line += "\r\n";
  } else {
    // Appended in place: a row is ~30 cells, and `guihua extract` writes its rows after the
    // extraction, alone on the main thread.
    line.reserve(1024);
    JsonOut json(&line);
    json.Open();
    for (TidyColumn column : columns_) {
      const TidyColumnInfo& info = TidyInfo(column);
      json.Key(info.name);
      const auto& cell = row.Get(column);
      if (!cell) {
        json.Null();
      } else if (info.type == TidyType::kString) {
        json.String(*cell);
      } else {
        json.Number(*cell);
      }
    }
    json.Close();
    line += '\n';
  }
  *out_ << line;
}

}  // namespace guihua
