#include "test_support.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

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
  PublicSuffixList list = psl.ok() ? std::move(*psl) : PublicSuffixList::Parse("");
  absl::StatusOr<std::string> compiled = CompilePolicy(*policy, list);
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
                        const std::string& choices, uint32_t revision, const std::string& regime) {
  return "{\"site\":\"" + site_id + "\",\"consent_id\":\"" + consent_id +
         "\",\"revision\":" + std::to_string(revision) +
         ",\"banner_hash\":\"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
         "\"language\":\"en\",\"choices\":" + choices + ",\"method\":\"" + method +
         "\",\"regime\":\"" + regime + "\",\"gpc\":false,\"state\":\"" + state + "\"}";
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
  o.admin_token = "test-admin-token";
  o.rate_limit_per_second = 0;
  o.threads = 16;
  o.poll_interval_ms = 100;
  o.log_requests = false;
  return o;
}

void ServerTest::StartServer(ServerOptions o) {
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
