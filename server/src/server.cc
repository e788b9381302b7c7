#include "server.h"

#include <fcntl.h>
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "admin_ui.h"
#include "assets.h"
#include "policies.h"
#include "receipt.h"
#include "store.h"
#include "util.h"
#include "wafer/banner_data.h"
#include "wafer/loader_config.h"
#include "wafer/public_suffix.h"
#include "wafer/script_template.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;

thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local bool t_request_started = false;

void ReplyJson(Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void ReplyError(Response& res, int status, const std::string& code, const std::string& message,
                const std::string& path = "") {
  std::string body = "{\"error\":{\"code\":\"" + JsonEscape(code) + "\"";
  if (!path.empty()) body += ",\"path\":\"" + JsonEscape(path) + "\"";
  body += ",\"message\":\"" + JsonEscape(message) + "\"}}";
  ReplyJson(res, status, body);
}

std::string ToLower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

// Host header without the port, lower case. "[::1]:8080" → "::1".
std::string RequestHost(const Request& req) {
  std::string host = req.get_header_value("Host");
  if (!host.empty() && host[0] == '[') {
    size_t end = host.find(']');
    return ToLower(end == std::string::npos ? host.substr(1) : host.substr(1, end - 1));
  }
  size_t colon = host.find(':');
  if (colon != std::string::npos) host.resize(colon);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return ToLower(host);
}

bool RequestIsHttps(const Request& req) {
  return ToLower(req.get_header_value("X-Forwarded-Proto")) == "https";
}

// True if Accept-Encoding lists `coding` with a non-zero quality.
bool Accepts(const std::string& accept_encoding, const std::string& coding) {
  std::stringstream in(accept_encoding);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t semi = item.find(';');
    std::string name = item.substr(0, semi);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (ToLower(name) != coding) continue;
    if (semi == std::string::npos) return true;
    std::string params = item.substr(semi + 1);
    size_t q = params.find("q=");
    if (q == std::string::npos) return true;
    return std::strtod(params.c_str() + q + 2, nullptr) > 0;
  }
  return false;
}

bool EtagMatches(const Request& req, const std::string& etag) {
  std::string inm = req.get_header_value("If-None-Match");
  if (inm.empty()) return false;
  if (inm == "*") return true;
  std::string bare = etag.rfind("W/", 0) == 0 ? etag.substr(2) : etag;
  std::stringstream in(inm);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.rfind("W/", 0) == 0) item = item.substr(2);
    if (item == bare) return true;
  }
  return false;
}

// Replies with a script generated per site (the stub, a banner bundle): a
// weak ETag of the body, the given caching, readable from any origin.
// httplib compresses it per Accept-Encoding.
void ReplyScript(const Request& req, Response& res, std::string body, const std::string& cache_control,
                 const std::string& vary) {
  std::string etag = "W/\"" + Hex(Sha256(body)).substr(0, 16) + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", cache_control);
  res.set_header("Vary", vary);
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Cross-Origin-Resource-Policy", "cross-origin");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (EtagMatches(req, etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(std::move(body), "text/javascript; charset=utf-8");
}

// Replies with a site's compiled policy (what the WASM engine reads).
void ReplyCompiledPolicy(const Request& req, Response& res, std::shared_ptr<const Site> site,
                         const char* cache_control) {
  res.set_header("ETag", site->etag);
  res.set_header("Cache-Control", cache_control);
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Cross-Origin-Resource-Policy", "cross-origin");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (EtagMatches(req, site->etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content_provider(site->compiled.size(), "application/octet-stream",
                           [site](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(site->compiled.data() + offset, length);
                           });
}

// A region from the trusted geo header: "FR", "US-CA"; "" if absent or odd.
std::string NormaliseRegion(std::string v) {
  v.erase(0, v.find_first_not_of(" \t"));
  v.erase(v.find_last_not_of(" \t") + 1);
  for (char& c : v) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  if (v.size() < 2 || v.size() > 6) return "";
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    bool ok = i < 2 ? (c >= 'A' && c <= 'Z')
                    : (i == 2 ? c == '-' : ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')));
    if (!ok) return "";
  }
  if (v.size() == 3) return "";
  if (v == "XX" || v == "T1") return "";  // Cloudflare: unknown, Tor.
  return v;
}

std::string StatusText(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "payload too large";
    case 414: return "URI too long";
    case 416: return "range not satisfiable";
    case 431: return "request header fields too large";
    default: return "error " + std::to_string(status);
  }
}

