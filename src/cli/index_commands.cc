// `guihua search`, `stats`, `remove` and `compact`: the commands that read the index or take files
// out of it.
// (`ingest` is in ingest_command.cc.)
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "index/index.h"
#include "render/search_results.h"
#include "render/tidy.h"
#include "render/targets.h"

namespace guihua::cli {
namespace {

constexpr char kDefaultDb[] = "guihua-index";
constexpr int kMaxLimit = 1000;

// Opens the databases (the default index when none is named), or says why not and returns null.
std::unique_ptr<IndexReader> OpenReader(std::vector<std::string>& dbs) {
  if (dbs.empty()) dbs.push_back(kDefaultDb);
  auto reader = IndexReader::Open(dbs);
  if (!reader.ok()) {
    PrintError(reader.status().message());
    return nullptr;
  }
  return std::move(*reader);
}

// Whether `f` has a filter whose value is a name to resolve (year and value are not names).
bool HasNameFilter(const SearchFilters& f) {
  for (const std::string* v : {&f.province, &f.city, &f.district, &f.plan, &f.domain, &f.block,
                               &f.indicator, &f.period, &f.kind, &f.document}) {
    if (!v->empty()) return true;
  }
  return false;
}

// The search, page by page: one page, or with `all` every page until the matches run out. Tidy
// formats (csv, jsonl) are written to stdout page by page, so that --all streams; the other formats
// get the pages gathered into one result.
StatusOr<SearchResult> SearchPages(const IndexReader& reader, SearchRequest request,
                                   const std::string& format, bool all) {
  std::optional<TidyWriter> writer;
  TidyFormat tidy;
  if (ParseTidyFormat(format, &tidy)) writer.emplace(tidy, SearchHitColumns(), &std::cout);
  if (all) {
    // Each page matches again up to its end (Xapian has no cursor), so pages are large.
    request.limit = 5000;
    request.offset = 0;
  }
  SearchResult gathered;
  while (true) {
    auto page = reader.Search(request);
    if (!page.ok()) return page.status();
    if (writer) WriteSearchHits(page->hits, *writer);
    const size_t n = page->hits.size();
    if (gathered.hits.empty() && request.offset == 0) {
      gathered = std::move(*page);
      if (writer) gathered.hits.clear();
    } else if (!writer) {
      for (SearchHit& h : page->hits) gathered.hits.push_back(std::move(h));
    }
    if (!all || n < static_cast<size_t>(request.limit) || n == 0) break;
    request.offset += request.limit;
  }
  return gathered;
}

void AddDbOption(CLI::App* sub, std::string* db) {
  sub->add_option("--db", *db, "Index folder")->capture_default_str();
}

struct SearchOptions {
  std::string query;
  std::vector<std::string> dbs;
  SearchRequest request;
  std::string format = "table";
  bool all = false;
  Lang lang = Lang::kZh;
  bool no_collapse = false;
};

void DeclareSearchOptions(CLI::App* sub, SearchOptions* options) {
  sub->add_option("query", options->query,
                  "Words, \"phrases\", AND/OR/NOT, ( ), field:value (district:北关区 domain:children.family); "
                  "none: every item the filters keep");
  // One value per --db, so that the query after it is not taken for a second database.
  sub->add_option("--db", options->dbs, "Index folder or tcp://HOST:PORT; repeat to search shards as one")
      ->allow_extra_args(false);
  SearchFilters& f = options->request.filters;
  // Every name option takes the id, the Chinese name or a short form (names/names.h).
  sub->add_option("--province", f.province, "e.g. 河南省, 河南");
  sub->add_option("--city", f.city, "e.g. 安阳市, 安阳");
  sub->add_option("--district", f.district, "e.g. 北关区, 北关, 昆区");
  sub->add_option("--plan", f.plan, "women or children (妇女, 儿童)");
  sub->add_option("--kind", f.kind, "Documents of this kind: plan, report or text (规划, 监测报告)");
  sub->add_option("--domain", f.domain, "Domain id or name, e.g. women.health, 儿童与家庭");
  sub->add_option("--block", f.block, "goal, measure or other (主要目标, 策略措施)");
  sub->add_option("--indicator", f.indicator, "Indicator id or name, e.g. maternal_mortality, 孕产妇死亡率");
  sub->add_option("--period", f.period, "e.g. 2021-2030, 2021—2030年, 十四五");
  sub->add_option("--year", f.year, "Plans whose period covers this year, e.g. 2025");
  sub->add_option("--value", f.value, "Target value of --indicator: LO..HI, LO.., ..HI or N");
  sub->add_option("--sort", options->request.sort, "period: newest first; value(-desc): by --indicator's target")
      ->check(CLI::IsMember({"relevance", "period", "value", "value-desc"}))
      ->capture_default_str();
  sub->add_option("--limit", options->request.limit)->check(CLI::Range(0, kMaxLimit))->capture_default_str();
  sub->add_option("--offset", options->request.offset)->check(CLI::NonNegativeNumber);
  sub->add_flag("--facets", options->request.facets, "Counts per district, domain and block");
  sub->add_flag("--exact", options->request.exact_total,
                "Count every match exactly (a large total is otherwise estimated)");
  sub->add_option("--format", options->format,
                  "table, json, or csv / jsonl (one row per hit: docs/exports.md)")
      ->check(CLI::IsMember({"table", "json", "csv", "jsonl"}))
      ->capture_default_str();
  sub->add_flag("--no-collapse", options->no_collapse,
                "List each item, not one hit per text printed alike in several plans");
  sub->add_flag("--all", options->all,
                "Every hit, not one page (csv and jsonl stream them as they are found)");
  AddLangOption(sub, &options->lang);
}

int RunSearch(SearchOptions& options, const GlobalOptions& global) {
  auto reader = OpenReader(options.dbs);
  if (!reader) return 1;
  // The name tables are loaded only when a filter names something, and the indicator
  // dictionary (with every extraction rule) only when one names an indicator: a plain word
  // search starts in a few milliseconds, one filtered by district in a few more.
  std::optional<NameResolver> resolver;
  bool with_dictionary = false, rules_failed = false;
  options.request.resolve_filters = [&](SearchFilters* f) {
    if (!HasNameFilter(*f)) return Status::Ok();
    bool needs_dictionary = !f->indicator.empty();
    if (!resolver || (needs_dictionary && !with_dictionary)) {
      auto names = needs_dictionary ? LoadNames(global) : LoadNamesWithoutDictionary(global);
      if (!names) {
        rules_failed = true;
        return Status::Internal("the rules could not be loaded");
      }
      resolver.emplace(names, reader.get());
      with_dictionary = needs_dictionary;
    }
    return resolver->ResolveFilters(f);
  };
  options.request.query = options.query;
  options.request.collapse = !options.no_collapse;
  auto result = SearchPages(*reader, options.request, options.format, options.all);
  if (rules_failed) return 2;  // LoadNames has said why
  if (!result.ok()) {
    PrintError("search", result.status().message());
    return 1;
  }
  if (options.request.collapse && !result->collapsed) {
    std::cerr << "search: note: this index has no same-text keys, so texts printed alike are "
                 "not collapsed; ingest into a new folder to have them\n";
  }
  if (options.format == "csv" || options.format == "jsonl") return 0;  // written as found
  if (options.format == "json") {
    std::cout << SearchResultToJson(*result, {"«", "»", false}) << "\n";
  } else {
    bool tty = isatty(STDOUT_FILENO);
    std::cout << SearchResultToText(*result, tty ? SnippetStyle{"\x1b[1m", "\x1b[0m", false}
                                                 : SnippetStyle{"«", "»", false},
                                    options.lang);
  }
  return 0;
}

}  // namespace

Command AddSearchCommand(CLI::App* sub, const GlobalOptions& global) {
  auto options = std::make_shared<SearchOptions>();
  DeclareSearchOptions(sub, options.get());
  return [options, &global]() { return RunSearch(*options, global); };
}

Command AddStatsCommand(CLI::App* sub, const GlobalOptions&) {
  struct Options {
    std::vector<std::string> dbs;
    std::string format = "table";
    Lang lang = Lang::kZh;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("--db", options->dbs, "Index folder or tcp://HOST:PORT (repeatable)")->allow_extra_args(false);
  sub->add_option("--format", options->format)->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  AddLangOption(sub, &options->lang);
  return [options]() {
    auto reader = OpenReader(options->dbs);
    if (!reader) return 1;
    auto files = reader->Files();
    std::vector<std::string> targets = reader->Targets();
    std::cout << (options->format == "json" ? StatsJson(files, targets) + "\n"
                                            : StatsTable(files, targets, options->lang));
    return 0;
  };
}

Command AddRemoveCommand(CLI::App* sub, const GlobalOptions&) {
  struct Options {
    std::vector<std::string> targets;
    std::string db = kDefaultDb;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("files", options->targets, "Paths as ingested, or document ids")->required();
  AddDbOption(sub, &options->db);
  return [options]() {
    auto writer = IndexWriter::Open(options->db);
    if (!writer.ok()) {
      PrintError(writer.status().message());
      return 1;
    }
    int failures = 0;
    for (const std::string& t : options->targets) {
      auto removed = (*writer)->Remove(t);
      if (!removed.ok()) {
        PrintError(removed.status().message());
        ++failures;
      } else {
        std::cerr << "removed " << t << " (" << *removed << " items)\n";
      }
    }
    // The removed items are left out of searches at once; their space comes back when a quarter
    // of the index is removed or replaced, or at `guihua compact`.
    if (Status compacted = (*writer)->CompactIfGrown(); !compacted.ok()) {
      std::cerr << options->db << ": warning: not compacted: " << compacted.message() << "\n";
    }
    return failures == 0 ? 0 : 1;
  };
}

Command AddCompactCommand(CLI::App* sub, const GlobalOptions&) {
  struct Options {
    std::string db = kDefaultDb;
    bool termlist = false, no_termlist = false;
  };
  auto options = std::make_shared<Options>();
  AddDbOption(sub, &options->db);
  auto* with = sub->add_flag("--termlist", options->termlist,
                             "Keep Xapian's termlist table, which a shard served by xapian-tcpsrv "
                             "needs (about 40% larger)");
  sub->add_flag("--no-termlist", options->no_termlist, "Drop the termlist table (the default for "
                "a new index)")->excludes(with);
  return [options]() {
    const std::string& db = options->db;
    auto writer = IndexWriter::Open(db);
    if (!writer.ok()) {
      PrintError(writer.status().message());
      return 1;
    }
    std::optional<bool> termlist;
    if (options->termlist || options->no_termlist) termlist = options->termlist;
    auto start = std::chrono::steady_clock::now();
    if (Status compacted = (*writer)->Compact(termlist); !compacted.ok()) {
      PrintError(compacted.message());
      return 1;
    }
    std::fprintf(stderr, "compacted %s in %.1fs\n", db.c_str(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return 0;
  };
}

}  // namespace guihua::cli
