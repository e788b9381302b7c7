// engine.h — the decision: which tags run, which cookies go, what to store.
//
// Evaluate() and Apply() are pure functions of a compiled policy and the
// facts the loader gathers: they read no clock, no cookie jar and no random
// source. The same code runs natively (server, CLI, tests) and as the WASM
// engine in the browser.
//
//   wafer::CompiledPolicy policy;            // see compiled_policy.h
//   wafer::Facts facts;
//   facts.now = 1767225600;                  // 2026-01-01T00:00:00Z
//   facts.region = "FR";
//   facts.elements.push_back({wafer::ElementKind::kScript,
//       "https://www.googletagmanager.com/gtag/js?id=G-1", "", ""});
//   wafer::Decision d = wafer::Evaluate(policy, facts);
//   // d.show_banner == true, d.reason == kFirstVisit, elements[0] kept.
//
// Time is Unix seconds in UTC. "N months" is N calendar months in UTC
// (calendar.h): a consent given 2025-01-31T10:00Z lapses 2026-02-28T10:00Z.

#ifndef WAFER_CORE_INCLUDE_WAFER_ENGINE_H_
#define WAFER_CORE_INCLUDE_WAFER_ENGINE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wafer/compiled_policy.h"
#include "wafer/types.h"

namespace wafer {

struct ConsentState;  // consent_state.h

// One element the loader holds: a script, iframe, image, link or request.
struct HeldElement {
  ElementKind kind = ElementKind::kScript;
  std::string_view url;       // Empty for inline scripts.
  std::string_view category;  // data-wafer-category, if marked up.
  std::string_view service;   // data-wafer-service, if marked up.
};

// What the loader knows about this page view.
struct Facts {
  int64_t now = 0;                      // Unix seconds, UTC.
  std::string_view region;              // ISO 3166 code, "" if unknown.
  bool gpc = false;                     // navigator.globalPrivacyControl.
  std::vector<std::string_view> languages;  // Page lang, then the browser's.
  std::string_view host;                // location.hostname (lower case).
  std::string_view path;                // location.pathname.
  std::string_view cookies;             // document.cookie as read: "a=1; b=2".
  std::string_view stored_mirror;       // The consent cookie's localStorage mirror.
  std::array<uint8_t, kConsentIdSize> fresh_id{};  // Random; used if a new id is needed.
  std::vector<HeldElement> elements;    // In document order.
  // Services the visitor allowed for this page view only (a placeholder's
  // one-time load): allowed in every decision for the page, never stored.
  std::vector<std::string_view> page_services;
};

// One service's own choice in a Choice.
struct ServiceGrant {
  std::string_view id;
  bool granted = false;
};

// A visitor's choice, for Apply().
struct Choice {
  Action action = Action::kRejectAll;
  std::vector<std::string_view> granted;  // Category ids, for kCustom.
  // Services whose choice differs from their category's switch (kCustom:
  // "YouTube on in a refused marketing"), or the services to grant (kAllow,
  // kAllowOnce: entries with granted false are ignored by kAllowOnce).
  std::vector<ServiceGrant> services;
};

struct ElementVerdict {
  bool release = false;
  ElementReason reason = ElementReason::kUnmatched;
  int service = -1;   // Index into policy.services, or -1.
  int category = -1;  // Index into policy.categories, or -1.
};

// gtag.js `cookie_expires` for one allowed gtag service, to pass with
// `cookie_update: false` so its cookies never outlive the cookie cap.
struct GtagExpiry {
  int service = -1;
  int64_t cookie_expires = 0;  // Seconds.
};

// The consent state as it stands after this decision, decoded.
struct ConsentSummary {
  bool present = false;  // False: nothing stored and nothing to store.
  std::array<uint8_t, kConsentIdSize> consent_id{};
  int64_t given_at = 0;
  int64_t expires_at = 0;  // When it lapses (consent or refusal lifetime).
  Method method = Method::kNone;
};

struct Decision {
  bool policy_ok = false;
  Regime regime = Regime::kOptIn;
  bool show_banner = true;
  BannerReason reason = BannerReason::kPolicyInvalid;
  // The one language of everything the visitor reads (docs/engine.md
  // "Language"): an index into policy.languages (the site's texts; the
  // receipt records it), and the bundled banner language that shows it (one
  // of policy.banner_languages, "" when the policy names none).
  int language = 0;
  std::string_view banner_language;

