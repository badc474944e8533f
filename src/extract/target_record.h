// The target record: one extracted value with where it stands in its document, as `guihua extract
// --format jsonl` prints it, the index stores it and the API serves it (DESIGN.md's object). This
// is its one codec: everyone writes and reads the record here, nobody parses its JSON by hand.
#ifndef GUIHUA_EXTRACT_TARGET_RECORD_H_
#define GUIHUA_EXTRACT_TARGET_RECORD_H_

#include <optional>
#include <string>
#include <string_view>

#include "extract/extract.h"
#include "structure/document.h"

namespace guihua {

// The flat record. Strings are "" and numbers 0 / nullopt where the JSON has null.
struct TargetRecord {
  std::string document, file;
  Region region;
  std::string plan, domain, domain_id, block;  // plan "women"/"children"; domain only in domains
  int item = 0;                                // the item's printed number; 0 when none
  std::string kind;                            // TargetKindName(): "target", "baseline", …
  int year = 0, base_year = 0;                 // Target::year / base_year; 0 when null
  std::string indicator, indicator_id;
  std::string comparator;  // ">=", "<=", "~", "=", "range"; "" for a direction goal
  std::optional<double> value, value_max;
  std::string unit, value_text, quote;
  int line = 0, page = 0;  // 0 when unknown / not paged
};

// The record of `target`, found in `doc` (its plan, domain and item by the target's indices).
TargetRecord MakeTargetRecord(const Document& doc, const Target& target);

// One line of JSON, DESIGN.md's fields in its order, null where absent; bytes that are not UTF-8
// (a file name in GBK) are written as U+FFFD.
std::string WriteTargetRecord(const TargetRecord& record);

// The record of one JSON line; nullopt for a line that is not a JSON object. Fields that are
// missing or of another type read as absent.
std::optional<TargetRecord> ReadTargetRecord(std::string_view json_line);

// MakeTargetRecord + WriteTargetRecord.
std::string TargetRecordJson(const Document& doc, const Target& target);

// The indicator_id of a written record without parsing it ("" when null or absent): lets a reader
// skip the records of other indicators, which is most of the work on a large index.
std::string_view PeekTargetIndicatorId(std::string_view json_line);

}  // namespace guihua

#endif  // GUIHUA_EXTRACT_TARGET_RECORD_H_
