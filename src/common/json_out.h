// A JSON writer that appends to a string, for the answers written per request (the search API):
// nlohmann::json builds a tree of maps and checks UTF-8 byte by byte through a state machine,
// which cost the server more than a tenth of a search's instructions. Output is byte-identical to
// nlohmann's dump(-1, ' ', false, replace) of the same values with keys in the same order. Also the
// target records (extract/target_record.h), one a target on ingest's preparing thread.
#ifndef GUIHUA_COMMON_JSON_OUT_H_
#define GUIHUA_COMMON_JSON_OUT_H_

#include <string>
#include <string_view>

namespace guihua {

class JsonOut {
 public:
  explicit JsonOut(std::string* out) : out_(*out) {}

  // Objects and arrays; Key() before each member of an object.
  JsonOut& Open() { return Begin('{'); }
  JsonOut& Close() { return End('}'); }
  JsonOut& OpenArray() { return Begin('['); }
  JsonOut& CloseArray() { return End(']'); }
  JsonOut& Key(std::string_view key);

  // Values. A string with malformed UTF-8 gets U+FFFD where nlohmann's `replace` puts it.
  JsonOut& String(std::string_view s);
  JsonOut& StringOrNull(std::string_view s) { return s.empty() ? Null() : String(s); }
  JsonOut& Int(long long n);
  JsonOut& IntOrNull(long long n) { return n == 0 ? Null() : Int(n); }
  JsonOut& Double(double d);  // as nlohmann writes it (1.0, 0.25, 1e-05)
  JsonOut& Number(std::string_view json_text) { return Raw(json_text); }  // already JSON (%.15g)
  JsonOut& Bool(bool b) { return Raw(b ? "true" : "false"); }
  JsonOut& Null() { return Raw("null"); }

 private:
  JsonOut& Begin(char c);
  JsonOut& End(char c);
  JsonOut& Raw(std::string_view text);
  void Comma();

  std::string& out_;
  bool first_ = true;   // no member or element yet in the open object or array
  bool keyed_ = false;  // a key was written and waits for its value
};

}  // namespace guihua

#endif  // GUIHUA_COMMON_JSON_OUT_H_
