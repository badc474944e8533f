// `guihua indicators`, `domains` and `documents`: the names that exist, so that a researcher never
// has to read rules/ or guess (names/listings.h; the API serves the same as JSON).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "names/listings.h"
#include "render/listings.h"

namespace guihua::cli {
namespace {

constexpr char kDefaultDb[] = "guihua-index";

void AddFormatOption(CLI::App* sub, std::string* format, Lang* lang) {
  sub->add_option("--format", *format, "table, csv or jsonl (tidy: docs/exports.md), json")
      ->check(CLI::IsMember({"table", "csv", "jsonl", "json"}))
      ->capture_default_str();
  AddLangOption(sub, lang);
}

// The plan and domain options as ids ("" stays ""); false after printing why not.
bool ResolvePlanAndDomain(const NameResolver& names, const std::string& command, std::string* plan,
                          std::string* domain) {
  for (auto [field, kind] : {std::pair{plan, NameKind::kPlan}, {domain, NameKind::kDomain}}) {
    if (field->empty()) continue;
    auto id = names.Resolve(kind, *field, *plan);
    if (!id.ok()) {
      PrintError(command, id.status().message());
      return false;
    }
    *field = *id;
  }
  return true;
}

}  // namespace

Command AddIndicatorsCommand(CLI::App* sub, const GlobalOptions& global) {
  struct Options {
    std::string plan, domain, db, format = "table";
    bool unknown = false;
    Lang lang = Lang::kZh;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("--plan", options->plan, "women or children (妇女, 儿童)");
  sub->add_option("--domain", options->domain, "Domain id or name, e.g. children.health, 儿童与健康");
  sub->add_option("--db", options->db, "Index folder: count the documents and values of each");
  sub->add_flag("--unknown", options->unknown,
                "The indicator phrases of values with no id in the index (needs --db), with counts");
  AddFormatOption(sub, &options->format, &options->lang);
  return [options, &global]() {
    auto tables = LoadNames(global);
    if (!tables) return 2;
    if (options->unknown && options->db.empty()) {
      PrintError("indicators", "--unknown lists what an index holds: name it with --db");
      return 1;
    }
    std::unique_ptr<IndexReader> index;
    if (!options->db.empty()) {
      auto opened = IndexReader::Open({options->db});
      if (!opened.ok()) {
        PrintError(opened.status().message());
        return 1;
      }
      index = std::move(*opened);
    }
    NameResolver names(tables, nullptr);
    if (!ResolvePlanAndDomain(names, "indicators", &options->plan, &options->domain)) return 1;
    ListFormat format;
    ParseListFormat(options->format, &format);
    if (options->unknown) {
      std::cout << RenderUnknownIndicators(
          ListUnknownIndicators(*index, options->plan, options->domain), format, options->lang);
    } else {
      std::cout << RenderIndicators(
          ListIndicators(*tables, index.get(), options->plan, options->domain), format,
          options->lang);
    }
    return 0;
  };
}

Command AddDomainsCommand(CLI::App* sub, const GlobalOptions& global) {
  struct Options {
    std::string plan, format = "table";
    Lang lang = Lang::kZh;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("--plan", options->plan, "women or children (妇女, 儿童)");
  AddFormatOption(sub, &options->format, &options->lang);
  return [options, &global]() {
    auto tables = LoadNames(global);
    if (!tables) return 2;
    NameResolver names(tables, nullptr);
    std::string domain;
    if (!ResolvePlanAndDomain(names, "domains", &options->plan, &domain)) return 1;
    std::vector<NamedValue> domains;
    for (const NamedValue& d : tables->Values(NameKind::kDomain)) {
      if (options->plan.empty() || d.plan == options->plan) domains.push_back(d);
    }
    ListFormat format;
    ParseListFormat(options->format, &format);
    std::cout << RenderDomains(domains, format, options->lang);
    return 0;
  };
}

Command AddDocumentsCommand(CLI::App* sub, const GlobalOptions&) {
  struct Options {
    std::vector<std::string> dbs;
    std::string format = "table";
    Lang lang = Lang::kZh;
  };
  auto options = std::make_shared<Options>();
  sub->add_option("--db", options->dbs, "Index folder or tcp://HOST:PORT (repeatable)")
      ->allow_extra_args(false);
  AddFormatOption(sub, &options->format, &options->lang);
  return [options]() {
    if (options->dbs.empty()) options->dbs.push_back(kDefaultDb);
    auto index = IndexReader::Open(options->dbs);
    if (!index.ok()) {
      PrintError(index.status().message());
      return 1;
    }
    ListFormat format;
    ParseListFormat(options->format, &format);
    std::cout << RenderDocuments((*index)->Files(), format, options->lang);
    return 0;
  };
}

}  // namespace guihua::cli
