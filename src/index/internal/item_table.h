// Every item of one local database as small codes by docid: its facet values (district, domain,
// block), its document and its same-text key. Made once per database revision from the value
// streams and the revision terms, and shared by the readers of the process. Facet counts, the
// same-text counts of a collapsed search and the places of a hit's text read them here: through
// Xapian::Document::get_value each read is a B-tree lookup and a value chunk decoded from its
// start, per match and slot (three quarters of a faceted phrase on 1,000 plans, and nine tenths of
// a collapsed common word, whose same texts were each read with their whole stored text).
#ifndef GUIHUA_INDEX_INTERNAL_ITEM_TABLE_H_
#define GUIHUA_INDEX_INTERNAL_ITEM_TABLE_H_

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace guihua::internal {

struct ItemTable {
  // One value slot's values as codes: codes[docid] indexes names (code 0 is "", no value). Empty
  // codes: the slot has too many values for 16 bits, and is read from Xapian.
  struct Slot {
    std::vector<std::string> names{""};
    std::vector<uint16_t> codes;
    // terms[code]: the facet term an item of that value carries (a filter's term), "" for none.
    std::vector<std::string> terms;
    bool ok() const { return !codes.empty(); }
    const std::string& Of(Xapian::docid docid) const {
      return docid < codes.size() ? names[codes[docid]] : names[0];
    }
  };
  Slot facets[3];  // kDistrict, kDomain, kBlock, as kFacetSlots

  // document[docid] indexes documents: the document id of the item's file, found through its
  // revision term and the file records (code 0, "": a dead revision, whose record is gone).
  std::vector<std::string> documents{""};
  std::vector<uint32_t> document;
  // document_rank[code]: the place of documents[code] in the documents' byte order (equal ids, one
  // rank), so that places are ordered by document id without comparing strings.
  std::vector<uint32_t> document_rank;

  // text[docid]: the item's same-text key as a code, 1 + its index in `keys` (sorted); 0: none.
  // The items of code c are text_docids[text_first[c - 1] .. text_first[c]), ascending.
  std::vector<std::string> keys;
  std::vector<uint32_t> text;
  std::vector<uint32_t> text_first;
  std::vector<uint32_t> text_docids;

  // The code of a same-text key, 0 if no item has it.
  uint32_t TextCode(std::string_view key) const;
  uint32_t TextOf(Xapian::docid docid) const { return docid < text.size() ? text[docid] : 0; }
};

inline constexpr Xapian::valueno kFacetSlots[] = {0, 1, 2};  // kDistrict, kDomain, kBlock
inline constexpr const char* kFacetNames[] = {"district", "domain", "block"};

// The table of `db` (one local database) at its revision: made by the first search that asks,
// then shared until the database changes (the last few revisions are kept, so that a reader not yet
// reopened keeps its own).
std::shared_ptr<const ItemTable> ItemTableOf(const Xapian::Database& db);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_ITEM_TABLE_H_
