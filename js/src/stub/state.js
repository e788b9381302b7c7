// state.js — what the stub and the loader share (window.__wafer).
//
// The stub fills it before anything else runs; the loader (a separate bundle)
// finds it there. `svcs_` is the engine's latest decision: until there is
// one, nothing is allowed. Fields ending in "_" are shortened by the
// build (js/build.mjs: one name table for both bundles).

import { compileUrls, cookieMatcher } from './match.js';

export function createState(cfg) {
  let urls;
  return {
    cfg,
    // The URL rules, compiled on first use (the first element or request
    // with a URL), not at start-up.
    get urls_() {
      return urls || (urls = compileUrls(cfg.urls));
    },
    // Cookie name → the index of the service whose pattern it matches, or -1.
    cookieService_: cookieMatcher(cfg.cookies),
    held_: [],         // { el, kind, url, category, service, state } in holding order
    seen_: new WeakSet(),  // elements already registered
    ok_: new WeakSet(),    // elements Wafer itself inserts (released copies)
    blockedType_: new WeakMap(),  // script → the type the page asked for
    // Set by the loader at the engine's first decision: decided_ (true),
    // svcs_ (svcs_[i]: service i may run, by the latest decision: its
    // cookies pass), load_ (load_[i]: its tags and requests pass: it may run,
    // or it loads cookieless under Consent Mode advanced).
    pending_: [],      // network calls made before the decision: { s, go, drop }
    queue_: [],        // API calls made before the loader: [name, args, resolve]
    listeners_: [],
    o_: {},            // the original DOM functions
    // Set later: onHeld_ (by the loader: called after an element is held);
    // box_, sel_ (by the loader once it applied a decision: the marked
    // containers of inserted trees, hold.js checkTree);
    // eng_, pol_ (by the stub: promises of the engine's WebAssembly.Module
    // and of the compiled policy file's bytes (an ArrayBuffer, or false if
    // the server refused), js/src/loader/engine.js).
  };
}
