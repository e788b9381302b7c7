#include "wafer/json_io.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "internal/absl_compat.h"
#include "wafer/consent_state.h"

namespace wafer {
namespace {

using internal::Sv;
using nlohmann::json;

absl::Status Invalid(std::string_view path, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(Sv(path), ": ", Sv(what)));
}

// Copies `s` into the document and returns a view of the copy.
std::string_view Keep(FactsDocument& doc, std::string s) {
  doc.strings.push_back(std::move(s));
  return doc.strings.back();
}

absl::Status ReadString(FactsDocument& doc, const json& j, std::string_view path,
                        std::string_view* out) {
  if (!j.is_string()) return Invalid(path, "expected a string");
  *out = Keep(doc, j.get<std::string>());
  return absl::OkStatus();
}

absl::Status ReadTime(const json& j, int64_t* out) {
  if (j.is_number_integer()) {
    *out = j.get<int64_t>();
    if (*out < 0) return Invalid("now", "expected a non-negative Unix time");
    return absl::OkStatus();
  }
  if (!j.is_string()) return Invalid("now", "expected an RFC 3339 time or Unix seconds");
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, j.get<std::string>(), &t, &err)) {
    return Invalid("now", absl::StrCat("expected an RFC 3339 time such as "
                                       "\"2026-01-15T10:00:00Z\" (", err, ")"));
  }
  *out = absl::ToUnixSeconds(t);
  if (*out < 0) return Invalid("now", "expected a time after 1970");
  return absl::OkStatus();
}

template <typename Enum, typename NameOf>
absl::Status ReadEnumName(const json& j, std::string_view path, int count, NameOf name_of,
                          Enum* out) {
  std::vector<std::string> names;
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    for (int i = 0; i < count; ++i) {
      if (name_of(static_cast<Enum>(i)) == s) {
        *out = static_cast<Enum>(i);
        return absl::OkStatus();
      }
    }
  }
  for (int i = 0; i < count; ++i) names.emplace_back(name_of(static_cast<Enum>(i)));
  return Invalid(path, absl::StrCat("expected one of ", absl::StrJoin(names, ", ")));
}

absl::Status ReadHexId(const json& j, std::array<uint8_t, kConsentIdSize>* out) {
  if (!j.is_string() || j.get<std::string>().size() != 2 * kConsentIdSize) {
    return Invalid("fresh_id", "expected 32 hexadecimal digits");
  }
  const std::string s = j.get<std::string>();
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (int i = 0; i < kConsentIdSize; ++i) {
    const int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);
    if (hi < 0 || lo < 0) return Invalid("fresh_id", "expected 32 hexadecimal digits");
    (*out)[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return absl::OkStatus();
}

absl::Status CheckKeys(const json& j, std::string_view path,
                       std::initializer_list<std::string_view> known) {
  for (const auto& item : j.items()) {
    bool ok = false;
    for (std::string_view k : known) ok |= item.key() == k;
    if (!ok) {
      std::vector<std::string> names(known.begin(), known.end());
      return Invalid(path.empty() ? item.key() : absl::StrCat(Sv(path), ".", item.key()),
                     absl::StrCat("unknown key; expected one of ", absl::StrJoin(names, ", ")));
    }
  }
  return absl::OkStatus();
}

#define WAFER_RETURN_IF_ERROR(expr)      \
  do {                                   \
    absl::Status _status = (expr);       \
    if (!_status.ok()) return _status;   \
  } while (false)

absl::Status ReadChoice(FactsDocument& doc, const json& j) {
  if (!j.is_object()) return Invalid("choice", "expected an object");
  WAFER_RETURN_IF_ERROR(CheckKeys(j, "choice", {"action", "granted", "services"}));
  Choice c;
  if (!j.contains("action")) return Invalid("choice.action", "missing");
  WAFER_RETURN_IF_ERROR(
      ReadEnumName(j["action"], "choice.action", kActionCount, ActionName, &c.action));
  if (j.contains("granted")) {
    const json& g = j["granted"];
    if (!g.is_array()) return Invalid("choice.granted", "expected an array of category ids");
    for (size_t i = 0; i < g.size(); ++i) {
      std::string_view id;
      WAFER_RETURN_IF_ERROR(ReadString(doc, g[i], absl::StrCat("choice.granted[", i, "]"), &id));
      c.granted.push_back(id);
    }
  }
  if (j.contains("services")) {
    const json& m = j["services"];
    if (!m.is_object()) {
      return Invalid("choice.services", "expected an object: service id → true or false");
    }
    for (auto it = m.begin(); it != m.end(); ++it) {
      if (!it.value().is_boolean()) {
        return Invalid(absl::StrCat("choice.services.", it.key()), "expected true or false");
      }
      doc.strings.push_back(it.key());
      c.services.push_back({doc.strings.back(), it.value().get<bool>()});
    }
  }
  doc.choice = std::move(c);
  return absl::OkStatus();
}

std::string Iso(int64_t t) { return FormatUtc(t); }

// Facts nest 3 levels deep; like policies, anything past 64 is refused
// before a document is built. A scan of the bytes, strings skipped.
bool NestedDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

std::string FormatUtc(int64_t unix_seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(unix_seconds),
                          absl::UTCTimeZone());
}

