// Measure alignment: TF-IDF cosine over character bigrams and/or ICU words, and a deterministic
// greedy agglomeration of the items of several plans into groups of equivalent measures.
#include "compare/measures.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

#include "common/utf8.h"
#include "normalize/normalize.h"
#include "tokenize/tokenize.h"

namespace guihua {
namespace {

// A sparse vector: feature id → weight, sorted by id.
using SparseVector = std::vector<std::pair<int, double>>;

bool IsContent(char32_t cp) {
  return utf8::IsHan(cp) || (cp < 0x80 && std::isalnum(static_cast<int>(cp)));
}

// Bigrams inside runs of content characters; a run of one character counts as itself.
void AddBigrams(std::string_view text, std::vector<std::string>& out) {
  std::vector<std::string> run;
  auto flush = [&] {
    if (run.size() == 1) out.push_back(run[0]);
    for (size_t i = 0; i + 1 < run.size(); ++i) out.push_back(run[i] + run[i + 1]);
    run.clear();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t at = pos;
    char32_t cp = utf8::Next(text, pos);
    if (IsContent(cp)) {
      run.emplace_back(text.substr(at, pos - at));
    } else {
      flush();
    }
  }
  flush();
}

std::vector<std::string> Features(std::string_view normalized, SimilarityFeatures kind,
                                  Tokenizer* tokenizer) {
  std::vector<std::string> out;
  if (kind != SimilarityFeatures::kWords) AddBigrams(normalized, out);
  if (kind != SimilarityFeatures::kBigrams && tokenizer != nullptr) {
    // Words get a prefix so that a two-character word and the same bigram stay two features.
    for (std::string& w : tokenizer->Words(normalized)) out.push_back("w:" + w);
  }
  return out;
}

double Dot(const SparseVector& a, const SparseVector& b) {
  double sum = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (a[i].first > b[j].first) {
      ++j;
    } else {
      sum += a[i++].second * b[j++].second;
    }
  }
  return sum;
}

}  // namespace

const char* SimilarityFeaturesName(SimilarityFeatures f) {
  switch (f) {
    case SimilarityFeatures::kWords: return "words";
    case SimilarityFeatures::kBoth: return "both";
    default: return "bigrams";
  }
}

bool ParseSimilarityFeatures(std::string_view name, SimilarityFeatures* features) {
  for (auto f : {SimilarityFeatures::kBigrams, SimilarityFeatures::kWords, SimilarityFeatures::kBoth}) {
    if (name == SimilarityFeaturesName(f)) {
      *features = f;
      return true;
    }
  }
  return false;
}

struct TextSimilarity::Impl {
  std::vector<SparseVector> vectors;  // L2-normalized
};

TextSimilarity::TextSimilarity(const std::vector<std::string>& texts, SimilarityFeatures features,
                               Tokenizer* tokenizer)
    : impl_(std::make_unique<Impl>()) {
  std::unordered_map<std::string, int> ids;
  std::vector<std::map<int, int>> counts;
  std::vector<int> df;
  for (const std::string& text : texts) {
    std::map<int, int> tf;
    for (std::string& f : Features(NormalizeString(text), features, tokenizer)) {
      auto [it, added] = ids.emplace(std::move(f), static_cast<int>(ids.size()));
      if (added) df.push_back(0);
      if (tf[it->second]++ == 0) ++df[it->second];
    }
    counts.push_back(std::move(tf));
  }
  double n = static_cast<double>(texts.size());
  for (const auto& tf : counts) {
    SparseVector v;
    double norm = 0;
    for (const auto& [id, count] : tf) {
      // Sublinear tf (a phrase repeated in one item is not worth more than a new phrase) and a
      // smoothed idf that stays positive for a feature every item has.
      double w = (1 + std::log(count)) * std::log(1 + n / df[id]);
      v.emplace_back(id, w);
      norm += w * w;
    }
    norm = std::sqrt(norm);
    if (norm > 0) {
      for (auto& entry : v) entry.second /= norm;
    }
    impl_->vectors.push_back(std::move(v));
  }
}

TextSimilarity::~TextSimilarity() = default;
TextSimilarity::TextSimilarity(TextSimilarity&&) noexcept = default;
TextSimilarity& TextSimilarity::operator=(TextSimilarity&&) noexcept = default;

size_t TextSimilarity::size() const { return impl_->vectors.size(); }

double TextSimilarity::Cosine(size_t a, size_t b) const {
  return std::clamp(Dot(impl_->vectors[a], impl_->vectors[b]), 0.0, 1.0);
}

