// url_match_test.cc — what a compiled policy matches and when it can be read:
// UrlMatches(), GlobMatches(), CompiledPolicy::Parse() and RegimeFor().

#include "wafer/compiled_policy.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "internal/hash.h"
#include "test_policies.h"

namespace wafer {
namespace {

using testutil::CompileTestPolicy;
using testutil::kShopPolicy;
using testutil::TestPolicy;
using json = nlohmann::json;

struct UrlCase {
  const char* name;
  const char* pattern;
  const char* url;
  bool want;
};

constexpr UrlCase kUrlCases[] = {
    // Exact host, any path.
    {"ExactHostHttps", "js.hs-scripts.com", "https://js.hs-scripts.com/1234567.js", true},
    {"ExactHostHttp", "js.hs-scripts.com", "http://js.hs-scripts.com/1234567.js", true},
    {"SchemeRelativeNeedsABase", "js.hs-scripts.com", "//js.hs-scripts.com/1234567.js", false},
    {"BareHostIsNoUrl", "js.hs-scripts.com", "js.hs-scripts.com/1234567.js", false},
    {"HostOnlyNoPath", "js.hs-scripts.com", "https://js.hs-scripts.com", true},
    {"HostWithQueryNoPath", "js.hs-scripts.com", "https://js.hs-scripts.com?x=1", true},
    {"HostCaseInsensitive", "js.hs-scripts.com", "https://JS.HS-Scripts.COM/1.js", true},
    {"SchemeCaseInsensitive", "js.hs-scripts.com", "HTTPS://js.hs-scripts.com/1.js", true},
    {"PortIgnored", "js.hs-scripts.com", "https://js.hs-scripts.com:443/1.js", true},
    {"TrailingDotIgnored", "js.hs-scripts.com", "https://js.hs-scripts.com./1.js", true},
    {"UserinfoIgnored", "js.hs-scripts.com", "https://user:pw@js.hs-scripts.com/1.js", true},
    {"ExactDoesNotMatchSubdomain", "js.hs-scripts.com", "https://eu.js.hs-scripts.com/1.js", false},
    {"ExactDoesNotMatchParent", "js.hs-scripts.com", "https://hs-scripts.com/1.js", false},
    {"LookalikeSuffix", "js.hs-scripts.com", "https://js.hs-scripts.com.evil.example/1.js", false},
    {"LookalikePrefix", "js.hs-scripts.com", "https://xjs.hs-scripts.com/1.js", false},
    {"HostInPath", "js.hs-scripts.com", "https://evil.example/js.hs-scripts.com/1.js", false},
    {"HostInQuery", "js.hs-scripts.com", "https://evil.example/?u=https://js.hs-scripts.com/", false},
    {"HostInFragment", "js.hs-scripts.com", "https://evil.example/#js.hs-scripts.com", false},
    {"HostAsUserinfo", "js.hs-scripts.com", "https://js.hs-scripts.com@evil.example/1.js", false},
    {"EmptyUrl", "js.hs-scripts.com", "", false},
    {"NoHost", "js.hs-scripts.com", "https:///1.js", false},
    {"RelativePath", "js.hs-scripts.com", "/js.hs-scripts.com/1.js", false},
    // "*.domain": the domain and every subdomain.
    {"WildcardSubdomain", "*.google-analytics.com", "https://www.google-analytics.com/g/collect?v=2",
     true},
    {"WildcardDeepSubdomain", "*.google-analytics.com",
     "https://region1.analytics.google-analytics.com/g/collect", true},
    {"WildcardDomainItself", "*.google-analytics.com", "https://google-analytics.com/analytics.js",
     true},
    {"WildcardCaseInsensitive", "*.google-analytics.com", "https://WWW.Google-Analytics.com/", true},
    {"WildcardNotALabelBoundary", "*.google-analytics.com", "https://notgoogle-analytics.com/",
     false},
    {"WildcardLookalikeSuffix", "*.google-analytics.com",
     "https://www.google-analytics.com.evil.example/", false},
    {"WildcardOtherDomain", "*.google-analytics.com", "https://www.googletagmanager.com/", false},
    // HOST/PATHGLOB: matched against path and query, without the leading slash.
    {"GtagMeasurementId", "www.googletagmanager.com/gtag/js?id=G-*",
     "https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ", true},
    {"GtagAdsIdIsNotGa4", "www.googletagmanager.com/gtag/js?id=G-*",
     "https://www.googletagmanager.com/gtag/js?id=AW-123456789", false},
    {"GtagAdsId", "www.googletagmanager.com/gtag/js?id=AW-*",
     "https://www.googletagmanager.com/gtag/js?id=AW-123456789", true},
    {"GtmIsNotGtag", "www.googletagmanager.com/gtag/js?id=G-*",
     "https://www.googletagmanager.com/gtm.js?id=GTM-XXXX", false},
    {"PathGlobPrefix", "www.google.com/pagead/*", "https://www.google.com/pagead/1p-user-list/1?x",
     true},
    {"PathGlobOtherPath", "www.google.com/pagead/*", "https://www.google.com/search?q=wafer", false},
    {"PathGlobFragmentIgnored", "www.youtube.com/embed/*",
     "https://www.youtube.com/embed/dQw4w9WgXcQ#t=42", true},
    {"PathGlobNeedsThePath", "www.youtube.com/embed/*", "https://www.youtube.com/", false},
    {"PathGlobWrongHost", "www.youtube.com/embed/*", "https://youtube.com/embed/abc", false},
    {"PathGlobInnerStar", "connect.facebook.net/*/fbevents.js",
     "https://connect.facebook.net/en_US/fbevents.js", true},
    {"PathGlobInnerStarSuffixDiffers", "connect.facebook.net/*/fbevents.js",
     "https://connect.facebook.net/en_US/sdk.js", false},
    {"PathWithoutStarIsExact", "cdn.example.com/a.js", "https://cdn.example.com/a.js", true},
    {"PathWithoutStarLonger", "cdn.example.com/a.js", "https://cdn.example.com/a.js.map", false},
    {"PathWithoutStarQuery", "cdn.example.com/a.js", "https://cdn.example.com/a.js?v=2", false},
    {"PathIsCaseSensitive", "cdn.example.com/a.js", "https://cdn.example.com/A.js", false},
    {"WildcardHostWithPath", "*.doubleclick.net/pagead/*",
     "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1", true},
};

TEST(UrlMatches, Cases) {
  for (const UrlCase& c : kUrlCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(UrlMatches(c.pattern, c.url), c.want) << c.pattern << " vs " << c.url;
  }
}

// The conformance table shared with the WASM engine, the stub and the audit
// (tests/data/url-match/README.md).
std::vector<json> TableCases() {
  std::vector<json> cases;
  const std::filesystem::path dir = std::filesystem::path(WAFER_SOURCE_DIR) / "tests/data/url-match";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const json file = json::parse(in);
    for (const json& c : file.at("cases")) {
      cases.push_back(c);
      cases.back()["file"] = entry.path().filename().string();
    }
  }
  return cases;
}

TEST(UrlMatches, ConformanceTable) {
  size_t urls = 0, cookies = 0;
  for (const json& c : TableCases()) {
    const std::string pattern = c.at("pattern");
    const bool want = c.at("match");
    if (c.at("kind") == "cookie") {
      ++cookies;
      EXPECT_EQ(GlobMatches(pattern, c.at("name").get<std::string>()), want) << c.dump();
      continue;
    }
    ++urls;
    const std::string base = c.at("base").is_null() ? "" : c.at("base").get<std::string>();
    EXPECT_EQ(UrlMatches(pattern, c.at("url").get<std::string>(), base), want) << c.dump();
  }
  EXPECT_GE(urls, 500u);
  EXPECT_GT(cookies, 0u);
}

// The engine reads an element's URL against the page (facts host and path):
// the rule is the same as UrlMatches with that base.
TEST(UrlMatches, ParsesWhatTheTableSays) {
  UrlParts u;
  ASSERT_TRUE(ParseUrlForMatch("//WWW.Google-Analytics.com./g/%63ollect?v=%32&x=%e9#f",
                               "https://www.example.com/blog/", &u));
  EXPECT_EQ(u.host, "www.google-analytics.com");
  EXPECT_EQ(u.rest, "g/collect?v=2&x=%E9");
  ASSERT_TRUE(ParseUrlForMatch("https://x.example/a b\\c/../d?q=\xc3\xa9", "", &u));
  EXPECT_EQ(u.rest, "a%20b/d?q=%C3%A9");
  ASSERT_TRUE(ParseUrlForMatch("http://m\xc3\xbcnchen.example/", "", &u));
  EXPECT_EQ(u.host, "xn--mnchen-3ya.example");
  EXPECT_FALSE(ParseUrlForMatch("blob:https://x.example/1", "", &u));
  EXPECT_FALSE(ParseUrlForMatch("/x", "", &u));
  EXPECT_FALSE(ParseUrlForMatch(std::string(70000, 'a'), "https://x.example/", &u));
}

struct GlobCase {
  const char* name;
  const char* pattern;
  const char* text;
  bool want;
};

constexpr GlobCase kGlobCases[] = {
    {"Exact", "_ga", "_ga", true},
    {"ExactIsNotPrefix", "_ga", "_gat", false},
    {"ExactIsNotSuffix", "_ga", "x_ga", false},
    {"TrailingStar", "_ga_*", "_ga_ABC123", true},
    {"TrailingStarEmptyRun", "_ga_*", "_ga_", true},
    {"TrailingStarNeedsPrefix", "_ga_*", "_ga", false},
    {"StarAlone", "*", "anything", true},
    {"StarAloneEmpty", "*", "", true},
    {"EmptyPatternEmptyName", "", "", true},
    {"EmptyPatternName", "", "a", false},
    {"LeadingStar", "*_hs", "x_hs", true},
    {"LeadingStarWrongEnd", "*_hs", "x_hsx", false},
    {"InnerStar", "_gac_*_x", "_gac_UA-1_x", true},
    {"TwoStars", "a*b*c", "aXXbYYc", true},
    {"TwoStarsMissingEnd", "a*b*c", "aXXbYY", false},
    {"Backtracking", "*ab", "aab", true},
    {"BacktrackingTwice", "*a*b", "xaxxab", true},
    {"StarCannotInventCharacters", "a*a", "a", false},
    {"DoubleStar", "a**b", "ab", true},
    {"CaseSensitive", "_GA", "_ga", false},
    {"HubSpotFamily", "__hs*", "__hstc", true},
    {"GclFamily", "_gcl_*", "_gcl_au", true},
    {"NoRegexMeaning", "_ga.?", "_gaXX", false},
};

TEST(GlobMatches, Cases) {
  for (const GlobCase& c : kGlobCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(GlobMatches(c.pattern, c.text), c.want) << c.pattern << " vs " << c.text;
  }
}

TEST(GlobMatches, PathologicalPatternIsFast) {
  // Many stars against a long non-matching name: must not go exponential.
  const std::string pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
  const std::string name(4000, 'a');
  EXPECT_FALSE(GlobMatches(pattern, name));
}

// ---------------------------------------------------------------------------
// CompiledPolicy::Parse

// Re-tags `body` (bytes without their tag) under the site key it carries, so
// a change is refused for what it is, not for a stale tag.
std::string Retag(const std::string& body) {
  SiteKey key{};
  for (int i = 0; i < kSiteKeySize; ++i) key[i] = static_cast<uint8_t>(body[4 + i]);
  unsigned char tag[8];
  internal::StoreLe64(internal::SipHash24(key.data(), body), tag);
  return body + std::string(reinterpret_cast<const char*>(tag), 8);
}

std::string Body(const std::string& bytes) { return bytes.substr(0, bytes.size() - 8); }

TEST(CompiledPolicyParse, ReadsTheCompiledShop) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  const CompiledPolicy& c = p.policy();
  EXPECT_EQ(p.bytes().substr(0, 3), "WFP");
  EXPECT_EQ(p.bytes()[3], static_cast<char>(kCompiledPolicyVersion));
  EXPECT_EQ(c.site_id, "example-shop");
  EXPECT_EQ(c.cookie_name, "wafer_consent");
  EXPECT_EQ(c.revision, 3u);
  EXPECT_EQ(c.consent_months, 13);
  EXPECT_EQ(c.refusal_months, 6);
  EXPECT_EQ(c.cookie_cap_months, 13);
  EXPECT_EQ(c.default_regime, Regime::kOptIn);
  EXPECT_EQ(c.wait_for_update_ms, 500u);
  EXPECT_EQ(c.domains, (std::vector<std::string_view>{"example.co.uk", "example.fr"}));
  EXPECT_EQ(c.languages, (std::vector<std::string_view>{"en", "fr", "de"}));
  ASSERT_EQ(c.categories.size(), 4u);
  EXPECT_EQ(c.FindCategory("necessary"), testutil::kNecessary);
  EXPECT_EQ(c.FindCategory("analytics"), testutil::kAnalytics);
  EXPECT_EQ(c.FindCategory("marketing"), testutil::kMarketing);
  EXPECT_EQ(c.FindCategory("media"), testutil::kMedia);
  EXPECT_EQ(c.FindCategory("Analytics"), -1);
  EXPECT_EQ(c.FindCategory(""), -1);
  EXPECT_EQ(c.categories[testutil::kAnalytics].id_hash, CategoryHash("analytics"));
  EXPECT_TRUE(c.categories[testutil::kNecessary].necessary());
  EXPECT_TRUE(c.categories[testutil::kMarketing].sale_or_share());
  EXPECT_FALSE(c.categories[testutil::kAnalytics].sale_or_share());
  ASSERT_EQ(c.services.size(), 5u);
  EXPECT_EQ(c.FindService("google-analytics"), testutil::kGoogleAnalytics);
  EXPECT_EQ(c.FindService("google-ads"), testutil::kGoogleAds);
  EXPECT_EQ(c.FindService("hubspot"), testutil::kHubSpot);
  EXPECT_EQ(c.FindService("youtube"), testutil::kYouTube);
  EXPECT_EQ(c.FindService("checkout"), testutil::kCheckout);
  EXPECT_EQ(c.FindService("facebook-pixel"), -1);
  EXPECT_EQ(c.services[testutil::kHubSpot].category, testutil::kMarketing);
  EXPECT_EQ(c.services[testutil::kCheckout].url_patterns,
            (std::vector<std::string_view>{"pay.example-psp.com"}));
  EXPECT_EQ(c.services[testutil::kCheckout].cookie_patterns,
            (std::vector<std::string_view>{"__psp_session"}));
}

