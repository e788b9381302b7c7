// js_literal.cc — JSON strings safe inside <script> (internal/js_literal.h).

#include "internal/js_literal.h"

#include <cstdio>
#include <string>
#include <string_view>

namespace wafer {
namespace internal {

void AppendString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out->append("\\\""); continue;
      case '\\': out->append("\\\\"); continue;
      case '\n': out->append("\\n"); continue;
      case '\r': out->append("\\r"); continue;
      case '\t': out->append("\\t"); continue;
      default: break;
    }
    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out->append(buf);
      continue;
    }
    // U+2028 / U+2029 are E2 80 A8 / E2 80 A9 in UTF-8.
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out->append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
      i += 2;
      continue;
    }
    out->push_back(static_cast<char>(c));
  }
  out->push_back('"');
}

std::string Str(std::string_view s) {
  std::string out;
  AppendString(s, &out);
  return out;
}

void AppendKey(std::string_view key, std::string* out) {
  if (out->size() > 1) out->push_back(',');
  AppendString(key, out);
  out->push_back(':');
}

}  // namespace internal
}  // namespace wafer
