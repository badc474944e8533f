// Names a user types — in options, in the query language (district:北关) and in API parameters —
// resolved to what the dictionary and the index hold: an indicator or domain id, a region's full
// name, a plan, block or kind id, a period "2021-2030", a document id. One resolver serves every
// command and the server; a name that names nothing is an error with the nearest names.
#ifndef GUIHUA_NAMES_NAMES_H_
#define GUIHUA_NAMES_NAMES_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "extract/extract.h"
#include "index/index.h"
#include "structure/regions.h"

namespace guihua {

namespace names_internal {
struct PreparedNames;
}

enum class NameKind {
  kIndicator, kDomain, kProvince, kCity, kDistrict, kPlan, kBlock,
  kValueKind,     // target, baseline, direction, actual, change
  kDocumentKind,  // plan, report, text
  kPeriod, kDocument,
};
// "indicator", "domain", "province", …, "value kind", "document kind", "period", "document".
const char* NameKindName(NameKind kind);

// "unknown KIND 'NAME'; did you mean X?" with the nearest of `names` (a mistyped command, field
// or name), else "unknown KIND 'NAME'" and " (HINT)" when a hint is given.
std::string UnknownNameMessage(std::string_view kind, std::string_view name,
                               const std::vector<std::string>& names, std::string_view hint = "");

// One row of a fixed vocabulary of rules/names.tsv (a plan, domain, block, kind or named period).
struct NamedValue {
  std::string id, plan, name, english;  // plan: a domain's plan, "" otherwise
  std::vector<std::string> short_forms;
};

// What the rules name: the indicator dictionary, rules/names.tsv and the region gazetteer. Loaded
// once; shared by the resolvers of every request.
class NameTables {
 public:
  // `indicator_id` finds a dictionary id from any printed form of an indicator (the dictionary's
  // variants: Extractor::IndicatorId); may be empty. Row errors go to `diag`.
  static StatusOr<std::shared_ptr<const NameTables>> Load(
      const std::string& rules_dir, std::vector<IndicatorInfo> dictionary,
      std::function<std::string(std::string_view)> indicator_id, Diagnostics* diag);
  // The same with the dictionary and variants of `extractor`, which the tables keep alive.
  static StatusOr<std::shared_ptr<const NameTables>> Load(const std::string& rules_dir,
                                                          std::shared_ptr<const Extractor> extractor,
                                                          Diagnostics* diag);

  const std::vector<IndicatorInfo>& indicators() const { return indicators_; }
  // The rows of one fixed vocabulary in file order (domains in the order of the plans); empty for
  // the kinds that are not fixed (indicator, regions, document).
  const std::vector<NamedValue>& Values(NameKind kind) const;
  // Domain ids in the order rules/names.tsv lists them (the order of the plans): the order tables
  // show domains in (TargetTableOptions::domain_order).
  std::vector<std::string> DomainOrder() const;
  const std::vector<RegionName>& regions() const { return regions_; }
  // The dictionary id of an indicator phrase, "" when none.
  std::string IndicatorId(std::string_view phrase) const;

 private:
  NameTables() = default;
  // rules/names.tsv and rules/regions.tsv.
  Status LoadFiles(const std::string& rules_dir, Diagnostics* diag);
  std::shared_ptr<const names_internal::PreparedNames> Prepare() const;
  std::vector<IndicatorInfo> indicators_;
  std::vector<std::pair<NameKind, std::vector<NamedValue>>> values_;
  std::vector<RegionName> regions_;
  std::function<std::string(std::string_view)> indicator_id_;
  std::shared_ptr<const Extractor> extractor_;
  // Every name above folded once, at load (internal/match.h).
  std::shared_ptr<const names_internal::PreparedNames> prepared_;
  friend class NameResolver;
};

// What a table command (compare targets, progress) is asked about, in the names a user typed;
// NameResolver::ResolveScope makes them the ids the compare and progress stages take.
struct TableScope {
  std::vector<std::string> indicators;  // names; ids once resolved
  std::string plan, domain;             // names; ids once resolved ("" for all)
  std::vector<std::string> documents;   // districts or documents; document ids once resolved
};

// Resolves names against the tables and, for regions, periods and documents, against what an
// index holds. Cheap to make (one per request); not for sharing between threads.
class NameResolver {
 public:
  // `index` may be null: regions then resolve against the gazetteer alone, and periods and
  // documents are not checked. Its files are read once, at the first name that needs them.
  NameResolver(std::shared_ptr<const NameTables> tables, const IndexReader* index);
  // The same over a given list of files (tests, or a caller that has them already).
  NameResolver(std::shared_ptr<const NameTables> tables, std::vector<IndexedFile> files);