absl::StatusOr<FactsDocument> ParseFactsJson(std::string_view text) {
  if (NestedDeeperThan(text, 64)) return Invalid("facts", "nested deeper than 64 levels of objects and arrays");
  const json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Invalid("facts", "not valid JSON");
  if (!j.is_object()) return Invalid("facts", "expected a JSON object");
  WAFER_RETURN_IF_ERROR(CheckKeys(j, "", {"now", "region", "gpc", "languages", "host", "path",
                                          "cookies", "mirror", "fresh_id", "elements",
                                          "page_services", "choice"}));
  FactsDocument doc;
  Facts& f = doc.facts;
  if (!j.contains("now")) return Invalid("now", "missing (the time of the page view, UTC)");
  WAFER_RETURN_IF_ERROR(ReadTime(j["now"], &f.now));
  if (j.contains("region")) WAFER_RETURN_IF_ERROR(ReadString(doc, j["region"], "region", &f.region));
  if (j.contains("gpc")) {
    if (!j["gpc"].is_boolean()) return Invalid("gpc", "expected true or false");
    f.gpc = j["gpc"].get<bool>();
  }
  if (j.contains("languages")) {
    const json& l = j["languages"];
    if (!l.is_array()) return Invalid("languages", "expected an array of language tags");
    for (size_t i = 0; i < l.size(); ++i) {
      std::string_view s;
      WAFER_RETURN_IF_ERROR(ReadString(doc, l[i], absl::StrCat("languages[", i, "]"), &s));
      f.languages.push_back(s);
    }
  }
  if (j.contains("host")) WAFER_RETURN_IF_ERROR(ReadString(doc, j["host"], "host", &f.host));
  if (j.contains("path")) WAFER_RETURN_IF_ERROR(ReadString(doc, j["path"], "path", &f.path));
  if (j.contains("cookies")) {
    WAFER_RETURN_IF_ERROR(ReadString(doc, j["cookies"], "cookies", &f.cookies));
  }
  if (j.contains("mirror")) {
    WAFER_RETURN_IF_ERROR(ReadString(doc, j["mirror"], "mirror", &f.stored_mirror));
  }
  if (j.contains("fresh_id")) WAFER_RETURN_IF_ERROR(ReadHexId(j["fresh_id"], &f.fresh_id));
  if (j.contains("elements")) {
    const json& els = j["elements"];
    if (!els.is_array()) return Invalid("elements", "expected an array");
    for (size_t i = 0; i < els.size(); ++i) {
      const std::string path = absl::StrCat("elements[", i, "]");
      const json& e = els[i];
      if (!e.is_object()) return Invalid(path, "expected an object");
      WAFER_RETURN_IF_ERROR(CheckKeys(e, path, {"kind", "url", "category", "service"}));
      HeldElement h;
      if (e.contains("kind")) {
        WAFER_RETURN_IF_ERROR(ReadEnumName(e["kind"], path + ".kind", kElementKindCount,
                                           ElementKindName, &h.kind));
      }
      if (e.contains("url")) WAFER_RETURN_IF_ERROR(ReadString(doc, e["url"], path + ".url", &h.url));
      if (e.contains("category")) {
        WAFER_RETURN_IF_ERROR(ReadString(doc, e["category"], path + ".category", &h.category));
      }
      if (e.contains("service")) {
        WAFER_RETURN_IF_ERROR(ReadString(doc, e["service"], path + ".service", &h.service));
      }
      f.elements.push_back(h);
    }
  }
  if (j.contains("page_services")) {
    const json& l = j["page_services"];
    if (!l.is_array()) return Invalid("page_services", "expected an array of service ids");
    for (size_t i = 0; i < l.size(); ++i) {
      std::string_view s;
      WAFER_RETURN_IF_ERROR(ReadString(doc, l[i], absl::StrCat("page_services[", i, "]"), &s));
      f.page_services.push_back(s);
    }
  }
  if (j.contains("choice")) WAFER_RETURN_IF_ERROR(ReadChoice(doc, j["choice"]));
  return doc;
}

