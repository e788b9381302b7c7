// banner_data.h — the per-site, per-language data the banner bundle draws.
//
// The banner (js/dist/wafer.banner.<lang>.js, one per bundled language)
// carries its code and its own language's strings; what it shows about the
// site — category labels, services, cookies, the policy link, the site's own
// wording — comes from here, rendered by the server (or `wafer bundle`) into
// the template's placeholder `/*@WAFER_BANNER@*/null`
// (wafer/script_template.h). The result is a JavaScript object literal
// (JSON), safe inside an inline <script>.
//
//   if (wafer::IsBannerLanguage(lang)) {
//     std::string data = wafer::RenderBannerData(policy, lang);
//     // {"v":1,"site":"kalido","lang":"fr","dir":"ltr",…,"categories":[…],"services":[…]}
//   }
//
// Categories and services come in the compiled order: their indices are the
// ones the engine's decisions use (a service's "category" is such an index).
// docs/policy.md lists the banner string keys a policy may override.
//
// Native only.

#ifndef WAFER_CORE_INCLUDE_WAFER_BANNER_DATA_H_
#define WAFER_CORE_INCLUDE_WAFER_BANNER_DATA_H_

#include <string>
#include <string_view>
#include <vector>

#include "wafer/policy.h"

namespace wafer {

// The bundled banner languages, in a fixed order: "en","fr","de","es","it",
// "nl", then the others alphabetically ("ar", …, "pt", "pt-BR", …, "uk"): one
// per string table in js/src/banner/strings/ (js/build.mjs checks the list).
const std::vector<std::string_view>& BannerLanguages();

// True if `lang` is exactly one of BannerLanguages() ("fr", not "fr-CA").
bool IsBannerLanguage(std::string_view lang);

// The banner strings a policy may override in "banner.texts", in a fixed
// order: "title", "text", …, "load".
const std::vector<std::string_view>& BannerTextKeys();

// The `{name}` placeholders the banner fills in the string `key`: "blocked"
// takes {service} and {category}, "load" takes {service}, the others none.
// Empty for an unknown key.
std::vector<std::string_view> BannerTextPlaceholders(std::string_view key);

// Renders the banner data for `policy` (as returned by ParsePolicy) in
// `lang`. Each localized text is taken in `lang`, else the policy's first
// language, else "en", else any language it has ("" if it has none).
// "texts" holds the policy's overrides for exactly `lang` (no fallback: the
// bundle's own strings are in `lang`). Deterministic for equal inputs.
//
// NOTE: `lang` is not checked; callers serving a banner bundle check
// IsBannerLanguage() first.
std::string RenderBannerData(const Policy& policy, std::string_view lang);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_BANNER_DATA_H_
