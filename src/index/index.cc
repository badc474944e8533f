// Xapian writer and reader. One Xapian document per item: data = the item's fields and printed
// text, terms = bigrams of its working text (wdf = impact) plus boolean facet terms, values =
// facets for counting. Each file's record and target JSON live in the database metadata. Xapian
// exceptions are caught here and become a Status.
#include "index/index.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <unordered_set>

#include "common/utf8.h"
#include "extract/target_record.h"
#include "index/internal/check_store.h"
#include "index/internal/generations.h"
#include "index/internal/query.h"
#include "normalize/normalize.h"

namespace guihua {
namespace {

using nlohmann::json;

// Boolean term prefixes (Xapian convention: capitals) and value slots. An item has no unique id
// term of its own: a file is replaced or removed whole, and a unique term per item would cost a
// posting list per item (a fifth of ingest time).
constexpr char kDocumentPrefix[] = "XF";
// Each ingest of a file gets a revision, a random id that all its items carry as a term. The
// database has no termlist table (Xapian's DB_NO_TERMLIST: 40% of the index and of the writer's
// time), so Xapian cannot delete a document; replacing or removing a file instead lists its
// revision as dead, every search leaves dead revisions out, and a purge (see Rebuild) rewrites the
// index without them. This is how Lucene deletes: a mark now, the space back at the next merge.
constexpr char kRevisionPrefix[] = "XR";
// How a writer opens a database, with a termlist table or without (see IndexWriter::Compact).
// No fsync per commit: a killed process loses nothing the kernel has; a power cut may lose the
// last files, and Xapian still opens at its last good revision.
int WriteFlags(bool termlist) { return Xapian::DB_NO_SYNC | (termlist ? 0 : Xapian::DB_NO_TERMLIST); }
bool HasTermlist(const std::string& database) {
  return std::filesystem::exists(std::filesystem::path(database) / "termlist.glass");
}
const std::map<std::string, std::string>& FacetPrefixes() {
  static const std::map<std::string, std::string> prefixes = {
      {"province", "XP"}, {"city", "XC"},  {"district", "XD"},  {"plan", "XL"},
      {"domain", "XO"},   {"block", "XB"}, {"indicator", "XI"}, {"period", "XY"},
      {"document", "XF"}};
  return prefixes;
}
// Values for facet counting, and the item's printed text. The printed text is a value, in UTF-16
// (internal::Utf16Value: two bytes for a Han character instead of UTF-8's three), rather than in
// the document data, where Xapian would deflate it on the writer thread, a tenth of that thread's
// time. For ranges: the plan's first and last year, and each indicator's target value in a slot
// of its own (internal::IndicatorValueSlot), Xapian::sortable_serialise'd. For sorting by period,
// its text ("2021-2030", which sorts as first year then last): a remote shard takes no KeyMaker
// that would sort by two slots.
enum Slot : Xapian::valueno {
  kDistrict = 0,
  kDomain = 1,
  kBlock = 2,
  kPeriodText = 3,
  kPrintedText = 4,
  kPeriodStart = 5,
  kPeriodEnd = 6,
};

using internal::IndicatorValueSlot;

constexpr char kFieldSep = '\x1f';
constexpr size_t kMaxTermBytes = 240;

// The layout of items, terms and metadata this code writes and reads; an index of another format
// is refused with a message rather than searched wrongly.
constexpr char kFormatKey[] = "guihua/format";
constexpr char kFormat[] = "7";
// The number of items at the last compaction (see IndexWriter::CompactIfGrown).
constexpr char kCompactedKey[] = "guihua/compacted-items";
// The dead revisions, space-separated, and how many items carry them.
constexpr char kDeadKey[] = "guihua/dead";
constexpr char kDeadItemsKey[] = "guihua/dead-items";

// Candidates fetched in the first round of the rank-order check (each next round, twice as many).
constexpr Xapian::doccount kVerifyBatch = 64;

std::string FileMetaKey(const std::string& document) { return "file/" + document; }
std::string TargetsMetaKey(const std::string& document) { return "targets/" + document; }
std::string PathMetaKey(const std::string& file) { return "path/" + file; }

std::string Term(const std::string& prefix, const std::string& value) {
  std::string t = prefix + NormalizeString(value);
  if (t.size() > kMaxTermBytes) t.resize(kMaxTermBytes);
  return t;
}

std::string PeriodText(const Period& p) {
  return p.start == 0 ? "" : std::to_string(p.start) + "-" + std::to_string(p.end);
}

json FileJson(const IndexedFile& f) {
  return {{"document", f.document}, {"file", f.file}, {"hash", f.content_hash},
          {"province", f.region.province}, {"city", f.region.city},
          {"district", f.region.district}, {"period_start", f.period.start},
          {"period_end", f.period.end}, {"plans", f.plans}, {"items", f.items},
          {"targets", f.targets}, {"revision", f.revision}};
}

IndexedFile FileFromJson(const std::string& text) {
  IndexedFile f;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return f;
  f.document = j.value("document", "");
  f.file = j.value("file", "");
  f.content_hash = j.value("hash", "");
  f.region = {j.value("province", ""), j.value("city", ""), j.value("district", "")};
  f.period = {j.value("period_start", 0), j.value("period_end", 0)};
  f.plans = j.value("plans", 0);
  f.items = j.value("items", 0);
  f.targets = j.value("targets", 0);
  f.revision = j.value("revision", "");
  return f;
}

Status FromXapian(const Xapian::Error& e, const std::string& what) {
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") {
    return Status::InvalidInput(what + ": index is locked by another process");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
    return Status::InvalidInput(what + ": cannot open index (" + e.get_msg() + ")");
  }
  if (type == "FeatureUnavailableError" && e.get_msg().find("termlist") != std::string::npos) {
    return Status::InvalidInput("a shard served by xapian-tcpsrv needs a termlist table: "
                                "run `guihua compact --termlist --db DIR` on its folder");
  }
  if (type == "NetworkError" || type == "NetworkTimeoutError") {
    return Status::InvalidInput(what + ": " + e.get_description());
  }
  return Status::Internal(what + ": " + e.get_description());
}

// The stored fields of an item, in this order, separated by kFieldSep; the printed text last (kept
// in the kPrintedText value: see ItemDocument and ItemData). kIndicators: the indicator ids of the
// item's targets, space-separated, each with "=value" when it has a target value. kWorking is
// empty when normalizing the printed text gives the item's working text (nearly always); it holds
// that text otherwise. What belongs to the file (path, region, revision) is in the file's record,
// not repeated in each item. The data and the record are all a purge needs to index an item
// again.
enum Field { kDoc, kPlanF, kDomainTitle, kDomainId, kBlockF, kItem, kLine, kEndLine, kIndicators,
             kWorking, kPrinted, kFieldCount };

std::vector<std::string_view> SplitData(std::string_view data) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (fields.size() + 1 < kFieldCount) {
    size_t cut = data.find(kFieldSep, start);
    if (cut == std::string_view::npos) break;
    fields.push_back(data.substr(start, cut - start));
    start = cut + 1;
  }
  fields.push_back(data.substr(start));
  fields.resize(kFieldCount);
  return fields;
}

