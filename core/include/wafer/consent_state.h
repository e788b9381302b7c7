// consent_state.h — what the first-party consent cookie holds.
//
// The cookie value is base64url (no padding) of:
//   "WC" u8 version(=1)
//   raw[16] consent id
//   varint  given_at (Unix seconds, UTC)
//   varint  policy revision
//   u8      regime, u8 method
//   varint  n (≤ kMaxCategories), n × { raw[4] category hash (LE),
//           u8 granted, varint first placement of its cookies (0 = none) }
//   raw[8]  SipHash-2-4 tag under the site key of everything before it
// Eight categories encode to about 150 characters.
//
// Anything corrupt, truncated, foreign (another site's key), from another
// version or edited decodes to "no consent": DecodeConsentState() returns
// false and the engine treats the visitor as new.
//
// NOTE: the site key ships inside the compiled policy, so the tag proves
// integrity, not authorship: proof of consent is the server's signed receipt.
//
//   wafer::ConsentState s;
//   s.given_at = now; s.revision = 3; s.method = wafer::Method::kAcceptAll;
//   s.categories.push_back({wafer::CategoryHash("analytics"), true, 0});
//   std::string cookie = wafer::EncodeConsentState(s, policy.site_key);
//   wafer::ConsentState back;
//   bool ok = wafer::DecodeConsentState(cookie, policy.site_key, &back);

#ifndef WAFER_CORE_INCLUDE_WAFER_CONSENT_STATE_H_
#define WAFER_CORE_INCLUDE_WAFER_CONSENT_STATE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wafer/compiled_policy.h"
#include "wafer/types.h"

namespace wafer {

inline constexpr uint8_t kConsentStateVersion = 1;

struct CategoryChoice {
  uint32_t id_hash = 0;      // CategoryHash(category id).
  bool granted = false;
  int64_t first_placed = 0;  // When its cookies were first seen; 0 = never.
};

struct ConsentState {
  std::array<uint8_t, kConsentIdSize> consent_id{};
  int64_t given_at = 0;
  uint32_t revision = 0;
  Regime regime = Regime::kOptIn;
  Method method = Method::kNone;
  std::vector<CategoryChoice> categories;

  // The choice for the category with that hash, or nullptr.
  const CategoryChoice* Find(uint32_t id_hash) const;
  CategoryChoice* Find(uint32_t id_hash);
};

// Encodes `state` as a cookie-safe string tagged with `key`.
std::string EncodeConsentState(const ConsentState& state, const SiteKey& key);

// Decodes a cookie value. Returns false for anything that is not a
// well-formed, untampered state under `key` (then `out` is unspecified).
bool DecodeConsentState(std::string_view value, const SiteKey& key, ConsentState* out);

// Lower-case hex of a consent id ("3f2a…", 32 characters).
std::string ConsentIdHex(const std::array<uint8_t, kConsentIdSize>& id);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_CONSENT_STATE_H_
