// loader_config_test.cc — the stub's configuration: parseable, complete,
// deterministic, safe to inline, and matching the engine's patterns and
// Consent Mode rule.

#include "wafer/loader_config.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/engine.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"
#include "wafer/types.h"

namespace wafer {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

struct Rendered {
  Policy policy;
  std::string compiled;
  std::string text;
  json config;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

::testing::AssertionResult Render(const std::string& policy_json, Rendered* out,
                                  std::string_view region = "FR",
                                  std::string_view policy_file = "") {
  absl::StatusOr<Policy> policy = ParsePolicy(policy_json);
  if (!policy.ok()) return ::testing::AssertionFailure() << policy.status().message();
  absl::StatusOr<PublicSuffixList> psl = PublicSuffixList::Load(kDefaultPublicSuffixListPath);
  if (!psl.ok()) return ::testing::AssertionFailure() << psl.status().message();
  absl::StatusOr<std::string> compiled = CompilePolicy(*policy, *psl);
  if (!compiled.ok()) return ::testing::AssertionFailure() << compiled.status().message();
  out->policy = *policy;
  out->compiled = *compiled;
  LoaderUrls urls{"/v1/engine/wafer-engine.abc.wasm", "/v1/consents", "/v1/js/wafer.loader.1.js",
                  std::string(policy_file), "/v1/sites/shop/banner.{lang}.js"};
  out->text = RenderLoaderConfig(*policy, *compiled, urls, region);
  out->config = json::parse(out->text, nullptr, false);
  if (out->config.is_discarded()) return ::testing::AssertionFailure() << "not JSON: " << out->text;
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult RenderDemo(const std::string& site, Rendered* out,
                                      std::string_view region = "FR") {
  return Render(ReadFile(std::string(WAFER_SOURCE_DIR) + "/demo/policies/" + site + ".json"), out,
                region);
}

// The Consent Mode types granted in a gtag('consent', 'default', …) argument,
// which must name all seven.
std::vector<std::string> Types(const json& defaults) {
  std::vector<std::string> names;
  for (int i = 0; i < kConsentModeTypeCount; ++i) {
    const std::string type(ConsentModeTypeName(i));
    EXPECT_TRUE(defaults.contains(type)) << type;
    if (defaults.value(type, "") == "granted") names.push_back(type);
  }
  return names;
}

// An entry's GPC variant: 0 stands for "the same as the default".
const json& WithGpc(const json& entry) { return entry[1] == 0 ? entry[0] : entry[1]; }

constexpr char kPolicy[] = R"json({
  "site": {"id": "shop", "domains": ["www.example.co.uk", "example.co.uk"],
           "policy_url": "https://www.example.co.uk/cookies"},
  "revision": 4,
  "languages": ["en", "fr"],
  "consent": {"cookie_name": "shop_consent", "wait_for_update_ms": 700},
  "regimes": {"default": "opt-in", "regions": {"US": "opt-out", "US-CA": "opt-out", "US-TX": "notice"}},
  "categories": [
    {"id": "necessary", "necessary": true, "label": {"en": "Necessary", "fr": "Nécessaires"},
     "consent_mode": ["security_storage"]},
    {"id": "analytics", "label": {"en": "Analytics"}, "consent_mode": ["analytics_storage"]},
    {"id": "marketing", "label": {"en": "Ads </script><script>alert(1)</script>"},
     "consent_mode": ["ad_storage", "ad_user_data", "ad_personalization"],
     "sale_or_share": true, "defaults": {"notice": false}}
  ],
  "services": [
    {"id": "google-analytics", "category": "analytics"},
    {"id": "google-ads", "category": "marketing"},
    {"id": "hubspot", "category": "marketing"}
  ]
})json";

TEST(LoaderConfig, IsAJsonObjectWithEveryField) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  const json& c = r.config;
  EXPECT_EQ(c["v"], 2);
  EXPECT_EQ(c["site"], "shop");
  EXPECT_EQ(c["revision"], 4);
  EXPECT_EQ(c["engine"], "/v1/engine/wafer-engine.abc.wasm");
  EXPECT_EQ(c["receipts"], "/v1/consents");
  EXPECT_EQ(c["loader"], "/v1/js/wafer.loader.1.js");
  EXPECT_EQ(c["banner"], "/v1/sites/shop/banner.{lang}.js");
  EXPECT_EQ(c["region"], "FR");
  EXPECT_EQ(c["cookie"], "shop_consent");
  EXPECT_EQ(c["wait"], 700);
  EXPECT_EQ(c["languages"], json({"en", "fr"}));
  EXPECT_TRUE(c.contains("policy"));
  EXPECT_FALSE(c.contains("policy_file"));
}

