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

// Encodes the facts, with `entries` (held elements) as the elements.
export function gatherFacts(S, entries) {
  const freshId = new Uint8Array(16);
  crypto.getRandomValues(freshId);
  const langs = [document.documentElement.lang, ...(navigator.languages || [navigator.language])];
  return encodeFacts({
    now: Math.floor(Date.now() / 1000),
    region: S.cfg.region || '',
    gpc: navigator.globalPrivacyControl === true,
    languages: langs.filter(Boolean),
    host: location.hostname,
    path: location.pathname,
    cookies: document.cookie,
    mirror: readMirror(S.cfg),
    freshId,
    elements: entries,
  });
}
