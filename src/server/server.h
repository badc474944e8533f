// `guihua serve`: an HTTP server answering the JSON API of the index (search, targets, compare,
// documents, stats, compare downloads) over a read-only index that a concurrent ingest may grow,
// and the page at / with its files at /assets/NAME (embedded in the binary; nothing else is served).
// cpp-httplib stays out of this header.
//
// API (GET only; every error is {"error": "..."} with 400, 404 or 405):
//   /api/search?q=&province=&city=&district=&plan=&domain=&block=&indicator=&period=&limit=&offset=&facets=1&exact=1
//       SearchResultToJson, the object of `guihua search --format json`, except that snippets mark
//       matches with <mark>…</mark> and are HTML-escaped (ready for a page) instead of «…».
//   /api/targets?document=&district=&plan=&domain=&indicator=&kind=   {"total": N, "targets":
//   [...]}
//       the stored target objects (`guihua extract --format jsonl`), file order.
//   /api/compare?indicator=a,b&district=x,y&against=&domain=&plan=&all=1&baselines=1
//       RenderTargetTable json (`guihua compare targets --format json`); `against` is an indexed
//       document id or district (never a file: no URL reaches the file system).
//   /api/indicators?plan=&domain=   /api/domains?plan=   /api/documents   the listings of
//       names/listings.h as `guihua indicators|domains|documents --format json` writes them.
//   Every parameter that takes a name (district=北关, period=十四五, domain=儿童与家庭) is resolved by
//   names/names.h; one that names nothing is a 400 with the CLI's one-line message.
//   /api/documents/{id}   the document's plans → domains → items (block, item, text, line,
//   end_line) /api/stats            StatsJson /api/export/compare.{csv,xlsx,html}?…   the compare
//   table as a download (same parameters).
//   /api/progress?district=a,b&plan=&indicator=a,b&domain=&year=   RenderProgress json (`guihua
//   progress --format json`); /api/export/progress.{csv,xlsx,html}?…   the same as a download.
#ifndef GUIHUA_SERVER_SERVER_H_
#define GUIHUA_SERVER_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "extract/extract.h"
#include "names/names.h"
#include "progress/progress.h"

namespace guihua {

struct ServerOptions {
  std::vector<std::string> databases = {"guihua-index"};  // opened read-only
  std::string host = "127.0.0.1";
  int port = 8080;                        // 0: any free port (read it back with Server::port())
  int threads = 0;  // searches at once (index readers); 0: the machine's cores, at least 2
  size_t cache_bytes = 64 << 20;          // answers cached per index version; 0: no cache
  // The common posting lists decoded in memory per index version, in MB (index.h's
  // IndexReader::DecodeCommonPostings; 256 is its kCommonPostingsMb); 0: searches read Xapian's.
  size_t postings_mb = 256;
  // The names of the rules (names/names.h): the dictionary for compare, and the resolver's tables.
  std::shared_ptr<const NameTables> names;
  // rules/progress.rules for /api/progress (progress/progress.h); null: that route answers 500.
  std::shared_ptr<const ProgressRules> progress;
};

class Server {
 public:
  // Opens the index and binds the socket; nothing is served until Run().
  static StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options);
  ~Server();

  int port() const;
  std::string url() const;  // http://HOST:PORT/

  // Serves until Stop(); returns an error when listening fails.
  Status Run();

  // Makes Run() return. Safe from any thread (not from a signal handler: call it from a thread
  // that waits for the signal).
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guihua

#endif  // GUIHUA_SERVER_SERVER_H_
