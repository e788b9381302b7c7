// banner_data_test.cc — the banner bundle's data: compiled order, language
// fallbacks, the site's overrides, lifetimes, escaping and determinism.

#include "wafer/banner_data.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_policies.h"
#include "wafer/catalogue.h"
#include "wafer/compiled_policy.h"
#include "wafer/engine.h"
#include "wafer/policy.h"

namespace wafer {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

json Render(const Policy& policy, std::string_view lang) {
  const std::string text = RenderBannerData(policy, lang);
  json data = json::parse(text, nullptr, false);
  EXPECT_FALSE(data.is_discarded()) << "not JSON: " << text;
  return data;
}

Policy ParseOrDie(std::string_view text) {
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> policy = ParsePolicy(text, &errors);
  for (const PolicyError& e : errors) ADD_FAILURE() << e.ToString();
  return policy.ok() ? *policy : Policy();
}

// A hand-built policy, to reach every fallback whatever the catalogue holds.
Policy Minimal() {
  Policy p;
  p.site_id = "shop";
  p.policy_url = "https://shop.example/privacy";
  p.revision = 7;
  p.languages = {"fr", "en"};
  Category necessary;
  necessary.id = "necessary";
  necessary.necessary = true;
  necessary.label = {{"fr", "Nécessaires"}, {"en", "Necessary"}};
  Category analytics;
  analytics.id = "analytics";
  analytics.label = {{"fr", "Mesure d'audience"}, {"en", "Audience measurement"},
                     {"de", "Reichweitenmessung"}};
  analytics.description = {{"it", "Statistiche"}};  // Neither fr nor en.
  p.categories = {necessary, analytics};
  Service s;
  s.id = "stats";
  s.category = "analytics";
  s.purpose = {{"en", "Counts visits."}, {"nl", "Telt bezoeken."}};  // No fr.
  CookieDeclaration session, seconds, months;
  session.name = "s";
  ParseCookieLifetime("session", &session.lifetime);
  seconds.name = "t";
  ParseCookieLifetime("30 minutes", &seconds.lifetime);
  months.name = "m";
  ParseCookieLifetime("2 years", &months.lifetime);
  months.first_party = false;
  s.cookies = {session, seconds, months};
  p.services = {s};
  return p;
}

TEST(BannerLanguages, AreTheStringTables) {
  // One source: a banner language is a string table js/src/banner/strings/<lang>.js.
  std::vector<std::string> tables;
  for (const auto& e : std::filesystem::directory_iterator(std::string(WAFER_SOURCE_DIR) +
                                                           "/js/src/banner/strings")) {
    if (e.path().extension() == ".js") tables.push_back(e.path().stem().string());
  }
  std::sort(tables.begin(), tables.end());
  ASSERT_GE(tables.size(), 32u);  // The 24 official EU languages and 8 more (issue 14).
  EXPECT_EQ(std::vector<std::string>(BannerLanguages().begin(), BannerLanguages().end()), tables);
  EXPECT_TRUE(std::is_sorted(BannerLanguages().begin(), BannerLanguages().end()));
  for (std::string_view lang : {"en", "fr", "de", "es", "it", "nl", "ar", "he", "nb", "pt", "pt-BR"}) {
    EXPECT_TRUE(IsBannerLanguage(lang)) << lang;
  }
  for (std::string_view lang : BannerLanguages()) EXPECT_TRUE(IsBannerLanguage(lang)) << lang;
  // Exactly a bundle's tag: aliases and other regions are the engine's to
  // resolve (Decision::banner_language), never the bundle route's.
  for (std::string_view lang : {"", "EN", "fr-CA", "pt-PT", "pt-br", "no", "iw", "en ", "../en"}) {
    EXPECT_FALSE(IsBannerLanguage(lang)) << lang;
  }
}

TEST(BannerTextKeys, AreTheContractsWithTheirPlaceholders) {
  EXPECT_EQ(BannerTextKeys().size(), 29u);
  EXPECT_EQ(BannerTextKeys().front(), "title");
  EXPECT_EQ(BannerTextKeys().back(), "always_allow");
  EXPECT_THAT(BannerTextPlaceholders("blocked"), ElementsAre("service", "category"));
  EXPECT_THAT(BannerTextPlaceholders("load"), ElementsAre("service"));
  EXPECT_THAT(BannerTextPlaceholders("always_allow"), ElementsAre("service"));
  EXPECT_TRUE(BannerTextPlaceholders("title").empty());
}

TEST(BannerTextKeys, EveryStringTableHasEveryKey) {
  // The banner falls back to the key's name for a missing string: every
  // table must have them all (and "reopen", the loader's button label). A
  // variant (pt-BR.js: `...pt`) has them with the table it spreads; js/build.mjs
  // checks the tables as built, this the keys core accepts in overrides.
  const auto read = [](std::string_view lang) {
    std::ifstream in(std::string(WAFER_SOURCE_DIR) + "/js/src/banner/strings/" +
                     std::string(lang) + ".js");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  for (std::string_view lang : BannerLanguages()) {
    std::string text = read(lang);
    const std::string spread = "\n  ...";
    if (const size_t at = text.find(spread); at != std::string::npos) {
      const std::string base = text.substr(at + spread.size(), text.find(',', at) - at - spread.size());
      ASSERT_TRUE(IsBannerLanguage(base)) << lang << " spreads " << base;
      text += read(base);
    }
    std::vector<std::string_view> keys(BannerTextKeys().begin(), BannerTextKeys().end());
    keys.push_back("reopen");
    for (std::string_view key : keys) {
      EXPECT_THAT(text, HasSubstr("\n  " + std::string(key) + ": ")) << lang << " " << key;
    }
  }
}

TEST(RenderBannerData, HasTheSiteFields) {
  const json d = Render(Minimal(), "de");
  EXPECT_EQ(d["v"], 1);
  EXPECT_EQ(d["site"], "shop");
  EXPECT_EQ(d["lang"], "de");
  EXPECT_EQ(d["dir"], "ltr");
  EXPECT_EQ(d["revision"], 7);
  EXPECT_EQ(d["policy_url"], "https://shop.example/privacy");
  EXPECT_EQ(d["floating_button"], true);
  EXPECT_EQ(d["texts"], json::object());
  for (std::string_view lang : BannerLanguages()) {
    const bool rtl = lang == "ar" || lang == "he";
    EXPECT_EQ(Render(Minimal(), lang)["dir"], rtl ? "rtl" : "ltr") << lang;
  }
  EXPECT_EQ(Render(Minimal(), "fa")["dir"], "rtl");
}

TEST(RenderBannerData, CategoriesAndServicesInTheCompiledOrder) {
  testutil::TestPolicy compiled;
  ASSERT_TRUE(testutil::CompileTestPolicy(testutil::kShopPolicy, &compiled));
  const Policy policy = ParseOrDie(testutil::kShopPolicy);
  const json d = Render(policy, "en");
  const CompiledPolicy& p = compiled.policy();
  ASSERT_EQ(d["categories"].size(), p.categories.size());
  for (size_t i = 0; i < p.categories.size(); ++i) {
    EXPECT_EQ(d["categories"][i]["id"], std::string(p.categories[i].id)) << i;
    EXPECT_EQ(d["categories"][i]["necessary"],
              (p.categories[i].flags & kCategoryNecessary) != 0) << i;
  }
  ASSERT_EQ(d["services"].size(), p.services.size());
  for (size_t i = 0; i < p.services.size(); ++i) {
    EXPECT_EQ(d["services"][i]["id"], std::string(p.services[i].id)) << i;
    EXPECT_EQ(d["services"][i]["category"], p.services[i].category) << i;
  }
  EXPECT_EQ(d["services"][testutil::kCheckout]["category"], testutil::kNecessary);
  EXPECT_EQ(d["services"][testutil::kYouTube]["category"], testutil::kMedia);
}

TEST(RenderBannerData, ServicesCarryTheCatalogueDescription) {
  const json d = Render(ParseOrDie(testutil::kShopPolicy), "fr");
  const json& ga = d["services"][testutil::kGoogleAnalytics];
  EXPECT_EQ(ga["name"], "Google Analytics 4");
  EXPECT_EQ(ga["provider"], "Google");
  EXPECT_EQ(ga["privacy_url"], "https://policies.google.com/privacy");
  EXPECT_THAT(ga["purpose"].get<std::string>(), HasSubstr("statistiques"));
  ASSERT_FALSE(ga["cookies"].empty());
  EXPECT_EQ(ga["cookies"][0]["name"], "_ga");
  EXPECT_EQ(ga["cookies"][0]["provider"], "Google");
  EXPECT_EQ(ga["cookies"][0]["purpose"], "Distingue les visiteurs.");
  EXPECT_EQ(ga["cookies"][0]["first_party"], true);
  const json& checkout = d["services"][testutil::kCheckout];
  EXPECT_EQ(checkout["name"], "Checkout");
  EXPECT_EQ(checkout["purpose"], "");  // None given: empty, never invented.
}

TEST(RenderBannerData, TextsFallBackToTheDefaultLanguageThenEnglishThenAny) {
  const Policy p = Minimal();
  // The language itself.
  EXPECT_EQ(Render(p, "de")["categories"][1]["label"], "Reichweitenmessung");
  EXPECT_EQ(Render(p, "en")["categories"][1]["label"], "Audience measurement");
  // The policy's first language (fr), not English.
  EXPECT_EQ(Render(p, "es")["categories"][1]["label"], "Mesure d'audience");
  EXPECT_EQ(Render(p, "es")["categories"][0]["label"], "Nécessaires");
  // No fr: English.
  EXPECT_EQ(Render(p, "es")["services"][0]["purpose"], "Counts visits.");
  EXPECT_EQ(Render(p, "nl")["services"][0]["purpose"], "Telt bezoeken.");
  // Neither: whatever there is.
  EXPECT_EQ(Render(p, "de")["categories"][1]["description"], "Statistiche");
  // Nothing at all: empty.
  EXPECT_EQ(Render(p, "de")["categories"][0]["description"], "");
}

TEST(RenderBannerData, LifetimesInThreeShapes) {
  const json cookies = Render(Minimal(), "en")["services"][0]["cookies"];
  ASSERT_EQ(cookies.size(), 3u);
  EXPECT_EQ(cookies[0]["lifetime"], json({{"session", true}}));
  EXPECT_EQ(cookies[1]["lifetime"], json({{"seconds", 1800}}));
  EXPECT_EQ(cookies[2]["lifetime"], json({{"months", 24}}));
  EXPECT_EQ(cookies[2]["first_party"], false);
  for (const json& c : cookies) EXPECT_EQ(c["lifetime"].size(), 1u) << c;
}

TEST(RenderBannerData, OverridesOnlyForThatLanguage) {
  const Policy p = ParseOrDie(R"json({
    "site": {"id": "shop", "domains": ["shop.example"], "policy_url": "https://shop.example/p"},
    "revision": 2, "languages": ["fr", "en"],
    "categories": [{"id": "necessary", "necessary": true, "label": {"fr": "N", "en": "N"}}],
    "banner": {"floating_button": false,
               "texts": {"fr": {"title": "Vos choix chez Shop", "load": "Charger {service}"}}}
  })json");
  const json fr = Render(p, "fr");
  EXPECT_EQ(fr["floating_button"], false);
  EXPECT_EQ(fr["texts"], json({{"title", "Vos choix chez Shop"}, {"load", "Charger {service}"}}));
  // No fallback for texts: the English bundle keeps its own English strings.
  EXPECT_EQ(Render(p, "en")["texts"], json::object());
  EXPECT_EQ(Render(p, "es")["texts"], json::object());
}

TEST(RenderBannerData, RendersThePolicyLanguageTheBundleShows) {
  // The engine answers "fr-CA" for a Canadian page; the loader fetches the
  // "fr" bundle, whose data must be fr-CA's, labelled fr-CA: one language.
  const Policy p = ParseOrDie(R"json({
    "site": {"id": "shop", "domains": ["shop.example"], "policy_url": "https://shop.example/p"},
    "revision": 1, "languages": ["en", "fr-CA"],
    "categories": [{"id": "necessary", "necessary": true,
                    "label": {"en": "Necessary", "fr-CA": "Essentiels"}}],
    "banner": {"texts": {"fr-CA": {"title": "Vos choix"}}}
  })json");
  EXPECT_EQ(PolicyLanguageFor(p, "fr"), "fr-CA");
  EXPECT_EQ(PolicyLanguageFor(p, "en"), "en");
  EXPECT_EQ(PolicyLanguageFor(p, "de"), "de");  // None shows it: itself.
  const json fr = Render(p, "fr");
  EXPECT_EQ(fr["lang"], "fr-CA");
  EXPECT_EQ(fr["categories"][0]["label"], "Essentiels");
  EXPECT_EQ(fr["texts"], json({{"title", "Vos choix"}}));
  EXPECT_EQ(Render(p, "en")["lang"], "en");
  EXPECT_EQ(Render(p, "en")["texts"], json::object());
}

