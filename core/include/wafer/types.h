// types.h — the vocabulary shared by the policy compiler and the engine.
//
// Every enum here is part of a wire format (the compiled policy, the consent
// cookie, the facts and the decision), so the numeric values are stable:
// add new values at the end, never renumber.
//
//   wafer::Regime r = wafer::Regime::kOptIn;
//   absl::string_view name = wafer::RegimeName(r);  // "opt-in"
//   uint8_t cm = wafer::kAnalyticsStorage | wafer::kSecurityStorage;

#ifndef WAFER_CORE_INCLUDE_WAFER_TYPES_H_
#define WAFER_CORE_INCLUDE_WAFER_TYPES_H_

#include <cstdint>
#include <string_view>

namespace wafer {

// Limits of the compiled form. The policy validator reports a policy that
// exceeds them; the engine refuses a compiled policy that does.
inline constexpr int kMaxCategories = 32;
inline constexpr int kMaxServices = 64;
inline constexpr int kMaxCookiePaths = 16;  // Declared per service.
inline constexpr int kMaxMonths = 13;   // consent, refusal and cookie caps
inline constexpr int kMaxBannerLanguages = 64;  // Bundled banner languages a policy names.
inline constexpr int kConsentIdSize = 16;

// How the law treats a visitor's region.
enum class Regime : uint8_t {
  kOptIn = 0,   // EU/EEA/UK/CH: nothing but necessary until consent.
  kOptOut = 1,  // US states: trackers allowed until the visitor opts out.
  kNotice = 2,  // Inform only: categories run by their notice default.
};
inline constexpr int kRegimeCount = 3;

// How a consent state came to be. Stored in the consent cookie.
enum class Method : uint8_t {
  kNone = 0,       // No choice yet: a record kept only to track cookie age.
  kAcceptAll = 1,
  kRejectAll = 2,
  kCustom = 3,
  kGpc = 4,        // Global Privacy Control honoured as an opt-out.
  kClosed = 5,     // Banner closed (× or Esc): a refusal under opt-in.
  kWithdraw = 6,   // Consent withdrawn from the preferences.
  kOptOut = 7,     // "Do Not Sell or Share My Personal Information".
  kOnce = 8,       // A placeholder's one-time load: services for one page view.
                   // Such a state is recorded (receipt), never stored.
  kAllow = 9,      // Services allowed from a placeholder before any answer to
                   // the banner: they run, and the banner still asks.
};
inline constexpr int kMethodCount = 10;

// A visitor's action, given to Apply().
enum class Action : uint8_t {
  kAcceptAll = 0,
  kRejectAll = 1,
  kCustom = 2,    // The granted categories are listed in the choice.
  kWithdraw = 3,  // Back to necessary only; the trackers' cookies go.
  kClose = 4,     // Refusal under opt-in; the regime's defaults otherwise.
  kOptOut = 5,    // Deny the sale/share categories, keep the rest.
  kAllow = 6,     // Grant the listed services on top of the stored choice
                  // (a placeholder's "always allow"); stored.
  kAllowOnce = 7, // The listed services for this page view only (a
                  // placeholder's one-time load); recorded, not stored.
};
inline constexpr int kActionCount = 8;

// Why the banner shows (or kNone).
enum class BannerReason : uint8_t {
  kNone = 0,
  kFirstVisit = 1,       // No stored consent.
  kStateInvalid = 2,     // Stored consent corrupt, foreign or tampered with.
  kConsentLapsed = 3,    // Consent older than the consent lifetime.
  kRefusalLapsed = 4,    // Refusal older than the refusal lifetime.
  kRevisionChanged = 5,  // Given under an earlier policy revision.
  kRegimeChanged = 6,    // Given under a laxer regime than the current one.
  kNotice = 7,           // Opt-out or notice regime: inform, offer the opt-out.
  kPolicyInvalid = 8,    // The compiled policy could not be read: fail closed.
};
inline constexpr int kBannerReasonCount = 9;

// How the site uses Google Consent Mode (policy "consent.consent_mode").
enum class ConsentModeKind : uint8_t {
  kBasic = 0,     // Google's tags are held until their service may run.
  kAdvanced = 1,  // Google's gtag.js tags load before consent with their
                  // Consent Mode types denied (cookieless pings); their
                  // cookies are still refused and deleted.
};
inline constexpr int kConsentModeKindCount = 2;

// What kind of element the loader holds.
enum class ElementKind : uint8_t {
  kScript = 0,
  kIframe = 1,
  kImage = 2,
  kBeacon = 3,  // fetch, XMLHttpRequest or navigator.sendBeacon.
  kLink = 4,
  kOther = 5,
};
inline constexpr int kElementKindCount = 6;

// Why a held element is released or kept.
enum class ElementReason : uint8_t {
  kAllowed = 0,          // Its service (or marked category) is allowed: release.
  kRefused = 1,          // Its service (or marked category) is not allowed: keep.
  kUnmatched = 2,        // No service matches it: keep (fail closed).
  kUnknownMarking = 3,   // Marked with a category or service the policy lacks.
  kPolicyInvalid = 4,    // No readable policy: keep.
  kCookieless = 5,       // Its service may not run, but it is a Google tag and the
                         // policy chose Consent Mode advanced: release; it runs
                         // with its types denied and its cookies refused.
};
inline constexpr int kElementReasonCount = 6;

// Google Consent Mode v2 types, as bits.
enum ConsentModeBit : uint8_t {
  kAdStorage = 1 << 0,
  kAdUserData = 1 << 1,
  kAdPersonalization = 1 << 2,
  kAnalyticsStorage = 1 << 3,
  kFunctionalityStorage = 1 << 4,
  kPersonalizationStorage = 1 << 5,
  kSecurityStorage = 1 << 6,
};
inline constexpr int kConsentModeTypeCount = 7;

// HubSpot privacy consent categories, as bits.
enum HubSpotBit : uint8_t {
  kHubSpotAnalytics = 1 << 0,
  kHubSpotAdvertisement = 1 << 1,
  kHubSpotFunctionality = 1 << 2,
};

// Service flags in the compiled policy.
enum ServiceFlag : uint8_t {
  kServiceGtag = 1 << 0,             // A gtag.js tag: takes cookie_expires.
  kServiceHubSpotTracking = 1 << 1,  // HubSpot's tracking code: doNotTrack.
};

// Category flags in the compiled policy.
enum CategoryFlag : uint8_t {
  kCategoryNecessary = 1 << 0,   // Always on; cannot be refused.
  kCategorySaleOrShare = 1 << 1, // Sale/sharing or targeted ads: GPC opts out.
};

// Names as written in policies, the CLI's JSON and the loader's API.
std::string_view RegimeName(Regime r);
std::string_view MethodName(Method m);
// The method or regime named `name` (as MethodName/RegimeName write it);
// false if none is.
bool ParseMethod(std::string_view name, Method* out);
bool ParseRegime(std::string_view name, Regime* out);
std::string_view ActionName(Action a);
std::string_view BannerReasonName(BannerReason r);
std::string_view ElementKindName(ElementKind k);
std::string_view ElementReasonName(ElementReason r);
std::string_view ConsentModeKindName(ConsentModeKind k);  // "basic", "advanced"
// Consent Mode type name of bit index i (0..6): "ad_storage", ...
std::string_view ConsentModeTypeName(int i);
// HubSpot category name of bit index i (0..2): "analytics", ...
std::string_view HubSpotCategoryName(int i);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_TYPES_H_