std::string ItemHeadline(std::string_view text) {
  constexpr size_t kMaxHeadline = 40;
  size_t stop = text.find("。");
  std::string_view head = text.substr(0, stop);
  if (utf8::Length(head) <= kMaxHeadline) return std::string(head);
  size_t pos = 0;
  for (size_t i = 0; i < kMaxHeadline && pos < head.size(); ++i) utf8::Next(head, pos);
  return std::string(head.substr(0, pos)) + "…";
}

namespace {

// Labels for the columns: the district, unless two columns share it (then the document ids).
std::vector<std::string> ColumnLabels(const std::vector<CompareColumn>& columns) {
  std::map<std::string, int> uses;
  for (const CompareColumn& c : columns) ++uses[c.district];
  std::vector<std::string> labels;
  for (const CompareColumn& c : columns) {
    labels.push_back(c.district.empty() || uses[c.district] > 1 ? c.document : c.district);
  }
  return labels;
}

// A measure's headline (its first sentence when short) names the commitment; districts keep the
// national headline while rewriting the body, so two items with the same headline are similar even
// when their bodies are not. Empty when the item has no short first sentence.
std::string ShortHeadline(std::string_view text) {
  constexpr size_t kMaxHeadlineChars = 30;
  size_t stop = text.find("。");
  if (stop == std::string_view::npos) return "";
  std::string_view head = text.substr(0, stop);
  return utf8::Length(head) <= kMaxHeadlineChars ? std::string(head) : "";
}

}  // namespace

std::vector<double> ItemSimilarityMatrix(const std::vector<std::string>& texts,
                                     SimilarityFeatures features, Tokenizer* tokenizer) {
  const size_t n = texts.size();
  std::vector<std::string> heads;
  for (const std::string& t : texts) heads.push_back(ShortHeadline(t));
  TextSimilarity whole(texts, features, tokenizer);
  TextSimilarity head(heads, features, tokenizer);
  std::vector<double> cos(n * n, 0.0);
  for (size_t a = 0; a < n; ++a) {
    cos[a * n + a] = 1.0;
    for (size_t b = a + 1; b < n; ++b) {
      double c = whole.Cosine(a, b);
      if (!heads[a].empty() && !heads[b].empty()) c = std::max(c, (c + head.Cosine(a, b)) / 2);
      cos[a * n + b] = cos[b * n + a] = c;
    }
  }
  return cos;
}

namespace {

struct Cluster {
  std::vector<size_t> items;  // flat item indexes
  std::set<size_t> columns;
};

// The items of every column in one list: item k is items[column[k]][rank[k]].
struct FlatItems {
  std::vector<const MeasureItem*> flat;
  std::vector<size_t> column, rank;
  std::vector<std::string> texts;
};

FlatItems Flatten(const std::vector<std::vector<MeasureItem>>& items) {
  FlatItems f;
  for (size_t c = 0; c < items.size(); ++c) {
    for (size_t r = 0; r < items[c].size(); ++r) {
      f.flat.push_back(&items[c][r]);
      f.column.push_back(c);
      f.rank.push_back(r);
      f.texts.push_back(items[c][r].text);
    }
  }
  return f;
}

// Greedy average-linkage clustering over the pairs of items of different columns at or above
// `threshold`, best pair first: two clusters join when they share no column and their mean
// similarity stays at or above the threshold. `cos` is the n × n similarity matrix.
std::vector<Cluster> ClusterItems(const std::vector<size_t>& column, const std::vector<double>& cos,
                                  double threshold) {
  const size_t n = column.size();
  // Candidate pairs, best first; ties in item order so the result never depends on sort internals.
  std::vector<std::tuple<double, size_t, size_t>> edges;
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = a + 1; b < n; ++b) {
      if (column[a] != column[b] && cos[a * n + b] >= threshold) {
        edges.emplace_back(-cos[a * n + b], a, b);
      }
    }
  }
  std::sort(edges.begin(), edges.end());
  std::vector<size_t> owner(n);
  std::vector<Cluster> clusters(n);
  for (size_t k = 0; k < n; ++k) {
    owner[k] = k;
    clusters[k].items = {k};
    clusters[k].columns = {column[k]};
  }
  for (const auto& [negative, a, b] : edges) {
    size_t ca = owner[a], cb = owner[b];
    if (ca == cb) continue;
    Cluster& x = clusters[ca];
    Cluster& y = clusters[cb];
    bool overlap = std::any_of(y.columns.begin(), y.columns.end(),
                               [&](size_t c) { return x.columns.count(c) > 0; });
    if (overlap) continue;
    double sum = 0;
    for (size_t i : x.items) {
      for (size_t j : y.items) sum += cos[i * n + j];
    }
    if (sum / (x.items.size() * y.items.size()) < threshold) continue;
    size_t keep = std::min(ca, cb), gone = std::max(ca, cb);
    for (size_t k : clusters[gone].items) owner[k] = keep;
    clusters[keep].items.insert(clusters[keep].items.end(), clusters[gone].items.begin(),
                                clusters[gone].items.end());
    clusters[keep].columns.insert(clusters[gone].columns.begin(), clusters[gone].columns.end());
    clusters[gone] = Cluster{};
  }
  return clusters;
}

