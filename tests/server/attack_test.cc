// What an attacker tries on a wafer-server facing the Internet, each against
// the real binary, black-box (issue 11): reading files off the host, stalling
// it with idle or slow connections, oversized or ambiguous requests, choosing
// its own address, forging receipts, and what keys, erasure, policies and
// responses must withstand.
//
// The binary is this build's, or $WAFER_SERVER_UNDER_TEST: the same suite run
// against an older build shows which attacks that build falls to. Floods come
// from 127.0.0.2 and the well-behaved clients from 127.0.0.1 (loopback only);
// their bounds are generous (every request answered within 2 s) because the
// machine is shared: bench/server_flood.cc prints the real latencies.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"
#include "test_support.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::MakeState;
using testing::RandomConsentId;
using testing::RawExchange;
using testing::ReceiptBody;
using testing::ServerProcess;
using testing::Shop;
using Clock = std::chrono::steady_clock;

const std::string kBearer = std::string("Bearer ") + testing::kTestAdminToken;

bool Holds(const std::string& path, const std::string& needle) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str().find(needle) != std::string::npos;
}

// True if `s` is valid UTF-8 (what a JSON body must be).
bool IsUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    if (c < 0x80) {
      n = 0;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
    } else {
      return false;
    }
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

std::string BodyOf(const std::string& raw) {
  const size_t end = raw.find("\r\n\r\n");
  return end == std::string::npos ? "" : raw.substr(end + 4);
}

int StatusOf(const std::string& raw) {
  return raw.rfind("HTTP/1.", 0) == 0 && raw.size() > 12 ? std::atoi(raw.c_str() + 9) : 0;
}

class AttackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The floods hold thousands of sockets.
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
      rl.rlim_cur = rl.rlim_max;
      setrlimit(RLIMIT_NOFILE, &rl);
    }
    policies_ = dir_ / "policies";
    fs::create_directories(policies_);
    for (const char* f : {"shop.json", "blog.json"}) {
      fs::copy_file(testing::TestPoliciesDir() + "/" + f, policies_ + "/" + f);
    }
    sites_ = dir_ / "sites";
    fs::create_directories(sites_ + "/shop/css");
    testing::WriteFileOrDie(sites_ + "/shop/index.html", "<h1>shop</h1>");
    testing::WriteFileOrDie(sites_ + "/shop/css/site.css", "h1{}");
    secret_ = "SECRET-" + Hex(RandomBytes(12));
    testing::WriteFileOrDie(dir_ / "secret.txt", secret_);
    fs::create_symlink(dir_ / "secret.txt", sites_ + "/shop/link.txt");
    fs::create_directory_symlink(dir_.path(), sites_ + "/shop/out");
    testing::WriteStubTemplate(dir_ / "js");
  }

  std::vector<std::string> Args(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> a = {"--listen", "127.0.0.1:0", "--policies", policies_, "--sites", sites_,
                                  "--js", dir_ / "js", "--data", dir_ / "data",
                                  "--admin-token", testing::kTestAdminToken, "--rate-limit", "0",
                                  "--poll-ms", "100", "--quiet"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  void Start(const std::vector<std::string>& extra = {}) {
    server_ = std::make_unique<ServerProcess>();
    ASSERT_TRUE(server_->Start(Args(extra))) << "did not start:\n" << server_->log();
    port_ = server_->port();
  }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(10, 0);
    c.set_read_timeout(20, 0);
    c.set_write_timeout(10, 0);
    c.set_decompress(false);
    return c;
  }

  // A receipt as the loader posts it: with the page-view token of the
  // site's wafer.js when the server puts one there.
  std::string Receipt(std::string* consent_id = nullptr, const std::string& banner_hash = "") {
    const std::string id = RandomConsentId();
    if (consent_id) *consent_id = id;
    std::string body = ReceiptBody("shop", id, MakeState(Shop(), id, {}));
    if (!banner_hash.empty()) {
      const std::string from = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
      body.replace(body.find(from), from.size(), banner_hash);
    }
    return testing::WithToken(body, testing::FetchPageViewToken(port_, "shop"));
  }

  json Proof(const std::string& consent_id) {
    auto res = Client().Get("/v1/admin/receipts/" + consent_id, {{"Authorization", kBearer}});
    if (!res) return json();
    return json::parse(res->body, nullptr, false);
  }

  // Milliseconds for a GET /healthz, or -1 if it failed.
  double TimedHealth() {
    const auto t0 = Clock::now();
    auto res = Client().Get("/healthz");
    if (!res || res->status != 200) return -1;
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }
  // Milliseconds for a valid receipt (fetching the token is not timed), or -1.
  double TimedReceipt() {
    const std::string body = Receipt();
    const auto t0 = Clock::now();
    auto res = Client().Post("/v1/consents", body, "application/json");
    if (!res || res->status != 201) return -1;
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }

  testing::TempDir dir_;
  std::string policies_, sites_, secret_;
  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

// Opens `n` TCP connections from `source` to `port`, without waiting for the
// server to accept them (a kernel backlog completes the handshake). Returns
// the sockets still open after `settle`.
std::vector<int> OpenConnections(int port, const std::string& source, int n, std::chrono::seconds settle) {
  std::vector<int> fds;
  sockaddr_in local = {};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &local.sin_addr);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const auto until = Clock::now() + std::chrono::seconds(15);
  for (int i = 0; i < n && Clock::now() < until; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) break;
    bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
      close(fd);
      continue;
    }
    fds.push_back(fd);
  }
  std::this_thread::sleep_for(settle);
  return fds;
}

