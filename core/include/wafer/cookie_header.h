// cookie_header.h — reads `document.cookie` (or a Cookie request header).
//
// The loader hands the engine the raw string; the engine splits it here, so
// the rules for odd input (no '=', blanks, duplicates, quotes) live in one
// place and are fuzzed.
//
//   auto pairs = wafer::ParseCookieHeader("_ga=GA1.1.1; wafer_consent=V0M; x");
//   // {"_ga","GA1.1.1"}, {"wafer_consent","V0M"}, {"","x"}

#ifndef WAFER_CORE_INCLUDE_WAFER_COOKIE_HEADER_H_
#define WAFER_CORE_INCLUDE_WAFER_COOKIE_HEADER_H_

#include <string_view>
#include <vector>

namespace wafer {

// At most this many pairs are read; the rest of a hostile header is ignored.
inline constexpr size_t kMaxCookiePairs = 512;

struct CookiePair {
  std::string_view name;
  std::string_view value;
};

// Splits on ';', trims spaces and tabs around names and values, and strips one
// pair of double quotes around a value. A pair without '=' has an empty name
// (RFC 6265bis). Empty pairs are skipped. Views point into `header`.
std::vector<CookiePair> ParseCookieHeader(std::string_view header);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_COOKIE_HEADER_H_