// True when the candidate query of `node` is already exact: every literal is one run of one or two
// indexable characters, i.e. a single index term (or the terms that begin with one character).
bool IsExact(const internal::QueryNode& node) {
  if (node.kind == internal::QueryNode::Kind::kText) {
    auto runs = internal::IndexableRuns(node.text);
    if (runs.size() != 1 || runs[0].size() > 2) return false;
    return runs[0].size() == utf8::Length(node.text);  // nothing outside the run
  }
  return std::all_of(node.children.begin(), node.children.end(), IsExact);
}

// Candidate query: every literal becomes the AND of its bigrams, a superset of the items that hold
// it (exact for one or two characters). A NOT narrows candidates only when its operand is exact;
// otherwise the text check after the match decides.
Xapian::Query Candidates(const internal::QueryNode& node, const Xapian::Database& db) {
  using Kind = internal::QueryNode::Kind;
  switch (node.kind) {
    case Kind::kText: {
      // Each run of indexable characters narrows the candidates: a one-character run to the items
      // with a term that begins with it, a longer run to those with all of its bigrams.
      std::vector<Xapian::Query> parts;
      std::vector<std::string> bigrams;
      for (const auto& run : internal::IndexableRuns(node.text)) {
        if (run.size() == 1) {
          std::vector<Xapian::Query> alts;
          for (auto t = db.allterms_begin(run[0]); t != db.allterms_end(run[0]); ++t) {
            alts.emplace_back(*t);
          }
          parts.emplace_back(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
          continue;
        }
        for (size_t i = 0; i + 1 < run.size(); ++i) bigrams.push_back(run[i] + run[i + 1]);
      }
      // Any subset of the bigrams gives a superset of the items, and the check decides; the
      // rarest few narrow nearly as well as all of them, and intersecting the posting lists of
      // common bigrams (儿童, 保护) is what makes a long phrase slow.
      constexpr size_t kMaxBigrams = 3;
      if (bigrams.size() > kMaxBigrams) {
        std::vector<std::pair<Xapian::doccount, std::string>> by_frequency;
        for (std::string& b : bigrams) by_frequency.emplace_back(db.get_termfreq(b), std::move(b));
        std::sort(by_frequency.begin(), by_frequency.end());
        by_frequency.erase(std::unique(by_frequency.begin(), by_frequency.end()), by_frequency.end());
        bigrams.clear();
        for (size_t i = 0; i < std::min(kMaxBigrams, by_frequency.size()); ++i) {
          bigrams.push_back(std::move(by_frequency[i].second));
        }
      }
      // Beside bigrams, a one-character run only narrows: its synonym would weigh the sum of the
      // impacts of every term that begins with it (impacts add, where BM25 saturated the count),
      // so an item full of numbers would outrank the one that matches the bigrams best.
      if (!bigrams.empty()) {
        for (Xapian::Query& part : parts) part = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, part, 0);
      }
      for (const std::string& b : bigrams) parts.emplace_back(b);
      if (parts.empty()) return Xapian::Query::MatchAll;
      return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }
    case Kind::kAnd: {
      std::vector<Xapian::Query> positive, negative;
      for (const auto& c : node.children) {
        if (c.kind != Kind::kNot) {
          positive.push_back(Candidates(c, db));
        } else if (IsExact(c)) {
          negative.push_back(Candidates(c.children[0], db));
        }
      }
      Xapian::Query query = positive.empty()
                                ? Xapian::Query::MatchAll
                                : Xapian::Query(Xapian::Query::OP_AND, positive.begin(), positive.end());
      if (negative.empty()) return query;
      return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                           Xapian::Query(Xapian::Query::OP_OR, negative.begin(), negative.end()));
    }
    case Kind::kOr: {
      std::vector<Xapian::Query> parts;
      for (const auto& c : node.children) parts.push_back(Candidates(c, db));
      return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
    case Kind::kNot:
      if (IsExact(node)) {
        return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                             Candidates(node.children[0], db));
      }
      return Xapian::Query::MatchAll;
    case Kind::kAll:
      return Xapian::Query::MatchAll;
  }
  return Xapian::Query::MatchAll;
}

std::string Folded(std::string s) {
  internal::FoldAscii(s);
  return s;
}

// An item's own fields; the file's (path, region) are filled in from its record by the reader.
SearchHit HitFromData(const std::string& data) {
  auto f = SplitData(data);
  SearchHit hit;
  hit.document = f[kDoc];
  hit.plan = f[kPlanF];
  hit.domain = f[kDomainTitle];
  hit.domain_id = f[kDomainId];
  hit.block = f[kBlockF];
  hit.item = std::atoi(std::string(f[kItem]).c_str());
  hit.line = std::atoi(std::string(f[kLine]).c_str());
  hit.end_line = std::atoi(std::string(f[kEndLine]).c_str());
  hit.text = f[kPrinted];
  return hit;
}

