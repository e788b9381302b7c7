// policy_parser_fuzzer.cc — ParsePolicy() on arbitrary bytes, then the compiler.
//
// Site owners write policies by hand and the server accepts them over HTTP, so
// the validator sees anything. For every input: ParsePolicy() must not crash
// and a refusal must come with at least one error; a policy it accepts must
// compile (unless a site domain is a public suffix), compile to the same bytes
// twice, and the compiled bytes must parse back (abort() otherwise) with the
// same counts — then one Evaluate() on it must behave, and its banner data in
// every bundled language must be safe to splice into a <script>.
//
//   clang++-14: scripts/fuzz.sh policy_parser 60
//   g++ (replay): ctest -R fuzz_replay_policy_parser

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "wafer/banner_data.h"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/engine.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

#define WAFER_FUZZ_CHECK(cond)                                                         \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

namespace {

// The Public Suffix List, loaded once. Falls back to a tiny list (and says so)
// when the Debian `publicsuffix` file is missing, so replay still runs.
const wafer::PublicSuffixList& Psl() {
  static const wafer::PublicSuffixList* psl = [] {
    absl::StatusOr<wafer::PublicSuffixList> loaded =
        wafer::PublicSuffixList::Load(wafer::kDefaultPublicSuffixListPath);
    if (loaded.ok()) return new wafer::PublicSuffixList(*std::move(loaded));
    std::fprintf(stderr, "policy_parser_fuzzer: %s; using a built-in list\n",
                 loaded.status().ToString().c_str());
    return new wafer::PublicSuffixList(
        wafer::PublicSuffixList::Parse("com\nnet\norg\nfr\nde\nuk\nco.uk\n*.ck\n!www.ck\n"));
  }();
  return *psl;
}

// A page view with something for every rule to look at.
wafer::Facts SampleFacts() {
  wafer::Facts f;
  f.now = 1767225600;  // 2026-01-01T00:00:00Z
  f.region = "US-CA";
  f.gpc = true;
  f.languages = {"fr-FR", "en"};
  f.host = "www.example.fr";
  f.path = "/blog/2026/post.html";
  f.cookies = "_ga=GA1.1.1; _gid=GA1.1.2; hubspotutk=abc; __hstc=1.2; _fbp=fb.1.2; x=1; y";
  f.elements = {
      {wafer::ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-1", "", ""},
      {wafer::ElementKind::kScript, "https://js.hs-scripts.com/123.js", "", ""},
      {wafer::ElementKind::kIframe, "https://www.youtube.com/embed/x", "", ""},
      {wafer::ElementKind::kScript, "", "analytics", ""},
      {wafer::ElementKind::kScript, "", "", "google-analytics"},
      {wafer::ElementKind::kImage, "//cdn.example.fr/pixel.gif", "", ""},
  };
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  std::vector<wafer::PolicyError> errors;
  absl::StatusOr<wafer::Policy> policy = wafer::ParsePolicy(json, &errors);
  if (!policy.ok()) {
    WAFER_FUZZ_CHECK(policy.status().code() == absl::StatusCode::kInvalidArgument);
    WAFER_FUZZ_CHECK(!errors.empty());
    for (const wafer::PolicyError& e : errors) {
      WAFER_FUZZ_CHECK(!wafer::PolicyErrorCodeName(e.code).empty());
      (void)e.ToString();
    }
    return 0;
  }

  absl::StatusOr<std::string> bytes = wafer::CompilePolicy(*policy, Psl());
  if (!bytes.ok()) return 0;  // A site domain that is a public suffix.
  absl::StatusOr<std::string> again = wafer::CompilePolicy(*policy, Psl());
  WAFER_FUZZ_CHECK(again.ok() && *again == *bytes);

  wafer::CompiledPolicy compiled;
  if (!wafer::CompiledPolicy::Parse(*bytes, &compiled)) {
    std::fprintf(stderr, "policy_parser_fuzzer: a valid policy compiled to unreadable bytes\n");
    std::abort();
  }
  WAFER_FUZZ_CHECK(compiled.categories.size() == policy->categories.size());
  WAFER_FUZZ_CHECK(compiled.services.size() == policy->services.size());
  WAFER_FUZZ_CHECK(compiled.revision == policy->revision);
  WAFER_FUZZ_CHECK(compiled.site_key == wafer::DeriveSiteKey(policy->site_id));

  const wafer::Facts facts = SampleFacts();
  const wafer::Decision d = wafer::Evaluate(compiled, facts);
  WAFER_FUZZ_CHECK(d.policy_ok);
  WAFER_FUZZ_CHECK(d.elements.size() == facts.elements.size());
  for (size_t i = 0; i < compiled.categories.size(); ++i) {
    if (compiled.categories[i].necessary()) WAFER_FUZZ_CHECK(d.CategoryAllowed(static_cast<int>(i)));
  }

  for (std::string_view lang : wafer::BannerLanguages()) {
    const std::string data = wafer::RenderBannerData(*policy, lang);
    WAFER_FUZZ_CHECK(data.size() >= 2 && data.front() == '{' && data.back() == '}');
    WAFER_FUZZ_CHECK(data.find_first_of("<>&") == std::string::npos);
    WAFER_FUZZ_CHECK(data.find("\xE2\x80\xA8") == std::string::npos);
    WAFER_FUZZ_CHECK(data.find("\xE2\x80\xA9") == std::string::npos);
  }
  return 0;
}
