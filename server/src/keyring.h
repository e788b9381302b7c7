// keyring.h — the server's signing keys, each with an id, so that keys can
// be rotated without invalidating what older keys signed, and a key known to
// have leaked can be marked so that everything it signed says so.
//
// The ring is a JSON file (mode 0600; default DATA/keys.json):
//   {"version": 1, "keys": [
//     {"id": "k2", "status": "active",  "created_at": "2026-11-25T18:00:00.000Z", "secret": "<base64url>"},
//     {"id": "k1", "status": "retired", "created_at": "…", "retired_at": "…", "secret": "…"},
//     {"id": "k0", "status": "compromised", "created_at": "…", "retired_at": "…",
//      "compromised_at": "…", "secret": "…"}]}
// Exactly one key is active: it signs new receipts and page-view tokens.
// Retired keys still verify what they signed. A compromised key verifies
// too, but the proof of every receipt it signed reports the compromise, and
// page-view tokens under it are refused. `wafer-server keys rotate|list|
// compromise` edit the file; a running server re-reads it on SIGHUP and when
// it changes.
//
//   absl::StatusOr<KeyRing> ring = KeyRing::LoadOrCreate("data/keys.json", "data/hmac.key");
//   const SigningKey& k = ring->active();           // k.id, k.secret
//   std::string id = ring->Rotate(NowMs());         // then ring->Save(path)

#ifndef WAFER_SERVER_SRC_KEYRING_H_
#define WAFER_SERVER_SRC_KEYRING_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wafer {
namespace server {

enum class KeyStatus { kActive, kRetired, kCompromised };
std::string_view KeyStatusName(KeyStatus s);  // "active", "retired", "compromised"

struct SigningKey {
  std::string id;            // "k1": [a-z0-9_-]{1,32}.
  std::string secret;        // At least 32 random bytes; signs receipts.
  std::string token_secret;  // Derived from `secret`; signs page-view tokens.
  KeyStatus status = KeyStatus::kActive;
  int64_t created_at_ms = 0;
  int64_t retired_at_ms = 0;      // 0: never retired.
  int64_t compromised_at_ms = 0;  // 0: not compromised.
};

class KeyRing {
 public:
  // Reads the ring at `path`. If there is none, creates it with one active
  // key: the bytes of `legacy_key_path` as "k0" when that file exists (the
  // single HMAC key of earlier versions, whose receipts are "k0"'s), else 32
  // fresh random bytes as "k1". `created` (optional) says which happened.
  static absl::StatusOr<KeyRing> LoadOrCreate(const std::string& path,
                                              const std::string& legacy_key_path,
                                              std::string* created = nullptr);
  // Reads the ring at `path`; NotFound if there is none.
  static absl::StatusOr<KeyRing> Load(const std::string& path);
  // Writes the ring atomically (a new file, fsync'ed, renamed), mode 0600.
  absl::Status Save(const std::string& path) const;

  const SigningKey& active() const;
  const SigningKey* Find(std::string_view id) const;
  const std::vector<SigningKey>& keys() const { return keys_; }

  // Retires the active key and adds a fresh active one; returns its id.
  absl::StatusOr<std::string> Rotate(int64_t now_ms);
  // Marks key `id` compromised as of `at_ms`; if it is the active key, rotates
  // first (a compromised key never signs again). Returns the new active id.
  absl::StatusOr<std::string> MarkCompromised(std::string_view id, int64_t at_ms, int64_t now_ms);

 private:
  static absl::StatusOr<KeyRing> Parse(std::string_view text, const std::string& path);
  std::string Serialise() const;
  std::vector<SigningKey> keys_;  // Newest first.
  size_t active_ = 0;
};

// The ring a running server signs and verifies with: re-read when its file
// changes (or on Reload), keeping the last good ring if the file is broken.
class KeyRingFile {
 public:
  KeyRingFile(std::string path, KeyRing ring);
  std::shared_ptr<const KeyRing> Get() const;
  // Re-reads the file if its size or mtime changed (force: always). Returns
  // an error (and keeps the current ring) if it no longer loads.
  absl::Status ReloadIfChanged(bool force = false);
  const std::string& path() const { return path_; }

 private:
  std::string Fingerprint() const;
  std::string path_;
  mutable std::mutex mu_;
  std::shared_ptr<const KeyRing> ring_;
  std::string fingerprint_;
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_KEYRING_H_
