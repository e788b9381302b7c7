// consent_state_fuzzer.cc — the consent cookie codec (consent_state.h).
//
// Two passes over every input:
//   1. The bytes as a cookie value: DecodeConsentState() under a fixed key must
//      not crash; when it accepts, re-encoding must decode to identical fields.
//   2. The bytes as the fields of a state (within the decoder's documented
//      bounds): encoding then decoding must give the same fields back, and a
//      one-character edit of the cookie must either be refused or decode to
//      the very same fields (the integrity tag makes any real change fail).
// Pass 2 matters because random bytes almost never carry a valid SipHash tag,
// so pass 1 alone would rarely get past the tag check.
//
//   clang++-14: scripts/fuzz.sh consent_state 60
//   g++ (replay): ctest -R fuzz_replay_consent_state

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "wafer/compiled_policy.h"
#include "wafer/consent_state.h"
#include "wafer/types.h"

#define WAFER_FUZZ_CHECK(cond)                                                         \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

namespace {

// The fixed key the committed corpus was encoded under ("wafer-fuzz-key!!").
constexpr wafer::SiteKey kKey = {'w', 'a', 'f', 'e', 'r', '-', 'f', 'u',
                                 'z', 'z', '-', 'k', 'e', 'y', '!', '!'};

// Times below 2^35 s (year 3058) keep the largest state (32 categories, 64
// services) under the decoder's limit (kMaxConsentStateChars).
// NOTE: the decoder accepts times up to 2^40.
constexpr int64_t kMaxTime = (int64_t{1} << 35) - 1;
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool SameFields(const wafer::ConsentState& a, const wafer::ConsentState& b) {
  if (a.consent_id != b.consent_id || a.given_at != b.given_at || a.revision != b.revision ||
      a.regime != b.regime || a.method != b.method ||
      a.categories.size() != b.categories.size() || a.services.size() != b.services.size()) {
    return false;
  }
  for (size_t i = 0; i < a.services.size(); ++i) {
    if (a.services[i].id_hash != b.services[i].id_hash ||
        a.services[i].granted != b.services[i].granted) {
      return false;
    }
  }
  for (size_t i = 0; i < a.categories.size(); ++i) {
    const wafer::CategoryChoice& x = a.categories[i];
    const wafer::CategoryChoice& y = b.categories[i];
    if (x.id_hash != y.id_hash || x.granted != y.granted || x.first_placed != y.first_placed) {
      return false;
    }
  }
  return true;
}

// Reads fixed-size little-endian values off the input; zeros once exhausted.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t U8() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint64_t U64(int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<uint64_t>(U8()) << (8 * i);
    return v;
  }
  bool empty() const { return pos_ >= size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

void DecodePass(std::string_view value) {
  wafer::ConsentState state;
  if (!wafer::DecodeConsentState(value, kKey, &state)) return;
  WAFER_FUZZ_CHECK(state.categories.size() <= static_cast<size_t>(wafer::kMaxCategories));
  WAFER_FUZZ_CHECK(state.services.size() <= static_cast<size_t>(wafer::kMaxServices));
  const std::string again = wafer::EncodeConsentState(state, kKey);
  wafer::ConsentState back;
  WAFER_FUZZ_CHECK(wafer::DecodeConsentState(again, kKey, &back));
  WAFER_FUZZ_CHECK(SameFields(state, back));
  (void)wafer::ConsentIdHex(state.consent_id);
}

void RoundTripPass(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  wafer::ConsentState state;
  for (auto& b : state.consent_id) b = in.U8();
  state.given_at = static_cast<int64_t>(in.U64(6) % static_cast<uint64_t>(kMaxTime + 1));
  state.revision = static_cast<uint32_t>(in.U64(4) & 0x7fffffffu);
  state.regime = static_cast<wafer::Regime>(in.U8() % wafer::kRegimeCount);
  state.method = static_cast<wafer::Method>(in.U8() % wafer::kMethodCount);
  const int n = in.U8() % (wafer::kMaxCategories + 1);
  for (int i = 0; i < n; ++i) {
    wafer::CategoryChoice c;
    c.id_hash = static_cast<uint32_t>(in.U64(4));
    c.granted = in.U8() & 1;
    c.first_placed = static_cast<int64_t>(in.U64(5) % static_cast<uint64_t>(kMaxTime + 1));
    state.categories.push_back(c);
  }
  const int m = in.U8() % (wafer::kMaxServices + 1);
  for (int i = 0; i < m; ++i) {
    wafer::ServiceChoice c;
    c.id_hash = static_cast<uint32_t>(in.U64(4));
    c.granted = in.U8() & 1;
    state.services.push_back(c);
  }

  const std::string cookie = wafer::EncodeConsentState(state, kKey);
  WAFER_FUZZ_CHECK(!cookie.empty() && cookie.size() <= wafer::kMaxConsentStateChars);
  for (char c : cookie) WAFER_FUZZ_CHECK(std::string_view(kAlphabet).find(c) != std::string_view::npos);
  wafer::ConsentState back;
  WAFER_FUZZ_CHECK(wafer::DecodeConsentState(cookie, kKey, &back));
  WAFER_FUZZ_CHECK(SameFields(state, back));

  // Another site's key never reads it.
  wafer::SiteKey other = kKey;
  other[0] ^= 1;
  wafer::ConsentState foreign;
  WAFER_FUZZ_CHECK(!wafer::DecodeConsentState(cookie, other, &foreign));

  // A one-character edit, a truncation or an extension: refused, or the same fields.
  const size_t pos = static_cast<size_t>(in.U64(2)) % cookie.size();
  std::string edited = cookie;
  edited[pos] = kAlphabet[(std::string_view(kAlphabet).find(cookie[pos]) + 1 + in.U8() % 63) % 64];
  const std::string variants[] = {edited, cookie.substr(0, pos), cookie + kAlphabet[in.U8() % 64]};
  for (const std::string& v : variants) {
    wafer::ConsentState tampered;
    if (wafer::DecodeConsentState(v, kKey, &tampered)) {
      WAFER_FUZZ_CHECK(SameFields(state, tampered));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  DecodePass(std::string_view(reinterpret_cast<const char*>(data), size));
  RoundTripPass(data, size);
  return 0;
}
