// guihua._core.Index: an opened index for Python (search, the listings, comparisons), each answer
// as the CLI's JSON records made into lists of dicts.
#ifndef GUIHUA_PYTHON_INDEX_H_
#define GUIHUA_PYTHON_INDEX_H_

#include <pybind11/pybind11.h>

namespace guihua::python {

void RegisterIndex(pybind11::module_& module);

}  // namespace guihua::python

#endif  // GUIHUA_PYTHON_INDEX_H_