// A cluster as a group: its members in column order, each with its mean similarity to the
// others; the title is the headline of the most central member.
MeasureGroup MakeGroup(const Cluster& cluster, const FlatItems& f, const std::vector<double>& cos) {
  const size_t n = f.flat.size();
  std::vector<size_t> members = cluster.items;
  std::sort(members.begin(), members.end());  // flat order is column order
  MeasureGroup group;
  double best = -1;
  for (size_t i : members) {
    double sum = 0;
    for (size_t j : members) {
      if (i == j) continue;
      sum += cos[i * n + j];
      group.min_similarity = std::min(group.min_similarity, cos[i * n + j]);
    }
    double mean = members.size() > 1 ? sum / (members.size() - 1) : 1.0;
    group.members.push_back({f.column[i], *f.flat[i], mean});
    if (mean > best) {
      best = mean;
      group.title = ItemHeadline(f.flat[i]->text);
    }
  }
  return group;
}

}  // namespace

MeasureAlignment AlignItems(std::vector<CompareColumn> columns,
                            const std::vector<std::vector<MeasureItem>>& items,
                            const MeasureOptions& options, Tokenizer* tokenizer) {
  MeasureAlignment out;
  out.domain_id = options.domain;
  out.block = options.block;
  out.threshold = options.threshold;
  out.features = options.features;
  out.labels = ColumnLabels(columns);
  out.columns = std::move(columns);
  FlatItems f = Flatten(items);
  for (const MeasureItem* item : f.flat) {
    if (out.domain.empty()) out.domain = item->domain;
  }
  std::vector<double> cos = ItemSimilarityMatrix(f.texts, options.features, tokenizer);
  std::vector<Cluster> clusters = ClusterItems(f.column, cos, options.threshold);
  // Groups in plan order: the mean relative position of the members in their plans.
  std::vector<std::pair<double, size_t>> order;
  for (size_t g = 0; g < clusters.size(); ++g) {
    if (clusters[g].items.empty()) continue;
    double pos = 0;
    for (size_t k : clusters[g].items) pos += (f.rank[k] + 0.5) / items[f.column[k]].size();
    order.emplace_back(pos / clusters[g].items.size(), g);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [pos, g] : order) out.groups.push_back(MakeGroup(clusters[g], f, cos));
  return out;
}

StatusOr<MeasureAlignment> AlignMeasures(const IndexReader& index, const MeasureOptions& options,
                                         Tokenizer* tokenizer) {
  if (options.domain.empty()) return Status::InvalidInput("a domain id is required (--domain)");
  const std::set<std::string> wanted(options.documents.begin(), options.documents.end());
  std::set<std::string> unseen = wanted;
  std::vector<CompareColumn> columns;
  std::vector<std::vector<MeasureItem>> items;
  for (const IndexedFile& f : index.Files()) {
    if (!wanted.empty() && !wanted.count(f.document)) continue;
    unseen.erase(f.document);
    SearchRequest request;
    request.filters.document = f.document;
    request.filters.domain = options.domain;
    request.filters.block = options.block;
    request.limit = std::max(f.items, 1);
    auto result = index.Search(request);
    if (!result.ok()) return result.status();
    std::vector<MeasureItem> mine;
    for (const SearchHit& h : result->hits) {
      mine.push_back({h.document, h.file, h.district, h.plan, h.domain_id, h.domain, h.block, h.item,
                      h.line, h.end_line, h.text});
    }
    std::sort(mine.begin(), mine.end(), [](const MeasureItem& a, const MeasureItem& b) {
      return std::tie(a.line, a.item) < std::tie(b.line, b.item);
    });
    if (mine.empty()) continue;  // a plan without this domain is not a column
    columns.push_back({f.document, f.region.province, f.region.city, f.region.district, f.period});
    items.push_back(std::move(mine));
  }
  if (!unseen.empty()) return Status::InvalidInput("no indexed document '" + *unseen.begin() + "'");
  if (columns.empty()) {
    return Status::InvalidInput("no " + options.block + " items in domain '" + options.domain + "'");
  }
  return AlignItems(std::move(columns), items, options, tokenizer);
}

}  // namespace guihua
