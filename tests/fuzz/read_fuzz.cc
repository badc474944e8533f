// Fuzz target: the read stage on any bytes. Text in every encoding, PDF, DOCX and HTML are told
// apart by content, so one target reaches every decoder.
#include <string>
#include <string_view>

#include "common/utf8.h"
#include "fuzz/fuzz_targets.h"
#include "read/read.h"

namespace guihua::fuzz {

int FuzzRead(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = DecodeSource(bytes, "fuzz");
  if (!text.ok()) return 0;
  // What the later stages rely on: valid UTF-8 whose last line ends in '\n'.
  const std::string& t = text->text;
  GUIHUA_FUZZ_CHECK(utf8::IsValid(t));
  GUIHUA_FUZZ_CHECK(t.empty() || t.back() == '\n');
  return 0;
}

}  // namespace guihua::fuzz
