// hold.js — what the stub holds, and the register of held elements, in the
// order they were held.

import { serviceOf } from './match.js';

export const BLOCKED = 'javascript/blocked';

// The attributes through which an element fetches a URL. A held element
// keeps each tracker URL in data-wafer-<attribute> instead.
export const URL_ATTRS = ['src', 'srcset', 'data', 'href', 'poster', 'imagesrcset'];

// Elements that fetch, and their kind (engine_wire.h): script 0, iframe 1,
// image 2, link 4, other 5; -1 for the rest.
export const FETCHING = 'script,iframe,frame,img,input,link,embed,object,video,audio,source,track';
const KINDS = FETCHING.split(',');
export const kindOf = (el) => {
  const i = KINDS.indexOf(el.localName);
  return i < 0 ? -1 : +'011224555555'[i];
};

// The service index of `url` if it must be held now, else -1: a tracker URL
// is held until the engine's decision lets its service load (it may run, or
// it is a Google tag loading cookieless under Consent Mode advanced).
export function heldService(S, url) {
  const s = url ? serviceOf(S.urls_, url, document.baseURI) : -1;
  return s >= 0 && !(S.decided_ && S.load_[s]) ? s : -1;
}

// The first URL in attribute `name`'s `value` that must be held, or null. A
// srcset lists several: every word of it is tried (over-holding a descriptor
// costs nothing, missing a URL would leak).
export function heldUrl(S, name, value) {
  if (name[name.length - 1] !== 't') return heldService(S, value) >= 0 ? value : null;  // Not a srcset.
  for (const u of value.split(/[\s,]+/)) if (heldService(S, u) >= 0) return u;
  return null;
}

const attr = (el, name) => el.getAttribute(name);
const marked = (el) => attr(el, 'data-wafer-category') || attr(el, 'data-wafer-service');

// Records `el` as held, once. Elements are registered when they reach the
// document (or at once for those that fetch while detached: `new Image()`
// pixels, media), so the register keeps insertion order. Elements of a
// document without a window (a template's content, a DOMParser document)
// never fetch, and are not registered.
export function register(S, el, url) {
  if (S.seen_.has(el) || S.ok_.has(el) || !el.ownerDocument.defaultView ||
    !(el.isConnected || /^(img|input|video|audio)$/.test(el.localName))) return;
  S.seen_.add(el);
  const e = {
    el, kind: kindOf(el), url: url ? new URL(url, document.baseURI).href : '',
    category: attr(el, 'data-wafer-category') || '',
    service: attr(el, 'data-wafer-service') || '',
  };  // state: undefined while held, then 'released' (loader).
  S.held_.push(e);
  if (S.onHeld_) S.onHeld_(e);
}

// Holds `el`, whose attribute `name` is `value` (a tracker `url` in it): a
// script gets a type no browser runs (nor fetches); any other element keeps
// the value in data-wafer-<name> instead.
export function holdElement(S, el, name, value, url) {
  const o = S.o_;
  if (el.localName === 'script') {
    if (!S.blockedType_.has(el)) S.blockedType_.set(el, attr(el, 'type'));
    o.setAttribute.call(el, 'type', BLOCKED);
    if (value != null) o.setAttribute.call(el, name, value);
  } else {
    o.setAttribute.call(el, 'data-wafer-' + name, value);
    el.removeAttribute(name);
  }
  register(S, el, url);
}

// Neutralises `el` before it is inserted or run, if it must be held; returns
// the URL it is held for (null if it is not held).
export function check(S, el) {
  const kind = kindOf(el);
  if (kind < 0 || S.ok_.has(el)) return null;
  let url = null;
  if (!kind) {
    const type = attr(el, 'type'), src = attr(el, 'src');
    if (type === BLOCKED || (type === 'text/plain' && marked(el))) url = src || '';  // Marked up, or held already.
    else if (heldService(S, src) >= 0 || marked(el)) holdElement(S, el, 'src', src, (url = src || ''));
  } else {
    // One call for the names, then only the URL attributes present: every
    // call into the DOM costs, and most elements have one URL or none.
    for (const n of el.getAttributeNames()) {
      const held = n.startsWith('data-wafer-'), a = held ? n.slice(11) : n;
      if (a === 'srcdoc' && !held && kind === 1 && S.srcdoc_) S.srcdoc_(el, attr(el, n));
      if (!URL_ATTRS.includes(a)) continue;
      const v = attr(el, n);
      let u;
      if (held) url === null && (url = v);
      else if ((u = heldUrl(S, a, v)) !== null) holdElement(S, el, a, v, url === null ? (url = u) : u);
    }
  }
  if (url !== null) register(S, el, url);
  return url;
}

// check() on a node (element or fragment) and every fetching element in it.
// Returns the held elements not registered yet ([element, URL] pairs): the
// caller registers them once they are inserted. `inert`: the tree was parsed
// from a string, whose scripts never run (marked as Wafer's: never held).
// Once the loader has applied a decision it sets S.box_ (a function) and
// S.sel_ (FETCHING and data-wafer-placeholder containers): every element of
// the tree that is not held goes to S.box_, which keeps the containers (a
// container rendered later, by a route change or a modal, gets its
// placeholder: loader/placeholders.js), found by the same selector walk;
// before that, and on a page whose decision failed, the walk is as it
// always was.
export function checkTree(S, node, inert) {
  const out = [], box = S.box_;
  const one = (el) => {
    if (inert && el.localName === 'script') return S.ok_.add(el);
    const u = check(S, el);
    if (u === null) box && box(el);
    else if (!S.seen_.has(el)) out.push([el, u]);
  };
  if (node.nodeType === 1) one(node);
  if (node.firstElementChild) for (const el of node.querySelectorAll(S.sel_ || FETCHING)) one(el);
  return out;
}

// Registers what checkTree() returned, now that it is in the document.
export const registerAll = (S, list) => list.forEach(([el, u]) => register(S, el, u));
