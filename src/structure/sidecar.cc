// Sidecars (FILE.meta.json): read with nlohmann::json, checked field by field and against the region
// gazetteer, then laid over what the structure stage inferred.
#include "structure/internal/sidecar.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "read/read.h"

namespace guihua::internal {
namespace {

using nlohmann::json;

bool KnownRegion(const RegionGazetteer& gazetteer, const Region& r) {
  for (const auto& e : gazetteer.entries()) {
    if (e.region.province == r.province && e.region.city == r.city &&
        e.region.district == r.district) {
      return true;
    }
  }
  return false;
}

// Sets `out` from j[key] when present; false when it has the wrong type.
template <typename T>
bool Field(const json& j, const char* key, T* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return false;
  } else {
    if (!it->is_number_integer()) return false;
  }
  *out = it->get<T>();
  return true;
}

Status Apply(const json& j, const RegionGazetteer& gazetteer, Document* doc) {
  if (!j.is_object()) return Status::InvalidInput("not a JSON object");
  std::string title, kind;
  Region region = doc->region;
  bool ok = Field(j, "title", &title) && Field(j, "kind", &kind) &&
            Field(j, "issuer", &doc->issuer) && Field(j, "date", &doc->date) &&
            Field(j, "year", &doc->year);
  if (auto r = j.find("region"); ok && r != j.end() && !r->is_null()) {
    ok = r->is_object();
    if (ok) region = {};
    ok = ok && Field(*r, "province", &region.province) && Field(*r, "city", &region.city) &&
         Field(*r, "district", &region.district);
  }
  if (auto p = j.find("period"); ok && p != j.end() && !p->is_null()) {
    ok = p->is_object() && Field(*p, "start", &doc->period.start) && Field(*p, "end", &doc->period.end);
  }
  if (!ok) return Status::InvalidInput("a field has the wrong type (see docs/document.md)");
  if (!kind.empty() && !ParseDocumentKind(kind, &doc->kind)) {
    return Status::InvalidInput("unknown kind '" + kind + "' (plan, report or text)");
  }
  if (!KnownRegion(gazetteer, region) && !(region.province.empty() && region.city.empty())) {
    return Status::InvalidInput("unknown region " + region.province + "/" + region.city + "/" +
                                region.district + " (rules/regions.tsv)");
  }
  doc->region = region;
  if (!title.empty()) {
    if (doc->kind == DocumentKind::kPlan) {
      for (Plan& plan : doc->plans) {
        if (plan.title.empty() && plan.kind != PlanKind::kNone) plan.title = title;
      }
    } else {
      doc->about = title;
    }
  }
  return Status::Ok();
}

}  // namespace

std::string SidecarPath(const std::string& path) {
  if (path == kStandardInput) return "";
  std::filesystem::path p(path);
  return (p.parent_path() / (p.stem().string() + ".meta.json")).string();
}

Status ApplySidecar(const std::string& sidecar, const RegionGazetteer& gazetteer, Document* doc) {
  std::error_code ec;
  if (sidecar.empty() || !std::filesystem::is_regular_file(sidecar, ec)) return Status::Ok();
  std::ifstream in(sidecar, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  json j = json::parse(bytes.str(), nullptr, false);
  Status s = j.is_discarded() ? Status::InvalidInput("not valid JSON") : Apply(j, gazetteer, doc);
  if (!s.ok()) return Status::InvalidInput(sidecar + ": " + s.message());
  return Status::Ok();
}

}  // namespace guihua::internal
