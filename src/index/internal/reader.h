// IndexReader's state, shared by reader.cc (opening, reopening, files and targets) and search.cc:
// the shards as opened, their check-text stores, the dead revisions and a cache of file records.
#ifndef GUIHUA_INDEX_INTERNAL_READER_H_
#define GUIHUA_INDEX_INTERNAL_READER_H_

#include <xapian.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "index/index.h"
#include "index/internal/check_store.h"
#include "index/internal/format.h"
#include "index/internal/generations.h"

namespace guihua {
namespace internal {

// A database given as tcp://HOST:PORT, served by xapian-tcpsrv.
inline bool IsRemote(const std::string& path) { return path.rfind("tcp://", 0) == 0; }

}  // namespace internal

struct IndexReader::Impl {
  std::vector<std::string> paths;
  std::vector<Xapian::Database> shards;  // metadata is read per shard
  Xapian::Database all;
  std::vector<std::string> generations;  // per path, as opened ("" for a remote shard)
  Xapian::Query dead;       // the items of dead revisions, in any shard: left out of every search
  bool has_remote = false;  // a remote shard runs no MatchDecider
  // Per shard, its check-text store (null for a remote shard, or a folder without one).
  std::vector<std::unique_ptr<internal::CheckStoreReader>> checks;
  // File records by document id, for the file fields of hits; dropped at each reopen. A reader is
  // used by one thread at a time, the lock only keeps a mistaken sharing safe.
  mutable std::mutex records_mu;
  mutable std::map<std::string, IndexedFile> records;

  // The current generation of every local path, as its stub names it now.
  std::vector<std::string> CurrentGenerations() const {
    std::vector<std::string> out;
    for (const std::string& path : paths) {
      auto g =
          internal::IsRemote(path) ? StatusOr<std::string>("") : internal::CurrentGeneration(path);
      out.push_back(g.ok() ? *g : "");
    }
    return out;
  }

  // The folder of the database of local path `i`, as opened.
  std::string Folder(size_t i) const {
    return generations[i].empty() ? paths[i] : paths[i] + "/" + generations[i];
  }

  Status OpenAll() {
    shards.clear();
    checks.clear();
    has_remote = false;
    all = Xapian::Database();
    generations = CurrentGenerations();
    for (size_t i = 0; i < paths.size(); ++i) {
      const std::string& path = paths[i];
      Xapian::Database db;
      std::unique_ptr<internal::CheckStoreReader> store;
      try {
        if (internal::IsRemote(path)) {
          has_remote = true;
          std::string hostport = path.substr(6);
          size_t colon = hostport.rfind(':');
          if (colon == std::string::npos) {
            return Status::InvalidInput(path + ": expected tcp://HOST:PORT");
          }
          db = Xapian::Remote::open(hostport.substr(0, colon),
                                    static_cast<unsigned>(std::stoul(hostport.substr(colon + 1))));
        } else {
          // The generation's folder itself, not the stub, so that the database and the store are of
          // the same generation; one removed meanwhile by a compaction is followed to the next.
          for (int attempt = 0;; ++attempt) {
            std::string folder = Folder(i);
            try {
              db = Xapian::Database(folder);
            } catch (const Xapian::DatabaseOpeningError&) {
              auto now = internal::CurrentGeneration(path);
              if (attempt == 3 || generations[i].empty() || !now.ok() || *now == generations[i]) {
                throw;
              }
              generations[i] = *now;
              continue;
            }
            store = internal::CheckStoreReader::Open(folder);
            break;
          }
        }
      } catch (const Xapian::Error& e) {
        return internal::FromXapian(e, path);
      }
      if (Status s = internal::CheckFormat(db, path); !s.ok()) return s;
      checks.push_back(std::move(store));
      shards.push_back(db);
      all.add_database(db);
    }
    ReadDead();
    return Status::Ok();
  }

  // The stored check text of an item, by its docid in `all`; empty when its shard has no store
  // or the store does not hold it.
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
