// banner_data.cc — renders the banner bundle's data (banner_data.h).
//
// The output layout (v1), read by the banner bundle (js/):
//
//   v                1 (this layout)
//   site, revision   the policy's
//   lang, dir        the language rendered (the policy language the bundle
//                    shows: the engine's answer), "ltr" or "rtl"
//   policy_url       the site's privacy policy
//   floating_button  whether to show the reopen button
//   texts            {key: text}: the policy's overrides for `lang`
//   categories       [{id, necessary, label, description}, …]
//   services         [{id, name, provider, privacy_url, category (index into
//                     categories), purpose, cookies: [{name, provider,
//                     purpose, lifetime, first_party}, …]}, …]
//   lifetime         exactly one of {"months":N}, {"seconds":N},
//                    {"session":true}: the banner words it in its language.
//
// Categories and services are written in policy order, which is the
// compiled order: CompilePolicy() writes both lists in policy order and a
// service's category as the index of its category in policy.categories
// (compiler.cc), so the indices here are the engine's.

#include "wafer/banner_data.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "internal/js_literal.h"
#include "wafer/compiled_policy.h"
#include "wafer/policy.h"

namespace wafer {
namespace {

using internal::AppendKey;
using internal::AppendString;

// Primary language subtags written right to left (bundled: ar, he).
bool IsRightToLeft(std::string_view lang) {
  const std::string_view primary = LanguageAlias(lang.substr(0, lang.find_first_of("-_")));
  for (std::string_view rtl : {"ar", "dv", "fa", "he", "ps", "ur", "yi"}) {
    if (primary == rtl) return true;
  }
  return false;
}

// The text in `lang`, else the policy's default language, else English,
// else the first language present (LocalizedText is sorted: deterministic).
std::string_view Pick(const LocalizedText& text, std::string_view lang, const Policy& policy) {
  if (text.empty()) return "";
  const std::string_view first =
      policy.languages.empty() ? std::string_view() : std::string_view(policy.languages.front());
  for (std::string_view want : {lang, first, std::string_view("en")}) {
    if (want.empty()) continue;
    auto it = text.find(std::string(want));
    if (it != text.end()) return it->second;
  }
  return text.begin()->second;
}

// The index of category `id` in the policy (= in the compiled policy), or -1.
// A policy whose service names an unknown category does not compile, so -1
// is never served.
int CategoryIndex(const Policy& policy, std::string_view id) {
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    if (policy.categories[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::string Lifetime(const CookieLifetime& lifetime) {
  if (lifetime.session) return "{\"session\":true}";
  if (lifetime.months > 0) return "{\"months\":" + std::to_string(lifetime.months) + "}";
  return "{\"seconds\":" + std::to_string(lifetime.seconds) + "}";
}

std::string Cookie(const CookieDeclaration& c, std::string_view lang, const Policy& policy) {
  std::string out = "{";
  AppendKey("name", &out);
  AppendString(c.name, &out);
  AppendKey("provider", &out);
  AppendString(c.provider, &out);
  AppendKey("purpose", &out);
  AppendString(Pick(c.purpose, lang, policy), &out);
  AppendKey("lifetime", &out);
  out += Lifetime(c.lifetime);
  AppendKey("first_party", &out);
  out += c.first_party ? "true" : "false";
  return out + "}";
}

std::string CategoryObject(const Category& c, std::string_view lang, const Policy& policy) {
  std::string out = "{";
  AppendKey("id", &out);
  AppendString(c.id, &out);
  AppendKey("necessary", &out);
  out += c.necessary ? "true" : "false";
  AppendKey("label", &out);
  AppendString(Pick(c.label, lang, policy), &out);
  AppendKey("description", &out);
  AppendString(Pick(c.description, lang, policy), &out);
  return out + "}";
}

std::string ServiceObject(const Service& s, std::string_view lang, const Policy& policy) {
  std::string out = "{";
  AppendKey("id", &out);
  AppendString(s.id, &out);
  AppendKey("name", &out);
  AppendString(s.name.empty() ? s.id : s.name, &out);
  AppendKey("provider", &out);
  AppendString(s.provider, &out);
  AppendKey("privacy_url", &out);
  AppendString(s.privacy_url, &out);
  AppendKey("category", &out);
  out += std::to_string(CategoryIndex(policy, s.category));
  AppendKey("purpose", &out);
  AppendString(Pick(s.purpose, lang, policy), &out);
  AppendKey("cookies", &out);
  out.push_back('[');
  for (size_t i = 0; i < s.cookies.size(); ++i) {
    if (i) out.push_back(',');
    out += Cookie(s.cookies[i], lang, policy);
  }
  out.push_back(']');
  return out + "}";
}

}  // namespace

const std::vector<std::string_view>& BannerLanguages() {
  static const std::vector<std::string_view>* const languages = new std::vector<std::string_view>{
#include "banner_languages.inc"
  };
  return *languages;
}

bool IsBannerLanguage(std::string_view lang) {
  const std::vector<std::string_view>& all = BannerLanguages();
  return std::find(all.begin(), all.end(), lang) != all.end();
}

const std::vector<std::string_view>& BannerTextKeys() {
  // The order of the contract (docs/policy.md): first layer, buttons,
  // preferences, tables, click-to-load placeholder. (The floating reopen
  // button is the loader's, with its own built-in labels: no key here.)
  static const std::vector<std::string_view>* const keys = new std::vector<std::string_view>{
      "title", "text", "opt_out_text", "gpc", "unavailable", "policy_link", "accept_all",
      "reject_all", "customise", "close", "close_means_reject", "save", "withdraw", "withdrawn",
      "opt_out", "opted_out", "preferences_title", "preferences_text", "always_on", "services",
      "cookies", "cookie_name", "provider", "purpose", "lifetime", "session", "blocked",
      "load", "always_allow"};
  return *keys;
}

std::vector<std::string_view> BannerTextPlaceholders(std::string_view key) {
  if (key == "blocked") return {"service", "category"};
  if (key == "load" || key == "always_allow") return {"service"};
  return {};
}

std::string_view PolicyLanguageFor(const Policy& policy, std::string_view banner_language) {
  const std::vector<std::string_view>& bundles = BannerLanguages();
  int bundle = -1;
  for (size_t i = 0; i < bundles.size(); ++i) {
    if (bundles[i] == banner_language) bundle = static_cast<int>(i);
  }
  const std::vector<std::string_view> languages(policy.languages.begin(), policy.languages.end());
  const int shown = LanguageShownBy(languages, bundles, bundle);
  return shown >= 0 ? std::string_view(policy.languages[shown]) : banner_language;
}

std::string RenderBannerData(const Policy& policy, std::string_view banner_language) {
  // The texts are the policy language this bundle shows (one per bundle,
  // checked by ParsePolicy): the one the engine picked for this visitor.
  const std::string_view lang = PolicyLanguageFor(policy, banner_language);
  std::string out = "{";
  AppendKey("v", &out);
  out += "1";
  AppendKey("site", &out);
  AppendString(policy.site_id, &out);
  AppendKey("lang", &out);
  AppendString(lang, &out);
  AppendKey("dir", &out);
  AppendString(IsRightToLeft(lang) ? "rtl" : "ltr", &out);
  AppendKey("revision", &out);
  out += std::to_string(policy.revision);
  AppendKey("policy_url", &out);
  AppendString(policy.policy_url, &out);
  AppendKey("floating_button", &out);
  out += policy.banner.floating_button ? "true" : "false";

  AppendKey("texts", &out);
  std::string texts = "{";
  auto overrides = policy.banner.texts.find(std::string(lang));
  if (overrides != policy.banner.texts.end()) {
    for (const auto& [key, text] : overrides->second) {  // std::map: sorted.
      AppendKey(key, &texts);
      AppendString(text, &texts);
    }
  }
  out += texts + "}";

  AppendKey("categories", &out);
  out.push_back('[');
  for (size_t i = 0; i < policy.categories.size(); ++i) {
    if (i) out.push_back(',');
    out += CategoryObject(policy.categories[i], lang, policy);
  }
  out.push_back(']');

  AppendKey("services", &out);
  out.push_back('[');
  for (size_t i = 0; i < policy.services.size(); ++i) {
    if (i) out.push_back(',');
    out += ServiceObject(policy.services[i], lang, policy);
  }
  out.push_back(']');

  out.push_back('}');
  return out;
}

}  // namespace wafer
