// engine_test.cc — the rule book (docs/engine.md), rule by rule.
//
// Every test runs the real pipeline: the shop policy (test_policies.h) is
// parsed, compiled against the system's Public Suffix List and read back;
// stored consent is what Apply() wrote on an earlier visit, fed back as the
// consent cookie, exactly as the loader does.
//
// Test suites follow the sections of docs/engine.md:
//   EngineRegime, EngineStoredConsent, EngineMonths, EngineAllowed, EngineGpc,
//   EngineBanner, EngineElements, EngineCookies, EngineCookieCap,
//   EngineConsentMode, EngineApply, EngineLanguage, EngineFailClosed.

#include "wafer/engine.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "test_policies.h"
#include "wafer/calendar.h"
#include "wafer/compiler.h"
#include "wafer/consent_state.h"
#include "wafer/engine_wire.h"
#include "internal/hash.h"
#include "internal/wire.h"

namespace wafer {
namespace {

using testutil::CompileTestPolicy;
using testutil::kAnalytics;
using testutil::kCheckout;
using testutil::kGoogleAds;
using testutil::kGoogleAnalytics;
using testutil::kHubSpot;
using testutil::kMarketing;
using testutil::kMedia;
using testutil::kNecessary;
using testutil::kShopPolicy;
using testutil::kYouTube;
using testutil::TestPolicy;

// ---------------------------------------------------------------------------
// Time, written as dates (an oracle independent of the engine's calendar).

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t At(int y, int m, int d, int h = 0, int mi = 0, int s = 0) {
  return DaysFromCivil(y, m, d) * 86400 + h * 3600 + mi * 60 + s;
}

const int64_t kNow = At(2026, 1, 15, 10);  // A Thursday morning, UTC.

constexpr std::array<uint8_t, kConsentIdSize> kFreshId = {
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff};
constexpr std::array<uint8_t, kConsentIdSize> kOtherFreshId = {
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};

// Category and service masks of the shop policy.
constexpr uint32_t Cat(int i) { return 1u << i; }
constexpr uint32_t kN = Cat(kNecessary), kA = Cat(kAnalytics), kM = Cat(kMarketing),
                   kV = Cat(kMedia);
constexpr uint32_t kAllCategories = kN | kA | kM | kV;
constexpr uint8_t kAllConsentModes = 0x7f;
constexpr uint8_t kAdBits = kAdStorage | kAdUserData | kAdPersonalization;
constexpr uint8_t kAllHubSpot = kHubSpotAnalytics | kHubSpotAdvertisement | kHubSpotFunctionality;

// Services allowed when exactly `categories` are (the shop's mapping).
uint64_t ServicesOf(uint32_t categories) {
  uint64_t s = 0;
  if (categories & kA) s |= uint64_t{1} << kGoogleAnalytics;
  if (categories & kM) s |= (uint64_t{1} << kGoogleAds) | (uint64_t{1} << kHubSpot);
  if (categories & kV) s |= uint64_t{1} << kYouTube;
  if (categories & kN) s |= uint64_t{1} << kCheckout;
  return s;
}

// ---------------------------------------------------------------------------
// A page view, owning every string the Facts view.

struct El {
  ElementKind kind;
  std::string url, category, service;
};

// The shop's held elements, in document order.
std::vector<El> ShopElements() {
  return {
      {ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ", "", ""},
      {ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=AW-987654321", "", ""},
      {ElementKind::kScript, "//js.hs-scripts.com/1234567.js", "", ""},
      {ElementKind::kIframe, "https://www.youtube.com/embed/dQw4w9WgXcQ", "", ""},
      {ElementKind::kImage, "https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ",
       "", ""},
      {ElementKind::kBeacon,
       "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654321/", "", ""},
      {ElementKind::kScript, "https://pay.example-psp.com/v3/checkout.js", "", ""},
  };
}
// Service and category of each shop element.
constexpr int kShopElementService[] = {kGoogleAnalytics, kGoogleAds, kHubSpot, kYouTube,
                                       kGoogleAnalytics, kGoogleAds, kCheckout};
constexpr int kShopElementCategory[] = {kAnalytics, kMarketing, kMarketing, kMedia,
                                        kAnalytics, kMarketing, kNecessary};

// Cookies the shop's trackers set, plus a necessary one and an unknown one.
constexpr char kTrackerCookies[] =
    "_ga=GA1.1.111.222; _ga_ABC123XYZ=GS1.1.3; _gcl_au=1.1.444; __hstc=abc.1.2; "
    "hubspotutk=0f0f; __psp_session=s1; theme=dark";

struct Page {
  int64_t now = kNow;
  std::string region = "FR";
  bool gpc = false;
  std::vector<std::string> languages = {"en-GB", "en"};
  std::string host = "www.example.co.uk";
  std::string path = "/";
  std::string cookies;
  std::string mirror;
  std::array<uint8_t, kConsentIdSize> fresh_id = kFreshId;
  std::vector<El> elements = ShopElements();

  // Views into this page: keep it alive while the facts or a decision are used.
  Facts facts() const {
    Facts f;
    f.now = now;
    f.region = region;
    f.gpc = gpc;
    for (const std::string& l : languages) f.languages.push_back(l);
    f.host = host;
    f.path = path;
    f.cookies = cookies;
    f.stored_mirror = mirror;
    f.fresh_id = fresh_id;
    for (const El& e : elements) f.elements.push_back({e.kind, e.url, e.category, e.service});
    return f;
  }

  // Sets the cookie header to `others` plus the consent cookie `state`.
  Page& WithCookies(const std::string& others, const std::string& state = "") {
    cookies = others;
    if (!state.empty()) cookies += (cookies.empty() ? "" : "; ") + std::string("wafer_consent=") + state;
    return *this;
  }
};

Decision Eval(const TestPolicy& p, const Page& page) { return Evaluate(p.policy(), page.facts()); }

Decision Act(const TestPolicy& p, const Page& page, Action action,
             const std::vector<std::string>& granted = {}) {
  Choice choice;
  choice.action = action;
  for (const std::string& g : granted) choice.granted.push_back(g);
  return Apply(p.policy(), page.facts(), choice);
}

// The consent cookie a visitor has after `action` on `page`.
std::string StateAfter(const TestPolicy& p, const Page& page, Action action,
                       const std::vector<std::string>& granted = {}) {
  const Decision d = Act(p, page, action, granted);
  EXPECT_TRUE(d.state_changed);
  EXPECT_FALSE(d.state.empty());
  return d.state;
}

ConsentState Decode(const TestPolicy& p, const std::string& state) {
  ConsentState s;
  EXPECT_TRUE(DecodeConsentState(state, p.policy().site_key, &s)) << "state: " << state;
  return s;
}

bool Granted(const ConsentState& s, const char* category) {
  const CategoryChoice* c = s.Find(CategoryHash(category));
  return c != nullptr && c->granted;
}

int64_t FirstPlaced(const ConsentState& s, const char* category) {
  const CategoryChoice* c = s.Find(CategoryHash(category));
  return c == nullptr ? -1 : c->first_placed;
}

std::vector<std::string> Strings(const std::vector<std::string_view>& v) {
  return std::vector<std::string>(v.begin(), v.end());
}

// "released allowed google-analytics/analytics", "kept unmatched -/-".
std::string Show(const TestPolicy& p, const ElementVerdict& v) {
  std::string out = v.release ? "released " : "kept ";
  out += std::string(ElementReasonName(v.reason)) + " ";
  out += v.service >= 0 ? std::string(p.policy().services[v.service].id) : "-";
  out += "/";
  out += v.category >= 0 ? std::string(p.policy().categories[v.category].id) : "-";
  return out;
}

std::vector<std::string> Verdicts(const TestPolicy& p, const Decision& d) {
  std::vector<std::string> out;
  for (const ElementVerdict& v : d.elements) out.push_back(Show(p, v));
  return out;
}

// The verdicts of the shop elements when exactly `allowed` categories are.
std::vector<std::string> ShopVerdicts(const TestPolicy& p, uint32_t allowed) {
  std::vector<std::string> out;
  for (size_t i = 0; i < std::size(kShopElementService); ++i) {
    ElementVerdict v;
    v.service = kShopElementService[i];
    v.category = kShopElementCategory[i];
    v.release = (allowed >> v.category) & 1u;
    v.reason = v.release ? ElementReason::kAllowed : ElementReason::kRefused;
    out.push_back(Show(p, v));
  }
  return out;
}

std::string PolicyWith(const std::string& from, const std::string& to) {
  std::string json = kShopPolicy;
  const size_t at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) json.replace(at, from.size(), to);
  return json;
}

#define SHOP(p)  \
  TestPolicy p;  \
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p))

// ===========================================================================
// Regime: the exact region, else its country, else the default.

struct RegionCase {
  const char* name;
  const char* region;
  Regime regime;
  uint32_t allowed;  // With no stored consent.
  BannerReason reason;
};

TEST(EngineRegime, RegionResolutionAndFirstVisitDefaults) {
  SHOP(p);
  const RegionCase cases[] = {
      {"DefaultOptIn", "FR", Regime::kOptIn, kN, BannerReason::kFirstVisit},
      {"UnknownRegion", "", Regime::kOptIn, kN, BannerReason::kFirstVisit},
      {"ListedOptIn", "CH", Regime::kOptIn, kN, BannerReason::kFirstVisit},
      {"CaliforniaExact", "US-CA", Regime::kOptOut, kAllCategories, BannerReason::kNotice},
      {"CaliforniaLowerCase", "us-ca", Regime::kOptOut, kAllCategories, BannerReason::kNotice},
      {"UsCountry", "US", Regime::kNotice, kN | kA | kV, BannerReason::kNotice},
      {"OtherUsState", "US-TX", Regime::kNotice, kN | kA | kV, BannerReason::kNotice},
      {"CanadaIsNotCalifornia", "CA", Regime::kOptIn, kN, BannerReason::kFirstVisit},
  };
  for (const RegionCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.region = c.region;
    const Decision d = Eval(p, page);
    EXPECT_TRUE(d.policy_ok);
    EXPECT_EQ(d.regime, c.regime);
    EXPECT_TRUE(d.show_banner);
    EXPECT_EQ(d.reason, c.reason);
    EXPECT_EQ(d.allowed_categories, c.allowed);
    EXPECT_EQ(d.allowed_services, ServicesOf(c.allowed));
    EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, c.allowed));
    EXPECT_FALSE(d.state_changed);
    EXPECT_FALSE(d.consent.present);
  }
}

// ===========================================================================
// First visit under opt-in: nothing but necessary.

TEST(EngineFirstVisit, OptInHoldsEveryTrackerInOrder) {
  SHOP(p);
  const Page page;
  const Decision d = Eval(p, page);
  EXPECT_TRUE(d.policy_ok);
  EXPECT_EQ(d.regime, Regime::kOptIn);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kFirstVisit);
  EXPECT_EQ(d.allowed_categories, kN);
  EXPECT_EQ(d.allowed_services, uint64_t{1} << kCheckout);
  EXPECT_EQ(Verdicts(p, d), (std::vector<std::string>{
                                "kept refused google-analytics/analytics",
                                "kept refused google-ads/marketing",
                                "kept refused hubspot/marketing",
                                "kept refused youtube/media",
                                "kept refused google-analytics/analytics",
                                "kept refused google-ads/marketing",
                                "released allowed checkout/necessary",
                            }));
  EXPECT_EQ(d.consent_mode, kSecurityStorage);  // Everything else denied.
  EXPECT_EQ(d.hubspot, 0);
  EXPECT_TRUE(d.hubspot_do_not_track);
  EXPECT_FALSE(d.gpc_honoured);
  EXPECT_TRUE(d.gtag.empty());
  EXPECT_TRUE(d.delete_cookies.empty());
  EXPECT_FALSE(d.state_changed);
  EXPECT_EQ(d.state, "");
  EXPECT_FALSE(d.consent.present);
}

TEST(EngineFirstVisit, OptInDeletesTrackerCookiesAlreadyPresent) {
  // Cookies set before Wafer ran (a tag outside the loader) are deleted.
  SHOP(p);
  Page page;
  page.WithCookies(kTrackerCookies);
  const Decision d = Eval(p, page);
  EXPECT_EQ(d.reason, BannerReason::kFirstVisit);
  EXPECT_EQ(Strings(d.delete_cookies),
            (std::vector<std::string>{"_ga", "_ga_ABC123XYZ", "_gcl_au", "__hstc", "hubspotutk"}));
  EXPECT_FALSE(d.state_changed);  // Nothing is recorded without consent.
}

// ===========================================================================
// Accept, reject, custom: Apply, then the next page view with the new state.

TEST(EngineApply, AcceptAllThenNextPage) {
  SHOP(p);
  const Page first;
  const Decision applied = Act(p, first, Action::kAcceptAll);
  EXPECT_FALSE(applied.show_banner);
  EXPECT_EQ(applied.reason, BannerReason::kNone);
  EXPECT_TRUE(applied.state_changed);
  EXPECT_EQ(applied.allowed_categories, kAllCategories);
  EXPECT_EQ(applied.consent.method, Method::kAcceptAll);
  EXPECT_EQ(applied.consent.consent_id, kFreshId);
  EXPECT_EQ(applied.consent.given_at, kNow);
  EXPECT_EQ(applied.consent.expires_at, At(2027, 2, 15, 10));  // 13 months.
  EXPECT_EQ(Verdicts(p, applied), ShopVerdicts(p, kAllCategories));

  const ConsentState s = Decode(p, applied.state);
  EXPECT_EQ(s.consent_id, kFreshId);
  EXPECT_EQ(s.given_at, kNow);
  EXPECT_EQ(s.revision, 3u);
  EXPECT_EQ(s.regime, Regime::kOptIn);
  EXPECT_EQ(s.method, Method::kAcceptAll);
  EXPECT_EQ(s.categories.size(), 4u);
  for (const char* c : {"necessary", "analytics", "marketing", "media"}) EXPECT_TRUE(Granted(s, c)) << c;

  Page next;
  next.now = kNow + 60;
  next.path = "/products";
  next.WithCookies("", applied.state);
  const Decision d = Eval(p, next);
  EXPECT_FALSE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNone);
  EXPECT_EQ(d.allowed_categories, kAllCategories);
  EXPECT_EQ(d.allowed_services, ServicesOf(kAllCategories));
  EXPECT_EQ(Verdicts(p, d), (std::vector<std::string>{
                                "released allowed google-analytics/analytics",
                                "released allowed google-ads/marketing",
                                "released allowed hubspot/marketing",
                                "released allowed youtube/media",
                                "released allowed google-analytics/analytics",
                                "released allowed google-ads/marketing",
                                "released allowed checkout/necessary",
                            }));
  EXPECT_EQ(d.consent_mode, kAllConsentModes);
  EXPECT_EQ(d.hubspot, kAllHubSpot);
  EXPECT_FALSE(d.hubspot_do_not_track);
  EXPECT_FALSE(d.state_changed);
  EXPECT_TRUE(d.delete_cookies.empty());
  EXPECT_TRUE(d.consent.present);
  EXPECT_EQ(d.consent.method, Method::kAcceptAll);
  EXPECT_EQ(d.consent.consent_id, kFreshId);
  EXPECT_EQ(d.consent.given_at, kNow);
}

