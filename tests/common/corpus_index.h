// The one index of corpus/*.txt that the index, compare and server tests read, made with the real
// `guihua ingest`: under ctest once per run by the corpus_index fixture (tests/corpus_index.cmake,
// $GUIHUA_CORPUS_INDEX); a test binary run by hand makes it once per process instead.
#ifndef GUIHUA_TESTS_COMMON_CORPUS_INDEX_H_
#define GUIHUA_TESTS_COMMON_CORPUS_INDEX_H_

#include <string>

namespace guihua::testing {

// The directory of the corpus index. It is shared: open it for reading only; a test that adds,
// removes or compacts makes its own index.
const std::string& CorpusIndexDir();

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_COMMON_CORPUS_INDEX_H_
