// page_view.h — page-view tokens: what binds a receipt to a page view.
//
// Each wafer.js the server renders carries a token it signed: the site, the
// time it was served (to the minute) and the id of the signing key. The
// loader posts it back with the receipt; the server checks the signature, the
// site and the age. A receipt with a valid token shows that whoever posted it
// had loaded this site's wafer.js from this server within the token's
// lifetime; it does not show that a person clicked (docs/server.md, "What a
// receipt proves").
//
//   "pv1.k2.1767225600.q1w2e3r4t5y6u7i8o9p0aA"
//    ^    ^  ^          ^ base64url of the first 16 bytes of
//    |    |  |            HMAC-SHA256(key.token_secret, "pv1\n<site>\n<key id>\n<issued>")
//    |    |  issued at (Unix seconds, a multiple of 60)
//    |    key id (keyring.h)
//    format
//
//   std::string t = MintPageViewToken(ring.active(), "kalido", now_s);
//   PageViewCheck c = CheckPageViewToken(ring, t, "kalido", now_s, max_age_s);
//   if (c.result != PageViewResult::kValid) …

#ifndef WAFER_SERVER_SRC_PAGE_VIEW_H_
#define WAFER_SERVER_SRC_PAGE_VIEW_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "keyring.h"

namespace wafer {
namespace server {

// Tokens are issued to the minute, so that every stub served in the same
// minute is byte-identical (ETag, 304) and a token says little about timing.
inline constexpr int64_t kPageViewTokenGranularity = 60;

std::string MintPageViewToken(const SigningKey& key, std::string_view site, int64_t now_s);

enum class PageViewResult {
  kValid,
  kMalformed,       // Not "pv1.<id>.<time>.<mac>".
  kUnknownKey,      // No such key in the ring.
  kCompromisedKey,  // The key is marked compromised: anyone may have minted it.
  kBadSignature,    // Forged, or for another site.
  kExpired,         // Older than the lifetime.
  kFuture,          // Issued later than now (beyond clock skew between instances).
};

struct PageViewCheck {
  PageViewResult result = PageViewResult::kMalformed;
  std::string key_id;
  int64_t issued_at = 0;  // Unix seconds; set from kUnknownKey on.
};

// Checks `token` for `site` at `now_s`; valid if signed by a key of `ring`
// that is not compromised and issued within [now - max_age_s, now + 60].
PageViewCheck CheckPageViewToken(const KeyRing& ring, std::string_view token,
                                 std::string_view site, int64_t now_s, int64_t max_age_s);

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_PAGE_VIEW_H_
