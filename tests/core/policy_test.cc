// policy_test.cc — ParsePolicy(): the schema, every error code and path,
// catalogue references, and the fixture and demo policies.

#include "wafer/policy.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "wafer/banner_data.h"
#include "wafer/catalogue.h"
#include "wafer/types.h"

namespace wafer {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Describe(const std::vector<PolicyError>& errors) {
  std::string out;
  for (const PolicyError& e : errors) out += "\n  " + e.ToString();
  return out;
}

// A complete, valid policy that the error table mutates with JSON Patch.
constexpr char kBasePolicy[] = R"json({
  "site": {"id": "kalido", "domains": ["kalido.fr", "www.kalido.fr"],
           "policy_url": "https://kalido.fr/confidentialite"},
  "revision": 7,
  "languages": ["fr", "en"],
  "consent": {"cookie_name": "kalido_consent", "lifetime_months": 12,
              "refusal_lifetime_months": 6, "cookie_cap_months": 13,
              "wait_for_update_ms": 800},
  "regimes": {"default": "opt-in",
              "regions": {"US": "opt-out", "US-CA": "opt-out", "EEA": "opt-in"}},
  "categories": [
    {"id": "necessary", "necessary": true,
     "label": {"fr": "Nécessaires", "en": "Necessary"}},
    {"id": "analytics", "label": {"fr": "Mesure d'audience", "en": "Analytics"},
     "description": {"fr": "Statistiques", "en": "Statistics"},
     "consent_mode": ["analytics_storage"], "hubspot": ["analytics"]},
    {"id": "marketing", "label": {"fr": "Publicité", "en": "Marketing"},
     "defaults": {"opt-out": true, "notice": false},
     "consent_mode": ["ad_storage", "ad_user_data", "ad_personalization"],
     "hubspot": ["advertisement"], "sale_or_share": true},
    {"id": "functional", "label": {"fr": "Fonctionnels", "en": "Functional"}}
  ],
  "services": [
    {"id": "google-analytics", "category": "analytics",
     "cookies": [{"name": "_ga_extra", "lifetime": "13 months",
                  "purpose": {"fr": "Test", "en": "Test"}}]},
    {"id": "google-ads"},
    {"id": "acme-chat", "name": "Acme chat", "provider": "Acme Inc.",
     "privacy_url": "https://acme.example/privacy", "category": "functional",
     "urls": ["widget.acme.example", "*.acme-cdn.example/chat/*"],
     "cookies": [{"name": "acme_*", "provider": "Acme", "purpose": {"en": "Keeps the chat."},
                  "lifetime": "30 days", "first_party": true},
                 {"name": "acme_tp", "lifetime": "session", "first_party": false}],
     "consent_mode": ["functionality_storage"], "hubspot": [], "gtag": false,
     "hubspot_tracking": false}
  ]
})json";

TEST(ParsePolicy, ReadsEveryField) {
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(kBasePolicy, &errors);
  ASSERT_TRUE(p.ok()) << p.status() << Describe(errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(p->site_id, "kalido");
  EXPECT_THAT(p->domains, ElementsAre("kalido.fr", "www.kalido.fr"));
  EXPECT_EQ(p->policy_url, "https://kalido.fr/confidentialite");
  EXPECT_EQ(p->revision, 7u);
  EXPECT_THAT(p->languages, ElementsAre("fr", "en"));
  EXPECT_EQ(p->cookie_name, "kalido_consent");
  EXPECT_EQ(p->consent_months, 12);
  EXPECT_EQ(p->refusal_months, 6);
  EXPECT_EQ(p->cookie_cap_months, 13);
  EXPECT_EQ(p->wait_for_update_ms, 800u);
  EXPECT_EQ(p->default_regime, Regime::kOptIn);
  ASSERT_EQ(p->regions.size(), 3u);
  EXPECT_EQ(p->regions.at("US"), Regime::kOptOut);
  EXPECT_EQ(p->regions.at("US-CA"), Regime::kOptOut);
  EXPECT_EQ(p->regions.at("EEA"), Regime::kOptIn);

  ASSERT_EQ(p->categories.size(), 4u);
  const Category& necessary = p->categories[0];
  EXPECT_TRUE(necessary.necessary);
  EXPECT_EQ(necessary.consent_mode, kSecurityStorage);
  EXPECT_TRUE(necessary.defaults[0] && necessary.defaults[1] && necessary.defaults[2]);
  EXPECT_EQ(necessary.label.at("fr"), "Nécessaires");

  const Category& analytics = p->categories[1];
  EXPECT_FALSE(analytics.necessary);
  EXPECT_EQ(analytics.consent_mode, kAnalyticsStorage);
  EXPECT_EQ(analytics.hubspot, kHubSpotAnalytics);
  EXPECT_EQ(analytics.description.at("en"), "Statistics");
  // Absent defaults: off under opt-in, on under opt-out and notice.
  EXPECT_FALSE(analytics.defaults[static_cast<int>(Regime::kOptIn)]);
  EXPECT_TRUE(analytics.defaults[static_cast<int>(Regime::kOptOut)]);
  EXPECT_TRUE(analytics.defaults[static_cast<int>(Regime::kNotice)]);

  const Category& marketing = p->categories[2];
  EXPECT_EQ(marketing.consent_mode, kAdStorage | kAdUserData | kAdPersonalization);
  EXPECT_EQ(marketing.hubspot, kHubSpotAdvertisement);
  EXPECT_TRUE(marketing.sale_or_share);
  EXPECT_FALSE(marketing.defaults[static_cast<int>(Regime::kOptIn)]);
  EXPECT_TRUE(marketing.defaults[static_cast<int>(Regime::kOptOut)]);
  EXPECT_FALSE(marketing.defaults[static_cast<int>(Regime::kNotice)]);

  ASSERT_EQ(p->services.size(), 3u);
  const Service& acme = p->services[2];
  EXPECT_FALSE(acme.from_catalogue);
  EXPECT_EQ(acme.name, "Acme chat");
  EXPECT_EQ(acme.provider, "Acme Inc.");
  EXPECT_EQ(acme.privacy_url, "https://acme.example/privacy");
  EXPECT_EQ(acme.category, "functional");
  EXPECT_THAT(acme.urls, ElementsAre("widget.acme.example", "*.acme-cdn.example/chat/*"));
  ASSERT_EQ(acme.cookies.size(), 2u);
  EXPECT_EQ(acme.cookies[0].name, "acme_*");
  EXPECT_EQ(acme.cookies[0].provider, "Acme");
  EXPECT_EQ(acme.cookies[0].lifetime.seconds, 30 * 86400);
  EXPECT_TRUE(acme.cookies[0].first_party);
  EXPECT_EQ(acme.cookies[1].provider, "Acme Inc.");  // Defaults to the service's.
  EXPECT_TRUE(acme.cookies[1].lifetime.session);
  EXPECT_FALSE(acme.cookies[1].first_party);
  EXPECT_EQ(acme.consent_mode, kFunctionalityStorage);
  EXPECT_EQ(acme.hubspot, 0);
  EXPECT_EQ(acme.flags, 0);
}

TEST(ParsePolicy, ResolvesCatalogueReferences) {
  absl::StatusOr<Policy> p = ParsePolicy(kBasePolicy);
  ASSERT_TRUE(p.ok()) << p.status();
  const Service* catalogue_ga = FindCatalogueService("google-analytics");
  ASSERT_NE(catalogue_ga, nullptr);

  const Service& ga = p->services[0];
  EXPECT_TRUE(ga.from_catalogue);
  EXPECT_EQ(ga.name, catalogue_ga->name);
  EXPECT_EQ(ga.provider, catalogue_ga->provider);
  EXPECT_EQ(ga.urls, catalogue_ga->urls);
  EXPECT_EQ(ga.consent_mode, kAnalyticsStorage);
  EXPECT_EQ(ga.flags, kServiceGtag);
  // The policy's cookies are appended to the catalogue's.
  ASSERT_EQ(ga.cookies.size(), catalogue_ga->cookies.size() + 1);
  EXPECT_EQ(ga.cookies.front().name, "_ga");
  EXPECT_EQ(ga.cookies.back().name, "_ga_extra");
  EXPECT_EQ(ga.cookies.back().lifetime.months, 13);
  EXPECT_EQ(ga.cookies.back().provider, "Google");

  // No "category": the catalogue's suggestion.
  const Service& ads = p->services[1];
  EXPECT_EQ(ads.category, "marketing");
  EXPECT_EQ(ads.consent_mode, kAdStorage | kAdUserData | kAdPersonalization);
  EXPECT_EQ(ads.flags, kServiceGtag);
}

TEST(ParsePolicy, CatalogueOverrides) {
  json doc = json::parse(kBasePolicy);
  doc["services"][0]["name"] = "GA4 (audience)";
  doc["services"][0]["gtag"] = false;
  doc["services"][0]["urls"] = {"www.example-proxy.fr/ga/*"};
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump());
  ASSERT_TRUE(p.ok()) << p.status();
  const Service& ga = p->services[0];
  EXPECT_EQ(ga.name, "GA4 (audience)");
  EXPECT_EQ(ga.flags, 0);
  EXPECT_EQ(ga.urls.back(), "www.example-proxy.fr/ga/*");
  EXPECT_EQ(ga.urls.size(), FindCatalogueService("google-analytics")->urls.size() + 1);
}

