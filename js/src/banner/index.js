// The banner bundle (dist/wafer.banner.<lang>.js): code, CSS and one
// language's strings; the server fills in the site's banner data
// (wafer::RenderBannerData) where the build left `/*@WAFER_BANNER@*/null`.
// The loader injects it only when something must be drawn; it registers its
// views on window.__wafer.ui_:
//
//   ui.show({ mode: 'banner' | 'preferences', regime, gpc, unavailable,
//             allowed: [category index], services: [service index], stored,
//             required, opener }, act)
//     → the text shown (hashed into the receipt);
//       act(action, granted category ids, text, { service id: on })
//   ui.hide(choiceExists, method)
//   ui.kit_: what wafer.placeholder.js draws placeholders with (this
//     bundle's strings, data, nonce, DOM helpers and styles), so that it
//     carries no language and none of this code (placeholder.js)
//
// Both views live in the #wafer-banner host (open shadow root, adopted
// stylesheet). The floating reopen button (#wafer-reopen) is the loader's
// (js/src/loader/reopen.js): the banner hides it while it shows, through
// window.__wafer.reopen_.

import { adoptStyles } from './style.js';
import { el, link, texts } from './dom.js';
import { firstLayer } from './layer.js';
import { chosen, preferences } from './preferences.js';

// Button → engine action (js/src/wire.js ACTIONS).
const ACTIONS = { accept: 'accept-all', reject: 'reject-all', save: 'custom', withdraw: 'withdraw', close: 'close', 'opt-out': 'opt-out' };
const FOCUSABLE = 'a[href],button,input:not([disabled]),select,textarea,summary,[tabindex]';

// The elements of `root` that Tab reaches, in order.
const tabbable = (root) => [...root.querySelectorAll(FOCUSABLE)].filter((n) => n.tabIndex >= 0 && n.getClientRects().length);

// Gives the focus to the first of `nodes` that takes it, else to the page's
// first focusable element: never left on <body> (WCAG 2.4.3).
const refocus = (...nodes) => {
  for (const n of [...nodes, ...tabbable(document)]) {
    n?.focus({ preventScroll: true });
    if (document.activeElement !== document.body) return;
  }
};

export function start(strings, data) {
  const S = window.__wafer, me = document.currentScript;
  if (!S) return;
  if (!data) {
    console.error('[wafer] the banner bundle came without its data (served as a bare template?): everything stays held');
    return;
  }
  const nonce = me && me.nonce;
  const t = texts(strings, data);
  let host = null, root = null, mode = '', view = null, act = null, shown = '', restore = null;

  const attach = (h) => (document.body ? document.body.append(h)
    : document.addEventListener('DOMContentLoaded', () => document.body.append(h)));
  const make = (id) => {
    const h = el('div', { id, lang: data.lang, dir: data.dir || 'ltr' });
    const r = h.attachShadow({ mode: 'open' });
    adoptStyles(r, nonce);
    return [h, r];
  };

  // The loader's reopen button: hidden while the banner shows; returns it when shown.
  const floating = (on) => S.reopen_ && S.reopen_(on);

  // A short status after a withdrawal or an opt-out (a polite live region).
  const notice = (key) => {
    const [h, r] = make('wafer-status'), box = el('div', { class: 'n', role: 'status' });
    r.append(box);
    attach(h);
    setTimeout(() => (box.textContent = t(key)), 100);  // Announced: the region exists first.
    setTimeout(() => h.remove(), 6000);
  };

  // Closes the views. Focus that was in them (or nowhere) goes back to the
  // control that opened them, else the reopen button, else the page's first
  // focusable element.
  const hide = (choice, method) => {
    if (method === 'withdraw' || method === 'opt-out') notice(method === 'withdraw' ? 'withdrawn' : 'opted_out');
    const button = floating(choice), a = document.activeElement;
    if (!host) return;
    const inside = !a || a === document.body || a === host;
    host.remove();
    host = root = null;
    mode = '';
    if (inside) refocus(restore, button);
    restore = null;
  };

  const onKey = (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      action('close');
    } else if (ev.key === 'Tab' && mode === 'preferences') {
      // Focus stays in the modal dialog.
      const f = tabbable(root), first = f[0], last = f[f.length - 1], at = root.activeElement;
      if (ev.shiftKey ? at === first || !f.includes(at) : at === last) {
        ev.preventDefault();
        (ev.shiftKey ? last : first).focus();
      }
    }
  };

  const action = (a) => {
    if (a === 'customise') return render('preferences');
    if (a === 'close' && mode === 'preferences' && !view.required) return hide(view.choice);
    const [granted, services] = chosen(root);
    act(ACTIONS[a], granted, shown, services);
  };

  const render = (m) => {
    const fresh = !host;
    if (fresh) {
      [host, root] = make('wafer-banner');
      root.addEventListener('click', (ev) => {
        const b = ev.target.closest('[data-wafer-action]');
        if (b) action(b.getAttribute('data-wafer-action'));
      });
      root.addEventListener('keydown', onKey);
      const active = view.opener || document.activeElement;
      restore = active && active !== document.body ? active : null;
      floating(false);
    }
    for (const n of [...root.children]) if (n.localName !== 'style') n.remove();
    mode = m;
    const views = m === 'preferences' ? preferences(t, data, view) : [firstLayer(t, data, view)];
    root.append(...views);
    const box = views[views.length - 1];
    shown = box.textContent;
    if (fresh) attach(host);
    // Focus moves in (the first layer does not take it from a field the visitor is using).
    if (m === 'preferences' || !restore) box.focus({ preventScroll: true });
    return shown;
  };

  S.ui_ = {
    lang: data.lang,
    show(v, onAct) {
      act = onAct;
      view = v;
      // Opened by a control while the banner shows (a footer link): focus returns there.
      if (v.opener && host) restore = v.opener;
      return host && mode === v.mode ? shown : render(v.mode);
    },
    hide,
    kit_: { t, data, nonce, el, link, adopt: adoptStyles },
  };
}
