// public_suffix.h — registrable domains, from the Public Suffix List (libpsl).
//
// Deleting a tracker's cookie means naming the domain it was set on; that is
// never a public suffix such as "co.uk". The list is too big for the browser,
// so the policy compiler resolves each site domain's registrable domain here
// (native only: the WASM engine reads the result from the compiled policy and
// needs no list at run time).
//
// The matching is libpsl's (Debian's libpsl-dev), over the list Debian ships
// in the `publicsuffix` package as a DAFSA. Hosts may be written as A-labels
// ("xn--55qx5d.cn") or in Unicode ("公司.cn"): Unicode is converted to
// A-labels with IDNA 2008 / UTS #46 (libidn2) first, and results are A-labels,
// as browsers report hosts (location.hostname) and scope cookies.
//
//   absl::StatusOr<wafer::PublicSuffixList> psl =
//       wafer::PublicSuffixList::Load(wafer::kDefaultPublicSuffixListPath);
//   psl->RegistrableDomain("www.shop.example.co.uk");  // "example.co.uk"
//   psl->RegistrableDomain("co.uk");                   // "" (a public suffix)
//   psl->RegistrableDomain("xn--55qx5d.cn");           // "" (公司.cn is a suffix)

#ifndef WAFER_CORE_INCLUDE_WAFER_PUBLIC_SUFFIX_H_
#define WAFER_CORE_INCLUDE_WAFER_PUBLIC_SUFFIX_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace wafer {

// Debian's `publicsuffix` package; libpsl also reads the text list
// (public_suffix_list.dat) from any path given to Load().
inline constexpr char kDefaultPublicSuffixListPath[] =
    "/usr/share/publicsuffix/public_suffix_list.dafsa";

class PublicSuffixList {
 public:
  // Reads the list: a DAFSA (as Debian ships it) or the published text format
  // (rules, "*." wildcards, "!" exceptions, comments). NotFound if the file
  // cannot be read or holds no list: there is no fallback, since guessing
  // ("the last two labels") would put cookies on suffixes such as "co.uk".
  static absl::StatusOr<PublicSuffixList> Load(const std::string& path);
  // The same from text in the published format (tests, fuzzers). Text with no
  // rule gives a list with only the implicit "*" rule.
  static PublicSuffixList Parse(std::string_view text);

  // The public suffix of `host` (no trailing dot, any case; A-labels or
  // Unicode) under the PSL algorithm, with "*" as the implicit default rule;
  // "" for an empty label or a host IDNA refuses.
  std::string PublicSuffix(std::string_view host) const;
  // The public suffix plus one label, or "" if `host` is itself a suffix (or
  // malformed as above).
  std::string RegistrableDomain(std::string_view host) const;

 private:
  struct Context;
  explicit PublicSuffixList(std::shared_ptr<const Context> ctx) : ctx_(std::move(ctx)) {}
  std::shared_ptr<const Context> ctx_;  // Immutable once loaded: shared by copies.
};

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_PUBLIC_SUFFIX_H_
