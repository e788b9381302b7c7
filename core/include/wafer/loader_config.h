// loader_config.h — what the synchronous stub needs before the engine loads.
//
// The stub (js/) must hold trackers from the first byte, long before the WASM
// engine is compiled, so it matches elements and cookie writes against the
// same URL and cookie patterns the engine uses — emitted here from the
// policy, one source of truth. The result is a JavaScript object literal
// (JSON is a subset), inlined into the served wafer.js: the browser never
// parses the JSON policy and needs no JSON parser for it.
//
//   wafer::LoaderUrls urls{"/v1/engine/wafer-engine.3f2a.wasm", "/v1/consents"};
//   std::string js = wafer::RenderLoaderConfig(policy, compiled_bytes, urls, "FR");
//   // {"v":2,"site":"kalido","policy":"V0ZQ…","urls":[…],"cookies":[…],…}
//
// Native only.

#ifndef WAFER_CORE_INCLUDE_WAFER_LOADER_CONFIG_H_
#define WAFER_CORE_INCLUDE_WAFER_LOADER_CONFIG_H_

#include <string>
#include <string_view>

#include "wafer/policy.h"

namespace wafer {

struct LoaderUrls {
  std::string engine;    // The WASM engine (content-hashed name).
  std::string receipts;  // POST endpoint for consent receipts; "" = none.
  std::string loader;    // The deferred loader script; "" = bundled.
  // The compiled policy as a file (content-hashed name, served immutable);
  // "" = inlined in the config as base64.
  std::string policy;
  // The banner bundle for one language, with "{lang}" where the language
  // code goes: ".../v1/sites/kalido/banner.{lang}.js"; "" = no banner
  // (the loader then keeps everything held and says so on the console).
  std::string banner;
  // wafer.placeholder.js, which draws click-to-load placeholders (one file
  // for every language, with the banner bundle's strings); "" = none (refused
  // embeds then stay held without one).
  std::string placeholder;
  // The page-view token the loader sends with each receipt: wafer-server signs
  // it when it serves wafer.js (site, time, key id), so that a receipt shows
  // it follows a page view of this stub. "" = none (static bundles).
  std::string token;
};

// Renders the stub's configuration for `policy` (as returned by ParsePolicy)
// and its compiled bytes (CompilePolicy). `region` is the server's geo hint
// ("" if unknown). Deterministic for equal inputs.
std::string RenderLoaderConfig(const Policy& policy, std::string_view compiled,
                               const LoaderUrls& urls, std::string_view region);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_LOADER_CONFIG_H_
