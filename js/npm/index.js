// index.js — wafer-consent's ESM API: thin wrappers over `window.wafer`, the
// API the stub (wafer.js, first in <head>) installs synchronously. Calls made
// before the loader has started are queued by the stub and settle once the
// engine has decided; every answer is the engine's.
//
//   import { onConsent, acceptAll, openPreferences } from 'wafer-consent';
//
// Safe to import where there is no `window` (server-side rendering, Node):
// nothing throws; getConsent() returns null, onConsent() never calls back and
// returns a no-op, the actions resolve to null (nothing is granted or stored).
// The same holds in a browser page without Wafer's stub (or with a stub that
// could not read its configuration): Wafer fails closed, and so does this API.
// Types: types/index.d.ts (from js/types/ in the repository).

const api = () => (typeof window !== 'undefined' && window.wafer) || null;

/** The consent after the engine's latest decision; null before it (or without Wafer). */
export function getConsent() {
  const w = api();
  return w ? w.getConsent() : null;
}

/**
 * Calls `cb` with the current consent if the engine has decided already (in a
 * microtask, never during this call), then after every decision: each choice,
 * withdrawal, GPC, a placeholder's load. Returns the function that stops it.
 */
export function onConsent(cb) {
  if (typeof cb !== 'function') throw new TypeError('onConsent: expected a function');
  const w = api();
  if (!w) return () => {};
  let live = true, seen = false;
  const off = w.onChange((c) => {
    seen = true;
    if (live) cb(c);
  });
  const now = w.getConsent();
  if (now) {
    queueMicrotask(() => {
      // A decision delivered in between is newer than `now`.
      if (live && !seen) cb(w.getConsent() || now);
    });
  }
  return () => {
    live = false;
    off();
  };
}

const action = (name) => (...args) => {
  const w = api();
  return w ? w[name](...args) : Promise.resolve(null);
};

/** Grants every category. */
export const acceptAll = action('acceptAll');
/** Grants the necessary categories only. */
export const rejectAll = action('rejectAll');
/** Grants exactly these categories (plus the necessary ones), with per-service choices. */
export const setCategories = action('setCategories');
/** Allows one service on top of the current choice (`{ once: true }`: this page view only). */
export const allowService = action('allowService');
/** Withdraws consent: necessary only, the trackers' cookies deleted at once. */
export const withdraw = action('withdraw');
/** "Do Not Sell or Share": turns the sale/share categories off. */
export const optOut = action('optOut');
/** Opens the preferences dialog. */
export const openPreferences = action('openPreferences');
