// placeholders.js — placeholders for everything that renders. A site marks
// the container a held script draws into (a HubSpot form, a chat, a map):
//
//   <div id="contact" data-wafer-placeholder="hubspot-forms"></div>
//
// While the engine's decision does not let that service run, the banner
// bundle draws a click-to-load placeholder inside (as for a refused iframe);
// once it may run, the placeholder goes and the released script draws into
// the container. A container naming a service the policy lacks gets none.

const drawn = new Map();  // container → its placeholder (null while the bundle loads)

// `drawer()`: a promise of the placeholder drawer (ui.js loadPlaceholder);
// `onLoad(service id, always, text)`: a placeholder's button.
export function drawPlaceholders(S, d, cfg, drawer, onLoad) {
  const run = () => {
    for (const box of document.querySelectorAll('[data-wafer-placeholder]')) {
      const i = cfg.services.findIndex((s) => s[0] === box.getAttribute('data-wafer-placeholder'));
      if (i < 0) continue;
      const ph = drawn.get(box);
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
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
