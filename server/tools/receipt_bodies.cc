// receipt_bodies — writes valid, distinct receipt bodies for load tests,
// one JSON document per line, each with a fresh consent id and a consent
// state encoded under the site's compiled policy (as the engine writes it).
//
//   receipt_bodies POLICY.json COUNT [TOKEN] > bodies.jsonl
//
// TOKEN: a page-view token (from the wafer.js the server under test serves)
// to put in every body; without it the bodies are what servers before
// page-view tokens took. Used by bench/server_bench.sh (wrk posts them to
// /v1/consents).

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/consent_state.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: %s POLICY.json COUNT [TOKEN]\n", argv[0]);
    return 2;
  }
  const std::string token = argc == 4 ? argv[3] : "";
  if (token.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != std::string::npos) {
    std::fprintf(stderr, "%s: not a page-view token\n", argv[3]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  absl::StatusOr<wafer::Policy> policy = wafer::ParsePolicy(buf.str());
  if (!policy.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[1], std::string(policy.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<wafer::PublicSuffixList> psl = wafer::PublicSuffixList::Load(wafer::kDefaultPublicSuffixListPath);
  if (!psl.ok()) {
    std::fprintf(stderr, "%s\n", std::string(psl.status().message()).c_str());
    return 1;
  }
  absl::StatusOr<std::string> compiled = wafer::CompilePolicy(*policy, *psl);
  wafer::CompiledPolicy view;
  if (!compiled.ok() || !wafer::CompiledPolicy::Parse(*compiled, &view)) {
    std::fprintf(stderr, "%s: does not compile\n", argv[1]);
    return 1;
  }
  long count = std::atol(argv[2]);
  std::mt19937_64 rng(std::random_device{}());
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  static const char* kMethods[] = {"accept-all", "reject-all", "custom"};
  for (long i = 0; i < count; ++i) {
    wafer::ConsentState s;
    for (auto& b : s.consent_id) b = static_cast<uint8_t>(rng());
    s.given_at = now;
    s.revision = view.revision;
    s.regime = wafer::Regime::kOptIn;
    int kind = static_cast<int>(rng() % 3);
    s.method = kind == 0 ? wafer::Method::kAcceptAll : kind == 1 ? wafer::Method::kRejectAll : wafer::Method::kCustom;
    std::string choices = "{";
    for (const wafer::CompiledCategory& c : view.categories) {
      bool granted = c.necessary() || kind == 0 || (kind == 2 && (rng() & 1));
      s.categories.push_back({c.id_hash, granted, 0});
      if (choices.size() > 1) choices += ",";
      choices += "\"" + std::string(c.id) + "\":" + (granted ? "true" : "false");
    }
    choices += "}";
    std::string state = wafer::EncodeConsentState(s, view.site_key);
    std::printf(
        "{\"site\":\"%s\",\"consent_id\":\"%s\",\"revision\":%u,\"banner_hash\":\"sha256:%016llx\","
        "\"language\":\"en\",\"choices\":%s,\"method\":\"%s\",\"regime\":\"opt-in\",\"gpc\":false,"
        "\"state\":\"%s\"%s%s%s}\n",
        std::string(view.site_id).c_str(), wafer::ConsentIdHex(s.consent_id).c_str(), view.revision,
        static_cast<unsigned long long>(rng()), choices.c_str(), kMethods[kind], state.c_str(),
        token.empty() ? "" : ",\"token\":\"", token.c_str(), token.empty() ? "" : "\"");
  }
  return 0;
}
