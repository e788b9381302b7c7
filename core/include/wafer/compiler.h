// compiler.h — turns a validated policy into the engine's compact form.
//
// The output is deterministic byte for byte: the same policy (whatever the
// order of its JSON keys) and the same Public Suffix List give the same bytes,
// so compiled policies can be content-hashed and cached immutably.
//
//   absl::StatusOr<std::string> bytes = wafer::CompilePolicy(policy, psl);
//   wafer::CompiledPolicy view;
//   wafer::CompiledPolicy::Parse(*bytes, &view);  // true

#ifndef WAFER_CORE_INCLUDE_WAFER_COMPILER_H_
#define WAFER_CORE_INCLUDE_WAFER_COMPILER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "wafer/compiled_policy.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace wafer {

// Compiles `policy` (as returned by ParsePolicy) into the format documented
// in compiled_policy.h. Fails only on what validation cannot know: a site
// domain that the Public Suffix List says is a public suffix.
absl::StatusOr<std::string> CompilePolicy(const Policy& policy, const PublicSuffixList& psl);

// The same, naming `banner_languages` as the bundled banner languages instead
// of BannerLanguages() (banner_data.h): for tests of the language rule with
// bundles this build does not have.
absl::StatusOr<std::string> CompilePolicy(const Policy& policy, const PublicSuffixList& psl,
                                          const std::vector<std::string_view>& banner_languages);

// The site key derived from the site id (SipHash of the id under a fixed key).
SiteKey DeriveSiteKey(std::string_view site_id);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_COMPILER_H_
