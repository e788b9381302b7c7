#include "wafer/compiled_policy.h"

#include <utility>

#include "internal/hash.h"
#include "internal/wire.h"

namespace wafer {
namespace {

using internal::WireReader;

constexpr size_t kTagSize = 8;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool ReadMonths(WireReader& r, int* out) {
  uint8_t v = 0;
  if (!r.U8(&v) || v < 1 || v > kMaxMonths) return false;
  *out = v;
  return true;
}

bool ReadRegime(WireReader& r, Regime* out) {
  uint8_t v = 0;
  if (!r.U8(&v) || v >= kRegimeCount) return false;
  *out = static_cast<Regime>(v);
  return true;
}

bool ReadStrings(WireReader& r, uint64_t max, std::vector<std::string_view>* out) {
  uint64_t n = 0;
  if (!r.Bounded(max, &n)) return false;
  out->resize(n);
  for (auto& s : *out) {
    if (!r.Str(&s)) return false;
  }
  return true;
}

// RFC 6265 token: what a consent cookie name must be to survive a round trip
// through document.cookie.
bool IsCookieToken(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (c <= ' ' || c >= 127) return false;
    for (char bad : std::string_view("()<>@,;:\\\"/[]?={}")) {
      if (c == bad) return false;
    }
  }
  return true;
}

}  // namespace

uint32_t CategoryHash(std::string_view id) { return internal::Fnv1a32(id); }
uint32_t ServiceHash(std::string_view id) { return internal::Fnv1a32(id); }

namespace {

char LowerTagChar(char c) { return c == '_' ? '-' : Lower(c); }

bool SameTag(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerTagChar(a[i]) != LowerTagChar(b[i])) return false;
  }
  return true;
}

size_t SubtagEnd(std::string_view tag, size_t from = 0) {
  const size_t end = tag.find_first_of("-_", from);
  return end == std::string_view::npos ? tag.size() : end;
}

// Equal once each primary subtag is read through LanguageAlias().
bool SameTagAliased(std::string_view a, std::string_view b) {
  const size_t ea = SubtagEnd(a), eb = SubtagEnd(b);
  return SameTag(LanguageAlias(a.substr(0, ea)), LanguageAlias(b.substr(0, eb))) &&
         SameTag(a.substr(ea), b.substr(eb));
}

}  // namespace

std::string_view LanguageAlias(std::string_view primary) {
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"no", "nb"}, {"nn", "nb"}, {"iw", "he"}};
  for (const auto& [from, to] : kAliases) {
    if (SameTag(primary, from)) return to;
  }
  return primary;
}

int LanguageLookup(const std::vector<std::string_view>& tags, std::string_view lang,
                   uint64_t among) {
  const size_t n = tags.size() < 64 ? tags.size() : 64;
  while (!lang.empty()) {
    for (size_t i = 0; i < n; ++i) {
      if (((among >> i) & 1u) && SameTag(tags[i], lang)) return static_cast<int>(i);
    }
    for (size_t i = 0; i < n; ++i) {
      if (((among >> i) & 1u) && SameTagAliased(tags[i], lang)) return static_cast<int>(i);
    }
    const size_t dash = lang.find_last_of("-_");
    if (dash == std::string_view::npos) break;
    lang = lang.substr(0, dash);
  }
  return -1;
}

bool SamePrimaryLanguage(std::string_view a, std::string_view b) {
  const std::string_view pa = a.substr(0, SubtagEnd(a)), pb = b.substr(0, SubtagEnd(b));
  return !pa.empty() && SameTag(LanguageAlias(pa), LanguageAlias(pb));
}

int LanguageShownBy(const std::vector<std::string_view>& languages,
                    const std::vector<std::string_view>& bundles, int bundle) {
  if (bundle < 0 || static_cast<size_t>(bundle) >= bundles.size()) return -1;
  uint64_t shown = 0;
  for (size_t i = 0; i < languages.size() && i < 64; ++i) {
    const int own = LanguageLookup(bundles, languages[i]);
    if (own == bundle) return static_cast<int>(i);
    if (own >= 0) shown |= uint64_t{1} << i;
  }
  return LanguageLookup(languages, bundles[bundle], shown);
}

