// release.js — held elements out, in their original order, once each.
//
// Scripts are re-created (a script element runs at most once, and the held
// one was neutralised): every attribute is copied, the type the page asked
// for restored, the nonce kept (it is hidden from getAttribute). Ordered
// scripts wait for the one before them; async ones do not; defer and module
// scripts run after the document is parsed, in order. Load and error events
// are forwarded to the element the page created.

import { BLOCKED, URL_ATTRS } from '../stub/hold.js';

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

// Gives a held element its URLs back (data-wafer-src → src, srcset, data,
// href, poster…); the data-wafer-* copies stay, for a later revoke.
function restoreUrls(S, el) {
  S.ok_.add(el);
  for (const a of URL_ATTRS) {
    const url = el.getAttribute('data-wafer-' + a);
    if (url !== null) el.setAttribute(a, url);
  }
  S.ok_.delete(el);
  // A media element does not look at a <source> again once it found none.
  const media = el.parentNode;
  if (el.localName === 'source' && media && media.load && media.networkState === media.NETWORK_NO_SOURCE) media.load();
}

// Releases one held element (its verdict said so).
export function release(S, e) {
  if (e.state === 'released') return;
  e.state = 'released';
  if (e.kind === 0) return releaseScript(S, e);
  removePlaceholder(e);
  restoreUrls(S, e.el);
}

// An iframe released earlier and refused now (withdrawal): unloaded again.
export function revoke(S, e) {
  if (e.kind !== 1 || e.state !== 'released') return;
  e.el.removeAttribute('src');
  e.state = 'held';
}

// Click-to-load placeholder for a refused iframe: `draw(frame, service index,
// onLoad)` (wafer.placeholder.js's) puts it before the frame.
export function placeholder(S, e, verdict, onLoad, draw) {
  if (e.kind !== 1 || e.ph || e.state === 'released' || verdict.service < 0 || !e.el.parentNode) return;
  e.ph = draw(e.el, verdict.service, onLoad);
  e.el.style.display = 'none';
}

function removePlaceholder(e) {
  if (!e.ph) return;
  e.ph.remove();
  e.ph = null;
  e.el.style.display = '';
}
