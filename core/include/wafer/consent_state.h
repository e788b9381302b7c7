// consent_state.h — what the first-party consent cookie holds.
//
// The cookie goes with every request to the site, so it is small: a choice
// per category, and a choice per service only where it differs from its
// category's (a visitor who allowed YouTube alone in "marketing", or
// refused LinkedIn in an accepted "marketing"). The value is base64url (no
// padding) of, version 2:
//   "WC" u8 version(=2)
//   raw[16] consent id
//   varint  given_at (Unix seconds, UTC)
//   varint  policy revision
//   u8      method << 2 | regime
//   varint  n (≤ kMaxCategories), n × { raw[4] category hash (LE),
//           varint first placement of its cookies << 1 | granted }
//   varint  m (≤ kMaxServices), m × { raw[4] service hash (LE), u8 granted }
//   raw[8]  SipHash-2-4 tag under the site key of everything before it
// Hashes are CategoryHash() / ServiceHash() of the ids (FNV-1a). Accept-all
// on a four-category policy is 75 characters (version 1: 80); each service
// with a choice of its own adds 6 or 7.
//
// Version 1 (written until per-service consent) is still read, so that no
// visitor's choice is lost when a site upgrades; it has no service entries:
//   "WC" u8 1, raw[16] id, varint given_at, varint revision, u8 regime,
//   u8 method, varint n × { raw[4] hash, u8 granted, varint first placed },
//   raw[8] tag.
// EncodeConsentState() always writes version 2.
//
// Anything corrupt, truncated, foreign (another site's key), from an
// unknown version or edited decodes to "no consent": DecodeConsentState()
// returns false and the engine treats the visitor as new.
//
// NOTE: the site key ships inside the compiled policy, so the tag proves
// integrity, not authorship: proof of consent is the server's signed receipt.
//
//   wafer::ConsentState s;
//   s.given_at = now; s.revision = 3; s.method = wafer::Method::kCustom;
//   s.categories.push_back({wafer::CategoryHash("marketing"), false, 0});
//   s.services.push_back({wafer::ServiceHash("youtube"), true});
//   std::string cookie = wafer::EncodeConsentState(s, policy.site_key);
//   wafer::ConsentState back;
//   bool ok = wafer::DecodeConsentState(cookie, policy.site_key, &back);

#ifndef WAFER_CORE_INCLUDE_WAFER_CONSENT_STATE_H_
#define WAFER_CORE_INCLUDE_WAFER_CONSENT_STATE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wafer/compiled_policy.h"
#include "wafer/types.h"

namespace wafer {

inline constexpr uint8_t kConsentStateVersion = 2;
// Longer values are refused unread. The largest state a policy allows is 908
// characters (32 categories with placements, 64 services with a choice of
// their own); a typical one is 60 to 90.
inline constexpr size_t kMaxConsentStateChars = 1024;

struct CategoryChoice {
  uint32_t id_hash = 0;      // CategoryHash(category id).
  bool granted = false;
  // When the cookies of its allowed services were first seen; 0 = never.
  int64_t first_placed = 0;
};

// A service's own choice, where it differs from its category's.
struct ServiceChoice {
  uint32_t id_hash = 0;  // ServiceHash(service id).
  bool granted = false;
};

struct ConsentState {
  std::array<uint8_t, kConsentIdSize> consent_id{};
  int64_t given_at = 0;
  uint32_t revision = 0;
  Regime regime = Regime::kOptIn;
  Method method = Method::kNone;
  std::vector<CategoryChoice> categories;
  std::vector<ServiceChoice> services;  // Exceptions to their category's choice.

  // The choice for the category with that hash, or nullptr.
  const CategoryChoice* Find(uint32_t id_hash) const;
  CategoryChoice* Find(uint32_t id_hash);
  // The exception for the service with that hash, or nullptr.
  const ServiceChoice* FindService(uint32_t id_hash) const;
};

// Encodes `state` as a cookie-safe string tagged with `key`.
std::string EncodeConsentState(const ConsentState& state, const SiteKey& key);

// Decodes a cookie value of version 2 or 1. Returns false for anything that
// is not a well-formed, untampered state under `key` (then `out` is
// unspecified).
bool DecodeConsentState(std::string_view value, const SiteKey& key, ConsentState* out);

// Lower-case hex of a consent id ("3f2a…", 32 characters).
std::string ConsentIdHex(const std::array<uint8_t, kConsentIdSize>& id);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_CONSENT_STATE_H_
