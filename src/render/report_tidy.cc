// `compare measures` and `diff` for analysis: their rows in the tidy columns of render/tidy.h, as
// CSV or JSON lines (one row per aligned measure; one per target of either plan and per item
// changed, added or removed).
#include <sstream>

#include "render/diff_render.h"
#include "render/internal/compare_support.h"
#include "render/measures_render.h"
#include "render/tidy.h"

namespace guihua::render_internal {
namespace {

using C = TidyColumn;

TidyFormat Tidy(ReportFormat format) {
  return format == ReportFormat::kCsv ? TidyFormat::kCsv : TidyFormat::kJsonl;
}

void SetColumn(const CompareColumn& column, TidyRow& row) {
  row.Set(C::kDocument, column.document);
  SetRegionColumns({column.province, column.city, column.district}, &row);
  SetPeriodColumns(column.period, &row);
}

void WriteTarget(const PlanDiff& diff, const TargetChange& change, bool side_a,
                 TidyWriter& writer) {
  const std::optional<TargetValue>& v = side_a ? change.a : change.b;
  if (!v) return;
  TidyRow row;
  SetRecordColumns(*v, &row);
  SetColumn(side_a ? diff.a : diff.b, row);
  row.Set(C::kIndicator, change.indicator).Set(C::kIndicatorId, change.indicator_id);
  row.Set(C::kDirection, change.direction).Set(C::kSide, side_a ? "a" : "b");
  row.Set(C::kReference, diff.a.document).Set(C::kVerdict, VerdictName(change.verdict));
  writer.Write(row);
}

void WriteItem(const PlanDiff& diff, const ItemChange& change, TidyWriter& writer) {
  for (bool side_a : {true, false}) {
    const std::optional<DiffItem>& item = side_a ? change.a : change.b;
    if (!item) continue;
    TidyRow row;
    SetColumn(side_a ? diff.a : diff.b, row);
    row.Set(C::kFile, side_a ? diff.file_a : diff.file_b);
    row.Set(C::kPlan, item->plan).Set(C::kDomain, item->domain).Set(C::kDomainId, item->domain_id);
    row.Set(C::kBlock, item->block).SetPositive(C::kItem, item->number);
    row.Set(C::kChange, ItemChangeName(change.kind)).Set(C::kSide, side_a ? "a" : "b");
    if (change.kind == ItemChange::Kind::kChanged) row.Set(C::kSimilarity, change.similarity);
    row.Set(C::kText, item->text).SetPositive(C::kLine, item->line);
    writer.Write(row);
  }
}

}  // namespace

std::string RenderPlanDiffTidy(const PlanDiff& diff, ReportFormat format) {
  std::vector<TidyColumn> columns = ValueTableColumns();
  std::erase(columns, C::kDocumentKind);
  columns.insert(columns.end(), {C::kDirection, C::kReference, C::kVerdict, C::kChange, C::kSide,
                                 C::kSimilarity, C::kText});
  std::ostringstream out;
  TidyWriter writer(Tidy(format), SchemaOrder(columns), &out);
  for (const DomainDiff& domain : diff.domains) {
    for (const TargetChange& change : domain.targets) {
      WriteTarget(diff, change, true, writer);
      WriteTarget(diff, change, false, writer);
    }
    for (const ItemChange& change : domain.items) {
      if (change.kind != ItemChange::Kind::kMatched) WriteItem(diff, change, writer);
    }
  }
  return out.str();
}

std::string RenderMeasureAlignmentTidy(const MeasureAlignment& alignment, ReportFormat format) {
  std::ostringstream out;
  TidyWriter writer(Tidy(format),
                    SchemaOrder({C::kGroup, C::kStatus, C::kSimilarity, C::kDocument, C::kFile,
                                 C::kProvince, C::kCity, C::kDistrict, C::kPeriodStart,
                                 C::kPeriodEnd, C::kPlan, C::kDomain, C::kDomainId, C::kBlock,
                                 C::kItem, C::kText, C::kLine, C::kEndLine}),
                    &out);
  for (size_t g = 0; g < alignment.groups.size(); ++g) {
    const MeasureGroup& group = alignment.groups[g];
    for (const MeasureMember& m : group.members) {
      TidyRow row;
      row.SetInteger(C::kGroup, static_cast<long long>(g + 1));
      row.Set(C::kStatus, group.shared() ? "shared" : "unique").Set(C::kSimilarity, m.similarity);
      if (m.column < alignment.columns.size()) SetColumn(alignment.columns[m.column], row);
      const MeasureItem& item = m.item;
      row.Set(C::kDocument, item.document).Set(C::kFile, item.file);
      row.Set(C::kPlan, item.plan).Set(C::kDomain, item.domain).Set(C::kDomainId, item.domain_id);
      row.Set(C::kBlock, item.block).SetPositive(C::kItem, item.item).Set(C::kText, item.text);
      row.SetPositive(C::kLine, item.line).SetPositive(C::kEndLine, item.end_line);
      writer.Write(row);
    }
  }
  return out.str();
}

}  // namespace guihua::render_internal
