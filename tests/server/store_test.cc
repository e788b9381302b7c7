// The Store contract, run against SQLite and (with WAFER_PG_URL) PostgreSQL:
// batches, replays, lookups, streaming, erasure, retention, migrations and
// the group committer.

#include "store.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"
#include "test_support.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

using testing::TempDir;

Receipt MakeReceipt(int64_t server_time_ms, const std::string& consent_id = "",
                    const std::string& state = "") {
  Receipt r;
  r.receipt_id = Hex(RandomBytes(16));
  r.server_time_ms = server_time_ms;
  r.site = "shop";
  r.consent_id = consent_id.empty() ? Hex(RandomBytes(16)) : consent_id;
  r.revision = 1;
  r.policy_hash = std::string(64, 'a');
  r.banner_hash = "sha256:abcd";
  r.language = "fr";
  r.choices = R"({"analytics":true,"necessary":true})";
  r.method = "accept-all";
  r.regime = "opt-in";
  r.gpc = true;
  r.state = state.empty() ? Base64Url(RandomBytes(60)) : state;
  r.state_hash = Hex(Sha256(r.state));
  r.ua_family = "firefox";
  r.ip = "203.0.113.0/24";
  r.given_at = server_time_ms / 1000;
  r.expires_at = r.given_at + 86400 * 30;
  r.page_view = "verified";
  r.page_view_at = r.given_at - 60;
  r.key_id = "k3";
  r.sig_version = 2;
  r.signature = Base64Url(RandomBytes(32));
  return r;
}

void ExpectSame(const Receipt& a, const Receipt& b) {
  EXPECT_EQ(a.receipt_id, b.receipt_id);
  EXPECT_EQ(a.server_time_ms, b.server_time_ms);
  EXPECT_EQ(a.site, b.site);
  EXPECT_EQ(a.consent_id, b.consent_id);
  EXPECT_EQ(a.revision, b.revision);
  EXPECT_EQ(a.policy_hash, b.policy_hash);
  EXPECT_EQ(a.banner_hash, b.banner_hash);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.choices, b.choices);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.regime, b.regime);
  EXPECT_EQ(a.gpc, b.gpc);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.state_hash, b.state_hash);
  EXPECT_EQ(a.ua_family, b.ua_family);
  EXPECT_EQ(a.ip, b.ip);
  EXPECT_EQ(a.given_at, b.given_at);
  EXPECT_EQ(a.expires_at, b.expires_at);
  EXPECT_EQ(a.page_view, b.page_view);
  EXPECT_EQ(a.page_view_at, b.page_view_at);
  EXPECT_EQ(a.key_id, b.key_id);
  EXPECT_EQ(a.sig_version, b.sig_version);
  EXPECT_EQ(a.signature, b.signature);
}

// True if the file at `path` holds `needle` anywhere.
bool FileHolds(const std::string& path, const std::string& needle) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str().find(needle) != std::string::npos;
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && !testing::PostgresAvailable()) {
      GTEST_SKIP() << "WAFER_PG_URL is not set: PostgreSQL cases run under scripts/postgres-test.sh";
    }
    config_ = testing::MakeStoreConfig(GetParam(), dir_);
    auto s = config_.Open();
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    if (config_.kind == "postgres") testing::DropSchema(config_.pg_schema);
  }

  absl::Status Insert(const std::vector<Receipt>& rs, std::vector<InsertOutcome>* out) {
    std::vector<const Receipt*> batch;
    for (const Receipt& r : rs) batch.push_back(&r);
    return store_->InsertBatch(batch, out);
  }

  TempDir dir_;
  testing::StoreConfig config_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, MigratesToTheCurrentSchemaOnce) {
  EXPECT_EQ(store_->Kind(), GetParam());
  absl::StatusOr<int> v = store_->SchemaVersion();
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(*v, kSchemaVersion);
  // Reopening an up-to-date store changes nothing.
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert({MakeReceipt(NowMs())}, &out).ok());
  store_.reset();
  auto again = config_.Open();
  ASSERT_TRUE(again.ok()) << again.status().message();
  store_ = std::move(*again);
  EXPECT_EQ(*store_->SchemaVersion(), kSchemaVersion);
  EXPECT_EQ(*store_->Count(), 1);
  EXPECT_TRUE(store_->Ping().ok());
}

