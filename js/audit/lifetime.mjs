// lifetime.mjs — cookie lifetimes across one audit's visits: a first-party
// cookie that expires more than 13 months ahead, one that a revisit pushed
// beyond 13 months from its first placement, and a rolling cookie — one whose
// expiry each visit moves forward by the time elapsed, whatever its length
// (CNIL: a lifetime is not extended by later visits).

import { cookieMatches } from './match.mjs';

const SLACK_MS = 60_000;        // Clock and rounding slack on the 13-month checks.
const ROLL_MIN_MS = 500;        // Expiries closer than this did not move.
const ROLL_SLACK_MS = 2_000;    // A step may exceed the time elapsed by this (rounding).
const GTAG = new Set(['google-analytics', 'google-ads']);  // Catalogue services flagged gtag (core/src/catalogue.cc).

// UTC calendar months, the day clamped to the end of the month (docs/engine.md "Months").
export function addMonths(ms, n) {
  const d = new Date(ms);
  const m = d.getUTCMonth() + n, y = d.getUTCFullYear() + Math.floor(m / 12), mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, mm + 1, 0)).getUTCDate();
  return Date.UTC(y, mm, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

const days = (ms) => Math.round(ms / 86_400_000);
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';
const secs = (ms) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));
// A lifetime in words, as a policy states one: minutes, hours, days, months.
function span(ms) {
  const m = Math.max(1, Math.round(ms / 60_000));
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'}`;
  if (m < 48 * 60) return `${Math.round(m / 60)} hours`;
  const d = Math.round(m / 1440);
  return d < 60 ? `${d} days` : `${Math.round(d / 30.44)} months`;
}
export const cookieId = (c) => `${c.name}|${c.domain.replace(/^\./, '')}|${c.path}`;

// The state kept across one URL's phases.
export function newLifetimeTracker() {
  // id → { first: ms of first placement, expires: latest expiry (ms) } (13-month checks);
  // id → { expires, since: start of the phase that first showed this expiry, phase } (rolling).
  return { seen: new Map(), last: new Map(), long: new Set(), extended: new Set(), rolling: new Set() };
}

// Who set a cookie, from the session's record ("URL:line", "Set-Cookie from URL",
// "an inline script", "… (released by Wafer)"): the script's or response's URL, or null.
function setterUrl(setBy) {
  const m = /^(?:Set-Cookie from )?(https?:\/\/\S+?)(?::\d+)?(?: \(.*\))?$/.exec(setBy || '');
  return m ? m[1] : null;
}

// The declared service whose cookie Wafer's cookie cap bounds whatever its
// expiry, or null: a first-party cookie matching a declared cookie pattern of a
// service in a category that is not necessary is deleted at first placement +
// the cap (docs/engine.md "Cookies"). gtag.js services are left out: Wafer
// configures them not to roll (cookie_update: false), so a rolling one is a fault.
function cappedByWafer(index, name) {
  const svc = index.services.find((s) => s.cookies.some((k) => k.first_party && cookieMatches(k.name, name)));
  if (!svc) return null;
  const cat = index.categories.find((c) => c.id === svc.category);
  if (!cat || cat.necessary) return null;
  const declared = (index.policy?.services || []).find((s) => s.id === svc.id);
  if (declared?.gtag ?? GTAG.has(svc.id)) return null;
  return svc;
}

