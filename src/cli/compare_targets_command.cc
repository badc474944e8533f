// `guihua compare targets`: the district × indicator table of targets, optionally judged against
// a reference plan (an indexed document, a district, or a plan file), in any of the table formats.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "compare/compare.h"
#include "compare/request.h"
#include "render/compare_table.h"

namespace guihua::cli {
namespace {

struct Options {
  std::vector<std::string> indicators, districts;
  TargetTableOptions table;
  std::string against, db = "guihua-index", format = "table", output;
  bool wide = false;
  Lang lang = Lang::kZh;
};

void DeclareOptions(CLI::App* sub, Options* options) {
  sub->add_option("--indicator", options->indicators,
                  "Indicator ids or names (comma-separated or repeated)")
      ->allow_extra_args(false);
  sub->add_option("--domain", options->table.domain, "Domain id or name, e.g. women.health, 儿童与健康");
  sub->add_option("--plan", options->table.plan, "women or children (妇女, 儿童)");
  sub->add_option("--district", options->districts,
                  "Districts (北关区, 北关) or document ids (comma-separated or repeated)")
      ->allow_extra_args(false);
  sub->add_option("--against", options->against,
                  "Reference: an indexed document id or district, or a plan file");
  sub->add_flag("--all", options->table.all, "Also indicators outside the dictionary, by printed name");
  sub->add_flag("--baselines", options->table.baselines, "Include baseline values");
  sub->add_option("--db", options->db, "Index folder")->capture_default_str();
  sub->add_option("--format", options->format,
                  "table, md, csv or jsonl (one row per value: docs/exports.md), json, html or xlsx")
      ->check(CLI::IsMember({"table", "md", "csv", "jsonl", "json", "html", "xlsx"}))
      ->capture_default_str();
  sub->add_flag("--wide", options->wide,
                "csv, jsonl: one row per indicator and one column per plan instead");
  sub->add_option("-o,--output", options->output, "Write to this file instead of stdout");
  AddLangOption(sub, &options->lang);
}

// The reference of --against (compare/request.h), a plan file's warnings printed; the structure
// rules are loaded only when it is a file.
StatusOr<Reference> LoadReference(const std::string& against, const TargetTableOptions& table,
                                  const NameResolver& resolver, const IndexReader& index,
                                  std::shared_ptr<const Extractor> extractor,
                                  const GlobalOptions& global) {
  std::unique_ptr<StructureParser> parser;
  ReferenceSources sources{&resolver, &index, [&]() -> StatusOr<PlanStages> {
                             parser = LoadStructureParser(global);
                             if (!parser) return Status::Internal("rules do not load");
                             return PlanStages{parser.get(), extractor.get()};
                           },
                           MakeReadOptions(global)};
  Diagnostics diag;
  auto reference = ResolveReference(against, table, sources, &diag);
  PrintDiagnostics(diag);
  return reference;
}

// The table in the format asked for, to stdout or -o FILE; the exit code.
int WriteTable(const TargetTable& table, const Options& options) {
  CompareFormat format;
  ParseCompareFormat(options.format, &format);
  if (format == CompareFormat::kXlsx) {
    if (options.output.empty()) {
      PrintError("compare", "--format xlsx needs -o FILE");
      return 1;
    }
    if (Status s = WriteTargetTableXlsx(table, options.output, options.lang); !s.ok()) {
      PrintError(options.output, s.message());
      return 1;
    }
    return 0;
  }
  CompareRenderOptions render;
  render.width = TerminalWidth();
  render.wide = options.wide;
  render.lang = options.lang;
  return WriteOutput(RenderTargetTable(table, format, render), options.output);
}

int Run(Options& options, const GlobalOptions& global) {
  std::shared_ptr<const Extractor> extractor = LoadExtractor(global);
  if (!extractor) return 2;
  auto names = LoadNames(global, extractor);
  if (!names) return 2;
  auto index = IndexReader::Open({options.db});
  if (!index.ok()) {
    PrintError(index.status().message());
    return 1;
  }
  NameResolver resolver(names, index->get());
  options.table.domain_order = names->DomainOrder();
  if (Status s = ResolveTableScope(
          resolver, {options.indicators, options.table.plan, options.table.domain, options.districts},
          &options.table);
      !s.ok()) {
    PrintError("compare", s.message());
    return 1;
  }
  std::optional<Reference> reference;
  if (!options.against.empty()) {
    auto r = LoadReference(options.against, options.table, resolver, **index, extractor, global);
    if (!r.ok()) {
      PrintError("compare", r.status().message());
      return r.status().code() == StatusCode::kInternal ? 2 : 1;
    }
    reference = std::move(*r);
  }
  auto table = CompareTargets(**index, extractor->Indicators(), options.table,
                              reference ? &*reference : nullptr);
  if (!table.ok()) {
    PrintError("compare", table.status().message());
    return 1;
  }
  return WriteTable(*table, options);
}

}  // namespace

Command AddCompareTargetsCommand(CLI::App* sub, const GlobalOptions& global) {
  auto options = std::make_shared<Options>();
  DeclareOptions(sub, options.get());
  return [options, &global]() { return Run(*options, global); };
}

}  // namespace guihua::cli
