// Measure groups as a terminal table (one row per member under a row naming the group), Markdown
// (a section per group with the full wording) and JSON.
#include "render/measures_render.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "render/text_table.h"
#include "render/internal/compare_support.h"
#include "render/internal/text_support.h"

namespace guihua {
namespace {

using render_internal::BaseName;
using render_internal::Fixed;
using render_internal::MarkdownCell;

using nlohmann::ordered_json;

std::string Where(const MeasureItem& item, bool full_path) {
  return (full_path ? item.file : BaseName(item.file)) + ":" + std::to_string(item.line);
}

// Columns that have no member in the group.
std::vector<std::string> Absent(const MeasureAlignment& al, const MeasureGroup& g) {
  std::vector<bool> present(al.columns.size(), false);
  for (const MeasureMember& m : g.members) present[m.column] = true;
  std::vector<std::string> out;
  for (size_t c = 0; c < present.size(); ++c) {
    if (!present[c]) out.push_back(al.labels[c]);
  }
  return out;
}

int UniqueCount(const MeasureAlignment& al) {
  int n = 0;
  for (const MeasureGroup& g : al.groups) n += g.shared() ? 0 : 1;
  return n;
}

std::string Summary(const MeasureAlignment& al, Lang lang) {
  std::string labels;
  for (const std::string& l : al.labels) labels += (labels.empty() ? "" : ", ") + l;
  return Label("measures.summary", lang,
               {al.domain, al.domain_id, ValueLabel("block", al.block, lang),
                std::to_string(al.columns.size()), labels}) +
         Label("measures.groups", lang,
               {Fixed(al.threshold), SimilarityFeaturesName(al.features), std::to_string(al.groups.size()),
                std::to_string(al.groups.size() - UniqueCount(al)), std::to_string(UniqueCount(al))});
}

std::string RenderTable(const MeasureAlignment& al, Lang lang) {
  std::vector<std::string> header = {"#", Label("measures.group", lang)};
  for (const char* id : {"item", "where", "sim", "wording"}) header.push_back(ValueLabel("column", id, lang));
  TextTable table(header);
  for (size_t g = 0; g < al.groups.size(); ++g) {
    const MeasureGroup& group = al.groups[g];
    table.AddRow({std::to_string(g + 1), GroupStatus(al, group, lang), "", "", "", group.title});
    for (const MeasureMember& m : group.members) {
      table.AddRow({"", "  " + al.labels[m.column], std::to_string(m.item.item), Where(m.item, false),
                    group.shared() ? Fixed(m.similarity) : "", m.item.text});
    }
  }
  return Summary(al, lang) + "\n\n" + table.Render(56);
}

std::string RenderMarkdown(const MeasureAlignment& al, Lang lang) {
  std::string out = Label("measures.title", lang, {Summary(al, lang)}) + "\n";
  for (size_t g = 0; g < al.groups.size(); ++g) {
    const MeasureGroup& group = al.groups[g];
    out += "\n### " + std::to_string(g + 1) + ". " + MarkdownCell(group.title) + " — " +
           GroupStatus(al, group, lang) + "\n\n";
    std::vector<std::string> absent = Absent(al, group);
    if (group.shared() && !absent.empty()) {
      std::string list;
      for (const std::string& a : absent) list += (list.empty() ? "" : ", ") + a;
      out += Label("measures.not_in", lang, {list}) + "\n\n";
    }
    out += "|";
    for (const char* id : {"district", "item", "where", "similarity", "wording"}) {
      out += " " + ValueLabel("column", id, lang) + " |";
    }
    out += "\n|---|---|---|---|---|\n";
    for (const MeasureMember& m : group.members) {
      out += "| " + MarkdownCell(al.labels[m.column]) + " | " + std::to_string(m.item.item) + " | `" +
             Where(m.item, false) + "` | " + (group.shared() ? Fixed(m.similarity) : "") + " | " +
             MarkdownCell(m.item.text) + " |\n";
    }
  }
  return out;
}

std::string RenderJson(const MeasureAlignment& al) {
  ordered_json j;
  j["domain_id"] = al.domain_id;
  j["domain"] = al.domain;
  j["block"] = al.block;
  j["threshold"] = al.threshold;
  j["features"] = SimilarityFeaturesName(al.features);
  j["columns"] = ordered_json::array();
  for (size_t c = 0; c < al.columns.size(); ++c) {
    const CompareColumn& col = al.columns[c];
    j["columns"].push_back({{"document", col.document}, {"province", col.province},
                            {"city", col.city}, {"district", col.district}, {"label", al.labels[c]},
                            {"period", {{"start", col.period.start}, {"end", col.period.end}}}});
  }
  j["groups"] = ordered_json::array();
  for (const MeasureGroup& g : al.groups) {
    ordered_json group;
    group["title"] = g.title;
    group["status"] = g.shared() ? "shared" : "unique";
    group["count"] = g.members.size();
    group["min_similarity"] = g.min_similarity;
    group["members"] = ordered_json::array();
    for (const MeasureMember& m : g.members) {
      group["members"].push_back({{"document", m.item.document}, {"district", al.labels[m.column]},
                                  {"item", m.item.item}, {"file", m.item.file},
                                  {"line", m.item.line}, {"end_line", m.item.end_line},
                                  {"similarity", m.similarity}, {"text", m.item.text}});
    }
    group["absent"] = Absent(al, g);
    j["groups"].push_back(std::move(group));
  }
  // Replace, not throw, on bytes that are not UTF-8: a file named in GBK is no crash.
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

bool ParseReportFormat(std::string_view name, ReportFormat* format) {
  if (name == "table") *format = ReportFormat::kTable;
  else if (name == "md") *format = ReportFormat::kMarkdown;
  else if (name == "json") *format = ReportFormat::kJson;
  else if (name == "csv") *format = ReportFormat::kCsv;
  else if (name == "jsonl") *format = ReportFormat::kJsonl;
  else return false;
  return true;
}

std::string GroupStatus(const MeasureAlignment& al, const MeasureGroup& group, Lang lang) {
  if (group.shared()) return Label("measures.shared_by", lang, {std::to_string(group.members.size())});
  return Label("measures.unique_to", lang, {al.labels[group.members.front().column]});
}

std::string RenderMeasureAlignment(const MeasureAlignment& alignment, ReportFormat format, Lang lang) {
  switch (format) {
    case ReportFormat::kMarkdown: return RenderMarkdown(alignment, lang);
    case ReportFormat::kJson: return RenderJson(alignment);
    case ReportFormat::kCsv:
    case ReportFormat::kJsonl: return render_internal::RenderMeasureAlignmentTidy(alignment, format);
    default: return RenderTable(alignment, lang);
  }
}

}  // namespace guihua
