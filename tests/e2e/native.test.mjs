// native.test.mjs — issue 12: the stub's patches keep native behaviour for
// everything that is not a tracker. In headless Chromium, on a Wafer page
// (first visit, nothing consented), each HTML sink is called through the stub
// and natively (the native implementation comes from an about:blank frame,
// where the stub does not run) on two identical copies of a small tree, with
// markup covering the parser's contexts (table, select, SVG, forms, raw text,
// <noscript>) and the stub's own paths (markup naming a tracker host, which
// is checked element by element; markup with iframes, parsed detached).
// The resulting DOM, the return value, the exception and the number of
// mutation records must be the same.
//
//   node --test tests/e2e/native.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from './lib/harness.mjs';

// Markup: plain, with fetching elements of the site, naming a tracker host in
// text or attributes that are not URLs (the stub then looks at each element),
// and the parser's odd corners.
const MARKUP = [
  'Hello world',
  '<p class="x">Hello <b>world</b></p>',
  '<img src="/img/a.png" alt=""><p>t</p>',
  '<p>see www.google-analytics.com</p><img src="/img/a.png" alt="www.googletagmanager.com">',
  '<iframe src="/frame.html" title="www.youtube.com"></iframe><p>x</p>',
  '<link rel="preload" as="image" href="/img/a.png" title="google-analytics.com"><script src="/app.js">var x = "www.youtube.com";</script>',
  '<noscript><img src="/img/n.png" alt="www.google-analytics.com"></noscript><iframe src="/f.html"></iframe>',
  '<tr><td>cell <iframe src="/f.html" title="youtube.com"></iframe></td></tr>',
  '<td>no row</td><iframe src="/f.html" title="youtube.com"></iframe>',
  '<option>1</option><option>2 google-analytics.com</option><script src="/x.js"></script>',
  '<form><input name="q"><iframe src="/f.html" title="youtube.com"></iframe></form>',
  '</p>stray<br><iframe src="/f.html" title="google-analytics.com"></iframe>',
  '<circle r="2"/><foreignObject><iframe src="/f.html" title="youtube.com"></iframe></foreignObject>',
  '<template><iframe src="/f.html" title="youtube.com"></iframe></template><img src="/a.png">',
  '<table><tbody><tr><td><img src="/a.png" title="google-analytics.com"></td></tr></tbody></table><iframe src="/f.html"></iframe>',
  '<!-- www.youtube.com --><iframe src="/f.html"></iframe>',
  '<div><template shadowrootmode="open"><p>in the shadow, www.youtube.com</p><iframe src="/f.html"></iframe></template></div>',
];

// Targets: [name, markup of the copy, selector of the element to call on].
const TARGETS = [
  ['div', '<div class="t"><span>old</span></div>', '.t'],
  ['table', '<table class="t"><tbody><tr><td>old</td></tr></tbody></table>', '.t tbody'],
  ['tr', '<table><tbody><tr class="t"><td>old</td></tr></tbody></table>', '.t'],
  ['select', '<select class="t"><option>old</option></select>', '.t'],
  ['svg', '<svg class="t"><g></g></svg>', '.t'],
  ['inside a form', '<form><div class="t"><input></div></form>', '.t'],
  ['textarea', '<textarea class="t">old</textarea>', '.t'],
  ['ul', '<ul><li class="t">old</li></ul>', '.t'],
];

let tmp, server, browser, page;

// The page: each markup is also written while the page parses, natively
// (the frame's Document.prototype.write) into #wa<i> and through the stub
// into #wb<i>.
const page_ = (markups) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script src="/v1/sites/holds/wafer.js"></script>
<title>native</title></head><body>
<iframe id="native" src="about:blank" style="display:none"></iframe>
<div id="a"></div><div id="b"></div>
${markups.map((m, i) => {
    const js = JSON.stringify(m).replace(/</g, '\\u003c');
    return `<div id="wa${i}"><script>document.getElementById('native').contentWindow.Document.prototype.write.call(document, ${js})</script></div>` +
      `<div id="wb${i}"><script>document.write(${js})</script></div>`;
  }).join('\n')}
