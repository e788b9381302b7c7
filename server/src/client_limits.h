// client_limits.h — what bounds a client: token buckets per key, open connections
// per address, and which address a request is from when trusted proxies
// forward it.
//
//   TrustedProxies proxies;
//   proxies.Add("10.0.0.0/8");                    // false on a malformed CIDR
//   std::string client = proxies.ClientAddress(req.peer, req.headers.Get("X-Forwarded-For"));
//   RateLimiter receipts(20, 60);                 // 20/s, bursts of 60, per client
//   if (!receipts.Allow(client)) …                // 429
//   ConnectionCounter per_address(64);
//   if (!per_address.Acquire(peer)) …             // close the connection
//   per_address.Release(peer);

#ifndef WAFER_SERVER_SRC_CLIENT_LIMITS_H_
#define WAFER_SERVER_SRC_CLIENT_LIMITS_H_

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wafer {
namespace server {

// Per-key token buckets (`rate` per second, up to `burst`), sharded to keep
// each lock short; idle buckets are dropped when a shard grows large.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  bool enabled() const { return rate_ > 0; }
  // Takes a token for `key`; false if none is left. Always true when disabled.
  bool Allow(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    double last;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  double rate_;
  double burst_;
  std::array<Shard, 16> shards_;
};

// Open connections per peer address, capped (0 = no cap).
class ConnectionCounter {
 public:
  explicit ConnectionCounter(size_t cap) : cap_(cap) {}
  // Counts a connection from `address`; false (and not counted) at the cap.
  bool Acquire(const std::string& address);
  void Release(const std::string& address);
  size_t Count(const std::string& address) const;

 private:
  size_t cap_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, size_t> open_;
};

// A set of networks ("10.0.0.0/8", "2001:db8::/32", "192.0.2.7") whose
// X-Forwarded-For entries the server believes.
class TrustedProxies {
 public:
  // False if `cidr` is not an IPv4 or IPv6 address with an optional prefix.
  bool Add(std::string_view cidr);
  bool empty() const { return networks_.empty(); }
  bool Contains(std::string_view address) const;
  // The client a request is from, canonical: the socket peer, unless the
  // peer is a trusted proxy; then the rightmost X-Forwarded-For entry that
  // is not a trusted proxy (each proxy appends the address it saw, so only
  // entries right of the first untrusted one were written by proxies we
  // trust; anything further left is whatever the client sent). If that entry
  // is not an address, or every entry is a trusted proxy, the last trusted
  // address seen is the client. Without trusted proxies the header is
  // ignored.
  std::string ClientAddress(const std::string& peer, std::string_view forwarded_for) const;

 private:
  struct Network {
    bool v6 = false;
    std::array<uint8_t, 16> bytes{};
    int prefix = 0;
  };
  static bool ParseAddress(std::string_view s, Network* out);
  static bool InNetwork(const Network& address, const Network& net);
  std::vector<Network> networks_;
};

// Canonical text of an address ("::ffff:192.0.2.1" → "192.0.2.1"), or "" if
// `s` is not one.
std::string CanonicalAddress(std::string_view s);

}  // namespace server
}  // namespace wafer

#endif  // WAFER_SERVER_SRC_CLIENT_LIMITS_H_
