// observer.js — parser-inserted elements. The observer runs at the end tag of
// every script, before the parser prepares it (REFERENCE §7), so setting the
// type stops execution; only `type="text/plain"` in the markup also stops the
// preload scanner's fetch.

import { checkTree } from './hold.js';

export function observe(S) {
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) checkTree(S, n);
  }).observe(document.documentElement, { childList: true, subtree: true });
}
