// engine_wire_test.cc — the byte forms the loader and the WASM engine exchange.

#include "wafer/engine_wire.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "internal/wire.h"
#include "test_policies.h"
#include "wafer/banner_data.h"
#include "wafer/consent_state.h"
#include "wafer/engine.h"

namespace wafer {
namespace {

using testutil::CompileTestPolicy;
using testutil::kShopPolicy;
using testutil::TestPolicy;

constexpr int64_t kNow = 1768471200;  // 2026-01-15T10:00:00Z

// Facts with owned strings (Facts holds views).
struct OwnedFacts {
  int64_t now = kNow;
  std::string region;
  bool gpc = false;
  std::vector<std::string> languages;
  std::string host, path, cookies, mirror;
  std::array<uint8_t, kConsentIdSize> fresh_id{};
  struct El {
    ElementKind kind;
    std::string url, category, service;
  };
  std::vector<El> elements;
  std::vector<std::string> page_services;

  Facts View() const {
    Facts f;
    f.now = now;
    f.region = region;
    f.gpc = gpc;
    for (const auto& l : languages) f.languages.push_back(l);
    f.host = host;
    f.path = path;
    f.cookies = cookies;
    f.stored_mirror = mirror;
    f.fresh_id = fresh_id;
    for (const auto& e : elements) f.elements.push_back({e.kind, e.url, e.category, e.service});
    for (const auto& s : page_services) f.page_services.push_back(s);
    return f;
  }
};

struct FactsCase {
  const char* name;
  OwnedFacts facts;
};

std::vector<FactsCase> FactsCases() {
  std::vector<FactsCase> cases;
  cases.push_back({"Empty", OwnedFacts{0, "", false, {}, "", "", "", "", {}, {}}});
  OwnedFacts shop;
  shop.region = "FR";
  shop.languages = {"fr-FR", "fr", "en-US", "en"};
  shop.host = "www.shop.example.co.uk";
  shop.path = "/products/shoes/red";
  shop.cookies = "_ga=GA1.1.111.222; _gcl_au=1.1.444; wafer_consent=V0MBAAECAwQ";
  shop.mirror = "V0MBAAECAwQ";
  for (int i = 0; i < kConsentIdSize; ++i) shop.fresh_id[i] = static_cast<uint8_t>(0xf0 + i);
  shop.elements = {
      {ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ", "", ""},
      {ElementKind::kIframe, "https://www.youtube.com/embed/x", "media", ""},
      {ElementKind::kImage, "https://www.google-analytics.com/g/collect", "", "google-analytics"},
      {ElementKind::kBeacon, "https://track.hubspot.com/__ptq.gif", "marketing", "hubspot"},
      {ElementKind::kLink, "https://fonts.example.net/a.css", "", ""},
      {ElementKind::kOther, "", "analytics", ""},
  };
  shop.page_services = {"youtube", "no-such-service"};
  cases.push_back({"Shop", shop});
  OwnedFacts gpc = shop;
  gpc.region = "US-CA";
  gpc.gpc = true;
  cases.push_back({"Gpc", gpc});
  OwnedFacts odd;
  odd.now = (int64_t{1} << 40);
  odd.region = std::string("\0\xff", 2);
  odd.languages = {""};
  odd.host = std::string(300, 'h');  // Length takes a two-byte varint.
  odd.cookies = std::string(70000, 'c');
  odd.elements.resize(200, {ElementKind::kScript, "u", "c", "s"});
  odd.page_services = {"", std::string(200, 's')};
  cases.push_back({"LongAndBinary", odd});
  return cases;
}

void ExpectSameFacts(const Facts& got, const Facts& want) {
  EXPECT_EQ(got.now, want.now);
  EXPECT_EQ(got.region, want.region);
  EXPECT_EQ(got.gpc, want.gpc);
  EXPECT_EQ(got.languages, want.languages);
  EXPECT_EQ(got.host, want.host);
  EXPECT_EQ(got.path, want.path);
  EXPECT_EQ(got.cookies, want.cookies);
  EXPECT_EQ(got.stored_mirror, want.stored_mirror);
  EXPECT_EQ(got.fresh_id, want.fresh_id);
  ASSERT_EQ(got.elements.size(), want.elements.size());
  for (size_t i = 0; i < want.elements.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(got.elements[i].kind, want.elements[i].kind);
    EXPECT_EQ(got.elements[i].url, want.elements[i].url);
    EXPECT_EQ(got.elements[i].category, want.elements[i].category);
    EXPECT_EQ(got.elements[i].service, want.elements[i].service);
  }
  EXPECT_EQ(got.page_services, want.page_services);
}

TEST(EngineWireFacts, RoundTrips) {
  for (const FactsCase& c : FactsCases()) {
    SCOPED_TRACE(c.name);
    const Facts facts = c.facts.View();
    const std::string bytes = EncodeFacts(facts);
    Facts back;
    ASSERT_TRUE(DecodeFacts(bytes, &back));
    ExpectSameFacts(back, facts);
    EXPECT_EQ(EncodeFacts(back), bytes);
  }
}

TEST(EngineWireFacts, ViewsPointIntoTheBytes) {
  const Facts facts = FactsCases()[1].facts.View();
  const std::string bytes = EncodeFacts(facts);
  Facts back;
  ASSERT_TRUE(DecodeFacts(bytes, &back));
  const char* begin = bytes.data();
  const char* end = bytes.data() + bytes.size();
  for (std::string_view v : {back.region, back.host, back.path, back.cookies, back.stored_mirror,
                             back.elements[0].url}) {
    EXPECT_GE(v.data(), begin);
    EXPECT_LE(v.data() + v.size(), end);
  }
}

TEST(EngineWireFacts, DocumentedLayout) {
  // The smallest facts, byte for byte: what the loader's JS writes.
  const std::string bytes = EncodeFacts(Facts{});
  std::string want = "WF";
  want += '\3';                            // version
  want += '\0';                            // now
  want += '\0';                            // region ""
  want += '\0';                            // flags
  want += '\0';                            // languages: none
  want.append(4, '\0');                    // host, path, cookies, mirror ""
  want.append(kConsentIdSize, '\0');       // fresh id
  want += '\0';                            // elements: none
  want += '\0';                            // page services: none
  EXPECT_EQ(bytes, want);

  OwnedFacts f{};
  f.now = 300;  // varint ac 02
  f.region = "FR";
  f.gpc = true;
  f.languages = {"fr"};
  f.elements = {{ElementKind::kIframe, "u", "c", "s"}};
  f.page_services = {"yt"};
  const std::string b = EncodeFacts(f.View());
  EXPECT_EQ(b.substr(0, 3), "WF\3");
  EXPECT_EQ(b.substr(3, 2), "\xac\x02");
  EXPECT_EQ(b.substr(5, 3), "\2FR");
  EXPECT_EQ(b[8], '\1');  // GPC flag.
  EXPECT_EQ(b.substr(9, 4), "\1\2fr");
  EXPECT_EQ(b.substr(b.size() - 12), std::string("\1\1\1u\1c\1s\1\2yt", 12));
}

TEST(EngineWireFacts, EveryTruncationFails) {
  for (const FactsCase& c : FactsCases()) {
    SCOPED_TRACE(c.name);
    const std::string bytes = EncodeFacts(c.facts.View());
    const size_t step = bytes.size() > 5000 ? 97 : 1;  // The 70 KB case: sample.
    for (size_t n = 0; n < bytes.size(); n += step) {
      Facts out;
      EXPECT_FALSE(DecodeFacts(bytes.substr(0, n), &out)) << "length " << n;
    }
    for (size_t n = bytes.size() > 64 ? bytes.size() - 64 : 0; n < bytes.size(); ++n) {
      Facts out;
      EXPECT_FALSE(DecodeFacts(bytes.substr(0, n), &out)) << "length " << n;
    }
  }
}

TEST(EngineWireFacts, MalformedFails) {
  OwnedFacts f;
  f.region = "FR";
  f.elements = {{ElementKind::kScript, "u", "", ""}};
  const std::string good = EncodeFacts(f.View());
  Facts out;
  ASSERT_TRUE(DecodeFacts(good, &out));
  struct Case {
    const char* name;
    std::string bytes;
  };
  auto with = [&](size_t at, char v) {
    std::string b = good;
    b[at] = v;
    return b;
  };
  const size_t flags_at = 3 + 5 + 3;  // "WF" version, 5-byte now, "\2FR".
  ASSERT_EQ(good[flags_at], '\0');
  const size_t kind_at = good.size() - 6;  // kind, "\1u", "\0", "\0", no page services
  ASSERT_EQ(good[kind_at], '\0');
  const Case cases[] = {
      {"Empty", ""},
      {"WrongMagic", with(0, 'X')},
      {"DecisionMagic", with(1, 'D')},
      {"FutureVersion", with(2, '\4')},
      {"VersionOne", with(2, '\1')},
      {"VersionZero", with(2, '\0')},
      {"UnknownFlag", with(flags_at, '\2')},
      {"UnknownElementKind", with(kind_at, static_cast<char>(kElementKindCount))},
      {"TrailingByte", good + '\0'},
      {"PageServicesBeyondEnd", with(good.size() - 1, '\1')},
      {"StringLengthBeyondEnd", with(3 + 5, '\x7f')},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_FALSE(DecodeFacts(c.bytes, &out));
  }
}

// ---------------------------------------------------------------------------

struct ChoiceCase {
  const char* name;
  Action action;
  std::vector<std::string> granted;
  std::vector<std::pair<std::string, bool>> services;
};

TEST(EngineWireChoice, RoundTripsAndEveryTruncationFails) {
  const ChoiceCase cases[] = {
      {"AcceptAll", Action::kAcceptAll, {}, {}},
      {"RejectAll", Action::kRejectAll, {}, {}},
      {"Custom", Action::kCustom, {"analytics", "media"}, {}},
      {"CustomWithUnknown", Action::kCustom, {"analytics", "", "no-such-category"}, {}},
      {"CustomPerService", Action::kCustom, {"marketing"},
       {{"youtube", true}, {"linkedin-insight", false}}},
      {"Withdraw", Action::kWithdraw, {}, {}},
      {"Close", Action::kClose, {}, {}},
      {"OptOut", Action::kOptOut, {}, {}},
      {"Allow", Action::kAllow, {}, {{"youtube", true}}},
      {"AllowOnce", Action::kAllowOnce, {}, {{"hubspot-forms", true}}},
  };
  for (const ChoiceCase& c : cases) {
    SCOPED_TRACE(c.name);
    Choice choice;
    choice.action = c.action;
    for (const auto& g : c.granted) choice.granted.push_back(g);
    for (const auto& [id, on] : c.services) choice.services.push_back({id, on});
    const std::string bytes = EncodeChoice(choice);
    EXPECT_EQ(bytes.substr(0, 3), "WA\3");
    EXPECT_EQ(bytes[3], static_cast<char>(c.action));
    Choice back;
    ASSERT_TRUE(DecodeChoice(bytes, &back));
    EXPECT_EQ(back.action, c.action);
    EXPECT_EQ(back.granted, choice.granted);
    ASSERT_EQ(back.services.size(), c.services.size());
    for (size_t i = 0; i < c.services.size(); ++i) {
      EXPECT_EQ(back.services[i].id, c.services[i].first);
      EXPECT_EQ(back.services[i].granted, c.services[i].second);
    }
    EXPECT_EQ(EncodeChoice(back), bytes);
    for (size_t n = 0; n < bytes.size(); ++n) {
      EXPECT_FALSE(DecodeChoice(bytes.substr(0, n), &back)) << "length " << n;
    }
    EXPECT_FALSE(DecodeChoice(bytes + '\0', &back));
  }
  // The documented layout: services as { str id, u8 granted }.
  Choice c;
  c.action = Action::kCustom;
  c.granted = {"m"};
  c.services = {{"yt", true}};
  EXPECT_EQ(EncodeChoice(c), std::string("WA\3\2\1\1m\1\2yt\1", 12));
  Choice out;
  EXPECT_FALSE(DecodeChoice(std::string("WA\3\x08\0\0", 6), &out));  // Unknown action.
  EXPECT_FALSE(DecodeChoice(std::string("WA\4\0\0\0", 6), &out));    // Future version.
  EXPECT_FALSE(DecodeChoice(std::string("WA\1\0\0", 5), &out));       // Version 1.
  EXPECT_FALSE(DecodeChoice(std::string("WA\2\0\0\0", 5), &out));     // Version 2.
  EXPECT_FALSE(DecodeChoice(std::string("WA\3\2\0\1\1s\2", 9), &out));  // Granted 2.
}

// ---------------------------------------------------------------------------

void ExpectSameDecision(const Decision& got, const Decision& want) {
  EXPECT_EQ(got.policy_ok, want.policy_ok);
  EXPECT_EQ(got.regime, want.regime);
  EXPECT_EQ(got.show_banner, want.show_banner);
  EXPECT_EQ(got.reason, want.reason);
  EXPECT_EQ(got.language, want.language);
  EXPECT_EQ(got.banner_language, want.banner_language);
  EXPECT_EQ(got.allowed_categories, want.allowed_categories);
  EXPECT_EQ(got.allowed_services, want.allowed_services);
  EXPECT_EQ(got.cookieless_services, want.cookieless_services);
  EXPECT_EQ(got.consent_mode, want.consent_mode);
  EXPECT_EQ(got.hubspot, want.hubspot);
  EXPECT_EQ(got.hubspot_do_not_track, want.hubspot_do_not_track);
  EXPECT_EQ(got.gpc_honoured, want.gpc_honoured);
  ASSERT_EQ(got.elements.size(), want.elements.size());
  for (size_t i = 0; i < want.elements.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(got.elements[i].release, want.elements[i].release);
    EXPECT_EQ(got.elements[i].reason, want.elements[i].reason);
    EXPECT_EQ(got.elements[i].service, want.elements[i].service);
    EXPECT_EQ(got.elements[i].category, want.elements[i].category);
  }
  EXPECT_EQ(got.delete_cookies, want.delete_cookies);
  EXPECT_EQ(got.delete_domains, want.delete_domains);
  EXPECT_EQ(got.delete_paths, want.delete_paths);
  ASSERT_EQ(got.gtag.size(), want.gtag.size());
  for (size_t i = 0; i < want.gtag.size(); ++i) {
    EXPECT_EQ(got.gtag[i].service, want.gtag[i].service);
    EXPECT_EQ(got.gtag[i].cookie_expires, want.gtag[i].cookie_expires);
  }
  EXPECT_EQ(got.state_changed, want.state_changed);
  EXPECT_EQ(got.state, want.state);
  EXPECT_EQ(got.consent.present, want.consent.present);
  EXPECT_EQ(got.consent.consent_id, want.consent.consent_id);
  EXPECT_EQ(got.consent.given_at, want.consent.given_at);
  EXPECT_EQ(got.consent.expires_at, want.consent.expires_at);
  EXPECT_EQ(got.consent.method, want.consent.method);
}

struct DecisionCase {
  const char* name;
  Decision decision;
};

// Decisions from real scenarios, covering every field.
std::vector<DecisionCase> DecisionCases(const TestPolicy& p, OwnedFacts* shop) {
  shop->region = "FR";
  shop->languages = {"fr-CA"};
  shop->host = "www.shop.example.co.uk";
  shop->path = "/products/shoes";
  shop->cookies = "_ga=GA1.1.1; _gcl_au=1.1.2; __hstc=3; theme=dark";
  for (int i = 0; i < kConsentIdSize; ++i) shop->fresh_id[i] = static_cast<uint8_t>(0xa0 + i);
  shop->elements = {
      {ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-1", "", ""},
      {ElementKind::kScript, "//js.hs-scripts.com/1.js", "", ""},
      {ElementKind::kScript, "", "statistics", ""},
      {ElementKind::kScript, "https://cdn.example.net/x.js", "", ""},
  };
  std::vector<DecisionCase> cases;
  const Facts facts = shop->View();
  cases.push_back({"FirstVisitWithCookies", Evaluate(p.policy(), facts)});
  Choice custom;
  custom.action = Action::kCustom;
  custom.granted = {"analytics"};
  cases.push_back({"ApplyCustom", Apply(p.policy(), facts, custom)});
  Choice accept;
  accept.action = Action::kAcceptAll;
  cases.push_back({"ApplyAcceptAll", Apply(p.policy(), facts, accept)});
  Choice once;
  once.action = Action::kAllowOnce;
  once.services = {{"youtube", true}};
  cases.push_back({"ApplyAllowOnce", Apply(p.policy(), facts, once)});
  Facts gpc = facts;
  gpc.region = "US-CA";
  gpc.gpc = true;
  cases.push_back({"Gpc", Evaluate(p.policy(), gpc)});
  // Consent Mode advanced: GA4 and Google Ads load cookieless before consent.
  static TestPolicy* const advanced = [] {
    auto* a = new TestPolicy;
    std::string json = kShopPolicy;
    const std::string from = "\"revision\": 3,";
    json.replace(json.find(from), from.size(),
                 "\"revision\": 3, \"consent\": {\"consent_mode\": \"advanced\"},");
    EXPECT_TRUE(CompileTestPolicy(json, a));
    return a;
  }();
  cases.push_back({"Advanced", Evaluate(advanced->policy(), facts)});
  cases.push_back({"FailClosed", FailClosed(facts)});
  cases.push_back({"Default", Decision{}});
  return cases;
}

TEST(EngineWireDecision, RoundTrips) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  OwnedFacts shop;
  const auto cases = DecisionCases(p, &shop);
  // The scenarios do exercise the fields.
  ASSERT_FALSE(cases[0].decision.delete_cookies.empty());
  ASSERT_FALSE(cases[1].decision.gtag.empty());
  ASSERT_TRUE(cases[4].decision.gpc_honoured);
  ASSERT_EQ(cases[0].decision.language, 1);
  ASSERT_EQ(cases[0].decision.banner_language, "fr");
  ASSERT_FALSE(cases[3].decision.state_changed);
  ASSERT_FALSE(cases[3].decision.state.empty());
  ASSERT_EQ(cases[5].decision.cookieless_services,
            (uint64_t{1} << testutil::kGoogleAnalytics) | (uint64_t{1} << testutil::kGoogleAds));
  ASSERT_EQ(cases[5].decision.elements[0].reason, ElementReason::kCookieless);
  for (const DecisionCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string bytes = EncodeDecision(c.decision);
    EXPECT_EQ(bytes.substr(0, 3), "WD\3");
    Decision back;
    ASSERT_TRUE(DecodeDecision(bytes, &back));
    ExpectSameDecision(back, c.decision);
    EXPECT_EQ(EncodeDecision(back), bytes);
  }
}

TEST(EngineWireDecision, EveryTruncationFails) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  OwnedFacts shop;
  for (const DecisionCase& c : DecisionCases(p, &shop)) {
    SCOPED_TRACE(c.name);
    const std::string bytes = EncodeDecision(c.decision);
    for (size_t n = 0; n < bytes.size(); ++n) {
      Decision out;
      EXPECT_FALSE(DecodeDecision(bytes.substr(0, n), &out)) << "length " << n;
    }
    Decision out;
    EXPECT_FALSE(DecodeDecision(bytes + '\0', &out));
  }
}

TEST(EngineWireDecision, FlagBits) {
  struct Case {
    const char* name;
    void (*set)(Decision*);
    uint8_t flag;
  };
  const Case cases[] = {
      {"PolicyOk", [](Decision* d) { d->policy_ok = true; }, 1},
      {"ShowBanner", [](Decision* d) { d->show_banner = true; }, 2},
      {"HubSpotDoNotTrack", [](Decision* d) { d->hubspot_do_not_track = true; }, 4},
      {"GpcHonoured", [](Decision* d) { d->gpc_honoured = true; }, 8},
      {"StateChanged", [](Decision* d) { d->state_changed = true; }, 16},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Decision d;
    d.show_banner = false;
    c.set(&d);
    EXPECT_EQ(static_cast<uint8_t>(EncodeDecision(d)[3]), c.flag);
  }
}

TEST(EngineWireDecision, MalformedFails) {
  const std::string good = EncodeDecision(Decision{});
  Decision out;
  ASSERT_TRUE(DecodeDecision(good, &out));
  auto with = [&](size_t at, char v) {
    std::string b = good;
    b[at] = v;
    return b;
  };
  EXPECT_FALSE(DecodeDecision("", &out));
  EXPECT_FALSE(DecodeDecision(with(1, 'F'), &out));                            // Magic.
  EXPECT_FALSE(DecodeDecision(with(2, '\1'), &out));                           // Version.
  EXPECT_FALSE(DecodeDecision(with(7, '\x7f'), &out));  // Banner language beyond the end.
  EXPECT_FALSE(DecodeDecision(with(4, static_cast<char>(kRegimeCount)), &out));  // Regime.
  EXPECT_FALSE(DecodeDecision(with(5, static_cast<char>(kBannerReasonCount)), &out));
  EXPECT_FALSE(DecodeDecision(with(good.size() - 1, static_cast<char>(kMethodCount)), &out));
}

TEST(EngineWireDecision, DecodedFactsDecideTheSame) {
  // The WASM path (facts as bytes) and the native path decide identically.
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  for (const FactsCase& c : FactsCases()) {
    SCOPED_TRACE(c.name);
    const Facts facts = c.facts.View();
    const std::string bytes = EncodeFacts(facts);
    Facts back;
    ASSERT_TRUE(DecodeFacts(bytes, &back));
    EXPECT_EQ(EncodeDecision(Evaluate(p.policy(), back)),
              EncodeDecision(Evaluate(p.policy(), facts)));
    Choice choice;
    choice.action = Action::kCustom;
    choice.granted = {"analytics"};
    const std::string choice_bytes = EncodeChoice(choice);
    Choice choice_back;
    ASSERT_TRUE(DecodeChoice(choice_bytes, &choice_back));
    EXPECT_EQ(EncodeDecision(Apply(p.policy(), back, choice_back)),
              EncodeDecision(Apply(p.policy(), facts, choice)));
  }
}

// ---------------------------------------------------------------------------

TEST(EngineWirePolicyInfo, NamesWhatTheLoaderNeeds) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kShopPolicy, &p));
  const std::string bytes = EncodePolicyInfo(p.policy());
  internal::WireReader r(bytes);
  std::string_view magic, site, cookie;
  uint8_t version = 0, regime = 0;
  uint64_t revision = 0, wait = 0, n = 0;
  ASSERT_TRUE(r.Raw(2, &magic) && r.U8(&version) && r.Str(&site) && r.Str(&cookie) &&
              r.Varint(&revision) && r.U8(&regime) && r.Varint(&wait));
  EXPECT_EQ(magic, "WI");
  EXPECT_EQ(version, kEngineWireVersion);
  EXPECT_EQ(site, "example-shop");
  EXPECT_EQ(cookie, "wafer_consent");
  EXPECT_EQ(revision, 3u);
  EXPECT_EQ(regime, static_cast<uint8_t>(Regime::kOptIn));
  EXPECT_EQ(wait, 500u);

  ASSERT_TRUE(r.Varint(&n));
  std::vector<std::string> languages;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view l;
    ASSERT_TRUE(r.Str(&l));
    languages.emplace_back(l);
  }
  EXPECT_EQ(languages, (std::vector<std::string>{"en", "fr", "de"}));
  ASSERT_TRUE(r.Varint(&n));
  std::vector<std::string_view> banner_languages;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view l;
    ASSERT_TRUE(r.Str(&l));
    banner_languages.push_back(l);
  }
  EXPECT_EQ(banner_languages, BannerLanguages());

  ASSERT_TRUE(r.Varint(&n));
  std::vector<std::string> categories;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view id;
    uint8_t flags = 0;
    ASSERT_TRUE(r.Str(&id) && r.U8(&flags));
    categories.push_back(std::string(id) + ":" + std::to_string(flags));
  }
  EXPECT_EQ(categories,
            (std::vector<std::string>{"necessary:1", "analytics:0", "marketing:2", "media:0"}));

  ASSERT_TRUE(r.Varint(&n));
  std::vector<std::string> services;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view id;
    uint8_t category = 0, flags = 0;
    ASSERT_TRUE(r.Str(&id) && r.U8(&category) && r.U8(&flags));
    services.push_back(std::string(id) + ":" + std::to_string(category) + ":" +
                       std::to_string(flags));
  }
  EXPECT_EQ(services, (std::vector<std::string>{"google-analytics:1:1", "google-ads:2:1",
                                                "hubspot:2:2", "youtube:3:0", "checkout:0:0"}));
  EXPECT_TRUE(r.AtEnd());
}

}  // namespace
}  // namespace wafer