TEST(EngineApply, RejectAllThenNextPage) {
  SHOP(p);
  Page first;
  first.WithCookies(kTrackerCookies);
  const Decision applied = Act(p, first, Action::kRejectAll);
  EXPECT_FALSE(applied.show_banner);
  EXPECT_EQ(applied.allowed_categories, kN);
  EXPECT_EQ(applied.consent.method, Method::kRejectAll);
  EXPECT_EQ(applied.consent.expires_at, At(2026, 7, 15, 10));  // Refusal: 6 months.
  EXPECT_EQ(Strings(applied.delete_cookies),
            (std::vector<std::string>{"_ga", "_ga_ABC123XYZ", "_gcl_au", "__hstc", "hubspotutk"}));

  Page next;
  next.now = kNow + 3600;
  next.WithCookies("", applied.state);
  const Decision d = Eval(p, next);
  EXPECT_FALSE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNone);
  EXPECT_EQ(d.allowed_categories, kN);
  EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, kN));
  EXPECT_EQ(d.consent_mode, kSecurityStorage);
  EXPECT_EQ(d.hubspot, 0);
  EXPECT_TRUE(d.hubspot_do_not_track);
  EXPECT_TRUE(d.gtag.empty());
  EXPECT_FALSE(d.state_changed);
}

TEST(EngineApply, CustomAnalyticsOnly) {
  SHOP(p);
  const Page first;
  const Decision applied = Act(p, first, Action::kCustom, {"analytics", "no-such-category"});
  EXPECT_EQ(applied.allowed_categories, kN | kA);
  EXPECT_EQ(applied.consent.method, Method::kCustom);
  EXPECT_EQ(applied.consent.expires_at, At(2027, 2, 15, 10));  // Grants analytics: 13 months.
  const ConsentState s = Decode(p, applied.state);
  EXPECT_TRUE(Granted(s, "necessary"));
  EXPECT_TRUE(Granted(s, "analytics"));
  EXPECT_FALSE(Granted(s, "marketing"));
  EXPECT_FALSE(Granted(s, "media"));
  EXPECT_EQ(s.categories.size(), 4u);  // Unknown ids are ignored, not stored.

  Page next;
  next.WithCookies("", applied.state);
  const Decision d = Eval(p, next);
  EXPECT_FALSE(d.show_banner);
  EXPECT_EQ(Verdicts(p, d), (std::vector<std::string>{
                                "released allowed google-analytics/analytics",
                                "kept refused google-ads/marketing",
                                "kept refused hubspot/marketing",
                                "kept refused youtube/media",
                                "released allowed google-analytics/analytics",
                                "kept refused google-ads/marketing",
                                "released allowed checkout/necessary",
                            }));
  EXPECT_EQ(d.consent_mode, kAnalyticsStorage | kSecurityStorage);
  EXPECT_EQ(d.consent_mode & kAdBits, 0);
  // HubSpot's tracking service (marketing) also declares HubSpot analytics.
  EXPECT_EQ(d.hubspot, 0);
  EXPECT_TRUE(d.hubspot_do_not_track);
  ASSERT_EQ(d.gtag.size(), 1u);
  EXPECT_EQ(d.gtag[0].service, kGoogleAnalytics);
}

// ===========================================================================
// Withdrawal: the trackers' cookies go, on every domain and path they may use.

TEST(EngineCookies, WithdrawDeletesTrackerCookiesEverywhere) {
  SHOP(p);
  Page page;
  page.host = "www.shop.example.co.uk";
  const std::string accepted = StateAfter(p, page, Action::kAcceptAll);

  Page later;
  later.now = kNow + 86400 * 30;
  later.host = "www.shop.example.co.uk";
  later.path = "/products/shoes/red";
  later.fresh_id = kOtherFreshId;
  later.WithCookies(kTrackerCookies, accepted);
  const Decision d = Act(p, later, Action::kWithdraw);
  EXPECT_FALSE(d.show_banner);
  EXPECT_EQ(d.allowed_categories, kN);
  EXPECT_EQ(d.consent.method, Method::kWithdraw);
  EXPECT_EQ(d.consent.consent_id, kFreshId);  // The stored id, not a fresh one.
  EXPECT_EQ(Strings(d.delete_cookies),
            (std::vector<std::string>{"_ga", "_ga_ABC123XYZ", "_gcl_au", "__hstc", "hubspotutk"}));
  EXPECT_EQ(Strings(d.delete_domains), (std::vector<std::string>{"", "www.shop.example.co.uk",
                                                        "shop.example.co.uk", "example.co.uk"}));
  EXPECT_EQ(Strings(d.delete_paths), (std::vector<std::string>{"/", "/products", "/products/shoes",
                                                      "/products/shoes/red"}));
  EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, kN));
  EXPECT_EQ(d.consent_mode, kSecurityStorage);
}

struct DomainCase {
  const char* name;
  const char* host;
  std::vector<std::string> want;
};

TEST(EngineCookies, DeletionDomainCandidates) {
  SHOP(p);
  const std::string rejected = StateAfter(p, Page{}, Action::kRejectAll);
  const DomainCase cases[] = {
      {"DeepHostDownToRegistrable", "www.shop.example.co.uk",
       {"", "www.shop.example.co.uk", "shop.example.co.uk", "example.co.uk"}},
      {"WwwHost", "www.example.co.uk", {"", "www.example.co.uk", "example.co.uk"}},
      {"RegistrableHost", "example.co.uk", {"", "example.co.uk"}},
      // Views of the host as given: a cookie Domain attribute is case-insensitive.
      {"UpperCaseAndTrailingDot", "WWW.Example.CO.UK.", {"", "WWW.Example.CO.UK", "Example.CO.UK"}},
      {"SecondSiteDomain", "blog.www.example.fr", {"", "blog.www.example.fr", "www.example.fr",
                                                   "example.fr"}},
      {"NotASiteHost", "localhost", {"", "localhost"}},
      {"LookalikeHostNotUnderSite", "notexample.co.uk", {"", "notexample.co.uk"}},
      {"SiteDomainInsideAnotherHost", "example.co.uk.evil.example",
       {"", "example.co.uk.evil.example"}},
  };
  for (const DomainCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.host = c.host;
    page.WithCookies("_ga=GA1.1.1", rejected);
    const Decision d = Eval(p, page);
    ASSERT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_ga"}));
    EXPECT_EQ(Strings(d.delete_domains), c.want);
    for (std::string_view domain : d.delete_domains) {
      EXPECT_NE(domain, "co.uk");  // Never a public suffix.
      EXPECT_NE(domain, "uk");
      EXPECT_NE(domain, "fr");
    }
  }
}

struct PathCase {
  const char* name;
  const char* path;
  std::vector<std::string> want;
};

TEST(EngineCookies, DeletionPathCandidates) {
  SHOP(p);
  const std::string rejected = StateAfter(p, Page{}, Action::kRejectAll);
  const PathCase cases[] = {
      {"Root", "/", {"/"}},
      {"Empty", "", {"/"}},
      {"OneLevel", "/cart", {"/", "/cart"}},
      {"ThreeLevels", "/products/shoes/red", {"/", "/products", "/products/shoes",
                                             "/products/shoes/red"}},
      {"AtMostEight",
       "/a/b/c/d/e/f/g/h/i/j",
       {"/", "/a", "/a/b", "/a/b/c", "/a/b/c/d", "/a/b/c/d/e", "/a/b/c/d/e/f",
        "/a/b/c/d/e/f/g"}},
  };
  for (const PathCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.path = c.path;
    page.WithCookies("__hstc=1", rejected);
    const Decision d = Eval(p, page);
    ASSERT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"__hstc"}));
    EXPECT_EQ(Strings(d.delete_paths), c.want);
    EXPECT_LE(d.delete_paths.size(), 8u);
  }
}

TEST(EngineCookies, OnlyFirstPartyCookiesOfRefusedCategoriesAreDeleted) {
  SHOP(p);
  const std::string analytics_only = StateAfter(p, Page{}, Action::kCustom, {"analytics"});
  Page page;
  // YouTube's cookies are third-party (set on youtube.com): not ours to delete.
  page.WithCookies(
      "_ga=1; YSC=2; VISITOR_INFO1_LIVE=3; _gcl_au=4; _gcl_au=5; __psp_session=6; "
      "wafer_consent_old=7; _fbp=8; hubspotutk=9",
      analytics_only);
  const Decision d = Eval(p, page);
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_gcl_au", "hubspotutk"}));
}

TEST(EngineCookies, ConsentCookieIsNeverDeletedAsATracker) {
  // A policy whose tracker pattern would also match the consent cookie.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"("cookies": [{"name": "__psp_session")",
                                           R"("cookies": [{"name": "wafer*")"),
                                &p));
  const std::string rejected = StateAfter(p, Page{}, Action::kRejectAll);
  Page page;
  page.WithCookies("_ga=1", rejected);
  const Decision d = Eval(p, page);
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_ga"}));
}

// ===========================================================================
// Stored consent.

TEST(EngineStoredConsent, ForeignTamperedOrCorruptNeverCounts) {
  SHOP(p);
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);
  std::string tampered = accepted;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  TestPolicy other;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"("id": "example-shop")", R"("id": "other-shop")"),
                                &other));
  const std::string foreign = StateAfter(other, Page{}, Action::kAcceptAll);
  ASSERT_NE(DeriveSiteKey("other-shop"), p.policy().site_key);

  struct Case {
    const char* name;
    std::string cookie;
  };
  const Case cases[] = {
      {"Tampered", tampered},
      {"Truncated", accepted.substr(0, accepted.size() - 4)},
      {"ForeignSite", foreign},
      {"Garbage", "accepted-all-please"},
      {"PlainJson", "{\"analytics\":true,\"marketing\":true}"},
      {"PaddedBase64", accepted + "="},
      {"EmptyValue", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.cookies = "_ga=GA1.1.1; wafer_consent=" + c.cookie + "; _gcl_au=1";
    const Decision d = Eval(p, page);
    EXPECT_TRUE(d.show_banner);
    EXPECT_EQ(d.reason, BannerReason::kStateInvalid);
    EXPECT_EQ(d.allowed_categories, kN);
    EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, kN));
    EXPECT_EQ(d.consent_mode, kSecurityStorage);
    EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_ga", "_gcl_au"}));
    // Cleared: state_changed with an empty state.
    EXPECT_TRUE(d.state_changed);
    EXPECT_EQ(d.state, "");
    EXPECT_FALSE(d.consent.present);
  }
}

TEST(EngineStoredConsent, CorruptMirrorAloneIsCleared) {
  SHOP(p);
  Page page;
  page.mirror = "not-a-state";
  const Decision d = Eval(p, page);
  EXPECT_EQ(d.reason, BannerReason::kStateInvalid);
  EXPECT_EQ(d.allowed_categories, kN);
  EXPECT_TRUE(d.state_changed);
  EXPECT_EQ(d.state, "");
}

TEST(EngineStoredConsent, FirstCookieThatDecodesWins) {
  SHOP(p);
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);
  Page reject_page;
  reject_page.fresh_id = kOtherFreshId;
  const std::string rejected = StateAfter(p, reject_page, Action::kRejectAll);
  struct Case {
    const char* name;
    std::string cookies;
    uint32_t allowed;
  };
  const Case cases[] = {
      {"CorruptThenValid", "wafer_consent=garbage; wafer_consent=" + accepted, kAllCategories},
      {"RejectThenAccept", "wafer_consent=" + rejected + "; wafer_consent=" + accepted, kN},
      {"AcceptThenReject", "wafer_consent=" + accepted + "; wafer_consent=" + rejected,
       kAllCategories},
      {"OtherCookieNamesIgnored", "wafer_consent2=" + rejected + "; Wafer_Consent=" + rejected +
                                      "; wafer_consent=" + accepted,
       kAllCategories},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.cookies = c.cookies;
    const Decision d = Eval(p, page);
    EXPECT_FALSE(d.show_banner);
    EXPECT_EQ(d.reason, BannerReason::kNone);
    EXPECT_EQ(d.allowed_categories, c.allowed);
  }
}

TEST(EngineStoredConsent, MirrorRestoresAMissingCookie) {
  SHOP(p);
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);
  Page page;
  page.now = kNow + 86400;
  page.mirror = accepted;  // The visitor cleared cookies, not localStorage.
  const Decision d = Eval(p, page);
  EXPECT_FALSE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNone);
  EXPECT_EQ(d.allowed_categories, kAllCategories);
  EXPECT_TRUE(d.state_changed);  // Re-write the cookie…
  EXPECT_EQ(d.state, accepted);  // …with the same state.
  EXPECT_EQ(d.consent.consent_id, kFreshId);
  EXPECT_EQ(d.consent.method, Method::kAcceptAll);
}

TEST(EngineStoredConsent, MirrorRestoresAnOptOutSoItIsNotLost) {
  // Clearing cookies must not silently turn an opt-out back into the default.
  SHOP(p);
  Page ca;
  ca.region = "US-CA";
  const std::string opted_out = StateAfter(p, ca, Action::kOptOut);
  Page page = ca;
  page.now = kNow + 86400;
  page.mirror = opted_out;
  const Decision d = Eval(p, page);
  EXPECT_EQ(d.allowed_categories, kN | kA | kV);
  EXPECT_FALSE(d.show_banner);
  EXPECT_TRUE(d.state_changed);
  EXPECT_EQ(d.state, opted_out);
}

TEST(EngineStoredConsent, MirrorRestoresWhenTheCookieIsCorrupt) {
  SHOP(p);
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);
  Page page;
  page.cookies = "wafer_consent=garbage";
  page.mirror = accepted;
  const Decision d = Eval(p, page);
  EXPECT_FALSE(d.show_banner);
  EXPECT_EQ(d.allowed_categories, kAllCategories);
  EXPECT_TRUE(d.state_changed);
  EXPECT_EQ(d.state, accepted);
}

TEST(EngineStoredConsent, CookieBeatsMirror) {
  SHOP(p);
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);
  const std::string rejected = StateAfter(p, Page{}, Action::kRejectAll);
  Page page;
  page.WithCookies("", rejected);
  page.mirror = accepted;
  const Decision d = Eval(p, page);
  EXPECT_EQ(d.allowed_categories, kN);
  EXPECT_FALSE(d.state_changed);
}

TEST(EngineStoredConsent, CustomCookieName) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(
      PolicyWith(R"("revision": 3,)", R"("revision": 3, "consent": {"cookie_name": "shop_cc"},)"),
      &p));
  Page page;
  const std::string accepted = StateAfter(p, page, Action::kAcceptAll);
  page.cookies = "wafer_consent=" + accepted;
  EXPECT_EQ(Eval(p, page).reason, BannerReason::kFirstVisit);
  page.cookies = "shop_cc=" + accepted;
  EXPECT_EQ(Eval(p, page).reason, BannerReason::kNone);
}

