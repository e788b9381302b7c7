#include "http_message.h"

#include <cstdlib>

namespace wafer {
namespace server {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view Headers::Get(std::string_view name) const {
  for (const auto& [n, v] : fields_) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return {};
}

bool Headers::Has(std::string_view name) const { return Count(name) > 0; }

std::string Headers::Joined(std::string_view name) const {
  std::string out;
  for (const auto& [n, v] : fields_) {
    if (!EqualsIgnoreCase(n, name)) continue;
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

size_t Headers::Count(std::string_view name) const {
  size_t n = 0;
  for (const auto& f : fields_) n += EqualsIgnoreCase(f.first, name) ? 1 : 0;
  return n;
}

void Headers::Set(std::string name, std::string value) {
  for (auto it = fields_.begin(); it != fields_.end();) {
    it = EqualsIgnoreCase(it->first, name) ? fields_.erase(it) : it + 1;
  }
  fields_.emplace_back(std::move(name), std::move(value));
}

bool PercentDecode(std::string_view s, std::string* out) {
  out->clear();
  out->reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out->push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return false;
    const int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

bool Request::HasQuery(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    std::string_view item = q.substr(0, amp);
    const std::string_view key = item.substr(0, item.find('='));
    std::string decoded;
    if (PercentDecode(key, &decoded) && decoded == name) return true;
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return false;
}

std::string Request::Query(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    const size_t amp = q.find('&');
    std::string_view item = q.substr(0, amp);
    const size_t eq = item.find('=');
    std::string key, value;
    if (PercentDecode(item.substr(0, eq), &key) && key == name) {
      if (eq == std::string_view::npos) return "";
      return PercentDecode(item.substr(eq + 1), &value) ? value : "";
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return "";
}

std::string DumpJson(const nlohmann::json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

Response JsonResponse(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.headers.Set("Content-Type", "application/json");
  r.body = DumpJson(body);
  return r;
}

Response JsonError(int status, std::string_view code, std::string_view message,
                   std::string_view path) {
  nlohmann::json error = {{"code", code}};
  if (!path.empty()) error["path"] = path;
  error["message"] = message;
  return JsonResponse(status, {{"error", error}});
}

bool EtagMatches(const Request& req, std::string_view etag) {
  std::string_view inm = Trim(req.headers.Get("If-None-Match"));
  if (inm.empty()) return false;
  if (inm == "*") return true;
  std::string_view bare = etag.substr(0, 2) == "W/" ? etag.substr(2) : etag;
  while (!inm.empty()) {
    const size_t comma = inm.find(',');
    std::string_view item = Trim(inm.substr(0, comma));
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == bare) return true;
    if (comma == std::string_view::npos) break;
    inm.remove_prefix(comma + 1);
  }
  return false;
}

bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding) {
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    const size_t semi = item.find(';');
    if (EqualsIgnoreCase(Trim(item.substr(0, semi)), coding)) {
      if (semi == std::string_view::npos) return true;
      std::string_view params = item.substr(semi + 1);
      const size_t q = params.find("q=");
      if (q == std::string_view::npos) return true;
      return std::strtod(std::string(params.substr(q + 2)).c_str(), nullptr) > 0;
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string RequestHost(const Request& req) {
  std::string host(req.headers.Get("Host"));
  if (!host.empty() && host[0] == '[') {
    const size_t end = host.find(']');
    return AsciiLower(end == std::string::npos ? host.substr(1) : host.substr(1, end - 1));
  }
  const size_t colon = host.find(':');
  if (colon != std::string::npos) host.resize(colon);
  while (!host.empty() && host.back() == '.') host.pop_back();
  return AsciiLower(host);
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

}  // namespace server
}  // namespace wafer
