#include "wafer/engine.h"

#include "wafer/calendar.h"
#include "wafer/consent_state.h"
#include "wafer/cookie_header.h"

namespace wafer {
namespace {

// A stored consent state may be clock-skewed a little, never from the future.
constexpr int64_t kMaxClockSkew = 86400;
// At most this many path candidates for a cookie deletion.
constexpr size_t kMaxPathCandidates = 8;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view PrimarySubtag(std::string_view tag) { return tag.substr(0, tag.find('-')); }

// What was read from the consent cookie and its mirror, before judging it.
struct Stored {
  bool decoded = false;     // A well-formed state was found.
  bool corrupt = false;     // Something was stored but did not decode.
  bool from_mirror = false; // Only the localStorage mirror held it.
  ConsentState state;
};

Stored ReadStored(const CompiledPolicy& policy, const Facts& facts,
                  const std::vector<CookiePair>& cookies) {
  Stored s;
  for (const CookiePair& c : cookies) {
    if (c.name != policy.cookie_name) continue;
    if (DecodeConsentState(c.value, policy.site_key, &s.state)) {
      s.decoded = true;
      s.corrupt = false;
      return s;
    }
    s.corrupt = true;
  }
  if (!facts.stored_mirror.empty()) {
    if (DecodeConsentState(facts.stored_mirror, policy.site_key, &s.state)) {
      s.decoded = true;
      s.from_mirror = true;
      s.corrupt = false;
      return s;
    }
    s.corrupt = true;
  }
  return s;
}

// True if no category other than the necessary ones is granted.
bool IsRefusal(const CompiledPolicy& policy, const ConsentState& state) {
  for (const auto& c : policy.categories) {
    if (c.necessary()) continue;
    const CategoryChoice* choice = state.Find(c.id_hash);
    if (choice != nullptr && choice->granted) return false;
  }
  return true;
}

int64_t StateExpiry(const CompiledPolicy& policy, const ConsentState& state) {
  const int months = IsRefusal(policy, state) ? policy.refusal_months : policy.consent_months;
  return AddMonths(state.given_at, months);
}

// Judges a decoded state: kNone if it applies now, else why it does not.
BannerReason Judge(const CompiledPolicy& policy, const Facts& facts, Regime regime,
                   const Stored& stored, int64_t* expiry) {
  if (!stored.decoded) return stored.corrupt ? BannerReason::kStateInvalid : BannerReason::kFirstVisit;
  const ConsentState& s = stored.state;
  if (s.given_at > facts.now + kMaxClockSkew) return BannerReason::kStateInvalid;
  if (s.revision != policy.revision) return BannerReason::kRevisionChanged;
  if (regime == Regime::kOptIn && s.regime != Regime::kOptIn) return BannerReason::kRegimeChanged;
  *expiry = StateExpiry(policy, s);
  if (facts.now >= *expiry) {
    return IsRefusal(policy, s) ? BannerReason::kRefusalLapsed : BannerReason::kConsentLapsed;
  }
  if (regime == Regime::kOptIn && s.method == Method::kNone) return BannerReason::kFirstVisit;
  return BannerReason::kNone;
}

int PickLanguage(const CompiledPolicy& policy, const std::vector<std::string_view>& wanted) {
  for (std::string_view w : wanted) {
    for (size_t i = 0; i < policy.languages.size(); ++i) {
      if (EqualsIgnoreCase(policy.languages[i], w)) return static_cast<int>(i);
    }
    for (size_t i = 0; i < policy.languages.size(); ++i) {
      if (EqualsIgnoreCase(PrimarySubtag(policy.languages[i]), PrimarySubtag(w))) {
        return static_cast<int>(i);
      }
    }
  }
  return 0;
}

uint32_t NecessaryMask(const CompiledPolicy& policy) {
  uint32_t mask = 0;
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    if (policy.categories[i].necessary()) mask |= 1u << i;
  }
  return mask;
}

uint32_t DefaultMask(const CompiledPolicy& policy, Regime regime) {
  uint32_t mask = NecessaryMask(policy);
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    if (policy.categories[i].DefaultOn(regime)) mask |= 1u << i;
  }
  return mask;
}

