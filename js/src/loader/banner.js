// banner.js — the plain first layer: "Accept all", "Reject all" and
// "Customise" with equal prominence; customising lists each category with
// nothing pre-ticked. Shadow DOM keeps the site's CSS out. Policy text is set
// as text, never as HTML. The full banner and preferences are issue 4.

import { label, strings } from './i18n.js';

const CSS = `
:host{all:initial}
.b{position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:80vh;overflow:auto;
 background:#fff;color:#111;border-top:2px solid #111;padding:16px 20px;font:15px/1.45 system-ui,sans-serif;
 box-shadow:0 -4px 16px rgba(0,0,0,.2)}
h2{font-size:17px;margin:0 0 6px}
p{margin:0 0 10px}
a{color:#0645ad}
.r{display:flex;flex-wrap:wrap;gap:10px}
button{flex:1 1 160px;font:inherit;font-weight:600;padding:10px 14px;border:2px solid #111;border-radius:4px;
 background:#111;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #0a66ff;outline-offset:2px}
ul{list-style:none;padding:0;margin:0 0 10px}
li{margin:4px 0}
label{display:flex;gap:8px;align-items:baseline}
small{color:#444}
`;

let host = null;

export function hideBanner() {
  if (host) host.remove();
  host = null;
}

// Shows the banner. `view`: { lang, regime, gpc, unavailable, customise,
// allowed: [bool per category] }. `act(action, categories)` runs a choice.
// Returns the text shown (for the receipt's banner_text_hash).
export function showBanner(cfg, view, act) {
  hideBanner();
  const t = strings(view.lang);
  host = document.createElement('div');
  host.id = 'wafer-banner';
  const root = host.attachShadow({ mode: 'open' });
  const el = (tag, props, ...kids) => {
    const n = document.createElement(tag);
    Object.assign(n, props);
    n.append(...kids);
    return n;
  };
  const button = (action, text) => {
    const b = el('button', { type: 'button', textContent: text });
    b.setAttribute('data-wafer-action', action);
    return b;
  };
  const box = el('div', { className: 'b' });
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', t.title);
  const optIn = view.regime === 'opt-in';
  box.append(el('h2', { textContent: t.title }),
    el('p', { textContent: view.unavailable ? t.unavailable : optIn ? t.text : t.optOutText }));
  if (view.gpc) box.append(el('p', { textContent: t.gpc }));
  if (cfg.policy_url) box.append(el('p', {}, el('a', { href: cfg.policy_url, textContent: t.policy })));

  const list = el('ul');
  list.hidden = !view.customise;
  (cfg.categories || []).forEach(([id, flags, labels, descriptions], i) => {
    const box = el('input', { type: 'checkbox', checked: !!(flags & 1) || (!!view.customise && !!view.allowed[i]), disabled: !!(flags & 1) });
    box.setAttribute('data-wafer-category', id);
    list.append(el('li', {}, el('label', {}, box,
      el('span', {}, el('strong', { textContent: label(labels, view.lang) || id }),
        flags & 1 ? ` (${t.alwaysOn}) ` : ' ', el('small', { textContent: label(descriptions, view.lang) })))));
  });
  box.append(list);

  const row = el('div', { className: 'r' });
  const save = button('save', t.save);
  save.hidden = !view.customise;
  const customise = button('customise', t.customise);
  customise.hidden = !!view.customise;
  row.append(button('accept-all', t.acceptAll), button('reject-all', t.rejectAll), customise, save);
  if (!optIn && !view.unavailable) row.append(button('opt-out', t.optOut));
  box.append(row);
  root.append(el('style', { textContent: CSS }), box);

  row.addEventListener('click', (ev) => {
    const action = ev.target.getAttribute && ev.target.getAttribute('data-wafer-action');
    if (!action) return;
    if (action === 'customise') {
      list.hidden = false;
      save.hidden = false;
      customise.hidden = true;
      return;
    }
    const granted = [...list.querySelectorAll('input:checked:not([disabled])')].map((i) => i.getAttribute('data-wafer-category'));
    act(action === 'save' ? 'custom' : action, granted);
  });
  host.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') act('close', []);
  });
  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);
  return box.textContent;
}
