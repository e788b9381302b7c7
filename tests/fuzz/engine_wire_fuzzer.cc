// engine_wire_fuzzer.cc — the WASM engine's inputs and outputs (engine_wire.h).
//
// In the browser, wafer_evaluate() receives bytes from JavaScript that any
// script on the page could have shaped, and the compiled policy arrives over
// the network. Every input is tried as each of:
//   - facts: DecodeFacts(), then Evaluate() and one Apply() against a fixed
//     compiled demo policy; the decision is checked against engine.h's
//     promises and must survive EncodeDecision()/DecodeDecision(); the state
//     Apply() writes must decode and, read back, give the same decision;
//   - a choice: DecodeChoice(), then Apply() on sample facts;
//   - a compiled policy: CompiledPolicy::Parse() as is, and again with the
//     integrity tag recomputed (so mutations get past the tag and reach the
//     parser and the engine), then Evaluate()/Apply() on sample facts;
//   - a decision: DecodeDecision(), re-encoded twice to the same bytes.
//
//   clang++-14: scripts/fuzz.sh engine_wire 60
//   g++ (replay): ctest -R fuzz_replay_engine_wire

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "internal/hash.h"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/consent_state.h"
#include "wafer/cookie_header.h"
#include "wafer/engine.h"
#include "wafer/engine_wire.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

#define WAFER_FUZZ_CHECK(cond)                                                         \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

namespace {

// The demo policy: three regimes, a sale-or-share category, catalogue
// services and one of the site's own.
constexpr char kDemoPolicy[] = R"json({
  "site": {"id": "fuzz-demo", "domains": ["example.fr", "shop.example.co.uk"],
           "policy_url": "https://www.example.fr/cookies"},
  "revision": 3,
  "languages": ["en", "fr"],
  "consent": {"cookie_name": "wafer_consent", "lifetime_months": 13,
              "refusal_lifetime_months": 6, "cookie_cap_months": 13,
              "wait_for_update_ms": 500},
  "regimes": {"default": "opt-in",
              "regions": {"US": "notice", "US-CA": "opt-out", "BR": "notice"}},
  "categories": [
    {"id": "necessary", "necessary": true, "label": {"en": "Necessary", "fr": "Nécessaires"}},
    {"id": "functional", "label": {"en": "Functional"},
     "consent_mode": ["functionality_storage", "personalization_storage"],
     "hubspot": ["functionality"]},
    {"id": "analytics", "label": {"en": "Analytics"}, "consent_mode": ["analytics_storage"],
     "hubspot": ["analytics"]},
    {"id": "marketing", "label": {"en": "Marketing"},
     "consent_mode": ["ad_storage", "ad_user_data", "ad_personalization"],
     "hubspot": ["advertisement"], "sale_or_share": true, "defaults": {"notice": false}}
  ],
  "services": [
    {"id": "google-analytics"}, {"id": "google-tag-manager"}, {"id": "google-ads"},
    {"id": "hubspot"}, {"id": "hubspot-forms"}, {"id": "hubspot-chat"}, {"id": "youtube"},
    {"id": "facebook-pixel"}, {"id": "linkedin-insight"}, {"id": "x-widgets"},
    {"id": "own-widget", "name": "Own widget", "category": "functional",
     "urls": ["cdn.example.fr/widget/*"],
     "cookies": [{"name": "ow_*", "lifetime": "30 days"}]}
  ]
})json";

