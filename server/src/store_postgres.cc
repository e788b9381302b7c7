// The PostgreSQL store (libpq): one writer connection (the group committer's
// thread, one multi-row INSERT … ON CONFLICT DO NOTHING per batch), one reader
// connection for the admin API, and a connection of its own per export.
// Several servers may share a database: the replay key is a UNIQUE
// constraint and migrations take an advisory lock.

#include <libpq-fe.h>

#include <cstdlib>
#include <mutex>
#include <set>

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
constexpr int kColumnCount = 23;
constexpr int64_t kMigrationLock = 0x57414645;  // "WAFE"

const char* const kMigrations[] = {
    // 1: receipts and erasures.
    "CREATE TABLE receipts ("
    " receipt_id TEXT PRIMARY KEY,"
    " server_time_ms BIGINT NOT NULL,"
    " site TEXT NOT NULL,"
    " consent_id TEXT NOT NULL,"
    " revision BIGINT NOT NULL,"
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
    " given_at BIGINT NOT NULL,"
    " expires_at BIGINT NOT NULL,"
    " signature TEXT NOT NULL,"
    " UNIQUE (consent_id, state_hash));"
    "CREATE INDEX receipts_time ON receipts (server_time_ms);"
    "CREATE TABLE erasures ("
    " consent_id_hash TEXT NOT NULL,"
    " erased_at_ms BIGINT NOT NULL,"
    " receipts_removed BIGINT NOT NULL);",
    // 2: key ids (rotation) and the page view; earlier receipts were signed
    // by the single key of earlier versions, imported as "k0" (keyring.h).
    "ALTER TABLE receipts ADD COLUMN key_id TEXT NOT NULL DEFAULT 'k0',"
    " ADD COLUMN sig_version INTEGER NOT NULL DEFAULT 1,"
    " ADD COLUMN page_view TEXT NOT NULL DEFAULT '',"
    " ADD COLUMN page_view_at BIGINT NOT NULL DEFAULT 0;",
};

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

ResultPtr Wrap(PGresult* r) { return ResultPtr(r, &PQclear); }

void ReceiptParams(const Receipt& r, std::vector<std::string>* out) {
  out->push_back(r.receipt_id);
  out->push_back(std::to_string(r.server_time_ms));
  out->push_back(r.site);
  out->push_back(r.consent_id);
  out->push_back(std::to_string(r.revision));
  out->push_back(r.policy_hash);
  out->push_back(r.banner_hash);
  out->push_back(r.language);
  out->push_back(r.choices);
  out->push_back(r.method);
  out->push_back(r.regime);
  out->push_back(r.gpc ? "1" : "0");
  out->push_back(r.state);
  out->push_back(r.state_hash);
  out->push_back(r.ua_family);
  out->push_back(r.ip);
  out->push_back(std::to_string(r.given_at));
  out->push_back(std::to_string(r.expires_at));
  out->push_back(r.signature);
  out->push_back(r.key_id);
  out->push_back(std::to_string(r.sig_version));
  out->push_back(r.page_view);
  out->push_back(std::to_string(r.page_view_at));
}

int64_t ToInt(const char* s) { return s ? std::strtoll(s, nullptr, 10) : 0; }

Receipt ReadReceipt(const PGresult* res, int row) {
  auto v = [&](int col) { return std::string(PQgetvalue(res, row, col), PQgetlength(res, row, col)); };
  Receipt r;
  r.receipt_id = v(0);
  r.server_time_ms = ToInt(PQgetvalue(res, row, 1));
  r.site = v(2);
  r.consent_id = v(3);
  r.revision = static_cast<uint32_t>(ToInt(PQgetvalue(res, row, 4)));
  r.policy_hash = v(5);
  r.banner_hash = v(6);
  r.language = v(7);
  r.choices = v(8);
  r.method = v(9);
  r.regime = v(10);
  r.gpc = ToInt(PQgetvalue(res, row, 11)) != 0;
  r.state = v(12);
  r.state_hash = v(13);
  r.ua_family = v(14);
  r.ip = v(15);
  r.given_at = ToInt(PQgetvalue(res, row, 16));
  r.expires_at = ToInt(PQgetvalue(res, row, 17));
  r.signature = v(18);
  r.key_id = v(19);
  r.sig_version = static_cast<int>(ToInt(PQgetvalue(res, row, 20)));
  r.page_view = v(21);
  r.page_view_at = ToInt(PQgetvalue(res, row, 22));
  return r;
}

