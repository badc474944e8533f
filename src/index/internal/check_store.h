// The check texts of a generation's items, by Xapian docid, in two files beside the database in
// its folder: the one copy of each item's text (kItemData keeps only a patch to its printed text,
// format.h) and what a literal of a query is checked against (search.cc, LiteralCheck). Xapian
// could keep them as a value, but reading a value costs a B-tree lookup and an 8 KB block copy per
// candidate, half of a phrase query's time; mapped into memory, a candidate's text is a read.
//   checktext.idx  8 bytes, little-endian: the size of checktext.dat when the entries were
//                  written; then for docid d, 6 bytes: its text's offset in checktext.dat (low 34
//                  bits: 16 GB of distinct texts) and length (high 14 bits; all ones: the length
//                  is the 8 bytes before the text, for a text of 16 KB or more). Until format 16
//                  an entry took 8 bytes (40 and 24 bits): 0.006 × the text more at 1,000 plans.
//   checktext.dat  the texts (CheckText: the folded working text in the text code of
//                  internal/text_code.h), each distinct text once in a writer's run
// Xapian's commit is the truth: the store is written and synced before each commit, and a store
// that does not hold every committed item is refused (the index must be ingested again).
#ifndef GUIHUA_INDEX_INTERNAL_CHECK_STORE_H_
#define GUIHUA_INDEX_INTERNAL_CHECK_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"

namespace guihua::internal {

class CheckStoreWriter {
 public:
  // Opens the store in the database folder `dir` and makes it hold exactly `docs` entries, those
  // of the docids Xapian has committed: entries past them (written, then the commit failed or the
  // process died) are cut. A store that holds fewer is an error: its texts are lost.
  static StatusOr<std::unique_ptr<CheckStoreWriter>> Open(const std::string& dir, uint32_t docs);
  ~CheckStoreWriter();
  CheckStoreWriter(const CheckStoreWriter&) = delete;
  CheckStoreWriter& operator=(const CheckStoreWriter&) = delete;

  // The text of `docid`, pending until Flush(). Docids come in order; a gap is filled with empty
  // entries, and a pending docid given again replaces the entries from it on. A text given before
  // in this writer's life is not written again: its entry points at the first copy.
  void Add(uint32_t docid, std::string_view text);
  // Forgets pending entries past `docs` (a cancelled Xapian transaction gives its docids back).
  void Truncate(uint32_t docs);
  // Appends the pending entries to the files and syncs them: called before Xapian's commit, so
  // that what Xapian commits is in the store.
  Status Flush();

  uint32_t entries() const { return committed_ + static_cast<uint32_t>(pending_entries_.size()); }

 private:
  CheckStoreWriter() = default;
  // Where `text` is stored already (offset, length) in this writer's life, or false.
  bool Find(uint64_t hash, std::string_view text, uint64_t* entry) const;

  std::string dir_;
  int dat_fd_ = -1;            // read back to confirm that a text of the same hash is the same
  uint32_t committed_ = 0;     // entries in the files
  uint64_t dat_size_ = 0;      // bytes in checktext.dat
  bool broken_ = false;        // a committed docid came again: Flush() fails
  std::vector<uint64_t> pending_entries_;
  std::string pending_dat_;
  // Each distinct text written in this writer's life, by its hash: its entry; and the hashes of
  // the pending ones, forgotten again by Truncate.
  std::unordered_multimap<uint64_t, uint64_t> texts_;
  std::vector<std::pair<uint32_t, uint64_t>> pending_texts_;  // (entry index, hash)
};

// Copies the store of folder `from` to folder `to` (a compaction keeps the docids).
Status CopyCheckStore(const std::string& from, const std::string& to);

class CheckStoreReader {
 public:
  // Maps the store of folder `dir`; null when it has none or it cannot be read.
  static std::unique_ptr<CheckStoreReader> Open(const std::string& dir);
  ~CheckStoreReader();
  CheckStoreReader(const CheckStoreReader&) = delete;
  CheckStoreReader& operator=(const CheckStoreReader&) = delete;

  // True when the store holds the texts of docids 1 to `docs` whole.
  bool Holds(uint32_t docs) const;
  // The text of `docid`; empty when the store does not hold it.
  std::string_view Text(uint32_t docid) const;
  // Asks the processor to bring the index entries of docids `first` to `last` into its cache
  // (Text reads them later); no effect on what Text returns.
  void PrefetchEntries(uint32_t first, uint32_t last) const;

 private:
  CheckStoreReader() = default;
  const unsigned char* idx_ = nullptr;
  size_t idx_size_ = 0;
  const char* dat_ = nullptr;
  size_t dat_size_ = 0;
};

// The message for a store that does not hold every item of the database in folder `dir`.
std::string ShortStoreMessage(const std::string& dir);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_CHECK_STORE_H_
