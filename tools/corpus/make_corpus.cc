// make-corpus: writes N plausible plan files made from the bundled corpus, for benchmarks at scale.
// Each output copies one corpus file, swaps some numbered goal/measure texts with those of the same
// domain and block in any corpus file, rotates every region name to another gazetteer district and
// perturbs rates (90% → 92%, 12/10万 → 11/10万). Deterministic for a seed.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/utf8.h"
#include "structure/structure.h"
#include "common/rng.h"

namespace fs = std::filesystem;

namespace guihua::corpus {
namespace {

constexpr double kSwapProbability = 0.5;
constexpr double kPerturbProbability = 0.7;

using Rng = tools::Rng;

struct GazetteerRow {
  std::string province, city, district;
  std::vector<std::string> short_forms;
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

bool LoadGazetteer(const std::string& path, std::vector<GazetteerRow>* rows) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // province city district short_forms
      header = false;
      continue;
    }
    std::vector<std::string> f = Split(line, '\t');
    f.resize(4);
    GazetteerRow row{f[0], f[1], f[2], {}};
    for (std::string& s : Split(f[3], ',')) {
      if (!s.empty()) row.short_forms.push_back(s);
    }
    rows->push_back(std::move(row));
  }
  return true;
}

// The bare name a text uses next to the full one: 南开区 → 南开, 广西壮族自治区 → 广西 (from the
// gazetteer's short forms when it has some). Empty when that would leave one character.
std::string Stem(const std::string& name, const std::vector<std::string>& short_forms) {
  for (const std::string& s : short_forms) {
    if (utf8::Length(s) >= 2) return s;
  }
  static const char* kSuffixes[] = {"自治区", "自治州", "地区", "省", "市", "区", "县", "旗", "盟"};
  for (const char* suffix : kSuffixes) {
    std::string_view sv(suffix);
    if (name.size() > sv.size() && name.ends_with(sv)) {
      std::string stem = name.substr(0, name.size() - sv.size());
      return utf8::Length(stem) >= 2 ? stem : "";
    }
  }
  return "";
}

struct Place {
  std::string province, city, district;
  std::vector<std::string> district_short;  // gazetteer short forms of the district
  std::string province_stem, city_stem, district_stem;
  bool municipality() const { return province == city; }
};

Place MakePlace(const GazetteerRow& row, const std::vector<GazetteerRow>& rows) {
  Place p{row.province, row.city, row.district, row.short_forms, "", "", ""};
  const std::vector<std::string> none;
  const std::vector<std::string>* province_short = &none;
  const std::vector<std::string>* city_short = &none;
  for (const GazetteerRow& r : rows) {
    if (!r.district.empty()) continue;
    if (r.city.empty() && r.province == row.province) province_short = &r.short_forms;
    if (!r.city.empty() && r.city == row.city && r.province == row.province)
      city_short = &r.short_forms;
  }
  p.province_stem = Stem(p.province, *province_short);
  p.city_stem = Stem(p.city, *city_short);
  p.district_stem = Stem(p.district, {});
  return p;
}

// Districts a plan can be moved to: one name in the whole gazetteer (so the parser finds the same
// place back), outside the municipalities (a 省 + 市 + 区 text reads wrong with 天津市天津市), with
// a stem of two or more characters.
std::vector<Place> TargetPlaces(const std::vector<GazetteerRow>& rows,
                                const std::set<std::string>& templates) {
  std::map<std::string, int> count;
  for (const GazetteerRow& r : rows) {
    if (!r.district.empty()) ++count[r.district];
  }
  std::vector<Place> out;
  for (const GazetteerRow& r : rows) {
    if (r.district.empty() || count[r.district] != 1 || r.province == r.city) continue;
    if (templates.count(r.district) || r.district.find("自治") != std::string::npos) continue;
    Place p = MakePlace(r, rows);
    if (p.district_stem.empty() || p.city_stem.empty() || p.province_stem.empty()) continue;
    out.push_back(std::move(p));
  }
  return out;
}

