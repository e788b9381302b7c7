// compiler_test.cc — CompilePolicy(): the exact bytes, determinism, the
// round trip through CompiledPolicy::Parse, regions, domains and the demos.

#include "wafer/compiler.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "internal/hash.h"
#include "nlohmann/json.hpp"
#include "wafer/banner_data.h"
#include "wafer/compiled_policy.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace wafer {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

const PublicSuffixList& Psl() {
  static const PublicSuffixList* const psl = [] {
    absl::StatusOr<PublicSuffixList> loaded = PublicSuffixList::Load(kDefaultPublicSuffixListPath);
    return new PublicSuffixList(loaded.ok() ? *std::move(loaded)
                                            : PublicSuffixList::Parse("com\nfr\nio\ngithub.io\n"));
  }();
  return *psl;
}

Policy MustParse(std::string_view json) {
  std::vector<PolicyError> errors;
  absl::StatusOr<Policy> p = ParsePolicy(json, &errors);
  std::string why;
  for (const PolicyError& e : errors) why += "\n  " + e.ToString();
  EXPECT_TRUE(p.ok()) << why;
  return p.ok() ? *std::move(p) : Policy();
}

constexpr char kTinyPolicy[] = R"json({
  "site": {"id": "t", "domains": ["www.example.com"], "policy_url": "https://example.com/p"},
  "revision": 300,
  "languages": ["en"],
  "consent": {"cookie_name": "c", "lifetime_months": 12, "refusal_lifetime_months": 6,
              "cookie_cap_months": 13, "wait_for_update_ms": 500},
  "regimes": {"default": "opt-out", "regions": {"US-CA": "notice", "FR": "opt-in"}},
  "categories": [
    {"id": "n", "necessary": true, "label": {"en": "N"}},
    {"id": "m", "label": {"en": "M"}, "consent_mode": ["ad_storage"],
     "hubspot": ["advertisement"], "sale_or_share": true}
  ],
  "services": [
    {"id": "s", "name": "S", "category": "m", "urls": ["a.example"], "gtag": true,
     "cookies": [{"name": "k", "lifetime": "session"},
                 {"name": "tp", "lifetime": "session", "first_party": false}],
     "cookie_paths": ["/b", "/c/"]}
  ]
})json";

TEST(CompilePolicy, WritesTheDocumentedFormat) {
  absl::StatusOr<std::string> bytes = CompilePolicy(MustParse(kTinyPolicy), Psl());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  const SiteKey key = DeriveSiteKey("t");
  std::string expected = "WFP\x04";
  expected.append(reinterpret_cast<const char*>(key.data()), key.size());
  const unsigned char kBody[] = {
      0xac, 0x02,                       // revision 300
      12, 6, 13,                        // consent, refusal, cookie cap months
      1,                                // default regime: opt-out
      0xf4, 0x03,                       // wait_for_update 500
      0,                                // Consent Mode: basic
      1, 'c',                           // cookie name
      1, 't',                           // site id
      2,                                // regions, sorted
      2, 'F', 'R', 0,                   //   FR opt-in
      5, 'U', 'S', '-', 'C', 'A', 2,    //   US-CA notice
      1,                                // domains (www. resolved away)
      11, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm',
      1, 2, 'e', 'n',                   // languages
  };
  expected.append(reinterpret_cast<const char*>(kBody), sizeof(kBody));
  // The bundled banner languages (one per string table: the list grows).
  expected.push_back(static_cast<char>(BannerLanguages().size()));
  for (std::string_view l : BannerLanguages()) {
    expected.push_back(static_cast<char>(l.size()));
    expected.append(l.data(), l.size());
  }
  const unsigned char kRest[] = {
      2,                                // categories
      1, 'n', 0x01, 0x07, 0x40, 0x00,   //   necessary: all regimes, security_storage
      1, 'm', 0x02, 0x06, 0x01, 0x02,   //   sale/share: opt-out+notice, ad_storage, advert.
      1,                                // services
      1, 's', 1, 0x01, 0, 0,            //   category 1, gtag
      1, 9, 'a', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e',
      1, 1, 'k',                        //   first-party cookies only
      4, 2, '/', 'b', 3, '/', 'b', '/',  //   declared cookie paths, with and
      3, '/', 'c', '/', 2, '/', 'c',     //   without the trailing slash
  };
  expected.append(reinterpret_cast<const char*>(kRest), sizeof(kRest));
  const uint64_t tag = internal::SipHash24(key.data(), expected);
  unsigned char tag_bytes[8];
  internal::StoreLe64(tag, tag_bytes);
  expected.append(reinterpret_cast<const char*>(tag_bytes), 8);
  EXPECT_EQ(Hex(*bytes), Hex(expected));
}

