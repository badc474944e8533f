// The seam between the read stage and its format plugin (guihua-formats.so): the PDF, DOCX and HTML
// readers need poppler, libzip, libxml2 and pugixml, about 40 shared libraries whose loading cost a
// search or a --help more than the rest of its work; so they are loaded at the first such file.
#ifndef GUIHUA_READ_INTERNAL_FORMAT_PLUGIN_H_
#define GUIHUA_READ_INTERNAL_FORMAT_PLUGIN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "read/read.h"

namespace guihua::read_internal {

// What the host lends the plugin (defined in read.cc, which the plugin does not link).
struct FormatHost {
  StatusOr<std::string> (*convert_to_utf8)(std::string_view bytes, const char* charset);
  StatusOr<SourceText> (*finish_lines)(std::string text, std::vector<int> line_pages,
                                       const std::string& path, const char* encoding);
};

// The readers the plugin offers (formats.h describes them).
struct FormatReaders {
  StatusOr<SourceText> (*pdf)(std::string_view bytes, const std::string& path);
  StatusOr<SourceText> (*docx)(std::string_view bytes, const std::string& path,
                               uint64_t max_inflated);
  StatusOr<SourceText> (*html)(std::string_view bytes, const std::string& path);
};

// The one exported symbol of the plugin; the suffix changes with these structs.
inline constexpr char kFormatPluginEntry[] = "guihua_format_readers_v1";
using FormatPluginEntry = const FormatReaders* (*)(const FormatHost* host);

}  // namespace guihua::read_internal

#endif  // GUIHUA_READ_INTERNAL_FORMAT_PLUGIN_H_