// The words of a space-separated list (indicator ids, dead revisions).
std::vector<std::string_view> SpaceSeparated(std::string_view list) {
  std::vector<std::string_view> words;
  for (size_t start = 0; start < list.size();) {
    size_t end = std::min(list.find(' ', start), list.size());
    if (end > start) words.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// The boolean terms that every item of a file carries.
std::vector<std::string> FileTerms(const IndexedFile& record) {
  const auto& fp = FacetPrefixes();
  std::vector<std::string> terms = {Term(kDocumentPrefix, record.document),
                                    Term(kRevisionPrefix, record.revision)};
  for (const auto& [facet, value] :
       {std::pair<const char*, const std::string&>{"province", record.region.province},
        {"city", record.region.city}, {"district", record.region.district}}) {
    if (!value.empty()) terms.push_back(Term(fp.at(facet), value));
  }
  std::string period = PeriodText(record.period);
  if (!period.empty()) terms.push_back(Term(fp.at("period"), period));
  return terms;
}

// The working text of an item from its stored fields.
std::string WorkingText(const std::vector<std::string_view>& fields) {
  return fields[kWorking].empty() ? NormalizeString(fields[kPrinted]) : std::string(fields[kWorking]);
}

// What a literal is checked against (internal::HoldsEncoded): the working text, ASCII-folded, in
// UTF-16.
std::string CheckText(std::string working) {
  internal::FoldAscii(working);
  return internal::Utf16Value(working);
}

// An item made ready for the writer: its Xapian document, and its check text for the store.
struct ItemDocument {
  Xapian::Document doc;
  std::string check_text;
};

// The Xapian document of an item: its stored data, the bigrams of its working text with their
// impacts as wdf, its facet terms and values. It depends on the data and the file's record only,
// so that a purge can index an item again without its file. `working`: the working text, when the
// caller has it at hand.
ItemDocument MakeItemDocument(const std::string& data, const IndexedFile& record,
                              const std::vector<std::string>& file_terms,
                              const std::string* working = nullptr) {
  auto f = SplitData(data);
  ItemDocument item;
  Xapian::Document& xd = item.doc;
  xd.set_data(data.substr(0, f[kPrinted].data() - data.data()));
  xd.add_value(kPrintedText, internal::Utf16Value(f[kPrinted]));
  std::string normalized;
  if (working == nullptr) {
    normalized = WorkingText(f);
    working = &normalized;
  }
  for (auto& [term, impact] : internal::ImpactTerms(*working)) xd.add_term(term, impact);
  for (const std::string& term : file_terms) xd.add_boolean_term(term);
  const auto& fp = FacetPrefixes();
  xd.add_boolean_term(Term(fp.at("plan"), std::string(f[kPlanF])));
  if (!f[kDomainId].empty()) xd.add_boolean_term(Term(fp.at("domain"), std::string(f[kDomainId])));
  xd.add_boolean_term(Term(fp.at("block"), std::string(f[kBlockF])));
  // kIndicators: "id" or "id=value" (the first target value of that indicator in the item).
  for (std::string_view token : SpaceSeparated(f[kIndicators])) {
    size_t eq = token.find('=');
    std::string_view id = token.substr(0, eq);
    xd.add_boolean_term(Term(fp.at("indicator"), std::string(id)));
    if (eq != std::string_view::npos) {
      double value = std::strtod(std::string(token.substr(eq + 1)).c_str(), nullptr);
      xd.add_value(IndicatorValueSlot(id), Xapian::sortable_serialise(value));
    }
  }
  if (record.period.start > 0 && record.period.end > 0) {
    xd.add_value(kPeriodStart, Xapian::sortable_serialise(record.period.start));
    xd.add_value(kPeriodEnd, Xapian::sortable_serialise(record.period.end));
    xd.add_value(kPeriodText, PeriodText(record.period));
  }
  xd.add_value(kDistrict, record.region.district);
  xd.add_value(kDomain, std::string(f[kDomainId]));
  xd.add_value(kBlock, std::string(f[kBlockF]));
  item.check_text = CheckText(*working);
  return item;
}

// The stored fields of an item document, as MakeItemDocument was given them.
std::string ItemData(const Xapian::Document& doc) {
  return doc.get_data() + internal::Utf8OfValue(doc.get_value(kPrintedText));
}

// The check text of an item document, from its stored fields: for an item the check-text store
// does not hold.
std::string CheckTextOf(const Xapian::Document& doc) {
  std::string data = ItemData(doc);
  return CheckText(WorkingText(SplitData(data)));
}

// Opens the check-text store of the database folder `dir`, made to match `db`.
StatusOr<std::unique_ptr<internal::CheckStoreWriter>> OpenCheckStore(const std::string& dir,
                                                                     const Xapian::Database& db) {
  return internal::CheckStoreWriter::Open(dir, db.get_lastdocid(), [&db](uint32_t docid) {
    try {
      return CheckTextOf(db.get_document(docid));
    } catch (const Xapian::DocNotFoundError&) {
      return std::string();
    }
  });
}

std::vector<std::string> DeadRevisions(const Xapian::Database& db) {
  std::string listed = db.get_metadata(kDeadKey);
  std::vector<std::string> dead;
  for (std::string_view revision : SpaceSeparated(listed)) dead.emplace_back(revision);
  return dead;
}

Xapian::doccount DeadItems(const Xapian::Database& db) {
  return static_cast<Xapian::doccount>(std::strtoul(db.get_metadata(kDeadItemsKey).c_str(), nullptr, 10));
}

// Lists the revision of `old` as dead: its items stay in the database, left out of every search,
// until a purge. Part of the caller's transaction.
void MarkDead(Xapian::WritableDatabase& db, const IndexedFile& old) {
  if (old.revision.empty()) return;
  std::string listed = db.get_metadata(kDeadKey);
  db.set_metadata(kDeadKey, listed.empty() ? old.revision : listed + " " + old.revision);
  db.set_metadata(kDeadItemsKey, std::to_string(DeadItems(db) + static_cast<Xapian::doccount>(old.items)));
}

// A new revision id: 64 random bits, so that revisions from any writer never collide.
std::string NewRevision() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(random()));
  return buf;
}

// Writes the live items of `from` into a new database at `path`, indexed again from their stored
// data and their file's record; the items of dead revisions are left behind. Metadata is copied,
// less the list of the dead. `termlist`: whether the new database has a termlist table.
Status Rebuild(const Xapian::Database& from, const std::string& path, bool termlist) {
  Xapian::WritableDatabase to(path, Xapian::DB_CREATE_OR_OVERWRITE | WriteFlags(termlist));
  auto checks = internal::CheckStoreWriter::Open(path, 0, {});
  if (!checks.ok()) return checks.status();
  std::map<std::string, std::pair<IndexedFile, std::vector<std::string>>> files;  // by document
  for (auto key = from.metadata_keys_begin(); key != from.metadata_keys_end(); ++key) {
    if (*key == kDeadKey || *key == kDeadItemsKey || *key == kCompactedKey) continue;
    std::string value = from.get_metadata(*key);
    to.set_metadata(*key, value);
    if ((*key).rfind("file/", 0) == 0) {
      IndexedFile record = FileFromJson(value);
      std::vector<std::string> terms = FileTerms(record);
      std::string document = record.document;
      files.emplace(std::move(document), std::make_pair(std::move(record), std::move(terms)));
    }
  }
  std::unordered_set<Xapian::docid> dead;
  for (const std::string& revision : DeadRevisions(from)) {
    std::string term = Term(kRevisionPrefix, revision);
    for (auto p = from.postlist_begin(term); p != from.postlist_end(term); ++p) dead.insert(*p);
  }
  for (auto p = from.postlist_begin(""); p != from.postlist_end(""); ++p) {
    if (dead.count(*p)) continue;
    std::string data = ItemData(from.get_document(*p, Xapian::DOC_ASSUME_VALID));
    auto file = files.find(std::string(SplitData(data)[kDoc]));
    if (file == files.end()) continue;  // not expected: a live item has a live file
    ItemDocument item = MakeItemDocument(data, file->second.first, file->second.second);
    (*checks)->Add(to.add_document(item.doc), item.check_text);
  }
  if (Status s = (*checks)->Flush(); !s.ok()) return s;
  to.commit();
  return Status::Ok();
}

// The format check of one database: a writer stamps an empty database, a reader refuses another
// format. An empty database of no format is fine (nothing was ingested yet).
Status CheckFormat(const Xapian::Database& db, const std::string& where) {
  std::string format = db.get_metadata(kFormatKey);
  if (format == kFormat || (format.empty() && db.get_doccount() == 0 &&
                            db.metadata_keys_begin() == db.metadata_keys_end())) {
    return Status::Ok();
  }
  return Status::InvalidInput(where + ": index was made by another version of guihua (format " +
                              (format.empty() ? std::string("1") : format) + ", this one reads " +
                              kFormat + "); remove it and ingest again");
}

