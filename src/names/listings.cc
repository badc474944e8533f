// The listings of names/listings.h: the dictionary with its use in the index, and the indicator
// phrases the dictionary does not know yet.
#include "names/listings.h"

#include <algorithm>
#include <map>
#include <set>

#include "extract/target_record.h"

namespace guihua {
namespace {

bool InPlan(const std::string& indicator_plan, const std::string& plan) {
  return plan.empty() || indicator_plan == plan || indicator_plan == "both";
}

bool InDomain(const std::vector<std::string>& domains, const std::string& domain) {
  return domain.empty() || std::find(domains.begin(), domains.end(), domain) != domains.end();
}

}  // namespace

std::vector<IndicatorUse> ListIndicators(const NameTables& names, const IndexReader* index,
                                         const std::string& plan, const std::string& domain) {
  std::map<std::string, std::pair<std::set<std::string>, int>> use;  // id → documents, values
  if (index != nullptr) {
    for (const std::string& line : index->Targets()) {
      std::string_view id = PeekTargetIndicatorId(line);
      if (id.empty()) continue;
      auto record = ReadTargetRecord(line);
      if (!record) continue;
      auto& [documents, values] = use[std::string(id)];
      documents.insert(record->document);
      ++values;
    }
  }
  std::vector<IndicatorUse> out;
  for (const IndicatorInfo& info : names.indicators()) {
    if (!InPlan(info.plan, plan) || !InDomain(info.domains, domain)) continue;
    IndicatorUse row{info};
    if (index != nullptr) {
      auto it = use.find(info.id);
      row.documents = it == use.end() ? 0 : static_cast<int>(it->second.first.size());
      row.targets = it == use.end() ? 0 : it->second.second;
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<UnknownIndicator> ListUnknownIndicators(const IndexReader& index,
                                                    const std::string& plan,
                                                    const std::string& domain) {
  std::map<std::pair<std::string, std::string>, UnknownIndicator> by_phrase;  // (plan, phrase)
  std::map<std::pair<std::string, std::string>, std::set<std::string>> documents;
  for (const std::string& line : index.Targets()) {
    if (!PeekTargetIndicatorId(line).empty()) continue;
    auto r = ReadTargetRecord(line);
    if (!r || r->indicator.empty() || !r->indicator_id.empty()) continue;
    if (!plan.empty() && r->plan != plan) continue;
    if (!domain.empty() && r->domain_id != domain) continue;
    auto key = std::make_pair(r->plan, r->indicator);
    UnknownIndicator& u = by_phrase[key];
    if (u.targets++ == 0) {
      u.indicator = r->indicator;
      u.plan = r->plan;
      u.quote = r->quote;
      u.file = r->file;
      u.line = r->line;
    }
    if (!r->domain_id.empty() &&
        std::find(u.domains.begin(), u.domains.end(), r->domain_id) == u.domains.end()) {
      u.domains.push_back(r->domain_id);
    }
    documents[key].insert(r->document);
  }
  std::vector<UnknownIndicator> out;
  for (auto& [key, u] : by_phrase) {
    u.documents = static_cast<int>(documents[key].size());
    out.push_back(std::move(u));
  }
  std::stable_sort(out.begin(), out.end(), [](const UnknownIndicator& a, const UnknownIndicator& b) {
    return std::tie(b.documents, b.targets) < std::tie(a.documents, a.targets);
  });
  return out;
}

}  // namespace guihua
