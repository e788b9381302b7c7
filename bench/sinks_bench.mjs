// sinks_bench.mjs — what the stub's holds cost a page per call, for calls
// that carry no tracker (the common case): every patched sink (HTML strings,
// document.write, attribute and property writes, new Image / new Audio,
// insertion, importNode / adoptNode, iframe.srcdoc) beside the same call made
// natively, in the same page at the same moment.
//
//   node bench/sinks_bench.mjs            # --runs 5 --batch 300 --batches 7
//
// The page is a Wafer page (tests/e2e/fixtures/holds: its policy, with the
// stub served by the real wafer-server) on a first visit: nothing consented,
// the banner up. The native implementation of each call comes from a
// same-origin about:blank frame, where the stub does not run (a platform
// setter or method works on this document's nodes whatever realm it comes
// from). Per run, batches of N calls alternate stub / native; each side's
// fastest batch is kept (the least disturbed by other load), then the median
// and range over runs. document.write is measured while the page parses, in
// an inline script, the same way. Budget: ≤ 2 µs extra per call (the
// cookie-write guard's). Exit status 1 if a sink is over it.

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from '../tests/e2e/lib/harness.mjs';
import { ensureJsBuilt, median, opt, range, stopWaferServer } from './lib.mjs';

const RUNS = Number(opt('runs', 5));
const N = Number(opt('batch', 300));
const BATCHES = Number(opt('batches', 7));
const BUDGET_US = 2;

// The sinks: [name, setup (once per page, returns the state), call (one
// call; `n` is the native realm's window when measuring the native side)].
// Each runs in the page; `$` is the slot element.
const SINKS = String.raw`
const slot = document.getElementById('slot');
const html = '<p class="note">Hello <b>world</b></p><img src="/img/a.png" alt="">';
const img = () => document.createElement('img');
const proto = (w, C, name) => w[C].prototype;
const setter = (w, C, p) => Object.getOwnPropertyDescriptor(w[C].prototype, p).set;
window.__sinks = [
  ['el.innerHTML = markup (a <p> and an <img>)', (w) => { setter(w, 'Element', 'innerHTML').call(slot, html); }],
  ['el.innerHTML = text (no "<")', (w) => { setter(w, 'Element', 'innerHTML').call(slot, 'Hello world'); }],
  ['el.innerHTML = markup naming a tracker host (its <img> checked)', (w) => {
    setter(w, 'Element', 'innerHTML').call(slot, '<p>www.google-analytics.com</p><img src="/img/a.png" alt="">');
  }],
  ['el.innerHTML = markup with a <link>, naming a tracker host (parsed detached first)', (w) => {
    setter(w, 'Element', 'innerHTML').call(slot, '<p>www.youtube.com</p><link rel="next" href="/page/2">');
  }],
  ['el.outerHTML = markup', (w) => {
    const p = slot.appendChild(document.createElement('p'));
    setter(w, 'Element', 'outerHTML').call(p, '<p>Hello <b>world</b></p>');
    slot.textContent = '';
  }],
  ['el.insertAdjacentHTML("beforeend", markup)', (w) => {
    proto(w, 'Element').insertAdjacentHTML.call(slot, 'beforeend', '<li>item <img src="/img/a.png" alt=""></li>');
    slot.textContent = '';
  }],
  ['el.setHTMLUnsafe(markup)', (w) => { proto(w, 'Element').setHTMLUnsafe.call(slot, html); }],
  ['range.createContextualFragment(markup)', (w) => {
    const r = document.createRange();
    r.selectNodeContents(slot);
    proto(w, 'Range').createContextualFragment.call(r, html);
  }],
  ['iframe.srcdoc = markup (detached frame)', (w) => { setter(w, 'HTMLIFrameElement', 'srcdoc').call(document.createElement('iframe'), html); }],
  ['img.setAttribute("src", url)', (w) => { proto(w, 'Element').setAttribute.call(img(), 'src', '/img/a.png'); }],
  ['img.setAttributeNS(null, "src", url)', (w) => { proto(w, 'Element').setAttributeNS.call(img(), null, 'src', '/img/a.png'); }],
  ['el.setAttribute("class", v) (not a URL)', (w) => { proto(w, 'Element').setAttribute.call(slot, 'class', 'x'); }],
  ['img.src = url', (w) => { setter(w, 'HTMLImageElement', 'src').call(img(), '/img/a.png'); }],
  ['img.srcset = "url 1x, url 2x"', (w) => { setter(w, 'HTMLImageElement', 'srcset').call(img(), '/img/a.png 1x, /img/b.png 2x'); }],
  ['script.src = url (detached)', (w) => { setter(w, 'HTMLScriptElement', 'src').call(document.createElement('script'), '/app.js'); }],
  ['iframe.src = url (detached)', (w) => { setter(w, 'HTMLIFrameElement', 'src').call(document.createElement('iframe'), '/frame.html'); }],
  ['link.href = url (detached)', (w) => { setter(w, 'HTMLLinkElement', 'href').call(document.createElement('link'), '/style.css'); }],
  ['video.poster = url (detached)', (w) => { setter(w, 'HTMLVideoElement', 'poster').call(document.createElement('video'), '/img/a.png'); }],
  ['object.data = url (detached)', (w) => { setter(w, 'HTMLObjectElement', 'data').call(document.createElement('object'), '/x.pdf'); }],
  ['new Image() + .src', (w) => { const i = new w.Image(); setter(w, 'HTMLImageElement', 'src').call(i, '/img/a.png'); }],
  ['new Audio(url)', (w) => { new w.Audio('/a.mp3'); }],
  ['appendChild(<img>) + remove', (w) => {
    const i = img();
    i.src = '/img/a.png';
    proto(w, 'Node').appendChild.call(slot, i);
    i.remove();
  }],
  ['append(<div> with 3 images) + remove', (w) => {
    const d = document.createElement('div');
    for (let k = 0; k < 3; k++) d.appendChild(img());
    proto(w, 'Element').append.call(slot, d);
    d.remove();
  }],
  ['replaceChildren(<p>)', (w) => { proto(w, 'Element').replaceChildren.call(slot, document.createElement('p')); }],
  ['document.importNode(<div><img>)', (w) => { proto(w, 'Document').importNode.call(document, window.__foreign, true); }],
];
`;

