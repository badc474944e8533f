// Status, gap and trend of a level against a target, by the target's comparator and the indicator's
// better direction (DESIGN.md, "progress"; docs/progress.md gives the table).
#include "progress/internal/judge.h"

#include <cmath>

#include "compare/compare.h"

namespace guihua::progress_internal {
namespace {

constexpr double kEpsilon = 1e-9;

int DirectionSign(const std::string& direction) {
  if (direction == "higher") return 1;
  if (direction == "lower") return -1;
  return 0;
}

// A one-sided bound: `sign` +1 for "at least `bound`", -1 for "at most".
Judgement OneSided(double bound, int sign, double level) {
  Judgement j;
  j.sign = sign;
  j.gap = sign * (bound - level);
  j.status = j.gap <= kEpsilon * std::max(1.0, std::fabs(bound)) ? ProgressStatus::kAchieved
                                                                   : ProgressStatus::kNotAchieved;
  return j;
}

int Toward(double from, double to) { return to > from ? 1 : to < from ? -1 : 0; }

}  // namespace

std::optional<double> InTargetUnit(const TargetRecord& actual, const TargetRecord& target) {
  if (!actual.value) return std::nullopt;
  double v = *actual.value;
  if (actual.unit == target.unit) return v;
  if (v == 0 && actual.unit.empty()) return 0.0;
  double from = RateScale(actual.unit), to = RateScale(target.unit);
  if (from == 0 || to == 0) return std::nullopt;
  return v * from / to;
}

Judgement Judge(const TargetRecord& target, const std::string& direction, double level,
                double tolerance) {
  const double t = target.value.value_or(0);
  const int dir = DirectionSign(direction);
  const std::string& c = target.comparator;
  if (c == "<=") return OneSided(t, -1, level);
  if (c == ">=") return OneSided(t, 1, level);
  if (c == "range" && target.value_max) {
    double hi = *target.value_max;
    if (dir > 0) return OneSided(t, 1, level);
    if (dir < 0) return OneSided(hi, -1, level);
    // Neither better: inside the range is met; the gap is to the nearer end.
    Judgement j = level < t ? OneSided(t, 1, level) : OneSided(hi, -1, level);
    return j;
  }
  if (c == "~") {
    Judgement j;
    j.sign = dir != 0 ? dir : Toward(level, t);
    j.gap = j.sign * (t - level);
    j.status = std::fabs(level - t) <= tolerance + kEpsilon * std::max(1.0, std::fabs(t))
                   ? ProgressStatus::kAchieved
                   : ProgressStatus::kNotAchieved;
    return j;
  }
  // "=": a level to reach (达到90%), read by the better direction; without one, as "at least".
  return OneSided(t, dir < 0 ? -1 : 1, level);
}

std::optional<ProgressTrend> Trend(const std::vector<Level>& levels, const Judgement& latest) {
  if (levels.size() < 2 || levels.back().year <= levels.front().year) return std::nullopt;
  const Level& first = levels.front();
  const Level& last = levels.back();
  ProgressTrend trend;
  trend.from_year = first.year;
  trend.to_year = last.year;
  trend.per_year = (last.value - first.value) / (last.year - first.year);
  if (latest.status == ProgressStatus::kAchieved) return trend;  // reach_year 0, reachable
  double toward = latest.sign * trend.per_year;
  if (toward <= kEpsilon) {
    trend.reachable = false;
    return trend;
  }
  trend.reach_year = last.year + static_cast<int>(std::ceil(latest.gap / toward - 1e-9));
  return trend;
}

}  // namespace guihua::progress_internal
