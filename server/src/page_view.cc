#include "page_view.h"

#include <cstdlib>

#include "util.h"

namespace wafer {
namespace server {
namespace {

constexpr std::string_view kPrefix = "pv1.";
constexpr size_t kMacBytes = 16;
constexpr int64_t kClockSkew = 60;

std::string Mac(const SigningKey& key, std::string_view site, int64_t issued) {
  const std::string message = "pv1\n" + std::string(site) + "\n" + key.id + "\n" + std::to_string(issued);
  return Base64Url(HmacSha256(key.token_secret, message).substr(0, kMacBytes));
}

}  // namespace

std::string MintPageViewToken(const SigningKey& key, std::string_view site, int64_t now_s) {
  const int64_t issued = now_s - now_s % kPageViewTokenGranularity;
  return std::string(kPrefix) + key.id + "." + std::to_string(issued) + "." + Mac(key, site, issued);
}

PageViewCheck CheckPageViewToken(const KeyRing& ring, std::string_view token,
                                 std::string_view site, int64_t now_s, int64_t max_age_s) {
  PageViewCheck c;
  if (token.size() > 128 || token.substr(0, kPrefix.size()) != kPrefix) return c;
  std::string_view rest = token.substr(kPrefix.size());
  const size_t dot1 = rest.find('.');
  if (dot1 == std::string_view::npos) return c;
  const size_t dot2 = rest.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return c;
  const std::string_view id = rest.substr(0, dot1);
  const std::string issued_text(rest.substr(dot1 + 1, dot2 - dot1 - 1));
  const std::string_view mac = rest.substr(dot2 + 1);
  if (id.empty() || issued_text.empty() || issued_text.size() > 12 ||
      issued_text.find_first_not_of("0123456789") != std::string::npos || mac.empty()) {
    return c;
  }
  c.key_id = std::string(id);
  c.issued_at = std::strtoll(issued_text.c_str(), nullptr, 10);
  const SigningKey* key = ring.Find(id);
  if (key == nullptr) {
    c.result = PageViewResult::kUnknownKey;
    return c;
  }
  if (key->status == KeyStatus::kCompromised) {
    c.result = PageViewResult::kCompromisedKey;
    return c;
  }
  if (!ConstantTimeEquals(Mac(*key, site, c.issued_at), mac)) {
    c.result = PageViewResult::kBadSignature;
    return c;
  }
  if (c.issued_at > now_s + kClockSkew) {
    c.result = PageViewResult::kFuture;
  } else if (now_s - c.issued_at > max_age_s) {
    c.result = PageViewResult::kExpired;
  } else {
    c.result = PageViewResult::kValid;
  }
  return c;
}

}  // namespace server
}  // namespace wafer
