// The index writer: opening (with its lock and generations), IndexBatch (a file's items made into
// Xapian documents off the writer thread), Add and Remove in transactions, commits, writer threads
// into two shards, and Compact, which merges the shards and purges dead revisions by rebuilding
// the live items into a new generation.
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "common/hash.h"
#include "extract/target_record.h"
#include "index/index.h"
#include "index/internal/check_store.h"
#include "index/internal/format.h"
#include "index/internal/generations.h"
#include "index/internal/writer_faults.h"
#include "index/internal/writer_threads.h"

namespace guihua {

using internal::CheckFormat;
using internal::DeadItems;
using internal::DeadRevisions;
using internal::FileFromJson;
using internal::FileJson;
using internal::FileMetaKey;
using internal::FileTerms;
using internal::FromCurrentException;
using internal::FromXapian;
using internal::HasTermlist;
using internal::ItemData;
using internal::ItemDocument;
using internal::kCompactedKey;
using internal::kDeadItemsKey;
using internal::kDeadKey;
using internal::kDoc;
using internal::kFieldSep;
using internal::kFormat;
using internal::kFormatKey;
using internal::kRevisionPrefix;
using internal::MakeItemDocument;
using internal::MarkDead;
using internal::NewRevision;
using internal::OpenCheckStore;
using internal::PathMetaKey;
using internal::SectionsMetaKey;
using internal::SectionTable;
using internal::SplitData;
using internal::TargetsMetaKey;
using internal::Term;
using internal::WriteFlags;

namespace {

// The store of each shard folder, refused when it does not hold its shard's items.
StatusOr<std::vector<std::unique_ptr<internal::CheckStoreReader>>> OpenStores(
    const std::vector<Xapian::Database>& from, const std::vector<std::string>& folders) {
  std::vector<std::unique_ptr<internal::CheckStoreReader>> stores;
  for (size_t k = 0; k < from.size(); ++k) {
    stores.push_back(internal::CheckStoreReader::Open(folders[k]));
    const Xapian::docid last = from[k].get_lastdocid();
    if (last > 0 && (stores.back() == nullptr || !stores.back()->Holds(last))) {
      return Status::InvalidInput(internal::ShortStoreMessage(folders[k]));
    }
  }
  return stores;
}

// Writes the live items of the shards `from` (their folders `folders`) into a new database at
// `path`, indexed again from their stored data and text and their file's record; the items of
// dead revisions are left behind. Metadata is copied, less the list of the dead. `termlist`:
// whether the new database has a termlist table (and then its items keep their printed text: it
// is for xapian-tcpsrv, whose clients cannot read the store).
Status Rebuild(const std::vector<Xapian::Database>& from, const std::vector<std::string>& folders,
               const std::string& path, bool termlist) {
  auto stores = OpenStores(from, folders);
  if (!stores.ok()) return stores.status();
  Xapian::WritableDatabase to(path, Xapian::DB_CREATE_OR_OVERWRITE | WriteFlags(termlist));
  auto checks = internal::CheckStoreWriter::Open(path, 0);
  if (!checks.ok()) return checks.status();
  for (size_t k = 0; k < from.size(); ++k) {
    const Xapian::Database& shard = from[k];
    std::map<std::string, std::pair<IndexedFile, std::vector<std::string>>> files;  // by document
    std::map<std::string, SectionTable, std::less<>> sections;                      // by its key
    for (auto key = shard.metadata_keys_begin(); key != shard.metadata_keys_end(); ++key) {
      if (*key == kDeadKey || *key == kDeadItemsKey || *key == kCompactedKey) continue;
      std::string value = shard.get_metadata(*key);
      to.set_metadata(*key, value);
      if ((*key).rfind("file/", 0) == 0) {
        IndexedFile record = FileFromJson(value);
        std::vector<std::string> terms = FileTerms(record);
        std::string document = record.document;
        files.emplace(std::move(document), std::make_pair(std::move(record), std::move(terms)));
      } else if ((*key).rfind("sections/", 0) == 0) {
        sections.emplace(*key, SectionTable::FromStored(value));
      }
    }
    std::unordered_set<Xapian::docid> dead;
    for (const std::string& revision : DeadRevisions(shard)) {
      std::string term = Term(kRevisionPrefix, revision);
      for (auto p = shard.postlist_begin(term); p != shard.postlist_end(term); ++p) dead.insert(*p);
    }
    // The items' sections are in the tables copied above: indexed again, each keeps its place.
    auto sections_of = [&sections](const std::string& document) -> SectionTable& {
      return sections[SectionsMetaKey(document)];
    };
    for (auto p = shard.postlist_begin(""); p != shard.postlist_end(""); ++p) {
      if (dead.count(*p)) continue;
      std::string data = ItemData(shard.get_document(*p, Xapian::DOC_ASSUME_VALID),
                                  (*stores)[k]->Text(*p), sections_of);
      const std::string document(SplitData(data)[kDoc]);
      auto file = files.find(document);
      if (file == files.end()) continue;  // not expected: a live item has a live file
      ItemDocument item = MakeItemDocument(data, file->second.first, file->second.second,
                                           sections_of(document), nullptr, termlist);
      (*checks)->Add(to.add_document(item.doc), item.check_text);
    }
  }
  if (Status s = (*checks)->Flush(); !s.ok()) return s;
  to.commit();
  return Status::Ok();
}

// Merges the shards `from` (their folders `folders`) into one database at `path` with Xapian's
// compaction, which numbers the documents shard after shard, and their check-text stores into one
// numbered the same way (each distinct text once). A document holds its metadata in its own shard
// only, so no key clashes but the format's.
Status Merge(const std::vector<Xapian::Database>& from, const std::vector<std::string>& folders,
             const std::string& path) {
  auto stores = OpenStores(from, folders);
  if (!stores.ok()) return stores.status();
  Xapian::Database all;
  for (const Xapian::Database& shard : from) all.add_database(shard);
  all.compact(path, 0, internal::kCompactedBlockSize);
  auto merged = internal::CheckStoreWriter::Open(path, 0);
  if (!merged.ok()) return merged.status();
  // Xapian's renumbering: each shard's used docids, first to last, follow the previous shard's.
  Xapian::docid end = 0;
  for (size_t k = 0; k < from.size(); ++k) {
    const Xapian::Database& shard = from[k];
    if (shard.get_doccount() == 0) continue;
    Xapian::docid last = shard.get_lastdocid();
    Xapian::docid first = last == shard.get_doccount() ? 1 : *shard.postlist_begin("");
    for (Xapian::docid d = first; d <= last; ++d) (*merged)->Add(end + d - first + 1, (*stores)[k]->Text(d));
    end += last - first + 1;
  }
  if (Status s = (*merged)->Flush(); !s.ok()) return s;
  if (Xapian::Database(path).get_lastdocid() != end) {  // not expected: Xapian's numbering changed
    return Status::Internal(path + ": the merged shards are not numbered as their stores");
  }
  return Status::Ok();
}

// Writes the shards `from` (their folders `folders`) as the generation at `next_path`: with
// `purge`, their live items into a fresh database at `rebuilt_path` (`termlist`: with a termlist
// table), compacted into `next_path` with the same docids, so that its store still matches them;
// else one shard compacted, or several merged. What was written is removed when that fails.
Status WriteGeneration(const std::vector<Xapian::Database>& from,
                       const std::vector<std::string>& folders, const std::string& next_path,
                       const std::string& rebuilt_path, bool purge, bool termlist) {
  Status written = Status::Ok();
  std::error_code ec;
  if (purge) {
    written = Rebuild(from, folders, rebuilt_path, termlist);
    if (written.ok()) {
      Xapian::Database(rebuilt_path)
          .compact(next_path, Xapian::DBCOMPACT_NO_RENUMBER, internal::kCompactedBlockSize);
      written = internal::CopyCheckStore(rebuilt_path, next_path);
    }
    std::filesystem::remove_all(rebuilt_path, ec);
  } else if (from.size() == 1) {
    Xapian::Database(from[0]).compact(next_path, Xapian::DBCOMPACT_NO_RENUMBER,
                                      internal::kCompactedBlockSize);
    written = internal::CopyCheckStore(folders[0], next_path);
  } else {
    written = Merge(from, folders, next_path);
  }
  if (!written.ok()) std::filesystem::remove_all(next_path, ec);
  return written;
}

}  // namespace

// ---- Writer ----

namespace {

// What adding one file writes: its record (and file_json, its JSON), items, targets and sections.
struct FileChanges {
  IndexedFile record;
  std::vector<ItemDocument> items;
  std::string targets_text;
  std::string sections_text;
  std::string file_json;
};

// One shard database of the current generation (internal/generations.h): the generation's only
// one, or one of several while an ingest writes on the writer threads.
struct Shard {
  std::string folder;
  Xapian::WritableDatabase db;
  // The texts of `db`'s items (their one copy).
  std::unique_ptr<internal::CheckStoreWriter> checks;
  // A database with a termlist is for xapian-tcpsrv, whose clients cannot read the store: its
  // items keep their printed text in Xapian.
  bool keep_printed = false;
  // The files added since the last commit, kept until it: a failed add loses them (see AddFile)
  // and they are added again.
  std::vector<std::shared_ptr<const FileChanges>> pending;

