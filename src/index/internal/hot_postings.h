// The posting lists of a database's commonest terms held decoded in memory (IndexReader::
// WarmPostings), as Lucene's DirectPostingsFormat holds its postings as arrays: decoded by a
// background thread per database revision, shared by the readers of a process, and read by the
// one-pass conjunction with galloping search, where Xapian decodes a 2 KB chunk entry by entry.
#ifndef GUIHUA_INDEX_INTERNAL_HOT_POSTINGS_H_
#define GUIHUA_INDEX_INTERNAL_HOT_POSTINGS_H_

#include <xapian.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace guihua::internal {

// One term's postings: docid = window << 16 | low[i], where window w holds the entries
// window_start[w] .. window_start[w + 1]; wdf[i] its wdf (under 256: impacts run to 119).
// block_max[b]: the highest wdf of entries 128 b .. 128 b + 127, for skipping what cannot enter
// a page. Three bytes a posting.
struct HotList {
  std::vector<uint16_t> low;
  std::vector<uint8_t> wdf;
  std::vector<uint32_t> window_start;  // one more than the windows
  std::vector<uint8_t> block_max;
  static constexpr size_t kBlock = 128;

  size_t size() const { return low.size(); }
  size_t Bytes() const {
    return low.size() * 3 + window_start.size() * 4 + block_max.size();
  }
};

struct HotPostings {
  std::unordered_map<std::string, HotList> lists;
  size_t postings = 0;
  size_t bytes = 0;
  double seconds = 0;  // the decoding's wall time

  const HotList* Find(const std::string& term) const {
    auto found = lists.find(term);
    return found == lists.end() ? nullptr : &found->second;
  }
};

// What to decode: the terms of at least `min_frequency` postings, commonest first, while their
// lists fit in `budget_bytes`.
struct WarmOptions {
  size_t budget_bytes = 0;
  uint32_t min_frequency = 0;
};

// A decoding under way, or done, for one revision of one local database. Ready() is null until
// the decoding is done (and stays null when the database moved to another revision meanwhile, or
// it failed): the searches meanwhile read Xapian. Destroying it stops and joins the thread.
class WarmPostings {
 public:
  ~WarmPostings();
  const HotPostings* Ready() const {
    return ready_.load(std::memory_order_acquire) ? hot_.get() : nullptr;
  }
  // Blocks until the decoding has ended; Ready() after it.
  const HotPostings* Wait();

 private:
  friend std::shared_ptr<WarmPostings> WarmPostingsOf(const Xapian::Database&,
                                                      const std::string&, const WarmOptions&);
  void Run(std::string folder, std::string key, WarmOptions options);
  std::unique_ptr<HotPostings> hot_;
  std::atomic<bool> ready_{false};
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable ended_;
  bool done_ = false;  // under mu_
  std::thread thread_;
};

// The decoding of `db` (one local database, opened from `folder`) at its revision with
// `options`, started by the first reader that asks and shared with the others of the process
// until they all move on to another revision.
std::shared_ptr<WarmPostings> WarmPostingsOf(const Xapian::Database& db, const std::string& folder,
                                             const WarmOptions& options);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_HOT_POSTINGS_H_
