// test_support.h — shared fixtures of the server suites: temporary folders,
// the test policies and valid consent states, stores by name (SQLite, or
// PostgreSQL when WAFER_PG_URL is set), an in-process server on a free port,
// a wafer-server child process (any binary: WAFER_SERVER_UNDER_TEST), page-
// view tokens, and HTTP clients.

#ifndef WAFER_TESTS_SERVER_TEST_SUPPORT_H_
#define WAFER_TESTS_SERVER_TEST_SUPPORT_H_

#include <httplib.h>
#include <signal.h>
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server.h"
#include "store.h"
#include "wafer/compiled_policy.h"
#include "wafer/consent_state.h"
#include "wafer/policy.h"

namespace wafer {
namespace server {
namespace testing {

// A fresh directory under /tmp, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A valid admin token (32+ random characters) for the test servers.
inline constexpr char kTestAdminToken[] = "Jq7vX2mPz9KcR4tL8wYb3NdF6hGs1QeA";

std::string ReadFileOrDie(const std::string& path);
void WriteFileOrDie(const std::string& path, const std::string& bytes);
std::string TestPoliciesDir();  // tests/server/data/policies

// A test site's policy, compiled as the server compiles it.
struct TestSite {
  Policy policy;
  std::string compiled;
  CompiledPolicy view;
};
const TestSite& Shop();  // site "shop", revision 1: necessary, analytics, marketing
const TestSite& Blog();  // site "blog", revision 3

// A consent state for `site` as the engine would write it.
struct StateSpec {
  Method method = Method::kAcceptAll;
  Regime regime = Regime::kOptIn;
  std::vector<std::pair<std::string, bool>> categories;  // Default: all granted per method.
  int64_t given_at = 0;                                  // 0: now.
  uint32_t revision = 0;                                 // 0: the site's.
};
std::string RandomConsentId();
std::string MakeState(const TestSite& site, const std::string& consent_id, const StateSpec& spec);

// The JSON body the loader would post for that state (with "token" when
// `token` is not empty).
std::string ReceiptBody(const std::string& site_id, const std::string& consent_id,
                        const std::string& state, const std::string& method = "accept-all",
                        const std::string& choices = R"({"necessary":true,"analytics":true,"marketing":true})",
                        uint32_t revision = 1, const std::string& regime = "opt-in",
                        const std::string& token = "");
// `body` (a ReceiptBody) with "token" set.
std::string WithToken(const std::string& body, const std::string& token);

// A folder holding a minimal stub template (wafer.stub.js), enough for
// wafer.js to be served with its config (and page-view token).
void WriteStubTemplate(const std::string& js_dir);
// The page-view token in the wafer.js the server at `port` serves for
// `site`; "" if it has none (a server without tokens).
std::string FetchPageViewToken(int port, const std::string& site, const std::string& host = "127.0.0.1");

// The wafer-server binary the black-box tests run: $WAFER_SERVER_UNDER_TEST,
// else this build's.
std::string ServerBinary();

// A wafer-server child process; its port is read from the first stdout line
// ("… listening on http://HOST:PORT"). stderr goes to a file.
class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess() { Kill(SIGKILL); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  // False if it did not print its port (it exited: see log()).
  bool Start(const std::vector<std::string>& args, const std::string& binary = ServerBinary());
  void Kill(int sig);
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  int status() const { return status_; }
  bool running();  // Not exited yet.
  std::string log() const;  // What it wrote on stderr so far.
  size_t rss_kb() const;    // Resident memory now (0 if gone).

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int status_ = 0;
  std::string log_path_;
};

// Runs `binary` with `args` to completion; returns its exit status (-1 if it
// did not exit normally) and its stdout and stderr together in *output. A
// command still running after `timeout_s` (a server that started when it
// should have refused to) is killed: -2.
int RunCommand(const std::string& binary, const std::vector<std::string>& args, std::string* output,
               int timeout_s = 20);

// A raw request's first response, or "" if the connection closed first.
// `source` binds the client socket (e.g. "127.0.0.2": loopback only).
std::string RawExchange(int port, const std::string& request, const std::string& source = "",
                        int timeout_s = 5);

// "sqlite" or "postgres". Postgres tests skip when WAFER_PG_URL is unset.
std::string StoreParamName(const ::testing::TestParamInfo<std::string>& info);
bool PostgresAvailable();
std::string PostgresUrl();
// A schema name unique to this test process and call.
std::string UniqueSchema();
void DropSchema(const std::string& schema);

// Store coordinates for a test: a SQLite file in `dir` or a fresh PG schema.
struct StoreConfig {
  std::string kind;
  std::string sqlite_path;
  std::string pg_schema;
  void Apply(ServerOptions* o) const;
  absl::StatusOr<std::unique_ptr<Store>> Open() const;
};
StoreConfig MakeStoreConfig(const std::string& kind, const TempDir& dir);

// A fixture parametrised by store kind, with an in-process server.
class ServerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Starts the server with `options` adjusted by the fixture (data dir, store, port 0).
  void StartServer(ServerOptions o);
  void StartServer();
  void StopServer();
  ServerOptions DefaultOptions() const;
  httplib::Client Client() const;
  int64_t RowCount();
  // The page-view token of the running server's wafer.js for `site`.
  std::string Token(const std::string& site = "shop");

  std::unique_ptr<TempDir> dir_;
  StoreConfig store_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::map<std::string, std::string> tokens_;
};

}  // namespace testing
}  // namespace server
}  // namespace wafer

#endif  // WAFER_TESTS_SERVER_TEST_SUPPORT_H_