// The conditions of the "usable" table, each alone and in combination, in
// the documented order: future, revision, regime, lapse, first visit.
struct UsableCase {
  const char* name;
  int64_t given_at;
  uint32_t revision;
  Regime given_regime;
  Method method;
  bool grants_analytics;
  const char* region;  // Of the visit, at kNow.
  bool usable;
  BannerReason reason;
};

TEST(EngineStoredConsent, UsableChecksInDocumentedOrder) {
  SHOP(p);
  const int64_t one_day = 86400;
  const UsableCase cases[] = {
      {"Fresh", kNow - 60, 3, Regime::kOptIn, Method::kAcceptAll, true, "FR", true,
       BannerReason::kNone},
      {"ExactlyOneDayAheadIsSkew", kNow + one_day, 3, Regime::kOptIn, Method::kAcceptAll, true,
       "FR", true, BannerReason::kNone},
      {"MoreThanOneDayAhead", kNow + one_day + 1, 3, Regime::kOptIn, Method::kAcceptAll, true,
       "FR", false, BannerReason::kStateInvalid},
      {"FutureBeatsRevision", kNow + 2 * one_day, 2, Regime::kOptIn, Method::kAcceptAll, true,
       "FR", false, BannerReason::kStateInvalid},
      {"OlderRevision", kNow - 60, 2, Regime::kOptIn, Method::kAcceptAll, true, "FR", false,
       BannerReason::kRevisionChanged},
      {"NewerRevision", kNow - 60, 4, Regime::kOptIn, Method::kAcceptAll, true, "FR", false,
       BannerReason::kRevisionChanged},
      {"RevisionBeatsRegime", kNow - 60, 2, Regime::kOptOut, Method::kAcceptAll, true, "FR",
       false, BannerReason::kRevisionChanged},
      {"GivenUnderOptOutVisitingOptIn", kNow - 60, 3, Regime::kOptOut, Method::kAcceptAll, true,
       "FR", false, BannerReason::kRegimeChanged},
      {"GivenUnderNoticeVisitingOptIn", kNow - 60, 3, Regime::kNotice, Method::kAcceptAll, true,
       "FR", false, BannerReason::kRegimeChanged},
      {"GivenUnderOptInVisitingOptOut", kNow - 60, 3, Regime::kOptIn, Method::kAcceptAll, true,
       "US-CA", true, BannerReason::kNone},
      {"GivenUnderNoticeVisitingOptOut", kNow - 60, 3, Regime::kNotice, Method::kAcceptAll, true,
       "US-CA", true, BannerReason::kNone},
      {"RegimeBeatsLapse", At(2024, 1, 1), 3, Regime::kOptOut, Method::kAcceptAll, true, "FR",
       false, BannerReason::kRegimeChanged},
      {"ConsentLapsed", At(2024, 12, 15, 10), 3, Regime::kOptIn, Method::kAcceptAll, true, "FR",
       false, BannerReason::kConsentLapsed},
      {"RefusalLapsed", At(2025, 7, 15, 10), 3, Regime::kOptIn, Method::kRejectAll, false, "FR",
       false, BannerReason::kRefusalLapsed},
      {"RefusalOneSecondShort", At(2025, 7, 15, 10, 0, 1), 3, Regime::kOptIn, Method::kRejectAll,
       false, "FR", true, BannerReason::kNone},
      {"LapseBeatsFirstVisit", At(2024, 12, 15, 10), 3, Regime::kOptIn, Method::kNone, true, "FR",
       false, BannerReason::kConsentLapsed},
      {"NoChoiceUnderOptIn", kNow - 60, 3, Regime::kOptIn, Method::kNone, true, "FR", false,
       BannerReason::kFirstVisit},
  };
  for (const UsableCase& c : cases) {
    SCOPED_TRACE(c.name);
    ConsentState s;
    s.consent_id = kOtherFreshId;
    s.given_at = c.given_at;
    s.revision = c.revision;
    s.regime = c.given_regime;
    s.method = c.method;
    s.categories = {{CategoryHash("necessary"), true, 0},
                    {CategoryHash("analytics"), c.grants_analytics, 0},
                    {CategoryHash("marketing"), false, 0},
                    {CategoryHash("media"), false, 0}};
    Page page;
    page.region = c.region;
    page.WithCookies("", EncodeConsentState(s, p.policy().site_key));
    const Decision d = Eval(p, page);
    const bool opt_in = d.regime == Regime::kOptIn;
    if (c.usable) {
      EXPECT_FALSE(d.show_banner);
      EXPECT_EQ(d.reason, BannerReason::kNone);
      EXPECT_EQ(d.allowed_categories, c.grants_analytics ? kN | kA : kN);
    } else {
      EXPECT_TRUE(d.show_banner);
      EXPECT_EQ(d.reason, c.reason);
      if (opt_in) {
        EXPECT_EQ(d.allowed_categories, kN);  // Never consent.
      }
    }
  }
}

TEST(EngineStoredConsent, RevisionBumpAsksAgainAndDeletesRefusedCookies) {
  SHOP(p);
  TestPolicy bumped;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"("revision": 3)", R"("revision": 4)"), &bumped));
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);
  Page page;
  page.now = kNow + 86400;
  page.WithCookies(kTrackerCookies, accepted);

  const Decision opt_in = Eval(bumped, page);
  EXPECT_TRUE(opt_in.show_banner);
  EXPECT_EQ(opt_in.reason, BannerReason::kRevisionChanged);
  EXPECT_EQ(opt_in.allowed_categories, kN);
  EXPECT_EQ(Verdicts(bumped, opt_in), ShopVerdicts(bumped, kN));
  EXPECT_EQ(Strings(opt_in.delete_cookies),
            (std::vector<std::string>{"_ga", "_ga_ABC123XYZ", "_gcl_au", "__hstc", "hubspotutk"}));

  // Under opt-out the defaults apply meanwhile, but what the visitor opted out
  // of stays out (an opt-out is never silently reversed); the banner says why.
  Page ca = page;
  ca.region = "US-CA";
  Page ca_first;
  ca_first.region = "US-CA";
  ca.WithCookies(kTrackerCookies, StateAfter(p, ca_first, Action::kOptOut));
  const Decision opt_out = Eval(bumped, ca);
  EXPECT_TRUE(opt_out.show_banner);
  EXPECT_EQ(opt_out.reason, BannerReason::kRevisionChanged);
  EXPECT_EQ(opt_out.allowed_categories, kAllCategories & ~kM);

  // Choosing again under the new revision keeps the consent id.
  const Decision again = Act(bumped, page, Action::kAcceptAll);
  EXPECT_EQ(Decode(bumped, again.state).revision, 4u);
  EXPECT_EQ(again.consent.consent_id, kFreshId);
}

TEST(EngineStoredConsent, OptOutOutlivesItsLapseUntilTheVisitorChoosesAgain) {
  SHOP(p);
  Page ca;
  ca.region = "US-CA";
  const std::string opted_out = StateAfter(p, ca, Action::kOptOut);
  Page later = ca;
  later.now = AddMonths(kNow, 14);
  later.WithCookies(kTrackerCookies, opted_out);
  const Decision d = Eval(p, later);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kConsentLapsed);
  EXPECT_FALSE(d.CategoryAllowed(kMarketing));
  EXPECT_TRUE(d.CategoryAllowed(kAnalytics));
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_gcl_au", "__hstc", "hubspotutk"}));

  // A new choice replaces it.
  const Decision accepted = Act(p, later, Action::kAcceptAll);
  EXPECT_TRUE(accepted.CategoryAllowed(kMarketing));
  EXPECT_FALSE(accepted.show_banner);
}

TEST(EngineStoredConsent, CategoryAddedWithoutRevisionBumpGetsRegimeDefault) {
  SHOP(p);
  TestPolicy added;
  ASSERT_TRUE(CompileTestPolicy(
      PolicyWith(R"({"id": "media",)",
                 R"({"id": "social", "label": {"en": "Social"}},
    {"id": "media",)"),
      &added));
  const int social = added.policy().FindCategory("social");
  ASSERT_EQ(social, 3);
  const int media = added.policy().FindCategory("media");
  const uint32_t all_old = Cat(0) | Cat(1) | Cat(2) | Cat(media);

  Page fr;
  const std::string accepted = StateAfter(p, fr, Action::kAcceptAll);
  fr.WithCookies("", accepted);
  const Decision in = Eval(added, fr);
  EXPECT_FALSE(in.show_banner);
  EXPECT_EQ(in.allowed_categories, all_old);  // Opt-in default: off.

  Page ca;
  ca.region = "US-CA";
  const std::string ca_accepted = StateAfter(p, ca, Action::kAcceptAll);
  ca.WithCookies("", ca_accepted);
  const Decision out = Eval(added, ca);
  EXPECT_EQ(out.allowed_categories, all_old | Cat(social));  // Opt-out default: on.
}

TEST(EngineAllowed, NecessaryIsAlwaysAllowed) {
  SHOP(p);
  struct Case {
    const char* name;
    std::vector<CategoryChoice> categories;
    uint32_t allowed;
  };
  const Case cases[] = {
      {"StateRefusesNecessary",
       {{CategoryHash("necessary"), false, 0}, {CategoryHash("analytics"), true, 0}}, kN | kA},
      {"StateNamesNothing", {}, kN},
      {"StateNamesOnlyUnknownCategories", {{CategoryHash("statistics"), true, 0}}, kN},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ConsentState s;
    s.consent_id = kOtherFreshId;
    s.given_at = kNow - 60;
    s.revision = 3;
    s.method = Method::kCustom;
    s.categories = c.categories;
    Page page;
    page.WithCookies("__psp_session=1", EncodeConsentState(s, p.policy().site_key));
    const Decision d = Eval(p, page);
    EXPECT_FALSE(d.show_banner);
    EXPECT_EQ(d.allowed_categories, c.allowed);
    EXPECT_TRUE(d.ServiceAllowed(kCheckout));
    EXPECT_TRUE(d.delete_cookies.empty());  // Never the necessary cookie.
    EXPECT_EQ(d.elements.back().release, true);
  }
}

TEST(EngineCookies, DeleteCookiesAreViewsIntoTheCookieHeaderWithoutDuplicates) {
  SHOP(p);
  const std::string rejected = StateAfter(p, Page{}, Action::kRejectAll);
  Page page;
  page.WithCookies("_ga=1; _gcl_au=2; _ga=3; _gcl_au=4; __hstc=5", rejected);
  const Decision d = Eval(p, page);
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_ga", "_gcl_au", "__hstc"}));
  for (std::string_view name : d.delete_cookies) {
    EXPECT_GE(name.data(), page.cookies.data());
    EXPECT_LE(name.data() + name.size(), page.cookies.data() + page.cookies.size());
  }
}

// ===========================================================================
// Months: consent, refusal.

TEST(EngineMonths, ConsentLapsesExactlyAtThirteenCalendarMonths) {
  SHOP(p);
  Page given;
  given.now = At(2025, 1, 31, 10);
  const std::string accepted = StateAfter(p, given, Action::kAcceptAll);

  Page before;
  before.now = At(2026, 2, 28, 9, 59, 59);
  before.WithCookies("_ga=1; _gcl_au=2", accepted);
  const Decision still = Eval(p, before);
  EXPECT_FALSE(still.show_banner);
  EXPECT_EQ(still.reason, BannerReason::kNone);
  EXPECT_EQ(still.allowed_categories, kAllCategories);
  EXPECT_EQ(still.consent.expires_at, At(2026, 2, 28, 10));

  Page at = before;
  at.now = At(2026, 2, 28, 10);
  const Decision lapsed = Eval(p, at);
  EXPECT_TRUE(lapsed.show_banner);
  EXPECT_EQ(lapsed.reason, BannerReason::kConsentLapsed);
  EXPECT_EQ(lapsed.allowed_categories, kN);
  EXPECT_EQ(Verdicts(p, lapsed), ShopVerdicts(p, kN));
  EXPECT_EQ(Strings(lapsed.delete_cookies), (std::vector<std::string>{"_ga", "_gcl_au"}));
}

TEST(EngineMonths, RefusalLapsesAtSixMonths) {
  SHOP(p);
  Page given;
  given.now = At(2025, 8, 31, 10);
  const std::string rejected = StateAfter(p, given, Action::kRejectAll);

  Page before;
  before.now = At(2026, 2, 28, 9, 59, 59);
  before.WithCookies("", rejected);
  const Decision still = Eval(p, before);
  EXPECT_FALSE(still.show_banner);
  EXPECT_EQ(still.consent.expires_at, At(2026, 2, 28, 10));

  Page at = before;
  at.now = At(2026, 2, 28, 10);
  const Decision lapsed = Eval(p, at);
  EXPECT_TRUE(lapsed.show_banner);
  EXPECT_EQ(lapsed.reason, BannerReason::kRefusalLapsed);
  EXPECT_EQ(lapsed.allowed_categories, kN);
}

// ConsentExpiresAt is the rule the server's receipts use: 13 months for a
// consent, the refusal lifetime for a refusal, and a one-time load ends when
// it is given.
TEST(EngineMonths, ConsentExpiresAtForEachKindOfState) {
  SHOP(p);
  Page given;
  given.now = At(2025, 1, 31, 10);
  ConsentState s = Decode(p, StateAfter(p, given, Action::kAcceptAll));
  EXPECT_EQ(ConsentExpiresAt(p.policy(), s), At(2026, 2, 28, 10));
  s.method = Method::kOnce;
  EXPECT_EQ(ConsentExpiresAt(p.policy(), s), At(2025, 1, 31, 10));
  given.now = At(2025, 8, 31, 10);
  s = Decode(p, StateAfter(p, given, Action::kRejectAll));
  EXPECT_EQ(ConsentExpiresAt(p.policy(), s), At(2026, 2, 28, 10));
}

TEST(EngineMonths, RefusalIsAStateGrantingNoNonNecessaryCategory) {
  SHOP(p);
  struct Case {
    const char* name;
    Action action;
    std::vector<std::string> granted;
    int64_t expires_at;
  };
  const Case cases[] = {
      {"RejectAll", Action::kRejectAll, {}, At(2026, 7, 15, 10)},
      {"CustomNothing", Action::kCustom, {}, At(2026, 7, 15, 10)},
      {"CustomNecessaryOnly", Action::kCustom, {"necessary"}, At(2026, 7, 15, 10)},
      {"Withdraw", Action::kWithdraw, {}, At(2026, 7, 15, 10)},
      {"Close", Action::kClose, {}, At(2026, 7, 15, 10)},
      {"CustomMedia", Action::kCustom, {"media"}, At(2027, 2, 15, 10)},
      {"AcceptAll", Action::kAcceptAll, {}, At(2027, 2, 15, 10)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Act(p, Page{}, c.action, c.granted).consent.expires_at, c.expires_at);
  }
}

TEST(EngineMonths, PolicyLifetimesAreHonoured) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(
      PolicyWith(R"("revision": 3,)",
                 R"("revision": 3, "consent": {"lifetime_months": 6, "refusal_lifetime_months": 1},)"),
      &p));
  Page given;
  given.now = At(2025, 1, 31, 10);
  EXPECT_EQ(Act(p, given, Action::kAcceptAll).consent.expires_at, At(2025, 7, 31, 10));
  EXPECT_EQ(Act(p, given, Action::kRejectAll).consent.expires_at, At(2025, 2, 28, 10));
}

