// server_flood — how fast wafer-server answers its well-behaved clients while
// one address attacks it, beside another build measured in the same run.
//
//   build/native/bench/server_flood --server build/native/server/wafer-server
//       [--previous OLD/wafer-server] [--seconds 8]
//
// For each server binary: a fresh server (SQLite in a temporary folder, the
// test policy tests/server/data/policies/shop.json, request log off, receipt
// rate limit off), then for each scenario a client on 127.0.0.1 alternates
// GET /healthz and POST /v1/consents (a valid receipt, with the page-view
// token when the server issues one), each on a new connection with a 10 s
// timeout, for --seconds, and prints p50, p99, the maximum and the failures.
// The attacks come from 127.0.0.2 and stop by themselves:
//   none       no attack (the baseline)
//   idle       10,000 connections opened and left silent
//   slowloris  1,000 connections sending a request header at 1 byte/s
//   headers    16 connections streaming an endless header as fast as they can
// Loopback only. The machine is shared: compare the two servers within a run.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/consent_state.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

int Connect(int port, const char* source, bool nonblocking) {
  int fd = socket(AF_INET, SOCK_STREAM | (nonblocking ? SOCK_NONBLOCK : 0), 0);
  if (fd < 0) return -1;
  sockaddr_in local = {};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, source, &local.sin_addr);
  bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (!nonblocking) {
    timeval tv{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  return fd;
}

// One request on a new connection; the status, or 0 on failure.
int Exchange(int port, const std::string& request, std::string* body = nullptr) {
  int fd = Connect(port, "127.0.0.1", false);
  if (fd < 0) return 0;
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    const size_t end = out.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    const size_t cl = out.find("Content-Length: ");
    if (cl != std::string::npos && cl < end && out.size() >= end + 4 + std::strtoul(out.c_str() + cl + 16, nullptr, 10)) {
      break;
    }
  }
  close(fd);
  if (body) *body = out.substr(std::min(out.size(), out.find("\r\n\r\n") + 4));
  return out.rfind("HTTP/1.", 0) == 0 && out.size() > 12 ? std::atoi(out.c_str() + 9) : 0;
}

struct Server {
  pid_t pid = -1;
  int port = 0;
  std::string dir;
};