TEST(RenderBannerData, ThePortugueseTextsInTheBrazilianBundle) {
  const Policy p = ParseOrDie(R"json({
    "site": {"id": "shop", "domains": ["shop.example"], "policy_url": "https://shop.example/p"},
    "revision": 1, "languages": ["en", "pt", "nn", "iw"],
    "categories": [{"id": "necessary", "necessary": true,
                    "label": {"en": "Necessary", "pt": "Necessários", "nn": "Nødvendige",
                              "iw": "הכרחיות"}}]
  })json");
  EXPECT_EQ(PolicyLanguageFor(p, "pt-BR"), "pt");
  EXPECT_EQ(PolicyLanguageFor(p, "pt"), "pt");
  EXPECT_EQ(PolicyLanguageFor(p, "nb"), "nn");
  EXPECT_EQ(PolicyLanguageFor(p, "he"), "iw");
  const json br = Render(p, "pt-BR");
  EXPECT_EQ(br["lang"], "pt");
  EXPECT_EQ(br["categories"][0]["label"], "Necessários");
  EXPECT_EQ(Render(p, "he")["dir"], "rtl");
  EXPECT_EQ(Render(p, "he")["categories"][0]["label"], "הכרחיות");
}

// The engine picks (language, bundle); the server renders the bundle's data
// in PolicyLanguageFor(bundle). Both must name the same policy language, or a
// visitor would read one language in the buttons and another in the labels.
TEST(RenderBannerData, TheDataOfTheEnginesBundleIsInTheEnginesLanguage) {
  const std::vector<std::vector<std::string>> policies = {
      {"fr", "en"},       {"en", "pt"},       {"en", "pt", "pt-BR"}, {"en", "pt-BR"},
      {"en", "nb"},       {"en", "no"},       {"en", "he"},          {"en", "iw"},
      {"en", "fr-CA"},    {"de", "en", "ar"}, {"pt-PT", "pt-BR"},    {"en", "sv", "fi"}};
  const std::vector<std::string> wanted = {
      "de", "fr", "fr-CA", "fr-BE", "en-US", "pt", "pt-BR", "pt-PT", "pt_br", "nn", "no-NO",
      "nb", "iw", "he-IL", "ar-EG", "ja", "", "zh-Hant-TW", "sv-FI", "fi"};
  for (const std::vector<std::string>& languages : policies) {
    json doc = json::parse(testutil::kShopPolicy);
    doc["languages"] = languages;
    for (json& c : doc["categories"]) c["label"] = {{languages[0], c["id"]}};
    const Policy policy = ParseOrDie(doc.dump());
    testutil::TestPolicy compiled;
    ASSERT_TRUE(testutil::CompileTestPolicy(doc.dump(), &compiled));
    for (const std::string& w : wanted) {
      for (const std::vector<std::string_view>& page :
           {std::vector<std::string_view>{w}, std::vector<std::string_view>{"", w, "en"}}) {
        Facts facts;
        facts.languages = page;
        const Decision d = Evaluate(compiled.policy(), facts);
        SCOPED_TRACE(doc["languages"].dump() + " wanted " + w);
        ASSERT_TRUE(IsBannerLanguage(d.banner_language)) << d.banner_language;
        EXPECT_EQ(PolicyLanguageFor(policy, d.banner_language), policy.languages[d.language])
            << "bundle " << d.banner_language;
        EXPECT_EQ(json::parse(RenderBannerData(policy, d.banner_language))["lang"],
                  policy.languages[d.language]);
      }
    }
  }
}

