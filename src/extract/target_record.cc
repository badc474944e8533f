// The target record codec: one table of fields (key, member, when it is null) drives both the
// writer and the reader, so that a new field is one row here and one member in the struct.
#include "extract/target_record.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <variant>

#include "common/json_out.h"

namespace guihua {
namespace {

using nlohmann::json;  // reading: keyed lookups

// When a field is written as null.
enum class Null {
  kNever,        // always its value ("" included)
  kIfEmpty,      // "" / nullopt / 0 (counts and line numbers start at 1)
  kIfDirection,  // for a direction goal, which has no comparator and no unit
};

using Member = std::variant<std::string TargetRecord::*, std::optional<double> TargetRecord::*,
                            int TargetRecord::*, std::string Region::*>;

struct Field {
  const char* key;
  Member member;  // a Region member is nested under "region"
  Null null;
};

// DESIGN.md's order, which is the order written.
const Field kFields[] = {
    {"document", &TargetRecord::document, Null::kNever},
    {"file", &TargetRecord::file, Null::kNever},
    {"province", &Region::province, Null::kIfEmpty},
    {"city", &Region::city, Null::kIfEmpty},
    {"district", &Region::district, Null::kIfEmpty},
    {"plan", &TargetRecord::plan, Null::kIfEmpty},
    {"domain", &TargetRecord::domain, Null::kIfEmpty},
    {"domain_id", &TargetRecord::domain_id, Null::kIfEmpty},
    {"block", &TargetRecord::block, Null::kIfEmpty},
    {"item", &TargetRecord::item, Null::kIfEmpty},
    {"kind", &TargetRecord::kind, Null::kNever},
    {"year", &TargetRecord::year, Null::kIfEmpty},
    {"base_year", &TargetRecord::base_year, Null::kIfEmpty},
    {"indicator", &TargetRecord::indicator, Null::kIfEmpty},
    {"indicator_id", &TargetRecord::indicator_id, Null::kIfEmpty},
    {"comparator", &TargetRecord::comparator, Null::kIfDirection},
    {"value", &TargetRecord::value, Null::kIfEmpty},
    {"value_max", &TargetRecord::value_max, Null::kIfEmpty},
    {"unit", &TargetRecord::unit, Null::kIfDirection},
    {"value_text", &TargetRecord::value_text, Null::kIfEmpty},
    {"quote", &TargetRecord::quote, Null::kIfEmpty},
    {"line", &TargetRecord::line, Null::kIfEmpty},
    {"page", &TargetRecord::page, Null::kIfEmpty},
};

constexpr const char* kRegion = "region";

// A whole number as an integer (12, not 12.0), anything else as the double it is.
void WriteNumber(double v, JsonOut& out) {
  double r = std::round(v);
  if (std::fabs(v - r) < 1e-9 && std::fabs(r) < 1e15) {
    out.Int(static_cast<long long>(r));
  } else {
    out.Double(v);
  }
}

// The value of field `f` of `r`.
void Write(const TargetRecord& r, const Field& f, JsonOut& out) {
  bool direction = r.kind == TargetKindName(TargetKind::kDirection);
  if (f.null == Null::kIfDirection && direction) {
    out.Null();
    return;
  }
  struct Visit {
    const TargetRecord& r;
    bool null_if_empty;
    JsonOut& out;
    void operator()(std::string TargetRecord::*m) const { Text(r.*m); }
    void operator()(std::string Region::*m) const { Text(r.region.*m); }
    void operator()(std::optional<double> TargetRecord::*m) const {
      if (r.*m) {
        WriteNumber(*(r.*m), out);
      } else {
        out.Null();
      }
    }
    void operator()(int TargetRecord::*m) const {
      if (r.*m > 0 || !null_if_empty) {
        out.Int(r.*m);
      } else {
        out.Null();
      }
    }
    void Text(const std::string& s) const { null_if_empty ? out.StringOrNull(s) : out.String(s); }
  };
  std::visit(Visit{r, f.null == Null::kIfEmpty, out}, f.member);
}

void Decode(const json& v, const Field& f, TargetRecord* r) {
  struct Visit {
    const json& v;
    TargetRecord* r;
    void operator()(std::string TargetRecord::*m) const { r->*m = Text(); }
    void operator()(std::string Region::*m) const { r->region.*m = Text(); }
    void operator()(std::optional<double> TargetRecord::*m) const {
      if (v.is_number()) r->*m = v.get<double>();
    }
    void operator()(int TargetRecord::*m) const {
      if (v.is_number()) r->*m = static_cast<int>(v.get<double>());
    }
    std::string Text() const { return v.is_string() ? v.get<std::string>() : std::string(); }
  };
  std::visit(Visit{v, r}, f.member);
}

bool InRegion(const Field& f) { return std::holds_alternative<std::string Region::*>(f.member); }

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

}  // namespace

TargetRecord MakeTargetRecord(const Document& doc, const Target& t) {
  Where w = Locate(doc, t);
  bool domain = w.section && w.section->is_domain();
  TargetRecord r;
  r.document = doc.id;
  r.file = doc.file;
  r.region = doc.region;
  if (w.plan) r.plan = PlanKindName(w.plan->kind);
  if (domain) {
    r.domain = w.section->title;
    r.domain_id = w.section->id;
  }
  if (w.item) {
    r.block = BlockKindName(w.item->block);
    r.item = w.item->number;
  }
  r.kind = TargetKindName(t.kind);
  r.year = t.year;
  r.base_year = t.base_year;
  r.indicator = t.indicator;
  r.indicator_id = t.indicator_id;
  if (t.kind != TargetKind::kDirection) {  // a direction goal has neither
    r.comparator = t.comparator;
    r.unit = t.unit;
  }
  r.value = t.value;
  r.value_max = t.value_max;
  r.value_text = t.value_text;
  r.quote = t.quote;
  r.line = t.line;
  r.page = t.page;
  return r;
}

// Written by JsonOut, byte-identical to nlohmann's dump of the ordered object it wrote before (the
// region's fields in one object where the first of them stands), without building that object
// (whose operator[] looked each of the 23 keys up among the keys so far): a record a target, on
// ingest's preparing thread and in every JSON output of targets.
std::string WriteTargetRecord(const TargetRecord& record) {
  std::string text;
  JsonOut out(&text);
  out.Open();
  bool in_region = false;
  for (const Field& f : kFields) {
    if (InRegion(f) != in_region) {
      if (in_region) {
        out.Close();
      } else {
        out.Key(kRegion).Open();
      }
      in_region = !in_region;
    }
    out.Key(f.key);
    Write(record, f, out);
  }
  if (in_region) out.Close();
  out.Close();
  return text;
}

std::optional<TargetRecord> ReadTargetRecord(std::string_view json_line) {
  json j = json::parse(json_line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  TargetRecord r;
  auto region = j.find(kRegion);
  for (const Field& f : kFields) {
    const json* scope = &j;
    if (InRegion(f)) {
      if (region == j.end() || !region->is_object()) continue;
      scope = &*region;
    }
    if (auto it = scope->find(f.key); it != scope->end()) Decode(*it, f, &r);
  }
  return r;
}

std::string TargetRecordJson(const Document& doc, const Target& target) {
  return WriteTargetRecord(MakeTargetRecord(doc, target));
}

std::string_view PeekTargetIndicatorId(std::string_view line) {
  // The writer prints no spaces, so the key and its string value are adjacent.
  static constexpr std::string_view kKey = "\"indicator_id\":\"";
  size_t at = line.find(kKey);
  if (at == std::string_view::npos) return {};
  size_t begin = at + kKey.size();
  size_t end = line.find('"', begin);
  return end == std::string_view::npos ? std::string_view{} : line.substr(begin, end - begin);
}

}  // namespace guihua
