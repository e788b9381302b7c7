// identifiers.h — the formats of the names a policy and a receipt carry:
// site ids, category and service ids, language tags.
//
// One definition, used by the policy reader (policy.cc) and by the server's
// receipt parser (server/src/receipt.cc), so that a receipt can name exactly
// what a policy can declare.
//
//   wafer::IsSiteId("kalido");          // true
//   wafer::IsCategoryId("analytics");   // true; "1st" is not (letter first)
//   wafer::IsLanguageTag("pt-BR");      // true; "PT" is not (lower-case language)

#ifndef WAFER_CORE_INCLUDE_WAFER_IDENTIFIERS_H_
#define WAFER_CORE_INCLUDE_WAFER_IDENTIFIERS_H_

#include <string_view>

namespace wafer {

// [a-z0-9][a-z0-9_-]{0,63}
bool IsSiteId(std::string_view s);
// [a-z][a-z0-9_-]{0,31}
bool IsCategoryId(std::string_view s);
// [a-z0-9][a-z0-9_-]{0,63}
bool IsServiceId(std::string_view s);
// [a-z]{2,3}(-[A-Za-z0-9]{2,8})*: "fr", "pt-BR", "zh-Hant-TW".
bool IsLanguageTag(std::string_view s);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_IDENTIFIERS_H_
