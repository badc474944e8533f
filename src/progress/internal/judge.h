// How one level stands against one target: comparable units, status and signed gap, and the pace
// between actuals. Pure arithmetic, private to src/progress/.
#ifndef GUIHUA_PROGRESS_INTERNAL_JUDGE_H_
#define GUIHUA_PROGRESS_INTERNAL_JUDGE_H_

#include <optional>
#include <string>
#include <vector>

#include "progress/progress.h"

namespace guihua::progress_internal {

// The actual's value in the target's unit: the same unit, a rate on another scale (‰ against %),
// or 0 printed without a unit (孕产妇死亡率为0 against 12/10万); nullopt when they do not compare.
std::optional<double> InTargetUnit(const TargetRecord& actual, const TargetRecord& target);

struct Judgement {
  ProgressStatus status = ProgressStatus::kNoData;
  double gap = 0;  // positive: still to go
  int sign = 0;    // +1 when the level must rise to meet the target, -1 fall, 0 when it is on it
};

// `level` in the target's unit; `direction` the dictionary's ("lower", "higher" or "");
// `tolerance` how far from a `~` target still meets it.
Judgement Judge(const TargetRecord& target, const std::string& direction, double level,
                double tolerance);

// A level of one year, in the target's unit.
struct Level {
  int year = 0;
  double value = 0;
};

// The pace from the first to the last level (years ascending, at least two years apart by one),
// and the year the target is met at that pace; nullopt with fewer than two years.
std::optional<ProgressTrend> Trend(const std::vector<Level>& levels, const Judgement& latest);

}  // namespace guihua::progress_internal

#endif  // GUIHUA_PROGRESS_INTERNAL_JUDGE_H_
