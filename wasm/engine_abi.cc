// engine_abi.cc — the WASM engine's C ABI: bytes in linear memory in, bytes out.
//
// This file only moves bytes between JavaScript and the core; every rule lives
// in core/ (engine.h, engine_wire.h, compiled_policy.h). The loader
// (wasm/wafer-engine.mjs) calls it like this:
//
//   p = wafer_alloc(n); copy the compiled policy to p; wafer_load_policy(p, n);
//   wafer_free(p);
//   f = wafer_alloc(m); copy the encoded facts to f;
//   len = wafer_evaluate(f, m);            // the decision is at wafer_output()
//   wafer_free(f);
//
// The engine is single-threaded and keeps three buffers: the policy bytes (the
// parsed CompiledPolicy points into them), and the last output. Memory comes
// from a bump arena (arena.cc) that rewinds when the next request starts, so
// read an answer before the next wafer_alloc; wafer_free is a no-op.
//
// NOTE: fallbacks, so that the engine always answers: with no readable policy
// the answer is wafer::FailClosed(facts); facts (or a choice) that do not
// decode count as empty facts and fail closed too.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <emscripten/emscripten.h>

#include "wafer/compiled_policy.h"
#include "wafer/engine.h"
#include "wafer/engine_wire.h"
#include "arena.h"

namespace {

struct EngineState {
  std::string policy_bytes;  // Owns what `policy` points into.
  wafer::CompiledPolicy policy;
  bool policy_ok = false;
  std::string output;  // The last answer; wafer_output() points here.
};

// Static storage, not the arena: it must survive every request's rewind.
EngineState g_state;
// True once the last call answered: the next wafer_alloc starts a request.
bool g_answered = true;

EngineState& State() { return g_state; }

std::string_view View(const uint8_t* bytes, uint32_t n) {
  return n == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(bytes), n);
}

uint32_t Answer(std::string bytes) {
  State().output = std::move(bytes);
  g_answered = true;
  return static_cast<uint32_t>(State().output.size());
}

}  // namespace

extern "C" {

// Memory for an input. The first allocation after an answer starts a new
// request: the arena rewinds, so the previous answer is gone from then on.
EMSCRIPTEN_KEEPALIVE uint8_t* wafer_alloc(uint32_t n) {
  if (g_answered) {
    wafer::wasm::StartRequest();
    g_answered = false;
  }
  return static_cast<uint8_t*>(std::malloc(n == 0 ? 1 : n));
}

EMSCRIPTEN_KEEPALIVE void wafer_free(uint8_t* p) { std::free(p); }

// Copies and parses a compiled policy. Returns 1 if it is readable, else 0
// (and every later decision fails closed until a readable one is loaded).
EMSCRIPTEN_KEEPALIVE int32_t wafer_load_policy(const uint8_t* bytes, uint32_t n) {
  EngineState& s = State();
  s.policy = wafer::CompiledPolicy();
  s.policy_bytes.assign(reinterpret_cast<const char*>(bytes), n);
  s.policy_ok = wafer::CompiledPolicy::Parse(s.policy_bytes, &s.policy);
  if (!s.policy_ok) s.policy = wafer::CompiledPolicy();
  wafer::wasm::KeepAll();  // The policy outlives every later request.
  g_answered = true;
  return s.policy_ok ? 1 : 0;
}

// Decides for one page view. Returns the length of the encoded decision.
EMSCRIPTEN_KEEPALIVE uint32_t wafer_evaluate(const uint8_t* facts, uint32_t n) {
  const EngineState& s = State();
  return Answer(wafer::EvaluateWire(s.policy_ok ? &s.policy : nullptr, View(facts, n)));
}

EMSCRIPTEN_KEEPALIVE uint32_t wafer_apply(const uint8_t* facts, uint32_t nf,
                                          const uint8_t* choice, uint32_t nc) {
  const EngineState& s = State();
  return Answer(
      wafer::ApplyWire(s.policy_ok ? &s.policy : nullptr, View(facts, nf), View(choice, nc)));
}

EMSCRIPTEN_KEEPALIVE uint32_t wafer_policy_info(void) {
  const EngineState& s = State();
  return Answer(s.policy_ok ? wafer::EncodePolicyInfo(s.policy) : std::string());
}

// One URL or cookie-name pattern against one subject (wafer::MatchWire): 1
// match, 0 none, -1 malformed. Only the conformance tests call it.
EMSCRIPTEN_KEEPALIVE int32_t wafer_match(const uint8_t* bytes, uint32_t n) {
  g_answered = true;
  return wafer::MatchWire(View(bytes, n));
}

// The last answer's bytes (valid until the next call).
EMSCRIPTEN_KEEPALIVE const uint8_t* wafer_output(void) {
  return reinterpret_cast<const uint8_t*>(State().output.data());
}

}  // extern "C"
