// receipt.h — a consent receipt: what the loader posts, how it is checked
// against the site's compiled policy, and how the server signs it.
//
// The loader posts one JSON object (kReceiptKeys lists its keys; unknown keys
// are refused):
//   {"site": "kalido", "consent_id": "<32 hex>", "revision": 1,
//    "banner_hash": "<hash of the banner text shown>", "language": "fr",
//    "choices": {"necessary": true, "analytics": false},
//    "method": "reject-all", "regime": "opt-in", "gpc": false,
//    "state": "<the consent cookie value>", "token": "<page-view token>"}
// ParseReceiptRequest() checks the shape; VerifyReceiptRequest() checks that
// `state` decodes under the site's compiled policy and says the same thing as
// the other fields (the page-view token is checked by the route, page_view.h).
// The server then adds what only it knows (time, policy hash, truncated IP,
// user-agent family, page view) and signs the canonical form with its active
// key, naming the key:
//
//   ReceiptRequest req;  ReceiptError err;
//   if (!ParseReceiptRequest(body, &req, &err)) return Reply(err);
//   Receipt r;
//   if (!VerifyReceiptRequest(req, site, policy_hash, now_ms, &r, &err)) return Reply(err);
//   SignReceipt(ring.active(), &r);                   // r.key_id, r.signature
//   ReceiptVerification v = VerifyReceiptSignature(r, ring);

#ifndef WAFER_SERVER_SRC_RECEIPT_H_
#define WAFER_SERVER_SRC_RECEIPT_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "keyring.h"
#include "wafer/compiled_policy.h"

namespace wafer {
namespace server {

// A 4xx with a stable code ("wafer.receipt.unknown_key"), the JSON path and a
// sentence. Serialised as {"error": {"code", "path", "message"}}.
struct ReceiptError {
  int status = 400;
  std::string code;
  std::string path;
  std::string message;
  std::string ToJson() const;
};

struct ReceiptRequest {
  std::string site;
  std::string consent_id;
  uint32_t revision = 0;
  std::string banner_hash;
  std::string language;
  std::map<std::string, bool> choices;
  std::string method;
  std::string regime;
  bool gpc = false;
  std::string state;
  std::string token;  // Optional: the page-view token ("" if absent).
};

// The keys a receipt body may hold, and whether each is required.
struct ReceiptKey {
  const char* name;
  bool required;
};
extern const ReceiptKey kReceiptKeys[11];

// How a receipt is bound to a page view (page_view.h).
inline constexpr char kPageViewVerified[] = "verified";      // A valid token.
inline constexpr char kPageViewUnverified[] = "unverified";  // None: a static site (--static-site).

// A stored receipt. Every field but `signature` is covered by it.
struct Receipt {
  std::string receipt_id;   // 32 hex, random.
  int64_t server_time_ms = 0;
  std::string site;
  std::string consent_id;
  uint32_t revision = 0;
  std::string policy_hash;  // sha256 hex of the compiled policy bytes.
  std::string banner_hash;
  std::string language;
  std::string choices;      // Canonical JSON: {"analytics":false,"necessary":true}.
  std::string method;
  std::string regime;
  bool gpc = false;
  std::string state;
  std::string state_hash;   // sha256 hex of `state`: with consent_id, the replay key.
  std::string ua_family;
  std::string ip;           // Truncated: "203.0.113.0/24", "2001:db8:1::/48".
  int64_t given_at = 0;     // From the state (Unix seconds).
  int64_t expires_at = 0;   // When the consent (or refusal) lapses.
  std::string page_view;    // kPageViewVerified or kPageViewUnverified ("" in v1 receipts).
  int64_t page_view_at = 0; // When the page view's wafer.js was served (Unix s); 0: unknown.
  std::string key_id;       // The signing key (keyring.h).
  int sig_version = 2;      // Canonical form: 1 (before key ids), 2.
  std::string signature;    // base64url HMAC-SHA256 of CanonicalReceipt().
};

// Strict JSON: a 4xx error for bad JSON, unknown keys, wrong types or formats.
bool ParseReceiptRequest(std::string_view body, ReceiptRequest* out, ReceiptError* err);

// Checks `req` against the site's compiled policy and fills `out` (all but the
// server-side fields receipt_id, server_time_ms, ua_family, ip, page view,
// key id, signature). `policy_hash` is the hex sha256 of the compiled bytes.
bool VerifyReceiptRequest(const ReceiptRequest& req, const CompiledPolicy& policy,
                          const std::string& policy_hash, int64_t now_ms, Receipt* out,
                          ReceiptError* err);

// The bytes the signature covers: a compact JSON object with sorted keys,
// ASCII only. Version 2 covers every stored field but the signature (and the
// state hash, which is the state's); version 1 (receipts from before key
// ids) lacks key_id, page_view and page_view_at.
std::string CanonicalReceipt(const Receipt& r);
// The same, always through the JSON library (the reference the fast path of
// CanonicalReceipt is tested against).
std::string CanonicalReceiptForTest(const Receipt& r);
// Sets r->key_id and r->sig_version = 2, then r->signature.
void SignReceipt(const SigningKey& key, Receipt* r);

struct ReceiptVerification {
  bool signature_valid = false;  // The MAC matches under the named key.
  bool key_known = false;
  KeyStatus key_status = KeyStatus::kRetired;
  int64_t key_compromised_at_ms = 0;
  // Valid and signed by a key that is not compromised.
  bool trustworthy() const { return signature_valid && key_status != KeyStatus::kCompromised; }
};
ReceiptVerification VerifyReceiptSignature(const Receipt& r, const KeyRing& ring);

// The receipt as JSON (every field), for the admin API and exports.
nlohmann::json ReceiptToJson(const Receipt& r);

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_RECEIPT_H_
