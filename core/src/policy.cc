// policy.cc — reading and validating a site's JSON cookie policy.
//
// The reader never throws: nlohmann_json is used with allow_exceptions=false
// and every value is type-checked before it is read. It keeps going after an
// error so that one run reports every problem in the document, in a fixed
// order (site, revision, languages, consent, regimes, categories, services,
// banner; object keys in sorted order), whatever the order of the JSON keys.

#include "wafer/policy.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "nlohmann/json.hpp"
#include "wafer/banner_data.h"
#include "wafer/catalogue.h"
#include "wafer/compiled_policy.h"
#include "wafer/identifiers.h"
#include "wafer/json_type.h"
#include "wafer/types.h"

namespace wafer {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxPolicyBytes = 1 << 20;  // 1 MiB: a policy is a few KB.
constexpr int64_t kMaxRevision = 2147483647;   // 2^31 - 1
constexpr int64_t kMaxWaitForUpdateMs = 10000;
constexpr size_t kMaxCookieNameLength = 256;
// A banner string longer than this is a mistake (a pasted policy, say), and
// would not fit on a banner anyway.
constexpr size_t kMaxBannerTextChars = 2000;

// ---------------------------------------------------------------------------
// Small string helpers (std::string_view only: Debian's Abseil has its own
// absl::string_view, so absl::StrCat is avoided on std::string_view).

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsLower(c) || IsUpper(c) || IsDigit(c); }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// The candidate closest to `word` (case-insensitively), or "" if none is
// close enough to be a plausible typo.
std::string Closest(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string w = Lower(word);
  const size_t limit = std::min<size_t>(3, std::max<size_t>(1, w.size() / 3));
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    const size_t d = EditDistance(w, Lower(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string best = Closest(word, candidates);
  return best.empty() ? std::string() : "; did you mean " + Quote(best) + "?";
}

std::string JoinQuoted(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += Quote(items[i]);
  }
  return out;
}

// Paths: "site.id", "categories[2].label.fr"; odd keys as ["a b"].
bool IsPlainKey(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!IsAlnum(c) && c != '_' && c != '-' && c != '$') return false;
  }
  return true;
}

std::string Field(const std::string& path, std::string_view key) {
  if (!IsPlainKey(key)) return path + "[" + Quote(key) + "]";
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// ---------------------------------------------------------------------------
// Formats.

// Site, category and service ids and language tags: wafer/identifiers.h.

// RFC 6265 cookie-name: an RFC 2616 token (CHAR minus CTLs and separators).
// '*' is a token character, so cookie patterns such as "_ga_*" pass.
bool IsTokenChar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (u <= 32 || u >= 127) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

bool IsCookieName(std::string_view s) {
  if (s.empty() || s.size() > kMaxCookieNameLength) return false;
  return std::all_of(s.begin(), s.end(), IsTokenChar);
}

// Why `host` is not a lower-case LDH host name, or "" if it is one.
std::string HostProblem(std::string_view host) {
  if (host.empty()) return "empty host";
  if (host.find("://") != std::string_view::npos || host.substr(0, 2) == "//") {
    return "a host, not a URL: no scheme";
  }
  if (host.find(':') != std::string_view::npos) return "no port";
  if (host.find('/') != std::string_view::npos) return "a host has no path";
  if (host.size() > 253) return "longer than 253 characters";
  if (host.back() == '.') return "no trailing dot";
  size_t start = 0;
  while (start <= host.size()) {
    size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    const std::string_view label = host.substr(start, end - start);
    if (label.empty()) return "empty label";
    if (label.size() > 63) return "label longer than 63 characters";
    for (char c : label) {
      if (IsUpper(c)) return "must be lower case";
      if (static_cast<unsigned char>(c) >= 0x80) {
        // One byte of a multi-byte character cannot be quoted alone.
        return "non-ASCII host name: write an internationalised name in its A-label "
               "(punycode) form, e.g. \"xn--55qx5d.cn\" for \"\u516c\u53f8.cn\"";
      }
      if (!IsLower(c) && !IsDigit(c) && c != '-') {
        return std::string("character ") + Quote(std::string(1, c)) + " not allowed in a host name";
      }
    }
    if (label.front() == '-' || label.back() == '-') return "a label cannot start or end with '-'";
    start = end + 1;
  }
  return "";
}

// Why `pattern` is not a URL pattern (compiled_policy.h), or "" if it is one.
std::string UrlPatternProblem(std::string_view pattern) {
  if (pattern.empty()) return "empty URL pattern";
  if (pattern.find("://") != std::string_view::npos || pattern.substr(0, 2) == "//") {
    return "no scheme: write HOST or HOST/PATH, e.g. \"js.hs-scripts.com\"";
  }
  for (char c : pattern) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 32 || u == 127) return "no spaces or control characters";
    if (c == '#') return "no fragment ('#')";
  }
  const size_t slash = pattern.find('/');
  std::string_view host = pattern.substr(0, slash);
  if (host.substr(0, 2) == "*.") host.remove_prefix(2);
  if (host.find('*') != std::string_view::npos) {
    return "'*' is allowed in the host only as a leading \"*.\"";
  }
  const std::string problem = HostProblem(host);
  return problem.empty() ? "" : "host: " + problem;
}

bool IsHttpUrl(std::string_view s) {
  std::string_view rest;
  if (s.substr(0, 8) == "https://") {
    rest = s.substr(8);
  } else if (s.substr(0, 7) == "http://") {
    rest = s.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest[0] == '/') return false;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 32 || u == 127) return false;
  }
  return true;
}

// ISO 3166-1 alpha-2 codes officially assigned (2024), plus "XK" (Kosovo,
// user-assigned but what geo-IP services report).
constexpr std::string_view kCountryCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
    "BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ "
    "DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP "
    "GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG "
    "KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
    "MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
    "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL "
    "SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM "
    "US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK";

bool IsCountryCode(std::string_view s) {
  if (s.size() != 2 || !IsUpper(s[0]) || !IsUpper(s[1])) return false;
  for (size_t i = 0; i + 1 < kCountryCodes.size(); i += 3) {
    if (kCountryCodes.substr(i, 2) == s) return true;
  }
  return false;
}

// Why `code` is not a region key, or "" if it is one.
std::string RegionProblem(std::string_view code) {
  if (code == "EU" || code == "EEA") return "";
  if (code == "UK") return "not an ISO 3166-1 code; the United Kingdom is \"GB\"";
  const std::string_view country = code.substr(0, 2);
  if (code.size() == 2 || (code.size() >= 4 && code.size() <= 6 && code[2] == '-')) {
    if (!IsCountryCode(country)) {
      for (char c : code) {
        if (IsLower(c)) return "must be upper case (ISO 3166)";
      }
      return Quote(country) + " is not an ISO 3166-1 alpha-2 country code";
    }
    for (size_t i = 3; i < code.size(); ++i) {
      if (!IsUpper(code[i]) && !IsDigit(code[i])) {
        return "subdivision must be upper-case letters or digits (ISO 3166-2, e.g. \"US-CA\")";
      }
    }
    return "";
  }
  return "expected an ISO 3166-1 alpha-2 code (\"FR\"), an ISO 3166-2 code (\"US-CA\"), "
         "\"EU\" or \"EEA\"";
}

std::vector<std::string> RegimeNames() {
  std::vector<std::string> names;
  for (int i = 0; i < kRegimeCount; ++i) {
    names.emplace_back(RegimeName(static_cast<Regime>(i)));
  }
  return names;
}