TEST(ParsePolicy, MinimalPolicyTakesDefaults) {
  constexpr char kMinimal[] = R"json({
    "site": {"id": "s", "domains": ["example.com"], "policy_url": "http://example.com/p"},
    "revision": 1, "languages": ["en"],
    "categories": [{"id": "necessary", "necessary": true, "label": {"en": "Necessary"}}]
  })json";
  absl::StatusOr<Policy> p = ParsePolicy(kMinimal);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->cookie_name, "wafer_consent");
  EXPECT_EQ(p->consent_months, 13);
  EXPECT_EQ(p->refusal_months, 6);
  EXPECT_EQ(p->cookie_cap_months, 13);
  EXPECT_EQ(p->wait_for_update_ms, 500u);
  EXPECT_EQ(p->default_regime, Regime::kOptIn);
  EXPECT_TRUE(p->regions.empty());
  EXPECT_TRUE(p->services.empty());
}

TEST(ParsePolicy, KeyOrderDoesNotMatter) {
  // nlohmann_json sorts keys; a document written in another order must give
  // the same policy and the same errors.
  const json doc = json::parse(kBasePolicy);
  std::string reordered = R"({"services":)" + doc["services"].dump() +
                          R"(,"categories":)" + doc["categories"].dump() +
                          R"(,"regimes":)" + doc["regimes"].dump() + R"(,"consent":)" +
                          doc["consent"].dump() + R"(,"languages":)" + doc["languages"].dump() +
                          R"(,"revision":7,"site":)" + doc["site"].dump() + "}";
  absl::StatusOr<Policy> a = ParsePolicy(kBasePolicy);
  absl::StatusOr<Policy> b = ParsePolicy(reordered);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->services.size(), b->services.size());
  EXPECT_EQ(a->categories[2].id, b->categories[2].id);
}

TEST(ParsePolicy, DocumentedExampleIsValid) {
  // The annotated example in docs/policy.md must stay a valid policy.
  const std::string doc = ReadFile(std::string(WAFER_SOURCE_DIR) + "/docs/policy.md");
  const size_t begin = doc.find("```json\n");
  ASSERT_NE(begin, std::string::npos);
  const size_t end = doc.find("```", begin + 8);
  ASSERT_NE(end, std::string::npos);
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.substr(begin + 8, end - begin - 8), &errors);
  ASSERT_TRUE(p.ok()) << p.status() << Describe(errors);
  EXPECT_EQ(p->services.size(), 3u);
  EXPECT_EQ(p->services[1].category, "marketing");
}

TEST(ParsePolicy, EveryTruncationFailsCleanly) {
  const std::string text = kBasePolicy;
  for (size_t n = 0; n < text.size(); ++n) {
    std::vector<PolicyError> errors;
    absl::StatusOr<Policy> p = ParsePolicy(std::string_view(text).substr(0, n), &errors);
    // A prefix is never a valid document here (the text ends with '}').
    ASSERT_FALSE(p.ok()) << n;
    ASSERT_FALSE(errors.empty()) << n;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

struct ErrorCase {
  const char* name;
  const char* patch;  // RFC 6902 JSON Patch applied to kBasePolicy.
  PolicyErrorCode code;
  const char* path;
  const char* message;  // A substring of the message.
};

class ParsePolicyErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParsePolicyErrorTest, ReportsCodeAndPath) {
  const ErrorCase& c = GetParam();
  const json doc = json::parse(kBasePolicy).patch(json::parse(c.patch));
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(2), &errors);
  ASSERT_FALSE(p.ok()) << c.name;
  EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(errors.size(), 1u) << Describe(errors);
  EXPECT_EQ(PolicyErrorCodeName(errors[0].code), PolicyErrorCodeName(c.code)) << Describe(errors);
  EXPECT_EQ(errors[0].path, c.path) << Describe(errors);
  EXPECT_THAT(errors[0].message, HasSubstr(c.message));
  EXPECT_EQ(p.status().message(), errors[0].ToString());
}

constexpr PolicyErrorCode kType = PolicyErrorCode::kType;
constexpr PolicyErrorCode kMissing = PolicyErrorCode::kMissing;
constexpr PolicyErrorCode kUnknownKey = PolicyErrorCode::kUnknownKey;
constexpr PolicyErrorCode kDuplicateId = PolicyErrorCode::kDuplicateId;
constexpr PolicyErrorCode kUnknownReference = PolicyErrorCode::kUnknownReference;
constexpr PolicyErrorCode kRange = PolicyErrorCode::kRange;
constexpr PolicyErrorCode kFormat = PolicyErrorCode::kFormat;
constexpr PolicyErrorCode kUnlawful = PolicyErrorCode::kUnlawful;

