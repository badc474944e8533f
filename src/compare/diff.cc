// Plan diff: items paired first by identical normalized text, then by similarity best first; the
// rest are added or removed. Targets are paired per indicator in file order and judged B against A.
#include "compare/diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/utf8.h"
#include "normalize/normalize.h"
#include "tokenize/tokenize.h"

namespace guihua {
namespace {

// The form two items are compared in: NFKC, simplified, no whitespace.
std::string ComparedText(std::string_view text) {
  std::string n = NormalizeString(text), out;
  size_t pos = 0;
  while (pos < n.size()) {
    size_t at = pos;
    char32_t cp = utf8::Next(n, pos);
    if (!utf8::IsSpace(cp)) out.append(n, at, pos - at);
  }
  return out;
}

std::string IndicatorIdOrName(const TargetValue& v) {
  return v.indicator_id.empty() ? "name:" + NormalizeString(v.indicator) : v.indicator_id;
}

bool SameValue(const TargetValue& x, const TargetValue& y) {
  return x.comparator == y.comparator && x.value == y.value && x.value_max == y.value_max &&
         x.unit == y.unit;
}

// What one plan says of one indicator: its distinct numbers and goals without a number in file
// order (a goal repeated in a measure once), and the names it goes by (normalized: as printed,
// and the dictionary's preferred name).
struct IndicatorGroup {
  std::string key;  // indicator id, or "name:" + the printed name
  std::vector<TargetValue> numbers, directions;
  std::set<std::string> names;
};
using GroupKey = std::pair<std::string, std::string>;  // plan, key
using Groups = std::map<GroupKey, IndicatorGroup>;
using InfoMap = std::map<std::string, const IndicatorInfo*>;

Groups GroupSide(const PlanSide& side, const InfoMap& info) {
  Groups out;
  auto add = [&](const TargetValue& v, bool number) {
    IndicatorGroup& g = out[{v.plan, IndicatorIdOrName(v)}];
    g.key = IndicatorIdOrName(v);
    auto& list = number ? g.numbers : g.directions;
    bool repeated = std::any_of(list.begin(), list.end(), [&](const TargetValue& w) {
      return SameValue(v, w) && (number || v.value_text == w.value_text);
    });
    if (!repeated) list.push_back(v);
    g.names.insert(NormalizeString(v.indicator));
    if (auto it = info.find(v.indicator_id); it != info.end()) {
      g.names.insert(NormalizeString(it->second->name));
    }
  };
  for (const TargetValue& v : side.targets) add(v, true);
  for (const TargetValue& v : side.directions) add(v, false);
  return out;
}

bool Named(const IndicatorGroup& g) { return g.key.rfind("name:", 0) == 0; }

// Groups of A and B that are one indicator: the same id (or printed name), then, of those left,
// two of the same plan that share a name where one has no id. Unpaired groups pair with null.
std::vector<std::pair<const IndicatorGroup*, const IndicatorGroup*>> PairGroups(const Groups& a,
                                                                                const Groups& b) {
  std::vector<std::pair<const IndicatorGroup*, const IndicatorGroup*>> out;
  std::set<GroupKey> b_used;
  std::vector<const std::pair<const GroupKey, IndicatorGroup>*> a_left;
  for (const auto& entry : a) {
    auto it = b.find(entry.first);
    if (it == b.end()) {
      a_left.push_back(&entry);
      continue;
    }
    out.emplace_back(&entry.second, &it->second);
    b_used.insert(entry.first);
  }
  for (const auto* entry : a_left) {
    const IndicatorGroup* partner = nullptr;
    for (const auto& [key, g] : b) {
      if (b_used.count(key) || key.first != entry->first.first) continue;
      if (!Named(g) && !Named(entry->second)) continue;
      bool shared = std::any_of(g.names.begin(), g.names.end(),
                                [&](const std::string& n) { return entry->second.names.count(n); });
      if (!shared) continue;
      partner = &g;
      b_used.insert(key);
      break;
    }
    out.emplace_back(&entry->second, partner);
  }
  for (const auto& [key, g] : b) {
    if (!b_used.count(key)) out.emplace_back(nullptr, &g);
  }
  return out;
}

// The changes of one indicator, A's and B's numbers paired in file order. A side without numbers
// shows its first goal without a number. Nothing when neither side has a number or all are equal.
std::vector<TargetChange> TargetChanges(const IndicatorGroup* a, const IndicatorGroup* b,
                                        const InfoMap& info) {
  static const IndicatorGroup kNone;
  const IndicatorGroup& x = a ? *a : kNone;
  const IndicatorGroup& y = b ? *b : kNone;
  auto side = [](const IndicatorGroup& g, size_t k) -> std::optional<TargetValue> {
    if (k < g.numbers.size()) return g.numbers[k];
    if (g.numbers.empty() && !g.directions.empty()) return g.directions.front();
    return std::nullopt;
  };
  const IndicatorGroup& named = y.key.empty() || (Named(y) && !x.key.empty()) ? x : y;
  std::vector<TargetChange> out;
  for (size_t k = 0; k < std::max(x.numbers.size(), y.numbers.size()); ++k) {
    TargetChange c;
    c.a = side(x, k);
    c.b = side(y, k);
    CellState sa = SideState(c.a), sb = SideState(c.b);
    if (sa == CellState::kNumber && sb == CellState::kNumber && SameValue(*c.a, *c.b)) continue;
    const TargetValue& any = sb == CellState::kNumber ? *c.b : *c.a;
    c.indicator_id = Named(named) ? "" : named.key;
    c.indicator = any.indicator;
    if (auto found = info.find(c.indicator_id); found != info.end()) {
      c.indicator = found->second->name;
      c.direction = found->second->direction;
    }
    c.verdict = sa != CellState::kNumber   ? Verdict::kExtra
                : sb == CellState::kNoNumber ? Verdict::kNoNumber
                : sb == CellState::kNotInPlan ? Verdict::kMissing
                                              : CompareValues(*c.b, *c.a, c.direction);
    out.push_back(std::move(c));
  }
  return out;
}

// Text split into pieces that cover it whole: ICU words, and every other character on its own.
std::vector<std::string> Pieces(std::string_view text, Tokenizer* tokenizer) {
  std::vector<std::string> out;
  std::vector<Token> tokens;
  if (tokenizer != nullptr) tokens = tokenizer->Tokenize(text);
  size_t pos = 0, t = 0;
  while (pos < text.size()) {
    if (t < tokens.size() && tokens[t].begin == pos) {
      out.emplace_back(text.substr(pos, tokens[t].end - pos));
      pos = tokens[t++].end;
      continue;
    }
    size_t at = pos;
    utf8::Next(text, pos);
    out.emplace_back(text.substr(at, pos - at));
    while (t < tokens.size() && tokens[t].begin < pos) ++t;
  }
  return out;
}

void Append(std::vector<TextEdit>& edits, TextEdit::Op op, std::string_view text) {
  if (text.empty()) return;
  if (!edits.empty() && edits.back().op == op) {
    edits.back().text += text;
  } else {
    edits.push_back({op, std::string(text)});
  }
}

// Length in bytes of the common prefix of whole code points.
size_t CommonPrefix(std::string_view a, std::string_view b) {
  size_t pos = 0;
  while (pos < a.size() && pos < b.size()) {
    size_t len = utf8::SequenceLength(static_cast<unsigned char>(a[pos]));
    if (a.substr(pos, len) != b.substr(pos, len)) break;
    pos += len;
  }
  return pos;
}

size_t CommonSuffix(std::string_view a, std::string_view b) {
  size_t n = 0;
  while (n < a.size() && n < b.size()) {
    // Step back one code point in a.
    size_t len = 1;
    while (len < a.size() - n && (static_cast<unsigned char>(a[a.size() - n - len]) & 0xC0) == 0x80) ++len;
    if (len > b.size() - n || a.substr(a.size() - n - len, len) != b.substr(b.size() - n - len, len)) break;
    n += len;
  }
  return n;
}

// A delete next to an insert: the characters they share at either end are moved out as equal
// text, so that a changed number inside a word shows as the number alone.
std::vector<TextEdit> Trim(const std::vector<TextEdit>& edits) {
  std::vector<TextEdit> out;
  for (size_t i = 0; i < edits.size(); ++i) {
    bool pair = i + 1 < edits.size() && edits[i].op == TextEdit::Op::kDelete &&
                edits[i + 1].op == TextEdit::Op::kInsert;
    if (!pair) {
      Append(out, edits[i].op, edits[i].text);
      continue;
    }
    std::string_view del = edits[i].text, ins = edits[i + 1].text;
    size_t p = CommonPrefix(del, ins);
    del.remove_prefix(p);
    ins.remove_prefix(p);
    size_t s = CommonSuffix(del, ins);
    Append(out, TextEdit::Op::kEqual, edits[i].text.substr(0, p));
    Append(out, TextEdit::Op::kDelete, del.substr(0, del.size() - s));
    Append(out, TextEdit::Op::kInsert, ins.substr(0, ins.size() - s));
    Append(out, TextEdit::Op::kEqual, del.substr(del.size() - s));
    ++i;
  }
  return out;
}

// Items of both sources carry the normalized form, so an indexed side (printed text) and a parsed
// side (working text) differ only where the plans do, not in full-width punctuation.
DiffItem ItemFromHit(const SearchHit& h) {
  return {h.plan, h.domain_id, h.domain, h.block, h.item, h.line, ComparedText(h.text)};
}

struct DomainKey {
  std::string plan, domain_id;
  auto operator<=>(const DomainKey&) const = default;
};

// Which item of A each item of B is paired with (-1: none), and how.
struct Pairing {
  std::vector<int> partner_of_b;
  std::vector<bool> a_used;
  std::vector<double> sim_of_b;  // 1 for the same text
  std::vector<bool> changed;     // paired by similarity, not by the same text
};

// Pairs items of the same block whose normalized text is the same, in order.
Pairing PairSameText(const std::vector<const DiffItem*>& a, const std::vector<const DiffItem*>& b) {
  Pairing p{std::vector<int>(b.size(), -1), std::vector<bool>(a.size(), false),
            std::vector<double>(b.size(), 1.0), std::vector<bool>(b.size(), false)};
  for (size_t j = 0; j < b.size(); ++j) {
    std::string key = ComparedText(b[j]->text);
    for (size_t i = 0; i < a.size(); ++i) {
      if (!p.a_used[i] && a[i]->block == b[j]->block && ComparedText(a[i]->text) == key) {
        p.a_used[i] = true;
        p.partner_of_b[j] = static_cast<int>(i);
        break;
      }
    }
  }
  return p;
}

// Pairs the rest by similarity (computed over the domain's items of both plans), best pair first,
// those of the same block at or above the threshold.
void PairSimilar(const std::vector<const DiffItem*>& a, const std::vector<const DiffItem*>& b,
                 const DiffOptions& options, Tokenizer* tokenizer, Pairing* p) {
  std::vector<std::string> texts;
  for (const DiffItem* x : a) texts.push_back(x->text);
  for (const DiffItem* x : b) texts.push_back(x->text);
  std::vector<double> cos = ItemSimilarityMatrix(texts, options.features, tokenizer);
  const size_t n = texts.size();
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t i = 0; i < a.size(); ++i) {
    if (p->a_used[i]) continue;
    for (size_t j = 0; j < b.size(); ++j) {
      double c = cos[i * n + a.size() + j];
      if (p->partner_of_b[j] < 0 && a[i]->block == b[j]->block && c >= options.threshold) {
        pairs.emplace_back(-c, i, j);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [negative, i, j] : pairs) {
    if (p->a_used[i] || p->partner_of_b[j] >= 0) continue;
    p->a_used[i] = true;
    p->partner_of_b[j] = static_cast<int>(i);
    p->sim_of_b[j] = -negative;
    p->changed[j] = true;
  }
}

// Pairs the items of one domain.
std::vector<ItemChange> DiffItems(const std::vector<const DiffItem*>& a,
                                  const std::vector<const DiffItem*>& b, const DiffOptions& options,
                                  Tokenizer* tokenizer) {
  Pairing p = PairSameText(a, b);
  PairSimilar(a, b, options, tokenizer, &p);
  std::vector<ItemChange> out;
  for (size_t j = 0; j < b.size(); ++j) {
    if (p.partner_of_b[j] < 0) continue;
    ItemChange c;
    c.kind = p.changed[j] ? ItemChange::Kind::kChanged : ItemChange::Kind::kMatched;
    c.a = *a[p.partner_of_b[j]];
    c.b = *b[j];
    c.similarity = p.sim_of_b[j];
    if (p.changed[j]) c.edits = DiffWords(c.a->text, c.b->text, tokenizer);
    out.push_back(std::move(c));
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (!p.a_used[i]) out.push_back({ItemChange::Kind::kRemoved, *a[i], std::nullopt, 0.0, {}});
  }
  for (size_t j = 0; j < b.size(); ++j) {
    if (p.partner_of_b[j] < 0) out.push_back({ItemChange::Kind::kAdded, std::nullopt, *b[j], 0.0, {}});
  }
  return out;
}

// A stored target record to the side: a target with a number, or a goal without a number.
void AddTargetRecord(PlanSide& side, const std::string& line) {
  auto v = ReadTargetRecord(line);
  if (!v) return;
  if (v->kind == "target" && v->value) side.targets.push_back(std::move(*v));
  if (v->kind == "direction") side.directions.push_back(std::move(*v));
}

}  // namespace

StatusOr<PlanSide> SideFromIndex(const IndexReader& index, const std::string& document) {
  PlanSide side;
  bool found = false;
  for (const IndexedFile& f : index.Files()) {
    if (f.document != document) continue;
    side.column = {f.document, f.region.province, f.region.city, f.region.district, f.period};
    side.file = f.file;
    SearchRequest request;
    request.filters.document = f.document;
    request.limit = std::max(f.items, 1);
    auto result = index.Search(request);
    if (!result.ok()) return result.status();
    for (const SearchHit& h : result->hits) {
      if (!h.domain_id.empty()) side.items.push_back(ItemFromHit(h));
    }
    std::stable_sort(side.items.begin(), side.items.end(),
                     [](const DiffItem& x, const DiffItem& y) { return x.line < y.line; });
    found = true;
  }
  if (!found) return Status::NotFound("no indexed document '" + document + "'");
  for (const std::string& line : index.Targets(document)) AddTargetRecord(side, line);
  return side;
}

PlanSide SideFromDocument(const Document& doc, const std::vector<std::string>& target_json) {
  PlanSide side;
  side.column = {doc.id, doc.region.province, doc.region.city, doc.region.district, doc.period};
  side.file = doc.file;
  for (const Plan& plan : doc.plans) {
    for (const Section& section : plan.sections) {
      if (!section.is_domain()) continue;
      for (const Item& item : section.items) {
        side.items.push_back({PlanKindName(plan.kind), section.id, section.title,
                              BlockKindName(item.block), item.number, item.line,
                              ComparedText(item.text)});
      }
    }
  }
  for (const std::string& line : target_json) AddTargetRecord(side, line);
  return side;
}

std::vector<TextEdit> DiffWords(std::string_view a, std::string_view b, Tokenizer* tokenizer) {
  std::vector<std::string> x = Pieces(a, tokenizer), y = Pieces(b, tokenizer);
  // Longest common subsequence of the pieces, table from the end so the walk goes forward.
  const size_t n = x.size(), m = y.size();
  std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = x[i] == y[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<TextEdit> raw;
  size_t i = 0, j = 0;
  // Deletes before inserts inside a replaced run, so each run reads [-old-]{+new+}.
  std::string del, ins;
  auto flush = [&] {
    Append(raw, TextEdit::Op::kDelete, del);
    Append(raw, TextEdit::Op::kInsert, ins);
    del.clear();
    ins.clear();
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i] == y[j]) {
      flush();
      Append(raw, TextEdit::Op::kEqual, x[i]);
      ++i;
      ++j;
    } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
      ins += y[j++];
    } else {
      del += x[i++];
    }
  }
  flush();
  return Trim(raw);
}

