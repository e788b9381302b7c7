// The SQLite store: WAL, synchronous=FULL, one writer connection (the group
// committer's thread) and one reader connection for the admin API.

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "store.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

constexpr char kColumns[] =
    "receipt_id, server_time_ms, site, consent_id, revision, policy_hash, banner_hash, language, "
    "choices, method, regime, gpc, state, state_hash, ua_family, ip, given_at, expires_at, "
    "signature, key_id, sig_version, page_view, page_view_at";

// Migration N brings the schema from version N-1 to N.
const char* const kMigrations[] = {
    // 1: receipts and erasures. No index on receipt_id (random, 128 bits,
    // never looked up alone): each one would dirty a random page per insert.
    "CREATE TABLE receipts ("
    " receipt_id TEXT NOT NULL,"
    " server_time_ms INTEGER NOT NULL,"
    " site TEXT NOT NULL,"
    " consent_id TEXT NOT NULL,"
    " revision INTEGER NOT NULL,"
    " policy_hash TEXT NOT NULL,"
    " banner_hash TEXT NOT NULL,"
    " language TEXT NOT NULL,"
    " choices TEXT NOT NULL,"
    " method TEXT NOT NULL,"
    " regime TEXT NOT NULL,"
    " gpc INTEGER NOT NULL,"
    " state TEXT NOT NULL,"
    " state_hash TEXT NOT NULL,"
    " ua_family TEXT NOT NULL,"
    " ip TEXT NOT NULL,"
    " given_at INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL,"
    " signature TEXT NOT NULL,"
    " UNIQUE (consent_id, state_hash));"
    "CREATE INDEX receipts_time ON receipts (server_time_ms);"
    "CREATE TABLE erasures ("
    " consent_id_hash TEXT NOT NULL,"
    " erased_at_ms INTEGER NOT NULL,"
    " receipts_removed INTEGER NOT NULL);",
    // 2: key ids (rotation) and the page view. Receipts stored before were
    // signed by the single key of earlier versions, imported as "k0"
    // (keyring.h), over the version 1 canonical form.
    "ALTER TABLE receipts ADD COLUMN key_id TEXT NOT NULL DEFAULT 'k0';"
    "ALTER TABLE receipts ADD COLUMN sig_version INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE receipts ADD COLUMN page_view TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE receipts ADD COLUMN page_view_at INTEGER NOT NULL DEFAULT 0;",
};

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Stmt() { sqlite3_finalize(stmt_); }
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

// The strings outlive the statement's next step (SQLITE_STATIC: no copy).
void BindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

void BindReceipt(sqlite3_stmt* s, const Receipt& r) {
  BindText(s, 1, r.receipt_id);
  sqlite3_bind_int64(s, 2, r.server_time_ms);
  BindText(s, 3, r.site);
  BindText(s, 4, r.consent_id);
  sqlite3_bind_int64(s, 5, r.revision);
  BindText(s, 6, r.policy_hash);
  BindText(s, 7, r.banner_hash);
  BindText(s, 8, r.language);
  BindText(s, 9, r.choices);
  BindText(s, 10, r.method);
  BindText(s, 11, r.regime);
  sqlite3_bind_int(s, 12, r.gpc ? 1 : 0);
  BindText(s, 13, r.state);
  BindText(s, 14, r.state_hash);
  BindText(s, 15, r.ua_family);
  BindText(s, 16, r.ip);
  sqlite3_bind_int64(s, 17, r.given_at);
  sqlite3_bind_int64(s, 18, r.expires_at);
  BindText(s, 19, r.signature);
  BindText(s, 20, r.key_id);
  sqlite3_bind_int(s, 21, r.sig_version);
  BindText(s, 22, r.page_view);
  sqlite3_bind_int64(s, 23, r.page_view_at);
}

std::string ColText(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s, i)) : "";
}

Receipt ReadReceipt(sqlite3_stmt* s) {
  Receipt r;
  r.receipt_id = ColText(s, 0);
  r.server_time_ms = sqlite3_column_int64(s, 1);
  r.site = ColText(s, 2);
  r.consent_id = ColText(s, 3);
  r.revision = static_cast<uint32_t>(sqlite3_column_int64(s, 4));
  r.policy_hash = ColText(s, 5);
  r.banner_hash = ColText(s, 6);
  r.language = ColText(s, 7);
  r.choices = ColText(s, 8);
  r.method = ColText(s, 9);
  r.regime = ColText(s, 10);
  r.gpc = sqlite3_column_int(s, 11) != 0;
  r.state = ColText(s, 12);
  r.state_hash = ColText(s, 13);
  r.ua_family = ColText(s, 14);
  r.ip = ColText(s, 15);
  r.given_at = sqlite3_column_int64(s, 16);
  r.expires_at = sqlite3_column_int64(s, 17);
  r.signature = ColText(s, 18);
  r.key_id = ColText(s, 19);
  r.sig_version = sqlite3_column_int(s, 20);
  r.page_view = ColText(s, 21);
  r.page_view_at = sqlite3_column_int64(s, 22);
  return r;
}

