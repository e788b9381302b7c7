// placeholder_bench.mjs — what finding data-wafer-placeholder containers
// rendered after the decision costs a page per insertion, on a page that has
// none (docs/integration.md "Single-page applications").
//
//   node bench/placeholder_bench.mjs      # --runs 5 --batch 200 --batches 7
//
// The stub walks every inserted tree anyway (its insertion wrappers before,
// its MutationObserver after: stub/hold.js checkTree) to hold tags; once the
// loader has decided, that walk's selector also matches the containers and
// each element it does not hold is offered to the loader (loader/
// placeholders.js). Three pages of one site (tests/e2e/fixtures/holds' policy,
// the real wafer-server), opened side by side, measured in alternating
// batches:
//   decided   — Wafer as served: the loader decided (banner up), so the walk
//               looks for containers: what a page pays now;
//   undecided — the same page with the loader's URL refused: the stub walks
//               inserted trees as it did before this change (and as every page
//               does until its decision);
//   no Wafer  — the same page without the stub (no wrapper, no observer).
// An insertion is timed with its mutation records handled (the observer's
// callback runs at the microtask checkpoint before the awaiting code goes
// on). Per run, each page's fastest batch is kept, then the median and range
// over runs. "decided − undecided" is the cost of this change.

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from '../tests/e2e/lib/harness.mjs';
import { ensureJsBuilt, median, opt, range, stopWaferServer } from './lib.mjs';

const RUNS = Number(opt('runs', 5));
const N = Number(opt('batch', 200));
const BATCHES = Number(opt('batches', 7));

// A route's view: 41 elements (4 images, a form), no container, no tracker.
const VIEW = `<section class="view"><h1>Oak tables</h1>
${Array.from({ length: 4 }, (_, i) => `<article><h2>Table ${i}</h2><img src="/img/t${i}.png" alt="">
<p>Cut and <b>finished</b> in our workshop. <a href="/t/${i}">More</a></p><ul><li>Oak</li><li>Walnut</li></ul></article>`).join('')}
<form><label>Email <input type="email" name="email"></label><button type="submit">Send</button></form></section>`;

const WORK = String.raw`
window.__work = {
  'append a view of 41 elements (4 images, a form) to the app': () => {
    const t = document.createElement('template');
    t.innerHTML = ${JSON.stringify(VIEW)};
    return [() => t.content.firstElementChild.cloneNode(true), 41];
  },
  'append one <li> to a list': () => [() => { const li = document.createElement('li'); li.textContent = 'item'; return li; }, 1],
};
window.__measure = async (name, n) => {
  const app = document.getElementById('app');
  const [make, size] = window.__work[name]();
  const nodes = Array.from({ length: n }, make);
  await 0;
  const t0 = performance.now();
  for (const x of nodes) app.appendChild(x);
  await 0;  // The MutationObserver's callback has run.
  const us = (performance.now() - t0) / n * 1000;
  app.textContent = '';
  await new Promise((f) => setTimeout(f, 0));
  return [us, size];
};
`;

const page = (stub) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
${stub ? '<script src="/v1/sites/holds/wafer.js"></script>' : ''}
<title>placeholders</title>
</head><body><div id="app"></div><script>${WORK}</script></body></html>
`;

async function main() {
  ensureJsBuilt();
  const tmp = mkdtempSync(join(tmpdir(), 'wafer-phbench-'));
  let server, browser;
  try {
    mkdirSync(join(tmp, 'policies'));
    cpSync(join(ROOT, 'tests', 'e2e', 'fixtures', 'holds', 'holds.json'), join(tmp, 'policies', 'holds.json'));
    mkdirSync(join(tmp, 'sites', 'holds'), { recursive: true });
    writeFileSync(join(tmp, 'sites', 'holds', 'index.html'), page(true));
    writeFileSync(join(tmp, 'sites', 'holds', 'plain.html'), page(false));
    server = await startServer(join(tmp, 'policies'), join(tmp, 'data'), 0, join(tmp, 'sites'));
    browser = await chromium.launch({
      executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP *.test 127.0.0.1'],
    });
    const SIDES = ['decided', 'undecided', 'no Wafer'];
    const results = new Map();  // workload → { side: [per run fastest µs] }
    let sizes = {};
    for (let run = 0; run < RUNS; run++) {
      // No request leaves the machine; the undecided page's context gets no loader.
      const contexts = [];
      const contextFor = async (noLoader) => {
        const context = await browser.newContext({ extraHTTPHeaders: { 'X-Wafer-Region': 'FR' } });
        await context.route('**/*', (route) => {
          const u = new URL(route.request().url());
          const local = u.hostname.endsWith('.test') && (u.pathname === '/' || u.pathname === '/plain.html' || u.pathname.startsWith('/v1/'));
          if (!local) return route.fulfill({ status: 204 });
          if (noLoader && /loader/.test(u.pathname)) return route.fulfill({ status: 404 });
          return route.continue();
        });
        contexts.push(context);
        return context;
      };
      const base = `http://www.holds.test:${server.port}`;
      const full = await contextFor(false), bare = await contextFor(true);
      const pages = {};
      for (const side of SIDES) {
        const p = (pages[side] = await (side === 'undecided' ? bare : full).newPage());
        await p.goto(side === 'no Wafer' ? `${base}/plain.html` : `${base}/`);
      }
      await pages.decided.waitForFunction(() => window.wafer && window.wafer.getConsent() && document.getElementById('wafer-banner'),
        null, { timeout: 10000 });
      await pages.undecided.waitForTimeout(1000);
      if (await pages.undecided.evaluate(() => !window.__wafer || !!window.wafer.getConsent())) throw new Error('undecided page: the loader ran');
      if (await pages['no Wafer'].evaluate(() => !!window.__wafer)) throw new Error('no-Wafer page: the stub ran');
      const names = await pages.decided.evaluate(() => Object.keys(window.__work));
      for (const name of names) {
        const t = Object.fromEntries(SIDES.map((s) => [s, []]));
        for (const side of SIDES) await pages[side].evaluate(([w, n]) => window.__measure(w, n), [name, N]);  // Warm.
        for (let b = 0; b < BATCHES; b++) {
          const order = b % 2 ? [...SIDES].reverse() : SIDES;
          for (const side of order) {
            const [us, size] = await pages[side].evaluate(([w, n]) => window.__measure(w, n), [name, N]);
            t[side].push(us);
            sizes[name] = size;
          }
        }
        if (!results.has(name)) results.set(name, Object.fromEntries(SIDES.map((s) => [s, []])));
        for (const side of SIDES) results.get(name)[side].push(Math.min(...t[side]));
      }
      for (const c of contexts) await c.close();
    }
    const f2 = (x) => x.toFixed(2);
    const us = (xs) => `${f2(median(xs))} (${f2(range(xs)[0])}–${f2(range(xs)[1])})`;
    console.log(`Per insertion, µs, mutation records handled: median over ${RUNS} runs of the fastest of ${BATCHES} ` +
      `alternating batches of ${N} insertions (range in brackets). Chromium ${browser.version()}.`);
    console.log('');
    console.log('| insertion (no container, no tracker) | decided (containers looked for) | undecided (walk as before) | no Wafer | decided − undecided | per element |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, r] of results) {
      const extra = r.decided.map((x, i) => x - r.undecided[i]);
      const per = extra.map((x) => x / sizes[name]);
      console.log(`| ${name} | ${us(r.decided)} | ${us(r.undecided)} | ${us(r['no Wafer'])} | ${us(extra)} | ${us(per)} |`);
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    stopWaferServer(server);
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
