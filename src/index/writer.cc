// The index writer: opening (with its lock and generations), IndexBatch (a file's items made into
// Xapian documents off the writer thread), Add and Remove in transactions, commits, and Compact,
// which purges dead revisions by rebuilding the live items into a new generation.
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_set>

#include "extract/target_record.h"
#include "index/index.h"
#include "index/internal/check_store.h"
#include "index/internal/format.h"
#include "index/internal/generations.h"
#include "normalize/normalize.h"

namespace guihua {

using internal::CheckFormat;
using internal::DeadItems;
using internal::DeadRevisions;
using internal::FileFromJson;
using internal::FileJson;
using internal::FileMetaKey;
using internal::FileTerms;
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
using internal::SplitData;
using internal::TargetsMetaKey;
using internal::Term;
using internal::WriteFlags;

namespace {

// Writes the live items of `from` into a new database at `path`, indexed again from their stored
// data and their file's record; the items of dead revisions are left behind. Metadata is copied,
// less the list of the dead. `termlist`: whether the new database has a termlist table.
Status Rebuild(const Xapian::Database& from, const std::string& path, bool termlist) {
  Xapian::WritableDatabase to(path, Xapian::DB_CREATE_OR_OVERWRITE | WriteFlags(termlist));
  auto checks = internal::CheckStoreWriter::Open(path, 0, {});
  if (!checks.ok()) return checks.status();
  std::map<std::string, std::pair<IndexedFile, std::vector<std::string>>> files;  // by document
  for (auto key = from.metadata_keys_begin(); key != from.metadata_keys_end(); ++key) {
    if (*key == kDeadKey || *key == kDeadItemsKey || *key == kCompactedKey) continue;
    std::string value = from.get_metadata(*key);
    to.set_metadata(*key, value);
    if ((*key).rfind("file/", 0) == 0) {
      IndexedFile record = FileFromJson(value);
      std::vector<std::string> terms = FileTerms(record);
      std::string document = record.document;
      files.emplace(std::move(document), std::make_pair(std::move(record), std::move(terms)));
    }
  }
  std::unordered_set<Xapian::docid> dead;
  for (const std::string& revision : DeadRevisions(from)) {
    std::string term = Term(kRevisionPrefix, revision);
    for (auto p = from.postlist_begin(term); p != from.postlist_end(term); ++p) dead.insert(*p);
  }
  for (auto p = from.postlist_begin(""); p != from.postlist_end(""); ++p) {
    if (dead.count(*p)) continue;
    std::string data = ItemData(from.get_document(*p, Xapian::DOC_ASSUME_VALID));
    auto file = files.find(std::string(SplitData(data)[kDoc]));
    if (file == files.end()) continue;  // not expected: a live item has a live file
    ItemDocument item = MakeItemDocument(data, file->second.first, file->second.second);
    (*checks)->Add(to.add_document(item.doc), item.check_text);
  }
  if (Status s = (*checks)->Flush(); !s.ok()) return s;
  to.commit();
  return Status::Ok();
}

}  // namespace

// ---- Writer ----

struct IndexWriter::Impl {
  std::string dir;
  std::optional<internal::DirectoryLock> lock;  // held for the writer's life, across swaps
  std::string generation;                       // the folder of `db` inside dir
  Xapian::WritableDatabase db;
  // The check texts of `db`'s items (null when the store could not be written: searches then
  // check on the stored texts).
  std::unique_ptr<internal::CheckStoreWriter> checks;

  std::string Folder() const { return (std::filesystem::path(dir) / generation).string(); }

  // Opens the store of the current generation; a store that cannot be written is dropped, since
  // it only makes searches faster.
  void OpenChecks() {
    auto opened = OpenCheckStore(Folder(), db);
    checks = opened.ok() ? std::move(*opened) : nullptr;
  }