void CloseAll(std::vector<int>* fds) {
  for (int fd : *fds) close(fd);
  fds->clear();
}

// ---------------------------------------------------------------------------
// Files: only what was enumerated under --sites is ever served.

TEST_F(AttackTest, OnlyEnumeratedFilesAreServed) {
  Start();
  const std::string data = (dir_ / "data"), abs_secret = dir_ / "secret.txt";
  std::string key_material;  // What must never leave: key files and the admin token.
  for (const char* f : {"hmac.key", "keys.json"}) {
    std::ifstream in(data + "/" + f, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!buf.str().empty()) key_material = buf.str().substr(0, 24);
  }
  std::string encoded_abs;
  for (char c : abs_secret) encoded_abs += c == '/' ? std::string("%2F") : std::string(1, c);
  const std::vector<std::string> spellings = {
      "//etc/passwd", "/%2Fetc%2Fpasswd", "/%2fetc%2fpasswd", "///etc/passwd", "/../../../../../../etc/passwd",
      "/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E/%2E%2E/%2E%2E/etc/passwd", "/.%2e/.%2e/.%2e/etc/passwd", "/%2e./%2e./%2e./etc/passwd",
      "/..\\..\\..\\..\\etc\\passwd", "/%5c..%5c..%5c..%5cetc%5cpasswd", "/..%5c..%5c..%5cetc%5cpasswd",
      "/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%c0%af..%c0%af..%c0%afetc%c0%afpasswd",
      "/%e0%80%ae%e0%80%ae/%e0%80%ae%e0%80%ae/etc/passwd", "/..%c0%af..%c0%af..%c0%afetc/passwd",
      "/..%c1%9c..%c1%9c..%c1%9cetc/passwd", "/....//....//....//etc/passwd", "/..;/..;/..;/etc/passwd",
      "/%252e%252e/%252e%252e/etc/passwd", "/..%252f..%252f..%252fetc%252fpasswd", "/..%u2215..%u2215etc/passwd",
      "/%u002e%u002e/%u002e%u002e/etc/passwd", "/css/../../secret.txt", "/css/..%2f..%2fsecret.txt",
      "/css/%2e%2e/%2e%2e/secret.txt", "/css%2f..%2f..%2fsecret.txt", "/../secret.txt", "/./../secret.txt",
      "/.//..//secret.txt", "/css/./../../secret.txt", "/%2e%2e%2fsecret.txt", "/%2e%2e%5csecret.txt",
      "/..%5csecret.txt", "/..%255csecret.txt", "/..././secret.txt", "/...//secret.txt", "/.%00./secret.txt",
      "/index.html/../../secret.txt", "/index.html%00.txt", "/index.html%00", "/%00../secret.txt",
      "/link.txt", "/out/secret.txt", "/out/data/keys.json", "/out/data/hmac.key", "/out/data/wafer.db",
      "//proc/self/cmdline", "///proc/self/cmdline", "//proc/self/environ", "/%2Fproc%2Fself%2Fcmdline",
      "/%2fproc%2fself%2fenviron", "//proc/self/cwd/data/hmac.key", "//proc/self/root/etc/passwd",
      "//proc/self/fd/0", "/" + abs_secret, "//" + abs_secret.substr(1), "/" + encoded_abs,
      "//" + data + "/keys.json", "//" + data + "/hmac.key", "//" + data + "/wafer.db", "/.git/config",
      "/%2e%2e", "/..", "/.", "/%2e",
  };
  ASSERT_GE(spellings.size(), 50u);
  for (const std::string& host : {std::string("shop.test"), std::string("www.shop.test")}) {
    for (const std::string& path : spellings) {
      const std::string raw =
          RawExchange(port_, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
      const int status = StatusOf(raw);
      SCOPED_TRACE(host + " " + path + " → " + raw.substr(0, 120));
      EXPECT_TRUE(status == 0 || (status >= 400 && status < 500)) << "status " << status;
      EXPECT_EQ(raw.find(secret_), std::string::npos);
      EXPECT_EQ(raw.find("root:x:0:0"), std::string::npos);
      EXPECT_EQ(raw.find(testing::kTestAdminToken), std::string::npos);
      if (!key_material.empty()) EXPECT_EQ(raw.find(key_material), std::string::npos);
    }
  }
  // An absolute-form target names no file either.
  const std::string absolute =
      RawExchange(port_, "GET http://shop.test/../secret.txt HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(absolute.find(secret_), std::string::npos);
  // What was enumerated is served.
  EXPECT_EQ(StatusOf(RawExchange(port_, "GET / HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n")), 200);
  EXPECT_EQ(StatusOf(RawExchange(port_, "GET /css/site.css HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n")),
            200);
}

// ---------------------------------------------------------------------------
// One client cannot stall the others.

TEST_F(AttackTest, TenThousandIdleConnectionsDoNotDelayOthers) {
  Start();
  std::vector<int> idle = OpenConnections(port_, "127.0.0.2", 10000, std::chrono::seconds(2));
  ASSERT_GT(idle.size(), 5000u) << "the attack did not happen";
  double worst_health = 0, worst_receipt = 0;
  for (int i = 0; i < 10; ++i) {
    const double h = TimedHealth();
    const double r = TimedReceipt();
    ASSERT_GE(h, 0) << "healthz failed during the attack";
    ASSERT_GE(r, 0) << "a receipt failed during the attack";
    worst_health = std::max(worst_health, h);
    worst_receipt = std::max(worst_receipt, r);
  }
  std::printf("[flood] %zu idle connections: worst healthz %.1f ms, worst receipt %.1f ms\n", idle.size(),
              worst_health, worst_receipt);
  CloseAll(&idle);
  EXPECT_LT(worst_health, 2000);
  EXPECT_LT(worst_receipt, 2000);
  EXPECT_TRUE(server_->running());
}

TEST_F(AttackTest, AThousandSlowClientsDoNotDelayOthers) {
  Start();
  std::vector<int> slow = OpenConnections(port_, "127.0.0.2", 1000, std::chrono::seconds(1));
  ASSERT_GT(slow.size(), 900u);
  // One byte a second each, for as long as the measurement lasts.
  std::atomic<bool> stop{false};
  std::thread drip([&] {
    const std::string head = "GET / HTTP/1.1\r\nHost: shop.test\r\nX-Slow: ";
    for (size_t at = 0; !stop; ++at) {
      const char c = at < head.size() ? head[at] : 'a';
      for (int fd : slow) send(fd, &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      for (int i = 0; i < 10 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  double worst_health = 0, worst_receipt = 0;
  bool failed = false;
  const auto until = Clock::now() + std::chrono::seconds(8);
  while (Clock::now() < until && !failed) {
    const double h = TimedHealth();
    const double r = TimedReceipt();
    failed = h < 0 || r < 0;
    worst_health = std::max(worst_health, h);
    worst_receipt = std::max(worst_receipt, r);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  stop = true;
  drip.join();
  CloseAll(&slow);
  std::printf("[flood] 1000 clients at 1 byte/s: worst healthz %.1f ms, worst receipt %.1f ms\n", worst_health,
              worst_receipt);
  EXPECT_FALSE(failed) << "a request failed during the attack";
  EXPECT_LT(worst_health, 2000);
  EXPECT_LT(worst_receipt, 2000);
}

// ---------------------------------------------------------------------------
// Sizes and syntax.

TEST_F(AttackTest, AnEndlessHeaderIsCutWith431) {
  Start();
  const size_t rss_before = server_->rss_kb();
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  std::string head = "GET / HTTP/1.1\r\nHost: shop.test\r\nX-Flood: ";
  send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  const std::string chunk(64 * 1024, 'a');
  size_t sent = head.size();
  std::string answer;
  while (sent < (32u << 20)) {  // Up to 32 MiB, unless the server answers or closes first.
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 5) > 0) break;
    const ssize_t n = send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  char buf[4096];
  tv = {5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const ssize_t n = recv(fd, buf, sizeof buf, 0);
  if (n > 0) answer.assign(buf, static_cast<size_t>(n));
  close(fd);
  const size_t rss_after = server_->rss_kb();
  std::printf("[header flood] sent %zu KiB before the server answered; RSS %zu → %zu KiB\n", sent / 1024,
              rss_before, rss_after);
  EXPECT_EQ(StatusOf(answer), 431) << answer.substr(0, 200);
  EXPECT_LT(sent, 4u << 20) << "the server kept reading the header";
  EXPECT_LT(rss_after, rss_before + 64 * 1024) << "the header grew the server";
  // Many short fields add up the same way.
  std::string many = "GET / HTTP/1.1\r\nHost: shop.test\r\n";
  for (int i = 0; i < 2000; ++i) many += "X-F" + std::to_string(i) + ": " + std::string(40, 'b') + "\r\n";
  EXPECT_EQ(StatusOf(RawExchange(port_, many + "\r\n")), 431);
}

TEST_F(AttackTest, ALongUrlIs414) {
  Start();
  const std::string raw =
      RawExchange(port_, "GET /" + std::string(64 * 1024, 'u') + " HTTP/1.1\r\nHost: shop.test\r\n\r\n");
  EXPECT_EQ(StatusOf(raw), 414) << raw.substr(0, 200);
}

TEST_F(AttackTest, AmbiguousFramingIsRefusedWith400) {
  Start();
  const std::string body = Receipt();
  const std::string cl = std::to_string(body.size());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"two differing Content-Length", "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                       "Content-Length: " + cl + "\r\nContent-Length: 5\r\n\r\n" + body},
      {"two equal Content-Length", "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                   "Content-Length: " + cl + "\r\nContent-Length: " + cl + "\r\n\r\n" + body},
      {"Content-Length list", "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                              "Content-Length: " + cl + ", " + cl + "\r\n\r\n" + body},
      {"Content-Length and chunked", "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                     "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      {"chunked and Content-Length", "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                     "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"},
      {"obsolete line folding", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n"},
      {"folded Content-Length", "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n " + cl + "\r\n\r\n" + body},
      {"bare CR in a field", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n"},
      {"bare CR ending a line", "GET /healthz HTTP/1.1\rHost: x\r\n\r\n"},
      {"whitespace before the colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length : 0\r\n\r\n"},
  };
  for (const auto& [name, request] : cases) {
    const std::string raw = RawExchange(port_, request);
    EXPECT_EQ(StatusOf(raw), 400) << name << " → " << raw.substr(0, 200);
  }
  // Nothing was stored by any of them.
  auto stats = Client().Get("/v1/admin/stats?from=2020-01-01&to=2099-12-31", {{"Authorization", kBearer}});
  ASSERT_TRUE(stats);
  EXPECT_EQ(json::parse(stats->body, nullptr, false).value("sites", json::object()).value("shop", 0), 0)
      << stats->body;
}

// ---------------------------------------------------------------------------
// Addresses: X-Forwarded-For is believed only from a trusted proxy.

TEST_F(AttackTest, AClientCannotChooseItsAddress) {
  // 127.0.0.1 plays the trusted proxy; the client it forwards for is
  // 198.51.100.7 whatever the client wrote further left.
  Start({"--trusted-proxy", "127.0.0.1/32", "--rate-limit", "0.05", "--rate-burst", "2"});
  int created = 0, limited = 0;
  std::string first_id;
  for (int i = 0; i < 6; ++i) {
    std::string id;
    const std::string body = Receipt(&id);
    httplib::Client c = Client();
    auto res = c.Post("/v1/consents",
                      {{"X-Forwarded-For", "203.0.113." + std::to_string(i) + ", 198.51.100.7"}}, body,
                      "application/json");
    ASSERT_TRUE(res);
    if (res->status == 201) {
      ++created;
      if (first_id.empty()) first_id = id;
    }
    limited += res->status == 429;
  }
  EXPECT_EQ(created, 2) << "the rate limit is per client, whatever it spoofs";
  EXPECT_EQ(limited, 4);
  json proof = Proof(first_id);
  ASSERT_TRUE(proof.is_object());
  EXPECT_EQ(proof["receipts"][0]["ip"], "198.51.100.0/24") << proof.dump();
  // An untrusted peer's header is ignored: its own address is recorded.
  std::string id;
  const std::string body = Receipt(&id);
  const std::string raw = RawExchange(port_,
                                      "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                      "X-Forwarded-For: 198.51.100.99\r\nContent-Length: " +
                                          std::to_string(body.size()) + "\r\n\r\n" + body,
                                      "127.0.0.2");
  ASSERT_EQ(StatusOf(raw), 201) << raw;
  EXPECT_EQ(Proof(id)["receipts"][0]["ip"], "127.0.0.0/24");
}

TEST_F(AttackTest, TheOldClientIpHeaderFlagIsRefused) {
  std::string out;
  const int status = testing::RunCommand(testing::ServerBinary(),
                                         {"--listen", "127.0.0.1:0", "--policies", policies_, "--data", dir_ / "data",
                                          "--client-ip-header", "X-Forwarded-For"},
                                         &out, 10);
  EXPECT_GT(status, 0) << out;
  EXPECT_NE(out.find("--trusted-proxy"), std::string::npos) << out;
}

TEST_F(AttackTest, TheAdminApiHasItsOwnLimiter) {
  Start();  // --rate-limit 0: receipts are not limited; admin calls still are.
  int unauthorized = 0, limited = 0;
  for (int i = 0; i < 40; ++i) {
    auto res = Client().Get("/v1/admin/erasures", {{"Authorization", "Bearer guess-" + std::to_string(i)}});
    ASSERT_TRUE(res);
    unauthorized += res->status == 401;
    limited += res->status == 429;
  }
  EXPECT_GT(limited, 0) << "40 token guesses in a row went unthrottled";
  EXPECT_GT(unauthorized, 0);
}

TEST_F(AttackTest, AShortAdminTokenIsRefusedOutsideTheDemo) {
  std::string out;
  EXPECT_NE(testing::RunCommand(testing::ServerBinary(),
                                {"--listen", "127.0.0.1:0", "--policies", policies_, "--data", dir_ / "data",
                                 "--admin-token", "demo"},
                                &out, 10),
            0)
      << out;
  EXPECT_NE(out.find("32"), std::string::npos) << out;
  // --demo allows it, on loopback only (refused before binding anything else).
  EXPECT_NE(testing::RunCommand(testing::ServerBinary(),
                                {"--listen", "0.0.0.0:0", "--demo", "--policies", policies_, "--data",
                                 dir_ / "data", "--admin-token", "demo"},
                                &out, 10),
            0);
  EXPECT_NE(out.find("loopback"), std::string::npos) << out;
  server_ = std::make_unique<ServerProcess>();
  ASSERT_TRUE(server_->Start({"--listen", "127.0.0.1:0", "--demo", "--policies", policies_, "--data",
                              dir_ / "data", "--admin-token", "demo", "--quiet"}))
      << server_->log();
}

// ---------------------------------------------------------------------------
// Receipts claim what they prove.

TEST_F(AttackTest, AReceiptNeedsAPageViewOfTheSitesStub) {
  Start();
  // An attacker mints a consent state offline (the state's key derives from
  // the public site id) and posts it without ever loading wafer.js.
  const std::string id = RandomConsentId();
  auto forged = Client().Post("/v1/consents", ReceiptBody("shop", id, MakeState(Shop(), id, {})),
                              "application/json");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403) << forged->body;
  EXPECT_NE(forged->body.find("wafer.receipt.page_view_missing"), std::string::npos) << forged->body;
  auto none = Client().Get("/v1/admin/receipts/" + id, {{"Authorization", kBearer}});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
  // Another site's token does not do either.
  const std::string id2 = RandomConsentId();
  const std::string blog = testing::FetchPageViewToken(port_, "blog");
  auto foreign = Client().Post(
      "/v1/consents", testing::WithToken(ReceiptBody("shop", id2, MakeState(Shop(), id2, {})), blog), "application/json");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403) << foreign->body;
  // After a page view, it is stored, with the page view's time.
  std::string id3;
  auto real = Client().Post("/v1/consents", Receipt(&id3), "application/json");
  ASSERT_TRUE(real);
  EXPECT_EQ(real->status, 201) << real->body;
  json proof = Proof(id3);
  EXPECT_EQ(proof["receipts"][0]["page_view"], "verified") << proof.dump();
  EXPECT_NE(proof["statement"].get<std::string>().find("does not show that a person"), std::string::npos);
}

TEST_F(AttackTest, ReceiptsMustBeSentAsJson) {
  Start();
  for (const char* type : {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html",
                           "application/json; charset=latin1"}) {
    std::string id;
    auto res = Client().Post("/v1/consents", Receipt(&id), type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 415) << type << ": " << res->body;
    EXPECT_EQ(Proof(id).value("receipts", json::array()).size(), 0u) << type;
  }
}

// ---------------------------------------------------------------------------
// Keys: ids, rotation, compromise.

TEST_F(AttackTest, KeysRotateAndEarlierReceiptsStillVerify) {
  Start();
  std::string before;
  ASSERT_EQ(Client().Post("/v1/consents", Receipt(&before), "application/json")->status, 201);
  server_->Kill(SIGTERM);
  std::string out;
  ASSERT_EQ(testing::RunCommand(testing::ServerBinary(), {"keys", "rotate", "--data", dir_ / "data"}, &out), 0)
      << out;
  Start();
  std::string after;
  ASSERT_EQ(Client().Post("/v1/consents", Receipt(&after), "application/json")->status, 201);
  json a = Proof(before)["receipts"][0], b = Proof(after)["receipts"][0];
  EXPECT_EQ(a["signature_valid"], true) << a.dump();
  EXPECT_EQ(b["signature_valid"], true) << b.dump();
  EXPECT_NE(a["key_id"], b["key_id"]);
  // The retired key leaked: everything it signed says so from now on.
  ASSERT_EQ(testing::RunCommand(testing::ServerBinary(),
                                {"keys", "compromise", a["key_id"].get<std::string>(), "--data", dir_ / "data"}, &out),
            0)
      << out;
  json reported;
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    reported = Proof(before)["receipts"][0];
    if (reported["key"]["status"] == "compromised") break;
  }
  EXPECT_EQ(reported["key"]["status"], "compromised") << reported.dump();
  EXPECT_EQ(reported["trustworthy"], false);
  EXPECT_EQ(Proof(after)["receipts"][0]["trustworthy"], true);
  ASSERT_EQ(testing::RunCommand(testing::ServerBinary(), {"keys", "list", "--data", dir_ / "data"}, &out), 0);
  EXPECT_NE(out.find("compromised"), std::string::npos) << out;
  EXPECT_EQ(out.find("secret"), std::string::npos) << out;
}

// ---------------------------------------------------------------------------
// Erasure erases.

TEST_F(AttackTest, ErasureLeavesNothingInTheStoreFiles) {
  Start();
  std::string id;
  auto posted = Client().Post("/v1/consents", Receipt(&id), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201);
  const std::string signature = json::parse(posted->body)["signature"];
  const std::string state = Proof(id)["receipts"][0]["state"];
  const std::string db = dir_ / "data/wafer.db", wal = db + "-wal";
  ASSERT_TRUE(Holds(db, id) || Holds(wal, id)) << "the test would prove nothing";
  auto erased = Client().Delete("/v1/admin/receipts/" + id, {{"Authorization", kBearer}});
  ASSERT_TRUE(erased);
  ASSERT_EQ(erased->status, 200) << erased->body;
  for (const std::string& needle : {id, signature, state}) {
    EXPECT_FALSE(Holds(db, needle)) << needle << " is still in " << db;
    EXPECT_FALSE(Holds(wal, needle)) << needle << " is still in " << wal;
  }
}

// ---------------------------------------------------------------------------
// Policies: nothing a file holds brings the server down.

TEST_F(AttackTest, APolicyNested100kDeepKeepsTheLastGoodOne) {
  Start();
  auto before = Client().Get("/v1/sites/shop/policy.bin");
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  testing::WriteFileOrDie(policies_ + "/shop.json", deep);
  json ready;
  for (int i = 0; i < 100 && server_->running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto res = Client().Get("/readyz");
    if (!res) continue;
    ready = json::parse(res->body, nullptr, false);
    if (ready.is_object() && !ready["policy_errors"].empty()) break;
  }
  ASSERT_TRUE(server_->running()) << "the server died:\n" << server_->log().substr(0, 2000);
  ASSERT_TRUE(ready.is_object() && !ready["policy_errors"].empty()) << ready.dump();
  const std::string error = ready["policy_errors"][0];
  EXPECT_NE(error.find("[wafer.policy.range]"), std::string::npos) << error;
  EXPECT_NE(error.find("64"), std::string::npos) << error;
  auto during = Client().Get("/v1/sites/shop/policy.bin");
  ASSERT_TRUE(during);
  EXPECT_EQ(during->status, 200);
  EXPECT_EQ(during->body, before->body);
  // The same depth in objects.
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  testing::WriteFileOrDie(policies_ + "/shop.json", objects);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  ASSERT_TRUE(server_->running()) << "the server died:\n" << server_->log().substr(0, 2000);
  EXPECT_EQ(Client().Get("/v1/sites/shop/policy.bin")->body, before->body);
}

TEST_F(AttackTest, AnInternationalisedPublicSuffixIsNotASiteDomain) {
  std::string psl = testing::ReadFileOrDie(testing::TestPoliciesDir() + "/blog.json");
  json p = json::parse(psl);
  p["site"]["id"] = "suffix";
  p["site"]["domains"] = {"xn--55qx5d.cn"};  // 公司.cn, a public suffix.
  testing::WriteFileOrDie(policies_ + "/suffix.json", p.dump(2));
  Start();
  auto stub = Client().Get("/v1/sites/suffix/policy.bin");
  ASSERT_TRUE(stub);
  EXPECT_EQ(stub->status, 404) << "a policy for a public suffix is served";
  json ready = json::parse(Client().Get("/readyz")->body, nullptr, false);
  EXPECT_NE(ready.dump().find("public_suffix"), std::string::npos) << ready.dump();
}

TEST_F(AttackTest, AMissingSuffixListIsAStartUpError) {
  std::string out;
  const int status = testing::RunCommand(
      testing::ServerBinary(),
      {"--listen", "127.0.0.1:0", "--policies", policies_, "--data", dir_ / "data", "--psl", dir_ / "no-such.dafsa"},
      &out, 10);
  EXPECT_GT(status, 0) << out;
  EXPECT_NE(out.find("no-such.dafsa"), std::string::npos) << out;
}

// ---------------------------------------------------------------------------
// Responses.

TEST_F(AttackTest, ErrorBodiesAreValidJsonInUtf8) {
  Start();
  const std::vector<std::string> requests = {
      "GET /%ff HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /%ff%fe%c0 HTTP/1.1\r\nHost: shop.test\r\n\r\n",
      "GET /v1/sites/%ff/wafer.js HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/sites/%c0%af/banner.en.js HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/sites/shop/banner.%ff%fe.js HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/engine/%ff.wasm HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/sites/shop/policy.%ff.bin HTTP/1.1\r\nHost: x\r\n\r\n",
      "OPTIONS /v1/consents HTTP/1.1\r\nHost: x\r\nOrigin: https://\xff\xfe.test\r\n\r\n",
  };
  for (const std::string& req : requests) {
    const std::string raw = RawExchange(port_, req);
    const std::string body = BodyOf(raw);
    SCOPED_TRACE(req.substr(0, 50));
    EXPECT_GE(StatusOf(raw), 400) << raw.substr(0, 200);
    EXPECT_TRUE(IsUtf8(body)) << body;
    EXPECT_FALSE(json::parse(body, nullptr, false).is_discarded()) << body;
  }
  // The same for a receipt echoing what the client sent.
  std::string body = Receipt();
  const std::string origin = "https://shop\xff.test";
  const std::string raw = RawExchange(
      port_, "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nOrigin: " + origin +
                 "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(StatusOf(raw), 403) << raw.substr(0, 200);
  EXPECT_TRUE(IsUtf8(BodyOf(raw))) << BodyOf(raw);
}

TEST_F(AttackTest, CsvExportsNeutraliseFormulas) {
  Start();
  for (const char* hash : {"=1+2+3+4", "+1+2+3+4+5", "-2+3+cmd"}) {
    auto res = Client().Post("/v1/consents", Receipt(nullptr, hash), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << hash << ": " << res->body;
  }
  const std::string today = FormatDay(NowMs());
  auto csv = Client().Get("/v1/admin/export?from=" + today + "&to=" + today + "&format=csv", {{"Authorization", kBearer}});
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  std::stringstream lines(csv->body);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (rows++ == 0) continue;  // The header.
    std::stringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ',')) {
      if (cell.empty()) continue;
      const char c = cell[0] == '"' && cell.size() > 1 ? cell[1] : cell[0];
      EXPECT_EQ(std::string("=+-@").find(c), std::string::npos) << "a cell starts a formula: " << cell;
    }
  }
  EXPECT_EQ(rows, 4);
  EXPECT_NE(csv->body.find("'=1+2+3+4"), std::string::npos) << csv->body.substr(0, 600);
}

}  // namespace
}  // namespace server
}  // namespace wafer
