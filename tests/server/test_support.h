// test_support.h — shared fixtures of the server suites: temporary folders,
// the test policies and valid consent states, stores by name (SQLite, or
// PostgreSQL when WAFER_PG_URL is set), an in-process server on a free port
// and an HTTP client.

#ifndef WAFER_TESTS_SERVER_TEST_SUPPORT_H_
#define WAFER_TESTS_SERVER_TEST_SUPPORT_H_

#include <httplib.h>

#include <cstdint>
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

// The JSON body the loader would post for that state.
std::string ReceiptBody(const std::string& site_id, const std::string& consent_id,
                        const std::string& state, const std::string& method = "accept-all",
                        const std::string& choices = R"({"necessary":true,"analytics":true,"marketing":true})",
                        uint32_t revision = 1, const std::string& regime = "opt-in");

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

  std::unique_ptr<TempDir> dir_;
  StoreConfig store_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
};

}  // namespace testing
}  // namespace server
}  // namespace wafer

#endif  // WAFER_TESTS_SERVER_TEST_SUPPORT_H_