// The floating reopen button (policy banner.floating_button, default true) is
// the loader's: "reopen":1 when on, no key at all when off.
TEST(LoaderConfig, ReopenButtonFollowsFloatingButton) {
  Rendered on;
  ASSERT_TRUE(Render(kPolicy, &on));
  EXPECT_TRUE(on.policy.banner.floating_button);
  EXPECT_EQ(on.config["reopen"], 1);

  std::string off_json = kPolicy;
  off_json.insert(off_json.rfind('}'), R"(, "banner": {"floating_button": false})");
  Rendered off;
  ASSERT_TRUE(Render(off_json, &off));
  EXPECT_FALSE(off.policy.banner.floating_button);
  EXPECT_FALSE(off.config.contains("reopen"));
  EXPECT_THAT(off.text, Not(HasSubstr("reopen")));
}

// Texts are the banner data's (banner_data.h): the stub carries none.
TEST(LoaderConfig, CarriesNoText) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  EXPECT_FALSE(r.config.contains("policy_url"));
  EXPECT_THAT(r.text, Not(HasSubstr("example.co.uk/cookies")));
  EXPECT_THAT(r.text, Not(HasSubstr("Nécessaires")));
  EXPECT_THAT(r.text, Not(HasSubstr("Google Analytics 4")));
  for (const json& c : r.config["categories"]) EXPECT_EQ(c.size(), 2u) << c;
  for (const json& s : r.config["services"]) EXPECT_EQ(s.size(), 3u) << s;
}

TEST(LoaderConfig, PolicyIsTheCompiledBytesInBase64) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  std::string decoded;
  ASSERT_TRUE(absl::Base64Unescape(r.config["policy"].get<std::string>(), &decoded));
  EXPECT_EQ(decoded, r.compiled);
  CompiledPolicy p;
  EXPECT_TRUE(CompiledPolicy::Parse(decoded, &p));
}

TEST(LoaderConfig, PolicyAsAFileReplacesTheBase64) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r, "FR", "https://c.test/v1/sites/shop/policy.0123456789abcdef.bin"));
  EXPECT_FALSE(r.config.contains("policy"));
  EXPECT_EQ(r.config["policy_file"], "https://c.test/v1/sites/shop/policy.0123456789abcdef.bin");
}

// The page-view token the server signs into each wafer.js it serves: carried
// as given when there is one, no key at all otherwise (static bundles).
TEST(LoaderConfig, CarriesThePageViewTokenWhenGiven) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  EXPECT_FALSE(r.config.contains("token"));
  LoaderUrls urls{"/e.wasm", "/v1/consents", "", "", ""};
  urls.token = "pv1.k2.1767225600.AbC-_9";
  const json c = json::parse(RenderLoaderConfig(r.policy, r.compiled, urls, ""), nullptr, false);
  ASSERT_TRUE(c.is_object());
  EXPECT_EQ(c["token"], "pv1.k2.1767225600.AbC-_9");
}

TEST(LoaderConfig, DomainsAreRegistrable) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  EXPECT_EQ(r.config["domains"], json({"example.co.uk"}));  // Never "co.uk", no duplicate.
}