  // Opens the store of the shard.
  Status OpenChecks() {
    keep_printed = HasTermlist(folder);
    auto opened = OpenCheckStore(folder, db);
    if (!opened.ok()) return opened.status();
    checks = std::move(*opened);
    return Status::Ok();
  }

  // The store first, so that every item Xapian commits has its text written; a store that cannot
  // be written stops the commit (thrown, as Xapian's own failures are, to CommitShard).
  void Commit() {
    if (Status s = checks->Flush(); !s.ok()) throw std::runtime_error(s.message());
    db.commit();
    pending.clear();
  }
};

// A stable spread of new documents over the shards: FNV-1a of the id.
size_t ShardHash(const std::string& document) {
  return static_cast<size_t>(Fnv1a64(document, kContentHashBasis));
}

}  // namespace

struct IndexWriter::Impl {
  std::string dir;
  std::optional<internal::DirectoryLock> lock;  // held for the writer's life, across swaps
  std::string generation;                       // its folder inside dir holds the shards
  std::vector<std::unique_ptr<Shard>> shards;
  // With several shards, the shard of each document the index holds (a replaced file goes where
  // its old items are, so that marking them dead stays in one transaction).
  std::map<std::string, size_t> shard_of;
  // With writer threads, one per shard (declared after the shards: joined before they close);
  // a thread's shard is touched by that thread only until Drain().
  std::vector<std::unique_ptr<internal::WriterThread>> threads;
  size_t files_per_commit = 0;  // by each thread
  std::mutex failures_mu;
  std::vector<std::pair<std::string, std::string>> failures;  // (file, message)

