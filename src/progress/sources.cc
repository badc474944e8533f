// Where the documents of the progress join come from: the index (its files, their value records and,
// for reports and texts, their paragraphs), or a file just read through the stages; and the names of a
// request resolved to the ids the join takes.
#include <algorithm>
#include <set>

#include "progress/progress.h"

namespace guihua {

StatusOr<ProgressOptions> ResolveProgressRequest(const ProgressRequest& request, const NameResolver& names) {
  TableScope scope{request.indicators, request.plan, request.domain, request.districts};
  if (Status s = names.ResolveScope(&scope); !s.ok()) return s;
  ProgressOptions o;
  o.indicators = std::move(scope.indicators);
  o.plan = std::move(scope.plan);
  o.domain = std::move(scope.domain);
  o.documents = std::move(scope.documents);
  o.year = request.year;
  return o;
}

ProgressDocument MakeProgressDocument(const Document& doc, const std::vector<Target>& targets) {
  ProgressDocument d;
  d.file = DocumentFileRecord(doc);
  for (const Target& t : targets) d.values.push_back(MakeTargetRecord(doc, t));
  if (doc.kind == DocumentKind::kPlan) return d;
  for (const Plan& plan : doc.plans) {
    for (const Section& section : plan.sections) {
      for (const Item& item : section.items) {
        d.passages.push_back(
            {item.line, item.end_line, SourceQuote(doc.working, item.begin, item.end, doc.source)});
      }
    }
  }
  return d;
}

StatusOr<ProgressReport> Progress(const IndexReader& index, const std::vector<IndicatorInfo>& dictionary,
                                  const ProgressRules& rules, const ProgressOptions& options) {
  std::set<std::string> known;
  for (const IndicatorInfo& info : dictionary) known.insert(info.id);
  for (const std::string& id : options.indicators) {
    if (!known.count(id)) return Status::InvalidInput("unknown indicator '" + id + "'");
  }
  std::vector<ProgressDocument> documents;
  for (IndexedFile& f : index.Files()) {
    ProgressDocument d;
    for (const std::string& line : index.Targets(f.document)) {
      if (auto v = ReadTargetRecord(line)) d.values.push_back(std::move(*v));
    }
    bool has_actuals = std::any_of(d.values.begin(), d.values.end(),
                                   [](const TargetRecord& v) { return v.kind == "actual"; });
    if (f.kind != "plan" && !f.kind.empty() && has_actuals) {
      // The paragraphs, where what the report says beside a value is read.
      SearchRequest request;
      request.filters.document = f.document;
      request.limit = 5000;
      auto result = index.Search(request);
      if (!result.ok()) return result.status();
      for (SearchHit& hit : result->hits) {
        d.passages.push_back({hit.line, hit.end_line, std::move(hit.text)});
      }
    }
    d.file = std::move(f);
    documents.push_back(std::move(d));
  }
  return BuildProgress(documents, dictionary, rules, options);
}

}  // namespace guihua
