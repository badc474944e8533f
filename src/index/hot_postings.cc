// WarmPostings (internal/hot_postings.h): the commonest terms' posting lists decoded into arrays
// on a thread of their own, from a database of the thread's own (a Xapian::Database is not to be
// shared between threads) at the revision the reader sees.
#include "index/internal/hot_postings.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace guihua::internal {

namespace {

std::string RevisionKey(const Xapian::Database& db) {
  return db.get_uuid() + ":" + std::to_string(db.get_revision());
}

// `term`'s list as a HotList; false when the thread is to stop, or a wdf does not fit a byte.
bool Decode(const Xapian::Database& db, const std::string& term, uint32_t frequency,
            const std::atomic<bool>& stop, HotList* list) {
  list->low.reserve(frequency);
  list->wdf.reserve(frequency);
  list->window_start.push_back(0);
  uint8_t block_max = 0;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    const Xapian::docid docid = *p;
    const Xapian::termcount wdf = p.get_wdf();
    if (wdf > UINT8_MAX) return false;
    while (list->window_start.size() <= (docid >> 16)) {
      list->window_start.push_back(static_cast<uint32_t>(list->low.size()));
    }
    list->low.push_back(static_cast<uint16_t>(docid & 0xffff));
    list->wdf.push_back(static_cast<uint8_t>(wdf));
    block_max = std::max(block_max, static_cast<uint8_t>(wdf));
    if (list->low.size() % HotList::kBlock == 0) {
      list->block_max.push_back(block_max);
      block_max = 0;
      if (stop.load(std::memory_order_relaxed)) return false;
    }
  }
  if (list->low.size() % HotList::kBlock != 0) list->block_max.push_back(block_max);
  list->window_start.push_back(static_cast<uint32_t>(list->low.size()));
  return true;
}

}  // namespace

WarmPostings::~WarmPostings() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

const HotPostings* WarmPostings::Wait() {
  std::unique_lock<std::mutex> lock(mu_);
  ended_.wait(lock, [this] { return done_; });
  return Ready();
}

void WarmPostings::Run(std::string folder, std::string key, WarmOptions options) {
  const auto start = std::chrono::steady_clock::now();
  auto hot = std::make_unique<HotPostings>();
  bool whole = false;
  try {
    Xapian::Database db(folder);
    if (RevisionKey(db) == key) {
      std::vector<std::pair<uint32_t, std::string>> terms;
      size_t listed = 0;
      for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        if (t.get_termfreq() >= options.min_frequency) terms.emplace_back(t.get_termfreq(), *t);
        // Millions of terms at 10,000 plans: the last reader to reopen or close meanwhile waits
        // in ~WarmPostings for this thread, which stops here too, not after the whole listing.
        if (++listed % 4096 == 0 && stop_.load(std::memory_order_relaxed)) break;
      }
      if (stop_) terms.clear();  // and not whole, below
      std::sort(terms.begin(), terms.end(),
                [](const auto& a, const auto& b) { return a.first > b.first; });
      whole = !stop_;
      for (const auto& [frequency, term] : terms) {
        if (hot->bytes + size_t{frequency} * 3 > options.budget_bytes) continue;
        HotList list;
        if (!Decode(db, term, frequency, stop_, &list)) {
          if (!stop_) continue;  // a wdf past a byte: the term stays with Xapian
          whole = false;
          break;
        }
        hot->postings += list.size();
        hot->bytes += list.Bytes();
        hot->lists.emplace(term, std::move(list));
      }
    }
  } catch (const Xapian::Error&) {  // e.g. the generation removed by a compaction meanwhile
    whole = false;
  } catch (const std::bad_alloc&) {
    whole = false;
  }
  hot->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (whole) {
    hot_ = std::move(hot);
    ready_.store(true, std::memory_order_release);
  }
  std::lock_guard<std::mutex> lock(mu_);
  done_ = true;
  ended_.notify_all();
}

std::shared_ptr<WarmPostings> WarmPostingsOf(const Xapian::Database& db, const std::string& folder,
                                             const WarmOptions& options) {
  static std::mutex mu;
  static std::vector<std::pair<std::string, std::weak_ptr<WarmPostings>>> running;
  const std::string key = RevisionKey(db);
  // By folder too: a copy of an index keeps its uuid, and can reach the same revision with
  // other items.
  const std::string shared_key = folder + '\0' + key;
  std::lock_guard<std::mutex> lock(mu);
  std::erase_if(running, [](const auto& r) { return r.second.expired(); });
  for (const auto& [k, warm] : running) {
    if (k != shared_key) continue;
    if (auto shared = warm.lock()) return shared;  // else its last reader is dropping it now
  }
  auto warm = std::make_shared<WarmPostings>();
  warm->thread_ = std::thread(&WarmPostings::Run, warm.get(), folder, key, options);
  running.emplace_back(shared_key, warm);
  return warm;
}

}  // namespace guihua::internal
