// Writers for extracted targets: the tidy rows of render/tidy.h as JSON lines or CSV (UTF-8 with
// BOM, for Excel), and a terminal table whose columns line up for Chinese text.
#ifndef GUIHUA_RENDER_TARGETS_H_
#define GUIHUA_RENDER_TARGETS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "render/labels.h"
#include "structure/document.h"

namespace guihua {

enum class TargetFormat { kJsonl, kCsv, kTable };

// "jsonl", "csv", "table"; false for anything else.
bool ParseTargetFormat(std::string_view name, TargetFormat* format);

// One target as a single-line JSON object with DESIGN.md's fields, in its order, null where absent:
// the target record of extract/target_record.h (TargetRecordJson), which owns the format.
std::string TargetToJson(const Document& doc, const Target& target);

// Writes the targets of one or more documents in one format; Finish() ends the output (the table
// is written there, once the column widths are known).
class TidyWriter;
class TargetWriter {
 public:
  // `lang`: the table's header and words (plan, block, kind); csv and jsonl keep ids.
  TargetWriter(TargetFormat format, std::ostream* out, Lang lang = Lang::kZh);
  ~TargetWriter();
  void Add(const Document& doc, const std::vector<Target>& targets);
  void Finish();

 private:
  TargetFormat format_;
  std::ostream* out_;
  Lang lang_;
  std::unique_ptr<TidyWriter> tidy_;  // csv and jsonl
  std::vector<std::vector<std::string>> rows_;  // table rows until Finish()
};

}  // namespace guihua

#endif  // GUIHUA_RENDER_TARGETS_H_