// Every occurrence of every positive literal, mapped from the working text back to the printed.
void MarkLiterals(const std::vector<std::string>& literals, SearchHit& hit) {
  MappedText working = Normalize(hit.text);
  std::string folded = Folded(working.text);
  for (const std::string& literal : literals) {
    std::string needle = Folded(literal);
    for (size_t at = folded.find(needle); at != std::string::npos && !needle.empty();
         at = folded.find(needle, at + 1)) {
      size_t b = working.origin[at];
      size_t last = working.origin[at + needle.size() - 1];
      size_t e = last + utf8::SequenceLength(static_cast<unsigned char>(hit.text[last]));
      hit.marks.emplace_back(b, e);
    }
  }
  std::sort(hit.marks.begin(), hit.marks.end());
}

}  // namespace

// ---- Writer ----

struct IndexWriter::Impl {
  std::string dir;
  std::optional<internal::DirectoryLock> lock;  // held for the writer's life, across swaps
  std::string generation;                       // the folder of `db` inside dir
  Xapian::WritableDatabase db;
  // The check texts of `db`'s items (null when the store could not be written: searches then
  // check on the stored texts).
  std::unique_ptr<internal::CheckStoreWriter> checks;

  std::string Folder() const { return (std::filesystem::path(dir) / generation).string(); }

  // Opens the store of the current generation; a store that cannot be written is dropped, since
  // it only makes searches faster.
  void OpenChecks() {
    auto opened = OpenCheckStore(Folder(), db);
    checks = opened.ok() ? std::move(*opened) : nullptr;
  }

  // The store first, so that every item Xapian commits has its check text written.
  void Commit() {
    if (checks != nullptr && !checks->Flush().ok()) checks.reset();
    db.commit();
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() = default;

Status IndexWriter::Commit() {
  try {
    impl_->Commit();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "commit");
  }
}

StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (std::filesystem::exists(std::filesystem::path(path) / "iamglass")) {
    return Status::InvalidInput(path + ": index was made by another version of guihua (format 1, "
                                "this one reads " + kFormat + "); remove it and ingest again");
  }
  auto lock = internal::DirectoryLock::Acquire(path);
  if (!lock.ok()) return lock.status();
  auto generation = internal::CurrentGeneration(path);
  if (!generation.ok()) return generation.status();
  auto impl = std::make_unique<Impl>();
  impl->dir = path;
  impl->lock.emplace(std::move(*lock));
  bool fresh = generation->empty();
  impl->generation = fresh ? internal::NextGeneration("") : *generation;
  internal::RemoveStaleGenerations(path, impl->generation);
  try {
    std::string database = (std::filesystem::path(path) / impl->generation).string();
    impl->db = Xapian::WritableDatabase(database, Xapian::DB_CREATE_OR_OPEN |
                                                      WriteFlags(!fresh && HasTermlist(database)));
    if (Status s = CheckFormat(impl->db, path); !s.ok()) return s;
    if (impl->db.get_metadata(kFormatKey).empty()) {
      impl->db.set_metadata(kFormatKey, kFormat);
      impl->db.commit();
    }
    impl->OpenChecks();
    if (fresh) {
      if (Status s = internal::MakeCurrent(path, impl->generation); !s.ok()) return s;
    }
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, path);
  }
}

Status IndexWriter::Compact(std::optional<bool> termlist) {
  Impl& w = *impl_;
  std::string next = internal::NextGeneration(w.generation);
  std::string next_path = (std::filesystem::path(w.dir) / next).string();
  const bool had_termlist = HasTermlist((std::filesystem::path(w.dir) / w.generation).string());
  const bool with_termlist = termlist.value_or(had_termlist);
  try {
    w.Commit();
    if (DeadItems(w.db) > 0 || with_termlist != had_termlist) {
      // Purge: the live items into a fresh database (the generation after next, an unfinished one
      // is removed at the next open like any stale generation), compacted into the next.
      std::string rebuilt = internal::NextGeneration(next);
      std::string rebuilt_path = (std::filesystem::path(w.dir) / rebuilt).string();
      if (Status s = Rebuild(w.db, rebuilt_path, with_termlist); !s.ok()) {
        std::error_code ec;
        std::filesystem::remove_all(rebuilt_path, ec);
        return s;
      }
      // The docids stay as they are, so that the check-text store still matches them.
      Xapian::Database(rebuilt_path).compact(next_path, Xapian::DBCOMPACT_NO_RENUMBER);
      internal::CopyCheckStore(rebuilt_path, next_path);
      std::error_code ec;
      std::filesystem::remove_all(rebuilt_path, ec);
    } else {
      w.db.compact(next_path, Xapian::DBCOMPACT_NO_RENUMBER);
      internal::CopyCheckStore(w.Folder(), next_path);
    }
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    std::filesystem::remove_all(next_path, ec);
    return FromXapian(e, w.dir + ": compact");
  }
  // The copy is complete; readers switch to it when the stub names it.
  if (Status s = internal::MakeCurrent(w.dir, next); !s.ok()) return s;
  try {
    w.db.close();
    w.db = Xapian::WritableDatabase(next_path, Xapian::DB_OPEN | WriteFlags(with_termlist));
    w.generation = next;
    w.OpenChecks();
    w.db.set_metadata(kCompactedKey, std::to_string(w.db.get_doccount()));
    w.Commit();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, w.dir);
  }
  internal::RemoveStaleGenerations(w.dir, w.generation);
  return Status::Ok();
}

Status IndexWriter::CompactIfGrown() {
  try {
    Xapian::doccount now = impl_->db.get_doccount();
    std::string last = impl_->db.get_metadata(kCompactedKey);
    Xapian::doccount then = last.empty() ? 0 : std::strtoul(last.c_str(), nullptr, 10);
    bool grown = now > 0 && now * 4 >= then * 5;         // by a quarter or more
    bool dead = DeadItems(impl_->db) * 4 >= now && now > 0;  // a quarter or more of the items
    if (!grown && !dead) return Status::Ok();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, impl_->dir);
  }
  return Compact();
}

StatusOr<IndexedFile> IndexWriter::Find(const std::string& document) const {
  try {
    std::string meta = impl_->db.get_metadata(FileMetaKey(document));
    if (meta.empty()) return Status::NotFound(document + ": not in the index");
    return FileFromJson(meta);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, document);
  }
}

// ---- A file made ready for the writer ----

struct IndexBatch::Impl {
  IndexedFile record;
  std::string targets_text;
  std::vector<ItemDocument> items;
};

IndexBatch::IndexBatch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexBatch::IndexBatch(IndexBatch&&) noexcept = default;
IndexBatch& IndexBatch::operator=(IndexBatch&&) noexcept = default;
IndexBatch::~IndexBatch() = default;

IndexBatch IndexBatch::Make(const Document& doc, const std::vector<Target>& targets,
                            const std::string& content_hash) {
  std::vector<std::string> target_json;
  target_json.reserve(targets.size());
  for (const Target& t : targets) target_json.push_back(TargetRecordJson(doc, t));
  return Make(doc, targets, target_json, content_hash);
}

