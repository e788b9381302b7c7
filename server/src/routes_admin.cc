// routes_admin.cc — the admin API (proof by consent id, export, erasure,
// statistics, keys) and the dashboard. Every call needs the bearer token
// (compared in constant time) and passes a rate limiter of its own keyed on
// the socket address, so that guessing the token is slow whatever
// X-Forwarded-For says. Store work runs on the blocking pool.

#include <map>

#include "admin_ui.h"
#include "receipt.h"
#include "routes.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

using nlohmann::json;

constexpr char kProofStatement[] =
    "Each receipt shows that this server received this claim (choices, method, regime, GPC, consent "
    "state) for this policy (policy_hash) and banner text (banner_hash), at server_time, from this "
    "truncated address and browser family, after serving the site's wafer.js at page_view_at "
    "(page_view \"verified\"; \"unverified\": the site's wafer.js is a static file). It does not show "
    "that a person made the choice. signature_valid: the signature matches under key_id; a "
    "compromised key's signatures prove nothing after it leaked.";

// A CSV cell: quoted when needed; a leading = + - @ (or tab, CR) is
// neutralised with an apostrophe so that a spreadsheet never runs it as a
// formula (OWASP "CSV injection").
void CsvField(std::string* out, const std::string& raw) {
  std::string v = raw;
  if (!v.empty() && std::string_view("=+-@\t\r").find(v[0]) != std::string_view::npos) v.insert(0, "'");
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    *out += v;
    return;
  }
  *out += '"';
  for (char c : v) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

constexpr char kCsvHeader[] =
    "receipt_id,server_time,site,consent_id,revision,policy_hash,banner_hash,language,choices,"
    "method,regime,gpc,state,ua_family,ip,given_at,expires_at,page_view,page_view_at,key_id,"
    "signature_version,signature\r\n";

std::string CsvRow(const Receipt& r) {
  std::string out;
  bool first = true;
  for (const std::string& v :
       {r.receipt_id, FormatIsoMs(r.server_time_ms), r.site, r.consent_id, std::to_string(r.revision),
        r.policy_hash, r.banner_hash, r.language, r.choices, r.method, r.regime,
        std::string(r.gpc ? "true" : "false"), r.state, r.ua_family, r.ip, FormatIsoMs(r.given_at * 1000),
        FormatIsoMs(r.expires_at * 1000), r.page_view,
        r.page_view_at ? FormatIsoMs(r.page_view_at * 1000) : std::string(), r.key_id,
        std::to_string(r.sig_version), r.signature}) {
    if (!first) out += ',';
    first = false;
    CsvField(&out, v);
  }
  out += "\r\n";
  return out;
}

bool IsConsentId(const std::string& id) {
  return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

json KeyJson(const SigningKey& k, bool active) {
  json j = {{"id", k.id}, {"status", KeyStatusName(k.status)}, {"active", active},
            {"created_at", FormatIsoMs(k.created_at_ms)}};
  if (k.retired_at_ms) j["retired_at"] = FormatIsoMs(k.retired_at_ms);
  if (k.compromised_at_ms) j["compromised_at"] = FormatIsoMs(k.compromised_at_ms);
  return j;
}

// Guards an admin route: the admin limiter, then the token.
Handler Admin(ServerContext& ctx, Handler inner) {
  return [&ctx, inner = std::move(inner)](std::shared_ptr<Request> req, Reply reply) {
    if (auto limited = ctx.RateLimited(ctx.admin_limiter, req->peer)) return reply(*std::move(limited));
    if (ctx.options.admin_token.empty()) {
      return reply(JsonError(403, "wafer.admin.disabled",
                             "the admin API is disabled: start the server with --admin-token"));
    }
    const std::string_view auth = req->headers.Get("Authorization");
    const std::string_view prefix = "Bearer ";
    // Hashes first: the comparison takes the same time whatever the lengths.
    const bool ok = auth.substr(0, prefix.size()) == prefix &&
                    ConstantTimeEquals(Sha256(auth.substr(prefix.size())), Sha256(ctx.options.admin_token));
    if (!ok) {
      Response res = JsonError(401, "wafer.admin.unauthorized", "missing or wrong admin token (Authorization: Bearer …)");
      res.headers.Set("WWW-Authenticate", "Bearer realm=\"wafer-admin\"");
      return reply(std::move(res));
    }
    inner(req, [reply](Response res) {
      res.headers.Set("Cache-Control", "no-store");
      reply(std::move(res));
    });
  };
}

// Runs `fn` on the blocking pool and replies with its result.
Handler Blocking(ServerContext& ctx, std::function<Response(Request&)> fn) {
  return [&ctx, fn = std::move(fn)](std::shared_ptr<Request> req, Reply reply) {
    ctx.run_blocking([fn, req, reply] { reply(fn(*req)); });
  };
}

// from/to (YYYY-MM-DD, inclusive, UTC) → [from_ms, to_ms); nullopt on success.
std::optional<Response> DateRange(const Request& req, int64_t* from_ms, int64_t* to_ms) {
  int64_t from = 0, to = 0;
  if (!ParseDay(req.Query("from"), &from)) {
    return JsonError(400, "wafer.admin.bad_date", "from: expected a date YYYY-MM-DD", "from");
  }
  if (!ParseDay(req.Query("to"), &to)) {
    return JsonError(400, "wafer.admin.bad_date", "to: expected a date YYYY-MM-DD", "to");
  }
  if (to < from) return JsonError(400, "wafer.admin.bad_range", "to is before from", "to");
  *from_ms = from * 1000;
  *to_ms = (to + 86400) * 1000;
  return std::nullopt;
}

Response Static(const char* body, const char* type) {
  Response res;
  res.headers.Set("Content-Type", type);
  res.headers.Set("Cache-Control", "no-cache");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  res.body = body;
  return res;
}

}  // namespace