// One numbered goal or measure of a template: where its text lies in the source, and the text.
struct Slot {
  std::string key;  // plan/domain/block
  size_t begin = 0, end = 0;
  std::string quote;
};

struct Template {
  std::string name;
  std::string source;
  std::string doc_number;  // 北政〔2023〕2号: its abbreviation of the place is rotated too
  Place place;
  std::vector<Slot> slots;
};

std::vector<Slot> FindSlots(const Document& doc) {
  std::vector<Slot> slots;
  for (const Plan& plan : doc.plans) {
    for (const Section& section : plan.sections) {
      if (!section.is_domain()) continue;
      for (const Item& item : section.items) {
        if (item.block == BlockKind::kOther || item.number == 0 || item.end <= item.begin) continue;
        Slot s;
        s.key = std::string(PlanKindName(plan.kind)) + "/" + section.id + "/" +
                BlockKindName(item.block);
        s.begin = doc.working.origin[item.begin];
        size_t last = doc.working.origin[item.end - 1];
        s.end = last + utf8::SequenceLength(static_cast<unsigned char>(doc.source[last]));
        s.quote = SourceQuote(doc.working, item.begin, item.end, doc.source);
        if (s.end <= s.begin || s.quote.empty()) continue;
        slots.push_back(std::move(s));
      }
    }
  }
  std::sort(slots.begin(), slots.end(),
            [](const Slot& a, const Slot& b) { return a.begin < b.begin; });
  // Overlapping spans (should not happen) would make the splice ambiguous: keep the first.
  std::vector<Slot> kept;
  for (Slot& s : slots) {
    if (kept.empty() || kept.back().end <= s.begin) kept.push_back(std::move(s));
  }
  return kept;
}

// Replaces every name of the template places by the target's in one left-to-right pass, longest
// name first, so a replacement is never replaced again.
class Renamer {
 public:
  void Add(const std::string& from, const std::string& to) {
    if (from.empty() || to.empty() || from == to) return;
    size_t pos = 0;
    char32_t first = utf8::Next(from, pos);
    auto& list = by_first_[first];
    for (auto& [f, t] : list) {
      if (f == from) return;  // the first mapping of a name wins
    }
    list.emplace_back(from, to);
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }

  std::string Apply(std::string_view text) const {
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    size_t pos = 0;
    while (pos < text.size()) {
      size_t start = pos;
      char32_t cp = utf8::Next(text, pos);
      auto it = by_first_.find(cp);
      bool replaced = false;
      if (it != by_first_.end()) {
        for (const auto& [from, to] : it->second) {
          if (text.substr(start).starts_with(from)) {
            out += to;
            pos = start + from.size();
            replaced = true;
            break;
          }
        }
      }
      if (!replaced) out.append(text.substr(start, pos - start));
    }
    return out;
  }

 private:
  std::unordered_map<char32_t, std::vector<std::pair<std::string, std::string>>> by_first_;
};

// The first character of a name (南开 → 南).
std::string FirstChar(const std::string& s) {
  return s.substr(0, s.empty() ? 0 : utf8::SequenceLength(static_cast<unsigned char>(s[0])));
}

// A 文号 names its issuer by an abbreviation before 政: 北政 (北关区), 益资政 (益阳市资阳区),
// 南开政. Rotates that abbreviation (ending in 政, as the text may space the rest): each character
// standing for the template's district or city becomes the target's.
std::string RotateDocNumber(const std::string& doc_number, const Place& from, const Place& to) {
  size_t at = doc_number.find("政");
  if (at == std::string::npos || at == 0) return doc_number;
  std::string prefix = doc_number.substr(0, at), rotated;
  if (prefix == from.district_stem) {
    rotated = to.district_stem;
  } else {
    size_t pos = 0;
    while (pos < prefix.size()) {
      size_t start = pos;
      utf8::Next(prefix, pos);
      std::string c = prefix.substr(start, pos - start);
      rotated += c == FirstChar(from.district_stem) ? FirstChar(to.district_stem)
                 : c == FirstChar(from.city_stem)   ? FirstChar(to.city_stem)
                                                    : c;
    }
  }
  return rotated + doc_number.substr(at);
}