  std::string Folder(size_t shard) const {
    return (std::filesystem::path(dir) / internal::ShardFolder(generation, shard)).string();
  }

  // Opens (`flags`: creates) shard `shard` of the generation, stamped with the format.
  Status OpenShard(size_t shard, int flags) {
    auto s = std::make_unique<Shard>();
    s->folder = Folder(shard);
    s->db = Xapian::WritableDatabase(s->folder, flags);
    if (Status st = CheckFormat(s->db, dir); !st.ok()) return st;
    if (s->db.get_metadata(kFormatKey).empty()) {
      s->db.set_metadata(kFormatKey, kFormat);
      s->db.commit();
    }
    if (Status st = s->OpenChecks(); !st.ok()) return st;
    if (shards.size() <= shard) shards.resize(shard + 1);
    shards[shard] = std::move(s);
    return Status::Ok();
  }

  // Which documents each shard holds, when there are several.
  void MapDocuments() {
    shard_of.clear();
    for (size_t k = 0; shards.size() > 1 && k < shards.size(); ++k) {
      const Xapian::Database& db = shards[k]->db;
      for (auto key = db.metadata_keys_begin("file/"); key != db.metadata_keys_end("file/"); ++key) {
        // A long id's key holds a hash of it (MetaKey): its record names it.
        const bool whole = (*key).size() + 4 < internal::kMaxMetaKeyBytes;
        shard_of[whole ? (*key).substr(5) : FileFromJson(db.get_metadata(*key)).document] = k;
      }
    }
  }

