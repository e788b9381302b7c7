// engine_bench.cc — how fast the decision engine decides, natively.
//
// A realistic page view: a 10-service policy (GA4, GTM, Google Ads, HubSpot,
// HubSpot forms, HubSpot chat, YouTube, Meta Pixel, LinkedIn Insight, X
// widgets) compiled from the JSON below, a visitor from France who accepted
// everything earlier (the consent cookie comes from Apply()), 8 cookies and 6
// held elements. Benchmarks:
//   BM_Evaluate               Evaluate() on decoded facts        (budget ≥ 1e6/s)
//   BM_WirePath               DecodeFacts + Evaluate + EncodeDecision: what
//                             one wafer_evaluate() call does in the browser
//   BM_Apply                  Apply(accept all) and Apply(custom)
//   BM_DecodeConsentState     reading the consent cookie
//   BM_ParseCompiledPolicy    CompiledPolicy::Parse (once per page load)
//
//   build/bench/bench/engine_bench                       # table + budget line
//   build/bench/bench/engine_bench --benchmark_format=json
//   build/bench/bench/engine_bench --write_inputs=DIR     # policy.wfp, facts.bin,
//                                                         # decision.bin for wasm_bench.mjs
//
// After the table it prints, e.g.
//   evaluate: 2345678 decisions/s native (budget 1000000)
// to stdout (to stderr with --benchmark_format=json, so the JSON stays valid),
// and exits 1 if Evaluate() ran below the budget.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/consent_state.h"
#include "wafer/engine.h"
#include "wafer/engine_wire.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace {

constexpr double kBudgetDecisionsPerSecond = 1'000'000;

constexpr char kPolicyJson[] = R"json({
  "site": {"id": "bench-shop", "domains": ["shop-example.fr", "www.shop-example.fr"],
           "policy_url": "https://www.shop-example.fr/cookies"},
  "revision": 4,
  "languages": ["fr", "en"],
  "consent": {"cookie_name": "wafer_consent"},
  "regimes": {"default": "opt-in", "regions": {"US": "notice", "US-CA": "opt-out"}},
  "categories": [
    {"id": "necessary", "necessary": true,
     "label": {"fr": "Strictement nécessaires", "en": "Strictly necessary"}},
    {"id": "functional", "label": {"fr": "Fonctionnels", "en": "Functional"},
     "consent_mode": ["functionality_storage", "personalization_storage"],
     "hubspot": ["functionality"]},
    {"id": "analytics", "label": {"fr": "Mesure d'audience", "en": "Analytics"},
     "consent_mode": ["analytics_storage"], "hubspot": ["analytics"]},
    {"id": "marketing", "label": {"fr": "Publicité", "en": "Advertising"},
     "consent_mode": ["ad_storage", "ad_user_data", "ad_personalization"],
     "hubspot": ["advertisement"], "sale_or_share": true}
  ],
  "services": [
    {"id": "google-analytics"}, {"id": "google-tag-manager"}, {"id": "google-ads"},
    {"id": "hubspot"}, {"id": "hubspot-forms"}, {"id": "hubspot-chat"},
    {"id": "youtube"}, {"id": "facebook-pixel"}, {"id": "linkedin-insight"},
    {"id": "x-widgets"}
  ]
})json";

constexpr int64_t kConsentGiven = 1767225600;            // 2026-01-01T00:00:00Z
constexpr int64_t kNow = kConsentGiven + 40 * 86400;     // 40 days later

// Everything a benchmark needs, built once.
struct Inputs {
  std::string policy_bytes;  // Owns what `policy` points into.
  wafer::CompiledPolicy policy;
  std::string state;         // The accept-all consent cookie value.
  std::string cookies;       // document.cookie: 8 cookies.
  wafer::Facts facts;        // Views into the strings above.
  std::string facts_bytes;   // EncodeFacts(facts).
  std::string decision_bytes;  // EncodeDecision(Evaluate(policy, facts)).
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "engine_bench: %s\n", what.c_str());
  std::exit(2);
}

