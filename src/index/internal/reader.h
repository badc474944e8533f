// IndexReader's state, shared by reader.cc (opening, reopening, files and targets) and search.cc:
// the shards as opened, their check-text stores, the dead revisions and a cache of file records.
#ifndef GUIHUA_INDEX_INTERNAL_READER_H_
#define GUIHUA_INDEX_INTERNAL_READER_H_

#include <xapian.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "index/index.h"
#include "index/internal/check_store.h"
#include "index/internal/format.h"
#include "index/internal/generations.h"
#include "index/internal/hot_postings.h"

namespace guihua {
namespace internal {

// A database given as tcp://HOST:PORT, served by xapian-tcpsrv.
inline bool IsRemote(const std::string& path) { return path.rfind("tcp://", 0) == 0; }

}  // namespace internal

struct IndexReader::Impl {
  std::vector<std::string> paths;
  std::vector<Xapian::Database> shards;  // metadata is read per shard
  Xapian::Database all;
  // Per path, its shard folders as opened, joined ("" for a remote shard or a folder without a
  // stub): a change means a compaction, or a writer's second shard.
  std::vector<std::string> generations;
  std::vector<std::string> folders;  // per shard, its database folder ("" for a remote shard)
  Xapian::Query dead;       // the items of dead revisions, in any shard: left out of every search
  bool has_remote = false;  // a remote shard runs no MatchDecider
  bool use_item_table = false;  // IndexReader::UseItemTable
  // IndexReader::DecodeCommonPostings: what to decode (none: nothing) and the decoding of the
  // revision read now, on one local database.
  std::optional<internal::WarmOptions> warm_options;
  std::shared_ptr<internal::WarmPostings> warm;
  // Per shard, its check-text store (null for a remote shard, or a folder without one).
  std::vector<std::unique_ptr<internal::CheckStoreReader>> checks;
  // File records by document id, for the file fields of hits; dropped at each reopen. A reader is
  // used by one thread at a time, the lock only keeps a mistaken sharing safe.
  mutable std::mutex records_mu;
  mutable std::map<std::string, IndexedFile> records;
  // Section tables by document id, for the section fields of hits (internal::SectionTable), under
  // the same lock and dropped with the records.
  mutable std::map<std::string, internal::SectionTable> sections;

  // The shard folders of a local path as its stub names them now, relative to it ({""}: the path
  // is a database itself).
  static std::vector<std::string> ShardsOf(const std::string& path) {
    auto shards = internal::CurrentShards(path);
    return shards.ok() && !shards->empty() ? *shards : std::vector<std::string>{""};
  }

  static std::string Joined(const std::vector<std::string>& shards) {
    std::string joined;
    for (const std::string& s : shards) joined += s + "\n";
    return joined;
  }

  // The current shards of every local path, joined.
  std::vector<std::string> CurrentGenerations() const {
    std::vector<std::string> out;
    for (const std::string& path : paths) {
      out.push_back(internal::IsRemote(path) ? "" : Joined(ShardsOf(path)));
    }
    return out;
  }

  // The shard folders of local `path`, each opened with its store. Their own folders, not the
  // stub, so that each database and its store are of the same generation; a generation removed
  // meanwhile by a compaction is followed to the next.
  void OpenLocal(const std::string& path, std::string* joined) {
    for (int attempt = 0;; ++attempt) {
      std::vector<std::string> names = ShardsOf(path);
      std::vector<Xapian::Database> dbs;
      try {
        for (const std::string& name : names) {
          dbs.emplace_back(name.empty() ? path : path + "/" + name);
        }
      } catch (const Xapian::DatabaseOpeningError&) {
        if (attempt == 3 || names[0].empty() || Joined(ShardsOf(path)) == Joined(names)) throw;
        continue;
      }
      for (size_t k = 0; k < names.size(); ++k) {
        std::string folder = names[k].empty() ? path : path + "/" + names[k];
        checks.push_back(internal::CheckStoreReader::Open(folder));
        folders.push_back(folder);
        shards.push_back(dbs[k]);
      }
      *joined = Joined(names);
      return;
    }
  }

