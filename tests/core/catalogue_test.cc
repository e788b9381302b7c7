// catalogue_test.cc — the built-in services: well-formed, referenceable, and
// matching the real URLs and cookies of the tags they describe.

#include "wafer/catalogue.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "wafer/banner_data.h"
#include "wafer/compiled_policy.h"
#include "wafer/policy.h"

namespace wafer {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAreArray;

// Ids of the catalogue services with a URL pattern matching `url` (on a page
// of another site).
std::set<std::string> ServicesMatchingUrl(const std::string& url) {
  std::set<std::string> ids;
  for (const Service& s : Catalogue()) {
    for (const std::string& pattern : s.urls) {
      if (UrlMatches(pattern, url, "https://www.site.example/")) ids.insert(s.id);
    }
  }
  return ids;
}

// Ids of the catalogue services with a first-party cookie matching `name`.
std::set<std::string> ServicesMatchingCookie(const std::string& name) {
  std::set<std::string> ids;
  for (const Service& s : Catalogue()) {
    for (const CookieDeclaration& c : s.cookies) {
      if (c.first_party && GlobMatches(c.name, name)) ids.insert(s.id);
    }
  }
  return ids;
}

TEST(Catalogue, HasTheDocumentedServicesInStableOrder) {
  std::vector<std::string> ids;
  for (const Service& s : Catalogue()) ids.push_back(s.id);
  EXPECT_THAT(ids, ElementsAre("google-analytics", "google-tag-manager", "google-ads", "hubspot",
                               "hubspot-forms", "hubspot-chat", "youtube", "facebook-pixel",
                               "facebook-plugins", "linkedin-insight", "linkedin-plugins",
                               "x-widgets"));
  EXPECT_EQ(&Catalogue(), &Catalogue());
}

TEST(Catalogue, EntriesAreComplete) {
  const std::set<std::string> kSuggested = {"necessary", "analytics", "marketing", "functional"};
  for (const Service& s : Catalogue()) {
    SCOPED_TRACE(s.id);
    EXPECT_TRUE(s.from_catalogue);
    EXPECT_FALSE(s.name.empty());
    EXPECT_FALSE(s.provider.empty());
    EXPECT_EQ(s.privacy_url.rfind("https://", 0), 0u);
    EXPECT_EQ(kSuggested.count(s.category), 1u) << s.category;
    EXPECT_FALSE(s.urls.empty());
    for (const CookieDeclaration& c : s.cookies) {
      SCOPED_TRACE(c.name);
      EXPECT_FALSE(c.provider.empty());
      EXPECT_FALSE(c.lifetime.text.empty());
      EXPECT_TRUE(c.lifetime.session || c.lifetime.seconds > 0 || c.lifetime.months > 0);
      for (std::string_view lang : BannerLanguages()) {
        EXPECT_FALSE(c.purpose.count(std::string(lang)) == 0 ||
                     c.purpose.at(std::string(lang)).empty())
            << lang;
      }
    }
  }
}

// The banner names what each service does in every bundled language: one
// sentence, ending with a full stop, and not the English text left in place.
TEST(Catalogue, EveryServiceHasAPurposeInEveryBannerLanguage) {
  for (const Service& s : Catalogue()) {
    SCOPED_TRACE(s.id);
    EXPECT_EQ(s.purpose.size(), BannerLanguages().size());
    for (std::string_view lang : BannerLanguages()) {
      SCOPED_TRACE(lang);
      auto it = s.purpose.find(std::string(lang));
      ASSERT_NE(it, s.purpose.end());
      const std::string& text = it->second;
      ASSERT_FALSE(text.empty());
      EXPECT_EQ(text.back(), '.');
      EXPECT_LT(text.size(), 300u);
      if (lang != "en") EXPECT_NE(text, s.purpose.at("en"));
    }
  }
  EXPECT_EQ(FindCatalogueService("google-analytics")->purpose.at("en"),
            "Measures how visitors use the site (pages viewed, time spent) to produce "
            "statistics.");
}

TEST(Catalogue, FindsById) {
  ASSERT_NE(FindCatalogueService("hubspot"), nullptr);
  EXPECT_EQ(FindCatalogueService("hubspot")->flags, kServiceHubSpotTracking);
  EXPECT_EQ(FindCatalogueService("hubspot")->hubspot, kHubSpotAnalytics | kHubSpotAdvertisement);
  EXPECT_EQ(FindCatalogueService("google-analytics")->consent_mode, kAnalyticsStorage);
  EXPECT_EQ(FindCatalogueService("google-ads")->consent_mode,
            kAdStorage | kAdUserData | kAdPersonalization);
  EXPECT_EQ(FindCatalogueService("hubspot-forms")->hubspot, kHubSpotFunctionality);
  EXPECT_EQ(FindCatalogueService("matomo"), nullptr);
  EXPECT_EQ(FindCatalogueService(""), nullptr);
  EXPECT_EQ(FindCatalogueService("Google-Analytics"), nullptr);
}

// Every entry passes the policy validator (ids, URL patterns, cookie names),
// referenced with and without a category.
TEST(Catalogue, EveryEntryValidatesInAPolicy) {
  nlohmann::json doc = {
      {"site", {{"id", "cat"}, {"domains", {"example.com"}}, {"policy_url", "https://example.com"}}},
      {"revision", 1},
      {"languages", {"en"}},
      {"categories", nlohmann::json::array()},
      {"services", nlohmann::json::array()}};
  for (const char* id : {"necessary", "analytics", "marketing", "functional"}) {
    nlohmann::json c = {{"id", id}, {"label", {{"en", id}}}};
    if (std::string(id) == "necessary") c["necessary"] = true;
    doc["categories"].push_back(c);
  }
  for (const Service& s : Catalogue()) doc["services"].push_back({{"id", s.id}});
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(doc.dump(), &errors);
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_EQ(p->services.size(), Catalogue().size());
  for (size_t i = 0; i < Catalogue().size(); ++i) {
    EXPECT_EQ(p->services[i].category, Catalogue()[i].category);
    EXPECT_EQ(p->services[i].urls, Catalogue()[i].urls);
  }
}

struct UrlCase {
  const char* url;
  std::vector<std::string> services;  // Empty: no catalogue service.
};

TEST(Catalogue, UrlsMatchTheRightService) {
  const UrlCase kCases[] = {
      {"https://www.googletagmanager.com/gtag/js?id=G-ABC123", {"google-analytics"}},
      {"https://www.googletagmanager.com/gtag/js?id=AW-123456", {"google-ads"}},
      {"https://www.googletagmanager.com/gtm.js?id=GTM-XXXX", {"google-tag-manager"}},
      {"https://www.googletagmanager.com/ns.html?id=GTM-XXXX", {"google-tag-manager"}},
      {"https://region1.google-analytics.com/g/collect?v=2&tid=G-1", {"google-analytics"}},
      {"https://www.google-analytics.com/g/collect", {"google-analytics"}},
      {"https://region1.analytics.google.com/g/collect", {"google-analytics"}},
      {"https://www.googleadservices.com/pagead/conversion/123/", {"google-ads"}},
      {"https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/", {"google-ads"}},
      {"https://td.doubleclick.net/td/rul/1", {"google-ads"}},
      {"https://www.google.com/pagead/1p-user-list/1/", {"google-ads"}},
      {"//js.hs-scripts.com/1234567.js", {"hubspot"}},
      {"https://js-eu1.hs-scripts.com/1234567.js", {"hubspot"}},
      {"https://js.hs-analytics.net/analytics/1700000000000/1234567.js", {"hubspot"}},
      {"https://js.hs-banner.com/v2/1234567/banner.js", {"hubspot"}},
      {"https://js.hscollectedforms.net/collectedforms.js", {"hubspot"}},
      {"https://js.hsadspixel.net/fb.js", {"hubspot"}},
      {"https://track.hubspot.com/__ptq.gif?a=1", {"hubspot"}},
      {"https://js.hsforms.net/forms/embed/v2.js", {"hubspot-forms"}},
      {"https://forms.hsforms.com/submissions/v3/public/submit/formsnext/multipart/1/2",
       {"hubspot-forms"}},
      {"https://js.usemessages.com/conversations-embed.js", {"hubspot-chat"}},
      {"https://www.youtube.com/embed/dQw4w9WgXcQ", {"youtube"}},
      {"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", {"youtube"}},
      {"https://www.youtube.com/iframe_api", {"youtube"}},
      {"https://connect.facebook.net/en_US/fbevents.js", {"facebook-pixel"}},
      {"https://connect.facebook.net/signals/config/123?v=2.9", {"facebook-pixel"}},
      {"https://www.facebook.com/tr?id=1&ev=PageView", {"facebook-pixel"}},
      {"https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v18.0", {"facebook-plugins"}},
      {"https://www.facebook.com/plugins/like.php?href=x", {"facebook-plugins"}},
      {"https://snap.licdn.com/li.lms-analytics/insight.min.js", {"linkedin-insight"}},
      {"https://px.ads.linkedin.com/collect/?pid=1", {"linkedin-insight"}},
      {"https://platform.linkedin.com/in.js", {"linkedin-plugins"}},
      {"https://www.linkedin.com/embed/feed/update/urn:li:share:1", {"linkedin-plugins"}},
      {"https://platform.twitter.com/widgets.js", {"x-widgets"}},
      {"https://platform.x.com/widgets.js", {"x-widgets"}},
      // Not trackers, or not these ones.
      {"https://www.youtube.com/watch?v=dQw4w9WgXcQ", {}},
      {"https://www.google.com/search?q=wafer", {}},
      {"https://app.hubspot.com/login", {}},
      {"https://www.facebook.com/kaleyra", {}},
      {"https://cdn.example.com/app.js", {}},
  };
  for (const UrlCase& c : kCases) {
    EXPECT_THAT(ServicesMatchingUrl(c.url), UnorderedElementsAreArray(c.services)) << c.url;
  }
}

struct CookieCase {
  const char* name;
  std::vector<std::string> services;
};

TEST(Catalogue, FirstPartyCookiesMatchTheRightService) {
  const CookieCase kCases[] = {
      {"_ga", {"google-analytics"}},
      {"_ga_ABC123XYZ", {"google-analytics"}},
      {"_gid", {"google-analytics"}},
      {"_gat", {"google-analytics"}},
      {"_gat_UA-1234-1", {"google-analytics"}},
      {"_dc_gtm_UA-1234-1", {"google-analytics"}},
      {"_gcl_au", {"google-ads"}},
      {"_gcl_aw", {"google-ads"}},
      {"_gcl_gb", {"google-ads"}},
      {"__hstc", {"hubspot"}},
      {"hubspotutk", {"hubspot"}},
      {"__hssc", {"hubspot"}},
      {"__hssrc", {"hubspot"}},
      {"messagesUtk", {"hubspot-chat"}},
      {"_fbp", {"facebook-pixel"}},
      {"_fbc", {"facebook-pixel"}},
      {"li_fat_id", {"linkedin-insight"}},
      // HubSpot's preference cookies record the refusal: never deleted.
      {"__hs_opt_out", {}},
      {"__hs_do_not_track", {}},
      {"__hs_cookie_cat_pref", {}},
      {"__hs_initial_opt_in", {}},
      // Third-party cookies are declared but never matched on the site.
      {"YSC", {}},
      {"VISITOR_INFO1_LIVE", {}},
      {"datr", {}},
      {"bcookie", {}},
      {"personalization_id", {}},
      {"wafer_consent", {}},
  };
  for (const CookieCase& c : kCases) {
    EXPECT_THAT(ServicesMatchingCookie(c.name), UnorderedElementsAreArray(c.services)) << c.name;
  }
}

TEST(Catalogue, DeclaredLifetimes) {
  struct Lifetime {
    const char* service;
    const char* cookie;
    const char* text;
  };
  const Lifetime kCases[] = {
      {"google-analytics", "_ga", "2 years"},   {"google-analytics", "_gid", "24 hours"},
      {"google-analytics", "_gat*", "1 minute"}, {"google-ads", "_gcl_au", "90 days"},
      {"hubspot", "__hstc", "6 months"},         {"hubspot", "hubspotutk", "6 months"},
      {"hubspot", "__hssc", "30 minutes"},       {"hubspot", "__hssrc", "session"},
      {"hubspot-chat", "messagesUtk", "6 months"}, {"facebook-pixel", "_fbp", "3 months"},
  };
  for (const Lifetime& c : kCases) {
    const Service* s = FindCatalogueService(c.service);
    ASSERT_NE(s, nullptr) << c.service;
    bool found = false;
    for (const CookieDeclaration& d : s->cookies) {
      if (d.name == c.cookie) {
        found = true;
        EXPECT_EQ(d.lifetime.text, c.text) << c.cookie;
      }
    }
    EXPECT_TRUE(found) << c.service << " " << c.cookie;
  }
}

}  // namespace
}  // namespace wafer
