// compiled_policy.h — the compact, binary site policy the engine reads.
//
// The JSON policy is validated and compiled natively (policy.h, compiler.h);
// the browser only ever sees this form, so the engine carries no JSON parser.
// Parsing here only slices the buffer: the views point into it, so the bytes
// must outlive the CompiledPolicy.
//
//   std::string bytes = ...;  // from wafer::CompilePolicy or the server
//   wafer::CompiledPolicy policy;
//   if (!wafer::CompiledPolicy::Parse(bytes, &policy)) { /* fail closed */ }
//   int analytics = policy.FindCategory("analytics");
//
// Format, version 4 (u8 / varint / str as in core/src/internal/wire.h).
// Version 1 had neither the bundled banner languages nor the declared cookie
// paths; version 2 had one or the other, never both; version 3 had no
// Consent Mode implementation byte. Any other version is
// refused (fail closed), so that no policy is read with another layout; the
// server compiles its policies from the JSON at start, and a static bundle
// (`wafer bundle`) is remade by running it again.
//   "WFP" u8 version(=4)
//   raw[16]  site key (keys the consent cookie's integrity tag)
//   varint   revision
//   u8 consent_months, u8 refusal_months, u8 cookie_cap_months   (1..13)
//   u8       default regime
//   varint   consent_mode wait_for_update (ms)
//   u8       Consent Mode implementation (ConsentModeKind: 0 basic, 1 advanced)
//   str      consent cookie name
//   str      site id
//   varint n, n × { str region (upper case, sorted), u8 regime }
//   varint n, n × str registrable domain (public-suffix resolved)
//   varint n, n × str language (first = default): the languages the policy
//            has texts for
//   varint n, n × str bundled banner language (BannerLanguages() when
//            compiled): the languages a banner bundle exists in
//   varint n, n × category {
//     str id, u8 flags (CategoryFlag), u8 default bits (1 << Regime),
//     u8 consent_mode bits, u8 hubspot bits }
//   varint n, n × service {
//     str id, u8 category index, u8 flags (ServiceFlag), u8 consent_mode bits,
//     u8 hubspot bits, varint m, m × str url pattern,
//     varint k, k × str first-party cookie pattern,
//     varint p, p × str declared cookie path (each with and without its
//     trailing slash) }
//   raw[8]   SipHash-2-4 (key: site key) of everything before it
//
// URL pattern: HOST or HOST/PATHGLOB. HOST is exact ("js.hs-scripts.com") or
// "*.domain" (the domain and all its subdomains). PATHGLOB is matched against
// the URL's path and query without the leading slash; '*' matches any run of
// characters. A pattern without a path matches any path on the host. How a
// URL string is read into that host and "path and query": url.h (one rule for
// the engine, the stub and the audit, tests/data/url-match/).
// Cookie pattern: a cookie name where '*' matches any run of characters.
//
// Consent Mode and HubSpot mappings: a type (bit) is granted when at least one
// category or service declares it, every service declaring it is allowed, and
// every category declaring it is allowed through its services: all of them
// allowed (a category without services: its own choice).
//
// Languages: the one rule that picks the language of everything a visitor
// reads (banner strings, the site's texts, the receipt) is
// wafer::Evaluate()'s (engine.h, docs/engine.md "Language"); LanguageLookup()
// below is its matching step.

#ifndef WAFER_CORE_INCLUDE_WAFER_COMPILED_POLICY_H_
#define WAFER_CORE_INCLUDE_WAFER_COMPILED_POLICY_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "wafer/types.h"
#include "wafer/url.h"

namespace wafer {

inline constexpr uint8_t kCompiledPolicyVersion = 4;
inline constexpr int kSiteKeySize = 16;

using SiteKey = std::array<uint8_t, kSiteKeySize>;

struct CompiledCategory {
  std::string_view id;
  uint32_t id_hash = 0;  // CategoryHash(id): how the consent cookie names it.
  uint8_t flags = 0;     // CategoryFlag bits.
  uint8_t defaults = 0;  // Bit (1 << Regime): on by default in that regime.
  uint8_t consent_mode = 0;
  uint8_t hubspot = 0;

