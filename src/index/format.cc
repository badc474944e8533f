// The on-disk format (internal/format.h): terms, the file record, an item's stored fields and its
// Xapian document, dead revisions and the format check.
#include "index/internal/format.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>

#include <zlib.h>

#include "common/hash.h"
#include "common/utf8.h"
#include "index/internal/text_code.h"
#include "normalize/normalize.h"

namespace guihua::internal {

using nlohmann::json;

std::string Term(const std::string& prefix, const std::string& value) {
  std::string t = prefix + NormalizeString(value);
  if (t.size() > kMaxTermBytes) t.resize(kMaxTermBytes);
  return t;
}

std::string MetaKey(const char* prefix, const std::string& name) {
  std::string key = prefix + name;
  if (key.size() <= kMaxMetaKeyBytes) return key;  // as always: existing indexes read the same
  char hash[20];
  std::snprintf(hash, sizeof hash, "#%016llx",
                static_cast<unsigned long long>(Fnv1a64(name, kContentHashBasis)));
  size_t keep = kMaxMetaKeyBytes - std::char_traits<char>::length(hash);
  // Cut at a character's start, so that the key stays UTF-8 (a continuation byte is 10xxxxxx).
  while (keep > 0 && (static_cast<unsigned char>(key[keep]) & 0xC0) == 0x80) --keep;
  key.resize(keep);
  return key + hash;
}

std::string PeriodText(const Period& p) {
  return p.start == 0 ? "" : std::to_string(p.start) + "-" + std::to_string(p.end);
}

std::string PeriodSortKey(const Period& p) {
  if (p.start < 1000 || p.start > 9999 || p.end < 1000 || p.end > 9999) return PeriodText(p);
  std::string key(4, '\0');
  for (int i = 0; i < 2; ++i) {
    key[i] = static_cast<char>(p.start >> (8 - 8 * i) & 0xFF);
    key[2 + i] = static_cast<char>(p.end >> (8 - 8 * i) & 0xFF);
  }
  return key;
}

std::string PeriodOfSortKey(const std::string& key) {
  if (key.size() != 4) return key;  // a period whose years are not of 4 digits: its text
  auto year = [&](size_t at) {
    return static_cast<unsigned char>(key[at]) << 8 | static_cast<unsigned char>(key[at + 1]);
  };
  return std::to_string(year(0)) + "-" + std::to_string(year(2));
}

json FileJson(const IndexedFile& f) {
  return {{"document", f.document},
          {"file", f.file},
          {"hash", f.content_hash},
          {"kind", f.kind},
          {"title", f.title},
          {"province", f.region.province},
          {"city", f.region.city},
          {"district", f.region.district},
          {"period_start", f.period.start},
          {"period_end", f.period.end},
          {"plans", f.plans},
          {"items", f.items},
          {"targets", f.targets},
          {"revision", f.revision}};
}

namespace {

// The fields of a file record, for the fast path of FileFromJson.
struct StringField {
  const char* name;
  std::string& (*of)(IndexedFile&);
};
constexpr StringField kStringFields[] = {
    {"document", [](IndexedFile& f) -> std::string& { return f.document; }},
    {"file", [](IndexedFile& f) -> std::string& { return f.file; }},
    {"hash", [](IndexedFile& f) -> std::string& { return f.content_hash; }},
    {"kind", [](IndexedFile& f) -> std::string& { return f.kind; }},
    {"title", [](IndexedFile& f) -> std::string& { return f.title; }},
    {"province", [](IndexedFile& f) -> std::string& { return f.region.province; }},
    {"city", [](IndexedFile& f) -> std::string& { return f.region.city; }},
    {"district", [](IndexedFile& f) -> std::string& { return f.region.district; }},
    {"revision", [](IndexedFile& f) -> std::string& { return f.revision; }},
};
struct IntField {
  const char* name;
  int& (*of)(IndexedFile&);
};
constexpr IntField kIntFields[] = {
    {"period_start", [](IndexedFile& f) -> int& { return f.period.start; }},
    {"period_end", [](IndexedFile& f) -> int& { return f.period.end; }},
    {"plans", [](IndexedFile& f) -> int& { return f.plans; }},
    {"items", [](IndexedFile& f) -> int& { return f.items; }},
    {"targets", [](IndexedFile& f) -> int& { return f.targets; }},
};

// Reads a record as FileJson writes it: one flat object of strings without escapes and of
// integers of up to 9 digits, as valid JSON. False on anything else (escapes, other types, bad
// UTF-8, trailing bytes), which nlohmann's parser reads: it took 37 K instructions a record, and a
// search reads the record of each hit's file (0.37 M of a cold `guihua search`). nlohmann's SAX
// interface (json::sax_parse, a handler filling the fields, no DOM) was tried instead and took
// 41.5 K a record, 27 K of them in its lexer, against this reader's 9.6 K.
class FlatRecordReader {
 public:
  explicit FlatRecordReader(std::string_view text) : text_(text) {}

