// NameTables: rules/names.tsv (the fixed vocabularies), the region gazetteer and the indicator
// dictionary, loaded once for every resolver.
#include <sstream>

#include "common/rule_file.h"
#include "names/internal/match.h"
#include "names/names.h"

namespace guihua {
namespace {

// The kinds of rows rules/names.tsv may hold, by their name in its `kind` column.
const std::vector<std::pair<std::string, NameKind>>& TableKinds() {
  static const std::vector<std::pair<std::string, NameKind>> kinds = {
      {"plan", NameKind::kPlan},           {"domain", NameKind::kDomain},
      {"block", NameKind::kBlock},         {"value_kind", NameKind::kValueKind},
      {"document_kind", NameKind::kDocumentKind}, {"period", NameKind::kPeriod}};
  return kinds;
}

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

}  // namespace

const char* NameKindName(NameKind kind) {
  switch (kind) {
    case NameKind::kIndicator: return "indicator";
    case NameKind::kDomain: return "domain";
    case NameKind::kProvince: return "province";
    case NameKind::kCity: return "city";
    case NameKind::kDistrict: return "district";
    case NameKind::kPlan: return "plan";
    case NameKind::kBlock: return "block";
    case NameKind::kValueKind: return "value kind";
    case NameKind::kDocumentKind: return "document kind";
    case NameKind::kPeriod: return "period";
    case NameKind::kDocument: return "document";
  }
  return "name";
}

StatusOr<std::shared_ptr<const NameTables>> NameTables::Load(
    const std::string& rules_dir, std::vector<IndicatorInfo> dictionary,
    std::function<std::string(std::string_view)> indicator_id, Diagnostics* diag) {
  std::shared_ptr<NameTables> tables(new NameTables());
  tables->indicators_ = std::move(dictionary);
  tables->indicator_id_ = std::move(indicator_id);
  if (Status s = tables->LoadFiles(rules_dir, diag); !s.ok()) return s;
  return std::shared_ptr<const NameTables>(std::move(tables));
}

StatusOr<std::shared_ptr<const NameTables>> NameTables::Load(
    const std::string& rules_dir, std::shared_ptr<const Extractor> extractor, Diagnostics* diag) {
  std::shared_ptr<NameTables> tables(new NameTables());
  const Extractor* raw = extractor.get();
  tables->indicators_ = raw->Indicators();
  tables->indicator_id_ = [raw](std::string_view phrase) { return raw->IndicatorId(phrase, ""); };
  tables->extractor_ = std::move(extractor);  // the matcher above points into it
  if (Status s = tables->LoadFiles(rules_dir, diag); !s.ok()) return s;
  return std::shared_ptr<const NameTables>(std::move(tables));
}

Status NameTables::LoadFiles(const std::string& rules_dir, Diagnostics* diag) {
  NameTables* tables = this;
  for (const auto& [name, kind] : TableKinds()) tables->values_.push_back({kind, {}});

  const std::string path = rules_dir + "/names.tsv";
  std::vector<std::string> header;
  auto rows = ReadTable(path, &header);
  if (!rows.ok()) return rows.status();
  const std::vector<std::string> expected = {"kind", "id", "plan", "name", "english", "short_forms"};
  if (header != expected) {
    diag->Error(path, 1, 1, "header must be: kind id plan name english short_forms");
    return Status::InvalidInput(path + ": bad header");
  }
  for (const TableRow& row : *rows) {
    std::vector<std::string> cells = row.cells;
    cells.resize(expected.size());
    auto kind = std::find_if(TableKinds().begin(), TableKinds().end(),
                             [&](const auto& k) { return k.first == cells[0]; });
    if (kind == TableKinds().end() || cells[1].empty() || cells[3].empty()) {
      diag->Error(path, row.line, 1,
                  "expected: plan|domain|block|value_kind|document_kind|period, id, plan, name, "
                  "english, short forms");
      continue;
    }
    NamedValue value{cells[1], cells[2], cells[3], cells[4], SplitCommas(cells[5])};
    tables->values_[kind - TableKinds().begin()].second.push_back(std::move(value));
  }
  if (diag->has_errors()) return Status::InvalidInput(path + ": bad rows");

  auto regions = LoadRegionNames(rules_dir, diag);
  if (!regions.ok()) return regions.status();
  tables->regions_ = std::move(*regions);
  prepared_ = Prepare();
  return Status::Ok();
}

std::shared_ptr<const names_internal::PreparedNames> NameTables::Prepare() const {
  using names_internal::StripRegionSuffix;
  auto p = std::make_shared<names_internal::PreparedNames>();
  for (const auto& [kind, rows] : values_) {
    for (const NamedValue& v : rows) {
      std::vector<std::string> names = {v.id, v.name, v.english};
      names.insert(names.end(), v.short_forms.begin(), v.short_forms.end());
      p->fixed[static_cast<int>(kind)].Add(v.id, v.id, names);
      if (kind == NameKind::kDomain) p->domains_by_plan[v.plan].Add(v.id, v.id, names);
    }
  }
  for (const IndicatorInfo& info : indicators_) {
    p->indicators.Add(info.id, info.id, {info.id, info.name, info.label});
  }
  for (const RegionName& r : regions_) {
    NameKind level = !r.region.district.empty() ? NameKind::kDistrict
                     : !r.region.city.empty()   ? NameKind::kCity
                                                : NameKind::kProvince;
    const std::string& full = r.names.front();
    std::vector<std::string> names = r.names;
    if (std::string stem = StripRegionSuffix(full); !stem.empty()) names.push_back(stem);
    std::string where = r.region.province;
    if (level == NameKind::kDistrict && r.region.city != r.region.province) where += r.region.city;
    std::string label = level == NameKind::kProvince ? full : full + " (" + where + ")";
    p->places[static_cast<int>(level)].Add(full, label, names);
    auto& all = p->place_names[{static_cast<int>(level), full}];
    all.insert(all.end(), names.begin(), names.end());
  }
  return p;
}

const std::vector<NamedValue>& NameTables::Values(NameKind kind) const {
  static const std::vector<NamedValue> kNone;
  for (const auto& [k, rows] : values_) {
    if (k == kind) return rows;
  }
  return kNone;
}

std::vector<std::string> NameTables::DomainOrder() const {
  std::vector<std::string> out;
  for (const NamedValue& d : Values(NameKind::kDomain)) out.push_back(d.id);
  return out;
}

std::string NameTables::IndicatorId(std::string_view phrase) const {
  return indicator_id_ ? indicator_id_(phrase) : "";
}

}  // namespace guihua
