// Rendering of search hits, snippets, facets and index statistics.
#include "render/search_results.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "common/json_out.h"
#include "common/utf8.h"
#include "extract/target_record.h"
#include "render/text_table.h"

namespace guihua {
namespace {

using nlohmann::json;

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Byte offset `chars` characters before or after `from` in `s`.
size_t StepBack(std::string_view s, size_t from, size_t chars) {
  while (from > 0 && chars > 0) {
    --from;
    while (from > 0 && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) --from;
    --chars;
  }
  return from;
}
size_t StepForward(std::string_view s, size_t from, size_t chars) {
  while (from < s.size() && chars > 0) {
    from += utf8::SequenceLength(static_cast<unsigned char>(s[from]));
    --chars;
  }
  return std::min(from, s.size());
}

std::string JoinSpaced(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The line under a hit whose text other items print too: "同文 5 个区县: 秀峰区 北关区 …", the
// items counted apart when a district prints it more than once; long lists cut after kShown.
std::string SameTextLine(const SearchHit& h, Lang lang) {
  constexpr size_t kShown = 10;
  const size_t districts = h.same_text_districts.size();
  if (h.same_text < 2) return "";
  std::vector<std::string> shown(h.same_text_districts.begin(),
                                 h.same_text_districts.begin() + std::min(districts, kShown));
  std::string names = JoinSpaced(shown);
  if (districts > kShown) names += Label("search.and_others", lang);
  if (static_cast<size_t>(h.same_text) == districts)
    return Label("search.same_text", lang, {std::to_string(districts), names});
  return Label("search.same_text_items", lang,
               {std::to_string(h.same_text), std::to_string(districts), names});
}

// What the first line says of the hits when same texts are collapsed.
std::string WordingsNote(const SearchResult& result, Lang lang) {
  if (!result.collapsed || (result.wordings_exact && result.wordings == result.total)) return "";
  if (!result.wordings_exact) return Label("search.collapsed", lang);
  return Label("search.wordings", lang, {std::to_string(result.wordings)});
}

}  // namespace

std::string Snippet(const SearchHit& hit, const SnippetStyle& style, size_t width) {
  const std::string& text = hit.text;
  size_t first = hit.marks.empty() ? 0 : hit.marks.front().first;
  size_t begin = hit.marks.empty() ? 0 : StepBack(text, first, width / 3);
  size_t end = StepForward(text, begin, width);
  std::string out = begin > 0 ? "…" : "";
  auto piece = [&](size_t b, size_t e) {
    std::string_view part(text.data() + b, e - b);
    out += style.escape_html ? EscapeHtml(part) : std::string(part);
  };
  size_t at = begin;
  for (const auto& [b, e] : hit.marks) {
    if (b < at || b >= end) continue;  // overlapping or outside the window
    piece(at, b);
    out += style.open;
    piece(b, std::min(e, end));
    out += style.close;
    at = std::min(e, end);
  }
  piece(at, end);
  if (end < text.size()) out += "…";
  return out;
}

// Written with JsonOut, keys in the order nlohmann::json (a std::map) wrote them before: the same
// bytes at a tenth of the instructions, which matters to the server's every search.
std::string SearchResultToJson(const SearchResult& result, const SnippetStyle& style) {
  std::string body;
  body.reserve(1024 + 1024 * result.hits.size());
  JsonOut out(&body);
  out.Open();
  if (result.collapsed) out.Key("collapsed").Bool(true);
  if (!result.facets.empty()) {
    out.Key("facets").Open();
    for (const auto& [facet, counts] : result.facets) {
      out.Key(facet).Open();
      for (const auto& [value, count] : counts) out.Key(value).Int(count);
      out.Close();
    }
    out.Close();
  }
  out.Key("hits").OpenArray();
  for (const SearchHit& h : result.hits) {
    out.Open();
    out.Key("block").String(h.block).Key("city").String(h.city);
    out.Key("district").String(h.district).Key("document").String(h.document);
    out.Key("document_kind").StringOrNull(h.document_kind);
    out.Key("domain").StringOrNull(h.domain).Key("domain_id").StringOrNull(h.domain_id);
    out.Key("end_line").Int(h.end_line).Key("file").String(h.file);
    out.Key("item").IntOrNull(h.item).Key("line").Int(h.line);
    out.Key("period").Open().Key("end").IntOrNull(h.period.end);
    out.Key("start").IntOrNull(h.period.start).Close();
    out.Key("plan").String(h.plan).Key("province").String(h.province);
    out.Key("rank").Int(h.rank);
    if (h.same_text > 0) {
      out.Key("same_text").Int(h.same_text).Key("same_text_districts").OpenArray();
      for (const std::string& d : h.same_text_districts) out.String(d);
      out.CloseArray();
    }
    out.Key("score").Double(h.score);
    out.Key("snippet").String(Snippet(h, style));
    if (!h.sort_key.empty()) out.Key("sort_key").String(h.sort_key);
    out.Key("text").String(h.text);
    out.Close();
  }
  out.CloseArray();
  out.Key("query").String(result.query).Key("total").Int(static_cast<long long>(result.total));
  out.Key("total_exact").Bool(result.total_exact);
  if (result.collapsed) {
    out.Key("wordings").Int(static_cast<long long>(result.wordings));
    out.Key("wordings_exact").Bool(result.wordings_exact);
  }
  out.Close();
  return body;
}

const std::vector<TidyColumn>& SearchHitColumns() {
  using C = TidyColumn;
  static const auto* columns = new std::vector<TidyColumn>{
      C::kDocument, C::kDocumentKind, C::kFile,     C::kProvince,  C::kCity,
      C::kDistrict, C::kPeriodStart,  C::kPeriodEnd, C::kPlan,     C::kDomain,
      C::kDomainId, C::kBlock,        C::kItem,     C::kRank,      C::kScore,
      C::kSameText, C::kSameTextDistricts, C::kText, C::kLine,     C::kEndLine};
  return *columns;
}

void WriteSearchHits(const std::vector<SearchHit>& hits, TidyWriter& writer) {
  using C = TidyColumn;
  for (const SearchHit& h : hits) {
    TidyRow row;
    row.Set(C::kDocument, h.document).Set(C::kDocumentKind, h.document_kind).Set(C::kFile, h.file);
    SetRegionColumns({h.province, h.city, h.district}, &row);
    SetPeriodColumns(h.period, &row);
    row.Set(C::kPlan, h.plan).Set(C::kDomain, h.domain).Set(C::kDomainId, h.domain_id);
    row.Set(C::kBlock, h.block).SetPositive(C::kItem, h.item);
    row.SetInteger(C::kRank, h.rank).Set(C::kScore, h.score);
    row.SetPositive(C::kSameText, h.same_text).Set(C::kSameTextDistricts, JoinSpaced(h.same_text_districts));
    row.Set(C::kText, h.text).SetPositive(C::kLine, h.line).SetPositive(C::kEndLine, h.end_line);
    writer.Write(row);
  }
}

std::string SearchResultToText(const SearchResult& result, const SnippetStyle& style, Lang lang) {
  std::string id = std::string(result.total == 1 ? "search.match" : "search.matches") +
                   (result.total_exact ? "" : "_at_least");
  std::string out = Label(id, lang, {std::to_string(result.total),
                                     result.query.empty() ? Label("search.the_filters", lang) : result.query}) +
                    WordingsNote(result, lang) +
                    "\n";
  for (const SearchHit& h : result.hits) {
    std::string where = h.district + " · " + ValueLabel("plan", h.plan, lang);
    if (!h.domain.empty()) where += " · " + h.domain;
    where += " · " + ValueLabel("block", h.block, lang) + (h.item ? " " + std::to_string(h.item) : "");
    std::string period;
    if (h.period.start || h.period.end) {
      period = (h.period.start ? std::to_string(h.period.start) : "") + "-" +
               (h.period.end ? std::to_string(h.period.end) : "");
      where += " · " + period;
    }
    // The value sorted by; the period sorted by is shown already.
    if (!h.sort_key.empty() && h.sort_key != period) where += " · " + h.sort_key;
    out += "\n" + std::to_string(h.rank) + ". " + where + "  " + h.file + ":" +
           std::to_string(h.line) + "\n   " + Snippet(h, style) + "\n";
    if (std::string same = SameTextLine(h, lang); !same.empty()) out += "   " + same + "\n";
  }
  for (const auto& [facet, counts] : result.facets) {
    out += "\n" + ValueLabel("facet", facet, lang) + ":";
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    // A facet of a vocabulary (block, plan, kind) shows its words; the others are names already.
    std::string vocabulary = facet == "kind" ? "document_kind" : facet;
    for (const auto& [value, count] : sorted) {
      out += "  " + ValueLabel(vocabulary, value, lang) + " " + std::to_string(count);
    }
    out += "\n";
  }
  return out;
}

namespace {

struct DistrictStats {
  std::string province, city, district;
  int documents = 0, plans = 0, items = 0, targets = 0;
};

std::vector<DistrictStats> ByDistrict(const std::vector<IndexedFile>& files) {
  std::map<std::tuple<std::string, std::string, std::string>, DistrictStats> by;
  for (const IndexedFile& f : files) {
    auto& s = by[{f.region.province, f.region.city, f.region.district}];
    s.province = f.region.province;
    s.city = f.region.city;
    s.district = f.region.district;
    ++s.documents;
    s.plans += f.plans;
    s.items += f.items;
    s.targets += f.targets;
  }
  std::vector<DistrictStats> out;
  for (auto& [key, s] : by) out.push_back(s);
  return out;
}

}  // namespace

namespace {

// Values by kind, in the order people ask for them, and documents by kind.
const char* const kValueKinds[] = {"target", "baseline", "actual", "change", "direction"};

std::map<std::string, int> ValueKinds(const std::vector<std::string>& target_json) {
  std::map<std::string, int> counts;
  for (const char* kind : kValueKinds) counts[kind] = 0;
  for (const std::string& line : target_json) {
    if (auto record = ReadTargetRecord(line)) ++counts[record->kind];
  }
  return counts;
}

std::map<std::string, int> DocumentKinds(const std::vector<IndexedFile>& files) {
  std::map<std::string, int> counts;
  for (const IndexedFile& f : files) ++counts[f.kind.empty() ? "plan" : f.kind];
  return counts;
}

std::string KindLine(const std::string& what, const std::map<std::string, int>& counts,
                     const std::vector<std::string>& order, const char* vocabulary, Lang lang) {
  std::string out = what + ":";
  std::vector<std::string> names = order;
  for (const auto& [name, n] : counts) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  for (const std::string& name : names) {
    auto it = counts.find(name);
    out += "  " + ValueLabel(vocabulary, name, lang) + " " + std::to_string(it == counts.end() ? 0 : it->second);
  }
  return out + "\n";
}

}  // namespace

std::string StatsTable(const std::vector<IndexedFile>& files,
                       const std::vector<std::string>& target_json, Lang lang) {
  // "values": every extracted value, of any kind (the lines below split them by kind).
  std::vector<std::string> header;
  for (const char* name : {"province", "city", "district", "documents", "plans", "items", "values"}) {
    header.push_back(ValueLabel("column", name, lang));
  }
  TextTable table(header);
  DistrictStats total;
  for (const DistrictStats& s : ByDistrict(files)) {
    table.AddRow({s.province, s.city, s.district, std::to_string(s.documents),
                  std::to_string(s.plans), std::to_string(s.items), std::to_string(s.targets)});
    total.documents += s.documents;
    total.plans += s.plans;
    total.items += s.items;
    total.targets += s.targets;
  }
  table.AddRow({ValueLabel("column", "total", lang), "", "", std::to_string(total.documents), std::to_string(total.plans),
                std::to_string(total.items), std::to_string(total.targets)});
  std::string out = table.Render() + "\n";
  out += KindLine(Label("stats.documents_by_kind", lang), DocumentKinds(files), {"plan", "report", "text"},
                  "document_kind", lang);
  out += KindLine(Label("stats.values_by_kind", lang), ValueKinds(target_json),
                  std::vector<std::string>(std::begin(kValueKinds), std::end(kValueKinds)), "kind", lang);
  return out;
}

std::string StatsJson(const std::vector<IndexedFile>& files,
                      const std::vector<std::string>& target_json) {
  json districts = json::array();
  int documents = 0, plans = 0, items = 0, targets = 0;
  for (const DistrictStats& s : ByDistrict(files)) {
    districts.push_back({{"province", s.province}, {"city", s.city}, {"district", s.district},
                         {"documents", s.documents}, {"plans", s.plans}, {"items", s.items},
                         {"targets", s.targets}});
    documents += s.documents;
    plans += s.plans;
    items += s.items;
    targets += s.targets;
  }
  json out = {{"documents", documents}, {"plans", plans}, {"items", items},
              {"targets", targets}, {"districts", std::move(districts)}};
  out["document_kinds"] = DocumentKinds(files);
  out["value_kinds"] = ValueKinds(target_json);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace guihua
