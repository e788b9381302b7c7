// script_template.h — filling the served scripts' placeholders.
//
// The stub and the banner bundles are built once (js/build.mjs) as templates
// holding one literal placeholder each; the server, and `wafer bundle` for
// sites without the server, replace it with data rendered for one site:
//
//   stub   wafer.stub.js              /*@WAFER_CONFIG@*/null  ← RenderLoaderConfig()
//   banner wafer.banner.<lang>.js     /*@WAFER_BANNER@*/null  ← RenderBannerData()
//
//   absl::StatusOr<std::string> js =
//       wafer::FillScriptTemplate(stub, wafer::kConfigPlaceholder, config);
//
// The placeholder is a comment followed by `null`, so an unfilled template is
// still valid JavaScript (and fails closed: no config, nothing released).

#ifndef WAFER_CORE_INCLUDE_WAFER_SCRIPT_TEMPLATE_H_
#define WAFER_CORE_INCLUDE_WAFER_SCRIPT_TEMPLATE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wafer {

inline constexpr std::string_view kConfigPlaceholder = "/*@WAFER_CONFIG@*/null";
inline constexpr std::string_view kBannerPlaceholder = "/*@WAFER_BANNER@*/null";

// OK if `script` holds `placeholder` exactly once; else FailedPrecondition
// saying whether it is missing or how many times it occurs. Two occurrences
// are refused because which one the data should replace is unknowable.
absl::Status CheckScriptTemplate(std::string_view script, std::string_view placeholder);

// `script` with its single `placeholder` replaced by `value`; the error of
// CheckScriptTemplate() otherwise.
absl::StatusOr<std::string> FillScriptTemplate(std::string_view script,
                                               std::string_view placeholder,
                                               std::string_view value);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_SCRIPT_TEMPLATE_H_
