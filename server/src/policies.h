// policies.h — the site policies the server serves, from a directory of JSON.
//
// Every *.json in the directory is a site policy. Each is parsed, validated
// and compiled by the core (policy.h, compiler.h) at start and on every
// Reload(); a file that fails — whatever it holds: broken JSON, nesting 100k
// deep, megabytes — keeps its last good version serving and the exact error
// is logged with the file's path. Lookups take a snapshot that later reloads
// never mutate.
//
//   PolicyRegistry registry(dir, *PublicSuffixList::Load(kDefaultPublicSuffixListPath));
//   registry.Reload();
//   std::shared_ptr<const Site> site = registry.Find("kalido");
//   std::shared_ptr<const Site> by_host = registry.FindByHost("www.kalido-pro.com");

#ifndef WAFER_SERVER_SRC_POLICIES_H_
#define WAFER_SERVER_SRC_POLICIES_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "wafer/compiled_policy.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace wafer {
namespace server {

struct Site {
  std::string path;          // The policy file.
  Policy policy;
  std::string compiled;      // CompilePolicy() bytes.
  CompiledPolicy view;       // Views into `compiled`.
  std::string policy_hash;   // sha256 hex of `compiled`.
  std::string etag;          // "\"<first 16 hex of policy_hash>\""

  // True if `host` (lower case, no port) is one of the site's domains or a
  // subdomain of one.
  bool ServesHost(const std::string& host) const;
  // The registrable domain `host` is under, for the cookie's Domain; "" if none.
  std::string CookieDomainFor(const std::string& host) const;
};

class PolicyRegistry {
 public:
  PolicyRegistry(std::string dir, PublicSuffixList psl);

  // Re-reads the directory. Returns the errors of this pass, one line each:
  // "<path>: [wafer.policy.unknown_key] categories[1].foo: unknown key …".
  std::vector<std::string> Reload();
  // Re-reads only if a file was added, removed or changed (mtime, size).
  bool ReloadIfChanged();

  std::shared_ptr<const Site> Find(const std::string& site_id) const;
  std::shared_ptr<const Site> FindByHost(const std::string& host) const;
  std::vector<std::shared_ptr<const Site>> All() const;
  size_t size() const;
  std::vector<std::string> last_errors() const;
  uint64_t generation() const;  // Bumped by every Reload().

 private:
  using SiteMap = std::map<std::string, std::shared_ptr<const Site>>;
  std::string Fingerprint() const;

  std::string dir_;
  PublicSuffixList psl_;
  mutable std::mutex mu_;
  std::shared_ptr<const SiteMap> sites_;                    // By site id.
  std::map<std::string, std::shared_ptr<const Site>> good_;  // Last good, by path.
  std::vector<std::string> errors_;
  std::string fingerprint_;
  uint64_t generation_ = 0;
  std::mutex reload_mu_;
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_POLICIES_H_
