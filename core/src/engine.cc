#include "wafer/engine.h"

#include "wafer/calendar.h"
#include "wafer/consent_state.h"
#include "wafer/cookie_header.h"

namespace wafer {
namespace {

// A stored consent state may be clock-skewed a little, never from the future.
constexpr int64_t kMaxClockSkew = 86400;
// At most this many path candidates for a cookie deletion, from the page's
// path; declared cookie paths (policy "cookie_paths") come on top.
constexpr size_t kMaxPathCandidates = 8;
constexpr size_t kMaxDeclaredPaths = 32;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

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

// True if nothing but the necessary categories is granted: no other
// category, no service on its own.
bool IsRefusal(const CompiledPolicy& policy, const ConsentState& state) {
  for (const auto& c : policy.categories) {
    if (c.necessary()) continue;
    const CategoryChoice* choice = state.Find(c.id_hash);
    if (choice != nullptr && choice->granted) return false;
  }
  for (const auto& s : policy.services) {
    const ServiceChoice* own = state.FindService(s.id_hash);
    if (own != nullptr && own->granted) return false;
  }
  return true;
}

// True if the state answers the banner: a choice was made (not a mere
// record of cookie age, nor services allowed from a placeholder alone).
bool Answered(const ConsentState& state) {
  return state.method != Method::kNone && state.method != Method::kAllow;
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

// The language (docs/engine.md "Language"): among the policy's languages that
// a bundled banner shows, the first the visitor wants (the page's lang, then
// the browser's), by RFC 4647 lookup ("pt-BR" → "pt", "nn" → "nb": aliases
// in compiled_policy.h), else by primary subtag ("pt" → "pt-BR"); none
// wanted: the first of them (the default). Its bundle: the one for exactly
// what the visitor wants when that bundle shows the language picked (a
// "pt-BR" reader of "pt" texts gets the Brazilian bundle), else the
// language's own ("pt-PT" → "pt").
// A policy whose languages no bundle shows (`wafer check` refuses it) gets
// its default language's texts and the English bundle.
struct LanguagePick {
  int language = 0;
  int banner = -1;
};

LanguagePick PickLanguage(const CompiledPolicy& policy, const std::vector<std::string_view>& wanted) {
  uint64_t shown = 0;  // Policy languages a bundle shows.
  for (size_t i = 0; i < policy.languages.size() && i < 64; ++i) {
    if (LanguageLookup(policy.banner_languages, policy.languages[i]) >= 0) shown |= uint64_t{1} << i;
  }
  LanguagePick pick;
  if (shown == 0) {
    pick.banner = LanguageLookup(policy.banner_languages, "en");
    if (pick.banner < 0 && !policy.banner_languages.empty()) pick.banner = 0;
    return pick;
  }
  int chosen = -1;
  std::string_view by;  // The wanted tag that chose it.
  for (std::string_view w : wanted) {
    chosen = LanguageLookup(policy.languages, w, shown);
    for (size_t i = 0; chosen < 0 && !w.empty() && i < policy.languages.size() && i < 64; ++i) {
      if (((shown >> i) & 1u) && SamePrimaryLanguage(policy.languages[i], w)) {
        chosen = static_cast<int>(i);
      }
    }
    if (chosen >= 0) {
      by = w;
      break;
    }
  }
  while (chosen < 0 || !((shown >> chosen) & 1u)) ++chosen;  // None wanted: the first shown.
  pick.language = chosen;
  pick.banner = LanguageLookup(policy.banner_languages, policy.languages[chosen]);
  const int variant = by.empty() ? -1 : LanguageLookup(policy.banner_languages, by);
  if (variant >= 0 && variant != pick.banner &&
      LanguageShownBy(policy.languages, policy.banner_languages, variant) == chosen) {
    pick.banner = variant;
  }
  return pick;
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

// The services of the categories in `categories`.
uint64_t ServicesOf(const CompiledPolicy& policy, uint32_t categories) {
  uint64_t mask = 0;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    if ((categories >> policy.services[i].category) & 1u) mask |= uint64_t{1} << i;
  }
  return mask;
}

// The categories of the services in `services`.
uint32_t CategoriesOf(const CompiledPolicy& policy, uint64_t services) {
  uint32_t mask = 0;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    if ((services >> i) & 1u) mask |= 1u << policy.services[i].category;
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

// The services a usable state grants: each service's own choice where the
// state has one, else its category's (`categories`, from GrantedMask).
// A necessary category's services are always granted.
uint64_t GrantedServices(const CompiledPolicy& policy, const ConsentState& state,
                         uint32_t categories) {
  const uint32_t necessary = NecessaryMask(policy);
  uint64_t mask = 0;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    const CompiledService& s = policy.services[i];
    const ServiceChoice* own = state.FindService(s.id_hash);
    bool on = own != nullptr ? own->granted : ((categories >> s.category) & 1u) != 0;
    if ((necessary >> s.category) & 1u) on = true;
    if (on) mask |= uint64_t{1} << i;
  }
  return mask;
}

// Rebuilds `state`'s choices to match the policy, `categories` (each
// category's own switch) and `services` (what may run): one entry per
// category, and one per service whose choice differs from its category's.
// A category keeps its first-placement time while it keeps an allowed
// service (or, without services, while it stays granted).
void SetChoices(const CompiledPolicy& policy, uint32_t categories, uint64_t services,
                const ConsentState* previous, ConsentState* state) {
  const uint32_t active = categories | CategoriesOf(policy, services);
  std::vector<CategoryChoice> choices;
  choices.reserve(policy.categories.size());
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    CategoryChoice c;
    c.id_hash = policy.categories[i].id_hash;
    c.granted = (categories >> i) & 1u;
    if (((active >> i) & 1u) && previous != nullptr) {
      if (const CategoryChoice* old = previous->Find(c.id_hash)) c.first_placed = old->first_placed;
    }
    choices.push_back(c);
  }
  std::vector<ServiceChoice> own;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    const CompiledService& s = policy.services[i];
    const bool on = (services >> i) & 1u;
    if (policy.categories[s.category].necessary() || on == (((categories >> s.category) & 1u) != 0)) {
      continue;
    }
    own.push_back({s.id_hash, on});
  }
  state->categories = std::move(choices);
  state->services = std::move(own);
}

// Granted bits of a mapping (Consent Mode, or HubSpot with `hubspot`). The
// services that declare a bit decide it: granted when all of them may run
// (the catalogue declares each vendor's types on its services). A bit no
// service declares is decided by the categories declaring it: granted when
// each is allowed through its services — all of them may run (a category
// without services: its switch is on).
uint8_t MappedBits(const CompiledPolicy& policy, uint32_t categories, uint64_t services,
                   bool hubspot) {
  uint32_t has_services = 0, refused = 0;  // Categories with services; with a refused one.
  for (size_t i = 0; i < policy.services.size(); ++i) {
    const uint32_t c = 1u << policy.services[i].category;
    has_services |= c;
    if (!((services >> i) & 1u)) refused |= c;
  }
  uint8_t granted = 0;
  for (int b = 0; b < (hubspot ? 3 : kConsentModeTypeCount); ++b) {
    const uint8_t bit = static_cast<uint8_t>(1u << b);
    bool by_services = false, all_allowed = true;
    for (size_t i = 0; i < policy.services.size(); ++i) {
      const CompiledService& s = policy.services[i];
      if ((hubspot ? s.hubspot : s.consent_mode) & bit) {
        by_services = true;
        all_allowed &= ((services >> i) & 1u) != 0;
      }
    }
    bool declared = by_services;
    for (size_t i = 0; !by_services && i < policy.categories.size(); ++i) {
      const CompiledCategory& c = policy.categories[i];
      if ((hubspot ? c.hubspot : c.consent_mode) & bit) {
        declared = true;
        const uint32_t m = 1u << i;
        all_allowed &= (has_services & m) ? !(refused & m) : (categories & m) != 0;
      }
    }
    if (declared && all_allowed) granted |= bit;
  }
  return granted;
}

// The page's URL as far as the engine knows it, to read an element's URL
// against. The loader sends absolute URLs; the scheme of a relative one is
// unknown here and changes nothing a pattern reads.
std::string PageBase(const Facts& facts) {
  if (facts.host.empty()) return std::string();
  std::string base = "https://" + std::string(facts.host);
  if (facts.path.empty() || facts.path[0] != '/') base.push_back('/');
  return base.append(facts.path);
}

int MatchUrl(const CompiledPolicy& policy, std::string_view base, std::string_view url) {
  if (url.empty()) return -1;
  UrlParts parts;
  if (!ParseUrlForMatch(url, base, &parts)) return -1;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    for (const UrlRule& rule : policy.services[i].url_rules) {
      if (UrlRuleMatches(rule, parts)) return static_cast<int>(i);
    }
  }
  return -1;
}

