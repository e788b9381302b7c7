// receipt.js — proof of consent: every stored choice is sent to the server
// (POST /v1/consents), which timestamps and keeps it (REFERENCE §6). The
// page-view token the server signed into this wafer.js goes with it
// (docs/server.md, "What a receipt proves").

// "sha256:" + hex SHA-256 of `text` where Web Crypto exists (secure
// contexts), else "fnv1a:" + hex 32-bit FNV-1a (plain http, e.g. local demos).
export async function textHash(text) {
  const bytes = new TextEncoder().encode(text);
  if (window.crypto && crypto.subtle) {
    const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return 'sha256:' + [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return 'fnv1a:' + h.toString(16).padStart(8, '0');
}

// The server reads the choice per service from `state` (and records it);
// `choices` (per category) is checked against it.
export async function sendReceipt(cfg, summary, decision, bannerText, language) {
  if (!cfg.receipts) return;
  const receipt = {
    site: cfg.site,
    consent_id: decision.consent.id,
    revision: cfg.revision,
    banner_hash: await textHash(bannerText || ''),
    language,
    choices: summary.categories,
    method: decision.consent.method,
    regime: decision.regime,
    gpc: navigator.globalPrivacyControl === true,
    state: decision.state,
  };
  if (cfg.token) receipt.token = cfg.token;
  const body = JSON.stringify(receipt);
  try {
    await fetch(cfg.receipts, {
      method: 'POST', keepalive: true, credentials: 'same-origin',
      headers: { 'content-type': 'application/json' }, body,
    });
  } catch (e) {
    // A string beacon is sent as text/plain;charset=UTF-8, the one other type
    // the server takes for receipts (a CORS-safelisted type: no preflight,
    // which a beacon cannot make).
    try {
      navigator.sendBeacon(cfg.receipts, body);
    } catch (e2) {}
  }
}
