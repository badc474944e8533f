// Sidecars: FILE.meta.json beside a file (corpus/x.txt → corpus/x.meta.json) says what the file's
// text does not (title, kind, region, period, issuer, date, year); its fields override the inferred
// ones. Schema: docs/document.md.
#ifndef GUIHUA_STRUCTURE_INTERNAL_SIDECAR_H_
#define GUIHUA_STRUCTURE_INTERNAL_SIDECAR_H_

#include <string>

#include "common/status.h"
#include "structure/document.h"
#include "structure/internal/region_gazetteer.h"

namespace guihua::internal {

// The sidecar's path for `path` ("" for standard input).
std::string SidecarPath(const std::string& path);

// Applies the sidecar at `sidecar` (if the file exists) to `doc`. A sidecar that does not parse,
// has a field of the wrong type or names a region the gazetteer does not know is InvalidInput
// whose message names the sidecar: "x.meta.json: unknown region 江苏省/某市".
Status ApplySidecar(const std::string& sidecar, const RegionGazetteer& gazetteer, Document* doc);

}  // namespace guihua::internal

#endif  // GUIHUA_STRUCTURE_INTERNAL_SIDECAR_H_