// ===========================================================================
// Banner and defaults under opt-out and notice.

TEST(EngineBanner, OptOutWithoutStateRunsDefaultsWithNotice) {
  SHOP(p);
  Page page;
  page.region = "US-CA";
  const Decision d = Eval(p, page);
  EXPECT_EQ(d.regime, Regime::kOptOut);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNotice);
  EXPECT_EQ(d.allowed_categories, kAllCategories);
  EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, kAllCategories));
  EXPECT_EQ(d.consent_mode, kAllConsentModes);
  EXPECT_EQ(d.hubspot, kAllHubSpot);
  EXPECT_FALSE(d.hubspot_do_not_track);
  EXPECT_FALSE(d.gpc_honoured);
  EXPECT_FALSE(d.state_changed);
  EXPECT_FALSE(d.consent.present);
}

TEST(EngineBanner, NoticeRegimeRunsNoticeDefaults) {
  SHOP(p);
  Page page;
  page.region = "US";
  const Decision d = Eval(p, page);
  EXPECT_EQ(d.regime, Regime::kNotice);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNotice);
  EXPECT_EQ(d.allowed_categories, kN | kA | kV);  // Marketing is off by default.
  EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, kN | kA | kV));
  EXPECT_EQ(d.consent_mode, kAnalyticsStorage | kFunctionalityStorage | kPersonalizationStorage |
                                kSecurityStorage);
  EXPECT_TRUE(d.hubspot_do_not_track);
}

struct BannerCase {
  const char* name;
  const char* region;
  Action action;
  uint32_t allowed_after;
};

TEST(EngineBanner, HiddenOnceAChoiceApplies) {
  SHOP(p);
  const BannerCase cases[] = {
      {"OptOutAccept", "US-CA", Action::kAcceptAll, kAllCategories},
      {"OptOutReject", "US-CA", Action::kRejectAll, kN},
      {"OptOutClose", "US-CA", Action::kClose, kAllCategories},
      {"OptOutDoNotSell", "US-CA", Action::kOptOut, kN | kA | kV},
      {"NoticeAccept", "US", Action::kAcceptAll, kAllCategories},
      {"NoticeClose", "US", Action::kClose, kN | kA | kV},
      {"OptInAccept", "FR", Action::kAcceptAll, kAllCategories},
      {"OptInClose", "FR", Action::kClose, kN},
  };
  for (const BannerCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.region = c.region;
    const std::string state = StateAfter(p, page, c.action);
    page.now += 3600;
    page.WithCookies("", state);
    const Decision d = Eval(p, page);
    EXPECT_FALSE(d.show_banner);
    EXPECT_EQ(d.reason, BannerReason::kNone);
    EXPECT_EQ(d.allowed_categories, c.allowed_after);
  }
}

TEST(EngineBanner, OptOutShowsTheReasonWhenAChoiceStopsApplying) {
  SHOP(p);
  Page given;
  given.region = "US-CA";
  given.now = At(2025, 1, 31, 10);
  const std::string accepted = StateAfter(p, given, Action::kAcceptAll);
  Page page;
  page.region = "US-CA";
  page.now = At(2026, 2, 28, 10);
  page.WithCookies("", accepted);
  const Decision d = Eval(p, page);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kConsentLapsed);
  EXPECT_EQ(d.allowed_categories, kAllCategories);  // Defaults meanwhile.
}

TEST(EngineBanner, OptOutNoChoiceRecordShowsNoticeEvenWhenItLapses) {
  // A record with method "none" only tracks cookie age: it is no choice, so
  // when it lapses the visitor sees the notice, not "consent lapsed".
  SHOP(p);
  Page first;
  first.region = "US-CA";
  first.now = At(2025, 1, 31, 10);
  first.WithCookies("_ga=GA1.1.1");
  const Decision recorded = Eval(p, first);
  ASSERT_TRUE(recorded.state_changed);
  ASSERT_EQ(recorded.consent.method, Method::kNone);

  Page later = first;
  later.now = At(2026, 2, 28, 10);
  later.WithCookies("", recorded.state);
  const Decision d = Eval(p, later);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNotice);
}

// ===========================================================================
// Global Privacy Control.

TEST(EngineGpc, OptOutWithoutStateRefusesSaleOrShare) {
  SHOP(p);
  Page page;
  page.region = "US-CA";
  page.gpc = true;
  const Decision d = Eval(p, page);
  EXPECT_TRUE(d.gpc_honoured);
  EXPECT_EQ(d.allowed_categories, kN | kA | kV);
  EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, kN | kA | kV));
  EXPECT_EQ(d.consent_mode & kAdBits, 0);
  EXPECT_EQ(d.consent_mode, kAnalyticsStorage | kFunctionalityStorage | kPersonalizationStorage |
                                kSecurityStorage);
  EXPECT_TRUE(d.hubspot_do_not_track);
  // Shown on the page where GPC was first honoured.
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNotice);
  // Recorded with method gpc.
  EXPECT_TRUE(d.state_changed);
  EXPECT_TRUE(d.consent.present);
  EXPECT_EQ(d.consent.method, Method::kGpc);
  const ConsentState s = Decode(p, d.state);
  EXPECT_EQ(s.method, Method::kGpc);
  EXPECT_EQ(s.consent_id, kFreshId);
  EXPECT_EQ(s.given_at, kNow);
  EXPECT_EQ(s.revision, 3u);
  EXPECT_EQ(s.regime, Regime::kOptOut);
  EXPECT_TRUE(Granted(s, "analytics"));
  EXPECT_FALSE(Granted(s, "marketing"));
  EXPECT_TRUE(Granted(s, "media"));

  // The next page: the recorded opt-out applies, the banner has been seen.
  Page next = page;
  next.now = kNow + 60;
  next.WithCookies("", d.state);
  const Decision again = Eval(p, next);
  EXPECT_TRUE(again.gpc_honoured);
  EXPECT_FALSE(again.show_banner);
  EXPECT_EQ(again.reason, BannerReason::kNone);
  EXPECT_EQ(again.allowed_categories, kN | kA | kV);
  EXPECT_FALSE(again.state_changed);
}

TEST(EngineGpc, OverridesAStoredAcceptAndDeletesSaleOrShareCookies) {
  SHOP(p);
  Page ca;
  ca.region = "US-CA";
  const std::string accepted = StateAfter(p, ca, Action::kAcceptAll);
  Page page = ca;
  page.now = kNow + 86400;
  page.gpc = true;
  page.fresh_id = kOtherFreshId;
  page.WithCookies(kTrackerCookies, accepted);
  const Decision d = Eval(p, page);
  EXPECT_TRUE(d.gpc_honoured);
  EXPECT_EQ(d.allowed_categories, kN | kA | kV);
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_gcl_au", "__hstc", "hubspotutk"}));
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNotice);
  EXPECT_TRUE(d.state_changed);
  const ConsentState s = Decode(p, d.state);
  EXPECT_EQ(s.method, Method::kGpc);
  EXPECT_EQ(s.consent_id, kFreshId);  // The stored id is kept.
  EXPECT_FALSE(Granted(s, "marketing"));
  EXPECT_TRUE(Granted(s, "analytics"));
}

TEST(EngineGpc, NoticeRegimeHonoursWithoutRecordingWhenNothingChanges) {
  SHOP(p);
  Page page;
  page.region = "US";
  page.gpc = true;
  const Decision d = Eval(p, page);
  EXPECT_TRUE(d.gpc_honoured);
  EXPECT_EQ(d.allowed_categories, kN | kA | kV);  // Marketing was off anyway.
  EXPECT_FALSE(d.state_changed);

  // With marketing accepted under notice, GPC refuses it and records that.
  Page us;
  us.region = "US";
  const std::string accepted = StateAfter(p, us, Action::kAcceptAll);
  page.WithCookies("", accepted);
  const Decision over = Eval(p, page);
  EXPECT_EQ(over.allowed_categories, kN | kA | kV);
  EXPECT_TRUE(over.state_changed);
  EXPECT_EQ(Decode(p, over.state).method, Method::kGpc);
}

struct GpcApplyCase {
  const char* name;
  const char* region;
  Action action;
  std::vector<std::string> granted;
  uint32_t allowed;
};

TEST(EngineGpc, NoChoiceCanGrantSaleOrShareWhileHonoured) {
  SHOP(p);
  const GpcApplyCase cases[] = {
      {"OptOutAcceptAll", "US-CA", Action::kAcceptAll, {}, kN | kA | kV},
      {"OptOutCustomMarketing", "US-CA", Action::kCustom, {"marketing", "analytics"}, kN | kA},
      {"OptOutClose", "US-CA", Action::kClose, {}, kN | kA | kV},
      {"NoticeAcceptAll", "US", Action::kAcceptAll, {}, kN | kA | kV},
      {"NoticeCustomMarketing", "US", Action::kCustom, {"marketing"}, kN},
      // Under opt-in GPC changes nothing: the visitor's explicit consent counts.
      {"OptInAcceptAll", "FR", Action::kAcceptAll, {}, kAllCategories},
      {"OptInCustomMarketing", "FR", Action::kCustom, {"marketing"}, kN | kM},
  };
  for (const GpcApplyCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.region = c.region;
    page.gpc = true;
    const Decision d = Act(p, page, c.action, c.granted);
    EXPECT_EQ(d.allowed_categories, c.allowed);
    EXPECT_FALSE(d.show_banner);
    EXPECT_EQ(Granted(Decode(p, d.state), "marketing"), (c.allowed & kM) != 0);
    // And the next page agrees.
    Page next = page;
    next.now += 60;
    next.WithCookies("", d.state);
    const Decision after = Eval(p, next);
    EXPECT_EQ(after.allowed_categories, c.allowed);
    EXPECT_FALSE(after.show_banner);
    EXPECT_FALSE(after.state_changed);
  }
}

TEST(EngineGpc, OptInIgnoresGpcEntirely) {
  SHOP(p);
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);
  struct Case {
    const char* name;
    std::string cookies;
  };
  const Case cases[] = {
      {"FirstVisit", ""},
      {"FirstVisitWithTrackerCookies", kTrackerCookies},
      {"Accepted", "wafer_consent=" + accepted},
      {"AcceptedWithTrackerCookies", std::string(kTrackerCookies) + "; wafer_consent=" + accepted},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Page without;
    without.cookies = c.cookies;
    Page with = without;
    with.gpc = true;
    const Decision a = Eval(p, without);
    const Decision b = Eval(p, with);
    EXPECT_FALSE(b.gpc_honoured);
    EXPECT_EQ(EncodeDecision(a), EncodeDecision(b));  // Byte for byte.
  }
}

// ===========================================================================
// Held elements.

struct ElementCase {
  const char* name;
  El element;
  const char* want;
};

TEST(EngineElements, MarkingAndMatching) {
  SHOP(p);
  const std::string analytics_only = StateAfter(p, Page{}, Action::kCustom, {"analytics"});
  const char* ga = "https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ";
  const char* ads = "https://www.googletagmanager.com/gtag/js?id=AW-987654321";
  const ElementCase cases[] = {
      {"UnmarkedAllowedUrl", {ElementKind::kScript, ga, "", ""},
       "released allowed google-analytics/analytics"},
      {"UnmarkedRefusedUrl", {ElementKind::kScript, ads, "", ""}, "kept refused google-ads/marketing"},
      {"UnmarkedUnmatchedUrl", {ElementKind::kScript, "https://cdn.example.net/lib.js", "", ""},
       "kept unmatched -/-"},
      {"UnmarkedInlineScript", {ElementKind::kScript, "", "", ""}, "kept unmatched -/-"},
      {"InlineMarkedAllowedCategory", {ElementKind::kScript, "", "analytics", ""},
       "released allowed -/analytics"},
      {"InlineMarkedRefusedCategory", {ElementKind::kScript, "", "marketing", ""},
       "kept refused -/marketing"},
      {"InlineMarkedNecessary", {ElementKind::kScript, "", "necessary", ""},
       "released allowed -/necessary"},
      {"InlineMarkedAllowedService", {ElementKind::kScript, "", "", "google-analytics"},
       "released allowed google-analytics/analytics"},
      {"InlineMarkedRefusedService", {ElementKind::kScript, "", "", "hubspot"},
       "kept refused hubspot/marketing"},
      {"UnknownServiceMarking", {ElementKind::kScript, "", "", "matomo"},
       "kept unknown-marking -/-"},
      {"UnknownCategoryMarking", {ElementKind::kScript, "", "statistics", ""},
       "kept unknown-marking -/-"},
      {"UnknownMarkingOnAllowedUrl", {ElementKind::kScript, ga, "statistics", ""},
       "kept unknown-marking -/-"},
      {"UnknownServiceOnAllowedUrl", {ElementKind::kScript, ga, "", "matomo"},
       "kept unknown-marking -/-"},
      {"UnmatchedUrlMarkedAllowedCategory",
       {ElementKind::kIframe, "https://widgets.example.net/w", "analytics", ""},
       "released allowed -/analytics"},
      {"UnmatchedUrlMarkedRefusedCategory",
       {ElementKind::kIframe, "https://widgets.example.net/w", "media", ""},
       "kept refused -/media"},
      // A marking never loosens the URL.
      {"RefusedUrlMarkedAllowedCategory", {ElementKind::kScript, ads, "analytics", ""},
       "kept refused google-ads/analytics"},
      {"RefusedUrlMarkedAllowedService", {ElementKind::kScript, ads, "", "google-analytics"},
       "kept refused google-analytics/analytics"},
      {"RefusedUrlMarkedNecessary", {ElementKind::kImage, "https://www.youtube.com/embed/x",
                                     "necessary", ""},
       "kept refused youtube/necessary"},
      // A marking may tighten it.
      {"AllowedUrlMarkedRefusedCategory", {ElementKind::kScript, ga, "marketing", ""},
       "kept refused google-analytics/marketing"},
      {"AllowedUrlMarkedRefusedService", {ElementKind::kScript, ga, "", "google-ads"},
       "kept refused google-ads/marketing"},
      {"AllowedUrlMarkedSameService", {ElementKind::kScript, ga, "", "google-analytics"},
       "released allowed google-analytics/analytics"},
      {"NecessaryUrl", {ElementKind::kScript, "https://pay.example-psp.com/v3/checkout.js", "", ""},
       "released allowed checkout/necessary"},
      {"BeaconToAllowedHost",
       {ElementKind::kBeacon, "https://www.google-analytics.com/g/collect?v=2", "", ""},
       "released allowed google-analytics/analytics"},
      {"LinkToRefusedHost", {ElementKind::kLink, "https://js.hs-scripts.com/1.js", "", ""},
       "kept refused hubspot/marketing"},
  };
  Page page;
  page.WithCookies("", analytics_only);
  page.elements.clear();
  std::vector<std::string> want;
  for (const ElementCase& c : cases) {
    page.elements.push_back(c.element);
    want.push_back(std::string(c.name) + ": " + c.want);
  }
  const Decision d = Eval(p, page);
  ASSERT_EQ(d.elements.size(), std::size(cases));
  std::vector<std::string> got;
  for (size_t i = 0; i < d.elements.size(); ++i) {
    got.push_back(std::string(cases[i].name) + ": " + Show(p, d.elements[i]));
  }
  EXPECT_EQ(got, want);
}

