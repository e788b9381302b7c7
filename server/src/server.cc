// server.cc — wafer::server::Server: checks the options, owns the parts
// (store, group committer, key ring, policies, assets, demo-site files, the
// HTTP front end), wires the routes, polls for changes, and stops cleanly.
// The routes live in routes_*.cc; the wire in http_server.cc.

#include "server.h"

#include <arpa/inet.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <set>
#include <thread>

#include "http_server.h"
#include "routes.h"
#include "util.h"
#include "wafer/identifiers.h"
#include "wafer/public_suffix.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool IsLoopback(const std::string& host) {
  in_addr v4;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return host == "::1";
}

}  // namespace

std::string AdminTokenProblem(const std::string& token) {
  const std::string advice =
      " (generate one with: openssl rand -base64 32; a short token is allowed only with --demo, which "
      "listens on loopback only)";
  if (token.size() < 32) {
    return "--admin-token: " + std::to_string(token.size()) +
           " characters; at least 32 random characters are required" + advice;
  }
  std::set<char> distinct;
  for (char c : token) {
    if (c <= ' ' || c > '~') return "--admin-token: only printable ASCII without spaces" + advice;
    distinct.insert(c);
  }
  if (distinct.size() < 10) {
    return "--admin-token: too little variety (" + std::to_string(distinct.size()) +
           " distinct characters) for a random token" + advice;
  }
  return "";
}

std::string ServerContext::ClientAddress(const Request& req) const {
  return proxies.ClientAddress(req.peer, req.headers.Joined("X-Forwarded-For"));
}

bool ServerContext::IsHttps(const Request& req) const {
  if (req.tls) return true;
  if (proxies.empty() || !proxies.Contains(req.peer)) return false;
  return AsciiLower(req.headers.Get("X-Forwarded-Proto")) == "https";
}

std::string ServerContext::BaseUrl(const Request& req) const {
  if (!options.public_url.empty()) {
    std::string b = options.public_url;
    while (!b.empty() && b.back() == '/') b.pop_back();
    return b;
  }
  const std::string host(req.headers.Get("Host"));
  const bool safe = !host.empty() && host.size() < 256 &&
                    host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                        std::string::npos;
  if (!safe) return "";  // Relative URLs.
  return std::string(IsHttps(req) ? "https://" : "http://") + host;
}

std::optional<Response> ServerContext::RateLimited(RateLimiter& limiter, const std::string& key) const {
  if (limiter.Allow(key)) return std::nullopt;
  Response res = JsonError(429, "wafer.rate_limited", "too many requests from this client; retry shortly");
  res.headers.Set("Retry-After", "1");
  return res;
}

class Server::Impl {
 public:
  explicit Impl(ServerOptions o)
      : opt_(std::move(o)),
        receipt_limiter_(opt_.rate_limit_per_second, opt_.rate_limit_burst),
        admin_limiter_(opt_.admin_rate_limit_per_second, opt_.admin_rate_limit_burst),
        assets_(opt_.engine_dir, opt_.js_dir),
        sites_(opt_.sites_dir) {}

  ~Impl() { Shutdown(); }

