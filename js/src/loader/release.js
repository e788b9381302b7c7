// release.js — held elements out, in their original order, once each.
//
// Scripts are re-created (a script element runs at most once, and the held
// one was neutralised): every attribute is copied, the type the page asked
// for restored, the nonce kept (it is hidden from getAttribute). Ordered
// scripts wait for the one before them; async ones do not; defer and module
// scripts run after the document is parsed, in order. Load and error events
// are forwarded to the element the page created.

import { BLOCKED } from '../stub/hold.js';
import { label } from './i18n.js';

const domReady = new Promise((resolve) =>
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', resolve) : resolve());

const loaded = (s) => new Promise((resolve) => {
  s.addEventListener('load', resolve);
  s.addEventListener('error', resolve);
});

let ordered = Promise.resolve();
let deferred = domReady;

function copyScript(S, el) {
  const s = document.createElement('script');
  S.ok_.add(s);
  for (const a of el.attributes) {
    if (a.name !== 'type' && a.name !== 'data-wafer-type') s.setAttribute(a.name, a.value);
  }
  let type = S.blockedType_.has(el) ? S.blockedType_.get(el) : el.getAttribute('data-wafer-type');
  if (type && type !== BLOCKED && type !== 'text/plain') s.setAttribute('type', type);
  if (el.nonce) s.nonce = el.nonce;
  if (!el.hasAttribute('src')) s.text = el.text;
  // Marked up in the page: the attribute says (Chromium reports every
  // text/plain script as async). Created by a script: async unless set false.
  s.async = el.getAttribute('type') === 'text/plain' ? el.hasAttribute('async') : el.async;
  for (const ev of ['load', 'error']) s.addEventListener(ev, () => el.dispatchEvent(new Event(ev)));
  return s;
}

function releaseScript(S, e) {
  const el = e.el;
  const s = copyScript(S, el);
  const external = s.hasAttribute('src');
  const module = s.type === 'module';
  const insert = () => {
    if (el.isConnected) el.replaceWith(s);
    else (document.head || document.documentElement).appendChild(s);
    e.el = s;
  };
  if (s.hasAttribute('nomodule') || (external && s.async)) return insert();
  if (external && (s.defer || module)) {
    s.async = false;
    deferred = deferred.then(() => (insert(), loaded(s)));
    return;
  }
  if (external) s.async = false;
  ordered = ordered.then(() => (insert(), external ? loaded(s) : 0));
}

function setSrc(S, el, url) {
  S.ok_.add(el);
  el.src = url;
  S.ok_.delete(el);
}

// Releases one held element (its verdict said so).
export function release(S, e) {
  if (e.state === 'released') return;
  e.state = 'released';
  if (e.kind === 0) return releaseScript(S, e);
  removePlaceholder(e);
  const url = e.el.getAttribute('data-wafer-src');
  if (url !== null) setSrc(S, e.el, url);
}

// An iframe released earlier and refused now (withdrawal): unloaded again.
export function revoke(S, e) {
  if (e.kind !== 1 || e.state !== 'released') return;
  e.el.removeAttribute('src');
  e.state = 'held';
}

// Click-to-load placeholder naming the service, for a refused iframe.
// `t` holds the visitor's strings (i18n.js).
export function placeholder(S, e, verdict, onLoad, t, lang) {
  if (e.kind !== 1 || e.ph || verdict.service < 0 || !e.el.parentNode) return;
  const service = S.cfg.services[verdict.service];
  const category = S.cfg.categories[verdict.category] || [];
  const name = service ? service[3] : '';
  const ph = document.createElement('div');
  ph.className = 'wafer-placeholder';
  ph.setAttribute('data-wafer-placeholder', service ? service[0] : '');
  const w = e.el.getAttribute('width'), h = e.el.getAttribute('height');
  ph.style.cssText = 'box-sizing:border-box;display:flex;flex-direction:column;align-items:center;' +
    'justify-content:center;gap:.5em;padding:1em;background:#f1f1f1;color:#111;border:1px solid #888;' +
    'font:14px/1.4 system-ui,sans-serif;text-align:center;' +
    `width:${w ? (/^\d+$/.test(w) ? w + 'px' : w) : '100%'};min-height:${h ? (/^\d+$/.test(h) ? h + 'px' : h) : '150px'}`;
  const p = document.createElement('p');
  p.style.margin = '0';
  p.textContent = t.blocked(name, label(category[2], lang) || category[0] || '');
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = t.load(name);
  b.setAttribute('data-wafer-load', service ? service[0] : '');
  b.addEventListener('click', () => onLoad(category[0]));
  ph.append(p, b);
  e.el.before(ph);
  e.el.style.display = 'none';
  e.ph = ph;
}

function removePlaceholder(e) {
  if (!e.ph) return;
  e.ph.remove();
  e.ph = null;
  e.el.style.display = '';
}