INSTANTIATE_TEST_SUITE_P(
    Table, ParsePolicyErrorTest,
    ::testing::Values(
        // Document and site.
        ErrorCase{"unknown_top_key", R"([{"op":"add","path":"/servces","value":[]}])",
                  kUnknownKey, "servces", "unknown key \"servces\"; did you mean \"services\"?"},
        ErrorCase{"missing_site", R"([{"op":"remove","path":"/site"}])", kMissing, "site",
                  "required key \"site\" is missing"},
        // Consent Mode implementation.
        ErrorCase{"consent_mode_unknown",
                  R"([{"op":"add","path":"/consent/consent_mode","value":"advance"}])",
                  kUnknownReference, "consent.consent_mode",
                  "unknown Consent Mode implementation \"advance\"; did you mean \"advanced\"? "
                  "(expected \"basic\" or \"advanced\""},
        ErrorCase{"consent_mode_case",
                  R"([{"op":"add","path":"/consent/consent_mode","value":"Basic"}])",
                  kUnknownReference, "consent.consent_mode", "did you mean \"basic\"?"},
        ErrorCase{"consent_mode_not_string",
                  R"([{"op":"add","path":"/consent/consent_mode","value":true}])",
                  kType, "consent.consent_mode", "expected a string, got a boolean"},
        ErrorCase{"consent_mode_types_here",
                  R"([{"op":"add","path":"/consent/consent_mode","value":["analytics_storage"]}])",
                  kType, "consent.consent_mode", "expected a string, got an array"},
        ErrorCase{"site_not_object", R"([{"op":"replace","path":"/site","value":"kalido"}])",
                  kType, "site", "expected an object, got a string"},
        ErrorCase{"missing_site_id", R"([{"op":"remove","path":"/site/id"}])", kMissing,
                  "site.id", "missing"},
        ErrorCase{"bad_site_id", R"([{"op":"replace","path":"/site/id","value":"Kalido"}])",
                  kFormat, "site.id", "not a site id"},
        ErrorCase{"no_domains", R"([{"op":"replace","path":"/site/domains","value":[]}])", kRange,
                  "site.domains", "at least one domain"},
        ErrorCase{"domain_url",
                  R"([{"op":"replace","path":"/site/domains/1","value":"https://kalido.fr"}])",
                  kFormat, "site.domains[1]", "no scheme"},
        ErrorCase{"domain_upper",
                  R"([{"op":"replace","path":"/site/domains/0","value":"Kalido.fr"}])", kFormat,
                  "site.domains[0]", "lower case"},
        ErrorCase{"domain_port",
                  R"([{"op":"replace","path":"/site/domains/0","value":"kalido.fr:8080"}])",
                  kFormat, "site.domains[0]", "no port"},
        // An internationalised name in Unicode: the message asks for the
        // A-label form, and quotes no lone byte of a multi-byte character.
        ErrorCase{"domain_unicode",
                  R"([{"op":"replace","path":"/site/domains/0","value":"www.\u4f8b\u5b50.cn"}])",
                  kFormat, "site.domains[0]", "non-ASCII host name: write an internationalised name in its A-label"},
        ErrorCase{"domain_duplicate",
                  R"([{"op":"replace","path":"/site/domains/1","value":"kalido.fr"}])",
                  kDuplicateId, "site.domains[1]", "duplicate domain \"kalido.fr\""},
        ErrorCase{"domain_number", R"([{"op":"replace","path":"/site/domains/0","value":3}])",
                  kType, "site.domains[0]", "expected a string, got an integer"},
        ErrorCase{"policy_url",
                  R"([{"op":"replace","path":"/site/policy_url","value":"kalido.fr/p"}])", kFormat,
                  "site.policy_url", "not an http(s) URL"},
        ErrorCase{"site_unknown_key", R"([{"op":"add","path":"/site/domain","value":"x"}])",
                  kUnknownKey, "site.domain", "did you mean \"domains\"?"},
        // Revision.
        ErrorCase{"revision_zero", R"([{"op":"replace","path":"/revision","value":0}])", kRange,
                  "revision", "between 1 and 2147483647"},
        ErrorCase{"revision_big", R"([{"op":"replace","path":"/revision","value":2147483648}])",
                  kRange, "revision", "got 2147483648"},
        ErrorCase{"revision_string", R"([{"op":"replace","path":"/revision","value":"1"}])",
                  kType, "revision", "expected an integer, got a string"},
        ErrorCase{"revision_float", R"([{"op":"replace","path":"/revision","value":1.5}])", kType,
                  "revision", "expected an integer"},
        ErrorCase{"missing_revision", R"([{"op":"remove","path":"/revision"}])", kMissing,
                  "revision", "missing"},
        // Languages (labels still have "fr", the default).
        ErrorCase{"language_duplicate",
                  R"([{"op":"add","path":"/languages/-","value":"fr"}])", kDuplicateId,
                  "languages[2]", "duplicate language \"fr\""},
        ErrorCase{"language_format",
                  R"([{"op":"add","path":"/languages/-","value":"french"}])", kFormat,
                  "languages[2]", "not a language tag"},
        // Every language must be shown by a bundled banner of its own (one
        // language everywhere: docs/engine.md "Language").
        ErrorCase{"language_not_bundled",
                  R"([{"op":"add","path":"/languages/-","value":"ja"}])", kUnknownReference,
                  "languages[2]",
                  "no banner is bundled in \"ja\": visitors would read another language "
                  "(bundled: \"ar\", \"bg\""},
        ErrorCase{"language_region_not_bundled",
                  R"([{"op":"add","path":"/languages/-","value":"zh-TW"}])", kUnknownReference,
                  "languages[2]", "no banner is bundled in \"zh-TW\" or its base language"},
        ErrorCase{"language_shares_a_bundle",
                  R"([{"op":"add","path":"/languages/-","value":"fr-CA"}])", kDuplicateId,
                  "languages[2]",
                  "\"fr-CA\" would be shown with the \"fr\" banner, as \"fr\" (languages[0]) "
                  "is: keep one of them"},
        // Consent.
        ErrorCase{"consent_typo",
                  R"([{"op":"add","path":"/consent/lifetme_months","value":13}])", kUnknownKey,
                  "consent.lifetme_months",
                  "unknown key \"lifetme_months\"; did you mean \"lifetime_months\"?"},
        ErrorCase{"consent_months_25",
                  R"([{"op":"replace","path":"/consent/lifetime_months","value":25}])", kRange,
                  "consent.lifetime_months", "13-month maximum"},
        ErrorCase{"refusal_months_0",
                  R"([{"op":"replace","path":"/consent/refusal_lifetime_months","value":0}])",
                  kRange, "consent.refusal_lifetime_months", "between 1 and 13"},
        ErrorCase{"cap_months_14",
                  R"([{"op":"replace","path":"/consent/cookie_cap_months","value":14}])", kRange,
                  "consent.cookie_cap_months", "CNIL"},
        ErrorCase{"cookie_name_space",
                  R"([{"op":"replace","path":"/consent/cookie_name","value":"my consent"}])",
                  kFormat, "consent.cookie_name", "not a cookie name"},
        ErrorCase{"cookie_name_star",
                  R"([{"op":"replace","path":"/consent/cookie_name","value":"c*"}])", kFormat,
                  "consent.cookie_name", "no '*'"},
        ErrorCase{"wait_too_long",
                  R"([{"op":"replace","path":"/consent/wait_for_update_ms","value":20000}])",
                  kRange, "consent.wait_for_update_ms", "between 0 and 10000"},
        ErrorCase{"wait_negative",
                  R"([{"op":"replace","path":"/consent/wait_for_update_ms","value":-1}])", kRange,
                  "consent.wait_for_update_ms", "got -1"},
        // Regimes.
        ErrorCase{"regime_typo",
                  R"([{"op":"replace","path":"/regimes/default","value":"opt_in"}])",
                  kUnknownReference, "regimes.default",
                  "unknown regime \"opt_in\"; did you mean \"opt-in\"?"},
        ErrorCase{"region_uk", R"([{"op":"add","path":"/regimes/regions/UK","value":"opt-in"}])",
                  kFormat, "regimes.regions.UK", "\"GB\""},
        ErrorCase{"region_lower",
                  R"([{"op":"add","path":"/regimes/regions/fr","value":"opt-in"}])", kFormat,
                  "regimes.regions.fr", "upper case"},
        ErrorCase{"region_unassigned",
                  R"([{"op":"add","path":"/regimes/regions/QQ","value":"opt-in"}])", kFormat,
                  "regimes.regions.QQ", "not an ISO 3166-1 alpha-2"},
        ErrorCase{"region_bad_subdivision",
                  R"([{"op":"add","path":"/regimes/regions/US-ca","value":"opt-in"}])", kFormat,
                  "regimes.regions.US-ca", "ISO 3166-2"},
        ErrorCase{"region_regime",
                  R"([{"op":"replace","path":"/regimes/regions/US","value":"optout"}])",
                  kUnknownReference, "regimes.regions.US", "did you mean \"opt-out\"?"},
        ErrorCase{"regimes_key", R"([{"op":"add","path":"/regimes/region","value":{}}])",
                  kUnknownKey, "regimes.region", "did you mean \"regions\"?"},
        // Categories.
        ErrorCase{"category_duplicate",
                  R"([{"op":"replace","path":"/categories/2/id","value":"analytics"},
                      {"op":"add","path":"/services/1/category","value":"analytics"}])",
                  kDuplicateId, "categories[2].id", "duplicate id \"analytics\""},
        ErrorCase{"category_id_format",
                  R"([{"op":"add","path":"/categories/-",
                       "value":{"id":"3rd","label":{"fr":"x"}}}])",
                  kFormat, "categories[4].id", "[a-z][a-z0-9_-]{0,31}"},
        ErrorCase{"no_necessary",
                  R"([{"op":"replace","path":"/categories/0/necessary","value":false}])",
                  kMissing, "categories", "no necessary category"},
        ErrorCase{"two_necessary",
                  R"([{"op":"add","path":"/categories/3/necessary","value":true}])",
                  kDuplicateId, "categories[3].necessary", "categories[0] already is"},
        ErrorCase{"label_missing", R"([{"op":"remove","path":"/categories/1/label"}])",
                  kMissing, "categories[1].label", "required key \"label\""},
        ErrorCase{"label_default_language",
                  R"([{"op":"remove","path":"/categories/1/label/fr"}])", kMissing,
                  "categories[1].label.fr", "default language \"fr\""},
        ErrorCase{"label_unknown_language",
                  R"([{"op":"add","path":"/categories/1/label/de","value":"Analyse"}])",
                  kUnknownReference, "categories[1].label.de", "not listed in \"languages\""},
        ErrorCase{"label_empty",
                  R"([{"op":"replace","path":"/categories/1/label/en","value":""}])", kFormat,
                  "categories[1].label.en", "must not be empty"},
        ErrorCase{"description_default_language",
                  R"([{"op":"remove","path":"/categories/1/description/fr"}])", kMissing,
                  "categories[1].description.fr", "default language"},
        ErrorCase{"pre_ticked",
                  R"([{"op":"add","path":"/categories/1/defaults","value":{"opt-in":true}}])",
                  kUnlawful, "categories[1].defaults.opt-in",
                  "pre-ticked: opt-in regime requires consent before any non-necessary "
                  "category runs"},
        ErrorCase{"necessary_off",
                  R"([{"op":"add","path":"/categories/0/defaults","value":{"notice":false}}])",
                  kUnlawful, "categories[0].defaults.notice", "always on"},
        ErrorCase{"defaults_typo",
                  R"([{"op":"add","path":"/categories/1/defaults","value":{"optout":false}}])",
                  kUnknownKey, "categories[1].defaults.optout", "did you mean \"opt-out\"?"},
        ErrorCase{"defaults_type",
                  R"([{"op":"add","path":"/categories/1/defaults","value":{"notice":1}}])", kType,
                  "categories[1].defaults.notice", "expected true or false"},
        ErrorCase{"consent_mode_typo",
                  R"([{"op":"replace","path":"/categories/1/consent_mode/0",
                       "value":"analytic_storage"}])",
                  kUnknownReference, "categories[1].consent_mode[0]",
                  "did you mean \"analytics_storage\"?"},
        ErrorCase{"consent_mode_twice",
                  R"([{"op":"add","path":"/categories/1/consent_mode/-",
                       "value":"analytics_storage"}])",
                  kDuplicateId, "categories[1].consent_mode[1]", "listed twice"},
        ErrorCase{"necessary_ads",
                  R"([{"op":"add","path":"/categories/0/consent_mode","value":["ad_storage"]}])",
                  kUnlawful, "categories[0].consent_mode", "advertising is never strictly"},
        ErrorCase{"necessary_sale",
                  R"([{"op":"add","path":"/categories/0/sale_or_share","value":true}])",
                  kUnlawful, "categories[0].sale_or_share", "never strictly necessary"},
        ErrorCase{"hubspot_typo",
                  R"([{"op":"replace","path":"/categories/2/hubspot/0","value":"advertisment"}])",
                  kUnknownReference, "categories[2].hubspot[0]",
                  "did you mean \"advertisement\"?"},
        ErrorCase{"sale_type",
                  R"([{"op":"replace","path":"/categories/2/sale_or_share","value":"yes"}])",
                  kType, "categories[2].sale_or_share", "expected true or false"},
        ErrorCase{"category_key",
                  R"([{"op":"add","path":"/categories/1/labels","value":{}}])", kUnknownKey,
                  "categories[1].labels", "did you mean \"label\"?"},
        ErrorCase{"no_categories", R"([{"op":"remove","path":"/categories"},
                                       {"op":"remove","path":"/services"}])",
                  kMissing, "categories", "required key \"categories\""},
        // Services.
        ErrorCase{"service_category_typo",
                  R"([{"op":"replace","path":"/services/0/category","value":"analytic"}])",
                  kUnknownReference, "services[0].category",
                  "unknown category \"analytic\"; did you mean \"analytics\"?"},
        ErrorCase{"catalogue_typo",
                  R"([{"op":"replace","path":"/services/1/id","value":"google-add"}])",
                  kUnknownReference, "services[1].id", "did you mean \"google-ads\"?"},
        ErrorCase{"catalogue_unknown",
                  R"([{"op":"add","path":"/services/-","value":{"id":"matomo"}}])",
                  kUnknownReference, "services[3].id", "needs \"urls\" or \"cookies\""},
        ErrorCase{"suggested_category_absent",
                  R"([{"op":"add","path":"/services/-","value":{"id":"youtube"}},
                      {"op":"replace","path":"/categories/2/id","value":"ads"},
                      {"op":"add","path":"/services/1/category","value":"ads"}])",
                  kUnknownReference, "services[3].category",
                  "suggested category \"marketing\" is not in the policy"},
        ErrorCase{"service_duplicate",
                  R"([{"op":"add","path":"/services/-","value":{"id":"google-ads"}}])",
                  kDuplicateId, "services[3].id", "duplicate id \"google-ads\""},
        ErrorCase{"service_id_format",
                  R"([{"op":"replace","path":"/services/2/id","value":"Acme"}])", kFormat,
                  "services[2].id", "not a service id"},
        ErrorCase{"custom_without_name", R"([{"op":"remove","path":"/services/2/name"}])",
                  kMissing, "services[2].name", "required key \"name\""},
        ErrorCase{"custom_without_category",
                  R"([{"op":"remove","path":"/services/2/category"}])", kMissing,
                  "services[2].category", "required key \"category\""},
        ErrorCase{"custom_empty",
                  R"([{"op":"replace","path":"/services/2/urls","value":[]},
                      {"op":"replace","path":"/services/2/cookies","value":[]}])",
                  kRange, "services[2]", "at least one URL pattern or cookie"},
        ErrorCase{"url_scheme",
                  R"([{"op":"replace","path":"/services/2/urls/0",
                       "value":"https://widget.acme.example"}])",
                  kFormat, "services[2].urls[0]", "no scheme"},
        ErrorCase{"url_upper",
                  R"([{"op":"replace","path":"/services/2/urls/0","value":"Widget.acme.example"}])",
                  kFormat, "services[2].urls[0]", "lower case"},
        ErrorCase{"url_inner_star",
                  R"([{"op":"replace","path":"/services/2/urls/0","value":"widget.*.example"}])",
                  kFormat, "services[2].urls[0]", "leading \"*.\""},
        ErrorCase{"url_space",
                  R"([{"op":"replace","path":"/services/2/urls/1","value":"acme.example/a b"}])",
                  kFormat, "services[2].urls[1]", "no spaces"},
        ErrorCase{"url_port",
                  R"([{"op":"replace","path":"/services/2/urls/1","value":"acme.example:443/x"}])",
                  kFormat, "services[2].urls[1]", "no port"},
        ErrorCase{"cookie_name",
                  R"([{"op":"replace","path":"/services/2/cookies/0/name","value":"acme id"}])",
                  kFormat, "services[2].cookies[0].name", "not a cookie name"},
        ErrorCase{"cookie_lifetime",
                  R"([{"op":"replace","path":"/services/2/cookies/0/lifetime",
                       "value":"30 jours"}])",
                  kFormat, "services[2].cookies[0].lifetime", "not a lifetime"},
        ErrorCase{"cookie_no_lifetime",
                  R"([{"op":"remove","path":"/services/2/cookies/1/lifetime"}])", kMissing,
                  "services[2].cookies[1].lifetime", "missing"},
        ErrorCase{"cookie_key",
                  R"([{"op":"add","path":"/services/2/cookies/1/lifetme","value":"1 day"}])",
                  kUnknownKey, "services[2].cookies[1].lifetme", "did you mean \"lifetime\"?"},
        ErrorCase{"cookie_purpose_language",
                  R"([{"op":"add","path":"/services/2/cookies/0/purpose/de","value":"x"}])",
                  kUnknownReference, "services[2].cookies[0].purpose.de", "not listed"},
        ErrorCase{"flag_type",
                  R"([{"op":"replace","path":"/services/2/gtag","value":"true"}])", kType,
                  "services[2].gtag", "expected true or false"},
        ErrorCase{"privacy_url",
                  R"([{"op":"replace","path":"/services/2/privacy_url","value":"acme.example"}])",
                  kFormat, "services[2].privacy_url", "not an http(s) URL"},
        ErrorCase{"service_key",
                  R"([{"op":"add","path":"/services/0/categroy","value":"analytics"}])",
                  kUnknownKey, "services[0].categroy", "did you mean \"category\"?"},
        ErrorCase{"ads_necessary",
                  R"([{"op":"add","path":"/services/1/category","value":"necessary"}])",
                  kUnlawful, "services[1].category", "advertising is never strictly necessary"},
        ErrorCase{"analytics_necessary",
                  R"([{"op":"replace","path":"/services/0/category","value":"necessary"}])",
                  kUnlawful, "services[0].category", "analytics is not strictly necessary"},
        ErrorCase{"pixel_necessary",
                  R"([{"op":"add","path":"/services/-",
                       "value":{"id":"facebook-pixel","category":"necessary"}}])",
                  kUnlawful, "services[3].category", "advertising"},
        ErrorCase{"custom_ads_necessary",
                  R"([{"op":"replace","path":"/services/2/category","value":"necessary"},
                      {"op":"replace","path":"/services/2/consent_mode","value":["ad_storage"]}])",
                  kUnlawful, "services[2].category", "advertising"},
        // Service purpose.
        ErrorCase{"purpose_not_object",
                  R"([{"op":"add","path":"/services/2/purpose","value":"Chat"}])", kType,
                  "services[2].purpose", "expected an object, got a string"},
        ErrorCase{"purpose_language",
                  R"([{"op":"add","path":"/services/2/purpose","value":{"de":"Chat"}}])",
                  kUnknownReference, "services[2].purpose.de", "not listed in \"languages\""},
        ErrorCase{"purpose_empty",
                  R"([{"op":"add","path":"/services/0/purpose","value":{"fr":""}}])", kFormat,
                  "services[0].purpose.fr", "must not be empty"},
        // Banner.
        ErrorCase{"banner_not_object", R"([{"op":"add","path":"/banner","value":true}])", kType,
                  "banner", "expected an object, got a boolean"},
        ErrorCase{"banner_key",
                  R"([{"op":"add","path":"/banner","value":{"floating_buton":false}}])",
                  kUnknownKey, "banner.floating_buton", "did you mean \"floating_button\"?"},
        ErrorCase{"banner_floating_type",
                  R"([{"op":"add","path":"/banner","value":{"floating_button":"no"}}])", kType,
                  "banner.floating_button", "expected true or false, got a string"},
        ErrorCase{"banner_texts_type",
                  R"([{"op":"add","path":"/banner","value":{"texts":[]}}])", kType,
                  "banner.texts", "expected an object, got an array"},
        ErrorCase{"banner_text_key",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"fr":{"titel":"T"}}}}])",
                  kUnknownKey, "banner.texts.fr.titel",
                  "unknown key \"titel\"; did you mean \"title\"?"},
        ErrorCase{"banner_text_key_accept",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"en":{"accept":"OK"}}}}])",
                  kUnknownKey, "banner.texts.en.accept", "unknown key \"accept\""},
        // The floating button's label is the loader's own: no override key.
        ErrorCase{"banner_texts_reopen",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"en":{"reopen":"Cookies"}}}}])",
                  kUnknownKey, "banner.texts.en.reopen", "unknown key \"reopen\""},
        ErrorCase{"banner_language_tag",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"French":{"title":"T"}}}}])",
                  kFormat, "banner.texts.French", "not a language tag"},
        // Texts for a language the policy does not list would never show; "pt"
        // is not a typo of "it" (no suggestion), "fr-CA" may be one of "fr".
        ErrorCase{"banner_language_not_listed",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"pt":{"title":"T"}}}}])",
                  kUnknownReference, "banner.texts.pt",
                  "language \"pt\" is not listed in \"languages\": these texts would never be "
                  "shown"},
        ErrorCase{"banner_language_not_bundled",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"ja":{"title":"T"}}}}])",
                  kUnknownReference, "banner.texts.ja", "language \"ja\" is not listed"},
        ErrorCase{"banner_language_region",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"fr-CA":{"title":"T"}}}}])",
                  kUnknownReference, "banner.texts.fr-CA",
                  "is not listed in \"languages\": these texts would never be shown; did you "
                  "mean \"fr\"?"},
        ErrorCase{"banner_language_bundled_not_listed",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"de":{"title":"T"}}}}])",
                  kUnknownReference, "banner.texts.de", "is not listed in \"languages\""},
        ErrorCase{"banner_language_not_object",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"fr":"Titre"}}}])", kType,
                  "banner.texts.fr", "expected an object, got a string"},
        ErrorCase{"banner_text_type",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"fr":{"title":1}}}}])",
                  kType, "banner.texts.fr.title", "expected a string, got an integer"},
        ErrorCase{"banner_text_empty",
                  R"([{"op":"add","path":"/banner","value":{"texts":{"fr":{"title":""}}}}])",
                  kFormat, "banner.texts.fr.title", "must not be empty"},
        ErrorCase{"banner_text_placeholder",
                  R"([{"op":"add","path":"/banner",
                       "value":{"texts":{"en":{"load":"Load {servce}"}}}}])",
                  kFormat, "banner.texts.en.load",
                  "unknown placeholder \"{servce}\"; did you mean \"service\"?"},
        ErrorCase{"banner_text_placeholder_none",
                  R"([{"op":"add","path":"/banner",
                       "value":{"texts":{"en":{"title":"Hello {name}"}}}}])",
                  kFormat, "banner.texts.en.title", "\"title\" takes none"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) { return info.param.name; });

