// Pieces shared by the progress writers (progress_render.cc, progress_html.cc, progress_xlsx.cc):
// the words and colours of statuses, the plan's heading, the trend in words. Private to src/render/.
#ifndef GUIHUA_RENDER_INTERNAL_PROGRESS_SUPPORT_H_
#define GUIHUA_RENDER_INTERNAL_PROGRESS_SUPPORT_H_

#include <cstdint>
#include <string>

#include "progress/progress.h"

namespace guihua::render_internal {

// "achieved 已实现", "not achieved 未实现", "no data 无数据".
std::string StatusText(ProgressStatus s);
// Background colours (0xRRGGBB): green, red, grey.
uint32_t StatusColor(ProgressStatus s);

// "北关区 women 2021–2030": the district (else city, province), the plan kind and the period.
std::string PlanLabel(const ProgressPlan& plan);
// "达标率 5/8 = 62.5% (targets 20, monitored 8, achieved 5)", or "达标率 — (… monitored 0 …)".
std::string SummaryLine(const ProgressSummary& s);
// "58.2% (2021)": a value in its unit with its year.
std::string LevelText(const TargetRecord& v);
// "+4.3/yr, reached 2024", "−0.3/yr, not at this pace", "+1.2/yr, achieved"; "" without a trend.
std::string TrendText(const ProgressRow& row);
// "says achieved (提前实现) — disagrees", "" when the report says nothing.
std::string ReportSaysText(const ProgressRow& row);
// The gap with its unit and sign: "+7.5%", "−3.6%", "" without one.
std::string GapText(const ProgressRow& row);

// The self-contained HTML page (progress_html.cc).
std::string RenderProgressHtml(const ProgressReport& report);

}  // namespace guihua::render_internal

#endif  // GUIHUA_RENDER_INTERNAL_PROGRESS_SUPPORT_H_
