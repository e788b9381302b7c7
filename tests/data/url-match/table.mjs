// table.mjs — reads the URL-matching conformance table for the Node runners
// (tests/e2e/url-match.test.mjs, tests/audit/url-match.test.mjs).
//
//   import { tableCases } from '../data/url-match/table.mjs';
//   for (const c of tableCases()) …   // { file, kind, url | name, base, pattern, match }

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));

export function tableCases() {
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    for (const c of JSON.parse(readFileSync(join(dir, file), 'utf8')).cases) out.push({ file, ...c });
  }
  return out;
}

// How a failing case prints.
export const show = (c) => `${c.file} ${c.kind}: ${JSON.stringify(c.kind === 'cookie' ? c.name : c.url)}` +
  `${c.base === undefined ? '' : ` (base ${JSON.stringify(c.base)})`} vs ${JSON.stringify(c.pattern)}: want ${c.match}`;
