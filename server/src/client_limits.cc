#include "client_limits.h"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>

namespace wafer {
namespace server {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool RateLimiter::Allow(const std::string& key) {
  if (rate_ <= 0) return true;
  const double now =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  Shard& shard = shards_[std::hash<std::string>()(key) % shards_.size()];
  std::lock_guard<std::mutex> lock(shard.mu);
  if (shard.buckets.size() > 50000) {
    for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
      it = now - it->second.last > burst_ / rate_ + 1 ? shard.buckets.erase(it) : std::next(it);
    }
  }
  auto [it, added] = shard.buckets.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!added) {
    b.tokens = std::min(burst_, b.tokens + (now - b.last) * rate_);
    b.last = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

bool ConnectionCounter::Acquire(const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  size_t& n = open_[address];
  if (cap_ > 0 && n >= cap_) {
    if (n == 0) open_.erase(address);
    return false;
  }
  ++n;
  return true;
}

void ConnectionCounter::Release(const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_.find(address);
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

size_t ConnectionCounter::Count(const std::string& address) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_.find(address);
  return it == open_.end() ? 0 : it->second;
}

std::string CanonicalAddress(std::string_view s) {
  std::string in(Trim(s));
  if (in.size() >= 2 && in.front() == '[' && in.back() == ']') in = in.substr(1, in.size() - 2);
  in_addr v4;
  if (inet_pton(AF_INET, in.c_str(), &v4) == 1) {
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &v4, buf, sizeof buf);
    return buf;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, in.c_str(), &v6) == 1) {
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(v6.s6_addr, v6.s6_addr + 12, kMapped)) {
      char buf[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, v6.s6_addr + 12, buf, sizeof buf);
      return buf;
    }
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &v6, buf, sizeof buf);
    return buf;
  }
  return "";
}

bool TrustedProxies::ParseAddress(std::string_view s, Network* out) {
  const std::string canonical = CanonicalAddress(s);
  if (canonical.empty()) return false;
  in_addr v4;
  if (inet_pton(AF_INET, canonical.c_str(), &v4) == 1) {
    out->v6 = false;
    out->bytes = {};
    std::copy(reinterpret_cast<const uint8_t*>(&v4), reinterpret_cast<const uint8_t*>(&v4) + 4,
              out->bytes.begin());
    out->prefix = 32;
    return true;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, canonical.c_str(), &v6) != 1) return false;
  out->v6 = true;
  std::copy(v6.s6_addr, v6.s6_addr + 16, out->bytes.begin());
  out->prefix = 128;
  return true;
}

bool TrustedProxies::InNetwork(const Network& a, const Network& net) {
  if (a.v6 != net.v6) return false;
  int bits = net.prefix;
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((a.bytes[i] & mask) != (net.bytes[i] & mask)) return false;
  }
  return true;
}

bool TrustedProxies::Add(std::string_view cidr) {
  cidr = Trim(cidr);
  const size_t slash = cidr.find('/');
  Network net;
  if (!ParseAddress(cidr.substr(0, slash), &net)) return false;
  if (slash != std::string_view::npos) {
    const std::string bits(cidr.substr(slash + 1));
    if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    const int prefix = std::atoi(bits.c_str());
    if (prefix > (net.v6 ? 128 : 32)) return false;
    net.prefix = prefix;
  }
  networks_.push_back(net);
  return true;
}

bool TrustedProxies::Contains(std::string_view address) const {
  Network a;
  if (!ParseAddress(address, &a)) return false;
  for (const Network& n : networks_) {
    if (InNetwork(a, n)) return true;
  }
  return false;
}

std::string TrustedProxies::ClientAddress(const std::string& peer,
                                          std::string_view forwarded_for) const {
  std::string client = CanonicalAddress(peer);
  if (client.empty()) client = peer;
  if (networks_.empty() || !Contains(client)) return client;
  // Right to left: each trusted hop vouches for the entry to its left.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    const std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    const std::string address = CanonicalAddress(entry);
    if (address.empty()) return client;  // Not an address: stop at the last trusted hop.
    client = address;
    if (!Contains(address)) return client;
  }
  return client;
}

}  // namespace server
}  // namespace wafer
