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
//   if (wafer::IsBannerLanguage(lang)) {   // the engine's Decision::banner_language
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

// The bundled banner languages, sorted: one per string table in
// js/src/banner/strings/ (<lang>.js), read when Wafer is built
// (core/CMakeLists.txt), so that adding a table adds the language to the
// compiled policies, the checks, the server and `wafer bundle`.
const std::vector<std::string_view>& BannerLanguages();

// True if `lang` is exactly one of BannerLanguages() ("fr", not "fr-CA").
bool IsBannerLanguage(std::string_view lang);

// The policy language that the bundle in `banner_language` shows
// (LanguageShownBy() in compiled_policy.h: the language whose own bundle it
// is, else the one it is a regional variant of, as the "pt-BR" bundle shows
// "pt" texts), else `banner_language` itself. The engine picks a bundle only
// with the language this gives back, so the data and the receipt agree.
std::string_view PolicyLanguageFor(const Policy& policy, std::string_view banner_language);

// The banner strings a policy may override in "banner.texts", in a fixed
// order: "title", "text", …, "load".
const std::vector<std::string_view>& BannerTextKeys();

// The `{name}` placeholders the banner fills in the string `key`: "blocked"
// takes {service} and {category}, "load" and "always_allow" take {service},
// the others none.
// Empty for an unknown key.
std::vector<std::string_view> BannerTextPlaceholders(std::string_view key);

// Renders the banner data for `policy` (as returned by ParsePolicy) for the
// bundle in `banner_language`, in the policy language it shows
// (PolicyLanguageFor(); "lang" in the data). Each localized text is taken in
// that language, else the policy's first language, else "en", else any
// language it has ("" if it has none). "texts" holds the policy's overrides
// for exactly that language. Deterministic for equal inputs.
//
// NOTE: `banner_language` is not checked; callers serving a banner bundle
// check IsBannerLanguage() first.
std::string RenderBannerData(const Policy& policy, std::string_view banner_language);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_BANNER_DATA_H_
