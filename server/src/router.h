// router.h — maps a method and a path to a route handler.
//
// Patterns are literal paths whose segments may hold one "{}" capture, with
// a literal prefix and suffix: "/v1/sites/{}/banner.{}.js" is not allowed
// (two captures in one segment), "/v1/sites/{}/wafer.js" and
// "/v1/sites/{}/policy.{}.bin" are. A capture matches one or more bytes
// other than '/', unchanged (not percent-decoded). Routes are tried in the
// order added; the first match wins. HEAD is routed as GET (the front end
// sends no body).
//
//   Router router;
//   router.Add("GET", "/v1/sites/{}/wafer.js", Sync([](Request& req) { … req.params[0] … }));
//   const Route* r = router.Find(req);   // fills req.params; nullptr: see Allowed()

#ifndef WAFER_SERVER_SRC_ROUTER_H_
#define WAFER_SERVER_SRC_ROUTER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http_message.h"

namespace wafer {
namespace server {

// Called exactly once, from any thread, with the response.
using Reply = std::function<void(Response)>;
using Handler = std::function<void(std::shared_ptr<Request>, Reply)>;

// A handler that answers at once, on the connection's thread.
Handler Sync(std::function<Response(Request&)> fn);

struct Route {
  std::string method;   // "GET", "POST", "DELETE", "OPTIONS", or "*" for any.
  std::string pattern;  // See above; "*" matches every path.
  Handler handler;
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  // The first route for req.method (HEAD as GET) and req.path; fills
  // req.params. nullptr if none.
  const Route* Find(Request& req) const;
  // The methods some route accepts for `path` (for 405's Allow), "" if none.
  std::string Allowed(const std::string& path) const;

 private:
  static bool Match(const std::string& pattern, const std::string& path,
                    std::vector<std::string>* params);
  std::vector<Route> routes_;
};

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_ROUTER_H_
