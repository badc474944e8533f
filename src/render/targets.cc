// Target writers: JSON lines, CSV with BOM, aligned terminal table.
#include "render/targets.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/utf8.h"

namespace guihua {
namespace {

using nlohmann::ordered_json;

ordered_json StringOrNull(const std::string& s) { return s.empty() ? ordered_json() : ordered_json(s); }

ordered_json Number(const std::optional<double>& v) {
  if (!v) return nullptr;
  double r = std::round(*v);
  if (std::fabs(*v - r) < 1e-9 && std::fabs(r) < 1e15) return static_cast<long long>(r);
  return *v;
}

std::string FormatNumber(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

struct Where {
  const Plan* plan = nullptr;
  const Section* section = nullptr;
  const Item* item = nullptr;
};

Where Locate(const Document& doc, const Target& t) {
  Where w;
  if (t.plan_index < 0 || t.plan_index >= static_cast<int>(doc.plans.size())) return w;
  w.plan = &doc.plans[t.plan_index];
  if (t.section_index < 0 || t.section_index >= static_cast<int>(w.plan->sections.size())) return w;
  w.section = &w.plan->sections[t.section_index];
  if (t.item_index >= 0 && t.item_index < static_cast<int>(w.section->items.size())) {
    w.item = &w.section->items[t.item_index];
  }
  return w;
}

ordered_json ToJson(const Document& doc, const Target& t) {
  Where w = Locate(doc, t);
  bool domain = w.section && w.section->is_domain();
  bool direction = t.kind == TargetKind::kDirection;
  ordered_json j;
  j["document"] = doc.id;
  j["file"] = doc.file;
  j["region"] = {{"province", StringOrNull(doc.region.province)},
                 {"city", StringOrNull(doc.region.city)},
                 {"district", StringOrNull(doc.region.district)}};
  j["plan"] = w.plan ? ordered_json(PlanKindName(w.plan->kind)) : ordered_json();
  j["domain"] = domain ? ordered_json(w.section->title) : ordered_json();
  j["domain_id"] = domain ? ordered_json(w.section->id) : ordered_json();
  j["block"] = w.item ? ordered_json(BlockKindName(w.item->block)) : ordered_json();
  j["item"] = w.item && w.item->number > 0 ? ordered_json(w.item->number) : ordered_json();
  j["kind"] = TargetKindName(t.kind);
  j["indicator"] = StringOrNull(t.indicator);
  j["indicator_id"] = StringOrNull(t.indicator_id);
  j["comparator"] = direction ? ordered_json() : ordered_json(t.comparator);
  j["value"] = Number(t.value);
  j["value_max"] = Number(t.value_max);
  j["unit"] = direction ? ordered_json() : ordered_json(t.unit);
  j["value_text"] = StringOrNull(t.value_text);
  j["quote"] = StringOrNull(t.quote);
  j["line"] = t.line > 0 ? ordered_json(t.line) : ordered_json();
  j["page"] = t.page > 0 ? ordered_json(t.page) : ordered_json();
  return j;
}

const std::vector<std::string>& CsvHeader() {
  static const auto* header = new std::vector<std::string>{
      "document", "file",       "province",  "city",  "district",  "plan",       "domain",
      "domain_id", "block",     "item",      "kind",  "indicator", "indicator_id", "comparator",
      "value",    "value_max",  "unit",      "value_text", "quote", "line",   "page"};
  return *header;
}

std::vector<std::string> CsvCells(const Document& doc, const Target& t) {
  ordered_json j = ToJson(doc, t);
  auto text = [](const ordered_json& v) -> std::string {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
  };
  return {text(j["document"]), text(j["file"]), text(j["region"]["province"]),
          text(j["region"]["city"]), text(j["region"]["district"]), text(j["plan"]),
          text(j["domain"]), text(j["domain_id"]), text(j["block"]), text(j["item"]),
          text(j["kind"]), text(j["indicator"]), text(j["indicator_id"]), text(j["comparator"]),
          FormatNumber(t.value), FormatNumber(t.value_max), text(j["unit"]),
          text(j["value_text"]), text(j["quote"]), text(j["line"]), text(j["page"])};
}

std::string CsvEscape(const std::string& cell) {
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void WriteCsvRow(const std::vector<std::string>& cells, std::ostream& out) {
  for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << CsvEscape(cells[i]);
  out << "\r\n";
}

// Cuts `s` to at most `width` terminal columns, marking the cut with "…".
std::string Fit(const std::string& s, size_t width) {
  if (utf8::DisplayWidth(s) <= width) return s;
  std::string out;
  size_t pos = 0, used = 0;
  while (pos < s.size()) {
    size_t start = pos;
    char32_t cp = utf8::Next(s, pos);
    std::string ch;
    utf8::Append(cp, ch);
    size_t w = utf8::DisplayWidth(ch);
    if (used + w + 1 > width) break;
    out += s.substr(start, pos - start);
    used += w;
  }
  return out + "…";
}

const std::vector<std::string>& TableHeader() {
  static const auto* header = new std::vector<std::string>{
      "document", "plan", "domain", "block", "kind", "indicator", "cmp", "value", "unit", "line"};
  return *header;
}

}  // namespace

bool ParseTargetFormat(std::string_view name, TargetFormat* format) {
  if (name == "jsonl") *format = TargetFormat::kJsonl;
  else if (name == "csv") *format = TargetFormat::kCsv;
  else if (name == "table") *format = TargetFormat::kTable;
  else return false;
  return true;
}

std::string TargetToJson(const Document& doc, const Target& target) {
  return ToJson(doc, target).dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

TargetWriter::TargetWriter(TargetFormat format, std::ostream* out) : format_(format), out_(out) {}
TargetWriter::~TargetWriter() = default;

void TargetWriter::Add(const Document& doc, const std::vector<Target>& targets) {
  if (format_ == TargetFormat::kCsv && !started_) {
    *out_ << "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
    WriteCsvRow(CsvHeader(), *out_);
  }
  started_ = true;
  for (const Target& t : targets) {
    switch (format_) {
      case TargetFormat::kJsonl: *out_ << TargetToJson(doc, t) << "\n"; break;
      case TargetFormat::kCsv: WriteCsvRow(CsvCells(doc, t), *out_); break;
      case TargetFormat::kTable: {
        Where w = Locate(doc, t);
        std::string value = FormatNumber(t.value);
        if (t.value_max) value += "-" + FormatNumber(t.value_max);
        rows_.push_back({doc.id, w.plan ? PlanKindName(w.plan->kind) : "",
                         w.section && w.section->is_domain() ? w.section->title : "",
                         w.item ? BlockKindName(w.item->block) : "", TargetKindName(t.kind),
                         t.indicator, t.comparator, value, t.unit,
                         t.line > 0 ? std::to_string(t.line) : ""});
        break;
      }
    }
  }
}

void TargetWriter::Finish() {
  if (format_ == TargetFormat::kCsv && !started_) {
    *out_ << "\xEF\xBB\xBF";
    WriteCsvRow(CsvHeader(), *out_);
  }
  if (format_ != TargetFormat::kTable) return;
  const auto& header = TableHeader();
  const size_t kMaxWidth[] = {24, 8, 16, 7, 9, 36, 5, 10, 6, 6};
  std::vector<std::vector<std::string>> cells;
  cells.push_back(header);
  for (const auto& row : rows_) {
    std::vector<std::string> fitted;
    for (size_t c = 0; c < row.size(); ++c) fitted.push_back(Fit(row[c], kMaxWidth[c]));
    cells.push_back(std::move(fitted));
  }
  std::vector<size_t> width(header.size(), 0);
  for (const auto& row : cells) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], utf8::DisplayWidth(row[c]));
  }
  for (size_t r = 0; r < cells.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < cells[r].size(); ++c) {
      const std::string& cell = cells[r][c];
      bool numeric = c == 7 || c == 9;
      std::string pad(width[c] - utf8::DisplayWidth(cell), ' ');
      line += (c ? "  " : "") + (numeric ? pad + cell : cell + (c + 1 < cells[r].size() ? pad : ""));
    }
    *out_ << line << "\n";
    if (r == 0) {
      std::string rule;
      for (size_t c = 0; c < width.size(); ++c) rule += (c ? "  " : "") + std::string(width[c], '-');
      *out_ << rule << "\n";
    }
  }
  *out_ << rows_.size() << " row" << (rows_.size() == 1 ? "" : "s") << "\n";
}

}  // namespace guihua
