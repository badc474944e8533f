// Facet counts (district, domain, block) over a search's whole match set. Xapian's
// ValueCountMatchSpy reads each match's value through Document::get_value: a B-tree lookup and a
// value chunk decoded from its start, per match and slot, three quarters of a faceted phrase
// query's instructions on 1,000 plans (and reading the value streams forward is no cheaper when
// the matches are sparse). On one local database the values are read instead from the item table
// (internal/item_table.h). Over several databases, or a remote one (which runs the spy itself),
// ValueCountMatchSpy stays.
#ifndef GUIHUA_INDEX_INTERNAL_FACET_COUNTER_H_
#define GUIHUA_INDEX_INTERNAL_FACET_COUNTER_H_

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace guihua::internal {

class FacetCounter {
 public:
  // `item_table`: the reader keeps the item table (IndexReader::UseItemTable) and `db` is its one
  // local database (a match's docid is its docid there); else Xapian's value counts. Nothing is
  // read before AddTo.
  FacetCounter(const Xapian::Database& db, bool item_table);
  ~FacetCounter();

  // Counts every match of the enquire's next get_mset.
  void AddTo(Xapian::Enquire& enquire);

  // Counts the items given to Count instead of an enquire's matches (a match made without
  // Xapian's matcher): true when every facet is in the item table, else nothing is counted.
  bool CountItems();
  void Count(Xapian::docid docid);

  // facet name → value → matches; empty values (items without a domain) are left out.
  void Collect(std::map<std::string, std::map<std::string, int>>* facets) const;

 private:
  class TableSpy;
  struct Facet {
    std::string name;
    std::unique_ptr<Xapian::MatchSpy> spy;
  };
  Xapian::Database db_;
  bool item_table_;  // the reader keeps the item table (of one local database)
  std::vector<Facet> facets_;  // made by AddTo
};

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_FACET_COUNTER_H_