Server StartServer(const std::string& binary, const std::string& policies, const std::string& js,
                   const std::string& dir) {
  Server s;
  s.dir = dir;
  int out[2];
  if (pipe(out) != 0) return s;
  s.pid = fork();
  if (s.pid == 0) {
    dup2(out[1], 1);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    close(out[0]);
    std::vector<std::string> args = {binary, "--listen", "127.0.0.1:0", "--policies", policies, "--js", js,
                                     "--data", dir + "/data", "--rate-limit", "0", "--quiet"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[512] = {};
  if (fgets(line, sizeof line, f)) {
    std::string l = line;
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.pop_back();
    s.port = std::atoi(l.c_str() + l.rfind(':') + 1);
  }
  fclose(f);
  return s;
}

void StopServer(Server* s) {
  if (s->pid > 0) {
    kill(s->pid, SIGTERM);
    int status;
    waitpid(s->pid, &status, 0);
  }
  s->pid = -1;
}

// Valid receipt bodies for site "shop", each with a fresh consent id.
class Receipts {
 public:
  explicit Receipts(const std::string& policy_path) {
    absl::StatusOr<wafer::Policy> policy = wafer::ParsePolicy(ReadFile(policy_path));
    absl::StatusOr<wafer::PublicSuffixList> psl = wafer::PublicSuffixList::Load(wafer::kDefaultPublicSuffixListPath);
    if (!policy.ok() || !psl.ok()) {
      std::fprintf(stderr, "server_flood: %s\n", !policy.ok() ? std::string(policy.status().message()).c_str()
                                                               : std::string(psl.status().message()).c_str());
      std::exit(1);
    }
    absl::StatusOr<std::string> compiled = wafer::CompilePolicy(*policy, *psl);
    compiled_ = *compiled;
    wafer::CompiledPolicy::Parse(compiled_, &view_);
  }
  std::string Next(const std::string& token) {
    wafer::ConsentState s;
    for (auto& b : s.consent_id) b = static_cast<uint8_t>(rng_());
    s.given_at = static_cast<int64_t>(std::time(nullptr));
    s.revision = view_.revision;
    s.regime = wafer::Regime::kOptIn;
    s.method = wafer::Method::kAcceptAll;
    std::string choices = "{";
    for (const wafer::CompiledCategory& c : view_.categories) {
      s.categories.push_back({c.id_hash, true, 0});
      choices += (choices.size() > 1 ? ",\"" : "\"") + std::string(c.id) + "\":true";
    }
    choices += "}";
    std::string body = "{\"site\":\"shop\",\"consent_id\":\"" + wafer::ConsentIdHex(s.consent_id) +
                       "\",\"revision\":" + std::to_string(view_.revision) +
                       ",\"banner_hash\":\"sha256:0123456789abcdef\",\"language\":\"en\",\"choices\":" + choices +
                       ",\"method\":\"accept-all\",\"regime\":\"opt-in\",\"gpc\":false,\"state\":\"" +
                       wafer::EncodeConsentState(s, view_.site_key) + "\"";
    if (!token.empty()) body += ",\"token\":\"" + token + "\"";
    return body + "}";
  }

 private:
  std::string compiled_;
  wafer::CompiledPolicy view_;
  std::mt19937_64 rng_{std::random_device{}()};
};

struct Latencies {
  std::vector<double> ms;
  int failures = 0;
  std::string Summary() {
    if (ms.empty()) return "no answer (" + std::to_string(failures) + " failed)";
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
    char buf[160];
    std::snprintf(buf, sizeof buf, "p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  n=%zu  failed %d", at(0.5), at(0.99),
                  ms.back(), ms.size(), failures);
    return buf;
  }
};

// The attacks, from 127.0.0.2, running until `stop`.
void Attack(const std::string& kind, int port, std::atomic<bool>* stop, std::atomic<size_t>* open) {
  std::vector<int> fds;
  if (kind == "idle" || kind == "slowloris") {
    const int n = kind == "idle" ? 10000 : 1000;
    for (int i = 0; i < n && !*stop; ++i) {
      int fd = Connect(port, "127.0.0.2", true);
      if (fd >= 0) fds.push_back(fd);
    }
    *open = fds.size();
    const std::string head = "GET / HTTP/1.1\r\nHost: shop.test\r\nX-Slow: ";
    for (size_t at = 0; !*stop; ++at) {
      if (kind == "slowloris") {
        const char c = at < head.size() ? head[at] : 'a';
        for (int fd : fds) send(fd, &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      }
      for (int i = 0; i < 10 && !*stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  } else if (kind == "headers") {
    const std::string head = "GET / HTTP/1.1\r\nHost: shop.test\r\nX-Flood: ";
    const std::string chunk(16384, 'a');
    std::vector<int> conns(16, -1);
    size_t made = 0;
    while (!*stop) {
      for (int& fd : conns) {
        if (fd < 0) {
          fd = Connect(port, "127.0.0.2", true);
          if (fd >= 0) {
            ++made;
            send(fd, head.data(), head.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
          }
          continue;
        }
        const ssize_t n = send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN) {
          close(fd);
          fd = -1;  // Cut by the server: open another.
        }
      }
      *open = made;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    fds = conns;
  }
  for (int fd : fds) {
    if (fd >= 0) close(fd);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string current, previous, policy = "tests/server/data/policies/shop.json";
  int seconds = 8;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "server_flood: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--server") current = value();
    else if (a == "--previous") previous = value();
    else if (a == "--seconds") seconds = std::max(1, std::atoi(value().c_str()));
    else if (a == "--policy") policy = value();
    else {
      std::fprintf(stderr, "usage: server_flood --server BIN [--previous BIN] [--seconds N] [--policy FILE]\n");
      return 2;
    }
  }
  if (current.empty()) {
    std::fprintf(stderr, "usage: server_flood --server BIN [--previous BIN] [--seconds N] [--policy FILE]\n");
    return 2;
  }
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  signal(SIGPIPE, SIG_IGN);
  Receipts receipts(policy);
  std::string tmp = (fs::temp_directory_path() / "wafer-flood.XXXXXX").string();
  if (!mkdtemp(tmp.data())) return 1;
  fs::create_directories(tmp + "/policies");
  fs::create_directories(tmp + "/js");
  fs::copy_file(policy, tmp + "/policies/shop.json");
  std::ofstream(tmp + "/js/wafer.stub.js") << "(function(){var config=/*@WAFER_CONFIG@*/null;})();\n";

  std::printf("wafer-server under attack from one address (loopback, %u cores, %d s per scenario)\n",
              std::thread::hardware_concurrency(), seconds);
  std::vector<std::pair<std::string, std::string>> servers = {{"current", current}};
  if (!previous.empty()) servers.emplace_back("previous", previous);
  int run = 0;
  for (const auto& [label, binary] : servers) {
    for (const std::string scenario : {"none", "idle", "slowloris", "headers"}) {
      const std::string dir = tmp + "/run" + std::to_string(run++);
      fs::create_directories(dir);
      Server server = StartServer(binary, tmp + "/policies", tmp + "/js", dir);
      if (server.port <= 0) {
        std::fprintf(stderr, "server_flood: %s did not start\n", binary.c_str());
        return 1;
      }
      std::string stub;
      Exchange(server.port, "GET /v1/sites/shop/wafer.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &stub);
      std::string token;
      const size_t at = stub.find("\"token\":\"");
      if (at != std::string::npos) token = stub.substr(at + 9, stub.find('"', at + 9) - at - 9);
      std::atomic<bool> stop{false};
      std::atomic<size_t> open{0};
      std::thread attacker;
      if (scenario != "none") {
        attacker = std::thread([&, s = scenario] { Attack(s, server.port, &stop, &open); });
        std::this_thread::sleep_for(std::chrono::seconds(2));
      }
      Latencies health, receipt;
      const auto until = Clock::now() + std::chrono::seconds(seconds);
      while (Clock::now() < until) {
        auto t0 = Clock::now();
        int st = Exchange(server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (st == 200) health.ms.push_back(ms); else ++health.failures;
        const std::string body = receipts.Next(token);
        const std::string req = "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        t0 = Clock::now();
        st = Exchange(server.port, req);
        ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (st == 201) receipt.ms.push_back(ms); else ++receipt.failures;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      stop = true;
      if (attacker.joinable()) attacker.join();
      StopServer(&server);
      char what[64];
      std::snprintf(what, sizeof what, "%s (%zu conns)", scenario.c_str(), open.load());
      std::printf("%-8s  %-22s  healthz: %s\n", label.c_str(), scenario == "none" ? "none" : what,
                  health.Summary().c_str());
      std::printf("%-8s  %-22s  receipt: %s\n", "", "", receipt.Summary().c_str());
      std::fflush(stdout);
    }
  }
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return 0;
}
