// routes_sites.cc — what each site's pages load from the server: the stub
// (wafer.js, with the site's config, URLs and a page-view token inlined),
// the banner bundle per language, the compiled policy; and, with --sites,
// the demo sites' own files by Host (static_files.h: by construction).

#include "page_view.h"
#include "routes.h"
#include "util.h"
#include "wafer/banner_data.h"
#include "wafer/loader_config.h"
#include "wafer/script_template.h"

namespace wafer {
namespace server {
namespace {

// wafer.js caching (seconds). A returning visitor runs the cached stub without
// a revalidation round trip for kStubMaxAge seconds, and for
// kStubStaleWhileRevalidate more the browser runs it once more while it
// revalidates in the background. The cost: a policy change reaches a browser
// that has the stub cached after at most max-age seconds, plus one page view
// within the stale window (docs/server.md, "Caching"); and the page-view
// token inside a cached stub is as old as the copy, which is why the token
// lifetime (--page-view-max-age) covers both windows.
constexpr int kStubMaxAge = 300;
constexpr int kStubStaleWhileRevalidate = 86400;

// A region from the trusted geo header: "FR", "US-CA"; "" if absent or odd.
std::string NormaliseRegion(std::string_view raw) {
  std::string v(raw);
  v.erase(0, v.find_first_not_of(" \t"));
  v.erase(v.find_last_not_of(" \t") + 1);
  for (char& c : v) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  if (v.size() < 2 || v.size() > 6 || v.size() == 3) return "";
  for (size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    const bool ok = i < 2 ? (c >= 'A' && c <= 'Z')
                          : (i == 2 ? c == '-' : ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')));
    if (!ok) return "";
  }
  if (v == "XX" || v == "T1") return "";  // Cloudflare: unknown, Tor.
  return v;
}

// A script made per request (the stub, a banner): weak ETag of its bytes,
// compressed for the client (brotli or gzip, at speed-friendly levels).
Response ReplyScript(const Request& req, std::string body, const std::string& cache_control,
                     const std::string& vary) {
  Response res;
  const std::string etag = "W/\"" + Hex(Sha256(body)).substr(0, 16) + "\"";
  res.headers.Set("ETag", etag);
  res.headers.Set("Cache-Control", cache_control);
  res.headers.Set("Vary", vary);
  res.headers.Set("Access-Control-Allow-Origin", "*");
  res.headers.Set("Cross-Origin-Resource-Policy", "cross-origin");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  if (EtagMatches(req, etag)) {
    res.status = 304;
    return res;
  }
  res.headers.Set("Content-Type", "text/javascript; charset=utf-8");
  const std::string_view ae = req.headers.Get("Accept-Encoding");
  std::string packed;
  if (AcceptsEncoding(ae, "br") && !(packed = BrotliBytes(body, 5)).empty() && packed.size() < body.size()) {
    res.headers.Set("Content-Encoding", "br");
    res.body = std::move(packed);
  } else if (AcceptsEncoding(ae, "gzip") && !(packed = GzipBytes(body, 6)).empty() &&
             packed.size() < body.size()) {
    res.headers.Set("Content-Encoding", "gzip");
    res.body = std::move(packed);
  } else {
    res.body = std::move(body);
  }
  return res;
}

Response ReplyCompiledPolicy(const Request& req, const std::shared_ptr<const Site>& site,
                             const char* cache_control) {
  Response res;
  res.headers.Set("ETag", site->etag);
  res.headers.Set("Cache-Control", cache_control);
  res.headers.Set("Access-Control-Allow-Origin", "*");
  res.headers.Set("Cross-Origin-Resource-Policy", "cross-origin");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  if (EtagMatches(req, site->etag)) {
    res.status = 304;
    return res;
  }
  res.headers.Set("Content-Type", "application/octet-stream");
  res.body = site->compiled;
  return res;
}

Response UnknownSite(const std::string& id) {
  return JsonError(404, "wafer.site.unknown", "no site \"" + id.substr(0, 64) + "\" is served here");
}

}  // namespace

std::string PolicyFileMemory::Remember(const std::shared_ptr<const Site>& site) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto& kept = kept_[site->policy.site_id];
    if (kept.empty() || kept.back()->policy_hash != site->policy_hash) {
      kept.push_back(site);
      if (kept.size() > kKept) kept.erase(kept.begin());
    }
  }
  return "/v1/sites/" + site->policy.site_id + "/policy." + site->policy_hash.substr(0, 16) + ".bin";
}

std::shared_ptr<const Site> PolicyFileMemory::Find(const PolicyRegistry& registry, const std::string& site_id,
                                                   const std::string& hash16) const {
  auto site = registry.Find(site_id);
  if (site && site->policy_hash.compare(0, 16, hash16) == 0) return site;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = kept_.find(site_id);
  if (it == kept_.end()) return nullptr;
  for (const auto& kept : it->second) {
    if (kept->policy_hash.compare(0, 16, hash16) == 0) return kept;
  }
  return nullptr;
}

void AddSiteRoutes(Router& router, ServerContext& ctx) {
  router.Add("GET", "/v1/sites/{}/wafer.js", Sync([&ctx](Request& req) {
    auto site = ctx.registry.Find(req.params[0]);
    if (!site) return UnknownSite(req.params[0]);
    auto snap = ctx.assets.Snapshot();
    if (!snap->has_stub) {
      return JsonError(503, "wafer.stub.missing",
                       "no stub template: start the server with --js DIR holding wafer.stub.js");
    }
    const std::string& geo = ctx.options.geo_header;
    const std::string region = geo.empty() ? "" : NormaliseRegion(req.headers.Get(geo));
    const std::string base = ctx.BaseUrl(req);
    LoaderUrls urls;
    urls.engine = snap->engine_url.empty() ? "" : base + snap->engine_url;
    urls.receipts = base + "/v1/consents";
    urls.loader = snap->loader_url.empty() ? "" : base + snap->loader_url;
    urls.banner = base + "/v1/sites/" + site->policy.site_id + "/banner.{lang}.js";
    urls.placeholder = snap->placeholder_url.empty() ? "" : base + snap->placeholder_url;
    // The compiled policy as an immutable file named by its hash, fetched by
    // the stub in parallel with the loader and the engine; remembered so that
    // a stub still cached by a browser finds the policy it names.
    urls.policy = base + ctx.policy_files.Remember(site);
    urls.token = MintPageViewToken(ctx.keys.Get()->active(), site->policy.site_id, NowMs() / 1000);
    const std::string config = RenderLoaderConfig(site->policy, site->compiled, urls, region);
    // The template was checked to hold its placeholder once when loaded.
    std::string body = *FillScriptTemplate(snap->stub_template, kConfigPlaceholder, config);
    return ReplyScript(req, std::move(body),
                       "max-age=" + std::to_string(kStubMaxAge) +
                           ", stale-while-revalidate=" + std::to_string(kStubStaleWhileRevalidate),
                       geo.empty() ? "Accept-Encoding" : "Accept-Encoding, " + geo);
  }));

  // The banner bundle of one site in one language: the language's template
  // with the site's banner data (RenderBannerData) in its placeholder.
  router.Add("GET", "/v1/sites/{}/banner.{}", Sync([&ctx](Request& req) {
    auto site = ctx.registry.Find(req.params[0]);
    if (!site) return UnknownSite(req.params[0]);
    const std::string& file = req.params[1];
    if (file.size() < 4 || file.compare(file.size() - 3, 3, ".js") != 0) {
      return JsonError(404, "wafer.not_found", "no such file");
    }
    const std::string lang = file.substr(0, file.size() - 3);
    if (!IsBannerLanguage(lang)) {
      std::string bundled;
      for (std::string_view l : BannerLanguages()) bundled += (bundled.empty() ? "" : ", ") + std::string(l);
      return JsonError(404, "wafer.banner.language",
                       "no banner is bundled in \"" + lang.substr(0, 16) + "\"; bundled: " + bundled);
    }
    auto snap = ctx.assets.Snapshot();
    auto tmpl = snap->banner_templates.find(lang);
    if (tmpl == snap->banner_templates.end()) {
      return JsonError(503, "wafer.banner.missing",
                       "no banner template for \"" + lang + "\": start the server with --js DIR holding wafer.banner." +
                           lang + ".js");
    }
    absl::StatusOr<std::string> body =
        FillScriptTemplate(tmpl->second, kBannerPlaceholder, RenderBannerData(site->policy, lang));
    if (!body.ok()) return JsonError(503, "wafer.banner.missing", std::string(body.status().message()));
    return ReplyScript(req, *std::move(body), "no-cache", "Accept-Encoding");
  }));

  // The compiled policy under its content-hashed name (the config's
  // policy_file): immutable. The current policy, or one a cached stub may
  // name (PolicyFileMemory); 404 otherwise, and the engine then fails closed.
  router.Add("GET", "/v1/sites/{}/policy.{}", Sync([&ctx](Request& req) {
    const std::string& file = req.params[1];
    if (file == "bin") {
      auto site = ctx.registry.Find(req.params[0]);
      if (!site) return UnknownSite(req.params[0]);
      return ReplyCompiledPolicy(req, site, "no-cache");
    }
    const std::string hash = file.size() == 20 ? file.substr(0, 16) : "";
    if (hash.empty() || file.compare(16, 4, ".bin") != 0 ||
        hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return JsonError(404, "wafer.not_found", "no such file");
    }
    auto site = ctx.policy_files.Find(ctx.registry, req.params[0], hash);
    if (!site) {
      return JsonError(404, "wafer.policy.unknown",
                       "no compiled policy " + hash + " for site \"" + req.params[0].substr(0, 64) + "\"");
    }
    return ReplyCompiledPolicy(req, site, "public, max-age=31536000, immutable");
  }));
}

void AddDemoSiteRoutes(Router& router, ServerContext& ctx) {
  router.Add("GET", "*", Sync([&ctx](Request& req) {
    auto site = ctx.options.sites_dir.empty() ? nullptr : ctx.registry.FindByHost(RequestHost(req));
    auto not_found = [&] { return JsonError(404, "wafer.not_found", "nothing here: " + req.path.substr(0, 200)); };
    if (!site) return not_found();
    auto file = ctx.sites.Find(site->policy.site_id, req.path);
    if (!file) {
      const std::string dir = ctx.sites.DirectoryRedirect(site->policy.site_id, req.path);
      if (dir.empty()) return not_found();
      Response res;
      res.status = 301;
      res.headers.Set("Location", dir);
      return res;
    }
    Response res;
    res.headers.Set("ETag", file->etag);
    res.headers.Set("Cache-Control", "no-cache");
    res.headers.Set("X-Content-Type-Options", "nosniff");
    if (EtagMatches(req, file->etag)) {
      res.status = 304;
      return res;
    }
    res.headers.Set("Content-Type", file->content_type);
    res.body = file->bytes;
    return res;
  }));
}

}  // namespace server
}  // namespace wafer
