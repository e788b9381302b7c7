// wafer_cases — writes the native/WASM differential case file.
//
//   wafer_cases OUT.bin [--random N] [--seed S]
//
// Each record is four wire strings (core/src/internal/wire.h):
//   str compiled policy, str facts, str choice ("" = evaluate), str decision
// where the decision is what the native engine returns. tests/wasm/ replays
// every record through the WASM engine and requires identical bytes.
// Cases: every demo policy (as written, in more languages, and with Consent
// Mode "advanced") × a table of page-view scenarios (first visit,
// each choice, per-service choices and placeholder grants, lapses, revision
// bump, GPC, tampered and foreign cookies, page languages…), then N random
// cases (random times, regions, languages, cookies, consent cookies made by
// Apply — with services of their own — and then damaged, held elements from
// the policy's own patterns, services allowed for the page only).

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "internal/wire.h"
#include "wafer/calendar.h"
#include "wafer/compiled_policy.h"
#include "wafer/compiler.h"
#include "wafer/engine.h"
#include "wafer/engine_wire.h"
#include "wafer/policy.h"
#include "wafer/public_suffix.h"

namespace {

constexpr int64_t kBase = 1767225600;  // 2026-01-01T00:00:00Z

struct Writer {
  wafer::internal::WireWriter w;
  int count = 0;
  // Records one case as the WASM engine will see it: raw bytes in, the
  // native EvaluateWire/ApplyWire answer out (an empty choice = evaluate).
  void AddRaw(const std::string& policy_bytes, const std::string& facts,
              const std::string* choice) {
    wafer::CompiledPolicy policy;
    const bool ok = wafer::CompiledPolicy::Parse(policy_bytes, &policy);
    w.Str(policy_bytes);
    w.Str(facts);
    w.Str(choice != nullptr ? *choice : std::string());
    w.Str(choice != nullptr ? wafer::ApplyWire(ok ? &policy : nullptr, facts, *choice)
                            : wafer::EvaluateWire(ok ? &policy : nullptr, facts));
    ++count;
  }
  void Add(const std::string& policy_bytes, const wafer::CompiledPolicy&,
           const wafer::Facts& facts, const wafer::Choice* choice) {
    const std::string c = choice != nullptr ? wafer::EncodeChoice(*choice) : std::string();
    AddRaw(policy_bytes, wafer::EncodeFacts(facts), choice != nullptr ? &c : nullptr);
  }
};

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A URL that the pattern matches: wildcards replaced by plausible text.
std::string UrlFor(std::string_view pattern, std::mt19937_64& rng) {
  std::string url = "https://";
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '*') {
      url += (i == 0) ? std::string("www") : std::to_string(rng() % 1000);
      if (i == 0 && i + 1 < pattern.size() && pattern[i + 1] == '.') continue;
    } else {
      url += pattern[i];
    }
  }
  if (pattern.find('/') == std::string_view::npos) url += "/x.js";
  return url;
}

std::string CookieFor(std::string_view pattern, std::mt19937_64& rng) {
  std::string name;
  for (char c : pattern) name += c == '*' ? std::to_string(rng() % 100) : std::string(1, c);
  return name;
}