  // Bit i: policy.categories[i]'s own choice (its switch) is on.
  uint32_t allowed_categories = 0;
  // Bit i: policy.services[i] may run: its own choice, else its category's;
  // plus the services allowed for this page only (facts.page_services).
  uint64_t allowed_services = 0;
  // Bit i: policy.services[i] may not run, but loads anyway: a Google gtag.js
  // tag under Consent Mode "advanced" (policy.consent_mode), which runs with
  // its Consent Mode types denied and sends cookieless pings. Its held
  // elements are released (reason kCookieless) and its requests pass; its
  // cookies are refused and deleted like any refused service's. Outside
  // opt-in, never a service of a sale/share category (GPC, "Do Not Sell or
  // Share", refused on its own or off by default). Always 0 under "basic".
  uint64_t cookieless_services = 0;

  uint8_t consent_mode = 0;  // ConsentModeBit: granted types.
  uint8_t hubspot = 0;       // HubSpotBit: granted categories.
  bool hubspot_do_not_track = false;
  bool gpc_honoured = false;

  std::vector<ElementVerdict> elements;  // Same order as facts.elements.

  // Cookies to delete now (names, no duplicates): the ones present whose
  // service is refused (views into facts.cookies) and, after a choice, the
  // declared names of refused services with declared cookie paths (views
  // into the policy), which the page may not see. Try every name on every
  // domain candidate ("" = host-only, no Domain attribute) and every path
  // candidate.
  std::vector<std::string_view> delete_cookies;
  std::vector<std::string_view> delete_domains;  // Views into facts.host.
  // Views into facts.path (the page's path and its parents), then the
  // declared cookie paths of the services concerned (into the policy).
  std::vector<std::string_view> delete_paths;

  std::vector<GtagExpiry> gtag;

  // The consent cookie to write when state_changed; empty means delete it.
  bool state_changed = false;
  std::string state;
  ConsentSummary consent;

  bool CategoryAllowed(int i) const { return (allowed_categories >> i) & 1u; }
  bool ServiceAllowed(int i) const { return (allowed_services >> i) & 1u; }
  bool ServiceCookieless(int i) const { return (cookieless_services >> i) & 1u; }
};

// Decides for one page view.
// NOTE: the stored consent is the first consent-cookie value in facts.cookies
// that decodes, else the mirror; an unreadable one counts as none (and is
// cleared). Use FailClosed() when no policy could be read.
Decision Evaluate(const CompiledPolicy& policy, const Facts& facts);

// Applies a visitor's choice on top of the facts' stored consent and decides
// again. The result has state_changed set and carries the new state; the
// consent id is kept when a valid one is stored, else facts.fresh_id.
// NOTE: unknown ids in choice.granted and choice.services are ignored;
// necessary categories and their services are always granted.
// kAllowOnce stores nothing: the result is the decision for this page view
// with the services allowed, state_changed is false, and `state` (with
// `consent`) is the record of that one-time consent (method kOnce) for the
// receipt; the loader adds the services to facts.page_services from then on.
Decision Apply(const CompiledPolicy& policy, const Facts& facts, const Choice& choice);

// A decision that keeps everything held, for when no policy can be read.
Decision FailClosed(const Facts& facts);

// When `state` lapses under `policy` (Unix seconds): given_at plus the
// consent lifetime, or the refusal lifetime if it grants no category beyond
// the necessary ones; a one-time load (method kOnce) ends when it is given.
// The server's receipts use this same rule.
int64_t ConsentExpiresAt(const CompiledPolicy& policy, const ConsentState& state);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_ENGINE_H_