IndexBatch IndexBatch::Make(const Document& doc, const std::vector<Target>& targets,
                            const std::vector<std::string>& target_json,
                            const std::string& content_hash) {
  // Per item, its indicators (for the facet) with the first target value of each (for ranges and
  // sorting): "id=value", or "id" for a direction goal or a baseline.
  std::map<std::tuple<int, int, int>, std::map<std::string, std::string>> indicators;
  for (const Target& t : targets) {
    if (t.indicator_id.empty()) continue;
    std::string& value = indicators[{t.plan_index, t.section_index, t.item_index}][t.indicator_id];
    if (value.empty() && t.kind == TargetKind::kTarget && t.value) {
      char text[32];
      std::snprintf(text, sizeof text, "%.17g", *t.value);  // as extracted, to the last bit
      value = text;
    }
  }
  auto impl = std::make_unique<Impl>();
  IndexedFile& record = impl->record;
  record.document = doc.id;
  record.file = doc.file;
  record.content_hash = content_hash;
  record.region = doc.region;
  record.period = doc.period;
  record.plans = static_cast<int>(doc.plans.size());
  record.targets = static_cast<int>(target_json.size());
  record.revision = NewRevision();
  for (const std::string& line : target_json) impl->targets_text += line + "\n";
  const std::vector<std::string> file_terms = FileTerms(record);

  for (size_t p = 0; p < doc.plans.size(); ++p) {
    const Plan& plan = doc.plans[p];
    for (size_t s = 0; s < plan.sections.size(); ++s) {
      const Section& section = plan.sections[s];
      for (size_t i = 0; i < section.items.size(); ++i) {
        const Item& item = section.items[i];
        std::string printed = SourceQuote(doc.working, item.begin, item.end, doc.source);
        std::string indicator_ids;
        auto found = indicators.find({static_cast<int>(p), static_cast<int>(s), static_cast<int>(i)});
        if (found != indicators.end()) {
          for (const auto& [id, value] : found->second) {
            indicator_ids += (indicator_ids.empty() ? "" : " ") + id + (value.empty() ? "" : "=" + value);
          }
        }
        std::string data;
        for (const std::string& f :
             {doc.id, std::string(PlanKindName(plan.kind)), section.title, section.id,
              std::string(BlockKindName(item.block)), std::to_string(item.number),
              std::to_string(item.line), std::to_string(item.end_line), indicator_ids}) {
          data += f;
          data += kFieldSep;
        }
        if (NormalizeString(printed) != item.text) data += item.text;
        data += kFieldSep;
        data += printed;
        impl->items.push_back(MakeItemDocument(data, record, file_terms, &item.text));
      }
    }
  }
  record.items = static_cast<int>(impl->items.size());
  return IndexBatch(std::move(impl));
}

Status IndexWriter::Add(const Document& doc, const std::vector<Target>& targets,
                        const std::string& content_hash) {
  return Add(IndexBatch::Make(doc, targets, content_hash));
}

Status IndexWriter::Add(const Document& doc, const std::vector<Target>& targets,
                        const std::vector<std::string>& target_json,
                        const std::string& content_hash) {
  return Add(IndexBatch::Make(doc, targets, target_json, content_hash));
}

Status IndexWriter::Add(IndexBatch batch) {
  const IndexedFile& record = batch.impl_->record;
  // Encoded first: nlohmann::json throws on a string that is not UTF-8 (a file name in GBK).
  std::string file_json;
  try {
    file_json = FileJson(record).dump();
  } catch (const std::exception& e) {
    return Status::InvalidInput("cannot store the file record (is its name UTF-8?): " +
                                std::string(e.what()));
  }
  const uint32_t stored = impl_->checks != nullptr ? impl_->checks->entries() : 0;
  auto cancel = [&] {
    // The cancelled items' docids will be given out again.
    if (impl_->checks != nullptr) impl_->checks->Truncate(stored);
    try {
      impl_->db.cancel_transaction();
    } catch (const Xapian::Error&) {
    }
  };
  try {
    Xapian::WritableDatabase& db = impl_->db;
    db.begin_transaction(false);  // atomic; made durable by the caller's next Commit()
    // The same document may have been ingested before, from this path or another.
    std::string previous = db.get_metadata(FileMetaKey(record.document));
    if (!previous.empty()) {
      IndexedFile old = FileFromJson(previous);
      MarkDead(db, old);
      db.set_metadata(PathMetaKey(old.file), "");
    }
    for (const ItemDocument& item : batch.impl_->items) {
      Xapian::docid docid = db.add_document(item.doc);
      if (impl_->checks != nullptr) impl_->checks->Add(docid, item.check_text);
    }
    db.set_metadata(FileMetaKey(record.document), file_json);
    db.set_metadata(PathMetaKey(record.file), record.document);
    db.set_metadata(TargetsMetaKey(record.document), batch.impl_->targets_text);
    db.commit_transaction();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    cancel();
    return FromXapian(e, record.file);
  } catch (const std::exception& e) {  // not expected: the record is encoded above
    cancel();
    return Status::Internal(record.file + ": " + e.what());
  }
}

StatusOr<int> IndexWriter::Remove(const std::string& document_or_file) {
  try {
    Xapian::WritableDatabase& db = impl_->db;
    std::string document = document_or_file;
    std::string record = db.get_metadata(FileMetaKey(document));
    if (record.empty()) {
      document = db.get_metadata(PathMetaKey(document_or_file));  // a path
      record = document.empty() ? "" : db.get_metadata(FileMetaKey(document));
      if (record.empty()) return Status::NotFound(document_or_file + ": not in the index");
    }
    IndexedFile old = FileFromJson(record);
    db.begin_transaction();
    MarkDead(db, old);
    db.set_metadata(PathMetaKey(old.file), "");
    db.set_metadata(FileMetaKey(document), "");
    db.set_metadata(TargetsMetaKey(document), "");
    db.commit_transaction();
    impl_->Commit();
    return old.items;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, document_or_file);
  }
}

// ---- Reader ----

namespace {
// A database given as tcp://HOST:PORT, served by xapian-tcpsrv.
bool IsRemote(const std::string& path) { return path.rfind("tcp://", 0) == 0; }
}  // namespace

struct IndexReader::Impl {
  std::vector<std::string> paths;
  std::vector<Xapian::Database> shards;  // metadata is read per shard
  Xapian::Database all;
  std::vector<std::string> generations;  // per path, as opened ("" for a remote shard)
  Xapian::Query dead;  // the items of dead revisions, in any shard: left out of every search
  bool has_remote = false;  // a remote shard runs no MatchDecider
  // Per shard, its check-text store (null for a remote shard, or a folder without one).
  std::vector<std::unique_ptr<internal::CheckStoreReader>> checks;
  // File records by document id, for the file fields of hits; dropped at each reopen. A reader is
  // used by one thread at a time, the lock only keeps a mistaken sharing safe.
  mutable std::mutex records_mu;
  mutable std::map<std::string, IndexedFile> records;

