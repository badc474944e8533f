// Stage 7, index: a Xapian database of plan items (goals, measures, other paragraphs) with boolean
// facets, and the targets of each file, so that search and compare need nothing but the index.
// Every item is a Xapian document; its terms are the character bigrams of its working text (no
// positions: a phrase is checked against the stored text instead, which keeps the index small and
// makes phrases exact across the original line wraps). The folder holds generations of the
// database (see internal/generations.h). Xapian stays out of this header.
#ifndef GUIHUA_INDEX_INDEX_H_
#define GUIHUA_INDEX_INDEX_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "extract/extract.h"
#include "structure/document.h"

namespace guihua {

// What the index knows of one ingested file.
struct IndexedFile {
  std::string document;      // Document::id
  std::string file;          // path as given at ingest
  std::string content_hash;  // of the file's bytes: an unchanged file is skipped
  std::string kind;          // plan, report or text ("" in an index of an earlier ingest)
  // The first plan's title as printed, else the title of the plan a report is about; "" if none.
  std::string title;
  Region region;
  Period period;
  int plans = 0, items = 0, targets = 0;
  std::string revision;  // this ingest of the file; its items carry it (see internal/format.h)
};

// The fields of `doc`'s record that come from the document: id, file, kind, title, region,
// period (the counts, hash and revision are the writer's).
IndexedFile DocumentFileRecord(const Document& doc);

// The facet filters a search can carry; empty fields do not filter.
struct SearchFilters {
  std::string province, city, district, plan, domain, block, indicator, period;
  std::string kind;      // the document's kind: plan, report or text
  std::string document;  // a document id
  // Ranges: `year` ("2025") keeps the items of plans whose period covers it; `value` ("LO..HI",
  // "LO..", "..HI" or "N") the items with a target of the filtered indicator in that range.
  std::string year, value;
};

struct SearchRequest {
  std::string query;  // words, "phrases", AND / OR / NOT, ( ), and field:value filters
  SearchFilters filters;
  int limit = 10;
  int offset = 0;
  bool facets = false;
  // Check every candidate of a long literal, so that `total` is exact however many match (facets
  // imply it); without it, past verify_all_up_to candidates, `total` is a lower bound.
  bool exact_total = false;
  // Candidates of long literals are all checked when there are at most this many; above it
  // `total` is a lower bound (unless exact_total or facets).
  unsigned verify_all_up_to = 2000;
  // "relevance" (or ""); "period": newest plan period first; "value" / "value-desc": by the target
  // value of the filtered indicator, lowest / highest first, items without one left out. Ties go
  // by relevance.
  std::string sort = "relevance";
  // Items whose text is the same (the same normalized text: plans copy the national outline word
  // for word) come as one hit, the first in the order asked for, with SearchHit::same_text filled;
  // offset and limit count these hits. Off here, for callers that list items (compare, progress);
  // the CLI, the API and the Python module turn it on unless asked not to.
  bool collapse = false;
  // Called on the filters of the query and on `filters`, each before they are combined, to turn
  // the names a user typed (district:北关, 十四五) into the values the index holds, or to refuse
  // them (names/names.h: NameResolver::ResolveFilters). None: values are taken as given.
  std::function<Status(SearchFilters*)> resolve_filters;
};

struct SearchHit {
  int rank = 0;  // 1-based, over the whole result
  double score = 0;
  std::string document, file, province, city, district, plan, domain, domain_id, block;
  std::string document_kind;  // plan, report or text ("" in an index of an earlier ingest)
  Period period;              // the document's period, from its file record
  int item = 0;  // the printed list number, 0 for an unnumbered paragraph
  int line = 0, end_line = 0;
  std::string text;                             // the item as printed (whitespace removed)
  std::vector<std::pair<size_t, size_t>> marks;  // byte ranges of `text` that matched
  // What the hits were sorted by, when not by relevance: the period ("2021-2030") or the target
  // value ("98").
  std::string sort_key;
  // With SearchRequest::collapse: how many items of the whole match set print this text (1: only
  // this one), and their districts, each once, in the order of their document ids (a document
  // without a district by its id). 0 and none when not collapsed, or for an item ingested before same-text keys.
  int same_text = 0;
  std::vector<std::string> same_text_districts;
};

struct SearchResult {
  std::string query;
  size_t total = 0;         // number of matching items
  bool total_exact = true;  // false: `total` is a lower bound (the matches found so far)
  // With SearchRequest::collapse and an index with same-text keys (`collapsed`): the number of
  // different texts among the matches, i.e. of hits to page through; `total` stays the items.
  bool collapsed = false;
  size_t wordings = 0;
  bool wordings_exact = true;  // false: a lower bound
  std::vector<SearchHit> hits;
  // facet name (district, domain, block) → value → count over the whole match set
  std::map<std::string, std::map<std::string, int>> facets;
};

// A file's items made into index documents, ready for IndexWriter::Add: the costly half of adding
// a file, which needs no database, so that it can run on another thread than the writer.
class IndexBatch {
 public:
  // The targets are stored as their target records (extract/target_record.h); their indicator
  // ids become facet terms of the items they come from.
  static IndexBatch Make(const Document& doc, const std::vector<Target>& targets,
                         const std::string& content_hash);
  // The same with the records given: `target_json[i]` is targets[i]'s record as written.
  static IndexBatch Make(const Document& doc, const std::vector<Target>& targets,
                         const std::vector<std::string>& target_json,
                         const std::string& content_hash);
  IndexBatch(IndexBatch&&) noexcept;
  IndexBatch& operator=(IndexBatch&&) noexcept;
  ~IndexBatch();

