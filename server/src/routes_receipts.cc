// routes_receipts.cc — POST /v1/consents: a visitor's choice becomes a signed,
// durable receipt (receipt.h), bound to a page view of the site's wafer.js
// (page_view.h); and the CORS preflight every cross-origin POST needs.
//
// What a stored receipt proves: that this server received this claim (the
// choices, method, regime, GPC flag and consent state), for this site's policy
// and banner text, at this time, from this truncated address and browser
// family, within the token's lifetime after this server served the site's
// wafer.js. What it does not prove: that a person (rather than a script that
// loaded wafer.js) made the choice — the consent state's integrity tag uses a
// key derived from the public site id, so anyone can write a valid state.

#include <algorithm>

#include "page_view.h"
#include "receipt.h"
#include "routes.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

// application/json, or text/plain (what sendBeacon sends for a string), in
// UTF-8: "application/json; charset=utf-8", "text/plain;charset=UTF-8".
bool IsReceiptContentType(std::string_view value) {
  const std::string v = AsciiLower(value);
  const size_t semi = v.find(';');
  std::string type = v.substr(0, semi);
  type.erase(0, type.find_first_not_of(" \t"));
  type.erase(type.find_last_not_of(" \t") + 1);
  if (type != "application/json" && type != "text/plain") return false;
  if (semi == std::string::npos) return true;
  std::string params = v.substr(semi + 1);
  params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
  return params == "charset=utf-8" || params == "charset=\"utf-8\"";
}

// True if `origin` may call the API (for `site`, or any site if null).
bool OriginAllowed(const ServerContext& ctx, const std::string& origin, const Site* site) {
  const auto& configured = ctx.options.cors_origins;
  if (!configured.empty()) return std::find(configured.begin(), configured.end(), origin) != configured.end();
  std::string rest;
  if (origin.rfind("https://", 0) == 0) {
    rest = origin.substr(8);
  } else if (origin.rfind("http://", 0) == 0) {
    rest = origin.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.find('/') != std::string::npos || rest[0] == '[') return false;
  const size_t colon = rest.find(':');
  std::string host = rest.substr(0, colon);
  if (colon != std::string::npos) {
    const std::string port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  }
  host = AsciiLower(host);
  if (site) return site->ServesHost(host);
  return ctx.registry.FindByHost(host) != nullptr;
}

Response FromReceiptError(const ReceiptError& err) {
  return JsonError(err.status, err.code, err.message, err.path);
}

// Why a page-view token does not bind this receipt, as a 4xx; nullopt if it does.
std::optional<Response> PageViewProblem(const PageViewCheck& c, int64_t max_age) {
  const std::string what =
      " A receipt records that this server received this choice after serving the site's wafer.js "
      "(whose token it carries); without that, nothing ties it to a page view.";
  switch (c.result) {
    case PageViewResult::kValid:
      return std::nullopt;
    case PageViewResult::kMalformed:
      return JsonError(400, "wafer.receipt.page_view_invalid",
                       "the token is not a page-view token of this server." + what, "token");
    case PageViewResult::kUnknownKey:
      return JsonError(403, "wafer.receipt.page_view_invalid",
                       "the token names key \"" + c.key_id.substr(0, 32) + "\", which this server does not hold." + what,
                       "token");
    case PageViewResult::kCompromisedKey:
      return JsonError(403, "wafer.receipt.page_view_invalid",
                       "the token is signed with key \"" + c.key_id + "\", which is marked compromised." + what,
                       "token");
    case PageViewResult::kBadSignature:
      return JsonError(403, "wafer.receipt.page_view_invalid",
                       "the token's signature does not match (forged, or from another site)." + what, "token");
    case PageViewResult::kFuture:
      return JsonError(403, "wafer.receipt.page_view_invalid", "the token was issued in the future." + what, "token");
    case PageViewResult::kExpired:
      return JsonError(403, "wafer.receipt.page_view_expired",
                       "the page view is older than " + std::to_string(max_age) +
                           " seconds (the token's lifetime): reload the page to record the choice." + what,
                       "token");
  }
  return JsonError(400, "wafer.receipt.page_view_invalid", "invalid token", "token");
}

}  // namespace