std::string ContentTypeFor(const std::string& ext) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"}, {".json", "application/json"},
      {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
      {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"}, {".woff2", "font/woff2"}, {".map", "application/json"}};
  auto it = kTypes.find(ToLower(ext));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// Per-client token buckets, sharded to keep the lock short.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  bool enabled() const { return rate_ > 0; }
  bool Allow(const std::string& client) {
    if (rate_ <= 0) return true;
    double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    Shard& shard = shards_[std::hash<std::string>()(client) % shards_.size()];
    std::lock_guard<std::mutex> lock(shard.mu);
    if (shard.buckets.size() > 50000) {
      for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
        if (now - it->second.last > burst_ / rate_ + 1) {
          it = shard.buckets.erase(it);
        } else {
          ++it;
        }
      }
    }
    auto [it, added] = shard.buckets.try_emplace(client, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!added) {
      b.tokens = std::min(burst_, b.tokens + (now - b.last) * rate_);
      b.last = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

 private:
  struct Bucket {
    double tokens;
    double last;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  double rate_;
  double burst_;
  std::array<Shard, 16> shards_;
};

absl::StatusOr<std::string> LoadOrCreateKey(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::stringstream buf;
    buf << in.rdbuf();
    std::string key = buf.str();
    if (key.size() < 32) {
      return absl::FailedPreconditionError(path + ": an HMAC key must hold at least 32 bytes");
    }
    return key;
  }
  std::string key = RandomBytes(32);
  if (key.size() != 32) return absl::InternalError("no random bytes for the HMAC key");
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return absl::UnavailableError(path + ": cannot create the HMAC key: " + strerror(errno));
  bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return absl::UnavailableError(path + ": cannot write the HMAC key");
  WriteLogLine("{\"ts\":\"" + FormatIsoMs(NowMs()) +
               "\",\"level\":\"info\",\"event\":\"hmac_key\",\"message\":\"generated a new HMAC key at " +
               JsonEscape(path) + "\"}");
  return key;
}

void CsvField(std::string* out, const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    *out += v;
    return;
  }
  *out += '"';
  for (char c : v) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

constexpr char kCsvHeader[] =
    "receipt_id,server_time,site,consent_id,revision,policy_hash,banner_hash,language,choices,"
    "method,regime,gpc,state,ua_family,ip,given_at,expires_at,signature\r\n";

std::string CsvRow(const Receipt& r) {
  std::string out;
  for (const std::string& v :
       {r.receipt_id, FormatIsoMs(r.server_time_ms), r.site, r.consent_id, std::to_string(r.revision),
        r.policy_hash, r.banner_hash, r.language, r.choices, r.method, r.regime,
        std::string(r.gpc ? "true" : "false"), r.state, r.ua_family, r.ip,
        FormatIsoMs(r.given_at * 1000), FormatIsoMs(r.expires_at * 1000), r.signature}) {
    if (!out.empty()) out += ',';
    CsvField(&out, v);
  }
  out += "\r\n";
  return out;
}

}  // namespace

class Server::Impl {
 public:
  explicit Impl(ServerOptions o)
      : opt_(std::move(o)),
        limiter_(opt_.rate_limit_per_second, opt_.rate_limit_burst),
        assets_(opt_.engine_dir, opt_.js_dir) {}

  ~Impl() { Shutdown(); }

  absl::Status Start() {
    if (opt_.policies_dir.empty()) return absl::InvalidArgumentError("--policies DIR is required");
    std::error_code ec;
    fs::create_directories(opt_.data_dir, ec);
    std::string key_path = opt_.hmac_key_file.empty() ? opt_.data_dir + "/hmac.key" : opt_.hmac_key_file;
    absl::StatusOr<std::string> key = LoadOrCreateKey(key_path);
    if (!key.ok()) return key.status();
    hmac_key_ = *key;

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
    committer_ = std::make_unique<GroupCommitter>(store_.get());

    registry_ = std::make_unique<PolicyRegistry>(
        opt_.policies_dir, opt_.psl_path.empty() ? kDefaultPublicSuffixListPath : opt_.psl_path);
    registry_->Reload();
    assets_.Reload();
    Purge();

    Routes();
    http_.new_task_queue = [n = opt_.threads] { return new httplib::ThreadPool(static_cast<size_t>(n)); };
    http_.set_keep_alive_max_count(10000);
    http_.set_keep_alive_timeout(5);
    http_.set_read_timeout(10, 0);
    http_.set_write_timeout(10, 0);
    http_.set_payload_max_length(opt_.max_body_bytes);
    http_.set_tcp_nodelay(true);
    // Debian's build listens with a backlog of 5: a burst of new connections
    // would see SYNs dropped and retried a second later. Keep the socket to
    // raise the backlog once bound (listen() again adjusts it on Linux).
    http_.set_socket_options([this](int sock) {
      httplib::default_socket_options(sock);
      listen_socket_ = sock;
    });
    int port = opt_.listen_port;
    if (port == 0) {
      port = http_.bind_to_any_port(opt_.listen_host);
      if (port <= 0) return absl::UnavailableError("cannot bind " + opt_.listen_host + ":0");
    } else if (!http_.bind_to_port(opt_.listen_host, port)) {
      return absl::UnavailableError("cannot bind " + opt_.listen_host + ":" + std::to_string(port));
    }
    port_ = port;
    if (listen_socket_ >= 0) ::listen(listen_socket_, 4096);
    listener_ = std::thread([this] { http_.listen_after_bind(); });
    for (int i = 0; i < 500 && !http_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    poller_ = std::thread([this] { Poll(); });
    started_ = true;
    Log("info", "started", "listening on " + opt_.listen_host + ":" + std::to_string(port_) +
                               ", store " + store_->Kind() + ", " +
                               std::to_string(registry_->size()) + " sites");
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
    Log("info", "shutdown", "draining in-flight requests");
    http_.stop();
    if (listener_.joinable()) listener_.join();
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
    Log("info", "shutdown", stats);
    committer_.reset();
    store_.reset();
  }

 private:
  void Log(const std::string& level, const std::string& event, const std::string& message) {
    WriteLogLine("{\"ts\":\"" + FormatIsoMs(NowMs()) + "\",\"level\":\"" + level + "\",\"event\":\"" +
                 event + "\",\"message\":\"" + JsonEscape(message) + "\"}");
  }

  void Poll() {
    auto next_purge = std::chrono::steady_clock::now() + std::chrono::hours(1);
    std::unique_lock<std::mutex> lock(poll_mu_);
    while (!stop_poll_) {
      poll_cv_.wait_for(lock, std::chrono::milliseconds(opt_.poll_interval_ms),
                        [&] { return stop_poll_ || reload_requested_.load(); });
      if (stop_poll_) break;
      lock.unlock();
      if (reload_requested_.exchange(false)) {
        Log("info", "reload", "reloading policies and assets");
        registry_->Reload();
        assets_.Reload();
      } else {
        registry_->ReloadIfChanged();
        assets_.ReloadIfChanged();
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
    int64_t before = NowMs() - static_cast<int64_t>(opt_.retention_days) * 86400000;
    absl::StatusOr<int64_t> n = store_->Purge(before);
    if (!n.ok()) {
      Log("error", "retention", std::string(n.status().message()));
    } else if (*n > 0) {
      Log("info", "retention", "purged " + std::to_string(*n) + " receipts older than " +
                                   std::to_string(opt_.retention_days) + " days");
    }
  }

  std::string ClientIp(const Request& req) const {
    if (!opt_.client_ip_header.empty() && req.has_header(opt_.client_ip_header.c_str())) {
      std::string v = req.get_header_value(opt_.client_ip_header.c_str());
      v = v.substr(0, v.find(','));
      v.erase(0, v.find_first_not_of(" \t"));
      v.erase(v.find_last_not_of(" \t") + 1);
      return v;
    }
    return req.remote_addr;
  }

  bool RateLimited(const Request& req, Response& res) {
    if (limiter_.Allow(ClientIp(req))) return false;
    res.set_header("Retry-After", "1");
    ReplyError(res, 429, "wafer.rate_limited", "too many requests from this client; retry shortly");
    return true;
  }

  // True if `origin` may call the API (for `site`, or any site if null).
  bool OriginAllowed(const std::string& origin, const Site* site) const {
    if (!opt_.cors_origins.empty()) {
      return std::find(opt_.cors_origins.begin(), opt_.cors_origins.end(), origin) !=
             opt_.cors_origins.end();
    }
    std::string rest;
    if (origin.rfind("https://", 0) == 0) {
      rest = origin.substr(8);
    } else if (origin.rfind("http://", 0) == 0) {
      rest = origin.substr(7);
    } else {
      return false;
    }
    if (rest.empty() || rest.find('/') != std::string::npos || rest[0] == '[') return false;
    std::string host = rest.substr(0, rest.find(':'));
    if (rest.find(':') != std::string::npos) {
      std::string port = rest.substr(rest.find(':') + 1);
      if (port.empty() || port.size() > 5 ||
          port.find_first_not_of("0123456789") != std::string::npos) {
        return false;
      }
    }
    host = ToLower(host);
    if (site) return site->ServesHost(host);
    return registry_->FindByHost(host) != nullptr;
  }

  void ServeAsset(const Request& req, Response& res, std::shared_ptr<const Asset> asset,
                  bool immutable) {
    res.set_header("ETag", asset->etag);
    res.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res.set_header("Vary", "Accept-Encoding");
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Cross-Origin-Resource-Policy", "cross-origin");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (EtagMatches(req, asset->etag)) {
      res.status = 304;
      return;
    }
    std::string ae = req.get_header_value("Accept-Encoding");
    const std::string* body = &asset->bytes;
    if (!asset->brotli.empty() && Accepts(ae, "br")) {
      body = &asset->brotli;
      res.set_header("Content-Encoding", "br");
    } else if (!asset->gzip.empty() && Accepts(ae, "gzip")) {
      body = &asset->gzip;
      res.set_header("Content-Encoding", "gzip");
    }
    res.status = 200;
    // A content provider with a length: httplib sends it as is (no second
    // compression), and the asset stays alive until it is written.
    res.set_content_provider(
        body->size(), asset->content_type,
        [asset, body](size_t offset, size_t length, httplib::DataSink& sink) {
          return sink.write(body->data() + offset, length);
        });
  }

  bool Admin(const Request& req, Response& res) {
    if (opt_.admin_token.empty()) {
      ReplyError(res, 403, "wafer.admin.disabled", "the admin API is disabled: start the server with --admin-token");
      return false;
    }
    std::string auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (auth.rfind(prefix, 0) != 0 || !ConstantTimeEquals(auth.substr(prefix.size()), opt_.admin_token)) {
      res.set_header("WWW-Authenticate", "Bearer realm=\"wafer-admin\"");
      ReplyError(res, 401, "wafer.admin.unauthorized", "missing or wrong admin token (Authorization: Bearer …)");
      return false;
    }
    res.set_header("Cache-Control", "no-store");
    return true;
  }

  // Reads the body through `reader`, at most max_body_bytes. False: replied.
  bool ReadBody(const httplib::ContentReader& reader, Response& res, std::string* body) {
    bool too_large = false;
    bool ok = reader([&](const char* data, size_t len) {
      if (body->size() + len > opt_.max_body_bytes) {
        too_large = true;
        return false;
      }
      body->append(data, len);
      return true;
    });
    if (too_large || res.status == 413) {
      res.set_header("Connection", "close");
      ReplyError(res, 413, "wafer.body_too_large",
                 "the body exceeds " + std::to_string(opt_.max_body_bytes) + " bytes");
      return false;
    }
    if (!ok) {
      res.set_header("Connection", "close");
      ReplyError(res, 400, "wafer.body_unreadable", "the body could not be read (truncated or badly encoded)");
      return false;
    }
    return true;
  }

  bool DateRange(const Request& req, Response& res, int64_t* from_ms, int64_t* to_ms) {
    int64_t from = 0, to = 0;
    std::string f = req.get_param_value("from"), t = req.get_param_value("to");
    if (!ParseDay(f, &from)) {
      ReplyError(res, 400, "wafer.admin.bad_date", "from: expected a date YYYY-MM-DD", "from");
      return false;
    }
    if (!ParseDay(t, &to)) {
      ReplyError(res, 400, "wafer.admin.bad_date", "to: expected a date YYYY-MM-DD", "to");
      return false;
    }
    if (to < from) {
      ReplyError(res, 400, "wafer.admin.bad_range", "to is before from", "to");
      return false;
    }
    *from_ms = from * 1000;
    *to_ms = (to + 86400) * 1000;  // `to` is inclusive.
    return true;
  }

  void Routes() {
    http_.set_pre_routing_handler([this](const Request& req, Response& res) {
      t_request_start = std::chrono::steady_clock::now();
      t_request_started = true;
      // Bodies the server never reads in full are refused before routing.
      std::string ce = ToLower(req.get_header_value("Content-Encoding"));
      bool chunked = req.has_header("Transfer-Encoding");
      bool body_route = (req.method == "POST" && req.path == "/v1/consents") || req.method == "DELETE";
      if (!ce.empty() && ce != "identity" && ce != "gzip" && ce != "deflate" && ce != "br") {
        res.set_header("Connection", "close");
        ReplyError(res, 415, "wafer.unsupported_encoding", "unsupported Content-Encoding " + ce);
        return httplib::Server::HandlerResponse::Handled;
      }
      // A declared body over the limit is refused at once (httplib would
      // first read and discard it).
      if (req.has_header("Content-Length")) {
        const std::string cl = req.get_header_value("Content-Length");
        if (cl.size() > 18 || std::strtoull(cl.c_str(), nullptr, 10) > opt_.max_body_bytes) {
          res.set_header("Connection", "close");
          ReplyError(res, 413, "wafer.body_too_large",
                     "the body exceeds " + std::to_string(opt_.max_body_bytes) + " bytes");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      if ((chunked || !ce.empty()) && !body_route) {
        res.set_header("Connection", "close");
        ReplyError(res, 411, "wafer.length_required", "this route takes no chunked or compressed body");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    if (opt_.log_requests) {
      http_.set_logger([this](const Request& req, const Response& res) {
        std::string line = "{\"ts\":\"" + FormatIsoMs(NowMs()) + "\",\"method\":\"" + JsonEscape(req.method) +
                           "\",\"path\":\"" + JsonEscape(req.path.substr(0, 256)) +
                           "\",\"status\":" + std::to_string(res.status);
        if (t_request_started) {
          double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                t_request_start)
                          .count();
          char buf[32];
          snprintf(buf, sizeof buf, "%.3f", ms);
          line += ",\"ms\":";
          line += buf;
          t_request_started = false;
        }
        line += ",\"ip\":\"" + JsonEscape(TruncateIp(ClientIp(req))) + "\"";
        line += ",\"bytes\":" + std::to_string(res.body.size() ? res.body.size() : res.content_length_);
        line += "}";
        WriteLogLine(line);
      });
    }
    http_.set_exception_handler([this](const Request&, Response& res, std::exception_ptr ep) {
      std::string what = "unknown";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      Log("error", "exception", what);
      ReplyError(res, 500, "wafer.internal", "internal error");
    });
    http_.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
      if (!res.body.empty() || res.content_length_ > 0) return httplib::Server::HandlerResponse::Unhandled;
      std::string code = res.status == 404 ? "wafer.not_found"
                         : res.status == 413 ? "wafer.body_too_large"
                         : res.status == 405 ? "wafer.method_not_allowed"
                                             : "wafer.bad_request";
      ReplyError(res, res.status, code, StatusText(res.status));
      return httplib::Server::HandlerResponse::Handled;
    }));

    http_.Get("/healthz", [](const Request&, Response& res) {
      ReplyJson(res, 200, "{\"status\":\"ok\"}");
    });
    http_.Get("/readyz", [this](const Request&, Response& res) {
      absl::Status ping = store_->Ping();
      size_t sites = registry_->size();
      nlohmann::json j = {{"store", store_->Kind()},
                          {"store_ok", ping.ok()},
                          {"sites", sites},
                          {"policy_errors", registry_->last_errors()}};
      if (!ping.ok()) j["store_error"] = std::string(ping.message());
      bool ready = ping.ok() && sites > 0;
      j["status"] = ready ? "ready" : "not-ready";
      ReplyJson(res, ready ? 200 : 503, j.dump());
    });

    http_.Get(R"(/v1/sites/([^/]+)/wafer\.js)", [this](const Request& req, Response& res) {
      auto site = registry_->Find(req.matches[1]);
      if (!site) {
        ReplyError(res, 404, "wafer.site.unknown", "no site \"" + std::string(req.matches[1]) + "\" is served here");
        return;
      }
      auto snap = assets_.Snapshot();
      if (!snap->has_stub) {
        ReplyError(res, 503, "wafer.stub.missing", "no stub template: start the server with --js DIR holding wafer.stub.js");
        return;
      }
      std::string region = opt_.geo_header.empty() ? "" : NormaliseRegion(req.get_header_value(opt_.geo_header.c_str()));
      std::string base = BaseUrl(req);
      LoaderUrls urls;
      urls.engine = snap->engine_url.empty() ? "" : base + snap->engine_url;
      urls.receipts = base + "/v1/consents";
      urls.loader = snap->loader_url.empty() ? "" : base + snap->loader_url;
      urls.banner = base + "/v1/sites/" + site->policy.site_id + "/banner.{lang}.js";
      urls.placeholder = snap->placeholder_url.empty() ? "" : base + snap->placeholder_url;
      // The compiled policy as an immutable file named by its hash, fetched by
      // the stub in parallel with the loader and the engine (a returning
      // visitor finds it in the HTTP cache), instead of ~0.3 KB gzip of base64
      // in every stub. Remembered so that a stub still cached by a browser
      // (max-age below) finds the policy it names after a policy change.
      urls.policy = base + RememberPolicyFile(site);
      std::string config = RenderLoaderConfig(site->policy, site->compiled, urls, region);
      // The template was checked to hold its placeholder once when loaded.
      std::string body = *FillScriptTemplate(snap->stub_template, kConfigPlaceholder, config);
      // A returning visitor runs the cached stub without a revalidation round
      // trip for kStubMaxAge seconds, and for kStubStaleWhileRevalidate more
      // the browser runs it once more while it revalidates in the background.
      // The cost: a policy change reaches a browser that has the stub cached
      // after at most max-age seconds, plus one page view within the stale
      // window (docs/server.md, "Caching").
      ReplyScript(req, res, std::move(body),
                  "max-age=" + std::to_string(kStubMaxAge) +
                      ", stale-while-revalidate=" + std::to_string(kStubStaleWhileRevalidate),
                  opt_.geo_header.empty() ? "Accept-Encoding" : "Accept-Encoding, " + opt_.geo_header);
    });

    // The banner bundle of one site in one language: the language's template
    // with the site's banner data (RenderBannerData) in its placeholder.
    http_.Get(R"(/v1/sites/([^/]+)/banner\.([^/]+)\.js)", [this](const Request& req, Response& res) {
      auto site = registry_->Find(req.matches[1]);
      if (!site) {
        ReplyError(res, 404, "wafer.site.unknown", "no site \"" + std::string(req.matches[1]).substr(0, 64) + "\" is served here");
        return;
      }
      const std::string lang = req.matches[2];
      if (!IsBannerLanguage(lang)) {
        std::string bundled;
        for (std::string_view l : BannerLanguages()) bundled += (bundled.empty() ? "" : ", ") + std::string(l);
        ReplyError(res, 404, "wafer.banner.language",
                   "no banner is bundled in \"" + lang.substr(0, 16) + "\"; bundled: " + bundled);
        return;
      }
      auto snap = assets_.Snapshot();
      auto tmpl = snap->banner_templates.find(lang);
      if (tmpl == snap->banner_templates.end()) {
        ReplyError(res, 503, "wafer.banner.missing",
                   "no banner template for \"" + lang + "\": start the server with --js DIR holding wafer.banner." + lang + ".js");
        return;
      }
      absl::StatusOr<std::string> body =
          FillScriptTemplate(tmpl->second, kBannerPlaceholder, RenderBannerData(site->policy, lang));
      if (!body.ok()) {  // Checked when loaded; kept for safety.
        ReplyError(res, 503, "wafer.banner.missing", std::string(body.status().message()));
        return;
      }
      ReplyScript(req, res, *std::move(body), "no-cache", "Accept-Encoding");
    });

    // The compiled policy under its content-hashed name (the config's
    // policy_file): immutable. The current policy, or one a stub still in a
    // browser's cache may name (RememberPolicyFile); 404 otherwise, and the
    // engine then fails closed.
    http_.Get(R"(/v1/sites/([^/]+)/policy\.([0-9a-f]{16})\.bin)", [this](const Request& req, Response& res) {
      std::shared_ptr<const Site> site = FindPolicyFile(req.matches[1], req.matches[2]);
      if (!site) {
        ReplyError(res, 404, "wafer.policy.unknown",
                   "no compiled policy " + std::string(req.matches[2]) + " for site \"" +
                       std::string(req.matches[1]).substr(0, 64) + "\"");
        return;
      }
      ReplyCompiledPolicy(req, res, site, "public, max-age=31536000, immutable");
    });

    http_.Get(R"(/v1/sites/([^/]+)/policy\.bin)", [this](const Request& req, Response& res) {
      auto site = registry_->Find(req.matches[1]);
      if (!site) {
        ReplyError(res, 404, "wafer.site.unknown", "no site \"" + std::string(req.matches[1]) + "\" is served here");
        return;
      }
      ReplyCompiledPolicy(req, res, site, "no-cache");
    });

    http_.Get("/v1/integrity.json", [this](const Request& req, Response& res) {
      auto snap = assets_.Snapshot();
      std::string etag = "W/\"" + Hex(Sha256(snap->integrity_json)).substr(0, 16) + "\"";
      res.set_header("ETag", etag);
      res.set_header("Cache-Control", "no-cache");
      res.set_header("Access-Control-Allow-Origin", "*");
      if (EtagMatches(req, etag)) {
        res.status = 304;
        return;
      }
      res.status = 200;
      res.set_content(snap->integrity_json, "application/json");
    });

    http_.Get(R"(/v1/(engine|js)/([^/]+))", [this](const Request& req, Response& res) {
      auto snap = assets_.Snapshot();
      auto it = snap->by_url.find(req.path);
      if (it == snap->by_url.end()) {
        ReplyError(res, 404, "wafer.asset.unknown", "no such file: " + req.path);
        return;
      }
      ServeAsset(req, res, it->second, it->second->hashed_url == req.path);
    });

    http_.Post("/v1/consents", [this](const Request& req, Response& res,
                                      const httplib::ContentReader& reader) {
      std::string body;
      if (!ReadBody(reader, res, &body)) return;
      HandleConsent(req, res, body);
    });

    http_.Options(R"(/.*)", [this](const Request& req, Response& res) {
      std::string origin = req.get_header_value("Origin");
      res.set_header("Vary", "Origin");
      if (origin.empty() || !OriginAllowed(origin, nullptr)) {
        ReplyError(res, 403, "wafer.cors.origin", "origin \"" + origin + "\" is not allowed");
        return;
      }
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Access-Control-Allow-Credentials", "true");
      res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      res.set_header("Access-Control-Allow-Headers", "Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
      res.status = 204;
    });

    http_.Get(R"(/v1/admin/receipts/([^/]*))", [this](const Request& req, Response& res) {
      if (RateLimited(req, res) || !Admin(req, res)) return;
      std::string id = req.matches[1];
      if (id.size() != 32 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
        ReplyError(res, 400, "wafer.admin.bad_consent_id", "expected a consent id of 32 lower-case hex digits", "consent_id");
        return;
      }
      absl::StatusOr<std::vector<Receipt>> rows = store_->FindByConsentId(id);
      if (!rows.ok()) {
        ReplyError(res, 503, "wafer.store.unavailable", std::string(rows.status().message()));
        return;
      }
      std::string out = "{\"consent_id\":\"" + id + "\",\"receipts\":[";
      for (size_t i = 0; i < rows->size(); ++i) {
        const Receipt& r = (*rows)[i];
        if (i) out += ",";
        out += ReceiptToJson(r, std::string("\"signature_valid\":") +
                                    (ReceiptSignatureValid(r, hmac_key_) ? "true" : "false"));
      }
      out += "]}";
      ReplyJson(res, rows->empty() ? 404 : 200, out);
    });

    http_.Delete(R"(/v1/admin/receipts/([^/]*))", [this](const Request& req, Response& res,
                                                         const httplib::ContentReader& reader) {
      std::string body;
      if (!ReadBody(reader, res, &body)) return;
      if (RateLimited(req, res) || !Admin(req, res)) return;
      std::string id = req.matches[1];
      if (id.size() != 32 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
        ReplyError(res, 400, "wafer.admin.bad_consent_id", "expected a consent id of 32 lower-case hex digits", "consent_id");
        return;
      }
      absl::StatusOr<ErasureRecord> rec = store_->Erase(id, NowMs());
      if (!rec.ok()) {
        ReplyError(res, 503, "wafer.store.unavailable", std::string(rec.status().message()));
        return;
      }
      Log("info", "erasure", "erased " + std::to_string(rec->receipts_removed) + " receipts of consent " + rec->consent_id_hash.substr(0, 12) + "…");
      nlohmann::json j = {{"consent_id_hash", rec->consent_id_hash},
                          {"erased_at", FormatIsoMs(rec->erased_at_ms)},
                          {"receipts_removed", rec->receipts_removed}};
      ReplyJson(res, 200, j.dump());
    });

    http_.Get("/v1/admin/erasures", [this](const Request& req, Response& res) {
      if (RateLimited(req, res) || !Admin(req, res)) return;
      absl::StatusOr<std::vector<ErasureRecord>> recs = store_->Erasures();
      if (!recs.ok()) {
        ReplyError(res, 503, "wafer.store.unavailable", std::string(recs.status().message()));
        return;
      }
      nlohmann::json arr = nlohmann::json::array();
      for (const ErasureRecord& r : *recs) {
        arr.push_back({{"consent_id_hash", r.consent_id_hash},
                       {"erased_at", FormatIsoMs(r.erased_at_ms)},
                       {"receipts_removed", r.receipts_removed}});
      }
      ReplyJson(res, 200, nlohmann::json({{"erasures", arr}}).dump());
    });

    http_.Get("/v1/admin/export", [this](const Request& req, Response& res) {
      if (RateLimited(req, res) || !Admin(req, res)) return;
      int64_t from = 0, to = 0;
      if (!DateRange(req, res, &from, &to)) return;
      std::string format = req.has_param("format") ? req.get_param_value("format") : "jsonl";
      if (format != "jsonl" && format != "csv") {
        ReplyError(res, 400, "wafer.admin.bad_format", "format: expected jsonl or csv", "format");
        return;
      }
      bool csv = format == "csv";
      std::string filename = "wafer-receipts-" + req.get_param_value("from") + "-" +
                             req.get_param_value("to") + (csv ? ".csv" : ".jsonl");
      res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
      res.status = 200;
      Store* store = store_.get();
      res.set_chunked_content_provider(
          csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
          [store, from, to, csv, this](size_t, httplib::DataSink& sink) {
            std::string buf;
            if (csv) buf = kCsvHeader;
            bool client_ok = true;
            absl::Status s = store->ForEach(from, to, [&](const Receipt& r) {
              buf += csv ? CsvRow(r) : ReceiptToJson(r) + "\n";
              if (buf.size() >= 32 * 1024) {
                client_ok = sink.write(buf.data(), buf.size());
                buf.clear();
              }
              return client_ok;
            });
            if (!s.ok()) {
              Log("error", "export", std::string(s.message()));
              return false;  // Aborts the chunked stream: the client sees it truncated.
            }
            if (client_ok && !buf.empty()) client_ok = sink.write(buf.data(), buf.size());
            if (client_ok) sink.done();
            return client_ok;
          });
    });

    http_.Get("/v1/admin/stats", [this](const Request& req, Response& res) {
      if (RateLimited(req, res) || !Admin(req, res)) return;
      int64_t from = 0, to = 0;
      if (!DateRange(req, res, &from, &to)) return;
      if (to - from > 400LL * 86400000) {
        ReplyError(res, 400, "wafer.admin.bad_range", "at most 400 days at a time", "to");
        return;
      }
      std::string site_filter = req.get_param_value("site");
      struct Day {
        int64_t total = 0;
        std::map<std::string, int64_t> methods;
        std::map<std::string, std::pair<int64_t, int64_t>> categories;  // granted, total
      };
      std::map<std::string, Day> days;
      std::map<std::string, int64_t> site_counts;
      absl::Status s = store_->ForEach(from, to, [&](const Receipt& r) {
        if (!site_filter.empty() && r.site != site_filter) return true;
        ++site_counts[r.site];
        Day& d = days[FormatDay(r.server_time_ms)];
        ++d.total;
        ++d.methods[r.method];
        nlohmann::json choices = nlohmann::json::parse(r.choices, nullptr, false);
        if (choices.is_object()) {
          for (auto it = choices.begin(); it != choices.end(); ++it) {
            auto& c = d.categories[it.key()];
            c.second++;
            if (it.value().is_boolean() && it.value().get<bool>()) c.first++;
          }
        }
        return true;
      });
      if (!s.ok()) {
        ReplyError(res, 503, "wafer.store.unavailable", std::string(s.message()));
        return;
      }
      nlohmann::json out = {{"from", req.get_param_value("from")}, {"to", req.get_param_value("to")}};
      if (!site_filter.empty()) out["site"] = site_filter;
      out["sites"] = site_counts;
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& [day, d] : days) {
        nlohmann::json methods = nlohmann::json::object(), cats = nlohmann::json::object();
        for (const auto& [m, n] : d.methods) {
          methods[m] = {{"count", n}, {"rate", static_cast<double>(n) / d.total}};
        }
        for (const auto& [c, gt] : d.categories) {
          cats[c] = {{"granted", gt.first}, {"total", gt.second},
                     {"rate", gt.second ? static_cast<double>(gt.first) / gt.second : 0.0}};
        }
        arr.push_back({{"day", day}, {"total", d.total}, {"methods", methods}, {"categories", cats}});
      }
      out["days"] = arr;
      ReplyJson(res, 200, out.dump());
    });

    auto dashboard = [](const Request&, Response& res) {
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                     "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      res.set_header("Cache-Control", "no-cache");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_content(kDashboardHtml, "text/html; charset=utf-8");
    };
    http_.Get("/admin/", dashboard);
    http_.Get("/admin", [](const Request&, Response& res) { res.set_redirect("/admin/", 301); });
    http_.Get("/admin/dashboard.js", [](const Request&, Response& res) {
      res.set_header("Cache-Control", "no-cache");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_content(kDashboardJs, "text/javascript; charset=utf-8");
    });
    http_.Get("/admin/dashboard.css", [](const Request&, Response& res) {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(kDashboardCss, "text/css; charset=utf-8");
    });

    http_.Get(R"(/.*)", [this](const Request& req, Response& res) { ServeSite(req, res); });
  }

  std::string BaseUrl(const Request& req) const {
    if (!opt_.public_url.empty()) {
      std::string b = opt_.public_url;
      while (!b.empty() && b.back() == '/') b.pop_back();
      return b;
    }
    std::string host = req.get_header_value("Host");
    bool safe = !host.empty() && host.size() < 256 &&
                host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                    std::string::npos;
    if (!safe) return "";  // Relative URLs.
    return std::string(RequestIsHttps(req) ? "https://" : "http://") + host;
  }

  void HandleConsent(const Request& req, Response& res, const std::string& body) {
    if (RateLimited(req, res)) return;
    ReceiptRequest rr;
    ReceiptError err;
    if (!ParseReceiptRequest(body, &rr, &err)) {
      ReplyJson(res, err.status, err.ToJson());
      return;
    }
    auto site = registry_->Find(rr.site);
    if (!site) {
      ReplyError(res, 404, "wafer.site.unknown", "no site \"" + rr.site + "\" is served here", "site");
      return;
    }
    std::string origin = req.get_header_value("Origin");
    if (!origin.empty()) {
      res.set_header("Vary", "Origin");
      if (!OriginAllowed(origin, site.get())) {
        ReplyError(res, 403, "wafer.cors.origin", "origin \"" + origin + "\" may not post receipts for site \"" + rr.site + "\"");
        return;
      }
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Access-Control-Allow-Credentials", "true");
    }
    int64_t now_ms = NowMs();
    Receipt r;
    if (!VerifyReceiptRequest(rr, site->view, site->policy_hash, now_ms, &r, &err)) {
      ReplyJson(res, err.status, err.ToJson());
      return;
    }
    r.receipt_id = Hex(RandomBytes(16));
    r.server_time_ms = now_ms;
    r.ua_family = UserAgentFamily(req.get_header_value("User-Agent"));
    r.ip = TruncateIp(ClientIp(req));
    r.signature = SignReceipt(r, hmac_key_);
    InsertOutcome outcome = committer_->Submit(r);
    if (!outcome.status.ok()) {
      Log("error", "store", std::string(outcome.status.message()));
      res.set_header("Retry-After", "1");
      ReplyError(res, 503, "wafer.store.unavailable", "the receipt could not be stored; retry");
      return;
    }
    const Receipt& stored = outcome.inserted ? r : outcome.receipt;
    int64_t max_age = std::max<int64_t>(0, stored.expires_at - now_ms / 1000);
    std::string cookie = std::string(site->view.cookie_name) + "=" + stored.state +
                         "; Max-Age=" + std::to_string(max_age) + "; Path=/; SameSite=Lax";
    std::string domain = site->CookieDomainFor(RequestHost(req));
    if (!domain.empty()) cookie += "; Domain=" + domain;
    if (RequestIsHttps(req)) cookie += "; Secure";
    res.set_header("Set-Cookie", cookie);
    res.set_header("Cache-Control", "no-store");
    nlohmann::json j = {{"receipt_id", stored.receipt_id},
                        {"signature", stored.signature},
                        {"server_time", FormatIsoMs(stored.server_time_ms)}};
    ReplyJson(res, outcome.inserted ? 201 : 200, j.dump());
  }

  void ServeSite(const Request& req, Response& res) {
    auto site = opt_.sites_dir.empty() ? nullptr : registry_->FindByHost(RequestHost(req));
    if (!site) {
      ReplyError(res, 404, "wafer.not_found", "nothing here: " + req.path.substr(0, 200));
      return;
    }
    std::string path = req.path;
    if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos ||
        path.find('\\') != std::string::npos) {
      ReplyError(res, 400, "wafer.bad_path", "bad path");
      return;
    }
    std::stringstream segs(path);
    std::string seg;
    while (std::getline(segs, seg, '/')) {
      if (seg == ".." || (!seg.empty() && seg[0] == '.')) {
        ReplyError(res, 404, "wafer.not_found", "nothing here: " + path.substr(0, 200));
        return;
      }
    }
    fs::path root = fs::path(opt_.sites_dir) / site->policy.site_id;
    fs::path file = root / path.substr(1);
    std::error_code ec;
    if (fs::is_directory(file, ec)) {
      if (path.back() != '/') {
        res.set_redirect(path + "/", 301);
        return;
      }
      file /= "index.html";
    }
    std::ifstream in(file, std::ios::binary);
    if (!fs::is_regular_file(file, ec) || !in) {
      ReplyError(res, 404, "wafer.not_found", "nothing here: " + path.substr(0, 200));
      return;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    std::string bytes = buf.str();
    std::string etag = "W/\"" + Hex(Sha256(bytes)).substr(0, 16) + "\"";
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", "no-cache");
    if (EtagMatches(req, etag)) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(bytes, ContentTypeFor(file.extension().string()));
  }

  // wafer.js caching (seconds): see the wafer.js route.
  static constexpr int kStubMaxAge = 300;
  static constexpr int kStubStaleWhileRevalidate = 86400;
  // Compiled policies named by stubs served, per site, newest last.
  static constexpr size_t kPolicyFilesKept = 8;

  // "/v1/sites/<id>/policy.<first 16 hex of sha256>.bin" for `site`'s
  // compiled policy, remembered so that the file stays available after the
  // policy changes (a stub cached by a browser still names it).
  std::string RememberPolicyFile(const std::shared_ptr<const Site>& site) {
    const std::string hash = site->policy_hash.substr(0, 16);
    {
      std::lock_guard<std::mutex> lock(policy_files_mu_);
      auto& kept = policy_files_[site->policy.site_id];
      if (kept.empty() || kept.back()->policy_hash != site->policy_hash) {
        kept.push_back(site);
        if (kept.size() > kPolicyFilesKept) kept.erase(kept.begin());
      }
    }
    return "/v1/sites/" + site->policy.site_id + "/policy." + hash + ".bin";
  }

  std::shared_ptr<const Site> FindPolicyFile(const std::string& site_id, const std::string& hash) {
    auto site = registry_->Find(site_id);
    if (site && site->policy_hash.compare(0, 16, hash) == 0) return site;
    std::lock_guard<std::mutex> lock(policy_files_mu_);
    auto it = policy_files_.find(site_id);
    if (it == policy_files_.end()) return nullptr;
    for (const auto& kept : it->second) {
      if (kept->policy_hash.compare(0, 16, hash) == 0) return kept;
    }
    return nullptr;
  }

  ServerOptions opt_;
  RateLimiter limiter_;
  AssetStore assets_;
  std::unique_ptr<PolicyRegistry> registry_;
  std::mutex policy_files_mu_;
  std::map<std::string, std::vector<std::shared_ptr<const Site>>> policy_files_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<GroupCommitter> committer_;
  std::string hmac_key_;
  httplib::Server http_;
  std::thread listener_;
  std::thread poller_;
  std::mutex poll_mu_;
  std::condition_variable poll_cv_;
  bool stop_poll_ = false;
  std::atomic<bool> reload_requested_{false};
  std::mutex shutdown_mu_;
  bool started_ = false;
  bool stopped_ = false;
  int port_ = 0;
  int listen_socket_ = -1;
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Server::~Server() = default;
absl::Status Server::Start() { return impl_->Start(); }
int Server::port() const { return impl_->port(); }
void Server::Reload() { impl_->Reload(); }
void Server::Shutdown() { impl_->Shutdown(); }

}  // namespace server
}  // namespace wafer