struct Fixture {
  std::string policy_bytes;  // Owns what `policy` points into.
  wafer::CompiledPolicy policy;
  std::string cookies;       // Sample cookies, with a valid accept-all state.
  wafer::Facts facts;        // Sample facts (views into `cookies`).
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture();
    absl::StatusOr<wafer::Policy> parsed = wafer::ParsePolicy(kDemoPolicy);
    if (!parsed.ok()) {
      std::fprintf(stderr, "engine_wire_fuzzer: demo policy: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    const wafer::PublicSuffixList psl = wafer::PublicSuffixList::Parse("fr\nuk\nco.uk\ncom\n");
    absl::StatusOr<std::string> bytes = wafer::CompilePolicy(*parsed, psl);
    if (!bytes.ok() || !wafer::CompiledPolicy::Parse(*bytes, &f->policy)) {
      std::fprintf(stderr, "engine_wire_fuzzer: demo policy does not compile\n");
      std::abort();
    }
    f->policy_bytes = *std::move(bytes);
    WAFER_FUZZ_CHECK(wafer::CompiledPolicy::Parse(f->policy_bytes, &f->policy));

    wafer::Facts base;
    base.now = 1767225600;  // 2026-01-01T00:00:00Z
    base.region = "FR";
    base.languages = {"fr-FR", "en"};
    base.host = "www.example.fr";
    base.path = "/blog/2026/post.html";
    for (int i = 0; i < wafer::kConsentIdSize; ++i) base.fresh_id[i] = static_cast<uint8_t>(i);
    const wafer::Decision accepted =
        wafer::Apply(f->policy, base, wafer::Choice{wafer::Action::kAcceptAll, {}});
    f->cookies = "_ga=GA1.1.1; _gid=GA1.1.2; hubspotutk=abc; __hstc=1.2; _fbp=fb.1.2; ow_id=7; " +
                 std::string(f->policy.cookie_name) + "=" + accepted.state + "; y";
    f->facts = base;
    f->facts.cookies = f->cookies;
    f->facts.elements = {
        {wafer::ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-1", "", ""},
        {wafer::ElementKind::kScript, "https://js.hs-scripts.com/123.js", "", ""},
        {wafer::ElementKind::kIframe, "https://www.youtube.com/embed/x", "", ""},
        {wafer::ElementKind::kScript, "https://connect.facebook.net/en_US/fbevents.js", "", ""},
        {wafer::ElementKind::kScript, "", "analytics", ""},
        {wafer::ElementKind::kScript, "", "", "hubspot-chat"},
        {wafer::ElementKind::kScript, "https://cdn.example.fr/widget/w.js", "marketing", ""},
        {wafer::ElementKind::kImage, "//unknown.example.net/pixel.gif", "", ""},
    };
    return f;
  }();
  return *fixture;
}

bool IsViewInto(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

wafer::Method MethodFor(wafer::Action a) {
  switch (a) {
    case wafer::Action::kAcceptAll: return wafer::Method::kAcceptAll;
    case wafer::Action::kRejectAll: return wafer::Method::kRejectAll;
    case wafer::Action::kCustom: return wafer::Method::kCustom;
    case wafer::Action::kWithdraw: return wafer::Method::kWithdraw;
    case wafer::Action::kClose: return wafer::Method::kClosed;
    case wafer::Action::kOptOut: return wafer::Method::kOptOut;
    case wafer::Action::kAllow: return wafer::Method::kAllow;  // Or kCustom after an answer.
    case wafer::Action::kAllowOnce: return wafer::Method::kOnce;
  }
  return wafer::Method::kNone;
}

// Checks what engine.h and docs/engine.md promise of any decision, and that
// the decision survives the wire.
void CheckDecision(const wafer::CompiledPolicy& policy, const wafer::Facts& facts,
                   const wafer::Decision& d) {
  WAFER_FUZZ_CHECK(d.policy_ok);
  WAFER_FUZZ_CHECK(d.elements.size() == facts.elements.size());
  const size_t nc = policy.categories.size(), ns = policy.services.size();
  WAFER_FUZZ_CHECK(nc >= 32 || (d.allowed_categories >> nc) == 0);
  WAFER_FUZZ_CHECK(ns >= 64 || (d.allowed_services >> ns) == 0);
  for (size_t i = 0; i < nc; ++i) {
    if (policy.categories[i].necessary()) WAFER_FUZZ_CHECK(d.CategoryAllowed(static_cast<int>(i)));
  }
  // A service runs by its own choice, else its category's: only a service
  // with a choice of its own (or granted for this page) may differ from it,
  // and a necessary category's services always run.
  wafer::ConsentState stored;
  bool have_stored = false;
  for (const auto& c : wafer::ParseCookieHeader(facts.cookies)) {
    if (c.name == policy.cookie_name && wafer::DecodeConsentState(c.value, policy.site_key, &stored)) {
      have_stored = true;
      break;
    }
  }
  if (!have_stored) {
    have_stored = wafer::DecodeConsentState(facts.stored_mirror, policy.site_key, &stored);
  }
  const bool no_exceptions = (!have_stored || stored.services.empty()) && facts.page_services.empty();
  for (size_t i = 0; i < ns; ++i) {
    const int c = policy.services[i].category;
    if (policy.categories[c].necessary()) WAFER_FUZZ_CHECK(d.ServiceAllowed(static_cast<int>(i)));
    // (A decision carrying a state may come from Apply(): its choice may
    // have given services choices of their own.)
    if (no_exceptions && d.state.empty()) {
      WAFER_FUZZ_CHECK(d.ServiceAllowed(static_cast<int>(i)) == d.CategoryAllowed(c));
    }
  }
  // Consent Mode advanced: only gtag.js services that may not run load
  // cookieless, and never under basic.
  WAFER_FUZZ_CHECK((d.cookieless_services & d.allowed_services) == 0);
  WAFER_FUZZ_CHECK(ns >= 64 || (d.cookieless_services >> ns) == 0);
  for (size_t i = 0; i < ns; ++i) {
    if (!d.ServiceCookieless(static_cast<int>(i))) continue;
    WAFER_FUZZ_CHECK(policy.consent_mode == wafer::ConsentModeKind::kAdvanced);
    WAFER_FUZZ_CHECK(policy.services[i].flags & wafer::kServiceGtag);
  }
  for (const wafer::ElementVerdict& e : d.elements) {
    WAFER_FUZZ_CHECK(e.release == (e.reason == wafer::ElementReason::kAllowed ||
                                   e.reason == wafer::ElementReason::kCookieless));
    WAFER_FUZZ_CHECK(e.service >= -1 && e.service < static_cast<int>(ns));
    WAFER_FUZZ_CHECK(e.category >= -1 && e.category < static_cast<int>(nc));
    if (e.reason == wafer::ElementReason::kCookieless) {
      // Loaded with its types denied: its service does not run.
      WAFER_FUZZ_CHECK(e.service >= 0 && d.ServiceCookieless(e.service));
      continue;
    }
    if (e.release) {
      WAFER_FUZZ_CHECK(e.category >= 0);
      // Released: its service may run (or, with none, its category's switch is on).
      WAFER_FUZZ_CHECK(e.service >= 0 ? d.ServiceAllowed(e.service) : d.CategoryAllowed(e.category));
    }
  }
  // Names to delete: cookies present (views into facts.cookies), or, after a
  // choice, the declared names of a refused service with declared cookie
  // paths (views into the policy, engine.h), deleted where the page cannot
  // see them; paths: at most 8 from the page, plus declared ones.
  std::set<std::string_view> seen;
  size_t declared_paths = 0;
  for (size_t i = 0; i < ns; ++i) declared_paths += policy.services[i].cookie_paths.size();
  for (std::string_view name : d.delete_cookies) {
    bool declared = false;
    for (size_t i = 0; i < ns && !declared; ++i) {
      const auto& s = policy.services[i];
      if (s.cookie_paths.empty() || d.ServiceAllowed(static_cast<int>(i))) continue;
      for (std::string_view p : s.cookie_patterns) declared |= p.data() == name.data() && p == name;
    }
    WAFER_FUZZ_CHECK(IsViewInto(name, facts.cookies) || declared);
    WAFER_FUZZ_CHECK(seen.insert(name).second);
  }
  WAFER_FUZZ_CHECK(d.delete_paths.size() <= 8 + std::min<size_t>(declared_paths, 32));
  for (const wafer::GtagExpiry& g : d.gtag) {
    WAFER_FUZZ_CHECK(g.service >= 0 && g.service < static_cast<int>(ns));
    WAFER_FUZZ_CHECK(d.ServiceAllowed(g.service));
  }
  if (!d.state.empty()) {
    wafer::ConsentState state;
    WAFER_FUZZ_CHECK(wafer::DecodeConsentState(d.state, policy.site_key, &state));
  }
  if (!d.banner_language.empty()) {
    WAFER_FUZZ_CHECK(wafer::LanguageLookup(policy.banner_languages, d.banner_language) >= 0);
  }
  WAFER_FUZZ_CHECK(d.language >= 0 && static_cast<size_t>(d.language) < policy.languages.size());

  const std::string wire = wafer::EncodeDecision(d);
  wafer::Decision back;
  WAFER_FUZZ_CHECK(wafer::DecodeDecision(wire, &back));
  WAFER_FUZZ_CHECK(wafer::EncodeDecision(back) == wire);
}

// Applies one choice, checks the result, then reads the state it wrote back
// through Evaluate(): the visitor who just chose sees no banner (unless the
// choice only allowed services from a placeholder) and the same categories
// and services. A one-time load stores nothing and records a state.
void CheckApply(const wafer::CompiledPolicy& policy, const wafer::Facts& facts,
                const wafer::Choice& choice) {
  const wafer::Decision d = wafer::Apply(policy, facts, choice);
  CheckDecision(policy, facts, d);
  wafer::ConsentState state;
  WAFER_FUZZ_CHECK(wafer::DecodeConsentState(d.state, policy.site_key, &state));
  if (choice.action == wafer::Action::kAllowOnce) {
    WAFER_FUZZ_CHECK(!d.state_changed);
    WAFER_FUZZ_CHECK(state.method == wafer::Method::kOnce && d.consent.method == wafer::Method::kOnce);
    return;
  }
  WAFER_FUZZ_CHECK(d.state_changed);
  const bool answered = state.method != wafer::Method::kAllow;
  WAFER_FUZZ_CHECK(!answered || !d.show_banner);
  WAFER_FUZZ_CHECK(state.method == MethodFor(choice.action) ||
                   (choice.action == wafer::Action::kAllow && state.method == wafer::Method::kCustom));
  WAFER_FUZZ_CHECK(state.given_at == facts.now);
  WAFER_FUZZ_CHECK(state.revision == policy.revision);

  // Read it back, as the loader would after writing the cookie. Only a policy
  // whose cookie name survives a Cookie header can be read back (the compiler
  // only writes RFC 6265 tokens; a fuzzed policy may hold "w;fer_consent").
  const std::string cookies = std::string(policy.cookie_name) + "=" + d.state;
  const std::vector<wafer::CookiePair> pairs = wafer::ParseCookieHeader(cookies);
  if (pairs.size() != 1 || pairs[0].name != policy.cookie_name || pairs[0].value != d.state) {
    return;
  }
  wafer::Facts next = facts;
  next.cookies = cookies;
  next.stored_mirror = {};
  next.page_services.clear();
  wafer::Facts same = next;
  same.page_services = facts.page_services;
  const wafer::Decision again = wafer::Evaluate(policy, same);
  CheckDecision(policy, same, again);
  WAFER_FUZZ_CHECK(!answered || !again.show_banner);
  WAFER_FUZZ_CHECK(again.allowed_categories == d.allowed_categories);
  WAFER_FUZZ_CHECK(again.allowed_services == d.allowed_services);
}

wafer::Choice ChoiceFrom(const wafer::CompiledPolicy& policy, uint32_t seed) {
  wafer::Choice c;
  c.action = static_cast<wafer::Action>(seed % wafer::kActionCount);
  if (c.action == wafer::Action::kCustom) {
    for (size_t i = 0; i < policy.categories.size(); ++i) {
      if ((seed >> (3 + i % 24)) & 1) c.granted.push_back(policy.categories[i].id);
    }
    c.granted.push_back("no-such-category");
  }
  // Services with a choice of their own (custom, allow, allow once).
  for (size_t i = 0; i < policy.services.size(); ++i) {
    const uint32_t bits = (seed >> (i % 29)) & 3;
    if (bits != 0) c.services.push_back({policy.services[i].id, bits == 1});
  }
  if (seed & 1) c.services.push_back({"no-such-service", true});
  return c;
}

uint32_t Hash32(std::string_view bytes) {
  uint32_t h = 2166136261u;
  for (char c : bytes) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  return h;
}

void FactsPass(std::string_view bytes) {
  wafer::Facts facts;
  if (!wafer::DecodeFacts(bytes, &facts)) return;
  const std::string wire = wafer::EncodeFacts(facts);
  wafer::Facts back;
  WAFER_FUZZ_CHECK(wafer::DecodeFacts(wire, &back));
  WAFER_FUZZ_CHECK(wafer::EncodeFacts(back) == wire);

  const Fixture& f = GetFixture();
  CheckDecision(f.policy, facts, wafer::Evaluate(f.policy, facts));
  CheckApply(f.policy, facts, ChoiceFrom(f.policy, Hash32(bytes)));
  WAFER_FUZZ_CHECK(wafer::FailClosed(facts).elements.size() == facts.elements.size());
}

void ChoicePass(std::string_view bytes) {
  wafer::Choice choice;
  if (!wafer::DecodeChoice(bytes, &choice)) return;
  WAFER_FUZZ_CHECK(wafer::EncodeChoice(choice).size() <= bytes.size());
  const Fixture& f = GetFixture();
  CheckApply(f.policy, f.facts, choice);
}

void PolicyPass(std::string_view bytes) {
  const Fixture& f = GetFixture();
  constexpr size_t kTag = 8, kKeyAt = 4;
  wafer::CompiledPolicy policy;
  if (wafer::CompiledPolicy::Parse(bytes, &policy)) {
    CheckDecision(policy, f.facts, wafer::Evaluate(policy, f.facts));
  }
  // Re-seal: replace the last 8 bytes with the right tag under the key inside.
  if (bytes.size() < kKeyAt + wafer::kSiteKeySize + kTag || bytes.substr(0, 3) != "WFP") return;
  std::string sealed(bytes.substr(0, bytes.size() - kTag));
  const uint64_t tag =
      wafer::internal::SipHash24(reinterpret_cast<const uint8_t*>(sealed.data() + kKeyAt), sealed);
  unsigned char raw[kTag];
  wafer::internal::StoreLe64(tag, raw);
  sealed.append(reinterpret_cast<const char*>(raw), kTag);
  if (!wafer::CompiledPolicy::Parse(sealed, &policy)) return;
  (void)wafer::EncodePolicyInfo(policy);
  (void)policy.RegimeFor(f.facts.region);
  CheckDecision(policy, f.facts, wafer::Evaluate(policy, f.facts));
  CheckApply(policy, f.facts, ChoiceFrom(policy, Hash32(bytes)));
}

void DecisionPass(std::string_view bytes) {
  wafer::Decision d;
  if (!wafer::DecodeDecision(bytes, &d)) return;
  const std::string once = wafer::EncodeDecision(d);
  wafer::Decision back;
  WAFER_FUZZ_CHECK(wafer::DecodeDecision(once, &back));
  WAFER_FUZZ_CHECK(wafer::EncodeDecision(back) == once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  FactsPass(bytes);
  ChoicePass(bytes);
  PolicyPass(bytes);
  DecisionPass(bytes);
  return 0;
}
