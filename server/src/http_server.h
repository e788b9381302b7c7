// http_server.h — wafer-server's HTTP/1.1 front end on Boost.Asio and
// Boost.Beast (Debian's libboost1.81-dev): a few event-loop threads serve
// every connection; routes that must wait (the store, a disk commit) hand
// their work off and answer later, so no client can hold a thread.
//
// What a client can make the server spend is bounded here:
//   - connections: at most `max_connections` open, at most
//     `max_connections_per_address` from one peer address (trusted proxies
//     are exempt); more are closed at once;
//   - time: `idle_timeout` for the first byte of a request (and between
//     requests on a kept-alive connection), `header_timeout` for the whole
//     header block from its first byte, `body_timeout` for the body,
//     `write_timeout` for each response, `handshake_timeout` for TLS;
//   - bytes: the request line (414 past `max_target_bytes`), the header block
//     (431 past `max_header_bytes`), the body (413 past `max_body_bytes`,
//     refused before reading when declared);
//   - syntax (RFC 9112): a Content-Length that is repeated, a list or not
//     digits, Content-Length with Transfer-Encoding, a transfer coding other
//     than chunked, obsolete line folding, a bare CR or LF, whitespace before
//     a colon, control characters, a missing or repeated Host: 400, and the
//     connection is closed.
// TLS (OpenSSL, TLS 1.2 and 1.3) when a certificate and key are given; they
// are re-read by ReloadTls() (SIGHUP) for new connections.
//
//   HttpServer http(limits, [&](std::shared_ptr<Request> req, Reply reply) { … });
//   absl::Status s = http.Start("127.0.0.1", 0);   // port(): the bound port
//   …
//   http.Stop();  // stops accepting, lets requests in flight answer, then returns

#ifndef WAFER_SERVER_SRC_HTTP_SERVER_H_
#define WAFER_SERVER_SRC_HTTP_SERVER_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "router.h"

namespace wafer {
namespace server {

struct HttpLimits {
  size_t max_target_bytes = 4096;
  size_t max_header_bytes = 16384;  // Request line and header fields.
  size_t max_body_bytes = 16384;
  std::chrono::milliseconds idle_timeout{10000};
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{10000};
  std::chrono::milliseconds write_timeout{10000};
  std::chrono::milliseconds handshake_timeout{10000};
  size_t max_connections = 20000;
  size_t max_connections_per_address = 128;  // 0: no cap.
  size_t max_requests_per_connection = 100000;
  int threads = 2;           // Event-loop threads.
  int blocking_threads = 4;  // For routes that read the store (RunBlocking).
};

struct TlsFiles {
  std::string cert_chain;  // PEM: the certificate, then intermediates.
  std::string private_key; // PEM.
  bool enabled() const { return !cert_chain.empty(); }
};

// One line per request, after it is answered.
struct AccessRecord {
  const Request* request;  // Null when the request could not be read.
  int status;
  size_t bytes;       // Body bytes sent.
  double ms;          // From the request's first byte to the response written.
};

class HttpServer {
 public:
  // `handler` answers every request the front end accepts; `exempt` (may be
  // null) says which peer addresses have no per-address connection cap.
  HttpServer(HttpLimits limits, Handler handler,
             std::function<bool(const std::string& peer)> exempt = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  absl::Status SetTls(const TlsFiles& files);  // Before Start(); also a reload.
  absl::Status ReloadTls();
  void SetAccessLog(std::function<void(const AccessRecord&)> log);

  // Binds `host`:`port` (0: any free port) and starts serving.
  absl::Status Start(const std::string& host, int port);
  int port() const;
  // Stops accepting, closes idle connections, waits (bounded by the write
  // and body timeouts) for requests in flight to be answered, joins.
  void Stop();

  // Runs `fn` on the blocking pool (for routes that read the store).
  void RunBlocking(std::function<void()> fn);

  // Connections open now (for tests and /readyz).
  size_t open_connections() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_HTTP_SERVER_H_