  bool Read(IndexedFile* f) {
    if (!Take('{')) return false;
    if (!Take('}')) {
      do {
        std::string_view key;
        if (!String(&key) || !Take(':') || !Value(key, f)) return false;
      } while (Take(','));
      if (!Take('}')) return false;
    }
    Space();
    return at_ == text_.size();
  }

 private:
  void Space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' ||
                                  text_[at_] == '\t' || text_[at_] == '\r')) {
      ++at_;
    }
  }
  bool Take(char c) {
    Space();
    if (at_ >= text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  bool String(std::string_view* out) {
    if (!Take('"')) return false;
    size_t end = at_;
    while (end < text_.size() && text_[end] != '"' && text_[end] != '\\' &&
           static_cast<unsigned char>(text_[end]) >= 0x20) {
      ++end;
    }
    if (end >= text_.size() || text_[end] != '"') return false;
    *out = text_.substr(at_, end - at_);
    at_ = end + 1;
    return utf8::IsValid(*out);
  }
  bool Integer(int* out) {
    Space();
    const size_t start = at_;
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    const size_t digits = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    const size_t n = at_ - digits;
    if (n == 0 || n > 9 || (n > 1 && text_[digits] == '0')) return false;
    if (at_ < text_.size() && (text_[at_] == '.' || text_[at_] == 'e' || text_[at_] == 'E')) {
      return false;
    }
    return std::from_chars(text_.data() + start, text_.data() + at_, *out).ec == std::errc();
  }
  // The value of `key`, kept in `f` when it is one of the record's fields.
  bool Value(std::string_view key, IndexedFile* f) {
    Space();
    const bool is_string = at_ < text_.size() && text_[at_] == '"';
    for (const StringField& field : kStringFields) {
      if (key != field.name) continue;
      std::string_view value;
      if (!String(&value)) return false;
      field.of(*f) = value;
      return true;
    }
    for (const IntField& field : kIntFields) {
      if (key == field.name) return !is_string && Integer(&field.of(*f));
    }
    std::string_view skipped;
    int number = 0;
    return is_string ? String(&skipped) : Integer(&number);
  }

  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace

IndexedFile FileFromJson(const std::string& text) {
  IndexedFile f;
  if (FlatRecordReader(text).Read(&f)) return f;
  f = IndexedFile();
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return f;
  // value() throws on a field of another type (a damaged record): what was read so far is kept,
  // so that no reader of the index throws.
  try {
    f.document = j.value("document", "");
    f.file = j.value("file", "");
    f.content_hash = j.value("hash", "");
    f.kind = j.value("kind", "");
    f.title = j.value("title", "");
    f.region = {j.value("province", ""), j.value("city", ""), j.value("district", "")};
    f.period = {j.value("period_start", 0), j.value("period_end", 0)};
    f.plans = j.value("plans", 0);
    f.items = j.value("items", 0);
    f.targets = j.value("targets", 0);
    f.revision = j.value("revision", "");
  } catch (const json::exception&) {
  }
  return f;
}

Status FromCurrentException(const std::string& what) {
  try {
    throw;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, what);
  } catch (const std::exception& e) {
    return Status::Internal(what + ": " + e.what());
  }
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
    return Status::InvalidInput(
        "a shard served by xapian-tcpsrv needs a termlist table: "
        "run `guihua compact --termlist --db DIR` on its folder");
  }
  if (type == "NetworkError" || type == "NetworkTimeoutError") {
    return Status::InvalidInput(what + ": " + e.get_description());
  }
  return Status::Internal(what + ": " + e.get_description());
}

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