absl::Status PgError(PGconn* c, const char* what) {
  std::string msg = c ? PQerrorMessage(c) : "no connection";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return absl::UnavailableError(absl::StrCat("postgres ", what, ": ", msg));
}

class Conn {
 public:
  Conn() = default;
  ~Conn() { Close(); }
  void Close() {
    if (c_) PQfinish(c_);
    c_ = nullptr;
  }
  absl::Status Connect(const std::string& url, const std::string& schema) {
    Close();
    c_ = PQconnectdb(url.c_str());
    if (PQstatus(c_) != CONNECTION_OK) return PgError(c_, "connect");
    // Quiet NOTICEs (CREATE … IF NOT EXISTS) that libpq would print to stderr.
    PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
    if (!schema.empty()) {
      absl::Status s = Exec(absl::StrCat("CREATE SCHEMA IF NOT EXISTS \"", schema, "\""));
      if (!s.ok()) return s;
      s = Exec(absl::StrCat("SET search_path TO \"", schema, "\""));
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }
  // Reconnects a broken connection (the server restarted, a network blip).
  absl::Status EnsureUp(const std::string& url, const std::string& schema) {
    if (c_ && PQstatus(c_) == CONNECTION_OK) return absl::OkStatus();
    return Connect(url, schema);
  }
  absl::Status Exec(const std::string& sql) {
    ResultPtr r = Wrap(PQexec(c_, sql.c_str()));
    ExecStatusType st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(c_, "exec");
    return absl::OkStatus();
  }
  ResultPtr Query(const std::string& sql, const std::vector<std::string>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const std::string& p : params) values.push_back(p.c_str());
    return Wrap(PQexecParams(c_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                             values.data(), nullptr, nullptr, 0));
  }
  PGconn* get() { return c_; }

 private:
  PGconn* c_ = nullptr;
};