std::string FormatEdits(const std::vector<TextEdit>& edits) {
  std::string out;
  for (const TextEdit& e : edits) {
    switch (e.op) {
      case TextEdit::Op::kEqual: out += e.text; break;
      case TextEdit::Op::kDelete: out += "[-" + e.text + "-]"; break;
      case TextEdit::Op::kInsert: out += "{+" + e.text + "+}"; break;
    }
  }
  return out;
}

const char* ItemChangeName(ItemChange::Kind kind) {
  switch (kind) {
    case ItemChange::Kind::kChanged: return "changed";
    case ItemChange::Kind::kAdded: return "added";
    case ItemChange::Kind::kRemoved: return "removed";
    default: return "matched";
  }
}

CellState SideState(const std::optional<TargetValue>& side) {
  if (!side) return CellState::kNotInPlan;
  return side->value ? CellState::kNumber : CellState::kNoNumber;
}

VerdictCounts DomainDiff::TargetCounts() const {
  VerdictCounts counts;
  for (const TargetChange& t : targets) counts.Add(t.verdict);
  return counts;
}

int DomainDiff::Count(ItemChange::Kind kind) const {
  return static_cast<int>(std::count_if(items.begin(), items.end(),
                                        [&](const ItemChange& c) { return c.kind == kind; }));
}

