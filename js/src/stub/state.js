// state.js — what the stub and the loader share (window.__wafer).
//
// The stub fills it before anything else runs; the loader (a separate bundle)
// finds it there. `cats_` and `svcs_` are the engine's latest decision: until
// there is one, nothing is allowed. Fields ending in "_" are shortened by the
// build (js/build.mjs: one name table for both bundles).

import { compileUrls, cookieMatcher } from './match.js';

export function createState(cfg) {
  return {
    cfg,
    urls_: compileUrls(cfg.urls || []),
    cookieCategory_: cookieMatcher(cfg.cookies || []),
    held_: [],         // { el, kind, url, category, service, state } in holding order
    seen_: new WeakSet(),  // elements already registered
    ok_: new WeakSet(),    // elements Wafer itself inserts (released copies)
    blockedType_: new WeakMap(),  // script → the type the page asked for
    decided_: false,
    cats_: [],         // cats[i]: category i allowed by the latest decision
    svcs_: [],         // svcs[i]: service i allowed
    pending_: [],      // network calls made before the decision: { s, go, drop }
    queue_: [],        // API calls made before the loader: [name, args, resolve]
    listeners_: [],
    onHeld_: null,     // set by the loader: called after an element is held
    o_: {},            // the original DOM functions
  };
}
