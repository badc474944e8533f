// `guihua score GOLD.jsonl PRED.jsonl`: precision, recall and F1 of extracted values per kind against
// a gold annotation file (GUIDE.md), comparator / indicator_id accuracy, and all values' kind and year.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "extract/extract.h"
#include "extract/score.h"

namespace guihua::cli {
namespace {

struct Options {
  std::string gold, predicted;
  bool details = false;
};

// A gold or predicted row as --details lists it: where, kind, plan, indicator, comparator, value.
std::string RowText(const std::string& file, const ScoreRow& r) {
  return file + ":" + std::to_string(r.line) + "  " + r.kind + " " + r.plan + " " + r.indicator +
         " " + r.comparator + " " + (r.value ? std::to_string(*r.value) : "null") + " " + r.unit;
}

// What --details lists: gold rows missed, wrong indicator ids, wrong kinds, spurious predictions.
void PrintDetails(const Options& options, const ScoreReport& report, const ValueReport& values) {
  for (const ScoreRow& r : report.missed) std::cout << "missed   " << RowText(options.gold, r) << "\n";
  for (const auto& [g, p] : report.wrong_indicator) {
    std::cout << "id       " << options.gold << ":" << g.line << "  " << g.indicator << " ["
              << g.indicator_id.value_or("") << "]  predicted " << p.indicator << " ["
              << p.indicator_id.value_or("") << "]\n";
  }
  for (const auto& [g, p] : values.wrong_kind) {
    std::cout << "kind     " << options.gold << ":" << g.line << "  " << g.kind << " "
              << g.indicator << "  predicted " << p.kind << "\n";
  }
  for (const ScoreRow& r : report.spurious) {
    std::cout << "spurious " << RowText(options.predicted, r) << "  " << r.quote << "\n";
  }
}

int Run(const Options& options, const GlobalOptions& global) {
  auto gold = ReadScoreRows(options.gold);
  if (!gold.ok()) {
    PrintError(options.gold, gold.status().message());
    return 1;
  }
  auto predicted = ReadScoreRows(options.predicted);
  if (!predicted.ok()) {
    PrintError(options.predicted, predicted.status().message());
    return 1;
  }
  Diagnostics diag;
  auto extractor = Extractor::Load(global.rules_dir, &diag);
  if (!extractor.ok()) {
    for (const Diagnostic& d : diag.all()) std::cerr << d.ToString() << "\n";
    PrintError(global.rules_dir, extractor.status().message());
    return 2;
  }
  ScoreReport report = Score(*gold, *predicted, extractor->get());
  std::cout << FormatScore(report);
  // All values whatever their kind: recall of values a kind error would hide, kind and year right.
  ValueReport values = ScoreValues(*gold, *predicted, extractor->get());
  std::cout << FormatValueScore(values.score) << "\n";
  if (options.details) PrintDetails(options, report, values);
  return 0;
}

}  // namespace

Command AddScoreCommand(CLI::App* sub, const GlobalOptions& global) {
  auto options = std::make_shared<Options>();
  sub->add_option("gold", options->gold, "Gold annotations (JSONL, GUIDE.md fields)")->required();
  sub->add_option("predicted", options->predicted, "Output of `guihua extract --format jsonl`")
      ->required();
  sub->add_flag("--details", options->details, "List missed gold objects and spurious predictions");
  return [options, &global]() { return Run(*options, global); };
}

}  // namespace guihua::cli