  bool necessary() const { return flags & kCategoryNecessary; }
  bool sale_or_share() const { return flags & kCategorySaleOrShare; }
  bool DefaultOn(Regime r) const { return defaults & (1u << static_cast<int>(r)); }
};

// A URL pattern split once, when the policy is parsed.
struct UrlRule {
  std::string_view host;   // Without the "*." of a subdomain pattern.
  std::string_view path;   // The glob after the first '/', if any.
  bool subdomains = false; // "*.host": the host and all its subdomains.
  bool any_path = true;    // No '/' in the pattern.
};

struct CompiledService {
  std::string_view id;
  uint32_t id_hash = 0;  // ServiceHash(id): how the consent cookie names it.
  int category = 0;
  uint8_t flags = 0;  // ServiceFlag bits.
  uint8_t consent_mode = 0;
  uint8_t hubspot = 0;
  std::vector<std::string_view> url_patterns;
  std::vector<UrlRule> url_rules;  // url_patterns, split.
  std::vector<std::string_view> cookie_patterns;
  std::vector<std::string_view> cookie_paths;  // Declared: where else its cookies live.
};

struct CompiledRegion {
  std::string_view code;
  Regime regime = Regime::kOptIn;
};

class CompiledPolicy {
 public:
  // Parses `bytes` into `out`. Returns false, leaving `out` unspecified, if the
  // bytes are truncated, corrupt (integrity tag), from another format version
  // or exceed the limits in types.h.
  static bool Parse(std::string_view bytes, CompiledPolicy* out);

  // The regime for an ISO 3166 code ("FR", "US-CA"): the most specific
  // listed region wins ("US-CA" beats "US"), else the default.
  Regime RegimeFor(std::string_view region) const;

  // Index of the category or service with that id, or -1.
  int FindCategory(std::string_view id) const;
  int FindService(std::string_view id) const;

  SiteKey site_key{};
  uint32_t revision = 0;
  int consent_months = 13;
  int refusal_months = 6;
  int cookie_cap_months = 13;
  Regime default_regime = Regime::kOptIn;
  uint32_t wait_for_update_ms = 500;
  ConsentModeKind consent_mode = ConsentModeKind::kBasic;
  std::string_view cookie_name;
  std::string_view site_id;
  std::vector<CompiledRegion> regions;
  std::vector<std::string_view> domains;
  std::vector<std::string_view> languages;         // Texts exist; first = default.
  std::vector<std::string_view> banner_languages;  // Bundled banner languages.
  std::vector<CompiledCategory> categories;
  std::vector<CompiledService> services;
};

// The 32-bit hashes (FNV-1a) that name a category or a service inside the
// consent cookie.
uint32_t CategoryHash(std::string_view id);
uint32_t ServiceHash(std::string_view id);

// The language matching step of the engine's one language rule (engine.h,
// docs/engine.md "Language"). Tags are BCP 47, compared case-insensitively,
// '_' read as '-', and a primary subtag whose readers read another language
// read as that one: "no" and "nn" (Norwegian, Nynorsk) as "nb" (Bokmål), "iw"
// (the withdrawn code for Hebrew) as "he". LanguageAlias() is that table.
std::string_view LanguageAlias(std::string_view primary);

// The index of the entry of `tags` that serves language `lang`: `lang`
// itself, else `lang` with its last subtags removed one by one ("pt-BR" →
// "pt", "zh-Hant-TW" → "zh-Hant" → "zh"); at each step an entry equal to it
// wins over one equal only through an alias ("nn" → "nb"). -1 if none does.
// `tags` are tried in order, so the first of equal tags wins. Only tags whose
// bit is set in `among` (bit i: tags[i]) are considered.
int LanguageLookup(const std::vector<std::string_view>& tags, std::string_view lang,
                   uint64_t among = ~uint64_t{0});

// True if `a` and `b` have the same primary language subtag, aliases read
// ("pt-BR" and "pt-PT", "no" and "nb").
bool SamePrimaryLanguage(std::string_view a, std::string_view b);

// Which of `languages` (a policy's, first = default) the bundle
// `bundles[bundle]` shows: the one whose own bundle it is (LanguageLookup of
// the language among `bundles`), else the one it is a regional variant of
// (LanguageLookup of the bundle's tag among the languages some bundle shows:
// the "pt-BR" bundle shows "pt" texts when no language has the "pt-BR"
// bundle for its own). -1 if none. The engine picks a bundle only when this
// gives back the language it picked, and the banner data of a bundle is
// rendered in this language (banner_data.h PolicyLanguageFor), so the two
// always agree.
int LanguageShownBy(const std::vector<std::string_view>& languages,
                    const std::vector<std::string_view>& bundles, int bundle);

// True if `url`, read relative to `base` (absolute, or empty for none) as
// url.h says, matches `pattern`.
bool UrlMatches(std::string_view pattern, std::string_view url, std::string_view base = {});
UrlRule SplitUrlPattern(std::string_view pattern);
// UrlMatches() for a URL already read, to match many patterns against it.
bool UrlRuleMatches(const UrlRule& rule, const UrlParts& url);

// True if cookie `name` matches `pattern` ('*' = any run of characters).
bool GlobMatches(std::string_view pattern, std::string_view name);

// UrlMatches() or GlobMatches() on bytes, for the WASM engine's conformance
// test (tests/wasm/url_match_test.mjs): "WU" u8 version(=1), u8 kind (0 URL,
// 1 cookie name), str pattern, str URL or name, str base. Returns 1 (match),
// 0 (no match) or -1 (malformed).
int MatchWire(std::string_view bytes);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_COMPILED_POLICY_H_
