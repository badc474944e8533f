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
std::string Key(std::string_view text) {
  std::string n = NormalizeString(text), out;
  size_t pos = 0;
  while (pos < n.size()) {
    size_t at = pos;
    char32_t cp = utf8::Next(n, pos);
    if (!utf8::IsSpace(cp)) out.append(n, at, pos - at);
  }
  return out;
}

std::string IndicatorKey(const TargetValue& v) {
  return v.indicator_id.empty() ? "name:" + NormalizeString(v.indicator) : v.indicator_id;
}

bool SameValue(const TargetValue& x, const TargetValue& y) {
  return x.comparator == y.comparator && x.value == y.value && x.value_max == y.value_max &&
         x.unit == y.unit;
}

// Per (plan, indicator): the distinct values in file order (a goal repeated in a measure once).
std::map<std::pair<std::string, std::string>, std::vector<TargetValue>> GroupTargets(
    const std::vector<TargetValue>& targets) {
  std::map<std::pair<std::string, std::string>, std::vector<TargetValue>> out;
  for (const TargetValue& v : targets) {
    auto& list = out[{v.plan, IndicatorKey(v)}];
    bool repeated = std::any_of(list.begin(), list.end(),
                                [&](const TargetValue& w) { return SameValue(v, w); });
    if (!repeated) list.push_back(v);
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
  return {h.plan, h.domain_id, h.domain, h.block, h.item, h.line, Key(h.text)};
}

struct DomainKey {
  std::string plan, domain_id;
  auto operator<=>(const DomainKey&) const = default;
};

// Pairs the items of one domain.
std::vector<ItemChange> DiffItems(const std::vector<const DiffItem*>& a,
                                  const std::vector<const DiffItem*>& b, const DiffOptions& options,
                                  Tokenizer* tokenizer) {
  std::vector<int> partner_of_b(b.size(), -1);
  std::vector<bool> a_used(a.size(), false);
  std::vector<double> sim_of_b(b.size(), 1.0);
  for (size_t j = 0; j < b.size(); ++j) {
    std::string key = Key(b[j]->text);
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a_used[i] && a[i]->block == b[j]->block && Key(a[i]->text) == key) {
        a_used[i] = true;
        partner_of_b[j] = static_cast<int>(i);
        break;
      }
    }
  }
  // The rest by similarity, computed over the domain's items of both plans.
  std::vector<std::string> texts;
  for (const DiffItem* x : a) texts.push_back(x->text);
  for (const DiffItem* x : b) texts.push_back(x->text);
  std::vector<double> cos = ItemSimilarityMatrix(texts, options.features, tokenizer);
  const size_t n = texts.size();
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a_used[i]) continue;
    for (size_t j = 0; j < b.size(); ++j) {
      double c = cos[i * n + a.size() + j];
      if (partner_of_b[j] < 0 && a[i]->block == b[j]->block && c >= options.threshold) {
        pairs.emplace_back(-c, i, j);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<bool> changed(b.size(), false);
  for (const auto& [negative, i, j] : pairs) {
    if (a_used[i] || partner_of_b[j] >= 0) continue;
    a_used[i] = true;
    partner_of_b[j] = static_cast<int>(i);
    sim_of_b[j] = -negative;
    changed[j] = true;
  }

  std::vector<ItemChange> out;
  for (size_t j = 0; j < b.size(); ++j) {
    if (partner_of_b[j] < 0) continue;
    ItemChange c;
    c.kind = changed[j] ? ItemChange::Kind::kChanged : ItemChange::Kind::kMatched;
    c.a = *a[partner_of_b[j]];
    c.b = *b[j];
    c.similarity = sim_of_b[j];
    if (changed[j]) c.edits = DiffWords(c.a->text, c.b->text, tokenizer);
    out.push_back(std::move(c));
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a_used[i]) out.push_back({ItemChange::Kind::kRemoved, *a[i], std::nullopt, 0.0, {}});
  }
  for (size_t j = 0; j < b.size(); ++j) {
    if (partner_of_b[j] < 0) out.push_back({ItemChange::Kind::kAdded, std::nullopt, *b[j], 0.0, {}});
  }
  return out;
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
  for (const std::string& line : index.Targets(document)) {
    auto v = ReadTargetRecord(line);
    if (v && v->kind == "target" && v->value) side.targets.push_back(std::move(*v));
  }
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
                              BlockKindName(item.block), item.number, item.line, Key(item.text)});
      }
    }
  }
  for (const std::string& line : target_json) {
    auto v = ReadTargetRecord(line);
    if (v && v->kind == "target" && v->value) side.targets.push_back(std::move(*v));
  }
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

  std::map<std::string, const IndicatorInfo*> info;
  for (const IndicatorInfo& i : dictionary) info[i.id] = &i;
  auto ta = GroupTargets(a.targets), tb = GroupTargets(b.targets);
  std::set<std::pair<std::string, std::string>> keys;
  for (const auto& [k, v] : ta) keys.insert(k);
  for (const auto& [k, v] : tb) keys.insert(k);
  for (const auto& key : keys) {
    static const std::vector<TargetValue> kNone;
    auto ia = ta.find(key), ib = tb.find(key);
    const auto& va = ia == ta.end() ? kNone : ia->second;
    const auto& vb = ib == tb.end() ? kNone : ib->second;
    for (size_t k = 0; k < std::max(va.size(), vb.size()); ++k) {
      TargetChange c;
      if (k < va.size()) c.a = va[k];
      if (k < vb.size()) c.b = vb[k];
      if (c.a && c.b && SameValue(*c.a, *c.b)) continue;
      const TargetValue& any = c.b ? *c.b : *c.a;
      c.indicator_id = any.indicator_id;
      c.indicator = any.indicator;
      auto found = info.find(any.indicator_id);
      if (found != info.end()) {
        c.indicator = found->second->name;
        c.direction = found->second->direction;
      }
      c.verdict = !c.a   ? Verdict::kExtra
                  : !c.b ? Verdict::kMissing
                         : CompareValues(*c.b, *c.a, c.direction);
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
