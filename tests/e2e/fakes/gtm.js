// Fake Google Tag Manager container (www.googletagmanager.com/gtm.js?id=GTM-…),
// served by the e2e router with __CONTAINER_ID__ replaced. It behaves like
// GTM where gtm.test.mjs looks, as Google documents it:
// - Google's Consent Mode guide (developers.google.com/tag-platform/security/
//   guides/consent; REFERENCE §1): `gtag('consent', 'default' | 'update', …)`
//   commands go into the dataLayer before the container snippet and are read
//   in order; an `update` overrides the default of its type.
// - Tag Manager's consent help (support.google.com/tagmanager/answer/10718549):
//   the Consent Initialization trigger fires before every other trigger,
//   Initialization included; tags with built-in consent checks (Google's)
//   adapt their behaviour to the state; a tag set to "require additional
//   consent" fires only if every listed type is granted *when its trigger
//   fires*. Nothing in that page says a blocked tag fires later by itself,
//   so here it does not: it needs a trigger that fires again after the
//   update (Wafer's `wafer_consent` event, pushed after every decision).
// What it does:
// - reads the dataLayer queue in order, then hooks dataLayer.push;
// - consent commands: `default` (those with a `region` are skipped: Google
//   matches them against the visitor's IP region, which the fake does not
//   know; Wafer's first default, for everyone, has none) and `update`;
//   `wait_for_update` is not modelled: with Wafer, gtm.js loads only after
//   the engine's decision, whose update is already queued;
// - at the snippet's {event: 'gtm.js'} it runs gtm.init_consent, gtm.init and
//   gtm.js in that order (the first two also pushed to the dataLayer, and
//   each logged in __fakeGtm.events with the consent state it saw and the
//   state after its tags); any other {event} message runs its triggers;
// - the container's tags:
//   · "GA4" (a Google tag, built-in checks on analytics_storage/ad_storage),
//     trigger Initialization: with analytics_storage denied it sends a
//     cookieless page_view (region1.google-analytics.com/g/collect, gcs=G100,
//     no cid) and sets no cookie; with it granted it sets _ga and sends the
//     hit with the client id. Its configuration settings are those
//     docs/integration.md asks for (Google's "Configure and customize
//     cookies" guide, Tag Manager: Google tag → Configuration settings):
//     cookie_expires 34128000 (395 days) and cookie_update false, so _ga is
//     written once with that lifetime (Google's default would be 2 years,
//     rolling: wafer-audit reports it); when an update grants
//     analytics_storage later on the page it sets _ga and sends a hit then.
//     (The real Google tag also loads gtag/js for its measurement id; the
//     fake does its work inside the container.)
//   · "HubSpot" (Custom HTML: the HubSpot tracking code's <script
//     id="hs-script-loader" src="//js.hs-scripts.com/<portal>.js">),
//     additional consent: ad_storage, triggers All Pages (gtm.js) and the
//     custom event wafer_consent, once per page. Fired, it records
//     'gtm-tag:hubspot' in __runs and injects the script with createElement.
//   · with window.__gtmTemplate set (by a test), a Consent Initialization tag
//     running that template code (fireTemplate below).
(function () {
  var id = '__CONTAINER_ID__';
  (window.__runs = window.__runs || []).push('gtm:' + id);
  if (window.__fakeGtm) return;
  var G = (window.__fakeGtm = { id: id, defaults: {}, updates: {}, events: [], fired: [], blocked: [] });
  var dl = (window.dataLayer = window.dataLayer || []);
  var push = Array.prototype.push;
  var TYPES = /^(ad_storage|ad_user_data|ad_personalization|analytics_storage|functionality_storage|personalization_storage|security_storage)$/;
  var domain = location.hostname.replace(/^www\./, '');

  function state() {
    var s = {}, k;
    for (k in G.defaults) s[k] = G.defaults[k];
    for (k in G.updates) s[k] = G.updates[k];
    return s;
  }
  function granted(t) {
    return state()[t] === 'granted';
  }
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? m[1] : null;
  }

  // GA4 (Google tag): built-in consent checks.
  var ga = { id: 'G-GTMFAKE001', started: false, cookieExpires: 34128000 };
  function gaHit(en) {
    var on = granted('analytics_storage');
    if (on && !cookie('_ga')) {  // cookie_update: false.
      document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) +
        '; Max-Age=' + ga.cookieExpires + '; Path=/; Domain=' + domain;
    }
    var gcs = 'G1' + (granted('ad_storage') ? '1' : '0') + (on ? '1' : '0');
    navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=' + ga.id + '&gtm=' + id +
      '&gcs=' + gcs + (on ? '&cid=' + encodeURIComponent(cookie('_ga') || '') : '') + '&en=' + en);
  }
  function fireGa() {
    ga.started = true;
    ga.analytics = granted('analytics_storage');
    gaHit('page_view');
  }
  // The Google tag follows the state after it fired (same page).
  function gaConsentChanged() {
    if (!ga.started) return;
    var now = granted('analytics_storage');
    if (now && !ga.analytics) gaHit('user_engagement');
    ga.analytics = now;
  }

  function fireHubSpot() {
    (window.__runs = window.__runs || []).push('gtm-tag:hubspot');
    var s = document.createElement('script');
    s.id = 'hs-script-loader';
    s.async = true;
    s.defer = true;
    s.src = 'https://js.hs-scripts.com/7654321.js';
    document.body.appendChild(s);
  }

  // A custom template's sandboxed code (window.__gtmTemplate, set by a test)
  // as a Consent Initialization tag: its require() gives plain versions of
  // the template APIs it uses, writing this container's consent state. No
  // sandbox, no permission check: see integrations/gtm/README.md.
  function fireTemplate() {
    G.template = [];
    var apis = {
      setDefaultConsentState: function (v) {
        G.template.push(['default', JSON.parse(JSON.stringify(v))]);
        for (var k in v) if (TYPES.test(k)) G.defaults[k] = v[k];
      },
      updateConsentState: function (v) {
        G.template.push(['update', JSON.parse(JSON.stringify(v))]);
        for (var k in v) if (TYPES.test(k)) G.updates[k] = v[k];
        gaConsentChanged();
      },
      callInWindow: function (path) {
        var parts = path.split('.'), self = window, f = window;
        for (var i = 0; i < parts.length; i++) {
          self = f;
          f = f == null ? undefined : f[parts[i]];
        }
        return typeof f === 'function' ? f.apply(self, Array.prototype.slice.call(arguments, 1)) : undefined;
      },
      makeInteger: function (x) {
        var n = Number(x);
        return isFinite(n) ? Math.trunc(n) : undefined;
      },
      getType: function (x) {
        return x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x;
      },
      logToConsole: function () {},
    };
    var data = { waitForUpdate: '500', gtmOnSuccess: function () { G.template.push(['success']); }, gtmOnFailure: function () {} };
    new Function('require', 'data', window.__gtmTemplate)(function (name) {
      if (!apis[name]) throw new Error('fake GTM: no API ' + name);
      return apis[name];
    }, data);
  }

  var TAGS = [
    { name: 'wafer-template', triggers: window.__gtmTemplate ? ['gtm.init_consent'] : [], additional: [], fire: fireTemplate },
    { name: 'ga4', triggers: ['gtm.init'], additional: [], fire: fireGa },
    { name: 'hubspot', triggers: ['gtm.js', 'wafer_consent'], additional: ['ad_storage'], fire: fireHubSpot },
  ];
  var done = {};

  function runEvent(name, synthetic) {
    if (synthetic) push.call(dl, { event: name });
    var entry = { event: name, consent: state() };
    G.events.push(entry);
    TAGS.forEach(function (t) {
      if (done[t.name] || t.triggers.indexOf(name) < 0) return;
      var missing = t.additional.filter(function (c) {
        return !granted(c);
      });
      if (missing.length) return G.blocked.push({ tag: t.name, event: name, missing: missing });
      done[t.name] = true;  // Once per page.
      G.fired.push({ tag: t.name, event: name, consent: state() });
      t.fire();
    });
    entry.after = state();  // What the next event's tags start from.
  }

  var started = false;
  function handle(m) {
    if (!m || typeof m !== 'object') return;
    if (typeof m.length === 'number' && m[0] === 'consent') {
      var v = m[2];
      if (!v || typeof v !== 'object' || (m[1] === 'default' && v.region)) return;
      var into = m[1] === 'default' ? G.defaults : m[1] === 'update' ? G.updates : null;
      if (!into) return;
      for (var k in v) if (TYPES.test(k)) into[k] = v[k];
      G.events.push({ command: m[1], consent: state() });
      if (m[1] === 'update') gaConsentChanged();
      return;
    }
    if (typeof m.event !== 'string') return;
    if (m.event === 'gtm.js' && !started) {
      started = true;
      runEvent('gtm.init_consent', true);
      runEvent('gtm.init', true);
    }
    runEvent(m.event, false);
  }

  var queued = dl.slice();
  dl.push = function () {
    var n = push.apply(dl, arguments);
    for (var i = 0; i < arguments.length; i++) handle(arguments[i]);
    return n;
  };
  queued.forEach(handle);
})();
