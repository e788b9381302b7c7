#include "test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "util.h"
#include "wafer/compiler.h"
#include "wafer/public_suffix.h"

namespace wafer {
namespace server {
namespace testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "wafer-server-test.XXXXXX").string();
  char* p = mkdtemp(templ.data());
  if (!p) std::abort();
  path_ = p;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void WriteFileOrDie(const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) ADD_FAILURE() << "cannot write " << path;
  }
  fs::rename(tmp, path);
}

std::string TestPoliciesDir() { return std::string(WAFER_SOURCE_DIR) + "/tests/server/data/policies"; }

namespace {

TestSite* LoadSite(const std::string& file) {
  auto* site = new TestSite;
  absl::StatusOr<Policy> policy = ParsePolicy(ReadFileOrDie(TestPoliciesDir() + "/" + file));
  if (!policy.ok()) {
    ADD_FAILURE() << file << ": " << policy.status().message();
    return site;
  }
  absl::StatusOr<PublicSuffixList> psl = PublicSuffixList::Load(kDefaultPublicSuffixListPath);
  if (!psl.ok()) {
    ADD_FAILURE() << psl.status().message();
    return site;
  }
  absl::StatusOr<std::string> compiled = CompilePolicy(*policy, *psl);
  if (!compiled.ok()) {
    ADD_FAILURE() << file << ": " << compiled.status().message();
    return site;
  }
  site->policy = *policy;
  site->compiled = *compiled;
  if (!CompiledPolicy::Parse(site->compiled, &site->view)) ADD_FAILURE() << file << ": does not parse";
  return site;
}

}  // namespace

const TestSite& Shop() {
  static TestSite* site = LoadSite("shop.json");
  return *site;
}

const TestSite& Blog() {
  static TestSite* site = LoadSite("blog.json");
  return *site;
}

std::string RandomConsentId() { return Hex(RandomBytes(16)); }

std::string MakeState(const TestSite& site, const std::string& consent_id, const StateSpec& spec) {
  ConsentState s;
  for (size_t i = 0; i < s.consent_id.size() && 2 * i + 1 < consent_id.size(); ++i) {
    s.consent_id[i] = static_cast<uint8_t>(std::stoi(consent_id.substr(2 * i, 2), nullptr, 16));
  }
  s.given_at = spec.given_at ? spec.given_at : NowMs() / 1000;
  s.revision = spec.revision ? spec.revision : site.view.revision;
  s.regime = spec.regime;
  s.method = spec.method;
  if (spec.categories.empty()) {
    bool all = spec.method == Method::kAcceptAll;
    for (const CompiledCategory& c : site.view.categories) {
      s.categories.push_back({c.id_hash, all || c.necessary(), 0});
    }
  } else {
    for (const auto& [id, granted] : spec.categories) s.categories.push_back({CategoryHash(id), granted, 0});
  }
  return EncodeConsentState(s, site.view.site_key);
}

std::string ReceiptBody(const std::string& site_id, const std::string& consent_id,
                        const std::string& state, const std::string& method,
                        const std::string& choices, uint32_t revision, const std::string& regime,
                        const std::string& token) {
  std::string body = "{\"site\":\"" + site_id + "\",\"consent_id\":\"" + consent_id +
                     "\",\"revision\":" + std::to_string(revision) +
                     ",\"banner_hash\":\"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                     "\"language\":\"en\",\"choices\":" + choices + ",\"method\":\"" + method +
                     "\",\"regime\":\"" + regime + "\",\"gpc\":false,\"state\":\"" + state + "\"}";
  return token.empty() ? body : WithToken(body, token);
}

std::string WithToken(const std::string& body, const std::string& token) {
  if (token.empty()) return body;
  std::string out = body;
  out.insert(out.rfind('}'), ",\"token\":\"" + token + "\"");
  return out;
}

void WriteStubTemplate(const std::string& js_dir) {
  std::filesystem::create_directories(js_dir);
  WriteFileOrDie(js_dir + "/wafer.stub.js",
                 "(function(){var config=/*@WAFER_CONFIG@*/null;window.__wafer=config;})();\n");
}

std::string FetchPageViewToken(int port, const std::string& site, const std::string& host) {
  httplib::Client c(host, port);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(10, 0);
  c.set_decompress(false);
  auto res = c.Get("/v1/sites/" + site + "/wafer.js", {{"Accept-Encoding", "identity"}});
  if (!res || res->status != 200) return "";
  const std::string key = "\"token\":\"";
  const size_t at = res->body.find(key);
  if (at == std::string::npos) return "";
  const size_t start = at + key.size();
  return res->body.substr(start, res->body.find('"', start) - start);
}

std::string ServerBinary() {
  const char* b = std::getenv("WAFER_SERVER_UNDER_TEST");
  return b && *b ? b : WAFER_SERVER_BINARY;
}