</body></html>`;

before(async () => {
  if (!process.env.WAFER_E2E_NO_BUILD) {
    execFileSync(process.execPath, [join(ROOT, 'js', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  tmp = mkdtempSync(join(tmpdir(), 'wafer-native-'));
  mkdirSync(join(tmp, 'policies'));
  cpSync(join(ROOT, 'tests', 'e2e', 'fixtures', 'holds', 'holds.json'), join(tmp, 'policies', 'holds.json'));
  mkdirSync(join(tmp, 'sites', 'holds'), { recursive: true });
  writeFileSync(join(tmp, 'sites', 'holds', 'index.html'), page_(MARKUP));
  server = await startServer(join(tmp, 'policies'), join(tmp, 'data'), 0, join(tmp, 'sites'));
  browser = await chromium.launch({
    executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP *.test 127.0.0.1'],
  });
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Wafer-Region': 'FR' } });
  // Nothing leaves the machine; the site's own URLs answer empty.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    return u.hostname.endsWith('.test') && (u.pathname === '/' || u.pathname.startsWith('/v1/'))
      ? route.continue() : route.fulfill({ status: 204 });
  });
  page = await context.newPage();
  await page.goto(`http://www.holds.test:${server.port}/`);
  await page.waitForFunction(() => window.__wafer && window.wafer, null, { timeout: 10000 });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) {
    server.proc.stopping = true;
    server.proc.kill('SIGTERM');
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// One sink call on both copies; returns what differs (nothing: []).
async function compare(sink, target, markup) {
  return page.evaluate(([sink, [, tree, selector], markup]) => {
    const w = document.getElementById('native').contentWindow;
    const apis = {
      innerHTML: (W, el, m) => Object.getOwnPropertyDescriptor(W.Element.prototype, 'innerHTML').set.call(el, m),
      outerHTML: (W, el, m) => Object.getOwnPropertyDescriptor(W.Element.prototype, 'outerHTML').set.call(el, m),
      setHTMLUnsafe: (W, el, m) => W.Element.prototype.setHTMLUnsafe.call(el, m),
      'insertAdjacentHTML beforebegin': (W, el, m) => W.Element.prototype.insertAdjacentHTML.call(el, 'beforebegin', m),
      'insertAdjacentHTML afterbegin': (W, el, m) => W.Element.prototype.insertAdjacentHTML.call(el, 'afterbegin', m),
      'insertAdjacentHTML beforeend': (W, el, m) => W.Element.prototype.insertAdjacentHTML.call(el, 'beforeend', m),
      'insertAdjacentHTML afterend': (W, el, m) => W.Element.prototype.insertAdjacentHTML.call(el, 'afterend', m),
      'insertAdjacentHTML middle (invalid)': (W, el, m) => W.Element.prototype.insertAdjacentHTML.call(el, 'middle', m),
      createContextualFragment: (W, el, m) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        const f = W.Range.prototype.createContextualFragment.call(r, m);
        el.appendChild(f);
        return f.childNodes.length;
      },
    };
    const run = (W, host) => {
      host.innerHTML = tree;
      const el = host.querySelector(selector);
      const records = [];
      const mo = new MutationObserver((r) => records.push(...r));
      mo.observe(host, { childList: true, subtree: true, attributes: true });
      let result, error = null;
      try {
        result = apis[sink](W, el, markup);
      } catch (e) {
        error = e.name;
      }
      records.push(...mo.takeRecords());
      mo.disconnect();
      const shadows = [...host.querySelectorAll('*')].filter((x) => x.shadowRoot).map((x) => x.shadowRoot.innerHTML);
      return { html: host.innerHTML, shadows, result: String(result), error, records: records.length };
    };
    const a = run(w, document.getElementById('a'));  // native
    const b = run(window, document.getElementById('b'));  // through the stub
    return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${k}: native ${JSON.stringify(a[k])} / stub ${JSON.stringify(b[k])}`);
  }, [sink, target, markup]);
}

const SINKS = ['innerHTML', 'outerHTML', 'setHTMLUnsafe', 'insertAdjacentHTML beforebegin', 'insertAdjacentHTML afterbegin',
  'insertAdjacentHTML beforeend', 'insertAdjacentHTML afterend', 'insertAdjacentHTML middle (invalid)', 'createContextualFragment'];

for (const sink of SINKS) {
  test(`${sink}: the same DOM, result, exception and mutation records as natively`, async () => {
    const diffs = [];
    for (const target of TARGETS) {
      for (const markup of MARKUP) {
        const d = await compare(sink, target, markup);
        if (d.length) diffs.push(`${target[0]} ← ${JSON.stringify(markup)}: ${d.join('; ')}`);
      }
    }
    assert.deepEqual(diffs, []);
  });
}

test('document.write of markup without a tracker writes the same document as natively', async () => {
  const diffs = await page.evaluate((n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      const clean = (id) => document.getElementById(id).innerHTML.replace(/<script>[^<]*<\/script>/, '');
      if (clean('wa' + i) !== clean('wb' + i)) out.push(`${i}: native ${clean('wa' + i)} / stub ${clean('wb' + i)}`);
    }
    return out;
  }, MARKUP.length);
  assert.deepEqual(diffs, []);
});