  // The current generation of every local path, as its stub names it now.
  std::vector<std::string> CurrentGenerations() const {
    std::vector<std::string> out;
    for (const std::string& path : paths) {
      auto g = IsRemote(path) ? StatusOr<std::string>("") : internal::CurrentGeneration(path);
      out.push_back(g.ok() ? *g : "");
    }
    return out;
  }

  // The folder of the database of local path `i`, as opened.
  std::string Folder(size_t i) const {
    return generations[i].empty() ? paths[i] : paths[i] + "/" + generations[i];
  }

  Status OpenAll() {
    shards.clear();
    checks.clear();
    has_remote = false;
    all = Xapian::Database();
    generations = CurrentGenerations();
    for (size_t i = 0; i < paths.size(); ++i) {
      const std::string& path = paths[i];
      Xapian::Database db;
      std::unique_ptr<internal::CheckStoreReader> store;
      try {
        if (IsRemote(path)) {
          has_remote = true;
          std::string hostport = path.substr(6);
          size_t colon = hostport.rfind(':');
          if (colon == std::string::npos) {
            return Status::InvalidInput(path + ": expected tcp://HOST:PORT");
          }
          db = Xapian::Remote::open(hostport.substr(0, colon),
                                    static_cast<unsigned>(std::stoul(hostport.substr(colon + 1))));
        } else {
          // The generation's folder itself, not the stub, so that the database and the store are of
          // the same generation; one removed meanwhile by a compaction is followed to the next.
          for (int attempt = 0;; ++attempt) {
            std::string folder = Folder(i);
            try {
              db = Xapian::Database(folder);
            } catch (const Xapian::DatabaseOpeningError&) {
              auto now = internal::CurrentGeneration(path);
              if (attempt == 3 || generations[i].empty() || !now.ok() || *now == generations[i]) {
                throw;
              }
              generations[i] = *now;
              continue;
            }
            store = internal::CheckStoreReader::Open(folder);
            break;
          }
        }
      } catch (const Xapian::Error& e) {
        return FromXapian(e, path);
      }
      if (Status s = CheckFormat(db, path); !s.ok()) return s;
      checks.push_back(std::move(store));
      shards.push_back(db);
      all.add_database(db);
    }
    ReadDead();
    return Status::Ok();
  }

  // The stored check text of an item, by its docid in `all`; empty when its shard has no store
  // or the store does not hold it.
  std::string_view StoredCheckText(Xapian::docid docid) const {
    if (checks.empty() || docid == 0) return {};
    const auto& store = checks[(docid - 1) % checks.size()];
    return store == nullptr ? std::string_view() : store->Text((docid - 1) / checks.size() + 1);
  }

  void ReadDead() {
    std::vector<Xapian::Query> terms;
    for (const Xapian::Database& db : shards) {
      for (const std::string& revision : DeadRevisions(db)) terms.emplace_back(Term(kRevisionPrefix, revision));
    }
    dead = terms.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  const IndexedFile& Record(const std::string& document) const {
    std::lock_guard<std::mutex> lock(records_mu);
    auto found = records.find(document);
    if (found != records.end()) return found->second;
    IndexedFile record;
    for (const Xapian::Database& db : shards) {
      std::string meta = db.get_metadata(FileMetaKey(document));
      if (!meta.empty()) {
        record = FileFromJson(meta);
        break;
      }
    }
    return records.emplace(document, std::move(record)).first->second;
  }

  // The hit for an item's data, with its file's path and region.
  SearchHit Hit(const std::string& data) const {
    SearchHit hit = HitFromData(data);
    const IndexedFile& record = Record(hit.document);
    hit.file = record.file;
    hit.province = record.region.province;
    hit.city = record.region.city;
    hit.district = record.region.district;
    return hit;
  }
};

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexReader::~IndexReader() = default;

StatusOr<std::unique_ptr<IndexReader>> IndexReader::Open(const std::vector<std::string>& databases) {
  auto impl = std::make_unique<Impl>();
  impl->paths = databases;
  try {
    if (Status s = impl->OpenAll(); !s.ok()) return s;
  } catch (const Xapian::Error& e) {  // not expected: OpenAll names the failing database
    return FromXapian(e, databases.empty() ? "" : databases[0]);
  } catch (const std::exception& e) {
    return Status::InvalidInput(std::string("bad database address: ") + e.what());
  }
  return std::unique_ptr<IndexReader>(new IndexReader(std::move(impl)));
}

void IndexReader::Reopen() {
  try {
    if (impl_->CurrentGenerations() != impl_->generations) {
      // A compaction made a new generation: open it afresh. The old one's files, open here,
      // were readable until now even though the writer has removed them.
      Impl fresh;
      fresh.paths = impl_->paths;
      if (!fresh.OpenAll().ok()) return;
      impl_->shards = std::move(fresh.shards);
      impl_->all = std::move(fresh.all);
      impl_->generations = std::move(fresh.generations);
      impl_->dead = std::move(fresh.dead);
      impl_->has_remote = fresh.has_remote;
      impl_->checks = std::move(fresh.checks);
    } else {
      const bool changed = impl_->all.reopen();
      for (auto& db : impl_->shards) db.reopen();
      impl_->ReadDead();
      // A commit since: the stores have grown with the database (they are written before it), or
      // a writer has made one that was missing.
      for (size_t i = 0; changed && i < impl_->checks.size(); ++i) {
        if (!IsRemote(impl_->paths[i])) {
          impl_->checks[i] = internal::CheckStoreReader::Open(impl_->Folder(i));
        }
      }
    }
    std::lock_guard<std::mutex> lock(impl_->records_mu);
    impl_->records.clear();
  } catch (const Xapian::Error&) {
    // A failed reopen keeps the old revision; the next call tries again.
  }
}

std::string IndexReader::Version() const {
  std::string version;
  try {
    for (const Xapian::Database& db : impl_->shards) {
      version += db.get_uuid() + ":" + std::to_string(db.get_revision()) + ";";
    }
  } catch (const Xapian::Error&) {
    return "";
  }
  return version;
}

namespace {

// Checks a candidate against the query on its check text: inside Xapian's match (one database), or
// on the client. The literals are encoded once, as check texts are. The text comes from the
// check-text store, by the candidate's docid in the searched database, or else from the item's
// stored fields.
class LiteralCheck final : public Xapian::MatchDecider {
 public:
  LiteralCheck(const internal::QueryNode& root,
               std::function<std::string_view(Xapian::docid)> stored_text)
      : root_(root), stored_text_(std::move(stored_text)) {
    Encode(root);
  }
  // Inside the match, a document knows its docid within its own database only: that is the
  // searched database's docid when it is the only one.
  bool operator()(const Xapian::Document& doc) const override { return Holds(doc, doc.get_docid()); }

