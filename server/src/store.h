// store.h — where receipts live: the Store interface, its SQLite and
// PostgreSQL implementations, and the group committer in front of them.
//
// Both stores keep the same schema, migrated by version (schema_version):
//   receipts(receipt_id, server_time_ms, site, consent_id, revision,
//            policy_hash, banner_hash, language, choices, method, regime, gpc,
//            state, state_hash, ua_family, ip, given_at, expires_at, signature,
//            key_id, sig_version, page_view, page_view_at,
//            UNIQUE(consent_id, state_hash))
//   erasures(consent_id_hash, erased_at_ms, receipts_removed)
// (consent_id, state_hash) is the replay key: posting the same state twice
// stores one row and returns the first receipt.
//
//   absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore("data/wafer.db");
//   GroupCommitter committer(store->get());
//   InsertOutcome o = committer.Submit(receipt);  // returns once durable
//   committer.SubmitAsync(receipt, [](InsertOutcome o) { … });  // called once durable

#ifndef WAFER_SERVER_SRC_STORE_H_
#define WAFER_SERVER_SRC_STORE_H_

#include <condition_variable>
#include <climits>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "receipt.h"

namespace wafer {
namespace server {

inline constexpr int kSchemaVersion = 2;

struct InsertOutcome {
  absl::Status status;     // Not OK: nothing was stored (the request gets a 503).
  bool inserted = false;   // True: the submitted receipt was stored as is.
  Receipt receipt;         // When !inserted (a replay): the stored receipt.

};

// Where a paged read resumes: after this (server_time_ms, receipt_id).
struct PageCursor {
  int64_t server_time_ms = INT64_MIN;
  std::string receipt_id;
};

struct ErasureRecord {
  std::string consent_id_hash;  // sha256 hex of the consent id.
  int64_t erased_at_ms = 0;
  int64_t receipts_removed = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string Kind() const = 0;  // "sqlite" or "postgres"

  // Inserts every receipt in one transaction, durably; a receipt whose
  // (consent_id, state_hash) is already stored is not inserted and its
  // outcome carries the stored receipt. `out` is resized to `batch.size()`.
  // A non-OK return means the transaction failed and nothing was stored; a
  // non-OK outcome status (PostgreSQL: a replay whose stored row could not be
  // read back after the commit) concerns that receipt alone.
  virtual absl::Status InsertBatch(const std::vector<const Receipt*>& batch,
                                   std::vector<InsertOutcome>* out) = 0;

  virtual absl::StatusOr<std::vector<Receipt>> FindByConsentId(const std::string& consent_id) = 0;
  // Calls `fn` for each receipt with from_ms <= server_time_ms < to_ms, oldest
  // first, streaming; stops early when `fn` returns false.
  virtual absl::Status ForEach(int64_t from_ms, int64_t to_ms,
                               const std::function<bool(const Receipt&)>& fn) = 0;
  // Up to `limit` receipts with from_ms <= server_time_ms < to_ms that come
  // after `after` in (server_time_ms, receipt_id) order. An export reads
  // page by page, so no cursor stays open while a slow client reads.
  virtual absl::StatusOr<std::vector<Receipt>> Page(int64_t from_ms, int64_t to_ms,
                                                    const PageCursor& after, size_t limit) = 0;
  // Deletes the consent id's receipts and records the erasure. SQLite: when
  // it returns OK, neither the database file nor its write-ahead log holds
  // the deleted rows any more (secure_delete, checkpoint with truncation).
  virtual absl::StatusOr<ErasureRecord> Erase(const std::string& consent_id, int64_t now_ms) = 0;
  virtual absl::StatusOr<std::vector<ErasureRecord>> Erasures() = 0;
  // Deletes receipts older than `before_ms`; returns how many.
  virtual absl::StatusOr<int64_t> Purge(int64_t before_ms) = 0;
  virtual absl::StatusOr<int64_t> Count() = 0;
  virtual absl::StatusOr<int> SchemaVersion() = 0;
  virtual absl::Status Ping() = 0;
};

// `path` is the database file; created with its schema if absent.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);
// `url` is a libpq connection string; `schema` ("" = the default search path)
// is created if absent and used for every table.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                         const std::string& schema = "");

// Group commit: request threads Submit() receipts; one writer thread takes
// everything queued, writes it in one transaction, and wakes the requests of
// that batch once it is committed. Stop() drains the queue first.
class GroupCommitter {
 public:
  // `run_completions` (optional) runs each committed batch's callbacks
  // elsewhere, so that the writer starts the next transaction at once; by
  // default they run on the writer thread.
  explicit GroupCommitter(Store* store, size_t max_batch = 2048,
                          std::function<void(std::function<void()>)> run_completions = nullptr);
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Blocks until the receipt's batch is committed (or failed).
  InsertOutcome Submit(const Receipt& receipt);
  // Queues `receipt` (copied) and returns at once; `done` is called exactly
  // once, on the writer thread, when its batch is committed (or failed).
  void SubmitAsync(Receipt receipt, std::function<void(InsertOutcome)> done);
  // Writes what is queued, then stops the writer. Later Submit()s fail.
  void Stop();

  uint64_t batches() const;  // Committed transactions so far.
  uint64_t receipts() const;  // Receipts in them.
  double busy_seconds() const;  // Time spent writing and committing.

 private:
  struct Pending {
    std::shared_ptr<const Receipt> receipt;
    std::function<void(InsertOutcome)> done;
  };
  void Run();

  Store* store_;
  size_t max_batch_;
  std::function<void(std::function<void()>)> run_completions_;
  mutable std::mutex mu_;
  std::condition_variable wake_writer_;
  std::deque<Pending> queue_;
  uint64_t batches_ = 0;
  uint64_t receipts_ = 0;
  double busy_seconds_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_STORE_H_
