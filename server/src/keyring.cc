#include "keyring.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr size_t kMinSecretBytes = 32;

bool IsKeyId(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// Page-view tokens are signed with a key of their own, derived from the
// receipt key, so that no token MAC can ever be taken for a receipt MAC.
std::string TokenSecret(const std::string& secret) {
  return HmacSha256(secret, "wafer page-view token key v1");
}

SigningKey NewKey(std::string id, std::string secret, int64_t now_ms) {
  SigningKey k;
  k.id = std::move(id);
  k.secret = std::move(secret);
  k.token_secret = TokenSecret(k.secret);
  k.status = KeyStatus::kActive;
  k.created_at_ms = now_ms;
  return k;
}

absl::Status Invalid(const std::string& path, const std::string& what) {
  return absl::FailedPreconditionError(path + ": " + what);
}

bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return !in.bad();
}

}  // namespace

std::string_view KeyStatusName(KeyStatus s) {
  switch (s) {
    case KeyStatus::kActive: return "active";
    case KeyStatus::kRetired: return "retired";
    case KeyStatus::kCompromised: return "compromised";
  }
  return "unknown";
}

absl::StatusOr<KeyRing> KeyRing::Parse(std::string_view text, const std::string& path) {
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Invalid(path, "not a key ring (JSON object)");
  if (!doc.contains("version") || doc["version"] != 1) return Invalid(path, "version: expected 1");
  if (!doc.contains("keys") || !doc["keys"].is_array() || doc["keys"].empty()) {
    return Invalid(path, "keys: expected a non-empty array");
  }
  KeyRing ring;
  int actives = 0;
  for (size_t i = 0; i < doc["keys"].size(); ++i) {
    const json& k = doc["keys"][i];
    const std::string at = "keys[" + std::to_string(i) + "]";
    if (!k.is_object()) return Invalid(path, at + ": expected an object");
    auto str = [&](const char* name, std::string* out, bool required) -> absl::Status {
      if (!k.contains(name)) {
        return required ? Invalid(path, at + "." + name + ": missing") : absl::OkStatus();
      }
      if (!k[name].is_string()) return Invalid(path, at + "." + name + ": expected a string");
      *out = k[name].get<std::string>();
      return absl::OkStatus();
    };
    auto time = [&](const char* name, int64_t* out, bool required) -> absl::Status {
      std::string s;
      if (absl::Status st = str(name, &s, required); !st.ok() || s.empty()) return st;
      if (!ParseIsoMs(s, out)) return Invalid(path, at + "." + name + ": expected an ISO 8601 UTC time");
      return absl::OkStatus();
    };
    SigningKey key;
    std::string status, secret_b64;
    for (absl::Status st : {str("id", &key.id, true), str("status", &status, true),
                            str("secret", &secret_b64, true), time("created_at", &key.created_at_ms, true),
                            time("retired_at", &key.retired_at_ms, false),
                            time("compromised_at", &key.compromised_at_ms, false)}) {
      if (!st.ok()) return st;
    }
    if (!IsKeyId(key.id)) return Invalid(path, at + ".id: expected [a-z0-9_-]{1,32}");
    if (ring.Find(key.id) != nullptr) return Invalid(path, at + ".id: duplicate id \"" + key.id + "\"");
    if (!Base64UrlDecode(secret_b64, &key.secret) || key.secret.size() < kMinSecretBytes) {
      return Invalid(path, at + ".secret: expected at least 32 bytes, base64url");
    }
    key.token_secret = TokenSecret(key.secret);
    if (status == "active") {
      key.status = KeyStatus::kActive;
      ring.active_ = ring.keys_.size();
      ++actives;
    } else if (status == "retired") {
      key.status = KeyStatus::kRetired;
    } else if (status == "compromised") {
      key.status = KeyStatus::kCompromised;
      if (key.compromised_at_ms == 0) return Invalid(path, at + ".compromised_at: missing");
    } else {
      return Invalid(path, at + ".status: expected active, retired or compromised");
    }
    ring.keys_.push_back(std::move(key));
  }
  if (actives != 1) return Invalid(path, "exactly one key must be active, found " + std::to_string(actives));
  return ring;
}

std::string KeyRing::Serialise() const {
  json keys = json::array();
  for (const SigningKey& k : keys_) {
    json j = {{"id", k.id}, {"status", KeyStatusName(k.status)}, {"created_at", FormatIsoMs(k.created_at_ms)}};
    if (k.retired_at_ms) j["retired_at"] = FormatIsoMs(k.retired_at_ms);
    if (k.compromised_at_ms) j["compromised_at"] = FormatIsoMs(k.compromised_at_ms);
    j["secret"] = Base64Url(k.secret);
    keys.push_back(j);
  }
  return json({{"version", 1}, {"keys", keys}}).dump(2) + "\n";
}

absl::StatusOr<KeyRing> KeyRing::Load(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return absl::NotFoundError(path + ": no key ring");
  std::string text;
  if (!ReadWholeFile(path, &text)) return absl::UnavailableError(path + ": cannot read the key ring");
  return Parse(text, path);
}

