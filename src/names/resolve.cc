// NameResolver: a name as typed → the canonical value the index and the dictionary hold, or a
// one-line error with the nearest names. Regions, periods and documents are resolved against the
// index's files when there is an index, so that a name is never accepted only to match nothing.
#include <algorithm>
#include <set>

#include "extract/target_record.h"
#include "names/internal/match.h"
#include "names/names.h"

namespace guihua {

using names_internal::CommaList;
using names_internal::Fold;
using names_internal::OrList;
using names_internal::UnknownMessage;
using names_internal::Vocabulary;

namespace {

// The index's hint of where a fixed kind's names are listed.
std::string ListingHint(NameKind kind) {
  switch (kind) {
    case NameKind::kIndicator: return "`guihua indicators` lists them";
    case NameKind::kDomain: return "`guihua domains` lists them";
    case NameKind::kDocument: return "`guihua documents` lists them";
    default: return "";
  }
}

const std::string& LevelName(const Region& region, NameKind level) {
  return level == NameKind::kDistrict ? region.district
         : level == NameKind::kCity   ? region.city
                                      : region.province;
}

std::vector<std::string> Labels(const Vocabulary& v, const std::vector<size_t>& found) {
  std::vector<std::string> out;
  for (size_t i : found) out.push_back(v.label(i));
  return out;
}

// The distinct values of `found`; one means the name is settled.
std::set<std::string> Values(const Vocabulary& v, const std::vector<size_t>& found) {
  std::set<std::string> out;
  for (size_t i : found) out.insert(v.value(i));
  return out;
}

Status Ambiguous(NameKind kind, std::string_view name, const std::vector<std::string>& labels) {
  return Status::InvalidInput(std::string(NameKindName(kind)) + " '" + std::string(name) +
                              "' could be " + OrList(labels) + "; name one");
}

std::vector<std::string> SplitCommas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    for (size_t start = 0; start <= v.size();) {
      size_t cut = std::min(v.find(',', start), v.size());
      if (cut > start) out.push_back(v.substr(start, cut - start));
      start = cut + 1;
    }
  }
  return out;
}

}  // namespace

std::string UnknownNameMessage(std::string_view kind, std::string_view name,
                               const std::vector<std::string>& names, std::string_view hint) {
  Vocabulary v;
  for (const std::string& n : names) v.Add(n, n, {n});
  return UnknownMessage(kind, name, v.Nearest(Fold(name)), hint);
}

NameResolver::NameResolver(std::shared_ptr<const NameTables> tables, const IndexReader* index)
    : tables_(std::move(tables)), index_(index), has_index_(index != nullptr) {}

NameResolver::NameResolver(std::shared_ptr<const NameTables> tables, std::vector<IndexedFile> files)
    : tables_(std::move(tables)), has_index_(true), files_(std::move(files)) {}

const std::vector<IndexedFile>& NameResolver::Files() const {
  if (!files_) files_ = index_ != nullptr ? index_->Files() : std::vector<IndexedFile>{};
  return *files_;
}

StatusOr<std::string> NameResolver::Resolve(NameKind kind, std::string_view name,
                                            std::string_view plan) const {
  if (Fold(name).empty()) return Status::InvalidInput(std::string("empty ") + NameKindName(kind));
  switch (kind) {
    case NameKind::kIndicator: return ResolveIndicator(name);
    case NameKind::kProvince:
    case NameKind::kCity:
    case NameKind::kDistrict: return ResolveRegion(kind, name);
    case NameKind::kPeriod: return ResolvePeriod(name);
    case NameKind::kDocument: {
      auto file = Document(name);
      if (!file.ok()) return file.status();
      return file->document;
    }
    default: return ResolveFixed(kind, name, plan);
  }
}

