// Document kinds (rules/kinds.rules): tells a plan from a report on a plan or another text by its
// title and opening, and finds what a report or text is about (the plan's title, its year).
#ifndef GUIHUA_STRUCTURE_INTERNAL_DOCUMENT_KIND_H_
#define GUIHUA_STRUCTURE_INTERNAL_DOCUMENT_KIND_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "structure/document.h"

namespace guihua::internal {

class KindRules {
 public:
  // Loads rules/kinds.rules and (unless told not to) checks its expect/reject lines; errors go to
  // `diag`.
  static StatusOr<std::unique_ptr<KindRules>> Load(const std::string& path, Diagnostics* diag,
                                                   bool run_expectations = true);
  ~KindRules();

  int expectations() const { return expectations_; }

  // Sets doc->kind, doc->about and doc->year. `title` holds the document's leading short lines and
  // `opening` its first characters, all views into doc->working.text (so that `about` is quoted
  // from the source); `has_goals` tells whether the structure found goal items. A `given` kind
  // (--kind, a sidecar) is taken as it is.
  void Classify(const std::vector<std::string_view>& title, std::string_view opening,
                bool has_goals, std::optional<DocumentKind> given, Document* doc) const;

 private:
  struct Rule;
  KindRules();
  static std::vector<std::string_view> Places(const Rule& rule,
                                              const std::vector<std::string_view>& title,
                                              std::string_view opening);
  bool Any(int role, const std::vector<std::string_view>& title, std::string_view opening) const;
  std::string About(const std::vector<std::string_view>& title, std::string_view opening,
                    const Document& doc) const;
  int Year(const std::vector<std::string_view>& title) const;

  std::vector<Rule> rules_;
  int expectations_ = 0;
};

}  // namespace guihua::internal

#endif  // GUIHUA_STRUCTURE_INTERNAL_DOCUMENT_KIND_H_
