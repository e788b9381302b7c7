// http_message.h — the request and response the routes see, independent of
// the HTTP library (http_server.h owns the wire: parsing, limits, deadlines,
// TLS). Responses are built here; JSON bodies always through nlohmann, so an
// echoed request byte can never make a body invalid JSON or invalid UTF-8.
//
//   Response r = JsonError(404, "wafer.site.unknown", "no site \"x\" is served here", "site");
//   Response ok = JsonResponse(200, {{"status", "ok"}});
//   if (EtagMatches(req, etag)) return NotModified(etag);

#ifndef WAFER_SERVER_SRC_HTTP_MESSAGE_H_
#define WAFER_SERVER_SRC_HTTP_MESSAGE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wafer {
namespace server {

// Header fields in arrival order, names as received; lookups ignore case.
class Headers {
 public:
  void Add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // The first field named `name` (any case), or "" if none.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  // Every field named `name`, in order, joined by ", " (RFC 9110 §5.3).
  std::string Joined(std::string_view name) const;
  size_t Count(std::string_view name) const;
  // Replaces every field named `name` by one (or adds it).
  void Set(std::string name, std::string value);
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
  std::string method;         // "GET"
  std::string target;         // As sent: "/v1/admin/export?from=2026-01-01&to=2026-01-31".
  std::string path;           // The target up to '?', as sent (not decoded).
  std::string query;          // After '?', as sent.
  Headers headers;
  std::string body;           // At most the server's body limit.
  std::string peer;           // Socket peer address: "127.0.0.1", "2001:db8::1".
  bool tls = false;           // Arrived over the server's own TLS.
  std::vector<std::string> params;  // Route captures (router.h).

  // The first query parameter named `name`, percent-decoded ("" if absent).
  std::string Query(std::string_view name) const;
  bool HasQuery(std::string_view name) const;
};

// A body produced piece by piece (the admin export), sent chunked. `next` is
// called on a blocking thread (it may read the store); each piece is written
// before the next call. It returns the next piece, "" at the end, or nullopt
// on failure: the stream is then cut short (no last chunk), so the client
// sees a truncated response rather than a complete-looking partial one.
struct BodyStream {
  std::function<std::optional<std::string>()> next;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  std::shared_ptr<BodyStream> stream;  // If set, `body` is ignored; sent chunked.
  bool close = false;                  // Close the connection after this response.
};

// JSON with `status`; always valid UTF-8 (invalid bytes replaced by U+FFFD).
Response JsonResponse(int status, const nlohmann::json& body);
// {"error": {"code", "path"?, "message"}}; path omitted when empty.
Response JsonError(int status, std::string_view code, std::string_view message,
                   std::string_view path = "");
// Serialises JSON for a response or a log line: compact, invalid UTF-8
// replaced.
std::string DumpJson(const nlohmann::json& j);

// True if If-None-Match names `etag` (weak comparison) or is "*".
bool EtagMatches(const Request& req, std::string_view etag);
// True if Accept-Encoding lists `coding` with a non-zero quality.
bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding);
// Lower-case ASCII.
std::string AsciiLower(std::string_view s);
// The Host header without port, lower case, no trailing dot: "[::1]:8080" → "::1".
std::string RequestHost(const Request& req);
// "400 Bad Request" style reason phrase for a status code.
std::string_view ReasonPhrase(int status);
// Percent-decodes `s` ("+" stays "+"); false on a malformed escape.
bool PercentDecode(std::string_view s, std::string* out);

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_HTTP_MESSAGE_H_