bool QueryOk(const ResultPtr& r) {
  ExecStatusType st = PQresultStatus(r.get());
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

class PostgresStore : public Store {
 public:
  absl::Status Open(const std::string& url, const std::string& schema) {
    url_ = url;
    schema_ = schema;
    for (char c : schema) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return absl::InvalidArgumentError("postgres: schema names are [a-z0-9_]+");
      }
    }
    absl::Status s = writer_.Connect(url, schema);
    if (!s.ok()) return s;
    s = Migrate();
    if (!s.ok()) return s;
    return reader_.Connect(url, schema);
  }

  std::string Kind() const override { return "postgres"; }

  absl::Status InsertBatch(const std::vector<const Receipt*>& batch,
                           std::vector<InsertOutcome>* out) override {
    out->assign(batch.size(), InsertOutcome());
    absl::Status s = writer_.EnsureUp(url_, schema_);
    if (!s.ok()) return s;
    constexpr size_t kRowsPerStatement = 1000;
    // A batch that fits one statement is one round trip: the statement is
    // its own transaction, committed (synchronous_commit=on) before the
    // server answers. Larger batches take an explicit transaction.
    const bool one_statement = batch.size() <= kRowsPerStatement;
    if (!one_statement) {
      s = writer_.Exec("BEGIN");
      if (!s.ok()) return s;
    }
    std::set<std::string> inserted;
    for (size_t start = 0; start < batch.size(); start += kRowsPerStatement) {
      size_t end = std::min(batch.size(), start + kRowsPerStatement);
      std::string sql = absl::StrCat("INSERT INTO receipts (", kColumns, ") VALUES ");
      std::vector<std::string> params;
      params.reserve((end - start) * kColumnCount);
      for (size_t i = start; i < end; ++i) {
        absl::StrAppend(&sql, i == start ? "(" : ",(");
        for (int c = 0; c < kColumnCount; ++c) {
          absl::StrAppend(&sql, c ? ",$" : "$", params.size() + c + 1);
        }
        sql += ")";
        ReceiptParams(*batch[i], &params);
      }
      sql += " ON CONFLICT (consent_id, state_hash) DO NOTHING RETURNING receipt_id";
      ResultPtr r = writer_.Query(sql, params);
      if (!QueryOk(r)) {
        if (one_statement) return PgError(writer_.get(), "insert");
        return Rollback("insert");
      }
      for (int row = 0; row < PQntuples(r.get()); ++row) inserted.insert(PQgetvalue(r.get(), row, 0));
    }
    if (!one_statement) {
      s = writer_.Exec("COMMIT");
      if (!s.ok()) return s;
    }
    // Replays: the stored receipt, committed before this batch.
    for (size_t i = 0; i < batch.size(); ++i) {
      if (inserted.count(batch[i]->receipt_id)) {
        (*out)[i].inserted = true;  // The caller has the receipt: no copy.
        continue;
      }
      ResultPtr r = writer_.Query(
          absl::StrCat("SELECT ", kColumns, " FROM receipts WHERE consent_id = $1 AND state_hash = $2"),
          {batch[i]->consent_id, batch[i]->state_hash});
      if (!QueryOk(r) || PQntuples(r.get()) != 1) {
        // The batch is committed; only this replay's answer is missing.
        (*out)[i].status = PgError(writer_.get(), "replay lookup");
        continue;
      }
      (*out)[i].receipt = ReadReceipt(r.get(), 0);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<Receipt>> FindByConsentId(const std::string& consent_id) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    absl::Status s = reader_.EnsureUp(url_, schema_);
    if (!s.ok()) return s;
    ResultPtr r = reader_.Query(absl::StrCat("SELECT ", kColumns,
                                             " FROM receipts WHERE consent_id = $1 ORDER BY server_time_ms, receipt_id"),
                                {consent_id});
    if (!QueryOk(r)) return PgError(reader_.get(), "select");
    std::vector<Receipt> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) out.push_back(ReadReceipt(r.get(), row));
    return out;
  }

  absl::Status ForEach(int64_t from_ms, int64_t to_ms,
                       const std::function<bool(const Receipt&)>& fn) override {
    Conn conn;
    absl::Status s = conn.Connect(url_, schema_);
    if (!s.ok()) return s;
    std::string sql = absl::StrCat("SELECT ", kColumns,
                                   " FROM receipts WHERE server_time_ms >= $1 AND server_time_ms < $2"
                                   " ORDER BY server_time_ms, receipt_id");
    std::string a = std::to_string(from_ms), b = std::to_string(to_ms);
    const char* values[] = {a.c_str(), b.c_str()};
    if (!PQsendQueryParams(conn.get(), sql.c_str(), 2, nullptr, values, nullptr, nullptr, 0)) {
      return PgError(conn.get(), "select");
    }
    PQsetSingleRowMode(conn.get());
    bool keep_going = true;
    absl::Status result = absl::OkStatus();
    while (PGresult* raw = PQgetResult(conn.get())) {
      ResultPtr r = Wrap(raw);
      ExecStatusType st = PQresultStatus(r.get());
      if (st == PGRES_SINGLE_TUPLE) {
        if (keep_going && !fn(ReadReceipt(r.get(), 0))) {
          keep_going = false;
          PQrequestCancel(conn.get());
        }
      } else if (st != PGRES_TUPLES_OK && keep_going) {
        result = PgError(conn.get(), "select");
      }
    }
    return result;
  }

  absl::StatusOr<ErasureRecord> Erase(const std::string& consent_id, int64_t now_ms) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    absl::Status s = reader_.EnsureUp(url_, schema_);
    if (!s.ok()) return s;
    s = reader_.Exec("BEGIN");
    if (!s.ok()) return s;
    ErasureRecord rec;
    rec.consent_id_hash = Hex(Sha256(consent_id));
    rec.erased_at_ms = now_ms;
    ResultPtr del = reader_.Query("DELETE FROM receipts WHERE consent_id = $1", {consent_id});
    if (!QueryOk(del)) return ReaderRollback("delete");
    rec.receipts_removed = ToInt(PQcmdTuples(del.get()));
    ResultPtr ins = reader_.Query(
        "INSERT INTO erasures (consent_id_hash, erased_at_ms, receipts_removed) VALUES ($1,$2,$3)",
        {rec.consent_id_hash, std::to_string(now_ms), std::to_string(rec.receipts_removed)});
    if (!QueryOk(ins)) return ReaderRollback("record erasure");
    s = reader_.Exec("COMMIT");
    if (!s.ok()) return s;
    return rec;
  }

  absl::StatusOr<std::vector<Receipt>> Page(int64_t from_ms, int64_t to_ms, const PageCursor& after,
                                            size_t limit) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    absl::Status s = reader_.EnsureUp(url_, schema_);
    if (!s.ok()) return s;
    ResultPtr r = reader_.Query(
        absl::StrCat("SELECT ", kColumns,
                     " FROM receipts WHERE server_time_ms >= $1 AND server_time_ms < $2"
                     " AND (server_time_ms, receipt_id) > ($3, $4)"
                     " ORDER BY server_time_ms, receipt_id LIMIT $5"),
        {std::to_string(from_ms), std::to_string(to_ms), std::to_string(after.server_time_ms),
         after.receipt_id, std::to_string(limit)});
    if (!QueryOk(r)) return PgError(reader_.get(), "select");
    std::vector<Receipt> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) out.push_back(ReadReceipt(r.get(), row));
    return out;
  }

  absl::StatusOr<std::vector<ErasureRecord>> Erasures() override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    absl::Status s = reader_.EnsureUp(url_, schema_);
    if (!s.ok()) return s;
    ResultPtr r = reader_.Query(
        "SELECT consent_id_hash, erased_at_ms, receipts_removed FROM erasures ORDER BY erased_at_ms", {});
    if (!QueryOk(r)) return PgError(reader_.get(), "select");
    std::vector<ErasureRecord> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) {
      out.push_back({PQgetvalue(r.get(), row, 0), ToInt(PQgetvalue(r.get(), row, 1)),
                     ToInt(PQgetvalue(r.get(), row, 2))});
    }
    return out;
  }

  absl::StatusOr<int64_t> Purge(int64_t before_ms) override {
    std::lock_guard<std::mutex> lock(reader_mu_);
    absl::Status s = reader_.EnsureUp(url_, schema_);
    if (!s.ok()) return s;
    ResultPtr r = reader_.Query("DELETE FROM receipts WHERE server_time_ms < $1", {std::to_string(before_ms)});
    if (!QueryOk(r)) return PgError(reader_.get(), "purge");
    return ToInt(PQcmdTuples(r.get()));
  }

  absl::StatusOr<int64_t> Count() override { return ScalarInt("SELECT count(*) FROM receipts"); }

  absl::StatusOr<int> SchemaVersion() override {
    absl::StatusOr<int64_t> v = ScalarInt("SELECT max(version) FROM schema_version");
    if (!v.ok()) return v.status();
    return static_cast<int>(*v);
  }

  absl::Status Ping() override { return ScalarInt("SELECT 1").status(); }

 private:
  absl::Status Rollback(const char* what) {
    absl::Status e = PgError(writer_.get(), what);
    writer_.Exec("ROLLBACK").IgnoreError();
    return e;
  }
  absl::Status ReaderRollback(const char* what) {
    absl::Status e = PgError(reader_.get(), what);
    reader_.Exec("ROLLBACK").IgnoreError();
    return e;
  }

  absl::StatusOr<int64_t> ScalarInt(const char* sql) {
    std::lock_guard<std::mutex> lock(reader_mu_);
    absl::Status s = reader_.EnsureUp(url_, schema_);
    if (!s.ok()) return s;
    ResultPtr r = reader_.Query(sql, {});
    if (!QueryOk(r) || PQntuples(r.get()) != 1) return PgError(reader_.get(), "select");
    return ToInt(PQgetvalue(r.get(), 0, 0));
  }

  absl::Status Migrate() {
    absl::Status s = writer_.Exec("BEGIN");
    if (!s.ok()) return s;
    s = writer_.Exec(absl::StrCat("SELECT pg_advisory_xact_lock(", kMigrationLock, ")"));
    if (s.ok()) {
      s = writer_.Exec(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at_ms BIGINT NOT NULL)");
    }
    int current = 0;
    if (s.ok()) {
      ResultPtr r = writer_.Query("SELECT coalesce(max(version), 0) FROM schema_version", {});
      if (!QueryOk(r)) {
        s = PgError(writer_.get(), "schema version");
      } else {
        current = static_cast<int>(ToInt(PQgetvalue(r.get(), 0, 0)));
      }
    }
    if (s.ok() && current > kSchemaVersion) {
      s = absl::FailedPreconditionError(absl::StrCat(
          "postgres: schema version ", current, " is newer than this server's ", kSchemaVersion));
    }
    for (int v = current + 1; s.ok() && v <= kSchemaVersion; ++v) {
      s = writer_.Exec(kMigrations[v - 1]);
      if (s.ok()) {
        s = writer_.Exec(absl::StrCat("INSERT INTO schema_version VALUES (", v, ", ", NowMs(), ")"));
      }
    }
    if (!s.ok()) {
      writer_.Exec("ROLLBACK").IgnoreError();
      return s;
    }
    return writer_.Exec("COMMIT");
  }

  std::string url_;
  std::string schema_;
  Conn writer_;
  Conn reader_;
  std::mutex reader_mu_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                         const std::string& schema) {
  auto store = std::make_unique<PostgresStore>();
  absl::Status s = store->Open(url, schema);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace server
}  // namespace wafer
