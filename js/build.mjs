// build.mjs — bundles js/src into js/dist with esbuild and prints the sizes.
//
//   node js/build.mjs   # dist/wafer.stub.js, dist/wafer.loader.js, dist/wafer.banner.<lang>.js
//
// The stub keeps the literal placeholder `/*@WAFER_CONFIG@*/null`, which the
// server replaces with wafer::RenderLoaderConfig() (core/src/loader_config.cc);
// each banner bundle (code + CSS + one language's strings) keeps
// `/*@WAFER_BANNER@*/null`, replaced with wafer::RenderBannerData().
// Fails if the stub is over its budget (gzip -9; 2,560 B until issue 12 made
// it hold every sink: HTML strings, document.write, srcdoc, every URL
// attribute) or a banner bundle over its own (6 KB gzip).
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The bundled languages: the loader's own list (it picks one per page).
import { BANNER_LANGUAGES } from './src/loader/ui.js';

const js = dirname(fileURLToPath(import.meta.url));
const dist = join(js, 'dist');
const STUB_BUDGET = 5830;
const BANNER_BUDGET = 6144;
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
const loaderBuild = await build({
  ...common, entryPoints: [join(js, 'src/loader/index.js')], outfile: join(dist, 'wafer.loader.js'),
  target: 'es2022', mangleCache: stubBuild.mangleCache,
});
// One banner bundle per language: `__LANG__` in src/banner/entry.js is that
// language's strings. Same name table as the stub and the loader.
for (const lang of BANNER_LANGUAGES) {
  const strings = {
    name: 'strings',
    setup(b) {
      b.onResolve({ filter: /^__LANG__$/ }, () => ({ path: join(js, 'src/banner/strings', lang + '.js') }));
    },
  };
  const file = join(dist, `wafer.banner.${lang}.js`);
  await build({
    ...common, entryPoints: [join(js, 'src/banner/entry.js')], outfile: file,
    target: 'es2022', mangleCache: loaderBuild.mangleCache, plugins: [strings],
  });
  const code = readFileSync(file, 'utf8');
  if (code.split('__WAFER_BANNER__').length !== 2) throw new Error(`${file}: expected one __WAFER_BANNER__`);
  writeFileSync(file, code.replace('__WAFER_BANNER__', '/*@WAFER_BANNER@*/null'));
}

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
// The banner as a first-time visitor downloads it: JS + CSS + one language
// (the server's data comes on top).
const overBanner = [];
for (const lang of BANNER_LANGUAGES) {
  const f = `wafer.banner.${lang}.js`, s = size(f);
  console.log(`[js] ${f}: ${s.raw} bytes raw, ${s.gzip} bytes gzip -9 (budget ${BANNER_BUDGET})`);
  if (s.gzip > BANNER_BUDGET) overBanner.push(f);
}
if (over) console.error('[js] the stub is over its budget');
if (overBanner.length) console.error(`[js] over the banner budget: ${overBanner.join(', ')}`);
if (over || overBanner.length) process.exit(1);
