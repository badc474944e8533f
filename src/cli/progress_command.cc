// `guihua progress`: each plan's targets against the actual values its region's monitoring reports
// give (src/progress/), in the formats of compare targets.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "progress/progress.h"
#include "render/progress_render.h"

namespace guihua::cli {
namespace {

struct ProgressCli {
  std::vector<std::string> indicators, districts;
  ProgressRequest request;
  std::string db = "guihua-index", format = "table", output;
  Lang lang = Lang::kZh;
};

int Write(const ProgressReport& report, const ProgressCli& cli) {
  CompareFormat format;
  ParseCompareFormat(cli.format, &format);
  if (format == CompareFormat::kXlsx) {
    if (cli.output.empty()) {
      PrintError("progress", "--format xlsx needs -o FILE");
      return 1;
    }
    Status s = WriteProgressXlsx(report, cli.output, cli.lang);
    if (!s.ok()) PrintError(cli.output, s.message());
    return s.ok() ? 0 : 1;
  }
  return WriteOutput(RenderProgress(report, format, TerminalWidth(), cli.lang), cli.output);
}

}  // namespace

Command AddProgressCommand(CLI::App* sub, const GlobalOptions& global) {
  auto cli = std::make_shared<ProgressCli>();
  sub->add_option("--district", cli->districts,
                  "Districts (北关区, 北关) or document ids (comma-separated or repeated)")
      ->allow_extra_args(false);
  sub->add_option("--plan", cli->request.plan, "women or children (妇女, 儿童)");
  sub->add_option("--indicator", cli->indicators, "Indicator ids or names (comma-separated or repeated)")
      ->allow_extra_args(false);
  sub->add_option("--domain", cli->request.domain, "Domain id or name, e.g. women.health, 儿童与健康");
  sub->add_option("--year", cli->request.year, "The latest actual is the latest up to this year")
      ->check(CLI::Range(1900, 2200));
  sub->add_option("--db", cli->db, "Index folder")->capture_default_str();
  sub->add_option("--format", cli->format, "table, md, csv, jsonl (tidy: docs/exports.md), json, html or xlsx")
      ->check(CLI::IsMember({"table", "md", "csv", "jsonl", "json", "html", "xlsx"}))
      ->capture_default_str();
  sub->add_option("-o,--output", cli->output, "Write to this file instead of stdout");
  AddLangOption(sub, &cli->lang);

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
    cli->request.indicators = cli->indicators;  // comma lists are split by the resolver
    cli->request.districts = cli->districts;
    auto options = ResolveProgressRequest(cli->request, resolver);
    if (!options.ok()) {
      PrintError("progress", options.status().message());
      return 1;
    }
    auto report = Progress(**index, extractor->Indicators(), *rules, *options);
    if (!report.ok()) {
      PrintError("progress", report.status().message());
      return report.status().code() == StatusCode::kInternal ? 2 : 1;
    }
    return Write(*report, *cli);
  };
}

}  // namespace guihua::cli
