// The on-disk format of the index, shared by its writer, reader and search: term prefixes and value
// slots, the metadata keys and the file record, the stored fields of an item and how an item
// becomes a Xapian document again. A change here is a change of kFormat.
#ifndef GUIHUA_INDEX_INTERNAL_FORMAT_H_
#define GUIHUA_INDEX_INTERNAL_FORMAT_H_

#include <xapian.h>

#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/hash.h"
#include "common/status.h"
#include "index/index.h"
#include "index/internal/check_store.h"
#include "index/internal/query.h"

namespace guihua::internal {

// Boolean term prefixes (Xapian convention: capitals) and value slots. An item has no unique id
// term of its own: a file is replaced or removed whole, and a unique term per item would cost a
// posting list per item (a fifth of ingest time).
inline constexpr char kDocumentPrefix[] = "XF";
// Each ingest of a file gets a revision, a random id that all its items carry as a term. The
// database has no termlist table (Xapian's DB_NO_TERMLIST: 40% of the index and of the writer's
// time), so Xapian cannot delete a document; replacing or removing a file instead lists its
// revision as dead, every search leaves dead revisions out, and a purge (see Rebuild) rewrites the
// index without them. This is how Lucene deletes: a mark now, the space back at the next merge.
inline constexpr char kRevisionPrefix[] = "XR";
// How a writer opens a database, with a termlist table or without (see IndexWriter::Compact).
// No fsync per commit: a killed process loses nothing the kernel has; a power cut may lose the
// last files, and Xapian still opens at its last good revision.
inline int WriteFlags(bool termlist) {
  return Xapian::DB_NO_SYNC | (termlist ? 0 : Xapian::DB_NO_TERMLIST);
}
// The block size of a compacted database: 16 KB blocks, where Xapian's default is 8 KB, leave
// less of each block unused and hold the B-tree's keys fewer times; on 200 plans the postings and
// values took 2.1% less, and the bench's word, phrase and filtered queries the same instructions
// (64 KB: 3.3% less, but a block read copies 8 times the bytes). A database being written keeps
// Xapian's default, which costs the writer less.
inline constexpr int kCompactedBlockSize = 16384;
inline bool HasTermlist(const std::string& database) {
  return std::filesystem::exists(std::filesystem::path(database) / "termlist.glass");
}
inline const std::map<std::string, std::string>& FacetPrefixes() {
  static const std::map<std::string, std::string> prefixes = {
      {"province", "XP"},  {"city", "XC"},   {"district", "XD"},
      {"plan", "XL"},      {"domain", "XO"}, {"block", "XB"},
      {"indicator", "XI"}, {"period", "XY"}, {"document", "XF"},
      {"kind", "XK"}};
  return prefixes;
}
// Values for facet counting, and the item's stored fields with its printed text (kItemData). These
// are a value, in the index's text code (internal/text_code.h: about 1.4 bytes a character), and
// the document data is left empty: Xapian deflates the data on the writer thread (resetting a zlib
// stream per item was 8% of ingest's instructions), for nothing on fields of 80 bytes, and a hit
// then reads one value rather than a value and the data. For ranges: each indicator's target
// value in a slot of its own (internal::IndicatorValueSlot), Xapian::sortable_serialise'd (a year
// filter takes the period terms that cover the year; slots 5 and 6, the plan's first and last
// year until format 15, are no longer written). For sorting by period, its PeriodSortKey, which
// sorts as first year then last: a remote shard takes no KeyMaker that would sort by two slots.
enum Slot : Xapian::valueno {
  kDistrict = 0,
  kDomain = 1,
  kBlock = 2,
  kPeriodText = 3,
  kItemData = 4,
  // The item's same-text key (SameTextKey): the collapse key of search, so that a text printed
  // alike in several plans comes as one hit. Empty in items ingested before it existed, which
  // Xapian never collapses.
  kSameText = 7,
};

// The same-text key of an item: 8 bytes, a 64-bit FNV-1a hash of its check text (CheckText: the
// working text, so traditional and simplified, full- and half-width forms and line breaks are one;
// ASCII folded). Punctuation is kept, so a literal either holds in every item of a key or in none.
// The printed list number is not in an item's text (it is the item field), so "1." and "3." before
// the same words are one text.
std::string SameTextKey(std::string_view check_text);
// The key as a number and back: its 8 bytes big-endian, so that numbers sort as the keys do; the
// number of a check text's key is its FNV-1a hash. SameTextNumber is false for a key that is not
// 8 bytes (not written by this format).
inline uint64_t SameTextNumberOf(std::string_view check_text) { return Fnv1a64(check_text); }
std::string SameTextKeyOf(uint64_t number);
bool SameTextNumber(std::string_view key, uint64_t* number);
// Each item also carries the term of its key's bucket (kSameTextPrefix and the key's first 16
// bits, in hex): finding the items of a few keys reads a few short posting lists, without a
// posting list per item as a term per key would cost (see ItemDocument).
inline constexpr char kSameTextPrefix[] = "XS";
std::string SameTextBucketTerm(std::string_view key);

inline constexpr char kFieldSep = '\x1f';
inline constexpr size_t kMaxTermBytes = 240;

// The layout of items, terms and metadata this code writes and reads; an index of another format
// is refused with a message rather than searched wrongly.
inline constexpr char kFormatKey[] = "guihua/format";
// 8: kind terms and document titles (and, later within 8, the same-text key kSameText: an item
// without it is only never collapsed). 9: texts in the text code, target records deflated. 10: an
// item's fields in the kItemData value with its text, no document data. 11: the check-text store
// is the text's one copy, and kItemData holds a patch from the check text to the printed one. 12:
// kItemData's fields each after its size rather than ended by kFieldSep. 13: a patch may print
// the check text's , ; : ( ) ! ? full-width. 14: an item keeps its place in its file's
// SectionTable instead of its plan, domain and block, and its numbers as varints. 15: no values
// of the period's first and last year (a year filter takes period terms), kPeriodText a
// PeriodSortKey. 16: check-text store entries of 6 bytes (internal/check_store.h).
inline constexpr char kFormat[] = "16";
// The number of items at the last compaction (see IndexWriter::CompactIfGrown).
inline constexpr char kCompactedKey[] = "guihua/compacted-items";
// The dead revisions, space-separated, and how many items carry them.
inline constexpr char kDeadKey[] = "guihua/dead";
inline constexpr char kDeadItemsKey[] = "guihua/dead-items";

// A metadata key, `prefix` + `name`; past kMaxMetaKeyBytes (a path in deep folders, a long file
// name) the name's first bytes and a hash of it all, so that a key does not always hold its name:
// read the name from the value (the file record). Xapian's limit (glass: 255 bytes with its own 2
// of prefix), so that every key it took before is the same and existing indexes read the same.
inline constexpr size_t kMaxMetaKeyBytes = 253;
std::string MetaKey(const char* prefix, const std::string& name);

inline std::string FileMetaKey(const std::string& document) { return MetaKey("file/", document); }
// A file's target records, one JSON object a line, deflated (DeflateText): a tenth of their size.
inline std::string TargetsMetaKey(const std::string& document) {
  return MetaKey("targets/", document);
}
inline std::string PathMetaKey(const std::string& file) { return MetaKey("path/", file); }
// A file's SectionTable (Stored()).
inline std::string SectionsMetaKey(const std::string& document) {
  return MetaKey("sections/", document);
}

std::string Term(const std::string& prefix, const std::string& value);
std::string PeriodText(const Period& p);
// What sorting by period sorts on (kPeriodText): the first and last year, 2 bytes each, high byte
// first, in the order of their text ("2021-2030") for years of 4 digits, in 4 bytes where the
// text took 9 (0.01 × the text at 1,000 plans); the text itself for other years.
std::string PeriodSortKey(const Period& p);
// The period's text back from its PeriodSortKey ("2021-2030"), as a hit's sort_key prints it.
std::string PeriodOfSortKey(const std::string& key);

// The file record stored as metadata "file/DOC". FileJson's dump() throws on a string that is not
// UTF-8; FileFromJson gives an empty record for text that is not one.
nlohmann::json FileJson(const IndexedFile& f);
IndexedFile FileFromJson(const std::string& text);

// A Xapian exception as a Status naming `what`.
Status FromXapian(const Xapian::Error& e, const std::string& what);
// The exception being handled (call it in a `catch (...)`) as a Status naming `what`: a
// Xapian::Error (which is not a std::exception) as FromXapian, a std::exception (bad_alloc, a
// filesystem error, nlohmann::json's) as an internal error; anything else goes on unwinding. Every
// entry point of the index catches this way, so no library's exception leaves the module.
Status FromCurrentException(const std::string& what);

// The stored fields of an item, in this order, separated by kFieldSep; the printed text last (see
// MakeItemDocument and ItemData for how kItemData keeps them). kIndicators: the indicator ids of
// the item's targets, space-separated, each with "=value" when it has a target value. kWorking is
// empty when normalizing the printed text gives the item's working text (nearly always); it holds
// that text otherwise. What belongs to the file (path, region, revision) is in the file's record,
// not repeated in each item. The data and the record are all a purge needs to index an item
// again.
enum Field {
  kDoc,
  kPlanF,
  kDomainTitle,
  kDomainId,
  kBlockF,
  kItem,
  kLine,
  kEndLine,
  kIndicators,
  kWorking,
  kPrinted,
  kFieldCount
};

std::vector<std::string_view> SplitData(std::string_view data);

// A file's sections: each distinct kPlanF, kDomainTitle, kDomainId, kBlockF of its items once, in
// the order its items first name them. An item keeps its section's place (a byte) instead of the
// four fields, which every item of a section repeated: about 40 of an item's 75 bytes of values,
// 0.09 × the text at 1,000 plans. Kept as metadata SectionsMetaKey (Stored()): per section, each
// field as a varint 0 when it is the previous section's, else its coded size + 1 and the field in
// the text code (a domain's goals and measures share their plan, title and id). About 0.8 KB a
// plan, where deflating the table took 0.45 KB but doubled the cost of reading it (a reader reads
// one per file of its hits).
class SectionTable {
 public:
  // The place of the section of the fields `f` (SplitData), added when new.
  size_t Place(const std::vector<std::string_view>& f);
  // The four fields of the section at `place`, each ended by kFieldSep (four empty fields when
  // there is none: a damaged index).
  std::string_view Fields(size_t place) const;
  // The size of its longest Fields.
  size_t longest() const { return longest_; }
  std::string Stored() const;
  static SectionTable FromStored(std::string_view stored);