TEST(RenderBannerData, IsSafeInsideAScriptElement) {
  Policy p = Minimal();
  p.categories[1].label["en"] =
      "</script><script>alert(1)</script> & \xE2\x80\xA8 \xE2\x80\xA9 \"q\"";
  p.banner.texts["en"]["title"] = "<!-- x -->";
  const std::string text = RenderBannerData(p, "en");
  EXPECT_THAT(text, Not(HasSubstr("<")));
  EXPECT_THAT(text, Not(HasSubstr(">")));
  EXPECT_THAT(text, Not(HasSubstr("&")));
  EXPECT_THAT(text, Not(HasSubstr("\xE2\x80\xA8")));
  EXPECT_THAT(text, Not(HasSubstr("\xE2\x80\xA9")));
  EXPECT_THAT(text, HasSubstr("\\u003c/script\\u003e"));
  EXPECT_THAT(text, HasSubstr("\\u2028"));
  // And it still says the same thing.
  const json d = json::parse(text);
  EXPECT_EQ(d["categories"][1]["label"], p.categories[1].label["en"]);
  EXPECT_EQ(d["texts"]["title"], "<!-- x -->");
}

TEST(RenderBannerData, IsDeterministic) {
  const Policy a = ParseOrDie(testutil::kShopPolicy);
  const Policy b = ParseOrDie(testutil::kShopPolicy);
  for (std::string_view lang : BannerLanguages()) {
    EXPECT_EQ(RenderBannerData(a, lang), RenderBannerData(b, lang)) << lang;
    EXPECT_EQ(RenderBannerData(a, lang), RenderBannerData(a, lang)) << lang;
  }
  // The order of the JSON keys in the policy does not matter.
  const Policy one = ParseOrDie(R"json({"site": {"id": "s", "domains": ["s.example"],
      "policy_url": "https://s.example/"}, "revision": 1, "languages": ["en"],
      "categories": [{"id": "necessary", "necessary": true, "label": {"en": "N"}}],
      "banner": {"texts": {"en": {"title": "T", "accept_all": "A"}}}})json");
  const Policy two = ParseOrDie(R"json({"banner": {"texts": {"en": {"accept_all": "A",
      "title": "T"}}}, "categories": [{"label": {"en": "N"}, "necessary": true, "id": "necessary"}],
      "languages": ["en"], "revision": 1, "site": {"policy_url": "https://s.example/",
      "domains": ["s.example"], "id": "s"}})json");
  EXPECT_EQ(RenderBannerData(one, "en"), RenderBannerData(two, "en"));
}

TEST(RenderBannerData, EveryDemoPolicyInEveryLanguage) {
  for (const char* site : {"kalido", "kaizenify", "kaleyra", "kallu", "kaloom"}) {
    std::ifstream in(std::string(WAFER_SOURCE_DIR) + "/demo/policies/" + site + ".json");
    std::stringstream text;
    text << in.rdbuf();
    const Policy p = ParseOrDie(text.str());
    for (std::string_view lang : BannerLanguages()) {
      const json d = Render(p, lang);
      EXPECT_EQ(d["site"], site);
      EXPECT_EQ(d["categories"].size(), p.categories.size());
      for (const json& c : d["categories"]) EXPECT_NE(c["label"], "") << site << " " << lang;
      for (const json& s : d["services"]) {
        if (FindCatalogueService(s["id"].get<std::string>()) != nullptr) {
          EXPECT_NE(s["purpose"], "") << site << " " << lang << " " << s["id"];
        }
      }
    }
  }
}

}  // namespace
}  // namespace wafer