TEST(EngineElements, NoElementsNoVerdicts) {
  SHOP(p);
  Page page;
  page.elements.clear();
  EXPECT_TRUE(Eval(p, page).elements.empty());
}

// ===========================================================================
// Cookie cap: non-rolling, from the first placement.

TEST(EngineCookieCap, FirstPlacementRecordedNeverExtendedThenDeleted) {
  SHOP(p);
  // Day 0: the visitor accepts; no tracker cookie yet.
  Page page;
  page.now = At(2025, 1, 10, 9);
  const Decision accepted = Act(p, page, Action::kAcceptAll);
  EXPECT_EQ(FirstPlaced(Decode(p, accepted.state), "analytics"), 0);
  // With nothing placed, gtag's cookies would end 13 months from now.
  ASSERT_EQ(accepted.gtag.size(), 2u);
  EXPECT_EQ(accepted.gtag[0].service, kGoogleAnalytics);
  EXPECT_EQ(accepted.gtag[0].cookie_expires, At(2026, 2, 10, 9) - At(2025, 1, 10, 9));
  EXPECT_EQ(accepted.gtag[1].service, kGoogleAds);

  // Day 1: GA's cookies are seen for the first time.
  const int64_t t1 = At(2025, 1, 11, 9);
  page.now = t1;
  page.WithCookies("_ga=GA1.1.1; _ga_ABC123XYZ=GS1", accepted.state);
  const Decision placed = Eval(p, page);
  EXPECT_TRUE(placed.state_changed);
  const ConsentState s1 = Decode(p, placed.state);
  EXPECT_EQ(FirstPlaced(s1, "analytics"), t1);
  EXPECT_EQ(FirstPlaced(s1, "marketing"), 0);  // No marketing cookie seen.
  EXPECT_EQ(s1.given_at, At(2025, 1, 10, 9));  // The consent itself is unchanged.
  EXPECT_EQ(s1.method, Method::kAcceptAll);
  EXPECT_TRUE(placed.delete_cookies.empty());
  ASSERT_EQ(placed.gtag.size(), 2u);
  EXPECT_EQ(placed.gtag[0].cookie_expires, At(2026, 2, 11, 9) - t1);

  // Months later: the record is not extended.
  const int64_t t2 = At(2025, 7, 1, 12);
  page.now = t2;
  page.WithCookies("_ga=GA1.1.1; _ga_ABC123XYZ=GS1", placed.state);
  const Decision later = Eval(p, page);
  EXPECT_FALSE(later.state_changed);
  ASSERT_EQ(later.gtag.size(), 2u);
  EXPECT_EQ(later.gtag[0].service, kGoogleAnalytics);
  EXPECT_EQ(later.gtag[0].cookie_expires, At(2026, 2, 11, 9) - t2);  // Placement + 13 months.
  EXPECT_EQ(later.gtag[1].service, kGoogleAds);
  EXPECT_EQ(later.gtag[1].cookie_expires, At(2026, 8, 1, 12) - t2);  // Not placed: from now.

  // The visitor confirms their choice again: the placement time is kept.
  const int64_t t3 = At(2025, 12, 1, 8);
  page.now = t3;
  const Decision renewed = Act(p, page, Action::kAcceptAll);
  const ConsentState s3 = Decode(p, renewed.state);
  EXPECT_EQ(s3.given_at, t3);
  EXPECT_EQ(FirstPlaced(s3, "analytics"), t1);

  // One second before placement + 13 months: kept.
  page.now = At(2026, 2, 11, 8, 59, 59);
  page.WithCookies("_ga=GA1.1.1; _ga_ABC123XYZ=GS1", renewed.state);
  const Decision before = Eval(p, page);
  EXPECT_TRUE(before.delete_cookies.empty());
  EXPECT_FALSE(before.state_changed);
  EXPECT_EQ(before.gtag[0].cookie_expires, 1);

  // At placement + 13 months: deleted and the record reset; consent stands.
  const int64_t t5 = At(2026, 2, 11, 9);
  page.now = t5;
  const Decision capped = Eval(p, page);
  EXPECT_FALSE(capped.show_banner);
  EXPECT_EQ(capped.allowed_categories, kAllCategories);
  EXPECT_EQ(Strings(capped.delete_cookies), (std::vector<std::string>{"_ga", "_ga_ABC123XYZ"}));
  EXPECT_TRUE(capped.state_changed);
  const ConsentState s5 = Decode(p, capped.state);
  EXPECT_EQ(FirstPlaced(s5, "analytics"), 0);
  EXPECT_EQ(s5.given_at, t3);
  EXPECT_EQ(capped.gtag[0].cookie_expires, At(2027, 3, 11, 9) - t5);  // A new period.

  // The next placement starts a new period.
  const int64_t t6 = t5 + 86400;
  page.now = t6;
  page.WithCookies("_ga=GA1.2.2", capped.state);
  const Decision replaced = Eval(p, page);
  EXPECT_TRUE(replaced.delete_cookies.empty());
  EXPECT_EQ(FirstPlaced(Decode(p, replaced.state), "analytics"), t6);
}

struct CapCase {
  const char* name;
  int64_t first_placed;
  bool deleted;
};

TEST(EngineCookieCap, DeletedExactlyAtFirstPlacementPlusCap) {
  SHOP(p);
  const CapCase cases[] = {
      {"PlacedToday", kNow, false},
      {"OneSecondShort", At(2024, 12, 15, 10, 0, 1), false},
      {"Exactly", At(2024, 12, 15, 10), true},
      {"Long", At(2024, 1, 1), true},
      {"MonthEndClamp", At(2024, 12, 31, 10), false},  // + 13 = 2026-01-31.
      {"LeapDay", At(2024, 11, 30, 10), true},          // + 13 = 2025-12-30.
  };
  for (const CapCase& c : cases) {
    SCOPED_TRACE(c.name);
    ConsentState s;
    s.consent_id = kOtherFreshId;
    s.given_at = kNow - 86400;  // Consent renewed yesterday: only the cap can bite.
    s.revision = 3;
    s.regime = Regime::kOptIn;
    s.method = Method::kAcceptAll;
    s.categories = {{CategoryHash("necessary"), true, 0},
                    {CategoryHash("analytics"), true, c.first_placed},
                    {CategoryHash("marketing"), true, kNow - 60},
                    {CategoryHash("media"), true, 0}};
    Page page;
    page.WithCookies("_ga=1; _gcl_au=2", EncodeConsentState(s, p.policy().site_key));
    const Decision d = Eval(p, page);
    EXPECT_EQ(d.allowed_categories, kAllCategories);
    if (c.deleted) {
      EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_ga"}));
      EXPECT_TRUE(d.state_changed);
      EXPECT_EQ(FirstPlaced(Decode(p, d.state), "analytics"), 0);
      EXPECT_EQ(FirstPlaced(Decode(p, d.state), "marketing"), kNow - 60);
    } else {
      EXPECT_TRUE(d.delete_cookies.empty());
      EXPECT_FALSE(d.state_changed);
    }
  }
}

TEST(EngineCookieCap, OptOutRecordsCookieAgeWithoutAChoice) {
  SHOP(p);
  Page page;
  page.region = "US-CA";
  page.WithCookies("_ga=GA1.1.1; __hstc=1");
  const Decision d = Eval(p, page);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kNotice);
  EXPECT_TRUE(d.state_changed);
  EXPECT_TRUE(d.consent.present);
  EXPECT_EQ(d.consent.method, Method::kNone);
  EXPECT_EQ(d.consent.consent_id, kFreshId);
  const ConsentState s = Decode(p, d.state);
  EXPECT_EQ(s.method, Method::kNone);
  EXPECT_EQ(s.regime, Regime::kOptOut);
  EXPECT_EQ(FirstPlaced(s, "analytics"), kNow);
  EXPECT_EQ(FirstPlaced(s, "marketing"), kNow);
  EXPECT_EQ(FirstPlaced(s, "media"), 0);

  // Later visits keep the record as it is and still show the notice.
  Page next = page;
  next.now = kNow + 86400 * 40;
  next.WithCookies("_ga=GA1.1.1; __hstc=1", d.state);
  const Decision again = Eval(p, next);
  EXPECT_FALSE(again.state_changed);
  EXPECT_TRUE(again.show_banner);
  EXPECT_EQ(again.reason, BannerReason::kNotice);
  EXPECT_EQ(again.allowed_categories, kAllCategories);

  // Accepting later keeps the recorded placements (and the id).
  next.now = kNow + 86400 * 41;
  const Decision accepted = Act(p, next, Action::kAcceptAll);
  const ConsentState a = Decode(p, accepted.state);
  EXPECT_EQ(a.method, Method::kAcceptAll);
  EXPECT_EQ(a.consent_id, kFreshId);
  EXPECT_EQ(FirstPlaced(a, "analytics"), kNow);
  EXPECT_EQ(FirstPlaced(a, "marketing"), kNow);
}

TEST(EngineCookieCap, OptOutCookiesWithoutAChoiceAreDeletedAtTheCap) {
  SHOP(p);
  Page page;
  page.region = "US-CA";
  page.now = At(2025, 1, 31, 10);
  page.WithCookies("_ga=GA1.1.1; __hstc=1");
  const Decision recorded = Eval(p, page);
  ASSERT_TRUE(recorded.state_changed);

  Page later = page;
  later.now = At(2026, 2, 28, 10);  // First placement + 13 months.
  later.WithCookies("_ga=GA1.1.1; __hstc=1", recorded.state);
  const Decision d = Eval(p, later);
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_ga", "__hstc"}));
}

TEST(EngineCookieCap, ShorterCapThanConsent) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(
      PolicyWith(R"("revision": 3,)", R"("revision": 3, "consent": {"cookie_cap_months": 6},)"),
      &p));
  ASSERT_EQ(p.policy().cookie_cap_months, 6);
  Page page;
  page.now = At(2025, 8, 31, 10);
  page.WithCookies("_ga=1");
  const Decision accepted = Act(p, page, Action::kAcceptAll);
  EXPECT_EQ(FirstPlaced(Decode(p, accepted.state), "analytics"), At(2025, 8, 31, 10));
  ASSERT_FALSE(accepted.gtag.empty());
  EXPECT_EQ(accepted.gtag[0].cookie_expires, At(2026, 2, 28, 10) - At(2025, 8, 31, 10));

  page.now = At(2026, 2, 28, 10);
  page.WithCookies("_ga=1", accepted.state);
  const Decision capped = Eval(p, page);
  EXPECT_FALSE(capped.show_banner);
  EXPECT_EQ(Strings(capped.delete_cookies), (std::vector<std::string>{"_ga"}));
}

TEST(EngineCookieCap, CategoryMissingFromStateStillGetsARecord) {
  // Under opt-out a category added without a revision bump runs by default;
  // the state must still record when its cookies were first seen.
  SHOP(p);
  // The shop plus a "social" category (no revision bump) and its service.
  TestPolicy added;
  std::string json = PolicyWith(R"({"id": "media",)",
                                R"({"id": "social", "label": {"en": "Social"}},
    {"id": "media",)");
  const std::string from = R"({"id": "checkout",)";
  json.replace(json.find(from), from.size(), R"({"id": "chat", "name": "Chat", "category": "social",
     "urls": ["chat.example-widget.com"],
     "cookies": [{"name": "chat_uid", "lifetime": "6 months"}]},
    {"id": "checkout",)");
  ASSERT_TRUE(CompileTestPolicy(json, &added));
  ASSERT_GE(added.policy().FindCategory("social"), 0);

  Page ca;
  ca.region = "US-CA";
  const std::string accepted = StateAfter(p, ca, Action::kAcceptAll);  // Knows no "social".
  ca.WithCookies("chat_uid=1", accepted);
  const Decision d = Eval(added, ca);
  EXPECT_TRUE(d.CategoryAllowed(added.policy().FindCategory("social")));
  EXPECT_TRUE(d.state_changed);
  EXPECT_EQ(FirstPlaced(Decode(added, d.state), "social"), kNow);
}

// ===========================================================================
// Consent Mode v2 and HubSpot.

struct MappingCase {
  const char* name;
  std::vector<std::string> granted;
  uint8_t consent_mode;
  uint8_t hubspot;
  bool do_not_track;
};

TEST(EngineConsentMode, GrantedOnlyWhenEveryDeclarerIsAllowed) {
  SHOP(p);
  const MappingCase cases[] = {
      {"NecessaryOnly", {}, kSecurityStorage, 0, true},
      {"Analytics", {"analytics"}, kSecurityStorage | kAnalyticsStorage, 0, true},
      // HubSpot's own tracking declares its analytics and advertisement
      // categories: allowed with marketing, they follow it.
      {"Marketing", {"marketing"}, kSecurityStorage | kAdBits,
       kHubSpotAnalytics | kHubSpotAdvertisement, false},
      {"Media", {"media"}, kSecurityStorage | kFunctionalityStorage | kPersonalizationStorage,
       kHubSpotFunctionality, true},
      {"AnalyticsAndMarketing", {"analytics", "marketing"},
       kSecurityStorage | kAnalyticsStorage | kAdBits, kHubSpotAnalytics | kHubSpotAdvertisement,
       false},
      {"All", {"analytics", "marketing", "media"}, kAllConsentModes, kAllHubSpot, false},
  };
  for (const MappingCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Decision d = Act(p, Page{}, Action::kCustom, c.granted);
    EXPECT_EQ(d.consent_mode, c.consent_mode);
    EXPECT_EQ(d.hubspot, c.hubspot);
    EXPECT_EQ(d.hubspot_do_not_track, c.do_not_track);
  }
}

TEST(EngineConsentMode, UndeclaredTypeIsDenied) {
  // A policy where nothing declares personalization_storage.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(
      PolicyWith(R"("consent_mode": ["functionality_storage", "personalization_storage"],)",
                 R"("consent_mode": ["functionality_storage"],)"),
      &p));
  const Decision d = Act(p, Page{}, Action::kAcceptAll);
  EXPECT_EQ(d.consent_mode, kAllConsentModes & ~kPersonalizationStorage);
}