void SectionTable::Append(std::string_view fields) {
  all_ += fields;
  ends_.push_back(all_.size());
  longest_ = std::max(longest_, fields.size());
}

size_t SectionTable::Place(const std::vector<std::string_view>& f) {
  // A table read back (a purge indexing its items again) learns its places first.
  for (size_t place = places_.size(); place < ends_.size(); ++place) {
    places_.emplace(Fields(place), place);
  }
  std::string key;
  for (int k = kPlanF; k <= kBlockF; ++k) {
    key += f[k];
    key += kFieldSep;
  }
  auto [found, added] = places_.emplace(key, ends_.size());
  if (added) Append(key);
  return found->second;
}

std::string_view SectionTable::Fields(size_t place) const {
  static const std::string kEmpty(kBlockF - kPlanF + 1, kFieldSep);
  if (place >= ends_.size()) return kEmpty;
  const size_t begin = place == 0 ? 0 : ends_[place - 1];
  return std::string_view(all_).substr(begin, ends_[place] - begin);
}

std::string SectionTable::Stored() const {
  std::string stored;
  std::vector<std::string_view> previous(kBlockF - kPlanF + 1);
  for (size_t place = 0; place < ends_.size(); ++place) {
    const std::vector<std::string_view> fields = SplitData(Fields(place));
    for (size_t k = 0; k < previous.size(); ++k) {
      if (place > 0 && fields[k] == previous[k]) {
        stored += '\0';
        continue;
      }
      const std::string coded = EncodeText(fields[k]);
      PutVarint(coded.size() + 1, stored);
      stored += coded;
      previous[k] = fields[k];
    }
  }
  return stored;
}

SectionTable SectionTable::FromStored(std::string_view stored) {
  constexpr size_t kFields = kBlockF - kPlanF + 1;
  // The most the fields may decode to (4 bytes a coded byte; a field "as before" as much as the
  // one before), so that they decode into one buffer.
  size_t bound = 0;
  size_t previous_bound[kFields] = {};
  for (size_t at = 0, k = 0; at < stored.size(); k = (k + 1) % kFields) {
    if (const size_t size = GetVarint(stored, at); size > 0) {
      previous_bound[k] = (size - 1) * 4;
      at += size - 1;
    }
    bound += previous_bound[k] + 1;
  }
  SectionTable table;
  // Decoded into a buffer left uninitialized, then copied at its size: the bound counts every
  // field "as before" at its largest, and zeroing it cost a search 10 of its ~570 page faults.
  const std::unique_ptr<char[]> buffer(new char[bound]);
  char* const all = buffer.get();
  char* out = all;
  // Where each field of the previous section is: a field "as before" is copied from there.
  std::pair<const char*, size_t> previous[kFields] = {};
  for (size_t at = 0; at < stored.size();) {
    char* const begin = out;
    for (auto& [from, length] : previous) {
      const size_t size = GetVarint(stored, at);
      char* const to = out;
      if (size > 0) {
        out = DecodeTextTo(stored.substr(std::min(at, stored.size()), size - 1), out);
        at += size - 1;
      } else {
        out = std::copy_n(from, length, out);
      }
      from = to;
      length = static_cast<size_t>(out - to);
      *out++ = kFieldSep;
    }
    table.ends_.push_back(static_cast<size_t>(out - all));
    table.longest_ = std::max(table.longest_, static_cast<size_t>(out - begin));
  }
  table.all_.assign(all, static_cast<size_t>(out - all));
  return table;
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
        {"city", record.region.city},
        {"district", record.region.district}}) {
    if (!value.empty()) terms.push_back(Term(fp.at(facet), value));
  }
  std::string period = PeriodText(record.period);
  if (!period.empty()) terms.push_back(Term(fp.at("period"), period));
  if (!record.kind.empty()) terms.push_back(Term(fp.at("kind"), record.kind));
  return terms;
}

