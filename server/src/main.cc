// wafer-server — the consent server's command line. Parses flags, starts a
// wafer::server::Server, forwards SIGHUP (reload) and SIGTERM/SIGINT
// (graceful shutdown); `wafer-server keys …` manages the signing keys.
// docs/server.md has every flag.

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "keyring.h"
#include "server.h"
#include "util.h"

namespace {

constexpr char kUsage[] = R"(usage: wafer-server --policies DIR [flags]
       wafer-server keys init|list|rotate|compromise ID [--at TIME] [--data DIR | --keys FILE]

Serving:
  --listen HOST:PORT      address to listen on [127.0.0.1:8080]; port 0 picks a free
                          port and prints it
  --tls-cert FILE         serve HTTPS: PEM certificate chain (with --tls-key); re-read on SIGHUP
  --tls-key FILE          PEM private key
  --policies DIR          site policies (*.json), reloaded on SIGHUP and on change
  --sites DIR             static demo sites: DIR/<site id>/ for its domains' Hosts
  --engine DIR            wafer-engine.wasm (and *.mjs) to serve
  --js DIR                wafer.stub.js template and the loader bundles (*.js)
  --public-url URL        base of the URLs in the stub [from the Host header]
  --geo-header NAME       trusted region header (CF-IPCountry, X-Wafer-Region)
  --cors-origin ORIGIN    allowed origin (repeatable) [the policies' site domains]
  --psl PATH              Public Suffix List, DAFSA or text [Debian's .dafsa]
  --poll-ms N             policy, asset, site and key file polling [1000]
  --quiet                 no per-request log lines

Receipts and keys:
  --data DIR              data folder: wafer.db, keys.json [data]
  --store sqlite|postgres [sqlite]
  --pg URL                PostgreSQL connection string (libpq)
  --pg-schema NAME        PostgreSQL schema for the tables [default search path]
  --keys FILE             signing key ring, created if absent [DATA/keys.json]
  --hmac-key-file PATH    key of earlier versions, imported once as key k0 [DATA/hmac.key]
  --page-view-max-age S   page-view token lifetime, seconds [90300]
  --static-site ID        receipts for this site may come without a page-view token
                          (its wafer.js is a static file); stored flagged (repeatable)
  --retention-days N      purge receipts older than N days [0: keep]

Clients and limits:
  --trusted-proxy CIDR    proxy whose X-Forwarded-For is believed (repeatable); without
                          one, X-Forwarded-For is ignored
  --admin-token TOKEN     admin API bearer token, 32+ random characters
                          [env WAFER_ADMIN_TOKEN; none: admin API disabled]
  --demo                  allow a short admin token; listen on loopback only
  --rate-limit N          receipts per second per client address, 0 = off [20]
  --rate-burst N          bucket size [60]
  --admin-rate-limit N    admin calls per second per socket address, 0 = off [5]
  --admin-rate-burst N    [20]
  --max-body BYTES        request body limit (413) [16384]
  --max-header BYTES      request line and header fields (431) [16384]
  --max-target BYTES      request target (414) [4096]
  --max-connections N     open connections [20000, capped by the descriptor limit]
  --max-connections-per-address N   per peer address, trusted proxies exempt, 0 = off [128]
  --idle-timeout S        wait for a request's first byte [10]
  --header-timeout S      whole header block, from its first byte; TLS handshake [10]
  --body-timeout S        whole body [10]
  --write-timeout S       each response write [10]
  --threads N             event-loop threads [one per core]
)";

[[noreturn]] void Usage(const std::string& message) {
  std::fprintf(stderr, "wafer-server: %s\n%s", message.c_str(), kUsage);
  std::exit(2);
}

bool SplitHostPort(const std::string& v, std::string* host, int* port) {
  const size_t colon = v.rfind(':');
  if (colon == std::string::npos) return false;
  *host = v.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  char* end = nullptr;
  const long p = std::strtol(v.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || p < 0 || p > 65535 || colon + 1 == v.size()) return false;
  *port = static_cast<int>(p);
  return !host->empty();
}

// `wafer-server keys …`: the key ring of a data folder (or --keys FILE).
int KeysCommand(int argc, char** argv) {
  using wafer::server::KeyRing;
  std::string data = "data", keys_file, legacy, at;
  std::vector<std::string> positional;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--data") {
      data = value();
    } else if (a == "--keys") {
      keys_file = value();
    } else if (a == "--hmac-key-file") {
      legacy = value();
    } else if (a == "--at") {
      at = value();
    } else if (!a.empty() && a[0] == '-') {
      Usage("keys: unknown flag " + a);
    } else {
      positional.push_back(a);
    }
  }
  if (keys_file.empty()) keys_file = data + "/keys.json";
  if (legacy.empty()) legacy = data + "/hmac.key";
  if (positional.empty()) Usage("keys needs init, list, rotate or compromise ID");
  const std::string& what = positional[0];
  const int64_t now = wafer::server::NowMs();
  if (what == "list" && positional.size() == 1) {
    absl::StatusOr<KeyRing> ring = KeyRing::Load(keys_file);
    if (!ring.ok()) {
      std::fprintf(stderr, "wafer-server: %s\n", std::string(ring.status().message()).c_str());
      return 1;
    }
    std::printf("%-8s %-12s %-25s %-25s %s\n", "id", "status", "created", "retired", "compromised");
    for (const auto& k : ring->keys()) {
      std::printf("%-8s %-12s %-25s %-25s %s\n", k.id.c_str(), std::string(KeyStatusName(k.status)).c_str(),
                  wafer::server::FormatIsoMs(k.created_at_ms).c_str(),
                  k.retired_at_ms ? wafer::server::FormatIsoMs(k.retired_at_ms).c_str() : "-",
                  k.compromised_at_ms ? wafer::server::FormatIsoMs(k.compromised_at_ms).c_str() : "-");
    }
    return 0;
  }
  std::string created;
  absl::StatusOr<KeyRing> ring = KeyRing::LoadOrCreate(keys_file, legacy, &created);
  if (!ring.ok()) {
    std::fprintf(stderr, "wafer-server: %s\n", std::string(ring.status().message()).c_str());
    return 1;
  }
  if (!created.empty()) std::printf("%s: %s\n", keys_file.c_str(), created.c_str());
  if (what == "init" && positional.size() == 1) {
    // The ring as a package's installer wants it: created if absent (or the
    // legacy key imported), left exactly as it is otherwise.
    if (created.empty()) std::printf("%s: present, %zu key(s); unchanged\n", keys_file.c_str(), ring->keys().size());
    return 0;
  }
  absl::StatusOr<std::string> active;
  if (what == "rotate" && positional.size() == 1) {
    active = ring->Rotate(now);
  } else if (what == "compromise" && positional.size() == 2) {
    int64_t at_ms = now;
    if (!at.empty() && !wafer::server::ParseIsoMs(at, &at_ms)) {
      Usage("--at expects a UTC time such as 2026-11-25T18:00:00Z");
    }
    active = ring->MarkCompromised(positional[1], at_ms, now);
    if (active.ok()) {
      std::printf("key %s marked compromised as of %s: its receipts report it, its page-view tokens are refused\n",
                  positional[1].c_str(), wafer::server::FormatIsoMs(at_ms).c_str());
    }
  } else {
    Usage("keys needs init, list, rotate or compromise ID");
  }
  if (!active.ok()) {
    std::fprintf(stderr, "wafer-server: %s\n", std::string(active.status().message()).c_str());
    return 1;
  }
  if (absl::Status s = ring->Save(keys_file); !s.ok()) {
    std::fprintf(stderr, "wafer-server: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::printf("%s: key %s signs from now on; running servers switch within --poll-ms (or on SIGHUP). "
              "Servers sharing a database need this same file.\n",
              keys_file.c_str(), active->c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "keys") == 0) return KeysCommand(argc, argv);
  wafer::server::ServerOptions o;
  if (const char* t = std::getenv("WAFER_ADMIN_TOKEN")) o.admin_token = t;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(a + " needs a value");
      return argv[++i];
    };
    auto number = [&]() -> double {
      const std::string v = value();
      char* end = nullptr;
      const double d = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || d < 0) Usage(a + " expects a non-negative number, got \"" + v + "\"");
      return d;
    };
    auto millis = [&]() { return std::max(1, static_cast<int>(number() * 1000)); };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--listen") {
      const std::string v = value();
      if (!SplitHostPort(v, &o.listen_host, &o.listen_port)) Usage("--listen expects HOST:PORT, got \"" + v + "\"");
    } else if (a == "--tls-cert") {
      o.tls_cert = value();
    } else if (a == "--tls-key") {
      o.tls_key = value();
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
    } else if (a == "--trusted-proxy") {
      o.trusted_proxies.push_back(value());
    } else if (a == "--client-ip-header") {
      Usage("--client-ip-header is gone: it let any client choose its own address. Use --trusted-proxy CIDR "
            "(the client is then the rightmost X-Forwarded-For entry that is not a trusted proxy)");
    } else if (a == "--admin-token") {
      o.admin_token = value();
    } else if (a == "--demo") {
      o.demo = true;
    } else if (a == "--keys") {
      o.keys_file = value();
    } else if (a == "--hmac-key-file") {
      o.hmac_key_file = value();
    } else if (a == "--page-view-max-age") {
      o.page_view_max_age_s = static_cast<int64_t>(number());
    } else if (a == "--static-site") {
      o.static_sites.push_back(value());
    } else if (a == "--retention-days") {
      o.retention_days = static_cast<int>(number());
    } else if (a == "--cors-origin") {
      o.cors_origins.push_back(value());
    } else if (a == "--public-url") {
      o.public_url = value();
    } else if (a == "--max-body") {
      o.max_body_bytes = static_cast<size_t>(number());
    } else if (a == "--max-header") {
      o.max_header_bytes = std::max<size_t>(1024, static_cast<size_t>(number()));
    } else if (a == "--max-target") {
      o.max_target_bytes = std::max<size_t>(256, static_cast<size_t>(number()));
    } else if (a == "--max-connections") {
      o.max_connections = std::max<size_t>(16, static_cast<size_t>(number()));
    } else if (a == "--max-connections-per-address") {
      o.max_connections_per_address = static_cast<size_t>(number());
    } else if (a == "--idle-timeout") {
      o.idle_timeout_ms = millis();
    } else if (a == "--header-timeout") {
      o.header_timeout_ms = millis();
    } else if (a == "--body-timeout") {
      o.body_timeout_ms = millis();
    } else if (a == "--write-timeout") {
      o.write_timeout_ms = millis();
    } else if (a == "--rate-limit") {
      o.rate_limit_per_second = number();
    } else if (a == "--rate-burst") {
      o.rate_limit_burst = number();
    } else if (a == "--admin-rate-limit") {
      o.admin_rate_limit_per_second = number();
    } else if (a == "--admin-rate-burst") {
      o.admin_rate_limit_burst = number();
    } else if (a == "--threads") {
      o.threads = std::clamp(static_cast<int>(number()), 1, 64);
    } else if (a == "--poll-ms") {
      o.poll_interval_ms = std::max(50, static_cast<int>(number()));
    } else if (a == "--psl") {
      o.psl_path = value();
    } else if (a == "--quiet") {
      o.log_requests = false;
    } else {
      Usage("unknown flag " + a);
    }
  }
  if (o.policies_dir.empty()) Usage("--policies DIR is required");

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
  std::printf("wafer-server listening on %s://%s:%d\n", o.tls_cert.empty() ? "http" : "https",
              o.listen_host.find(':') != std::string::npos ? ("[" + o.listen_host + "]").c_str()
                                                           : o.listen_host.c_str(),
              server.port());
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
