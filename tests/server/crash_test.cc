// kill -9 during a load of receipts, then restart: every acknowledged (2xx)
// receipt is present once and its signature verifies. Runs the real
// wafer-server binary, against each store.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "gtest/gtest.h"
#include "test_support.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

using nlohmann::json;
using testing::MakeState;
using testing::ServerProcess;
using testing::RandomConsentId;
using testing::ReceiptBody;
using testing::Shop;

class CrashTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && !testing::PostgresAvailable()) {
      GTEST_SKIP() << "WAFER_PG_URL is not set: PostgreSQL cases run under scripts/postgres-test.sh";
    }
    config_ = testing::MakeStoreConfig(GetParam(), dir_);
  }
  void TearDown() override {
    if (config_.kind == "postgres") testing::DropSchema(config_.pg_schema);
  }
  std::vector<std::string> Args() const {
    testing::WriteStubTemplate(dir_ / "stub");
    std::vector<std::string> a = {"--listen", "127.0.0.1:0", "--policies", testing::TestPoliciesDir(),
                                  "--data", dir_ / "data", "--js", dir_ / "stub",
                                  "--admin-token", testing::kTestAdminToken,
                                  "--rate-limit", "0", "--admin-rate-limit", "0", "--quiet"};
    if (config_.kind == "postgres") {
      for (const std::string& x : {std::string("--store"), std::string("postgres"), std::string("--pg"),
                                   testing::PostgresUrl(), std::string("--pg-schema"), config_.pg_schema}) {
        a.push_back(x);
      }
    }
    return a;
  }

  testing::TempDir dir_;
  testing::StoreConfig config_;
};

TEST_P(CrashTest, EveryAcknowledgedReceiptSurvivesKill9) {
  ServerProcess first;
  ASSERT_TRUE(first.Start(Args())) << first.log();
  const std::string token = testing::FetchPageViewToken(first.port(), "shop");
  ASSERT_FALSE(token.empty());
  std::mutex mu;
  std::vector<std::string> acked;
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, port = first.port(), token] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      c.set_tcp_nodelay(true);
      c.set_read_timeout(5, 0);
      while (!stop) {
        std::string id = RandomConsentId();
        auto res = c.Post("/v1/consents",
                          testing::WithToken(ReceiptBody("shop", id, MakeState(Shop(), id, {})), token),
                          "application/json");
        if (!res) {
          ++errors;
          break;  // The server is gone.
        }
        if (res->status == 201) {
          std::lock_guard<std::mutex> lock(mu);
          acked.push_back(id);
        }
      }
    });
  }
  // Let the load run, then kill without warning mid-stream.
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard<std::mutex> lock(mu);
    if (acked.size() >= 1500) break;
  }
  first.Kill(SIGKILL);
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_TRUE(WIFSIGNALED(first.status()));
  ASSERT_GT(acked.size(), 50u) << "too few receipts before the kill to prove anything";

  ServerProcess second;
  ASSERT_TRUE(second.Start(Args())) << second.log();
  httplib::Client c("127.0.0.1", second.port());
  c.set_keep_alive(true);
  const httplib::Headers admin = {{"Authorization", std::string("Bearer ") + testing::kTestAdminToken}};
  size_t verified = 0;
  for (const std::string& id : acked) {
    auto res = c.Get("/v1/admin/receipts/" + id, admin);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << "acknowledged receipt lost: " << id;
    json j = json::parse(res->body);
    ASSERT_EQ(j["receipts"].size(), 1u) << res->body;
    EXPECT_EQ(j["receipts"][0]["signature_valid"], true) << res->body;
    EXPECT_EQ(j["receipts"][0]["page_view"], "verified") << res->body;
    ++verified;
  }
  EXPECT_EQ(verified, acked.size());
  std::printf("[crash] %zu receipts acknowledged before SIGKILL; all present and verified after restart\n",
              acked.size());
  c.stop();  // An idle keep-alive connection would hold the drain for its timeout.
  second.Kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(second.status()) && WEXITSTATUS(second.status()) == 0) << "graceful exit on SIGTERM";
}

INSTANTIATE_TEST_SUITE_P(Stores, CrashTest, ::testing::Values("sqlite", "postgres"), testing::StoreParamName);

}  // namespace
}  // namespace server
}  // namespace wafer