TEST(CompilePolicy, SameContentSameBytes) {
  // The tiny policy with every object's keys in another order.
  constexpr char kReordered[] = R"json({
    "services": [
      {"cookie_paths": ["/b", "/c/"], "cookies": [{"lifetime": "session", "name": "k"},
                   {"first_party": false, "name": "tp", "lifetime": "session"}],
       "gtag": true, "urls": ["a.example"], "category": "m", "name": "S", "id": "s"}
    ],
    "categories": [
      {"label": {"en": "N"}, "necessary": true, "id": "n"},
      {"sale_or_share": true, "hubspot": ["advertisement"], "consent_mode": ["ad_storage"],
       "label": {"en": "M"}, "id": "m"}
    ],
    "regimes": {"regions": {"FR": "opt-in", "US-CA": "notice"}, "default": "opt-out"},
    "consent": {"wait_for_update_ms": 500, "cookie_cap_months": 13,
                "refusal_lifetime_months": 6, "lifetime_months": 12, "cookie_name": "c"},
    "languages": ["en"],
    "revision": 300,
    "site": {"policy_url": "https://example.com/p", "domains": ["www.example.com"], "id": "t"}
  })json";
  absl::StatusOr<std::string> a = CompilePolicy(MustParse(kTinyPolicy), Psl());
  absl::StatusOr<std::string> b = CompilePolicy(MustParse(kReordered), Psl());
  absl::StatusOr<std::string> again = CompilePolicy(MustParse(kTinyPolicy), Psl());
  ASSERT_TRUE(a.ok() && b.ok() && again.ok());
  EXPECT_EQ(Hex(*a), Hex(*b));
  EXPECT_EQ(*a, *again);
}

TEST(CompilePolicy, ContentChangesChangeTheBytes) {
  const std::string base = *CompilePolicy(MustParse(kTinyPolicy), Psl());
  nlohmann::json doc = nlohmann::json::parse(kTinyPolicy);
  doc["revision"] = 301;
  EXPECT_NE(*CompilePolicy(MustParse(doc.dump()), Psl()), base);
  doc = nlohmann::json::parse(kTinyPolicy);
  doc["site"]["id"] = "u";
  const std::string other_site = *CompilePolicy(MustParse(doc.dump()), Psl());
  EXPECT_NE(other_site.substr(4, kSiteKeySize), base.substr(4, kSiteKeySize));
}

