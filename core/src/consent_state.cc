#include "wafer/consent_state.h"

#include "internal/hash.h"
#include "internal/wire.h"

namespace wafer {
namespace {

using internal::WireReader;
using internal::WireWriter;

constexpr size_t kTagSize = 8;
constexpr uint64_t kMaxTime = uint64_t{1} << 40;  // Year 36812: bounds hostile input.
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64UrlEncode(std::string_view in) {
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// Strict decoding: no padding, no foreign characters, no stray bits.
bool Base64UrlDecode(std::string_view in, std::string* out) {
  if (in.size() % 4 == 1) return false;
  out->clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = Base64UrlValue(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return (acc & ((1u << bits) - 1)) == 0;
}

}  // namespace

const CategoryChoice* ConsentState::Find(uint32_t id_hash) const {
  for (const auto& c : categories) {
    if (c.id_hash == id_hash) return &c;
  }
  return nullptr;
}

CategoryChoice* ConsentState::Find(uint32_t id_hash) {
  return const_cast<CategoryChoice*>(static_cast<const ConsentState*>(this)->Find(id_hash));
}

std::string EncodeConsentState(const ConsentState& state, const SiteKey& key) {
  WireWriter w;
  w.Raw("WC");
  w.U8(kConsentStateVersion);
  w.Raw(std::string_view(reinterpret_cast<const char*>(state.consent_id.data()), kConsentIdSize));
  w.Varint(static_cast<uint64_t>(state.given_at < 0 ? 0 : state.given_at));
  w.Varint(state.revision);
  w.U8(static_cast<uint8_t>(state.regime));
  w.U8(static_cast<uint8_t>(state.method));
  w.Varint(state.categories.size());
  for (const auto& c : state.categories) {
    for (int i = 0; i < 4; ++i) w.U8(static_cast<uint8_t>(c.id_hash >> (8 * i)));
    w.U8(c.granted ? 1 : 0);
    w.Varint(static_cast<uint64_t>(c.first_placed < 0 ? 0 : c.first_placed));
  }
  unsigned char tag[kTagSize];
  internal::StoreLe64(internal::SipHash24(key.data(), w.bytes()), tag);
  w.Raw(std::string_view(reinterpret_cast<const char*>(tag), kTagSize));
  return Base64UrlEncode(w.bytes());
}

bool DecodeConsentState(std::string_view value, const SiteKey& key, ConsentState* out) {
  // 512 characters is far beyond any state Wafer writes; refuse to work on more.
  if (value.empty() || value.size() > 512) return false;
  std::string bytes;
  if (!Base64UrlDecode(value, &bytes) || bytes.size() < 3 + kConsentIdSize + kTagSize) {
    return false;
  }
  const std::string_view body(bytes.data(), bytes.size() - kTagSize);
  const uint64_t tag = internal::LoadLe64(
      reinterpret_cast<const unsigned char*>(bytes.data() + body.size()));
  if (tag != internal::SipHash24(key.data(), body)) return false;

  WireReader r(body);
  std::string_view magic, id;
  uint8_t version = 0, regime = 0, method = 0;
  uint64_t given_at = 0, revision = 0, n = 0;
  if (!r.Raw(2, &magic) || magic != "WC" || !r.U8(&version) ||
      version != kConsentStateVersion || !r.Raw(kConsentIdSize, &id) ||
      !r.Bounded(kMaxTime, &given_at) || !r.Bounded(0x7fffffff, &revision) || !r.U8(&regime) ||
      regime >= kRegimeCount || !r.U8(&method) || method >= kMethodCount ||
      !r.Bounded(kMaxCategories, &n)) {
    return false;
  }
  for (int i = 0; i < kConsentIdSize; ++i) out->consent_id[i] = static_cast<uint8_t>(id[i]);
  out->given_at = static_cast<int64_t>(given_at);
  out->revision = static_cast<uint32_t>(revision);
  out->regime = static_cast<Regime>(regime);
  out->method = static_cast<Method>(method);
  out->categories.resize(n);
  for (auto& c : out->categories) {
    std::string_view hash;
    uint8_t granted = 0;
    uint64_t first_placed = 0;
    if (!r.Raw(4, &hash) || !r.U8(&granted) || granted > 1 ||
        !r.Bounded(kMaxTime, &first_placed)) {
      return false;
    }
    c.id_hash = 0;
    for (int i = 3; i >= 0; --i) c.id_hash = (c.id_hash << 8) | static_cast<uint8_t>(hash[i]);
    c.granted = granted == 1;
    c.first_placed = static_cast<int64_t>(first_placed);
  }
  return r.AtEnd();
}

std::string ConsentIdHex(const std::array<uint8_t, kConsentIdSize>& id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * kConsentIdSize);
  for (uint8_t b : id) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

}  // namespace wafer
