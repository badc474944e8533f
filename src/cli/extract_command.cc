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

// The rule sets of a run, loaded on a second thread while the first file is read and normalized
// (which needs no rules) and then parsed: the structure rules first, with the layout's shared
// automaton that the parse needs first, then the extraction rules. In a cold run of one plan the
// two loads and the parse were each about a third of the time before the extraction. The loading
// ends before the parse does, so that thread then compiles the rules' patterns (as the
// extraction's first uses would) until the first file is parsed; each rule set is handed over as
// soon as it is loaded, so that nobody waits for the compiling.
class Stages {
 public:
  explicit Stages(const GlobalOptions& global)
      : global_(global),
        parser_pending_(parser_loaded_.get_future()),
        pending_(loaded_.get_future()),
        loader_([this] {
          auto parser = StructureParser::Load(global_.rules_dir, &rule_diag_);
          const StructureParser* structure = parser.ok() ? parser->get() : nullptr;
          parser_loaded_.set_value(std::move(parser));
          if (structure) structure->CompilePatterns();
          auto loaded = Extractor::Load(global_.rules_dir, &extractor_diag_);
          const Extractor* extractor = loaded.ok() ? loaded->get() : nullptr;
          loaded_.set_value(std::move(loaded));
          if (extractor) extractor->CompilePatterns(parsed_);
        }) {}

  ~Stages() {
    parsed_.store(true, std::memory_order_relaxed);
    loader_.join();
  }

  // The structure parser, waited for; null when it failed to load (extractor() prints why).
  const StructureParser* parser() {
    if (!parser_) parser_.emplace(parser_pending_.get());
    return parser_->ok() ? parser_->value().get() : nullptr;
  }

  // The extractor, waited for; null (after printing the problems of both rule sets) when either
  // failed to load.
  const Extractor* extractor() {
    if (!extractor_) {
      parser();
      parsed_.store(true, std::memory_order_relaxed);
      extractor_.emplace(pending_.get());
      rule_diag_.Append(extractor_diag_);
    }
    if (parser_->ok() && extractor_->ok()) return extractor_->value().get();
    PrintDiagnostics(rule_diag_);
    PrintError(global_.rules_dir,
               !parser_->ok() ? parser_->status().message() : extractor_->status().message());
    return nullptr;
  }

  void KeepUntilExit() {
    cli::KeepUntilExit(std::move(parser_->value()));
    cli::KeepUntilExit(std::move(extractor_->value()));
  }

 private:
  const GlobalOptions& global_;
  Diagnostics rule_diag_, extractor_diag_;  // written by the loading thread until it hands over
  std::atomic<bool> parsed_{false};  // the first file is parsed: stop compiling ahead
  std::promise<StatusOr<std::unique_ptr<StructureParser>>> parser_loaded_;
  std::future<StatusOr<std::unique_ptr<StructureParser>>> parser_pending_;
  std::promise<StatusOr<std::unique_ptr<Extractor>>> loaded_;
  std::future<StatusOr<std::unique_ptr<Extractor>>> pending_;
  std::thread loader_;
  std::optional<StatusOr<std::unique_ptr<StructureParser>>> parser_;
  std::optional<StatusOr<std::unique_ptr<Extractor>>> extractor_;
};

// One file read and parsed; its parse warnings are not printed here (`guihua parse` shows them).
// Null when the rules failed to load.
std::optional<StatusOr<Document>> ParseOne(Stages& stages, const std::string& file,
                                           const ReadOptions& read) {
  auto prepared = StructureParser::PrepareFile(file, read.max_file_size);
  const StructureParser* parser = stages.parser();
  if (!parser) return std::nullopt;
  if (!prepared.ok()) return StatusOr<Document>(prepared.status());
  Diagnostics diag;
  return parser->ParseFile(std::move(*prepared), &diag, read.parse);
}

int RunExtract(const ExtractOptions& options, const GlobalOptions& global) {
  Stages stages(global);
  TargetFormat format = TargetFormat::kJsonl;
  ParseTargetFormat(options.format, &format);
  TargetWriter writer(format, &std::cout, options.lang);
  int failures = 0;
  ReadOptions read = MakeReadOptions(global, options.kind);
  read.parse.targets_only = true;  // the parse's metadata and warnings are not printed here
  for (const std::string& file : options.files) {
    std::optional<StatusOr<Document>> doc = ParseOne(stages, file, read);
    const Extractor* extractor = stages.extractor();  // prints the problems of both rule sets
    if (!doc || !extractor) return 2;  // before anything of the first file is printed
    if (!doc->ok()) {
      PrintError(file, doc->status().message());
      ++failures;
      continue;
    }
    // Numbers that cannot be read whole are warned about.
    Diagnostics warnings;
    std::vector<Target> targets = extractor->ExtractDocument(**doc, &warnings, kExtractThreads);
    writer.Add(**doc, targets);
    PrintDiagnostics(warnings);
  }
  if (!stages.extractor()) return 2;
  writer.Finish();
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
