// server.h — Wafer's consent server: serves the stub, the engine and the
// policies, records signed consent receipts, and answers the admin API.
//
// One object owns everything (store, group committer, policies, assets, the
// HTTP server and its threads), so tests run it in-process on a free port
// and the binary (main.cc) only parses flags and forwards signals:
//
//   ServerOptions o;
//   o.listen_port = 0;  // any free port
//   o.policies_dir = "demo/policies";
//   o.data_dir = tmp;
//   Server server(o);
//   absl::Status s = server.Start();    // returns once it accepts connections
//   int port = server.port();
//   ...
//   server.Shutdown();                  // drains in-flight requests and writes
//
// docs/server.md documents the routes, flags and receipt format.

#ifndef WAFER_SERVER_SRC_SERVER_H_
#define WAFER_SERVER_SRC_SERVER_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace wafer {
namespace server {

struct ServerOptions {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;             // 0: any free port (see Server::port()).
  std::string policies_dir;           // Required: *.json site policies.
  std::string sites_dir;              // Optional: DIR/<site id>/ static demo sites.
  std::string engine_dir;             // Optional: wafer-engine.wasm and *.mjs.
  std::string js_dir;                 // Optional: wafer.stub.js and other *.js bundles.
  std::string data_dir = "data";      // SQLite database and the HMAC key.
  std::string store = "sqlite";       // "sqlite" or "postgres".
  std::string sqlite_path;            // Default: data_dir/wafer.db.
  std::string pg_url;                 // libpq connection string (postgres).
  std::string pg_schema;              // Optional schema for every table.
  std::string geo_header;             // Trusted region header: "CF-IPCountry".
  std::string client_ip_header;       // Trusted client-IP header ("" = socket peer).
  std::string admin_token;            // "" disables the admin API.
  std::string hmac_key_file;          // Default: data_dir/hmac.key (created if absent).
  std::string public_url;             // Base of URLs in the stub ("" = from Host).
  std::string psl_path;               // Default: Debian's public_suffix_list.dat.
  int retention_days = 0;             // 0: keep receipts forever.
  std::vector<std::string> cors_origins;  // Empty: the policies' site domains.
  size_t max_body_bytes = 16 * 1024;
  double rate_limit_per_second = 20;  // Receipts and admin calls per client IP; 0 disables.
  double rate_limit_burst = 60;
  int threads = 128;                  // HTTP worker threads (one per open connection).
  int poll_interval_ms = 1000;        // Policy/asset file polling.
  bool log_requests = true;           // One JSON line per request on stderr.
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the store (migrating it), loads policies and assets, binds and
  // starts serving on background threads.
  absl::Status Start();
  int port() const;
  // Re-reads policies and assets now (SIGHUP).
  void Reload();
  // Stops accepting, finishes in-flight requests, writes every queued
  // receipt, closes the store. Idempotent.
  void Shutdown();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_SERVER_H_
