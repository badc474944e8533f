// `guihua compare measures`: the measures of one domain aligned across the indexed plans.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/compare_commands.h"
#include "cli/pipeline.h"
#include "compare/measures.h"
#include "index/index.h"
#include "render/measures_render.h"
#include "tokenize/tokenize.h"

namespace guihua::cli {
namespace {

struct Options {
  std::vector<std::string> dbs, districts;
  MeasureOptions measures;
  std::string features = "bigrams";
  std::string format = "table";
  Lang lang = Lang::kZh;
};

void DeclareOptions(CLI::App* sub, Options* options) {
  MeasureOptions& m = options->measures;
  sub->add_option("--domain", m.domain, "Domain id or name, e.g. women.health, 儿童与家庭")->required();
  sub->add_option("--district", options->districts,
                  "Districts (北关区, 北关) or document ids (default: all)")
      ->delimiter(',');
  sub->add_option("--threshold", m.threshold,
                  "Similarity (0-1) at which two measures count as the same")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--block", m.block, "Which items to align")
      ->capture_default_str()
      ->check(CLI::IsMember({"measure", "goal", "other"}));
  sub->add_option("--features", options->features, "Similarity features")
      ->capture_default_str()
      ->check(CLI::IsMember({"bigrams", "words", "both"}));
  sub->add_option("--db", options->dbs, "Index folder or tcp://HOST:PORT; repeat for shards")
      ->allow_extra_args(false);
  sub->add_option("--format", options->format,
                  "table, md, json, or csv / jsonl (tidy rows: docs/exports.md)")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "md", "json", "csv", "jsonl"}));
  AddLangOption(sub, &options->lang);
}

// The domain and districts of the options as ids.
Status ResolveOptions(const NameResolver& resolver, const std::vector<std::string>& districts,
                      MeasureOptions* measures) {
  auto domain = resolver.Resolve(NameKind::kDomain, measures->domain);
  if (!domain.ok()) return domain.status();
  auto documents = resolver.DocumentIds(districts, "plan");
  if (!documents.ok()) return documents.status();
  measures->domain = *domain;
  measures->documents = *documents;
  return Status::Ok();
}

int Run(Options& options, const GlobalOptions& global) {
  ReportFormat format;
  ParseReportFormat(options.format, &format);
  ParseSimilarityFeatures(options.features, &options.measures.features);
  std::vector<std::string> dbs = options.dbs;
  if (dbs.empty()) dbs.push_back("guihua-index");
  auto index = IndexReader::Open(dbs);
  if (!index.ok()) {
    PrintError(index.status().message());
    return 1;
  }
  auto names = LoadNames(global);
  if (!names) return 2;
  NameResolver resolver(names, index->get());
  if (Status s = ResolveOptions(resolver, options.districts, &options.measures); !s.ok()) {
    PrintError("compare measures", s.message());
    return 1;
  }
  auto tokenizer = Tokenizer::Create();
  if (!tokenizer.ok()) {
    PrintError("compare measures", tokenizer.status().message());
    return 2;
  }
  auto alignment = AlignMeasures(**index, options.measures, tokenizer->get());
  if (!alignment.ok()) {
    PrintError("compare measures", alignment.status().message());
    return 1;
  }
  std::cout << RenderMeasureAlignment(*alignment, format, options.lang);
  return 0;
}

}  // namespace

Command AddCompareMeasuresCommand(CLI::App* sub, const GlobalOptions& global) {
  auto options = std::make_shared<Options>();
  DeclareOptions(sub, options.get());
  return [options, &global]() { return Run(*options, global); };
}

}  // namespace guihua::cli