  absl::Status Start() {
    if (absl::Status s = CheckOptions(); !s.ok()) return s;
    std::error_code ec;
    fs::create_directories(opt_.data_dir, ec);

    // Keys first: nothing is signed without them.
    const std::string keys_path = opt_.keys_file.empty() ? opt_.data_dir + "/keys.json" : opt_.keys_file;
    const std::string legacy = opt_.hmac_key_file.empty() ? opt_.data_dir + "/hmac.key" : opt_.hmac_key_file;
    std::string created;
    absl::StatusOr<KeyRing> ring = KeyRing::LoadOrCreate(keys_path, legacy, &created);
    if (!ring.ok()) return ring.status();
    if (!created.empty()) LogEvent("info", "keys", keys_path + ": " + created);
    keys_ = std::make_unique<KeyRingFile>(keys_path, *std::move(ring));

    // The Public Suffix List: without it, cookie domains cannot be decided.
    const std::string psl_path = opt_.psl_path.empty() ? kDefaultPublicSuffixListPath : opt_.psl_path;
    absl::StatusOr<PublicSuffixList> psl = PublicSuffixList::Load(psl_path);
    if (!psl.ok()) return psl.status();

    absl::StatusOr<std::unique_ptr<Store>> store;
    if (opt_.store == "sqlite") {
      store = OpenSqliteStore(opt_.sqlite_path.empty() ? opt_.data_dir + "/wafer.db" : opt_.sqlite_path);
    } else if (opt_.store == "postgres") {
      if (opt_.pg_url.empty()) return absl::InvalidArgumentError("--store postgres needs --pg URL");
      store = OpenPostgresStore(opt_.pg_url, opt_.pg_schema);
    } else {
      return absl::InvalidArgumentError("--store must be sqlite or postgres, not " + opt_.store);
    }
    if (!store.ok()) return store.status();
    store_ = std::move(*store);

    registry_ = std::make_unique<PolicyRegistry>(opt_.policies_dir, *std::move(psl));
    registry_->Reload();
    assets_.Reload();
    sites_.Reload();
    Purge();

    HttpLimits limits;
    limits.max_body_bytes = opt_.max_body_bytes;
    limits.max_header_bytes = opt_.max_header_bytes;
    limits.max_target_bytes = opt_.max_target_bytes;
    limits.idle_timeout = std::chrono::milliseconds(opt_.idle_timeout_ms);
    limits.header_timeout = std::chrono::milliseconds(opt_.header_timeout_ms);
    limits.body_timeout = std::chrono::milliseconds(opt_.body_timeout_ms);
    limits.write_timeout = std::chrono::milliseconds(opt_.write_timeout_ms);
    limits.handshake_timeout = std::chrono::milliseconds(opt_.header_timeout_ms);
    limits.max_connections = opt_.max_connections;
    limits.max_connections_per_address = opt_.max_connections_per_address;
    limits.threads = opt_.threads > 0 ? opt_.threads : std::max(1u, std::thread::hardware_concurrency());
    http_ = std::make_unique<HttpServer>(
        limits, [this](std::shared_ptr<Request> req, Reply reply) { Handle(std::move(req), std::move(reply)); },
        [this](const std::string& peer) { return !proxies_.empty() && proxies_.Contains(peer); });
    // Committed batches are answered from the blocking pool: the writer goes
    // straight on to the next transaction.
    committer_ = std::make_unique<GroupCommitter>(
        store_.get(), 2048, [this](std::function<void()> settle) { http_->RunBlocking(std::move(settle)); });
    if (!opt_.tls_cert.empty() || !opt_.tls_key.empty()) {
      if (absl::Status s = http_->SetTls({opt_.tls_cert, opt_.tls_key}); !s.ok()) return s;
    }
    if (opt_.log_requests) {
      http_->SetAccessLog([this](const AccessRecord& a) { LogAccess(a); });
    }
    ctx_ = std::make_unique<ServerContext>(ServerContext{
        opt_, *registry_, assets_, sites_, *store_, *committer_, *keys_, receipt_limiter_, admin_limiter_,
        proxies_, policy_files_, [this](std::function<void()> fn) { http_->RunBlocking(std::move(fn)); }});
    Routes();
    if (absl::Status s = http_->Start(opt_.listen_host, opt_.listen_port); !s.ok()) return s;
    port_ = http_->port();
    poller_ = std::thread([this] { Poll(); });
    started_ = true;
    LogEvent("info", "started",
             "listening on " + opt_.listen_host + ":" + std::to_string(port_) + " (" +
                 std::string(opt_.tls_cert.empty() ? "http" : "https") + "), store " + store_->Kind() + ", " +
                 std::to_string(registry_->size()) + " sites, signing key " + keys_->Get()->active().id);
    return absl::OkStatus();
  }

  int port() const { return port_; }

  void Reload() {
    reload_requested_ = true;
    poll_cv_.notify_all();
  }

