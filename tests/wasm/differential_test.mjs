// differential_test.mjs — native vs WASM: the same case, the same bytes.
//
// build/native/tests/tools/wafer_cases writes a case file (support.mjs parseCases):
// compiled policies, encoded facts and choices, and the decision the native
// engine returned for each. Every case is replayed through the WASM engine and
// its decision must be byte-identical. scripts/test.sh writes the file before
// it runs this test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { CASES_FILE, loadBuiltEngine, parseCases, hex } from './support.mjs';

const MAX_REPORTED = 5;

function sameBytes(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

function describeMismatch(c, actual) {
  const e = c.expected;
  let at = 0;
  while (at < e.length && at < actual.length && e[at] === actual[at]) at++;
  const window = (b) => hex(b.subarray(Math.max(0, at - 8), at + 24));
  return [
    `case ${c.index} (${c.choice.length ? 'apply' : 'evaluate'}): first difference at byte ${at}`,
    `  native ${e.length} bytes: …${window(e)}`,
    `  wasm   ${actual.length} bytes: …${window(actual)}`,
    `  facts  ${hex(c.facts)}`,
    c.choice.length ? `  choice ${hex(c.choice)}` : null,
  ].filter(Boolean).join('\n');
}

const missing = !existsSync(CASES_FILE);

test('WASM decisions are byte-identical to native ones', {
  skip: missing && `no case file at ${CASES_FILE} (build/native/tests/tools/wafer_cases not built yet)`,
}, async (t) => {
  const cases = parseCases(await readFile(CASES_FILE));
  assert.ok(cases.length > 0, `${CASES_FILE} holds no cases`);

  const engine = await loadBuiltEngine();
  let loaded = null;
  let evaluated = 0;
  let applied = 0;
  const mismatches = [];
  for (const c of cases) {
    if (loaded === null || !sameBytes(loaded, c.policy)) {
      engine.loadPolicy(c.policy);  // An unreadable policy is a case too: it fails closed.
      loaded = c.policy;
    }
    const actual = c.choice.length ? engine.apply(c.facts, c.choice) : engine.evaluate(c.facts);
    c.choice.length ? applied++ : evaluated++;
    if (!sameBytes(actual, c.expected)) mismatches.push(describeMismatch(c, actual));
  }
  t.diagnostic(`${cases.length} cases: ${evaluated} evaluate, ${applied} apply`);
  assert.equal(mismatches.length, 0,
    `${mismatches.length} of ${cases.length} cases differ:\n` +
    mismatches.slice(0, MAX_REPORTED).join('\n') +
    (mismatches.length > MAX_REPORTED ? `\n… and ${mismatches.length - MAX_REPORTED} more` : ''));
});
