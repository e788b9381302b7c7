// http_server.cc — the front end (http_server.h): Asio event loops, one
// coroutine per connection, strict request reading, bounded everything.
//
// A connection lives on one event loop (one thread), so its coroutine needs
// no strand. Reading a request is done in two steps: the header block is
// read by this file into a buffer (so that its raw bytes can be checked
// against RFC 9112 before any parser sees them), then handed to Beast's
// parser, which reads the body.

#include "http_server.h"

#include <pthread.h>
#include <sys/resource.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "client_limits.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);

// tchar (RFC 9110 §5.6.2).
bool IsTchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (tolower(static_cast<unsigned char>(a[i])) != tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// What the raw header block check found wrong (status 0: nothing).
struct Refusal {
  int status = 0;
  std::string code;
  std::string message;
};

Refusal Refuse(int status, std::string code, std::string message) {
  return Refusal{status, std::move(code), std::move(message)};
}

// Checks the raw header block (request line to the empty line, CRLFs
// included) against RFC 9112, stricter than a parser needs to be: anything
// two implementations could read differently is refused. `has_body` and
// `declared_length` describe the framing when it is acceptable.
Refusal CheckHeaderBlock(std::string_view block, const HttpLimits& limits, bool* has_body,
                         uint64_t* declared_length, bool* chunked) {
  *has_body = false;
  *declared_length = 0;
  *chunked = false;
  // Every CR is followed by LF and every LF preceded by CR.
  for (size_t i = 0; i < block.size(); ++i) {
    if (block[i] == '\r' && (i + 1 >= block.size() || block[i + 1] != '\n')) {
      return Refuse(400, "wafer.http.bare_cr", "a CR not followed by LF in the request head");
    }
    if (block[i] == '\n' && (i == 0 || block[i - 1] != '\r')) {
      return Refuse(400, "wafer.http.bare_lf", "a LF not preceded by CR in the request head");
    }
  }
  const size_t line_end = block.find("\r\n");
  const std::string_view line = block.substr(0, line_end);
  // METHOD SP request-target SP HTTP-version
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos ||
      line.find(' ', sp2 + 1) != std::string_view::npos || sp1 == 0) {
    return Refuse(400, "wafer.http.request_line", "expected METHOD SP TARGET SP HTTP/1.1");
  }
  for (size_t i = 0; i < sp1; ++i) {
    if (!IsTchar(static_cast<unsigned char>(line[i]))) {
      return Refuse(400, "wafer.http.request_line", "the method is not a token");
    }
  }
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (target.size() > limits.max_target_bytes) {
    return Refuse(414, "wafer.http.uri_too_long",
                  "the request target exceeds " + std::to_string(limits.max_target_bytes) + " bytes");
  }
  if (target.empty()) return Refuse(400, "wafer.http.request_line", "empty request target");
  for (char c : target) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      return Refuse(400, "wafer.http.request_line", "the request target holds a byte outside visible ASCII");
    }
  }
  if (target[0] != '/' && target != "*") {
    return Refuse(400, "wafer.http.request_line", "expected a request target in origin form (\"/path?query\")");
  }
  const std::string_view version = line.substr(sp2 + 1);
  const bool http10 = version == "HTTP/1.0";
  if (version != "HTTP/1.1" && !http10) {
    if (version.size() == 8 && version.substr(0, 5) == "HTTP/") {
      return Refuse(505, "wafer.http.version", "only HTTP/1.1 and HTTP/1.0 are served");
    }
    return Refuse(400, "wafer.http.request_line", "expected HTTP/1.1");
  }
  // Header fields.
  size_t content_lengths = 0, transfer_encodings = 0, hosts = 0;
  std::string_view content_length, transfer_encoding;
  size_t pos = line_end + 2;
  while (pos < block.size()) {
    const size_t end = block.find("\r\n", pos);
    const std::string_view field = block.substr(pos, end - pos);
    pos = end + 2;
    if (field.empty()) break;  // The empty line that ends the block.
    if (field[0] == ' ' || field[0] == '\t') {
      return Refuse(400, "wafer.http.obs_fold", "obsolete line folding (a field line starting with whitespace)");
    }
    const size_t colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Refuse(400, "wafer.http.field", "a header line without a field name and colon");
    }
    const std::string_view name = field.substr(0, colon);
    for (char c : name) {
      if (!IsTchar(static_cast<unsigned char>(c))) {
        return Refuse(400, "wafer.http.field", "a field name that is not a token (whitespace before the colon?)");
      }
    }
    const std::string_view value = TrimOws(field.substr(colon + 1));
    for (char c : value) {
      const unsigned char u = static_cast<unsigned char>(c);
      if ((u < 0x20 && u != '\t') || u == 0x7f) {
        return Refuse(400, "wafer.http.field", "a control character in a field value");
      }
    }
    if (EqualsIgnoreCase(name, "Content-Length")) {
      ++content_lengths;
      content_length = value;
    } else if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      ++transfer_encodings;
      transfer_encoding = value;
    } else if (EqualsIgnoreCase(name, "Host")) {
      ++hosts;
      for (char c : value) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        std::string_view("-._~:[]%!$&'()*+,;=").find(c) != std::string_view::npos;
        if (!ok) return Refuse(400, "wafer.http.host", "the Host field is not a host[:port]");
      }
    }
  }
  if (!http10 && hosts != 1) {
    return Refuse(400, "wafer.http.host", hosts == 0 ? "HTTP/1.1 requires a Host field"
                                                     : "more than one Host field");
  }
  if (http10 && hosts > 1) return Refuse(400, "wafer.http.host", "more than one Host field");
  if (content_lengths > 1) {
    return Refuse(400, "wafer.http.content_length", "Content-Length given more than once");
  }
  if (transfer_encodings > 0 && content_lengths > 0) {
    return Refuse(400, "wafer.http.content_length", "both Content-Length and Transfer-Encoding");
  }
  if (transfer_encodings > 0) {
    if (http10) {
      return Refuse(400, "wafer.http.transfer_encoding", "Transfer-Encoding in an HTTP/1.0 request");
    }
    if (transfer_encodings > 1 || !EqualsIgnoreCase(transfer_encoding, "chunked")) {
      return Refuse(501, "wafer.http.transfer_encoding", "the only transfer coding served is \"chunked\"");
    }
    *has_body = true;
    *chunked = true;
  }
  if (content_lengths == 1) {
    if (content_length.empty() || content_length.size() > 18 ||
        content_length.find_first_not_of("0123456789") != std::string_view::npos) {
      return Refuse(400, "wafer.http.content_length", "Content-Length is not a single number");
    }
    *declared_length = std::strtoull(std::string(content_length).c_str(), nullptr, 10);
    *has_body = *declared_length > 0;
  }
  return {};
}

