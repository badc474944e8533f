// `guihua diff A B`: two plans side by side. A side is a plan file (parsed and extracted on the
// spot) when such a file exists, otherwise a document id or a district name in the index.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/compare_commands.h"
#include "cli/pipeline.h"
#include "compare/diff.h"
#include "index/index.h"
#include "render/diff_render.h"
#include "extract/target_record.h"
#include "ingest/ingest.h"
#include "tokenize/tokenize.h"

namespace guihua::cli {

Command AddDiffCommand(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand(
      "diff", "Two plans side by side: items matched/changed/added/removed, targets changed");
  struct Options {
    std::string a, b;
    std::vector<std::string> dbs;
    DiffOptions diff;
    std::string format = "table";
  };
  auto options = std::make_shared<Options>();
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

  return [options, &global]() {
    ReportFormat format;
    ParseReportFormat(options->format, &format);
    std::shared_ptr<const Extractor> extractor = LoadExtractor(global);
    if (!extractor) return 2;
    std::unique_ptr<StructureParser> parser;
    std::unique_ptr<IndexReader> index;
    std::unique_ptr<NameResolver> names;
    auto side = [&](const std::string& name) -> StatusOr<PlanSide> {
      std::error_code ec;
      if (std::filesystem::is_regular_file(name, ec)) {
        if (!parser) parser = LoadStructureParser(global);
        if (!parser) return Status::Internal("the structure rules do not load");
        Diagnostics diag;
        auto plan = ReadPlan({parser.get(), extractor.get()}, name, &diag, MakeReadOptions(global));
        PrintDiagnostics(diag);
        if (!plan.ok()) return Status(plan.status().code(), name + ": " + plan.status().message());
        PrintDiagnostics(plan->extract_warnings);  // numbers that cannot be read, as extract shows
        std::vector<std::string> json;
        for (const Target& t : plan->targets) json.push_back(TargetRecordJson(plan->document, t));
        return SideFromDocument(plan->document, json);
      }
      if (!index) {
        std::vector<std::string> dbs = options->dbs;
        if (dbs.empty()) dbs.push_back("guihua-index");
        auto opened = IndexReader::Open(dbs);
        if (!opened.ok()) {
          return Status::NotFound("not a file, and the index does not open: " + opened.status().message());
        }
        index = std::move(*opened);
        auto tables = LoadNames(global, extractor);
        if (!tables) return Status::Internal("the rules do not load");
        names = std::make_unique<NameResolver>(tables, index.get());
      }
      auto document = names->Document(name);
      if (!document.ok()) return document.status();
      return SideFromIndex(*index, document->document);
    };
    auto a = side(options->a);
    if (!a.ok()) {
      PrintError("diff", a.status().message());
      return a.status().code() == StatusCode::kInternal ? 2 : 1;
    }
    auto b = side(options->b);
    if (!b.ok()) {
      PrintError("diff", b.status().message());
      return b.status().code() == StatusCode::kInternal ? 2 : 1;
    }
    auto tokenizer = Tokenizer::Create();
    if (!tokenizer.ok()) {
      PrintError("diff", tokenizer.status().message());
      return 2;
    }
    PlanDiff diff = DiffPlans(*a, *b, extractor->Indicators(), options->diff, tokenizer->get());
    std::cout << RenderPlanDiff(diff, format);
    return 0;
  };
}

}  // namespace guihua::cli