 private:
  void Append(std::string_view fields);
  std::string all_;           // every section's Fields, one after another
  std::vector<size_t> ends_;  // where each ends in all_
  size_t longest_ = kBlockF - kPlanF + 1;
  std::unordered_map<std::string, size_t> places_;  // made by Place, for a writer
};

// A file's section table, by its document id (the reader's cache, or a purge's).
using SectionsOf = std::function<const SectionTable&(const std::string& document)>;

// An item's own fields; the file's (path, region) are filled in from its record by the reader.
SearchHit HitFromData(const std::string& data);

// The words of a space-separated list (indicator ids, dead revisions).
std::vector<std::string_view> SpaceSeparated(std::string_view list);

// The boolean terms that every item of a file carries.
std::vector<std::string> FileTerms(const IndexedFile& record);

// The working text of an item from its stored fields.
std::string WorkingText(const std::vector<std::string_view>& fields);

// What a literal is checked against (HoldsCoded): the working text, ASCII-folded, in the index's
// text code.
std::string CheckText(std::string working);

// An item made ready for the writer: its Xapian document, and its check text for the store.
struct ItemDocument {
  Xapian::Document doc;
  std::string check_text;
};

// The Xapian document of an item: its stored data, the bigrams of its working text with their
// impacts as wdf, its facet terms and values. It depends on the data, the file's record and its
// section table only, so that a purge can index an item again without its file. `working`: the
// working text, when the caller has it at hand (kWorking is then filled in here when the printed
// text does not give it). The text itself is kept once, as the check text in the store: kItemData
// holds the fields kDoc to kWorking: kDoc coded after a varint of its coded size, the place of its
// section in `sections` (added there when new) as a varint, kItem, kLine and kEndLine each as a
// varint of its number + 1 (kEndLine's less kLine's; 0 and the field coded after its size when it
// is not a number as the writer prints them), kIndicators and kWorking coded after their sizes.
// Before them a varint of 4 × their size + 1 when the printed text follows in the text code, + 0
// when a patch follows (text_code.h, ApplyPatch) that makes it of the check text, + 2 more when
// that patch is for ApplyPatch(…, full_width = true). `keep_printed`: the printed text itself, for
// a database served by xapian-tcpsrv, whose clients cannot read the store (see KeepPrintedText).
ItemDocument MakeItemDocument(const std::string& data, const IndexedFile& record,
                              const std::vector<std::string>& file_terms, SectionTable& sections,
                              const std::string* working = nullptr, bool keep_printed = false);

// Makes an item document keep its printed text in kItemData rather than a patch.
void KeepPrintedText(ItemDocument& item);

// The stored fields of an item document with its printed text, as MakeItemDocument was given
// them; `check_text`: the item's text from the store (unused when kItemData keeps the printed
// text), `sections`: its file's section table.
std::string ItemData(const Xapian::Document& doc, std::string_view check_text,
                     const SectionsOf& sections);

// The document id of an item document (its first field), without its text.
std::string ItemDocumentId(const Xapian::Document& doc);
// The same from the document's kItemData value.
std::string ItemDocumentIdOf(const std::string& item_data);

// The check text of an item document whose kItemData keeps its printed text (an item of a
// remote shard, where the store is not at hand).
std::string CheckTextOf(const Xapian::Document& doc);

// Opens the check-text store of the database folder `dir` for `db`; an error when it does not
// hold every item of `db` (the store is the text's one copy).
StatusOr<std::unique_ptr<internal::CheckStoreWriter>> OpenCheckStore(const std::string& dir,
                                                                     const Xapian::Database& db);

// A text deflated by zlib after its length (4 bytes, little-endian), and back ("" for bytes that
// are not one).
std::string DeflateText(std::string_view text);
std::string InflateText(std::string_view stored);

// The dead revisions of `db` and how many items carry them.
std::vector<std::string> DeadRevisions(const Xapian::Database& db);
Xapian::doccount DeadItems(const Xapian::Database& db);

// Lists the revision of `old` as dead: its items stay in the database, left out of every search,
// until a purge. Part of the caller's transaction.
void MarkDead(Xapian::WritableDatabase& db, const IndexedFile& old);

// A new revision id: 64 random bits, so that revisions from any writer never collide.
std::string NewRevision();

// The format check of one database: a writer stamps an empty database, a reader refuses another
// format. An empty database of no format is fine (nothing was ingested yet).
Status CheckFormat(const Xapian::Database& db, const std::string& where);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_FORMAT_H_
