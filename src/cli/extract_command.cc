// `guihua extract FILE... [--format jsonl|csv|table]`: the numeric targets, baselines and
// direction goals of each plan file. A file that fails is reported as `FILE: cause`; the others
// still run, and the exit code is 1 at the end.
#include <CLI/CLI.hpp>

#include <atomic>
#include <future>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "render/targets.h"
#include "structure/structure.h"

namespace guihua::cli {
namespace {

// Threads that analyze a file's items: the machine's second core would idle otherwise.
constexpr int kExtractThreads = 2;

struct ExtractOptions {
  std::vector<std::string> files;
  std::string kind;
  std::string format = "jsonl";
  Lang lang = Lang::kZh;
};

// The rule sets of a run. The extraction rules load on a second thread while the structure rules
// load and the first file is parsed: in a cold run of one plan each of the two was about a third
// of the time. The loading takes less than the parse, so that thread then compiles the rules'
// patterns (as the extraction's first uses would) until the first file is parsed; the extractor
// is handed over as soon as it is loaded, so that nobody waits for the compiling.
class Stages {
 public:
  explicit Stages(const GlobalOptions& global)
      : global_(global),
        pending_(loaded_.get_future()),
        loader_([this] {
          auto loaded = Extractor::Load(global_.rules_dir, &extractor_diag_);
          const Extractor* extractor = loaded.ok() ? loaded->get() : nullptr;
          loaded_.set_value(std::move(loaded));
          if (extractor) extractor->CompilePatterns(parsed_);
        }),
        parser_(StructureParser::Load(global.rules_dir, &rule_diag_)) {}

  ~Stages() {
    parsed_.store(true, std::memory_order_relaxed);
    loader_.join();
  }

  const StructureParser* parser() const { return parser_.ok() ? parser_->get() : nullptr; }

  // The extractor, waited for; null (after printing the problems of both rule sets) when either
  // failed to load.
  const Extractor* extractor() {
    if (!extractor_) {
      parsed_.store(true, std::memory_order_relaxed);
      extractor_.emplace(pending_.get());
      rule_diag_.Append(extractor_diag_);
    }
    if (parser_.ok() && extractor_->ok()) return extractor_->value().get();
    PrintDiagnostics(rule_diag_);
    PrintError(global_.rules_dir,
               !parser_.ok() ? parser_.status().message() : extractor_->status().message());
    return nullptr;
  }

  void KeepUntilExit() {
    cli::KeepUntilExit(std::move(*parser_));
    cli::KeepUntilExit(std::move(extractor_->value()));
  }

 private:
  const GlobalOptions& global_;
  Diagnostics rule_diag_, extractor_diag_;
  std::atomic<bool> parsed_{false};  // the first file is parsed: stop compiling ahead
  std::promise<StatusOr<std::unique_ptr<Extractor>>> loaded_;
  std::future<StatusOr<std::unique_ptr<Extractor>>> pending_;
  std::thread loader_;
  StatusOr<std::unique_ptr<StructureParser>> parser_;
  std::optional<StatusOr<std::unique_ptr<Extractor>>> extractor_;
};

int RunExtract(const ExtractOptions& options, const GlobalOptions& global) {
  Stages stages(global);
  if (!stages.parser()) {
    stages.extractor();  // prints the problems of both rule sets
    return 2;
  }
  TargetFormat format = TargetFormat::kJsonl;
  ParseTargetFormat(options.format, &format);
  TargetWriter writer(format, &std::cout, options.lang);
  int failures = 0;
  ReadOptions read = MakeReadOptions(global, options.kind);
  read.parse.targets_only = true;  // the parse's metadata and warnings are not printed here
  for (const std::string& file : options.files) {
    Diagnostics diag;
    auto plan = ReadPlan({stages.parser(), nullptr}, file, &diag, read);
    const Extractor* extractor = stages.extractor();
    if (!extractor) return 2;  // before anything of the first file is printed
    if (!plan.ok()) {
      PrintError(file, plan.status().message());
      ++failures;
      continue;
    }
    plan->targets =
        extractor->ExtractDocument(plan->document, &plan->extract_warnings, kExtractThreads);
    // Numbers that cannot be read whole are warned about; the parse's own notes are not
    // repeated here (`guihua parse` shows them).
    writer.Add(plan->document, plan->targets);
    PrintDiagnostics(plan->extract_warnings);
  }
  if (!stages.extractor()) return 2;
  writer.Finish();
  std::cout.flush();
  stages.KeepUntilExit();
  return failures ? 1 : 0;
}

}  // namespace

Command AddExtractCommand(CLI::App* sub, const GlobalOptions& global) {
  auto options = std::make_shared<ExtractOptions>();
  sub->add_option("files", options->files, "Plan files")->required();
  AddKindOption(sub, &options->kind);
  sub->add_option("--format", options->format, "jsonl (one object per target), csv or table")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}))
      ->capture_default_str();
  AddLangOption(sub, &options->lang);
  return [options, &global]() { return RunExtract(*options, global); };
}

}  // namespace guihua::cli