uint32_t SaleOrShareMask(const CompiledPolicy& policy) {
  uint32_t mask = 0;
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    if (policy.categories[i].sale_or_share() && !policy.categories[i].necessary()) mask |= 1u << i;
  }
  return mask;
}

// The categories a usable state grants. A category the state does not know
// (added without a revision bump) gets the regime's default, never more.
uint32_t GrantedMask(const CompiledPolicy& policy, Regime regime, const ConsentState& state) {
  uint32_t mask = NecessaryMask(policy);
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    const CategoryChoice* choice = state.Find(policy.categories[i].id_hash);
    const bool on = choice != nullptr ? choice->granted : policy.categories[i].DefaultOn(regime);
    if (on) mask |= 1u << i;
  }
  return mask;
}

// Rebuilds `state`'s category list to match the policy and `granted`, keeping
// the first-placement times of categories that stay granted.
void SetChoices(const CompiledPolicy& policy, uint32_t granted, const ConsentState* previous,
                ConsentState* state) {
  std::vector<CategoryChoice> choices;
  choices.reserve(policy.categories.size());
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    CategoryChoice c;
    c.id_hash = policy.categories[i].id_hash;
    c.granted = (granted >> i) & 1u;
    if (c.granted && previous != nullptr) {
      if (const CategoryChoice* old = previous->Find(c.id_hash)) c.first_placed = old->first_placed;
    }
    choices.push_back(c);
  }
  state->categories = std::move(choices);
}

uint64_t ServicesOf(const CompiledPolicy& policy, uint32_t categories) {
  uint64_t mask = 0;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    if ((categories >> policy.services[i].category) & 1u) mask |= uint64_t{1} << i;
  }
  return mask;
}

// Granted bits of a mapping (Consent Mode or HubSpot): a bit is granted when
// something declares it and everything declaring it is allowed.
template <typename Get>
uint8_t MappedBits(const CompiledPolicy& policy, uint32_t allowed, int bits, Get get) {
  uint8_t granted = 0;
  for (int b = 0; b < bits; ++b) {
    const uint8_t bit = static_cast<uint8_t>(1u << b);
    bool declared = false, all_allowed = true;
    for (size_t i = 0; i < policy.categories.size(); ++i) {
      if (get(policy.categories[i]) & bit) {
        declared = true;
        all_allowed &= ((allowed >> i) & 1u) != 0;
      }
    }
    for (const auto& s : policy.services) {
      if (get(s) & bit) {
        declared = true;
        all_allowed &= ((allowed >> s.category) & 1u) != 0;
      }
    }
    if (declared && all_allowed) granted |= bit;
  }
  return granted;
}

int MatchUrl(const CompiledPolicy& policy, std::string_view url) {
  if (url.empty()) return -1;
  const UrlParts parts = SplitUrl(url);
  if (parts.host.empty()) return -1;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    for (const UrlRule& rule : policy.services[i].url_rules) {
      if (UrlRuleMatches(rule, parts)) return static_cast<int>(i);
    }
  }
  return -1;
}

ElementVerdict JudgeElement(const CompiledPolicy& policy, uint32_t allowed, const HeldElement& e) {
  ElementVerdict v;
  const int by_url = MatchUrl(policy, e.url);
  int category = -1;
  if (!e.service.empty()) {
    v.service = policy.FindService(e.service);
    if (v.service < 0) {
      v.reason = ElementReason::kUnknownMarking;
      return v;
    }
    category = policy.services[v.service].category;
  } else if (!e.category.empty()) {
    category = policy.FindCategory(e.category);
    if (category < 0) {
      v.reason = ElementReason::kUnknownMarking;
      return v;
    }
    v.service = by_url;
  } else {
    v.service = by_url;
    if (by_url < 0) {
      v.reason = ElementReason::kUnmatched;
      return v;
    }
    category = policy.services[by_url].category;
  }
  v.category = category;
  // A marking never loosens what the URL says: both categories must be allowed.
  const int url_category = by_url >= 0 ? policy.services[by_url].category : category;
  v.release = ((allowed >> category) & 1u) && ((allowed >> url_category) & 1u);
  v.reason = v.release ? ElementReason::kAllowed : ElementReason::kRefused;
  return v;
}