  // The store first, so that every item Xapian commits has its check text written.
  void Commit() {
    if (checks != nullptr && !checks->Flush().ok()) checks.reset();
    db.commit();
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() = default;

Status IndexWriter::Commit() {
  try {
    impl_->Commit();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "commit");
  }
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
  auto generation = internal::CurrentGeneration(path);
  if (!generation.ok()) return generation.status();
  auto impl = std::make_unique<Impl>();
  impl->dir = path;
  impl->lock.emplace(std::move(*lock));
  bool fresh = generation->empty();
  impl->generation = fresh ? internal::NextGeneration("") : *generation;
  internal::RemoveStaleGenerations(path, impl->generation);
  try {
    std::string database = (std::filesystem::path(path) / impl->generation).string();
    impl->db = Xapian::WritableDatabase(
        database, Xapian::DB_CREATE_OR_OPEN | WriteFlags(!fresh && HasTermlist(database)));
    if (Status s = CheckFormat(impl->db, path); !s.ok()) return s;
    if (impl->db.get_metadata(kFormatKey).empty()) {
      impl->db.set_metadata(kFormatKey, kFormat);
      impl->db.commit();
    }
    impl->OpenChecks();
    if (fresh) {
      if (Status s = internal::MakeCurrent(path, impl->generation); !s.ok()) return s;
    }
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, path);
  }
}

Status IndexWriter::Compact(std::optional<bool> termlist) {
  Impl& w = *impl_;
  std::string next = internal::NextGeneration(w.generation);
  std::string next_path = (std::filesystem::path(w.dir) / next).string();
  const bool had_termlist = HasTermlist((std::filesystem::path(w.dir) / w.generation).string());
  const bool with_termlist = termlist.value_or(had_termlist);
  try {
    w.Commit();
    if (DeadItems(w.db) > 0 || with_termlist != had_termlist) {
      // Purge: the live items into a fresh database (the generation after next, an unfinished one
      // is removed at the next open like any stale generation), compacted into the next.
      std::string rebuilt = internal::NextGeneration(next);
      std::string rebuilt_path = (std::filesystem::path(w.dir) / rebuilt).string();
      if (Status s = Rebuild(w.db, rebuilt_path, with_termlist); !s.ok()) {
        std::error_code ec;
        std::filesystem::remove_all(rebuilt_path, ec);
        return s;
      }
      // The docids stay as they are, so that the check-text store still matches them.
      Xapian::Database(rebuilt_path).compact(next_path, Xapian::DBCOMPACT_NO_RENUMBER);
      internal::CopyCheckStore(rebuilt_path, next_path);
      std::error_code ec;
      std::filesystem::remove_all(rebuilt_path, ec);
    } else {
      w.db.compact(next_path, Xapian::DBCOMPACT_NO_RENUMBER);
      internal::CopyCheckStore(w.Folder(), next_path);
    }
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    std::filesystem::remove_all(next_path, ec);
    return FromXapian(e, w.dir + ": compact");
  }
  // The copy is complete; readers switch to it when the stub names it.
  if (Status s = internal::MakeCurrent(w.dir, next); !s.ok()) return s;
  try {
    w.db.close();
    w.db = Xapian::WritableDatabase(next_path, Xapian::DB_OPEN | WriteFlags(with_termlist));
    w.generation = next;
    w.OpenChecks();
    w.db.set_metadata(kCompactedKey, std::to_string(w.db.get_doccount()));
    w.Commit();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, w.dir);
  }
  internal::RemoveStaleGenerations(w.dir, w.generation);
  return Status::Ok();
}

Status IndexWriter::CompactIfGrown() {
  try {
    Xapian::doccount now = impl_->db.get_doccount();
    std::string last = impl_->db.get_metadata(kCompactedKey);
    Xapian::doccount then = last.empty() ? 0 : std::strtoul(last.c_str(), nullptr, 10);
    bool grown = now > 0 && now * 4 >= then * 5;             // by a quarter or more
    bool dead = DeadItems(impl_->db) * 4 >= now && now > 0;  // a quarter or more of the items
    if (!grown && !dead) return Status::Ok();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, impl_->dir);
  }
  return Compact();
}

