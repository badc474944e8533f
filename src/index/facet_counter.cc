// FacetCounter: facet counts from a per-revision table of codes on one local database, else
// ValueCountMatchSpy (internal/facet_counter.h).
#include "index/internal/facet_counter.h"

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "index/internal/format.h"

namespace guihua::internal {
namespace {

// Every item's value of one slot as a code: codes[docid] indexes names (code 0 is "", no value).
struct SlotTable {
  std::vector<std::string> names{""};
  std::vector<uint16_t> codes;
};

// The tables of a database revision, or null when a slot has too many values for its codes.
struct FacetTables {
  std::vector<SlotTable> slots;  // kDistrict, kDomain, kBlock
};

constexpr Xapian::valueno kFacetSlots[] = {kDistrict, kDomain, kBlock};
constexpr const char* kFacetNames[] = {"district", "domain", "block"};

std::shared_ptr<const FacetTables> MakeTables(const Xapian::Database& db) {
  auto tables = std::make_shared<FacetTables>();
  for (Xapian::valueno slot : kFacetSlots) {
    SlotTable table;
    table.codes.assign(db.get_lastdocid() + 1, 0);
    std::unordered_map<std::string, uint16_t> code_of;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
      auto [it, added] = code_of.try_emplace(*v, static_cast<uint16_t>(table.names.size()));
      if (added) {
        if (table.names.size() == UINT16_MAX) return nullptr;
        table.names.push_back(*v);
      }
      table.codes[v.get_docid()] = it->second;
    }
    tables->slots.push_back(std::move(table));
  }
  return tables;
}

// The tables of `db` at its revision: made by the first search that asks, then shared by every
// reader of the process until the database changes (the last few revisions are kept, so that a
// reader not yet reopened keeps its own).
std::shared_ptr<const FacetTables> TablesOf(const Xapian::Database& db) {
  static std::mutex mu;
  static std::vector<std::pair<std::string, std::shared_ptr<const FacetTables>>> recent;
  const std::string key = db.get_uuid() + ":" + std::to_string(db.get_revision());
  {
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& [k, tables] : recent) {
      if (k == key) return tables;
    }
  }
  std::shared_ptr<const FacetTables> tables = MakeTables(db);
  std::lock_guard<std::mutex> lock(mu);
  recent.emplace_back(key, tables);
  if (recent.size() > 4) recent.erase(recent.begin());
  return tables;
}

}  // namespace

// Counts one slot's codes for the matches it is shown.
class FacetCounter::TableSpy final : public Xapian::MatchSpy {
 public:
  TableSpy(std::shared_ptr<const FacetTables> tables, size_t slot)
      : tables_(std::move(tables)), table_(tables_->slots[slot]), counts_(table_.names.size()) {}

  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid docid = doc.get_docid();
    if (docid < table_.codes.size()) ++counts_[table_.codes[docid]];
  }

  void Collect(std::map<std::string, int>* out) const {
    for (size_t code = 1; code < counts_.size(); ++code) {
      if (counts_[code] > 0) (*out)[table_.names[code]] = static_cast<int>(counts_[code]);
    }
  }

 private:
  std::shared_ptr<const FacetTables> tables_;
  const SlotTable& table_;
  std::vector<Xapian::doccount> counts_;
};

FacetCounter::FacetCounter(const Xapian::Database& db, bool local) : db_(db), local_(local) {}

FacetCounter::~FacetCounter() = default;

void FacetCounter::AddTo(Xapian::Enquire& enquire) {
  std::shared_ptr<const FacetTables> tables = local_ ? TablesOf(db_) : nullptr;
  for (size_t i = 0; i < std::size(kFacetSlots); ++i) {
    std::unique_ptr<Xapian::MatchSpy> spy;
    if (tables) {
      spy = std::make_unique<TableSpy>(tables, i);
    } else {
      spy = std::make_unique<Xapian::ValueCountMatchSpy>(kFacetSlots[i]);
    }
    enquire.add_matchspy(spy.get());
    facets_.push_back({kFacetNames[i], std::move(spy)});
  }
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
