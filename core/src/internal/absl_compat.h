// absl_compat.h — bridges std::string_view to Debian's Abseil.
//
// Debian's Abseil LTS 20220623 is built with its own absl::string_view, not
// an alias of std::string_view, so absl::StrCat and friends do not take a
// std::string_view. Wafer's headers use std::string_view (the engine must
// build without Abseil's strings library); native code converts at the call:
//
//   absl::StrCat(internal::Sv(path), ": ", internal::Sv(what));

#ifndef WAFER_CORE_SRC_INTERNAL_ABSL_COMPAT_H_
#define WAFER_CORE_SRC_INTERNAL_ABSL_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace wafer {
namespace internal {

inline absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace internal
}  // namespace wafer

#endif  // WAFER_CORE_SRC_INTERNAL_ABSL_COMPAT_H_