struct TextCase {
  const char* name;
  std::string text;
  PolicyErrorCode code;
  const char* path;
  const char* message;
};

class ParsePolicyTextTest : public ::testing::TestWithParam<TextCase> {};

TEST_P(ParsePolicyTextTest, ReportsFirstError) {
  const TextCase& c = GetParam();
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(c.text, &errors);
  ASSERT_FALSE(p.ok());
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(PolicyErrorCodeName(errors[0].code), PolicyErrorCodeName(c.code)) << Describe(errors);
  EXPECT_EQ(errors[0].path, c.path) << Describe(errors);
  EXPECT_THAT(errors[0].message, HasSubstr(c.message));
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParsePolicyTextTest,
    ::testing::Values(
        TextCase{"empty", "", PolicyErrorCode::kSyntax, "", "unexpected end of input"},
        TextCase{"trailing_comma", "{\"revision\": 1,}", PolicyErrorCode::kSyntax, "",
                 "line 1, column 16"},
        TextCase{"second_line", "{\n  \"a\": 1 \"b\": 2\n}", PolicyErrorCode::kSyntax, "",
                 "at line 2, column 12: syntax error while parsing object"},
        TextCase{"array", "[1, 2]", PolicyErrorCode::kType, "",
                 "expected a JSON object, got an array"},
        TextCase{"null", "null", PolicyErrorCode::kType, "", "got null"},
        TextCase{"duplicate_key", R"({"site": {"id": "a", "id": "b"}})",
                 PolicyErrorCode::kDuplicateId, "site.id", "duplicate key \"id\""},
        TextCase{"duplicate_key_in_array",
                 R"({"categories": [{}, {"id": "a", "label": {}, "id": "b"}]})",
                 PolicyErrorCode::kDuplicateId, "categories[1].id", "duplicate key"},
        TextCase{"odd_key", R"({"a b": 1})", PolicyErrorCode::kUnknownKey, "[\"a b\"]",
                 "unknown key \"a b\""},
        // Refused at the 65th level, before any document is built
        // (policy_depth_test.cc has the rest).
        TextCase{"deep_nesting", std::string(5000, '[') + std::string(5000, ']'),
                 PolicyErrorCode::kRange,
                 "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                 "[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]",
                 "nested deeper than 64 levels"},
        TextCase{"too_big", "{\"x\": \"" + std::string(2 << 20, 'x') + "\"}",
                 PolicyErrorCode::kRange, "", "larger than"}),
    [](const ::testing::TestParamInfo<TextCase>& info) { return info.param.name; });