// An element is its service's: the one it is marked with, else the one its
// URL (read against the page's, url.h) matches. A category marking counts as
// the URL's service when that service is in the category, else as the
// category's own switch. A marking never loosens what the URL says: both must
// be allowed.
ElementVerdict JudgeElement(const CompiledPolicy& policy, std::string_view base, uint32_t categories,
                            uint64_t services, const HeldElement& e) {
  ElementVerdict v;
  const int by_url = MatchUrl(policy, base, e.url);
  auto service_ok = [&](int i) { return ((services >> i) & 1u) != 0; };
  bool ok = false;
  if (!e.service.empty()) {
    v.service = policy.FindService(e.service);
    if (v.service < 0) {
      v.reason = ElementReason::kUnknownMarking;
      return v;
    }
    v.category = policy.services[v.service].category;
    ok = service_ok(v.service) && (by_url < 0 || service_ok(by_url));
  } else if (!e.category.empty()) {
    v.category = policy.FindCategory(e.category);
    if (v.category < 0) {
      v.reason = ElementReason::kUnknownMarking;
      return v;
    }
    v.service = by_url;
    if (by_url >= 0 && policy.services[by_url].category == v.category) {
      ok = service_ok(by_url);
    } else {
      ok = ((categories >> v.category) & 1u) && (by_url < 0 || service_ok(by_url));
    }
  } else {
    v.service = by_url;
    if (by_url < 0) {
      v.reason = ElementReason::kUnmatched;
      return v;
    }
    v.category = policy.services[by_url].category;
    ok = service_ok(by_url);
  }
  v.release = ok;
  v.reason = ok ? ElementReason::kAllowed : ElementReason::kRefused;
  return v;
}