// "Tue, 25 Nov 2026 18:02:11 GMT", recomputed once a second per thread.
const std::string& HttpDate() {
  thread_local time_t cached_at = 0;
  thread_local std::string cached;
  const time_t now = std::time(nullptr);
  if (now != cached_at) {
    struct tm tm;
    gmtime_r(&now, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    cached_at = now;
  }
  return cached;
}

// The error responses of the front end itself.
Response FrontEndError(int status, std::string_view code, std::string_view message) {
  Response r = JsonError(status, code, message);
  r.close = true;
  return r;
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpLimits limits, Handler handler, std::function<bool(const std::string&)> exempt)
      : limits_(limits),
        handler_(std::move(handler)),
        exempt_(std::move(exempt)),
        blocking_(static_cast<size_t>(std::max(1, limits.blocking_threads))),
        per_address_(limits.max_connections_per_address) {
    const int n = std::max(1, limits_.threads);
    for (int i = 0; i < n; ++i) ios_.push_back(std::make_unique<asio::io_context>(1));
  }

  ~Impl() { Stop(); }

  absl::Status SetTls(const TlsFiles& files) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    boost::system::error_code ec;
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                     ec);
    if (!ec) ctx->use_certificate_chain_file(files.cert_chain, ec);
    if (ec) return absl::FailedPreconditionError(files.cert_chain + ": " + ec.message());
    ctx->use_private_key_file(files.private_key, ssl::context::pem, ec);
    if (ec) {
      return absl::FailedPreconditionError(files.private_key + ": not the key of " + files.cert_chain + " (" +
                                           ec.message() + ")");
    }
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
      return absl::FailedPreconditionError(files.private_key + ": does not match the certificate " +
                                           files.cert_chain);
    }
    std::lock_guard<std::mutex> lock(tls_mu_);
    tls_files_ = files;
    tls_ = std::move(ctx);
    return absl::OkStatus();
  }

  absl::Status ReloadTls() {
    TlsFiles files;
    {
      std::lock_guard<std::mutex> lock(tls_mu_);
      if (!tls_) return absl::OkStatus();
      files = tls_files_;
    }
    return SetTls(files);
  }

  void SetAccessLog(std::function<void(const AccessRecord&)> log) { access_log_ = std::move(log); }

  absl::Status Start(const std::string& host, int port) {
    // Each connection is a descriptor: use every one the system allows.
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
      if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
      }
      if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > 256) {
        max_connections_ = std::min<size_t>(limits_.max_connections, rl.rlim_cur - 128);
      } else {
        max_connections_ = std::min<size_t>(limits_.max_connections, 128);
      }
    } else {
      max_connections_ = limits_.max_connections;
    }
    boost::system::error_code ec;
    const asio::ip::address address = asio::ip::make_address(host, ec);
    if (ec) return absl::InvalidArgumentError("cannot listen on \"" + host + "\": not an IP address");
    acceptor_ = std::make_unique<tcp::acceptor>(*ios_[0]);
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(4096, ec);
    if (ec) {
      return absl::UnavailableError("cannot bind " + host + ":" + std::to_string(port) + ": " + ec.message());
    }
    port_ = acceptor_->local_endpoint().port();
    asio::co_spawn(*ios_[0], Accept(), asio::detached);
    for (auto& io : ios_) {
      work_.push_back(asio::make_work_guard(*io));
    }
    for (auto& io : ios_) {
      threads_.emplace_back([io = io.get()] {
        pthread_setname_np(pthread_self(), "wafer-http");
        io->run();
      });
    }
    started_ = true;
    return absl::OkStatus();
  }

  int port() const { return port_; }

  void Stop() {
    if (!started_ || stopped_.exchange(true)) return;
    stopping_ = true;
    // No new connections.
    asio::post(*ios_[0], [this] {
      boost::system::error_code ec;
      acceptor_->close(ec);
    });
    // Idle connections close now; busy ones after their response.
    {
      std::lock_guard<std::mutex> lock(conns_mu_);
      for (Conn* c : conns_) c->CloseIfIdle();
    }
    const auto limit = Clock::now() + limits_.body_timeout + limits_.write_timeout + std::chrono::seconds(5);
    {
      std::unique_lock<std::mutex> lock(conns_mu_);
      conns_cv_.wait_until(lock, limit, [&] { return conns_.empty(); });
      for (Conn* c : conns_) c->Cancel();  // What is left past the bound.
    }
    {
      std::unique_lock<std::mutex> lock(conns_mu_);
      conns_cv_.wait_for(lock, std::chrono::seconds(2), [&] { return conns_.empty(); });
    }
    work_.clear();
    for (auto& io : ios_) io->stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    blocking_.join();
  }

  void RunBlocking(std::function<void()> fn) { asio::post(blocking_, std::move(fn)); }

  size_t open_connections() const { return open_.load(); }

 private:
  // What Stop() needs to reach a connection from another thread. Its lambdas
  // run on the connection's own executor, where `cancel` is set only while
  // the stream exists.
  struct Conn : std::enable_shared_from_this<Conn> {
    asio::any_io_executor executor;
    std::function<void()> cancel;
    bool idle = true;
    void CloseIfIdle() {
      asio::post(executor, [self = shared_from_this()] {
        if (self->idle && self->cancel) self->cancel();
      });
    }
    void Cancel() {
      asio::post(executor, [self = shared_from_this()] {
        if (self->cancel) self->cancel();
      });
    }
  };
  // Sets a connection's cancel function for the life of its stream.
  struct CancelWhileAlive {
    CancelWhileAlive(Conn& c, std::function<void()> fn) : conn(c) { conn.cancel = std::move(fn); }
    ~CancelWhileAlive() { conn.cancel = nullptr; }
    Conn& conn;
  };

  void Register(Conn* c) {
    std::lock_guard<std::mutex> lock(conns_mu_);
    conns_.insert(c);
  }
  void Unregister(Conn* c) {
    std::lock_guard<std::mutex> lock(conns_mu_);
    conns_.erase(c);
    conns_cv_.notify_all();
  }

  asio::awaitable<void> Accept() {
    asio::steady_timer backoff(*ios_[0]);
    while (!stopping_) {
      asio::io_context& target = *ios_[next_io_++ % ios_.size()];
      auto [ec, socket] = co_await acceptor_->async_accept(target.get_executor(), kAwait);
      if (stopping_) co_return;
      if (ec) {
        if (ec == asio::error::operation_aborted) co_return;
        // Out of descriptors (EMFILE/ENFILE) or memory: pause instead of spinning.
        backoff.expires_after(std::chrono::milliseconds(50));
        co_await backoff.async_wait(kAwait);
        continue;
      }
      boost::system::error_code ignored;
      const tcp::endpoint remote = socket.remote_endpoint(ignored);
      if (ignored) continue;
      std::string peer = remote.address().is_v6() && remote.address().to_v6().is_v4_mapped()
                             ? asio::ip::make_address_v4(asio::ip::v4_mapped, remote.address().to_v6()).to_string()
                             : remote.address().to_string();
      if (open_.load() >= max_connections_) continue;  // The socket closes as it goes out of scope.
      const bool exempt = exempt_ && exempt_(peer);
      if (!exempt && !per_address_.Acquire(peer)) continue;
      ++open_;
      socket.set_option(tcp::no_delay(true), ignored);
      std::shared_ptr<ssl::context> tls;
      {
        std::lock_guard<std::mutex> lock(tls_mu_);
        tls = tls_;
      }
      asio::co_spawn(target, Connection(std::move(socket), std::move(peer), exempt, std::move(tls)),
                     asio::detached);
    }
  }

  asio::awaitable<void> Connection(tcp::socket socket, std::string peer, bool exempt,
                                   std::shared_ptr<ssl::context> tls) {
    auto conn = std::make_shared<Conn>();
    conn->executor = socket.get_executor();
    Register(conn.get());
    try {
      if (tls) {
        ssl::stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
        CancelWhileAlive guard(*conn, [&stream] {
          beast::get_lowest_layer(stream).cancel();
          beast::get_lowest_layer(stream).close();
        });
        beast::get_lowest_layer(stream).expires_after(limits_.handshake_timeout);
        auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kAwait);
        if (!ec && !stopping_) co_await Serve(stream, peer, true, *conn);
      } else {
        beast::tcp_stream stream(std::move(socket));
        CancelWhileAlive guard(*conn, [&stream] {
          stream.cancel();
          stream.close();
        });
        co_await Serve(stream, peer, false, *conn);
      }
    } catch (const std::exception& e) {
      LogEvent("error", "http", std::string("connection failed: ") + e.what());
    }
    Unregister(conn.get());
    if (!exempt) per_address_.Release(peer);
    --open_;
  }

  // Starts the route for a request and resumes its connection with the
  // reply, which may come from any thread. A named type, not a lambda: GCC 12
  // miscompiles closure types passed by value into a coroutine (asio's
  // async_initiate), releasing their captures twice.
  struct DispatchInit {
    Impl* impl;
    std::shared_ptr<Request> req;
    asio::any_io_executor executor;
    DispatchInit(Impl* i, std::shared_ptr<Request> r, asio::any_io_executor e)
        : impl(i), req(std::move(r)), executor(std::move(e)) {}
    DispatchInit(const DispatchInit&) = default;
    DispatchInit(DispatchInit&& o) noexcept
        : impl(o.impl), req(std::move(o.req)), executor(std::move(o.executor)) {}

    template <class H>
    struct State {
      H handler;
      asio::any_io_executor executor;
      std::atomic<bool> done{false};
      State(H h, asio::any_io_executor e) : handler(std::move(h)), executor(std::move(e)) {}
      // Answered exactly once: a reply dropped unanswered (a bug) still
      // resumes the connection, with a 500.
      ~State() {
        if (!done) Resume(JsonError(500, "wafer.internal", "the request was not answered"));
      }
      void Resume(Response r) {
        if (done.exchange(true)) return;
        asio::post(executor, Resumer<H>(std::move(handler), std::move(r)));
      }
    };
    template <class H>
    struct Resumer {
      H handler;
      Response response;
      Resumer(H h, Response r) : handler(std::move(h)), response(std::move(r)) {}
      Resumer(Resumer&& o) noexcept : handler(std::move(o.handler)), response(std::move(o.response)) {}
      void operator()() { std::move(handler)(std::move(response)); }
    };

    template <class H>
    void operator()(H handler) {
      auto state = std::make_shared<State<H>>(std::move(handler), executor);
      Reply reply = [state](Response r) { state->Resume(std::move(r)); };
      try {
        impl->handler_(req, std::move(reply));
      } catch (const std::exception& e) {
        LogEvent("error", "exception", e.what());
        state->Resume(JsonError(500, "wafer.internal", "internal error"));
      }
    }
  };

  asio::awaitable<Response> Dispatch(std::shared_ptr<Request> req) {
    auto executor = co_await asio::this_coro::executor;
    Response res = co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
        DispatchInit(this, std::move(req), std::move(executor)), asio::use_awaitable);
    co_return res;
  }

  // Runs `stream->next()`; spawned on the blocking pool (NextPiece).
  static asio::awaitable<std::optional<std::string>> CallNext(std::shared_ptr<BodyStream> stream) {
    std::optional<std::string> piece;
    try {
      piece = stream->next();
    } catch (const std::exception& e) {
      LogEvent("error", "exception", e.what());
    }
    co_return piece;
  }

  // The next piece of a streamed body, made on the blocking pool; the
  // connection resumes on its own thread.
  asio::awaitable<std::optional<std::string>> NextPiece(std::shared_ptr<BodyStream> stream) {
    co_return co_await asio::co_spawn(blocking_, CallNext(std::move(stream)), asio::use_awaitable);
  }

  template <class Stream>
  static beast::tcp_stream& Lowest(Stream& s) {
    return beast::get_lowest_layer(s);
  }

  // Writes `res` for a request of `version` (11 or 10); false if the
  // connection must close (or failed).
  template <class Stream>
  asio::awaitable<bool> Write(Stream& stream, Response res, unsigned version, bool head, bool keep_alive,
                              const Request* req, Clock::time_point started) {
    keep_alive = keep_alive && !res.close && !stopping_;
    size_t sent_bytes = 0;
    bool ok = true;
    Lowest(stream).expires_after(limits_.write_timeout);
    if (res.stream && !head) {
      http::response<http::empty_body> out{static_cast<http::status>(res.status), version};
      for (const auto& [n, v] : res.headers.fields()) out.insert(n, v);
      out.set(http::field::date, HttpDate());
      out.chunked(true);
      out.keep_alive(keep_alive);
      http::response_serializer<http::empty_body> sr{out};
      auto [ec, n] = co_await http::async_write_header(stream, sr, kAwait);
      ok = !ec;
      bool complete = false;
      std::shared_ptr<BodyStream> body = res.stream;
      while (ok) {
        std::optional<std::string> piece = co_await NextPiece(body);
        if (!piece) break;  // Failed: cut short, no last chunk.
        Lowest(stream).expires_after(limits_.write_timeout);
        if (piece->empty()) {
          auto [ec2, n2] = co_await asio::async_write(stream, http::make_chunk_last(), kAwait);
          ok = !ec2;
          complete = ok;
          break;
        }
        sent_bytes += piece->size();
        auto [ec2, n2] = co_await asio::async_write(stream, http::make_chunk(asio::buffer(*piece)), kAwait);
        ok = !ec2;
      }
      keep_alive = keep_alive && complete;
      ok = ok && complete;
    } else {
      http::response<http::string_body> out{static_cast<http::status>(res.status), version};
      for (const auto& [n, v] : res.headers.fields()) out.insert(n, v);
      out.set(http::field::date, HttpDate());
      const size_t size = res.body.size();
      const bool no_body = res.status == 204 || res.status == 304 || (res.status >= 100 && res.status < 200);
      if (no_body) {
        out.erase(http::field::content_length);
      } else if (head) {
        out.content_length(size);
      } else {
        out.body() = std::move(res.body);
        out.content_length(size);
        sent_bytes = size;
      }
      out.keep_alive(keep_alive);
      http::response_serializer<http::string_body> sr{out};
      if (head && !no_body) {
        auto [ec, n] = co_await http::async_write_header(stream, sr, kAwait);
        ok = !ec;
      } else {
        auto [ec, n] = co_await http::async_write(stream, sr, kAwait);
        ok = !ec;
      }
    }
    if (access_log_) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      access_log_(AccessRecord{req, res.status, sent_bytes, ms});
    }
    co_return ok && keep_alive;
  }

  // Sends a front-end error, then closes gently: the client may still be
  // sending (a body that was refused unread), and closing at once would
  // make the kernel reset the connection before it reads the answer.
  template <class Stream>
  asio::awaitable<void> Fail(Stream& stream, beast::flat_buffer& buf, Response res, unsigned version,
                             const Request* req, Clock::time_point started) {
    res.close = true;
    const bool ok = co_await Write(stream, std::move(res), version, false, false, req, started);
    (void)ok;
    boost::system::error_code ec;
    Lowest(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
    Lowest(stream).expires_after(std::chrono::seconds(1));
    size_t drained = 0;
    while (drained < 64 * 1024) {
      buf.clear();
      auto [rec, n] = co_await Lowest(stream).async_read_some(buf.prepare(8192), kAwait);
      if (rec) break;
      drained += n;
    }
  }

  template <class Stream>
  asio::awaitable<void> Serve(Stream& stream, const std::string& peer, bool tls, Conn& conn) {
    beast::flat_buffer buf;
    for (size_t served = 0; served < limits_.max_requests_per_connection && !stopping_; ++served) {
      // 1. The first byte of a request, within the idle timeout.
      conn.idle = true;
      if (buf.size() == 0) {
        Lowest(stream).expires_after(limits_.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buf.prepare(4096), kAwait);
        if (ec) co_return;
        buf.commit(n);
      }
      conn.idle = false;
      const Clock::time_point started = Clock::now();
      // 2. The header block, whole, within the header timeout from its first byte.
      Lowest(stream).expires_at(started + limits_.header_timeout);
      size_t block_end = std::string_view::npos;
      size_t skipped = 0;  // Empty lines before the request line (RFC 9112 §2.2).
      for (;;) {
        std::string_view data(static_cast<const char*>(buf.data().data()), buf.size());
        while (skipped < 8 && data.substr(0, 2) == "\r\n") {
          buf.consume(2);
          data.remove_prefix(2);
          ++skipped;
        }
        // A line ending other than CRLF is refused as soon as it arrives
        // (waiting for a CRLFCRLF that never comes would hold the connection).
        for (size_t i = 0; i < data.size(); ++i) {
          if ((data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) ||
              (data[i] == '\r' && i + 1 < data.size() && data[i + 1] != '\n')) {
            co_await Fail(stream, buf,
                          FrontEndError(400, "wafer.http.line_ending", "request lines must end with CRLF"), 11,
                          nullptr, started);
            co_return;
          }
          if (i + 3 < data.size() && data.compare(i, 4, "\r\n\r\n") == 0) break;
        }
        const size_t end = data.find("\r\n\r\n");
        if (end != std::string_view::npos && end + 4 <= limits_.max_header_bytes) {
          block_end = end + 4;
          break;
        }
        if (data.size() >= limits_.max_header_bytes || (end != std::string_view::npos)) {
          // Too long: the request line, or the fields after it.
          const size_t line = data.find("\r\n");
          const bool long_line = line == std::string_view::npos || line > limits_.max_target_bytes + 32;
          // (No conditional operator around co_await operands: GCC 12 mishandles
          // temporaries there.)
          Response refusal;
          if (long_line) {
            refusal = FrontEndError(414, "wafer.http.uri_too_long", "the request line is too long");
          } else {
            refusal = FrontEndError(431, "wafer.http.header_too_large",
                                    "the request header exceeds " + std::to_string(limits_.max_header_bytes) +
                                        " bytes");
          }
          co_await Fail(stream, buf, std::move(refusal), 11, nullptr, started);
          co_return;
        }
        auto [ec, n] = co_await stream.async_read_some(
            buf.prepare(std::min<size_t>(4096, limits_.max_header_bytes + 4 - data.size())), kAwait);
        if (ec) co_return;  // Timed out, reset or closed: nothing to answer.
        buf.commit(n);
      }
      const std::string_view block(static_cast<const char*>(buf.data().data()), block_end);
      // 3. RFC 9112, strictly, on the raw bytes.
      bool has_body = false, chunked = false;
      uint64_t declared = 0;
      Refusal refusal = CheckHeaderBlock(block, limits_, &has_body, &declared, &chunked);
      const unsigned version = block.find(" HTTP/1.0\r\n") < block.find("\r\n") + 1 ? 10 : 11;
      if (refusal.status) {
        co_await Fail(stream, buf, FrontEndError(refusal.status, refusal.code, refusal.message), version,
                      nullptr, started);
        co_return;
      }
      // A body the server would not read whole is refused before any of it is read.
      const std::string_view method = block.substr(0, block.find(' '));
      const bool body_method = method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
      if (chunked && !body_method) {
        co_await Fail(stream, buf, FrontEndError(411, "wafer.length_required", "this route takes no chunked body"),
                      version, nullptr, started);
        co_return;
      }
      if (!chunked && declared > limits_.max_body_bytes) {
        co_await Fail(stream, buf,
                      FrontEndError(413, "wafer.body_too_large",
                                    "the body exceeds " + std::to_string(limits_.max_body_bytes) + " bytes"),
                      version, nullptr, started);
        co_return;
      }
      // 4. Beast parses what passed.
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes + 4));
      parser.body_limit(limits_.max_body_bytes);
      parser.eager(true);
      boost::system::error_code pec;
      const size_t used = parser.put(asio::buffer(buf.data().data(), block_end), pec);
      if (pec || used != block_end || !parser.is_header_done()) {
        co_await Fail(stream, buf, FrontEndError(400, "wafer.http.malformed", "the request head does not parse"),
                      version, nullptr, started);
        co_return;
      }
      buf.consume(block_end);
      auto req = std::make_shared<Request>();
      const auto& head = parser.get();
      req->method = std::string(head.method_string());
      req->target = std::string(head.target());
      const size_t q = req->target.find('?');
      req->path = req->target.substr(0, q);
      if (q != std::string::npos) req->query = req->target.substr(q + 1);
      for (const auto& f : head) req->headers.Add(std::string(f.name_string()), std::string(f.value()));
      req->peer = peer;
      req->tls = tls;
      // Compressed bodies are not read: a decompressor is an amplifier.
      const std::string_view coding = TrimOws(req->headers.Get("Content-Encoding"));
      if (!coding.empty() && !EqualsIgnoreCase(coding, "identity")) {
        co_await Fail(stream, buf,
                      FrontEndError(415, "wafer.unsupported_encoding",
                                    "request bodies are not accepted compressed (Content-Encoding)"),
                      version, req.get(), started);
        co_return;
      }
      // 5. The body, within the body timeout, at most max_body_bytes.
      if (has_body) {
        const std::string_view expect = req->headers.Get("Expect");
        if (!expect.empty()) {
          if (!EqualsIgnoreCase(expect, "100-continue")) {
            co_await Fail(stream, buf, FrontEndError(417, "wafer.http.expect", "only Expect: 100-continue is served"),
                          version, req.get(), started);
            co_return;
          }
          if (version == 11 && buf.size() == 0) {
            static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
            Lowest(stream).expires_after(limits_.write_timeout);
            auto [ec, n] = co_await asio::async_write(stream, asio::buffer(kContinue, sizeof kContinue - 1), kAwait);
            if (ec) co_return;
          }
        }
        Lowest(stream).expires_after(limits_.body_timeout);
        auto [ec, n] = co_await http::async_read(stream, buf, parser, kAwait);
        if (ec == http::error::body_limit) {
          co_await Fail(stream, buf,
                        FrontEndError(413, "wafer.body_too_large",
                                      "the body exceeds " + std::to_string(limits_.max_body_bytes) + " bytes"),
                        version, req.get(), started);
          co_return;
        }
        if (ec) {
          if (ec == beast::error::timeout || ec == http::error::end_of_stream ||
              ec == asio::error::eof || ec == asio::error::operation_aborted) {
            co_return;
          }
          co_await Fail(stream, buf,
                        FrontEndError(400, "wafer.body_unreadable", "the body could not be read (bad chunked framing?)"),
                        version, req.get(), started);
          co_return;
        }
        req->body = std::move(parser.get().body());
      }
      const bool keep_alive = parser.get().keep_alive();
      const bool head_request = req->method == "HEAD";
      // 6. The route's answer; the connection waits without holding a thread.
      Response res = co_await Dispatch(req);
      if (!co_await Write(stream, std::move(res), version, head_request, keep_alive, req.get(), started)) {
        if (stopping_ || !keep_alive) {
          boost::system::error_code ec;
          Lowest(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
        }
        co_return;
      }
    }
  }

  HttpLimits limits_;
  Handler handler_;
  std::function<bool(const std::string&)> exempt_;
  std::function<void(const AccessRecord&)> access_log_;
  std::vector<std::unique_ptr<asio::io_context>> ios_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  asio::thread_pool blocking_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::mutex tls_mu_;
  std::shared_ptr<ssl::context> tls_;
  TlsFiles tls_files_;
  ConnectionCounter per_address_;
  size_t max_connections_ = 0;
  std::atomic<size_t> open_{0};
  std::atomic<size_t> next_io_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> stopped_{false};
  bool started_ = false;
  int port_ = 0;
  std::mutex conns_mu_;
  std::condition_variable conns_cv_;
  std::unordered_set<Conn*> conns_;
};

HttpServer::HttpServer(HttpLimits limits, Handler handler, std::function<bool(const std::string&)> exempt)
    : impl_(std::make_unique<Impl>(limits, std::move(handler), std::move(exempt))) {}
HttpServer::~HttpServer() = default;
absl::Status HttpServer::SetTls(const TlsFiles& files) { return impl_->SetTls(files); }
absl::Status HttpServer::ReloadTls() { return impl_->ReloadTls(); }
void HttpServer::SetAccessLog(std::function<void(const AccessRecord&)> log) { impl_->SetAccessLog(std::move(log)); }
absl::Status HttpServer::Start(const std::string& host, int port) { return impl_->Start(host, port); }
int HttpServer::port() const { return impl_->port(); }
void HttpServer::Stop() { impl_->Stop(); }
void HttpServer::RunBlocking(std::function<void()> fn) { impl_->RunBlocking(std::move(fn)); }
size_t HttpServer::open_connections() const { return impl_->open_connections(); }

}  // namespace server
}  // namespace wafer
