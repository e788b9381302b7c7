// build.mjs — bundles js/src into js/dist with esbuild and prints the sizes.
//
//   node js/build.mjs            # dist/wafer.stub.js, dist/wafer.loader.js
//
// The stub keeps the literal placeholder `/*@WAFER_CONFIG@*/null`, which the
// server replaces with wafer::RenderLoaderConfig() (core/src/loader_config.cc).
// Fails if the stub is over its budget (2.5 KB gzip).
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = dirname(fileURLToPath(import.meta.url));
const dist = join(js, 'dist');
const STUB_BUDGET = 2560;
mkdirSync(dist, { recursive: true });

// The shared state's fields (window.__wafer, names ending in "_") are
// shortened with one name table, so that both bundles agree.
const common = {
  bundle: true, minify: true, format: 'iife', legalComments: 'none', logLevel: 'warning',
  mangleProps: /_$/, mangleQuoted: false,
};
const stubBuild = await build({
  ...common, entryPoints: [join(js, 'src/stub/index.js')], outfile: join(dist, 'wafer.stub.js'),
  target: 'es2019', mangleCache: {},
});
await build({
  ...common, entryPoints: [join(js, 'src/loader/index.js')], outfile: join(dist, 'wafer.loader.js'),
  target: 'es2022', mangleCache: stubBuild.mangleCache,
});

const stubFile = join(dist, 'wafer.stub.js');
const stub = readFileSync(stubFile, 'utf8');
if (stub.split('__WAFER_CONFIG__').length !== 2) throw new Error('stub: expected one __WAFER_CONFIG__');
writeFileSync(stubFile, stub.replace('__WAFER_CONFIG__', '/*@WAFER_CONFIG@*/null'));

const size = (f) => {
  const b = readFileSync(join(dist, f));
  return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
};
let over = false;
for (const f of ['wafer.stub.js', 'wafer.loader.js']) {
  const s = size(f);
  const budget = f === 'wafer.stub.js' ? ` (budget ${STUB_BUDGET})` : '';
  console.log(`[js] ${f}: ${s.raw} bytes raw, ${s.gzip} bytes gzip -9${budget}`);
  if (f === 'wafer.stub.js' && s.gzip > STUB_BUDGET) over = true;
}
if (over) {
  console.error('[js] the stub is over its budget');
  process.exit(1);
}