// The categories whose first-party cookie patterns match `name`.
uint32_t CookieCategories(const CompiledPolicy& policy, std::string_view name) {
  uint32_t mask = 0;
  for (const auto& s : policy.services) {
    for (std::string_view p : s.cookie_patterns) {
      if (p.empty() || (p[0] != '*' && (name.empty() || p[0] != name[0]))) continue;
      if (GlobMatches(p, name)) {
        mask |= 1u << s.category;
        break;
      }
    }
  }
  return mask;
}

void AddDeletionCandidates(const CompiledPolicy& policy, const Facts& facts, Decision* d) {
  std::string_view host = facts.host;
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  d->delete_domains.push_back("");  // Host-only cookie: no Domain attribute.
  if (!host.empty()) {
    // The host and each parent down to a registrable domain of the site.
    size_t registrable = 0;
    for (std::string_view domain : policy.domains) {
      const bool under = EqualsIgnoreCase(host, domain) ||
                         (host.size() > domain.size() &&
                          host[host.size() - domain.size() - 1] == '.' &&
                          EqualsIgnoreCase(host.substr(host.size() - domain.size()), domain));
      if (under && domain.size() > registrable) registrable = domain.size();
    }
    d->delete_domains.push_back(host);
    while (registrable != 0 && host.size() > registrable) {
      host.remove_prefix(host.find('.') + 1);
      d->delete_domains.push_back(host);
    }
  }
  d->delete_paths.push_back("/");
  const std::string_view path = facts.path;
  for (size_t i = 1; i < path.size() && d->delete_paths.size() < kMaxPathCandidates; ++i) {
    if (path[i] == '/') d->delete_paths.push_back(path.substr(0, i));
  }
  if (path.size() > 1 && path.back() != '/' && d->delete_paths.size() < kMaxPathCandidates) {
    d->delete_paths.push_back(path);
  }
}

