// util.h — small helpers of the consent server: hashing, signing, encoding,
// time, client facts (IP truncation, user-agent family) and log lines.
//
//   std::string tag = wafer::server::HmacSha256(key, "message");
//   std::string b64 = wafer::server::Base64Url(tag);
//   wafer::server::TruncateIp("203.0.113.77");  // "203.0.113.0/24"
//
// Hashing and HMAC come from OpenSSL (libssl-dev); everything else is plain C++.

#ifndef WAFER_SERVER_SRC_UTIL_H_
#define WAFER_SERVER_SRC_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wafer {
namespace server {

// Raw digests.
std::string Sha256(std::string_view data);
std::string Sha384(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hex; "" for "".
std::string Hex(std::string_view bytes);
// Base64url without padding (RFC 4648 §5), and standard base64 with padding.
std::string Base64Url(std::string_view bytes);
std::string Base64(std::string_view bytes);
// Decodes base64url without padding; false on any other character or a
// length no encoder produces.
bool Base64UrlDecode(std::string_view text, std::string* out);

// Constant-time comparison of two strings (length is not secret).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// `n` bytes from the OS random source. Empty on failure.
std::string RandomBytes(size_t n);

// Wall clock in Unix milliseconds.
int64_t NowMs();
// "2026-11-25T17:50:00.123Z".
std::string FormatIsoMs(int64_t unix_ms);
// "2026-11-25" for a Unix time in ms.
std::string FormatDay(int64_t unix_ms);
// Parses "YYYY-MM-DD" into Unix seconds at 00:00 UTC. False if malformed.
bool ParseDay(std::string_view day, int64_t* unix_seconds);
// Parses "YYYY-MM-DDTHH:MM:SS[.mmm]Z" into Unix milliseconds. False if malformed.
bool ParseIsoMs(std::string_view text, int64_t* unix_ms);

// "203.0.113.0/24" for IPv4 (also IPv4-mapped IPv6), "2001:db8:1::/48" for
// IPv6; "" if `ip` is not an address. The full address is never kept.
std::string TruncateIp(std::string_view ip);

// "chrome", "edge", "firefox", "safari", "opera", "samsung", "bot", "other".
std::string UserAgentFamily(std::string_view user_agent);

// Writes one line to stderr atomically (a single write()).
void WriteLogLine(const std::string& line);
// Logs an event as one JSON line: {"ts", "level", "event", "message", …fields}.
// Every string is escaped by the JSON library (invalid UTF-8 replaced).
void LogEvent(std::string_view level, std::string_view event, std::string_view message,
              const std::vector<std::pair<std::string, std::string>>& fields = {});

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_UTIL_H_