bool RegimeFromName(std::string_view name, Regime* out) {
  for (int i = 0; i < kRegimeCount; ++i) {
    if (RegimeName(static_cast<Regime>(i)) == name) {
      *out = static_cast<Regime>(i);
      return true;
    }
  }
  return false;
}

std::vector<std::string> ConsentModeKindNames() {
  std::vector<std::string> names;
  for (int i = 0; i < kConsentModeKindCount; ++i) {
    names.emplace_back(ConsentModeKindName(static_cast<ConsentModeKind>(i)));
  }
  return names;
}

bool ConsentModeKindFromName(std::string_view name, ConsentModeKind* out) {
  for (int i = 0; i < kConsentModeKindCount; ++i) {
    if (ConsentModeKindName(static_cast<ConsentModeKind>(i)) == name) {
      *out = static_cast<ConsentModeKind>(i);
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// JSON reading: syntax errors with a position, duplicate keys, nesting depth.

// Deeper nesting than any policy needs (the schema's deepest value is at
// depth 5) is refused before a document is built.
constexpr size_t kMaxJsonDepth = 64;

// A SAX pass over the text that records the first syntax error (with its
// position), duplicate object keys (which nlohmann_json would silently
// collapse) and stops at the first value nested deeper than kMaxJsonDepth.
// Each open object or array keeps only its own key or index and the keys seen
// so far, so memory grows linearly with the input whatever its shape; a
// value's path is put together only when an error names it.
class CheckingSax : public nlohmann::json_sax<json> {
 public:
  CheckingSax() = default;

  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override { return Open(false); }
  bool start_array(std::size_t) override { return Open(true); }
  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }
  bool key(string_t& key) override {
    Frame& top = stack_.back();
    top.key = key;
    if (!top.keys.insert(key).second) {
      duplicates_.push_back({PolicyErrorCode::kDuplicateId, Field(PathOfOpen(), key),
                             "duplicate key " + Quote(key)});
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // "at line 3, column 5: syntax error while parsing object - …"
    std::string m = ex.what();
    const size_t at = m.find("parse error ");
    if (at != std::string::npos) m = m.substr(at + 12);
    fatal_ = {PolicyErrorCode::kSyntax, "",
              "invalid JSON " + (m.empty() ? std::string("unknown syntax error") : m)};
    failed_ = true;
    return false;
  }

  bool failed() const { return failed_; }
  // The syntax or depth error that stopped the pass.
  const PolicyError& fatal() const { return fatal_; }
  const std::vector<PolicyError>& duplicates() const { return duplicates_; }

 private:
  struct Frame {
    bool is_array = false;
    size_t index = 0;           // Arrays: the next element's index.
    std::string key;            // Objects: the key whose value comes next.
    std::set<std::string> keys;  // Objects: the keys seen.
  };

  // The path of the value about to be read (a key or an array element).
  std::string PathOfNext() const {
    std::string path = PathOfOpen();
    if (stack_.empty()) return path;
    const Frame& top = stack_.back();
    return top.is_array ? Index(path, top.index) : Field(path, top.key);
  }
  // The path of the innermost open object or array.
  std::string PathOfOpen() const {
    std::string path;
    for (size_t i = 0; i + 1 < stack_.size(); ++i) {
      path = stack_[i].is_array ? Index(path, stack_[i].index) : Field(path, stack_[i].key);
    }
    return path;
  }
  bool Value() {
    if (!stack_.empty() && stack_.back().is_array) ++stack_.back().index;
    return true;
  }
  bool Open(bool is_array) {
    if (stack_.size() >= kMaxJsonDepth) {
      fatal_ = {PolicyErrorCode::kRange, PathOfNext(),
                "nested deeper than " + std::to_string(kMaxJsonDepth) +
                    " levels of objects and arrays"};
      failed_ = true;
      return false;
    }
    Frame frame;
    frame.is_array = is_array;
    stack_.push_back(std::move(frame));
    return true;
  }
  bool Close() {
    stack_.pop_back();
    return Value();
  }

  std::vector<Frame> stack_;
  std::vector<PolicyError> duplicates_;
  PolicyError fatal_{PolicyErrorCode::kSyntax, "", ""};
  bool failed_ = false;
};

// Parses `text` after a CheckingSax pass. Returns false (with the one error)
// after a syntax error or too deep a nesting; duplicate keys are reported and
// the document is still read.
bool ReadJson(std::string_view text, json* out, std::vector<PolicyError>* errors) {
  CheckingSax sax;
  json::sax_parse(text.begin(), text.end(), &sax);
  if (sax.failed()) {
    errors->push_back(sax.fatal());
    return false;
  }
  errors->insert(errors->end(), sax.duplicates().begin(), sax.duplicates().end());
  *out = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) {  // Cannot happen after a clean SAX pass; never a silent default.
    errors->push_back({PolicyErrorCode::kSyntax, "", "invalid JSON"});
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// The validator.

using Keys = std::vector<std::string>;

class PolicyReader {
 public:
  explicit PolicyReader(std::vector<PolicyError>* errors) : errors_(errors) {}

  void Read(const json& doc, Policy* policy) {
    if (!doc.is_object()) {
      Add(PolicyErrorCode::kType, "", "expected a JSON object, got " + JsonTypeName(doc));
      return;
    }
    CheckKeys(doc, "", {"site", "revision", "languages", "consent", "regimes", "categories",
                        "services", "banner"});
    ReadSite(doc, policy);
    ReadRevision(doc, policy);
    ReadLanguages(doc, policy);
    ReadConsent(doc, policy);
    ReadRegimes(doc, policy);
    ReadCategories(doc, policy);
    ReadServices(doc, policy);
    ReadBanner(doc, policy);
  }

 private:
  void Add(PolicyErrorCode code, std::string path, std::string message) {
    errors_->push_back({code, std::move(path), std::move(message)});
  }

  // Reports keys of `obj` that are not in `known`, suggesting the closest.
  void CheckKeys(const json& obj, const std::string& path, const Keys& known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
      Add(PolicyErrorCode::kUnknownKey, Field(path, it.key()),
          "unknown key " + Quote(it.key()) + DidYouMean(it.key(), known));
    }
  }

  // The member `key` of `obj`, or nullptr (reported as kMissing if required).
  const json* Member(const json& obj, const std::string& path, const char* key,
                     bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) {
        Add(PolicyErrorCode::kMissing, Field(path, key),
            std::string("required key ") + Quote(key) + " is missing");
      }
      return nullptr;
    }
    return &*it;
  }

  bool Expect(bool ok, const json& v, const std::string& path, const char* expected) {
    if (!ok) {
      Add(PolicyErrorCode::kType, path,
          std::string("expected ") + expected + ", got " + JsonTypeName(v));
    }
    return ok;
  }
  bool ExpectObject(const json& v, const std::string& path) {
    return Expect(v.is_object(), v, path, "an object");
  }
  bool ExpectArray(const json& v, const std::string& path) {
    return Expect(v.is_array(), v, path, "an array");
  }
  bool ExpectBool(const json& v, const std::string& path) {
    return Expect(v.is_boolean(), v, path, "true or false");
  }
  bool ReadString(const json& v, const std::string& path, std::string* out) {
    if (!Expect(v.is_string(), v, path, "a string")) return false;
    *out = v.get<std::string>();
    return true;
  }
  bool ReadNonEmptyString(const json& v, const std::string& path, std::string* out) {
    if (!ReadString(v, path, out)) return false;
    if (out->empty()) {
      Add(PolicyErrorCode::kFormat, path, "must not be empty");
      return false;
    }
    return true;
  }
  // An integer in [lo, hi]; `why` explains the range when it is exceeded.
  bool ReadInt(const json& v, const std::string& path, int64_t lo, int64_t hi, int64_t* out,
               const std::string& why = "") {
    if (!Expect(v.is_number_integer(), v, path, "an integer")) return false;
    bool in_range;
    int64_t value = 0;
    if (v.is_number_unsigned()) {
      const uint64_t u = v.get<uint64_t>();
      in_range = u <= static_cast<uint64_t>(hi) && static_cast<int64_t>(u) >= lo;
      value = in_range ? static_cast<int64_t>(u) : 0;
    } else {
      value = v.get<int64_t>();
      in_range = value >= lo && value <= hi;
    }
    if (!in_range) {
      std::string message = "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                            ", got " + v.dump();
      if (!why.empty()) message += ": " + why;
      Add(PolicyErrorCode::kRange, path, message);
      return false;
    }
    *out = value;
    return true;
  }

  // ---- site -----------------------------------------------------------------

  void ReadSite(const json& doc, Policy* policy) {
    const json* site = Member(doc, "", "site", true);
    if (site == nullptr || !ExpectObject(*site, "site")) return;
    CheckKeys(*site, "site", {"id", "domains", "policy_url"});
    if (const json* id = Member(*site, "site", "id", true)) {
      if (ReadString(*id, "site.id", &policy->site_id) && !IsSiteId(policy->site_id)) {
        Add(PolicyErrorCode::kFormat, "site.id",
            Quote(policy->site_id) + " is not a site id: expected [a-z0-9][a-z0-9_-]{0,63}");
      }
    }
    if (const json* domains = Member(*site, "site", "domains", true)) {
      if (ExpectArray(*domains, "site.domains")) {
        if (domains->empty()) {
          Add(PolicyErrorCode::kRange, "site.domains", "at least one domain is required");
        }
        for (size_t i = 0; i < domains->size(); ++i) {
          const std::string path = Index("site.domains", i);
          std::string domain;
          if (!ReadString((*domains)[i], path, &domain)) continue;
          const std::string problem = HostProblem(domain);
          if (!problem.empty()) {
            Add(PolicyErrorCode::kFormat, path,
                Quote(domain) + " is not a domain (" + problem + "); write e.g. \"kalido.fr\"");
          } else if (std::find(policy->domains.begin(), policy->domains.end(), domain) !=
                     policy->domains.end()) {
            Add(PolicyErrorCode::kDuplicateId, path, "duplicate domain " + Quote(domain));
          } else {
            policy->domains.push_back(domain);
          }
        }
      }
    }
    if (const json* url = Member(*site, "site", "policy_url", true)) {
      if (ReadString(*url, "site.policy_url", &policy->policy_url) &&
          !IsHttpUrl(policy->policy_url)) {
        Add(PolicyErrorCode::kFormat, "site.policy_url",
            Quote(policy->policy_url) + " is not an http(s) URL");
      }
    }
  }

  // ---- revision, languages --------------------------------------------------

  void ReadRevision(const json& doc, Policy* policy) {
    const json* revision = Member(doc, "", "revision", true);
    int64_t value = 0;
    if (revision != nullptr && ReadInt(*revision, "revision", 1, kMaxRevision, &value)) {
      policy->revision = static_cast<uint32_t>(value);
    }
  }

  void ReadLanguages(const json& doc, Policy* policy) {
    const json* languages = Member(doc, "", "languages", true);
    if (languages == nullptr || !ExpectArray(*languages, "languages")) return;
    if (languages->empty()) {
      Add(PolicyErrorCode::kRange, "languages", "at least one language is required");
    }
    for (size_t i = 0; i < languages->size(); ++i) {
      const std::string path = Index("languages", i);
      std::string language;
      if (!ReadString((*languages)[i], path, &language)) continue;
      if (!IsLanguageTag(language)) {
        Add(PolicyErrorCode::kFormat, path,
            Quote(language) + " is not a language tag: expected e.g. \"en\", \"fr\", \"pt-BR\"");
      } else if (std::find(policy->languages.begin(), policy->languages.end(), language) !=
                 policy->languages.end()) {
        Add(PolicyErrorCode::kDuplicateId, path, "duplicate language " + Quote(language));
      } else {
        policy->languages.push_back(language);
        CheckLanguageShown(*policy, path);
      }
    }
  }

  // One language everywhere (docs/engine.md "Language"): each policy
  // language is shown by a bundled banner of its own, so that the banner's
  // strings, the site's texts and the receipt agree.
  void CheckLanguageShown(const Policy& policy, const std::string& path) {
    const std::vector<std::string_view>& bundles = BannerLanguages();
    const std::string& language = policy.languages.back();
    const int bundle = LanguageLookup(bundles, language);
    if (bundle < 0) {
      Add(PolicyErrorCode::kUnknownReference, path,
          "no banner is bundled in " + Quote(language) +
              (language.find('-') != std::string::npos ? " or its base language" : "") +
              ": visitors would read another language (bundled: " +
              JoinQuoted(Keys(bundles.begin(), bundles.end())) + ")");
      return;
    }
    for (size_t i = 0; i + 1 < policy.languages.size(); ++i) {
      if (LanguageLookup(bundles, policy.languages[i]) == bundle) {
        Add(PolicyErrorCode::kDuplicateId, path,
            Quote(language) + " would be shown with the " + Quote(bundles[bundle]) +
                " banner, as " + Quote(policy.languages[i]) + " (" + Index("languages", i) +
                ") is: keep one of them");
        return;
      }
    }
  }

  // A language of `languages` with the same primary subtag as `tag`
  // ("pt" → "pt-BR"), as a suggestion; never one merely spelt alike ("pt"
  // is not a typo of "it").
  static std::string LanguageSuggestion(std::string_view tag, const Keys& languages) {
    const std::string primary = Lower(tag.substr(0, tag.find('-')));
    for (const std::string& l : languages) {
      if (Lower(std::string_view(l).substr(0, l.find('-'))) == primary) {
        return "; did you mean " + Quote(l) + "?";
      }
    }
    return "";
  }

  // Text per language: keys must be policy languages; `require_default`
  // demands the default (first) language.
  void ReadLocalized(const json& v, const std::string& path, const Policy& policy,
                     LocalizedText* out, bool require_default) {
    if (!ExpectObject(v, path)) return;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string item_path = Field(path, it.key());
      if (std::find(policy.languages.begin(), policy.languages.end(), it.key()) ==
          policy.languages.end()) {
        Add(PolicyErrorCode::kUnknownReference, item_path,
            "language " + Quote(it.key()) + " is not listed in \"languages\"" +
                LanguageSuggestion(it.key(), policy.languages));
        continue;
      }
      std::string text;
      if (ReadNonEmptyString(it.value(), item_path, &text)) (*out)[it.key()] = text;
    }
    if (require_default && !policy.languages.empty() &&
        v.find(policy.languages.front()) == v.end()) {
      Add(PolicyErrorCode::kMissing, Field(path, policy.languages.front()),
          "missing the text in the default language " + Quote(policy.languages.front()));
    }
  }

  // ---- consent --------------------------------------------------------------

  void ReadMonths(const json& obj, const char* key, int* out) {
    const std::string path = Field("consent", key);
    const json* v = Member(obj, "consent", key, false);
    int64_t months = 0;
    if (v != nullptr &&
        ReadInt(*v, path, 1, kMaxMonths, &months,
                "the CNIL's 13-month maximum (recommendation of 5 Dec 2013): consent, refusal "
                "and tracker cookies are renewed at least every 13 months")) {
      *out = static_cast<int>(months);
    }
  }

  void ReadConsent(const json& doc, Policy* policy) {
    const json* consent = Member(doc, "", "consent", false);
    if (consent == nullptr || !ExpectObject(*consent, "consent")) return;
    CheckKeys(*consent, "consent", {"cookie_name", "lifetime_months", "refusal_lifetime_months",
                                    "cookie_cap_months", "consent_mode", "wait_for_update_ms"});
    if (const json* name = Member(*consent, "consent", "cookie_name", false)) {
      std::string value;
      if (ReadString(*name, "consent.cookie_name", &value)) {
        if (!IsCookieName(value) || value.find('*') != std::string::npos) {
          Add(PolicyErrorCode::kFormat, "consent.cookie_name",
              Quote(value) + " is not a cookie name: use RFC 6265 token characters "
                             "(letters, digits, !#$%&'+-.^_`|~), no '*'");
        } else {
          policy->cookie_name = value;
        }
      }
    }
    ReadMonths(*consent, "lifetime_months", &policy->consent_months);
    ReadMonths(*consent, "refusal_lifetime_months", &policy->refusal_months);
    ReadMonths(*consent, "cookie_cap_months", &policy->cookie_cap_months);
    if (const json* wait = Member(*consent, "consent", "wait_for_update_ms", false)) {
      int64_t ms = 0;
      if (ReadInt(*wait, "consent.wait_for_update_ms", 0, kMaxWaitForUpdateMs, &ms,
                  "tags wait this long for the consent update; Google's example uses 500")) {
        policy->wait_for_update_ms = static_cast<uint32_t>(ms);
      }
    }
    if (const json* mode = Member(*consent, "consent", "consent_mode", false)) {
      std::string name;
      if (ReadString(*mode, "consent.consent_mode", &name) &&
          !ConsentModeKindFromName(name, &policy->consent_mode)) {
        const Keys names = ConsentModeKindNames();
        Add(PolicyErrorCode::kUnknownReference, "consent.consent_mode",
            "unknown Consent Mode implementation " + Quote(name) + DidYouMean(name, names) +
                " (expected " + JoinQuoted(names) +
                ": \"basic\" loads nothing of Google's before consent, \"advanced\" loads "
                "Google's tags with their Consent Mode types denied)");
      }
    }
  }

  // ---- regimes --------------------------------------------------------------

  bool ReadRegime(const json& v, const std::string& path, Regime* out) {
    std::string name;
    if (!ReadString(v, path, &name)) return false;
    if (RegimeFromName(name, out)) return true;
    const Keys names = RegimeNames();
    Add(PolicyErrorCode::kUnknownReference, path,
        "unknown regime " + Quote(name) + DidYouMean(name, names) + " (expected " +
            JoinQuoted(names) + ")");
    return false;
  }

  void ReadRegimes(const json& doc, Policy* policy) {
    const json* regimes = Member(doc, "", "regimes", false);
    if (regimes == nullptr || !ExpectObject(*regimes, "regimes")) return;
    CheckKeys(*regimes, "regimes", {"default", "regions"});
    if (const json* def = Member(*regimes, "regimes", "default", false)) {
      ReadRegime(*def, "regimes.default", &policy->default_regime);
    }
    const json* regions = Member(*regimes, "regimes", "regions", false);
    if (regions == nullptr || !ExpectObject(*regions, "regimes.regions")) return;
    for (auto it = regions->begin(); it != regions->end(); ++it) {
      const std::string path = Field("regimes.regions", it.key());
      const std::string problem = RegionProblem(it.key());
      if (!problem.empty()) {
        Add(PolicyErrorCode::kFormat, path, "region " + Quote(it.key()) + ": " + problem);
        continue;
      }
      Regime regime;
      if (ReadRegime(it.value(), path, &regime)) policy->regions[it.key()] = regime;
    }
  }

  // ---- categories -----------------------------------------------------------

  // Reads a list of names from a fixed vocabulary into bits (1 << index).
  uint8_t ReadNameBits(const json& v, const std::string& path, const Keys& names,
                       const char* what) {
    uint8_t bits = 0;
    if (!ExpectArray(v, path)) return 0;
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string item_path = Index(path, i);
      std::string name;
      if (!ReadString(v[i], item_path, &name)) continue;
      const auto found = std::find(names.begin(), names.end(), name);
      if (found == names.end()) {
        Add(PolicyErrorCode::kUnknownReference, item_path,
            std::string("unknown ") + what + " " + Quote(name) + DidYouMean(name, names));
        continue;
      }
      const uint8_t bit = static_cast<uint8_t>(1u << (found - names.begin()));
      if (bits & bit) {
        Add(PolicyErrorCode::kDuplicateId, item_path, Quote(name) + " is listed twice");
      }
      bits |= bit;
    }
    return bits;
  }

  static Keys ConsentModeNames() {
    Keys names;
    for (int i = 0; i < kConsentModeTypeCount; ++i) names.emplace_back(ConsentModeTypeName(i));
    return names;
  }
  static Keys HubSpotNames() {
    Keys names;
    for (int i = 0; i < 3; ++i) names.emplace_back(HubSpotCategoryName(i));
    return names;
  }

  void ReadCategory(const json& v, const std::string& path, Policy* policy,
                    std::map<std::string, std::string>* ids) {
    Category category;
    bool id_ok = false;
    if (!ExpectObject(v, path)) return;
    CheckKeys(v, path, {"id", "necessary", "label", "description", "defaults", "consent_mode",
                        "hubspot", "sale_or_share"});
    if (const json* id = Member(v, path, "id", true)) {
      const std::string id_path = Field(path, "id");
      if (ReadString(*id, id_path, &category.id)) {
        if (!IsCategoryId(category.id)) {
          Add(PolicyErrorCode::kFormat, id_path,
              Quote(category.id) + " is not a category id: expected [a-z][a-z0-9_-]{0,31}");
        } else if (ids->count(category.id) != 0) {
          Add(PolicyErrorCode::kDuplicateId, id_path,
              "duplicate id " + Quote(category.id) + " (first used at " + (*ids)[category.id] +
                  ")");
        } else {
          (*ids)[category.id] = id_path;
          id_ok = true;
        }
      }
    }
    if (const json* necessary = Member(v, path, "necessary", false)) {
      if (ExpectBool(*necessary, Field(path, "necessary"))) {
        category.necessary = necessary->get<bool>();
      }
    }
    if (const json* label = Member(v, path, "label", true)) {
      ReadLocalized(*label, Field(path, "label"), *policy, &category.label, true);
    }
    if (const json* description = Member(v, path, "description", false)) {
      ReadLocalized(*description, Field(path, "description"), *policy, &category.description,
                    true);
    }

    // Defaults: opt-in off, opt-out and notice on; necessary always on.
    const bool n = category.necessary;
    category.defaults[static_cast<int>(Regime::kOptIn)] = n;
    category.defaults[static_cast<int>(Regime::kOptOut)] = true;
    category.defaults[static_cast<int>(Regime::kNotice)] = true;
    if (const json* defaults = Member(v, path, "defaults", false)) {
      const std::string defaults_path = Field(path, "defaults");
      if (ExpectObject(*defaults, defaults_path)) {
        const Keys names = RegimeNames();
        CheckKeys(*defaults, defaults_path, names);
        for (int r = 0; r < kRegimeCount; ++r) {
          auto it = defaults->find(names[r]);
          if (it == defaults->end()) continue;
          const std::string item_path = Field(defaults_path, names[r]);
          if (!ExpectBool(*it, item_path)) continue;
          const bool on = it->get<bool>();
          if (n && !on) {
            Add(PolicyErrorCode::kUnlawful, item_path,
                "a necessary category is always on: it cannot default to off");
          } else if (!n && on && static_cast<Regime>(r) == Regime::kOptIn) {
            Add(PolicyErrorCode::kUnlawful, item_path,
                "pre-ticked: opt-in regime requires consent before any non-necessary category "
                "runs");
          } else {
            category.defaults[r] = on;
          }
        }
      }
    }

    if (const json* cm = Member(v, path, "consent_mode", false)) {
      const std::string cm_path = Field(path, "consent_mode");
      category.consent_mode = ReadNameBits(*cm, cm_path, ConsentModeNames(), "Consent Mode type");
      constexpr uint8_t kAdBits = kAdStorage | kAdUserData | kAdPersonalization;
      if (n && (category.consent_mode & kAdBits)) {
        Add(PolicyErrorCode::kUnlawful, cm_path,
            "advertising is never strictly necessary: ad_storage, ad_user_data and "
            "ad_personalization cannot belong to the necessary category");
      }
    }
    if (n) category.consent_mode |= kSecurityStorage;
    if (const json* hubspot = Member(v, path, "hubspot", false)) {
      const std::string hs_path = Field(path, "hubspot");
      category.hubspot = ReadNameBits(*hubspot, hs_path, HubSpotNames(), "HubSpot category");
      if (n && (category.hubspot & (kHubSpotAnalytics | kHubSpotAdvertisement))) {
        Add(PolicyErrorCode::kUnlawful, hs_path,
            "HubSpot analytics and advertisement are not strictly necessary");
      }
    }
    if (const json* sale = Member(v, path, "sale_or_share", false)) {
      const std::string sale_path = Field(path, "sale_or_share");
      if (ExpectBool(*sale, sale_path)) {
        category.sale_or_share = sale->get<bool>();
        if (n && category.sale_or_share) {
          Add(PolicyErrorCode::kUnlawful, sale_path,
              "selling or sharing personal data is never strictly necessary");
        }
      }
    }
    if (id_ok) policy->categories.push_back(std::move(category));
  }

  void ReadCategories(const json& doc, Policy* policy) {
    const json* categories = Member(doc, "", "categories", true);
    if (categories == nullptr || !ExpectArray(*categories, "categories")) return;
    if (categories->size() > static_cast<size_t>(kMaxCategories)) {
      Add(PolicyErrorCode::kRange, "categories",
          "at most " + std::to_string(kMaxCategories) + " categories, got " +
              std::to_string(categories->size()));
    }
    std::map<std::string, std::string> ids;
    std::string first_necessary;
    for (size_t i = 0; i < categories->size(); ++i) {
      const std::string path = Index("categories", i);
      const json& v = (*categories)[i];
      ReadCategory(v, path, policy, &ids);
      auto it = v.is_object() ? v.find("necessary") : v.end();
      if (v.is_object() && it != v.end() && it->is_boolean() && it->get<bool>()) {
        if (first_necessary.empty()) {
          first_necessary = path;
        } else {
          Add(PolicyErrorCode::kDuplicateId, Field(path, "necessary"),
              "only one category can be necessary; " + first_necessary + " already is");
        }
      }
    }
    if (first_necessary.empty()) {
      Add(PolicyErrorCode::kMissing, "categories",
          "no necessary category: exactly one category needs \"necessary\": true");
    }
  }

  // ---- services -------------------------------------------------------------

  void ReadCookie(const json& v, const std::string& path, const Policy& policy,
                  const Service& service, CookieDeclaration* out) {
    if (!ExpectObject(v, path)) return;
    CheckKeys(v, path, {"name", "provider", "purpose", "lifetime", "first_party"});
    out->provider = service.provider;
    if (const json* name = Member(v, path, "name", true)) {
      const std::string name_path = Field(path, "name");
      if (ReadString(*name, name_path, &out->name) && !IsCookieName(out->name)) {
        Add(PolicyErrorCode::kFormat, name_path,
            Quote(out->name) + " is not a cookie name or pattern: use RFC 6265 token "
                               "characters, with '*' for any run of characters");
      }
    }
    if (const json* provider = Member(v, path, "provider", false)) {
      ReadNonEmptyString(*provider, Field(path, "provider"), &out->provider);
    }
    if (const json* purpose = Member(v, path, "purpose", false)) {
      ReadLocalized(*purpose, Field(path, "purpose"), policy, &out->purpose, false);
    }
    if (const json* lifetime = Member(v, path, "lifetime", true)) {
      const std::string lifetime_path = Field(path, "lifetime");
      std::string text;
      if (ReadString(*lifetime, lifetime_path, &text) && !ParseCookieLifetime(text, &out->lifetime)) {
        Add(PolicyErrorCode::kFormat, lifetime_path,
            Quote(text) + " is not a lifetime: expected \"session\" or \"N minutes\", "
                          "\"N hours\", \"N days\", \"N months\", \"N years\"");
      }
    }
    if (const json* first_party = Member(v, path, "first_party", false)) {
      if (ExpectBool(*first_party, Field(path, "first_party"))) {
        out->first_party = first_party->get<bool>();
      }
    }
  }

  void ReadService(const json& v, const std::string& path, Policy* policy,
                   std::map<std::string, std::string>* ids) {
    if (!ExpectObject(v, path)) return;
    CheckKeys(v, path, {"id", "name", "provider", "privacy_url", "category", "purpose", "urls",
                        "cookies", "cookie_paths", "consent_mode", "hubspot", "gtag",
                        "hubspot_tracking"});
    Service service;
    const std::string id_path = Field(path, "id");
    const json* id = Member(v, path, "id", true);
    std::string id_value;
    if (id == nullptr || !ReadString(*id, id_path, &id_value)) return;
    if (!IsServiceId(id_value)) {
      Add(PolicyErrorCode::kFormat, id_path,
          Quote(id_value) + " is not a service id: expected [a-z0-9][a-z0-9_-]{0,63}");
      return;
    }
    if (ids->count(id_value) != 0) {
      Add(PolicyErrorCode::kDuplicateId, id_path,
          "duplicate id " + Quote(id_value) + " (first used at " + (*ids)[id_value] + ")");
      return;
    }
    (*ids)[id_value] = id_path;

    const bool has_urls = v.contains("urls");
    const bool has_cookies = v.contains("cookies");
    const Service* entry = FindCatalogueService(id_value);
    if (entry != nullptr) {
      service = *entry;
    } else if (!has_urls && !has_cookies) {
      Keys catalogue_ids;
      for (const Service& s : Catalogue()) catalogue_ids.push_back(s.id);
      Add(PolicyErrorCode::kUnknownReference, id_path,
          "unknown catalogue service " + Quote(id_value) + DidYouMean(id_value, catalogue_ids) +
              " (a service of your own needs \"urls\" or \"cookies\")");
      return;
    }
    service.id = id_value;
    service.from_catalogue = entry != nullptr;
    const std::string suggested_category = service.category;

    // Descriptive fields: required for a service of one's own, else overrides.
    if (const json* name = Member(v, path, "name", entry == nullptr)) {
      ReadNonEmptyString(*name, Field(path, "name"), &service.name);
    }
    if (const json* provider = Member(v, path, "provider", false)) {
      ReadNonEmptyString(*provider, Field(path, "provider"), &service.provider);
    }
    if (const json* url = Member(v, path, "privacy_url", false)) {
      const std::string url_path = Field(path, "privacy_url");
      if (ReadString(*url, url_path, &service.privacy_url) && !IsHttpUrl(service.privacy_url)) {
        Add(PolicyErrorCode::kFormat, url_path,
            Quote(service.privacy_url) + " is not an http(s) URL");
      }
    }
    // The site's own purpose replaces the catalogue's in every language:
    // mixing the two would describe the service differently per language.
    if (const json* purpose = Member(v, path, "purpose", false)) {
      service.purpose.clear();
      ReadLocalized(*purpose, Field(path, "purpose"), *policy, &service.purpose, false);
    }

    // Category: given, or the catalogue's suggestion.
    const std::string category_path = Field(path, "category");
    const Category* category = nullptr;
    Keys category_ids;
    for (const Category& c : policy->categories) category_ids.push_back(c.id);
    auto find_category = [&](const std::string& id) -> const Category* {
      for (const Category& c : policy->categories) {
        if (c.id == id) return &c;
      }
      return nullptr;
    };
    if (const json* cat = Member(v, path, "category", entry == nullptr)) {
      if (ReadString(*cat, category_path, &service.category)) {
        category = find_category(service.category);
        if (category == nullptr) {
          Add(PolicyErrorCode::kUnknownReference, category_path,
              "unknown category " + Quote(service.category) +
                  DidYouMean(service.category, category_ids));
        }
      }
    } else if (entry != nullptr) {
      category = find_category(service.category);
      if (category == nullptr) {
        Add(PolicyErrorCode::kUnknownReference, category_path,
            "no \"category\" given and the catalogue's suggested category " +
                Quote(service.category) + " is not in the policy; add it or set \"category\"");
      }
    }

    const size_t errors_before_patterns = errors_->size();
    if (has_urls) {
      const std::string urls_path = Field(path, "urls");
      const json& urls = v["urls"];
      if (ExpectArray(urls, urls_path)) {
        for (size_t i = 0; i < urls.size(); ++i) {
          const std::string item_path = Index(urls_path, i);
          std::string pattern;
          if (!ReadString(urls[i], item_path, &pattern)) continue;
          const std::string problem = UrlPatternProblem(pattern);
          if (!problem.empty()) {
            Add(PolicyErrorCode::kFormat, item_path, Quote(pattern) + ": " + problem);
          } else {
            service.urls.push_back(pattern);
          }
        }
      }
    }
    if (has_cookies) {
      const std::string cookies_path = Field(path, "cookies");
      const json& cookies = v["cookies"];
      if (ExpectArray(cookies, cookies_path)) {
        for (size_t i = 0; i < cookies.size(); ++i) {
          CookieDeclaration cookie;
          const size_t before = errors_->size();
          ReadCookie(cookies[i], Index(cookies_path, i), *policy, service, &cookie);
          if (errors_->size() == before) service.cookies.push_back(std::move(cookie));
        }
      }
    }
    // A service of one's own must match something (unless its patterns were
    // already reported as broken).
    if (entry == nullptr && service.urls.empty() && service.cookies.empty() &&
        errors_->size() == errors_before_patterns) {
      Add(PolicyErrorCode::kRange, path,
          "a service of your own needs at least one URL pattern or cookie");
    }

    ReadCookiePaths(v, path, &service);

    if (const json* cm = Member(v, path, "consent_mode", false)) {
      service.consent_mode |=
          ReadNameBits(*cm, Field(path, "consent_mode"), ConsentModeNames(), "Consent Mode type");
    }
    if (const json* hubspot = Member(v, path, "hubspot", false)) {
      service.hubspot |=
          ReadNameBits(*hubspot, Field(path, "hubspot"), HubSpotNames(), "HubSpot category");
    }
    auto read_flag = [&](const char* key, uint8_t flag) {
      const json* f = Member(v, path, key, false);
      if (f == nullptr || !ExpectBool(*f, Field(path, key))) return;
      if (f->get<bool>()) {
        service.flags |= flag;
      } else {
        service.flags &= static_cast<uint8_t>(~flag);
      }
    };
    read_flag("gtag", kServiceGtag);
    read_flag("hubspot_tracking", kServiceHubSpotTracking);

    // Trackers are never strictly necessary (EDPB cookie banner taskforce,
    // type G: cookies wrongly classed as essential).
    if (category != nullptr && category->necessary) {
      constexpr uint8_t kAdBits = kAdStorage | kAdUserData | kAdPersonalization;
      const bool advertising = (service.consent_mode & kAdBits) ||
                               (service.hubspot & kHubSpotAdvertisement) ||
                               (entry != nullptr && suggested_category == "marketing");
      const bool analytics = (service.consent_mode & kAnalyticsStorage) ||
                             (service.hubspot & kHubSpotAnalytics) ||
                             (service.flags & kServiceHubSpotTracking);
      if (advertising) {
        Add(PolicyErrorCode::kUnlawful, category_path,
            "advertising is never strictly necessary: " + Quote(service.id) +
                " needs a consent category");
      } else if (analytics) {
        Add(PolicyErrorCode::kUnlawful, category_path,
            "analytics is not strictly necessary: " + Quote(service.id) +
                " needs a consent category");
      }
    }
    policy->services.push_back(std::move(service));
  }

  // ---- services[].cookie_paths ------------------------------------------------
  // Where else a service's cookies may live: paths a page elsewhere on the
  // site cannot see (docs/policy.md "Declared cookie paths"). Each is written
  // into a cookie's Path attribute, so only a plain path is accepted.

  void ReadCookiePaths(const json& v, const std::string& path, Service* service) {
    const json* paths = Member(v, path, "cookie_paths", false);
    const std::string paths_path = Field(path, "cookie_paths");
    if (paths == nullptr || !ExpectArray(*paths, paths_path)) return;
    if (paths->size() > static_cast<size_t>(kMaxCookiePaths)) {
      Add(PolicyErrorCode::kRange, paths_path,
          "at most " + std::to_string(kMaxCookiePaths) + " paths, got " +
              std::to_string(paths->size()));
      return;
    }
    std::map<std::string, std::string> seen;
    for (size_t i = 0; i < paths->size(); ++i) {
      const std::string item_path = Index(paths_path, i);
      std::string value;
      if (!ReadString((*paths)[i], item_path, &value)) continue;
      const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
        return c > 0x20 && c < 0x7f && c != ';' && c != ',' && c != '?' && c != '#' && c != '*';
      });
      if (value.empty() || value[0] != '/' || !plain || value.size() > 256 ||
          value.find("//") != std::string::npos) {
        Add(PolicyErrorCode::kFormat, item_path,
            Quote(value) + " is not a cookie path: expected an absolute path such as \"/blog\" "
                           "(printable ASCII, no ';', ',', '?', '#', '*' or \"//\", at most 256 "
                           "characters)");
        continue;
      }
      if (seen.count(value) != 0) {
        Add(PolicyErrorCode::kDuplicateId, item_path,
            "duplicate path " + Quote(value) + " (first at " + seen[value] + ")");
        continue;
      }
      seen[value] = item_path;
      service->cookie_paths.push_back(value);
    }
  }

  void ReadServices(const json& doc, Policy* policy) {
    const json* services = Member(doc, "", "services", false);
    if (services == nullptr || !ExpectArray(*services, "services")) return;
    if (services->size() > static_cast<size_t>(kMaxServices)) {
      Add(PolicyErrorCode::kRange, "services",
          "at most " + std::to_string(kMaxServices) + " services, got " +
              std::to_string(services->size()));
    }
    std::map<std::string, std::string> ids;
    for (size_t i = 0; i < services->size(); ++i) {
      ReadService((*services)[i], Index("services", i), policy, &ids);
    }
  }

  // ---- banner ---------------------------------------------------------------

  void ReadBannerText(const json& v, const std::string& path, std::string_view key,
                      std::string* out) {
    if (!ReadNonEmptyString(v, path, out)) return;
    size_t chars = 0;  // UTF-8 code points: continuation bytes are 10xxxxxx.
    for (char c : *out) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (chars > kMaxBannerTextChars) {
      Add(PolicyErrorCode::kRange, path,
          "at most " + std::to_string(kMaxBannerTextChars) + " characters, got " +
              std::to_string(chars));
      return;
    }
    // "{name}" placeholders the banner would leave unfilled are typos.
    const std::vector<std::string_view> allowed = BannerTextPlaceholders(key);
    for (size_t open = out->find('{'); open != std::string::npos; open = out->find('{', open + 1)) {
      const size_t close = out->find('}', open);
      if (close == std::string::npos) break;
      const std::string name = out->substr(open + 1, close - open - 1);
      if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
            return IsLower(c) || c == '_';
          })) {
        continue;  // Not a placeholder, just a brace.
      }
      if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
      Keys names(allowed.begin(), allowed.end());
      Add(PolicyErrorCode::kFormat, path,
          "unknown placeholder " + Quote("{" + name + "}") +
              (names.empty() ? " (" + Quote(key) + " takes none)"
                             : DidYouMean(name, names) + " (" + Quote(key) + " takes " +
                                   JoinQuoted(names) + ")"));
      return;
    }
  }

  void ReadBanner(const json& doc, Policy* policy) {
    const json* banner = Member(doc, "", "banner", false);
    if (banner == nullptr || !ExpectObject(*banner, "banner")) return;
    CheckKeys(*banner, "banner", {"floating_button", "texts"});
    if (const json* floating = Member(*banner, "banner", "floating_button", false)) {
      if (ExpectBool(*floating, "banner.floating_button")) {
        policy->banner.floating_button = floating->get<bool>();
      }
    }
    const json* texts = Member(*banner, "banner", "texts", false);
    if (texts == nullptr || !ExpectObject(*texts, "banner.texts")) return;
    const Keys keys(BannerTextKeys().begin(), BannerTextKeys().end());
    for (auto lang = texts->begin(); lang != texts->end(); ++lang) {
      const std::string lang_path = Field("banner.texts", lang.key());
      if (!IsLanguageTag(lang.key())) {
        Add(PolicyErrorCode::kFormat, lang_path,
            Quote(lang.key()) + " is not a language tag: expected e.g. \"en\", \"fr\"");
        continue;
      }
      // The banner shows one of the policy's languages (each checked to have
      // a bundle): texts in any other would never be shown.
      if (std::find(policy->languages.begin(), policy->languages.end(), lang.key()) ==
          policy->languages.end()) {
        Add(PolicyErrorCode::kUnknownReference, lang_path,
            "language " + Quote(lang.key()) +
                " is not listed in \"languages\": these texts would never be shown" +
                LanguageSuggestion(lang.key(), policy->languages));
        continue;
      }
      if (!ExpectObject(lang.value(), lang_path)) continue;
      CheckKeys(lang.value(), lang_path, keys);
      std::map<std::string, std::string>& out = policy->banner.texts[lang.key()];
      for (auto it = lang.value().begin(); it != lang.value().end(); ++it) {
        if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) continue;
        std::string text;
        const size_t before = errors_->size();
        ReadBannerText(it.value(), Field(lang_path, it.key()), it.key(), &text);
        if (errors_->size() == before) out[it.key()] = std::move(text);
      }
    }
  }

  std::vector<PolicyError>* errors_;
};

}  // namespace