// ===========================================================================
// Apply: every action.

struct ApplyCase {
  const char* name;
  const char* region;
  Action action;
  std::vector<std::string> granted;
  uint32_t allowed;
  Method method;
};

TEST(EngineApply, EveryAction) {
  SHOP(p);
  const ApplyCase cases[] = {
      {"OptInAcceptAll", "FR", Action::kAcceptAll, {}, kAllCategories, Method::kAcceptAll},
      {"OptInRejectAll", "FR", Action::kRejectAll, {}, kN, Method::kRejectAll},
      {"OptInCustom", "FR", Action::kCustom, {"media", "bogus"}, kN | kV, Method::kCustom},
      {"OptInCustomDuplicates", "FR", Action::kCustom, {"media", "media"}, kN | kV,
       Method::kCustom},
      {"OptInCustomNothing", "FR", Action::kCustom, {}, kN, Method::kCustom},
      {"OptInWithdraw", "FR", Action::kWithdraw, {}, kN, Method::kWithdraw},
      {"OptInClose", "FR", Action::kClose, {}, kN, Method::kClosed},
      {"OptInOptOut", "FR", Action::kOptOut, {}, kN, Method::kOptOut},
      {"OptOutAcceptAll", "US-CA", Action::kAcceptAll, {}, kAllCategories, Method::kAcceptAll},
      {"OptOutRejectAll", "US-CA", Action::kRejectAll, {}, kN, Method::kRejectAll},
      {"OptOutClose", "US-CA", Action::kClose, {}, kAllCategories, Method::kClosed},
      {"OptOutDoNotSell", "US-CA", Action::kOptOut, {}, kN | kA | kV, Method::kOptOut},
      {"NoticeClose", "US", Action::kClose, {}, kN | kA | kV, Method::kClosed},
      {"NoticeDoNotSell", "US", Action::kOptOut, {}, kN | kA | kV, Method::kOptOut},
      {"NoticeCustom", "US", Action::kCustom, {"marketing"}, kN | kM, Method::kCustom},
  };
  for (const ApplyCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.region = c.region;
    const Decision d = Act(p, page, c.action, c.granted);
    EXPECT_FALSE(d.show_banner);
    EXPECT_EQ(d.reason, BannerReason::kNone);
    EXPECT_EQ(d.allowed_categories, c.allowed);
    EXPECT_EQ(d.allowed_services, ServicesOf(c.allowed));
    EXPECT_TRUE(d.state_changed);
    EXPECT_TRUE(d.consent.present);
    EXPECT_EQ(d.consent.method, c.method);
    EXPECT_EQ(d.consent.given_at, kNow);
    const ConsentState s = Decode(p, d.state);
    EXPECT_EQ(s.method, c.method);
    EXPECT_EQ(s.given_at, kNow);
    EXPECT_EQ(s.revision, 3u);
    EXPECT_EQ(s.regime, p.policy().RegimeFor(c.region));
    EXPECT_EQ(s.consent_id, kFreshId);
    EXPECT_TRUE(Granted(s, "necessary"));
    EXPECT_EQ(Granted(s, "analytics"), (c.allowed & kA) != 0);
    EXPECT_EQ(Granted(s, "marketing"), (c.allowed & kM) != 0);
    EXPECT_EQ(Granted(s, "media"), (c.allowed & kV) != 0);
  }
}

TEST(EngineApply, OptOutKeepsWhatIsAllowedNowMinusSaleOrShare) {
  SHOP(p);
  const std::string media_and_marketing = StateAfter(p, Page{}, Action::kCustom, {"media", "marketing"});
  Page page;
  page.WithCookies("", media_and_marketing);
  const Decision d = Act(p, page, Action::kOptOut);
  EXPECT_EQ(d.allowed_categories, kN | kV);
  EXPECT_EQ(d.consent.method, Method::kOptOut);
}

struct IdCase {
  const char* name;
  std::string cookies;
  std::string mirror;
  std::array<uint8_t, kConsentIdSize> want;
};

TEST(EngineApply, ConsentIdKeptWhenAStateDecodes) {
  SHOP(p);
  const std::string accepted = StateAfter(p, Page{}, Action::kAcceptAll);  // Id kFreshId.
  TestPolicy bumped;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"("revision": 3)", R"("revision": 4)"), &bumped));
  Page old_page;
  old_page.now = At(2023, 1, 1);
  const std::string lapsed = StateAfter(p, old_page, Action::kAcceptAll);
  TestPolicy other;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"("id": "example-shop")", R"("id": "other-shop")"),
                                &other));
  const std::string foreign = StateAfter(other, Page{}, Action::kAcceptAll);
  const IdCase cases[] = {
      {"ValidCookie", "wafer_consent=" + accepted, "", kFreshId},
      {"ValidMirror", "", accepted, kFreshId},
      {"LapsedStillDecodes", "wafer_consent=" + lapsed, "", kFreshId},
      {"NothingStored", "", "", kOtherFreshId},
      {"Corrupt", "wafer_consent=garbage", "", kOtherFreshId},
      {"Foreign", "wafer_consent=" + foreign, "", kOtherFreshId},
  };
  for (const IdCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.fresh_id = kOtherFreshId;
    page.cookies = c.cookies;
    page.mirror = c.mirror;
    const Decision d = Act(p, page, Action::kRejectAll);
    EXPECT_EQ(d.consent.consent_id, c.want);
    EXPECT_EQ(Decode(p, d.state).consent_id, c.want);
  }
  // A state from an earlier revision decodes too: its id is kept.
  Page page;
  page.fresh_id = kOtherFreshId;
  page.WithCookies("", accepted);
  EXPECT_EQ(Act(bumped, page, Action::kAcceptAll).consent.consent_id, kFreshId);
}

TEST(EngineApply, KeepsFirstPlacementOfCategoriesThatStayGranted) {
  SHOP(p);
  ConsentState s;
  s.consent_id = kOtherFreshId;
  s.given_at = kNow - 86400 * 10;
  s.revision = 3;
  s.method = Method::kAcceptAll;
  s.categories = {{CategoryHash("necessary"), true, 0},
                  {CategoryHash("analytics"), true, kNow - 86400 * 9},
                  {CategoryHash("marketing"), true, kNow - 86400 * 8},
                  {CategoryHash("media"), true, 0}};
  Page page;
  page.WithCookies("", EncodeConsentState(s, p.policy().site_key));
  const Decision d = Act(p, page, Action::kCustom, {"analytics"});
  const ConsentState after = Decode(p, d.state);
  EXPECT_EQ(FirstPlaced(after, "analytics"), kNow - 86400 * 9);
  EXPECT_EQ(FirstPlaced(after, "marketing"), 0);
  EXPECT_EQ(after.given_at, kNow);
  EXPECT_EQ(after.consent_id, kOtherFreshId);

  // Granted again later: the placement was forgotten with the refusal.
  page.WithCookies("", d.state);
  const ConsentState again = Decode(p, Act(p, page, Action::kAcceptAll).state);
  EXPECT_EQ(FirstPlaced(again, "analytics"), kNow - 86400 * 9);
  EXPECT_EQ(FirstPlaced(again, "marketing"), 0);
}

TEST(EngineApply, RecordsPlacementOfCookiesAlreadyPresent) {
  SHOP(p);
  Page page;
  page.WithCookies("_ga=1; __hstc=2");
  const Decision d = Act(p, page, Action::kCustom, {"analytics"});
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"__hstc"}));
  const ConsentState s = Decode(p, d.state);
  EXPECT_EQ(FirstPlaced(s, "analytics"), kNow);
  EXPECT_EQ(FirstPlaced(s, "marketing"), 0);
}

// ===========================================================================
// Language: one answer for the banner's strings, the site's texts and the
// receipt (docs/engine.md "Language").

struct LanguageCase {
  const char* name;
  std::vector<std::string> languages;  // <html lang>, then the browser's.
  int want;                            // Index into the policy's languages.
  const char* banner;                  // The bundle that shows it.
};

void ExpectLanguages(const TestPolicy& p, const std::vector<LanguageCase>& cases) {
  for (const LanguageCase& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.languages = c.languages;
    const Decision d = Eval(p, page);
    EXPECT_EQ(d.language, c.want);
    EXPECT_EQ(d.banner_language, c.banner);
    // Apply answers the same (the receipt records the language of the choice).
    EXPECT_EQ(Act(p, page, Action::kRejectAll).language, c.want);
    EXPECT_EQ(EncodeDecision(d), EncodeDecision(Eval(p, page)));
  }
}

TEST(EngineLanguage, PicksTheFirstWantedThatThePolicyHas) {
  SHOP(p);  // en, fr, de; the bundles of this build (es, it: not policy languages)
  ExpectLanguages(p, {
      {"Exact", {"fr"}, 1, "fr"},
      {"RegionalVariantFallsBackToPrimary", {"fr-CA"}, 1, "fr"},
      {"CaseInsensitive", {"FR-ca"}, 1, "fr"},
      {"FirstWantedWins", {"de-DE", "fr"}, 2, "de"},
      {"SkipsUnavailable", {"es", "it", "fr-BE"}, 1, "fr"},
      {"NoneAvailableFallsBackToDefault", {"es", "ja"}, 0, "en"},
      {"NothingWanted", {}, 0, "en"},
      {"EnglishVariant", {"en-US"}, 0, "en"},
      {"EmptyTag", {""}, 0, "en"},
  });
}

TEST(EngineLanguage, AGermanPageOnAFrenchAndEnglishPolicyReadsOneLanguage) {
  // Issue 14: a <html lang="de"> page on a policy in [fr, en] showed German
  // buttons next to French labels, and the receipt said "de". The policy has
  // no German texts: the answer is one of its languages, whose bundle exists.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p, {"fr", "en"}));
  ExpectLanguages(p, {
      {"GermanPageGermanBrowser", {"de", "de-DE", "de"}, 0, "fr"},
      {"GermanPageEnglishBrowser", {"de", "de-DE", "en-US", "en"}, 1, "en"},
      {"GermanPageFrenchSwissBrowser", {"de", "fr-CH"}, 0, "fr"},
  });
}

TEST(EngineLanguage, RegionalFallbacksAndBundlesItHasNot) {
  // Bundles this build does not have, to test the rule they will use.
  const std::vector<std::string_view> bundles = {"en", "fr", "pt", "pt-BR", "zh-Hant"};
  TestPolicy variants;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &variants, {"en", "fr", "pt", "pt-BR"}, &bundles));
  ExpectLanguages(variants, {
      {"ExactRegional", {"pt-BR"}, 3, "pt-BR"},
      {"OtherRegionalFallsBackToPrimary", {"pt-PT"}, 2, "pt"},
      {"Primary", {"pt"}, 2, "pt"},
      {"ExactBeatsEarlierPrimaryMatchOfSameTag", {"pt-br"}, 3, "pt-BR"},
  });
  // Issue 14: a pt-BR page on a policy with Portuguese texts got English. It
  // reads those texts, in the Brazilian bundle (which shows "pt": it is the
  // bundle of no other policy language).
  TestPolicy portuguese;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &portuguese, {"en", "pt"}, &bundles));
  ExpectLanguages(portuguese, {
      {"BrazilianPagePortugueseTexts", {"pt-BR", "en"}, 1, "pt-BR"},
      {"BrowserOnly", {"", "pt-BR"}, 1, "pt-BR"},
      {"Underscore", {"pt_br"}, 1, "pt-BR"},
      {"PortugalPage", {"pt-PT"}, 1, "pt"},
      {"PortuguesePage", {"pt"}, 1, "pt"},
  });
  // Brazilian texts without a Brazilian bundle: the Portuguese bundle shows them.
  const std::vector<std::string_view> no_variant = {"en", "pt"};
  TestPolicy brazilian;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &brazilian, {"en", "pt-BR"}, &no_variant));
  ExpectLanguages(brazilian, {
      {"BrazilianPage", {"pt-BR"}, 1, "pt"},
      {"PortuguesePageByPrimarySubtag", {"pt"}, 1, "pt"},
  });
  TestPolicy chinese;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &chinese, {"en", "zh-Hant-TW"}, &bundles));
  ExpectLanguages(chinese, {{"ScriptAndRegion", {"zh-Hant-TW"}, 1, "zh-Hant"}});
}

TEST(EngineLanguage, AliasesAndVariantsWithTheBundlesOfThisBuild) {
  // The bundles are the string tables (32 of them): the loader's old choices
  // (its aliases, its regional bundles) are the engine's now, and only its.
  TestPolicy norwegian;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &norwegian, {"en", "nb"}));
  ExpectLanguages(norwegian, {
      {"Nynorsk", {"nn"}, 1, "nb"},
      {"NynorskRegion", {"nn-NO"}, 1, "nb"},
      {"Macrolanguage", {"no"}, 1, "nb"},
      {"Bokmal", {"nb-NO"}, 1, "nb"},
      {"BrowserOnly", {"", "nn-NO", "en"}, 1, "nb"},
  });
  // A policy may name Norwegian by its macrolanguage: the nb bundle shows it.
  TestPolicy macrolanguage;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &macrolanguage, {"en", "no"}));
  ExpectLanguages(macrolanguage, {
      {"Bokmal", {"nb"}, 1, "nb"},
      {"Nynorsk", {"nn"}, 1, "nb"},
  });
  TestPolicy hebrew;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &hebrew, {"en", "he"}));
  ExpectLanguages(hebrew, {
      {"OldCode", {"iw"}, 1, "he"},
      {"OldCodeRegion", {"iw-IL"}, 1, "he"},
      {"Hebrew", {"he"}, 1, "he"},
  });
  TestPolicy portuguese;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &portuguese, {"en", "pt"}));
  ExpectLanguages(portuguese, {
      {"BrazilianPageGetsTheBrazilianBundle", {"pt-BR"}, 1, "pt-BR"},
      {"PortugalPage", {"pt-PT"}, 1, "pt"},
      {"AngolaPage", {"pt-AO"}, 1, "pt"},
      {"Portuguese", {"pt"}, 1, "pt"},
  });
  TestPolicy both;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &both, {"en", "pt", "pt-BR"}));
  ExpectLanguages(both, {
      {"Brazilian", {"pt-BR"}, 2, "pt-BR"},
      {"Portugal", {"pt-PT"}, 1, "pt"},
  });
  TestPolicy brazilian;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &brazilian, {"en", "pt-BR"}));
  ExpectLanguages(brazilian, {
      {"PortuguesePageByPrimarySubtag", {"pt"}, 1, "pt-BR"},
      {"PortugalPageReadsTheOnlyPortuguese", {"pt-PT"}, 1, "pt-BR"},
  });
  // Issue 14's German page on a French and English policy, with a German
  // bundle in this build: still French (or English), never German.
  TestPolicy french;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &french, {"fr", "en"}));
  ExpectLanguages(french, {{"GermanPage", {"de"}, 0, "fr"}});
}

