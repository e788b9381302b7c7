// loader_config.cc — renders the stub's configuration (loader_config.h).
//
// The output is a JSON object (a JavaScript object literal) with these keys;
// js/src/stub/config.js reads them and docs/integration.md describes them:
//
//   v            1 (this layout)
//   site         site id
//   revision     policy revision
//   policy       the compiled policy, base64 (what the WASM engine reads)
//   engine       URL of the WASM engine
//   receipts     URL receipts are POSTed to ("" = none)
//   loader       URL of the deferred loader ("" = bundled with the stub)
//   region       the server's geo hint ("" = unknown)
//   cookie       consent cookie name
//   domains      registrable domains (Public Suffix List resolved): the
//                consent cookie goes on the one the page's host is under
//   wait         Consent Mode wait_for_update (ms)
//   languages    policy languages, first = default
//   policy_url   the site's privacy policy
//   categories   [[id, flags, {lang: label}, {lang: description}], …]
//                flags: 1 necessary, 2 sale or share
//   services     [[id, category index, flags, name], …]
//                flags: 1 gtag.js, 2 HubSpot tracking
//   urls         [[URL pattern, service index], …]  what the stub holds
//   cookies      [[cookie name pattern, category index], …]  what it guards
//   consent_mode [[default, default with GPC], …]: the arguments of
//                gtag('consent', 'default', …), e.g. {"ad_storage":"denied",
//                …, "wait_for_update":500, "region":["US-CA"]}; the first
//                entry has no region (everyone else).
//
// The URL and cookie patterns are those of the compiled policy, so the stub
// and the engine match the same things. The Consent Mode defaults are the
// engine's own decision for a first-time visitor of each regime (Evaluate()
// with no stored consent), with and without GPC.

#include "wafer/loader_config.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/escaping.h"
#include "wafer/compiled_policy.h"
#include "wafer/engine.h"
#include "wafer/policy.h"
#include "wafer/types.h"

namespace wafer {
namespace {

// Appends `s` as a JSON string that is also safe inside an inline <script>
// and in any JavaScript source: '<', '>', '&', U+2028 and U+2029 are escaped.
void AppendString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out->append("\\\""); continue;
      case '\\': out->append("\\\\"); continue;
      case '\n': out->append("\\n"); continue;
      case '\r': out->append("\\r"); continue;
      case '\t': out->append("\\t"); continue;
      default: break;
    }
    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out->append(buf);
      continue;
    }
    // U+2028 / U+2029 are E2 80 A8 / E2 80 A9 in UTF-8.
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out->append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
      i += 2;
      continue;
    }
    out->push_back(static_cast<char>(c));
  }
  out->push_back('"');
}

std::string Str(std::string_view s) {
  std::string out;
  AppendString(s, &out);
  return out;
}

void AppendKey(std::string_view key, std::string* out) {
  if (out->size() > 1) out->push_back(',');
  AppendString(key, out);
  out->push_back(':');
}

std::string Localized(const LocalizedText& text) {
  std::string out = "{";
  for (const auto& [lang, value] : text) {  // std::map: sorted, deterministic.
    if (out.size() > 1) out.push_back(',');
    out += Str(lang) + ":" + Str(value);
  }
  return out + "}";
}

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

// [default, default with GPC] for the regions listed (none: everyone else,
// decided as for an unknown region).
std::string ConsentModeEntry(const CompiledPolicy& p,
                             const std::vector<std::string_view>& regions) {
  const std::string_view region = regions.empty() ? std::string_view() : regions.front();
  return "[" +
         ConsentModeDefault(DefaultConsentMode(p, region, false), p.wait_for_update_ms, regions) +
         "," +
         ConsentModeDefault(DefaultConsentMode(p, region, true), p.wait_for_update_ms, regions) +
         "]";
}

const Category* FindCategory(const Policy& policy, std::string_view id) {
  for (const Category& c : policy.categories) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const Service* FindService(const Policy& policy, std::string_view id) {
  for (const Service& s : policy.services) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace

std::string RenderLoaderConfig(const Policy& policy, std::string_view compiled,
                               const LoaderUrls& urls, std::string_view region) {
  CompiledPolicy p;
  const bool ok = CompiledPolicy::Parse(compiled, &p);

  std::string out = "{";
  AppendKey("v", &out);
  out += "1";
  AppendKey("site", &out);
  AppendString(policy.site_id, &out);
  AppendKey("revision", &out);
  out += std::to_string(policy.revision);
  // An unreadable compiled policy is still rendered (as such): the engine then
  // fails closed and the stub keeps everything held.
  AppendKey("policy", &out);
  AppendString(absl::Base64Escape(absl::string_view(compiled.data(), compiled.size())), &out);
  AppendKey("engine", &out);
  AppendString(urls.engine, &out);
  AppendKey("receipts", &out);
  AppendString(urls.receipts, &out);
  AppendKey("loader", &out);
  AppendString(urls.loader, &out);
  AppendKey("region", &out);
  AppendString(region, &out);
  AppendKey("cookie", &out);
  AppendString(policy.cookie_name, &out);
  AppendKey("wait", &out);
  out += std::to_string(policy.wait_for_update_ms);
  AppendKey("policy_url", &out);
  AppendString(policy.policy_url, &out);

  AppendKey("languages", &out);
  out.push_back('[');
  for (size_t i = 0; i < policy.languages.size(); ++i) {
    if (i) out.push_back(',');
    AppendString(policy.languages[i], &out);
  }
  out.push_back(']');

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
  // decisions use).
  AppendKey("categories", &out);
  out.push_back('[');
  if (ok) {
    for (size_t i = 0; i < p.categories.size(); ++i) {
      const CompiledCategory& c = p.categories[i];
      const Category* source = FindCategory(policy, c.id);
      if (i) out.push_back(',');
      out += "[" + Str(c.id) + "," + std::to_string(c.flags) + "," +
             Localized(source ? source->label : LocalizedText()) + "," +
             Localized(source ? source->description : LocalizedText()) + "]";
    }
  }
  out.push_back(']');

  AppendKey("services", &out);
  out.push_back('[');
  if (ok) {
    for (size_t i = 0; i < p.services.size(); ++i) {
      const CompiledService& s = p.services[i];
      const Service* source = FindService(policy, s.id);
      if (i) out.push_back(',');
      out += "[" + Str(s.id) + "," + std::to_string(s.category) + "," + std::to_string(s.flags) +
             "," + Str(source && !source->name.empty() ? source->name : std::string(s.id)) + "]";
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
    for (const CompiledService& s : p.services) {
      for (std::string_view pattern : s.cookie_patterns) {
        if (!first) out.push_back(',');
        first = false;
        out += "[" + Str(pattern) + "," + std::to_string(s.category) + "]";
      }
    }
  }
  out.push_back(']');

  // Consent Mode defaults: everyone else first, then the listed regions
  // grouped by regime (every listed region is named, so that a specific
  // region keeps beating its country, as in the engine).
  AppendKey("consent_mode", &out);
  out.push_back('[');
  if (ok) {
    out += ConsentModeEntry(p, {});
    std::map<int, std::vector<std::string_view>> by_regime;
    for (const CompiledRegion& r : p.regions) by_regime[static_cast<int>(r.regime)].push_back(r.code);
    for (const auto& [regime, codes] : by_regime) out += "," + ConsentModeEntry(p, codes);
  } else {
    const std::string denied = ConsentModeDefault(0, policy.wait_for_update_ms, {});
    out += "[" + denied + "," + denied + "]";
  }
  out.push_back(']');

  out.push_back('}');
  return out;
}

}  // namespace wafer