TEST(ParsePolicy, ReadsServicePurposeAndBanner) {
  json doc = json::parse(kBasePolicy);
  doc["services"][0]["purpose"] = {{"fr", "Statistiques de visite."}};
  doc["services"][2]["purpose"] = {{"en", "Chat with us."}, {"fr", "Discutez avec nous."}};
  doc["banner"] = {{"floating_button", false},
                   {"texts",
                    {{"fr", {{"title", "Vos choix chez Kalido"},
                             {"blocked",
                              "{service} ({category}) est bloqué. {not a placeholder}"}}},
                     {"en", {{"title", "Your choice"}}}}}};
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
  ASSERT_TRUE(p.ok()) << p.status() << Describe(errors);
  // The site's purpose replaces the catalogue's in every language.
  EXPECT_EQ(p->services[0].purpose, (LocalizedText{{"fr", "Statistiques de visite."}}));
  EXPECT_EQ(p->services[2].purpose.at("en"), "Chat with us.");
  // Catalogue services keep the catalogue's purpose otherwise.
  EXPECT_EQ(p->services[1].purpose, FindCatalogueService("google-ads")->purpose);
  EXPECT_FALSE(p->banner.floating_button);
  EXPECT_EQ(p->banner.texts.size(), 2u);
  EXPECT_EQ(p->banner.texts.at("fr").at("title"), "Vos choix chez Kalido");
  EXPECT_EQ(p->banner.texts.at("en").at("title"), "Your choice");

  // Absent: the floating button shows, no overrides.
  absl::StatusOr<Policy> base = ParsePolicy(kBasePolicy);
  ASSERT_TRUE(base.ok());
  EXPECT_TRUE(base->banner.floating_button);
  EXPECT_TRUE(base->banner.texts.empty());
}