std::string_view PolicyErrorCodeName(PolicyErrorCode code) {
  switch (code) {
    case PolicyErrorCode::kSyntax: return "wafer.policy.syntax";
    case PolicyErrorCode::kType: return "wafer.policy.type";
    case PolicyErrorCode::kMissing: return "wafer.policy.missing";
    case PolicyErrorCode::kUnknownKey: return "wafer.policy.unknown_key";
    case PolicyErrorCode::kDuplicateId: return "wafer.policy.duplicate_id";
    case PolicyErrorCode::kUnknownReference: return "wafer.policy.unknown_reference";
    case PolicyErrorCode::kRange: return "wafer.policy.range";
    case PolicyErrorCode::kFormat: return "wafer.policy.format";
    case PolicyErrorCode::kUnlawful: return "wafer.policy.unlawful";
    case PolicyErrorCode::kPublicSuffix: return "wafer.policy.public_suffix";
    case PolicyErrorCode::kMixedCategory: return "wafer.policy.mixed_category";
    case PolicyErrorCode::kAdvancedConsentMode: return "wafer.policy.advanced_consent_mode";
    case PolicyErrorCode::kTagManagerNecessary: return "wafer.policy.tag_manager_necessary";
  }
  return "wafer.policy.unknown";
}

std::string PolicyError::ToString() const {
  std::string out = "[";
  out += PolicyErrorCodeName(code);
  out += "] ";
  if (!path.empty()) out += path + ": ";
  out += message;
  return out;
}

