// json_io.h — facts, choices and decisions as JSON, for the CLI and the server.
//
// The browser speaks the compact wire forms (engine_wire.h); people and
// native tools speak JSON. A FactsDocument owns the strings its Facts view.
//
//   absl::StatusOr<wafer::FactsDocument> doc = wafer::ParseFactsJson(text);
//   wafer::Decision d = wafer::Evaluate(policy, doc->facts);
//   std::string json = wafer::DecisionToJson(policy, doc->facts, d);
//
// Facts JSON (every key optional but "now"):
//   {"now": "2026-01-15T10:00:00Z" | 1768471200, "region": "FR", "gpc": false,
//    "languages": ["fr-FR", "en"], "host": "www.kalido.fr", "path": "/",
//    "cookies": "_ga=GA1.1.5; wafer_consent=…", "mirror": "…",
//    "fresh_id": "<32 hex digits>",
//    "elements": [{"kind": "script", "url": "https://…", "category": "", "service": ""}],
//    "page_services": ["youtube"],
//    "choice": {"action": "accept-all" | "reject-all" | "custom" | "withdraw" |
//               "close" | "opt-out" | "allow" | "allow-once",
//               "granted": ["analytics"], "services": {"youtube": true}}}
// Native only (nlohmann_json, Abseil).

#ifndef WAFER_CORE_INCLUDE_WAFER_JSON_IO_H_
#define WAFER_CORE_INCLUDE_WAFER_JSON_IO_H_

#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "wafer/compiled_policy.h"
#include "wafer/engine.h"

namespace wafer {

struct FactsDocument {
  Facts facts;                   // Views into `strings`.
  std::optional<Choice> choice;  // Present when the JSON had "choice".
  std::deque<std::string> strings;
};

// Parses facts JSON. InvalidArgument names the key and what was expected:
// `elements[1].kind: expected one of script, iframe, image, beacon, link, other`.
absl::StatusOr<FactsDocument> ParseFactsJson(std::string_view json);

// The decision as JSON, with ids instead of indices and an "explanation":
// one sentence per rule that shaped it.
std::string DecisionToJson(const CompiledPolicy& policy, const Facts& facts,
                           const Decision& decision, int indent = 2);

// "2026-01-15T10:00:00Z" for Unix seconds.
std::string FormatUtc(int64_t unix_seconds);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_JSON_IO_H_
