// JsonOut: JSON appended to a string, escaped as nlohmann::json escapes it (common/json_out.h).
#include "common/json_out.h"

#include <nlohmann/json.hpp>

#include "common/utf8.h"

namespace guihua {

void JsonOut::Comma() {
  if (keyed_) {
    keyed_ = false;
    return;
  }
  if (!first_) out_ += ',';
  first_ = false;
}

JsonOut& JsonOut::Begin(char c) {
  Comma();
  out_ += c;
  first_ = true;
  return *this;
}

JsonOut& JsonOut::End(char c) {
  out_ += c;
  first_ = false;
  return *this;
}

JsonOut& JsonOut::Raw(std::string_view text) {
  Comma();
  out_ += text;
  return *this;
}

JsonOut& JsonOut::Key(std::string_view key) {
  String(key);
  out_ += ':';
  keyed_ = true;
  return *this;
}

namespace {

// The length of the well-formed UTF-8 sequence at s[i] (lead byte 0x80 or more), 0 if malformed:
// the checks of utf8::IsValid, fused into the escaping loop.
size_t WellFormedLength(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t len = utf8::SequenceLength(lead);
  if (len == 1 || i + len > s.size()) return 0;
  char32_t cp = lead & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return len;
}

}  // namespace

JsonOut& JsonOut::String(std::string_view s) {
  Comma();
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t mark = out_.size();
  out_ += '"';
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = WellFormedLength(s, i);
      if (len == 0) {  // rare: let nlohmann place the replacement characters
        out_.resize(mark);
        out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false,
                                                    nlohmann::json::error_handler_t::replace);
        return *this;
      }
      i += len;
      continue;
    }
    ++i;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s, plain, i - 1 - plain);
    plain = i;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
    }
  }
  out_.append(s, plain, s.size() - plain);
  out_ += '"';
  return *this;
}

JsonOut& JsonOut::Int(long long n) { return Raw(std::to_string(n)); }

JsonOut& JsonOut::Double(double d) { return Raw(nlohmann::json(d).dump()); }

}  // namespace guihua
