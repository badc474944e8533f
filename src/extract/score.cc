// Scoring: reads gold and predicted JSONL rows, matches them one to one, counts.
#include "extract/score.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/utf8.h"
#include "extract/target_record.h"
#include "normalize/normalize.h"

namespace guihua {
namespace {

using nlohmann::json;

std::string StringField(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> NumberField(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

bool SameNumber(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || std::fabs(*a - *b) <= 1e-4 * std::max(1.0, std::fabs(*a));
}

KindScore* ScoreOf(ScoreReport* report, const std::string& kind) {
  if (kind == "target") return &report->target;
  if (kind == "baseline") return &report->baseline;
  if (kind == "actual") return &report->actual;
  if (kind == "change") return &report->change;
  return nullptr;  // direction goals have no value to match
}

bool IsValueKind(const std::string& kind) {
  return kind == "target" || kind == "baseline" || kind == "actual" || kind == "change";
}

std::optional<int> YearField(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  return it->is_number() ? it->get<int>() : 0;
}

// The same quantity: value, range end and unit, and the plan where both rows name one (a report's
// value about both plans names none).
bool SameQuantity(const ScoreRow& g, const ScoreRow& p) {
  return (g.plan.empty() || p.plan.empty() || g.plan == p.plan) && p.unit == g.unit &&
         SameNumber(p.value, g.value) && SameNumber(p.value_max, g.value_max);
}

struct Match {
  int prediction = -1;  // index into the predictions; -1 when none
  bool comparator = false, indicator = false;
};

// Pairs every gold row (in order) with an unused prediction of the same kind and quantity,
// preferring one with the right comparator and indicator id.
std::vector<Match> MatchRows(const std::vector<ScoreRow>& gold,
                             const std::vector<ScoreRow>& predicted, const Extractor* dictionary) {
  auto id_of = [&](const ScoreRow& r) {
    return r.indicator_id.value_or(dictionary ? dictionary->IndicatorId(r.indicator, r.plan)
                                              : std::string());
  };
  std::vector<std::string> predicted_ids;
  for (const ScoreRow& p : predicted) predicted_ids.push_back(id_of(p));
  std::vector<bool> used(predicted.size(), false);
  std::vector<Match> out(gold.size());
  for (size_t gi = 0; gi < gold.size(); ++gi) {
    const ScoreRow& g = gold[gi];
    if (!IsValueKind(g.kind)) continue;
    std::string gold_id = id_of(g);
    int best_score = -1;
    for (size_t i = 0; i < predicted.size(); ++i) {
      const ScoreRow& p = predicted[i];
      if (used[i] || p.kind != g.kind || !SameQuantity(g, p)) continue;
      int score = (p.comparator == g.comparator) * 2 + (predicted_ids[i] == gold_id);
      if (score > best_score) {
        out[gi] = {static_cast<int>(i), p.comparator == g.comparator, predicted_ids[i] == gold_id};
        best_score = score;
      }
    }
    if (out[gi].prediction >= 0) used[out[gi].prediction] = true;
  }
  return out;
}

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) out.push_back(utf8::Next(s, pos));
  return out;
}

// Quotes are verbatim with whitespace removed on both sides, so two quotes of one passage share a
// run: 8 characters, or the whole shorter quote. They are compared in working form, since a quote
// of extracted text leaves out what normalizing drops (a mirror site's pinyin: 地區(qū)).
bool QuotesOverlap(const std::string& a, const std::string& b) {
  std::u32string x = CodePoints(NormalizeString(a)), y = CodePoints(NormalizeString(b));
  if (x.empty() || y.empty()) return false;
  size_t need = std::min<size_t>(8, std::min(x.size(), y.size())), best = 0;
  std::vector<size_t> prev(y.size() + 1, 0), cur(y.size() + 1, 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = x[i - 1] == y[j - 1] ? prev[j - 1] + 1 : 0;
      best = std::max(best, cur[j]);
    }
    std::swap(prev, cur);
  }
  return best >= need;
}

bool SameIndicator(const ScoreRow& g, const ScoreRow& p, const Extractor* dictionary) {
  if (!g.indicator.empty() && g.indicator == p.indicator) return true;
  if (!dictionary) return false;
  std::string gid = dictionary->IndicatorId(g.indicator, g.plan);
  std::string pid = p.indicator_id.value_or(dictionary->IndicatorId(p.indicator, p.plan));
  return !gid.empty() && gid == pid;
}

}  // namespace