TEST(CompilePolicy, RoundTripsThroughCompiledPolicyParse) {
  const Policy policy = MustParse(kTinyPolicy);
  absl::StatusOr<std::string> bytes = CompilePolicy(policy, Psl());
  ASSERT_TRUE(bytes.ok());
  CompiledPolicy c;
  ASSERT_TRUE(CompiledPolicy::Parse(*bytes, &c));
  EXPECT_EQ(c.site_key, DeriveSiteKey("t"));
  EXPECT_EQ(c.revision, 300u);
  EXPECT_EQ(c.consent_months, 12);
  EXPECT_EQ(c.refusal_months, 6);
  EXPECT_EQ(c.cookie_cap_months, 13);
  EXPECT_EQ(c.default_regime, Regime::kOptOut);
  EXPECT_EQ(c.wait_for_update_ms, 500u);
  EXPECT_EQ(c.consent_mode, ConsentModeKind::kBasic);
  EXPECT_EQ(c.cookie_name, "c");
  EXPECT_EQ(c.site_id, "t");
  ASSERT_EQ(c.regions.size(), 2u);
  EXPECT_EQ(c.regions[0].code, "FR");
  EXPECT_EQ(c.regions[0].regime, Regime::kOptIn);
  EXPECT_EQ(c.regions[1].code, "US-CA");
  EXPECT_EQ(c.regions[1].regime, Regime::kNotice);
  EXPECT_THAT(c.domains, ElementsAre("example.com"));
  EXPECT_THAT(c.languages, ElementsAre("en"));
  ASSERT_EQ(c.categories.size(), 2u);
  EXPECT_EQ(c.categories[0].id, "n");
  EXPECT_TRUE(c.categories[0].necessary());
  EXPECT_TRUE(c.categories[0].DefaultOn(Regime::kOptIn));
  EXPECT_EQ(c.categories[0].consent_mode, kSecurityStorage);
  EXPECT_EQ(c.categories[1].id, "m");
  EXPECT_TRUE(c.categories[1].sale_or_share());
  EXPECT_FALSE(c.categories[1].DefaultOn(Regime::kOptIn));
  EXPECT_TRUE(c.categories[1].DefaultOn(Regime::kOptOut));
  EXPECT_TRUE(c.categories[1].DefaultOn(Regime::kNotice));
  EXPECT_EQ(c.categories[1].consent_mode, kAdStorage);
  EXPECT_EQ(c.categories[1].hubspot, kHubSpotAdvertisement);
  EXPECT_EQ(c.categories[1].id_hash, CategoryHash("m"));
  ASSERT_EQ(c.services.size(), 1u);
  EXPECT_EQ(c.services[0].id, "s");
  EXPECT_EQ(c.services[0].category, 1);
  EXPECT_EQ(c.services[0].flags, kServiceGtag);
  EXPECT_THAT(c.services[0].url_patterns, ElementsAre("a.example"));
  EXPECT_THAT(c.services[0].cookie_patterns, ElementsAre("k"));
  EXPECT_EQ(c.FindCategory("m"), 1);
  EXPECT_EQ(c.FindService("s"), 0);
  EXPECT_EQ(c.RegimeFor("US-CA"), Regime::kNotice);
  EXPECT_EQ(c.RegimeFor("US-NY"), Regime::kOptOut);
  EXPECT_EQ(c.RegimeFor("FR"), Regime::kOptIn);
}

TEST(CompilePolicy, ConsentModeKindRoundTrips) {
  for (const char* mode : {"basic", "advanced"}) {
    SCOPED_TRACE(mode);
    nlohmann::json doc = nlohmann::json::parse(kTinyPolicy);
    doc["consent"]["consent_mode"] = mode;
    absl::StatusOr<std::string> bytes = CompilePolicy(MustParse(doc.dump()), Psl());
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    CompiledPolicy c;
    ASSERT_TRUE(CompiledPolicy::Parse(*bytes, &c));
    EXPECT_EQ(ConsentModeKindName(c.consent_mode), mode);
    // "basic" is the default: writing it changes no byte.
    if (std::string(mode) == "basic") {
      EXPECT_EQ(*bytes, *CompilePolicy(MustParse(kTinyPolicy), Psl()));
    } else {
      EXPECT_NE(*bytes, *CompilePolicy(MustParse(kTinyPolicy), Psl()));
    }
  }
}

TEST(CompilePolicy, TamperedBytesDoNotParse) {
  const std::string bytes = *CompilePolicy(MustParse(kTinyPolicy), Psl());
  CompiledPolicy c;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string tampered = bytes;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    EXPECT_FALSE(CompiledPolicy::Parse(tampered, &c)) << "byte " << i;
  }
  EXPECT_FALSE(CompiledPolicy::Parse(bytes.substr(0, bytes.size() - 1), &c));
}

struct RegionCase {
  const char* regions;  // JSON object.
  std::map<std::string, Regime> expected_some;
  size_t expected_count;
};

