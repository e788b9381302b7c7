// loader_config.cc — renders the stub's configuration (loader_config.h).
//
// The output is a JSON object (a JavaScript object literal) with these keys;
// the stub (js/src/stub) and the loader (js/src/loader) read them and
// docs/integration.md describes them. It carries only what holding and
// deciding need: every text (labels, descriptions, service names, the privacy
// policy's URL) is in the banner data (banner_data.h), which only a visitor
// who sees the banner downloads.
//
//   v            2 (this layout)
//   site         site id
//   revision     policy revision
//   policy       the compiled policy, base64 (what the WASM engine reads),
//                when LoaderUrls::policy is empty
//   policy_file  URL of the compiled policy as a file (content-hashed,
//                immutable), when LoaderUrls::policy is set; `policy` is
//                then absent
//   engine       URL of the WASM engine
//   loader       URL of the deferred loader ("" = bundled with the stub)
//   banner       URL of the banner bundle, "{lang}" where the language goes
//                ("" = none)
//   placeholder  URL of wafer.placeholder.js, which draws click-to-load
//                placeholders with the banner bundle's strings ("" = none)
//   receipts     URL receipts are POSTed to ("" = none)
//   token        the page-view token the loader posts with each receipt
//                (LoaderUrls::token); absent when there is none
//   region       the server's geo hint ("" = unknown)
//   cookie       consent cookie name
//   wait         Consent Mode wait_for_update (ms)
//   reopen       1: the loader draws the floating button that reopens the
//                preferences once a choice is stored (policy
//                banner.floating_button); absent otherwise
//   languages    policy languages, first = default
//   lang         the banner language for a visitor whose languages the
//                policy does not have (the engine's answer with none): the
//                loader shows the fail-closed banner in it when the engine
//                cannot load ("" when the compiled policy is unreadable)
//   domains      registrable domains (Public Suffix List resolved): the
//                consent cookie goes on the one the page's host is under
//   categories   [[id, flags], …]  flags: 1 necessary, 2 sale or share
//   services     [[id, category index, flags], …]
//                flags: 1 gtag.js, 2 HubSpot tracking
//   urls         [[URL pattern, service index], …]  what the stub holds
//   cookies      [[cookie name pattern, service index], …]  what it guards:
//                a write is allowed when that service may run
//   consent_mode [[default, default with GPC], …]: the arguments of
//                gtag('consent', 'default', …), e.g. {"ad_storage":"denied",
//                …, "wait_for_update":500, "region":["US-CA"]}, every type
//                named; the GPC one is 0 when it is the same as the default
//                (opt-in regions: GPC changes nothing). The first entry has
//                no region (everyone else).
//
// Categories and services are in the compiled order (the indices the
// engine's decisions use). The URL and cookie patterns are those of the
// compiled policy, so the stub and the engine match the same things. The
// Consent Mode defaults are the engine's own decision for a first-time
// visitor of each regime (Evaluate() with no stored consent), with and
// without GPC.

#include "wafer/loader_config.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/escaping.h"
#include "internal/js_literal.h"
#include "wafer/compiled_policy.h"
#include "wafer/engine.h"
#include "wafer/policy.h"
#include "wafer/types.h"

