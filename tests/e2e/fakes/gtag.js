// Fake gtag.js (www.googletagmanager.com/gtag/js?id=…), served by the e2e
// router with __TAG_ID__ replaced. Behaves like the real tag where Wafer's
// promises are tested:
// - processes the dataLayer queue in order, then hooks dataLayer.push;
// - Consent Mode v2: 'default' (with wait_for_update) and 'update';
// - 'config' G-…: with analytics_storage granted, sets _ga and _ga_<id> via
//   document.cookie, with Max-Age = cookie_expires (default 2 years) and,
//   when cookie_update is false, never rewrites an existing _ga; sends a hit
//   to region1.google-analytics.com/g/collect (gcs=G1xy) with sendBeacon;
//   with analytics denied it sends a cookieless ping;
// - 'config' AW-…: with ad_storage granted sets _gcl_au; pings
//   www.googleadservices.com/pagead/conversion either way.
(function () {
  var id = '__TAG_ID__';
  (window.__runs = window.__runs || []).push('gtag:' + id);
  var g = window.__fakeGtag;
  if (g) return;  // A second gtag.js on the page shares the first one's queue.
  g = window.__fakeGtag = { consent: {}, set: {}, waitUntil: 0, processed: 0, hits: [] };
  var dl = (window.dataLayer = window.dataLayer || []);

  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '=([^;]*)'));
    return m ? m[1] : null;
  }
  function gcs() {
    return 'G1' + (g.consent.ad_storage === 'granted' ? '1' : '0') + (g.consent.analytics_storage === 'granted' ? '1' : '0');
  }
  function config(tag, params) {
    var p = {};
    for (var k in g.set) p[k] = g.set[k];
    for (var k2 in params || {}) p[k2] = params[k2];
    var expires = p.cookie_expires !== undefined ? p.cookie_expires : 63072000;
    var update = p.cookie_update !== false;
    var domain = location.hostname.replace(/^www\./, '');
    if (/^G-/.test(tag)) {
      if (g.consent.analytics_storage === 'granted') {
        var now = Math.floor(Date.now() / 1000);
        if (!cookie('_ga') || update) {
          var cid = cookie('_ga') ? cookie('_ga').split('.').slice(2).join('.') : (Math.floor(Math.random() * 1e9) + '.' + now);
          document.cookie = '_ga=GA1.1.' + cid + '; Max-Age=' + expires + '; Path=/; Domain=' + domain;
        }
        var sid = '_ga_' + tag.slice(2);
        if (!cookie(sid) || update) {
          document.cookie = sid + '=GS1.1.' + now + '.1.0.' + now + '.0.0.0; Max-Age=' + expires + '; Path=/; Domain=' + domain;
        }
        g.hits.push({ tag: tag, expires: expires, update: update });
      }
      navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=' + tag + '&gcs=' + gcs() +
        (g.consent.analytics_storage === 'granted' ? '&cid=' + encodeURIComponent(cookie('_ga') || '') : '') + '&en=page_view');
    } else if (/^AW-/.test(tag)) {
      if (g.consent.ad_storage === 'granted' && (!cookie('_gcl_au') || update)) {
        document.cookie = '_gcl_au=1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) +
          '; Max-Age=' + Math.min(expires, 7776000) + '; Path=/; Domain=' + domain;
      }
      new Image().src = 'https://www.googleadservices.com/pagead/conversion/' + tag.slice(3) + '/?gcs=' + gcs();
    }
  }
  function run(a) {
    if (!a || typeof a.length !== 'number') return;  // GTM-style objects: ignored here.
    if (a[0] === 'consent') {
      for (var k in a[2]) if (/_storage$|^ad_/.test(k)) g.consent[k] = a[2][k];
      if (a[1] === 'default' && a[2].wait_for_update) g.waitUntil = Math.max(g.waitUntil, Date.now() + a[2].wait_for_update);
      if (a[1] === 'update') g.waitUntil = 0;
    } else if (a[0] === 'set') {
      if (typeof a[1] === 'object') for (var s in a[1]) g.set[s] = a[1][s];
      else g.set[a[1]] = a[2];
    } else if (a[0] === 'config') {
      config(a[1], a[2]);
    }
  }
  function drain() {
    while (g.processed < g.queue.length) {
      var a = g.queue[g.processed];
      // Measurement waits for a consent update, at most wait_for_update ms.
      if (a && a[0] === 'config' && g.waitUntil > Date.now()) return setTimeout(drain, 20);
      g.processed++;
      run(a);
    }
  }
  g.queue = dl.slice();
  dl.push = function () {
    for (var i = 0; i < arguments.length; i++) g.queue.push(arguments[i]);
    Array.prototype.push.apply(dl, arguments);
    drain();
    return dl.length;
  };
  drain();
})();
