// hash.h — the two small hashes the compact formats use.
//
// SipHash-2-4 (Aumasson & Bernstein) keys the integrity tags of the compiled
// policy and the consent cookie; FNV-1a names categories compactly. Both are
// tiny, need no library and behave identically natively and in WASM.
//
//   wafer::SiteKey key = ...;
//   uint64_t tag = wafer::internal::SipHash24(key.data(), bytes);
//   uint32_t h = wafer::internal::Fnv1a32("analytics");

#ifndef WAFER_CORE_SRC_INTERNAL_HASH_H_
#define WAFER_CORE_SRC_INTERNAL_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wafer {
namespace internal {

inline uint64_t LoadLe64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

inline void StoreLe64(uint64_t v, unsigned char* p) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

// SipHash-2-4 of `data` under the 16-byte `key`.
inline uint64_t SipHash24(const uint8_t* key, std::string_view data) {
  auto rotl = [](uint64_t x, int b) { return (x << b) | (x >> (64 - b)); };
  const uint64_t k0 = LoadLe64(key), k1 = LoadLe64(key + 8);
  uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
  auto round = [&] {
    v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
    v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
    v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
    v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
  };
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  const size_t n = data.size();
  const size_t whole = n - n % 8;
  for (size_t i = 0; i < whole; i += 8) {
    const uint64_t m = LoadLe64(in + i);
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  uint64_t last = static_cast<uint64_t>(n & 0xff) << 56;
  for (size_t i = 0; i < n % 8; ++i) last |= static_cast<uint64_t>(in[whole + i]) << (8 * i);
  v3 ^= last;
  round();
  round();
  v0 ^= last;
  v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) round();
  return v0 ^ v1 ^ v2 ^ v3;
}

inline uint32_t Fnv1a32(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

}  // namespace internal
}  // namespace wafer

#endif  // WAFER_CORE_SRC_INTERNAL_HASH_H_
