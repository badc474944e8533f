// A test's way to make the writer's add of one file fail inside its Xapian transaction, as a key
// Xapian refused once did (no input is known to now), to test that the other files added since
// the shard's last commit are kept and that the check-text store still matches the docids.
#ifndef GUIHUA_INDEX_INTERNAL_WRITER_FAULTS_H_
#define GUIHUA_INDEX_INTERNAL_WRITER_FAULTS_H_

#include <string>

namespace guihua::internal {

// From now on, adding the file `file` throws a Xapian::InvalidArgumentError after its items are
// added; empty: no file.
void FailAddsOf(const std::string& file);

}  // namespace guihua::internal

#endif  // GUIHUA_INDEX_INTERNAL_WRITER_FAULTS_H_