TEST_P(StoreTest, InsertsABatchAndFindsItBack) {
  int64_t now = NowMs();
  std::vector<Receipt> rs = {MakeReceipt(now), MakeReceipt(now + 1), MakeReceipt(now + 2)};
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert(rs, &out).ok());
  ASSERT_EQ(out.size(), 3u);
  for (const InsertOutcome& o : out) EXPECT_TRUE(o.inserted);
  EXPECT_EQ(*store_->Count(), 3);
  auto found = store_->FindByConsentId(rs[1].consent_id);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  ExpectSame((*found)[0], rs[1]);
  EXPECT_TRUE(store_->FindByConsentId(Hex(RandomBytes(16)))->empty());
}

TEST_P(StoreTest, AReplayStoresNothingAndReturnsTheFirstReceipt) {
  Receipt first = MakeReceipt(NowMs());
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert({first}, &out).ok());
  Receipt again = MakeReceipt(NowMs() + 5, first.consent_id, first.state);  // new id, same key
  Receipt same_batch = MakeReceipt(NowMs() + 6, first.consent_id, first.state);
  Receipt new_state = MakeReceipt(NowMs() + 7, first.consent_id);          // same consent, new state
  ASSERT_TRUE(Insert({again, same_batch, new_state}, &out).ok());
  EXPECT_FALSE(out[0].inserted);
  EXPECT_EQ(out[0].receipt.receipt_id, first.receipt_id);
  EXPECT_FALSE(out[1].inserted);
  EXPECT_EQ(out[1].receipt.receipt_id, first.receipt_id);
  EXPECT_TRUE(out[2].inserted);
  EXPECT_EQ(*store_->Count(), 2);
  EXPECT_EQ(store_->FindByConsentId(first.consent_id)->size(), 2u);
}

TEST_P(StoreTest, StreamsADateRangeInOrder) {
  const int64_t day = 86400000;
  const int64_t base = 1767225600000;  // 2026-01-01
  std::vector<Receipt> rs;
  for (int i = 0; i < 50; ++i) rs.push_back(MakeReceipt(base + (i % 5) * day + i));
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert(rs, &out).ok());
  std::vector<int64_t> times;
  ASSERT_TRUE(store_->ForEach(base + day, base + 3 * day, [&](const Receipt& r) {
    times.push_back(r.server_time_ms);
    return true;
  }).ok());
  EXPECT_EQ(times.size(), 20u);
  EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
  int seen = 0;
  ASSERT_TRUE(store_->ForEach(0, base + 10 * day, [&](const Receipt&) { return ++seen < 7; }).ok());
  EXPECT_EQ(seen, 7);
}

TEST_P(StoreTest, ErasureRemovesTheRowsAndKeepsARecord) {
  Receipt a = MakeReceipt(NowMs());
  Receipt a2 = MakeReceipt(NowMs(), a.consent_id);
  Receipt b = MakeReceipt(NowMs());
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert({a, a2, b}, &out).ok());
  auto rec = store_->Erase(a.consent_id, 1767225600000);
  ASSERT_TRUE(rec.ok()) << rec.status().message();
  EXPECT_EQ(rec->receipts_removed, 2);
  EXPECT_EQ(rec->consent_id_hash, Hex(Sha256(a.consent_id)));
  EXPECT_TRUE(store_->FindByConsentId(a.consent_id)->empty());
  EXPECT_EQ(*store_->Count(), 1);
  auto erasures = store_->Erasures();
  ASSERT_TRUE(erasures.ok());
  ASSERT_EQ(erasures->size(), 1u);
  EXPECT_EQ((*erasures)[0].consent_id_hash, rec->consent_id_hash);
  EXPECT_EQ((*erasures)[0].erased_at_ms, 1767225600000);
  // The consent id itself is stored nowhere any more.
  EXPECT_EQ((*erasures)[0].consent_id_hash.find(a.consent_id), std::string::npos);
}

