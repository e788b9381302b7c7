// consent-mode.mjs — the order of Google Consent Mode commands in the page's
// window.dataLayer, the queue every gtag.js and GTM tag on the page reads in
// order (REFERENCE §1): defaults must come before any tag command, and nothing
// may re-set a default after Wafer's update.

import { CONSENT_MODE_TYPES } from '../src/wire.js';

// Runs in the page: window.dataLayer as plain data. Commands keep their first
// two arguments (or their type), consent commands their parameters, GTM
// objects their event name.
export function readDataLayer() {
  const dl = window.dataLayer;
  if (!Array.isArray(dl)) return null;
  const word = (x) => (typeof x === 'string' ? x : typeof x);
  return Array.from(dl.slice(0, 5000), (e) => {
    try {
      if (e && typeof e === 'object' && (Array.isArray(e) || Object.prototype.toString.call(e) === '[object Arguments]')) {
        const a = Array.from(e);
        const out = { cmd: a.slice(0, 2).map(word) };
        if (a[0] === 'consent' && a[2] && typeof a[2] === 'object') {
          out.params = {};
          for (const [k, v] of Object.entries(a[2])) {
            if (['string', 'number', 'boolean'].includes(typeof v)) out.params[k] = v;
            else if (Array.isArray(v)) out.params[k] = v.map(String);
          }
        }
        return out;
      }
      if (e && typeof e === 'object') return { event: typeof e.event === 'string' ? e.event : null };
    } catch (err) { /* exotic entry */ }
    return {};
  });
}

const isConsent = (e, verb) => !!(e.cmd && e.cmd[0] === 'consent' && e.cmd[1] === verb);
const isDefault = (e) => isConsent(e, 'default');
// A tag command: gtag config/event, or a GTM event other than Wafer's own.
const isTag = (e) => !!((e.cmd && (e.cmd[0] === 'config' || e.cmd[0] === 'event')) || (e.event && !/^wafer_/.test(e.event)));
const setsAllTypes = (e) => !!e.params && CONSENT_MODE_TYPES.every((t) => e.params[t] === 'granted' || e.params[t] === 'denied');

// Wafer's stub queues its defaults, each naming all seven types, then
// gtag('set', 'ads_data_redaction', true); its loader's update names all seven.
function waferDefaults(dl) {
  const own = new Set();
  dl.forEach((e, i) => {
    if (!(e.cmd && e.cmd[0] === 'set' && e.cmd[1] === 'ads_data_redaction')) return;
    for (let j = i - 1; j >= 0 && isDefault(dl[j]) && setsAllTypes(dl[j]); j--) own.add(j);
  });
  return own;
}
const isWaferUpdate = (e) => isConsent(e, 'update') && setsAllTypes(e);

const fmtValue = (v) => (Array.isArray(v) ? `[${v.map((x) => `'${x}'`).join(', ')}]` : typeof v === 'string' ? `'${v}'` : String(v));
export const fmtEntry = (e) => {
  if (e.cmd) {
    const params = e.params ? `{${Object.entries(e.params).map(([k, v]) => `${k}: ${fmtValue(v)}`).join(', ')}}` : '…';
    return `gtag(${e.cmd.map((x) => `'${x}'`).join(', ')}, ${params})`;
  }
  return `{event: '${e.event}'}`;
};
const fmtCommand = (e) => (e.cmd ? `gtag(${e.cmd.map((x) => `'${x}'`).join(', ')}, …)` : `{event: '${e.event}'}`);

// The gcs parameter Google hits carry for a consent state: G1, then ad_storage
// and analytics_storage (1 granted, 0 denied; a type never set is not restricted).
export const gcsOf = (state) => 'G1' + ['ad_storage', 'analytics_storage']
  .map((t) => (state[t] && state[t].value === 'denied' ? '0' : '1')).join('');

// The gcs values of the Google hits among `urls`, in order, repeats collapsed.
export function hitsGcs(urls) {
  const out = [];
  for (const u of urls || []) {
    let g = null;
    try {
      g = new URL(u).searchParams.get('gcs');
    } catch { /* not a URL */ }
    if (g && out[out.length - 1] !== g) out.push(g);
  }
  return out;
}

// (5) The first gtag('consent','default') must precede every 'config' and 'event'.
export function checkConsentMode(dl, googleInPlay) {
  if (!googleInPlay) return [];
  const d = dl ? dl.findIndex(isDefault) : -1;
  const t = dl ? dl.findIndex(isTag) : -1;
  if (d < 0) {
    return [{ kind: 'consent-mode', element: 'dataLayer', message: 'Consent Mode defaults missing: no gtag(\'consent\', \'default\', …) in window.dataLayer ' +
      'although the page uses Google tags; load wafer.js first in <head>' }];
  }
  if (t >= 0 && t < d) {
    return [{ kind: 'consent-mode', element: `dataLayer[${d}]`, message: `Consent Mode defaults set after a Google tag: dataLayer[${t}] is ${fmtCommand(dl[t])} ` +
      `but the first gtag('consent', 'default', …) is dataLayer[${d}]; move wafer.js above the Google tag snippet, first in <head>` }];
  }
  return [];
}

