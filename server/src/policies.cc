#include "policies.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util.h"
#include "wafer/compiler.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;

// ParsePolicy refuses more than 1 MiB: a bigger file is not even read.
constexpr uintmax_t kMaxPolicyFileBytes = 1 << 20;

bool UnderDomain(const std::string& host, std::string_view domain) {
  if (domain.empty() || host.size() < domain.size()) return false;
  if (host.compare(host.size() - domain.size(), domain.size(), domain.data(), domain.size()) != 0) {
    return false;
  }
  return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

std::vector<fs::path> PolicyFiles(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".json" && p.filename().string()[0] != '.' && it->is_regular_file(ec)) {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void LogPolicyEvent(const std::string& level, const std::string& path, const std::string& msg) {
  LogEvent(level, "policy", msg, {{"path", path}});
}

}  // namespace

bool Site::ServesHost(const std::string& host) const {
  for (const std::string& d : policy.domains) {
    if (UnderDomain(host, d)) return true;
  }
  return false;
}

std::string Site::CookieDomainFor(const std::string& host) const {
  for (std::string_view d : view.domains) {
    if (UnderDomain(host, d)) return std::string(d);
  }
  return "";
}

PolicyRegistry::PolicyRegistry(std::string dir, PublicSuffixList psl)
    : dir_(std::move(dir)), psl_(std::move(psl)), sites_(std::make_shared<SiteMap>()) {}

std::string PolicyRegistry::Fingerprint() const {
  std::ostringstream out;
  for (const fs::path& p : PolicyFiles(dir_)) {
    struct stat st;
    if (stat(p.c_str(), &st) == 0) {
      out << p.string() << ':' << st.st_mtim.tv_sec << '.' << st.st_mtim.tv_nsec << ':' << st.st_size
          << ';';
    }
  }
  return out.str();
}

bool PolicyRegistry::ReloadIfChanged() {
  std::string fp = Fingerprint();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fp == fingerprint_) return false;
  }
  Reload();
  return true;
}

std::vector<std::string> PolicyRegistry::Reload() {
  std::lock_guard<std::mutex> reload_lock(reload_mu_);
  std::string fp = Fingerprint();
  std::vector<std::string> errors;
  std::map<std::string, std::shared_ptr<const Site>> good;
  {
    std::lock_guard<std::mutex> lock(mu_);
    good = good_;
  }
  std::vector<fs::path> files = PolicyFiles(dir_);
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) errors.push_back(dir_ + ": not a readable directory");
  // Forget files that are gone.
  for (auto it = good.begin(); it != good.end();) {
    if (std::find(files.begin(), files.end(), fs::path(it->first)) == files.end()) {
      LogPolicyEvent("info", it->first, "policy file removed: site \"" + it->second->policy.site_id + "\" no longer served");
      it = good.erase(it);
    } else {
      ++it;
    }
  }
  for (const fs::path& p : files) {
    const std::string path = p.string();
    std::string failure;
    auto site = std::make_shared<Site>();
    site->path = path;
    std::stringstream buf;
    std::error_code size_ec;
    const uintmax_t size = fs::file_size(p, size_ec);
    std::ifstream in;
    if (!size_ec && size > kMaxPolicyFileBytes) {
      failure = "[wafer.policy.range] policy larger than " + std::to_string(kMaxPolicyFileBytes) +
                " bytes (not read)";
    } else {
      in.open(p, std::ios::binary);
      buf << in.rdbuf();
    }
    if (!failure.empty()) {
      // Reported below.
    } else if (!in) {
      failure = "cannot read the file";
    } else {
      std::vector<PolicyError> perrors;
      absl::StatusOr<Policy> policy = ParsePolicy(buf.str(), &perrors);
      if (!policy.ok()) {
        if (perrors.empty()) {
          failure = std::string(policy.status().message());
        } else {
          for (size_t i = 0; i < perrors.size(); ++i) failure += (i ? "; " : "") + perrors[i].ToString();
        }
      } else {
        absl::StatusOr<std::string> compiled = CompilePolicy(*policy, psl_);
        if (!compiled.ok()) {
          failure = std::string(compiled.status().message());
        } else {
          site->policy = std::move(*policy);
          site->compiled = std::move(*compiled);
          if (!CompiledPolicy::Parse(site->compiled, &site->view)) {
            failure = "the compiled policy does not parse back (compiler bug)";
          }
        }
      }
    }
    if (failure.empty()) {
      site->policy_hash = Hex(Sha256(site->compiled));
      site->etag = "\"" + site->policy_hash.substr(0, 16) + "\"";
      auto old = good.find(path);
      if (old == good.end() || old->second->policy_hash != site->policy_hash) {
        LogPolicyEvent("info", path, "loaded site \"" + site->policy.site_id + "\" revision " +
                                         std::to_string(site->policy.revision) + " (" +
                                         site->policy_hash.substr(0, 12) + ")");
      }
      good[path] = site;
    } else {
      std::string kept = good.count(path) ? "; keeping the last good version" : "; site not served";
      errors.push_back(path + ": " + failure);
      LogPolicyEvent("error", path, failure + kept);
    }
  }
  auto sites = std::make_shared<SiteMap>();
  for (const auto& [path, site] : good) {
    auto [it, added] = sites->emplace(site->policy.site_id, site);
    if (!added) {
      std::string msg = "site id \"" + site->policy.site_id + "\" is already served from " + it->second->path;
      errors.push_back(path + ": " + msg);
      LogPolicyEvent("error", path, msg);
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  good_ = std::move(good);
  sites_ = std::move(sites);
  errors_ = errors;
  fingerprint_ = fp;
  ++generation_;
  return errors;
}

std::shared_ptr<const Site> PolicyRegistry::Find(const std::string& site_id) const {
  std::shared_ptr<const SiteMap> sites;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sites = sites_;
  }
  auto it = sites->find(site_id);
  return it == sites->end() ? nullptr : it->second;
}

std::shared_ptr<const Site> PolicyRegistry::FindByHost(const std::string& host) const {
  std::shared_ptr<const SiteMap> sites;
  {
    std::lock_guard<std::mutex> lock(mu_);
    sites = sites_;
  }
  // The longest matching domain wins (app.kaizenify.com before kaizenify.com).
  std::shared_ptr<const Site> best;
  size_t best_len = 0;
  for (const auto& [id, site] : *sites) {
    for (const std::string& d : site->policy.domains) {
      if (d.size() > best_len && UnderDomain(host, d)) {
        best = site;
        best_len = d.size();
      }
    }
  }
  return best;
}

std::vector<std::shared_ptr<const Site>> PolicyRegistry::All() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<const Site>> out;
  for (const auto& [id, site] : *sites_) out.push_back(site);
  return out;
}

size_t PolicyRegistry::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sites_->size();
}

std::vector<std::string> PolicyRegistry::last_errors() const {
  std::lock_guard<std::mutex> lock(mu_);
  return errors_;
}

uint64_t PolicyRegistry::generation() const {
  std::lock_guard<std::mutex> lock(mu_);
  return generation_;
}

}  // namespace server
}  // namespace wafer
