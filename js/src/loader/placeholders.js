// placeholders.js — placeholders for everything that renders. A site marks
// the container a held script draws into (a HubSpot form, a chat, a map):
//
//   <div id="contact" data-wafer-placeholder="hubspot-forms"></div>
//
// While the engine's decision does not let that service run, the banner
// bundle draws a click-to-load placeholder inside (as for a refused iframe);
// once it may run, the placeholder goes and the released script draws into
// the container. A container naming a service the policy lacks gets none.
// Containers in the page when a decision is applied are all looked at; one
// inserted later (a single-page app's route, a modal, a lazy component) is
// reported by the stub's walk of inserted nodes (S.box_, stub/hold.js
// checkTree) and gets the same treatment under the latest decision.

import { FETCHING } from '../stub/hold.js';

const BOX = 'data-wafer-placeholder';

// container → its placeholder (null while the bundle loads). Weak: a
// container the page removes and drops goes with its placeholder.
const drawn = new WeakMap();

// Draws or removes the placeholders of `boxes` (every marked container in the
// document by default) for decision `d`. `drawer()`: a promise of the
// placeholder drawer (ui.js loadPlaceholder); `onLoad(service id, always,
// text)`: a placeholder's button.
export function drawPlaceholders(S, d, cfg, drawer, onLoad, boxes) {
  const run = () => {
    for (const box of boxes || document.querySelectorAll('[' + BOX + ']')) {
      const i = cfg.services.findIndex((s) => s[0] === box.getAttribute(BOX));
      if (i < 0) continue;
      let ph = drawn.get(box);
      // Taken out of its container (the app re-rendered the container's
      // children): drawn again.
      if (ph && ph.parentNode !== box) {
        drawn.delete(box);
        ph = undefined;
      }
      if (d.allowedServices.includes(i)) {
        if (ph) ph.remove();
        drawn.delete(box);
      } else if (ph === undefined) {
        drawn.set(box, null);
        drawer().then((draw) => {
          if (drawn.get(box) === null && !S.svcs_[i]) drawn.set(box, draw(box, i, onLoad, true));
        }, () => drawn.delete(box));
      }
    }
  };
  if (!boxes && document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

// Containers inserted after a decision: the stub's walk of inserted trees
// (stub/hold.js checkTree) also looks for them (S.sel_) and passes every
// element it does not hold to S.box_, which keeps the containers. The stub
// calls it before an insertion (the tree the page is about to insert) and
// after (its MutationObserver); the containers are taken together once the
// inserting code has finished (a microtask), those in the document only,
// and drawn for the latest decision, `decision()`.
export function watchPlaceholders(S, decision, draw) {
  if (S.box_) return;
  let seen = null;
  S.sel_ = FETCHING + ',[' + BOX + ']';
  S.box_ = (box) => {
    if (!box.hasAttribute(BOX)) return;
    if (seen) return seen.add(box);
    seen = new Set([box]);
    queueMicrotask(() => {
      const boxes = [...seen].filter((b) => b.isConnected);
      seen = null;
      const d = decision();
      if (boxes.length && d && d.policyOk) draw(d, boxes);
    });
  };
}
