// The synchronous stub (dist/wafer.stub.js), served with its configuration
// inlined (core/src/loader_config.cc). It runs first in <head> and waits for
// nothing: Consent Mode defaults, then the holds, then the loader, async.
// Fail closed: without a configuration or a loader, nothing is released.

import { createState } from './state.js';
import { consentModeDefaults } from './consent-mode.js';
import { observe } from './observer.js';
import { patchElements, warn } from './monkey.js';
import { patchHtml } from './html.js';
import { patchNetwork } from './network.js';
import { guardCookies } from './cookies.js';
import { queueApi } from './api.js';

const cfg = __WAFER_CONFIG__;

if (!window.__wafer) {
  consentModeDefaults(cfg);
  if (cfg) {
    const S = (window.__wafer = createState(cfg));
    // The engine (compiled while it streams in), the compiled policy and the
    // loader are requested first, in parallel, with the page's own fetch and
    // DOM methods (before they are patched: nothing of Wafer's goes through
    // its own holds). The loader, async, runs after this script whatever
    // happens; it fetches again whatever failed here (js/src/loader/engine.js).
    try {
      (S.eng_ = WebAssembly.compileStreaming(fetch(cfg.engine))).catch(() => {});
      if (cfg.policy_file) (S.pol_ = fetch(cfg.policy_file).then((r) => r.ok && r.arrayBuffer())).catch(() => {});
    } catch (e) {}
    const s = document.createElement('script');
    S.ok_.add(s);  // Inserted by script: async.
    s.src = cfg.loader;
    document.head.appendChild(s);  // The parser has made <head> by now.
    window.wafer = queueApi(S);
    for (const step of [patchElements, patchHtml, observe, patchNetwork, guardCookies]) {
      try {
        step(S);
      } catch (e) {
        warn(e);
      }
    }
  }
}
