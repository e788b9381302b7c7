// storage.js — the first-party consent cookie and its localStorage mirror,
// and the cookie sweep (docs/engine.md "Cookies").

import { mirrorKey } from './facts.js';

// The configured registrable domain the page's host is under, or '' (host-only).
export function cookieDomain(cfg, host = location.hostname) {
  for (const d of cfg.domains || []) if (host === d || host.endsWith('.' + d)) return d;
  return '';
}

const secure = () => (location.protocol === 'https:' ? '; Secure' : '');

const cookieNames = () =>
  document.cookie.split(';').map((c) => c.split('=')[0].trim()).filter(Boolean);

// Writes (or, for an empty state, deletes) the consent cookie and mirror.
export function storeConsent(cfg, decision, now = Date.now() / 1000) {
  const domain = cookieDomain(cfg);
  const name = cfg.cookie;
  if (!decision.state) {
    for (const d of domain ? ['', domain] : ['']) {
      document.cookie = `${name}=; Max-Age=0; Path=/${d ? '; Domain=' + d : ''}`;
    }
    try {
      localStorage.removeItem(mirrorKey(cfg));
    } catch (e) {}
    return;
  }
  const maxAge = Math.max(1, Math.floor(decision.consent.expiresAt - now));
  document.cookie = `${name}=${decision.state}; Max-Age=${maxAge}; Path=/` +
    `${domain ? '; Domain=' + domain : ''}; SameSite=Lax${secure()}`;
  try {
    localStorage.setItem(mirrorKey(cfg), decision.state);
  } catch (e) {}
}

// Deletes the decided cookies on every domain and path candidate, then checks.
// Returns the names still present (cookies set by HTTP with attributes that
// JavaScript cannot match; the guard keeps them from being renewed by JS).
export function sweepCookies(decision) {
  const names = decision.deleteCookies;
  if (!names.length) return [];
  const domains = decision.deleteDomains.length ? decision.deleteDomains : [''];
  const paths = decision.deletePaths.length ? decision.deletePaths : ['/'];
  const sweep = () => {
    for (const n of names) for (const d of domains) for (const p of paths) {
      document.cookie = `${n}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=${p}` +
        `${d ? '; Domain=' + d : ''}${secure()}`;
    }
  };
  sweep();
  let left = names.filter((n) => cookieNames().includes(n));
  if (left.length) {
    sweep();
    left = names.filter((n) => cookieNames().includes(n));
  }
  return left;
}