  Status OpenAll() {
    shards.clear();
    checks.clear();
    folders.clear();
    has_remote = false;
    all = Xapian::Database();
    generations.clear();
    for (const std::string& path : paths) {
      const size_t first = shards.size();
      std::string joined;
      try {
        if (internal::IsRemote(path)) {
          has_remote = true;
          std::string hostport = path.substr(6);
          size_t colon = hostport.rfind(':');
          if (colon == std::string::npos) {
            return Status::InvalidInput(path + ": expected tcp://HOST:PORT");
          }
          shards.push_back(Xapian::Remote::open(
              hostport.substr(0, colon),
              static_cast<unsigned>(std::stoul(hostport.substr(colon + 1)))));
          checks.push_back(nullptr);
          folders.push_back("");
        } else {
          OpenLocal(path, &joined);
        }
      } catch (const Xapian::Error& e) {
        return internal::FromXapian(e, path);
      }
      generations.push_back(joined);
      for (size_t k = first; k < shards.size(); ++k) {
        if (Status s = internal::CheckFormat(shards[k], path); !s.ok()) return s;
        // The store is the texts' one copy: a local shard without all of them is refused.
        const Xapian::docid last = folders[k].empty() ? 0 : shards[k].get_lastdocid();
        if (last > 0 && (checks[k] == nullptr || !checks[k]->Holds(last))) {
          return Status::InvalidInput(internal::ShortStoreMessage(folders[k]));
        }
        all.add_database(shards[k]);
      }
    }
    ReadDead();
    return Status::Ok();
  }

  // Starts (or joins) the decoding of the common posting lists of the revision now open, dropping
  // the previous revision's.
  void StartWarm() {
    warm.reset();
    if (!warm_options || has_remote || shards.size() != 1 || folders[0].empty()) return;
    warm = internal::WarmPostingsOf(shards[0], folders[0], *warm_options);
  }

  // The stored check text of an item, by its docid in `all`; empty for a remote shard's.
  std::string_view StoredCheckText(Xapian::docid docid) const {
    if (checks.empty() || docid == 0) return {};
    const auto& store = checks[(docid - 1) % checks.size()];
    return store == nullptr ? std::string_view() : store->Text((docid - 1) / checks.size() + 1);
  }

  void ReadDead() {
    std::vector<Xapian::Query> terms;
    for (const Xapian::Database& db : shards) {
      for (const std::string& revision : internal::DeadRevisions(db))
        terms.emplace_back(internal::Term(internal::kRevisionPrefix, revision));
    }
    dead = terms.empty() ? Xapian::Query()
                         : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  const IndexedFile& Record(const std::string& document) const {
    std::lock_guard<std::mutex> lock(records_mu);
    auto found = records.find(document);
    if (found != records.end()) return found->second;
    IndexedFile record;
    for (const Xapian::Database& db : shards) {
      std::string meta = db.get_metadata(internal::FileMetaKey(document));
      if (!meta.empty()) {
        record = internal::FileFromJson(meta);
        break;
      }
    }
    return records.emplace(document, std::move(record)).first->second;
  }

  const internal::SectionTable& Sections(const std::string& document) const {
    std::lock_guard<std::mutex> lock(records_mu);
    auto found = sections.find(document);
    if (found != sections.end()) return found->second;
    internal::SectionTable table;
    for (const Xapian::Database& db : shards) {
      std::string meta = db.get_metadata(internal::SectionsMetaKey(document));
      if (!meta.empty()) {
        table = internal::SectionTable::FromStored(meta);
        break;
      }
    }
    return sections.emplace(document, std::move(table)).first->second;
  }

  // The stored data of an item (internal::ItemData) with its file's sections.
  std::string ItemData(const Xapian::Document& doc, std::string_view check_text) const {
    return internal::ItemData(
        doc, check_text,
        [this](const std::string& d) -> const internal::SectionTable& { return Sections(d); });
  }

  // The hit for an item's data, with its file's path and region.
  SearchHit Hit(const std::string& data) const {
    SearchHit hit = internal::HitFromData(data);
    const IndexedFile& record = Record(hit.document);
    hit.file = record.file;
    hit.province = record.region.province;
    hit.city = record.region.city;
    hit.district = record.region.district;
    hit.document_kind = record.kind;
    hit.period = record.period;
    return hit;
  }
};

}  // namespace guihua

#endif  // GUIHUA_INDEX_INTERNAL_READER_H_
