// A `compare targets` request in the names a user typed, made into what CompareTargets takes: the
// scope as ids, and the reference plan of --against (an indexed document, else a plan file read
// now). The one place for the CLI, the server (indexed references only) and the Python module.
#ifndef GUIHUA_COMPARE_REQUEST_H_
#define GUIHUA_COMPARE_REQUEST_H_

#include <functional>
#include <string>

#include "common/diagnostics.h"
#include "common/status.h"
#include "compare/compare.h"
#include "ingest/ingest.h"
#include "names/names.h"

namespace guihua {

// The names of `scope` as the ids of `options` (NameResolver::ResolveScope: indicators, plan,
// domain, districts or documents); the resolver's one-line error, with the nearest names, else.
// A target table is of plans: a district (or none: all) stands for its plans, not its reports or
// texts; a document named by its id is kept whatever its kind.
Status ResolveTableScope(const NameResolver& names, TableScope scope, TargetTableOptions* options);

// Where a reference may come from.
struct ReferenceSources {
  const NameResolver* names = nullptr;  // over `index`
  const IndexReader* index = nullptr;
  // The stages a plan file is read with, asked for only when `against` names no indexed document
  // and is a file (so that a caller loads the structure rules only then). Empty: files are not
  // references (the server: no URL reaches the file system). An error is returned as is.
  std::function<StatusOr<PlanStages>()> file_stages;
  ReadOptions read;
};

// The reference `against` names for the table `table` (its ids resolved): a document named by its
// id or file, whatever its kind; a district's one plan (NameResolver::ReferencePlan: of the
// table's plan type when the district has a women's and a children's plan); else a plan file. A
// file's layout, heading and number warnings go to `diag`; its errors are "FILE: message". A name
// that is neither is the resolver's one-line error (with the nearest names).
StatusOr<Reference> ResolveReference(const std::string& against, const TargetTableOptions& table,
                                     const ReferenceSources& sources, Diagnostics* diag);

// The plan ("women"/"children") a resolved table is about: its plan, its domain's, else the one
// plan all its indicators belong to; "" when that is not one.
std::string TablePlan(const TargetTableOptions& table, const std::vector<IndicatorInfo>& dictionary);

// The reference column of an indexed document, and of a plan just read.
Reference ReferenceFromIndex(const IndexReader& index, const IndexedFile& file);
Reference ReferenceFromPlan(const Document& doc, const std::vector<Target>& targets);

}  // namespace guihua

#endif  // GUIHUA_COMPARE_REQUEST_H_