// Every gtag('consent', 'default', …) after the first one that comes after a
// tag command (the tags before it ran without it), and every one, not Wafer's
// own, that comes after Wafer's update (it re-sets what the visitor chose).
// → [{ kind, element, index, key, effect, message }]; `key` names the command
// across phases (its rank among the defaults not Wafer's, and its parameters);
// `effect` counts the types whose value it changed. `requests`: the page's
// requests' URLs, for the gcs of the hits actually sent.
export function checkLateDefaults(dl, requests = []) {
  if (!dl) return [];
  const first = dl.findIndex(isDefault);
  const own = waferDefaults(dl);
  const out = [];
  const state = {};  // type → { value, by: "Wafer's update (dataLayer[3])" }
  let tagAt = -1, updateAt = -1, nth = 0;
  const source = (i, e) => `${own.has(i) ? 'Wafer\'s default, ' : isWaferUpdate(e) ? 'Wafer\'s update, ' : ''}dataLayer[${i}]`;
  dl.forEach((e, i) => {
    if (isDefault(e) && e.params) {
      if (!own.has(i)) nth++;
      // The same command is at another index when Wafer adds its own: a key that holds across phases.
      const key = `${nth}|${JSON.stringify(e.params)}`;
      const region = Array.isArray(e.params.region) ? e.params.region : null;
      const types = Object.keys(e.params).filter((k) => CONSENT_MODE_TYPES.includes(k));
      const overrode = types.filter((t) => state[t]).map((t) => `${t} ${fmtValue(state[t].value)} (${state[t].by})`);
      const changed = types.filter((t) => state[t] && state[t].value !== e.params[t]);
      const where = region ? ` for region${region.length > 1 ? 's' : ''} ${region.join(', ')}` : '';
      if (i !== first && tagAt >= 0) {
        out.push({ kind: 'consent-mode', element: `dataLayer[${i}] default after a tag`, index: i, key: `tag|${key}`, effect: changed.length,
          message: `Consent Mode default after a Google tag: dataLayer[${i}] ${fmtEntry(e)} comes after dataLayer[${tagAt}] ` +
            `${fmtCommand(dl[tagAt])}${where}: that tag was already configured when it came, and it overrides ${overrode.length ? overrode.join(', ') : 'nothing set before it'}` +
            '; queue every default before the first config or event (Wafer sets them: remove this one, or move it above the Google tag)' });
      }
      if (updateAt >= 0 && !own.has(i) && !region) {
        const after = { ...state };
        for (const t of types) after[t] = { value: e.params[t] };
        const [g0, g1] = [gcsOf(state), gcsOf(after)];
        const seen = hitsGcs(requests);
        out.push({ kind: 'consent-mode', element: `dataLayer[${i}] default after Wafer's update`, index: i, key: `update|${key}`, effect: changed.length,
          gcsBefore: g0, gcsAfter: g1, hits: seen,
          message: `Consent Mode default after Wafer's update: dataLayer[${i}] ${fmtEntry(e)} comes after Wafer's gtag('consent', 'update', …) ` +
            `at dataLayer[${updateAt}] and re-sets ${changed.length ? changed.map((t) => `${t} ${state[t].value} → ${e.params[t]}`).join(', ')
              : `${types.join(', ')} to the values Wafer's update gave (no effect after this choice, but it undoes a visitor's consent)`}` +
            `; Google hits after it carry gcs=${g1}${g0 !== g1 ? ` instead of ${g0}` : ''}` +
            ` (${seen.length ? `hits seen on this page: gcs=${seen.join(', then gcs=')}` : 'no Google hit seen on this page'})` +
            '; a default may only come before Wafer\'s update: remove it (Wafer sets the defaults)' });
      }
      if (!region) for (const t of types) state[t] = { value: e.params[t], by: source(i, e) };
    } else if (isConsent(e, 'update') && e.params) {
      if (isWaferUpdate(e)) updateAt = i;
      for (const t of Object.keys(e.params)) if (CONSENT_MODE_TYPES.includes(t)) state[t] = { value: e.params[t], by: source(i, e) };
    } else if (isTag(e) && tagAt < 0) {
      tagAt = i;
    }
  });
  return out;
}