ServiceKind ServiceKindOf(const Service& service) {
  if (service.kind != ServiceKind::kUnknown) return service.kind;
  constexpr uint8_t kAdBits = kAdStorage | kAdUserData | kAdPersonalization;
  if ((service.consent_mode & kAdBits) || (service.hubspot & kHubSpotAdvertisement) ||
      (service.flags & kServiceHubSpotTracking)) {
    return ServiceKind::kAdvertising;
  }
  if ((service.consent_mode & kAnalyticsStorage) || (service.hubspot & kHubSpotAnalytics)) {
    return ServiceKind::kAnalytics;
  }
  return ServiceKind::kUnknown;
}

std::vector<PolicyError> PolicyWarnings(const Policy& policy) {
  // The kinds a visitor judges apart; a tag manager (judged by what it loads)
  // and services of unknown kind are left out.
  struct KindName {
    ServiceKind kind;
    const char* name;
    const char* category;  // A category id to suggest for it.
  };
  static constexpr KindName kKinds[] = {
      {ServiceKind::kAdvertising, "advertising", "marketing"},
      {ServiceKind::kAnalytics, "audience measurement", "analytics"},
      {ServiceKind::kEmbed, "embedded content (videos, posts, social buttons)", "media"},
      {ServiceKind::kFeature, "site features (forms, chat)", "functional"},
  };
  auto list = [](const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + Quote(id);
    return out;
  };
  std::vector<PolicyError> warnings;
  for (size_t c = 0; c < policy.categories.size(); ++c) {
    const Category& category = policy.categories[c];
    if (category.necessary) continue;
    std::vector<std::pair<const KindName*, std::vector<std::string>>> found;
    for (const Service& s : policy.services) {
      if (s.category != category.id) continue;
      const ServiceKind kind = ServiceKindOf(s);
      for (const KindName& k : kKinds) {
        if (k.kind != kind) continue;
        auto it = std::find_if(found.begin(), found.end(),
                               [&](const auto& f) { return f.first == &k; });
        if (it == found.end()) {
          found.push_back({&k, {}});
          it = found.end() - 1;
        }
        it->second.push_back(s.id);
      }
    }
    if (found.size() < 2) continue;
    std::string message = Quote(category.id) + " mixes services a visitor would judge apart: ";
    for (size_t i = 0; i < found.size(); ++i) {
      if (i) message += i + 1 == found.size() ? " and " : ", ";
      message += std::string(found[i].first->name) + " (" + list(found[i].second) + ")";
    }
    // Suggest moving the other kinds out: all but the kind the category is
    // named for, else all but the largest group.
    size_t keep = 0;
    for (size_t i = 1; i < found.size(); ++i) {
      if (found[i].second.size() > found[keep].second.size()) keep = i;
    }
    for (size_t i = 0; i < found.size(); ++i) {
      if (found[i].first->category == category.id) keep = i;
    }
    message += ". Its switch grants them all at once (a visitor can still choose per service); "
               "give each kind a category of its own";
    for (size_t i = 0; i < found.size(); ++i) {
      if (i == keep) continue;
      message += ", e.g. " + list(found[i].second) + " in " + Quote(found[i].first->category);
    }
    message += " (docs/catalogue.md \"Splitting categories\")";
    warnings.push_back(
        {PolicyErrorCode::kMixedCategory, Index("categories", c), std::move(message)});
  }
  if (policy.consent_mode == ConsentModeKind::kAdvanced) {
    // Where the opt-in regime applies: advanced sends Google something
    // before any consent there.
    std::vector<std::string> where;
    if (policy.default_regime == Regime::kOptIn) where.push_back("by default");
    std::vector<std::string> regions;
    for (const auto& [region, regime] : policy.regions) {
      if (regime == Regime::kOptIn) regions.push_back(region);
    }
    if (!regions.empty()) {
      std::string r = "in ";
      for (size_t i = 0; i < regions.size() && i < 6; ++i) r += (i ? ", " : "") + regions[i];
      if (regions.size() > 6) r += " and " + std::to_string(regions.size() - 6) + " more";
      where.push_back(r);
    }
    if (!where.empty()) {
      std::vector<std::string> google;
      for (const Service& s : policy.services) {
        if (s.flags & kServiceGtag) google.push_back(s.id);
      }
      std::string message = "\"advanced\" under the opt-in regime (" + where.front() +
                            (where.size() > 1 ? ", " + where[1] : "") + "): ";
      message += google.empty()
                     ? "the policy has no Google tag that reads Consent Mode (gtag.js), so "
                       "nothing changes yet; once one is added, it "
                     : "before any choice, and after a refusal, Google's tags (" + list(google) +
                           ") load with their Consent Mode types denied and ";
      message +=
          "send Google cookieless pings carrying the page's address and referrer, the "
          "browser's IP address and user agent, a timestamp and the consent state (no "
          "cookie is set or read: Wafer still refuses and deletes Google's cookies). "
          "Regulators read ePrivacy art. 5(3) as covering such requests, not only cookies "
          "(EDPB Guidelines 2/2023 on \"similar technologies\"): in the opt-in regime this "
          "transfer may itself need consent. \"basic\", the default, sends Google nothing "
          "before consent, not even the consent state (docs/integration.md \"Consent Mode: basic or advanced\")";
      warnings.push_back(
          {PolicyErrorCode::kAdvancedConsentMode, "consent.consent_mode", std::move(message)});
    }
  }
  // A tag manager in the necessary category loads on every page before any
  // choice; what it loads is then up to its own consent checks.
  for (size_t i = 0; i < policy.services.size(); ++i) {
    const Service& s = policy.services[i];
    if (ServiceKindOf(s) != ServiceKind::kTagManager) continue;
    const auto category = std::find_if(policy.categories.begin(), policy.categories.end(),
                                       [&](const Category& c) { return c.id == s.category; });
    if (category == policy.categories.end() || !category->necessary) continue;
    std::string message = Quote(s.id) + " is a tag manager in the necessary category " +
                          Quote(s.category) +
                          ": it loads on every page before any choice, in every regime (a "
                          "request to its provider with the page's address and the visitor's "
                          "IP address), and the tags inside it run by its own consent checks. "
                          "Wafer's non-rolling cookie cap (cookie_cap_months) reaches gtag.js "
                          "config commands, not a Google tag configured inside the container: set "
                          "cookie_expires and cookie_update there. ";
    if (policy.consent_mode == ConsentModeKind::kAdvanced) {
      message +=
          "With Consent Mode \"advanced\", Wafer sends the Consent Mode state before the "
          "container's Consent Initialization: Google's tags follow it through their built-in "
          "checks; give every other tag \"Require additional consent for tag to fire\" with "
          "the Consent Mode type of its category (HubSpot in \"marketing\": ad_storage) and, "
          "to fire once consent is given on the page, a trigger on the custom event "
          "wafer_consent. A tag without a check runs before consent. Declare every service "
          "the container loads, so that Wafer still holds their URLs and cookies "
          "(docs/integration.md \"Google Tag Manager\")";
    } else {
      message +=
          "This contradicts Consent Mode \"basic\", the policy's choice, in which nothing of "
          "Google's loads before consent: the container itself is a request to Google, and its "
          "Google tags fire denied pings that Wafer drops only for the services the policy "
          "declares. Put it in the category of the tags it loads (the catalogue's is "
          "\"analytics\"), or choose \"advanced\" knowingly (docs/integration.md "
          "\"Google Tag Manager\")";
    }
    warnings.push_back({PolicyErrorCode::kTagManagerNecessary,
                        Field(Index("services", i), "category"), std::move(message)});
  }
  return warnings;
}

