// JSON and table views of a parsed Document.
#include "render/document_json.h"

#include <nlohmann/json.hpp>

namespace guihua {
namespace {

using nlohmann::json;

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json ItemJson(const Document& doc, const Item& item) {
  return {{"block", BlockKindName(item.block)},
          {"number", item.number == 0 ? json(nullptr) : json(item.number)},
          {"text", SourceQuote(doc.working, item.begin, item.end, doc.source)},
          {"line", item.line},
          {"end_line", item.end_line},
          {"page", item.page == 0 ? json(nullptr) : json(item.page)}};
}

json SectionJson(const Document& doc, const Section& s) {
  json items = json::array();
  for (const Item& item : s.items) items.push_back(ItemJson(doc, item));
  json out = {{"title", s.title}, {"line", s.line}};
  if (s.is_domain()) {
    out = {{"id", s.id}, {"title", s.title}, {"line", s.line}, {"responsible", s.responsible}};
  }
  out["items"] = std::move(items);
  return out;
}

struct PlanCounts {
  int domains = 0, goals = 0, measures = 0;
};

PlanCounts CountPlan(const Plan& plan) {
  PlanCounts c;
  for (const Section& s : plan.sections) {
    if (!s.is_domain()) continue;
    ++c.domains;
    for (const Item& item : s.items) {
      c.goals += item.block == BlockKind::kGoal;
      c.measures += item.block == BlockKind::kMeasure;
    }
  }
  return c;
}

}  // namespace

std::string DocumentToJson(const Document& doc) {
  json plans = json::array();
  for (const Plan& plan : doc.plans) {
    json domains = json::array(), sections = json::array();
    for (const Section& s : plan.sections) {
      (s.is_domain() ? domains : sections).push_back(SectionJson(doc, s));
    }
    plans.push_back({{"plan", OrNull(PlanKindName(plan.kind))},
                     {"title", OrNull(plan.title)},
                     {"line", plan.line},
                     {"domains", std::move(domains)},
                     {"sections", std::move(sections)}});
  }
  json period = doc.period.start == 0
                    ? json(nullptr)
                    : json{{"start", doc.period.start}, {"end", doc.period.end}};
  json out = {{"document", doc.id},
              {"file", doc.file},
              {"encoding", doc.encoding},
              {"kind", DocumentKindName(doc.kind)},
              {"about", OrNull(doc.about)},
              {"year", doc.year == 0 ? json(nullptr) : json(doc.year)},
              {"region",
               {{"province", OrNull(doc.region.province)},
                {"city", OrNull(doc.region.city)},
                {"district", OrNull(doc.region.district)}}},
              {"period", period},
              {"issuer", OrNull(doc.issuer)},
              {"doc_number", OrNull(doc.doc_number)},
              {"date", OrNull(doc.date)},
              {"cites", doc.cites},
              {"plans", std::move(plans)}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<std::string> DocumentSummaryHeader() {
  return {"file", "province", "city", "district", "period", "plans", "domains", "goals", "measures"};
}

std::vector<std::string> DocumentSummaryRow(const Document& doc) {
  std::string plans, domains, goals, measures;
  for (const Plan& plan : doc.plans) {
    PlanCounts c = CountPlan(plan);
    auto add = [](std::string& s, const std::string& v) { s += (s.empty() ? "" : "/") + v; };
    add(plans, PlanKindName(plan.kind));
    add(domains, std::to_string(c.domains));
    add(goals, std::to_string(c.goals));
    add(measures, std::to_string(c.measures));
  }
  std::string period = doc.period.start == 0 ? "?"
                                             : std::to_string(doc.period.start) + "-" +
                                                   std::to_string(doc.period.end);
  std::string file = doc.file.substr(doc.file.find_last_of('/') + 1);
  return {file, doc.region.province, doc.region.city, doc.region.district, period,
          plans, domains, goals, measures};
}

std::vector<std::string> DomainTableHeader() {
  return {"plan", "domain", "title", "line", "goals", "measures", "other", "责任单位"};
}

std::vector<std::vector<std::string>> DomainTableRows(const Document& doc) {
  std::vector<std::vector<std::string>> rows;
  for (const Plan& plan : doc.plans) {
    for (const Section& s : plan.sections) {
      if (!s.is_domain()) continue;
      int goals = 0, measures = 0, other = 0;
      for (const Item& item : s.items) {
        goals += item.block == BlockKind::kGoal;
        measures += item.block == BlockKind::kMeasure;
        other += item.block == BlockKind::kOther;
      }
      std::string responsible;
      for (const auto& r : s.responsible) responsible += (responsible.empty() ? "" : "、") + r;
      rows.push_back({PlanKindName(plan.kind), s.id, s.title, std::to_string(s.line),
                      std::to_string(goals), std::to_string(measures), std::to_string(other),
                      responsible});
    }
  }
  return rows;
}

}  // namespace guihua
