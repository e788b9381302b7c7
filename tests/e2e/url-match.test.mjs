// url-match.test.mjs — the stub's matcher (js/src/stub/match.js) on the
// URL-matching conformance table (tests/data/url-match/), under Node and in
// headless Chromium, where it runs for real: the browser's own URL parser
// resolves every string, so this is also the check that the table's answers
// are what a browser requests.
//
//   node --test tests/e2e/url-match.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/harness.mjs';
import { compileUrls, cookieMatcher, serviceOf } from '../../js/src/stub/match.js';
import { show, tableCases } from '../data/url-match/table.mjs';

const cases = tableCases();

// The stub's answer for one case (the same function in Node and in the page).
function answer(c) {
  if (c.kind === 'cookie') return cookieMatcher([[c.pattern, 0]])(c.name) === 0;
  return serviceOf(compileUrls([[c.pattern, 0]]), c.url, c.base ?? undefined) === 0;
}

test('the table has at least 500 URL cases', () => {
  assert.ok(cases.filter((c) => c.kind !== 'cookie').length >= 500);
});

test('the stub\'s matcher under Node', () => {
  assert.deepEqual(cases.filter((c) => answer(c) !== c.match).map(show), []);
});

test('the stub\'s matcher in Chromium', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    // match.js as a classic script: its functions become the page's globals.
    const source = readFileSync(join(ROOT, 'js', 'src', 'stub', 'match.js'), 'utf8').replace(/^export /gm, '');
    await page.addScriptTag({ content: source + '\n' + answer.toString() });
    const got = await page.evaluate((all) => all.map((c) => answer(c)), cases);
    assert.deepEqual(cases.filter((c, i) => got[i] !== c.match).map(show), []);
  } finally {
    await browser.close();
  }
});
