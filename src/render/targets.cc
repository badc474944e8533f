// Target writers: JSON lines, CSV with BOM, aligned terminal table.
#include "render/targets.h"

#include <cstdio>

#include "common/utf8.h"
#include "extract/target_record.h"
#include "render/tidy.h"

namespace guihua {
namespace {

std::string FormatNumber(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", *v);
  return buf;
}

std::string Count(int n) { return n > 0 ? std::to_string(n) : ""; }

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

std::vector<std::string> TableHeader(Lang lang) {
  std::vector<std::string> header;
  for (const char* id : {"document", "plan", "domain", "block", "kind", "year", "indicator", "cmp",
                         "value", "unit", "line", "quote"}) {
    header.push_back(ValueLabel("column", id, lang));
  }
  return header;
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
  return TargetRecordJson(doc, target);
}

TargetWriter::TargetWriter(TargetFormat format, std::ostream* out, Lang lang)
    : format_(format), out_(out), lang_(lang) {
  if (format_ == TargetFormat::kTable) return;
  tidy_ = std::make_unique<TidyWriter>(
      format_ == TargetFormat::kCsv ? TidyFormat::kCsv : TidyFormat::kJsonl, ValueTableColumns(),
      out_);
}
TargetWriter::~TargetWriter() = default;

void TargetWriter::Add(const Document& doc, const std::vector<Target>& targets) {
  for (const Target& t : targets) {
    TargetRecord r = MakeTargetRecord(doc, t);
    switch (format_) {
      case TargetFormat::kJsonl:
      case TargetFormat::kCsv: {
        TidyRow row;
        SetRecordColumns(r, &row);
        row.Set(TidyColumn::kDocumentKind, DocumentKindName(doc.kind));
        SetPeriodColumns(doc.period, &row);
        tidy_->Write(row);
        break;
      }
      case TargetFormat::kTable: {
        std::string value = FormatNumber(r.value);
        if (r.value_max) value += "-" + FormatNumber(r.value_max);
        rows_.push_back({r.document, ValueLabel("plan", r.plan, lang_), r.domain,
                         ValueLabel("block", r.block, lang_), ValueLabel("kind", r.kind, lang_),
                         Count(r.year), r.indicator,
                         r.comparator, value, r.unit, Count(r.line), r.quote});
        break;
      }
    }
  }
}

void TargetWriter::Finish() {
  if (format_ != TargetFormat::kTable) return;
  const std::vector<std::string> header = TableHeader(lang_);
  const size_t kMaxWidth[] = {24, 8, 16, 7, 9, 4, 36, 5, 10, 6, 6, 40};
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
      bool numeric = c == 5 || c == 8 || c == 10;  // year, value, line
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
  *out_ << (rows_.size() == 1 ? Label("extract.row", lang_)
                               : Label("extract.rows", lang_, {std::to_string(rows_.size())}))
        << "\n";
}

}  // namespace guihua
