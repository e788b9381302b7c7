// Fake HubSpot tracking code (js.hs-analytics.net/analytics/…). Reads the
// _hsq / _hsp queues like the real one: doNotTrack sets __hs_do_not_track and
// stops everything; setHubSpotConsent({analytics:false}) stops cookies;
// revokeCookieConsent removes its cookies. Otherwise it sets __hstc,
// hubspotutk, __hssc and __hssrc and fires its pixel (track.hubspot.com/__ptq.gif).
(function () {
  (window.__runs = window.__runs || []).push('hs-analytics');
  var domain = location.hostname.replace(/^www\./, '');
  var state = { dnt: /(^|; )__hs_do_not_track=/.test(document.cookie), consent: null };
  function del(n) {
    document.cookie = n + '=; Max-Age=0; Path=/; Domain=' + domain;
  }
  function handle(cmd) {
    if (!cmd) return;
    if (cmd[0] === 'doNotTrack') {
      if (cmd[1] && cmd[1].track) {
        state.dnt = false;
        del('__hs_do_not_track');
      } else {
        state.dnt = true;
        document.cookie = '__hs_do_not_track=yes; Max-Age=15552000; Path=/; Domain=' + domain;
      }
    } else if (cmd[0] === 'setHubSpotConsent') {
      state.consent = cmd[1];
    } else if (cmd[0] === 'revokeCookieConsent') {
      ['__hstc', 'hubspotutk', '__hssc', '__hssrc'].forEach(del);
    }
  }
  var hsq = (window._hsq = window._hsq || []), hsp = (window._hsp = window._hsp || []);
  hsq.forEach(handle);
  hsp.forEach(handle);
  hsq.push = function (c) { handle(c); return Array.prototype.push.call(hsq, c); };
  hsp.push = function (c) { handle(c); return Array.prototype.push.call(hsp, c); };
  if (state.dnt) return;
  var cookies = !state.consent || state.consent.analytics;
  var utk = Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32);
  var now = Date.now();
  if (cookies) {
    var m = document.cookie.match(/(?:^|; )hubspotutk=([^;]*)/);
    if (m) utk = m[1];
    document.cookie = '__hstc=1.' + utk + '.' + now + '.' + now + '.' + now + '.1; Max-Age=15552000; Path=/; Domain=' + domain;
    document.cookie = 'hubspotutk=' + utk + '; Max-Age=15552000; Path=/; Domain=' + domain;
    document.cookie = '__hssc=1.1.' + now + '; Max-Age=1800; Path=/; Domain=' + domain;
    document.cookie = '__hssrc=1; Path=/; Domain=' + domain;
  }
  new Image().src = 'https://track.hubspot.com/__ptq.gif?a=1&k=1&' + (cookies ? 'vi=' + utk : 'anon=1');
})();