  // The shard that holds `document`, else the one a new document goes to while threads write:
  // `new_shard` when given, else by its hash; the first without threads.
  size_t Route(const std::string& document, std::optional<size_t> new_shard) const {
    if (shards.size() == 1) return 0;
    if (auto found = shard_of.find(document); found != shard_of.end()) return found->second;
    if (threads.empty()) return 0;
    return new_shard.value_or(ShardHash(document)) % shards.size();
  }

  void Fail(const std::string& file, const std::string& message) {
    std::lock_guard lock(failures_mu);
    failures.emplace_back(file, message);
  }

  // Adds a file to `s` (AddFile); when that fails, the shard's other files since its last commit
  // are added again, or are failures when they cannot be.
  Status AddToShard(Shard& s, std::shared_ptr<const FileChanges> f);

  // Commits one shard; when that fails, its files since the last commit are failures.
  Status CommitShard(Shard& s) {
    try {
      s.Commit();
      return Status::Ok();
    } catch (...) {
      Status failed = FromCurrentException("commit");
      for (const auto& file : s.pending) {
        Fail(file->record.file, "not committed: " + failed.message());
      }
      s.pending.clear();
      return failed;
    }
  }

  // Every shard's thread idle.
  void Drain() const {
    for (const auto& t : threads) t->Drain();
  }

