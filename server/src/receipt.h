// receipt.h — a consent receipt: what the loader posts, how it is checked
// against the site's compiled policy, and how the server signs it.
//
// The loader posts (every key required, no other key allowed):
//   {"site": "kalido", "consent_id": "<32 hex>", "revision": 1,
//    "banner_hash": "<hash of the banner text shown>", "language": "fr",
//    "choices": {"necessary": true, "analytics": false},
//    "method": "reject-all", "regime": "opt-in", "gpc": false,
//    "state": "<the consent cookie value>"}
// ParseReceiptRequest() checks the shape; VerifyReceiptRequest() checks that
// `state` decodes under the site's compiled policy and says the same thing as
// the other fields. The server then adds what only it knows (time, policy
// hash, truncated IP, user-agent family) and signs the canonical form:
//
//   ReceiptRequest req;  ReceiptError err;
//   if (!ParseReceiptRequest(body, &req, &err)) return Reply(err);
//   Receipt r;
//   if (!VerifyReceiptRequest(req, site, now_ms, &r, &err)) return Reply(err);
//   r.signature = SignReceipt(r, hmac_key);

#ifndef WAFER_SERVER_SRC_RECEIPT_H_
#define WAFER_SERVER_SRC_RECEIPT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

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
};

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
  std::string signature;    // base64url HMAC-SHA256 of CanonicalReceipt().
};

// Strict JSON: a 4xx error for bad JSON, unknown keys, wrong types or formats.
bool ParseReceiptRequest(std::string_view body, ReceiptRequest* out, ReceiptError* err);

// Checks `req` against the site's compiled policy and fills `out` (all but the
// server-side fields receipt_id, server_time_ms, ua_family, ip, signature).
// `policy_hash` is the hex sha256 of `compiled_bytes`.
bool VerifyReceiptRequest(const ReceiptRequest& req, const CompiledPolicy& policy,
                          const std::string& policy_hash, int64_t now_ms, Receipt* out,
                          ReceiptError* err);

// The bytes the signature covers: a compact JSON object with sorted keys.
std::string CanonicalReceipt(const Receipt& r);
std::string SignReceipt(const Receipt& r, std::string_view key);
bool ReceiptSignatureValid(const Receipt& r, std::string_view key);

// The receipt as JSON (all fields), for the admin API and exports.
std::string ReceiptToJson(const Receipt& r, const std::string& extra_members = "");

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_RECEIPT_H_