TEST(CompiledPolicyParse, EveryTruncationFails) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  const std::string& bytes = p.bytes();
  for (size_t n = 0; n < bytes.size(); ++n) {
    CompiledPolicy out;
    EXPECT_FALSE(CompiledPolicy::Parse(bytes.substr(0, n), &out)) << "length " << n;
  }
}

TEST(CompiledPolicyParse, EveryTruncationFailsEvenRetagged) {
  // Cut the body short and seal it again: the structure itself is checked.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  const std::string body = Body(p.bytes());
  for (size_t n = 4 + kSiteKeySize; n < body.size(); ++n) {
    CompiledPolicy out;
    EXPECT_FALSE(CompiledPolicy::Parse(Retag(body.substr(0, n)), &out)) << "body length " << n;
  }
  CompiledPolicy out;
  EXPECT_TRUE(CompiledPolicy::Parse(Retag(body), &out));  // The oracle.
}

TEST(CompiledPolicyParse, EveryBitFlipFails) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  const std::string& bytes = p.bytes();
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = bytes;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      CompiledPolicy out;
      EXPECT_FALSE(CompiledPolicy::Parse(flipped, &out)) << "byte " << i << " bit " << bit;
    }
  }
}

TEST(CompiledPolicyParse, TrailingBytesFail) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  CompiledPolicy out;
  EXPECT_FALSE(CompiledPolicy::Parse(p.bytes() + std::string(1, '\0'), &out));
  EXPECT_FALSE(CompiledPolicy::Parse(Retag(Body(p.bytes()) + std::string(1, '\0')), &out));
}