// The decision given the cookies present and the stored state as read (or as
// Apply() made it).
Decision Decide(const CompiledPolicy& policy, const Facts& facts,
                const std::vector<CookiePair>& cookies, const Stored& stored) {
  Decision d;
  d.policy_ok = true;
  d.regime = policy.RegimeFor(facts.region);
  d.language = PickLanguage(policy, facts.languages);

  int64_t judged_expiry = 0;
  const BannerReason judged = Judge(policy, facts, d.regime, stored, &judged_expiry);
  const bool usable = judged == BannerReason::kNone;

  uint32_t allowed = usable ? GrantedMask(policy, d.regime, stored.state)
                            : DefaultMask(policy, d.regime);
  if (d.regime == Regime::kOptIn && !usable) allowed = NecessaryMask(policy);
  // An opt-out is never silently reversed: outside opt-in, what an earlier
  // explicit choice refused stays refused, even once it lapsed or the policy
  // changed, until the visitor chooses again.
  if (d.regime != Regime::kOptIn && !usable && stored.decoded &&
      stored.state.method != Method::kNone) {
    for (size_t i = 0; i < policy.categories.size(); ++i) {
      const CategoryChoice* c = stored.state.Find(policy.categories[i].id_hash);
      if (c != nullptr && !c->granted && !policy.categories[i].necessary()) allowed &= ~(1u << i);
    }
  }
  const uint32_t sale_or_share = SaleOrShareMask(policy);
  d.gpc_honoured = facts.gpc && d.regime != Regime::kOptIn;
  const bool gpc_changes_state = d.gpc_honoured && (allowed & sale_or_share) != 0;
  if (d.gpc_honoured) allowed &= ~sale_or_share;

  // The state to keep: the usable one, or a new record of the GPC opt-out.
  ConsentState state;
  bool have_state = usable;
  if (usable) {
    state = stored.state;
    d.state_changed = stored.from_mirror;  // Restore the cookie from the mirror.
  }
  if (gpc_changes_state) {
    if (stored.decoded) state.consent_id = stored.state.consent_id;
    else state.consent_id = facts.fresh_id;
    state.given_at = facts.now;
    state.revision = policy.revision;
    state.regime = d.regime;
    state.method = Method::kGpc;
    SetChoices(policy, allowed, stored.decoded ? &stored.state : nullptr, &state);
    have_state = true;
    d.state_changed = true;
  }
  if (!stored.decoded && stored.corrupt) d.state_changed = true;  // Clear the bad value.

  if (d.regime == Regime::kOptIn) {
    d.show_banner = !usable;
    d.reason = judged;
  } else if (usable && state.method != Method::kNone && !gpc_changes_state) {
    d.show_banner = false;
    d.reason = BannerReason::kNone;
  } else {
    d.show_banner = true;
    const bool choice_made = stored.decoded && stored.state.method != Method::kNone;
    d.reason = usable || !choice_made ? BannerReason::kNotice : judged;
  }

  // Cookies: delete what is present and not allowed; enforce the cookie cap;
  // record when each allowed category's cookies were first seen.
  // The categories each cookie belongs to, worked out once.
  std::vector<uint32_t> cookie_categories(cookies.size());
  uint32_t present = 0;
  for (size_t i = 0; i < cookies.size(); ++i) {
    if (cookies[i].name.empty() || cookies[i].name == policy.cookie_name) continue;
    cookie_categories[i] = CookieCategories(policy, cookies[i].name);
    present |= cookie_categories[i];
  }
  const ConsentState* previous = stored.decoded ? &stored.state : nullptr;
  uint32_t expired = 0;
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    const uint32_t bit = 1u << i;
    if (!(allowed & bit) || policy.categories[i].necessary()) continue;
    const uint32_t hash = policy.categories[i].id_hash;
    CategoryChoice* choice = have_state ? state.Find(hash) : nullptr;
    if (choice == nullptr && (present & bit)) {
      if (!have_state) {
        // Trackers run by the regime's default: keep a record of their age,
        // carrying over placements an unusable earlier state had seen.
        state.consent_id = previous != nullptr ? previous->consent_id : facts.fresh_id;
        state.given_at = facts.now;
        state.revision = policy.revision;
        state.regime = d.regime;
        state.method = Method::kNone;
        SetChoices(policy, allowed, previous, &state);
        have_state = true;
      }
      choice = state.Find(hash);
      if (choice == nullptr) {  // Allowed by default, unknown to the stored state.
        state.categories.push_back(CategoryChoice{hash, true, 0});
        choice = &state.categories.back();
      }
      d.state_changed = true;
    }
    if (choice == nullptr) continue;
    if (choice->first_placed != 0 &&
        facts.now >= AddMonths(choice->first_placed, policy.cookie_cap_months)) {
      expired |= bit;
      choice->first_placed = 0;
      d.state_changed = true;
    } else if ((present & bit) && choice->first_placed == 0) {
      choice->first_placed = facts.now;
      d.state_changed = true;
    }
  }
  for (size_t i = 0; i < cookies.size(); ++i) {
    const uint32_t categories = cookie_categories[i];
    if (!(categories & ~allowed) && !(categories & expired)) continue;
    bool listed = false;
    for (std::string_view n : d.delete_cookies) listed |= n == cookies[i].name;
    if (!listed) d.delete_cookies.push_back(cookies[i].name);
  }
  if (!d.delete_cookies.empty()) AddDeletionCandidates(policy, facts, &d);

  d.allowed_categories = allowed;
  d.allowed_services = ServicesOf(policy, allowed);
  d.consent_mode = MappedBits(policy, allowed, kConsentModeTypeCount,
                              [](const auto& x) { return x.consent_mode; });
  d.hubspot = MappedBits(policy, allowed, 3, [](const auto& x) { return x.hubspot; });
  for (size_t i = 0; i < policy.services.size(); ++i) {
    const auto& s = policy.services[i];
    const bool on = d.ServiceAllowed(static_cast<int>(i));
    if ((s.flags & kServiceHubSpotTracking) && !on) d.hubspot_do_not_track = true;
    if ((s.flags & kServiceGtag) && on) {
      const CategoryChoice* choice =
          have_state ? state.Find(policy.categories[s.category].id_hash) : nullptr;
      const int64_t placed =
          choice != nullptr && choice->first_placed != 0 ? choice->first_placed : facts.now;
      const int64_t left = AddMonths(placed, policy.cookie_cap_months) - facts.now;
      d.gtag.push_back({static_cast<int>(i), left > 0 ? left : 1});
    }
  }

  d.elements.reserve(facts.elements.size());
  for (const auto& e : facts.elements) d.elements.push_back(JudgeElement(policy, allowed, e));

  if (have_state) {
    d.consent.present = true;
    d.consent.consent_id = state.consent_id;
    d.consent.given_at = state.given_at;
    d.consent.expires_at = usable && !d.state_changed && !gpc_changes_state
                               ? judged_expiry
                               : StateExpiry(policy, state);
    d.consent.method = state.method;
    if (d.state_changed) d.state = EncodeConsentState(state, policy.site_key);
  }
  return d;
}

}  // namespace