  // The canonical value `name` names: an id (indicator, domain, plan, block, kinds), a full region
  // name (北关 → 北关区), "2021-2030" (2021—2030, 2021-2030年, 十四五 → 2021-2025) or a document id.
  // `plan` ("women"/"children"/"") settles a domain's short form that both plans have (健康).
  // InvalidInput, one line, otherwise: "unknown domain 'children.famly'; did you mean
  // children.family?", "district '南关' could be …; name one", "district '朝阳区' has no plan in the
  // index (it holds …)".
  StatusOr<std::string> Resolve(NameKind kind, std::string_view name,
                                std::string_view plan = "") const;

  // The indexed files `name` denotes: a document id, a file as ingested, or a district (all its
  // documents, or those of `kind` as DocumentIds says), in index order.
  StatusOr<std::vector<IndexedFile>> Documents(std::string_view name, std::string_view kind = "") const;
  // The one indexed file `name` denotes; a district with several is an error listing them.
  StatusOr<IndexedFile> Document(std::string_view name) const;
  // The documents of every name (as Documents), each once, in index order. With `kind` ("plan"),
  // a district stands for its documents of that kind (an index of an earlier ingest, kind "",
  // counts as any); a document named by id or file is kept whatever its kind; a district with none
  // is an error saying what it holds.
  StatusOr<std::vector<std::string>> DocumentIds(const std::vector<std::string>& names,
                                                 std::string_view kind = "") const;
  // The one plan a reference (compare targets --against, a side of diff) denotes: a document named
  // by id or file, whatever its kind (a report only so); else the plans of a district (never its
  // reports or texts), those holding `plan` ("women"/"children") when it has one of each. Several
  // left: an error listing their ids; none: an error saying what the district holds.
  StatusOr<IndexedFile> ReferencePlan(std::string_view name, std::string_view plan = "") const;
  // Resolve() of each name, in order.
  StatusOr<std::vector<std::string>> ResolveAll(NameKind kind, const std::vector<std::string>& names,
                                                std::string_view plan = "") const;

  // Every name of `scope` replaced by its id, in place: the indicators, the plan, the domain
  // (settled by the plan) and the districts or documents (DocumentIds). An entry of a list may
  // hold several names separated by commas (北关,南开), as options and URL parameters give them.
  // `document_kind` "plan": a table of plans (compare targets), where a district, and no district
  // (all), stand for the plans only; "": every document (progress joins plans with reports).
  Status ResolveScope(TableScope* scope, std::string_view document_kind = "") const;

  // Every name-valued filter of `filters` (not year and value; kind is the document kind) replaced
  // by its canonical value;
  // the plan first, so that it can settle the domain.
  Status ResolveFilters(SearchFilters* filters) const;

  const NameTables& tables() const { return *tables_; }

 private:
  const std::vector<IndexedFile>& Files() const;
  // The file `name` names by its document id or its path as ingested, if any.
  const IndexedFile* NamedFile(std::string_view name) const;
  // The documents of district `district` of `kind` (any when ""), an error when it has none.
  StatusOr<std::vector<IndexedFile>> DistrictDocuments(std::string_view name, const std::string& district,
                                                       std::string_view kind) const;
  // Whether the indexed document holds targets of `plan` (read from its target records).
  bool HoldsPlan(const IndexedFile& file, std::string_view plan) const;
  StatusOr<std::string> ResolveFixed(NameKind kind, std::string_view name,
                                     std::string_view plan) const;
  StatusOr<std::string> ResolveIndicator(std::string_view name) const;
  StatusOr<std::string> ResolveRegion(NameKind kind, std::string_view name) const;
  StatusOr<std::string> ResolvePeriod(std::string_view name) const;

  std::shared_ptr<const NameTables> tables_;
  const IndexReader* index_ = nullptr;
  bool has_index_ = false;
  mutable std::optional<std::vector<IndexedFile>> files_;
};

}  // namespace guihua

#endif  // GUIHUA_NAMES_NAMES_H_
