// wafer-server — the consent server's command line. Parses flags, starts a
// wafer::server::Server, forwards SIGHUP (reload) and SIGTERM/SIGINT
// (graceful shutdown). docs/server.md has every flag.

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "server.h"

namespace {

constexpr char kUsage[] = R"(usage: wafer-server --policies DIR [flags]

  --listen HOST:PORT      address to listen on [127.0.0.1:8080]; port 0 picks a free
                          port and prints it
  --policies DIR          site policies (*.json), reloaded on SIGHUP and on change
  --sites DIR             static demo sites: DIR/<site id>/ for its domains' Hosts
  --engine DIR            wafer-engine.wasm (and *.mjs) to serve
  --js DIR                wafer.stub.js template and the loader bundles (*.js)
  --data DIR              data folder: wafer.db, hmac.key [data]
  --store sqlite|postgres [sqlite]
  --pg URL                PostgreSQL connection string (libpq)
  --pg-schema NAME        PostgreSQL schema for the tables [default search path]
  --geo-header NAME       trusted region header (CF-IPCountry, X-Wafer-Region)
  --client-ip-header NAME trusted client-IP header (X-Forwarded-For) [socket peer]
  --admin-token TOKEN     admin API bearer token [env WAFER_ADMIN_TOKEN; none: disabled]
  --hmac-key-file PATH    receipt signing key, created if absent [DATA/hmac.key]
  --retention-days N      purge receipts older than N days [0: keep]
  --cors-origin ORIGIN    allowed origin (repeatable) [the policies' site domains]
  --public-url URL        base of the URLs in the stub [from the Host header]
  --max-body BYTES        request body limit [16384]
  --rate-limit N          receipts and admin calls per second per client IP, 0 = off [20]
  --rate-burst N          bucket size [60]
  --threads N             HTTP worker threads (one per open connection) [128]
  --poll-ms N             policy and asset change polling [1000]
  --psl PATH              Public Suffix List [Debian's]
  --quiet                 no per-request log lines
)";

bool SplitHostPort(const std::string& v, std::string* host, int* port) {
  size_t colon = v.rfind(':');
  if (colon == std::string::npos) return false;
  *host = v.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  char* end = nullptr;
  long p = std::strtol(v.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || p < 0 || p > 65535 || colon + 1 == v.size()) return false;
  *port = static_cast<int>(p);
  return !host->empty();
}

}  // namespace

int main(int argc, char** argv) {
  wafer::server::ServerOptions o;
  if (const char* t = std::getenv("WAFER_ADMIN_TOKEN")) o.admin_token = t;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "wafer-server: %s needs a value\n%s", a.c_str(), kUsage);
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&]() -> double {
      std::string v = value();
      char* end = nullptr;
      double d = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || d < 0) {
        std::fprintf(stderr, "wafer-server: %s expects a non-negative number, got \"%s\"\n", a.c_str(), v.c_str());
        std::exit(2);
      }
      return d;
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--listen") {
      std::string v = value();
      if (!SplitHostPort(v, &o.listen_host, &o.listen_port)) {
        std::fprintf(stderr, "wafer-server: --listen expects HOST:PORT, got \"%s\"\n", v.c_str());
        return 2;
      }
    } else if (a == "--policies") {
      o.policies_dir = value();
    } else if (a == "--sites") {
      o.sites_dir = value();
    } else if (a == "--engine") {
      o.engine_dir = value();
    } else if (a == "--js") {
      o.js_dir = value();
    } else if (a == "--data") {
      o.data_dir = value();
    } else if (a == "--store") {
      o.store = value();
    } else if (a == "--pg") {
      o.pg_url = value();
    } else if (a == "--pg-schema") {
      o.pg_schema = value();
    } else if (a == "--geo-header") {
      o.geo_header = value();
    } else if (a == "--client-ip-header") {
      o.client_ip_header = value();
    } else if (a == "--admin-token") {
      o.admin_token = value();
    } else if (a == "--hmac-key-file") {
      o.hmac_key_file = value();
    } else if (a == "--retention-days") {
      o.retention_days = static_cast<int>(number());
    } else if (a == "--cors-origin") {
      o.cors_origins.push_back(value());
    } else if (a == "--public-url") {
      o.public_url = value();
    } else if (a == "--max-body") {
      o.max_body_bytes = static_cast<size_t>(number());
    } else if (a == "--rate-limit") {
      o.rate_limit_per_second = number();
    } else if (a == "--rate-burst") {
      o.rate_limit_burst = number();
    } else if (a == "--threads") {
      o.threads = std::max(2, static_cast<int>(number()));
    } else if (a == "--poll-ms") {
      o.poll_interval_ms = std::max(50, static_cast<int>(number()));
    } else if (a == "--psl") {
      o.psl_path = value();
    } else if (a == "--quiet") {
      o.log_requests = false;
    } else {
      std::fprintf(stderr, "wafer-server: unknown flag %s\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (o.policies_dir.empty()) {
    std::fprintf(stderr, "wafer-server: --policies DIR is required\n%s", kUsage);
    return 2;
  }

  // Every thread inherits this mask; signals are taken by sigwait() below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  wafer::server::Server server(o);
  absl::Status s = server.Start();
  if (!s.ok()) {
    std::fprintf(stderr, "wafer-server: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::printf("wafer-server listening on http://%s:%d\n", o.listen_host.c_str(), server.port());
  std::fflush(stdout);

  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      server.Reload();
      continue;
    }
    break;
  }
  server.Shutdown();
  return 0;
}
