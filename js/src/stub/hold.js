// hold.js — what the stub holds, and the register of held elements, in the
// order they were held.

import { serviceOf } from './match.js';

export const BLOCKED = 'javascript/blocked';

// The service index of `url` if it must be held now, else -1: a tracker URL
// is held until the engine's decision allows its service.
export function heldService(S, url) {
  const s = url ? serviceOf(S.urls_, url, document.baseURI) : -1;
  return s >= 0 && !(S.decided_ && S.svcs_[s]) ? s : -1;
}

const attr = (el, name) => el.getAttribute(name);
const marked = (el) => attr(el, 'data-wafer-category') || attr(el, 'data-wafer-service');

// Element kind (engine_wire.h): script 0, iframe 1, image 2; -1 otherwise.
export const kindOf = (el) => ['script', 'iframe', 'img'].indexOf(el.localName);

// Records `el` as held, once. Elements are registered when they reach the
// document (pixels: at once), so the register keeps insertion order.
export function register(S, el, url) {
  const kind = kindOf(el);
  if (S.seen_.has(el) || S.ok_.has(el) || !(el.isConnected || kind === 2)) return;
  S.seen_.add(el);
  const e = {
    el, kind, url: url ? new URL(url, document.baseURI).href : '',
    category: attr(el, 'data-wafer-category') || '',
    service: attr(el, 'data-wafer-service') || '',
  };  // state: undefined while held, then 'released' (loader).
  S.held_.push(e);
  if (S.onHeld_) S.onHeld_(e);
}

// Holds `el` with `url`: a script gets a type no browser runs (and fetches);
// an iframe or image keeps the URL in data-wafer-src instead of src.
export function holdElement(S, el, url) {
  const o = S.o_;
  if (el.localName === 'script') {
    if (!S.blockedType_.has(el)) S.blockedType_.set(el, attr(el, 'type'));
    o.setAttribute.call(el, 'type', BLOCKED);
    if (url) o.setAttribute.call(el, 'src', url);
  } else {
    o.setAttribute.call(el, 'data-wafer-src', url);
    el.removeAttribute('src');
  }
  register(S, el, url);
}

// Neutralises `el` before it is inserted or run, if it must be held.
export function check(S, el) {
  const kind = kindOf(el);
  if (kind < 0 || S.ok_.has(el)) return;
  const held = attr(el, 'data-wafer-src');
  const type = attr(el, 'type');
  if (held !== null || type === BLOCKED || (type === 'text/plain' && marked(el))) {
    register(S, el, held !== null ? held : attr(el, 'src'));  // Marked up, or already held.
  } else {
    const src = attr(el, 'src');
    if (heldService(S, src) >= 0 || (kind === 0 && marked(el))) holdElement(S, el, src);
  }
}

// check() on a node (element or fragment) and every script, iframe and image in it.
export function checkTree(S, node) {
  if (node.nodeType === 1) check(S, node);
  if (node.firstElementChild) for (const el of node.querySelectorAll('script,iframe,img')) check(S, el);
}
