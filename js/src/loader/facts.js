// facts.js — what the engine is told about this page view (docs/engine.md).

import { encodeFacts } from '../wire.js';

export const mirrorKey = (cfg) => 'wafer:' + cfg.cookie;

export function readMirror(cfg) {
  try {
    return localStorage.getItem(mirrorKey(cfg)) || '';
  } catch (e) {
    return '';
  }
}

// The page's languages, most wanted first: <html lang>, then the browser's.
export const pageLanguages = () =>
  [document.documentElement.lang, ...(navigator.languages || [navigator.language])].filter(Boolean);

// Encodes the facts, with `entries` (held elements) as the elements and
// `page` the services the visitor allowed for this page view only.
export function gatherFacts(S, entries, page = []) {
  const freshId = new Uint8Array(16);
  crypto.getRandomValues(freshId);
  return encodeFacts({
    now: Math.floor(Date.now() / 1000),
    region: S.cfg.region || '',
    gpc: navigator.globalPrivacyControl === true,
    languages: pageLanguages(),
    host: location.hostname,
    path: location.pathname,
    cookies: document.cookie,
    mirror: readMirror(S.cfg),
    freshId,
    elements: entries,
    pageServices: page,
  });
}