StatusOr<std::string> NameResolver::ResolveFixed(NameKind kind, std::string_view name,
                                                 std::string_view plan) const {
  const names_internal::PreparedNames& p = *tables_->prepared_;
  const std::string folded = Fold(name);
  const Vocabulary& all = p.fixed.at(static_cast<int>(kind));
  const Vocabulary* v = &all;
  if (kind == NameKind::kDomain && !plan.empty() && p.domains_by_plan.count(std::string(plan))) {
    v = &p.domains_by_plan.at(std::string(plan));
  }
  std::vector<size_t> found = v->Find(folded);
  if (Values(*v, found).size() == 1) return v->value(found.front());
  if (!found.empty()) return Ambiguous(kind, name, Labels(*v, found));
  if (v != &all && !all.Find(folded).empty()) {
    return Status::InvalidInput(std::string(NameKindName(kind)) + " '" + std::string(name) +
                                "' is not one of the " + std::string(plan) + " plan's");
  }
  std::string hint = ListingHint(kind);
  if (hint.empty()) hint = "use " + OrList(all.Labels(), 16);
  return Status::InvalidInput(UnknownMessage(NameKindName(kind), name, v->Nearest(folded), hint));
}

StatusOr<std::string> NameResolver::ResolveIndicator(std::string_view name) const {
  const Vocabulary& v = tables_->prepared_->indicators;
  const std::string folded = Fold(name);
  std::vector<size_t> found = v.Find(folded);
  if (Values(v, found).size() == 1) return v.value(found.front());
  if (!found.empty()) return Ambiguous(NameKind::kIndicator, name, Labels(v, found));
  // Any printed form the dictionary's variants recognize (学前三年毛入园率 …).
  if (std::string id = tables_->IndicatorId(name); !id.empty()) return id;
  return Status::InvalidInput(UnknownMessage("indicator", name, v.Nearest(folded),
                                             ListingHint(NameKind::kIndicator)));
}

StatusOr<std::string> NameResolver::ResolveRegion(NameKind kind, std::string_view name) const {
  const names_internal::PreparedNames& p = *tables_->prepared_;
  const Vocabulary& places = p.places.at(static_cast<int>(kind));
  const std::string folded = Fold(name);
  const char* what = NameKindName(kind);
  if (!has_index_) {
    std::vector<size_t> found = places.Find(folded);
    if (Values(places, found).size() == 1) return places.value(found.front());
    if (!found.empty()) return Ambiguous(kind, name, Labels(places, found));
    return Status::InvalidInput(UnknownMessage(what, name, places.Nearest(folded), ""));
  }
  // The places of this level the index holds, each with its gazetteer names.
  Vocabulary held;
  std::set<std::string> seen;
  for (const IndexedFile& f : Files()) {
    const std::string& full = LevelName(f.region, kind);
    if (full.empty() || !seen.insert(full).second) continue;
    std::vector<std::string> names = {full, names_internal::StripRegionSuffix(full)};
    auto known = p.place_names.find({static_cast<int>(kind), full});
    if (known != p.place_names.end()) names.insert(names.end(), known->second.begin(), known->second.end());
    held.Add(full, full, names);
  }
  std::vector<size_t> found = held.Find(folded);
  if (Values(held, found).size() == 1) return held.value(found.front());
  if (!found.empty()) return Ambiguous(kind, name, Labels(held, found));
  std::string holds = held.size() == 0 ? std::string("no indexed plan names a ") + what
                                       : "the index holds " + CommaList(held.Labels());
  // A real place the index has no plan of: say so rather than offer a near name.
  std::set<std::string> real = Values(places, places.Find(folded));
  if (!real.empty()) {
    return Status::InvalidInput(std::string(what) + " '" + std::string(name) + "'" +
                                (real.size() == 1 && *real.begin() != name ? " (" + *real.begin() + ")" : "") +
                                " has no plan in the index (" + holds + ")");
  }
  return Status::InvalidInput(UnknownMessage(what, name, held.Nearest(folded), holds));
}

