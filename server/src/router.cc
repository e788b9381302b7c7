#include "router.h"

#include <string_view>

namespace wafer {
namespace server {

Handler Sync(std::function<Response(Request&)> fn) {
  return [fn = std::move(fn)](std::shared_ptr<Request> req, Reply reply) { reply(fn(*req)); };
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler)});
}

bool Router::Match(const std::string& pattern, const std::string& path,
                   std::vector<std::string>* params) {
  params->clear();
  if (pattern == "*") return true;
  std::string_view p = pattern, s = path;
  while (true) {
    const size_t pe = p.find('/'), se = s.find('/');
    const std::string_view pseg = p.substr(0, pe), sseg = s.substr(0, se);
    const size_t brace = pseg.find("{}");
    if (brace == std::string_view::npos) {
      if (pseg != sseg) return false;
    } else {
      const std::string_view prefix = pseg.substr(0, brace), suffix = pseg.substr(brace + 2);
      if (sseg.size() <= prefix.size() + suffix.size() || sseg.substr(0, prefix.size()) != prefix ||
          sseg.substr(sseg.size() - suffix.size()) != suffix) {
        return false;
      }
      params->emplace_back(sseg.substr(prefix.size(), sseg.size() - prefix.size() - suffix.size()));
    }
    if (pe == std::string_view::npos || se == std::string_view::npos) {
      return pe == std::string_view::npos && se == std::string_view::npos;
    }
    p.remove_prefix(pe + 1);
    s.remove_prefix(se + 1);
  }
}

const Route* Router::Find(Request& req) const {
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  for (const Route& r : routes_) {
    if (r.method != "*" && r.method != method) continue;
    if (Match(r.pattern, req.path, &req.params)) return &r;
  }
  req.params.clear();
  return nullptr;
}

std::string Router::Allowed(const std::string& path) const {
  std::string out;
  std::vector<std::string> ignored;
  for (const Route& r : routes_) {
    if (r.method == "*" || !Match(r.pattern, path, &ignored)) continue;
    if (out.find(r.method) != std::string::npos) continue;
    out += (out.empty() ? "" : ", ") + r.method;
    if (r.method == "GET") out += ", HEAD";
  }
  return out;
}

}  // namespace server
}  // namespace wafer
