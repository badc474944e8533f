// FacetCounter: facet counts from the item table on one local database, else ValueCountMatchSpy
// (internal/facet_counter.h).
#include "index/internal/facet_counter.h"

#include "index/internal/format.h"
#include "index/internal/item_table.h"

namespace guihua::internal {

// Counts one slot's codes for the matches it is shown.
class FacetCounter::TableSpy final : public Xapian::MatchSpy {
 public:
  TableSpy(std::shared_ptr<const ItemTable> table, size_t slot)
      : table_(std::move(table)), slot_(table_->facets[slot]), counts_(slot_.names.size()) {}

  void operator()(const Xapian::Document& doc, double) override { Count(doc.get_docid()); }

  void Count(Xapian::docid docid) {
    if (docid < slot_.codes.size()) ++counts_[slot_.codes[docid]];
  }

  void Collect(std::map<std::string, int>* out) const {
    for (size_t code = 1; code < counts_.size(); ++code) {
      if (counts_[code] > 0) (*out)[slot_.names[code]] = static_cast<int>(counts_[code]);
    }
  }

 private:
  std::shared_ptr<const ItemTable> table_;
  const ItemTable::Slot& slot_;
  std::vector<Xapian::doccount> counts_;
};

FacetCounter::FacetCounter(const Xapian::Database& db, bool item_table)
    : db_(db), item_table_(item_table) {}

FacetCounter::~FacetCounter() = default;

void FacetCounter::AddTo(Xapian::Enquire& enquire) {
  std::shared_ptr<const ItemTable> table = item_table_ ? ItemTableOf(db_) : nullptr;
  for (size_t i = 0; i < std::size(kFacetSlots); ++i) {
    std::unique_ptr<Xapian::MatchSpy> spy;
    if (table && table->facets[i].ok()) {
      spy = std::make_unique<TableSpy>(table, i);
    } else {
      spy = std::make_unique<Xapian::ValueCountMatchSpy>(kFacetSlots[i]);
    }
    enquire.add_matchspy(spy.get());
    facets_.push_back({kFacetNames[i], std::move(spy)});
  }
}

bool FacetCounter::CountItems() {
  std::shared_ptr<const ItemTable> table = item_table_ ? ItemTableOf(db_) : nullptr;
  if (table == nullptr || !facets_.empty()) return false;
  for (size_t i = 0; i < std::size(kFacetSlots); ++i) {
    if (!table->facets[i].ok()) return false;
  }
  for (size_t i = 0; i < std::size(kFacetSlots); ++i) {
    facets_.push_back({kFacetNames[i], std::make_unique<TableSpy>(table, i)});
  }
  return true;
}

void FacetCounter::Count(Xapian::docid docid) {
  for (Facet& f : facets_) static_cast<TableSpy&>(*f.spy).Count(docid);
}

void FacetCounter::Collect(std::map<std::string, std::map<std::string, int>>* facets) const {
  for (const Facet& f : facets_) {
    std::map<std::string, int>& out = (*facets)[f.name];
    if (const auto* table = dynamic_cast<const TableSpy*>(f.spy.get())) {
      table->Collect(&out);
      continue;
    }
    const auto& spy = static_cast<const Xapian::ValueCountMatchSpy&>(*f.spy);
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
      if (!(*v).empty()) out[*v] = static_cast<int>(v.get_termfreq());
    }
  }
}

}  // namespace guihua::internal