// The bench page: the stub first, the sinks defined, and document.write
// measured while the page parses (batches of N writes of a small fragment,
// stub then native, alternating).
function page(n, batches) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script src="/v1/sites/holds/wafer.js"></script>
<title>sinks</title>
</head><body>
<iframe id="native" src="about:blank" style="display:none"></iframe>
<div id="slot"></div>
<div id="written" hidden>
<script>
  (function () {
    var w = document.getElementById('native').contentWindow, write = w.Document.prototype.write;
    var t = { stub: [], native: [] };
    for (var b = 0; b < ${batches}; b++) {
      var t0 = performance.now();
      for (var k = 0; k < ${n}; k++) document.write('<span class="w">' + k + '</span>');
      t.stub.push((performance.now() - t0) / ${n} * 1000);
      t0 = performance.now();
      for (var k2 = 0; k2 < ${n}; k2++) write.call(document, '<span class="w">' + k2 + '</span>');
      t.native.push((performance.now() - t0) / ${n} * 1000);
    }
    window.__write = { stub: Math.min.apply(null, t.stub), native: Math.min.apply(null, t.native) };
  })();
</script>
</div>
<script>${SINKS}</script>
</body></html>
`;
}

async function main() {
  ensureJsBuilt();
  const tmp = mkdtempSync(join(tmpdir(), 'wafer-sinks-'));
  let server, browser;
  try {
    mkdirSync(join(tmp, 'policies'));
    cpSync(join(ROOT, 'tests', 'e2e', 'fixtures', 'holds', 'holds.json'), join(tmp, 'policies', 'holds.json'));
    mkdirSync(join(tmp, 'sites', 'holds'), { recursive: true });
    writeFileSync(join(tmp, 'sites', 'holds', 'index.html'), page(N, BATCHES));
    server = await startServer(join(tmp, 'policies'), join(tmp, 'data'), 0, join(tmp, 'sites'));
    browser = await chromium.launch({
      executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP *.test 127.0.0.1'],
    });
    const results = new Map();  // name → { stub: [], native: [] }
    const add = (name, r) => {
      if (!results.has(name)) results.set(name, { stub: [], native: [] });
      results.get(name).stub.push(r.stub);
      results.get(name).native.push(r.native);
    };
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ extraHTTPHeaders: { 'X-Wafer-Region': 'FR' } });
      // No request leaves the machine: local URLs get an empty answer.
      await context.route('**/*', (route) => {
        const u = new URL(route.request().url());
        return u.hostname.endsWith('.test') && (u.pathname === '/' || u.pathname.startsWith('/v1/'))
          ? route.continue() : route.fulfill({ status: 204 });
      });
      const p = await context.newPage();
      await p.goto(`http://www.holds.test:${server.port}/`);
      await p.waitForFunction(() => window.wafer && document.getElementById('wafer-banner'), null, { timeout: 10000 });
      add('document.write(markup) while parsing', await p.evaluate(() => window.__write));
      const rows = await p.evaluate(([n, batches]) => {
        if (!window.__wafer) throw new Error('the stub did not run');
        const native = document.getElementById('native').contentWindow;
        window.__foreign = new DOMParser().parseFromString('<div><img src="/img/a.png"></div>', 'text/html').body.firstChild;
        const out = [];
        for (const [name, call] of window.__sinks) {
          const t = { stub: [], native: [] };
          call(window);
          call(native);  // Warm both paths.
          for (let b = 0; b < batches; b++) {
            for (const side of b % 2 ? ['native', 'stub'] : ['stub', 'native']) {
              const w = side === 'stub' ? window : native;
              const t0 = performance.now();
              for (let k = 0; k < n; k++) call(w);
              t[side].push((performance.now() - t0) / n * 1000);
            }
          }
          out.push([name, { stub: Math.min(...t.stub), native: Math.min(...t.native) }]);
        }
        return out;
      }, [N, BATCHES]);
      for (const [name, r] of rows) add(name, r);
      await context.close();
    }
    const f2 = (x) => x.toFixed(2);
    const us = (xs) => `${f2(median(xs))} (${f2(range(xs)[0])}–${f2(range(xs)[1])})`;
    console.log(`Per call, µs: median over ${RUNS} runs of the fastest of ${BATCHES} alternating batches of ${N} calls ` +
      `(range in brackets). Chromium ${browser.version()}.`);
    console.log('');
    console.log('| call (no tracker) | through the stub | native | extra per call | ≤ 2 µs |');
    console.log('|---|---|---|---|---|');
    let over = 0;
    for (const [name, r] of results) {
      const extra = r.stub.map((x, i) => x - r.native[i]);
      const ok = median(extra) <= BUDGET_US;
      if (!ok) over++;
      console.log(`| ${name} | ${us(r.stub)} | ${us(r.native)} | ${us(extra)} | ${ok ? 'met' : '**not met**'} |`);
    }
    process.exitCode = over ? 1 : 0;
  } finally {
    if (browser) await browser.close().catch(() => {});
    stopWaferServer(server);
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