TEST(CompiledPolicyParse, EmptyAndGarbageFail) {
  CompiledPolicy out;
  EXPECT_FALSE(CompiledPolicy::Parse("", &out));
  EXPECT_FALSE(CompiledPolicy::Parse("WFP", &out));
  EXPECT_FALSE(CompiledPolicy::Parse(std::string(4096, '\0'), &out));
  EXPECT_FALSE(CompiledPolicy::Parse("{\"site\":{\"id\":\"x\"}}", &out));
}

struct RetaggedCase {
  const char* name;
  size_t offset;  // Into the body.
  uint8_t value;
};

TEST(CompiledPolicyParse, WellTaggedButInvalidFails) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  const std::string body = Body(p.bytes());
  // Offsets: "WFP" 0-2, version 3, key 4-19, revision (3: one byte) 20,
  // consent_months 21, refusal_months 22, cookie_cap_months 23, regime 24.
  ASSERT_EQ(body[20], '\3');
  ASSERT_EQ(body[21], '\15');
  ASSERT_EQ(body[27], '\0');  // Consent Mode: basic.
  const RetaggedCase cases[] = {
      {"NextVersion", 3, kCompiledPolicyVersion + 1},
      {"WrongVersionZero", 3, 0},
      // Versions 1 and 2 had other layouts (2: the banner languages or the
      // cookie paths, not both): refused, never read as this one.
      {"VersionOne", 3, 1},
      {"VersionTwo", 3, 2},
      // Version 3 had no Consent Mode implementation byte.
      {"VersionThree", 3, 3},
      {"WrongMagic", 0, 'X'},
      {"ConsentMonthsZero", 21, 0},
      {"ConsentMonthsFourteen", 21, 14},
      {"RefusalMonthsZero", 22, 0},
      {"CookieCapFourteen", 23, 14},
      {"UnknownDefaultRegime", 24, kRegimeCount},
      // wait_for_update 500 is 25-26; the Consent Mode implementation 27.
      {"UnknownConsentModeKind", 27, kConsentModeKindCount},
  };
  for (const RetaggedCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::string edited = body;
    edited[c.offset] = static_cast<char>(c.value);
    CompiledPolicy out;
    EXPECT_FALSE(CompiledPolicy::Parse(Retag(edited), &out));
  }
}

