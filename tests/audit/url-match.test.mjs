// url-match.test.mjs — the audit's matcher (js/audit/match.mjs, written apart
// from the stub's on purpose) on the URL-matching conformance table
// (tests/data/url-match/): the same answers as the engine and the stub.
//
//   node --test tests/audit/url-match.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieMatches, urlMatches } from '../../js/audit/match.mjs';
import { show, tableCases } from '../data/url-match/table.mjs';

test('the audit\'s matcher answers every case of the table', () => {
  const cases = tableCases();
  const wrong = cases.filter((c) =>
    (c.kind === 'cookie' ? cookieMatches(c.pattern, c.name) : urlMatches(c.pattern, c.url, c.base ?? undefined)) !== c.match);
  assert.deepEqual(wrong.map(show), []);
  assert.ok(cases.filter((c) => c.kind !== 'cookie').length >= 500);
});
