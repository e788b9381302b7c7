// wafer — the command line for site owners, QA and ops.
//
//   wafer check POLICY.json                 validate; print every error with its path
//   wafer compile POLICY.json [-o OUT] [--format bin|base64]
//   wafer evaluate POLICY FACTS.json        decide (or apply FACTS' "choice") and explain
//   wafer catalogue                         list the built-in services
//   wafer bundle POLICY.json --js DIR --engine DIR --out DIR --base-url URL
//                [--receipts URL] [--region R]
//                                           static files for a site without the server
// POLICY is a JSON policy or a compiled one; FACTS may be "-" for stdin.
// Common option: --psl PATH (Public Suffix List; default Debian's).
// Exit status: 0 ok, 1 invalid input (errors on stderr), 2 usage.
//
// The same file builds the Node CLI (wasm/node-cli/, Emscripten): its one
// difference is the default --psl, see DefaultPublicSuffixList().

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "wafer/banner_data.h"
#include "wafer/catalogue.h"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/engine.h"
#include "wafer/json_io.h"
#include "wafer/loader_config.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"
#include "wafer/script_template.h"

namespace {

// Natively, Debian's list (package publicsuffix). The Node CLI has no fixed
// path to rely on: its glue (wasm/node-cli/pre.js) names the copy that ships
// beside wafer-cli.cjs in the Emscripten environment (which Node's own
// environment does not reach), WAFER_CLI_DEFAULT_PSL.
std::string DefaultPublicSuffixList() {
#ifdef __EMSCRIPTEN__
  if (const char* path = std::getenv("WAFER_CLI_DEFAULT_PSL"); path != nullptr && *path != '\0') {
    return path;
  }
#endif
  return wafer::kDefaultPublicSuffixListPath;
}

std::string Usage() {
  return "usage: wafer <command> [options]\n"
         "  check POLICY.json                     validate a policy\n"
         "  compile POLICY.json [-o OUT] [--format bin|base64]\n"
         "                                        compile for the browser engine\n"
         "  evaluate POLICY FACTS.json            decide for one page view and explain why\n"
         "                                        (FACTS with a \"choice\" applies it)\n"
         "  catalogue                             list the built-in services\n"
         "  bundle POLICY.json --js DIR --engine DIR --out DIR --base-url URL\n"
         "         [--receipts URL] [--region R]  write wafer.js, the loader, the engine and the\n"
         "                                        banners into DIR, to host without wafer-server\n"
         "options: --psl PATH   Public Suffix List, DAFSA or text (default " +
         DefaultPublicSuffixList() + ")\n";
}

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::string out;
  std::string format = "bin";
  std::string psl = DefaultPublicSuffixList();
  // bundle
  std::string js_dir;
  std::string engine_dir;
  std::string out_dir;
  std::string base_url;
  std::string receipts_url;
  std::string region;
};