  void Shutdown() {
    std::lock_guard<std::mutex> lock(shutdown_mu_);
    if (!started_ || stopped_) return;
    stopped_ = true;
    LogEvent("info", "shutdown", "draining in-flight requests");
    http_->Stop();
    committer_->Stop();
    {
      std::lock_guard<std::mutex> l(poll_mu_);
      stop_poll_ = true;
    }
    poll_cv_.notify_all();
    if (poller_.joinable()) poller_.join();
    char stats[160];
    snprintf(stats, sizeof stats, "stopped: %llu receipts in %llu commits, writer busy %.2f s",
             static_cast<unsigned long long>(committer_->receipts()),
             static_cast<unsigned long long>(committer_->batches()), committer_->busy_seconds());
    LogEvent("info", "shutdown", stats);
    committer_.reset();
    http_.reset();
    store_.reset();
  }

 private:
  absl::Status CheckOptions() {
    if (opt_.policies_dir.empty()) return absl::InvalidArgumentError("--policies DIR is required");
    if (opt_.demo && !IsLoopback(opt_.listen_host)) {
      return absl::InvalidArgumentError("--demo listens on loopback only (127.0.0.0/8 or ::1), not " +
                                        opt_.listen_host);
    }
    if (!opt_.admin_token.empty() && !opt_.demo) {
      if (std::string problem = AdminTokenProblem(opt_.admin_token); !problem.empty()) {
        return absl::InvalidArgumentError(problem);
      }
    }
    for (const std::string& cidr : opt_.trusted_proxies) {
      if (!proxies_.Add(cidr)) {
        return absl::InvalidArgumentError("--trusted-proxy: \"" + cidr +
                                          "\" is not an address or network (10.0.0.0/8, 2001:db8::/32)");
      }
    }
    for (const std::string& id : opt_.static_sites) {
      if (!IsSiteId(id)) return absl::InvalidArgumentError("--static-site: \"" + id + "\" is not a site id");
    }
    if (opt_.tls_cert.empty() != opt_.tls_key.empty()) {
      return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
    }
    if (opt_.page_view_max_age_s < 60) {
      return absl::InvalidArgumentError("--page-view-max-age: at least 60 seconds");
    }
    return absl::OkStatus();
  }

  void Routes() {
    router_.Add("GET", "/healthz", Sync([](Request&) { return JsonResponse(200, {{"status", "ok"}}); }));
    router_.Add("GET", "/readyz", [this](std::shared_ptr<Request>, Reply reply) {
      http_->RunBlocking([this, reply] {
        absl::Status ping = store_->Ping();
        const size_t sites = registry_->size();
        json j = {{"store", store_->Kind()},
                  {"store_ok", ping.ok()},
                  {"sites", sites},
                  {"policy_errors", registry_->last_errors()},
                  {"signing_key", keys_->Get()->active().id}};
        if (!ping.ok()) j["store_error"] = std::string(ping.message());
        const bool ready = ping.ok() && sites > 0;
        j["status"] = ready ? "ready" : "not-ready";
        reply(JsonResponse(ready ? 200 : 503, j));
      });
    });
    AddAssetRoutes(router_, *ctx_);
    AddSiteRoutes(router_, *ctx_);
    AddReceiptRoutes(router_, *ctx_);
    AddAdminRoutes(router_, *ctx_);
    AddDemoSiteRoutes(router_, *ctx_);
  }

  void Handle(std::shared_ptr<Request> req, Reply reply) {
    const Route* route = router_.Find(*req);
    if (route == nullptr) {
      const std::string allowed = router_.Allowed(req->path);
      if (allowed.empty()) {
        return reply(JsonError(404, "wafer.not_found", "nothing here: " + req->path.substr(0, 200)));
      }
      Response res = JsonError(405, "wafer.method_not_allowed", req->method.substr(0, 16) + " is not allowed here");
      res.headers.Set("Allow", allowed);
      return reply(std::move(res));
    }
    route->handler(std::move(req), std::move(reply));
  }

