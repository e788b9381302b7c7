// wire.js — the engine's byte formats (core/include/wafer/engine_wire.h).
//
// u8 = one byte; varint = unsigned LEB128; str = varint length + UTF-8 bytes.
// Pure functions: no DOM, so they run under Node for unit tests.
//
//   const bytes = encodeFacts({ now: 1767225600, region: 'FR', gpc: false,
//     languages: ['fr'], host: 'kalido-pro.com', path: '/', cookies: '',
//     mirror: '', freshId: new Uint8Array(16), elements: [], pageServices: [] });
//   const decision = decodeDecision(engine.evaluate(bytes));
//
// Version 3: every message's third byte; the engine refuses any other.

export const REGIMES = ['opt-in', 'opt-out', 'notice'];
export const METHODS = ['none', 'accept-all', 'reject-all', 'custom', 'gpc', 'closed', 'withdraw', 'opt-out',
  'once', 'allow'];
export const ACTIONS = ['accept-all', 'reject-all', 'custom', 'withdraw', 'close', 'opt-out', 'allow', 'allow-once'];
export const REASONS = ['none', 'first-visit', 'state-invalid', 'consent-lapsed', 'refusal-lapsed',
  'revision-changed', 'regime-changed', 'notice', 'policy-invalid'];
export const ELEMENT_REASONS = ['allowed', 'refused', 'unmatched', 'unknown-marking', 'policy-invalid', 'cookieless'];
export const CONSENT_MODE_TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization',
  'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'];
export const HUBSPOT_CATEGORIES = ['analytics', 'advertisement', 'functionality'];

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

