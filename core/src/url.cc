#include "wafer/url.h"

#include <cstdint>
#include <vector>

namespace wafer {
namespace {

#include "internal/idna_ascii.inc"

// Bounds on hostile input: longer URLs or hosts match nothing.
constexpr size_t kMaxUrl = 1 << 16;
constexpr size_t kMaxHost = 1024;

bool IsAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool IsSlash(char c) { return c == '/' || c == '\\'; }

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  c = Lower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

// A URL with a special scheme, as far as matching needs it.
struct Url {
  std::string scheme;
  std::string host;
  std::string path;  // "/segment/segment…", segments as written ("" for none).
  std::string query;
  bool has_query = false;
};

enum class Result { kOk, kNotHttp, kFailure };

// ---- Hosts (URL standard "host parsing", special schemes) ----

// The mapping of non-ASCII code point `cp` (scripts/idna-ascii.mjs): sets
// `*ascii` and returns 1 when it maps to ASCII (possibly nothing), 0 when it
// stays non-ASCII, -1 when the host is refused.
int MapToAscii(uint32_t cp, std::string* ascii) {
  const unsigned char* p = kIdnaAscii;
  const unsigned char* end = kIdnaAscii + sizeof(kIdnaAscii);
  auto varint = [&p, end]() {
    uint32_t v = 0;
    for (int shift = 0; p < end && shift < 28; shift += 7) {
      const unsigned char b = *p++;
      v |= static_cast<uint32_t>(b & 127) << shift;
      if (!(b & 128)) break;
    }
    return v;
  };
  uint32_t next = 0x80;
  while (p < end) {
    const uint32_t start = next + varint();
    const uint32_t last = start + varint();
    const unsigned char kind = p < end ? *p++ : 0;
    const unsigned char* data = p;
    if (kind == 1) p += 1;
    if (kind == 2) p += 1 + (p < end ? *p : 0);
    next = last + 1;
    if (cp < start) return 0;
    if (cp > last) continue;
    if (kind == 0) return -1;
    if (kind == 1) {
      ascii->push_back(static_cast<char>(data[0] + (cp - start)));
    } else {
      ascii->append(reinterpret_cast<const char*>(data + 1), data[0]);
    }
    return 1;
  }
  return 0;
}

// Decodes one UTF-8 sequence at `*i`; false if it is not well formed.
bool NextCodePoint(std::string_view s, size_t* i, uint32_t* cp) {
  const unsigned char b = static_cast<unsigned char>(s[*i]);
  int n = 0;
  uint32_t v = b;
  if (b >= 0xc2 && b <= 0xdf) {
    n = 1, v = b & 0x1f;
  } else if (b >= 0xe0 && b <= 0xef) {
    n = 2, v = b & 0x0f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 3, v = b & 0x07;
  } else if (b >= 0x80) {
    return false;
  }
  for (int k = 1; k <= n; ++k) {
    if (*i + k >= s.size()) return false;
    const unsigned char c = static_cast<unsigned char>(s[*i + k]);
    if ((c & 0xc0) != 0x80) return false;
    v = (v << 6) | (c & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((n == 2 && v < 0x800) || (n == 3 && (v < 0x10000 || v > 0x10ffff)) ||
      (v >= 0xd800 && v <= 0xdfff)) {
    return false;
  }
  *i += n + 1;
  *cp = v;
  return true;
}

// RFC 3492 Punycode of one label (code points); false on overflow.
bool Punycode(const std::vector<uint32_t>& in, std::string* out) {
  constexpr uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
  auto digit = [](uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + d - 26); };
  auto adapt = [](uint64_t delta, uint64_t points, bool first) {
    delta = first ? delta / kDamp : delta / 2;
    delta += delta / points;
    uint64_t k = 0;
    while (delta > ((kBase - kTmin) * kTmax) / 2) {
      delta /= kBase - kTmin;
      k += kBase;
    }
    return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
  };
  size_t basic = 0;
  for (uint32_t c : in) {
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      ++basic;
    }
  }
  if (basic > 0) out->push_back('-');
  uint64_t n = 0x80, delta = 0, bias = 72;
  for (size_t h = basic; h < in.size();) {
    uint64_t m = UINT64_MAX;
    for (uint32_t c : in) {
      if (c >= n && c < m) m = c;
    }
    delta += (m - n) * (h + 1);
    n = m;
    for (uint32_t c : in) {
      if (c < n) ++delta;
      if (c != n) continue;
      uint64_t q = delta;
      for (uint64_t k = kBase;; k += kBase) {
        const uint64_t t = k <= bias ? kTmin : k >= bias + kTmax ? kTmax : k - bias;
        if (q < t) break;
        out->push_back(digit(static_cast<uint32_t>(t + (q - t) % (kBase - t))));
        q = (q - t) / (kBase - t);
      }
      out->push_back(digit(static_cast<uint32_t>(q)));
      bias = adapt(delta, h + 1, h == basic);
      delta = 0;
      ++h;
    }
    ++delta;
    ++n;
    if (delta > (uint64_t{1} << 40)) return false;
  }
  return true;
}

// URL standard "IPv4 number parser": false on failure.
bool Ipv4Number(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  int radix = 10;
  if (s.size() >= 2 && s[0] == '0' && Lower(s[1]) == 'x') {
    radix = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    radix = 8;
    s.remove_prefix(1);
  }
  uint64_t v = 0;
  for (char c : s) {
    const int d = HexValue(c);
    if (d < 0 || d >= radix) return false;
    v = v * radix + d;
    if (v > (uint64_t{1} << 40)) v = uint64_t{1} << 40;  // Out of range anyway.
  }
  *out = v;
  return true;
}

// "Ends in a number", then the IPv4 parser: a numeric host becomes a dotted
// quad; kFailure if it ends in a number but is no address.
Result Ipv4(std::string* host) {
  std::string_view h = *host;
  if (h.size() > 1 && h.back() == '.') h.remove_suffix(1);
  const std::string_view last = h.substr(h.rfind('.') + 1);
  bool digits = !last.empty();
  for (char c : last) digits &= IsDigit(c);
  uint64_t n[4] = {0, 0, 0, 0};
  if (!digits && !Ipv4Number(last, n)) return Result::kOk;  // A domain.
  size_t count = 0;
  for (size_t start = 0;; ++count) {
    const size_t dot = h.find('.', start);
    if (count == 4 || !Ipv4Number(h.substr(start, dot - start), &n[count])) return Result::kFailure;
    if (dot == std::string_view::npos) break;
    if (n[count] > 255) return Result::kFailure;
    start = dot + 1;
  }
  if (n[count] >= (uint64_t{1} << (8 * (4 - count)))) return Result::kFailure;
  uint64_t address = n[count];
  for (size_t i = 0; i < count; ++i) address += n[i] << (8 * (3 - i));
  host->clear();
  for (int shift = 24; shift >= 0; shift -= 8) {
    const unsigned byte = (address >> shift) & 255;
    if (byte >= 100) host->push_back(static_cast<char>('0' + byte / 100));
    if (byte >= 10) host->push_back(static_cast<char>('0' + byte / 10 % 10));
    host->push_back(static_cast<char>('0' + byte % 10));
    if (shift) host->push_back('.');
  }
  return Result::kOk;
}

// Host parsing for a special scheme: percent-decode, map to ASCII (UTS #46 as
// in the browser, Punycode for labels that stay non-ASCII), refuse forbidden
// code points, read numeric hosts as IPv4.
Result ParseHost(std::string_view in, std::string* host) {
  if (in.empty() || in.size() > kMaxHost) return Result::kFailure;
  if (in[0] == '[') return in.back() == ']' ? Result::kNotHttp : Result::kFailure;  // IPv6.
  std::string bytes;
  for (size_t i = 0; i < in.size(); ++i) {
    int hi = 0, lo = 0;
    if (in[i] == '%' && i + 2 < in.size() && (hi = HexValue(in[i + 1])) >= 0 &&
        (lo = HexValue(in[i + 2])) >= 0) {
      bytes.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      bytes.push_back(in[i]);
    }
  }
  host->clear();
  std::vector<uint32_t> label;  // The current label's code points.
  bool non_ascii = false;
  auto end_label = [&]() {
    if (non_ascii) {
      host->append("xn--");
      if (!Punycode(label, host)) return false;
    } else {
      for (uint32_t c : label) host->push_back(static_cast<char>(c));
    }
    label.clear();
    non_ascii = false;
    return true;
  };
  auto add_ascii = [&](char c) {
    if (c == '.') {
      if (!end_label()) return false;
      host->push_back('.');
    } else {
      label.push_back(static_cast<unsigned char>(Lower(c)));
    }
    return true;
  };
  for (size_t i = 0; i < bytes.size();) {
    uint32_t cp = 0;
    if (!NextCodePoint(bytes, &i, &cp)) return Result::kFailure;
    if (cp < 0x80) {
      if (!add_ascii(static_cast<char>(cp))) return Result::kFailure;
      continue;
    }
    std::string ascii;
    const int mapped = MapToAscii(cp, &ascii);
    if (mapped < 0) return Result::kFailure;
    if (mapped == 0) {
      label.push_back(cp);
      non_ascii = true;
      continue;
    }
    for (char c : ascii) {
      if (!add_ascii(c)) return Result::kFailure;
    }
  }
  if (!end_label() || host->empty()) return Result::kFailure;
  for (char c : *host) {
    // Forbidden domain code points (URL standard).
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || std::string_view("#%/:<>?@[\\]^|").find(c) != std::string_view::npos) {
      return Result::kFailure;
    }
  }
  return Ipv4(host);
}

// ---- The URL parser (special schemes only) ----

bool IsSingleDot(std::string_view s) { return s == "." || EqualsLower(s, "%2e"); }
bool IsDoubleDot(std::string_view s) {
  return s == ".." || EqualsLower(s, ".%2e") || EqualsLower(s, "%2e.") || EqualsLower(s, "%2e%2e");
}

void Shorten(std::string* path) {
  const size_t slash = path->rfind('/');
  path->erase(slash == std::string::npos ? 0 : slash);
}

// Path state to the end: segments, dot segments resolved, then the query.
void ParsePath(std::string_view s, Url* url) {
  for (size_t i = 0, start = 0;; ++i) {
    const bool end = i >= s.size();
    const char c = end ? 0 : s[i];
    if (!end && !IsSlash(c) && c != '?' && c != '#') continue;
    const std::string_view segment = s.substr(start, i - start);
    const bool slash = !end && IsSlash(c);
    if (IsDoubleDot(segment)) {
      Shorten(&url->path);
      if (!slash) url->path.push_back('/');
    } else if (IsSingleDot(segment)) {
      if (!slash) url->path.push_back('/');
    } else {
      url->path.push_back('/');
      url->path.append(segment);
    }
    start = i + 1;
    if (c == '?') {
      url->has_query = true;
      url->query = std::string(s.substr(i + 1, s.find('#', i + 1) - (i + 1)));
    }
    if (!slash) return;
  }
}

// From the authority (after the slashes) to the end.
Result ParseAuthority(std::string_view s, Url* url) {
  size_t end = 0;
  while (end < s.size() && !IsSlash(s[end]) && s[end] != '?' && s[end] != '#') ++end;
  std::string_view host = s.substr(0, end);
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  // The port: after the first ':' outside an IPv6 address's brackets.
  size_t colon = host.find(':');
  if (!host.empty() && host[0] == '[') {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return Result::kFailure;
    colon = close + 1 < host.size() ? close + 1 : std::string_view::npos;
    if (colon != std::string_view::npos && host[colon] != ':') return Result::kFailure;
  }
  if (colon != std::string_view::npos) {
    uint64_t value = 0;
    for (char c : host.substr(colon + 1)) {
      if (!IsDigit(c)) return Result::kFailure;
      value = value * 10 + (c - '0');
      if (value > 65535) return Result::kFailure;
    }
    host = host.substr(0, colon);
  }
  const Result r = ParseHost(host, &url->host);
  if (r != Result::kOk) return r;
  ParsePath(s.substr(end < s.size() && IsSlash(s[end]) ? end + 1 : end), url);
  return Result::kOk;
}

std::string_view SkipSlashes(std::string_view s) {
  while (!s.empty() && IsSlash(s[0])) s.remove_prefix(1);
  return s;
}

// `s` relative to `base` (same special scheme): the relative state.
Result ParseRelative(std::string_view s, const Url& base, Url* url) {
  url->scheme = base.scheme;
  if (!s.empty() && IsSlash(s[0])) {
    if (s.size() > 1 && IsSlash(s[1])) return ParseAuthority(SkipSlashes(s), url);
    url->host = base.host;
    ParsePath(s.substr(1), url);
    return Result::kOk;
  }
  url->host = base.host;
  url->path = base.path;
  if (s.empty() || s[0] == '#') {
    url->query = base.query;
    url->has_query = base.has_query;
  } else if (s[0] == '?') {
    url->has_query = true;
    url->query = std::string(s.substr(1, s.find('#') - 1));
  } else {
    Shorten(&url->path);
    ParsePath(s, url);
  }
  return Result::kOk;
}

bool IsSpecial(std::string_view scheme) {
  return scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" ||
         scheme == "ftp" || scheme == "file";
}

// The basic URL parser for what matching needs. `base`: nullptr for none.
Result Parse(std::string_view in, const Url* base, Url* url) {
  if (in.size() > kMaxUrl) return Result::kFailure;
  // Leading and trailing C0 controls and spaces go; tabs and newlines anywhere.
  while (!in.empty() && static_cast<unsigned char>(in.front()) <= 0x20) in.remove_prefix(1);
  while (!in.empty() && static_cast<unsigned char>(in.back()) <= 0x20) in.remove_suffix(1);
  std::string s;
  s.reserve(in.size());
  for (char c : in) {
    if (c != '\t' && c != '\n' && c != '\r') s.push_back(c);
  }
  size_t i = 0;
  if (!s.empty() && IsAlpha(s[0])) {
    i = 1;
    while (i < s.size() && (IsAlpha(s[i]) || IsDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  }
  if (i == 0 || i >= s.size() || s[i] != ':') {
    // No scheme: relative to the base.
    if (base == nullptr) return Result::kFailure;
    return ParseRelative(s, *base, url);
  }
  for (size_t k = 0; k < i; ++k) url->scheme.push_back(Lower(s[k]));
  if (!IsSpecial(url->scheme) || url->scheme == "ftp" || url->scheme == "file") return Result::kNotHttp;
  const std::string_view rest = std::string_view(s).substr(i + 1);
  if (base != nullptr && base->scheme == url->scheme &&
      !(rest.size() >= 2 && rest[0] == '/' && rest[1] == '/')) {
    return ParseRelative(rest, *base, url);
  }
  return ParseAuthority(SkipSlashes(rest), url);
}

// The rest of the rule: escapes of printable ASCII decoded (but "%25"), the
// others in upper case, characters outside printable ASCII escaped.
void AppendNormalized(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int hi = 0, lo = 0;
    if (c == '%' && i + 2 < s.size() && (hi = HexValue(s[i + 1])) >= 0 &&
        (lo = HexValue(s[i + 2])) >= 0) {
      c = static_cast<unsigned char>(hi * 16 + lo);
      i += 2;
      if (c > 0x20 && c < 0x7f && c != '%') {
        out->push_back(static_cast<char>(c));
        continue;
      }
    } else if (c > 0x20 && c < 0x7f) {
      out->push_back(static_cast<char>(c));
      continue;
    }
    out->push_back('%');
    out->push_back(kHex[c >> 4]);
    out->push_back(kHex[c & 15]);
  }
}

}  // namespace

bool ParseUrlForMatch(std::string_view url, std::string_view base, UrlParts* out) {
  Url b, u;
  const bool has_base = !base.empty() && Parse(base, nullptr, &b) == Result::kOk;
  if (Parse(url, has_base ? &b : nullptr, &u) != Result::kOk) return false;
  if (u.scheme != "http" && u.scheme != "https" && u.scheme != "ws" && u.scheme != "wss") return false;
  out->host = std::move(u.host);
  if (!out->host.empty() && out->host.back() == '.') out->host.pop_back();
  out->rest.clear();
  AppendNormalized(std::string_view(u.path).substr(u.path.empty() ? 0 : 1), &out->rest);
  if (u.has_query && !u.query.empty()) {
    out->rest.push_back('?');
    AppendNormalized(u.query, &out->rest);
  }
  return true;
}

}  // namespace wafer
