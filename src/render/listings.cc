// The listings as tables, CSV and JSON: one column list per listing drives all three formats, so
// that they never disagree.
#include "render/listings.h"

#include <functional>
#include <nlohmann/json.hpp>

#include <sstream>

#include "render/text_table.h"
#include "render/tidy.h"

namespace guihua {
namespace {

using nlohmann::json;

// A column of a listing: its name (table header, CSV header, JSON key) and how a row gives it, as
// text (table, CSV) and as JSON (numbers stay numbers, lists stay lists).
// `vocabulary`: the table shows a value's word in the table's language (kind plan → 发展规划).
template <typename Row>
struct Column {
  const char* name;
  std::function<json(const Row&)> value;
  const char* vocabulary = nullptr;
};

std::string Text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_array()) {
    std::string out;
    for (const json& e : v) out += (out.empty() ? "" : " ") + Text(e);
    return out;
  }
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

template <typename Row>
std::string Render(const std::vector<Row>& rows, const std::vector<Column<Row>>& columns,
                   ListFormat format, Lang lang) {
  if (format == ListFormat::kJsonl) {  // a listing outside the tidy schema (domains)
    std::string out;
    for (const Row& row : rows) {
      json object = json::object();
      for (const Column<Row>& c : columns) object[c.name] = c.value(row);
      out += object.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    }
    return out;
  }
  if (format == ListFormat::kJson) {
    json out = json::array();
    for (const Row& row : rows) {
      json object = json::object();
      for (const Column<Row>& c : columns) object[c.name] = c.value(row);
      out.push_back(std::move(object));
    }
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::vector<std::string> header;
  for (const Column<Row>& c : columns) header.push_back(c.name);
  if (format == ListFormat::kCsv) {
    std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheets then read the file as UTF-8
    auto line = [&](const std::vector<std::string>& cells) {
      for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
      out += "\r\n";
    };
    line(header);
    for (const Row& row : rows) {
      std::vector<std::string> cells;
      for (const Column<Row>& c : columns) cells.push_back(Text(c.value(row)));
      line(cells);
    }
    return out;
  }
  for (std::string& h : header) h = ValueLabel("column", h, lang);
  TextTable table(header);
  for (const Row& row : rows) {
    std::vector<std::string> cells;
    for (const Column<Row>& c : columns) {
      std::string text = Text(c.value(row));
      cells.push_back(c.vocabulary ? ValueLabel(c.vocabulary, text, lang) : text);
    }
    table.AddRow(std::move(cells));
  }
  return table.Render(48);
}

json Nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A listing in the tidy form: `fill` sets each row's cells.
template <typename Row, typename Fill>
std::string RenderTidy(const std::vector<Row>& rows, std::vector<TidyColumn> columns,
                       ListFormat format, const Fill& fill) {
  std::ostringstream out;
  TidyWriter writer(format == ListFormat::kCsv ? TidyFormat::kCsv : TidyFormat::kJsonl,
                    std::move(columns), &out);
  for (const Row& r : rows) {
    TidyRow row;
    fill(r, row);
    writer.Write(row);
  }
  return out.str();
}

bool Tidy(ListFormat format) { return format == ListFormat::kCsv || format == ListFormat::kJsonl; }

using TC = TidyColumn;

}  // namespace

bool ParseListFormat(const std::string& name, ListFormat* format) {
  static const std::pair<const char*, ListFormat> kFormats[] = {
      {"table", ListFormat::kTable}, {"csv", ListFormat::kCsv}, {"jsonl", ListFormat::kJsonl},
      {"json", ListFormat::kJson}};
  for (const auto& [n, f] : kFormats) {
    if (name == n) {
      *format = f;
      return true;
    }
  }
  return false;
}

std::string RenderIndicators(const std::vector<IndicatorUse>& rows, ListFormat format, Lang lang) {
  if (Tidy(format)) {
    std::vector<TidyColumn> columns = {TC::kIndicatorId, TC::kIndicator, TC::kLabel,
                                       TC::kPlan,        TC::kParent,    TC::kDomains,
                                       TC::kDirection,   TC::kUnit};
    if (!rows.empty() && rows.front().documents >= 0) {
      columns.insert(columns.end(), {TC::kDocuments, TC::kTargets});
    }
    return RenderTidy(rows, columns, format, [](const IndicatorUse& r, TidyRow& row) {
      row.Set(TC::kIndicatorId, r.info.id).Set(TC::kIndicator, r.info.name);
      row.Set(TC::kLabel, r.info.label).Set(TC::kPlan, r.info.plan);
      row.Set(TC::kParent, r.info.parent).Set(TC::kDomains, Joined(r.info.domains));
      row.Set(TC::kDirection, r.info.direction).Set(TC::kUnit, r.info.unit);
      if (r.documents >= 0) row.SetInteger(TC::kDocuments, r.documents);
      if (r.targets >= 0) row.SetInteger(TC::kTargets, r.targets);
    });
  }
  using C = Column<IndicatorUse>;
  std::vector<C> columns = {
      {"id", [](const IndicatorUse& r) { return json(r.info.id); }},
      {"name", [](const IndicatorUse& r) { return json(r.info.name); }},
      {"label", [](const IndicatorUse& r) { return json(r.info.label); }},
      {"plan", [](const IndicatorUse& r) { return json(r.info.plan); }},
      {"domains", [](const IndicatorUse& r) { return json(r.info.domains); }},
      {"parent", [](const IndicatorUse& r) { return Nullable(r.info.parent); }},
      {"direction", [](const IndicatorUse& r) { return Nullable(r.info.direction); }, "direction"},
      {"unit", [](const IndicatorUse& r) { return json(r.info.unit); }}};
  if (!rows.empty() && rows.front().documents >= 0) {
    columns.push_back({"documents", [](const IndicatorUse& r) { return json(r.documents); }});
    columns.push_back({"targets", [](const IndicatorUse& r) { return json(r.targets); }});
  }
  return Render(rows, columns, format, lang);
}

std::string RenderUnknownIndicators(const std::vector<UnknownIndicator>& rows, ListFormat format,
                                    Lang lang) {
  if (Tidy(format)) {
    return RenderTidy(rows,
                      SchemaOrder({TC::kPlan, TC::kIndicator, TC::kDomains, TC::kQuote, TC::kFile,
                                   TC::kLine, TC::kDocuments, TC::kValues}),
                      format, [](const UnknownIndicator& r, TidyRow& row) {
                        row.Set(TC::kIndicator, r.indicator).Set(TC::kPlan, r.plan);
                        row.Set(TC::kDomains, Joined(r.domains));
                        row.SetInteger(TC::kDocuments, r.documents);
                        row.SetInteger(TC::kValues, r.targets);
                        row.Set(TC::kFile, r.file).SetPositive(TC::kLine, r.line);
                        row.Set(TC::kQuote, r.quote);
                      });
  }
  using C = Column<UnknownIndicator>;
  const std::vector<C> columns = {
      {"indicator", [](const UnknownIndicator& r) { return json(r.indicator); }},
      {"plan", [](const UnknownIndicator& r) { return json(r.plan); }},
      {"domains", [](const UnknownIndicator& r) { return json(r.domains); }},
      {"documents", [](const UnknownIndicator& r) { return json(r.documents); }},
      {"values", [](const UnknownIndicator& r) { return json(r.targets); }},
      {"first", [](const UnknownIndicator& r) { return json(r.file + ":" + std::to_string(r.line)); }},
      {"quote", [](const UnknownIndicator& r) { return json(r.quote); }}};
  return Render(rows, columns, format, lang);
}

std::string RenderDomains(const std::vector<NamedValue>& domains, ListFormat format, Lang lang) {
  using C = Column<NamedValue>;
  const std::vector<C> columns = {
      {"id", [](const NamedValue& d) { return json(d.id); }},
      {"plan", [](const NamedValue& d) { return json(d.plan); }},
      {"name", [](const NamedValue& d) { return json(d.name); }},
      {"label", [](const NamedValue& d) { return json(d.english); }},
      {"short_forms", [](const NamedValue& d) { return json(d.short_forms); }}};
  return Render(domains, columns, format, lang);
}

std::string RenderDocuments(const std::vector<IndexedFile>& files, ListFormat format, Lang lang) {
  if (Tidy(format)) {
    return RenderTidy(files,
                      {TC::kDocument, TC::kDocumentKind, TC::kTitle, TC::kFile, TC::kProvince,
                       TC::kCity, TC::kDistrict, TC::kPeriodStart, TC::kPeriodEnd, TC::kItems,
                       TC::kTargets},
                      format, [](const IndexedFile& f, TidyRow& row) {
                        row.Set(TC::kDocument, f.document).Set(TC::kDocumentKind, f.kind);
                        row.Set(TC::kTitle, f.title).Set(TC::kFile, f.file);
                        SetRegionColumns(f.region, &row);
                        SetPeriodColumns(f.period, &row);
                        row.SetInteger(TC::kItems, f.items).SetInteger(TC::kTargets, f.targets);
                      });
  }
  using C = Column<IndexedFile>;
  auto period = [](const IndexedFile& f) {
    return f.period.start == 0 ? json(nullptr)
                               : json(std::to_string(f.period.start) + "-" + std::to_string(f.period.end));
  };
  const std::vector<C> columns = {
      {"id", [](const IndexedFile& f) { return json(f.document); }},
      {"kind", [](const IndexedFile& f) { return json(f.kind); }, "document_kind"},
      {"title", [](const IndexedFile& f) { return Nullable(f.title); }},
      {"province", [](const IndexedFile& f) { return Nullable(f.region.province); }},
      {"city", [](const IndexedFile& f) { return Nullable(f.region.city); }},
      {"district", [](const IndexedFile& f) { return Nullable(f.region.district); }},
      {"period", period},
      {"file", [](const IndexedFile& f) { return json(f.file); }},
      {"items", [](const IndexedFile& f) { return json(f.items); }},
      {"targets", [](const IndexedFile& f) { return json(f.targets); }}};
  return Render(files, columns, format, lang);
}

}  // namespace guihua
