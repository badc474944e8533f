// Diagnostics: problems found inside a document or a rule file that do not stop the run.
// Each is printed as `file:line:col: severity: message` (col omitted when unknown), like a compiler.
#ifndef GUIHUA_COMMON_DIAGNOSTICS_H_
#define GUIHUA_COMMON_DIAGNOSTICS_H_

#include <string>
#include <vector>

namespace guihua {

struct Diagnostic {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kWarning;
  std::string file;
  int line = 0;    // 1-based; 0 when the problem concerns the whole file
  int column = 0;  // 1-based, in characters; 0 when unknown
  std::string message;

  std::string ToString() const;
};

class Diagnostics {
 public:
  void Warn(std::string file, int line, int column, std::string message);
  void Error(std::string file, int line, int column, std::string message);
  // Every diagnostic of `other`, after these.
  void Append(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return all_; }
  bool has_errors() const;
  void Clear() { all_.clear(); }

 private:
  std::vector<Diagnostic> all_;
};

}  // namespace guihua

#endif  // GUIHUA_COMMON_DIAGNOSTICS_H_
