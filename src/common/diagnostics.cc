// Diagnostics sink and its compiler-style rendering.
#include "common/diagnostics.h"

#include <algorithm>

namespace guihua {

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (line > 0 && column > 0) out += ":" + std::to_string(column);
  out += severity == Severity::kError ? ": error: " : ": warning: ";
  out += message;
  return out;
}

void Diagnostics::Warn(std::string file, int line, int column, std::string message) {
  all_.push_back({Diagnostic::Severity::kWarning, std::move(file), line, column, std::move(message)});
}

void Diagnostics::Error(std::string file, int line, int column, std::string message) {
  all_.push_back({Diagnostic::Severity::kError, std::move(file), line, column, std::move(message)});
}

void Diagnostics::Append(const Diagnostics& other) {
  all_.insert(all_.end(), other.all_.begin(), other.all_.end());
}

bool Diagnostics::has_errors() const {
  return std::any_of(all_.begin(), all_.end(), [](const Diagnostic& d) {
    return d.severity == Diagnostic::Severity::kError;
  });
}

}  // namespace guihua