Renamer MakeRenamer(const std::vector<Template>& templates, const Place& to) {
  Renamer r;
  for (const Template& t : templates) {
    const Place& from = t.place;
    std::string abbreviation =
        t.doc_number.substr(0, t.doc_number.find("政") + std::string("政").size());
    if (t.doc_number.find("政") != std::string::npos) {
      r.Add(abbreviation, RotateDocNumber(abbreviation, from, to));
    }
    r.Add(from.district, to.district);
    for (const std::string& s : from.district_short) r.Add(s, to.district);
    r.Add(from.city, to.city);
    if (!from.municipality()) r.Add(from.province, to.province);
  }
  // Stems after the full names, so that 天津 (a city stem in 天津市's plan) maps to the city.
  for (const Template& t : templates) {
    const Place& from = t.place;
    r.Add(from.district_stem, to.district_stem);
    r.Add(from.city_stem, to.city_stem);
    if (!from.municipality()) r.Add(from.province_stem, to.province_stem);
  }
  return r;
}

// Moves a rate by a few units of its last digit: 90% → 92%, 48.4% → 48.1%, 12/10万 → 11/10万.
// Percentages stay strictly between 0 and 100 (0% and 100% are left alone), rates stay positive.
std::string PerturbNumbers(std::string_view text, Rng& rng) {
  static const std::string_view kRateUnits[] = {"/10万", "/万", "/千", "‰"};
  static const std::string_view kPercent[] = {"%", "％"};
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < text.size()) {
    bool starts = is_digit(text[i]) && (i == 0 || (!is_digit(text[i - 1]) && text[i - 1] != '.'));
    if (!starts) {
      out += text[i++];
      continue;
    }
    size_t j = i;
    while (j < text.size() && is_digit(text[j])) ++j;
    int decimals = 0;
    if (j + 1 < text.size() && text[j] == '.' && is_digit(text[j + 1])) {
      ++j;
      while (j < text.size() && is_digit(text[j])) ++j, ++decimals;
    }
    std::string_view number = text.substr(i, j - i);
    std::string_view rest = text.substr(j);
    bool percent = std::any_of(std::begin(kPercent), std::end(kPercent),
                               [&](std::string_view u) { return rest.starts_with(u); });
    bool rate = std::any_of(std::begin(kRateUnits), std::end(kRateUnits),
                            [&](std::string_view u) { return rest.starts_with(u); });
    if ((!percent && !rate) || number.size() > 9 || rng.Unit() >= kPerturbProbability) {
      out.append(number);
      i = j;
      continue;
    }
    std::string digits;
    for (char c : number) {
      if (c != '.') digits += c;
    }
    long long value = std::atoll(digits.c_str());
    long long unit_max = 1;
    for (int d = 0; d < decimals; ++d) unit_max *= 10;
    long long delta = static_cast<long long>(1 + rng.Below(decimals > 0 ? 9 : (percent ? 3 : 2)));
    if (rng.Below(2) == 0) delta = -delta;
    long long moved = value + delta;
    if (percent) {
      long long hundred = 100 * unit_max;
      moved = (value <= 0 || value >= hundred) ? value : std::clamp(moved, 1LL, hundred - 1);
    } else {
      moved = value > 0 ? std::max(moved, 1LL) : value;
    }
    std::string formatted = std::to_string(moved / unit_max);
    if (decimals > 0) {
      std::string frac = std::to_string(moved % unit_max);
      formatted += "." + std::string(decimals - frac.size(), '0') + frac;
    }
    out += formatted;
    i = j;
  }
  return out;
}

