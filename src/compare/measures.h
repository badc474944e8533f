// Measure alignment: the items of one domain (measures by default) of several plans grouped by text
// similarity, so that a researcher sees which commitments the districts share and which one district
// makes alone. Similarity is the cosine of TF-IDF vectors of character bigrams and/or ICU words.
#ifndef GUIHUA_COMPARE_MEASURES_H_
#define GUIHUA_COMPARE_MEASURES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "compare/compare.h"
#include "index/index.h"

namespace guihua {

class Tokenizer;

// What an item's similarity vector is built from. Bigrams: every pair of adjacent characters inside
// a run of Han/letters/digits. Words: ICU dictionary tokens. Both: the union of the two.
enum class SimilarityFeatures { kBigrams, kWords, kBoth };
const char* SimilarityFeaturesName(SimilarityFeatures f);  // "bigrams" / "words" / "both"
bool ParseSimilarityFeatures(std::string_view name, SimilarityFeatures* features);

// Chosen on the corpus (five district plans copying national wording): pairs of measures whose
// headlines agree (bigram Dice >= 0.6) against pairs whose headlines differ (< 0.25), clustered over
// all 15 domains, give pairwise F1 0.949 at 0.25, 0.30 and 0.35 alike; at 0.30 women.health has
// exactly its two district-only measures unique, below 0.25 unrelated measures start to merge.
// Bigrams rank body-only pairs slightly better than ICU words (AUC 0.988 against 0.986), need no
// dictionary, and are the default.
constexpr double kDefaultMeasureThreshold = 0.30;

// A TF-IDF model over a fixed collection of texts: document frequencies come from the collection,
// so words every item uses (妇女, 加强) weigh little. Texts are normalized (NFKC, 繁→简) first.
class TextSimilarity {
 public:
  // `tokenizer` is needed for kWords and kBoth only (may be null for kBigrams).
  TextSimilarity(const std::vector<std::string>& texts, SimilarityFeatures features,
                 Tokenizer* tokenizer);
  ~TextSimilarity();
  TextSimilarity(TextSimilarity&&) noexcept;
  TextSimilarity& operator=(TextSimilarity&&) noexcept;

  size_t size() const;
  // Cosine of texts[a] and texts[b], in [0, 1].
  double Cosine(size_t a, size_t b) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Pairwise similarity of plan items, row-major n × n (1 on the diagonal): the TF-IDF cosine of the
// whole texts (document frequencies from `texts`), raised to its mean with the headlines' cosine
// when both items open with a short headline sentence (districts keep the national headline while
// rewriting the body).
std::vector<double> ItemSimilarityMatrix(const std::vector<std::string>& texts,
                                         SimilarityFeatures features, Tokenizer* tokenizer);

// One item of one plan as the alignment shows it.
struct MeasureItem {
  std::string document, file, district;
  std::string plan, domain_id, domain, block;
  int item = 0;  // printed list number, 0 for an unnumbered paragraph
  int line = 0, end_line = 0;
  std::string text;  // as printed (whitespace removed)
};

struct MeasureMember {
  size_t column = 0;        // index into MeasureAlignment::columns
  MeasureItem item;
  double similarity = 1.0;  // mean cosine with the other members (1 when alone)
};

struct MeasureGroup {
  std::string title;                  // headline (up to the first 。) of the most central member
  std::vector<MeasureMember> members;  // at most one per column, in column order
  double min_similarity = 1.0;         // lowest cosine between two members
  bool shared() const { return members.size() > 1; }
};

struct MeasureAlignment {
  std::string domain_id, domain, block;
  double threshold = kDefaultMeasureThreshold;
  SimilarityFeatures features = SimilarityFeatures::kBigrams;
  std::vector<CompareColumn> columns;
  std::vector<std::string> labels;  // per column: the district, or the document id when ambiguous
  std::vector<MeasureGroup> groups;  // in plan order (mean relative position of the members)
};

struct MeasureOptions {
  std::string domain;                  // domain id (required), e.g. women.health
  std::string block = "measure";       // measure / goal / other
  std::vector<std::string> documents;  // document ids (NameResolver::DocumentIds); empty: all
  double threshold = kDefaultMeasureThreshold;
  SimilarityFeatures features = SimilarityFeatures::kBigrams;
};

// Groups `items[c]` (the items of columns[c], in plan order). Similarity: the TF-IDF cosine of the
// whole texts, raised to its mean with the headlines' cosine when both items start with a short
// headline sentence. Deterministic: cross-column pairs at
// or above the threshold are taken best first; two groups merge only when they share no column and
// their average cross similarity stays at or above the threshold, so each plan's item joins its
// best match and a group never holds two items of one plan.
MeasureAlignment AlignItems(std::vector<CompareColumn> columns,
                            const std::vector<std::vector<MeasureItem>>& items,
                            const MeasureOptions& options, Tokenizer* tokenizer);

// Reads the items from the index and aligns them. An unknown domain (no item anywhere) or district
// is InvalidInput naming it.
StatusOr<MeasureAlignment> AlignMeasures(const IndexReader& index, const MeasureOptions& options,
                                         Tokenizer* tokenizer);

// The headline of an item: the text up to its first 。 (or the first 40 characters).
std::string ItemHeadline(std::string_view text);

}  // namespace guihua

#endif  // GUIHUA_COMPARE_MEASURES_H_
