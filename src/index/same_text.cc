// Same-text collapse at search (internal/same_text.h): who else prints a hit's text, found through
// the bucket terms of the hits' keys.
#include "index/internal/same_text.h"

#include <algorithm>
#include <map>

#include "index/internal/format.h"

namespace guihua::internal {

bool HasSameTextKeys(const Xapian::Database& db) {
  return db.get_doccount() == 0 || db.get_value_freq(kSameText) > 0;
}

void CountSameTexts(const Xapian::ValueCountMatchSpy& spy, SearchResult* result) {
  size_t keyed = 0, texts = 0;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    keyed += v.get_termfreq();
    ++texts;
  }
  result->total = spy.get_total();
  result->total_exact = true;
  result->wordings = texts + (result->total - keyed);
  result->wordings_exact = true;
}

namespace {

struct SameTextItems {
  int items = 0;
  std::vector<std::pair<std::string, std::string>> places;  // (document id, district)
};

// Where an item stands: its document id, and its district (else its document id).
std::pair<std::string, std::string> PlaceOf(const Xapian::Document& doc) {
  std::string document = ItemDocumentId(doc);
  std::string district = doc.get_value(kDistrict);
  return {document, district.empty() ? document : district};
}

// The districts, each once, in the order of their documents' ids: the same however the index is
// split into shards (docids are not).
std::vector<std::string> Districts(std::vector<std::pair<std::string, std::string>> places) {
  std::sort(places.begin(), places.end());
  std::vector<std::string> out;
  for (auto& [document, district] : places) {
    if (std::find(out.begin(), out.end(), district) == out.end()) out.push_back(std::move(district));
  }
  return out;
}

}  // namespace

void FillSameText(const Xapian::Database& db, const Xapian::Query& filter,
                  const std::vector<std::string>& keys, std::vector<SearchHit>* hits) {
  std::map<std::string, SameTextItems> wanted;
  std::vector<Xapian::Query> buckets;
  for (const std::string& key : keys) {
    if (key.empty() || !wanted.emplace(key, SameTextItems{}).second) continue;
    buckets.emplace_back(SameTextBucketTerm(key));
  }
  if (wanted.empty()) return;
  Xapian::Query query(Xapian::Query::OP_OR, buckets.begin(), buckets.end());
  if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(db.get_doccount(), 1));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
    auto found = wanted.find(doc.get_value(kSameText));
    if (found == wanted.end()) continue;  // another key of the same bucket
    ++found->second.items;
    found->second.places.push_back(PlaceOf(doc));
  }
  for (size_t i = 0; i < hits->size() && i < keys.size(); ++i) {
    auto found = wanted.find(keys[i]);
    if (found == wanted.end() || found->second.items == 0) continue;
    (*hits)[i].same_text = found->second.items;
    (*hits)[i].same_text_districts = Districts(found->second.places);
  }
}

}  // namespace guihua::internal