// The working text of an item from its stored fields.
std::string WorkingText(const std::vector<std::string_view>& fields) {
  return fields[kWorking].empty() ? NormalizeString(fields[kPrinted])
                                  : std::string(fields[kWorking]);
}

// What a literal is checked against (HoldsCoded): the working text, ASCII-folded, in the index's
// text code.
std::string CheckText(std::string working) {
  internal::FoldAscii(working);
  return EncodeText(working);
}

// The Xapian document of an item: its stored data, the bigrams of its working text with their
// impacts as wdf, its facet terms and values. It depends on the data and the file's record only,
// so that a purge can index an item again without its file. `working`: the working text, when the
// caller has it at hand.
namespace {

// The patch that makes `printed` of the check text of `normalized` (Normalize(printed), whose
// origins pair each printed character with what it became): the printed characters that are not
// what they became, folded, are edits. Empty when the origins do not pair up. `full_width`: for
// ApplyPatch(…, true), which prints the ASCII punctuation that has a FullWidthForm in that form.
std::optional<std::string> PrintedPatch(std::string_view printed, const MappedText& normalized,
                                        bool full_width) {
  const std::string& text = normalized.text;
  std::string patch, inserted;
  size_t copy = 0, take = 0, at = 0;  // `at`: in `text`
  for (size_t p = 0; p < printed.size();) {
    const size_t length = std::min(utf8::SequenceLength(static_cast<unsigned char>(printed[p])),
                                   printed.size() - p);
    size_t end = at;
    while (end < text.size() && normalized.origin[end] == p) ++end;
    bool same = end - at == length;
    for (size_t i = 0; same && i < length; ++i) {
      char c = text[at + i];
      same = ((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c) == printed[p + i];
    }
    if (const char32_t wide = end - at == 1 && full_width ? FullWidthForm(text[at]) : 0; wide != 0) {
      size_t next = p;
      same = utf8::Next(printed, next) == wide;
    }
    if (same) {
      if (take > 0 || !inserted.empty()) {
        AppendPatchEdit(copy, take, inserted, patch);
        copy = take = 0;
        inserted.clear();
      }
      ++copy;
    } else {
      take += utf8::Length(std::string_view(text).substr(at, end - at));
      inserted.append(printed.substr(p, length));
    }
    at = end;
    p += length;
  }
  if (at != text.size()) return std::nullopt;
  if (take > 0 || !inserted.empty()) AppendPatchEdit(copy, take, inserted, patch);
  return patch;
}

// A field kept after its coded size.
void PutCoded(std::string_view field, std::string& out) {
  std::string coded = EncodeText(field);
  PutVarint(coded.size(), out);
  out += coded;
}

// The value of a number as the writer prints it (std::to_string of a non-negative int: no sign, no
// leading zero), or -1 for any other field.
long CanonicalNumber(std::string_view field) {
  if (field.empty() || field.size() > 9 || (field.size() > 1 && field[0] == '0')) return -1;
  long n = 0;
  for (char c : field) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// A number field (kItem, kLine, kEndLine): a varint of its value - `base` + 1 when it is a
// CanonicalNumber of at least `base` (an end line after its first line), else 0 and the field
// coded. Returns its value, or -1.
long PutNumber(std::string_view field, long base, std::string& out) {
  const long n = CanonicalNumber(field);
  if (n >= 0 && n >= base) {
    PutVarint(static_cast<size_t>(n - base + 1), out);
    return n;
  }
  PutVarint(0, out);
  PutCoded(field, out);
  return -1;
}

// The fields kDoc to kWorking of `f` (kWorking: `working`): kDoc coded after its size, the place
// of its section in `sections`, kItem to kEndLine as PutNumber (kEndLine after kLine), kIndicators
// and kWorking coded after their sizes.
std::string CodedFields(const std::vector<std::string_view>& f, std::string_view working,
                        SectionTable& sections) {
  std::string fields;
  PutCoded(f[kDoc], fields);
  PutVarint(sections.Place(f), fields);
  PutNumber(f[kItem], 0, fields);
  const long line = PutNumber(f[kLine], 0, fields);
  PutNumber(f[kEndLine], std::max(line, 0L), fields);
  PutCoded(f[kIndicators], fields);
  PutCoded(working, fields);
  return fields;
}

// A coded field after its size at `at` of `fields`, decoded to `out`, and kFieldSep.
char* DecodeField(std::string_view fields, size_t& at, char* out) {
  const size_t size = GetVarint(fields, at);
  const std::string_view field = at < fields.size() ? fields.substr(at, size) : std::string_view();
  at += field.size();
  out = DecodeTextTo(field, out);
  *out++ = kFieldSep;
  return out;
}

// A PutNumber field at `at` to `out`, and kFieldSep; `value`: its value, or -1.
char* DecodeNumber(std::string_view fields, size_t& at, long base, char* out, long& value) {
  const size_t v = GetVarint(fields, at);
  if (v == 0) {
    value = -1;
    return DecodeField(fields, at, out);
  }
  value = static_cast<long>(v - 1) + base;
  out = std::to_chars(out, out + 24, value).ptr;
  *out++ = kFieldSep;
  return out;
}

// The document id in CodedFields `fields`.
std::string FieldsDocument(std::string_view fields) {
  size_t at = 0;
  const size_t size = GetVarint(fields, at);
  return at < fields.size() ? DecodeText(fields.substr(at, size)) : std::string();
}

// The longest a number field decodes to (a damaged varint's value, and kFieldSep).
constexpr size_t kNumberBytes = 24;

// The item data of CodedFields `fields` of a file of section table `sections`, each field ended by
// kFieldSep, into `out`.
char* DecodeFields(std::string_view fields, const SectionTable& sections, char* out) {
  size_t at = 0;
  out = DecodeField(fields, at, out);
  const std::string_view section = sections.Fields(GetVarint(fields, at));
  out = std::copy(section.begin(), section.end(), out);
  long item = 0, line = 0, end_line = 0;
  out = DecodeNumber(fields, at, 0, out, item);
  out = DecodeNumber(fields, at, 0, out, line);
  out = DecodeNumber(fields, at, std::max(line, 0L), out, end_line);
  out = DecodeField(fields, at, out);
  return DecodeField(fields, at, out);
}

// The kItemData value (see MakeItemDocument): `fields` are CodedFields, `check_text` the item's,
// `normalized` Normalize(printed) when that gives the working text (else null).
std::string ItemValue(const std::string& fields, std::string_view printed,
                      const MappedText* normalized, std::string_view check_text,
                      bool keep_printed) {
  // The shorter of the patches with and without full-width punctuation, checked, so that the
  // printed text comes back to the byte whatever the normalizer did; and kept only when shorter
  // than the coded printed text (which is at least a third of its UTF-8).
  std::optional<std::string> patch;
  bool full_width = false;
  for (bool wide : {true, false}) {
    // An empty patch is the shortest: the other kind is not made (the first is empty for an item
    // that prints , ; : ( ) ! ? full-width and differs from its check text in nothing else).
    if (keep_printed || normalized == nullptr || (patch && patch->empty())) break;
    std::optional<std::string> made = PrintedPatch(printed, *normalized, wide);
    if (made && (!patch || made->size() < patch->size()) &&
        ApplyPatch(check_text, *made, wide) == printed) {
      patch = std::move(made);
      full_width = wide;
    }
  }
  if (patch && patch->size() >= printed.size() / 3 && patch->size() >= EncodeText(printed).size()) {
    patch.reset();
  }
  std::string value;
  PutVarint(fields.size() * 4 + (patch && full_width ? 2 : 0) + (patch ? 0 : 1), value);
  value += fields;
  value += patch ? *patch : EncodeText(printed);
  return value;
}

// Sets the item's check text and its kItemData value from its fields `f` (see MakeItemDocument);
// returns its working text, which is `working`, or kept in `normalized` or `stored_working`.
const std::string* StoreText(const std::vector<std::string_view>& f, const std::string* working,
                             bool keep_printed, SectionTable& sections, ItemDocument& item,
                             MappedText& normalized, std::string& stored_working) {
  // The printed text normalized with its origins, when it gives the working text: the patch is
  // made of it.
  stored_working = f[kWorking];
  if (stored_working.empty()) {
    normalized = Normalize(f[kPrinted]);
    if (working != nullptr && normalized.text != *working) stored_working = *working;
  }
  if (working == nullptr) working = stored_working.empty() ? &normalized.text : &stored_working;
  item.check_text = CheckText(*working);
  item.doc.add_value(kItemData, ItemValue(CodedFields(f, stored_working, sections), f[kPrinted],
                                          stored_working.empty() ? &normalized : nullptr,
                                          item.check_text, keep_printed));
  return working;
}

}  // namespace

ItemDocument MakeItemDocument(const std::string& data, const IndexedFile& record,
                              const std::vector<std::string>& file_terms, SectionTable& sections,
                              const std::string* working, bool keep_printed) {
  auto f = SplitData(data);
  ItemDocument item;
  Xapian::Document& xd = item.doc;
  MappedText normalized;
  std::string stored_working;
  working = StoreText(f, working, keep_printed, sections, item, normalized, stored_working);
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
    xd.add_value(kPeriodText, PeriodSortKey(record.period));
  }
  xd.add_value(kDistrict, record.region.district);
  xd.add_value(kDomain, std::string(f[kDomainId]));
  xd.add_value(kBlock, std::string(f[kBlockF]));
  std::string key = SameTextKey(item.check_text);
  xd.add_boolean_term(SameTextBucketTerm(key));
  xd.add_value(kSameText, std::move(key));
  return item;
}

std::string SameTextKey(std::string_view check_text) {
  return SameTextKeyOf(SameTextNumberOf(check_text));
}

std::string SameTextKeyOf(uint64_t number) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, number >>= 8) key[i] = static_cast<char>(number & 0xFF);
  return key;
}

