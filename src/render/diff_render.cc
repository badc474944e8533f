// Plan diff writers. The table shows only what changed, with edits cut to their context; Markdown
// and JSON carry the whole edit script.
#include "render/diff_render.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "render/internal/compare_support.h"

#include "common/utf8.h"
#include "render/text_table.h"
#include "render/internal/text_support.h"

namespace guihua {
namespace {

using render_internal::BaseName;
using render_internal::Fixed;
using render_internal::MarkdownCell;

using nlohmann::ordered_json;

std::string Label(const CompareColumn& c) {
  return c.district.empty() ? c.document : c.district + " (" + c.document + ")";
}

// The first `n` (or last) code points of `s`.
std::string Head(std::string_view s, size_t n) {
  size_t pos = 0;
  for (size_t i = 0; i < n && pos < s.size(); ++i) utf8::Next(s, pos);
  return std::string(s.substr(0, pos)) + (pos < s.size() ? "…" : "");
}
std::string Tail(std::string_view s, size_t n) {
  size_t len = utf8::Length(s);
  if (len <= n) return std::string(s);
  size_t pos = 0;
  for (size_t i = 0; i < len - n; ++i) utf8::Next(s, pos);
  return "…" + std::string(s.substr(pos));
}

// The edits with unchanged text cut to `context` characters around each change.
std::string EditSnippet(const std::vector<TextEdit>& edits, size_t context = 8) {
  std::string out;
  for (size_t i = 0; i < edits.size(); ++i) {
    const TextEdit& e = edits[i];
    if (e.op == TextEdit::Op::kDelete) out += "[-" + e.text + "-]";
    else if (e.op == TextEdit::Op::kInsert) out += "{+" + e.text + "+}";
    else if (i == 0) out += Tail(e.text, context);
    else if (i + 1 == edits.size()) out += Head(e.text, context);
    else if (utf8::Length(e.text) <= 2 * context) out += e.text;
    else out += Head(e.text, context) + Tail(e.text, context).substr(std::string("…").size());
  }
  return out;
}

std::string ItemRef(const std::optional<DiffItem>& x, Lang lang) {
  if (!x) return "";
  return guihua::Label("diff.item_ref", lang,
                       {ValueLabel("block", x->block, lang), std::to_string(x->number), std::to_string(x->line)});
}

// "3 targets changed (looser 1, no number 1, extra 1)": the verdicts that occur.
std::string TargetCountsText(const DomainDiff& d, Lang lang) {
  std::string out = guihua::Label("diff.targets_changed", lang, {std::to_string(d.targets.size())});
  VerdictCounts c = d.TargetCounts();
  const std::pair<Verdict, int> parts[] = {{Verdict::kStricter, c.stricter}, {Verdict::kSame, c.same},
                                           {Verdict::kLooser, c.looser},     {Verdict::kNoNumber, c.no_number},
                                           {Verdict::kMissing, c.missing},   {Verdict::kExtra, c.extra}};
  std::string list;
  for (const auto& [verdict, n] : parts) {
    if (n) list += (list.empty() ? "" : ", ") + render_internal::VerdictLabel(verdict, lang) + " " + std::to_string(n);
  }
  return list.empty() ? out : out + " (" + list + ")";
}

std::string Counts(const DomainDiff& d, Lang lang) {
  return guihua::Label("diff.counts", lang,
                       {std::to_string(d.Count(ItemChange::Kind::kMatched)),
                        std::to_string(d.Count(ItemChange::Kind::kChanged)),
                        std::to_string(d.Count(ItemChange::Kind::kAdded)),
                        std::to_string(d.Count(ItemChange::Kind::kRemoved)), TargetCountsText(d, lang)});
}

// "≤12/10万"; a goal without a number as its words ("得到有效控制 (no number)"); "—" for none.
std::string Value(const std::optional<TargetValue>& v, Lang lang) {
  if (!v) return "—";
  if (v->value) return FormatValue(*v);
  return v->value_text + (lang == Lang::kEn ? " " : "") + guihua::Label("compare.no_number", lang);
}

std::string Header(const PlanDiff& diff, Lang lang) {
  return guihua::Label("diff.a", lang, {Label(diff.a), diff.file_a}) + "\n" +
         guihua::Label("diff.b", lang, {Label(diff.b), diff.file_b}) + "\n" +
         guihua::Label("diff.changed_when", lang, {Fixed(diff.threshold)}) + "\n";
}

std::string RenderTable(const PlanDiff& diff, Lang lang) {
  std::string out = Header(diff, lang);
  if (diff.empty()) return out + "\n" + guihua::Label("diff.no_changes", lang) + "\n";
  for (const DomainDiff& d : diff.domains) {
    out += "\n" + d.domain + " (" + d.domain_id + "): " + Counts(d, lang) + "\n";
    bool any = !d.targets.empty() || d.Count(ItemChange::Kind::kMatched) < static_cast<int>(d.items.size());
    if (!any) continue;
    TextTable table({ValueLabel("column", "change", lang), "A", "B", ValueLabel("column", "sim", lang),
                     ValueLabel("column", "text", lang)});
    for (const ItemChange& c : d.items) {
      if (c.kind == ItemChange::Kind::kMatched) continue;
      std::string text = c.kind == ItemChange::Kind::kChanged ? EditSnippet(c.edits)
                         : c.kind == ItemChange::Kind::kAdded ? "{+" + Head(c.b->text, 40) + "+}"
                                                              : "[-" + Head(c.a->text, 40) + "-]";
      table.AddRow({ValueLabel("change", ItemChangeName(c.kind), lang), ItemRef(c.a, lang), ItemRef(c.b, lang),
                    c.kind == ItemChange::Kind::kChanged ? Fixed(c.similarity) : "", text});
    }
    auto line = [lang](const std::optional<TargetValue>& v) {
      return v ? guihua::Label("diff.line", lang, {std::to_string(v->line)}) : "";
    };
    for (const TargetChange& t : d.targets) {
      std::string verdict = render_internal::VerdictLabel(t.verdict, lang);
      table.AddRow({guihua::Label("diff.target", lang, {verdict.empty() ? "?" : verdict}), line(t.a), line(t.b), "",
                    t.indicator + ": " + Value(t.a, lang) + " → " + Value(t.b, lang)});
    }
    out += table.Render(1000);
  }
  return out;
}

std::string RenderMarkdown(const PlanDiff& diff, Lang lang) {
  std::string out = guihua::Label("diff.md_title", lang, {Label(diff.a), Label(diff.b)}) + "\n\n- A: `" +
                    diff.file_a + "`\n- B: `" + diff.file_b + "`\n" +
                    guihua::Label("diff.md_changed_when", lang, {Fixed(diff.threshold)}) + "\n";
  if (diff.empty()) return out + "\n" + guihua::Label("diff.md_no_changes", lang) + "\n";
  auto column = [lang](const char* id) { return ValueLabel("column", id, lang); };
  for (const DomainDiff& d : diff.domains) {
    out += "\n### " + d.domain + " (" + d.domain_id + ")\n\n" + Counts(d, lang) + "\n";
    bool header = false;
    for (const ItemChange& c : d.items) {
      if (c.kind == ItemChange::Kind::kMatched) continue;
      if (!header) out += "\n| " + column("change") + " | A | B | " + column("text") + " |\n|---|---|---|---|\n";
      header = true;
      std::string text = c.kind == ItemChange::Kind::kChanged ? FormatEdits(c.edits)
                         : c.kind == ItemChange::Kind::kAdded ? "{+" + c.b->text + "+}"
                                                              : "[-" + c.a->text + "-]";
      for (char& ch : text) if (ch == '|') ch = '/';
      out += "| " + ValueLabel("change", ItemChangeName(c.kind), lang) + " | " + ItemRef(c.a, lang) + " | " +
             ItemRef(c.b, lang) + " | " + text + " |\n";
    }
    if (!d.targets.empty()) {
      out += "\n| " + column("indicator") + " | A | B | " + column("verdict") + " |\n|---|---|---|---|\n";
      for (const TargetChange& t : d.targets) {
        out += "| " + t.indicator + " | " + Value(t.a, lang) + " | " + Value(t.b, lang) + " | " +
               render_internal::VerdictLabel(t.verdict, lang) + " |\n";
      }
    }
  }
  return out;
}

ordered_json ItemJson(const std::optional<DiffItem>& x) {
  if (!x) return nullptr;
  return {{"item", x->number}, {"line", x->line}, {"text", x->text}};
}

ordered_json ValueJson(const std::optional<TargetValue>& v) {
  if (!v) return nullptr;
  return {{"comparator", v->comparator}, {"value", v->value ? ordered_json(*v->value) : ordered_json()},
          {"value_max", v->value_max ? ordered_json(*v->value_max) : ordered_json()},
          {"unit", v->unit}, {"value_text", v->value_text}, {"formatted", FormatValue(*v)},
          {"quote", v->quote}, {"file", v->file}, {"line", v->line}};
}

std::string RenderJson(const PlanDiff& diff) {
  ordered_json j;
  j["a"] = {{"document", diff.a.document}, {"district", diff.a.district}, {"file", diff.file_a}};
  j["b"] = {{"document", diff.b.document}, {"district", diff.b.district}, {"file", diff.file_b}};
  j["threshold"] = diff.threshold;
  j["domains"] = ordered_json::array();
  for (const DomainDiff& d : diff.domains) {
    ordered_json dj;
    dj["plan"] = d.plan;
    dj["domain_id"] = d.domain_id;
    dj["domain"] = d.domain;
    dj["counts"] = {{"matched", d.Count(ItemChange::Kind::kMatched)},
                    {"changed", d.Count(ItemChange::Kind::kChanged)},
                    {"added", d.Count(ItemChange::Kind::kAdded)},
                    {"removed", d.Count(ItemChange::Kind::kRemoved)},
                    {"targets", d.targets.size()}};
    VerdictCounts t = d.TargetCounts();
    dj["target_verdicts"] = {{"stricter", t.stricter}, {"same", t.same},       {"looser", t.looser},
                             {"no_number", t.no_number}, {"missing", t.missing}, {"extra", t.extra}};
    dj["items"] = ordered_json::array();
    for (const ItemChange& c : d.items) {
      if (c.kind == ItemChange::Kind::kMatched) continue;
      ordered_json cj = {{"change", ItemChangeName(c.kind)},
                         {"block", c.a ? c.a->block : c.b->block},
                         {"a", ItemJson(c.a)},
                         {"b", ItemJson(c.b)},
                         {"similarity", c.similarity}};
      cj["edits"] = ordered_json::array();
      for (const TextEdit& e : c.edits) {
        const char* op = e.op == TextEdit::Op::kEqual ? "equal" : e.op == TextEdit::Op::kDelete ? "delete" : "insert";
        cj["edits"].push_back({{"op", op}, {"text", e.text}});
      }
      dj["items"].push_back(std::move(cj));
    }
    dj["targets"] = ordered_json::array();
    for (const TargetChange& t : d.targets) {
      dj["targets"].push_back({{"indicator_id", t.indicator_id}, {"indicator", t.indicator},
                               {"direction", t.direction},
                               {"a_state", CellStateName(SideState(t.a))},
                               {"b_state", CellStateName(SideState(t.b))},
                               {"a", ValueJson(t.a)},
                               {"b", ValueJson(t.b)}, {"verdict", VerdictName(t.verdict)}});
    }
    j["domains"].push_back(std::move(dj));
  }
  // Replace, not throw, on bytes that are not UTF-8: a file named in GBK is no crash.
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string RenderPlanDiff(const PlanDiff& diff, ReportFormat format, Lang lang) {
  switch (format) {
    case ReportFormat::kMarkdown: return RenderMarkdown(diff, lang);
    case ReportFormat::kJson: return RenderJson(diff);
    case ReportFormat::kCsv:
    case ReportFormat::kJsonl: return render_internal::RenderPlanDiffTidy(diff, format);
    default: return RenderTable(diff, lang);
  }
}

}  // namespace guihua
