// js_literal.h — writing JSON that is safe to paste into JavaScript.
//
// The stub's configuration (loader_config.cc) and the banner data
// (banner_data.cc) are JSON documents spliced into served scripts, possibly
// inline in an HTML <script>. Policy text is written by site owners and must
// never end that script early nor break the JavaScript parser, so strings
// are escaped beyond what JSON requires: '<', '>', '&' and U+2028/U+2029
// (line terminators in JavaScript before ES2019) become \uXXXX escapes.
//
//   std::string out = "{";
//   wafer::internal::AppendKey("title", &out);
//   wafer::internal::AppendString("</script>", &out);  // "\u003c/script\u003e"
//   out += "}";

#ifndef WAFER_CORE_SRC_INTERNAL_JS_LITERAL_H_
#define WAFER_CORE_SRC_INTERNAL_JS_LITERAL_H_

#include <string>
#include <string_view>

namespace wafer {
namespace internal {

// Appends `s` as a quoted JSON string, escaped as described above. Bytes
// that are not valid UTF-8 are copied as they are (the policy reader only
// lets valid UTF-8 through).
void AppendString(std::string_view s, std::string* out);

// `s` as a quoted, escaped JSON string.
std::string Str(std::string_view s);

// Appends `"key":` to an object being written into `out`, preceded by a comma
// unless the object (which must start at out's first byte) is still empty.
void AppendKey(std::string_view key, std::string* out);

}  // namespace internal
}  // namespace wafer

#endif  // WAFER_CORE_SRC_INTERNAL_JS_LITERAL_H_