bool ParseCookieLifetime(std::string_view text, CookieLifetime* out) {
  CookieLifetime result;
  result.text = std::string(text);
  if (text == "session") {
    result.session = true;
    *out = std::move(result);
    return true;
  }
  size_t i = 0;
  int64_t n = 0;
  while (i < text.size() && IsDigit(text[i])) {
    n = n * 10 + (text[i] - '0');
    if (n > 100000) return false;  // 273 years: nobody means that.
    ++i;
  }
  if (i == 0 || n == 0 || (i > 1 && text[0] == '0')) return false;
  if (i >= text.size() || text[i] != ' ') return false;
  std::string_view unit = text.substr(i + 1);
  if (unit.size() > 1 && unit.back() == 's') unit.remove_suffix(1);
  if (unit == "minute") {
    result.seconds = n * 60;
  } else if (unit == "hour") {
    result.seconds = n * 3600;
  } else if (unit == "day") {
    result.seconds = n * 86400;
  } else if (unit == "month") {
    result.months = static_cast<int>(n);
  } else if (unit == "year") {
    result.months = static_cast<int>(n * 12);
  } else {
    return false;
  }
  *out = std::move(result);
  return true;
}

absl::StatusOr<Policy> ParsePolicy(std::string_view text, std::vector<PolicyError>* errors) {
  std::vector<PolicyError> found;
  Policy policy;
  if (text.size() > kMaxPolicyBytes) {
    found.push_back({PolicyErrorCode::kRange, "",
                     "policy larger than " + std::to_string(kMaxPolicyBytes) + " bytes"});
  } else {
    json doc;
    if (ReadJson(text, &doc, &found)) PolicyReader(&found).Read(doc, &policy);
  }
  if (errors != nullptr) errors->insert(errors->end(), found.begin(), found.end());
  if (!found.empty()) return absl::InvalidArgumentError(found.front().ToString());
  return policy;
}

}  // namespace wafer