bool SameTextNumber(std::string_view key, uint64_t* number) {
  if (key.size() != 8) return false;
  *number = 0;
  for (unsigned char byte : key) *number = *number << 8 | byte;
  return true;
}

std::string SameTextBucketTerm(std::string_view key) {
  static const char kHex[] = "0123456789abcdef";
  std::string term = kSameTextPrefix;
  for (size_t i = 0; i < 2 && i < key.size(); ++i) {
    term += kHex[static_cast<unsigned char>(key[i]) >> 4];
    term += kHex[static_cast<unsigned char>(key[i]) & 0xF];
  }
  return term;
}

// The parts of a kItemData value: its CodedFields, and the printed text or the patch after them.
struct ItemValueParts {
  std::string_view fields, text;
  bool printed = false, full_width = false;
};
ItemValueParts SplitItemValue(std::string_view value) {
  size_t pos = 0;
  const size_t head = GetVarint(value, pos);
  ItemValueParts parts;
  parts.fields = value.substr(std::min(pos, value.size()), head / 4);
  parts.text = value.substr(std::min(pos + parts.fields.size(), value.size()));
  parts.printed = head % 2 == 1;
  parts.full_width = head / 2 % 2 == 1;
  return parts;
}

void KeepPrintedText(ItemDocument& item) {
  const std::string value = item.doc.get_value(kItemData);
  const ItemValueParts parts = SplitItemValue(value);
  if (parts.printed) return;
  const std::string printed = ApplyPatch(item.check_text, parts.text, parts.full_width);
  std::string kept;
  PutVarint(parts.fields.size() * 4 + 1, kept);
  kept += parts.fields;
  kept += EncodeText(printed);
  item.doc.add_value(kItemData, kept);
}

