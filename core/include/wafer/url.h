// url.h — a URL as a browser requests it, reduced to what a URL pattern reads.
//
// Every matcher of Wafer (this engine, the stub's js/src/stub/match.js, the
// audit's js/audit/match.mjs) applies one rule, checked against one table of
// cases (tests/data/url-match/*.json):
//
//   1. Resolve the string against the page's base URL as the URL standard
//      does (https://url.spec.whatwg.org/): leading and trailing spaces and
//      controls dropped, tabs and newlines removed, '\' read as '/', dot
//      segments (also "%2e") resolved, userinfo and port set aside, the host
//      percent-decoded, mapped (UTS #46: "ＷＷＷ" is "www") and written in
//      Punycode, numeric hosts read as IPv4 addresses. A string that does not
//      resolve is no request, so it matches nothing.
//   2. Only http:, https:, ws: and wss: URLs reach a host over the network;
//      blob:, data:, about:, javascript:, file: and the rest match nothing.
//   3. The host is compared without one trailing dot. The rest is the path
//      without its leading '/', then '?' and the query if it is not empty; no
//      fragment. In the rest, every %XX escape of a printable ASCII character
//      other than '%' is decoded and every other escape written in upper case,
//      and characters outside printable ASCII are escaped: two spellings that
//      a server reads as one URL ("/gtag/%6As", "/gtag/js") look the same, and
//      the differences between browsers' escaping disappear.
//
//   wafer::UrlParts u;
//   if (wafer::ParseUrlForMatch("//WWW.Google-Analytics.com./g/collect?v=2",
//                               "https://www.example.com/blog/", &u)) {
//     // u.host == "www.google-analytics.com", u.rest == "g/collect?v=2"
//   }
//
// Known limits (docs/engine.md "URL matching"): non-ASCII host labels are
// Punycode-encoded as written, without Unicode normalisation (a label in
// decomposed form or with upper-case non-ASCII letters can differ from the
// browser's "xn--" label), and Punycode labels are not validated (as in
// Chromium). Both only concern patterns written with "xn--" labels; a browser
// canonicalises a URL before the loader hands it to the engine.

#ifndef WAFER_CORE_INCLUDE_WAFER_URL_H_
#define WAFER_CORE_INCLUDE_WAFER_URL_H_

#include <string>
#include <string_view>

namespace wafer {

struct UrlParts {
  std::string host;  // Lower case, ASCII, without a trailing dot.
  std::string rest;  // Path (no leading '/') and query, normalised as above.
};

// Reads `url` relative to `base` (an absolute URL, or empty for none). Returns
// false when it does not resolve, or resolves to a URL that is not fetched
// from a host over http(s) or ws(s).
bool ParseUrlForMatch(std::string_view url, std::string_view base, UrlParts* out);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_URL_H_
