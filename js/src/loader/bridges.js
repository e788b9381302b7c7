// bridges.js — Google Consent Mode v2, gtag.js cookie lifetimes and HubSpot's
// privacy API, driven by the engine's decision (REFERENCE §1–3).

import { CONSENT_MODE_TYPES } from '../wire.js';
import { serviceOf } from '../stub/match.js';

const args = function () {
  return arguments;
};

// { ad_storage: 'granted' | 'denied', … } for the decision's Consent Mode bits.
export const consentValues = (bits) => {
  const v = {};
  CONSENT_MODE_TYPES.forEach((t, i) => (v[t] = bits & (1 << i) ? 'granted' : 'denied'));
  return v;
};

const isCommand = (x, names) => x && typeof x === 'object' && typeof x.length === 'number' && names.includes(x[0]);

// Consent Mode `update`, plus `cookie_expires` / `cookie_update: false` for
// each allowed gtag.js tag. While gtag.js has not run (it is held until now)
// the commands go into dataLayer before the site's first config or event, so
// the first hit already carries them.
export function googleBridge(S, decision) {
  const dl = (window.dataLayer = window.dataLayer || []);
  const expires = new Map(decision.gtag.map((g) => [g.service, g.cookieExpires]));
  const update = args('consent', 'update', consentValues(decision.consentMode));
  const loaded = dl.push !== Array.prototype.push;
  if (loaded) {
    dl.push(update);
    if (expires.size) dl.push(args('set', { cookie_expires: Math.min(...expires.values()), cookie_update: false }));
    return;
  }
  for (const a of dl) {
    if (!isCommand(a, ['config']) || typeof a[1] !== 'string') continue;
    const s = serviceOf(S.urls_, 'https://www.googletagmanager.com/gtag/js?id=' + a[1]);
    if (!expires.has(s)) continue;
    if (a.length < 3 || !a[2]) {
      a[2] = {};
      a.length = 3;
    }
    Object.assign(a[2], { cookie_expires: expires.get(s), cookie_update: false });
  }
  let i = dl.findIndex((a) => isCommand(a, ['config', 'event']) || (a && a.event));
  if (i < 0) i = dl.length;
  const set = expires.size
    ? [args('set', { cookie_expires: Math.min(...expires.values()), cookie_update: false })] : [];
  dl.splice(i, 0, update, ...set);
}

// GTM users: a dataLayer event on every decision.
export function dataLayerEvent(summary) {
  (window.dataLayer = window.dataLayer || []).push({
    event: 'wafer_consent',
    wafer: { categories: summary.categories, method: summary.method, regime: summary.regime },
  });
}

// HubSpot: setHubSpotConsent on every page (HubSpot does not store it),
// doNotTrack when its tracking is refused, revokeCookieConsent on a refusal
// the visitor just made.
export function hubspotBridge(S, decision, visitorAction) {
  if (!(S.cfg.services || []).some((s) => s[2] & 2)) return;
  const hsp = (window._hsp = window._hsp || []), hsq = (window._hsq = window._hsq || []);
  const h = decision.hubspot;
  hsp.push(['setHubSpotConsent', { analytics: !!(h & 1), advertisement: !!(h & 2), functionality: !!(h & 4) }]);
  if (decision.hubspotDoNotTrack) {
    hsq.push(['doNotTrack']);
    if (visitorAction) hsp.push(['revokeCookieConsent']);
  } else if (/(^|;\s*)__hs_do_not_track=/.test(document.cookie) ||
      hsq.some((c) => c && c[0] === 'doNotTrack' && !c[1])) {
    // Tracking allowed again (or just now, on this page): undo an earlier opt-out.
    hsq.push(['doNotTrack', { track: true }]);
  }
}
