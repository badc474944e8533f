// Pieces shared by the progress writers (progress_render.cc, progress_html.cc, progress_xlsx.cc):
// the words and colours of statuses, the plan's heading, the trend in words. Private to src/render/.
#ifndef GUIHUA_RENDER_INTERNAL_PROGRESS_SUPPORT_H_
#define GUIHUA_RENDER_INTERNAL_PROGRESS_SUPPORT_H_

#include <cstdint>
#include <string>

#include "progress/progress.h"
#include "render/labels.h"

namespace guihua::render_internal {

// 已实现 / 未实现 / 无数据 (achieved / not achieved / no data).
std::string StatusText(ProgressStatus s, Lang lang);
// Background colours (0xRRGGBB): green, red, grey.
uint32_t StatusColor(ProgressStatus s);

// "北关区 妇女 2021–2030": the district (else city, province), the plan kind and the period.
std::string PlanLabel(const ProgressPlan& plan, Lang lang);
// "达标率 5/8 = 62.5%（目标 20 项，有监测 8 项，已实现 5 项）", or "达标率 —（… 有监测 0 项 …）".
std::string SummaryLine(const ProgressSummary& s, Lang lang);
// "58.2% (2021)": a value in its unit with its year.
std::string LevelText(const TargetRecord& v);
// "每年 +4.3%，2024 年达到", "每年 −0.3%，按此速度不能达到", "每年 +1.2%" (en: "+4.3%/yr, reached
// 2024", "−0.3%/yr, not at this pace"); "" without a trend.
std::string TrendText(const ProgressRow& row, Lang lang);
// "已实现（提前实现），与数据不符" (en: "achieved (提前实现) — disagrees"), "" when the report says nothing.
std::string ReportSaysText(const ProgressRow& row, Lang lang);
// The gap with its unit and sign: "+7.5%", "−3.6%", "" without one.
std::string GapText(const ProgressRow& row);

// The self-contained HTML page (progress_html.cc).
std::string RenderProgressHtml(const ProgressReport& report, Lang lang);

}  // namespace guihua::render_internal

#endif  // GUIHUA_RENDER_INTERNAL_PROGRESS_SUPPORT_H_