bool ServerProcess::Start(const std::vector<std::string>& args, const std::string& binary) {
  static std::atomic<int> counter{0};
  log_path_ = (std::filesystem::temp_directory_path() /
               ("wafer-server-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".log"))
                  .string();
  int out[2];
  if (pipe(out) != 0) return false;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1);
    int err = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (err >= 0) dup2(err, 2);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    std::string bin = binary;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[512] = {};
  const bool ok = fgets(line, sizeof line, f) != nullptr;
  fclose(f);
  if (!ok) {
    Kill(SIGKILL);
    return false;
  }
  std::string s = line;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  const size_t colon = s.rfind(':');
  port_ = colon == std::string::npos ? 0 : std::atoi(s.c_str() + colon + 1);
  return port_ > 0;
}

void ServerProcess::Kill(int sig) {
  if (pid_ > 0) {
    kill(pid_, sig);
    waitpid(pid_, &status_, 0);
    pid_ = -1;
  }
}

bool ServerProcess::running() {
  if (pid_ <= 0) return false;
  if (waitpid(pid_, &status_, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

std::string ServerProcess::log() const {
  std::ifstream in(log_path_, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

size_t ServerProcess::rss_kb() const {
  if (pid_ <= 0) return 0;
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtoul(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

int RunCommand(const std::string& binary, const std::vector<std::string>& args, std::string* output,
               int timeout_s) {
  int out[2];
  if (pipe(out) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(out[1], 2);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    std::string bin = binary;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  output->clear();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  bool timed_out = false;
  for (;;) {
    pollfd p{out[0], POLLIN, 0};
    const int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count());
    if (left <= 0) {
      timed_out = true;
      break;
    }
    if (poll(&p, 1, left) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    output->append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) return -2;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string RawExchange(int port, const std::string& request, const std::string& source, int timeout_s) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  if (!source.empty()) {
    sockaddr_in local = {};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &local.sin_addr);
    bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
  }
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{timeout_s, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  // One response: headers, then Content-Length bytes (or until EOF).
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    const size_t end = out.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    const size_t cl = out.find("Content-Length: ");
    if (cl != std::string::npos && cl < end) {
      const size_t want = std::strtoul(out.c_str() + cl + 16, nullptr, 10);
      if (out.size() >= end + 4 + want) break;
    }
  }
  close(fd);
  return out;
}

std::string StoreParamName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

std::string PostgresUrl() {
  const char* url = std::getenv("WAFER_PG_URL");
  return url ? url : "";
}

bool PostgresAvailable() { return !PostgresUrl().empty(); }

std::string UniqueSchema() {
  static std::atomic<int> counter{0};
  return "wafer_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         Hex(RandomBytes(3));
}

void DropSchema(const std::string& schema) {
  if (!PostgresAvailable() || schema.empty()) return;
  PGconn* c = PQconnectdb(PostgresUrl().c_str());
  if (PQstatus(c) == CONNECTION_OK) {
    PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
    PQclear(PQexec(c, ("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE").c_str()));
  }
  PQfinish(c);
}

void StoreConfig::Apply(ServerOptions* o) const {
  o->store = kind;
  if (kind == "sqlite") {
    o->sqlite_path = sqlite_path;
  } else {
    o->pg_url = PostgresUrl();
    o->pg_schema = pg_schema;
  }
}

absl::StatusOr<std::unique_ptr<Store>> StoreConfig::Open() const {
  if (kind == "sqlite") return OpenSqliteStore(sqlite_path);
  return OpenPostgresStore(PostgresUrl(), pg_schema);
}

StoreConfig MakeStoreConfig(const std::string& kind, const TempDir& dir) {
  StoreConfig c;
  c.kind = kind;
  if (kind == "sqlite") {
    c.sqlite_path = dir / "wafer.db";
  } else {
    c.pg_schema = UniqueSchema();
  }
  return c;
}

void ServerTest::SetUp() {
  if (GetParam() == "postgres" && !PostgresAvailable()) {
    GTEST_SKIP() << "WAFER_PG_URL is not set: PostgreSQL cases run under scripts/postgres-test.sh";
  }
  dir_ = std::make_unique<TempDir>();
  store_ = MakeStoreConfig(GetParam(), *dir_);
}

void ServerTest::TearDown() {
  StopServer();
  if (store_.kind == "postgres") DropSchema(store_.pg_schema);
  dir_.reset();
}

ServerOptions ServerTest::DefaultOptions() const {
  ServerOptions o;
  o.listen_host = "127.0.0.1";
  o.listen_port = 0;
  o.policies_dir = TestPoliciesDir();
  o.data_dir = dir_->path() + "/data";
  o.js_dir = dir_->path() + "/stub";
  WriteStubTemplate(o.js_dir);
  o.admin_token = kTestAdminToken;
  o.rate_limit_per_second = 0;
  o.admin_rate_limit_per_second = 0;
  o.threads = 2;
  o.poll_interval_ms = 100;
  o.log_requests = false;
  return o;
}

std::string ServerTest::Token(const std::string& site) {
  auto it = tokens_.find(site);
  if (it != tokens_.end()) return it->second;
  std::string token = FetchPageViewToken(port_, site);
  EXPECT_FALSE(token.empty()) << "no page-view token in /v1/sites/" << site << "/wafer.js";
  tokens_[site] = token;
  return token;
}

void ServerTest::StartServer(ServerOptions o) {
  tokens_.clear();
  store_.Apply(&o);
  server_ = std::make_unique<Server>(o);
  absl::Status s = server_->Start();
  ASSERT_TRUE(s.ok()) << s.message();
  port_ = server_->port();
  ASSERT_GT(port_, 0);
}

void ServerTest::StartServer() { StartServer(DefaultOptions()); }

void ServerTest::StopServer() {
  if (server_) server_->Shutdown();
  server_.reset();
}

httplib::Client ServerTest::Client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(10, 0);
  c.set_decompress(false);
  return c;
}

int64_t ServerTest::RowCount() {
  absl::StatusOr<std::unique_ptr<Store>> store = store_.Open();
  if (!store.ok()) {
    ADD_FAILURE() << store.status().message();
    return -1;
  }
  absl::StatusOr<int64_t> n = (*store)->Count();
  if (!n.ok()) {
    ADD_FAILURE() << n.status().message();
    return -1;
  }
  return *n;
}

}  // namespace testing
}  // namespace server
}  // namespace wafer