class SqliteStore : public Store {
 public:
  ~SqliteStore() override {
    {
      std::lock_guard<std::mutex> lock(checkpoint_mu_);
      stop_checkpointer_ = true;
    }
    checkpoint_cv_.notify_all();
    if (checkpointer_.joinable()) checkpointer_.join();
    writer_insert_.reset();
    writer_find_.reset();
    if (writer_) sqlite3_close(writer_);
    if (reader_) sqlite3_close(reader_);
  }

  absl::Status Open(const std::string& path) {
    path_ = path;
    for (sqlite3** db : {&writer_, &reader_}) {
      int rc = sqlite3_open_v2(path.c_str(), db,
                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                               nullptr);
      if (rc != SQLITE_OK) {
        return absl::UnavailableError(absl::StrCat("sqlite: cannot open ", path, ": ",
                                                   *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc)));
      }
      sqlite3_busy_timeout(*db, 10000);
      // WAL + synchronous=FULL: a COMMIT returns once the WAL is fsync'ed.
      // A 64 MB page cache keeps the replay-key index in memory.
      // Checkpoints run on a thread of their own (below), off the commit path.
      // secure_delete: deleted rows are overwritten with zeros (erasure).
      absl::Status s = Exec(*db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                                 "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; "
                                 "PRAGMA wal_autocheckpoint=0; PRAGMA secure_delete=ON;");
      if (!s.ok()) return s;
      if (db == &writer_) {
        s = Migrate();
        if (!s.ok()) return s;
      }
    }
    writer_insert_ = std::make_unique<Stmt>(
        writer_, absl::StrCat("INSERT OR IGNORE INTO receipts (", kColumns,
                              ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                     .c_str());
    writer_find_ = std::make_unique<Stmt>(
        writer_, absl::StrCat("SELECT ", kColumns,
                              " FROM receipts WHERE consent_id = ? AND state_hash = ?")
                     .c_str());
    if (!writer_insert_->ok() || !writer_find_->ok()) return Error(writer_, "prepare");
    checkpointer_ = std::thread([this] { Checkpoint(); });
    return absl::OkStatus();
  }

