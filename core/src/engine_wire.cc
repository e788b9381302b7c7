#include "wafer/engine_wire.h"

#include "internal/wire.h"

namespace wafer {
namespace {

using internal::WireReader;
using internal::WireWriter;

constexpr uint64_t kMaxItems = 4096;  // Cookies, elements, languages: bounds hostile input.

bool ReadHeader(WireReader& r, std::string_view magic) {
  std::string_view m;
  uint8_t version = 0;
  return r.Raw(2, &m) && m == magic && r.U8(&version) && version == kEngineWireVersion;
}

void WriteHeader(WireWriter& w, std::string_view magic) {
  w.Raw(magic);
  w.U8(kEngineWireVersion);
}

template <typename T>
bool ReadEnum(WireReader& r, int count, T* out) {
  uint8_t v = 0;
  if (!r.U8(&v) || v >= count) return false;
  *out = static_cast<T>(v);
  return true;
}

void WriteStrings(WireWriter& w, const std::vector<std::string_view>& v) {
  w.Varint(v.size());
  for (std::string_view s : v) w.Str(s);
}

bool ReadStrings(WireReader& r, std::vector<std::string_view>* out) {
  uint64_t n = 0;
  if (!r.Bounded(kMaxItems, &n)) return false;
  out->resize(n);
  for (auto& s : *out) {
    if (!r.Str(&s)) return false;
  }
  return true;
}

std::string_view IdView(const std::array<uint8_t, kConsentIdSize>& id) {
  return std::string_view(reinterpret_cast<const char*>(id.data()), id.size());
}

bool ReadId(WireReader& r, std::array<uint8_t, kConsentIdSize>* id) {
  std::string_view raw;
  if (!r.Raw(kConsentIdSize, &raw)) return false;
  for (int i = 0; i < kConsentIdSize; ++i) (*id)[i] = static_cast<uint8_t>(raw[i]);
  return true;
}

}  // namespace

std::string EncodeFacts(const Facts& f) {
  WireWriter w;
  WriteHeader(w, "WF");
  w.Varint(static_cast<uint64_t>(f.now < 0 ? 0 : f.now));
  w.Str(f.region);
  w.U8(f.gpc ? 1 : 0);
  WriteStrings(w, f.languages);
  w.Str(f.host);
  w.Str(f.path);
  w.Str(f.cookies);
  w.Str(f.stored_mirror);
  w.Raw(IdView(f.fresh_id));
  w.Varint(f.elements.size());
  for (const auto& e : f.elements) {
    w.U8(static_cast<uint8_t>(e.kind));
    w.Str(e.url);
    w.Str(e.category);
    w.Str(e.service);
  }
  WriteStrings(w, f.page_services);
  return w.Take();
}

bool DecodeFacts(std::string_view bytes, Facts* f) {
  WireReader r(bytes);
  uint64_t now = 0, n = 0;
  uint8_t flags = 0;
  if (!ReadHeader(r, "WF") || !r.Bounded(uint64_t{1} << 40, &now) || !r.Str(&f->region) ||
      !r.U8(&flags) || flags > 1 || !ReadStrings(r, &f->languages) || !r.Str(&f->host) ||
      !r.Str(&f->path) || !r.Str(&f->cookies) || !r.Str(&f->stored_mirror) ||
      !ReadId(r, &f->fresh_id) || !r.Bounded(kMaxItems, &n)) {
    return false;
  }
  f->now = static_cast<int64_t>(now);
  f->gpc = flags == 1;
  f->elements.resize(n);
  for (auto& e : f->elements) {
    if (!ReadEnum(r, kElementKindCount, &e.kind) || !r.Str(&e.url) || !r.Str(&e.category) ||
        !r.Str(&e.service)) {
      return false;
    }
  }
  return ReadStrings(r, &f->page_services) && r.AtEnd();
}

std::string EncodeChoice(const Choice& c) {
  WireWriter w;
  WriteHeader(w, "WA");
  w.U8(static_cast<uint8_t>(c.action));
  WriteStrings(w, c.granted);
  w.Varint(c.services.size());
  for (const ServiceGrant& g : c.services) {
    w.Str(g.id);
    w.U8(g.granted ? 1 : 0);
  }
  return w.Take();
}

bool DecodeChoice(std::string_view bytes, Choice* c) {
  WireReader r(bytes);
  uint64_t n = 0;
  if (!ReadHeader(r, "WA") || !ReadEnum(r, kActionCount, &c->action) ||
      !ReadStrings(r, &c->granted) || !r.Bounded(kMaxItems, &n)) {
    return false;
  }
  c->services.resize(n);
  for (ServiceGrant& g : c->services) {
    uint8_t granted = 0;
    if (!r.Str(&g.id) || !r.U8(&granted) || granted > 1) return false;
    g.granted = granted == 1;
  }
  return r.AtEnd();
}

std::string EncodeDecision(const Decision& d) {
  WireWriter w;
  WriteHeader(w, "WD");
  w.U8(static_cast<uint8_t>((d.policy_ok ? 1 : 0) | (d.show_banner ? 2 : 0) |
                            (d.hubspot_do_not_track ? 4 : 0) | (d.gpc_honoured ? 8 : 0) |
                            (d.state_changed ? 16 : 0)));
  w.U8(static_cast<uint8_t>(d.regime));
  w.U8(static_cast<uint8_t>(d.reason));
  w.Varint(static_cast<uint64_t>(d.language));
  w.Str(d.banner_language);
  w.Varint(d.allowed_categories);
  w.Varint(d.allowed_services);
  w.Varint(d.cookieless_services);
  w.U8(d.consent_mode);
  w.U8(d.hubspot);
  w.Varint(d.elements.size());
  for (const auto& e : d.elements) {
    w.U8(e.release ? 1 : 0);
    w.U8(static_cast<uint8_t>(e.reason));
    w.Varint(static_cast<uint64_t>(e.service + 1));
    w.Varint(static_cast<uint64_t>(e.category + 1));
  }
  WriteStrings(w, d.delete_cookies);
  WriteStrings(w, d.delete_domains);
  WriteStrings(w, d.delete_paths);
  w.Varint(d.gtag.size());
  for (const auto& g : d.gtag) {
    w.Varint(static_cast<uint64_t>(g.service));
    w.Varint(static_cast<uint64_t>(g.cookie_expires));
  }
  w.Str(d.state);
  w.U8(d.consent.present ? 1 : 0);
  w.Raw(IdView(d.consent.consent_id));
  w.Varint(static_cast<uint64_t>(d.consent.given_at));
  w.Varint(static_cast<uint64_t>(d.consent.expires_at));
  w.U8(static_cast<uint8_t>(d.consent.method));
  return w.Take();
}

bool DecodeDecision(std::string_view bytes, Decision* d) {
  WireReader r(bytes);
  uint8_t flags = 0, present = 0;
  uint64_t language = 0, categories = 0, services = 0, cookieless = 0, n = 0, given = 0,
           expires = 0;
  std::string_view state;
  if (!ReadHeader(r, "WD") || !r.U8(&flags) || !ReadEnum(r, kRegimeCount, &d->regime) ||
      !ReadEnum(r, kBannerReasonCount, &d->reason) || !r.Bounded(255, &language) ||
      !r.Str(&d->banner_language) ||
      !r.Bounded(0xffffffffu, &categories) || !r.Varint(&services) || !r.Varint(&cookieless) ||
      !r.U8(&d->consent_mode) ||
      !r.U8(&d->hubspot) || !r.Bounded(kMaxItems, &n)) {
    return false;
  }
  d->policy_ok = flags & 1;
  d->show_banner = flags & 2;
  d->hubspot_do_not_track = flags & 4;
  d->gpc_honoured = flags & 8;
  d->state_changed = flags & 16;
  d->language = static_cast<int>(language);
  d->allowed_categories = static_cast<uint32_t>(categories);
  d->allowed_services = services;
  d->cookieless_services = cookieless;
  d->elements.resize(n);
  for (auto& e : d->elements) {
    uint8_t release = 0;
    uint64_t service = 0, category = 0;
    if (!r.U8(&release) || release > 1 || !ReadEnum(r, kElementReasonCount, &e.reason) ||
        !r.Bounded(kMaxServices, &service) || !r.Bounded(kMaxCategories, &category)) {
      return false;
    }
    e.release = release == 1;
    e.service = static_cast<int>(service) - 1;
    e.category = static_cast<int>(category) - 1;
  }
  if (!ReadStrings(r, &d->delete_cookies) || !ReadStrings(r, &d->delete_domains) ||
      !ReadStrings(r, &d->delete_paths) || !r.Bounded(kMaxServices, &n)) {
    return false;
  }
  d->gtag.resize(n);
  for (auto& g : d->gtag) {
    uint64_t service = 0, expires_in = 0;
    if (!r.Bounded(kMaxServices, &service) || !r.Varint(&expires_in)) return false;
    g.service = static_cast<int>(service);
    g.cookie_expires = static_cast<int64_t>(expires_in);
  }
  if (!r.Str(&state) || !r.U8(&present) || present > 1 || !ReadId(r, &d->consent.consent_id) ||
      !r.Varint(&given) || !r.Varint(&expires) ||
      !ReadEnum(r, kMethodCount, &d->consent.method)) {
    return false;
  }
  d->state.assign(state);
  d->consent.present = present == 1;
  d->consent.given_at = static_cast<int64_t>(given);
  d->consent.expires_at = static_cast<int64_t>(expires);
  return r.AtEnd();
}

std::string EvaluateWire(const CompiledPolicy* policy, std::string_view facts) {
  Facts f;
  if (!DecodeFacts(facts, &f)) f = Facts();
  return EncodeDecision(policy != nullptr ? Evaluate(*policy, f) : FailClosed(f));
}

std::string ApplyWire(const CompiledPolicy* policy, std::string_view facts,
                      std::string_view choice) {
  Facts f;
  Choice c;
  if (!DecodeFacts(facts, &f)) {
    return EncodeDecision(FailClosed(Facts()));
  }
  if (policy == nullptr || !DecodeChoice(choice, &c)) return EncodeDecision(FailClosed(f));
  return EncodeDecision(Apply(*policy, f, c));
}

std::string EncodePolicyInfo(const CompiledPolicy& p) {
  WireWriter w;
  WriteHeader(w, "WI");
  w.Str(p.site_id);
  w.Str(p.cookie_name);
  w.Varint(p.revision);
  w.U8(static_cast<uint8_t>(p.default_regime));
  w.Varint(p.wait_for_update_ms);
  WriteStrings(w, p.languages);
  WriteStrings(w, p.banner_languages);
  w.Varint(p.categories.size());
  for (const auto& c : p.categories) {
    w.Str(c.id);
    w.U8(c.flags);
  }
  w.Varint(p.services.size());
  for (const auto& s : p.services) {
    w.Str(s.id);
    w.U8(static_cast<uint8_t>(s.category));
    w.U8(s.flags);
  }
  return w.Take();
}

}  // namespace wafer
