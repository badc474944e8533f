// The names of a target table request resolved, and its reference (an indexed document, or a plan
// file read on the spot): here, so that the CLI, the server and the Python module ask the same.
#include "compare/request.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace guihua {

Status ResolveTableScope(const NameResolver& names, TableScope scope, TargetTableOptions* options) {
  if (Status s = names.ResolveScope(&scope, "plan"); !s.ok()) return s;
  options->indicators = std::move(scope.indicators);
  options->plan = std::move(scope.plan);
  options->domain = std::move(scope.domain);
  options->documents = std::move(scope.documents);
  return Status::Ok();
}

Reference ReferenceFromIndex(const IndexReader& index, const IndexedFile& f) {
  return {{f.document, f.region.province, f.region.city, f.region.district, f.period},
          index.Targets(f.document)};
}

Reference ReferenceFromPlan(const Document& doc, const std::vector<Target>& targets) {
  Reference reference{{doc.id, doc.region.province, doc.region.city, doc.region.district, doc.period},
                      {}};
  reference.target_json.reserve(targets.size());
  for (const Target& t : targets) reference.target_json.push_back(TargetRecordJson(doc, t));
  return reference;
}

std::string TablePlan(const TargetTableOptions& table, const std::vector<IndicatorInfo>& dictionary) {
  if (!table.plan.empty()) return table.plan;
  if (!table.domain.empty()) return table.domain.substr(0, table.domain.find('.'));
  std::set<std::string> plans;
  for (const IndicatorInfo& info : dictionary) {
    bool asked = std::find(table.indicators.begin(), table.indicators.end(), info.id) != table.indicators.end();
    if (asked && info.plan != "both") plans.insert(info.plan);
  }
  return plans.size() == 1 ? *plans.begin() : "";
}

StatusOr<Reference> ResolveReference(const std::string& against, const TargetTableOptions& table,
                                     const ReferenceSources& sources, Diagnostics* diag) {
  auto indexed = sources.names->ReferencePlan(
      against, TablePlan(table, sources.names->tables().indicators()));
  if (indexed.ok()) return ReferenceFromIndex(*sources.index, *indexed);
  std::error_code ec;
  if (!sources.file_stages || !std::filesystem::is_regular_file(against, ec)) return indexed.status();
  auto stages = sources.file_stages();
  if (!stages.ok()) return stages.status();
  auto plan = ReadPlan(*stages, against, diag, sources.read);
  if (!plan.ok()) return Status(plan.status().code(), against + ": " + plan.status().message());
  // Numbers that cannot be read, after the file's other warnings, as extract shows them.
  diag->Append(plan->extract_warnings);
  return ReferenceFromPlan(plan->document, plan->targets);
}

}  // namespace guihua