TEST(ParsePolicy, BannerTextsHaveALengthLimit) {
  json doc = json::parse(kBasePolicy);
  // 2000 characters (not bytes: "é" is two bytes) pass; 2001 do not.
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "é";
  doc["banner"]["texts"]["fr"]["text"] = text;
  std::vector<PolicyError> errors;
  EXPECT_TRUE(ParsePolicy(doc.dump(), &errors).ok()) << Describe(errors);
  doc["banner"]["texts"]["fr"]["text"] = text + "e";
  errors.clear();
  EXPECT_FALSE(ParsePolicy(doc.dump(), &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << Describe(errors);
  EXPECT_EQ(errors[0].code, PolicyErrorCode::kRange);
  EXPECT_EQ(errors[0].path, "banner.texts.fr.text");
  EXPECT_THAT(errors[0].message, HasSubstr("at most 2000 characters, got 2001"));
}

TEST(ParsePolicy, EveryBannerTextKeyIsAccepted) {
  json doc = json::parse(kBasePolicy);
  for (std::string_view key : BannerTextKeys()) {
    std::string text = "Text for " + std::string(key);
    for (std::string_view name : BannerTextPlaceholders(key)) {
      text += " {" + std::string(name) + "}";
    }
    doc["banner"]["texts"]["en"][std::string(key)] = text;
  }
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
  ASSERT_TRUE(p.ok()) << Describe(errors);
  EXPECT_EQ(p->banner.texts.at("en").size(), BannerTextKeys().size());
}

TEST(ParsePolicy, BannerTextsInEveryBundledLanguage) {
  json doc = json::parse(kBasePolicy);
  for (std::string_view lang : BannerLanguages()) {
    if (lang != "fr" && lang != "en") doc["languages"].push_back(std::string(lang));
    doc["banner"]["texts"][std::string(lang)]["title"] = "Title in " + std::string(lang);
  }
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
  ASSERT_TRUE(p.ok()) << Describe(errors);
  EXPECT_EQ(p->banner.texts.size(), BannerLanguages().size());
  EXPECT_EQ(p->banner.texts.at("pt-BR").at("title"), "Title in pt-BR");
  EXPECT_EQ(p->banner.texts.at("he").at("title"), "Title in he");
}

TEST(ParsePolicy, LanguagesReadThroughTheEnginesAliases) {
  // "no" and "nn" readers read the Bokmål bundle, "iw" the Hebrew one: the
  // engine's rule (compiled_policy.h LanguageAlias), so a policy may say
  // either, but not two languages the one bundle would show.
  for (const char* lang : {"no", "nn", "iw", "pt-PT", "pt-BR"}) {
    json doc = json::parse(kBasePolicy);
    doc["languages"].push_back(lang);
    std::vector<PolicyError> errors;
    EXPECT_TRUE(ParsePolicy(doc.dump(), &errors).ok()) << lang << ": " << Describe(errors);
  }
  json doc = json::parse(kBasePolicy);
  doc["languages"].push_back("nb");
  doc["languages"].push_back("no");
  std::vector<PolicyError> errors;
  EXPECT_FALSE(ParsePolicy(doc.dump(), &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << Describe(errors);
  EXPECT_EQ(errors[0].path, "languages[3]");
  EXPECT_THAT(errors[0].message, HasSubstr("would be shown with the \"nb\" banner"));
}

TEST(ParsePolicy, ReportsAllErrorsInDocumentOrder) {
  json doc = json::parse(kBasePolicy);
  doc["revision"] = 0;
  doc["consent"]["lifetime_months"] = 24;
  doc["categories"][1]["defaults"] = {{"opt-in", true}};
  doc["services"][0]["category"] = "nope";
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
  ASSERT_FALSE(p.ok());
  std::vector<std::string> paths;
  for (const PolicyError& e : errors) paths.push_back(e.path);
  EXPECT_THAT(paths, ElementsAre("revision", "consent.lifetime_months",
                                 "categories[1].defaults.opt-in", "services[0].category"));
  EXPECT_EQ(p.status().message(), errors[0].ToString());
}

TEST(ParsePolicy, AppendsToErrors) {
  std::vector<PolicyError> errors = {{PolicyErrorCode::kSyntax, "earlier", "kept"}};
  EXPECT_FALSE(ParsePolicy("{}", &errors).ok());
  ASSERT_GE(errors.size(), 2u);
  EXPECT_EQ(errors[0].path, "earlier");
}

TEST(ParsePolicy, TooManyCategoriesAndServices) {
  json doc = json::parse(kBasePolicy);
  for (int i = 0; i < kMaxCategories; ++i) {
    doc["categories"].push_back(
        {{"id", "extra" + std::to_string(i)}, {"label", {{"fr", "x"}, {"en", "x"}}}});
  }
  for (int i = 0; i < kMaxServices; ++i) {
    doc["services"].push_back({{"id", "svc" + std::to_string(i)},
                               {"name", "Service"},
                               {"category", "functional"},
                               {"urls", {"svc.example"}}});
  }
  std::vector<PolicyError> errors;
  ASSERT_FALSE(ParsePolicy(doc.dump(), &errors).ok());
  ASSERT_EQ(errors.size(), 2u) << Describe(errors);
  EXPECT_EQ(errors[0].code, PolicyErrorCode::kRange);
  EXPECT_EQ(errors[0].path, "categories");
  EXPECT_EQ(errors[1].code, PolicyErrorCode::kRange);
  EXPECT_EQ(errors[1].path, "services");
}

TEST(PolicyErrorCodeName, NamesEveryCode) {
  const std::pair<PolicyErrorCode, const char*> kCases[] = {
      {PolicyErrorCode::kSyntax, "wafer.policy.syntax"},
      {PolicyErrorCode::kType, "wafer.policy.type"},
      {PolicyErrorCode::kMissing, "wafer.policy.missing"},
      {PolicyErrorCode::kUnknownKey, "wafer.policy.unknown_key"},
      {PolicyErrorCode::kDuplicateId, "wafer.policy.duplicate_id"},
      {PolicyErrorCode::kUnknownReference, "wafer.policy.unknown_reference"},
      {PolicyErrorCode::kRange, "wafer.policy.range"},
      {PolicyErrorCode::kFormat, "wafer.policy.format"},
      {PolicyErrorCode::kUnlawful, "wafer.policy.unlawful"},
      {PolicyErrorCode::kPublicSuffix, "wafer.policy.public_suffix"},
      {PolicyErrorCode::kMixedCategory, "wafer.policy.mixed_category"},
      {PolicyErrorCode::kAdvancedConsentMode, "wafer.policy.advanced_consent_mode"},
      {PolicyErrorCode::kTagManagerNecessary, "wafer.policy.tag_manager_necessary"},
  };
  for (const auto& [code, name] : kCases) EXPECT_EQ(PolicyErrorCodeName(code), name);
}

TEST(PolicyError, ToStringHasCodePathAndMessage) {
  EXPECT_EQ((PolicyError{PolicyErrorCode::kDuplicateId, "categories[2].id",
                         "duplicate id \"analytics\""})
                .ToString(),
            "[wafer.policy.duplicate_id] categories[2].id: duplicate id \"analytics\"");
  EXPECT_EQ((PolicyError{PolicyErrorCode::kSyntax, "", "invalid JSON"}).ToString(),
            "[wafer.policy.syntax] invalid JSON");
}

struct LifetimeCase {
  const char* text;
  bool ok;
  bool session;
  int64_t seconds;
  int months;
};

TEST(ParseCookieLifetime, Table) {
  const LifetimeCase kCases[] = {
      {"session", true, true, 0, 0},
      {"1 minute", true, false, 60, 0},
      {"30 minutes", true, false, 1800, 0},
      {"24 hours", true, false, 86400, 0},
      {"1 day", true, false, 86400, 0},
      {"400 days", true, false, 400 * 86400, 0},
      {"1 month", true, false, 0, 1},
      {"13 months", true, false, 0, 13},
      {"1 year", true, false, 0, 12},
      {"2 years", true, false, 0, 24},
      {"", false, false, 0, 0},
      {"Session", false, false, 0, 0},
      {"0 days", false, false, 0, 0},
      {"-1 days", false, false, 0, 0},
      {"01 day", false, false, 0, 0},
      {"13months", false, false, 0, 0},
      {"13  months", false, false, 0, 0},
      {"13 Months", false, false, 0, 0},
      {"2 weeks", false, false, 0, 0},
      {"1.5 years", false, false, 0, 0},
      {"days", false, false, 0, 0},
      {"30 jours", false, false, 0, 0},
      {"99999999999 days", false, false, 0, 0},
  };
  for (const LifetimeCase& c : kCases) {
    CookieLifetime lifetime;
    EXPECT_EQ(ParseCookieLifetime(c.text, &lifetime), c.ok) << c.text;
    if (!c.ok) continue;
    EXPECT_EQ(lifetime.session, c.session) << c.text;
    EXPECT_EQ(lifetime.seconds, c.seconds) << c.text;
    EXPECT_EQ(lifetime.months, c.months) << c.text;
    EXPECT_EQ(lifetime.text, c.text);
  }
}

// ---- Fixture and demo files ------------------------------------------------

struct FixtureCase {
  const char* file;
  PolicyErrorCode code;
  const char* path;
};

TEST(ParsePolicy, BrokenFixtures) {
  const FixtureCase kCases[] = {
      {"broken_syntax.json", PolicyErrorCode::kSyntax, ""},
      {"broken_type.json", PolicyErrorCode::kType, "revision"},
      {"broken_missing.json", PolicyErrorCode::kMissing, "site"},
      {"broken_unknown_key.json", PolicyErrorCode::kUnknownKey, "consent.lifetme_months"},
      {"broken_duplicate_id.json", PolicyErrorCode::kDuplicateId, "categories[2].id"},
      {"broken_unknown_reference.json", PolicyErrorCode::kUnknownReference,
       "services[0].category"},
      {"broken_range.json", PolicyErrorCode::kRange, "consent.lifetime_months"},
      {"broken_format.json", PolicyErrorCode::kFormat, "regimes.regions.UK"},
      {"broken_unlawful.json", PolicyErrorCode::kUnlawful, "categories[1].defaults.opt-in"},
  };
  for (const FixtureCase& c : kCases) {
    const std::string path = std::string(WAFER_SOURCE_DIR) + "/tests/data/policies/" + c.file;
    const std::string text = ReadFile(path);
    ASSERT_FALSE(text.empty()) << path;
    std::vector<PolicyError> errors;
    absl::StatusOr<Policy> p = ParsePolicy(text, &errors);
    ASSERT_FALSE(p.ok()) << c.file;
    ASSERT_EQ(errors.size(), 1u) << c.file << Describe(errors);
    EXPECT_EQ(PolicyErrorCodeName(errors[0].code), PolicyErrorCodeName(c.code)) << c.file;
    EXPECT_EQ(errors[0].path, c.path) << c.file;
  }
}

TEST(ParsePolicy, ValidFixturesAndDemoPolicies) {
  std::vector<std::string> files = {std::string(WAFER_SOURCE_DIR) +
                                        "/tests/data/policies/valid_minimal.json",
                                    std::string(WAFER_SOURCE_DIR) +
                                        "/tests/data/policies/compile_public_suffix.json"};
  for (const char* demo : {"kaloom", "kallu", "kalido", "kaizenify", "kaleyra"}) {
    files.push_back(std::string(WAFER_SOURCE_DIR) + "/demo/policies/" + demo + ".json");
  }
  for (const std::string& file : files) {
    const std::string text = ReadFile(file);
    ASSERT_FALSE(text.empty()) << file;
    std::vector<PolicyError> errors;
    absl::StatusOr<Policy> p = ParsePolicy(text, &errors);
    EXPECT_TRUE(p.ok()) << file << ": " << p.status() << Describe(errors);
  }
}

TEST(ParsePolicy, DemoPoliciesMatchTheirSeeds) {
  auto load = [](const char* name) {
    absl::StatusOr<Policy> p =
        ParsePolicy(ReadFile(std::string(WAFER_SOURCE_DIR) + "/demo/policies/" + name + ".json"));
    EXPECT_TRUE(p.ok()) << name << ": " << p.status();
    return p.ok() ? *p : Policy();
  };
  auto category_of = [](const Policy& p, const std::string& service) {
    for (const Service& s : p.services) {
      if (s.id == service) return s.category;
    }
    return std::string("(absent)");
  };
  // Seed 000: HubSpot = marketing, HubSpot forms = analytics, GA = analytics.
  const Policy kaloom = load("kaloom");
  EXPECT_EQ(category_of(kaloom, "hubspot"), "marketing");
  EXPECT_EQ(category_of(kaloom, "hubspot-forms"), "analytics");
  EXPECT_EQ(category_of(kaloom, "google-analytics"), "analytics");
  // Seed 001: GA and Google Ads, consent on first visit.
  const Policy kallu = load("kallu");
  EXPECT_EQ(kallu.default_regime, Regime::kOptIn);
  EXPECT_EQ(category_of(kallu, "google-ads"), "marketing");
  // Seed 002: French first, 13-month consent and tracker cap.
  const Policy kalido = load("kalido");
  EXPECT_EQ(kalido.languages.front(), "fr");
  EXPECT_EQ(kalido.cookie_cap_months, 13);
  EXPECT_EQ(kalido.consent_months, 13);
  // Seed 003: opt-out by default, sale/share marketing, social widgets.
  const Policy kaizenify = load("kaizenify");
  EXPECT_EQ(kaizenify.default_regime, Regime::kOptOut);
  EXPECT_TRUE(kaizenify.categories[2].sale_or_share);
  EXPECT_EQ(category_of(kaizenify, "x-widgets"), "social");
  EXPECT_EQ(category_of(kaizenify, "facebook-plugins"), "social");
  // Seed 004: opt-in, US opt-out, social plugins off even under opt-out.
  const Policy kaleyra = load("kaleyra");
  EXPECT_EQ(kaleyra.default_regime, Regime::kOptIn);
  EXPECT_EQ(kaleyra.regions.at("US"), Regime::kOptOut);
  for (const Category& c : kaleyra.categories) {
    if (c.id != "social") continue;
    EXPECT_FALSE(c.defaults[static_cast<int>(Regime::kOptOut)]);
    EXPECT_FALSE(c.defaults[static_cast<int>(Regime::kNotice)]);
  }
  for (const char* plugin : {"facebook-plugins", "youtube", "linkedin-plugins", "x-widgets"}) {
    EXPECT_EQ(category_of(kaleyra, plugin), "social") << plugin;
  }
}

TEST(ParsePolicy, BannerTextsInAnUnlistedLanguageSuggestNoLookalike) {
  // "pt" is not a typo of "it": no "did you mean" between unrelated languages.
  json doc = json::parse(kBasePolicy);
  doc["banner"] = {{"texts", {{"pt", {{"title", "T"}}}}}};
  std::vector<PolicyError> errors;
  EXPECT_FALSE(ParsePolicy(doc.dump(), &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << Describe(errors);
  EXPECT_THAT(errors[0].message, ::testing::Not(HasSubstr("did you mean")));
  // A label in an unlisted language: the same.
  doc = json::parse(kBasePolicy);
  doc["categories"][1]["label"]["it"] = "Statistiche";
  errors.clear();
  EXPECT_FALSE(ParsePolicy(doc.dump(), &errors).ok());
  ASSERT_EQ(errors.size(), 1u) << Describe(errors);
  EXPECT_THAT(errors[0].message, ::testing::Not(HasSubstr("did you mean")));
}

TEST(ParsePolicy, RegionalLanguagesWithABundle) {
  // "fr-CA" is shown by the "fr" bundle (its base language); "en-GB" by "en".
  json doc = json::parse(kBasePolicy);
  doc["languages"] = {"fr-CA", "en-GB"};
  for (auto& c : doc["categories"]) {
    json label = json::object();
    label["fr-CA"] = "Libellé";
    c["label"] = label;
    c.erase("description");
  }
  for (auto& sv : doc["services"]) {
    if (sv.contains("purpose")) sv.erase("purpose");
    if (sv.contains("cookies")) {
      for (auto& c : sv["cookies"]) c.erase("purpose");
    }
  }
  doc["banner"] = {{"texts", {{"fr-CA", {{"title", "Vos choix"}}}}}};
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
  ASSERT_TRUE(p.ok()) << Describe(errors);
  EXPECT_THAT(p->languages, ElementsAre("fr-CA", "en-GB"));
}

// ---------------------------------------------------------------------------
// Warnings: a valid policy that would serve visitors badly.

struct WarningCase {
  const char* name;
  const char* services;  // JSON array for "services".
  std::vector<std::string> paths;  // Of the warnings expected, in order.
  const char* message;   // A substring of the first one's message.
};

class PolicyWarningsTest : public ::testing::TestWithParam<WarningCase> {};

TEST_P(PolicyWarningsTest, WarnsOfMixedCategories) {
  const WarningCase& c = GetParam();
  json doc = json::parse(R"json({
    "site": {"id": "shop", "domains": ["shop.example"], "policy_url": "https://shop.example/p"},
    "revision": 1, "languages": ["en"],
    "categories": [
      {"id": "necessary", "necessary": true, "label": {"en": "Necessary"}},
      {"id": "analytics", "label": {"en": "Analytics"}},
      {"id": "functional", "label": {"en": "Functional"}},
      {"id": "marketing", "label": {"en": "Marketing"}},
      {"id": "media", "label": {"en": "Media"}}
    ]})json");
  doc["services"] = json::parse(c.services);
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
  ASSERT_TRUE(p.ok()) << Describe(errors);  // Warnings never fail parsing.
  const std::vector<PolicyError> warnings = PolicyWarnings(*p);
  std::vector<std::string> paths;
  for (const PolicyError& w : warnings) {
    EXPECT_EQ(PolicyErrorCodeName(w.code), "wafer.policy.mixed_category");
    paths.push_back(w.path);
  }
  EXPECT_EQ(paths, c.paths) << Describe(warnings);
  if (!warnings.empty()) EXPECT_THAT(warnings[0].message, HasSubstr(c.message));
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyWarningsTest,
    ::testing::Values(
        // The shop of issue 14: a video next to advertising pixels.
        WarningCase{"video_next_to_ads",
                    R"([{"id": "google-ads", "category": "marketing"},
                        {"id": "hubspot", "category": "marketing"},
                        {"id": "youtube", "category": "marketing"},
                        {"id": "linkedin-insight", "category": "marketing"}])",
                    {"categories[3]"},
                    "\"marketing\" mixes services a visitor would judge apart: advertising "
                    "(\"google-ads\", \"hubspot\", \"linkedin-insight\") and embedded "
                    "content (videos, posts, social buttons) (\"youtube\"). Its switch grants "
                    "them all at once (a visitor can still choose per service); give each kind a "
                    "category of its own, e.g. \"youtube\" in \"media\""},
        WarningCase{"split", R"([{"id": "google-ads", "category": "marketing"},
                                 {"id": "linkedin-insight", "category": "marketing"},
                                 {"id": "youtube", "category": "media"},
                                 {"id": "x-widgets", "category": "media"}])",
                    {}, ""},
        WarningCase{"form_next_to_analytics",
                    R"([{"id": "google-analytics", "category": "analytics"},
                        {"id": "hubspot-forms", "category": "analytics"}])",
                    {"categories[1]"}, "e.g. \"hubspot-forms\" in \"functional\""},
        WarningCase{"three_kinds_named_after_none",
                    R"([{"id": "youtube", "category": "media"},
                        {"id": "google-ads", "category": "media"},
                        {"id": "facebook-pixel", "category": "media"},
                        {"id": "hubspot-chat", "category": "media"}])",
                    {"categories[4]"},
                    "e.g. \"google-ads\", \"facebook-pixel\" in \"marketing\", e.g. "
                    "\"hubspot-chat\" in \"functional\""},
        // A tag manager is judged by what it loads; an own service of unknown
        // kind is not guessed at.
        WarningCase{"tag_manager_and_unknown",
                    R"([{"id": "google-tag-manager", "category": "marketing"},
                        {"id": "google-ads", "category": "marketing"},
                        {"id": "widget", "name": "Widget", "category": "marketing",
                         "urls": ["w.example"]}])",
                    {}, ""},
        // An own service declaring ad storage is advertising.
        WarningCase{"own_ad_service_next_to_video",
                    R"([{"id": "youtube", "category": "media"},
                        {"id": "adnet", "name": "AdNet", "category": "media",
                         "urls": ["ads.example"], "consent_mode": ["ad_storage"]}])",
                    {"categories[4]"}, "advertising (\"adnet\")"},
        WarningCase{"necessary_is_not_judged", R"([{"id": "cart", "name": "Cart",
                        "category": "necessary", "cookies": [{"name": "cart", "lifetime": "session"}]}])",
                    {}, ""}),
    [](const ::testing::TestParamInfo<WarningCase>& info) { return info.param.name; });