void AddReceiptRoutes(Router& router, ServerContext& ctx) {
  router.Add("POST", "/v1/consents", [&ctx](std::shared_ptr<Request> req, Reply reply) {
    if (!IsReceiptContentType(req->headers.Get("Content-Type"))) {
      return reply(JsonError(415, "wafer.receipt.content_type",
                             "a receipt is JSON sent as application/json (or text/plain from "
                             "navigator.sendBeacon), in UTF-8"));
    }
    if (auto limited = ctx.RateLimited(ctx.receipt_limiter, ctx.ClientAddress(*req))) {
      return reply(*std::move(limited));
    }
    ReceiptRequest rr;
    ReceiptError err;
    if (!ParseReceiptRequest(req->body, &rr, &err)) return reply(FromReceiptError(err));
    auto site = ctx.registry.Find(rr.site);
    if (!site) {
      return reply(JsonError(404, "wafer.site.unknown", "no site \"" + rr.site + "\" is served here", "site"));
    }
    Headers cors;
    const std::string origin(req->headers.Get("Origin"));
    if (!origin.empty()) {
      cors.Set("Vary", "Origin");
      if (!OriginAllowed(ctx, origin, site.get())) {
        return reply(JsonError(403, "wafer.cors.origin",
                               "origin \"" + origin.substr(0, 200) + "\" may not post receipts for site \"" +
                                   rr.site + "\""));
      }
      cors.Set("Access-Control-Allow-Origin", origin);
      cors.Set("Access-Control-Allow-Credentials", "true");
    }
    const int64_t now_ms = NowMs();
    auto ring = ctx.keys.Get();
    Receipt r;
    // The page view: a token this server signed into the site's wafer.js.
    if (rr.token.empty()) {
      const auto& statics = ctx.options.static_sites;
      if (std::find(statics.begin(), statics.end(), rr.site) == statics.end()) {
        return reply(JsonError(403, "wafer.receipt.page_view_missing",
                               "a receipt must carry the page-view token of the wafer.js this server served "
                               "for site \"" + rr.site + "\" (sites whose wafer.js is a static file are listed "
                               "with --static-site; their receipts are stored flagged \"unverified\")",
                               "token"));
      }
      r.page_view = kPageViewUnverified;
    } else {
      const PageViewCheck check =
          CheckPageViewToken(*ring, rr.token, rr.site, now_ms / 1000, ctx.options.page_view_max_age_s);
      if (auto problem = PageViewProblem(check, ctx.options.page_view_max_age_s)) return reply(*std::move(problem));
      r.page_view = kPageViewVerified;
      r.page_view_at = check.issued_at;
    }
    if (!VerifyReceiptRequest(rr, site->view, site->policy_hash, now_ms, &r, &err)) {
      return reply(FromReceiptError(err));
    }
    r.receipt_id = Hex(RandomBytes(16));
    r.server_time_ms = now_ms;
    r.ua_family = UserAgentFamily(req->headers.Get("User-Agent"));
    r.ip = TruncateIp(ctx.ClientAddress(*req));
    SignReceipt(ring->active(), &r);
    // What the answer needs once the receipt is durable.
    std::string cookie_prefix = std::string(site->view.cookie_name) + "=";
    std::string cookie_suffix = "; Path=/; SameSite=Lax";
    const std::string domain = site->CookieDomainFor(RequestHost(*req));
    if (!domain.empty()) cookie_suffix += "; Domain=" + domain;
    if (ctx.IsHttps(*req)) cookie_suffix += "; Secure";
    auto mine = std::make_shared<Receipt>(r);
    ctx.committer.SubmitAsync(std::move(r), [mine, reply, cors, cookie_prefix, cookie_suffix,
                                             now_ms](InsertOutcome outcome) {
      if (!outcome.status.ok()) {
        LogEvent("error", "store", std::string(outcome.status.message()));
        Response res = JsonError(503, "wafer.store.unavailable", "the receipt could not be stored; retry");
        res.headers.Set("Retry-After", "1");
        for (const auto& [n, v] : cors.fields()) res.headers.Set(n, v);
        return reply(std::move(res));
      }
      const Receipt& stored = outcome.inserted ? *mine : outcome.receipt;
      const int64_t max_age = std::max<int64_t>(0, stored.expires_at - now_ms / 1000);
      Response res = JsonResponse(outcome.inserted ? 201 : 200,
                                  {{"receipt_id", stored.receipt_id},
                                   {"key_id", stored.key_id},
                                   {"signature", stored.signature},
                                   {"server_time", FormatIsoMs(stored.server_time_ms)}});
      res.headers.Set("Set-Cookie", cookie_prefix + stored.state + "; Max-Age=" + std::to_string(max_age) +
                                        cookie_suffix);
      res.headers.Set("Cache-Control", "no-store");
      for (const auto& [n, v] : cors.fields()) res.headers.Set(n, v);
      reply(std::move(res));
    });
  });

  router.Add("OPTIONS", "*", Sync([&ctx](Request& req) {
    const std::string origin(req.headers.Get("Origin"));
    Response res;
    if (origin.empty() || !OriginAllowed(ctx, origin, nullptr)) {
      res = JsonError(403, "wafer.cors.origin", "origin \"" + origin.substr(0, 200) + "\" is not allowed");
      res.headers.Set("Vary", "Origin");
      return res;
    }
    res.status = 204;
    res.headers.Set("Vary", "Origin");
    res.headers.Set("Access-Control-Allow-Origin", origin);
    res.headers.Set("Access-Control-Allow-Credentials", "true");
    res.headers.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.headers.Set("Access-Control-Allow-Headers", "Content-Type");
    res.headers.Set("Access-Control-Max-Age", "600");
    return res;
  }));
}

}  // namespace server
}  // namespace wafer