 private:
  friend class IndexWriter;
  struct Impl;
  explicit IndexBatch(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class IndexWriter {
 public:
  // Opens or creates the database at `path`. A database another process writes to gives
  // InvalidInput "index is locked by another process".
  static StatusOr<std::unique_ptr<IndexWriter>> Open(const std::string& path);
  ~IndexWriter();

  // The stored record of `document`, if it is in the index.
  StatusOr<IndexedFile> Find(const std::string& document) const;

  // Replaces everything stored for doc.id by `doc`'s items and its targets, atomically: a file is
  // in the index whole or not at all. The replaced items are left out of searches at once and
  // dropped from the database at the next purge (see Compact). The file becomes durable and
  // visible to readers at the next Commit(), which the caller makes every few files: a commit per
  // file costs a write of every B-tree block the file touched, and a commit every hundred files
  // lets Xapian's in-memory posting changes grow slow (measured on 1,000 plans, index format 5:
  // 2.3 MB/s committing every 2 files, 2.7–2.9 every 4, 3.0–3.2 every 8, 2.9 every 16, 2.5–2.6
  // every 32). The arguments are those of IndexBatch::Make.
  Status Add(const Document& doc, const std::vector<Target>& targets,
             const std::string& content_hash);
  Status Add(const Document& doc, const std::vector<Target>& targets,
             const std::vector<std::string>& target_json, const std::string& content_hash);
  Status Add(IndexBatch batch);
  // The same, a new document going to shard `new_shard` (modulo the shards) when threads write,
  // rather than by the hash of its id: ingest cuts a large run into consecutive files per shard,
  // so that the merge numbers documents in file order. A document the index holds goes where it is.
  Status Add(IndexBatch batch, size_t new_shard);

  // Removes a file by its document id or its path as ingested, and commits; NotFound when neither
  // is indexed.
  StatusOr<int> Remove(const std::string& document_or_file);

  // Makes every file added so far durable and visible; when it fails, the files not committed
  // are told by TakeFailures (on one thread: all of them). Remove commits by itself.
  Status Commit();

  // Writes the files added from now on into `shards` shard databases on at most kLargeRunShards
  // threads, shard k on thread k % kLargeRunShards (ingest of a large run: LargeRunShards, see
  // there): a file goes to the shard that holds its document already, else by a hash of its
  // document id. Add then hands the file to its shard's thread and returns (only a record that
  // cannot be stored fails at once), and each thread commits a shard by itself every
  // `files_per_commit` of its files and when it turns to another; Commit() waits for them all, and
  // TakeFailures tells the files that failed meanwhile. Searches see the shards as one database
  // (the folder's stub lists them); the next Compact merges them into one, and CompactIfGrown
  // does so whenever there are several. Without this call, files are added on the caller's
  // thread, as before.
  Status UseWriterThreads(int shards, int files_per_commit);
  // How ingest writes a large run (and the benchmark's index-only build): four shards on a
  // two-core machine, each committing every 4 of its files. Xapian's writer is bound by memory
  // (its in-memory posting changes are std::maps, and a commit rewrites each B-tree block that a
  // changed term lives in), so four smaller databases with smaller batches cost less CPU than two
  // (measured on 1,000 generated plans: see docs/search.md, "Ingest on both cores").
  static constexpr int kLargeRunShards = 4;
  static constexpr int kLargeRunFilesPerCommit = 4;
  // The shards of a large run of `bytes` of files: kLargeRunShards per kLargeRunBytesPerRound,
  // written a round at a time (shard k by thread k % kLargeRunShards). A commit rewrites the B-tree
  // block of each changed term, a block per term in a large database: shards of about 10 MB (16 at
  // 1,000 plans) keep commits cheap, as Lucene's small segments do. Past kMaxLargeRunShards (about
  // 2.5 GB of files) the shards grow again: 64 of about 23 MB at 10,000 plans.
  static int LargeRunShards(uint64_t bytes);
  static constexpr uint64_t kLargeRunBytesPerRound = 40'000'000;
  static constexpr int kMaxLargeRunShards = 64;  // each holds a few open files until the merge

  // The files that are not in the index although Add took them, since the last call, as (file,
  // message): failed on a writer thread, or not committed.
  std::vector<std::pair<std::string, std::string>> TakeFailures();

  // The number of files (documents) the index holds.
  size_t Documents() const;

  // Commits, then rewrites the index compactly as a new generation of the folder (Xapian's
  // compaction: tables full, no free space left by incremental updates, often a third smaller)
  // and makes it current. Readers switch at their next reopen. Takes a few seconds per GB, or,
  // when files were replaced or removed since the last purge, the time to index the rest again.
  // `termlist`: whether the new generation keeps Xapian's termlist table (unset: as now). An
  // index is made without one, which makes it 40% smaller and ingest faster; a shard to be
  // served by xapian-tcpsrv needs one, because Xapian's remote protocol reads a document's values
  // through it.
  Status Compact(std::optional<bool> termlist = std::nullopt);

  // Compact() when the index has grown by a quarter or more since its last compaction, when a
  // quarter or more of its items belong to files since replaced or removed, or when it has
  // several shards: a large ingest leaves a compact index of one database, and adding or
  // replacing one file in a large index stays quick.
  Status CompactIfGrown();

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  Status AddTo(IndexBatch batch, std::optional<size_t> new_shard);
  std::unique_ptr<Impl> impl_;
};

class IndexReader {
 public:
  // Opens one or more databases searched as one: local folders, or "tcp://HOST:PORT" for a shard
  // served by xapian-tcpsrv.
  static StatusOr<std::unique_ptr<IndexReader>> Open(const std::vector<std::string>& databases);
  ~IndexReader();

  // Bad query syntax is InvalidInput with a message naming the problem.
  StatusOr<SearchResult> Search(const SearchRequest& request) const;

  std::vector<IndexedFile> Files() const;

  // The target JSON objects stored for `document` (all files when empty).
  std::vector<std::string> Targets(const std::string& document = "") const;

  // Picks up changes committed by a writer since Open (or the last Reopen).
  void Reopen();

  // For a reader that answers many searches (the server, the Python module): facets and the same
  // texts of hits are then read from a table of every item's codes, made by the first search of
  // each index revision (about 0.7 G instructions at 1,000 plans) and shared by the process's
  // readers, instead of from Xapian match by match. Off by default: a process that searches once
  // (the CLI) would spend more on making the table than on its search. The answers are the same.
  void UseItemTable(bool on);

  // For a long-lived reader (the server, the Python module, a benchmark's query process) of one
  // local database: the posting lists of its commonest terms, those of `min_frequency` items or
  // more, commonest first within `budget_mb` (3 bytes a posting), are decoded into memory by a
  // background thread, once per index revision and shared by the process's readers (dropped when
  // they have all reopened another). Conjunctions of words then skip through them by galloping
  // search, where Xapian decodes each 2 KB chunk entry by entry. Searches before the decoding
  // has ended read Xapian. The answers are the same. Off by default: a CLI search would wait.
  void DecodeCommonPostings(size_t budget_mb = kCommonPostingsMb, uint32_t min_frequency = 1000);
  static constexpr size_t kCommonPostingsMb = 256;

  // Waits for DecodeCommonPostings' decoding to end; what it holds ("N terms, N postings, N MB,
  // decoded in N s"), or "" when none (not asked, or the database moved on meanwhile).
  std::string AwaitCommonPostings() const;

  // Names the revision this reader sees (each shard's id and revision): two readers with the same
  // version answer every request alike. "" when a shard cannot tell (an old remote server).
  std::string Version() const;

 private:
  struct Impl;
  explicit IndexReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guihua

#endif  // GUIHUA_INDEX_INDEX_H_