// Checks the cookies seen at the end of one phase → { violations, notices }.
// phase: { name, at (ms, when its action started), end (ms, when cookies were read), choice (a consent choice was made) }
// ctx: { isFirstParty(host), isWaferUrl(url), setBy(name) }
export function checkLifetimes(index, tracker, cookies, phase, ctx) {
  const violations = [], notices = [];
  const now = phase.at;
  const capMonths = index.policy?.consent?.cookie_cap_months || 13;
  for (const c of cookies) {
    if (!(c.expires > 0)) continue;
    const dom = c.domain.replace(/^\./, '');
    const first = ctx.isFirstParty(dom);
    const id = cookieId(c);
    const by = ctx.setBy(c.name);
    const setBy = by ? ` — set by ${by}` : '';
    const exp = c.expires * 1000;
    // Over 13 months, and extended beyond 13 months from first placement: first-party cookies.
    if (first) {
      if (exp > addMonths(now, 13) + SLACK_MS && !tracker.long.has(id)) {
        tracker.long.add(id);
        violations.push({ kind: 'lifetime', cookie: c.name, domain: dom, expires: new Date(exp).toISOString(),
          message: `cookie ${c.name} (${dom}${c.path}) expires ${new Date(exp).toISOString().slice(0, 10)}, in ${days(exp - now)} days: more than 13 months${days(exp - now) >= 399 ? ' (Chromium caps cookies at 400 days: the site asked for at least that)' : ''}${setBy}` });
      }
      const prev = tracker.seen.get(id);
      if (prev && c.name !== index.consentCookie && exp > prev.expires + 500 && exp > addMonths(prev.first, 13) + SLACK_MS && !tracker.extended.has(id)) {
        tracker.extended.add(id);
        violations.push({ kind: 'lifetime', cookie: c.name, domain: dom,
          message: `cookie ${c.name} (${dom}${c.path}) extended on revisit: expiry moved from ${iso(prev.expires)} to ${iso(exp)}` +
            `, beyond 13 months from its first placement${setBy}` });
      }
    }
    // Rolling: the expiry moved forward by about the time elapsed since the
    // earlier value was first seen. The consent cookie restarts with each new choice.
    const last = tracker.last.get(id);
    const consentCookie = first && c.name === index.consentCookie;
    if (last && !(consentCookie && phase.choice) && !tracker.rolling.has(id)) {
      const step = exp - last.expires, elapsed = phase.end - last.since;
      if (step >= ROLL_MIN_MS && step <= elapsed + ROLL_SLACK_MS) {
        tracker.rolling.add(id);
        const url = setterUrl(by);
        let vendor = null;
        try {
          vendor = url && !ctx.isFirstParty(new URL(url).hostname) && !ctx.isWaferUrl(url) ? new URL(url).hostname : null;
        } catch { /* not a URL */ }
        const what = `cookie ${c.name} (${dom}${c.path}) has a rolling lifetime: its expiry moved forward by ${secs(step)} s ` +
          `between the ${last.phase} and ${phase.name} visits (${iso(last.expires)} → ${iso(exp)}), ${span(exp - phase.end)} from each visit`;
        const capped = first && vendor ? cappedByWafer(index, c.name) : null;
        // A catalogue service the policy lacks: the undeclared violation says so; once declared, the cap applies.
        const undeclared = first && vendor && !capped ? index.others.find((x) => x.cookies.some((k) => cookieMatches(k.name, c.name))) : null;
        const v = { kind: 'lifetime', cookie: c.name, domain: dom, rolling: true, from: new Date(last.expires).toISOString(),
          to: new Date(exp).toISOString(), setBy: by || null };
        if (capped) {
          notices.push({ ...v, service: capped.id, message: `${what}; it is renewed by ${capped.id}'s own script (${vendor}), which the site cannot change: ` +
            `Wafer deletes it ${capMonths} months after its first placement (cookie cap), so visits do not extend it beyond that${setBy}` });
        } else if (undeclared) {
          notices.push({ ...v, service: undeclared.id, message: `${what}; it is renewed by ${undeclared.id}'s own script (${vendor}), ` +
            `a service the policy does not declare (reported as undeclared): once declared, Wafer's cookie cap bounds it${setBy}` });
        } else if (!first && vendor) {
          notices.push({ ...v, message: `${what}; a third party's cookie, renewed by ${vendor}: neither the site nor Wafer can change its lifetime${setBy}` });
        } else {
          violations.push({ ...v, message: `${what}; its lifetime must run from its first placement, not be extended by later visits` +
            ` (set it once, with an expiry counted from the first visit)${setBy}` });
        }
      }
    }
  }
  // Cookies gone in this phase: a later placement is a new one.
  const present = new Set(cookies.map(cookieId));
  for (const m of [tracker.seen, tracker.last]) for (const k of [...m.keys()]) if (!present.has(k)) m.delete(k);
  for (const c of cookies) {
    if (!(c.expires > 0)) continue;
    const id = cookieId(c), exp = c.expires * 1000;
    const prev = tracker.seen.get(id);
    tracker.seen.set(id, { first: prev ? prev.first : now, expires: Math.max(exp, prev ? prev.expires : 0) });
    const last = tracker.last.get(id);
    if (!last || Math.abs(exp - last.expires) >= 1) tracker.last.set(id, { expires: exp, since: phase.at, phase: phase.name });
  }
  return { violations, notices };
}