StatusOr<std::vector<ScoreRow>> ParseScoreRows(std::string_view jsonl, const std::string& name) {
  std::vector<ScoreRow> rows;
  std::istringstream in{std::string(jsonl)};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json obj = json::parse(line, nullptr, false);
    if (obj.is_discarded() || !obj.is_object()) {
      return Status::InvalidInput(name + ":" + std::to_string(line_no) + ": not a JSON object");
    }
    ScoreRow row;
    row.line = line_no;
    row.plan = StringField(obj, "plan");
    row.kind = StringField(obj, "kind");
    row.indicator = StringField(obj, "indicator");
    if (auto it = obj.find("indicator_id"); it != obj.end()) {
      row.indicator_id = it->is_string() ? it->get<std::string>() : std::string();
    }
    row.comparator = StringField(obj, "comparator");
    row.value = NumberField(obj, "value");
    row.value_max = NumberField(obj, "value_max");
    row.unit = StringField(obj, "unit");
    row.quote = StringField(obj, "quote");
    if (auto year = YearField(obj, "year")) {
      row.has_year = true;
      row.year = *year;
      row.base_year = YearField(obj, "base_year").value_or(0);
    }
    if (row.kind.empty()) {
      return Status::InvalidInput(name + ":" + std::to_string(line_no) + ": no \"kind\"");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

StatusOr<std::vector<ScoreRow>> ReadScoreRows(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseScoreRows(buf.str(), path);
}

std::vector<ScoreRow> ScoreRowsFromTargets(const Document& doc, const std::vector<Target>& targets) {
  std::vector<ScoreRow> rows;
  for (const Target& t : targets) {
    // The record `guihua extract --format jsonl` writes, so that a prediction scores the same
    // whether it comes from that output or straight from the extractor.
    TargetRecord r = MakeTargetRecord(doc, t);
    ScoreRow row;
    row.plan = std::move(r.plan);
    row.kind = std::move(r.kind);
    row.indicator = std::move(r.indicator);
    row.indicator_id = std::move(r.indicator_id);
    row.comparator = std::move(r.comparator);
    row.value = r.value;
    row.value_max = r.value_max;
    row.unit = std::move(r.unit);
    row.quote = std::move(r.quote);
    row.has_year = true;
    row.year = r.year;
    row.base_year = r.base_year;
    row.line = r.line;
    rows.push_back(std::move(row));
  }
  return rows;
}

ScoreReport Score(const std::vector<ScoreRow>& gold, const std::vector<ScoreRow>& predicted,
                  const Extractor* dictionary) {
  ScoreReport report;
  for (const ScoreRow& p : predicted) {
    if (KindScore* k = ScoreOf(&report, p.kind)) ++k->predicted;
  }
  // Per kind: a gold value matches a prediction of its own kind only.
  std::vector<Match> by_kind = MatchRows(gold, predicted, dictionary);
  std::vector<bool> used(predicted.size(), false);
  for (size_t gi = 0; gi < gold.size(); ++gi) {
    const ScoreRow& g = gold[gi];
    KindScore* k = ScoreOf(&report, g.kind);
    if (!k) continue;
    ++k->gold;
    const Match& m = by_kind[gi];
    if (m.prediction < 0) {
      report.missed.push_back(g);
      continue;
    }
    used[m.prediction] = true;
    ++k->matched;
    k->comparator_right += m.comparator;
    k->indicator_right += m.indicator;
    if (!m.indicator) {
      ScoreRow g_with_id = g;
      g_with_id.indicator_id = g.indicator_id.value_or(
          dictionary ? dictionary->IndicatorId(g.indicator, g.plan) : std::string());
      report.wrong_indicator.push_back({g_with_id, predicted[m.prediction]});
    }
  }
  for (size_t i = 0; i < predicted.size(); ++i) {
    if (!used[i] && ScoreOf(&report, predicted[i].kind)) report.spurious.push_back(predicted[i]);
  }
  return report;
}

void Accumulate(const ScoreReport& other, ScoreReport* into) {
  for (auto [from, to] : {std::pair{&other.target, &into->target},
                          std::pair{&other.baseline, &into->baseline},
                          std::pair{&other.actual, &into->actual},
                          std::pair{&other.change, &into->change}}) {
    to->gold += from->gold;
    to->predicted += from->predicted;
    to->matched += from->matched;
    to->comparator_right += from->comparator_right;
    to->indicator_right += from->indicator_right;
  }
  into->missed.insert(into->missed.end(), other.missed.begin(), other.missed.end());
  into->spurious.insert(into->spurious.end(), other.spurious.begin(), other.spurious.end());
  into->wrong_indicator.insert(into->wrong_indicator.end(), other.wrong_indicator.begin(),
                               other.wrong_indicator.end());
}

std::string FormatScore(const ScoreReport& report) {
  std::string out;
  char buf[256];
  for (auto [name, k] : {std::pair{"target", &report.target}, std::pair{"baseline", &report.baseline},
                         std::pair{"actual", &report.actual}, std::pair{"change", &report.change}}) {
    // Plans have neither actuals nor changes: their lines would only be noise there.
    bool optional = k == &report.actual || k == &report.change;
    if (optional && k->gold == 0 && k->predicted == 0) continue;
    std::snprintf(buf, sizeof buf,
                  "%-8s  P %.3f  R %.3f  F1 %.3f  (gold %d, predicted %d, matched %d)  "
                  "comparator %.3f  indicator_id %.3f\n",
                  name, k->precision(), k->recall(), k->f1(), k->gold, k->predicted, k->matched,
                  k->comparator_accuracy(), k->indicator_accuracy());
    out += buf;
  }
  return out;
}

ValueReport ScoreValues(const std::vector<ScoreRow>& gold, const std::vector<ScoreRow>& predicted,
                        const Extractor* dictionary) {
  ValueReport report;
  std::vector<bool> used(predicted.size(), false);
  for (size_t i = 0; i < predicted.size(); ++i) {
    used[i] = !predicted[i].value.has_value();  // a direction goal is not a value
    report.score.predicted += !used[i];
  }
  for (const ScoreRow& g : gold) {
    ++report.score.gold;
    // Among equal quantities, prefer the prediction quoting the same passage, then the same kind.
    int best = -1, best_score = -1;
    for (size_t i = 0; i < predicted.size(); ++i) {
      const ScoreRow& p = predicted[i];
      if (used[i] || p.unit != g.unit || !SameNumber(p.value, g.value) ||
          !SameNumber(p.value_max, g.value_max)) {
        continue;
      }
      bool overlap = QuotesOverlap(g.quote, p.quote);
      if (!overlap && !SameIndicator(g, p, dictionary)) continue;
      int score = overlap * 2 + (p.kind == g.kind);
      if (score > best_score) {
        best = static_cast<int>(i);
        best_score = score;
      }
    }
    if (best < 0) {
      report.missed.push_back(g);
      continue;
    }
    used[best] = true;
    ++report.score.matched;
    const ScoreRow& p = predicted[best];
    if (g.has_year) {
      ++report.score.year_compared;
      report.score.year_right += p.year == g.year && (g.kind != "change" || p.base_year == g.base_year);
    }
    if (p.kind == g.kind) {
      ++report.score.kind_right;
    } else {
      report.wrong_kind.push_back({g, predicted[best]});
    }
  }
  for (size_t i = 0; i < predicted.size(); ++i) {
    if (!used[i]) report.spurious.push_back(predicted[i]);
  }
  return report;
}

void Accumulate(const ValueReport& other, ValueReport* into) {
  into->score.gold += other.score.gold;
  into->score.predicted += other.score.predicted;
  into->score.matched += other.score.matched;
  into->score.kind_right += other.score.kind_right;
  into->score.year_compared += other.score.year_compared;
  into->score.year_right += other.score.year_right;
  into->missed.insert(into->missed.end(), other.missed.begin(), other.missed.end());
  into->spurious.insert(into->spurious.end(), other.spurious.begin(), other.spurious.end());
  into->wrong_kind.insert(into->wrong_kind.end(), other.wrong_kind.begin(), other.wrong_kind.end());
}

std::string FormatValueScore(const ValueScore& s) {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "values  P %.3f  R %.3f  kind %.3f  (gold %d, predicted %d, matched %d, kind right %d)",
                s.precision(), s.recall(), s.kind_accuracy(), s.gold, s.predicted, s.matched,
                s.kind_right);
  std::string out = buf;
  if (s.year_compared > 0) {
    std::snprintf(buf, sizeof buf, "  year %.3f (%d of %d)", s.year_accuracy(), s.year_right,
                  s.year_compared);
    out += buf;
  }
  return out;
}

}  // namespace guihua
