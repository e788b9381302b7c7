// server.h — Wafer's consent server: serves the stub, the engine and the
// policies, records signed consent receipts, and answers the admin API.
//
// One object owns everything (store, group committer, policies, assets, keys,
// the HTTP front end), so tests run it in-process on a free port and the
// binary (main.cc) only parses flags and forwards signals:
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
// docs/server.md documents the routes, flags and receipt format; the parts
// live in one file per concern (server/README.md lists them).

#ifndef WAFER_SERVER_SRC_SERVER_H_
#define WAFER_SERVER_SRC_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace wafer {
namespace server {

struct ServerOptions {
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;             // 0: any free port (see Server::port()).
  std::string tls_cert;               // PEM chain: serve HTTPS (with tls_key).
  std::string tls_key;                // PEM private key.
  std::string policies_dir;           // Required: *.json site policies.
  std::string sites_dir;              // Optional: DIR/<site id>/ static demo sites.
  std::string engine_dir;             // Optional: wafer-engine.wasm and *.mjs.
  std::string js_dir;                 // Optional: wafer.stub.js and other *.js bundles.
  std::string data_dir = "data";      // SQLite database and the key ring.
  std::string store = "sqlite";       // "sqlite" or "postgres".
  std::string sqlite_path;            // Default: data_dir/wafer.db.
  std::string pg_url;                 // libpq connection string (postgres).
  std::string pg_schema;              // Optional schema for every table.
  std::string geo_header;             // Trusted region header: "CF-IPCountry".
  std::vector<std::string> trusted_proxies;  // CIDRs whose X-Forwarded-For is believed.
  std::string admin_token;            // "" disables the admin API.
  bool demo = false;                  // Allows a short admin token; loopback only.
  std::string keys_file;              // Default: data_dir/keys.json (created if absent).
  std::string hmac_key_file;          // Legacy single key, imported as "k0" (default data_dir/hmac.key).
  std::string public_url;             // Base of URLs in the stub ("" = from Host).
  std::string psl_path;               // Default: Debian's public_suffix_list.dafsa.
  int retention_days = 0;             // 0: keep receipts forever.
  std::vector<std::string> cors_origins;  // Empty: the policies' site domains.
  std::vector<std::string> static_sites;  // Sites whose stub is static: token-less receipts flagged.
  int64_t page_view_max_age_s = 90300;    // Token lifetime: stub max-age + stale window + 1 h.
  size_t max_body_bytes = 16 * 1024;
  size_t max_header_bytes = 16 * 1024;
  size_t max_target_bytes = 4096;
  double rate_limit_per_second = 20;  // Receipts per client address; 0 disables.
  double rate_limit_burst = 60;
  double admin_rate_limit_per_second = 5;  // Admin calls per socket address; 0 disables.
  double admin_rate_limit_burst = 20;
  int threads = 0;                    // Event-loop threads; 0: one per core.
  size_t max_connections = 20000;
  size_t max_connections_per_address = 128;  // Trusted proxies are exempt; 0: no cap.
  int idle_timeout_ms = 10000;
  int header_timeout_ms = 10000;
  int body_timeout_ms = 10000;
  int write_timeout_ms = 10000;
  int poll_interval_ms = 1000;        // Policy, asset, site and key file polling.
  bool log_requests = true;           // One JSON line per request on stderr.
};

// Why `token` is not an acceptable admin token outside --demo ("" if it is):
// at least 32 characters, printable ASCII without spaces, and varied enough
// to have come from a random source (at least 16 distinct characters).
std::string AdminTokenProblem(const std::string& token);

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Checks the options, opens the store (migrating it), loads the keys,
  // policies and assets, binds and starts serving on background threads.
  absl::Status Start();
  int port() const;
  // Re-reads policies, assets, sites, keys and the TLS certificate now (SIGHUP).
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