struct Options {
  int count = 0;
  std::string out_dir;
  uint64_t seed = 1;
  std::string corpus_dir = GUIHUA_SOURCE_DIR "/corpus";
  std::string rules_dir = GUIHUA_SOURCE_DIR "/rules";
};

void Usage() {
  std::fprintf(
      stderr,
      "usage: make-corpus N OUTDIR [--seed S] [--corpus DIR] [--rules DIR]\n"
      "  writes N plan files OUTDIR/plan-NNNN-<district>.txt made from the corpus files\n");
}

bool ParseArgs(int argc, char** argv, Options* o) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* dst) {
      if (i + 1 >= argc) return false;
      *dst = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--seed") {
      if (!value(&v)) return false;
      o->seed = std::strtoull(v.c_str(), nullptr, 10);
    } else if (a == "--corpus") {
      if (!value(&o->corpus_dir)) return false;
    } else if (a == "--rules") {
      if (!value(&o->rules_dir)) return false;
    } else if (a == "-h" || a == "--help") {
      return false;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "make-corpus: unknown option %s\n", a.c_str());
      return false;
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 2) return false;
  char* end = nullptr;
  long n = std::strtol(positional[0].c_str(), &end, 10);
  if (*end != '\0' || n <= 0 || n > 1000000) {
    std::fprintf(stderr, "make-corpus: N must be a positive number, got %s\n",
                 positional[0].c_str());
    return false;
  }
  o->count = static_cast<int>(n);
  o->out_dir = positional[1];
  return true;
}

bool LoadTemplates(const Options& o, const StructureParser& parser,
                   const std::vector<GazetteerRow>& gazetteer, std::vector<Template>* templates) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(o.corpus_dir, ec)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    Diagnostics warnings;  // the corpus's own warnings are not ours to print
    auto doc = parser.ParseFile(f.string(), &warnings);
    if (!doc.ok()) {
      std::fprintf(stderr, "make-corpus: %s: %s\n", f.c_str(), doc.status().message().c_str());
      return false;
    }
    const GazetteerRow* row = nullptr;
    for (const GazetteerRow& r : gazetteer) {
      if (r.district == doc->region.district && r.city == doc->region.city) row = &r;
    }
    if (!row) {
      std::fprintf(stderr, "make-corpus: %s: region %s not in the gazetteer\n", f.c_str(),
                   doc->region.district.c_str());
      return false;
    }
    Template t{f.stem().string(), doc->source, doc->doc_number, MakePlace(*row, gazetteer),
               FindSlots(*doc)};
    templates->push_back(std::move(t));
  }
  if (templates->empty()) {
    std::fprintf(stderr, "make-corpus: no .txt plan files in %s\n", o.corpus_dir.c_str());
    return false;
  }
  return true;
}

// The template's source with some numbered items' texts swapped for others of the same
// domain and block (from any template); list numbers and layout stay as printed.
std::string MixItems(const Template& t, const std::map<std::string, std::vector<const Slot*>>& pool,
                     Rng& rng) {
  std::string out;
  out.reserve(t.source.size());
  size_t copied = 0;
  for (const Slot& s : t.slots) {
    const auto& donors = pool.at(s.key);
    if (rng.Unit() >= kSwapProbability || donors.size() < 2) continue;
    const Slot* donor = donors[rng.Below(donors.size())];
    out.append(t.source, copied, s.begin - copied);
    out += donor->quote;
    copied = s.end;
  }
  out.append(t.source, copied, std::string::npos);
  return out;
}

// True when guihua reads `text` back as a plan of `place` with 2 plans and 8 + 7 domains. The
// region is inferred from how often each name occurs, so a mix that mentions the district
// rarely can read as its city; such a draw is made again.
bool ReadsBack(const StructureParser& parser, const std::string& text, const std::string& path,
               const Place& place) {
  auto source = DecodeSource(text, path);
  if (!source.ok()) return false;
  Diagnostics diag;
  auto doc = parser.Parse(std::move(*source), &diag);
  if (!doc.ok() || doc->plans.size() != 2) return false;
  const Region& r = doc->region;
  if (r.province != place.province || r.city != place.city || r.district != place.district)
    return false;
  for (const Plan& plan : doc->plans) {
    int domains = 0;
    for (const Section& s : plan.sections) domains += s.is_domain();
    if (domains != (plan.kind == PlanKind::kWomen ? 8 : 7)) return false;
  }
  return true;
}

