// wafer — the command line for site owners, QA and ops.
//
//   wafer check POLICY.json                 validate; print every error with its path
//   wafer compile POLICY.json [-o OUT] [--format bin|base64]
//   wafer evaluate POLICY FACTS.json        decide (or apply FACTS' "choice") and explain
//   wafer catalogue                         list the built-in services
// POLICY is a JSON policy or a compiled one; FACTS may be "-" for stdin.
// Common option: --psl PATH (Public Suffix List; default Debian's).
// Exit status: 0 ok, 1 invalid input (errors on stderr), 2 usage.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "wafer/catalogue.h"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/engine.h"
#include "wafer/json_io.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace {

constexpr char kUsage[] =
    "usage: wafer <command> [options]\n"
    "  check POLICY.json                     validate a policy\n"
    "  compile POLICY.json [-o OUT] [--format bin|base64]\n"
    "                                        compile for the browser engine\n"
    "  evaluate POLICY FACTS.json            decide for one page view and explain why\n"
    "                                        (FACTS with a \"choice\" applies it)\n"
    "  catalogue                             list the built-in services\n"
    "options: --psl PATH   Public Suffix List (default " "/usr/share/publicsuffix/public_suffix_list.dat)\n";

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::string out;
  std::string format = "bin";
  std::string psl = wafer::kDefaultPublicSuffixListPath;
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
  std::cout << "ok: " << args.positional[0] << ": site \"" << policy.site_id << "\", revision "
            << policy.revision << ", " << policy.categories.size() << " categories, "
            << policy.services.size() << " services, compiled to " << bytes.size()
            << " bytes\n";
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
                   {"urls", s.urls},
                   {"cookies", cookies}});
  }
  std::cout << out.dump(2) << "\n";
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
      std::cout << kUsage;
      return 0;
    } else if (a == "-o") {
      if (!value(&args.out)) return Fail("-o needs a file"), 2;
    } else if (a == "--format") {
      if (!value(&args.format)) return Fail("--format needs a value"), 2;
    } else if (a == "--psl") {
      if (!value(&args.psl)) return Fail("--psl needs a path"), 2;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      std::cerr << "wafer: unknown option " << a << "\n" << kUsage;
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
  std::cerr << kUsage;
  return 2;
}