TEST(CompiledPolicyParse, AnotherSitesTagFails) {
  // A policy whose tag was computed under another key than the one it carries.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  std::string body = Body(p.bytes());
  const std::string original_tag = p.bytes().substr(body.size());
  body[4] = static_cast<char>(body[4] ^ 0x55);  // Another key…
  CompiledPolicy out;
  EXPECT_FALSE(CompiledPolicy::Parse(body + original_tag, &out));  // …with the old tag.
}

// ---------------------------------------------------------------------------
// RegimeFor: the exact region, else its country, else the default.

struct RegimeCase {
  const char* name;
  const char* region;
  Regime want;
};

TEST(RegimeFor, MostSpecificWins) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  const RegimeCase cases[] = {
      {"ExactSubdivision", "US-CA", Regime::kOptOut},
      {"SubdivisionCaseInsensitive", "us-ca", Regime::kOptOut},
      {"CountryOfAnotherSubdivision", "US-NY", Regime::kNotice},
      {"CountryItself", "US", Regime::kNotice},
      {"CountryCaseInsensitive", "us", Regime::kNotice},
      {"ListedOptInCountry", "CH", Regime::kOptIn},
      {"UnlistedCountryGetsDefault", "FR", Regime::kOptIn},
      {"UnknownRegionGetsDefault", "", Regime::kOptIn},
      {"CanadaIsNotCalifornia", "CA", Regime::kOptIn},
      {"CanadianProvince", "CA-QC", Regime::kOptIn},
      {"NotAPrefixMatch", "USA", Regime::kOptIn},
  };
  for (const RegimeCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(p.policy().RegimeFor(c.region), c.want) << c.region;
  }
}

