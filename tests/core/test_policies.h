// test_policies.h — compiled policies for engine tests, built the real way.
//
// A test writes its policy as JSON; CompileTestPolicy() reads it with
// ParsePolicy(), compiles it with CompilePolicy() against the system's Public
// Suffix List and parses the bytes back with CompiledPolicy::Parse(). Any
// failure fails the test with every policy error, so a test never runs on a
// policy that the product would refuse.
//
//   wafer::testutil::TestPolicy p;
//   ASSERT_TRUE(wafer::testutil::CompileTestPolicy(wafer::testutil::kShopPolicy, &p));
//   wafer::Decision d = wafer::Evaluate(p.policy(), facts);

#ifndef WAFER_TESTS_CORE_TEST_POLICIES_H_
#define WAFER_TESTS_CORE_TEST_POLICIES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace wafer {
namespace testutil {

// A realistic shop: GA4 in analytics; Google Ads and HubSpot in marketing
// (sale/share); YouTube embeds in media; a checkout provider that is strictly
// necessary. Opt-in by default, notice for the US, opt-out for California.
// Marketing is off by default under notice.
inline constexpr char kShopPolicy[] = R"json({
  "site": {
    "id": "example-shop",
    "domains": ["example.co.uk", "www.example.fr"],
    "policy_url": "https://www.example.co.uk/cookies"
  },
  "revision": 3,
  "languages": ["en", "fr", "de"],
  "regimes": {
    "default": "opt-in",
    "regions": {"US": "notice", "US-CA": "opt-out", "CH": "opt-in"}
  },
  "categories": [
    {"id": "necessary", "necessary": true,
     "label": {"en": "Strictly necessary", "fr": "Strictement nécessaires"}},
    {"id": "analytics",
     "label": {"en": "Audience measurement", "fr": "Mesure d'audience"},
     "consent_mode": ["analytics_storage"], "hubspot": ["analytics"]},
    {"id": "marketing",
     "label": {"en": "Advertising", "fr": "Publicité"},
     "consent_mode": ["ad_storage", "ad_user_data", "ad_personalization"],
     "hubspot": ["advertisement"], "sale_or_share": true,
     "defaults": {"notice": false}},
    {"id": "media",
     "label": {"en": "Videos", "fr": "Vidéos"},
     "consent_mode": ["functionality_storage", "personalization_storage"],
     "hubspot": ["functionality"]}
  ],
  "services": [
    {"id": "google-analytics", "category": "analytics"},
    {"id": "google-ads", "category": "marketing"},
    {"id": "hubspot", "category": "marketing"},
    {"id": "youtube", "category": "media"},
    {"id": "checkout", "name": "Checkout", "provider": "Example Pay", "category": "necessary",
     "urls": ["pay.example-psp.com"],
     "cookies": [{"name": "__psp_session", "lifetime": "session"}]}
  ]
})json";

// Indices in kShopPolicy (policy order is kept by the compiler).
inline constexpr int kNecessary = 0, kAnalytics = 1, kMarketing = 2, kMedia = 3;
inline constexpr int kGoogleAnalytics = 0, kGoogleAds = 1, kHubSpot = 2, kYouTube = 3,
                     kCheckout = 4;

// A compiled policy and the bytes its views point into.
class TestPolicy {
 public:
  const CompiledPolicy& policy() const { return policy_; }
  const std::string& bytes() const { return *bytes_; }

 private:
  friend ::testing::AssertionResult CompileTestPolicy(std::string_view json, TestPolicy* out,
                                                      const std::vector<std::string>& languages,
                                                      const std::vector<std::string_view>* banners);
  std::shared_ptr<const std::string> bytes_;
  CompiledPolicy policy_;
};

// The system's Public Suffix List, read once.
inline const PublicSuffixList* SystemPublicSuffixList() {
  static const absl::StatusOr<PublicSuffixList>* const psl =
      new absl::StatusOr<PublicSuffixList>(PublicSuffixList::Load(kDefaultPublicSuffixListPath));
  return psl->ok() ? &**psl : nullptr;
}

// Parses, compiles and re-reads `json`; on failure says why, with every
// policy error. With `languages`, the parsed policy's languages are replaced
// by them before compiling (their texts are not compiled), and with
// `banner_languages` the compiled policy names those bundles: to test the
// language rule with languages this build has no bundle for.
inline ::testing::AssertionResult CompileTestPolicy(
    std::string_view json, TestPolicy* out, const std::vector<std::string>& languages = {},
    const std::vector<std::string_view>* banner_languages = nullptr) {
  const PublicSuffixList* psl = SystemPublicSuffixList();
  if (psl == nullptr) {
    return ::testing::AssertionFailure()
           << "cannot read the Public Suffix List at " << kDefaultPublicSuffixListPath;
  }
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> policy = ParsePolicy(json, &errors);
  if (!policy.ok()) {
    ::testing::AssertionResult failure = ::testing::AssertionFailure();
    failure << "the test policy does not parse: " << policy.status().ToString();
    for (const PolicyError& e : errors) failure << "\n  " << e.ToString();
    return failure;
  }
  if (!languages.empty()) policy->languages = languages;
  absl::StatusOr<std::string> bytes = banner_languages != nullptr
                                          ? CompilePolicy(*policy, *psl, *banner_languages)
                                          : CompilePolicy(*policy, *psl);
  if (!bytes.ok()) {
    return ::testing::AssertionFailure()
           << "the test policy does not compile: " << bytes.status().ToString();
  }
  out->bytes_ = std::make_shared<const std::string>(*std::move(bytes));
  if (!CompiledPolicy::Parse(*out->bytes_, &out->policy_)) {
    return ::testing::AssertionFailure() << "CompiledPolicy::Parse refused the compiled policy";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace testutil
}  // namespace wafer

#endif  // WAFER_TESTS_CORE_TEST_POLICIES_H_