struct Scenario {
  const char* name;
  int64_t now_offset;  // Seconds after the consent was given.
  const char* region;
  bool gpc;
  int action;          // -1: evaluate only; else wafer::Action.
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: wafer_cases OUT.bin [--random N] [--seed S]\n";
    return 2;
  }
  int random_cases = 2000;
  uint64_t seed = 20261125;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--random") random_cases = std::stoi(argv[i + 1]);
    else if (a == "--seed") seed = std::stoull(argv[i + 1]);
  }
  const std::filesystem::path root = WAFER_SOURCE_DIR;
  absl::StatusOr<wafer::PublicSuffixList> psl =
      wafer::PublicSuffixList::Load(wafer::kDefaultPublicSuffixListPath);
  if (!psl.ok()) {
    std::cerr << psl.status().message() << "\n";
    return 1;
  }
  std::vector<std::string> compiled;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(root / "demo" / "policies")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    absl::StatusOr<wafer::Policy> p = wafer::ParsePolicy(ReadFile(f));
    if (!p.ok()) {
      std::cerr << f << ": " << p.status().message() << "\n";
      return 1;
    }
    absl::StatusOr<std::string> bytes = wafer::CompilePolicy(*p, *psl);
    if (!bytes.ok()) {
      std::cerr << f << ": " << bytes.status().message() << "\n";
      return 1;
    }
    compiled.push_back(*bytes);
    // Each demo policy once more in languages the engine reaches through its
    // aliases and regional bundles (nn → nb, iw → he, pt-BR → pt): texts fall
    // back to the default language, the choice of language is the engine's.
    p->languages = {p->languages.front(), "pt", "nb", "he"};
    absl::StatusOr<std::string> multilingual = wafer::CompilePolicy(*p, *psl);
    if (!multilingual.ok()) {
      std::cerr << f << " (multilingual): " << multilingual.status().message() << "\n";
      return 1;
    }
    compiled.push_back(*multilingual);
    // And once more with Consent Mode "advanced": Google's gtag.js tags load
    // cookieless where they may not run (docs/engine.md "Consent Mode").
    p->languages = {p->languages.front()};
    p->consent_mode = wafer::ConsentModeKind::kAdvanced;
    absl::StatusOr<std::string> advanced = wafer::CompilePolicy(*p, *psl);
    if (!advanced.ok()) {
      std::cerr << f << " (advanced): " << advanced.status().message() << "\n";
      return 1;
    }
    compiled.push_back(*advanced);
  }
  if (compiled.empty()) {
    std::cerr << "no demo policies under " << (root / "demo" / "policies") << "\n";
    return 1;
  }

  std::mt19937_64 rng(seed);
  Writer out;
  const Scenario scenarios[] = {
      {"first visit", 0, "FR", false, -1},
      {"accept all", 0, "FR", false, static_cast<int>(wafer::Action::kAcceptAll)},
      {"reject all", 0, "DE", false, static_cast<int>(wafer::Action::kRejectAll)},
      {"custom", 0, "IT", false, static_cast<int>(wafer::Action::kCustom)},
      {"withdraw", 86400, "FR", false, static_cast<int>(wafer::Action::kWithdraw)},
      {"close", 0, "ES", false, static_cast<int>(wafer::Action::kClose)},
      {"opt out", 0, "US-CA", false, static_cast<int>(wafer::Action::kOptOut)},
      {"gpc opt-out region", 0, "US-CA", true, -1},
      {"gpc accept", 0, "US", true, static_cast<int>(wafer::Action::kAcceptAll)},
      {"gpc opt-in region", 0, "FR", true, -1},
      {"13 months minus 1 s", 0, "FR", false, -1},
      {"13 months", 0, "FR", false, -1},
      {"unknown region", 0, "", false, -1},
      {"per-service custom", 0, "FR", false, static_cast<int>(wafer::Action::kCustom)},
      {"placeholder always", 0, "FR", false, static_cast<int>(wafer::Action::kAllow)},
      {"placeholder once", 0, "FR", false, static_cast<int>(wafer::Action::kAllowOnce)},
      {"page grant", 0, "FR", false, -1},
      {"page lang de", 0, "FR", false, -1},
  };

  for (size_t pi = 0; pi < compiled.size(); ++pi) {
    wafer::CompiledPolicy policy;
    if (!wafer::CompiledPolicy::Parse(compiled[pi], &policy)) {
      std::cerr << files[pi / 3] << ": compiled policy does not parse\n";
      return 1;
    }
    // Elements and cookies from the policy's own patterns.
    std::vector<std::string> urls, names;
    for (const auto& s : policy.services) {
      for (auto p : s.url_patterns) urls.push_back(UrlFor(p, rng));
      for (auto p : s.cookie_patterns) names.push_back(CookieFor(p, rng));
    }
    std::string tracker_cookies;
    for (const auto& n : names) tracker_cookies += n + "=v1; ";
    std::vector<wafer::HeldElement> elements;
    for (const auto& u : urls) elements.push_back({wafer::ElementKind::kScript, u, "", ""});
    elements.push_back({wafer::ElementKind::kScript, "", policy.categories.back().id, ""});
    elements.push_back({wafer::ElementKind::kIframe, "https://unknown.example/x", "", ""});

    // A consent cookie given at kBase by accept-all, to age in scenarios.
    wafer::Facts given;
    given.now = kBase;
    given.region = "FR";
    given.host = "www.example.com";
    const wafer::Decision accepted =
        wafer::Apply(policy, given, wafer::Choice{wafer::Action::kAcceptAll, {}, {}});
    for (const Scenario& sc : scenarios) {
      wafer::Facts f;
      std::string cookies = tracker_cookies;
      f.now = kBase + sc.now_offset;
      if (std::string(sc.name) == "13 months") f.now = wafer::AddMonths(kBase, 13);
      if (std::string(sc.name) == "13 months minus 1 s") f.now = wafer::AddMonths(kBase, 13) - 1;
      if (sc.action < 0 && std::string(sc.name) != "first visit") {
        cookies += std::string(policy.cookie_name) + "=" + accepted.state;
      }
      f.region = sc.region;
      f.gpc = sc.gpc;
      f.languages = {"fr-FR", "en"};
      if (std::string(sc.name) == "page lang de") f.languages = {"de", "de-DE", "en-US"};
      const std::string_view last_service = policy.services.back().id;
      if (std::string(sc.name) == "page grant") f.page_services = {last_service, "unknown"};
      f.host = policy.domains.empty() ? std::string_view("localhost") : policy.domains[0];
      f.path = "/blog/post";
      f.cookies = cookies;
      for (int i = 0; i < wafer::kConsentIdSize; ++i) f.fresh_id[i] = static_cast<uint8_t>(rng());
      f.elements = elements;
      if (sc.action >= 0) {
        wafer::Choice c{static_cast<wafer::Action>(sc.action), {}, {}};
        if (policy.categories.size() > 1) c.granted.push_back(policy.categories[1].id);
        if (std::string(sc.name).rfind("per-service", 0) == 0 ||
            std::string(sc.name).rfind("placeholder", 0) == 0) {
          c.services.push_back({last_service, true});
          c.services.push_back({policy.services.front().id, false});
        }
        out.Add(compiled[pi], policy, f, &c);
      } else {
        out.Add(compiled[pi], policy, f, nullptr);
      }
    }
  }

  // Random cases.
  const char* regions[] = {"FR", "DE", "US", "US-CA", "US-TX", "CA", "GB", "", "BR", "us-ca"};
  const char* languages[] = {"fr", "en-US", "de", "es", "it-IT", "nl", "fr-CA", "pt-BR", "", "DE-ch",
                             "nn", "no-NO", "iw", "he-IL", "pt-PT", "pt_br", "pt", "nb"};
  const char* paths[] = {"/", "/a", "/a/b/", "/shop/cart/item", ""};
  for (int n = 0; n < random_cases; ++n) {
    const size_t pi = rng() % compiled.size();
    wafer::CompiledPolicy policy;
    wafer::CompiledPolicy::Parse(compiled[pi], &policy);
    std::vector<std::string> storage;
    storage.reserve(64);
    wafer::Facts f;
    f.now = kBase + static_cast<int64_t>(rng() % (3LL * 365 * 86400));
    f.region = regions[rng() % std::size(regions)];
    f.gpc = rng() % 3 == 0;
    for (int i = 0, k = rng() % 3; i < k; ++i) f.languages.push_back(languages[rng() % std::size(languages)]);
    f.host = rng() % 4 == 0 ? std::string_view("other.example.org")
                            : (policy.domains.empty() ? std::string_view("localhost") : policy.domains[0]);
    f.path = paths[rng() % std::size(paths)];
    for (int i = 0; i < wafer::kConsentIdSize; ++i) f.fresh_id[i] = static_cast<uint8_t>(rng());

    // An earlier choice, possibly damaged, as the stored consent.
    std::string cookies;
    for (const auto& s : policy.services) {
      for (auto p : s.cookie_patterns) {
        if (rng() % 2) cookies += CookieFor(p, rng) + "=x; ";
      }
    }
    if (rng() % 4 != 0) {
      wafer::Facts earlier = f;
      earlier.now = f.now - static_cast<int64_t>(rng() % (20LL * 30 * 86400));
      earlier.cookies = "";
      earlier.elements.clear();
      wafer::Choice c{static_cast<wafer::Action>(rng() % wafer::kActionCount), {}, {}};
      for (const auto& cat : policy.categories) {
        if (rng() % 2) c.granted.push_back(cat.id);
      }
      for (const auto& s : policy.services) {
        if (rng() % 3 == 0) c.services.push_back({s.id, rng() % 2 == 0});
      }
      std::string state = wafer::Apply(policy, earlier, c).state;
      switch (rng() % 6) {
        case 0: if (!state.empty()) state[rng() % state.size()] ^= 1; break;  // Tampered.
        case 1: state = state.substr(0, rng() % (state.size() + 1)); break;  // Truncated.
        default: break;
      }
      storage.push_back(state);
      if (rng() % 5 == 0) f.stored_mirror = storage.back();
      else cookies += std::string(policy.cookie_name) + "=" + storage.back();
    }
    storage.push_back(cookies);
    f.cookies = storage.back();

    std::vector<std::string> urls;
    for (int i = 0, k = rng() % 6; i < k; ++i) {
      const auto& s = policy.services[rng() % policy.services.size()];
      if (!s.url_patterns.empty() && rng() % 5 != 0) {
        urls.push_back(UrlFor(s.url_patterns[rng() % s.url_patterns.size()], rng));
      } else {
        urls.push_back("https://cdn" + std::to_string(rng() % 9) + ".example.net/lib.js");
      }
    }
    for (const auto& u : urls) {
      wafer::HeldElement e;
      e.kind = static_cast<wafer::ElementKind>(rng() % wafer::kElementKindCount);
      e.url = u;
      const int mark = rng() % 6;
      if (mark == 0) e.category = policy.categories[rng() % policy.categories.size()].id;
      if (mark == 1) e.service = policy.services[rng() % policy.services.size()].id;
      if (mark == 2) e.category = "no-such-category";
      f.elements.push_back(e);
    }
    if (rng() % 4 == 0) {
      f.page_services.push_back(policy.services[rng() % policy.services.size()].id);
    }
    if (rng() % 3 == 0) {
      wafer::Choice c{static_cast<wafer::Action>(rng() % wafer::kActionCount), {}, {}};
      for (const auto& cat : policy.categories) {
        if (rng() % 2) c.granted.push_back(cat.id);
      }
      for (const auto& s : policy.services) {
        if (rng() % 3 == 0) c.services.push_back({s.id, rng() % 2 == 0});
      }
      if (rng() % 8 == 0) c.granted.push_back("unknown");
      if (rng() % 8 == 0) c.services.push_back({"unknown", true});
      out.Add(compiled[pi], policy, f, &c);
    } else {
      out.Add(compiled[pi], policy, f, nullptr);
    }
  }

  // Damaged inputs: every answer must be the same fail-closed bytes.
  for (int n = 0; n < 200; ++n) {
    std::string policy = compiled[rng() % compiled.size()];
    wafer::Facts f;
    f.now = kBase;
    f.region = "FR";
    f.elements.push_back({wafer::ElementKind::kScript, "https://www.googletagmanager.com/gtag/js?id=G-1", "", ""});
    std::string facts = wafer::EncodeFacts(f);
    std::string choice = wafer::EncodeChoice(wafer::Choice{wafer::Action::kAcceptAll, {}, {}});
    switch (n % 4) {
      case 0: policy[rng() % policy.size()] ^= static_cast<char>(1 + rng() % 255); break;
      case 1: facts = facts.substr(0, rng() % facts.size()); break;
      case 2: choice[rng() % choice.size()] ^= static_cast<char>(1 + rng() % 255); break;
      default: facts[rng() % facts.size()] ^= static_cast<char>(1 + rng() % 255); break;
    }
    out.AddRaw(policy, facts, n % 2 == 0 ? &choice : nullptr);
  }

  std::ofstream file(argv[1], std::ios::binary);
  file << out.w.bytes();
  if (!file) {
    std::cerr << argv[1] << ": cannot write\n";
    return 1;
  }
  std::cout << "wafer_cases: wrote " << out.count << " cases to " << argv[1] << "\n";
  return 0;
}
