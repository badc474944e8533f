// Shared helpers of the target-table writers: labels, provenance, verdict summary and colours.
#include "render/internal/compare_support.h"

#include <cmath>
#include <cstdio>

namespace guihua::render_internal {

std::string ColumnLabel(const CompareColumn& column) {
  for (const std::string* s : {&column.district, &column.city, &column.province}) {
    if (!s->empty()) return *s;
  }
  return column.document;
}

std::string PeriodText(const Period& period) {
  if (period.start == 0 && period.end == 0) return "";
  std::string out = period.start ? std::to_string(period.start) : "";
  out += "–";
  if (period.end) out += std::to_string(period.end);
  return out;
}

std::string WhereText(const TargetValue& value) {
  if (value.file.empty()) return "";
  return value.line > 0 ? value.file + ":" + std::to_string(value.line) : value.file;
}

std::string QuoteWithWhere(const TargetValue& value) {
  std::string out;
  if (!value.quote.empty()) out = "“" + value.quote + "”";
  std::string where = WhereText(value);
  if (!where.empty()) out += (out.empty() ? "" : " ") + where;
  return out;
}

std::string NoNumberText(const CompareCell& cell, Lang lang) {
  if (cell.state() != CellState::kNoNumber) return "";
  // "(no number)" after a space; "（无数值）" is closed up, as Chinese is.
  std::string mark = Label("compare.no_number", lang);
  return cell.directions.front().value_text + (lang == Lang::kEn ? " " : "") + mark;
}

std::vector<std::string> CellValueTexts(const CompareCell& cell, Lang lang) {
  std::vector<std::string> out;
  for (const TargetValue& v : cell.values) out.push_back(FormatValue(v));
  if (out.empty() && cell.state() == CellState::kNoNumber) out.push_back(NoNumberText(cell, lang));
  return out;
}

std::string VerdictLabel(Verdict verdict, Lang lang) {
  return ValueLabel("verdict", VerdictName(verdict), lang);
}

std::string ShownVerdict(Verdict verdict, Lang lang) {
  return verdict == Verdict::kNoNumber ? "" : VerdictLabel(verdict, lang);
}

std::string SummaryText(const VerdictCounts& c, Lang lang) {
  const std::pair<Verdict, int> parts[] = {
      {Verdict::kStricter, c.stricter}, {Verdict::kSame, c.same},       {Verdict::kLooser, c.looser},
      {Verdict::kNoNumber, c.no_number}, {Verdict::kMissing, c.missing}, {Verdict::kExtra, c.extra}};
  std::string out;
  for (const auto& [verdict, n] : parts) {
    out += (out.empty() ? "" : ", ") + VerdictLabel(verdict, lang) + " " + std::to_string(n);
  }
  return out;
}

uint32_t VerdictColor(Verdict verdict) {
  switch (verdict) {
    case Verdict::kStricter: return 0xC6EFCE;  // Excel's "good" green
    case Verdict::kLooser: return 0xFFC7CE;    // Excel's "bad" red
    case Verdict::kNoNumber: return 0xFFEB9C;  // Excel's "neutral" yellow
    case Verdict::kMissing: return 0xD9D9D9;
    case Verdict::kExtra: return 0xDDEBF7;
    default: return 0;
  }
}

}  // namespace guihua::render_internal

namespace guihua::render_internal {

TargetTable ReferenceOnce(const TargetTable& table) {
  if (!table.reference) return table;
  size_t same = table.columns.size();
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].document == table.reference->document) same = i;
  }
  if (same == table.columns.size()) return table;
  TargetTable out = table;
  out.columns.erase(out.columns.begin() + same);
  if (same < out.summary.size()) out.summary.erase(out.summary.begin() + same);
  for (CompareRow& row : out.rows) {
    if (same < row.cells.size()) row.cells.erase(row.cells.begin() + same);
  }
  return out;
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Px(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

nlohmann::ordered_json JsonNumber(const std::optional<double>& v) {
  if (!v) return nullptr;
  double r = std::round(*v);
  if (std::fabs(*v - r) < 1e-9 && std::fabs(r) < 1e15) return static_cast<long long>(r);
  return *v;
}

}  // namespace guihua::render_internal
