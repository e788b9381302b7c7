// markup.mjs — tags held by their markup: Wafer's (data-wafer-service,
// data-wafer-category, data-wafer-src) and other consent managers' common ones
// (type="text/plain" with a category attribute, data-src iframes).
//
// The audit compares each Wafer marking with the policy and says which one
// wins, by the engine's rule (docs/engine.md "Held elements",
// core/src/engine.cc JudgeElement): a service marking gives the service's
// category and the category attribute is then ignored; a category marking
// gives that category; an id the policy lacks keeps the element held for
// good; and when the URL also matches a service of the policy, that service's
// category must be allowed too (a marking never loosens the URL).
// `scan` proposes the services it finds held this way.

import { attrs, blank } from './static.mjs';
import { urlMatches, parseUrl } from './match.mjs';

const short = (u, n = 160) => (u.length > n ? u.slice(0, n - 1) + '…' : u);

// Attributes that say "held by a consent manager", with the CMPs that write them.
const CATEGORY_ATTRS = [
  'data-category',        // vanilla-cookieconsent 3, Complianz
  'data-cookiecategory',  // vanilla-cookieconsent 2
  'data-cookieconsent',   // Cookiebot
  'data-categories',      // Termly
  'data-cookieyes',       // CookieYes
  'data-iub-purposes',    // iubenda
  'data-name',            // Klaro (the service's name)
  'data-type',            // Klaro (the type to run it as, with type="text/plain")
  'data-service',         // vanilla-cookieconsent 3
];
const URL_ATTRS = ['data-wafer-src', 'src', 'data-src', 'data-cookieblock-src', 'data-suppressedsrc'];
const HELD_TYPES = /^(text\/plain|javascript\/blocked)$/i;

// The consent-manager marker of an element's attributes, as written ("data-category=\"analytics\""), or null.
function otherMarker(a) {
  for (const k of CATEGORY_ATTRS) if (a[k] !== undefined && a[k] !== '') return `${k}="${a[k]}"`;
  const onetrust = /\boptanon-category-([\w-]+)/.exec(a.class || '');
  return onetrust ? `class="optanon-category-${onetrust[1]}"` : null;
}

// Classifies one script/iframe/img from its attributes → the held element, or null.
// { tag, url, service, category (Wafer's marking), marker (what holds it), wafer (Wafer's markup) }
export function heldElement(tag, a, body = '') {
  const service = a['data-wafer-service'] || '', category = a['data-wafer-category'] || '';
  const url = URL_ATTRS.map((k) => a[k]).find((v) => v) || '';
  const wafer = !!(service || category || a['data-wafer-src'] !== undefined);
  let marker = null;
  if (wafer) {
    marker = [service && `data-wafer-service="${service}"`, category && `data-wafer-category="${category}"`]
      .filter(Boolean).join(' ') || 'data-wafer-src';
  } else {
    const other = otherMarker(a);
    const held = tag === 'script' ? HELD_TYPES.test((a.type || '').trim())
      : !a.src && URL_ATTRS.slice(2).some((k) => a[k]);
    if (!other || !held) return null;
    marker = other;
  }
  return { tag, url: url.replace(/&amp;/g, '&'), service, category, marker, wafer, body };
}

// Held elements written in the HTML, with their line and text.
export function findMarkedTags(html) {
  const out = [];
  const clean = blank(html), lower = clean.toLowerCase();
  const re = /<(script|iframe|img)\b([^>]*)>/gi;
  let m;
  while ((m = re.exec(clean))) {
    const tag = m[1].toLowerCase();
    let body = '';
    if (tag === 'script') {
      const end = lower.indexOf('</script', m.index + m[0].length);
      body = html.slice(m.index + m[0].length, end < 0 ? undefined : end);
    }
    const e = heldElement(tag, attrs(m[2]), body);
    if (!e) continue;
    const line = html.slice(0, m.index).split('\n').length;
    out.push({ ...e, line, text: short(html.slice(m.index, m.index + m[0].length).replace(/\s*\n\s*/g, ' ')) });
  }
  return out;
}