StatusOr<std::string> NameResolver::ResolvePeriod(std::string_view name) const {
  const std::string folded = Fold(name);
  std::optional<std::string> period = names_internal::ParsePeriod(folded);
  if (!period) {
    const Vocabulary& named = tables_->prepared_->fixed.at(static_cast<int>(NameKind::kPeriod));
    std::vector<size_t> found = named.Find(folded);
    if (found.empty()) {
      return Status::InvalidInput("unknown period '" + std::string(name) +
                                  "' (write it as 2021-2030, 2021—2030年 or 十四五)");
    }
    period = named.value(found.front());
  }
  if (!has_index_) return *period;
  std::set<std::string> held;
  for (const IndexedFile& f : Files()) {
    if (f.period.start > 0) held.insert(std::to_string(f.period.start) + "-" + std::to_string(f.period.end));
  }
  if (held.count(*period)) return *period;
  std::string holds = held.empty() ? "no indexed plan states its period"
                                   : "the index holds " + CommaList({held.begin(), held.end()});
  return Status::InvalidInput("no plan in the index has period " + *period + " (" + holds + ")");
}

const IndexedFile* NameResolver::NamedFile(std::string_view name) const {
  const std::string folded = Fold(name);
  for (const IndexedFile& f : Files()) {
    if (f.document == name || f.file == name || Fold(f.document) == folded) return &f;
  }
  return nullptr;
}

StatusOr<std::vector<IndexedFile>> NameResolver::DistrictDocuments(std::string_view name,
                                                                   const std::string& district,
                                                                   std::string_view kind) const {
  std::vector<IndexedFile> out;
  std::vector<std::string> others;  // "report beiguan-women-2021"
  for (const IndexedFile& f : Files()) {
    if (f.region.district != district) continue;
    // An index of an earlier ingest has no kinds: every file then counts.
    if (kind.empty() || f.kind.empty() || f.kind == kind) {
      out.push_back(f);
    } else {
      others.push_back(f.kind + " " + f.document);
    }
  }
  if (!out.empty() || kind.empty()) return out;
  return Status::InvalidInput("district '" + std::string(name) + "' has no " + std::string(kind) +
                              " in the index (it holds " + CommaList(others) +
                              "); name a document by its id");
}

StatusOr<std::vector<IndexedFile>> NameResolver::Documents(std::string_view name,
                                                           std::string_view kind) const {
  if (const IndexedFile* f = NamedFile(name)) return std::vector{*f};
  auto district = ResolveRegion(NameKind::kDistrict, name);
  if (district.ok()) return DistrictDocuments(name, *district, kind);
  if (district.status().message().rfind("unknown ", 0) != 0) return district.status();
  // Neither: the nearest document ids and districts.
  Vocabulary near;
  for (const IndexedFile& f : Files()) {
    near.Add(f.document, f.document, {f.document});
    if (!f.region.district.empty()) {
      near.Add(f.region.district, f.region.district,
               {f.region.district, names_internal::StripRegionSuffix(f.region.district)});
    }
  }
  return Status::InvalidInput(UnknownMessage("document or district", name, near.Nearest(Fold(name)),
                                             ListingHint(NameKind::kDocument)));
}

StatusOr<IndexedFile> NameResolver::Document(std::string_view name) const {
  auto files = Documents(name);
  if (!files.ok()) return files.status();
  if (files->size() == 1) return files->front();
  std::vector<std::string> ids;
  for (const IndexedFile& f : *files) ids.push_back(f.document);
  return Status::InvalidInput("district '" + std::string(name) + "' has " +
                              std::to_string(files->size()) + " documents, name one: " +
                              CommaList(ids));
}

bool NameResolver::HoldsPlan(const IndexedFile& file, std::string_view plan) const {
  if (index_ == nullptr) return true;  // a resolver over a list of files cannot tell
  for (const std::string& line : index_->Targets(file.document)) {
    auto record = ReadTargetRecord(line);
    if (record && record->plan == plan) return true;
  }
  return false;
}

