#include "util.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <memory>
#include <cstdio>
#include <ctime>

namespace wafer {
namespace server {
namespace {

// The digests, fetched once: OpenSSL 3 looks an implicit EVP_sha256() up in
// its providers on every use, which cost more than the hashing itself.
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}
const EVP_MD* Sha384Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA384", nullptr);
  return md;
}

// A reusable digest context per thread.
EVP_MD_CTX* ThreadDigestContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return ctx.get();
}

std::string Digest(const EVP_MD* md, std::string_view a, std::string_view b = {}) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = ThreadDigestContext();
  if (md == nullptr || ctx == nullptr || EVP_DigestInit_ex(ctx, md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx, a.data(), a.size()) != 1 || (!b.empty() && EVP_DigestUpdate(ctx, b.data(), b.size()) != 1) ||
      EVP_DigestFinal_ex(ctx, out, &len) != 1) {
    return "";
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Base64With(std::string_view bytes, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = p[i] << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (pad) out += "==";
  } else if (rest == 2) {
    uint32_t v = (p[i] << 16) | (p[i + 1] << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    if (pad) out += "=";
  }
  return out;
}

}  // namespace

std::string Sha256(std::string_view data) { return Digest(Sha256Md(), data); }
std::string Sha384(std::string_view data) { return Digest(Sha384Md(), data); }

// RFC 2104 over SHA-256 (block size 64), with the digest fetched once.
std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string k = key.size() > 64 ? Sha256(key) : std::string(key);
  k.resize(64, '\0');
  std::string ipad(64, '\0'), opad(64, '\0');
  for (size_t i = 0; i < 64; ++i) {
    ipad[i] = static_cast<char>(k[i] ^ 0x36);
    opad[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  const std::string inner = Digest(Sha256Md(), ipad, data);
  if (inner.empty()) return "";
  return Digest(Sha256Md(), opad, inner);
}

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Base64Url(std::string_view bytes) {
  return Base64With(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false);
}

std::string Base64(std::string_view bytes) {
  return Base64With(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
}

bool Base64UrlDecode(std::string_view text, std::string* out) {
  out->clear();
  if (text.size() % 4 == 1) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // Leftover bits must be zero (a canonical encoding).
  return (acc & ((1u << bits) - 1)) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) return "";
  return out;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatIsoMs(int64_t unix_ms) {
  time_t secs = static_cast<time_t>(unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000);
  int ms = static_cast<int>(unix_ms - static_cast<int64_t>(secs) * 1000);
  struct tm tm;
  gmtime_r(&secs, &tm);
  char buf[96];  // Room for any int the compiler imagines.
  snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::string FormatDay(int64_t unix_ms) { return FormatIsoMs(unix_ms).substr(0, 10); }

bool ParseDay(std::string_view day, int64_t* unix_seconds) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!isdigit(static_cast<unsigned char>(day[i]))) return false;
  }
  int y = std::stoi(std::string(day.substr(0, 4)));
  int m = std::stoi(std::string(day.substr(5, 2)));
  int d = std::stoi(std::string(day.substr(8, 2)));
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  struct tm tm = {};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  time_t t = timegm(&tm);
  struct tm back;
  gmtime_r(&t, &back);
  if (back.tm_mday != d) return false;  // 2026-02-30
  *unix_seconds = t;
  return true;
}

bool ParseIsoMs(std::string_view text, int64_t* unix_ms) {
  // YYYY-MM-DDTHH:MM:SS[.mmm]Z
  if (text.size() != 20 && text.size() != 24) return false;
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z') return false;
  int64_t day = 0;
  if (!ParseDay(text.substr(0, 10), &day)) return false;
  auto num = [&](size_t at, size_t n, int max, int* v) {
    *v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!isdigit(static_cast<unsigned char>(text[i]))) return false;
      *v = *v * 10 + (text[i] - '0');
    }
    return *v <= max;
  };
  int h = 0, m = 0, sec = 0, ms = 0;
  if (!num(11, 2, 23, &h) || !num(14, 2, 59, &m) || !num(17, 2, 59, &sec)) return false;
  if (text.size() == 24 && (text[19] != '.' || !num(20, 3, 999, &ms))) return false;
  *unix_ms = ((day + h * 3600 + m * 60 + sec) * 1000) + ms;
  return true;
}

std::string TruncateIp(std::string_view ip) {
  std::string s(ip);
  in_addr v4;
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    auto* b = reinterpret_cast<unsigned char*>(&v4);
    char buf[32];
    snprintf(buf, sizeof buf, "%u.%u.%u.0/24", b[0], b[1], b[2]);
    return buf;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    const unsigned char* b = v6.s6_addr;
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(b, b + 12, kMapped)) {
      char buf[32];
      snprintf(buf, sizeof buf, "%u.%u.%u.0/24", b[12], b[13], b[14]);
      return buf;
    }
    in6_addr masked = {};
    std::copy(b, b + 6, masked.s6_addr);
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &masked, buf, sizeof buf);
    return std::string(buf) + "/48";
  }
  return "";
}

std::string UserAgentFamily(std::string_view ua) {
  auto has = [&](std::string_view needle) { return ua.find(needle) != std::string_view::npos; };
  if (ua.empty()) return "other";
  if (has("bot") || has("Bot") || has("crawler") || has("Spider") || has("spider") ||
      has("HeadlessChrome") || has("curl/") || has("Wget") || has("python-requests")) {
    return "bot";
  }
  if (has("Edg/") || has("Edge/") || has("EdgA/") || has("EdgiOS/")) return "edge";
  if (has("OPR/") || has("Opera")) return "opera";
  if (has("SamsungBrowser/")) return "samsung";
  if (has("Firefox/") || has("FxiOS/")) return "firefox";
  if (has("Chrome/") || has("Chromium/") || has("CriOS/")) return "chrome";
  if (has("Safari/") && has("Version/")) return "safari";
  return "other";
}

void LogEvent(std::string_view level, std::string_view event, std::string_view message,
              const std::vector<std::pair<std::string, std::string>>& fields) {
  nlohmann::ordered_json j = {{"ts", FormatIsoMs(NowMs())}, {"level", level}, {"event", event}};
  for (const auto& [k, v] : fields) j[k] = v;
  j["message"] = message;
  WriteLogLine(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void WriteLogLine(const std::string& line) {
  std::string l = line;
  l += '\n';
  const char* p = l.data();
  size_t left = l.size();
  while (left > 0) {
    ssize_t n = ::write(2, p, left);
    if (n <= 0) return;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace server
}  // namespace wafer
