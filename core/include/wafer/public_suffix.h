// public_suffix.h — registrable domains, from the Public Suffix List.
//
// Deleting a tracker's cookie means naming the domain it was set on; that is
// never a public suffix such as "co.uk". The list is too big for the browser,
// so the policy compiler resolves each site domain's registrable domain here
// and the engine uses the result.
//
//   absl::StatusOr<wafer::PublicSuffixList> psl =
//       wafer::PublicSuffixList::Load("/usr/share/publicsuffix/public_suffix_list.dat");
//   psl->RegistrableDomain("www.shop.example.co.uk");  // "example.co.uk"
//   psl->RegistrableDomain("co.uk");                   // "" (a public suffix)

#ifndef WAFER_CORE_INCLUDE_WAFER_PUBLIC_SUFFIX_H_
#define WAFER_CORE_INCLUDE_WAFER_PUBLIC_SUFFIX_H_

#include <string>
#include <string_view>
#include <unordered_set>

#include "absl/status/statusor.h"

namespace wafer {

inline constexpr char kDefaultPublicSuffixListPath[] =
    "/usr/share/publicsuffix/public_suffix_list.dat";

class PublicSuffixList {
 public:
  // Reads the list in its published format (rules, "*." wildcards, "!"
  // exceptions, comments). NotFound if the file cannot be read.
  static absl::StatusOr<PublicSuffixList> Load(const std::string& path);
  static PublicSuffixList Parse(std::string_view text);

  // The public suffix of `host` (lower-case, no trailing dot) under the PSL
  // algorithm, with "*" as the implicit default rule.
  std::string PublicSuffix(std::string_view host) const;
  // The public suffix plus one label, or "" if `host` is itself a suffix.
  std::string RegistrableDomain(std::string_view host) const;

 private:
  std::unordered_set<std::string> rules_;
  std::unordered_set<std::string> wildcards_;   // "ck" for "*.ck"
  std::unordered_set<std::string> exceptions_;  // "www.ck" for "!www.ck"
};

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_PUBLIC_SUFFIX_H_