  // Copies committed WAL frames into the database every 250 ms (PASSIVE: it
  // never blocks the writer), so commits never pay for a checkpoint.
  void Checkpoint() {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      return;
    }
    sqlite3_busy_timeout(db, 100);
    Exec(db, "PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0; PRAGMA secure_delete=ON;")
        .IgnoreError();
    std::unique_lock<std::mutex> lock(checkpoint_mu_);
    while (!stop_checkpointer_) {
      checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(250));
      lock.unlock();
      sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      lock.lock();
    }
    lock.unlock();
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    sqlite3_close(db);
  }

  std::string Kind() const override { return "sqlite"; }

  absl::Status InsertBatch(const std::vector<const Receipt*>& batch,
                           std::vector<InsertOutcome>* out) override {
    out->assign(batch.size(), InsertOutcome());
    absl::Status s = Exec(writer_, "BEGIN IMMEDIATE");
    if (!s.ok()) return s;
    for (size_t i = 0; i < batch.size(); ++i) {
      sqlite3_stmt* ins = writer_insert_->get();
      sqlite3_reset(ins);
      BindReceipt(ins, *batch[i]);
      if (sqlite3_step(ins) != SQLITE_DONE) {
        absl::Status e = Error(writer_, "insert");
        Exec(writer_, "ROLLBACK").IgnoreError();
        return e;
      }
      if (sqlite3_changes(writer_) == 1) {
        (*out)[i].inserted = true;  // The caller has the receipt: no copy.
        continue;
      }
      sqlite3_stmt* find = writer_find_->get();
      sqlite3_reset(find);
      BindText(find, 1, batch[i]->consent_id);
      BindText(find, 2, batch[i]->state_hash);
      if (sqlite3_step(find) != SQLITE_ROW) {
        absl::Status e = Error(writer_, "replay lookup");
        Exec(writer_, "ROLLBACK").IgnoreError();
        return e;
      }
      (*out)[i].receipt = ReadReceipt(find);
      sqlite3_reset(find);
    }
    s = Exec(writer_, "COMMIT");
    if (!s.ok()) {
      Exec(writer_, "ROLLBACK").IgnoreError();
      return s;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<Receipt>> FindByConsentId(const std::string& consent_id) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    Stmt st(reader_, absl::StrCat("SELECT ", kColumns,
                                  " FROM receipts WHERE consent_id = ? ORDER BY server_time_ms, receipt_id")
                         .c_str());
    if (!st.ok()) return Error(reader_, "prepare");
    BindText(st.get(), 1, consent_id);
    std::vector<Receipt> out;
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) out.push_back(ReadReceipt(st.get()));
    if (rc != SQLITE_DONE) return Error(reader_, "select");
    return out;
  }

  absl::Status ForEach(int64_t from_ms, int64_t to_ms,
                       const std::function<bool(const Receipt&)>& fn) override {
    // A connection of its own, so a slow export never blocks other readers.
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      absl::Status e = Error(db, "open");
      sqlite3_close(db);
      return e;
    }
    sqlite3_busy_timeout(db, 10000);
    absl::Status result = absl::OkStatus();
    {
      Stmt st(db, absl::StrCat("SELECT ", kColumns,
                               " FROM receipts WHERE server_time_ms >= ? AND server_time_ms < ?"
                               " ORDER BY server_time_ms, receipt_id")
                      .c_str());
      if (!st.ok()) {
        result = Error(db, "prepare");
      } else {
        sqlite3_bind_int64(st.get(), 1, from_ms);
        sqlite3_bind_int64(st.get(), 2, to_ms);
        int rc;
        while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
          if (!fn(ReadReceipt(st.get()))) break;
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) result = Error(db, "select");
      }
    }
    sqlite3_close(db);
    return result;
  }

  absl::StatusOr<ErasureRecord> Erase(const std::string& consent_id, int64_t now_ms) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    absl::Status s = Exec(reader_, "BEGIN IMMEDIATE");
    if (!s.ok()) return s;
    ErasureRecord rec;
    rec.consent_id_hash = Hex(Sha256(consent_id));
    rec.erased_at_ms = now_ms;
    {
      Stmt del(reader_, "DELETE FROM receipts WHERE consent_id = ?");
      BindText(del.get(), 1, consent_id);
      if (!del.ok() || sqlite3_step(del.get()) != SQLITE_DONE) {
        absl::Status e = Error(reader_, "delete");
        Exec(reader_, "ROLLBACK").IgnoreError();
        return e;
      }
      rec.receipts_removed = sqlite3_changes(reader_);
      Stmt ins(reader_, "INSERT INTO erasures (consent_id_hash, erased_at_ms, receipts_removed) VALUES (?,?,?)");
      BindText(ins.get(), 1, rec.consent_id_hash);
      sqlite3_bind_int64(ins.get(), 2, rec.erased_at_ms);
      sqlite3_bind_int64(ins.get(), 3, rec.receipts_removed);
      if (!ins.ok() || sqlite3_step(ins.get()) != SQLITE_DONE) {
        absl::Status e = Error(reader_, "record erasure");
        Exec(reader_, "ROLLBACK").IgnoreError();
        return e;
      }
    }
    s = Exec(reader_, "COMMIT");
    if (!s.ok()) {
      Exec(reader_, "ROLLBACK").IgnoreError();
      return s;
    }
    // The rows are gone from the tables (and zeroed in their pages), but the
    // write-ahead log still holds the pages as they were before: copy the log
    // into the database and truncate it to zero bytes before answering.
    s = CheckpointTruncate(reader_);
    if (!s.ok()) return s;
    return rec;
  }

  absl::StatusOr<std::vector<Receipt>> Page(int64_t from_ms, int64_t to_ms, const PageCursor& after,
                                            size_t limit) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    Stmt st(reader_, absl::StrCat("SELECT ", kColumns,
                                  " FROM receipts WHERE server_time_ms >= ? AND server_time_ms < ?"
                                  " AND (server_time_ms > ? OR (server_time_ms = ? AND receipt_id > ?))"
                                  " ORDER BY server_time_ms, receipt_id LIMIT ?")
                         .c_str());
    if (!st.ok()) return Error(reader_, "prepare");
    sqlite3_bind_int64(st.get(), 1, from_ms);
    sqlite3_bind_int64(st.get(), 2, to_ms);
    sqlite3_bind_int64(st.get(), 3, after.server_time_ms);
    sqlite3_bind_int64(st.get(), 4, after.server_time_ms);
    BindText(st.get(), 5, after.receipt_id);
    sqlite3_bind_int64(st.get(), 6, static_cast<int64_t>(limit));
    std::vector<Receipt> out;
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) out.push_back(ReadReceipt(st.get()));
    if (rc != SQLITE_DONE) return Error(reader_, "select");
    return out;
  }

  absl::StatusOr<std::vector<ErasureRecord>> Erasures() override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    Stmt st(reader_, "SELECT consent_id_hash, erased_at_ms, receipts_removed FROM erasures ORDER BY erased_at_ms");
    if (!st.ok()) return Error(reader_, "prepare");
    std::vector<ErasureRecord> out;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
      out.push_back({ColText(st.get(), 0), sqlite3_column_int64(st.get(), 1),
                     sqlite3_column_int64(st.get(), 2)});
    }
    return out;
  }

  absl::StatusOr<int64_t> Purge(int64_t before_ms) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    Stmt st(reader_, "DELETE FROM receipts WHERE server_time_ms < ?");
    sqlite3_bind_int64(st.get(), 1, before_ms);
    if (!st.ok() || sqlite3_step(st.get()) != SQLITE_DONE) return Error(reader_, "purge");
    return static_cast<int64_t>(sqlite3_changes(reader_));
  }

  absl::StatusOr<int64_t> Count() override { return ScalarInt("SELECT count(*) FROM receipts"); }

  absl::StatusOr<int> SchemaVersion() override {
    absl::StatusOr<int64_t> v = ScalarInt("SELECT max(version) FROM schema_version");
    if (!v.ok()) return v.status();
    return static_cast<int>(*v);
  }

  absl::Status Ping() override { return ScalarInt("SELECT 1").status(); }

 private:
  static absl::Status Error(sqlite3* db, const char* what) {
    return absl::UnavailableError(absl::StrCat("sqlite ", what, ": ", db ? sqlite3_errmsg(db) : "no database"));
  }

  static absl::Status Exec(sqlite3* db, const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
      absl::Status s = absl::UnavailableError(absl::StrCat("sqlite: ", msg ? msg : "error", " in ", sql));
      sqlite3_free(msg);
      return s;
    }
    return absl::OkStatus();
  }

  // A TRUNCATE checkpoint waits for readers of older snapshots (an export
  // in progress) and blocks new writes while it runs; retried for a while.
  static absl::Status CheckpointTruncate(sqlite3* db) {
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < 50 && rc == SQLITE_BUSY; ++attempt) {
      if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    }
    if (rc != SQLITE_OK) {
      return absl::UnavailableError(absl::StrCat(
          "sqlite checkpoint: ", sqlite3_errmsg(db),
          "; the rows are deleted but the write-ahead log may still hold them: retry the erasure"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> ScalarInt(const char* sql) {
    std::lock_guard<std::mutex> lock(reader_mu_);
    Stmt st(reader_, sql);
    if (!st.ok()) return Error(reader_, "prepare");
    if (sqlite3_step(st.get()) != SQLITE_ROW) return Error(reader_, "select");
    return static_cast<int64_t>(sqlite3_column_int64(st.get(), 0));
  }

  absl::Status Migrate() {
    absl::Status s = Exec(writer_, "BEGIN IMMEDIATE");
    if (!s.ok()) return s;
    s = Exec(writer_, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at_ms INTEGER NOT NULL)");
    int current = 0;
    if (s.ok()) {
      Stmt st(writer_, "SELECT coalesce(max(version), 0) FROM schema_version");
      if (st.ok() && sqlite3_step(st.get()) == SQLITE_ROW) current = sqlite3_column_int(st.get(), 0);
    }
    if (s.ok() && current > kSchemaVersion) {
      s = absl::FailedPreconditionError(absl::StrCat(
          "sqlite: schema version ", current, " is newer than this server's ", kSchemaVersion));
    }
    for (int v = current + 1; s.ok() && v <= kSchemaVersion; ++v) {
      s = Exec(writer_, kMigrations[v - 1]);
      if (s.ok()) {
        s = Exec(writer_, absl::StrCat("INSERT INTO schema_version VALUES (", v, ", ", NowMs(), ")").c_str());
      }
    }
    if (!s.ok()) {
      Exec(writer_, "ROLLBACK").IgnoreError();
      return s;
    }
    return Exec(writer_, "COMMIT");
  }

  std::string path_;
  sqlite3* writer_ = nullptr;
  sqlite3* reader_ = nullptr;
  std::mutex reader_mu_;
  std::unique_ptr<Stmt> writer_insert_;
  std::unique_ptr<Stmt> writer_find_;
  std::thread checkpointer_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stop_checkpointer_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  auto store = std::make_unique<SqliteStore>();
  absl::Status s = store->Open(path);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace server
}  // namespace wafer