// The services whose first-party cookie patterns match `name`.
uint64_t CookieServices(const CompiledPolicy& policy, std::string_view name) {
  uint64_t mask = 0;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    for (std::string_view p : policy.services[i].cookie_patterns) {
      if (p.empty() || (p[0] != '*' && (name.empty() || p[0] != name[0]))) continue;
      if (GlobMatches(p, name)) {
        mask |= uint64_t{1} << i;
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

// Declared cookie paths: a refused service's first-party cookies may also
// live on paths this page cannot see (policy "cookie_paths"). They are added
// to the path candidates when one of its cookies is being deleted; with
// `blind` (a visitor's choice: refusal, withdrawal), its cookie names without
// '*' are deleted even when the page cannot see them. A name with '*' can only
// be deleted where it is seen.
void AddDeclaredCookiePaths(const CompiledPolicy& policy, const Facts& facts, bool blind,
                            Decision* d) {
  std::vector<std::string_view> paths;
  for (size_t i = 0; i < policy.services.size(); ++i) {
    const CompiledService& s = policy.services[i];
    if (s.cookie_paths.empty() || d->ServiceAllowed(static_cast<int>(i))) continue;
    bool deleted = false;
    for (std::string_view p : s.cookie_patterns) {
      if (blind && !p.empty() && p.find('*') == std::string_view::npos) {
        bool listed = false;
        for (std::string_view n : d->delete_cookies) listed |= n == p;
        if (!listed) d->delete_cookies.push_back(p);
        deleted = true;
        continue;
      }
      for (std::string_view n : d->delete_cookies) deleted |= GlobMatches(p, n);
    }
    if (deleted) paths.insert(paths.end(), s.cookie_paths.begin(), s.cookie_paths.end());
  }
  if (paths.empty()) return;
  if (d->delete_domains.empty()) AddDeletionCandidates(policy, facts, d);
  size_t added = 0;
  for (std::string_view p : paths) {
    bool listed = false;
    for (std::string_view q : d->delete_paths) listed |= q == p;
    if (listed) continue;
    if (++added > kMaxDeclaredPaths) break;
    d->delete_paths.push_back(p);
  }
}

// The services listed in `ids` (unknown ids ignored).
uint64_t ServicesNamed(const CompiledPolicy& policy, const std::vector<std::string_view>& ids) {
  uint64_t mask = 0;
  for (std::string_view id : ids) {
    const int i = policy.FindService(id);
    if (i >= 0) mask |= uint64_t{1} << i;
  }
  return mask;
}

// The decision given the cookies present, the stored state as read (or as
// Apply() made it) and the services allowed for this page only (`page`:
// facts.page_services, or others).
Decision Decide(const CompiledPolicy& policy, const Facts& facts,
                const std::vector<CookiePair>& cookies, const Stored& stored, uint64_t page) {
  Decision d;
  d.policy_ok = true;
  d.regime = policy.RegimeFor(facts.region);
  const LanguagePick language = PickLanguage(policy, facts.languages);
  d.language = language.language;
  if (language.banner >= 0) d.banner_language = policy.banner_languages[language.banner];

  int64_t judged_expiry = 0;
  const BannerReason judged = Judge(policy, facts, d.regime, stored, &judged_expiry);
  const bool usable = judged == BannerReason::kNone;
  const uint64_t necessary_services = ServicesOf(policy, NecessaryMask(policy));

  // Each category's switch, and the services that may run by the stored
  // choice (page-only grants come later).
  uint32_t allowed = usable ? GrantedMask(policy, d.regime, stored.state)
                            : DefaultMask(policy, d.regime);
  if (d.regime == Regime::kOptIn && !usable) allowed = NecessaryMask(policy);
  uint64_t services = usable ? GrantedServices(policy, stored.state, allowed)
                             : ServicesOf(policy, allowed);
  // An opt-out is never silently reversed: outside opt-in, what an earlier
  // explicit choice refused (a category, or a service on its own) stays
  // refused, even once it lapsed or the policy changed, until the visitor
  // chooses again.
  if (d.regime != Regime::kOptIn && !usable && stored.decoded && Answered(stored.state)) {
    for (size_t i = 0; i < policy.categories.size(); ++i) {
      const CategoryChoice* c = stored.state.Find(policy.categories[i].id_hash);
      if (c != nullptr && !c->granted && !policy.categories[i].necessary()) allowed &= ~(1u << i);
    }
    for (size_t i = 0; i < policy.services.size(); ++i) {
      const CompiledService& s = policy.services[i];
      const ServiceChoice* own = stored.state.FindService(s.id_hash);
      const CategoryChoice* c = stored.state.Find(policy.categories[s.category].id_hash);
      const bool refused = own != nullptr ? !own->granted : c != nullptr && !c->granted;
      if (refused) services &= ~(uint64_t{1} << i);
    }
    services |= necessary_services;
  }
  const uint32_t sale_or_share = SaleOrShareMask(policy);
  const uint64_t sale_or_share_services = ServicesOf(policy, sale_or_share);
  d.gpc_honoured = facts.gpc && d.regime != Regime::kOptIn;
  const bool gpc_changes_state =
      d.gpc_honoured && ((allowed & sale_or_share) != 0 || (services & sale_or_share_services) != 0);
  if (d.gpc_honoured) {
    allowed &= ~sale_or_share;
    services &= ~sale_or_share_services;
  }

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
    SetChoices(policy, allowed, services, stored.decoded ? &stored.state : nullptr, &state);
    have_state = true;
    d.state_changed = true;
  }
  if (!stored.decoded && stored.corrupt) d.state_changed = true;  // Clear the bad value.

  // Services allowed from a placeholder (method allow) run, and the banner
  // still asks about the rest.
  if (d.regime == Regime::kOptIn) {
    d.show_banner = !usable || !Answered(state);
    d.reason = usable && !Answered(state) ? BannerReason::kFirstVisit : judged;
  } else if (usable && Answered(state) && !gpc_changes_state) {
    d.show_banner = false;
    d.reason = BannerReason::kNone;
  } else {
    d.show_banner = true;
    const bool choice_made = stored.decoded && Answered(stored.state);
    d.reason = usable || !choice_made ? BannerReason::kNotice : judged;
  }

  // What may run on this page: the stored choice plus the services allowed
  // for this page only (never a sale/share one while GPC is honoured).
  if (d.gpc_honoured) page &= ~sale_or_share_services;
  const uint64_t running = services | page;

  // Cookies: delete what is present and not allowed to run; enforce the
  // cookie cap; record when each category's allowed cookies were first seen.
  // The services each cookie belongs to, worked out once.
  std::vector<uint64_t> cookie_services(cookies.size());
  uint32_t present = 0;  // Categories with a cookie of a service the stored choice allows.
  for (size_t i = 0; i < cookies.size(); ++i) {
    if (cookies[i].name.empty() || cookies[i].name == policy.cookie_name) continue;
    cookie_services[i] = CookieServices(policy, cookies[i].name);
    present |= CategoriesOf(policy, cookie_services[i] & services);
  }
  const uint32_t active = allowed | CategoriesOf(policy, services);
  const ConsentState* previous = stored.decoded ? &stored.state : nullptr;
  uint32_t expired = 0;
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    const uint32_t bit = 1u << i;
    if (!(active & bit) || policy.categories[i].necessary()) continue;
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
        SetChoices(policy, allowed, services, previous, &state);
        have_state = true;
      }
      choice = state.Find(hash);
      if (choice == nullptr) {  // Allowed by default, unknown to the stored state.
        state.categories.push_back(CategoryChoice{hash, (allowed & bit) != 0, 0});
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
    const uint64_t of = cookie_services[i];
    if (!(of & ~running) && !(CategoriesOf(policy, of & services) & expired)) continue;
    bool listed = false;
    for (std::string_view n : d.delete_cookies) listed |= n == cookies[i].name;
    if (!listed) d.delete_cookies.push_back(cookies[i].name);
  }
  if (!d.delete_cookies.empty()) AddDeletionCandidates(policy, facts, &d);

  d.allowed_categories = allowed;
  d.allowed_services = running;
  AddDeclaredCookiePaths(policy, facts, false, &d);
  d.consent_mode = MappedBits(policy, allowed, running, false);
  d.hubspot = MappedBits(policy, allowed, running, true);
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

  // Consent Mode advanced: Google's gtag.js tags that may not run load
  // anyway, with their types denied (d.consent_mode) and their cookies
  // refused; not where the visitor opted out of selling or sharing (GPC, or
  // a sale/share category refused outside opt-in).
  if (policy.consent_mode == ConsentModeKind::kAdvanced) {
    for (size_t i = 0; i < policy.services.size(); ++i) {
      const CompiledService& s = policy.services[i];
      if (!(s.flags & kServiceGtag) || d.ServiceAllowed(static_cast<int>(i))) continue;
      if (d.regime != Regime::kOptIn && policy.categories[s.category].sale_or_share()) continue;
      d.cookieless_services |= uint64_t{1} << i;
    }
  }

  d.elements.reserve(facts.elements.size());
  const std::string base = PageBase(facts);
  for (const auto& e : facts.elements) {
    ElementVerdict v = JudgeElement(policy, base, allowed, running, e);
    if (!v.release && v.reason == ElementReason::kRefused && d.cookieless_services != 0) {
      const ElementVerdict loaded =
          JudgeElement(policy, base, allowed, running | d.cookieless_services, e);
      if (loaded.release) {
        v = loaded;
        v.reason = ElementReason::kCookieless;
      }
    }
    d.elements.push_back(v);
  }

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
  return Decide(policy, facts, cookies, ReadStored(policy, facts, cookies),
                ServicesNamed(policy, facts.page_services));
}

Decision Apply(const CompiledPolicy& policy, const Facts& facts, const Choice& choice) {
  const std::vector<CookiePair> cookies = ParseCookieHeader(facts.cookies);
  const Stored before = ReadStored(policy, facts, cookies);
  const Regime regime = policy.RegimeFor(facts.region);
  const uint32_t all = policy.categories.size() >= 32
                           ? ~0u
                           : (1u << policy.categories.size()) - 1;
  const uint32_t necessary = NecessaryMask(policy);
  const uint32_t sale_or_share = SaleOrShareMask(policy);
  const uint64_t page = ServicesNamed(policy, facts.page_services);
  // The services the choice turns on and off (unknown ids ignored).
  uint64_t on = 0, off = 0;
  for (const ServiceGrant& g : choice.services) {
    const int i = policy.FindService(g.id);
    if (i >= 0) (g.granted ? on : off) |= uint64_t{1} << i;
  }

  uint32_t granted = necessary;
  uint64_t services = 0;
  bool services_set = false;  // Else: the categories' services.
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
      services = (ServicesOf(policy, granted) | on) & ~off;
      services_set = true;
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
      // What the stored choice allows now, without this page's one-time grants.
      const Decision now = Decide(policy, facts, cookies, before, 0);
      granted = now.allowed_categories & ~sale_or_share;
      services = now.allowed_services & ~ServicesOf(policy, sale_or_share);
      services_set = true;
      method = Method::kOptOut;
      break;
    }
    case Action::kAllow:
    case Action::kAllowOnce: {
      const Decision now = Decide(policy, facts, cookies, before, 0);
      granted = now.allowed_categories;
      services = (now.allowed_services | on) & (choice.action == Action::kAllow ? ~off : ~uint64_t{0});
      services_set = true;
      // "Always allow" after an answer to the banner amends that answer; before
      // one, it allows these services and the banner keeps asking.
      if (choice.action == Action::kAllowOnce) {
        method = Method::kOnce;
      } else {
        method = now.consent.present && now.consent.method != Method::kNone &&
                         now.consent.method != Method::kAllow && !now.show_banner
                     ? Method::kCustom
                     : Method::kAllow;
      }
      break;
    }
  }
  if (!services_set) services = ServicesOf(policy, granted);

  // A choice made while GPC is honoured cannot opt back into sale/sharing.
  if (facts.gpc && regime != Regime::kOptIn) {
    granted &= ~sale_or_share;
    services &= ~ServicesOf(policy, sale_or_share);
  }
  granted |= necessary;
  services |= ServicesOf(policy, necessary);

  Stored after;
  after.decoded = true;
  ConsentState& s = after.state;
  s.consent_id = before.decoded ? before.state.consent_id : facts.fresh_id;
  s.given_at = facts.now;
  s.revision = policy.revision;
  s.regime = regime;
  s.method = method;
  SetChoices(policy, granted, services, before.decoded ? &before.state : nullptr, &s);

  if (choice.action == Action::kAllowOnce) {
    // This page view only: decided with the services as page grants; the
    // record of the one-time consent goes to the receipt, not the cookie.
    Decision d = Decide(policy, facts, cookies, before, page | on);
    d.state_changed = false;
    d.state = EncodeConsentState(s, policy.site_key);
    d.consent.present = true;
    d.consent.consent_id = s.consent_id;
    d.consent.given_at = s.given_at;
    d.consent.expires_at = s.given_at;
    d.consent.method = Method::kOnce;
    return d;
  }

  Decision d = Decide(policy, facts, cookies, after, page);
  AddDeclaredCookiePaths(policy, facts, true, &d);
  d.state_changed = true;
  if (d.state.empty()) d.state = EncodeConsentState(s, policy.site_key);
  return d;
}

int64_t ConsentExpiresAt(const CompiledPolicy& policy, const ConsentState& state) {
  // A one-time load (a placeholder's "load once") is consent for that page
  // view only: it ends when it is given, and is never stored.
  if (state.method == Method::kOnce) return state.given_at;
  return StateExpiry(policy, state);
}

}  // namespace wafer
