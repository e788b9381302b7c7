// The loader (dist/wafer.loader.js), loaded async by the stub: starts the
// engine, gives it the facts, applies its decision and serves window.wafer.
// It draws only the floating reopen button (reopen.js), on every page once a
// choice is stored: the banner, the preferences and click-to-load
// placeholders come from the banner bundle (and wafer.placeholder.js for the
// placeholders: ui.js), fetched only when one of them must show. Every "may this run / which cookies go / what to store /
// which language" is the engine's; this file only carries it out.

import { decodeDecision, encodeChoice } from '../wire.js';
import { startEngine } from './engine.js';
import { gatherFacts, mirrorKey } from './facts.js';
import { storeConsent, sweepCookies } from './storage.js';
import { consentValues, dataLayerEvent, googleBridge, hubspotBridge } from './bridges.js';
import { placeholder, release, revoke } from './release.js';
import { drawPlaceholders, watchPlaceholders } from './placeholders.js';
import { loadPlaceholder, loadUi } from './ui.js';
import { reopen } from './reopen.js';
import { sendReceipt } from './receipt.js';
import { createApi } from './api.js';

const S = window.__wafer;

if (S && !S.loader) {
  S.loader = true;
  const cfg = S.cfg;
  // once: the services the visitor allowed for this page view only (a
  // placeholder's one-time load), given to the engine with every fact.
  const L = { decision: null, summary: null, engine: null, bannerText: '', failed: false, once: [] };
  // The engine's language (docs/engine.md "Language"): the site's texts and
  // the receipt; bundle(): the banner bundle that shows it.
  const lang = (d = L.decision) => (d && d.policyOk && cfg.languages[d.language]) || cfg.languages[0];
  const bundle = (d = L.decision) => (d && d.bannerLanguage) || cfg.lang;

  const summarize = (d) => {
    const categories = {}, services = {};
    cfg.categories.forEach((c, i) => (categories[c[0]] = d.allowedCategories.includes(i)));
    cfg.services.forEach((s, i) => (services[s[0]] = d.allowedServices.includes(i)));
    return {
      ready: true, policyOk: d.policyOk, site: cfg.site, revision: cfg.revision, language: lang(d),
      regime: d.regime, method: d.consent.method, consentId: d.consent.present ? d.consent.id : null,
      givenAt: d.consent.givenAt || null, expiresAt: d.consent.expiresAt || null,
      categories, services, gpcHonoured: d.gpcHonoured, showBanner: d.showBanner, reason: d.reason,
      // The Consent Mode state sent to Google's tags with this decision (the
      // Tag Manager template reads it: integrations/gtm).
      consentMode: consentValues(d.consentMode),
      cookiesRemaining: L.remaining || [],
      // Tags that already ran are stopped in place (their cookies, requests and
      // pixels are refused from now on): no reload is needed.
      reloadRequired: false,
    };
  };

  // True once per consent given (a choice, or GPC honoured): the engine also
  // re-writes the state to record when cookies were first placed, which is
  // not a new consent and gets no receipt.
  const newConsent = (d) => {
    const key = mirrorKey(cfg) + ':receipt', given = d.consent.id + ':' + d.consent.givenAt;
    try {
      if (localStorage.getItem(key) === given) return false;
      localStorage.setItem(key, given);
    } catch (e) {}
    return true;
  };

  const notify = (summary) => {
    dataLayerEvent(summary);
    document.dispatchEvent(new CustomEvent('wafer:consent', { detail: summary }));
    for (const cb of S.listeners_.slice()) {
      try {
        cb(summary);
      } catch (e) {
        console.error(e);
      }
    }
  };

  // A choice the visitor made and that is stored (a one-time load is neither).
  const hasChoice = (d) => !!d && d.policyOk && d.consent.present && !['none', 'once'].includes(d.consent.method);

  // Shows the banner (mode 'banner') or the preferences ('preferences') for
  // decision `d`; resolves false when the banner bundle could not load.
  const show = async (mode, d = L.decision) => {
    let ui;
    try {
      ui = await loadUi(S, bundle(d));
    } catch (e) {
      return false;  // Logged by loadUi.
    }
    // The preferences show the stored choice: without this page's one-time loads.
    let stored = d;
    if (mode === 'preferences' && d && d.policyOk && L.once.length && L.engine) {
      stored = decodeDecision(L.engine.evaluate(gatherFacts(S, [])));
    }
    const opener = L.opener;
    L.opener = null;
    const choice = hasChoice(stored);
    L.bannerText = ui.show({
      mode, regime: d ? d.regime : 'opt-in', gpc: !!d && d.gpcHonoured,
      unavailable: L.failed || (!!d && !d.policyOk),
      // Nothing pre-ticked before a choice (even where defaults allow, opt-out).
      allowed: choice ? stored.allowedCategories : [],
      services: choice ? stored.allowedServices : [],
      choice, stored: choice && d.consent.method !== 'withdraw',
      required: !d || d.showBanner || !d.policyOk, opener,
    }, (action, granted, text, services) => {
      L.bannerText = text;
      api.choose(action, granted, services);
    });
    return true;
  };
  // The floating reopen button: shown while a choice is stored and the banner
  // is not (the banner bundle hides it while it shows, through S.reopen_).
  S.reopen_ = (on) => reopen(cfg, on, (opener) => {
    L.opener = opener;  // Focus returns to the button when the preferences close.
    window.wafer.openPreferences();
  }, bundle());
  // Hides the banner; `method`: the visitor's choice just made (its notice shows).
  // The button shows first, so that the banner can give it the focus back.
  const hide = (method = '') => {
    S.reopen_(hasChoice(L.decision));
    if (S.ui_) S.ui_.hide(hasChoice(L.decision), method);
  };

  // Carries out a decision for `entries` (the elements given in the facts).
  const apply = (d, entries, visitorAction) => {
    L.decision = d;
    if (!d.policyOk) {
      // Fail closed: nothing released, nothing stored; the visitor still sees
      // the banner, and a click closes it.
      if (visitorAction) hide();
      else show('banner');
      return null;
    }
    S.svcs_ = cfg.services.map((s, i) => d.allowedServices.includes(i));
    // Consent Mode advanced: Google's tags load with their types denied (the
    // defaults the stub set first, then this decision's update); their
    // cookies stay refused (S.svcs_).
    S.load_ = S.svcs_.map((on, i) => on || d.cookielessServices.includes(i));
    S.decided_ = true;
    if (d.stateChanged) storeConsent(cfg, d);
    L.remaining = sweepCookies(d);
    googleBridge(S, d);
    hubspotBridge(S, d, visitorAction);
    for (const p of S.pending_.splice(0)) (S.load_[p.s] ? p.go : p.drop)();
    applyVerdicts(d, entries);
    placeholders(d);
    const summary = (L.summary = summarize(d));
    if (d.showBanner) show('banner');
    else hide(visitorAction ? d.consent.method : '');
    notify(summary);
    if (d.stateChanged && d.state && d.consent.method !== 'none' && newConsent(d)) {
      sendReceipt(cfg, summary, d, L.bannerText, lang(d));
    }
    return summary;
  };

  // Containers marked data-wafer-placeholder="<service>" (forms, chat, maps,
  // widgets drawn by a held script): a placeholder inside while the service
  // may not run. Every container in the page at each decision (`boxes`
  // absent); from the first one on, containers inserted later too (a
  // single-page app's route, a modal), under the latest decision.
  const placeholders = (d, boxes) => {
    drawPlaceholders(S, d, cfg, () => loadPlaceholder(S, bundle(d)), onPlaceholder, boxes);
    if (!boxes) watchPlaceholders(S, () => L.decision, placeholders);
  };
  // A placeholder's button: its service, stored ("always allow" ticked) or
  // for this page view only; `text`: what the placeholder said (the receipt's hash).
  const onPlaceholder = (id, always, text) => {
    L.bannerText = text;
    return api.choose(always ? 'allow' : 'allow-once', [], { [id]: true });
  };

  const applyVerdicts = (d, entries) => {
    entries.forEach((e, i) => {
      const v = d.elements[i];
      if (!v) return;
      if (v.release) release(S, e);
      else {
        revoke(S, e);
        if (v.reason === 'refused' && e.kind === 1 && v.service >= 0) {
          loadPlaceholder(S, bundle(d)).then((draw) => placeholder(S, e, v, onPlaceholder, draw), () => {});
        }
      }
    });
  };

  // The first decision: when it shows the banner, nothing is carried out
  // until the banner is there (fail closed: a banner that cannot load
  // releases nothing).
  const first = async (d, entries) => {
    if (d.showBanner && !(await show('banner', d))) return;
    apply(d, entries, false);
  };

  const evaluate = (entries) => decodeDecision(L.engine.evaluate(gatherFacts(S, entries, L.once)));

  // Elements held after the decision (parsed later, or injected by tags that
  // run): the engine judges them as they come, in batches.
  let batch = null;
  S.onHeld_ = () => {
    if (!L.engine || !L.decision || batch) return;
    batch = Promise.resolve().then(() => {
      batch = null;
      const fresh = S.held_.filter((e) => !e.judged);
      fresh.forEach((e) => (e.judged = true));
      try {
        applyVerdicts(evaluate(fresh), fresh);
      } catch (e) {
        console.error('[wafer]', e);
      }
    });
  };

  const api = createApi(S, L, {
    // Runs a visitor's choice through the engine and applies the result:
    // `granted` category ids, `services` { id: on } (their own choices).
    async choose(action, granted = [], services = {}) {
      if (action === 'save') action = 'custom';
      if (!L.engine) {
        // No engine: nothing is stored and nothing released (fail closed).
        hide();
        return null;
      }
      const entries = S.held_.slice();
      entries.forEach((e) => (e.judged = true));
      const facts = gatherFacts(S, entries, L.once);
      const d = decodeDecision(L.engine.apply(facts, encodeChoice({ action, granted, services })));
      if (action === 'allow-once' && d.policyOk) {
        // Nothing stored: the record of this one-time consent goes to the
        // receipt, and from now on this page's facts carry the services.
        for (const id of Object.keys(services)) if (!L.once.includes(id)) L.once.push(id);
        if (d.state && newConsent(d)) sendReceipt(cfg, summarize(d), d, L.bannerText, lang(d));
        return apply(evaluate(entries), entries, false);
      }
      return apply(d, entries, true);
    },
    preferences: () => show('preferences'),
  });

  // Any element with data-wafer-open-preferences opens the preferences (the
  // banner bundle is fetched on the first click only).
  document.addEventListener('click', (ev) => {
    const opener = ev.target.closest && ev.target.closest('[data-wafer-open-preferences]');
    if (!opener) return;
    ev.preventDefault();
    L.opener = opener;
    window.wafer.openPreferences();
  });

  startEngine(cfg).then(async (engine) => {
    L.engine = engine;
    const entries = S.held_.slice();
    entries.forEach((e) => (e.judged = true));
    let d;
    try {
      d = evaluate(entries);
    } catch (e) {
      console.error('[wafer] engine answer unreadable', e);
      d = null;
    }
    if (d) await first(d, entries);
    else {
      L.failed = true;
      show('banner');
    }
    S.onHeld_();
    api.ready();
  }, (err) => {
    console.warn('[wafer] engine unavailable: everything stays held', err);
    L.failed = true;
    show('banner');
    api.ready();
  });
}
