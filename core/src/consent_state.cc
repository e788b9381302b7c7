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

void WriteHash(WireWriter& w, uint32_t hash) {
  for (int i = 0; i < 4; ++i) w.U8(static_cast<uint8_t>(hash >> (8 * i)));
}

bool ReadHash(WireReader& r, uint32_t* hash) {
  std::string_view raw;
  if (!r.Raw(4, &raw)) return false;
  *hash = 0;
  for (int i = 3; i >= 0; --i) *hash = (*hash << 8) | static_cast<uint8_t>(raw[i]);
  return true;
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

const ServiceChoice* ConsentState::FindService(uint32_t id_hash) const {
  for (const auto& s : services) {
    if (s.id_hash == id_hash) return &s;
  }
  return nullptr;
}

std::string EncodeConsentState(const ConsentState& state, const SiteKey& key) {
  WireWriter w;
  w.Raw("WC");
  w.U8(kConsentStateVersion);
  w.Raw(std::string_view(reinterpret_cast<const char*>(state.consent_id.data()), kConsentIdSize));
  w.Varint(static_cast<uint64_t>(state.given_at < 0 ? 0 : state.given_at));
  w.Varint(state.revision);
  w.U8(static_cast<uint8_t>(static_cast<uint8_t>(state.method) << 2 |
                            static_cast<uint8_t>(state.regime)));
  w.Varint(state.categories.size());
  for (const auto& c : state.categories) {
    WriteHash(w, c.id_hash);
    const uint64_t placed = static_cast<uint64_t>(c.first_placed < 0 ? 0 : c.first_placed);
    w.Varint(placed << 1 | (c.granted ? 1 : 0));
  }
  w.Varint(state.services.size());
  for (const auto& s : state.services) {
    WriteHash(w, s.id_hash);
    w.U8(s.granted ? 1 : 0);
  }
  unsigned char tag[kTagSize];
  internal::StoreLe64(internal::SipHash24(key.data(), w.bytes()), tag);
  w.Raw(std::string_view(reinterpret_cast<const char*>(tag), kTagSize));
  return Base64UrlEncode(w.bytes());
}

bool DecodeConsentState(std::string_view value, const SiteKey& key, ConsentState* out) {
  // The largest state a policy allows (32 categories placed, 64 services with
  // a choice of their own) is 681 bytes, 908 characters; refuse to work on more.
  if (value.empty() || value.size() > kMaxConsentStateChars) return false;
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
  if (!r.Raw(2, &magic) || magic != "WC" || !r.U8(&version) || version < 1 ||
      version > kConsentStateVersion || !r.Raw(kConsentIdSize, &id) ||
      !r.Bounded(kMaxTime, &given_at) || !r.Bounded(0x7fffffff, &revision)) {
    return false;
  }
  if (version == 1) {
    if (!r.U8(&regime) || !r.U8(&method)) return false;
  } else {
    uint8_t both = 0;
    if (!r.U8(&both)) return false;
    regime = both & 3;
    method = both >> 2;
  }
  if (regime >= kRegimeCount || method >= kMethodCount || !r.Bounded(kMaxCategories, &n)) {
    return false;
  }
  for (int i = 0; i < kConsentIdSize; ++i) out->consent_id[i] = static_cast<uint8_t>(id[i]);
  out->given_at = static_cast<int64_t>(given_at);
  out->revision = static_cast<uint32_t>(revision);
  out->regime = static_cast<Regime>(regime);
  out->method = static_cast<Method>(method);
  out->categories.resize(n);
  for (auto& c : out->categories) {
    uint8_t granted = 0;
    uint64_t first_placed = 0;
    if (!ReadHash(r, &c.id_hash)) return false;
    if (version == 1) {
      if (!r.U8(&granted) || granted > 1 || !r.Bounded(kMaxTime, &first_placed)) return false;
    } else {
      uint64_t packed = 0;
      if (!r.Bounded(kMaxTime << 1 | 1, &packed)) return false;
      granted = packed & 1;
      first_placed = packed >> 1;
    }
    c.granted = granted == 1;
    c.first_placed = static_cast<int64_t>(first_placed);
  }
  out->services.clear();
  if (version >= 2) {
    if (!r.Bounded(kMaxServices, &n)) return false;
    out->services.resize(n);
    for (auto& s : out->services) {
      uint8_t granted = 0;
      if (!ReadHash(r, &s.id_hash) || !r.U8(&granted) || granted > 1) return false;
      s.granted = granted == 1;
    }
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