bool CompiledPolicy::Parse(std::string_view bytes, CompiledPolicy* out) {
  if (bytes.size() < 4 + kSiteKeySize + kTagSize) return false;
  const std::string_view body = bytes.substr(0, bytes.size() - kTagSize);
  WireReader r(body);
  std::string_view magic, key;
  uint8_t version = 0;
  if (!r.Raw(3, &magic) || magic != "WFP" || !r.U8(&version) ||
      version != kCompiledPolicyVersion || !r.Raw(kSiteKeySize, &key)) {
    return false;
  }
  for (int i = 0; i < kSiteKeySize; ++i) out->site_key[i] = static_cast<uint8_t>(key[i]);
  const uint64_t tag = internal::SipHash24(out->site_key.data(), body);
  if (tag != internal::LoadLe64(
                 reinterpret_cast<const unsigned char*>(bytes.data() + body.size()))) {
    return false;
  }

  uint64_t revision = 0, wait = 0;
  uint8_t mode = 0;
  if (!r.Bounded(0x7fffffff, &revision) || !ReadMonths(r, &out->consent_months) ||
      !ReadMonths(r, &out->refusal_months) || !ReadMonths(r, &out->cookie_cap_months) ||
      !ReadRegime(r, &out->default_regime) || !r.Bounded(600000, &wait) ||
      !r.U8(&mode) || mode >= kConsentModeKindCount || !r.Str(&out->cookie_name) ||
      !IsCookieToken(out->cookie_name) || !r.Str(&out->site_id)) {
    return false;
  }
  out->revision = static_cast<uint32_t>(revision);
  out->wait_for_update_ms = static_cast<uint32_t>(wait);
  out->consent_mode = static_cast<ConsentModeKind>(mode);

  uint64_t n = 0;
  if (!r.Bounded(1024, &n)) return false;
  out->regions.resize(n);
  for (auto& region : out->regions) {
    if (!r.Str(&region.code) || !ReadRegime(r, &region.regime)) return false;
  }
  if (!ReadStrings(r, 64, &out->domains) || !ReadStrings(r, 64, &out->languages) ||
      out->languages.empty() ||
      !ReadStrings(r, kMaxBannerLanguages, &out->banner_languages)) {
    return false;
  }

  if (!r.Bounded(kMaxCategories, &n) || n == 0) return false;
  out->categories.resize(n);
  for (auto& c : out->categories) {
    if (!r.Str(&c.id) || !r.U8(&c.flags) || !r.U8(&c.defaults) || !r.U8(&c.consent_mode) ||
        !r.U8(&c.hubspot)) {
      return false;
    }
    c.id_hash = CategoryHash(c.id);
  }

  if (!r.Bounded(kMaxServices, &n)) return false;
  out->services.resize(n);
  for (auto& s : out->services) {
    uint8_t category = 0;
    if (!r.Str(&s.id) || !r.U8(&category) || category >= out->categories.size() ||
        !r.U8(&s.flags) || !r.U8(&s.consent_mode) || !r.U8(&s.hubspot) ||
        !ReadStrings(r, 256, &s.url_patterns) || !ReadStrings(r, 256, &s.cookie_patterns) ||
        !ReadStrings(r, 2 * kMaxCookiePaths, &s.cookie_paths)) {
      return false;
    }
    s.category = category;
    s.id_hash = ServiceHash(s.id);
    s.url_rules.clear();
    s.url_rules.reserve(s.url_patterns.size());
    for (std::string_view p : s.url_patterns) s.url_rules.push_back(SplitUrlPattern(p));
  }
  return r.AtEnd();
}

Regime CompiledPolicy::RegimeFor(std::string_view region) const {
  const CompiledRegion* country = nullptr;
  const std::string_view country_code = region.substr(0, region.find('-'));
  for (const auto& r : regions) {
    if (EqualsIgnoreCase(r.code, region)) return r.regime;
    if (EqualsIgnoreCase(r.code, country_code)) country = &r;
  }
  return country != nullptr ? country->regime : default_regime;
}

int CompiledPolicy::FindCategory(std::string_view id) const {
  for (size_t i = 0; i < categories.size(); ++i) {
    if (categories[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int CompiledPolicy::FindService(std::string_view id) const {
  for (size_t i = 0; i < services.size(); ++i) {
    if (services[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

bool GlobMatches(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

UrlRule SplitUrlPattern(std::string_view pattern) {
  UrlRule rule;
  const size_t slash = pattern.find('/');
  rule.host = pattern.substr(0, slash);
  if (slash != std::string_view::npos) {
    rule.any_path = false;
    rule.path = pattern.substr(slash + 1);
  }
  if (rule.host.size() > 2 && rule.host[0] == '*' && rule.host[1] == '.') {
    rule.subdomains = true;
    rule.host.remove_prefix(2);
  }
  return rule;
}

bool UrlRuleMatches(const UrlRule& rule, const UrlParts& url) {
  const std::string_view host = url.host;
  const size_t n = rule.host.size();
  // Cheap rejection first: most rules differ in their last character.
  if (host.size() < n || n == 0 || Lower(host.back()) != Lower(rule.host.back())) return false;
  if (host.size() == n) {
    if (!EqualsIgnoreCase(host, rule.host)) return false;
  } else if (!rule.subdomains || host[host.size() - n - 1] != '.' ||
             !EqualsIgnoreCase(host.substr(host.size() - n), rule.host)) {
    return false;
  }
  return rule.any_path || GlobMatches(rule.path, url.rest);
}

bool UrlMatches(std::string_view pattern, std::string_view url, std::string_view base) {
  UrlParts parts;
  return ParseUrlForMatch(url, base, &parts) && UrlRuleMatches(SplitUrlPattern(pattern), parts);
}

int MatchWire(std::string_view bytes) {
  WireReader r(bytes);
  std::string_view magic, pattern, subject, base;
  uint8_t version = 0, kind = 0;
  if (!r.Raw(2, &magic) || magic != "WU" || !r.U8(&version) || version != 1 || !r.U8(&kind) ||
      kind > 1 || !r.Str(&pattern) || !r.Str(&subject) || !r.Str(&base) || !r.AtEnd()) {
    return -1;
  }
  return (kind == 0 ? UrlMatches(pattern, subject, base) : GlobMatches(pattern, subject)) ? 1 : 0;
}

}  // namespace wafer
