#include "receipt.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util.h"
#include "wafer/consent_state.h"
#include "wafer/engine.h"
#include "wafer/identifiers.h"
#include "wafer/json_type.h"
#include "wafer/types.h"

namespace wafer {
namespace server {
namespace {

using nlohmann::json;

bool Fail(ReceiptError* err, int status, std::string code, std::string path, std::string message) {
  err->status = status;
  err->code = std::move(code);
  err->path = std::move(path);
  err->message = std::move(message);
  return false;
}

bool AllOf(std::string_view s, const char* allowed_extra) {
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              (c != '\0' && strchr(allowed_extra, c) != nullptr);
    if (!ok) return false;
  }
  return true;
}

bool IsLowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}


}  // namespace

const ReceiptKey kReceiptKeys[11] = {
    {"site", true},  {"consent_id", true}, {"revision", true}, {"banner_hash", true},
    {"language", true}, {"choices", true}, {"method", true},   {"regime", true},
    {"gpc", true},   {"state", true},      {"token", false}};

std::string ReceiptError::ToJson() const {
  nlohmann::json j = {{"error", {{"code", code}, {"path", path}, {"message", message}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool ParseReceiptRequest(std::string_view body, ReceiptRequest* out, ReceiptError* err) {
  json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Fail(err, 400, "wafer.receipt.syntax", "", "the body is not valid JSON (UTF-8)");
  }
  if (!doc.is_object()) {
    return Fail(err, 400, "wafer.receipt.type", "", std::string("expected an object, got ") + JsonTypeName(doc));
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (std::find_if(std::begin(kReceiptKeys), std::end(kReceiptKeys), [&](const ReceiptKey& k) {
          return it.key() == k.name;
        }) == std::end(kReceiptKeys)) {
      return Fail(err, 400, "wafer.receipt.unknown_key", it.key().substr(0, 64),
                  "unknown key \"" + it.key().substr(0, 64) + "\"");
    }
  }
  for (const ReceiptKey& k : kReceiptKeys) {
    if (k.required && !doc.contains(k.name)) {
      return Fail(err, 400, "wafer.receipt.missing", k.name,
                  std::string("missing required key \"") + k.name + "\"");
    }
  }
  auto string_at = [&](const char* key, size_t min, size_t max, std::string* dst) {
    const json& v = doc[key];
    if (!v.is_string()) {
      return Fail(err, 400, "wafer.receipt.type", key,
                  std::string("expected a string, got ") + JsonTypeName(v));
    }
    const std::string& s = v.get_ref<const std::string&>();
    if (s.size() < min || s.size() > max) {
      return Fail(err, 400, "wafer.receipt.range", key,
                  "expected " + std::to_string(min) + " to " + std::to_string(max) +
                      " characters, got " + std::to_string(s.size()));
    }
    *dst = s;
    return true;
  };
  if (!string_at("site", 1, 64, &out->site)) return false;
  if (!IsSiteId(out->site)) {
    return Fail(err, 400, "wafer.receipt.format", "site", "expected a site id ([a-z0-9][a-z0-9_-]*)");
  }
  if (!string_at("consent_id", 32, 32, &out->consent_id)) return false;
  if (!IsLowerHex(out->consent_id)) {
    return Fail(err, 400, "wafer.receipt.format", "consent_id", "expected 32 lower-case hex digits");
  }
  {
    const json& v = doc["revision"];
    if (!v.is_number_integer()) {
      return Fail(err, 400, "wafer.receipt.type", "revision",
                  std::string("expected an integer, got ") + JsonTypeName(v));
    }
    if (v.is_number_unsigned() ? v.get<uint64_t>() > 0xffffffffull || v.get<uint64_t>() == 0
                               : true) {
      return Fail(err, 400, "wafer.receipt.range", "revision", "expected an integer from 1 to 4294967295");
    }
    out->revision = static_cast<uint32_t>(v.get<uint64_t>());
  }
  if (!string_at("banner_hash", 8, 128, &out->banner_hash)) return false;
  if (!AllOf(out->banner_hash, "-_:.=+/")) {
    return Fail(err, 400, "wafer.receipt.format", "banner_hash",
                "expected a hash (hex, base64 or base64url, optionally prefixed \"sha256:\")");
  }
  if (!string_at("language", 2, 35, &out->language)) return false;
  if (!IsLanguageTag(out->language)) {
    return Fail(err, 400, "wafer.receipt.format", "language", "expected a language tag such as \"fr\" or \"pt-BR\"");
  }
  {
    const json& v = doc["choices"];
    if (!v.is_object()) {
      return Fail(err, 400, "wafer.receipt.type", "choices",
                  std::string("expected an object, got ") + JsonTypeName(v));
    }
    if (v.size() > static_cast<size_t>(kMaxCategories)) {
      return Fail(err, 400, "wafer.receipt.range", "choices", "more categories than a policy can have");
    }
    out->choices.clear();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!IsCategoryId(it.key())) {
        return Fail(err, 400, "wafer.receipt.format", "choices",
                    "expected category ids as keys ([a-z][a-z0-9_-]{0,31})");
      }
      if (!it.value().is_boolean()) {
        return Fail(err, 400, "wafer.receipt.type", "choices." + it.key(),
                    std::string("expected a boolean, got ") + JsonTypeName(it.value()));
      }
      out->choices[it.key()] = it.value().get<bool>();
    }
  }
  if (!string_at("method", 1, 16, &out->method)) return false;
  // Every method core names except "none" (no answer yet, never a receipt).
  // "once" is a placeholder's one-time load (a record, never stored);
  // "allow", services allowed from a placeholder before any banner answer.
  Method method;
  if (!ParseMethod(out->method, &method) || method == Method::kNone) {
    return Fail(err, 400, "wafer.receipt.format", "method",
                "expected one of accept-all, reject-all, custom, closed, gpc, withdraw, opt-out, "
                "once, allow");
  }
  if (!string_at("regime", 1, 16, &out->regime)) return false;
  Regime regime;
  if (!ParseRegime(out->regime, &regime)) {
    return Fail(err, 400, "wafer.receipt.format", "regime", "expected one of opt-in, opt-out, notice");
  }
  {
    const json& v = doc["gpc"];
    if (!v.is_boolean()) {
      return Fail(err, 400, "wafer.receipt.type", "gpc", std::string("expected a boolean, got ") + JsonTypeName(v));
    }
    out->gpc = v.get<bool>();
  }
  if (!string_at("state", 16, 4096, &out->state)) return false;
  if (!AllOf(out->state, "-_")) {
    return Fail(err, 400, "wafer.receipt.format", "state", "expected the consent cookie value (base64url)");
  }
  out->token.clear();
  if (doc.contains("token")) {
    if (!string_at("token", 1, 128, &out->token)) return false;
    if (!AllOf(out->token, "-_.")) {
      return Fail(err, 400, "wafer.receipt.format", "token",
                  "expected the page-view token of the site's wafer.js");
    }
  }
  return true;
}

bool VerifyReceiptRequest(const ReceiptRequest& req, const CompiledPolicy& policy,
                          const std::string& policy_hash, int64_t now_ms, Receipt* out,
                          ReceiptError* err) {
  if (req.revision != policy.revision) {
    return Fail(err, 409, "wafer.receipt.stale_revision", "revision",
                "policy revision " + std::to_string(req.revision) + " is not the current revision " +
                    std::to_string(policy.revision) + " of site \"" + req.site + "\"");
  }
  ConsentState state;
  if (!DecodeConsentState(req.state, policy.site_key, &state)) {
    return Fail(err, 400, "wafer.receipt.state_invalid", "state",
                "the state does not decode under the site's policy (altered, truncated or from "
                "another site; its integrity tag uses a key derived from the public site id, so "
                "it catches accidents, not forgery)");
  }
  std::string id = ConsentIdHex(state.consent_id);
  if (id != req.consent_id) {
    return Fail(err, 400, "wafer.receipt.state_mismatch", "consent_id",
                "the state holds consent id " + id + ", not " + req.consent_id);
  }
  if (MethodName(state.method) != req.method) {
    return Fail(err, 400, "wafer.receipt.state_mismatch", "method",
                "the state records method " + std::string(MethodName(state.method)) + ", not " + req.method);
  }
  if (RegimeName(state.regime) != req.regime) {
    return Fail(err, 400, "wafer.receipt.state_mismatch", "regime",
                "the state records regime " + std::string(RegimeName(state.regime)) + ", not " + req.regime);
  }
  if (state.revision != req.revision) {
    return Fail(err, 400, "wafer.receipt.state_mismatch", "revision",
                "the state was given under revision " + std::to_string(state.revision));
  }
  for (const auto& [cat, granted] : req.choices) {
    if (policy.FindCategory(cat) < 0) {
      return Fail(err, 400, "wafer.receipt.unknown_category", "choices." + cat,
                  "site \"" + req.site + "\" has no category \"" + cat + "\"");
    }
  }
  nlohmann::json choices = nlohmann::json::object();
  for (const CompiledCategory& c : policy.categories) {
    const CategoryChoice* choice = state.Find(c.id_hash);
    bool expected = c.necessary() || (choice != nullptr && choice->granted);
    std::string cid(c.id);
    auto claimed = req.choices.find(cid);
    if (claimed != req.choices.end() && claimed->second != expected) {
      return Fail(err, 400, "wafer.receipt.state_mismatch", "choices." + cid,
                  std::string("the state ") + (expected ? "grants" : "does not grant") + " \"" + cid + "\"");
    }
    if (claimed == req.choices.end() && expected && !c.necessary()) {
      return Fail(err, 400, "wafer.receipt.state_mismatch", "choices." + cid,
                  "missing: the state grants \"" + cid + "\"");
    }
    choices[cid] = expected;
  }
  // The services with a choice of their own in the state (consent per
  // service), recorded beside the categories as "service:<id>" (no category
  // id has a colon): {"marketing":false,…,"service:youtube":true}.
  for (const CompiledService& s : policy.services) {
    const ServiceChoice* own = state.FindService(s.id_hash);
    if (own == nullptr) continue;
    choices["service:" + std::string(s.id)] = own->granted;
  }
  int64_t now = now_ms / 1000;
  if (state.given_at > now + 86400) {
    return Fail(err, 400, "wafer.receipt.state_invalid", "state", "the state was given more than a day in the future");
  }
  // A one-time load ends when it is given (ConsentExpiresAt); it is
  // recorded on the day it is given.
  const bool once = state.method == Method::kOnce;
  const int64_t expires = ConsentExpiresAt(policy, state);
  if (!once && expires <= now) {
    return Fail(err, 400, "wafer.receipt.state_invalid", "state", "the state has already lapsed");
  }
  if (once && state.given_at + 86400 < now) {
    return Fail(err, 400, "wafer.receipt.state_invalid", "state",
                "a one-time consent is recorded on the day it is given");
  }
  out->site = req.site;
  out->consent_id = req.consent_id;
  out->revision = req.revision;
  out->policy_hash = policy_hash;
  out->banner_hash = req.banner_hash;
  out->language = req.language;
  out->choices = choices.dump();
  out->method = req.method;
  out->regime = req.regime;
  out->gpc = req.gpc;
  out->state = req.state;
  out->state_hash = Hex(Sha256(req.state));
  out->given_at = state.given_at;
  out->expires_at = expires;
  return true;
}

namespace {

// The canonical form through nlohmann: the definition (any bytes).
std::string CanonicalWithJsonLibrary(const Receipt& r) {
  nlohmann::json j = {
      {"banner_hash", r.banner_hash}, {"choices", r.choices},       {"consent_id", r.consent_id},
      {"expires_at", r.expires_at},   {"given_at", r.given_at},     {"gpc", r.gpc ? 1 : 0},
      {"ip", r.ip},                   {"language", r.language},     {"method", r.method},
      {"policy_hash", r.policy_hash}, {"receipt_id", r.receipt_id}, {"regime", r.regime},
      {"revision", r.revision},       {"server_time", FormatIsoMs(r.server_time_ms)},
      {"site", r.site},               {"state", r.state},           {"ua_family", r.ua_family},
      {"v", r.sig_version == 1 ? 1 : 2}};
  if (r.sig_version != 1) {
    j["key_id"] = r.key_id;
    j["page_view"] = r.page_view;
    j["page_view_at"] = r.page_view_at;
  }
  // nlohmann's objects are std::map: dump() writes the keys in byte order.
  return j.dump(-1, ' ', /*ensure_ascii=*/true, nlohmann::json::error_handler_t::replace);
}

// Printable ASCII: what every field holds once validated. For such strings
// the JSON text is the string with '"' and '\\' escaped, exactly as nlohmann
// writes it.
bool PlainAscii(const std::string& s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

void AppendField(std::string* out, const char* key, const std::string& value) {
  *out += '"';
  *out += key;
  *out += "\":\"";
  for (char c : value) {
    if (c == '"' || c == '\\') *out += '\\';
    *out += c;
  }
  *out += "\",";
}

void AppendField(std::string* out, const char* key, int64_t value) {
  *out += '"';
  *out += key;
  *out += "\":";
  *out += std::to_string(value);
  *out += ',';
}

}  // namespace

std::string CanonicalReceipt(const Receipt& r) {
  // Keys in byte order; every value a string or integer; choices embedded as
  // its canonical JSON text so the bytes never depend on a parser. Written
  // directly for the fields as the server stores them (printable ASCII, the
  // hot path of every receipt), else through nlohmann; both give the same
  // bytes (receipt_test checks them against each other).
  const std::string server_time = FormatIsoMs(r.server_time_ms);
  for (const std::string* s : {&r.banner_hash, &r.choices, &r.consent_id, &r.ip, &r.key_id, &r.language, &r.method,
                               &r.page_view, &r.policy_hash, &r.receipt_id, &r.regime, &r.site, &r.state,
                               &r.ua_family}) {
    if (!PlainAscii(*s)) return CanonicalWithJsonLibrary(r);
  }
  const bool v1 = r.sig_version == 1;
  std::string out;
  out.reserve(512 + r.state.size() + r.choices.size());
  out += '{';
  AppendField(&out, "banner_hash", r.banner_hash);
  AppendField(&out, "choices", r.choices);
  AppendField(&out, "consent_id", r.consent_id);
  AppendField(&out, "expires_at", r.expires_at);
  AppendField(&out, "given_at", r.given_at);
  AppendField(&out, "gpc", r.gpc ? 1 : 0);
  AppendField(&out, "ip", r.ip);
  if (!v1) AppendField(&out, "key_id", r.key_id);
  AppendField(&out, "language", r.language);
  AppendField(&out, "method", r.method);
  if (!v1) {
    AppendField(&out, "page_view", r.page_view);
    AppendField(&out, "page_view_at", r.page_view_at);
  }
  AppendField(&out, "policy_hash", r.policy_hash);
  AppendField(&out, "receipt_id", r.receipt_id);
  AppendField(&out, "regime", r.regime);
  AppendField(&out, "revision", static_cast<int64_t>(r.revision));
  AppendField(&out, "server_time", server_time);
  AppendField(&out, "site", r.site);
  AppendField(&out, "state", r.state);
  AppendField(&out, "ua_family", r.ua_family);
  out += v1 ? "\"v\":1}" : "\"v\":2}";
  return out;
}

std::string CanonicalReceiptForTest(const Receipt& r) { return CanonicalWithJsonLibrary(r); }

void SignReceipt(const SigningKey& key, Receipt* r) {
  r->key_id = key.id;
  r->sig_version = 2;
  r->signature = Base64Url(HmacSha256(key.secret, CanonicalReceipt(*r)));
}

ReceiptVerification VerifyReceiptSignature(const Receipt& r, const KeyRing& ring) {
  ReceiptVerification v;
  const SigningKey* key = ring.Find(r.key_id);
  if (key == nullptr) return v;
  v.key_known = true;
  v.key_status = key->status;
  v.key_compromised_at_ms = key->compromised_at_ms;
  v.signature_valid =
      ConstantTimeEquals(Base64Url(HmacSha256(key->secret, CanonicalReceipt(r))), r.signature);
  return v;
}

nlohmann::json ReceiptToJson(const Receipt& r) {
  nlohmann::json choices = nlohmann::json::parse(r.choices, nullptr, false);
  if (choices.is_discarded()) choices = r.choices;
  nlohmann::json j = {
      {"receipt_id", r.receipt_id},   {"server_time", FormatIsoMs(r.server_time_ms)},
      {"site", r.site},               {"consent_id", r.consent_id},
      {"revision", r.revision},       {"policy_hash", r.policy_hash},
      {"banner_hash", r.banner_hash}, {"language", r.language},
      {"choices", choices},           {"method", r.method},
      {"regime", r.regime},           {"gpc", r.gpc},
      {"state", r.state},             {"ua_family", r.ua_family},
      {"ip", r.ip},                   {"given_at", FormatIsoMs(r.given_at * 1000)},
      {"expires_at", FormatIsoMs(r.expires_at * 1000)},
      {"page_view", r.page_view},
      {"page_view_at", r.page_view_at ? nlohmann::json(FormatIsoMs(r.page_view_at * 1000)) : nlohmann::json()},
      {"key_id", r.key_id},           {"signature_version", r.sig_version},
      {"signature", r.signature}};
  return j;
}

}  // namespace server
}  // namespace wafer
