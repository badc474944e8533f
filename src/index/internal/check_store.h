// The check texts of a generation's items, by Xapian docid, in two files beside the database in
// its folder: what a literal of a query is checked against (search.cc, LiteralCheck). Xapian could
// keep them as a value, but reading a value costs a B-tree lookup and an 8 KB block copy per
// candidate, half of a phrase query's time; mapped into memory, a candidate's text is a read.
//   checktext.idx  for docid d, the end offset of its text in checktext.dat (8 bytes, little-endian)
//   checktext.dat  the texts (CheckText: the folded working text in the text code of
//                  internal/text_code.h), one after another
// The store is an accelerator: Xapian's commit is the truth, and a docid the store does not hold
// (an empty entry, or past its end) is checked on the item's stored text instead.
#ifndef GUIHUA_INDEX_INTERNAL_CHECK_STORE_H_
#define GUIHUA_INDEX_INTERNAL_CHECK_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace guihua::internal {

class CheckStoreWriter {
 public:
  // Opens the store in the database folder `dir` and makes it hold exactly `docs` entries, those
  // of the docids Xapian has committed: entries past them (written, then the commit failed or the
  // process died) are cut, and missing ones are filled with `text_of(docid)`.
  static StatusOr<std::unique_ptr<CheckStoreWriter>> Open(
      const std::string& dir, uint32_t docs, const std::function<std::string(uint32_t)>& text_of);

  // The text of `docid`, pending until Flush(). Docids come in order; a gap is filled with empty
  // entries (checked on the stored text), and a pending docid given again replaces the entries
  // from it on.
  void Add(uint32_t docid, std::string_view text);
  // Forgets pending entries past `docs` (a cancelled Xapian transaction gives its docids back).
  void Truncate(uint32_t docs);
  // Appends the pending entries to the files and syncs them: called before Xapian's commit, so
  // that what Xapian commits is in the store.
  Status Flush();

  uint32_t entries() const { return committed_ + static_cast<uint32_t>(pending_ends_.size()); }

 private:
  CheckStoreWriter() = default;
  std::string dir_;
  uint32_t committed_ = 0;     // entries in the files
  uint64_t dat_size_ = 0;      // bytes in checktext.dat
  bool broken_ = false;        // a committed docid came again: Flush() removes the store
  std::vector<uint64_t> pending_ends_;
  std::string pending_dat_;
};

// Copies the store of folder `from` to folder `to` (a compaction keeps the docids). A store that
// cannot be copied is left out: searches then check on the stored texts.
void CopyCheckStore(const std::string& from, const std::string& to);

class CheckStoreReader {
 public:
  // Maps the store of folder `dir`; null when it has none or it cannot be read.
  static std::unique_ptr<CheckStoreReader> Open(const std::string& dir);
  ~CheckStoreReader();
  CheckStoreReader(const CheckStoreReader&) = delete;
  CheckStoreReader& operator=(const CheckStoreReader&) = delete;

  // The text of `docid`; empty when the store does not hold it.
  std::string_view Text(uint32_t docid) const;

 private:
  CheckStoreReader() = default;
  const unsigned char* idx_ = nullptr;
  size_t idx_size_ = 0;
  const char* dat_ = nullptr;
  size_t dat_size_ = 0;
};

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_CHECK_STORE_H_