TEST(LoaderConfig, CategoriesAndServicesUseTheCompiledIndices) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  CompiledPolicy p;
  ASSERT_TRUE(CompiledPolicy::Parse(r.compiled, &p));
  const json& cats = r.config["categories"];
  ASSERT_EQ(cats.size(), p.categories.size());
  for (size_t i = 0; i < p.categories.size(); ++i) {
    EXPECT_EQ(cats[i][0], std::string(p.categories[i].id));
    EXPECT_EQ(cats[i][1], p.categories[i].flags);
  }
  EXPECT_EQ(cats[0][1], kCategoryNecessary);
  EXPECT_EQ(cats[2][1], kCategorySaleOrShare);
  const json& services = r.config["services"];
  ASSERT_EQ(services.size(), p.services.size());
  for (size_t i = 0; i < p.services.size(); ++i) {
    EXPECT_EQ(services[i][0], std::string(p.services[i].id));
    EXPECT_EQ(services[i][1], p.services[i].category);
    EXPECT_EQ(services[i][2], p.services[i].flags);
  }
}

TEST(LoaderConfig, UrlAndCookiePatternsAreTheEngines) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  CompiledPolicy p;
  ASSERT_TRUE(CompiledPolicy::Parse(r.compiled, &p));
  std::vector<json> want_urls, want_cookies;
  for (size_t i = 0; i < p.services.size(); ++i) {
    for (auto u : p.services[i].url_patterns) want_urls.push_back({std::string(u), i});
    for (auto c : p.services[i].cookie_patterns) {
      want_cookies.push_back({std::string(c), i});  // The service: the guard is per service.
    }
  }
  EXPECT_EQ(r.config["urls"], json(want_urls));
  EXPECT_EQ(r.config["cookies"], json(want_cookies));
  // Concretely: the gtag.js URL of a GA4 tag and the _ga cookie.
  bool gtag = false;
  for (const json& u : r.config["urls"]) {
    if (UrlMatches(u[0].get<std::string>(),
                   "https://www.googletagmanager.com/gtag/js?id=G-TEST1")) {
      gtag |= u[1] == 0;
    }
  }
  EXPECT_TRUE(gtag);
  EXPECT_THAT(r.config["cookies"].dump(), HasSubstr(R"(["_ga",0])"));
  EXPECT_THAT(r.config["cookies"].dump(), HasSubstr(R"(["_gcl_au",1])"));
  EXPECT_THAT(r.config["cookies"].dump(), HasSubstr(R"(["__hstc",2])"));
}

TEST(LoaderConfig, LangIsTheEnginesAnswerForAVisitorItKnowsNothingOf) {
  // The loader shows the fail-closed banner in it when the engine cannot load.
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  CompiledPolicy p;
  ASSERT_TRUE(CompiledPolicy::Parse(r.compiled, &p));
  EXPECT_EQ(r.config["lang"], std::string(Evaluate(p, Facts()).banner_language));
  EXPECT_EQ(r.config["lang"], p.languages[0]);
}

TEST(LoaderConfig, ConsentModeDefaultsPerRegime) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  const json& cm = r.config["consent_mode"];
  // Default (opt-in): only what necessary declares; regions grouped by regime.
  ASSERT_EQ(cm.size(), 3u);
  EXPECT_THAT(Types(cm[0][0]), ElementsAre("security_storage"));
  EXPECT_EQ(cm[0][1], 0);  // Opt-in: GPC changes nothing.
  EXPECT_FALSE(cm[0][0].contains("region"));
  EXPECT_EQ(cm[0][0]["wait_for_update"], 700);
  // Opt-out: everything granted by default; GPC denies the ad types.
  EXPECT_EQ(cm[1][0]["region"], json({"US", "US-CA"}));
  EXPECT_EQ(cm[1][1]["region"], json({"US", "US-CA"}));
  EXPECT_THAT(Types(cm[1][0]),
              ElementsAre("ad_storage", "ad_user_data", "ad_personalization",
                          "analytics_storage", "security_storage"));
  EXPECT_THAT(Types(cm[1][1]), ElementsAre("analytics_storage", "security_storage"));
  // Notice with marketing off by default.
  EXPECT_EQ(cm[2][0]["region"], json({"US-TX"}));
  EXPECT_THAT(Types(cm[2][0]), ElementsAre("analytics_storage", "security_storage"));
}