// Runs in the page: every script, iframe and img with its attributes (held
// scripts keep their text), for elements scripts inserted.
export function readElements() {
  const out = [];
  for (const el of document.querySelectorAll('script,iframe,img')) {
    const a = {};
    for (const at of el.attributes) if (/^(data-|type$|src$|class$)/.test(at.name)) a[at.name] = at.value.slice(0, 2000);
    out.push({ tag: el.localName, attrs: a, body: el.localName === 'script' && !el.src ? el.text.slice(0, 20000) : '',
      html: el.outerHTML.slice(0, 300).replace(/>[\s\S]*$/, '>') });
    if (out.length >= 2000) break;
  }
  return out;
}

const keyOf = (e, base) => {
  const u = e.url ? (parseUrl(e.url, base)?.href || e.url) : '';
  return `${e.tag}|${u}|${e.service}|${e.category}|${e.marker}`;
};

// The static tags, plus those only in the DOM (inserted by a script, no line).
export function markedElements(html, pageUrl, dom = []) {
  const found = findMarkedTags(html);
  const keys = new Set(found.map((e) => keyOf(e, pageUrl)));
  for (const d of dom) {
    const e = heldElement(d.tag, d.attrs, d.body);
    if (!e || keys.has(keyOf(e, pageUrl))) continue;
    keys.add(keyOf(e, pageUrl));
    found.push({ ...e, line: null, text: short(d.html) });
  }
  return found;
}

// The policy's declared service whose URL patterns match (the engine's MatchUrl), or null.
function policyServiceOfUrl(index, url, base) {
  const u = url ? parseUrl(url, base) : null;
  return u ? index.services.find((s) => s.urls.some((p) => urlMatches(p, u))) || null : null;
}

// What the engine decides for a marked element → { requires: category ids that must
// all be allowed (null: held for good), byUrl, marked (service), ignoredCategory, reason }.
export function judgeMarking(index, e, base) {
  const byUrl = policyServiceOfUrl(index, e.url, base);
  const hasCategory = (id) => index.categories.some((c) => c.id === id);
  const needs = (cat) => [...new Set([cat, ...(byUrl ? [byUrl.category] : [])])];
  if (e.service) {
    const marked = index.services.find((s) => s.id === e.service);
    if (!marked) return { requires: null, reason: 'unknown-service', byUrl };
    return { requires: needs(marked.category), marked, byUrl,
      ignoredCategory: e.category && e.category !== marked.category ? e.category : null };
  }
  if (e.category) {
    if (!hasCategory(e.category)) return { requires: null, reason: 'unknown-category', byUrl };
    return { requires: needs(e.category), byUrl };
  }
  return { requires: byUrl ? [byUrl.category] : null, byUrl, reason: byUrl ? null : 'unmatched' };
}

const and = (l) => (l.length < 2 ? l.join('') : `${l.slice(0, -1).join(', ')} and ${l[l.length - 1]}`);