TEST(ParsePolicy, ConsentModeIsBasicUnlessAdvancedIsChosen) {
  absl::StatusOr<Policy> p = ParsePolicy(kBasePolicy);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->consent_mode, ConsentModeKind::kBasic);
  for (const auto& [name, kind] : {std::pair{"basic", ConsentModeKind::kBasic},
                                   std::pair{"advanced", ConsentModeKind::kAdvanced}}) {
    json doc = json::parse(kBasePolicy);
    doc["consent"]["consent_mode"] = name;
    std::vector<PolicyError> errors;
    p = ParsePolicy(doc.dump(), &errors);
    ASSERT_TRUE(p.ok()) << Describe(errors);
    EXPECT_EQ(p->consent_mode, kind) << name;
  }
}

// "advanced" warns where the opt-in regime applies, naming what Google
// receives before consent; "basic" never warns.
struct AdvancedWarningCase {
  const char* name;
  const char* mode;
  const char* regimes;  // JSON for "regimes".
  const char* services;  // JSON for "services".
  const char* message;   // A substring of the warning; nullptr: no warning.
};

TEST(PolicyWarnings, AdvancedConsentModeUnderOptIn) {
  const AdvancedWarningCase cases[] = {
      {"advanced_opt_in_default", "advanced", R"({"default": "opt-in"})",
       R"([{"id": "google-analytics"}, {"id": "google-ads"}, {"id": "youtube"}])",
       "\"advanced\" under the opt-in regime (by default): before any choice, and after a "
       "refusal, Google's tags (\"google-analytics\", \"google-ads\") load with their Consent "
       "Mode types denied and send Google cookieless pings carrying the page's address and "
       "referrer, the browser's IP address and user agent"},
      {"advanced_opt_in_regions", "advanced",
       R"({"default": "opt-out", "regions": {"FR": "opt-in", "EEA": "opt-in", "US": "notice"}})",
       R"([{"id": "google-analytics"}])", "(in EEA, FR)"},
      {"advanced_mentions_regulators", "advanced", R"({"default": "opt-in"})",
       R"([{"id": "google-analytics"}])", "EDPB Guidelines 2/2023"},
      {"advanced_without_google_tags", "advanced", R"({"default": "opt-in"})",
       R"([{"id": "youtube"}])", "no Google tag that reads Consent Mode"},
      {"advanced_opt_out_only", "advanced", R"({"default": "opt-out", "regions": {"US": "notice"}})",
       R"([{"id": "google-analytics"}])", nullptr},
      {"basic_opt_in", "basic", R"({"default": "opt-in"})",
       R"([{"id": "google-analytics"}, {"id": "google-ads"}])", nullptr},
  };
  for (const AdvancedWarningCase& c : cases) {
    SCOPED_TRACE(c.name);
    json doc = json::parse(R"json({
      "site": {"id": "shop", "domains": ["shop.example"], "policy_url": "https://shop.example/p"},
      "revision": 1, "languages": ["en"],
      "categories": [
        {"id": "necessary", "necessary": true, "label": {"en": "Necessary"}},
        {"id": "analytics", "label": {"en": "Analytics"}},
        {"id": "marketing", "label": {"en": "Marketing"}},
        {"id": "media", "label": {"en": "Media"}}
      ]})json");
    doc["consent"] = {{"consent_mode", c.mode}};
    doc["regimes"] = json::parse(c.regimes);
    doc["services"] = json::parse(c.services);
    std::vector<PolicyError> errors;
    absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
    ASSERT_TRUE(p.ok()) << Describe(errors);
    std::vector<PolicyError> warnings;
    for (const PolicyError& w : PolicyWarnings(*p)) {
      if (w.code == PolicyErrorCode::kAdvancedConsentMode) warnings.push_back(w);
    }
    if (c.message == nullptr) {
      EXPECT_TRUE(warnings.empty()) << Describe(warnings);
      continue;
    }
    ASSERT_EQ(warnings.size(), 1u) << Describe(warnings);
    EXPECT_EQ(PolicyErrorCodeName(warnings[0].code), "wafer.policy.advanced_consent_mode");
    EXPECT_EQ(warnings[0].path, "consent.consent_mode");
    EXPECT_THAT(warnings[0].message, HasSubstr(c.message));
  }
}

