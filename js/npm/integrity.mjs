// integrity.mjs — prints dist/integrity.json for the npm package (scripts/pack.sh):
//
//   node js/npm/integrity.mjs DIR > DIR/integrity.json
//
// { "algorithm": "sha384", "files": { name: "sha384-<base64>" }, "templates": [names] }
// for every file of DIR: the value of a <script integrity="…"> (Subresource
// Integrity). "templates" are the files `wafer bundle` (or wafer-server)
// fills with a site's configuration before they are served (the stub and the
// banners); the others are served byte for byte as they are.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node js/npm/integrity.mjs DIR\n');
  process.exit(2);
}
const names = readdirSync(dir).filter((f) => f !== 'integrity.json').sort();
const files = {}, templates = [];
for (const f of names) {
  const bytes = readFileSync(join(dir, f));
  files[f] = 'sha384-' + createHash('sha384').update(bytes).digest('base64');
  if (bytes.includes('/*@WAFER_CONFIG@*/') || bytes.includes('/*@WAFER_BANNER@*/')) templates.push(f);
}
process.stdout.write(JSON.stringify({ algorithm: 'sha384', files, templates }, null, 2) + '\n');