StatusOr<IndexedFile> NameResolver::ReferencePlan(std::string_view name, std::string_view plan) const {
  if (const IndexedFile* f = NamedFile(name)) return *f;
  auto files = Documents(name, "plan");
  if (!files.ok()) return files.status();
  if (files->size() > 1 && !plan.empty()) {
    std::vector<IndexedFile> holding;
    for (const IndexedFile& f : *files) {
      if (HoldsPlan(f, plan)) holding.push_back(f);
    }
    if (!holding.empty()) *files = std::move(holding);
  }
  if (files->size() == 1) return files->front();
  std::vector<std::string> ids;
  for (const IndexedFile& f : *files) ids.push_back(f.document);
  return Status::InvalidInput("district '" + std::string(name) + "' has " +
                              std::to_string(files->size()) + " " +
                              (plan.empty() ? "" : std::string(plan) + " ") + "plans, name one: " +
                              CommaList(ids));
}

StatusOr<std::vector<std::string>> NameResolver::DocumentIds(const std::vector<std::string>& names,
                                                            std::string_view kind) const {
  std::set<std::string> wanted;
  for (const std::string& name : names) {
    auto files = Documents(name, kind);
    if (!files.ok()) return files.status();
    for (const IndexedFile& f : *files) wanted.insert(f.document);
  }
  std::vector<std::string> out;
  for (const IndexedFile& f : Files()) {
    // No name: every document (an empty list), or every one of `kind`.
    bool all_of_kind = names.empty() && !kind.empty() && (f.kind.empty() || f.kind == kind);
    if (wanted.count(f.document) || all_of_kind) out.push_back(f.document);
  }
  return out;
}

StatusOr<std::vector<std::string>> NameResolver::ResolveAll(NameKind kind,
                                                           const std::vector<std::string>& names,
                                                           std::string_view plan) const {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    auto resolved = Resolve(kind, name, plan);
    if (!resolved.ok()) return resolved.status();
    out.push_back(std::move(*resolved));
  }
  return out;
}

Status NameResolver::ResolveScope(TableScope* scope, std::string_view document_kind) const {
  auto indicators = ResolveAll(NameKind::kIndicator, SplitCommas(scope->indicators));
  if (!indicators.ok()) return indicators.status();
  scope->indicators = std::move(*indicators);
  // The plan first: it settles a domain's short form (健康) that both plans have.
  for (auto [field, kind] : {std::pair{&scope->plan, NameKind::kPlan}, {&scope->domain, NameKind::kDomain}}) {
    if (field->empty()) continue;
    auto id = Resolve(kind, *field, scope->plan);
    if (!id.ok()) return id.status();
    *field = std::move(*id);
  }
  auto documents = DocumentIds(SplitCommas(scope->documents), document_kind);
  if (!documents.ok()) return documents.status();
  scope->documents = std::move(*documents);
  return Status::Ok();
}

Status NameResolver::ResolveFilters(SearchFilters* filters) const {
  // The plan first: it settles a domain's short form (健康) that both plans have.
  static const std::pair<std::string SearchFilters::*, NameKind> kFields[] = {
      {&SearchFilters::plan, NameKind::kPlan},         {&SearchFilters::kind, NameKind::kDocumentKind},
      {&SearchFilters::province, NameKind::kProvince},
      {&SearchFilters::city, NameKind::kCity},         {&SearchFilters::district, NameKind::kDistrict},
      {&SearchFilters::domain, NameKind::kDomain},     {&SearchFilters::block, NameKind::kBlock},
      {&SearchFilters::indicator, NameKind::kIndicator}, {&SearchFilters::period, NameKind::kPeriod},
      {&SearchFilters::document, NameKind::kDocument}};
  for (const auto& [field, kind] : kFields) {
    std::string& value = filters->*field;
    if (value.empty()) continue;
    auto resolved = Resolve(kind, value, kind == NameKind::kDomain ? filters->plan : "");
    if (!resolved.ok()) return resolved.status();
    value = std::move(*resolved);
  }
  return Status::Ok();
}

}  // namespace guihua
