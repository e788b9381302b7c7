// The synchronous stub (dist/wafer.stub.js), served with its configuration
// inlined (core/src/loader_config.cc). It runs first in <head> and waits for
// nothing: Consent Mode defaults, then the holds, then the loader, async.
// Fail closed: without a configuration or a loader, nothing is released.

import { createState } from './state.js';
import { consentModeDefaults } from './consent-mode.js';
import { observe } from './observer.js';
import { patchElements } from './monkey.js';
import { patchNetwork } from './network.js';
import { guardCookies } from './cookies.js';
import { queueApi } from './api.js';

const cfg = __WAFER_CONFIG__;

if (!window.__wafer) {
  consentModeDefaults(cfg);
  if (cfg) {
    const S = (window.__wafer = createState(cfg));
    window.wafer = queueApi(S);
    for (const step of [patchElements, observe, patchNetwork, guardCookies]) {
      try {
        step(S);
      } catch (e) {
        console.warn('wafer:', e);
      }
    }
    const s = document.createElement('script');
    S.ok_.add(s);
    s.async = true;
    s.src = cfg.loader;
    document.head.appendChild(s);  // The parser has made <head> by now.
  }
}
