// `guihua progress`: each plan's targets against the actual values its region's monitoring reports
// give (src/progress/), in the formats of compare targets.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "progress/progress.h"
#include "render/progress_render.h"

namespace guihua::cli {
namespace {

struct ProgressCli {
  std::vector<std::string> indicators, districts;
  ProgressOptions options;
  std::string db = "guihua-index", format = "table", output;
};

// The names of the options as ids: indicators, plan, domain (settled by the plan), districts.
Status ResolveProgressOptions(const NameResolver& names, ProgressCli* cli) {
  auto ids = names.ResolveAll(NameKind::kIndicator, SplitCommas(cli->indicators));
  if (!ids.ok()) return ids.status();
  cli->options.indicators = std::move(*ids);
  ProgressOptions& o = cli->options;
  for (auto [field, kind] : {std::pair{&o.plan, NameKind::kPlan}, {&o.domain, NameKind::kDomain}}) {
    if (field->empty()) continue;
    auto id = names.Resolve(kind, *field, o.plan);
    if (!id.ok()) return id.status();
    *field = std::move(*id);
  }
  auto documents = names.DocumentIds(SplitCommas(cli->districts));
  if (!documents.ok()) return documents.status();
  o.documents = std::move(*documents);
  return Status::Ok();
}

int Write(const ProgressReport& report, const ProgressCli& cli) {
  CompareFormat format;
  ParseCompareFormat(cli.format, &format);
  if (format == CompareFormat::kXlsx) {
    if (cli.output.empty()) {
      PrintError("progress", "--format xlsx needs -o FILE");
      return 1;
    }
    Status s = WriteProgressXlsx(report, cli.output);
    if (!s.ok()) PrintError(cli.output, s.message());
    return s.ok() ? 0 : 1;
  }
  std::string text = RenderProgress(report, format, TerminalWidth());
  if (cli.output.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(cli.output, std::ios::binary);
  out << text;
  if (!out) {
    PrintError(cli.output, "cannot write");
    return 1;
  }
  return 0;
}

}  // namespace

Command AddProgressCommand(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand(
      "progress", "Each plan's targets against its monitoring reports: latest actual, status, gap, trend");
  auto cli = std::make_shared<ProgressCli>();
  sub->add_option("--district", cli->districts,
                  "Districts (北关区, 北关) or document ids (comma-separated or repeated)")
      ->allow_extra_args(false);
  sub->add_option("--plan", cli->options.plan, "women or children (妇女, 儿童)");
  sub->add_option("--indicator", cli->indicators, "Indicator ids or names (comma-separated or repeated)")
      ->allow_extra_args(false);
  sub->add_option("--domain", cli->options.domain, "Domain id or name, e.g. women.health, 儿童与健康");
  sub->add_option("--year", cli->options.year, "The latest actual is the latest up to this year")
      ->check(CLI::Range(1900, 2200));
  sub->add_option("--db", cli->db, "Index folder")->capture_default_str();
  sub->add_option("--format", cli->format, "table, md, csv, json, html or xlsx")
      ->check(CLI::IsMember({"table", "md", "csv", "json", "html", "xlsx"}))
      ->capture_default_str();
  sub->add_option("-o,--output", cli->output, "Write to this file instead of stdout");

  return [cli, &global]() {
    std::shared_ptr<const Extractor> extractor = LoadExtractor(global);
    auto rules = extractor ? LoadProgressRules(global) : nullptr;
    auto names = rules ? LoadNames(global, extractor) : nullptr;
    if (!names) return 2;
    auto index = IndexReader::Open({cli->db});
    if (!index.ok()) {
      PrintError(index.status().message());
      return 1;
    }
    NameResolver resolver(names, index->get());
    if (Status s = ResolveProgressOptions(resolver, cli.get()); !s.ok()) {
      PrintError("progress", s.message());
      return 1;
    }
    auto report = Progress(**index, extractor->Indicators(), *rules, cli->options);
    if (!report.ok()) {
      PrintError("progress", report.status().message());
      return report.status().code() == StatusCode::kInternal ? 2 : 1;
    }
    return Write(*report, *cli);
  };
}

}  // namespace guihua::cli
