// Throughput of the pipeline stages on the bundled corpus, repeated to 20+ MB per measurement:
// normalize alone, read+normalize+layout+structure (one document at a time, as the CLI does),
// parse+extract, and ICU tokenize (item texts, and whole files as one text).
// Run: make bench (or build/tools/bench/guihua_bench --benchmark_filter=…).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/extract.h"
#include "normalize/normalize.h"
#include "structure/structure.h"
#include "tokenize/tokenize.h"

namespace guihua {
namespace {

constexpr size_t kMinBytes = 20 << 20;

struct Corpus {
  std::vector<std::pair<std::string, std::string>> files;  // name, bytes
  size_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(GUIHUA_SOURCE_DIR "/corpus")) {
      if (e.path().extension() == ".txt") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream buf;
      buf << in.rdbuf();
      c.bytes += buf.str().size();
      c.files.emplace_back(p.filename().string(), buf.str());
    }
    return c;
  }();
  return corpus;
}

const StructureParser& Parser() {
  static std::unique_ptr<StructureParser> parser = [] {
    Diagnostics diag;
    auto p = StructureParser::Load(GUIHUA_SOURCE_DIR "/rules", &diag);
    if (!p.ok()) std::abort();
    return std::move(*p);
  }();
  return *parser;
}

// The corpus repeated until it holds kMinBytes: one pass of the benchmark loop.
template <typename Fn>
void OverRepeatedCorpus(benchmark::State& state, Fn&& fn) {
  const Corpus& corpus = LoadCorpus();
  size_t repeats = (kMinBytes + corpus.bytes - 1) / corpus.bytes;
  for (auto _ : state) {
    for (size_t r = 0; r < repeats; ++r) {
      for (const auto& [name, bytes] : corpus.files) fn(name, bytes);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * repeats * corpus.bytes));
}

void BM_Structure(benchmark::State& state) {
  OverRepeatedCorpus(state, [](const std::string& name, const std::string& bytes) {
    Diagnostics diag;
    auto source = DecodeSource(bytes, name);
    auto doc = Parser().Parse(std::move(*source), &diag);
    benchmark::DoNotOptimize(doc);
  });
}
BENCHMARK(BM_Structure)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// Normalize on each file's decoded text (was NormalizeTest.ThroughputLog).
void BM_Normalize(benchmark::State& state) {
  std::vector<std::string> texts;
  size_t text_bytes = 0;
  for (const auto& [name, bytes] : LoadCorpus().files) {
    texts.push_back(DecodeSource(bytes, name)->text);
    text_bytes += texts.back().size();
  }
  size_t repeats = (kMinBytes + text_bytes - 1) / text_bytes;
  for (auto _ : state) {
    for (size_t r = 0; r < repeats; ++r) {
      for (const std::string& t : texts) benchmark::DoNotOptimize(Normalize(t));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * repeats * text_bytes));
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

const Extractor& TheExtractor() {
  static std::unique_ptr<Extractor> extractor = [] {
    Diagnostics diag;
    auto e = Extractor::Load(GUIHUA_SOURCE_DIR "/rules", &diag);
    if (!e.ok()) std::abort();
    return std::move(*e);
  }();
  return *extractor;
}

// Parse + extract, a document at a time: what `guihua extract` does per file.
void BM_ParseExtract(benchmark::State& state) {
  size_t targets = 0;
  OverRepeatedCorpus(state, [&](const std::string& name, const std::string& bytes) {
    Diagnostics diag;
    auto doc = Parser().Parse(std::move(*DecodeSource(bytes, name)), &diag);
    targets += TheExtractor().ExtractDocument(*doc).size();
  });
  state.counters["targets"] = static_cast<double>(targets);
}
BENCHMARK(BM_ParseExtract)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_Tokenize(benchmark::State& state) {
  auto tokenizer = Tokenizer::Create();
  // Tokenize what the indexer will: the item texts of every document.
  std::vector<std::string> texts;
  size_t text_bytes = 0;
  for (const auto& [name, bytes] : LoadCorpus().files) {
    Diagnostics diag;
    auto doc = Parser().Parse(*DecodeSource(bytes, name), &diag);
    for (const Plan& plan : doc->plans) {
      for (const Section& s : plan.sections) {
        for (const Item& item : s.items) {
          texts.push_back(item.text);
          text_bytes += item.text.size();
        }
      }
    }
  }
  size_t repeats = (kMinBytes + text_bytes - 1) / text_bytes;
  for (auto _ : state) {
    for (size_t r = 0; r < repeats; ++r) {
      for (const std::string& t : texts) benchmark::DoNotOptimize((*tokenizer)->Tokenize(t));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * repeats * text_bytes));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

// The whole corpus as one text (was TokenizerTest.ReportsThroughput): long inputs, few calls.
void BM_TokenizeFiles(benchmark::State& state) {
  auto tokenizer = Tokenizer::Create();
  std::string corpus;
  for (const auto& [name, bytes] : LoadCorpus().files) corpus += bytes;
  (*tokenizer)->Tokenize(corpus);  // warm up: the CJK dictionary is loaded on first use
  size_t tokens = 0;
  for (auto _ : state) tokens = (*tokenizer)->Tokenize(corpus).size();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_TokenizeFiles)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

}  // namespace
}  // namespace guihua

BENCHMARK_MAIN();