Decision FailClosed(const Facts& facts) {
  Decision d;
  d.elements.resize(facts.elements.size());
  for (auto& v : d.elements) v.reason = ElementReason::kPolicyInvalid;
  return d;
}

Decision Evaluate(const CompiledPolicy& policy, const Facts& facts) {
  const std::vector<CookiePair> cookies = ParseCookieHeader(facts.cookies);
  return Decide(policy, facts, cookies, ReadStored(policy, facts, cookies));
}

Decision Apply(const CompiledPolicy& policy, const Facts& facts, const Choice& choice) {
  const std::vector<CookiePair> cookies = ParseCookieHeader(facts.cookies);
  const Stored before = ReadStored(policy, facts, cookies);
  const Regime regime = policy.RegimeFor(facts.region);
  const uint32_t all = policy.categories.size() >= 32
                           ? ~0u
                           : (1u << policy.categories.size()) - 1;
  const uint32_t necessary = NecessaryMask(policy);

  uint32_t granted = necessary;
  Method method = Method::kRejectAll;
  switch (choice.action) {
    case Action::kAcceptAll:
      granted = all;
      method = Method::kAcceptAll;
      break;
    case Action::kRejectAll:
      method = Method::kRejectAll;
      break;
    case Action::kCustom:
      for (std::string_view id : choice.granted) {
        const int i = policy.FindCategory(id);
        if (i >= 0) granted |= 1u << i;
      }
      method = Method::kCustom;
      break;
    case Action::kWithdraw:
      method = Method::kWithdraw;
      break;
    case Action::kClose:
      if (regime != Regime::kOptIn) granted = DefaultMask(policy, regime);
      method = Method::kClosed;
      break;
    case Action::kOptOut: {
      const Decision now = Evaluate(policy, facts);
      granted = (now.policy_ok ? now.allowed_categories : necessary) & ~SaleOrShareMask(policy);
      method = Method::kOptOut;
      break;
    }
  }

  // A choice made while GPC is honoured cannot opt back into sale/sharing.
  if (facts.gpc && regime != Regime::kOptIn) granted &= ~SaleOrShareMask(policy);

  Stored after;
  after.decoded = true;
  ConsentState& s = after.state;
  s.consent_id = before.decoded ? before.state.consent_id : facts.fresh_id;
  s.given_at = facts.now;
  s.revision = policy.revision;
  s.regime = regime;
  s.method = method;
  SetChoices(policy, granted | necessary, before.decoded ? &before.state : nullptr, &s);

  Decision d = Decide(policy, facts, cookies, after);
  d.state_changed = true;
  if (d.state.empty()) d.state = EncodeConsentState(s, policy.site_key);
  return d;
}

int64_t ConsentExpiresAt(const CompiledPolicy& policy, const ConsentState& state) {
  return StateExpiry(policy, state);
}

}  // namespace wafer
