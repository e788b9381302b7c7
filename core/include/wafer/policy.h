// policy.h — a site's cookie policy: what it is, how it is read and checked.
//
// Site owners write the policy as JSON (docs/policy.md has the whole schema
// and a complete example). ParsePolicy() reads it strictly: every problem is
// reported with a stable code, the JSON path and what was expected, e.g.
//   [wafer.policy.duplicate_id] categories[2].id: duplicate id "analytics"
// Services may reference the built-in catalogue by id (catalogue.h); the
// parsed Policy has those references resolved.
//
//   std::vector<wafer::PolicyError> errors;
//   absl::StatusOr<wafer::Policy> policy = wafer::ParsePolicy(json, &errors);
//   if (!policy.ok()) {
//     for (const auto& e : errors) std::cerr << e.ToString() << "\n";
//   }
//
// Native only: this file uses nlohmann_json and Abseil and never ships to
// the browser.

#ifndef WAFER_CORE_INCLUDE_WAFER_POLICY_H_
#define WAFER_CORE_INCLUDE_WAFER_POLICY_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "wafer/types.h"

namespace wafer {

// Stable error codes; the string form ("wafer.policy.unknown_key") is what
// users search for. Never renumber.
enum class PolicyErrorCode {
  kSyntax = 1,            // Not JSON.
  kType = 2,              // Wrong JSON type.
  kMissing = 3,           // Required key absent.
  kUnknownKey = 4,        // Key not in the schema (message suggests one).
  kDuplicateId = 5,
  kUnknownReference = 6,  // Unknown category or catalogue service.
  kRange = 7,             // Number or count out of range.
  kFormat = 8,            // Malformed string (id, region, pattern, lifetime…).
  kUnlawful = 9,          // Against the rules Wafer enforces (pre-ticked opt-in…).
  kPublicSuffix = 10,     // A site domain that is a public suffix.
  // Warnings (PolicyWarnings()): the policy is valid, but visitors would be
  // served badly.
  kMixedCategory = 11,    // A category mixes services a visitor judges differently.
  kAdvancedConsentMode = 12,  // Consent Mode "advanced" where the opt-in regime applies.
  kTagManagerNecessary = 13,  // A tag manager in the necessary category.
};

std::string_view PolicyErrorCodeName(PolicyErrorCode code);

struct PolicyError {
  PolicyErrorCode code;
  std::string path;     // "categories[2].id"; "" for the document.
  std::string message;  // "duplicate id \"analytics\""
  // "[wafer.policy.duplicate_id] categories[2].id: duplicate id \"analytics\""
  std::string ToString() const;
};

// Text per language code ("en", "fr", "pt-BR").
using LocalizedText = std::map<std::string, std::string>;

// How long a cookie lives, as declared. Exactly one of session/seconds/months.
struct CookieLifetime {
  bool session = false;
  int64_t seconds = 0;  // For "30 minutes", "1 day", "400 days"…
  int months = 0;       // For "13 months", "2 years" (= 24 months).
  std::string text;     // As written: "13 months".
};

struct CookieDeclaration {
  std::string name;       // Exact, or a pattern with '*': "_ga_*".
  std::string provider;   // "Google", "HubSpot"…
  LocalizedText purpose;
  CookieLifetime lifetime;
  bool first_party = true;  // Set on the site's own domain (so deletable).
};

struct Category {
  std::string id;        // [a-z][a-z0-9_-]{0,31}
  bool necessary = false;
  LocalizedText label;
  LocalizedText description;
  // Default state per regime (index = Regime). Necessary: always true.
  // Opt-in default must be false for any other category.
  bool defaults[kRegimeCount] = {false, false, false};
  uint8_t consent_mode = 0;  // ConsentModeBit
  uint8_t hubspot = 0;       // HubSpotBit
  bool sale_or_share = false;
};

// What a service is to a visitor, who judges each kind on its own: an ad
// tracker is not a video. Catalogue services have one; a site's own service
// is advertising or audience measurement by what it declares (Consent Mode,
// HubSpot), else unknown.
enum class ServiceKind : uint8_t {
  kUnknown = 0,
  kAdvertising = 1,  // Ad conversion and retargeting tags, tracking pixels.
  kAnalytics = 2,    // Audience measurement.
  kEmbed = 3,        // Content shown in the page: videos, posts, social buttons.
  kFeature = 4,      // A site feature: forms, chat, maps.
  kTagManager = 5,   // Loads other tags: judged by what it loads.
};

struct Service {
  std::string id;
  std::string name;       // Shown to visitors: "Google Analytics 4".
  std::string provider;
  std::string privacy_url;
  std::string category;   // A category id.
  LocalizedText purpose;  // What it does, in one sentence (shown in the banner).
  std::vector<std::string> urls;  // URL patterns (compiled_policy.h).
  std::vector<CookieDeclaration> cookies;
  // Paths other than the page's own where the service's first-party cookies
  // may live ("/blog"): deleted there too, blindly, on refusal and withdrawal.
  std::vector<std::string> cookie_paths;
  uint8_t consent_mode = 0;  // ConsentModeBit
  uint8_t hubspot = 0;       // HubSpotBit
  uint8_t flags = 0;         // ServiceFlag
  bool from_catalogue = false;
  ServiceKind kind = ServiceKind::kUnknown;  // The catalogue's; see ServiceKindOf().
};

// The site's choices about its banner (top-level "banner" in the JSON).
struct BannerSettings {
  bool floating_button = true;  // The small "cookie settings" button.
  // Language → banner string key (banner_data.h, BannerTextKeys()) → text,
  // replacing the bundle's own wording: texts["fr"]["title"].
  std::map<std::string, std::map<std::string, std::string>> texts;
};

struct Policy {
  std::string site_id;               // [a-z0-9][a-z0-9_-]*
  std::vector<std::string> domains;  // Site hosts or domains: "kalido.fr".
  std::string policy_url;
  uint32_t revision = 1;
  std::vector<std::string> languages;  // First is the default.
  int consent_months = 13;
  int refusal_months = 6;
  int cookie_cap_months = 13;
  std::string cookie_name = "wafer_consent";
  uint32_t wait_for_update_ms = 500;
  // "basic": nothing of Google's loads before consent; "advanced": Google's
  // gtag.js tags load with their Consent Mode types denied (no cookies).
  ConsentModeKind consent_mode = ConsentModeKind::kBasic;
  Regime default_regime = Regime::kOptIn;
  std::map<std::string, Regime> regions;  // "US-CA" → kOptOut
  std::vector<Category> categories;
  std::vector<Service> services;
  BannerSettings banner;
};

// Reads and validates a policy. On failure returns InvalidArgument whose
// message is the first error; all errors found are appended to `errors`.
absl::StatusOr<Policy> ParsePolicy(std::string_view json,
                                   std::vector<PolicyError>* errors = nullptr);

// Things a valid policy should not do, or should do knowingly, as warnings
// (kMixedCategory; kAdvancedConsentMode: what "advanced" sends Google before
// consent where the opt-in regime applies; kTagManagerNecessary: a tag
// manager loaded before any choice, and what its tags then need), in policy order: `wafer check` prints them and exits 0. `policy` is a policy
// ParsePolicy() accepted.
//   [wafer.policy.mixed_category] categories[2]: "marketing" mixes …
std::vector<PolicyError> PolicyWarnings(const Policy& policy);

// What `service` is to a visitor: the catalogue's kind, else advertising
// (ad Consent Mode types, HubSpot advertisement or tracking), else audience
// measurement (analytics_storage, HubSpot analytics), else unknown.
ServiceKind ServiceKindOf(const Service& service);

// Parses a lifetime as written in policies: "session", "30 minutes",
// "24 hours", "1 day", "400 days", "13 months", "2 years".
bool ParseCookieLifetime(std::string_view text, CookieLifetime* out);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_POLICY_H_
