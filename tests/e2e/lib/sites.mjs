// sites.mjs — what each demo site carries (demo/sites/<id>/index.html) and
// what the law and its policy say should run, computed here independently of
// the engine (docs/engine.md "Regime" and "Allowed categories").

import { policyOf } from './harness.mjs';

// services: service id → the names its fakes record in window.__runs when
//   they run (each exactly once per page view when allowed, never otherwise);
// iframes: services embedded as iframes (a placeholder when refused);
// order: [a, b] pairs: when both run, a runs first;
// cookie: the main first-party cookie of a service, present once it ran.
export const SITES = {
  kaloom: {
    region: 'CA',
    services: {
      'google-analytics': ['gtag:G-KALOOM0001'],
      'hubspot-forms': ['hsforms-lib', 'hsforms-create'],
      hubspot: ['hubspot-loader', 'hs-analytics', 'hs-collectedforms', 'hs-adspixel'],
    },
    order: [['hsforms-lib', 'hsforms-create'], ['hubspot-loader', 'hs-analytics']],
  },
  kallu: {
    region: '',
    services: {
      'google-analytics': ['gtag:G-KALLU00001'],
      'google-ads': ['gtag:AW-KALLU0001'],
    },
    order: [],
  },
  kalido: {
    region: 'FR',
    services: { 'google-analytics': ['gtag:G-KALIDO0001'] },
    order: [],
  },
  kaizenify: {
    region: 'US-CA',
    services: {
      'google-analytics': ['gtag:G-KAIZEN0001'],
      'google-ads': ['gtag:AW-KAIZEN001'],
      'facebook-pixel': ['fbevents'],
      'linkedin-insight': ['linkedin-insight'],
      'x-widgets': ['x-widgets'],
    },
    iframes: ['facebook-plugins'],
    order: [],  // Both gtag.js are async: no order, as without Wafer.
  },
  kaleyra: {
    region: 'DE',
    services: {
      hubspot: ['hubspot-loader', 'hs-analytics', 'hs-collectedforms', 'hs-adspixel'],
      'hubspot-forms': ['hsforms-lib', 'hsforms-create'],
      'x-widgets': ['x-widgets'],
    },
    iframes: ['youtube', 'linkedin-plugins', 'facebook-plugins'],
    order: [['hsforms-lib', 'hsforms-create']],
  },
  // The shop of issue 14: YouTube in "marketing" beside Google Ads, HubSpot and
  // LinkedIn Insight (wafer check warns); a HubSpot form in a placeholder container.
  kashop: {
    region: 'FR',
    services: {
      'google-analytics': ['gtag:G-KASHOP0001'],
      'google-ads': ['gtag:AW-KASHOP001'],
      'hubspot-forms': ['hsforms-lib', 'hsforms-create'],
      hubspot: ['hubspot-loader', 'hs-analytics', 'hs-collectedforms', 'hs-adspixel'],
      'linkedin-insight': ['linkedin-insight'],
    },
    iframes: ['youtube'],
    order: [['hsforms-lib', 'hsforms-create'], ['hubspot-loader', 'hs-analytics']],
  },
};

export const MAIN_COOKIE = {
  'google-analytics': '_ga',
  'google-ads': '_gcl_au',
  hubspot: '__hstc',
  'facebook-pixel': '_fbp',
  'linkedin-insight': 'li_fat_id',
};

export function regimeFor(policy, region) {
  const regions = policy.regimes.regions || {};
  if (region && regions[region]) return regions[region];
  if (region && regions[region.split('-')[0]]) return regions[region.split('-')[0]];
  return policy.regimes.default;
}

// Category ids allowed with no stored choice (and, with GPC, minus sale/share).
export function defaultCategories(policy, region, gpc = false) {
  const regime = regimeFor(policy, region);
  return policy.categories.filter((c) => {
    if (c.necessary) return true;
    if (regime === 'opt-in') return false;
    if (gpc && c.sale_or_share) return false;
    return !c.defaults || c.defaults[regime] !== false;
  }).map((c) => c.id);
}

export const necessaryCategories = (policy) => policy.categories.filter((c) => c.necessary).map((c) => c.id);
export const allCategories = (policy) => policy.categories.map((c) => c.id);

// The category of a service on `site`; HubSpot's chat rides on its tracking code.
export function categoryOf(policy, service) {
  const s = policy.services.find((x) => x.id === (service === 'hubspot-chat' ? 'hubspot' : service));
  return s ? s.category : null;
}

export { policyOf };