std::string DecisionToJson(const CompiledPolicy& policy, const Facts& facts,
                           const Decision& d, int indent) {
  json out = json::object();
  std::vector<std::string> why;
  out["policy_ok"] = d.policy_ok;
  if (!d.policy_ok) {
    why.push_back("The compiled policy could not be read: everything stays held (fail closed).");
  }
  out["regime"] = std::string(RegimeName(d.regime));
  if (d.policy_ok) {
    why.push_back(absl::StrCat("Regime ", Sv(RegimeName(d.regime)), " for region \"", Sv(facts.region),
                               "\" (", facts.region.empty() ? "unknown region, policy default"
                                                            : "policy region map or default",
                               ")."));
  }
  out["banner"] = {{"show", d.show_banner}, {"reason", std::string(BannerReasonName(d.reason))}};
  static constexpr std::pair<BannerReason, const char*> kReasons[] = {
      {BannerReason::kFirstVisit, "No stored consent: the banner asks."},
      {BannerReason::kStateInvalid,
       "The stored consent is corrupt, foreign or was tampered with: it counts as none and is "
       "cleared."},
      {BannerReason::kConsentLapsed, "The stored consent is older than the consent lifetime."},
      {BannerReason::kRefusalLapsed, "The stored refusal is older than the refusal lifetime."},
      {BannerReason::kRevisionChanged,
       "The stored consent was given under another policy revision: it no longer applies."},
      {BannerReason::kRegimeChanged,
       "The stored choice was made under a laxer regime than the visitor's current one."},
      {BannerReason::kNotice, "No choice recorded yet under this regime: the notice shows."},
  };
  for (const auto& [reason, text] : kReasons) {
    if (d.reason == reason) why.push_back(text);
  }
  if (d.policy_ok && !policy.languages.empty() &&
      static_cast<size_t>(d.language) < policy.languages.size()) {
    out["language"] = std::string(policy.languages[d.language]);
    out["banner_language"] = std::string(d.banner_language);
    why.push_back(absl::StrCat("Language \"", Sv(policy.languages[d.language]),
                               "\": the site's texts, with the \"", Sv(d.banner_language),
                               "\" banner."));
  }

  json categories = json::array(), services = json::array();
  for (size_t i = 0; i < policy.categories.size() && d.policy_ok; ++i) {
    if (d.CategoryAllowed(static_cast<int>(i))) categories.push_back(std::string(policy.categories[i].id));
  }
  for (size_t i = 0; i < policy.services.size() && d.policy_ok; ++i) {
    if (d.ServiceAllowed(static_cast<int>(i))) services.push_back(std::string(policy.services[i].id));
  }
  out["allowed"] = {{"categories", categories}, {"services", services}};
  if (d.policy_ok) {
    why.push_back(absl::StrCat("Allowed categories: ", categories.dump(), "; services: ",
                               services.dump(), "."));
  }
  json cookieless = json::array();
  for (size_t i = 0; i < policy.services.size() && d.policy_ok; ++i) {
    if (d.ServiceCookieless(static_cast<int>(i))) {
      cookieless.push_back(std::string(policy.services[i].id));
    }
  }
  out["cookieless"] = cookieless;
  if (!cookieless.empty()) {
    why.push_back(absl::StrCat(
        "Consent Mode advanced: ", cookieless.dump(),
        " load with their Consent Mode types denied (cookieless pings); their cookies stay "
        "refused."));
  }
  if (d.gpc_honoured) {
    why.push_back("Global Privacy Control is on: sale/share categories are refused.");
  }

  json cm = json::object();
  for (int i = 0; i < kConsentModeTypeCount; ++i) {
    cm[std::string(ConsentModeTypeName(i))] = (d.consent_mode >> i) & 1 ? "granted" : "denied";
  }
  out["consent_mode"] = cm;
  json hs = json::object();
  for (int i = 0; i < 3; ++i) hs[std::string(HubSpotCategoryName(i))] = ((d.hubspot >> i) & 1) != 0;
  hs["do_not_track"] = d.hubspot_do_not_track;
  out["hubspot"] = hs;
  out["gpc_honoured"] = d.gpc_honoured;

  json elements = json::array();
  for (size_t i = 0; i < d.elements.size(); ++i) {
    const ElementVerdict& v = d.elements[i];
    json e = {{"verdict", v.release ? "release" : "keep"},
              {"reason", std::string(ElementReasonName(v.reason))}};
    std::string label = absl::StrCat("element ", i);
    if (i < facts.elements.size()) {
      e["kind"] = std::string(ElementKindName(facts.elements[i].kind));
      e["url"] = std::string(facts.elements[i].url);
      if (!facts.elements[i].url.empty()) label = std::string(facts.elements[i].url);
    }
    if (v.service >= 0 && static_cast<size_t>(v.service) < policy.services.size()) {
      e["service"] = std::string(policy.services[v.service].id);
    }
    if (v.category >= 0 && static_cast<size_t>(v.category) < policy.categories.size()) {
      e["category"] = std::string(policy.categories[v.category].id);
    }
    switch (v.reason) {
      case ElementReason::kAllowed:
        why.push_back(absl::StrCat(
            "Release ", label, ": ",
            e.contains("service") ? absl::StrCat("service \"", e.value("service", ""), "\"")
                                  : absl::StrCat("category \"", e.value("category", ""), "\""),
            " is allowed."));
        break;
      case ElementReason::kRefused:
        why.push_back(absl::StrCat(
            "Keep ", label, ": ",
            e.contains("service") ? absl::StrCat("service \"", e.value("service", ""), "\" in ")
                                  : std::string(),
            "category \"", e.value("category", "?"), "\": not allowed."));
        break;
      case ElementReason::kUnmatched:
        why.push_back(absl::StrCat("Keep ", label,
                                   ": no service of the policy matches it (fail closed)."));
        break;
      case ElementReason::kUnknownMarking:
        why.push_back(absl::StrCat("Keep ", label,
                                   ": marked with a category or service the policy lacks."));
        break;
      case ElementReason::kCookieless:
        why.push_back(absl::StrCat("Release ", label, ": service \"", e.value("service", ""),
                                   "\" is not allowed, but Consent Mode is advanced: it runs "
                                   "with its types denied and without cookies."));
        break;
      case ElementReason::kPolicyInvalid:
        break;
    }
    elements.push_back(e);
  }
  out["elements"] = elements;

  json deletions = json::array();
  for (std::string_view name : d.delete_cookies) {
    deletions.push_back({{"name", std::string(name)},
                         {"domains", std::vector<std::string>(d.delete_domains.begin(),
                                                              d.delete_domains.end())},
                         {"paths", std::vector<std::string>(d.delete_paths.begin(),
                                                            d.delete_paths.end())}});
  }
  out["delete_cookies"] = deletions;
  if (!d.delete_cookies.empty()) {
    why.push_back(absl::StrCat("Delete ", d.delete_cookies.size(),
                               " tracker cookie(s) of refused services or expired categories."));
  }

  json gtag = json::array();
  for (const GtagExpiry& g : d.gtag) {
    json item = {{"cookie_expires", g.cookie_expires}, {"cookie_update", false}};
    if (g.service >= 0 && static_cast<size_t>(g.service) < policy.services.size()) {
      item["service"] = std::string(policy.services[g.service].id);
    }
    gtag.push_back(item);
  }
  out["gtag"] = gtag;

  json state = {{"changed", d.state_changed}};
  if (d.state_changed || !d.state.empty()) state["value"] = d.state;
  if (d.consent.present) {
    state["consent_id"] = ConsentIdHex(d.consent.consent_id);
    state["given_at"] = Iso(d.consent.given_at);
    state["expires_at"] = Iso(d.consent.expires_at);
    state["method"] = std::string(MethodName(d.consent.method));
  }
  out["state"] = state;
  if (d.state_changed) {
    why.push_back(d.state.empty() ? "Clear the stored consent."
                                  : "Store the consent state (cookie and localStorage mirror).");
  } else if (!d.state.empty()) {
    why.push_back("A one-time consent for this page view: recorded (receipt), not stored.");
  }
  out["explanation"] = why;
  return out.dump(indent);
}

}  // namespace wafer
