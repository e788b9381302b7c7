// routes.h — what the route families share, and how each is added.
//
// One file per family: routes_assets.cc (engine and loader bundles),
// routes_sites.cc (each site's stub, banner, compiled policy, and the demo
// sites' files), routes_receipts.cc (POST /v1/consents, CORS), routes_admin.cc
// (the admin API and dashboard). server.cc wires them into one Router, in
// that order, with the demo sites last (their route takes every GET path).

#ifndef WAFER_SERVER_SRC_ROUTES_H_
#define WAFER_SERVER_SRC_ROUTES_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "assets.h"
#include "keyring.h"
#include "client_limits.h"
#include "policies.h"
#include "router.h"
#include "server.h"
#include "static_files.h"
#include "store.h"

namespace wafer {
namespace server {

// Compiled policies named by stubs this server served, per site, so that a
// stub still cached by a browser finds the policy file it names.
class PolicyFileMemory {
 public:
  static constexpr size_t kKept = 8;
  // "/v1/sites/<id>/policy.<first 16 hex of sha256>.bin", remembered.
  std::string Remember(const std::shared_ptr<const Site>& site);
  // The site's current policy or a remembered one whose hash starts `hash16`.
  std::shared_ptr<const Site> Find(const PolicyRegistry& registry, const std::string& site_id,
                                   const std::string& hash16) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::shared_ptr<const Site>>> kept_;
};

struct ServerContext {
  const ServerOptions& options;
  PolicyRegistry& registry;
  AssetStore& assets;
  StaticFiles& sites;
  Store& store;
  GroupCommitter& committer;
  KeyRingFile& keys;
  RateLimiter& receipt_limiter;  // Per client address (behind trusted proxies: the client).
  RateLimiter& admin_limiter;    // Per socket address.
  const TrustedProxies& proxies;
  PolicyFileMemory& policy_files;
  std::function<void(std::function<void()>)> run_blocking;

  // The client's address (TrustedProxies::ClientAddress).
  std::string ClientAddress(const Request& req) const;
  // Over TLS: the server's own, or X-Forwarded-Proto from a trusted proxy.
  bool IsHttps(const Request& req) const;
  // "https://consent.example.com": --public-url, else from Host; "" if Host is odd.
  std::string BaseUrl(const Request& req) const;
  // A 429 if `limiter` has no token left for `key`.
  std::optional<Response> RateLimited(RateLimiter& limiter, const std::string& key) const;
};

void AddAssetRoutes(Router& router, ServerContext& ctx);
void AddSiteRoutes(Router& router, ServerContext& ctx);
void AddReceiptRoutes(Router& router, ServerContext& ctx);
void AddAdminRoutes(Router& router, ServerContext& ctx);
void AddDemoSiteRoutes(Router& router, ServerContext& ctx);

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_ROUTES_H_