  // Commits every shard, each on its own thread when it has one; the first failure.
  Status CommitAll() {
    std::vector<Status> committed(shards.size(), Status::Ok());
    for (size_t k = 0; k < shards.size(); ++k) {
      auto commit = [this, k, &committed] { committed[k] = CommitShard(*shards[k]); };
      if (threads.empty()) {
        commit();
      } else {
        threads[k % threads.size()]->Push(commit);
      }
    }
    Drain();
    for (const Status& s : committed) {
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  // Back to one shard, the folder `generation` of dir, written on the caller's thread.
  void ReopenSingle(const std::string& next, bool termlist) {
    threads.clear();
    for (auto& s : shards) s->db.close();
    shards.clear();
    shard_of.clear();
    generation = next;
    auto s = std::make_unique<Shard>();
    s->folder = Folder(0);
    s->db = Xapian::WritableDatabase(s->folder, Xapian::DB_OPEN | WriteFlags(termlist));
    if (Status st = s->OpenChecks(); !st.ok()) throw std::runtime_error(st.message());
    shards.push_back(std::move(s));
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() = default;

Status IndexWriter::Commit() { return impl_->CommitAll(); }

std::vector<std::pair<std::string, std::string>> IndexWriter::TakeFailures() {
  std::lock_guard lock(impl_->failures_mu);
  return std::exchange(impl_->failures, {});
}

StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (std::filesystem::exists(std::filesystem::path(path) / "iamglass", ec)) {
    return Status::InvalidInput(path +
                                ": index was made by another version of guihua (format 1, "
                                "this one reads " +
                                kFormat + "); remove it and ingest again");
  }
  auto lock = internal::DirectoryLock::Acquire(path);
  if (!lock.ok()) return lock.status();
  auto current = internal::CurrentShards(path);
  if (!current.ok()) return current.status();
  auto impl = std::make_unique<Impl>();
  impl->dir = path;
  impl->lock.emplace(std::move(*lock));
  bool fresh = current->empty();
  impl->generation = fresh ? internal::NextGeneration("") : current->front();
  internal::RemoveStaleGenerations(path, impl->generation);
  try {
    // A killed two-thread ingest leaves two shards: written as they are, merged at the next
    // compaction.
    for (size_t k = 0; k < std::max<size_t>(1, current->size()); ++k) {
      int flags = Xapian::DB_CREATE_OR_OPEN | WriteFlags(!fresh && HasTermlist(impl->Folder(k)));
      if (Status s = impl->OpenShard(k, flags); !s.ok()) return s;
    }
    impl->MapDocuments();
    if (fresh) {
      if (Status s = internal::MakeCurrent(path, impl->generation); !s.ok()) return s;
    }
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (...) {
    return FromCurrentException(path);
  }
}

Status IndexWriter::UseWriterThreads(int shards, int files_per_commit) {
  Impl& w = *impl_;
  if (shards <= 1 || !w.threads.empty()) return Status::Ok();
  try {
    const int flags = WriteFlags(HasTermlist(w.Folder(0)));
    for (size_t k = w.shards.size(); k < static_cast<size_t>(shards); ++k) {
      // Not listed by the stub: whatever is there was never current.
      std::error_code ec;
      std::filesystem::remove_all(w.Folder(k), ec);
      if (Status s = w.OpenShard(k, Xapian::DB_CREATE_OR_OVERWRITE | flags); !s.ok()) return s;
    }
    if (Status s = internal::MakeCurrent(w.dir, w.generation, w.shards.size()); !s.ok()) return s;
  } catch (...) {
    return FromCurrentException(w.dir);
  }
  w.MapDocuments();
  w.files_per_commit = static_cast<size_t>(std::max(1, files_per_commit));
  const size_t threads = std::min<size_t>(w.shards.size(), kLargeRunShards);
  for (size_t t = 0; t < threads; ++t) {
    w.threads.push_back(std::make_unique<internal::WriterThread>(2));
  }
  return Status::Ok();
}

int IndexWriter::LargeRunShards(uint64_t bytes) {
  const uint64_t rounds = (bytes + kLargeRunBytesPerRound - 1) / kLargeRunBytesPerRound;
  return static_cast<int>(
      std::clamp<uint64_t>(rounds * kLargeRunShards, kLargeRunShards, kMaxLargeRunShards));
}

size_t IndexWriter::Documents() const {
  impl_->Drain();
  size_t documents = 0;
  try {
    for (const auto& s : impl_->shards) {
      for (auto key = s->db.metadata_keys_begin("file/"); key != s->db.metadata_keys_end("file/");
           ++key) {
        ++documents;
      }
    }
  } catch (const Xapian::Error&) {
  } catch (const std::exception&) {
  }
  return documents;
}

Status IndexWriter::Compact(std::optional<bool> termlist) {
  Impl& w = *impl_;
  std::string next = internal::NextGeneration(w.generation);
  std::string next_path = (std::filesystem::path(w.dir) / next).string();
  const bool had_termlist = HasTermlist(w.Folder(0));
  const bool with_termlist = termlist.value_or(had_termlist);
  try {
    if (Status s = w.CommitAll(); !s.ok()) return s;
    w.threads.clear();
    std::vector<Xapian::Database> shards;
    std::vector<std::string> folders;
    Xapian::doccount dead = 0;
    for (const auto& s : w.shards) {
      shards.push_back(s->db);
      folders.push_back(s->folder);
      dead += DeadItems(s->db);
    }
    // A purge rebuilds into the generation after next (an unfinished one is removed at the next
    // open like any stale generation).
    const std::string rebuilt_path =
        (std::filesystem::path(w.dir) / internal::NextGeneration(next)).string();
    if (Status s = WriteGeneration(shards, folders, next_path, rebuilt_path,
                                   dead > 0 || with_termlist != had_termlist, with_termlist);
        !s.ok()) {
      return s;
    }
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(next_path, ec);
    return FromCurrentException(w.dir + ": compact");
  }
  // The copy is complete; readers switch to it when the stub names it.
  if (Status s = internal::MakeCurrent(w.dir, next); !s.ok()) return s;
  try {
    w.ReopenSingle(next, with_termlist);
    Shard& s = *w.shards[0];
    s.db.set_metadata(kCompactedKey, std::to_string(s.db.get_doccount()));
    s.Commit();
  } catch (...) {
    return FromCurrentException(w.dir);
  }
  internal::RemoveStaleGenerations(w.dir, w.generation);
  return Status::Ok();
}

Status IndexWriter::CompactIfGrown() {
  try {
    impl_->Drain();
    Xapian::doccount now = 0, dead = 0;
    for (const auto& s : impl_->shards) {
      now += s->db.get_doccount();
      dead += DeadItems(s->db);
    }
    std::string last = impl_->shards[0]->db.get_metadata(kCompactedKey);
    Xapian::doccount then = last.empty() ? 0 : std::strtoul(last.c_str(), nullptr, 10);
    bool grown = now > 0 && now * 4 >= then * 5;  // by a quarter or more
    bool dead_many = dead * 4 >= now && now > 0;  // a quarter or more of the items
    bool sharded = impl_->shards.size() > 1;      // merged into one, which searches best
    if (!grown && !dead_many && !sharded) return Status::Ok();
  } catch (...) {
    return FromCurrentException(impl_->dir);
  }
  return Compact();
}

StatusOr<IndexedFile> IndexWriter::Find(const std::string& document) const {
  impl_->Drain();
  try {
    for (const auto& s : impl_->shards) {
      std::string meta = s->db.get_metadata(FileMetaKey(document));
      if (!meta.empty()) return FileFromJson(meta);
    }
    return Status::NotFound(document + ": not in the index");
  } catch (...) {
    return FromCurrentException(document);
  }
}

// ---- A file made ready for the writer ----

struct IndexBatch::Impl {
  IndexedFile record;
  std::string targets_text;
  std::string sections_text;  // its SectionTable, stored
  std::vector<ItemDocument> items;
};

IndexBatch::IndexBatch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexBatch::IndexBatch(IndexBatch&&) noexcept = default;
IndexBatch& IndexBatch::operator=(IndexBatch&&) noexcept = default;
IndexBatch::~IndexBatch() = default;

IndexBatch IndexBatch::Make(const Document& doc, const std::vector<Target>& targets,
                            const std::string& content_hash) {
  std::vector<std::string> target_json;
  target_json.reserve(targets.size());
  for (const Target& t : targets) target_json.push_back(TargetRecordJson(doc, t));
  return Make(doc, targets, target_json, content_hash);
}

IndexedFile DocumentFileRecord(const Document& doc) {
  IndexedFile record;
  record.document = doc.id;
  record.file = doc.file;
  record.kind = DocumentKindName(doc.kind);
  for (const Plan& plan : doc.plans) {
    if (record.title.empty()) record.title = plan.title;
  }
  if (record.title.empty()) record.title = doc.about;
  record.region = doc.region;
  record.period = doc.period;
  return record;
}

namespace {

using ItemIndicators = std::map<std::tuple<int, int, int>, std::map<std::string, std::string>>;

// Per item, its indicators (for the facet) with the first target value of each (for ranges and
// sorting): "id=value", or "id" for a direction goal or a baseline.
ItemIndicators IndicatorsByItem(const std::vector<Target>& targets) {
  ItemIndicators indicators;
  for (const Target& t : targets) {
    if (t.indicator_id.empty()) continue;
    std::string& value = indicators[{t.plan_index, t.section_index, t.item_index}][t.indicator_id];
    if (value.empty() && t.kind == TargetKind::kTarget && t.value) {
      char text[32];
      std::snprintf(text, sizeof text, "%.17g", *t.value);  // as extracted, to the last bit
      value = text;
    }
  }
  return indicators;
}

// The file record of `doc`, but for its item count.
IndexedFile FileRecord(const Document& doc, size_t targets, const std::string& content_hash) {
  IndexedFile record = DocumentFileRecord(doc);
  record.content_hash = content_hash;
  record.plans = static_cast<int>(doc.plans.size());
  record.targets = static_cast<int>(targets);
  record.revision = NewRevision();
  return record;
}

// The stored data of one item: its fields, each ended by kFieldSep, then the printed text.
std::string ItemData(const Document& doc, const Plan& plan, const Section& section,
                     const Item& item, const std::string& indicator_ids) {
  std::string printed = SourceQuote(doc.working, item.begin, item.end, doc.source);
  std::string data;
  for (const std::string& f :
       {doc.id, std::string(PlanKindName(plan.kind)), section.title, section.id,
        std::string(BlockKindName(item.block)), std::to_string(item.number),
        std::to_string(item.line), std::to_string(item.end_line), indicator_ids}) {
    data += f;
    data += kFieldSep;
  }
  data += kFieldSep;  // kWorking: filled in by MakeItemDocument when it is not Normalize(printed)
  data += printed;
  return data;
}

// "id=value id …" of the item at `where`.
std::string IndicatorIds(const ItemIndicators& indicators, std::tuple<int, int, int> where) {
  std::string ids;
  auto found = indicators.find(where);
  if (found == indicators.end()) return ids;
  for (const auto& [id, value] : found->second) {
    ids += (ids.empty() ? "" : " ") + id + (value.empty() ? "" : "=" + value);
  }
  return ids;
}

}  // namespace

IndexBatch IndexBatch::Make(const Document& doc, const std::vector<Target>& targets,
                            const std::vector<std::string>& target_json,
                            const std::string& content_hash) {
  const ItemIndicators indicators = IndicatorsByItem(targets);
  auto impl = std::make_unique<Impl>();
  IndexedFile& record = impl->record;
  record = FileRecord(doc, target_json.size(), content_hash);
  for (const std::string& line : target_json) impl->targets_text += line + "\n";
  impl->targets_text = internal::DeflateText(impl->targets_text);
  const std::vector<std::string> file_terms = FileTerms(record);
  internal::SectionTable sections;
  for (size_t p = 0; p < doc.plans.size(); ++p) {
    const Plan& plan = doc.plans[p];
    for (size_t s = 0; s < plan.sections.size(); ++s) {
      const Section& section = plan.sections[s];
      for (size_t i = 0; i < section.items.size(); ++i) {
        const Item& item = section.items[i];
        std::string ids = IndicatorIds(
            indicators, {static_cast<int>(p), static_cast<int>(s), static_cast<int>(i)});
        impl->items.push_back(MakeItemDocument(ItemData(doc, plan, section, item, ids), record,
                                               file_terms, sections, &item.text));
      }
    }
  }
  impl->sections_text = sections.Stored();
  record.items = static_cast<int>(impl->items.size());
  return IndexBatch(std::move(impl));
}

Status IndexWriter::Add(const Document& doc, const std::vector<Target>& targets,
                        const std::string& content_hash) {
  return Add(IndexBatch::Make(doc, targets, content_hash));
}

Status IndexWriter::Add(const Document& doc, const std::vector<Target>& targets,
                        const std::vector<std::string>& target_json,
                        const std::string& content_hash) {
  return Add(IndexBatch::Make(doc, targets, target_json, content_hash));
}

namespace {

std::mutex fail_adds_mu;
std::string* fail_adds_of = new std::string;  // FailAddsOf's file (never destroyed: no exit order)

bool AddFails(const std::string& file) {
  std::lock_guard lock(fail_adds_mu);
  return !fail_adds_of->empty() && *fail_adds_of == file;
}

// Adds a file's items to `s` in one transaction (atomic; made durable by the shard's next commit),
// marking the items of the same document ingested before dead. When it fails, Xapian 1.4's
// cancel_transaction() of an unflushed transaction discards every change since the shard's last
// commit, the earlier files' too; the store is cut back to the docids Xapian then gives out next.
Status AddFile(Shard& s, const FileChanges& f) {
  auto cancel = [&] {
    try {
      s.db.cancel_transaction();
      s.checks->Truncate(s.db.get_lastdocid());
    } catch (const Xapian::Error&) {
      s.checks->Truncate(0);  // back to the last commit
    } catch (const std::exception&) {
      s.checks->Truncate(0);
    }
  };
  try {
    Xapian::WritableDatabase& db = s.db;
    db.begin_transaction(false);
    // The same document may have been ingested before, from this path or another.
    std::string previous = db.get_metadata(FileMetaKey(f.record.document));
    if (!previous.empty()) {
      IndexedFile old = FileFromJson(previous);
      MarkDead(db, old);
      db.set_metadata(PathMetaKey(old.file), "");
    }
    for (const ItemDocument& item : f.items) {
      if (s.keep_printed) {
        ItemDocument kept = item;
        internal::KeepPrintedText(kept);
        s.checks->Add(db.add_document(kept.doc), kept.check_text);
        continue;
      }
      s.checks->Add(db.add_document(item.doc), item.check_text);
    }
    db.set_metadata(FileMetaKey(f.record.document), f.file_json);
    db.set_metadata(PathMetaKey(f.record.file), f.record.document);
    db.set_metadata(TargetsMetaKey(f.record.document), f.targets_text);
    db.set_metadata(SectionsMetaKey(f.record.document), f.sections_text);
    if (AddFails(f.record.file)) throw Xapian::InvalidArgumentError("a failure asked by a test");
    db.commit_transaction();
    return Status::Ok();
  } catch (const Xapian::Error& e) {  // the cause only: the caller names the file
    cancel();
    return Status::Internal(e.get_description());
  } catch (const std::exception& e) {  // not expected: the record is encoded before
    cancel();
    return Status::Internal(e.what());
  }
}

}  // namespace

Status IndexWriter::Impl::AddToShard(Shard& s, std::shared_ptr<const FileChanges> f) {
  Status added = AddFile(s, *f);
  if (added.ok()) {
    s.pending.push_back(std::move(f));
    return added;
  }
  const std::string cause = added.message();
  // The shard's files since its last commit were cancelled with it: added again, in order.
  std::vector<std::shared_ptr<const FileChanges>> lost = std::exchange(s.pending, {});
  for (const auto& again : lost) {
    if (AddFile(s, *again).ok()) {
      s.pending.push_back(again);
      continue;
    }
    s.pending.clear();  // not expected: cancelled once more, with those added again
    for (const auto& file : lost) {
      Fail(file->record.file, "not indexed: " + f->record.file + " failed in the same batch (" +
                                  cause + "); ingest again");
    }
    break;
  }
  return Status::Internal("not indexed: " + cause);
}

Status IndexWriter::Add(IndexBatch batch) { return AddTo(std::move(batch), std::nullopt); }

Status IndexWriter::Add(IndexBatch batch, size_t new_shard) {
  return AddTo(std::move(batch), new_shard);
}

Status IndexWriter::AddTo(IndexBatch batch, std::optional<size_t> new_shard) {
  const IndexedFile& record = batch.impl_->record;
  // Encoded first: nlohmann::json throws on a string that is not UTF-8 (a file name in GBK).
  std::string file_json;
  try {
    file_json = FileJson(record).dump();
  } catch (const std::exception& e) {
    return Status::InvalidInput("cannot store the file record (is its name UTF-8?): " +
                                std::string(e.what()));
  }
  Impl& w = *impl_;
  const size_t k = w.Route(record.document, new_shard);
  if (w.shards.size() > 1) w.shard_of[record.document] = k;
  IndexBatch::Impl& b = *batch.impl_;
  auto file = std::make_shared<const FileChanges>(
      FileChanges{std::move(b.record), std::move(b.items), std::move(b.targets_text),
                  std::move(b.sections_text), std::move(file_json)});
  if (w.threads.empty()) return w.AddToShard(*w.shards[k], std::move(file));
  // On the shard's thread, which commits every few files by itself, and the other shards it
  // writes when it turns to this one (a run's shards are written one after another).
  w.threads[k % w.threads.size()]->Push([&w, k, file] {
    for (size_t j = k % w.threads.size(); j < w.shards.size(); j += w.threads.size()) {
      if (j != k && !w.shards[j]->pending.empty()) w.CommitShard(*w.shards[j]);
    }
    Shard& s = *w.shards[k];
    if (Status added = w.AddToShard(s, file); !added.ok()) {
      w.Fail(file->record.file, added.message());
    } else if (s.pending.size() >= w.files_per_commit) {
      w.CommitShard(s);
    }
  });
  return Status::Ok();
}

StatusOr<int> IndexWriter::Remove(const std::string& document_or_file) {
  impl_->Drain();
  try {
    for (const auto& shard : impl_->shards) {
      Xapian::WritableDatabase& db = shard->db;
      std::string document = document_or_file;
      std::string record = db.get_metadata(FileMetaKey(document));
      if (record.empty()) {
        document = db.get_metadata(PathMetaKey(document_or_file));  // a path
        record = document.empty() ? "" : db.get_metadata(FileMetaKey(document));
        if (record.empty()) continue;
      }
      IndexedFile old = FileFromJson(record);
      db.begin_transaction();
      MarkDead(db, old);
      db.set_metadata(PathMetaKey(old.file), "");
      db.set_metadata(FileMetaKey(document), "");
      db.set_metadata(TargetsMetaKey(document), "");
      db.set_metadata(SectionsMetaKey(document), "");
      db.commit_transaction();
      shard->Commit();
      impl_->shard_of.erase(document);
      return old.items;
    }
    return Status::NotFound(document_or_file + ": not in the index");
  } catch (...) {
    return FromCurrentException(document_or_file);
  }
}

void internal::FailAddsOf(const std::string& file) {
  std::lock_guard lock(fail_adds_mu);
  *fail_adds_of = file;
}

}  // namespace guihua
