// Target comparisons for analysis: the long form (one row per value of each plan, with the verdict,
// in the tidy columns of render/tidy.h) and the wide form (one row per indicator, one column per
// plan, for people who read tables), as CSV or JSON lines.
#include <nlohmann/json.hpp>
#include <sstream>

#include "render/internal/compare_support.h"
#include "render/tidy.h"

namespace guihua::render_internal {
namespace {

using C = TidyColumn;

std::vector<TidyColumn> LongColumns() {
  std::vector<TidyColumn> columns = ValueTableColumns();
  std::erase(columns, C::kDocumentKind);
  columns.push_back(C::kReference);
  columns.push_back(C::kVerdict);
  columns.push_back(C::kState);
  columns.push_back(C::kDirection);
  return SchemaOrder(std::move(columns));
}

// The row's and column's part of a cell's rows: which indicator, which plan.
TidyRow CellHead(const TargetTable& table, const CompareRow& row, const CompareColumn& column,
                 bool reference) {
  TidyRow out;
  out.Set(C::kDocument, column.document);
  SetRegionColumns({column.province, column.city, column.district}, &out);
  SetPeriodColumns(column.period, &out);
  out.Set(C::kPlan, row.plan).Set(C::kDomainId, row.domain_id);
  out.Set(C::kIndicator, row.indicator).Set(C::kIndicatorId, row.indicator_id);
  out.Set(C::kDirection, row.direction);
  if (table.reference) out.Set(C::kReference, table.reference->document);
  if (reference) out.Set(C::kVerdict, "reference");
  return out;
}

// One row per value; a plan with only a goal without a number gets a row of its first goal
// (state no_number: the goal's words, quote and line), one that does not name the indicator a row
// only when it has a verdict (state not_in_plan, verdict missing).
void WriteCell(const TargetTable& table, const CompareRow& row, const CompareColumn& column,
               const CompareCell& cell, bool reference, TidyWriter& writer) {
  const TidyRow head = CellHead(table, row, column, reference);
  std::string verdict = reference ? "reference" : VerdictName(cell.verdict);
  const char* state = CellStateName(cell.state());
  if (cell.state() == CellState::kNotInPlan) {
    if (verdict.empty()) return;  // nothing to say about this plan
    TidyRow r = head;
    r.Set(C::kVerdict, verdict).Set(C::kState, state);
    writer.Write(r);
    return;
  }
  std::vector<TargetValue> values = cell.values;
  if (values.empty()) values = {cell.directions.front()};
  for (size_t i = 0; i < values.size(); ++i) {
    TidyRow r;
    SetRecordColumns(values[i], &r);
    // The row's names win over the value's: the preferred indicator name, the table's plan.
    for (C c : {C::kDocument, C::kProvince, C::kCity, C::kDistrict, C::kPeriodStart,
                C::kPeriodEnd, C::kPlan, C::kDomainId, C::kIndicator, C::kIndicatorId,
                C::kDirection, C::kReference}) {
      if (head.Get(c)) r.Set(c, *head.Get(c));
    }
    r.Set(C::kVerdict, verdict).Set(C::kState, state);
    writer.Write(r);
  }
}

}  // namespace

std::string RenderTargetTableTidy(const TargetTable& whole, TidyFormat format) {
  TargetTable table = ReferenceOnce(whole);
  std::ostringstream out;
  TidyWriter writer(format, LongColumns(), &out);
  for (const CompareRow& row : table.rows) {
    if (table.reference && row.reference) {
      WriteCell(table, row, *table.reference, *row.reference, true, writer);
    }
    for (size_t i = 0; i < table.columns.size() && i < row.cells.size(); ++i) {
      WriteCell(table, row, table.columns[i], row.cells[i], false, writer);
    }
  }
  return out.str();
}

// The wide form: the indicator's columns, then one per plan (the reference first, once) holding
// its values as printed in tables ("≤12/10万"; several joined by "; "), then one per plan with
// the verdict when there is a reference.
std::string RenderTargetTableWide(const TargetTable& whole, TidyFormat format) {
  TargetTable table = ReferenceOnce(whole);
  std::vector<const CompareColumn*> columns;
  if (table.reference) columns.push_back(&*table.reference);
  for (const CompareColumn& c : table.columns) columns.push_back(&c);
  auto name = [&](size_t i) {
    std::string label = ColumnLabel(*columns[i]);
    std::string period = PeriodText(columns[i]->period);
    return period.empty() ? label : label + " " + period;
  };
  std::vector<std::string> header = {"indicator_id", "indicator", "plan", "domain_id", "direction"};
  for (size_t i = 0; i < columns.size(); ++i) {
    header.push_back(name(i) + (table.reference && i == 0 ? " (reference)" : ""));
  }
  if (table.reference) {
    for (size_t i = 1; i < columns.size(); ++i) header.push_back("verdict " + name(i));
  }
  std::vector<std::vector<std::string>> rows;
  for (const CompareRow& row : table.rows) {
    std::vector<std::string> cells = {row.indicator_id, row.indicator, row.plan, row.domain_id,
                                      row.direction};
    auto text = [](const CompareCell* cell) {
      std::string out;
      if (!cell) return out;
      // csv keeps one wording whatever --lang says.
      for (const std::string& v : CellValueTexts(*cell, Lang::kEn)) out += (out.empty() ? "" : "; ") + v;
      return out;
    };
    if (table.reference) cells.push_back(text(row.reference ? &*row.reference : nullptr));
    for (size_t i = 0; i < table.columns.size(); ++i) {
      cells.push_back(text(i < row.cells.size() ? &row.cells[i] : nullptr));
    }
    if (table.reference) {
      for (size_t i = 0; i < table.columns.size(); ++i) {
        cells.push_back(i < row.cells.size() ? VerdictName(row.cells[i].verdict) : "");
      }
    }
    rows.push_back(std::move(cells));
  }
  return WriteWide(header, rows, format);
}

std::string WriteWide(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows, TidyFormat format) {
  auto csv = [](const std::string& cell) {
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::string out;
  if (format == TidyFormat::kCsv) {
    out = "\xEF\xBB\xBF";
    for (size_t i = 0; i < header.size(); ++i) out += (i ? "," : "") + csv(header[i]);
    out += "\r\n";
  }
  for (const auto& row : rows) {
    if (format == TidyFormat::kCsv) {
      for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv(row[i]);
      out += "\r\n";
      continue;
    }
    nlohmann::ordered_json j;
    for (size_t i = 0; i < header.size() && i < row.size(); ++i) {
      j[header[i]] = row[i].empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(row[i]);
    }
    out += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  return out;
}

}  // namespace guihua::render_internal