constexpr int kDrawsPerPlace = 8;

int Run(const Options& o) {
  std::vector<GazetteerRow> gazetteer;
  std::string regions = o.rules_dir + "/regions.tsv";
  if (!LoadGazetteer(regions, &gazetteer)) {
    std::fprintf(stderr, "make-corpus: cannot read %s\n", regions.c_str());
    return 1;
  }
  Diagnostics rule_diag;
  auto parser = StructureParser::Load(o.rules_dir, &rule_diag);
  if (!parser.ok()) {
    for (const auto& d : rule_diag.all()) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    std::fprintf(stderr, "make-corpus: %s: %s\n", o.rules_dir.c_str(),
                 parser.status().message().c_str());
    return 1;
  }
  std::vector<Template> templates;
  if (!LoadTemplates(o, **parser, gazetteer, &templates)) return 1;
  std::set<std::string> template_districts;
  for (const Template& t : templates) template_districts.insert(t.place.district);
  std::vector<Place> targets = TargetPlaces(gazetteer, template_districts);
  if (targets.empty()) {
    std::fprintf(stderr, "make-corpus: no district in %s to rotate to\n", regions.c_str());
    return 1;
  }
  std::map<std::string, std::vector<const Slot*>> pool;
  for (const Template& t : templates) {
    for (const Slot& s : t.slots) pool[s.key].push_back(&s);
  }

  Rng rng(o.seed);
  // Every district once before any comes again, in a seeded order.
  std::vector<size_t> order(targets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);

  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "make-corpus: %s: %s\n", o.out_dir.c_str(), ec.message().c_str());
    return 1;
  }
  uint64_t bytes = 0;
  int redrawn = 0;
  size_t next_place = 0;
  int width = std::max<int>(4, std::to_string(o.count).size());
  for (int i = 0; i < o.count; ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "plan-%0*d-", width, i + 1);
    std::string text;
    fs::path path;
    bool ok = false;
    for (size_t tries = 0; !ok && tries < targets.size(); ++tries) {
      const Place& place = targets[order[next_place++ % order.size()]];
      path = fs::path(o.out_dir) / (name + place.district + ".txt");
      for (int draw = 0; !ok && draw < kDrawsPerPlace; ++draw) {
        const Template& t = templates[rng.Below(templates.size())];
        text = PerturbNumbers(MakeRenamer(templates, place).Apply(MixItems(t, pool, rng)), rng);
        ok = ReadsBack(**parser, text, path.string(), place);
        redrawn += !ok;
      }
    }
    if (!ok) {
      std::fprintf(stderr, "make-corpus: no district of %s reads back as itself\n",
                   regions.c_str());
      return 1;
    }
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush()) {
      std::fprintf(stderr, "make-corpus: cannot write %s\n", path.c_str());
      return 1;
    }
    bytes += text.size();
  }
  std::fprintf(
      stderr,
      "make-corpus: %d plan files, %.1f MB in %s (seed %llu, %zu templates, %zu districts, "
      "%d draws redone)\n",
      o.count, bytes / 1e6, o.out_dir.c_str(), static_cast<unsigned long long>(o.seed),
      templates.size(), targets.size(), redrawn);
  return 0;
}

}  // namespace
}  // namespace guihua::corpus

int main(int argc, char** argv) {
  guihua::corpus::Options options;
  if (!guihua::corpus::ParseArgs(argc, argv, &options)) {
    guihua::corpus::Usage();
    return 1;
  }
  return guihua::corpus::Run(options);
}