// Erasure erases: once Erase() returns, neither the database file nor its
// write-ahead log holds the consent id, the state or the signature.
TEST_P(StoreTest, ErasureLeavesNothingInTheFiles) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL's files are the cluster's (docs/server.md, Erasure)";
  Receipt a = MakeReceipt(NowMs());
  Receipt b = MakeReceipt(NowMs());
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert({a, b}, &out).ok());
  const std::string db = config_.sqlite_path, wal = db + "-wal";
  ASSERT_TRUE(FileHolds(db, a.consent_id) || FileHolds(wal, a.consent_id)) << "the test would prove nothing";
  auto rec = store_->Erase(a.consent_id, NowMs());
  ASSERT_TRUE(rec.ok()) << rec.status().message();
  for (const std::string& needle : {a.consent_id, a.state, a.signature}) {
    EXPECT_FALSE(FileHolds(db, needle)) << needle << " still in " << db;
    EXPECT_FALSE(FileHolds(wal, needle)) << needle << " still in " << wal;
  }
  // The other receipt is untouched.
  EXPECT_EQ(store_->FindByConsentId(b.consent_id)->size(), 1u);
}

TEST_P(StoreTest, PagesThroughARangeInOrder) {
  const int64_t base = 1767225600000;
  std::vector<Receipt> rs;
  for (int i = 0; i < 23; ++i) rs.push_back(MakeReceipt(base + (i / 3) * 1000));  // Equal times in threes.
  rs.push_back(MakeReceipt(base - 1));          // Before the range.
  rs.push_back(MakeReceipt(base + 86400000));   // After it.
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert(rs, &out).ok());
  std::vector<std::string> seen;
  PageCursor cursor;
  for (int pages = 0; pages < 20; ++pages) {
    auto page = store_->Page(base, base + 86400000, cursor, 5);
    ASSERT_TRUE(page.ok()) << page.status().message();
    for (const Receipt& r : *page) seen.push_back(std::to_string(r.server_time_ms) + "/" + r.receipt_id);
    if (page->size() < 5) break;
    cursor = PageCursor{page->back().server_time_ms, page->back().receipt_id};
  }
  ASSERT_EQ(seen.size(), 23u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23u);
}

TEST_P(StoreTest, RetentionPurgesOnlyOldReceipts) {
  int64_t now = NowMs();
  std::vector<InsertOutcome> out;
  ASSERT_TRUE(Insert({MakeReceipt(now - 40LL * 86400000), MakeReceipt(now - 31LL * 86400000),
                      MakeReceipt(now - 1000), MakeReceipt(now)},
                     &out)
                  .ok());
  auto n = store_->Purge(now - 30LL * 86400000);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(*store_->Count(), 2);
}

TEST_P(StoreTest, GroupCommitBatchesConcurrentWriters) {
  GroupCommitter committer(store_.get());
  constexpr int kThreads = 16, kEach = 25;
  std::atomic<int> inserted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        Receipt r = MakeReceipt(NowMs());
        InsertOutcome o = committer.Submit(r);
        if (o.status.ok() && o.inserted) ++inserted;
      }
    });
  }
  for (auto& t : threads) t.join();
  committer.Stop();
  EXPECT_EQ(inserted.load(), kThreads * kEach);
  EXPECT_EQ(*store_->Count(), kThreads * kEach);
  EXPECT_LT(committer.batches(), static_cast<uint64_t>(kThreads * kEach));  // Some batching happened.
  // After Stop() a submission fails cleanly.
  Receipt late = MakeReceipt(NowMs());
  EXPECT_FALSE(committer.Submit(late).status.ok());
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreTest, ::testing::Values("sqlite", "postgres"),
                         testing::StoreParamName);

}  // namespace
}  // namespace server
}  // namespace wafer