std::string ItemData(const Xapian::Document& doc, std::string_view check_text,
                     const SectionsOf& sections) {
  const std::string value = doc.get_value(kItemData);
  const ItemValueParts parts = SplitItemValue(value);
  const SectionTable& table = sections(FieldsDocument(parts.fields));
  // One buffer for all, of the largest size they may decode to (and the separators).
  std::string data(
      (parts.fields.size() + parts.text.size() + (parts.printed ? 0 : check_text.size())) * 4 +
          3 * kNumberBytes + table.longest() + kFieldCount,
      '\0');
  char* out = DecodeFields(parts.fields, table, data.data());
  out = parts.printed ? DecodeTextTo(parts.text, out)
                      : ApplyPatchTo(check_text, parts.text, out, parts.full_width);
  data.resize(static_cast<size_t>(out - data.data()));
  return data;
}

std::string ItemDocumentId(const Xapian::Document& doc) {
  return ItemDocumentIdOf(doc.get_value(kItemData));
}

std::string ItemDocumentIdOf(const std::string& item_data) {
  return FieldsDocument(SplitItemValue(item_data).fields);
}

std::string CheckTextOf(const Xapian::Document& doc) {
  static const SectionTable kNone;  // the sections do not touch the text
  std::string data =
      ItemData(doc, {}, [](const std::string&) -> const SectionTable& { return kNone; });
  return CheckText(WorkingText(SplitData(data)));
}