  bool Holds(const Xapian::Document& doc, Xapian::docid docid) const {
    std::string_view text = stored_text_(docid);
    std::string own;
    if (text.empty()) {
      own = CheckTextOf(doc);
      text = own;
    }
    return internal::Matches(root_, [&](const std::string& literal) {
      return internal::HoldsEncoded(text, encoded_.at(&literal));
    });
  }

 private:
  void Encode(const internal::QueryNode& node) {
    if (node.kind == internal::QueryNode::Kind::kText) {
      encoded_[&node.text] = internal::Utf16Value(node.text);
    }
    for (const internal::QueryNode& child : node.children) Encode(child);
  }

  const internal::QueryNode& root_;
  std::function<std::string_view(Xapian::docid)> stored_text_;
  std::map<const std::string*, std::string> encoded_;  // by the literal's address in the tree
};

// True for the orders by the filtered indicator's target value (SearchRequest::sort).
bool SortsByValue(const std::string& sort) { return sort == "value" || sort == "value-desc"; }

// A hit's sort key as people read it: the period's text, or the target value.
std::string SortKeyText(const std::string& sort, const std::string& key) {
  if (sort == "period") return key;
  if (!SortsByValue(sort)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", Xapian::sortable_unserialise(key));
  return text;
}

// One pass of Xapian's matcher ranks, counts and counts facets. `check`: the candidate query is a
// superset and each candidate is checked (null when the query is exact). Every candidate is
// checked, and the total is exact, unless there are more than SearchRequest::verify_all_up_to
// matches and no facets or exact total are asked for: then Xapian checks only the candidates that
// could still enter the page, and the total is the matches found, a lower bound.
// `single_term`: the query is one index term with no filter, so its term frequency is the exact
// total and Xapian need not visit every match to count them.
template <typename MakeHit>
void MatchSearch(Xapian::Enquire& enquire, const Xapian::Database& db, const SearchRequest& request,
                 const std::string& single_term, const Xapian::MatchDecider* check,
                 const MakeHit& make_hit, SearchResult* result) {
  Xapian::ValueCountMatchSpy district_spy(kDistrict), domain_spy(kDomain), block_spy(kBlock);
  if (request.facets) {
    enquire.add_matchspy(&district_spy);
    enquire.add_matchspy(&domain_spy);
    enquire.add_matchspy(&block_spy);
  }
  const auto need = static_cast<Xapian::doccount>(request.offset + request.limit);
  const bool counted = !single_term.empty() && !request.facets;
  Xapian::doccount check_at_least = db.get_doccount();
  if (counted) {
    check_at_least = 0;
  } else if (check != nullptr && !request.facets && !request.exact_total) {
    check_at_least = std::max<Xapian::doccount>(need, request.verify_all_up_to);
  }
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                       static_cast<Xapian::doccount>(request.limit),
                                       check_at_least, nullptr, check);
  if (counted) {
    result->total = db.get_termfreq(single_term);
  } else {
    result->total = mset.get_matches_lower_bound();
    result->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  }
  int rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    SearchHit hit = make_hit(ItemData(it.get_document()));
    hit.rank = ++rank;
    hit.score = it.get_weight() / internal::kImpactScale;
    hit.sort_key = SortKeyText(request.sort, it.get_sort_key());
    result->hits.push_back(std::move(hit));
  }
  if (request.facets) {
    auto collect = [](Xapian::ValueCountMatchSpy& spy, std::map<std::string, int>& out) {
      for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        if (!(*v).empty()) out[*v] = static_cast<int>(v.get_termfreq());
      }
    };
    collect(district_spy, result->facets["district"]);
    collect(domain_spy, result->facets["domain"]);
    collect(block_spy, result->facets["block"]);
  }
}

// MatchSearch over several shards: candidates are fetched in rank order and checked here, on the
// client, in rounds (Xapian runs no MatchDecider on a remote shard, and inside the match a
// document does not tell which local shard it is from). Every candidate is checked,
// unless there are more than SearchRequest::verify_all_up_to and no facets or exact total are
// asked for: then checking goes on in rank order only until the page is full, and the total is the
// matches found, a lower bound (total_exact = false).
template <typename MakeHit>
void ClientCheckedSearch(Xapian::Enquire& enquire, const Xapian::Database& db,
                         const SearchRequest& request, const LiteralCheck& check,
                         const MakeHit& make_hit, SearchResult* result) {
  const size_t need = static_cast<size_t>(request.offset + request.limit);
  const bool check_all = request.facets || request.exact_total;
  // The first round takes up to verify_all_up_to candidates, nearly always all of them; only past
  // that do further rounds stop once the page is full.
  size_t passed = 0;
  bool exhausted = false;
  Xapian::doccount start = 0;
  Xapian::doccount batch =
      check_all ? std::max(db.get_doccount(), kVerifyBatch)  // never 0: an empty index ends at once
                : std::max<Xapian::doccount>({kVerifyBatch, static_cast<Xapian::doccount>(need),
                                              request.verify_all_up_to});
  while (!exhausted && (check_all || passed < need)) {
    // Xapian has no cursor: each round matches again to start + batch, so batches double.
    Xapian::MSet mset = enquire.get_mset(start, batch);
    exhausted = mset.size() < batch;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      if (!check.Holds(doc, *it)) continue;
      if (passed >= static_cast<size_t>(request.offset) && passed < need) {
        SearchHit hit = make_hit(ItemData(doc));
        hit.rank = static_cast<int>(passed) + 1;
        hit.score = it.get_weight() / internal::kImpactScale;
        hit.sort_key = SortKeyText(request.sort, it.get_sort_key());
        result->hits.push_back(std::move(hit));
      }
      ++passed;
      if (request.facets) {
        for (auto [facet, slot] : {std::pair<const char*, Xapian::valueno>{"district", kDistrict},
                                   {"domain", kDomain}, {"block", kBlock}}) {
          std::string v = doc.get_value(slot);
          if (!v.empty()) ++result->facets[facet][v];
        }
      }
    }
    start += mset.size();
    batch *= 2;
  }
  result->total = passed;
  result->total_exact = exhausted;
}

// year:2025: the items of plans whose period covers that year.
StatusOr<Xapian::Query> YearFilter(const std::string& text) {
  char* end = nullptr;
  long year = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || year < 1900 || year > 2200) {
    return Status::InvalidInput("year '" + text + "' is not a year such as 2025");
  }
  std::string y = Xapian::sortable_serialise(static_cast<double>(year));
  return Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_VALUE_LE, kPeriodStart, y),
                       Xapian::Query(Xapian::Query::OP_VALUE_GE, kPeriodEnd, y));
}