TEST(EngineLanguage, APolicyLanguageNoBundleShowsIsNeverPicked) {
  // `wafer check` refuses such a policy; compiled anyway, the engine still
  // gives one answer: never a language whose strings cannot be shown.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p, {"ja", "fr"}));
  ExpectLanguages(p, {
      {"WantedButNotShown", {"ja-JP", "ja"}, 1, "fr"},
      {"NothingWanted", {}, 1, "fr"},
  });
  TestPolicy none;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &none, {"ja"}));
  ExpectLanguages(none, {{"NoneShownDefaultTextsEnglishBundle", {"ja"}, 0, "en"}});
  const std::vector<std::string_view> no_bundles;
  TestPolicy empty;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &empty, {"en"}, &no_bundles));
  ExpectLanguages(empty, {{"NoBundles", {"en"}, 0, ""}});
}

// ===========================================================================
// Per service: a choice per service as well as per category (issue 14).

// The issue's shop: YouTube in "marketing" with Google Ads and HubSpot.
constexpr char kYouTubeInMarketing[] = R"({"id": "youtube", "category": "marketing"})";

Decision ActServices(const TestPolicy& p, const Page& page, Action action,
                     const std::vector<std::pair<std::string, bool>>& services,
                     const std::vector<std::string>& granted = {}) {
  static std::vector<std::string>* ids = new std::vector<std::string>();
  Choice choice;
  choice.action = action;
  for (const std::string& g : granted) choice.granted.push_back(g);
  for (const auto& [id, on] : services) {
    ids->push_back(id);
    choice.services.push_back({ids->back(), on});
  }
  return Apply(p.policy(), page.facts(), choice);
}

uint64_t Svc(int i) { return uint64_t{1} << i; }

bool ServiceGranted(const ConsentState& s, const char* service, bool* present) {
  const ServiceChoice* c = s.FindService(ServiceHash(service));
  *present = c != nullptr;
  return c != nullptr && c->granted;
}

TEST(EnginePerService, APlaceholderAlwaysAllowGrantsOnlyItsService) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"({"id": "youtube", "category": "media"})",
                                           kYouTubeInMarketing), &p));
  Page page;
  page.WithCookies(kTrackerCookies);
  const Decision d = ActServices(p, page, Action::kAllow, {{"youtube", true}});
  EXPECT_TRUE(d.state_changed);
  EXPECT_EQ(d.allowed_categories, kN);
  EXPECT_EQ(d.allowed_services, Svc(kYouTube) | Svc(kCheckout));
  // YouTube plays; Google Ads and HubSpot, in the same category, stay held.
  EXPECT_EQ(Verdicts(p, d)[3], "released allowed youtube/marketing");
  EXPECT_EQ(Verdicts(p, d)[1], "kept refused google-ads/marketing");
  EXPECT_EQ(Verdicts(p, d)[2], "kept refused hubspot/marketing");
  EXPECT_EQ(Verdicts(p, d)[5], "kept refused google-ads/marketing");
  EXPECT_EQ(d.consent_mode & kAdBits, 0);
  EXPECT_TRUE(d.hubspot_do_not_track);
  EXPECT_EQ(Strings(d.delete_cookies),
            (std::vector<std::string>{"_ga", "_ga_ABC123XYZ", "_gcl_au", "__hstc", "hubspotutk"}));
  // Before any answer to the banner: the service runs and the banner asks.
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kFirstVisit);
  EXPECT_EQ(d.consent.method, Method::kAllow);
  const ConsentState s = Decode(p, d.state);
  EXPECT_EQ(s.method, Method::kAllow);
  EXPECT_FALSE(Granted(s, "marketing"));
  bool present = false;
  EXPECT_TRUE(ServiceGranted(s, "youtube", &present));
  EXPECT_EQ(s.services.size(), 1u);

  // The next page: the same, from the cookie; the visitor still gets asked.
  Page next;
  next.WithCookies(kTrackerCookies, d.state);
  const Decision again = Eval(p, next);
  EXPECT_FALSE(again.state_changed);
  EXPECT_EQ(again.allowed_services, Svc(kYouTube) | Svc(kCheckout));
  EXPECT_TRUE(again.show_banner);
  EXPECT_EQ(again.reason, BannerReason::kFirstVisit);

  // Then "Reject all" on the banner: everything is refused, YouTube too.
  next.WithCookies("", d.state);
  const Decision rejected = Act(p, next, Action::kRejectAll);
  EXPECT_EQ(rejected.allowed_services, Svc(kCheckout));
  EXPECT_TRUE(Decode(p, rejected.state).services.empty());
  EXPECT_EQ(rejected.consent.consent_id, d.consent.consent_id);
}

TEST(EnginePerService, AlwaysAllowAfterAnAnswerAmendsIt) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"({"id": "youtube", "category": "media"})",
                                           kYouTubeInMarketing), &p));
  Page page;
  page.WithCookies("", StateAfter(p, Page{}, Action::kCustom, {"analytics"}));
  const Decision d = ActServices(p, page, Action::kAllow, {{"youtube", true}});
  EXPECT_FALSE(d.show_banner);
  EXPECT_EQ(d.consent.method, Method::kCustom);
  EXPECT_EQ(d.allowed_categories, kN | kA);
  EXPECT_EQ(d.allowed_services, Svc(kGoogleAnalytics) | Svc(kYouTube) | Svc(kCheckout));
}

TEST(EnginePerService, OneTimeLoadStoresNothingAndIsRecorded) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(PolicyWith(R"({"id": "youtube", "category": "media"})",
                                           kYouTubeInMarketing), &p));
  Page page;
  const Decision d = ActServices(p, page, Action::kAllowOnce, {{"youtube", true}});
  EXPECT_FALSE(d.state_changed);  // Nothing stored...
  EXPECT_EQ(d.allowed_services, Svc(kYouTube) | Svc(kCheckout));
  EXPECT_EQ(Verdicts(p, d)[3], "released allowed youtube/marketing");
  EXPECT_EQ(Verdicts(p, d)[1], "kept refused google-ads/marketing");
  EXPECT_TRUE(d.show_banner);
  // ...and the record of it, for the receipt, names the service.
  ASSERT_FALSE(d.state.empty());
  EXPECT_EQ(d.consent.method, Method::kOnce);
  EXPECT_EQ(d.consent.consent_id, kFreshId);
  EXPECT_EQ(d.consent.given_at, kNow);
  EXPECT_EQ(d.consent.expires_at, kNow);
  const ConsentState record = Decode(p, d.state);
  EXPECT_EQ(record.method, Method::kOnce);
  bool present = false;
  EXPECT_TRUE(ServiceGranted(record, "youtube", &present));

  // Later decisions on this page get the service as a page grant...
  Page same = page;
  Facts facts = same.facts();
  facts.page_services = {"youtube"};
  EXPECT_EQ(Evaluate(p.policy(), facts).allowed_services, Svc(kYouTube) | Svc(kCheckout));
  EXPECT_FALSE(Evaluate(p.policy(), facts).state_changed);
  // ...the next page does not.
  EXPECT_EQ(Eval(p, Page{}).allowed_services, Svc(kCheckout));
  // A later stored choice never keeps a page grant.
  Choice reject;
  reject.action = Action::kCustom;
  reject.granted = {"analytics"};
  const Decision custom = Apply(p.policy(), facts, reject);
  EXPECT_TRUE(Decode(p, custom.state).services.empty());
  EXPECT_EQ(custom.allowed_services, Svc(kGoogleAnalytics) | Svc(kYouTube) | Svc(kCheckout));
  Page after;
  after.WithCookies("", custom.state);
  EXPECT_EQ(Eval(p, after).allowed_services, Svc(kGoogleAnalytics) | Svc(kCheckout));
}

TEST(EnginePerService, ACategorySwitchSetsAllItsServices) {
  SHOP(p);
  // Marketing on but HubSpot off: one exception in the cookie.
  Page page;
  page.WithCookies(kTrackerCookies);
  const Decision d =
      ActServices(p, page, Action::kCustom, {{"hubspot", false}}, {"marketing"});
  EXPECT_EQ(d.allowed_categories, kN | kM);
  EXPECT_EQ(d.allowed_services, Svc(kGoogleAds) | Svc(kCheckout));
  EXPECT_EQ(Verdicts(p, d)[1], "released allowed google-ads/marketing");
  EXPECT_EQ(Verdicts(p, d)[2], "kept refused hubspot/marketing");
  EXPECT_TRUE(d.hubspot_do_not_track);
  EXPECT_EQ(Strings(d.delete_cookies),
            (std::vector<std::string>{"_ga", "_ga_ABC123XYZ", "__hstc", "hubspotutk"}));
  ConsentState s = Decode(p, d.state);
  ASSERT_EQ(s.services.size(), 1u);
  bool present = false;
  EXPECT_FALSE(ServiceGranted(s, "hubspot", &present));
  EXPECT_TRUE(present);
  // The switch alone again: every service of marketing follows it.
  page.WithCookies("", d.state);
  const Decision all = Act(p, page, Action::kCustom, {"marketing"});
  EXPECT_EQ(all.allowed_services, Svc(kGoogleAds) | Svc(kHubSpot) | Svc(kCheckout));
  EXPECT_TRUE(Decode(p, all.state).services.empty());
  // A service listed with its category's own answer is no exception.
  const Decision same =
      ActServices(p, Page{}, Action::kCustom, {{"google-ads", true}, {"youtube", false}},
                  {"marketing"});
  EXPECT_TRUE(Decode(p, same.state).services.empty());
  // Necessary services cannot be refused; unknown ids are ignored.
  const Decision odd =
      ActServices(p, Page{}, Action::kCustom, {{"checkout", false}, {"no-such", true}});
  EXPECT_EQ(odd.allowed_services, Svc(kCheckout));
  EXPECT_TRUE(Decode(p, odd.state).services.empty());
}

TEST(EnginePerService, AServiceOnItsOwnIsNoRefusalAndLastsAsConsent) {
  SHOP(p);
  const Decision d = ActServices(p, Page{}, Action::kCustom, {{"youtube", true}});
  EXPECT_EQ(d.consent.expires_at, At(2027, 2, 15, 10));  // 13 months, not 6.
  Page later;
  later.now = At(2026, 8, 1);
  later.WithCookies("", d.state);
  const Decision again = Eval(p, later);
  EXPECT_FALSE(again.show_banner);
  EXPECT_EQ(again.allowed_services, Svc(kYouTube) | Svc(kCheckout));
}

TEST(EnginePerService, ConsentModeAndHubSpotFollowTheServicesAllowed) {
  SHOP(p);
  struct Case {
    const char* name;
    std::vector<std::string> categories;
    std::vector<std::pair<std::string, bool>> services;
    uint8_t consent_mode;
    uint8_t hubspot;
    bool do_not_track;
  };
  const Case cases[] = {
      // GA on its own in a refused analytics: analytics_storage follows GA.
      {"AnalyticsServiceAlone", {}, {{"google-analytics", true}},
       kSecurityStorage | kAnalyticsStorage, 0, true},
      // Marketing on, Google Ads off: no ad storage (Google Ads declares the
      // ad types); HubSpot, on, gets its consent.
      {"MarketingWithoutAds", {"marketing"}, {{"google-ads", false}}, kSecurityStorage,
       kHubSpotAnalytics | kHubSpotAdvertisement, false},
      // Marketing on, HubSpot off: ad storage for Google Ads, nothing for
      // HubSpot, and doNotTrack.
      {"MarketingWithoutHubSpot", {"marketing"}, {{"hubspot", false}}, kSecurityStorage | kAdBits,
       0, true},
      {"HubSpotAlone", {}, {{"hubspot", true}}, kSecurityStorage,
       kHubSpotAnalytics | kHubSpotAdvertisement, false},
      // YouTube declares nothing: media's types follow its only service.
      {"YouTubeAlone", {}, {{"youtube", true}},
       kSecurityStorage | kFunctionalityStorage | kPersonalizationStorage, kHubSpotFunctionality,
       true},
      // Media on, YouTube off: media's types are not granted by its switch alone.
      {"MediaWithoutYouTube", {"media"}, {{"youtube", false}}, kSecurityStorage, 0, true},
      {"MarketingWhole", {"marketing"}, {}, kSecurityStorage | kAdBits,
       kHubSpotAnalytics | kHubSpotAdvertisement, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Decision d = ActServices(p, Page{}, Action::kCustom, c.services, c.categories);
    EXPECT_EQ(d.consent_mode, c.consent_mode);
    EXPECT_EQ(d.hubspot, c.hubspot);
    EXPECT_EQ(d.hubspot_do_not_track, c.do_not_track);
  }
}

TEST(EnginePerService, CategoryMarkedElementsFollowTheirService) {
  SHOP(p);
  Page page;
  page.elements = {
      // Marked with its own category: YouTube's own choice decides.
      {ElementKind::kIframe, "https://www.youtube.com/embed/x", "media", ""},
      // Marked with the category, no URL service: the category's switch.
      {ElementKind::kScript, "", "media", ""},
      // Marked with another category: both must be allowed.
      {ElementKind::kIframe, "https://www.youtube.com/embed/y", "analytics", ""},
      // Marked with the service: its own choice.
      {ElementKind::kScript, "https://cdn.example.net/player.js", "", "youtube"},
  };
  const Decision d = ActServices(p, page, Action::kCustom, {{"youtube", true}});
  EXPECT_EQ(Verdicts(p, d), (std::vector<std::string>{
                                "released allowed youtube/media", "kept refused -/media",
                                "kept refused youtube/analytics", "released allowed youtube/media"}));
}

TEST(EnginePerService, OptOutOfAServiceIsNeverSilentlyReversed) {
  SHOP(p);
  Page ca;
  ca.region = "US-CA";
  // Everything allowed by default under opt-out; the visitor refuses YouTube.
  const Decision d = ActServices(p, ca, Action::kCustom, {{"youtube", false}},
                                 {"analytics", "marketing", "media"});
  EXPECT_EQ(d.allowed_services & Svc(kYouTube), 0u);
  // A year later the choice lapsed: defaults again, but YouTube stays refused.
  Page later = ca;
  later.now = At(2027, 3, 1);
  later.WithCookies("", d.state);
  const Decision again = Eval(p, later);
  EXPECT_EQ(again.reason, BannerReason::kConsentLapsed);
  EXPECT_EQ(again.allowed_services & Svc(kYouTube), 0u);
  EXPECT_NE(again.allowed_services & Svc(kGoogleAds), 0u);
}

TEST(EnginePerService, GpcRefusesSaleOrShareServicesWhateverTheirOwnChoice) {
  SHOP(p);
  Page ca;
  ca.region = "US-CA";
  ca.gpc = true;
  // Neither a stored exception nor a page grant opens Google Ads under GPC.
  const Decision d = ActServices(p, ca, Action::kCustom, {{"google-ads", true}});
  EXPECT_EQ(d.allowed_services & Svc(kGoogleAds), 0u);
  const Decision once = ActServices(p, ca, Action::kAllowOnce, {{"google-ads", true}});
  EXPECT_EQ(once.allowed_services & Svc(kGoogleAds), 0u);
  Facts facts = ca.facts();
  facts.page_services = {"google-ads"};
  EXPECT_EQ(Evaluate(p.policy(), facts).allowed_services & Svc(kGoogleAds), 0u);
}

TEST(EnginePerService, VersionOneCookiesAreCarriedOver) {
  // A visitor who accepted analytics before per-service consent keeps that
  // choice: the version-1 cookie is read, applies, and is not rewritten.
  SHOP(p);
  const Decision v2 = Act(p, Page{}, Action::kCustom, {"analytics"});
  const ConsentState s = Decode(p, v2.state);
  internal::WireWriter w;
  w.Raw("WC");
  w.U8(1);
  w.Raw(std::string_view(reinterpret_cast<const char*>(s.consent_id.data()), kConsentIdSize));
  w.Varint(static_cast<uint64_t>(s.given_at));
  w.Varint(s.revision);
  w.U8(static_cast<uint8_t>(s.regime));
  w.U8(static_cast<uint8_t>(s.method));
  w.Varint(s.categories.size());
  for (const CategoryChoice& c : s.categories) {
    for (int b = 0; b < 4; ++b) w.U8(static_cast<uint8_t>(c.id_hash >> (8 * b)));
    w.U8(c.granted ? 1 : 0);
    w.Varint(static_cast<uint64_t>(c.first_placed));
  }
  unsigned char tag[8];
  internal::StoreLe64(internal::SipHash24(p.policy().site_key.data(), w.bytes()), tag);
  std::string v1 = w.bytes() + std::string(reinterpret_cast<const char*>(tag), 8);
  static constexpr char kB64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string cookie;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : v1) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) cookie += kB64[(acc >> (bits -= 6)) & 63];
  }
  if (bits > 0) cookie += kB64[(acc << (6 - bits)) & 63];

  Page page;
  page.WithCookies("", cookie);
  const Decision d = Eval(p, page);
  EXPECT_FALSE(d.show_banner);
  EXPECT_FALSE(d.state_changed);  // Read as is, not rewritten.
  EXPECT_EQ(d.allowed_categories, kN | kA);
  EXPECT_EQ(d.allowed_services, Svc(kGoogleAnalytics) | Svc(kCheckout));
  EXPECT_EQ(d.consent.method, Method::kCustom);
  // The next change writes version 2 and keeps the consent id.
  page.WithCookies("_ga=1", cookie);
  const Decision placed = Eval(p, page);
  ASSERT_TRUE(placed.state_changed);
  EXPECT_EQ(Decode(p, placed.state).categories.size(), 4u);
  EXPECT_EQ(placed.consent.consent_id, s.consent_id);
}

