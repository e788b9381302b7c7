// cookie_header_fuzzer.cc — ParseCookieHeader() on arbitrary bytes.
//
// `document.cookie` and Cookie request headers are attacker-shaped: any page
// script or upstream proxy can set odd cookies. Checks what cookie_header.h
// promises: every name and value is a view into the input, in input order,
// with no ';' inside, names trimmed and free of '=', and never more than
// kMaxCookiePairs pairs.
//
//   clang++-14: scripts/fuzz.sh cookie_header 60
//   g++ (replay): ctest -R fuzz_replay_cookie_header

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "wafer/cookie_header.h"

#define WAFER_FUZZ_CHECK(cond)                                                         \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

namespace {

// True if `part` is a view into `whole` (an empty view anywhere inside or at
// the end counts; an empty view with a null pointer is accepted too).
bool IsViewInto(std::string_view part, std::string_view whole) {
  if (part.empty() && part.data() == nullptr) return true;
  const char* begin = whole.data();
  const char* end = whole.data() + whole.size();
  return part.data() >= begin && part.data() + part.size() <= end;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  const std::vector<wafer::CookiePair> pairs = wafer::ParseCookieHeader(header);

  WAFER_FUZZ_CHECK(pairs.size() <= wafer::kMaxCookiePairs);
  const char* previous_end = header.data();
  for (const wafer::CookiePair& p : pairs) {
    WAFER_FUZZ_CHECK(IsViewInto(p.name, header));
    WAFER_FUZZ_CHECK(IsViewInto(p.value, header));
    WAFER_FUZZ_CHECK(p.name.find(';') == std::string_view::npos);
    WAFER_FUZZ_CHECK(p.value.find(';') == std::string_view::npos);
    // The name ends at the first '=' of its pair and is trimmed.
    WAFER_FUZZ_CHECK(p.name.find('=') == std::string_view::npos);
    if (!p.name.empty()) {
      WAFER_FUZZ_CHECK(!IsBlank(p.name.front()) && !IsBlank(p.name.back()));
    }
    // Pairs come in input order and do not overlap.
    if (!p.name.empty()) {
      WAFER_FUZZ_CHECK(p.name.data() >= previous_end);
      previous_end = p.name.data() + p.name.size();
    }
    if (!p.value.empty()) {
      WAFER_FUZZ_CHECK(p.value.data() >= previous_end);
      previous_end = p.value.data() + p.value.size();
    }
  }
  return 0;
}
