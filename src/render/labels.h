// The words of the outputs for people (table, md, html, xlsx) in Chinese or English: headers,
// verdicts, kinds and the sentences around them. One table, rules/labels.tsv, compiled into the
// binary (and into the page as labels.js), so that printing a header reads no file.
#ifndef GUIHUA_RENDER_LABELS_H_
#define GUIHUA_RENDER_LABELS_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace guihua {

// 中文 is the default of every output for people; csv, jsonl and json keep their ids whatever it is.
enum class Lang { kZh, kEn };

// "zh", "en" (also "中文", "english", any case); false for anything else.
bool ParseLang(std::string_view name, Lang* lang);
const char* LangName(Lang lang);  // "zh", "en"

// The label `id` in `lang`, with {1}, {2}… replaced by `args`. An id the table lacks comes back
// as itself, so that a missing row shows (tests check every id in use has both languages).
std::string Label(std::string_view id, Lang lang, std::initializer_list<std::string_view> args = {});

// The label of a value of a vocabulary: Label("verdict.same"), Label("kind.target")…; the value
// itself when the table has no label for it (a plan or kind the table does not know yet).
std::string ValueLabel(std::string_view vocabulary, std::string_view value, Lang lang);

// A row of the table: views of the text it was read from.
struct LabelRow {
  std::string_view id, zh, en;
  int line = 0;
};

// Every row of the compiled table, in file order (sorted by id).
const std::vector<LabelRow>& LabelTable();

// Reads a labels.tsv text (header `id	zh	en`; '#' lines and blank lines skipped; rows sorted by
// id, an id once): errors name `name:line`. The rows are views of `text`. The compiled table is
// read with it.
StatusOr<std::vector<LabelRow>> ParseLabels(std::string_view text, const std::string& name);

}  // namespace guihua

#endif  // GUIHUA_RENDER_LABELS_H_
