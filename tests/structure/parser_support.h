// The structure tests' one StructureParser, loaded from rules/ at first use and shared by every
// test of the binary (and, in a unity build, by the files compiled together).
#ifndef GUIHUA_TESTS_STRUCTURE_PARSER_SUPPORT_H_
#define GUIHUA_TESTS_STRUCTURE_PARSER_SUPPORT_H_

#include "structure/structure.h"

namespace guihua::testing {

// The parser of the repository's rules; a rule that does not load, or any diagnostic, fails the
// test that loaded it.
const StructureParser& Parser();

}  // namespace guihua::testing

#endif  // GUIHUA_TESTS_STRUCTURE_PARSER_SUPPORT_H_
