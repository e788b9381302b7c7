// Fake HubSpot loader (js.hs-scripts.com/<portal>.js). Like the real one it
// injects its sub-scripts with createElement + insertBefore (REFERENCE §3).
(function () {
  var portal = '__PORTAL__';
  (window.__runs = window.__runs || []).push('hubspot-loader');
  var first = document.getElementsByTagName('script')[0];
  function add(id, src, attrs) {
    if (document.getElementById(id)) return;
    var n = document.createElement('script');
    n.type = 'text/javascript';
    n.id = id;
    n.async = true;
    n.src = src;
    for (var k in attrs || {}) n.setAttribute(k, attrs[k]);
    first.parentNode.insertBefore(n, first);
  }
  add('hs-analytics', 'https://js.hs-analytics.net/analytics/1767225600000/' + portal + '.js');
  if (!window.disableHubSpotCookieBanner) {
    add('cookieBanner-' + portal, 'https://js.hs-banner.com/v2/' + portal + '/banner.js', { 'data-cookieconsent': 'ignore' });
  }
  add('CollectedForms-' + portal, 'https://js.hscollectedforms.net/collectedforms.js');
  add('hs-ads-pixel-' + portal, 'https://js.hsadspixel.net/fb.js');
})();
