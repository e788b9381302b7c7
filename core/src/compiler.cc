// compiler.cc — Policy → the compiled form documented in compiled_policy.h.
//
// Everything written is either in policy order (languages, categories,
// services, their URL and cookie patterns) or sorted (regions, domains), so
// the bytes depend only on the policy's content.

#include "wafer/compiler.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "internal/hash.h"
#include "internal/wire.h"
#include "wafer/banner_data.h"
#include "wafer/compiled_policy.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"
#include "wafer/types.h"

namespace wafer {
namespace {

// The fixed key under which site keys are derived ("wafer site key v1!").
// Changing it changes every site key, and so invalidates every consent cookie.
constexpr uint8_t kSiteKeyDerivationKey[16] = {0x77, 0x61, 0x66, 0x65, 0x72, 0x20, 0x73, 0x69,
                                               0x74, 0x65, 0x20, 0x6b, 0x65, 0x79, 0x31, 0x21};

// EU member states (27, since 1 February 2020) and the EEA's three more.
constexpr const char* kEuCountries[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
                                        "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
                                        "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
constexpr const char* kEeaNonEuCountries[] = {"IS", "LI", "NO"};

absl::Status Invalid(std::string message) {
  return absl::InvalidArgumentError("compile: " + message);
}

// Regions with the groups expanded: an explicit country beats "EU", which
// beats "EEA". Sorted by code (std::map order = byte order).
std::map<std::string, Regime> ExpandRegions(const std::map<std::string, Regime>& regions) {
  std::map<std::string, Regime> out;
  auto eea = regions.find("EEA");
  if (eea != regions.end()) {
    for (const char* c : kEuCountries) out[c] = eea->second;
    for (const char* c : kEeaNonEuCountries) out[c] = eea->second;
  }
  auto eu = regions.find("EU");
  if (eu != regions.end()) {
    for (const char* c : kEuCountries) out[c] = eu->second;
  }
  for (const auto& [code, regime] : regions) {
    if (code != "EU" && code != "EEA") out[code] = regime;
  }
  return out;
}

// Appends `items` without repeating one already written.
std::vector<std::string_view> Unique(const std::vector<std::string_view>& items) {
  std::vector<std::string_view> out;
  for (std::string_view s : items) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

}  // namespace

SiteKey DeriveSiteKey(std::string_view site_id) {
  SiteKey key{};
  const std::string id(site_id);
  const uint64_t k0 = internal::SipHash24(kSiteKeyDerivationKey, "wafer-site-key-0:" + id);
  const uint64_t k1 = internal::SipHash24(kSiteKeyDerivationKey, "wafer-site-key-1:" + id);
  internal::StoreLe64(k0, key.data());
  internal::StoreLe64(k1, key.data() + 8);
  return key;
}

absl::StatusOr<std::string> CompilePolicy(const Policy& policy, const PublicSuffixList& psl) {
  return CompilePolicy(policy, psl, BannerLanguages());
}

absl::StatusOr<std::string> CompilePolicy(const Policy& policy, const PublicSuffixList& psl,
                                          const std::vector<std::string_view>& banner_languages) {
  // Re-check what the engine would refuse: the policy may not come from
  // ParsePolicy.
  if (policy.categories.empty() || policy.categories.size() > static_cast<size_t>(kMaxCategories)) {
    return Invalid("between 1 and " + std::to_string(kMaxCategories) + " categories required");
  }
  if (policy.services.size() > static_cast<size_t>(kMaxServices)) {
    return Invalid("at most " + std::to_string(kMaxServices) + " services");
  }
  for (int months : {policy.consent_months, policy.refusal_months, policy.cookie_cap_months}) {
    if (months < 1 || months > kMaxMonths) return Invalid("months must be between 1 and 13");
  }
  if (policy.languages.empty()) return Invalid("no language");
  if (banner_languages.size() > static_cast<size_t>(kMaxBannerLanguages)) {
    return Invalid("at most " + std::to_string(kMaxBannerLanguages) + " banner languages");
  }

  // Registrable domains; a public suffix cannot carry the site's cookies.
  std::set<std::string> domains;
  std::vector<PolicyError> suffix_errors;
  for (size_t i = 0; i < policy.domains.size(); ++i) {
    const std::string registrable = psl.RegistrableDomain(policy.domains[i]);
    if (registrable.empty()) {
      suffix_errors.push_back(
          {PolicyErrorCode::kPublicSuffix, "site.domains[" + std::to_string(i) + "]",
           "\"" + policy.domains[i] +
               "\" is a public suffix: cookies cannot be set on it, name the site's own domain"});
    } else {
      domains.insert(registrable);
    }
  }
  if (!suffix_errors.empty()) return absl::InvalidArgumentError(suffix_errors.front().ToString());
  if (domains.empty()) return Invalid("no site domain");

  internal::WireWriter w;
  w.Raw("WFP");
  w.U8(kCompiledPolicyVersion);
  const SiteKey key = DeriveSiteKey(policy.site_id);
  w.Raw(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  w.Varint(policy.revision);
  w.U8(static_cast<uint8_t>(policy.consent_months));
  w.U8(static_cast<uint8_t>(policy.refusal_months));
  w.U8(static_cast<uint8_t>(policy.cookie_cap_months));
  w.U8(static_cast<uint8_t>(policy.default_regime));
  w.Varint(policy.wait_for_update_ms);
  w.U8(static_cast<uint8_t>(policy.consent_mode));
  w.Str(policy.cookie_name);
  w.Str(policy.site_id);

  const std::map<std::string, Regime> regions = ExpandRegions(policy.regions);
  w.Varint(regions.size());
  for (const auto& [code, regime] : regions) {
    w.Str(code);
    w.U8(static_cast<uint8_t>(regime));
  }

  w.Varint(domains.size());
  for (const std::string& d : domains) w.Str(d);

  w.Varint(policy.languages.size());
  for (const std::string& l : policy.languages) w.Str(l);
  // The bundles this build of Wafer serves: the engine picks the visitor's
  // language among the policy's languages that one of them shows.
  w.Varint(banner_languages.size());
  for (std::string_view l : banner_languages) w.Str(l);

  w.Varint(policy.categories.size());
  for (const Category& c : policy.categories) {
    uint8_t flags = 0;
    if (c.necessary) flags |= kCategoryNecessary;
    if (c.sale_or_share) flags |= kCategorySaleOrShare;
    uint8_t defaults = 0;
    for (int r = 0; r < kRegimeCount; ++r) {
      if (c.defaults[r] || c.necessary) defaults |= static_cast<uint8_t>(1u << r);
    }
    uint8_t consent_mode = c.consent_mode;
    if (c.necessary) consent_mode |= kSecurityStorage;
    w.Str(c.id);
    w.U8(flags);
    w.U8(defaults);
    w.U8(consent_mode);
    w.U8(c.hubspot);
  }

  w.Varint(policy.services.size());
  for (const Service& s : policy.services) {
    int category = -1;
    for (size_t i = 0; i < policy.categories.size(); ++i) {
      if (policy.categories[i].id == s.category) category = static_cast<int>(i);
    }
    if (category < 0) {
      return Invalid("service \"" + s.id + "\" names unknown category \"" + s.category + "\"");
    }
    std::vector<std::string_view> urls(s.urls.begin(), s.urls.end());
    std::vector<std::string_view> cookies;
    for (const CookieDeclaration& c : s.cookies) {
      if (c.first_party) cookies.push_back(c.name);
    }
    urls = Unique(urls);
    cookies = Unique(cookies);
    w.Str(s.id);
    w.U8(static_cast<uint8_t>(category));
    w.U8(s.flags);
    w.U8(s.consent_mode);
    w.U8(s.hubspot);
    w.Varint(urls.size());
    for (std::string_view u : urls) w.Str(u);
    w.Varint(cookies.size());
    for (std::string_view c : cookies) w.Str(c);
    // Declared cookie paths, each with and without its trailing slash (a
    // cookie's Path must be matched exactly to delete it).
    std::vector<std::string> paths;
    for (const std::string& p : s.cookie_paths) {
      for (const std::string& v : {p, p.size() > 1 && p.back() == '/' ? p.substr(0, p.size() - 1)
                                        : p == "/" ? p : p + "/"}) {
        if (std::find(paths.begin(), paths.end(), v) == paths.end()) paths.push_back(v);
      }
    }
    w.Varint(paths.size());
    for (const std::string& p : paths) w.Str(p);
  }

  const uint64_t tag = internal::SipHash24(key.data(), w.bytes());
  unsigned char tag_bytes[8];
  internal::StoreLe64(tag, tag_bytes);
  w.Raw(std::string_view(reinterpret_cast<const char*>(tag_bytes), sizeof(tag_bytes)));
  return w.Take();
}

}  // namespace wafer
