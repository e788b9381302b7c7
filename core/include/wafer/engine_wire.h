// engine_wire.h — the compact byte forms of the engine's inputs and outputs.
//
// The WASM engine takes facts and choices and returns decisions as bytes in
// linear memory; the loader writes and reads them with a few lines of JS and
// the native build uses the same functions, so a byte-for-byte comparison of
// native and WASM output is a complete differential test.
//
//   std::string in = wafer::EncodeFacts(facts);
//   wafer::Facts back;                       // views into `in`
//   if (wafer::DecodeFacts(in, &back)) {
//     std::string out = wafer::EncodeDecision(wafer::Evaluate(policy, back));
//   }
//
// Layouts, version 3 (u8 / varint / str / raw as in core/src/internal/wire.h).
// Every message starts with two magic bytes and the version; a reader
// refuses any other version (the WASM engine and the loader ship together).
// Facts:    "WF" u8 version(=3), varint now, str region, u8 flags (1 = GPC),
//           varint n × str language, str host, str path, str cookies
//           (document.cookie), str stored mirror, raw[16] fresh id,
//           varint n × { u8 kind, str url, str category, str service },
//           varint n × str service allowed for this page only
// Choice:   "WA" u8 version(=3), u8 action, varint n × str granted category,
//           varint n × { str service, u8 granted }
// Decision: "WD" u8 version(=3),
//           u8 flags (1 policy_ok, 2 show_banner, 4 hubspot_do_not_track,
//                     8 gpc_honoured, 16 state_changed),
//           u8 regime, u8 reason, varint language, str banner language
//           ("" = none),
//           varint allowed categories, varint allowed services,
//           varint cookieless services (Consent Mode advanced),
//           u8 consent mode, u8 hubspot,
//           varint n × { u8 release, u8 reason, varint service + 1,
//                        varint category + 1 },
//           varint n × str cookie to delete, varint n × str domain,
//           varint n × str path, varint n × { varint service, varint expires },
//           str state, u8 present, raw[16] consent id, varint given_at,
//           varint expires_at, u8 method
// PolicyInfo (what the loader needs to name things):
//           "WI" u8 version(=3), str site id, str cookie name, varint revision,
//           u8 default regime, varint wait_for_update,
//           varint n × str language, varint n × str banner language,
//           varint n × { str id, u8 flags },            categories
//           varint n × { str id, u8 category, u8 flags } services
// Version 1 had no page services, no service choices, no banner language
// and no banner languages; version 2 no cookieless services (and no element
// reason 5, "cookieless").

#ifndef WAFER_CORE_INCLUDE_WAFER_ENGINE_WIRE_H_
#define WAFER_CORE_INCLUDE_WAFER_ENGINE_WIRE_H_

#include <string>
#include <string_view>

#include "wafer/compiled_policy.h"
#include "wafer/engine.h"

namespace wafer {

inline constexpr uint8_t kEngineWireVersion = 3;

std::string EncodeFacts(const Facts& facts);
// Decodes facts; the string views in `out` point into `bytes`. Returns false
// on any malformed or truncated input.
bool DecodeFacts(std::string_view bytes, Facts* out);

std::string EncodeChoice(const Choice& choice);
bool DecodeChoice(std::string_view bytes, Choice* out);

std::string EncodeDecision(const Decision& decision);
// Decodes a decision (native tests and tools); views point into `bytes`.
bool DecodeDecision(std::string_view bytes, Decision* out);

std::string EncodePolicyInfo(const CompiledPolicy& policy);

// The WASM engine's whole contract, so that it is tested natively and
// differentially: decode the input, decide, encode the decision. With no
// readable policy (nullptr), malformed facts or a malformed choice the answer
// is FailClosed(): everything stays held.
std::string EvaluateWire(const CompiledPolicy* policy, std::string_view facts);
std::string ApplyWire(const CompiledPolicy* policy, std::string_view facts,
                      std::string_view choice);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_ENGINE_WIRE_H_