// Google Tag Manager in the necessary category: under "advanced", what each
// tag inside then needs; under "basic", the contradiction. GTM in a consent
// category, or another service in necessary, does not warn.
TEST(PolicyWarnings, TagManagerInNecessary) {
  struct Case {
    const char* name;
    const char* mode;
    const char* services;
    const char* path;                  // nullptr: no warning.
    std::vector<const char*> message;  // Substrings of the warning.
  };
  const Case cases[] = {
      {"advanced", "advanced",
       R"([{"id": "google-tag-manager", "category": "necessary"}, {"id": "google-analytics"},
           {"id": "hubspot"}])",
       "services[0].category",
       {"\"google-tag-manager\" is a tag manager in the necessary category \"necessary\": it "
        "loads on every page before any choice",
        "\"Require additional consent for tag to fire\"", "(HubSpot in \"marketing\": ad_storage)",
        "custom event wafer_consent", "A tag without a check runs before consent",
        "set cookie_expires and cookie_update there"}},
      {"basic", "basic",
       R"([{"id": "google-analytics"}, {"id": "google-tag-manager", "category": "necessary"}])",
       "services[1].category",
       {"contradicts Consent Mode \"basic\"", "the container itself is a request to Google",
        "(the catalogue's is \"analytics\")"}},
      {"consent_category", "advanced",
       R"([{"id": "google-tag-manager"}, {"id": "google-analytics"}])", nullptr, {}},
      {"other_necessary_service", "basic",
       R"([{"id": "cart", "name": "Cart", "category": "necessary",
            "cookies": [{"name": "cart", "lifetime": "session"}]}])",
       nullptr, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    json doc = json::parse(R"json({
      "site": {"id": "shop", "domains": ["shop.example"], "policy_url": "https://shop.example/p"},
      "revision": 1, "languages": ["en"], "regimes": {"default": "opt-in"},
      "categories": [
        {"id": "necessary", "necessary": true, "label": {"en": "Necessary"}},
        {"id": "analytics", "label": {"en": "Analytics"}},
        {"id": "marketing", "label": {"en": "Marketing"}}
      ]})json");
    doc["consent"] = {{"consent_mode", c.mode}};
    doc["services"] = json::parse(c.services);
    std::vector<PolicyError> errors;
    absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
    ASSERT_TRUE(p.ok()) << Describe(errors);  // A warning, never an error.
    std::vector<PolicyError> warnings;
    for (const PolicyError& w : PolicyWarnings(*p)) {
      if (w.code == PolicyErrorCode::kTagManagerNecessary) warnings.push_back(w);
    }
    if (c.path == nullptr) {
      EXPECT_TRUE(warnings.empty()) << Describe(warnings);
      continue;
    }
    ASSERT_EQ(warnings.size(), 1u) << Describe(warnings);
    EXPECT_EQ(warnings[0].path, c.path);
    for (const char* m : c.message) EXPECT_THAT(warnings[0].message, HasSubstr(m));
  }
}

TEST(PolicyWarnings, DemoPoliciesWarnOnlyWhereTheyMixKinds) {
  std::map<std::string, size_t> want = {{"kalido", 0}, {"kallu", 0}, {"kaizenify", 0},
                                        {"kaleyra", 0}, {"kaloom", 1}, {"kashop", 1}};
  for (const auto& [site, count] : want) {
    std::ifstream in(std::string(WAFER_SOURCE_DIR) + "/demo/policies/" + site + ".json");
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<Policy> p = ParsePolicy(text.str());
    ASSERT_TRUE(p.ok()) << site << ": " << p.status();
    EXPECT_EQ(PolicyWarnings(*p).size(), count) << site << Describe(PolicyWarnings(*p));
  }
}

TEST(ServiceKindOf, CatalogueElseWhatItDeclares) {
  for (const Service& s : Catalogue()) {
    EXPECT_NE(s.kind, ServiceKind::kUnknown) << s.id;
    EXPECT_EQ(ServiceKindOf(s), s.kind) << s.id;
  }
  EXPECT_EQ(FindCatalogueService("youtube")->kind, ServiceKind::kEmbed);
  EXPECT_EQ(FindCatalogueService("google-ads")->kind, ServiceKind::kAdvertising);
  Service own;
  EXPECT_EQ(ServiceKindOf(own), ServiceKind::kUnknown);
  own.hubspot = kHubSpotAnalytics;
  EXPECT_EQ(ServiceKindOf(own), ServiceKind::kAnalytics);
  own.flags = kServiceHubSpotTracking;
  EXPECT_EQ(ServiceKindOf(own), ServiceKind::kAdvertising);
  own = Service();
  own.consent_mode = kAdUserData;
  EXPECT_EQ(ServiceKindOf(own), ServiceKind::kAdvertising);
}

}  // namespace
}  // namespace wafer
