// ingest, the pipeline over the stages. ReadPlan gives a file's Document and targets (read →
// parse → extract), for every command that reads files; Ingest adds files to the index (prepared
// on a second thread, unchanged files skipped, committed in groups), for the CLI, the server and
// the Python module alike.
#ifndef GUIHUA_INGEST_INGEST_H_
#define GUIHUA_INGEST_INGEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/status.h"
#include "extract/extract.h"
#include "read/read.h"
#include "structure/structure.h"

namespace guihua {

// The loaded stages a file is read with; they outlive the calls. Without an extractor, ReadPlan
// parses only (no targets).
struct PlanStages {
  const StructureParser* parser = nullptr;
  const Extractor* extractor = nullptr;
};

struct ReadOptions {
  uint64_t max_file_size = kDefaultMaxFileSize;  // larger files are refused unread
  ParseOptions parse;
};

// A plan file read through the stages.
struct PlanRead {
  Document document;
  std::vector<Target> targets;  // file order
  // The extractor's warnings: numbers that cannot be read whole and so give no value.
  Diagnostics extract_warnings;
};

// Reads, parses and extracts the file at `path`. Layout and heading warnings go to `diag`; a file
// that cannot be read, decoded or parsed is the stage's Status (NotFound for a missing file).
StatusOr<PlanRead> ReadPlan(const PlanStages& stages, const std::string& path, Diagnostics* diag,
                            const ReadOptions& options = {});

// The same for the bytes of a file already in memory (released once decoded); `name` is its path
// (messages, document id).
StatusOr<PlanRead> ReadPlanText(const PlanStages& stages, const std::string& name,
                                std::string bytes, Diagnostics* diag,
                                const ReadOptions& options = {});

// The files named by `paths`: files as given, folders searched recursively for plan files (.txt,
// .pdf, .docx, .html, .htm), sorted. A path that does not exist is returned as is, so that reading
// it reports the error.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& paths);

// What happens during Ingest, told on the calling thread as it happens, so that a front end can
// show progress and messages. Every method does nothing unless overridden.
class IngestListener {
 public:
  virtual ~IngestListener() = default;
  // The files found (folders expanded) and their total size.
  virtual void Started(size_t /*files*/, uint64_t /*bytes*/) {}
  // Before the next file reaches the writer: files and bytes done so far.
  virtual void Progress(size_t /*files_done*/, uint64_t /*bytes_done*/) {}
  // A file's layout and heading warnings (often none), as it reaches the writer.
  virtual void Diagnosed(const std::string& /*file*/, const Diagnostics& /*diag*/) {}
  // Something worth a line that stops nothing: `where` is a file or the index folder.
  virtual void Warning(const std::string& /*where*/, const std::string& /*message*/) {}
  // A file that is not in the index, and why in one line (its name as given, maybe not UTF-8).
  virtual void Failed(const std::string& /*file*/, const std::string& /*error*/) {}
};

struct IngestOptions {
  std::string db = "guihua-index";  // the index folder, created when missing
  ReadOptions read;
  IngestListener* listener = nullptr;  // nullptr: nothing is told
};

struct IngestReport {
  int indexed = 0;                  // files added (committed)
  int unchanged = 0;                // skipped: the index holds these very bytes from the same path
  int items = 0, targets = 0;       // of the files added
  std::vector<std::string> failed;  // files not indexed, in the order met
  uint64_t bytes = 0;               // read
  double seconds = 0;
};

// Adds the files of `paths` (ExpandPaths) to the index `options.db`, replacing what it holds of
// the same document ids, and compacts it when it has grown. A file that fails is in `failed` and
// told to the listener; the others are indexed all the same. An error only when the index does
// not open (InvalidInput "index is locked by another process", …) or the run stops on an
// unexpected exception (Internal).
StatusOr<IngestReport> Ingest(const PlanStages& stages, const std::vector<std::string>& paths,
                              const IngestOptions& options);

}  // namespace guihua

#endif  // GUIHUA_INGEST_INGEST_H_