TEST(CompilePolicy, ExpandsRegionGroups) {
  const RegionCase kCases[] = {
      {R"({"EU": "opt-in"})", {{"FR", Regime::kOptIn}, {"DE", Regime::kOptIn}}, 27},
      {R"({"EEA": "opt-in"})", {{"NO", Regime::kOptIn}, {"IS", Regime::kOptIn}, {"LI", Regime::kOptIn}},
       30},
      // An explicit country beats a group; EU beats EEA.
      {R"({"EEA": "notice", "EU": "opt-in", "FR": "opt-out", "US": "opt-out"})",
       {{"FR", Regime::kOptOut}, {"DE", Regime::kOptIn}, {"NO", Regime::kNotice},
        {"US", Regime::kOptOut}},
       31},
      {R"({"US": "opt-out", "US-CA": "notice"})",
       {{"US", Regime::kOptOut}, {"US-CA", Regime::kNotice}}, 2},
  };
  for (const RegionCase& rc : kCases) {
    nlohmann::json doc = nlohmann::json::parse(kTinyPolicy);
    doc["regimes"]["regions"] = nlohmann::json::parse(rc.regions);
    absl::StatusOr<std::string> bytes = CompilePolicy(MustParse(doc.dump()), Psl());
    ASSERT_TRUE(bytes.ok()) << rc.regions;
    CompiledPolicy c;
    ASSERT_TRUE(CompiledPolicy::Parse(*bytes, &c));
    EXPECT_EQ(c.regions.size(), rc.expected_count) << rc.regions;
    for (size_t i = 1; i < c.regions.size(); ++i) {
      EXPECT_LT(c.regions[i - 1].code, c.regions[i].code);
    }
    for (const CompiledRegion& r : c.regions) {
      EXPECT_NE(r.code, "EU");
      EXPECT_NE(r.code, "EEA");
    }
    for (const auto& [code, regime] : rc.expected_some) {
      EXPECT_EQ(c.RegimeFor(code), regime) << rc.regions << " " << code;
    }
  }
}

struct DomainCase {
  std::vector<std::string> domains;
  std::vector<std::string> registrable;
};

TEST(CompilePolicy, ResolvesDedupesAndSortsDomains) {
  const DomainCase kCases[] = {
      {{"www.kalido.fr", "kalido.fr", "shop.kalido.fr"}, {"kalido.fr"}},
      {{"www.example.co.uk", "example.fr"}, {"example.co.uk", "example.fr"}},
      {{"kalido.github.io", "www.kalido.github.io"}, {"kalido.github.io"}},
      {{"zeta.com", "alpha.com"}, {"alpha.com", "zeta.com"}},
  };
  for (const DomainCase& dc : kCases) {
    nlohmann::json doc = nlohmann::json::parse(kTinyPolicy);
    doc["site"]["domains"] = dc.domains;
    absl::StatusOr<std::string> bytes = CompilePolicy(MustParse(doc.dump()), Psl());
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    CompiledPolicy c;
    ASSERT_TRUE(CompiledPolicy::Parse(*bytes, &c));
    std::vector<std::string> got(c.domains.begin(), c.domains.end());
    EXPECT_EQ(got, dc.registrable);
  }
}

TEST(CompilePolicy, PublicSuffixDomainIsAnError) {
  for (const char* domain : {"github.io", "co.uk", "blogspot.com", "com"}) {
    nlohmann::json doc = nlohmann::json::parse(kTinyPolicy);
    doc["site"]["domains"] = {"example.com", domain};
    absl::StatusOr<std::string> bytes = CompilePolicy(MustParse(doc.dump()), Psl());
    ASSERT_FALSE(bytes.ok()) << domain;
    EXPECT_EQ(bytes.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(bytes.status().message()),
                HasSubstr(std::string("[wafer.policy.public_suffix] site.domains[1]: \"") + domain +
                          "\" is a public suffix"));
  }
}

TEST(CompilePolicy, PublicSuffixFixture) {
  const Policy policy =
      MustParse(ReadFile(std::string(WAFER_SOURCE_DIR) +
                         "/tests/data/policies/compile_public_suffix.json"));
  absl::StatusOr<std::string> bytes = CompilePolicy(policy, Psl());
  ASSERT_FALSE(bytes.ok());
  EXPECT_THAT(std::string(bytes.status().message()),
              HasSubstr("[wafer.policy.public_suffix] site.domains[0]"));
}

