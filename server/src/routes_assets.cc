// routes_assets.cc — the WASM engine and the loader bundles: files read at
// start (or reload) from --engine and --js, served from memory under their
// content-hashed names (immutable) and plain names (no-cache), precompressed,
// with their SRI hashes at /v1/integrity.json. Any other name is 404: the
// request path is looked up in the list made at load, never opened.

#include "routes.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

Response ServeAsset(const Request& req, const std::shared_ptr<const Asset>& asset, bool immutable) {
  Response res;
  res.headers.Set("ETag", asset->etag);
  res.headers.Set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.headers.Set("Vary", "Accept-Encoding");
  res.headers.Set("Access-Control-Allow-Origin", "*");
  res.headers.Set("Cross-Origin-Resource-Policy", "cross-origin");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  if (EtagMatches(req, asset->etag)) {
    res.status = 304;
    return res;
  }
  const std::string_view ae = req.headers.Get("Accept-Encoding");
  res.headers.Set("Content-Type", asset->content_type);
  if (!asset->brotli.empty() && AcceptsEncoding(ae, "br")) {
    res.body = asset->brotli;
    res.headers.Set("Content-Encoding", "br");
  } else if (!asset->gzip.empty() && AcceptsEncoding(ae, "gzip")) {
    res.body = asset->gzip;
    res.headers.Set("Content-Encoding", "gzip");
  } else {
    res.body = asset->bytes;
  }
  return res;
}

}  // namespace

void AddAssetRoutes(Router& router, ServerContext& ctx) {
  router.Add("GET", "/v1/integrity.json", Sync([&ctx](Request& req) {
    auto snap = ctx.assets.Snapshot();
    const std::string etag = "W/\"" + Hex(Sha256(snap->integrity_json)).substr(0, 16) + "\"";
    Response res;
    res.headers.Set("ETag", etag);
    res.headers.Set("Cache-Control", "no-cache");
    res.headers.Set("Access-Control-Allow-Origin", "*");
    if (EtagMatches(req, etag)) {
      res.status = 304;
      return res;
    }
    res.headers.Set("Content-Type", "application/json");
    res.body = snap->integrity_json;
    return res;
  }));
  auto asset = [&ctx](Request& req) {
    auto snap = ctx.assets.Snapshot();
    auto it = snap->by_url.find(req.path);
    if (it == snap->by_url.end()) {
      return JsonError(404, "wafer.asset.unknown", "no such file: " + req.path.substr(0, 200));
    }
    return ServeAsset(req, it->second, it->second->hashed_url == req.path);
  };
  router.Add("GET", "/v1/engine/{}", Sync(asset));
  router.Add("GET", "/v1/js/{}", Sync(asset));
}

}  // namespace server
}  // namespace wafer
