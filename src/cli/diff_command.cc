// `guihua diff A B`: two plans side by side. A side is a plan file (parsed and extracted on the
// spot) when such a file exists, otherwise a document id or a district name in the index.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/compare_commands.h"
#include "cli/pipeline.h"
#include "compare/diff.h"
#include "extract/target_record.h"
#include "index/index.h"
#include "ingest/ingest.h"
#include "render/diff_render.h"
#include "tokenize/tokenize.h"

namespace guihua::cli {
namespace {

struct Options {
  std::string a, b;
  std::vector<std::string> dbs;
  DiffOptions diff;
  std::string format = "table";
  Lang lang = Lang::kZh;
};

void DeclareOptions(CLI::App* sub, Options* options) {
  sub->add_option("A", options->a, "Plan file, or document id / district in the index")->required();
  sub->add_option("B", options->b, "Plan file, or document id / district in the index")->required();
  sub->add_option("--db", options->dbs, "Index folder or tcp://HOST:PORT; repeat for shards")
      ->allow_extra_args(false);
  sub->add_option("--threshold", options->diff.threshold,
                  "Similarity (0-1) at which an unmatched pair of items counts as changed")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--format", options->format,
                  "table, md, json, or csv / jsonl (tidy rows: docs/exports.md)")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "md", "json", "csv", "jsonl"}));
  AddLangOption(sub, &options->lang);
}

// Where the two sides come from: files read through the stages, else the index (each loaded at
// the first side that needs it).
class Sides {
 public:
  Sides(const Options& options, const GlobalOptions& global,
        std::shared_ptr<const Extractor> extractor)
      : options_(options), global_(global), extractor_(std::move(extractor)) {}

  StatusOr<PlanSide> Side(const std::string& name) {
    std::error_code ec;
    return std::filesystem::is_regular_file(name, ec) ? FromFile(name) : FromIndex(name);
  }

 private:
  StatusOr<PlanSide> FromFile(const std::string& name) {
    if (!parser_) parser_ = LoadStructureParser(global_);
    if (!parser_) return Status::Internal("the structure rules do not load");
    Diagnostics diag;
    auto plan = ReadPlan({parser_.get(), extractor_.get()}, name, &diag, MakeReadOptions(global_));
    PrintDiagnostics(diag);
    if (!plan.ok()) return Status(plan.status().code(), name + ": " + plan.status().message());
    PrintDiagnostics(plan->extract_warnings);  // numbers that cannot be read, as extract shows
    std::vector<std::string> json;
    for (const Target& t : plan->targets) json.push_back(TargetRecordJson(plan->document, t));
    return SideFromDocument(plan->document, json);
  }

  StatusOr<PlanSide> FromIndex(const std::string& name) {
    if (!index_) {
      std::vector<std::string> dbs = options_.dbs;
      if (dbs.empty()) dbs.push_back("guihua-index");
      auto opened = IndexReader::Open(dbs);
      if (!opened.ok()) {
        return Status::NotFound("not a file, and the index does not open: " + opened.status().message());
      }
      index_ = std::move(*opened);
      auto tables = LoadNames(global_, extractor_);
      if (!tables) return Status::Internal("the rules do not load");
      names_ = std::make_unique<NameResolver>(tables, index_.get());
    }
    auto document = names_->ReferencePlan(name);
    if (!document.ok()) return document.status();
    return SideFromIndex(*index_, document->document);
  }

  const Options& options_;
  const GlobalOptions& global_;
  std::shared_ptr<const Extractor> extractor_;
  std::unique_ptr<StructureParser> parser_;
  std::unique_ptr<IndexReader> index_;
  std::unique_ptr<NameResolver> names_;
};

int Run(const Options& options, const GlobalOptions& global) {
  ReportFormat format;
  ParseReportFormat(options.format, &format);
  std::shared_ptr<const Extractor> extractor = LoadExtractor(global);
  if (!extractor) return 2;
  Sides sides(options, global, extractor);
  auto a = sides.Side(options.a);
  if (!a.ok()) {
    PrintError("diff", a.status().message());
    return a.status().code() == StatusCode::kInternal ? 2 : 1;
  }
  auto b = sides.Side(options.b);
  if (!b.ok()) {
    PrintError("diff", b.status().message());
    return b.status().code() == StatusCode::kInternal ? 2 : 1;
  }
  auto tokenizer = Tokenizer::Create();
  if (!tokenizer.ok()) {
    PrintError("diff", tokenizer.status().message());
    return 2;
  }
  PlanDiff diff = DiffPlans(*a, *b, extractor->Indicators(), options.diff, tokenizer->get());
  std::cout << RenderPlanDiff(diff, format, options.lang);
  return 0;
}

}  // namespace

Command AddDiffCommand(CLI::App* sub, const GlobalOptions& global) {
  auto options = std::make_shared<Options>();
  DeclareOptions(sub, options.get());
  return [options, &global]() { return Run(*options, global); };
}

}  // namespace guihua::cli