  // One line per request. Only the path comes from the client as it is: it
  // goes through the JSON library; the method is a token (the front end
  // checked it), the rest is the server's own.
  void LogAccess(const AccessRecord& a) {
    char tail[96];
    std::snprintf(tail, sizeof tail, ",\"status\":%d,\"ms\":%.3f", a.status, a.ms);
    std::string line = "{\"ts\":\"" + FormatIsoMs(NowMs()) + "\"";
    if (a.request) {
      line += ",\"method\":\"" + a.request->method + "\",\"path\":" +
              nlohmann::json(a.request->path.substr(0, 256)).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    line += tail;
    if (a.request) line += ",\"ip\":\"" + TruncateIp(ctx_->ClientAddress(*a.request)) + "\"";
    line += ",\"bytes\":" + std::to_string(a.bytes) + "}";
    WriteLogLine(line);
  }

  void Poll() {
    auto next_purge = std::chrono::steady_clock::now() + std::chrono::hours(1);
    std::unique_lock<std::mutex> lock(poll_mu_);
    while (!stop_poll_) {
      poll_cv_.wait_for(lock, std::chrono::milliseconds(opt_.poll_interval_ms),
                        [&] { return stop_poll_ || reload_requested_.load(); });
      if (stop_poll_) break;
      lock.unlock();
      const bool forced = reload_requested_.exchange(false);
      if (forced) {
        LogEvent("info", "reload", "reloading policies, assets, sites, keys and the TLS certificate");
        registry_->Reload();
        assets_.Reload();
        sites_.Reload();
        if (absl::Status s = http_->ReloadTls(); !s.ok()) {
          LogEvent("error", "tls", std::string(s.message()) + "; keeping the certificate in use");
        }
      } else {
        registry_->ReloadIfChanged();
        assets_.ReloadIfChanged();
        sites_.ReloadIfChanged();
      }
      const std::string before = keys_->Get()->active().id;
      if (absl::Status s = keys_->ReloadIfChanged(forced); !s.ok()) {
        LogEvent("error", "keys", std::string(s.message()) + "; keeping the key ring in use");
      } else if (keys_->Get()->active().id != before) {
        LogEvent("info", "keys", "signing with key " + keys_->Get()->active().id + " (was " + before + ")");
      }
      if (std::chrono::steady_clock::now() >= next_purge) {
        Purge();
        next_purge = std::chrono::steady_clock::now() + std::chrono::hours(1);
      }
      lock.lock();
    }
  }

  void Purge() {
    if (opt_.retention_days <= 0) return;
    const int64_t before = NowMs() - static_cast<int64_t>(opt_.retention_days) * 86400000;
    absl::StatusOr<int64_t> n = store_->Purge(before);
    if (!n.ok()) {
      LogEvent("error", "retention", std::string(n.status().message()));
    } else if (*n > 0) {
      LogEvent("info", "retention",
               "purged " + std::to_string(*n) + " receipts older than " + std::to_string(opt_.retention_days) +
                   " days");
    }
  }

  ServerOptions opt_;
  TrustedProxies proxies_;
  RateLimiter receipt_limiter_;
  RateLimiter admin_limiter_;
  AssetStore assets_;
  StaticFiles sites_;
  PolicyFileMemory policy_files_;
  std::unique_ptr<KeyRingFile> keys_;
  std::unique_ptr<PolicyRegistry> registry_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<GroupCommitter> committer_;
  std::unique_ptr<HttpServer> http_;
  std::unique_ptr<ServerContext> ctx_;
  Router router_;
  std::thread poller_;
  std::mutex poll_mu_;
  std::condition_variable poll_cv_;
  bool stop_poll_ = false;
  std::atomic<bool> reload_requested_{false};
  std::mutex shutdown_mu_;
  bool started_ = false;
  bool stopped_ = false;
  int port_ = 0;
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;
absl::Status Server::Start() { return impl_->Start(); }
int Server::port() const { return impl_->port(); }
void Server::Reload() { impl_->Reload(); }
void Server::Shutdown() { impl_->Shutdown(); }

}  // namespace server
}  // namespace wafer