// Each Wafer marking that disagrees with the policy → violations (kind "markup").
export function checkMarkup(index, elements, catalogue, base) {
  const out = [];
  for (const e of elements) {
    if (!e.wafer || (!e.service && !e.category)) continue;
    const j = judgeMarking(index, e, base);
    const where = e.line ? `line ${e.line}` : 'an element inserted by a script';
    const head = `${where}: markup and policy disagree: ${e.text}`;
    const v = { kind: 'markup', line: e.line, tag: e.tag, url: e.url || null,
      element: e.line ? `line ${e.line} <${e.tag}>` : `<${e.tag}> ${e.url || e.marker}`,
      marking: { service: e.service || null, category: e.category || null },
      requires: j.requires };
    const urlIs = j.byUrl ? ` its URL is service ${j.byUrl.id}'s, which the policy puts under ${j.byUrl.category}` : '';
    if (j.reason === 'unknown-service') {
      const cat = catalogue.find((s) => s.id === e.service);
      out.push({ ...v, policy: { service: null, category: null }, wins: 'policy',
        message: `${head} is marked data-wafer-service="${e.service}", a service the policy does not declare` +
          `${cat ? ` (the catalogue's "${cat.name}")` : ''}: the policy wins — Wafer keeps it held on every visit, whatever the visitor chooses; ` +
          `declare the service in the policy or fix the marking` });
    } else if (j.reason === 'unknown-category') {
      out.push({ ...v, policy: { service: j.byUrl?.id || null, category: j.byUrl?.category || null }, wins: 'policy',
        message: `${head} is marked data-wafer-category="${e.category}", a category the policy does not have${j.byUrl ? `, and${urlIs}` : ''}: ` +
          `the policy wins — Wafer keeps it held on every visit, whatever the visitor chooses; ` +
          `mark it ${j.byUrl ? `data-wafer-service="${j.byUrl.id}"` : 'with a category of the policy'}` });
    } else if (j.marked && j.ignoredCategory) {
      const known = index.categories.some((c) => c.id === j.ignoredCategory);
      out.push({ ...v, policy: { service: j.marked.id, category: j.marked.category }, wins: 'service marking',
        message: `${head} is marked data-wafer-category="${j.ignoredCategory}"${known ? '' : ' (not a category of the policy)'}, but the policy puts ` +
          `service ${j.marked.id} (its data-wafer-service) under ${j.marked.category}: the service marking wins — Wafer ignores ` +
          `data-wafer-category when data-wafer-service is set, so it runs when ${and(j.requires)} ${j.requires.length > 1 ? 'are' : 'is'} allowed; ` +
          `remove data-wafer-category` });
    } else if (j.marked && j.byUrl && j.byUrl.id !== j.marked.id) {
      const both = j.requires.length > 1;
      out.push({ ...v, policy: { service: j.byUrl.id, category: j.byUrl.category }, wins: both ? 'both' : 'marking',
        message: `${head} is marked data-wafer-service="${j.marked.id}" (${j.marked.category}), but${urlIs}: ` +
          (both ? `neither wins — Wafer requires both (a marking never loosens what the URL says), so it runs only when ${and(j.requires)} are both allowed` +
            `, never with ${j.byUrl.category} alone`
            : `Wafer counts it as ${j.marked.id} (same category, so it runs when ${j.marked.category} is allowed)`) +
          `; mark it data-wafer-service="${j.byUrl.id}"` });
    } else if (!e.service && j.byUrl && j.byUrl.category !== e.category) {
      out.push({ ...v, policy: { service: j.byUrl.id, category: j.byUrl.category }, wins: 'both',
        message: `${head} is marked data-wafer-category="${e.category}", but${urlIs}: neither wins — Wafer requires both ` +
          `(a marking never loosens what the URL says), so it runs only when ${and(j.requires)} are both allowed, never with ` +
          `${j.byUrl.category} alone; mark it data-wafer-service="${j.byUrl.id}"` });
    }
  }
  return out;
}

// The catalogue service an inline script loads: a tracker URL in its text, or
// a gtag('config', 'G-…' / 'AW-…') command.
function serviceOfBody(body, index) {
  for (const m of body.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}(?:\/[^\s'"`<>)\\]*)?/gi)) {
    const s = index.serviceOfUrl(m[0].startsWith('//') ? 'https:' + m[0] : m[0]);
    if (s) return s;
  }
  const g = /gtag\(\s*['"]config['"]\s*,\s*['"]((?:G|AW|DC)-[\w-]+)['"]/.exec(body);
  return g ? index.serviceOfUrl(`https://www.googletagmanager.com/gtag/js?id=${g[1]}`) : null;
}

// For scan: the services that tags held by markup belong to → [{ id, name, category,
// evidence, line, page }] and, for held tags of no catalogue service, [{ marker, url, line, page, text }].
export function heldServices(elements, index, pageUrl) {
  const services = [], unknown = [];
  for (const e of elements) {
    const svc = (e.service && index.others.concat(index.services).find((s) => s.id === e.service)) ||
      (e.url && index.serviceOfUrl(e.url, pageUrl)) || (e.body && serviceOfBody(e.body, index)) || null;
    const where = e.line ? `${pageUrl} line ${e.line}` : `${pageUrl} (inserted by a script)`;
    if (svc) services.push({ id: svc.id, name: svc.name, category: svc.category, marker: e.marker, evidence: `${e.marker} at ${where}` });
    else unknown.push({ marker: e.marker, service: e.service || null, url: e.url || null, where, text: e.text });
  }
  return { services, unknown };
}