void AddAdminRoutes(Router& router, ServerContext& ctx) {
  router.Add("GET", "/v1/admin/receipts/{}", Admin(ctx, Blocking(ctx, [&ctx](Request& req) {
    const std::string& id = req.params[0];
    if (!IsConsentId(id)) {
      return JsonError(400, "wafer.admin.bad_consent_id", "expected a consent id of 32 lower-case hex digits",
                       "consent_id");
    }
    absl::StatusOr<std::vector<Receipt>> rows = ctx.store.FindByConsentId(id);
    if (!rows.ok()) return JsonError(503, "wafer.store.unavailable", std::string(rows.status().message()));
    auto ring = ctx.keys.Get();
    json receipts = json::array();
    for (const Receipt& r : *rows) {
      const ReceiptVerification v = VerifyReceiptSignature(r, *ring);
      json j = ReceiptToJson(r);
      j["signature_valid"] = v.signature_valid;
      json key = {{"id", r.key_id}, {"status", v.key_known ? std::string(KeyStatusName(v.key_status)) : "unknown"}};
      if (v.key_compromised_at_ms) key["compromised_at"] = FormatIsoMs(v.key_compromised_at_ms);
      j["key"] = key;
      j["trustworthy"] = v.trustworthy();
      receipts.push_back(std::move(j));
    }
    return JsonResponse(rows->empty() ? 404 : 200,
                        {{"consent_id", id}, {"receipts", receipts}, {"statement", kProofStatement}});
  })));

  router.Add("DELETE", "/v1/admin/receipts/{}", Admin(ctx, Blocking(ctx, [&ctx](Request& req) {
    const std::string& id = req.params[0];
    if (!IsConsentId(id)) {
      return JsonError(400, "wafer.admin.bad_consent_id", "expected a consent id of 32 lower-case hex digits",
                       "consent_id");
    }
    absl::StatusOr<ErasureRecord> rec = ctx.store.Erase(id, NowMs());
    if (!rec.ok()) return JsonError(503, "wafer.store.unavailable", std::string(rec.status().message()));
    LogEvent("info", "erasure",
             "erased " + std::to_string(rec->receipts_removed) + " receipts of consent " +
                 rec->consent_id_hash.substr(0, 12) + "…");
    return JsonResponse(200, {{"consent_id_hash", rec->consent_id_hash},
                              {"erased_at", FormatIsoMs(rec->erased_at_ms)},
                              {"receipts_removed", rec->receipts_removed}});
  })));

  router.Add("GET", "/v1/admin/erasures", Admin(ctx, Blocking(ctx, [&ctx](Request&) {
    absl::StatusOr<std::vector<ErasureRecord>> recs = ctx.store.Erasures();
    if (!recs.ok()) return JsonError(503, "wafer.store.unavailable", std::string(recs.status().message()));
    json arr = json::array();
    for (const ErasureRecord& r : *recs) {
      arr.push_back({{"consent_id_hash", r.consent_id_hash},
                     {"erased_at", FormatIsoMs(r.erased_at_ms)},
                     {"receipts_removed", r.receipts_removed}});
    }
    return JsonResponse(200, {{"erasures", arr}});
  })));

  router.Add("GET", "/v1/admin/keys", Admin(ctx, Sync([&ctx](Request&) {
    auto ring = ctx.keys.Get();
    json keys = json::array();
    for (const SigningKey& k : ring->keys()) keys.push_back(KeyJson(k, &k == &ring->active()));
    return JsonResponse(200, {{"active", ring->active().id}, {"keys", keys}});
  })));

  router.Add("GET", "/v1/admin/export", Admin(ctx, Sync([&ctx](Request& req) {
    int64_t from = 0, to = 0;
    if (auto bad = DateRange(req, &from, &to)) return *std::move(bad);
    const std::string format = req.HasQuery("format") ? req.Query("format") : "jsonl";
    if (format != "jsonl" && format != "csv") {
      return JsonError(400, "wafer.admin.bad_format", "format: expected jsonl or csv", "format");
    }
    const bool csv = format == "csv";
    Response res;
    res.headers.Set("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
    // The dates were checked: the file name holds digits and dashes only.
    res.headers.Set("Content-Disposition", "attachment; filename=\"wafer-receipts-" + req.Query("from") + "-" +
                                               req.Query("to") + (csv ? ".csv\"" : ".jsonl\""));
    // Page by page on the blocking pool; no cursor stays open while the
    // client reads.
    struct State {
      PageCursor cursor;
      bool header_sent = false;
      bool done = false;
    };
    auto state = std::make_shared<State>();
    Store* store = &ctx.store;
    res.stream = std::make_shared<BodyStream>();
    res.stream->next = [state, store, from, to, csv]() -> std::optional<std::string> {
      if (state->done) return std::string();
      std::string out;
      if (csv && !state->header_sent) out = kCsvHeader;
      state->header_sent = true;
      absl::StatusOr<std::vector<Receipt>> page = store->Page(from, to, state->cursor, 500);
      if (!page.ok()) {
        LogEvent("error", "export", std::string(page.status().message()));
        return std::nullopt;
      }
      for (const Receipt& r : *page) out += csv ? CsvRow(r) : DumpJson(ReceiptToJson(r)) + "\n";
      if (page->size() < 500) state->done = true;
      if (!page->empty()) state->cursor = PageCursor{page->back().server_time_ms, page->back().receipt_id};
      if (out.empty()) return std::string();  // Nothing more: the end.
      return out;
    };
    return res;
  })));

  router.Add("GET", "/v1/admin/stats", Admin(ctx, Blocking(ctx, [&ctx](Request& req) {
    int64_t from = 0, to = 0;
    if (auto bad = DateRange(req, &from, &to)) return *std::move(bad);
    if (to - from > 400LL * 86400000) {
      return JsonError(400, "wafer.admin.bad_range", "at most 400 days at a time", "to");
    }
    const std::string site_filter = req.Query("site");
    struct Day {
      int64_t total = 0;
      std::map<std::string, int64_t> methods;
      std::map<std::string, std::pair<int64_t, int64_t>> categories;  // granted, total
    };
    std::map<std::string, Day> days;
    std::map<std::string, int64_t> site_counts;
    absl::Status s = ctx.store.ForEach(from, to, [&](const Receipt& r) {
      if (!site_filter.empty() && r.site != site_filter) return true;
      ++site_counts[r.site];
      Day& d = days[FormatDay(r.server_time_ms)];
      ++d.total;
      ++d.methods[r.method];
      json choices = json::parse(r.choices, nullptr, false);
      if (choices.is_object()) {
        for (auto it = choices.begin(); it != choices.end(); ++it) {
          auto& c = d.categories[it.key()];
          c.second++;
          if (it.value().is_boolean() && it.value().get<bool>()) c.first++;
        }
      }
      return true;
    });
    if (!s.ok()) return JsonError(503, "wafer.store.unavailable", std::string(s.message()));
    json out = {{"from", req.Query("from")}, {"to", req.Query("to")}};
    if (!site_filter.empty()) out["site"] = site_filter;
    out["sites"] = site_counts;
    json arr = json::array();
    for (const auto& [day, d] : days) {
      json methods = json::object(), cats = json::object();
      for (const auto& [m, n] : d.methods) methods[m] = {{"count", n}, {"rate", static_cast<double>(n) / d.total}};
      for (const auto& [c, gt] : d.categories) {
        cats[c] = {{"granted", gt.first}, {"total", gt.second},
                   {"rate", gt.second ? static_cast<double>(gt.first) / gt.second : 0.0}};
      }
      arr.push_back({{"day", day}, {"total", d.total}, {"methods", methods}, {"categories", cats}});
    }
    out["days"] = arr;
    return JsonResponse(200, out);
  })));

  router.Add("GET", "/admin/", Sync([](Request&) {
    Response res = Static(kDashboardHtml, "text/html; charset=utf-8");
    res.headers.Set("Content-Security-Policy",
                    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.headers.Set("Referrer-Policy", "no-referrer");
    return res;
  }));
  router.Add("GET", "/admin", Sync([](Request&) {
    Response res;
    res.status = 301;
    res.headers.Set("Location", "/admin/");
    return res;
  }));
  router.Add("GET", "/admin/dashboard.js",
             Sync([](Request&) { return Static(kDashboardJs, "text/javascript; charset=utf-8"); }));
  router.Add("GET", "/admin/dashboard.css",
             Sync([](Request&) { return Static(kDashboardCss, "text/css; charset=utf-8"); }));
}

}  // namespace server
}  // namespace wafer
