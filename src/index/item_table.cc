// ItemTable (internal/item_table.h): every item's facet values, document and same-text key as
// codes by docid, made from the value streams and the revision terms once per database revision.
#include "index/internal/item_table.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "index/internal/format.h"

namespace guihua::internal {
namespace {

static_assert(kFacetSlots[0] == kDistrict && kFacetSlots[1] == kDomain && kFacetSlots[2] == kBlock);

ItemTable::Slot SlotOf(const Xapian::Database& db, Xapian::valueno slot, Xapian::docid last) {
  ItemTable::Slot table;
  table.codes.assign(last + 1, 0);
  std::unordered_map<std::string, uint16_t> code_of;
  std::string previous;  // the items of a file come together: most values are the one before
  uint16_t previous_code = 0;
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    const std::string& value = *v;
    if (previous_code == 0 || value != previous) {
      auto [it, added] = code_of.try_emplace(value, static_cast<uint16_t>(table.names.size()));
      if (added) {
        if (table.names.size() == UINT16_MAX) return {};
        table.names.push_back(value);
      }
      previous = value;
      previous_code = it->second;
    }
    table.codes[v.get_docid()] = previous_code;
  }
  return table;
}

// Each item's document, by its revision term: the file records name the revision of each document.
void AddDocuments(const Xapian::Database& db, Xapian::docid last, ItemTable* table) {
  std::map<std::string, uint32_t> code_of_term;
  for (auto key = db.metadata_keys_begin("file/"); key != db.metadata_keys_end("file/"); ++key) {
    IndexedFile record = FileFromJson(db.get_metadata(*key));
    if (record.revision.empty() || record.document.empty()) continue;
    table->documents.push_back(record.document);
    code_of_term[Term(kRevisionPrefix, record.revision)] =
        static_cast<uint32_t>(table->documents.size() - 1);
  }
  table->document.assign(last + 1, 0);
  for (auto term = db.allterms_begin(kRevisionPrefix); term != db.allterms_end(kRevisionPrefix);
       ++term) {
    auto found = code_of_term.find(*term);
    if (found == code_of_term.end()) continue;  // a dead revision
    for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p) {
      table->document[*p] = found->second;
    }
  }
  std::vector<uint32_t> order(table->documents.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return table->documents[a] < table->documents[b];
  });
  table->document_rank.assign(order.size(), 0);
  for (size_t i = 1; i < order.size(); ++i) {
    const bool same = table->documents[order[i]] == table->documents[order[i - 1]];
    table->document_rank[order[i]] = table->document_rank[order[i - 1]] + (same ? 0 : 1);
  }
}

// The same-text keys (8 bytes each) as codes in key order, and the items of each key. Left empty
// when a key is not 8 bytes (not written by this format): the callers then read Xapian.
void AddTexts(const Xapian::Database& db, Xapian::docid last, ItemTable* table) {
  // As big-endian numbers, whose order is the keys' byte order: sorting numbers rather than
  // strings was most of the table's making.
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  pairs.reserve(db.get_value_freq(kSameText));
  for (auto v = db.valuestream_begin(kSameText); v != db.valuestream_end(kSameText); ++v) {
    uint64_t number = 0;
    if (!SameTextNumber(*v, &number)) return;
    pairs.emplace_back(number, v.get_docid());
  }
  std::sort(pairs.begin(), pairs.end());
  table->text.assign(last + 1, 0);
  table->text_docids.reserve(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto [number, docid] = pairs[i];
    if (i == 0 || pairs[i - 1].first != number) {
      table->text_first.push_back(static_cast<uint32_t>(table->text_docids.size()));
      table->keys.push_back(SameTextKeyOf(number));
    }
    table->text[docid] = static_cast<uint32_t>(table->keys.size());
    table->text_docids.push_back(docid);
  }
  table->text_first.push_back(static_cast<uint32_t>(table->text_docids.size()));
}

// The facet term of each value, as MakeItemDocument writes it: an item without a district or
// domain has no such term; every item has a block term.
void AddTerms(size_t facet, ItemTable::Slot* slot) {
  const std::string& prefix = FacetPrefixes().at(kFacetNames[facet]);
  for (const std::string& name : slot->names) {
    const bool written = !name.empty() || kFacetSlots[facet] == kBlock;
    slot->terms.push_back(written ? Term(prefix, name) : std::string());
  }
}

std::shared_ptr<const ItemTable> MakeTable(const Xapian::Database& db) {
  auto table = std::make_shared<ItemTable>();
  const Xapian::docid last = db.get_lastdocid();
  for (size_t i = 0; i < std::size(kFacetSlots); ++i) {
    table->facets[i] = SlotOf(db, kFacetSlots[i], last);
    AddTerms(i, &table->facets[i]);
  }
  AddDocuments(db, last, table.get());
  AddTexts(db, last, table.get());
  return table;
}

}  // namespace

uint32_t ItemTable::TextCode(std::string_view key) const {
  auto found = std::lower_bound(keys.begin(), keys.end(), key,
                                [](const std::string& a, std::string_view b) { return a < b; });
  if (found == keys.end() || *found != key) return 0;
  return static_cast<uint32_t>(found - keys.begin()) + 1;
}

std::shared_ptr<const ItemTable> ItemTableOf(const Xapian::Database& db) {
  static std::mutex mu;
  static std::vector<std::pair<std::string, std::shared_ptr<const ItemTable>>> recent;
  const std::string key = db.get_uuid() + ":" + std::to_string(db.get_revision());
  {
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& [k, table] : recent) {
      if (k == key) return table;
    }
  }
  std::shared_ptr<const ItemTable> table = MakeTable(db);
  std::lock_guard<std::mutex> lock(mu);
  recent.emplace_back(key, table);
  if (recent.size() > 4) recent.erase(recent.begin());
  return table;
}

}  // namespace guihua::internal
