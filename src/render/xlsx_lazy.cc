// The loader behind render/internal/xlsx_lazy.h: opens libxlsxwriter (its soname, found by
// CMakeLists.txt) at the first XLSX written and looks its functions up by name.
#include "render/internal/xlsx_lazy.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

namespace guihua::render_internal {

void* XlsxSymbol(const char* name) {
  static void* library = dlopen(GUIHUA_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
  void* symbol = library == nullptr ? nullptr : dlsym(library, name);
  if (symbol == nullptr) {
    std::fprintf(stderr, "guihua: cannot write XLSX: %s\n", dlerror());
    std::_Exit(2);
  }
  return symbol;
}

}  // namespace guihua::render_internal