TEST(LoaderConfig, TypeDeclaredByAServiceNeedsItsCategory) {
  // Google Ads declares the ad types itself (catalogue): with its category in
  // analytics, the ad types follow analytics.
  Rendered r;
  ASSERT_TRUE(Render(R"json({
    "site": {"id": "s", "domains": ["example.com"], "policy_url": "https://example.com/p"},
    "revision": 1, "languages": ["en"], "regimes": {"default": "opt-out"},
    "categories": [{"id": "necessary", "necessary": true, "label": {"en": "N"}},
                   {"id": "analytics", "label": {"en": "A"}, "defaults": {"opt-out": false}}],
    "services": [{"id": "google-ads", "category": "analytics"}]})json",
                     &r));
  EXPECT_THAT(Types(r.config["consent_mode"][0][0]), ElementsAre("security_storage"));
}

TEST(LoaderConfig, IsSafeToInlineInAScript) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  EXPECT_THAT(r.text, Not(HasSubstr("</script")));
  EXPECT_THAT(r.text, Not(HasSubstr("<")));
}

TEST(LoaderConfig, EscapesLineSeparators) {
  Policy policy;
  policy.site_id = "s/\xE2\x80\xA8\"\\\x01</script>";
  const std::string text = RenderLoaderConfig(policy, "not a policy", {}, "");
  EXPECT_THAT(text, HasSubstr(R"(\u2028\"\\\u0001)"));
  EXPECT_THAT(text, Not(HasSubstr("<")));
  const json c = json::parse(text, nullptr, false);
  ASSERT_FALSE(c.is_discarded());
  EXPECT_EQ(c["site"], policy.site_id);
}

TEST(LoaderConfig, UnreadablePolicyHoldsEverything) {
  Rendered r;
  ASSERT_TRUE(Render(kPolicy, &r));
  const json c =
      json::parse(RenderLoaderConfig(r.policy, "garbage", {}, "US"), nullptr, false);
  ASSERT_FALSE(c.is_discarded());
  ASSERT_EQ(c["consent_mode"].size(), 1u);
  EXPECT_THAT(Types(c["consent_mode"][0][0]), ElementsAre());  // All denied.
  EXPECT_EQ(c["consent_mode"][0][1], 0);
  EXPECT_EQ(c["categories"], json::array());
  // The source policy's URL patterns still make the stub hold the trackers.
  EXPECT_EQ(c["urls"], r.config["urls"]);
}

TEST(LoaderConfig, IsDeterministic) {
  Rendered a, b;
  ASSERT_TRUE(Render(kPolicy, &a));
  ASSERT_TRUE(Render(kPolicy, &b));
  EXPECT_EQ(a.text, b.text);
}

TEST(LoaderConfig, RendersEveryDemoPolicy) {
  for (const char* site : {"kaloom", "kallu", "kalido", "kaizenify", "kaleyra"}) {
    SCOPED_TRACE(site);
    Rendered r;
    ASSERT_TRUE(RenderDemo(site, &r));
    EXPECT_EQ(r.config["site"], site);
    EXPECT_FALSE(r.config["urls"].empty());
    EXPECT_FALSE(r.config["domains"].empty());
    EXPECT_GE(r.config["consent_mode"].size(), 1u);
  }
}

TEST(LoaderConfig, KaizenifyIsOptOutWithGpcVariant) {
  Rendered r;
  ASSERT_TRUE(RenderDemo("kaizenify", &r, "US-CA"));
  const json& default_entry = r.config["consent_mode"][0];
  EXPECT_FALSE(default_entry[0].contains("region"));
  EXPECT_EQ(default_entry[0]["ad_storage"], "granted");  // Opt-out: on until opted out.
  EXPECT_EQ(WithGpc(default_entry)["ad_storage"], "denied");   // GPC: off.
  EXPECT_EQ(WithGpc(default_entry)["analytics_storage"], "granted");
  // The EEA (expanded by the compiler) and the rest of the opt-in regions.
  bool fr = false;
  for (const json& e : r.config["consent_mode"]) {
    for (const json& code : e[0].value("region", json::array())) {
      if (code == "FR") {
        fr = true;
        EXPECT_EQ(e[0]["ad_storage"], "denied");
        EXPECT_EQ(e[0]["analytics_storage"], "denied");
        EXPECT_EQ(e[1], 0);
      }
    }
  }
  EXPECT_TRUE(fr);
}

}  // namespace
}  // namespace wafer