bool PlanDiff::empty() const {
  for (const DomainDiff& d : domains) {
    if (!d.targets.empty()) return false;
    for (const ItemChange& c : d.items) {
      if (c.kind != ItemChange::Kind::kMatched) return false;
    }
  }
  return true;
}

PlanDiff DiffPlans(const PlanSide& a, const PlanSide& b,
                   const std::vector<IndicatorInfo>& dictionary, const DiffOptions& options,
                   Tokenizer* tokenizer) {
  PlanDiff out;
  out.a = a.column;
  out.b = b.column;
  out.file_a = a.file;
  out.file_b = b.file;
  out.threshold = options.threshold;

  // Domains in A's order, then B's; each with its items from both sides.
  std::vector<DomainKey> order;
  std::map<DomainKey, std::pair<std::vector<const DiffItem*>, std::vector<const DiffItem*>>> items;
  std::map<DomainKey, std::string> titles;
  auto note = [&](const DomainKey& key, const std::string& title) {
    if (!items.count(key)) order.push_back(key);
    if (titles[key].empty()) titles[key] = title;
    return &items[key];
  };
  for (const DiffItem& x : a.items) note({x.plan, x.domain_id}, x.domain)->first.push_back(&x);
  for (const DiffItem& x : b.items) note({x.plan, x.domain_id}, x.domain)->second.push_back(&x);

  std::map<DomainKey, DomainDiff> domains;
  for (const DomainKey& key : order) {
    DomainDiff& d = domains[key];
    d.plan = key.plan;
    d.domain_id = key.domain_id;
    d.domain = titles[key];
    d.items = DiffItems(items[key].first, items[key].second, options, tokenizer);
  }

  InfoMap info;
  for (const IndicatorInfo& i : dictionary) info[i.id] = &i;
  Groups ga = GroupSide(a, info), gb = GroupSide(b, info);
  for (const auto& [x, y] : PairGroups(ga, gb)) {
    for (TargetChange& c : TargetChanges(x, y, info)) {
      const TargetValue& any = c.b && c.b->value ? *c.b : *c.a;
      DomainKey dk{any.plan, any.domain_id};
      if (!domains.count(dk)) {
        order.push_back(dk);
        domains[dk] = DomainDiff{any.plan, any.domain_id, any.domain, {}, {}};
      }
      domains[dk].targets.push_back(std::move(c));
    }
  }
  for (const DomainKey& key : order) out.domains.push_back(std::move(domains[key]));
  return out;
}

}  // namespace guihua
