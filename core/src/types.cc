#include "wafer/types.h"

namespace wafer {
namespace {

template <size_t N>
std::string_view NameAt(const std::string_view (&names)[N], int i) {
  return i >= 0 && static_cast<size_t>(i) < N ? names[i] : std::string_view("unknown");
}

template <typename Enum, size_t N>
bool IndexOf(const std::string_view (&names)[N], std::string_view name, Enum* out) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) {
      *out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

constexpr std::string_view kRegimeNames[] = {"opt-in", "opt-out", "notice"};
constexpr std::string_view kMethodNames[] = {"none",   "accept-all", "reject-all", "custom",
                                             "gpc",    "closed",     "withdraw",   "opt-out",
                                             "once",   "allow"};
constexpr std::string_view kActionNames[] = {"accept-all", "reject-all", "custom", "withdraw",
                                             "close",      "opt-out",    "allow",  "allow-once"};
constexpr std::string_view kBannerReasonNames[] = {
    "none",           "first-visit",      "state-invalid",  "consent-lapsed", "refusal-lapsed",
    "revision-changed", "regime-changed", "notice",         "policy-invalid"};
constexpr std::string_view kElementKindNames[] = {"script", "iframe", "image",
                                                  "beacon", "link",   "other"};
constexpr std::string_view kElementReasonNames[] = {"allowed", "refused", "unmatched",
                                                    "unknown-marking", "policy-invalid",
                                                    "cookieless"};
constexpr std::string_view kConsentModeKindNames[] = {"basic", "advanced"};
constexpr std::string_view kConsentModeNames[] = {
    "ad_storage",            "ad_user_data",            "ad_personalization", "analytics_storage",
    "functionality_storage", "personalization_storage", "security_storage"};
constexpr std::string_view kHubSpotNames[] = {"analytics", "advertisement", "functionality"};

}  // namespace

std::string_view RegimeName(Regime r) { return NameAt(kRegimeNames, static_cast<int>(r)); }
std::string_view MethodName(Method m) { return NameAt(kMethodNames, static_cast<int>(m)); }
bool ParseMethod(std::string_view name, Method* out) { return IndexOf(kMethodNames, name, out); }
bool ParseRegime(std::string_view name, Regime* out) { return IndexOf(kRegimeNames, name, out); }
std::string_view ActionName(Action a) { return NameAt(kActionNames, static_cast<int>(a)); }
std::string_view BannerReasonName(BannerReason r) {
  return NameAt(kBannerReasonNames, static_cast<int>(r));
}
std::string_view ElementKindName(ElementKind k) {
  return NameAt(kElementKindNames, static_cast<int>(k));
}
std::string_view ElementReasonName(ElementReason r) {
  return NameAt(kElementReasonNames, static_cast<int>(r));
}
std::string_view ConsentModeKindName(ConsentModeKind k) {
  return NameAt(kConsentModeKindNames, static_cast<int>(k));
}
std::string_view ConsentModeTypeName(int i) { return NameAt(kConsentModeNames, i); }
std::string_view HubSpotCategoryName(int i) { return NameAt(kHubSpotNames, i); }

}  // namespace wafer