absl::StatusOr<KeyRing> KeyRing::LoadOrCreate(const std::string& path,
                                              const std::string& legacy_key_path,
                                              std::string* created) {
  absl::StatusOr<KeyRing> loaded = Load(path);
  if (loaded.ok() || loaded.status().code() != absl::StatusCode::kNotFound) return loaded;
  KeyRing ring;
  std::string legacy;
  std::error_code ec;
  const int64_t now = NowMs();
  if (!legacy_key_path.empty() && fs::exists(legacy_key_path, ec)) {
    if (!ReadWholeFile(legacy_key_path, &legacy) || legacy.size() < kMinSecretBytes) {
      return absl::FailedPreconditionError(legacy_key_path +
                                           ": an HMAC key must hold at least 32 bytes");
    }
    ring.keys_.push_back(NewKey("k0", legacy, now));
    if (created) *created = "imported " + legacy_key_path + " as key k0";
  } else {
    std::string secret = RandomBytes(32);
    if (secret.size() != 32) return absl::InternalError("no random bytes for a signing key");
    ring.keys_.push_back(NewKey("k1", secret, now));
    if (created) *created = "generated key k1";
  }
  if (absl::Status s = ring.Save(path); !s.ok()) return s;
  return ring;
}

absl::Status KeyRing::Save(const std::string& path) const {
  const fs::path target(path);
  std::error_code ec;
  if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp." + Hex(RandomBytes(6));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(tmp + ": cannot create: " + std::strerror(errno));
  const std::string text = Serialise();
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return absl::UnavailableError(path + ": cannot write the key ring: " + std::strerror(errno));
  }
  // The rename itself must survive a crash.
  const std::string dir = target.parent_path().empty() ? "." : target.parent_path().string();
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return absl::OkStatus();
}

const SigningKey& KeyRing::active() const { return keys_[active_]; }

const SigningKey* KeyRing::Find(std::string_view id) const {
  for (const SigningKey& k : keys_) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

absl::StatusOr<std::string> KeyRing::Rotate(int64_t now_ms) {
  std::string secret = RandomBytes(32);
  if (secret.size() != 32) return absl::InternalError("no random bytes for a signing key");
  int next = 0;
  for (const SigningKey& k : keys_) {
    if (k.id.size() > 1 && k.id[0] == 'k' && k.id.find_first_not_of("0123456789", 1) == std::string::npos) {
      next = std::max(next, std::atoi(k.id.c_str() + 1) + 1);
    }
  }
  SigningKey& old = keys_[active_];
  old.status = KeyStatus::kRetired;
  old.retired_at_ms = now_ms;
  const std::string id = "k" + std::to_string(std::max(next, 1));
  keys_.insert(keys_.begin(), NewKey(id, std::move(secret), now_ms));
  active_ = 0;
  return id;
}

absl::StatusOr<std::string> KeyRing::MarkCompromised(std::string_view id, int64_t at_ms, int64_t now_ms) {
  if (Find(id) == nullptr) return absl::NotFoundError("no key \"" + std::string(id) + "\" in the ring");
  if (active().id == id) {
    absl::StatusOr<std::string> fresh = Rotate(now_ms);
    if (!fresh.ok()) return fresh.status();
  }
  for (SigningKey& k : keys_) {
    if (k.id != id) continue;
    k.status = KeyStatus::kCompromised;
    k.compromised_at_ms = at_ms;
    if (k.retired_at_ms == 0) k.retired_at_ms = now_ms;
  }
  return active().id;
}

KeyRingFile::KeyRingFile(std::string path, KeyRing ring)
    : path_(std::move(path)), ring_(std::make_shared<const KeyRing>(std::move(ring))) {
  fingerprint_ = Fingerprint();
}

std::string KeyRingFile::Fingerprint() const {
  struct stat st;
  if (::stat(path_.c_str(), &st) != 0) return "";
  return std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" +
         std::to_string(st.st_size) + ":" + std::to_string(st.st_ino);
}

std::shared_ptr<const KeyRing> KeyRingFile::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ring_;
}

absl::Status KeyRingFile::ReloadIfChanged(bool force) {
  const std::string fp = Fingerprint();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!force && fp == fingerprint_) return absl::OkStatus();
  }
  absl::StatusOr<KeyRing> ring = KeyRing::Load(path_);
  std::lock_guard<std::mutex> lock(mu_);
  fingerprint_ = fp;
  if (!ring.ok()) return ring.status();
  // Keys never disappear from a running server: a key missing from the new
  // file (an operator's mistake) would make its receipts unverifiable.
  for (const SigningKey& old : ring_->keys()) {
    if (ring->Find(old.id) == nullptr) {
      return absl::FailedPreconditionError(path_ + ": key \"" + old.id +
                                           "\" is missing; keeping the key ring in use");
    }
  }
  ring_ = std::make_shared<const KeyRing>(*std::move(ring));
  return absl::OkStatus();
}

}  // namespace server
}  // namespace wafer
