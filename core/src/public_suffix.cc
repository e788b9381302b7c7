// public_suffix.cc — PublicSuffixList over libpsl, with IDNA by libidn2.

#include "wafer/public_suffix.h"

#include <idn2.h>
#include <libpsl.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wafer {

struct PublicSuffixList::Context {
  psl_ctx_t* psl = nullptr;
  ~Context() { psl_free(psl); }
};

namespace {

// The host as lower-case A-labels, or "" if it cannot be one: an empty label,
// a trailing dot, or Unicode that IDNA (UTS #46, non-transitional) refuses.
std::string ToAsciiHost(std::string_view host) {
  if (host.empty() || host.front() == '.' || host.back() == '.' ||
      host.find("..") != std::string_view::npos || host.find('\0') != std::string_view::npos) {
    return "";
  }
  bool ascii = true;
  for (char c : host) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(host);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  const std::string in(host);
  uint8_t* lookup = nullptr;
  const int rc = idn2_lookup_u8(reinterpret_cast<const uint8_t*>(in.c_str()), &lookup,
                                IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  std::string out;
  if (rc == IDN2_OK && lookup != nullptr) out = reinterpret_cast<const char*>(lookup);
  idn2_free(lookup);
  return out;
}

}  // namespace

absl::StatusOr<PublicSuffixList> PublicSuffixList::Load(const std::string& path) {
  auto ctx = std::make_shared<Context>();
  ctx->psl = psl_load_file(path.c_str());
  if (ctx->psl == nullptr) {
    return absl::NotFoundError("cannot read the Public Suffix List at " + path +
                               " (Debian: apt-get install publicsuffix)");
  }
  return PublicSuffixList(std::move(ctx));
}

PublicSuffixList PublicSuffixList::Parse(std::string_view text) {
  // libpsl reads the text format from a FILE*: read it from memory (a lone
  // newline for empty text, which fmemopen refuses). Rules match in any case:
  // libpsl expects them lower case, as the published list is.
  std::string copy = text.empty() ? std::string("\n") : std::string(text);
  for (char& c : copy) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  auto ctx = std::make_shared<Context>();
  if (FILE* f = fmemopen(copy.data(), copy.size(), "r")) {
    ctx->psl = psl_load_fp(f);
    std::fclose(f);
  }
  return PublicSuffixList(ctx->psl == nullptr ? nullptr : std::move(ctx));
}

std::string PublicSuffixList::PublicSuffix(std::string_view host_in) const {
  const std::string host = ToAsciiHost(host_in);
  if (host.empty() || ctx_ == nullptr) return "";
  // libpsl: the longest part of `host` that is not registrable, i.e. its
  // public suffix (the host itself when it is one).
  const char* suffix = psl_unregistrable_domain(ctx_->psl, host.c_str());
  return suffix == nullptr ? "" : std::string(suffix);
}

std::string PublicSuffixList::RegistrableDomain(std::string_view host_in) const {
  const std::string host = ToAsciiHost(host_in);
  if (host.empty() || ctx_ == nullptr) return "";
  const char* registrable = psl_registrable_domain(ctx_->psl, host.c_str());
  return registrable == nullptr ? "" : std::string(registrable);
}

}  // namespace wafer