StatusOr<IndexedFile> IndexWriter::Find(const std::string& document) const {
  try {
    std::string meta = impl_->db.get_metadata(FileMetaKey(document));
    if (meta.empty()) return Status::NotFound(document + ": not in the index");
    return FileFromJson(meta);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, document);
  }
}

// ---- A file made ready for the writer ----

struct IndexBatch::Impl {
  IndexedFile record;
  std::string targets_text;
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

// The stored data of one item: its fields, each ended by kFieldSep, then its working text when
// that differs from the printed one, then the printed text.
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
  if (NormalizeString(printed) != item.text) data += item.text;
  data += kFieldSep;
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
  for (size_t p = 0; p < doc.plans.size(); ++p) {
    const Plan& plan = doc.plans[p];
    for (size_t s = 0; s < plan.sections.size(); ++s) {
      const Section& section = plan.sections[s];
      for (size_t i = 0; i < section.items.size(); ++i) {
        const Item& item = section.items[i];
        std::string ids = IndicatorIds(
            indicators, {static_cast<int>(p), static_cast<int>(s), static_cast<int>(i)});
        impl->items.push_back(MakeItemDocument(ItemData(doc, plan, section, item, ids), record,
                                               file_terms, &item.text));
      }
    }
  }
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

Status IndexWriter::Add(IndexBatch batch) {
  const IndexedFile& record = batch.impl_->record;
  // Encoded first: nlohmann::json throws on a string that is not UTF-8 (a file name in GBK).
  std::string file_json;
  try {
    file_json = FileJson(record).dump();
  } catch (const std::exception& e) {
    return Status::InvalidInput("cannot store the file record (is its name UTF-8?): " +
                                std::string(e.what()));
  }
  const uint32_t stored = impl_->checks != nullptr ? impl_->checks->entries() : 0;
  auto cancel = [&] {
    // The cancelled items' docids will be given out again.
    if (impl_->checks != nullptr) impl_->checks->Truncate(stored);
    try {
      impl_->db.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
  };
  try {
    Xapian::WritableDatabase& db = impl_->db;
    db.begin_transaction(false);  // atomic; made durable by the caller's next Commit()
    // The same document may have been ingested before, from this path or another.
    std::string previous = db.get_metadata(FileMetaKey(record.document));
    if (!previous.empty()) {
      IndexedFile old = FileFromJson(previous);
      MarkDead(db, old);
      db.set_metadata(PathMetaKey(old.file), "");
    }
    for (const ItemDocument& item : batch.impl_->items) {
      Xapian::docid docid = db.add_document(item.doc);
      if (impl_->checks != nullptr) impl_->checks->Add(docid, item.check_text);
    }
    db.set_metadata(FileMetaKey(record.document), file_json);
    db.set_metadata(PathMetaKey(record.file), record.document);
    db.set_metadata(TargetsMetaKey(record.document), batch.impl_->targets_text);
    db.commit_transaction();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    cancel();
    return FromXapian(e, record.file);
  } catch (const std::exception& e) {  // not expected: the record is encoded above
    cancel();
    return Status::Internal(record.file + ": " + e.what());
  }
}

StatusOr<int> IndexWriter::Remove(const std::string& document_or_file) {
  try {
    Xapian::WritableDatabase& db = impl_->db;
    std::string document = document_or_file;
    std::string record = db.get_metadata(FileMetaKey(document));
    if (record.empty()) {
      document = db.get_metadata(PathMetaKey(document_or_file));  // a path
      record = document.empty() ? "" : db.get_metadata(FileMetaKey(document));
      if (record.empty()) return Status::NotFound(document_or_file + ": not in the index");
    }
    IndexedFile old = FileFromJson(record);
    db.begin_transaction();
    MarkDead(db, old);
    db.set_metadata(PathMetaKey(old.file), "");
    db.set_metadata(FileMetaKey(document), "");
    db.set_metadata(TargetsMetaKey(document), "");
    db.commit_transaction();
    impl_->Commit();
    return old.items;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, document_or_file);
  }
}

}  // namespace guihua