// ===========================================================================
// No readable policy: keep everything.

TEST(EngineFailClosed, KeepsEverything) {
  Page page;
  page.WithCookies(kTrackerCookies);
  const Decision d = FailClosed(page.facts());
  EXPECT_FALSE(d.policy_ok);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kPolicyInvalid);
  EXPECT_EQ(d.allowed_categories, 0u);
  EXPECT_EQ(d.allowed_services, 0u);
  EXPECT_EQ(d.consent_mode, 0);
  EXPECT_EQ(d.hubspot, 0);
  ASSERT_EQ(d.elements.size(), page.elements.size());
  for (const ElementVerdict& v : d.elements) {
    EXPECT_FALSE(v.release);
    EXPECT_EQ(v.reason, ElementReason::kPolicyInvalid);
    EXPECT_EQ(v.service, -1);
    EXPECT_EQ(v.category, -1);
  }
  EXPECT_TRUE(d.delete_cookies.empty());
  EXPECT_TRUE(d.gtag.empty());
  EXPECT_FALSE(d.state_changed);
  EXPECT_FALSE(d.consent.present);
}

// ===========================================================================
// Purity: the same facts give the same decision.

TEST(EngineDeterminism, SameFactsSameBytes) {
  SHOP(p);
  Page page;
  page.region = "US-CA";
  page.gpc = true;
  page.WithCookies(kTrackerCookies);
  EXPECT_EQ(EncodeDecision(Eval(p, page)), EncodeDecision(Eval(p, page)));
  Choice c;
  c.action = Action::kAcceptAll;
  EXPECT_EQ(EncodeDecision(Apply(p.policy(), page.facts(), c)),
            EncodeDecision(Apply(p.policy(), page.facts(), c)));
}

// ===========================================================================
// Consent Mode: "basic" holds Google's tags until their service may run;
// "advanced" loads them (gtag.js services) with their types denied and their
// cookies refused.

#define ADVANCED_SHOP(p)                                                                  \
  TestPolicy p;                                                                           \
  ASSERT_TRUE(CompileTestPolicy(                                                          \
      PolicyWith(R"("revision": 3,)",                                                     \
                 R"("revision": 3, "consent": {"consent_mode": "advanced"},)"),           \
      &p))

const uint64_t kGoogleTags = Svc(kGoogleAnalytics) | Svc(kGoogleAds);

TEST(EngineConsentMode, CompiledPolicyCarriesTheMode) {
  SHOP(basic);
  ADVANCED_SHOP(advanced);
  EXPECT_EQ(basic.policy().consent_mode, ConsentModeKind::kBasic);
  EXPECT_EQ(advanced.policy().consent_mode, ConsentModeKind::kAdvanced);
}

TEST(EngineConsentMode, BasicHoldsGoogleTagsBeforeConsent) {
  SHOP(p);
  Page page;
  page.WithCookies(kTrackerCookies);
  const Decision d = Eval(p, page);
  EXPECT_EQ(d.cookieless_services, 0u);
  EXPECT_EQ(Verdicts(p, d), ShopVerdicts(p, kN));
}

TEST(EngineConsentMode, AdvancedLoadsGoogleTagsCookielessBeforeConsent) {
  ADVANCED_SHOP(p);
  Page page;  // FR: opt-in, first visit.
  page.WithCookies(kTrackerCookies);
  const Decision d = Eval(p, page);
  EXPECT_TRUE(d.show_banner);
  EXPECT_EQ(d.reason, BannerReason::kFirstVisit);
  // Nothing is allowed beyond the necessary category: the Google tags load,
  // they do not run with consent.
  EXPECT_EQ(d.allowed_categories, kN);
  EXPECT_EQ(d.allowed_services, Svc(kCheckout));
  EXPECT_EQ(d.cookieless_services, kGoogleTags);
  EXPECT_EQ(d.consent_mode, kSecurityStorage);  // Every Google type denied.
  EXPECT_EQ(Verdicts(p, d), (std::vector<std::string>{"released cookieless google-analytics/analytics",
                          "released cookieless google-ads/marketing",
                          "kept refused hubspot/marketing", "kept refused youtube/media",
                          "released cookieless google-analytics/analytics",
                          "released cookieless google-ads/marketing",
                          "released allowed checkout/necessary"}));
  // No Google cookie before consent: the ones present go, no gtag expiry.
  EXPECT_EQ(Strings(d.delete_cookies), (std::vector<std::string>{"_ga", "_ga_ABC123XYZ", "_gcl_au", "__hstc", "hubspotutk"}));
  EXPECT_TRUE(d.gtag.empty());
  EXPECT_FALSE(d.state_changed);
}

TEST(EngineConsentMode, AdvancedAfterAChoice) {
  ADVANCED_SHOP(p);
  struct Case {
    const char* name;
    Action action;
    std::vector<std::string> granted;
    uint64_t allowed, cookieless;
    uint8_t consent_mode;
  };
  const Case cases[] = {
      // Analytics granted: GA4 runs with analytics_storage granted; Ads still
      // loads cookieless.
      {"custom analytics", Action::kCustom, {"analytics"},
       Svc(kGoogleAnalytics) | Svc(kCheckout), Svc(kGoogleAds),
       kSecurityStorage | kAnalyticsStorage},
      // A refusal: the tags keep loading denied (what advanced means).
      {"reject all", Action::kRejectAll, {}, Svc(kCheckout), kGoogleTags, kSecurityStorage},
      {"withdraw", Action::kWithdraw, {}, Svc(kCheckout), kGoogleTags, kSecurityStorage},
      // Everything granted: nothing is cookieless.
      {"accept all", Action::kAcceptAll, {}, ServicesOf(kAllCategories), 0, kAllConsentModes},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Page page;
    const Decision applied = Act(p, page, c.action, c.granted);
    Page next;
    next.WithCookies("_ga=GA1.1.1; _gcl_au=1.1.2", applied.state);
    for (const Decision& d : {applied, Eval(p, next)}) {
      EXPECT_EQ(d.allowed_services, c.allowed);
      EXPECT_EQ(d.cookieless_services, c.cookieless);
      EXPECT_EQ(d.consent_mode, c.consent_mode);
      for (size_t i = 0; i < d.elements.size(); ++i) {
        const int s = kShopElementService[i];
        const ElementReason want = (c.allowed >> s) & 1u      ? ElementReason::kAllowed
                                   : (c.cookieless >> s) & 1u ? ElementReason::kCookieless
                                                              : ElementReason::kRefused;
        EXPECT_EQ(d.elements[i].reason, want) << i;
        EXPECT_EQ(d.elements[i].release, want != ElementReason::kRefused) << i;
      }
    }
    // The next page: a cookieless service's cookies are deleted, an allowed one's kept.
    const Decision d = Eval(p, next);
    const std::vector<std::string> deleted = Strings(d.delete_cookies);
    EXPECT_EQ(std::count(deleted.begin(), deleted.end(), "_ga"),
              (c.allowed >> kGoogleAnalytics) & 1u ? 0 : 1);
    EXPECT_EQ(std::count(deleted.begin(), deleted.end(), "_gcl_au"),
              (c.allowed >> kGoogleAds) & 1u ? 0 : 1);
  }
}

TEST(EngineConsentMode, AdvancedRespectsOptOutsOfSaleOrSharing) {
  ADVANCED_SHOP(p);
  // US-CA is opt-out: every category runs by default, nothing is cookieless.
  Page ca;
  ca.region = "US-CA";
  Decision d = Eval(p, ca);
  EXPECT_EQ(d.allowed_services, ServicesOf(kAllCategories));
  EXPECT_EQ(d.cookieless_services, 0u);
  // "Do Not Sell or Share": Google Ads (marketing, sale/share) stays held,
  // not loaded cookieless.
  d = Act(p, ca, Action::kOptOut);
  EXPECT_EQ(d.cookieless_services, 0u);
  EXPECT_EQ(Show(p, d.elements[1]), "kept refused google-ads/marketing");
  // GPC honoured: the same.
  ca.gpc = true;
  d = Eval(p, ca);
  EXPECT_TRUE(d.gpc_honoured);
  EXPECT_EQ(d.cookieless_services, 0u);
  EXPECT_EQ(Show(p, d.elements[1]), "kept refused google-ads/marketing");
  // Opt-out regime, analytics refused on its own (not sale/share): GA4 loads
  // cookieless.
  ca.gpc = false;
  const std::string state = StateAfter(p, ca, Action::kCustom, {"marketing", "media"});
  ca.WithCookies("", state);
  d = Eval(p, ca);
  EXPECT_EQ(d.cookieless_services, Svc(kGoogleAnalytics));
  EXPECT_EQ(Show(p, d.elements[0]), "released cookieless google-analytics/analytics");
  // Notice (US): marketing is off by default and is sale/share: held.
  Page us;
  us.region = "US";
  d = Eval(p, us);
  EXPECT_EQ(d.cookieless_services, 0u);
  EXPECT_EQ(Show(p, d.elements[1]), "kept refused google-ads/marketing");
}

TEST(EngineConsentMode, AdvancedJudgesMarkingsAsBeforeAndKeepsOthersHeld) {
  ADVANCED_SHOP(p);
  Page page;
  page.elements = {
      // The gtag snippet, marked with its service: loads.
      {ElementKind::kScript, "", "", "google-analytics"},
      // Marked with a category only, no URL: the category's switch decides.
      {ElementKind::kScript, "", "analytics", ""},
      // A Google URL marked with a non-Google service: both must run.
      {ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-1", "", "hubspot"},
      // A Google URL marked with its own category: loads.
      {ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-1", "analytics", ""},
      // YouTube is Google's but not a gtag.js tag: held.
      {ElementKind::kIframe, "https://www.youtube.com/embed/x", "", ""},
      // A collect ping sent with sendBeacon: passes.
      {ElementKind::kBeacon, "https://region1.google-analytics.com/g/collect?v=2&gcs=G100", "",
       ""},
  };
  const Decision d = Eval(p, page);
  EXPECT_EQ(Verdicts(p, d), (std::vector<std::string>{"released cookieless google-analytics/analytics",
                          "kept refused -/analytics", "kept refused hubspot/marketing",
                          "released cookieless google-analytics/analytics",
                          "kept refused youtube/media",
                          "released cookieless google-analytics/analytics"}));
}

TEST(EngineConsentMode, AdvancedCookielessIsOnlyForGtagServices) {
  // A site's own service flagged gtag loads cookieless; one that is not stays held.
  std::string json = PolicyWith(R"("revision": 3,)",
                                R"("revision": 3, "consent": {"consent_mode": "advanced"},)");
  const std::string youtube = R"({"id": "youtube", "category": "media"},)";
  json.replace(json.find(youtube), youtube.size(), youtube + R"(
    {"id": "floodlight", "name": "Floodlight", "category": "marketing", "gtag": true,
     "urls": ["fls.example.net"]},
    {"id": "pixel", "name": "Pixel", "category": "marketing", "urls": ["px.example.net"]},)");
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(json, &p));
  Page page;
  page.elements = {{ElementKind::kScript, "https://fls.example.net/a.js", "", ""},
                   {ElementKind::kImage, "https://px.example.net/p.gif", "", ""}};
  const Decision d = Eval(p, page);
  EXPECT_EQ(Verdicts(p, d), (std::vector<std::string>{"released cookieless floodlight/marketing",
                                          "kept refused pixel/marketing"}));
}

// Method and regime names read back to the value they name (the server
// validates receipts with them); anything else is refused.
TEST(EngineNames, MethodsAndRegimesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Method::kAllow); ++i) {
    Method m = Method::kNone;
    ASSERT_TRUE(ParseMethod(MethodName(static_cast<Method>(i)), &m)) << i;
    EXPECT_EQ(static_cast<int>(m), i);
  }
  for (Regime r : {Regime::kOptIn, Regime::kOptOut, Regime::kNotice}) {
    Regime back = Regime::kNotice;
    ASSERT_TRUE(ParseRegime(RegimeName(r), &back));
    EXPECT_EQ(back, r);
  }
  Method m;
  Regime r;
  for (const char* bad : {"", "unknown", "Accept-All", "accept-all ", "allow-once", "close"}) {
    EXPECT_FALSE(ParseMethod(bad, &m)) << bad;
    EXPECT_FALSE(ParseRegime(bad, &r)) << bad;
  }
}

}  // namespace
}  // namespace wafer
