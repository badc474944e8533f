// The index reader: opening the shards (local generations or xapian-tcpsrv), reopening after a
// writer's commit or compaction, and the file records and target records stored as metadata.
#include "index/internal/reader.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "index/index.h"
#include "index/internal/format.h"

namespace guihua {

using internal::FileFromJson;
using internal::FromXapian;
using internal::TargetsMetaKey;

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexReader::~IndexReader() = default;

StatusOr<std::unique_ptr<IndexReader>> IndexReader::Open(
    const std::vector<std::string>& databases) {
  auto impl = std::make_unique<Impl>();
  impl->paths = databases;
  try {
    if (Status s = impl->OpenAll(); !s.ok()) return s;
  } catch (const Xapian::Error& e) {  // not expected: OpenAll names the failing database
    return FromXapian(e, databases.empty() ? "" : databases[0]);
  } catch (const std::exception& e) {
    return Status::InvalidInput(std::string("bad database address: ") + e.what());
  }
  return std::unique_ptr<IndexReader>(new IndexReader(std::move(impl)));
}

void IndexReader::UseItemTable(bool on) { impl_->use_item_table = on; }

void IndexReader::DecodeCommonPostings(size_t budget_mb, uint32_t min_frequency) {
  impl_->warm_options = internal::WarmOptions{budget_mb << 20, min_frequency};
  try {
    impl_->StartWarm();
  } catch (const Xapian::Error&) {  // the revision not readable: searches read Xapian
  } catch (const std::exception&) {  // a thread that cannot start: the same
  }
}

std::string IndexReader::AwaitCommonPostings() const {
  if (impl_->warm == nullptr) return "";
  const internal::HotPostings* hot = impl_->warm->Wait();
  if (hot == nullptr) return "";
  char line[160];
  std::snprintf(line, sizeof line, "%zu terms, %zu postings, %.1f MB, decoded in %.2f s",
                hot->lists.size(), hot->postings, hot->bytes / 1048576.0, hot->seconds);
  return line;
}

void IndexReader::Reopen() {
  try {
    bool changed = true;
    if (impl_->CurrentGenerations() != impl_->generations) {
      // A compaction made a new generation: open it afresh. The old one's files, open here,
      // were readable until now even though the writer has removed them.
      Impl fresh;
      fresh.paths = impl_->paths;
      if (!fresh.OpenAll().ok()) return;
      impl_->shards = std::move(fresh.shards);
      impl_->all = std::move(fresh.all);
      impl_->generations = std::move(fresh.generations);
      impl_->folders = std::move(fresh.folders);
      impl_->dead = std::move(fresh.dead);
      impl_->has_remote = fresh.has_remote;
      impl_->checks = std::move(fresh.checks);
    } else {
      changed = impl_->all.reopen();
      for (auto& db : impl_->shards) changed = db.reopen() || changed;
      impl_->ReadDead();
      // A commit since: the stores have grown with the database (they are written before it), or
      // a writer has made one that was missing.
      for (size_t i = 0; changed && i < impl_->checks.size(); ++i) {
        if (!impl_->folders[i].empty()) {
          impl_->checks[i] = internal::CheckStoreReader::Open(impl_->folders[i]);
        }
      }
    }
    // The file records read so far hold until the database changes (the server reopens its
    // readers every second: reading them again cost each hit its record's JSON parsed).
    if (!changed) return;
    impl_->StartWarm();
    std::lock_guard<std::mutex> lock(impl_->records_mu);
    impl_->records.clear();
    impl_->sections.clear();
  } catch (const Xapian::Error&) {
    // A failed reopen keeps the old revision; the next call tries again.
  } catch (const std::exception&) {  // the check-text stores (filesystem, bad_alloc): the same
  }
}

std::string IndexReader::Version() const {
  std::string version;
  try {
    for (const Xapian::Database& db : impl_->shards) {
      version += db.get_uuid() + ":" + std::to_string(db.get_revision()) + ";";
    }
  } catch (const Xapian::Error&) {
    return "";
  } catch (const std::exception&) {
    return "";
  }
  return version;
}

std::vector<IndexedFile> IndexReader::Files() const {
  std::vector<IndexedFile> files;
  try {
    for (const Xapian::Database& db : impl_->shards) {
      for (auto key = db.metadata_keys_begin("file/"); key != db.metadata_keys_end("file/");
           ++key) {
        std::string meta = db.get_metadata(*key);
        if (!meta.empty()) files.push_back(FileFromJson(meta));
      }
    }
  } catch (const Xapian::Error&) {
    // A shard that cannot list metadata (an old remote server) contributes no records.
  } catch (const std::exception&) {  // not expected: a record that does not read is skipped
  }
  std::sort(files.begin(), files.end(), [](const IndexedFile& a, const IndexedFile& b) {
    return std::tie(a.region.province, a.region.city, a.region.district, a.period.start,
                    a.document) < std::tie(b.region.province, b.region.city, b.region.district,
                                           b.period.start, b.document);
  });
  return files;
}

std::vector<std::string> IndexReader::Targets(const std::string& document) const {
  std::vector<std::string> documents;
  if (document.empty()) {
    for (const IndexedFile& f : Files()) documents.push_back(f.document);
  } else {
    documents.push_back(document);
  }
  std::vector<std::string> lines;
  try {
    for (const std::string& d : documents) {
      for (const Xapian::Database& db : impl_->shards) {
        std::string text = internal::InflateText(db.get_metadata(TargetsMetaKey(d)));
        for (size_t start = 0; start < text.size();) {
          size_t end = text.find('\n', start);
          if (end == std::string::npos) end = text.size();
          if (end > start) lines.push_back(text.substr(start, end - start));
          start = end + 1;
        }
      }
    }
  } catch (const Xapian::Error&) {
    // A shard that cannot be read contributes nothing; Files() reports the same shard as empty.
  } catch (const std::exception&) {  // a damaged record (a size that cannot be allocated)
  }
  return lines;
}

}  // namespace guihua