StatusOr<std::unique_ptr<internal::CheckStoreWriter>> OpenCheckStore(const std::string& dir,
                                                                     const Xapian::Database& db) {
  return internal::CheckStoreWriter::Open(dir, db.get_lastdocid());
}

std::string DeflateText(std::string_view text) {
  if (text.empty()) return "";
  uLongf size = compressBound(static_cast<uLong>(text.size()));
  std::string out(4 + size, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((text.size() >> (8 * i)) & 0xFF);
  if (compress2(reinterpret_cast<Bytef*>(out.data() + 4), &size,
                reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()),
                Z_BEST_COMPRESSION) != Z_OK) {
    return "";  // not expected: the bound is zlib's own
  }
  out.resize(4 + size);
  return out;
}

std::string InflateText(std::string_view stored) {
  if (stored.size() < 4) return "";
  uLongf size = 0;
  for (int i = 3; i >= 0; --i) size = (size << 8) | static_cast<unsigned char>(stored[i]);
  std::string text(size, '\0');
  if (uncompress(reinterpret_cast<Bytef*>(text.data()), &size,
                 reinterpret_cast<const Bytef*>(stored.data() + 4),
                 static_cast<uLong>(stored.size() - 4)) != Z_OK) {
    return "";
  }
  text.resize(size);
  return text;
}

std::vector<std::string> DeadRevisions(const Xapian::Database& db) {
  std::string listed = db.get_metadata(kDeadKey);
  std::vector<std::string> dead;
  for (std::string_view revision : SpaceSeparated(listed)) dead.emplace_back(revision);
  return dead;
}

Xapian::doccount DeadItems(const Xapian::Database& db) {
  return static_cast<Xapian::doccount>(
      std::strtoul(db.get_metadata(kDeadItemsKey).c_str(), nullptr, 10));
}

// Lists the revision of `old` as dead: its items stay in the database, left out of every search,
// until a purge. Part of the caller's transaction.
void MarkDead(Xapian::WritableDatabase& db, const IndexedFile& old) {
  if (old.revision.empty()) return;
  std::string listed = db.get_metadata(kDeadKey);
  db.set_metadata(kDeadKey, listed.empty() ? old.revision : listed + " " + old.revision);
  db.set_metadata(kDeadItemsKey,
                  std::to_string(DeadItems(db) + static_cast<Xapian::doccount>(old.items)));
}

// A new revision id: 64 random bits, so that revisions from any writer never collide.
std::string NewRevision() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(random()));
  return buf;
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

}  // namespace guihua::internal