// value:LO..HI (or LO.., ..HI, N): the items whose target value of `indicator` is in that range.
StatusOr<Xapian::Query> ValueFilter(const std::string& text, const std::string& indicator) {
  if (indicator.empty()) {
    return Status::InvalidInput("value:" + text + " needs an indicator (indicator:ID or --indicator)");
  }
  auto number = [](const std::string& part, std::optional<double>* out) {
    if (part.empty()) return true;
    char* end = nullptr;
    double v = std::strtod(part.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return false;
    *out = v;
    return true;
  };
  size_t dots = text.find("..");
  std::string low_text = dots == std::string::npos ? text : text.substr(0, dots);
  std::string high_text = dots == std::string::npos ? text : text.substr(dots + 2);
  std::optional<double> low, high;
  if (!number(low_text, &low) || !number(high_text, &high) || (!low && !high) ||
      (low && high && *low > *high)) {
    return Status::InvalidInput("value '" + text + "' is not a range such as 90..100, 95.., ..12 or 12");
  }
  const Xapian::valueno slot = IndicatorValueSlot(indicator);
  if (low && high) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(*low),
                         Xapian::sortable_serialise(*high));
  }
  if (low) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(*low));
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(*high));
}

}  // namespace

StatusOr<SearchResult> IndexReader::Search(const SearchRequest& request) const {
  auto parsed = internal::ParseQuery(request.query);
  if (!parsed.ok()) return parsed.status();
  // Filters given as options and inside the query combine; a clash is the user's to fix.
  SearchFilters filters = parsed->filters;
  const SearchFilters& given = request.filters;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> pairs = {
      {"province", {filters.province, given.province}}, {"city", {filters.city, given.city}},
      {"district", {filters.district, given.district}}, {"plan", {filters.plan, given.plan}},
      {"domain", {filters.domain, given.domain}},       {"block", {filters.block, given.block}},
      {"indicator", {filters.indicator, given.indicator}}, {"period", {filters.period, given.period}},
      {"document", {filters.document, given.document}}, {"year", {filters.year, given.year}},
      {"value", {filters.value, given.value}}};
  std::map<std::string, std::string> chosen;  // field → its value, from the query or the option
  for (const auto& [field, values] : pairs) {
    const auto& [in_query, option] = values;
    if (!in_query.empty() && !option.empty() && NormalizeString(in_query) != NormalizeString(option)) {
      return Status::InvalidInput("two values for filter '" + field + "'");
    }
    std::string value = !in_query.empty() ? in_query : NormalizeString(option);
    if (!value.empty()) chosen[field] = value;
  }
  std::vector<Xapian::Query> filter_terms;
  const std::string indicator = chosen.count("indicator") ? chosen["indicator"] : "";
  for (const auto& [field, value] : chosen) {
    StatusOr<Xapian::Query> range = field == "year"    ? YearFilter(value)
                                    : field == "value" ? ValueFilter(value, indicator)
                                                       : Xapian::Query(Term(FacetPrefixes().at(field), value));
    if (!range.ok()) return range.status();
    filter_terms.push_back(*range);
  }
  const std::string& sort = request.sort;
  const bool by_value = SortsByValue(sort);
  if (!sort.empty() && sort != "relevance" && sort != "period" && !by_value) {
    return Status::InvalidInput("unknown sort '" + sort + "' (use relevance, period, value or value-desc)");
  }
  if (by_value && indicator.empty()) {
    return Status::InvalidInput("sorting by value needs an indicator (indicator:ID or --indicator)");
  }
  if (by_value) {  // only the items with a value of the indicator (Xapian reads ≥ "" as all items)
    filter_terms.emplace_back(Xapian::Query::OP_VALUE_GE, IndicatorValueSlot(indicator),
                              std::string(1, '\0'));
  }

  try {
    const Xapian::Database& db = impl_->all;
    Xapian::Query query = Candidates(parsed->root, db);
    if (!filter_terms.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filter_terms.begin(),
                                          filter_terms.end()));
    }
    const bool has_dead = !impl_->dead.empty();
    if (has_dead) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, impl_->dead);

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    // BM25 with its term-frequency part stored as each posting's wdf (internal::ImpactTerms).
    enquire.set_weighting_scheme(Xapian::TfIdfWeight("ntn"));
    if (sort == "period") enquire.set_sort_by_value_then_relevance(kPeriodText, true);
    if (by_value) {
      enquire.set_sort_by_value_then_relevance(IndicatorValueSlot(indicator), sort == "value-desc");
    }
    SearchResult result;
    result.query = request.query;
    auto make_hit = [this](const std::string& data) { return impl_->Hit(data); };
    if (IsExact(parsed->root)) {
      // One literal of two indexable characters and no filter: a single term.
      std::string single_term;
      if (parsed->root.kind == internal::QueryNode::Kind::kText && filter_terms.empty() && !has_dead) {
        auto runs = internal::IndexableRuns(parsed->root.text);
        if (runs.size() == 1 && runs[0].size() == 2) single_term = runs[0][0] + runs[0][1];
      }
      MatchSearch(enquire, db, request, single_term, nullptr, make_hit, &result);
    } else {
      LiteralCheck check(parsed->root,
                         [this](Xapian::docid docid) { return impl_->StoredCheckText(docid); });
      if (!impl_->has_remote && impl_->shards.size() == 1) {
        MatchSearch(enquire, db, request, "", &check, make_hit, &result);
      } else {
        ClientCheckedSearch(enquire, db, request, check, make_hit, &result);
      }
    }
    for (SearchHit& hit : result.hits) MarkLiterals(parsed->positive_texts, hit);
    return result;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "search");
  }
}

std::vector<IndexedFile> IndexReader::Files() const {
  std::vector<IndexedFile> files;
  try {
    for (const Xapian::Database& db : impl_->shards) {
      for (auto key = db.metadata_keys_begin("file/"); key != db.metadata_keys_end("file/"); ++key) {
        std::string meta = db.get_metadata(*key);
        if (!meta.empty()) files.push_back(FileFromJson(meta));
      }
    }
  } catch (const Xapian::Error&) {
    // A shard that cannot list metadata (an old remote server) contributes no records.
  }
  std::sort(files.begin(), files.end(), [](const IndexedFile& a, const IndexedFile& b) {
    return std::tie(a.region.province, a.region.city, a.region.district, a.period.start, a.document) <
           std::tie(b.region.province, b.region.city, b.region.district, b.period.start, b.document);
  });
  return files;
}

std::vector<std::string> IndexReader::Targets(const std::string& document) const {
  std::vector<std::string> documents;
  if (document.empty()) {
    for (const IndexedFile& f : Files()) documents.push_back(f.document);
  } else {
    documents.push_back(document);
  }
  std::vector<std::string> lines;
  try {
    for (const std::string& d : documents) {
      for (const Xapian::Database& db : impl_->shards) {
        std::string text = db.get_metadata(TargetsMetaKey(d));
        for (size_t start = 0; start < text.size();) {
          size_t end = text.find('\n', start);
          if (end == std::string::npos) end = text.size();
          if (end > start) lines.push_back(text.substr(start, end - start));
          start = end + 1;
        }
      }
    }
  } catch (const Xapian::Error&) {
    // A shard that cannot be read contributes nothing; Files() reports the same shard as empty.
  }
  return lines;
}

}  // namespace guihua