class Writer {
  constructor() { this.out = []; }
  u8(v) { this.out.push(v & 255); }
  varint(v) {
    // Numbers up to 2^53; the engine's inputs never need more.
    v = Math.max(0, Math.floor(v));
    while (v >= 128) {
      this.out.push((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.out.push(v);
  }
  raw(bytes) { for (const b of bytes) this.out.push(b); }
  str(s) {
    const b = utf8.encode(String(s ?? ''));
    this.varint(b.length);
    this.raw(b);
  }
  strs(list) {
    this.varint(list.length);
    for (const s of list) this.str(s);
  }
  header(magic) {
    this.out.push(magic.charCodeAt(0), magic.charCodeAt(1), VERSION);
  }
  bytes() { return Uint8Array.from(this.out); }
}

const VERSION = 3;

export class WireError extends Error {}

class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.p = 0;
  }
  u8() {
    if (this.p >= this.b.length) throw new WireError('truncated');
    return this.b[this.p++];
  }
  // Returns the value as a Number (exact up to 2^53) and, for bit sets, the
  // bit indices that are set.
  varintBits() {
    let value = 0, scale = 1, shift = 0;
    const bits = [];
    for (;;) {
      if (shift > 63) throw new WireError('varint too long');
      const byte = this.u8();
      for (let k = 0; k < 7; k++) if (byte & (1 << k)) bits.push(shift + k);
      value += (byte & 127) * scale;
      scale *= 128;
      shift += 7;
      if (!(byte & 128)) return { value, bits };
    }
  }
  varint() { return this.varintBits().value; }
  raw(n) {
    if (this.p + n > this.b.length) throw new WireError('truncated');
    const out = this.b.slice(this.p, this.p + n);
    this.p += n;
    return out;
  }
  str() { return fromUtf8.decode(this.raw(this.varint())); }
  strs() {
    const n = this.varint();
    const out = [];
    for (let i = 0; i < n; i++) out.push(this.str());
    return out;
  }
  header(magic) {
    if (this.u8() !== magic.charCodeAt(0) || this.u8() !== magic.charCodeAt(1) || this.u8() !== VERSION) {
      throw new WireError(`not a ${magic} v${VERSION} message`);
    }
  }
  end() {
    if (this.p !== this.b.length) throw new WireError('trailing bytes');
  }
}

export const ELEMENT_KINDS = { script: 0, iframe: 1, image: 2, beacon: 3, link: 4, other: 5 };

// facts: { now (s), region, gpc, languages[], host, path, cookies, mirror,
//          freshId (16 bytes), elements: [{ kind, url, category, service }],
//          pageServices: [service ids allowed for this page view only] }
export function encodeFacts(f) {
  const w = new Writer();
  w.header('WF');
  w.varint(f.now);
  w.str(f.region);
  w.u8(f.gpc ? 1 : 0);
  w.strs(f.languages || []);
  w.str(f.host);
  w.str(f.path);
  w.str(f.cookies);
  w.str(f.mirror);
  const id = f.freshId || new Uint8Array(16);
  if (id.length !== 16) throw new RangeError('freshId must be 16 bytes');
  w.raw(id);
  const elements = f.elements || [];
  w.varint(elements.length);
  for (const e of elements) {
    w.u8(typeof e.kind === 'number' ? e.kind : ELEMENT_KINDS[e.kind] ?? 5);
    w.str(e.url);
    w.str(e.category);
    w.str(e.service);
  }
  w.strs(f.pageServices || []);
  return w.bytes();
}

// choice: { action: 'accept-all' | … | number, granted: [category ids],
//           services: { service id: true | false } (their own choices) }
export function encodeChoice(c) {
  const w = new Writer();
  w.header('WA');
  const action = typeof c.action === 'number' ? c.action : ACTIONS.indexOf(c.action);
  if (action < 0) throw new RangeError(`unknown action ${c.action}`);
  w.u8(action);
  w.strs(c.granted || []);
  const services = Object.entries(c.services || {});
  w.varint(services.length);
  for (const [id, on] of services) {
    w.str(id);
    w.u8(on ? 1 : 0);
  }
  return w.bytes();
}

function hex(bytes) {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

// Decodes the engine's decision. Throws WireError on malformed input (the
// caller then fails closed).
export function decodeDecision(bytes) {
  const r = new Reader(bytes);
  r.header('WD');
  const flags = r.u8();
  const d = {
    policyOk: !!(flags & 1),
    showBanner: !!(flags & 2),
    hubspotDoNotTrack: !!(flags & 4),
    gpcHonoured: !!(flags & 8),
    stateChanged: !!(flags & 16),
    regime: REGIMES[r.u8()],
    reason: REASONS[r.u8()],
    language: r.varint(),
    bannerLanguage: r.str(),
  };
  d.allowedCategories = r.varintBits().bits;
  d.allowedServices = r.varintBits().bits;
  // Consent Mode advanced: Google tags that load with their types denied
  // (their requests pass, their cookies do not).
  d.cookielessServices = r.varintBits().bits;
  d.consentMode = r.u8();
  d.hubspot = r.u8();
  d.elements = [];
  for (let n = r.varint(); n > 0; n--) {
    d.elements.push({
      release: r.u8() === 1,
      reason: ELEMENT_REASONS[r.u8()],
      service: r.varint() - 1,
      category: r.varint() - 1,
    });
  }
  d.deleteCookies = r.strs();
  d.deleteDomains = r.strs();
  d.deletePaths = r.strs();
  d.gtag = [];
  for (let n = r.varint(); n > 0; n--) d.gtag.push({ service: r.varint(), cookieExpires: r.varint() });
  d.state = r.str();
  d.consent = {
    present: r.u8() === 1,
    id: hex(r.raw(16)),
    givenAt: r.varint(),
    expiresAt: r.varint(),
    method: METHODS[r.u8()],
  };
  r.end();
  if (!d.regime || !d.reason || !d.consent.method) throw new WireError('enum out of range');
  return d;
}

// What the engine names (engine_wire.h "PolicyInfo").
export function decodePolicyInfo(bytes) {
  const r = new Reader(bytes);
  r.header('WI');
  const info = {
    site: r.str(),
    cookie: r.str(),
    revision: r.varint(),
    regime: REGIMES[r.u8()],
    waitForUpdate: r.varint(),
    languages: r.strs(),
    bannerLanguages: r.strs(),
    categories: [],
    services: [],
  };
  for (let n = r.varint(); n > 0; n--) info.categories.push({ id: r.str(), flags: r.u8() });
  for (let n = r.varint(); n > 0; n--) info.services.push({ id: r.str(), category: r.u8(), flags: r.u8() });
  r.end();
  return info;
}