TEST(RegimeFor, SubdivisionListedBeforeOrAfterCountry) {
  // The compiled regions are sorted ("US" < "US-CA"); the answer must not
  // depend on which comes first, so try a subdivision that sorts first too.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(R"json({
    "site": {"id": "regimes", "domains": ["example.com"], "policy_url": "https://example.com/p"},
    "revision": 1, "languages": ["en"],
    "regimes": {"default": "notice",
                "regions": {"CA": "opt-in", "CA-AB": "opt-out", "CA-QC": "opt-in", "EU": "opt-in",
                            "FR": "notice"}},
    "categories": [{"id": "necessary", "necessary": true, "label": {"en": "Necessary"}}]
  })json", &p));
  const RegimeCase cases[] = {
      {"SubdivisionSortsAfterCountry", "CA-QC", Regime::kOptIn},
      {"OtherSubdivision", "CA-AB", Regime::kOptOut},
      {"CountryFallback", "CA-ON", Regime::kOptIn},
      {"EuGroupExpanded", "DE", Regime::kOptIn},
      {"EuSubdivisionFallsBackToCountry", "DE-BY", Regime::kOptIn},
      {"ExplicitCountryBeatsGroup", "FR", Regime::kNotice},
      {"OutsideGroup", "NO", Regime::kNotice},
      {"Default", "JP", Regime::kNotice},
  };
  for (const RegimeCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(p.policy().RegimeFor(c.region), c.want) << c.region;
  }
}

TEST(CategoryHash, IsFnv1a32) {
  EXPECT_EQ(CategoryHash(""), 2166136261u);
  EXPECT_EQ(CategoryHash("a"), 0xe40c292cu);
  EXPECT_EQ(CategoryHash("foobar"), 0xbf9cf968u);
  EXPECT_NE(CategoryHash("analytics"), CategoryHash("marketing"));
}

}  // namespace
}  // namespace wafer