bool ReadFile(const std::string& path, std::string* out) {
  if (path == "-") {
    out->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

int Fail(const std::string& message) {
  std::cerr << "wafer: " << message << "\n";
  return 1;
}

// Parses, validates and compiles a JSON policy; prints every error.
bool Compile(const Args& args, const std::string& path, std::string* bytes,
             wafer::Policy* parsed = nullptr) {
  std::string text;
  if (!ReadFile(path, &text)) {
    Fail(absl::StrCat(path, ": cannot read file"));
    return false;
  }
  if (text.rfind("WFP", 0) == 0) {  // Already compiled.
    *bytes = text;
    return true;
  }
  std::vector<wafer::PolicyError> errors;
  absl::StatusOr<wafer::Policy> policy = wafer::ParsePolicy(text, &errors);
  if (!policy.ok()) {
    for (const auto& e : errors) std::cerr << path << ": " << e.ToString() << "\n";
    if (errors.empty()) std::cerr << path << ": " << policy.status().message() << "\n";
    return false;
  }
  absl::StatusOr<wafer::PublicSuffixList> psl = wafer::PublicSuffixList::Load(args.psl);
  if (!psl.ok()) {
    Fail(std::string(psl.status().message()));
    return false;
  }
  absl::StatusOr<std::string> compiled = wafer::CompilePolicy(*policy, *psl);
  if (!compiled.ok()) {
    std::cerr << path << ": " << compiled.status().message() << "\n";
    return false;
  }
  *bytes = *std::move(compiled);
  if (parsed != nullptr) *parsed = *std::move(policy);
  return true;
}

int Check(const Args& args) {
  if (args.positional.size() != 1) return Fail("check needs one POLICY.json"), 2;
  std::string bytes;
  wafer::Policy policy;
  if (!Compile(args, args.positional[0], &bytes, &policy)) return 1;
  // Warnings do not fail the check: the policy works, but visitors would be
  // served badly (docs/policy.md "Warnings"). On stderr, as errors are.
  const std::vector<wafer::PolicyError> warnings = wafer::PolicyWarnings(policy);
  for (const auto& w : warnings) {
    std::cerr << args.positional[0] << ": warning: " << w.ToString() << "\n";
  }
  std::cout << "ok: " << args.positional[0] << ": site \"" << policy.site_id << "\", revision "
            << policy.revision << ", " << policy.categories.size() << " categories, "
            << policy.services.size() << " services, compiled to " << bytes.size() << " bytes"
            << (warnings.empty() ? "" : ", " + std::to_string(warnings.size()) + " warning(s)")
            << "\n";
  return 0;
}

int CompileCommand(const Args& args) {
  if (args.positional.size() != 1) return Fail("compile needs one POLICY.json"), 2;
  std::string bytes;
  if (!Compile(args, args.positional[0], &bytes)) return 1;
  std::string out = bytes;
  if (args.format == "base64") {
    out = absl::Base64Escape(bytes) + "\n";
  } else if (args.format != "bin") {
    return Fail("--format must be bin or base64"), 2;
  }
  if (args.out.empty() || args.out == "-") {
    std::cout << out;
    return 0;
  }
  std::ofstream f(args.out, std::ios::binary);
  f << out;
  if (!f) return Fail(absl::StrCat(args.out, ": cannot write"));
  return 0;
}

int EvaluateCommand(const Args& args) {
  if (args.positional.size() != 2) return Fail("evaluate needs POLICY and FACTS.json"), 2;
  std::string bytes, facts_text;
  if (!Compile(args, args.positional[0], &bytes)) return 1;
  wafer::CompiledPolicy policy;
  if (!wafer::CompiledPolicy::Parse(bytes, &policy)) {
    return Fail(absl::StrCat(args.positional[0], ": not a valid compiled policy"));
  }
  if (!ReadFile(args.positional[1], &facts_text)) {
    return Fail(absl::StrCat(args.positional[1], ": cannot read file"));
  }
  absl::StatusOr<wafer::FactsDocument> doc = wafer::ParseFactsJson(facts_text);
  if (!doc.ok()) return Fail(absl::StrCat(args.positional[1], ": ", doc.status().message()));
  const wafer::Decision d = doc->choice ? wafer::Apply(policy, doc->facts, *doc->choice)
                                        : wafer::Evaluate(policy, doc->facts);
  std::cout << wafer::DecisionToJson(policy, doc->facts, d) << "\n";
  return 0;
}

int CatalogueCommand() {
  nlohmann::json out = nlohmann::json::array();
  for (const wafer::Service& s : wafer::Catalogue()) {
    nlohmann::json cookies = nlohmann::json::array();
    for (const auto& c : s.cookies) {
      cookies.push_back({{"name", c.name},
                         {"lifetime", c.lifetime.text},
                         {"first_party", c.first_party}});
    }
    out.push_back({{"id", s.id},
                   {"name", s.name},
                   {"provider", s.provider},
                   {"suggested_category", s.category},
                   {"purpose", s.purpose},
                   {"urls", s.urls},
                   {"cookies", cookies}});
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

bool IsHttpUrl(const std::string& url) {
  const size_t scheme = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0 || url.size() == scheme || url[scheme] == '/') return false;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '\\' || c == 0x7f) return false;
  }
  return true;
}

// "FR", "US-CA": what the server's geo header would say.
bool IsRegionCode(const std::string& r) {
  if (r.size() != 2 && (r.size() < 4 || r.size() > 6 || r[2] != '-')) return false;
  for (size_t i = 0; i < r.size(); ++i) {
    const char c = r[i];
    if (i == 2) continue;
    if (!((c >= 'A' && c <= 'Z') || (i > 2 && c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// Writes `bytes` to `path` through a temporary file and a rename, so that a
// web server never serves a half-written script.
bool WriteFileAtomically(const std::filesystem::path& path, const std::string& bytes) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << bytes;
    f.close();
    if (!f) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

// `wafer bundle`: what wafer-server serves for one site, as static files.
// The config in wafer.js points at the other files under --base-url; the
// compiled policy is inlined (base64). No receipts URL unless --receipts.
int BundleCommand(const Args& args) {
  if (args.positional.size() != 1) return Fail("bundle needs one POLICY.json"), 2;
  for (const auto& [flag, value] :
       {std::pair<const char*, const std::string*>{"--js DIR", &args.js_dir},
        {"--engine DIR", &args.engine_dir},
        {"--out DIR", &args.out_dir},
        {"--base-url URL", &args.base_url}}) {
    if (value->empty()) {
      std::cerr << "wafer: bundle needs " << flag << "\n" << Usage();
      return 2;
    }
  }
  // Where the files will be served from: an absolute http(s) URL, or a path
  // on the site's own origin ("/wafer").
  std::string base = args.base_url;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  if (!IsHttpUrl(base) && !(base[0] == '/' && base.size() > 1 && base[1] != '/' &&
                            base.find_first_of(" \"\\<>") == std::string::npos)) {
    return Fail(absl::StrCat("--base-url ", args.base_url,
                             ": expected an http(s) URL (https://cdn.example.com/wafer) or a path "
                             "on the site (/wafer)"));
  }
  if (!args.receipts_url.empty() && !IsHttpUrl(args.receipts_url) &&
      !(args.receipts_url[0] == '/' && args.receipts_url.size() > 1 &&
        args.receipts_url[1] != '/')) {
    return Fail(absl::StrCat("--receipts ", args.receipts_url,
                             ": expected the URL of a wafer-server's /v1/consents"));
  }
  if (!args.region.empty() && !IsRegionCode(args.region)) {
    return Fail(absl::StrCat("--region ", args.region,
                             ": expected an ISO 3166 code in upper case: FR, US-CA"));
  }

  const std::string& policy_path = args.positional[0];
  std::string compiled;
  wafer::Policy policy;
  if (!Compile(args, policy_path, &compiled, &policy)) return 1;
  if (policy.site_id.empty()) {
    return Fail(absl::StrCat(policy_path,
                             ": bundle needs the JSON policy, not a compiled one "
                             "(the banner's texts come from it)"));
  }

  // Every input, read before anything is written; all missing ones reported.
  namespace fs = std::filesystem;
  struct Input {
    fs::path path;
    std::string bytes;
  };
  std::vector<std::string> problems;
  auto read = [&](const fs::path& path, std::string_view placeholder = {}) {
    Input in{path, ""};
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || !ReadFile(path.string(), &in.bytes)) {
      problems.push_back(path.string() + ": cannot read file");
    } else if (!placeholder.empty()) {
      if (absl::Status s = wafer::CheckScriptTemplate(in.bytes, placeholder); !s.ok()) {
        problems.push_back(absl::StrCat(path.string(), ": not a template: ", s.message()));
      }
    }
    return in;
  };
  const fs::path js(args.js_dir), engine_dir(args.engine_dir), out(args.out_dir);
  const Input stub = read(js / "wafer.stub.js", wafer::kConfigPlaceholder);
  const Input loader = read(js / "wafer.loader.js");
  const Input placeholder = read(js / "wafer.placeholder.js");
  const Input engine = read(engine_dir / "wafer-engine.wasm");
  std::vector<Input> banners;
  for (std::string_view lang : wafer::BannerLanguages()) {
    banners.push_back(
        read(js / ("wafer.banner." + std::string(lang) + ".js"), wafer::kBannerPlaceholder));
  }
  if (!problems.empty()) {
    for (const std::string& p : problems) std::cerr << "wafer: " << p << "\n";
    std::cerr << "wafer: bundle needs js/dist (node js/build.mjs) and the WASM engine "
                 "(build/wasm/wasm); nothing was written\n";
    return 1;
  }

  wafer::LoaderUrls urls;
  urls.engine = base + "/wafer-engine.wasm";
  urls.loader = base + "/wafer.loader.js";
  urls.banner = base + "/banner.{lang}.js";
  urls.placeholder = base + "/wafer.placeholder.js";
  urls.receipts = args.receipts_url;
  const std::string config = wafer::RenderLoaderConfig(policy, compiled, urls, args.region);

  std::vector<std::pair<std::string, std::string>> files;  // name, bytes
  files.emplace_back("wafer.js",
                     *wafer::FillScriptTemplate(stub.bytes, wafer::kConfigPlaceholder, config));
  files.emplace_back("wafer.loader.js", loader.bytes);
  files.emplace_back("wafer.placeholder.js", placeholder.bytes);
  files.emplace_back("wafer-engine.wasm", engine.bytes);
  for (size_t i = 0; i < banners.size(); ++i) {
    const std::string_view lang = wafer::BannerLanguages()[i];
    files.emplace_back("banner." + std::string(lang) + ".js",
                       *wafer::FillScriptTemplate(banners[i].bytes, wafer::kBannerPlaceholder,
                                                  wafer::RenderBannerData(policy, lang)));
  }

  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec || !fs::is_directory(out, ec)) {
    return Fail(absl::StrCat(args.out_dir, ": cannot create the directory"));
  }
  for (const auto& [name, bytes] : files) {
    if (!WriteFileAtomically(out / name, bytes)) {
      return Fail(absl::StrCat((out / name).string(), ": cannot write"));
    }
    std::cout << "wrote " << (out / name).string() << " (" << bytes.size() << " bytes)\n";
  }
  std::cout << "site \"" << policy.site_id << "\", revision " << policy.revision
            << "; serve these files at " << base << "/ and put first in every page's <head>:\n"
            << "  <script src=\"" << base << "/wafer.js\"></script>\n"
            << "Re-run after every policy change (and serve the files with revalidation, "
               "e.g. Cache-Control: no-cache).\n";
  if (args.receipts_url.empty()) {
    std::cerr << "warning: no --receipts URL: consent is stored only in the visitor's browser and "
                 "no proof of consent is kept; GDPR art. 7(1) requires the site to be able to "
                 "demonstrate consent (a wafer-server's /v1/consents keeps signed receipts)\n";
  } else {
    std::cout << "receipts are posted to " << args.receipts_url << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    if (a == "-h" || a == "--help" || a == "help") {
      std::cout << Usage();
      return 0;
    } else if (a == "-o") {
      if (!value(&args.out)) return Fail("-o needs a file"), 2;
    } else if (a == "--format") {
      if (!value(&args.format)) return Fail("--format needs a value"), 2;
    } else if (a == "--psl") {
      if (!value(&args.psl)) return Fail("--psl needs a path"), 2;
    } else if (a == "--js") {
      if (!value(&args.js_dir)) return Fail("--js needs a directory"), 2;
    } else if (a == "--engine") {
      if (!value(&args.engine_dir)) return Fail("--engine needs a directory"), 2;
    } else if (a == "--out") {
      if (!value(&args.out_dir)) return Fail("--out needs a directory"), 2;
    } else if (a == "--base-url") {
      if (!value(&args.base_url)) return Fail("--base-url needs a URL"), 2;
    } else if (a == "--receipts") {
      if (!value(&args.receipts_url)) return Fail("--receipts needs a URL"), 2;
    } else if (a == "--region") {
      if (!value(&args.region)) return Fail("--region needs a code"), 2;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      std::cerr << "wafer: unknown option " << a << "\n" << Usage();
      return 2;
    } else if (args.command.empty()) {
      args.command = a;
    } else {
      args.positional.push_back(a);
    }
  }
  if (args.command == "check") return Check(args);
  if (args.command == "compile") return CompileCommand(args);
  if (args.command == "evaluate") return EvaluateCommand(args);
  if (args.command == "catalogue") return CatalogueCommand();
  if (args.command == "bundle") return BundleCommand(args);
  std::cerr << Usage();
  return 2;
}
