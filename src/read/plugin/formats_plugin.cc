// Entry of guihua-formats.so, the plugin of the PDF, DOCX and HTML readers (built from
// src/read/{pdf,docx,html}_reader.cc and this file): hands the readers to the read stage and takes
// the two helpers of read.cc they share with it.
#include "read/internal/format_plugin.h"
#include "read/internal/formats.h"

namespace guihua::read_internal {
namespace {

const FormatHost* g_host = nullptr;  // set once, before any reader runs

}  // namespace

StatusOr<std::string> ConvertToUtf8(std::string_view bytes, const char* charset) {
  return g_host->convert_to_utf8(bytes, charset);
}

StatusOr<SourceText> FinishLines(std::string text, std::vector<int> line_pages,
                                 const std::string& path, const char* encoding) {
  return g_host->finish_lines(std::move(text), std::move(line_pages), path, encoding);
}

}  // namespace guihua::read_internal

extern "C" __attribute__((visibility("default"))) const guihua::read_internal::FormatReaders*
guihua_format_readers_v1(const guihua::read_internal::FormatHost* host) {
  using namespace guihua::read_internal;
  static const FormatReaders kReaders = {&ReadPdf, &ReadDocx, &ReadHtml};
  g_host = host;
  return &kReaders;
}
