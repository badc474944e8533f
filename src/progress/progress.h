// Stage 8, progress: each plan's targets against the actual values of the reports and texts about the
// same region and plan kind (issue 18): latest actual, status, gap, trend, what the report itself says,
// and a 达标率 per plan. The join is a pure function of documents and their value records
// (BuildProgress), so it is tested without an index; Progress() reads them from one.
#ifndef GUIHUA_PROGRESS_PROGRESS_H_
#define GUIHUA_PROGRESS_PROGRESS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "extract/extract.h"
#include "extract/target_record.h"
#include "index/index.h"
#include "names/names.h"

namespace guihua {

struct ProgressOptions {
  std::vector<std::string> documents;   // plan document ids (NameResolver::DocumentIds); empty: all
  std::string plan;                     // women / children; "" both
  std::string domain;                   // domain id; "" all
  std::vector<std::string> indicators;  // ids; empty: every indicator with a target
  int year = 0;                         // the latest actual is the latest up to this year; 0: any
};

// The options as a user names them (北关, 妇女, 孕产妇死亡率, 儿童与健康): what the CLI and the API take.
struct ProgressRequest {
  std::vector<std::string> districts;   // districts or document ids (or comma lists of them)
  std::vector<std::string> indicators;  // ids or names (or comma lists of them)
  std::string plan, domain;
  int year = 0;
};

// The names of `request` as ids (names/names.h); an unknown one is InvalidInput with suggestions.
StatusOr<ProgressOptions> ResolveProgressRequest(const ProgressRequest& request, const NameResolver& names);

enum class ProgressStatus { kAchieved, kNotAchieved, kNoData };
const char* ProgressStatusName(ProgressStatus s);  // "achieved", "not_achieved", "no_data"

// The judgement a report prints beside a value (已提前实现 / 仍有差距 / 未实现), from rules/progress.rules.
struct ReportSays {
  ProgressStatus says = ProgressStatus::kNoData;  // kAchieved or kNotAchieved
  std::string cue;       // the words that said it (working text: NFKC)
  std::string sentence;  // the sentence they were found in
  std::string document, file;
  int line = 0;
  bool disagrees = false;  // says otherwise than the status computed from the numbers
};

struct ProgressTrend {
  double per_year = 0;  // change of the level per year, in the target's unit (first → latest actual)
  int from_year = 0, to_year = 0;
  // The year the target is reached at that pace; 0 with `reachable` false: "not at this pace";
  // 0 with `reachable` true: already achieved.
  int reach_year = 0;
  bool reachable = true;
};

struct ProgressRow {
  std::string indicator_id, indicator, domain_id, direction;
  TargetRecord target;                    // the plan's first target of the indicator
  std::optional<TargetRecord> baseline;   // the plan's own baseline, if it prints one
  std::vector<TargetRecord> actuals;      // by year, then document order
  std::optional<TargetRecord> latest;     // the latest actual up to ProgressOptions::year
  ProgressStatus status = ProgressStatus::kNoData;
  // Target minus latest, signed so that positive is still to go, in the target's unit; nullopt
  // without a comparable latest actual.
  std::optional<double> gap;
  std::optional<ProgressTrend> trend;  // with two actuals of different years or more
  std::optional<ReportSays> report_says;
  std::string note;  // why a latest actual could not be judged (units that do not compare)
};

struct ProgressSummary {
  int targets = 0, monitored = 0, achieved = 0;
  std::optional<double> rate;  // achieved / monitored; nullopt when nothing is monitored
};

struct ProgressPlan {
  std::string document, title, province, city, district, plan;  // plan: women / children
  Period period;
  std::vector<ProgressRow> rows;
  ProgressSummary summary;
};

struct ProgressReport {
  std::vector<ProgressPlan> plans;
};

// The cues of rules/progress.rules (what a report says of a value) and the tolerance of `~` targets.
class ProgressRules {
 public:
  // Errors of the file go to `diag` as rules/progress.rules:LINE:COL: …; InvalidInput if any.
  static StatusOr<std::unique_ptr<ProgressRules>> Load(const std::string& rules_dir, Diagnostics* diag);
  ~ProgressRules();

  // The first cue found in `sentence` at or after byte `from`; kNoData when none.
  ProgressStatus Says(std::string_view sentence, size_t from, std::string* cue) const;
  // How far from a `~` target a level still meets it, in the target's unit.
  double Tolerance(const std::string& indicator_id, double target) const;
  // Runs the expect: and reject: lines; failures go to `diag`. Returns the number checked.
  int CheckExpectations(Diagnostics* diag) const;

 private:
  struct Impl;
  explicit ProgressRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A paragraph of a report or text (an indexed item), where the cues are looked for.
struct ProgressPassage {
  int line = 0, end_line = 0;
  std::string text;  // as printed, whitespace removed
};

// One indexed document with its value records and, for reports and texts, its paragraphs.
struct ProgressDocument {
  IndexedFile file;
  std::vector<TargetRecord> values;
  std::vector<ProgressPassage> passages;
};

// The join: every plan document in scope against the reports' and texts' actuals of its region and
// plan kind within its period. The options hold ids (names are resolved by the caller).
ProgressReport BuildProgress(const std::vector<ProgressDocument>& documents,
                             const std::vector<IndicatorInfo>& dictionary, const ProgressRules& rules,
                             const ProgressOptions& options);

// The ProgressDocument of a file read through the stages (ingest/ingest.h: ReadPlan), as the index
// would give it: for tests and for callers that join files without indexing them.
ProgressDocument MakeProgressDocument(const Document& doc, const std::vector<Target>& targets);

// BuildProgress over what `index` holds. An unknown indicator id is InvalidInput naming it.
StatusOr<ProgressReport> Progress(const IndexReader& index, const std::vector<IndicatorInfo>& dictionary,
                                  const ProgressRules& rules, const ProgressOptions& options);

}  // namespace guihua

#endif  // GUIHUA_PROGRESS_PROGRESS_H_