TEST(CompilePolicy, RefusesWhatTheEngineWouldRefuse) {
  Policy policy = MustParse(kTinyPolicy);
  policy.services[0].category = "ghost";
  EXPECT_EQ(CompilePolicy(policy, Psl()).status().code(), absl::StatusCode::kInvalidArgument);
  policy = MustParse(kTinyPolicy);
  policy.consent_months = 24;
  EXPECT_EQ(CompilePolicy(policy, Psl()).status().code(), absl::StatusCode::kInvalidArgument);
  policy = MustParse(kTinyPolicy);
  policy.categories.clear();
  EXPECT_EQ(CompilePolicy(policy, Psl()).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(CompilePolicy, CatalogueServicesCompileFirstPartyCookiesOnly) {
  nlohmann::json doc = nlohmann::json::parse(kTinyPolicy);
  doc["services"] = {{{"id", "google-analytics"}, {"category", "m"}},
                     {{"id", "youtube"}, {"category", "m"}},
                     {{"id", "hubspot"}, {"category", "m"}}};
  const std::string bytes = *CompilePolicy(MustParse(doc.dump()), Psl());
  CompiledPolicy c;
  ASSERT_TRUE(CompiledPolicy::Parse(bytes, &c));
  ASSERT_EQ(c.services.size(), 3u);
  EXPECT_THAT(c.services[0].cookie_patterns, ElementsAre("_ga", "_ga_*", "_gid", "_gat*",
                                                         "_dc_gtm_*"));
  EXPECT_EQ(c.services[0].flags, kServiceGtag);
  EXPECT_EQ(c.services[0].consent_mode, kAnalyticsStorage);
  EXPECT_TRUE(c.services[1].cookie_patterns.empty());  // YouTube's are third-party.
  EXPECT_EQ(c.services[1].url_patterns.size(), 4u);
  EXPECT_THAT(c.services[2].cookie_patterns, ElementsAre("__hstc", "hubspotutk", "__hssc",
                                                         "__hssrc"));
  EXPECT_EQ(c.services[2].flags, kServiceHubSpotTracking);
  EXPECT_EQ(c.services[2].hubspot, kHubSpotAnalytics | kHubSpotAdvertisement);
}

TEST(DeriveSiteKey, IsStableAndPerSite) {
  // Pinned: changing the derivation invalidates every consent cookie.
  const SiteKey kalido = DeriveSiteKey("kalido");
  EXPECT_EQ(Hex(std::string_view(reinterpret_cast<const char*>(kalido.data()), kalido.size())),
            "ae5c5c6230e0e174c7fafb386059a4de");
  EXPECT_EQ(DeriveSiteKey("kalido"), kalido);
  EXPECT_NE(DeriveSiteKey("kaloom"), kalido);
  const SiteKey empty = DeriveSiteKey("");
  EXPECT_NE(empty, kalido);
  // The two halves come from different hashes.
  EXPECT_FALSE(std::equal(kalido.begin(), kalido.begin() + 8, kalido.begin() + 8));
}

TEST(SipHash24, MatchesTheReferenceVectors) {
  // Aumasson & Bernstein, appendix A: key 00..0f, messages 00..(n-1).
  uint8_t key[16];
  for (int i = 0; i < 16; ++i) key[i] = static_cast<uint8_t>(i);
  std::string message;
  EXPECT_EQ(internal::SipHash24(key, message), 0x726fdb47dd0e0e31ULL);
  for (int i = 0; i < 15; ++i) message.push_back(static_cast<char>(i));
  EXPECT_EQ(internal::SipHash24(key, message), 0xa129ca6149be45e5ULL);
}

TEST(CompilePolicy, DemoPoliciesCompileAndRoundTrip) {
  for (const char* name : {"kaloom", "kallu", "kalido", "kaizenify", "kaleyra"}) {
    SCOPED_TRACE(name);
    const std::string text =
        ReadFile(std::string(WAFER_SOURCE_DIR) + "/demo/policies/" + name + ".json");
    ASSERT_FALSE(text.empty());
    const Policy policy = MustParse(text);
    absl::StatusOr<std::string> bytes = CompilePolicy(policy, Psl());
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    EXPECT_EQ(*CompilePolicy(policy, Psl()), *bytes);
    CompiledPolicy c;
    ASSERT_TRUE(CompiledPolicy::Parse(*bytes, &c));
    EXPECT_EQ(c.site_id, policy.site_id);
    EXPECT_EQ(c.site_key, DeriveSiteKey(policy.site_id));
    EXPECT_EQ(c.revision, policy.revision);
    ASSERT_EQ(c.categories.size(), policy.categories.size());
    ASSERT_EQ(c.services.size(), policy.services.size());
    for (size_t i = 0; i < policy.services.size(); ++i) {
      EXPECT_EQ(c.services[i].id, policy.services[i].id);
      EXPECT_EQ(c.categories[c.services[i].category].id, policy.services[i].category);
    }
    // The real site's registrable domain and the local demo domains: *.test
    // for the browser tests, *.localhost for people trying the demo.
    EXPECT_EQ(c.domains.size(), 3u);
    EXPECT_EQ(c.languages.front(), policy.languages.front());
  }
}

}  // namespace
}  // namespace wafer
