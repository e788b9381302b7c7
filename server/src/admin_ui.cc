#include "admin_ui.h"

namespace wafer {
namespace server {

const char kDashboardHtml[] = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wafer — consent dashboard</title>
<link rel="stylesheet" href="/admin/dashboard.css">
<script src="/admin/dashboard.js" defer></script>
</head>
<body>
<header><h1>Wafer consent dashboard</h1></header>
<form id="query">
  <label>Admin token <input id="token" type="password" autocomplete="current-password" required></label>
  <label>From <input id="from" type="date" required></label>
  <label>To <input id="to" type="date" required></label>
  <label>Site <select id="site"><option value="">all sites</option></select></label>
  <button type="submit">Show</button>
</form>
<p id="status" role="status"></p>
<section id="summary"></section>
<section>
  <h2>Choices by method (share of receipts per day)</h2>
  <div id="methods" class="chart"></div>
</section>
<section>
  <h2>Consent rate per category (granted / receipts per day)</h2>
  <div id="categories" class="chart"></div>
</section>
<section>
  <h2>Receipts per day</h2>
  <div id="volume" class="chart"></div>
</section>
</body>
</html>
)HTML";

const char kDashboardCss[] = R"CSS(body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:0 16px;color:#1d2430}
h1{font-size:20px}h2{font-size:16px;margin:24px 0 8px}
form{display:flex;flex-wrap:wrap;gap:12px;align-items:end;background:#f3f5f8;padding:12px;border-radius:6px}
label{display:flex;flex-direction:column;font-size:12px;color:#4a5565}
input,select,button{font:inherit;padding:4px 6px}
button{background:#1f5fbf;color:#fff;border:0;border-radius:4px;padding:6px 14px;cursor:pointer}
#status{min-height:1.4em;color:#4a5565}#status.error{color:#b3261e}
.chart svg{width:100%;height:auto;background:#fff;border:1px solid #e2e6ec;border-radius:4px}
.legend{display:flex;flex-wrap:wrap;gap:12px;font-size:12px;margin-top:4px}
.legend span::before{content:"";display:inline-block;width:10px;height:10px;margin-right:4px;background:var(--c)}
#summary{display:flex;gap:24px;flex-wrap:wrap;margin-top:12px}
#summary div{background:#f3f5f8;border-radius:6px;padding:8px 12px}
#summary b{display:block;font-size:20px}
)CSS";

const char kDashboardJs[] = R"JS('use strict';
(function () {
  var COLORS = ['#1f5fbf', '#d9822b', '#2e9e5b', '#b3261e', '#7b4fc9', '#0f8b8d', '#a0522d', '#c2185b'];
  var SVG = 'http://www.w3.org/2000/svg';
  function $(id) { return document.getElementById(id); }
  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function setStatus(text, error) { var s = $('status'); s.textContent = text; s.className = error ? 'error' : ''; }

  // A line chart: series = [{name, values: [number|null per day]}], days = labels.
  function lineChart(container, days, series, maxY, percent) {
    container.textContent = '';
    var W = 940, H = 260, L = 48, R = 28, T = 12, B = 40;
    var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, role: 'img'});
    var n = days.length;
    if (!maxY) maxY = 1;
    function x(i) { return L + (n <= 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1)); }
    function y(v) { return T + (H - T - B) * (1 - v / maxY); }
    for (var g = 0; g <= 4; g++) {
      var v = maxY * g / 4;
      svg.appendChild(el('line', {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e2e6ec'}));
      svg.appendChild(el('text', {x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5565'},
        percent ? Math.round(v * 100) + '%' : String(Math.round(v))));
    }
    var step = Math.max(1, Math.ceil(n / 10));
    days.forEach(function (d, i) {
      if (i % step === 0 || i === n - 1) {
        svg.appendChild(el('text', {x: x(i), y: H - B + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#4a5565'}, d.slice(5)));
      }
    });
    var legend = document.createElement('div');
    legend.className = 'legend';
    series.forEach(function (s, k) {
      var color = COLORS[k % COLORS.length];
      var pts = [];
      s.values.forEach(function (v, i) { if (v !== null) pts.push(x(i) + ',' + y(v)); });
      if (pts.length > 1) svg.appendChild(el('polyline', {points: pts.join(' '), fill: 'none', stroke: color, 'stroke-width': 2}));
      s.values.forEach(function (v, i) {
        if (v === null) return;
        var c = el('circle', {cx: x(i), cy: y(v), r: 3, fill: color});
        c.appendChild(el('title', {}, s.name + ' ' + days[i] + ': ' + (percent ? (v * 100).toFixed(1) + '%' : v)));
        svg.appendChild(c);
      });
      var item = document.createElement('span');
      item.style.setProperty('--c', color);
      item.textContent = s.name;
      legend.appendChild(item);
    });
    container.appendChild(svg);
    container.appendChild(legend);
  }

  function render(data) {
    // Every day of the range, even those without receipts.
    var days = [], byDay = {};
    data.days.forEach(function (d) { byDay[d.day] = d; });
    for (var t = new Date(data.from + 'T00:00:00Z'); iso(t) <= data.to; t.setUTCDate(t.getUTCDate() + 1)) days.push(iso(t));
    var methods = {}, cats = {}, total = 0;
    data.days.forEach(function (d) {
      total += d.total;
      Object.keys(d.methods).forEach(function (m) { methods[m] = (methods[m] || 0) + d.methods[m].count; });
      Object.keys(d.categories).forEach(function (c) {
        cats[c] = cats[c] || {granted: 0, total: 0};
        cats[c].granted += d.categories[c].granted; cats[c].total += d.categories[c].total;
      });
    });
    var summary = $('summary');
    summary.textContent = '';
    function card(label, value) {
      var d = document.createElement('div'); var b = document.createElement('b');
      b.textContent = value; d.appendChild(b); d.appendChild(document.createTextNode(label)); summary.appendChild(d);
    }
    card('receipts', String(total));
    Object.keys(methods).sort().forEach(function (m) { card(m, (100 * methods[m] / total).toFixed(1) + '%'); });
    Object.keys(cats).sort().forEach(function (c) { card(c + ' granted', (100 * cats[c].granted / Math.max(1, cats[c].total)).toFixed(1) + '%'); });
    lineChart($('methods'), days, Object.keys(methods).sort().map(function (m) {
      return {name: m, values: days.map(function (d) { var x = byDay[d]; return x ? (x.methods[m] ? x.methods[m].rate : 0) : null; })};
    }), 1, true);
    lineChart($('categories'), days, Object.keys(cats).sort().map(function (c) {
      return {name: c, values: days.map(function (d) { var x = byDay[d]; return x && x.categories[c] ? x.categories[c].rate : null; })};
    }), 1, true);
    var maxV = 0;
    days.forEach(function (d) { if (byDay[d]) maxV = Math.max(maxV, byDay[d].total); });
    lineChart($('volume'), days, [{name: 'receipts', values: days.map(function (d) { return byDay[d] ? byDay[d].total : 0; })}],
      Math.max(4, Math.ceil(maxV * 1.1)), false);
    var select = $('site');
    Object.keys(data.sites || {}).forEach(function (s) {
      if (!select.querySelector('option[value="' + s + '"]')) {
        var o = document.createElement('option'); o.value = s; o.textContent = s; select.appendChild(o);
      }
    });
    setStatus(total ? 'Showing ' + total + ' receipts.' : 'No receipts in this range.');
  }

  function load(ev) {
    if (ev) ev.preventDefault();
    var token = $('token').value;
    sessionStorage.setItem('wafer-admin-token', token);
    var q = 'from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value);
    if ($('site').value) q += '&site=' + encodeURIComponent($('site').value);
    setStatus('Loading…');
    fetch('/v1/admin/stats?' + q, {headers: {Authorization: 'Bearer ' + token}}).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error((j.error && j.error.message) || ('HTTP ' + r.status));
        return j;
      });
    }).then(render).catch(function (e) { setStatus(e.message, true); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var now = new Date();
    $('to').value = iso(now);
    $('from').value = iso(new Date(now.getTime() - 29 * 86400000));
    var saved = sessionStorage.getItem('wafer-admin-token');
    $('query').addEventListener('submit', load);
    if (saved) { $('token').value = saved; load(); }
  });
})();
)JS";

}  // namespace server
}  // namespace wafer