const Inputs& GetInputs() {
  static const Inputs* inputs = [] {
    auto* in = new Inputs();
    absl::StatusOr<wafer::Policy> policy = wafer::ParsePolicy(kPolicyJson);
    if (!policy.ok()) Die("policy: " + policy.status().ToString());
    absl::StatusOr<wafer::PublicSuffixList> psl =
        wafer::PublicSuffixList::Load(wafer::kDefaultPublicSuffixListPath);
    if (!psl.ok()) Die(psl.status().ToString());
    absl::StatusOr<std::string> bytes = wafer::CompilePolicy(*policy, *psl);
    if (!bytes.ok()) Die("compile: " + bytes.status().ToString());
    in->policy_bytes = *std::move(bytes);
    if (!wafer::CompiledPolicy::Parse(in->policy_bytes, &in->policy)) Die("unreadable policy");

    // The visitor accepted everything on their first visit.
    wafer::Facts first;
    first.now = kConsentGiven;
    first.region = "FR";
    first.languages = {"fr-FR", "fr", "en"};
    first.host = "www.shop-example.fr";
    first.path = "/";
    for (int i = 0; i < wafer::kConsentIdSize; ++i) first.fresh_id[i] = static_cast<uint8_t>(17 * i);
    in->state = wafer::Apply(in->policy, first, {wafer::Action::kAcceptAll, {}}).state;
    if (in->state.empty()) Die("Apply wrote no consent state");
    const std::string trackers =
        "_ga=GA1.1.1234567890.1767225600; _ga_ABC123XYZ=GS1.1.1767225600.1.1.1767225700.0.0.0; "
        "_gid=GA1.1.987654321.1770681600; hubspotutk=6c1ab3c4d2e5f60718293a4b5c6d7e8f; "
        "__hstc=123456.6c1ab3c4d2e5f60718293a4b5c6d7e8f.1767225600.1767225600.1770681600.3; "
        "__hssrc=1; _fbp=fb.1.1767225600123.1234567890; ";

    // The next page view sees the trackers' cookies and records when they were
    // first placed: a returning visitor's state carries those times.
    {
      std::string cookies = trackers + std::string(in->policy.cookie_name) + "=" + in->state;
      wafer::Facts next = first;
      next.now = kConsentGiven + 60;
      next.cookies = cookies;
      const wafer::Decision placed = wafer::Evaluate(in->policy, next);
      if (!placed.state_changed || placed.state.empty()) Die("first placement not recorded");
      in->state = placed.state;
    }

    // Forty days later, on a product page.
    in->cookies = trackers + std::string(in->policy.cookie_name) + "=" + in->state;
    wafer::Facts& f = in->facts;
    f = first;
    f.now = kNow;
    f.path = "/produits/chaussures/trail-2026";
    f.cookies = in->cookies;
    f.stored_mirror = in->state;
    f.elements = {
        {wafer::ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ", "", ""},
        {wafer::ElementKind::kScript, "https://www.googletagmanager.com/gtm.js?id=GTM-ABCD123", "", ""},
        {wafer::ElementKind::kScript, "https://js.hs-scripts.com/1234567.js", "", ""},
        {wafer::ElementKind::kIframe, "https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0", "", ""},
        {wafer::ElementKind::kScript, "https://connect.facebook.net/en_US/fbevents.js", "", ""},
        {wafer::ElementKind::kScript, "https://snap.licdn.com/li.lms-analytics/insight.min.js", "", ""},
    };
    in->facts_bytes = wafer::EncodeFacts(f);

    const wafer::Decision d = wafer::Evaluate(in->policy, f);
    if (d.show_banner || !d.policy_ok) Die("the stored consent should apply");
    if (d.state_changed) Die("a returning visitor's state should not change");
    for (const auto& e : d.elements) {
      if (!e.release) Die("accept-all should release every held element");
    }
    in->decision_bytes = wafer::EncodeDecision(d);
    return in;
  }();
  return *inputs;
}

void BM_Evaluate(benchmark::State& state) {
  const Inputs& in = GetInputs();
  for (auto _ : state) {
    wafer::Decision d = wafer::Evaluate(in.policy, in.facts);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("decisions");
}
BENCHMARK(BM_Evaluate);

void BM_WirePath(benchmark::State& state) {
  const Inputs& in = GetInputs();
  for (auto _ : state) {
    wafer::Facts f;
    if (!wafer::DecodeFacts(in.facts_bytes, &f)) Die("facts do not decode");
    std::string out = wafer::EncodeDecision(wafer::Evaluate(in.policy, f));
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("wafer_evaluate calls");
}
BENCHMARK(BM_WirePath);

void BM_Apply(benchmark::State& state) {
  const Inputs& in = GetInputs();
  wafer::Choice choice;
  if (state.range(0) == 0) {
    choice.action = wafer::Action::kAcceptAll;
  } else {
    choice.action = wafer::Action::kCustom;
    choice.granted = {"functional", "analytics"};
  }
  for (auto _ : state) {
    wafer::Decision d = wafer::Apply(in.policy, in.facts, choice);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) == 0 ? "accept-all" : "custom");
}
BENCHMARK(BM_Apply)->Arg(0)->Arg(1);

void BM_DecodeConsentState(benchmark::State& state) {
  const Inputs& in = GetInputs();
  wafer::ConsentState s;
  for (auto _ : state) {
    bool ok = wafer::DecodeConsentState(in.state, in.policy.site_key, &s);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(in.state.size()));
}
BENCHMARK(BM_DecodeConsentState);

void BM_ParseCompiledPolicy(benchmark::State& state) {
  const Inputs& in = GetInputs();
  for (auto _ : state) {
    wafer::CompiledPolicy p;
    bool ok = wafer::CompiledPolicy::Parse(in.policy_bytes, &p);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(in.policy_bytes.size()));
}
BENCHMARK(BM_ParseCompiledPolicy);

// Hands every run to the reporter the flags asked for, and keeps the
// items/s of each benchmark for the budget line.
class BudgetReporter : public benchmark::BenchmarkReporter {
 public:
  explicit BudgetReporter(std::unique_ptr<benchmark::BenchmarkReporter> inner)
      : inner_(std::move(inner)) {
    inner_->SetOutputStream(&std::cout);
    inner_->SetErrorStream(&std::cerr);
  }
  bool ReportContext(const Context& context) override { return inner_->ReportContext(context); }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) items_per_second_[run.benchmark_name()] = it->second.value;
    }
    inner_->ReportRuns(runs);
  }
  void Finalize() override { inner_->Finalize(); }

  // Items per second of a benchmark, or 0 if it did not run.
  double ItemsPerSecond(const std::string& name) const {
    auto it = items_per_second_.find(name);
    return it == items_per_second_.end() ? 0 : it->second;
  }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> inner_;
  std::map<std::string, double> items_per_second_;
};

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// --write_inputs=DIR: the benchmark's inputs as files, for bench/wasm_bench.mjs.
int WriteInputs(const std::string& dir) {
  const Inputs& in = GetInputs();
  const bool ok = WriteFile(dir + "/policy.wfp", in.policy_bytes) &&
                  WriteFile(dir + "/facts.bin", in.facts_bytes) &&
                  WriteFile(dir + "/decision.bin", in.decision_bytes);
  if (!ok) {
    std::fprintf(stderr, "engine_bench: cannot write to %s\n", dir.c_str());
    return 2;
  }
  std::printf("wrote %s/{policy.wfp,facts.bin,decision.bin} (%zu, %zu, %zu bytes)\n", dir.c_str(),
              in.policy_bytes.size(), in.facts_bytes.size(), in.decision_bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg.substr(0, 15) == "--write_inputs=") return WriteInputs(std::string(arg.substr(15)));
    if (arg == "--benchmark_format=json") json = true;
    args.push_back(argv[i]);
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 2;
  GetInputs();  // Fail before any timing if the inputs are wrong.

  std::unique_ptr<benchmark::BenchmarkReporter> inner;
  if (json) {
    inner = std::make_unique<benchmark::JSONReporter>();
  } else {
    inner = std::make_unique<benchmark::ConsoleReporter>(benchmark::ConsoleReporter::OO_Tabular);
  }
  BudgetReporter reporter(std::move(inner));
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  FILE* out = json ? stderr : stdout;
  const double evaluate = reporter.ItemsPerSecond("BM_Evaluate");
  const double wire = reporter.ItemsPerSecond("BM_WirePath");
  if (evaluate > 0) {
    std::fprintf(out, "evaluate: %.0f decisions/s native (budget %.0f)\n", evaluate,
                 kBudgetDecisionsPerSecond);
  }
  if (wire > 0) {
    std::fprintf(out, "wire path: %.0f wafer_evaluate-equivalent calls/s native\n", wire);
  }
  return evaluate > 0 && evaluate < kBudgetDecisionsPerSecond ? 1 : 0;
}
