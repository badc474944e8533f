// ReadPlan: one file through read → structure → extract, the sequence every command that takes
// plan files runs; and ExpandPaths, the folders of plan files those commands accept.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "ingest/ingest.h"

namespace guihua {
namespace {

StatusOr<PlanRead> Extracted(StatusOr<Document> doc, const PlanStages& stages) {
  if (!doc.ok()) return doc.status();
  PlanRead out;
  out.document = std::move(*doc);
  if (stages.extractor) {
    out.targets = stages.extractor->ExtractDocument(out.document, &out.extract_warnings);
  }
  return out;
}

// The file kinds a folder is searched for; a file named on the command line is read whatever its
// name, since the read stage recognizes formats by content.
bool IsPlanFile(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".txt" || ext == ".pdf" || ext == ".docx" || ext == ".html" || ext == ".htm";
}

}  // namespace

StatusOr<PlanRead> ReadPlan(const PlanStages& stages, const std::string& path, Diagnostics* diag,
                            const ReadOptions& options) {
  return Extracted(stages.parser->ParseFile(path, diag, options.max_file_size, options.parse),
                   stages);
}

StatusOr<PlanRead> ReadPlanText(const PlanStages& stages, const std::string& name,
                                std::string bytes, Diagnostics* diag, const ReadOptions& options) {
  if (bytes.size() > options.max_file_size) {
    // ReadFileBytes's limit, for bytes that did not come from a file.
    return Status::InvalidInput("file is larger than the " +
                                std::to_string(options.max_file_size >> 20) +
                                " MB limit (--max-file-size)");
  }
  auto source = DecodeSource(bytes, name);
  if (!source.ok()) return source.status();
  std::string().swap(bytes);  // a plan may be 64 MB: not held twice while it is parsed
  return Extracted(stages.parser->Parse(std::move(*source), diag, options.parse), stages);
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec) && IsPlanFile(it->path())) {
        found.push_back(it->path().string());
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace guihua
