#include "wafer/cookie_header.h"

namespace wafer {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<CookiePair> ParseCookieHeader(std::string_view header) {
  std::vector<CookiePair> pairs;
  while (!header.empty() && pairs.size() < kMaxCookiePairs) {
    const size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    pair = Trim(pair);
    if (pair.empty()) continue;
    CookiePair p;
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      p.value = pair;
    } else {
      p.name = Trim(pair.substr(0, eq));
      p.value = Trim(pair.substr(eq + 1));
    }
    if (p.value.size() >= 2 && p.value.front() == '"' && p.value.back() == '"') {
      p.value = p.value.substr(1, p.value.size() - 2);
    }
    pairs.push_back(p);
  }
  return pairs;
}

}  // namespace wafer