namespace wafer {
namespace {

// JSON strings safe inside an inline <script> ('<', '>', '&', U+2028/9
// escaped), shared with the banner data (banner_data.cc).
using internal::AppendKey;
using internal::AppendString;
using internal::Str;

// The Consent Mode types granted to a first-time visitor whose region is
// `region` (its regime), with or without GPC: the engine's own decision, so
// that the defaults the stub pushes are what the engine will decide.
uint8_t DefaultConsentMode(const CompiledPolicy& p, std::string_view region, bool gpc) {
  Facts facts;
  facts.region = region;
  facts.gpc = gpc;
  return Evaluate(p, facts).consent_mode;
}

// One gtag('consent', 'default', …) argument: every type granted or denied,
// wait_for_update, and the regions it is for (none: everyone else).
std::string ConsentModeDefault(uint8_t granted, uint32_t wait_ms,
                               const std::vector<std::string_view>& regions) {
  std::string out = "{";
  for (int i = 0; i < kConsentModeTypeCount; ++i) {
    out += Str(ConsentModeTypeName(i)) + ":" + ((granted >> i) & 1 ? "\"granted\"," : "\"denied\",");
  }
  out += "\"wait_for_update\":" + std::to_string(wait_ms);
  if (!regions.empty()) {
    out += ",\"region\":[";
    for (size_t i = 0; i < regions.size(); ++i) {
      if (i) out.push_back(',');
      out += Str(regions[i]);
    }
    out += "]";
  }
  return out + "}";
}

// [default, default with GPC or 0 if the same] for the regions listed (none:
// everyone else, decided as for an unknown region).
std::string ConsentModeEntry(const CompiledPolicy& p,
                             const std::vector<std::string_view>& regions) {
  const std::string_view region = regions.empty() ? std::string_view() : regions.front();
  const uint8_t plain = DefaultConsentMode(p, region, false);
  const uint8_t gpc = DefaultConsentMode(p, region, true);
  return "[" + ConsentModeDefault(plain, p.wait_for_update_ms, regions) + "," +
         (gpc == plain ? std::string("0") : ConsentModeDefault(gpc, p.wait_for_update_ms, regions)) +
         "]";
}

}  // namespace

std::string RenderLoaderConfig(const Policy& policy, std::string_view compiled,
                               const LoaderUrls& urls, std::string_view region) {
  CompiledPolicy p;
  const bool ok = CompiledPolicy::Parse(compiled, &p);

  std::string out = "{";
  AppendKey("v", &out);
  out += "2";
  AppendKey("site", &out);
  AppendString(policy.site_id, &out);
  AppendKey("revision", &out);
  out += std::to_string(policy.revision);
  // An unreadable compiled policy is still rendered (as such): the engine then
  // fails closed and the stub keeps everything held.
  if (urls.policy.empty()) {
    AppendKey("policy", &out);
    AppendString(absl::Base64Escape(absl::string_view(compiled.data(), compiled.size())), &out);
  } else {
    AppendKey("policy_file", &out);
    AppendString(urls.policy, &out);
  }
  AppendKey("engine", &out);
  AppendString(urls.engine, &out);
  AppendKey("loader", &out);
  AppendString(urls.loader, &out);
  AppendKey("banner", &out);
  AppendString(urls.banner, &out);
  AppendKey("placeholder", &out);
  AppendString(urls.placeholder, &out);
  AppendKey("receipts", &out);
  AppendString(urls.receipts, &out);
  if (!urls.token.empty()) {
    AppendKey("token", &out);
    AppendString(urls.token, &out);
  }
  AppendKey("region", &out);
  AppendString(region, &out);
  AppendKey("cookie", &out);
  AppendString(policy.cookie_name, &out);
  AppendKey("wait", &out);
  out += std::to_string(policy.wait_for_update_ms);
  // Drawn by the loader, so that it shows on every page (a returning visitor
  // never downloads the banner bundle); absent when off, to keep the stub small.
  if (policy.banner.floating_button) {
    AppendKey("reopen", &out);
    out += "1";
  }

  AppendKey("languages", &out);
  out.push_back('[');
  for (size_t i = 0; i < policy.languages.size(); ++i) {
    if (i) out.push_back(',');
    AppendString(policy.languages[i], &out);
  }
  out.push_back(']');

  AppendKey("lang", &out);
  AppendString(ok ? Evaluate(p, Facts()).banner_language : std::string_view(), &out);

  AppendKey("domains", &out);
  out.push_back('[');
  if (ok) {
    for (size_t i = 0; i < p.domains.size(); ++i) {
      if (i) out.push_back(',');
      AppendString(p.domains[i], &out);
    }
  }
  out.push_back(']');

  // Categories and services in the compiled order (the indices the engine's
  // decisions use): ids and flags only (their texts are in the banner data).
  AppendKey("categories", &out);
  out.push_back('[');
  if (ok) {
    for (size_t i = 0; i < p.categories.size(); ++i) {
      const CompiledCategory& c = p.categories[i];
      if (i) out.push_back(',');
      out += "[" + Str(c.id) + "," + std::to_string(c.flags) + "]";
    }
  }
  out.push_back(']');

  AppendKey("services", &out);
  out.push_back('[');
  if (ok) {
    for (size_t i = 0; i < p.services.size(); ++i) {
      const CompiledService& s = p.services[i];
      if (i) out.push_back(',');
      out += "[" + Str(s.id) + "," + std::to_string(s.category) + "," + std::to_string(s.flags) +
             "]";
    }
  }
  out.push_back(']');

  // The URL patterns also come from the source policy when the compiled one
  // is unreadable: the stub then still holds the trackers (and the engine,
  // with no policy, releases nothing).
  AppendKey("urls", &out);
  out.push_back('[');
  bool first = true;
  auto url = [&](std::string_view pattern, size_t service) {
    if (!first) out.push_back(',');
    first = false;
    out += "[" + Str(pattern) + "," + std::to_string(service) + "]";
  };
  if (ok) {
    for (size_t i = 0; i < p.services.size(); ++i) {
      for (std::string_view pattern : p.services[i].url_patterns) url(pattern, i);
    }
  } else {
    for (size_t i = 0; i < policy.services.size(); ++i) {
      for (const std::string& pattern : policy.services[i].urls) url(pattern, i);
    }
  }
  out.push_back(']');

  AppendKey("cookies", &out);
  out.push_back('[');
  first = true;
  if (ok) {
    for (size_t i = 0; i < p.services.size(); ++i) {
      for (std::string_view pattern : p.services[i].cookie_patterns) {
        if (!first) out.push_back(',');
        first = false;
        out += "[" + Str(pattern) + "," + std::to_string(i) + "]";
      }
    }
  }
  out.push_back(']');

  // Consent Mode defaults: everyone else first, then the listed regions
  // grouped by regime (every listed region is named, so that a specific
  // region keeps beating its country, as in the engine). Unreadable policy:
  // everything denied.
  AppendKey("consent_mode", &out);
  out.push_back('[');
  if (ok) {
    out += ConsentModeEntry(p, {});
    std::map<int, std::vector<std::string_view>> by_regime;
    for (const CompiledRegion& r : p.regions) by_regime[static_cast<int>(r.regime)].push_back(r.code);
    for (const auto& [regime, codes] : by_regime) out += "," + ConsentModeEntry(p, codes);
  } else {
    out += "[" + ConsentModeDefault(0, policy.wait_for_update_ms, {}) + ",0]";
  }
  out.push_back(']');

  out.push_back('}');
  return out;
}

}  // namespace wafer
