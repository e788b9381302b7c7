// build.mjs — bundles js/src into js/dist with esbuild and prints the sizes.
//
//   node js/build.mjs   # dist/wafer.stub.js, dist/wafer.loader.js, dist/wafer.banner.<lang>.js,
//                       # dist/wafer.placeholder.js
//
// The stub keeps the literal placeholder `/*@WAFER_CONFIG@*/null`, which the
// server replaces with wafer::RenderLoaderConfig() (core/src/loader_config.cc);
// each banner bundle (code + CSS + one language's strings) keeps
// `/*@WAFER_BANNER@*/null`, replaced with wafer::RenderBannerData().
// Fails if the stub is over its budget (gzip -9; 2,560 B until issue 12 made
// it hold every sink: HTML strings, document.write, srcdoc, every URL
// attribute; 5,830 B until its walk of inserted trees also found the
// data-wafer-placeholder containers a single-page app renders later) or a banner bundle over its own (6 KB gzip), or if a string
// table does not say what en.js says (exactly its keys, each with the same
// `{placeholders}`).
import { build, transform } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const js = dirname(fileURLToPath(import.meta.url));
const dist = join(js, 'dist');
const STUB_BUDGET = 5850;
const BANNER_BUDGET = 6144;
mkdirSync(dist, { recursive: true });

// The bundled languages: one per string table, the list core reads too
// (core/CMakeLists.txt → wafer::BannerLanguages(), written into every
// compiled policy): the engine picks the page's among them. Each table has
// exactly en.js's keys, none empty, and the same `{placeholders}` per key (a
// missing one would leave the visitor without the service's name, an unknown
// one would show "{name}" as is).
const tablesDir = join(js, 'src/banner/strings');
const tableProblems = [];
const BANNER_LANGUAGES = readdirSync(tablesDir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
const tables = {};
for (const lang of BANNER_LANGUAGES) tables[lang] = (await import(pathToFileURL(join(tablesDir, lang + '.js')))).default;
const holes = (s) => [...new Set(String(s).match(/\{\w+\}/g) || [])].sort().join(' ') || 'none';
const en = tables.en || {};
for (const [lang, t] of Object.entries(tables)) {
  for (const k of Object.keys(en)) if (!(k in t)) tableProblems.push(`strings/${lang}.js: no "${k}"`);
  for (const [k, v] of Object.entries(t)) {
    if (!(k in en)) tableProblems.push(`strings/${lang}.js: "${k}" is not a key of en.js`);
    else if (typeof v !== 'string' || !v.trim()) tableProblems.push(`strings/${lang}.js: "${k}" is empty`);
    else if (holes(v) !== holes(en[k])) {
      tableProblems.push(`strings/${lang}.js: "${k}" has placeholders ${holes(v)}, en.js ${holes(en[k])}`);
    }
  }
}
if (!tables.en) tableProblems.push('strings/en.js: missing (every table is checked against it)');
if (tableProblems.length) {
  console.error('[js] string tables:\n  ' + tableProblems.join('\n  '));
  process.exit(1);
}
// The loader draws the reopen button on every page without the banner bundle:
// it carries that one string of every table (`reopen`, not a banner string),
// keyed by language; the bundles leave it out.
const REOPEN = Object.fromEntries(BANNER_LANGUAGES.map((lang) => [lang, tables[lang].reopen]));

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
  define: { __WAFER_REOPEN__: JSON.stringify(REOPEN) },
});
// The CSS (the template literal `CSS` of src/banner/style.js, and of
// src/banner/placeholder.js), minified by esbuild's CSS minifier: the same
// rules in fewer bytes.
const minifiedCss = async (name) => {
  const file = join(js, 'src/banner', name), source = readFileSync(file, 'utf8');
  const literal = /export const CSS = `([^`]*)`;/.exec(source);
  if (!literal) throw new Error(`${file}: expected export const CSS = \`…\`;`);
  const css = (await transform(literal[1], { loader: 'css', minify: true })).code.trim();
  return source.replace(literal[0], `export const CSS = ${JSON.stringify(css)};`);
};
const styled = { 'style.js': await minifiedCss('style.js'), 'placeholder.js': await minifiedCss('placeholder.js') };
const minifiedStyle = {
  name: 'style',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]banner[\\/](style|placeholder)\.js$/ }, (a) => ({
      contents: styled[a.path.replace(/^.*[\\/]/, '')], loader: 'js',
    }));
  },
};

// The placeholders: one file for every language (it draws with the banner
// bundle's strings and helpers, window.__wafer.ui_.kit_), fetched only on a
// page that shows one. Same name table as the loader; the banners take its
// names too (kit_).
const placeholderBuild = await build({
  ...common, entryPoints: [join(js, 'src/banner/placeholder.js')], outfile: join(dist, 'wafer.placeholder.js'),
  target: 'es2022', mangleCache: loaderBuild.mangleCache, plugins: [minifiedStyle],
});

// One banner bundle per language: `__LANG__` in src/banner/entry.js is that
// language's table as checked above, flattened (a variant such as pt-BR
// carries its final strings only, not pt's as well). Same name table as the
// stub and the loader.
for (const lang of BANNER_LANGUAGES) {
  const { reopen, ...table } = tables[lang];  // `reopen` is the loader's.
  const strings = {
    name: 'strings',
    setup(b) {
      b.onResolve({ filter: /^__LANG__$/ }, () => ({ path: lang, namespace: 'strings' }));
      b.onLoad({ filter: /.*/, namespace: 'strings' }, () => ({
        contents: `export default ${JSON.stringify(table)};`, loader: 'js',
      }));
    },
  };
  const file = join(dist, `wafer.banner.${lang}.js`);
  // UTF-8 as written: escaped, Greek, Cyrillic, Arabic or Hebrew strings
  // would be three times their size (the loader sets charset="utf-8" on the
  // <script>, and the server says so in its Content-Type).
  await build({
    ...common, entryPoints: [join(js, 'src/banner/entry.js')], outfile: file,
    target: 'es2022', mangleCache: placeholderBuild.mangleCache, plugins: [strings, minifiedStyle], charset: 'utf8',
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
for (const f of ['wafer.stub.js', 'wafer.loader.js', 'wafer.placeholder.js']) {
  const s = size(f);
  const budget = f === 'wafer.stub.js' ? ` (budget ${STUB_BUDGET})` : '';
  console.log(`[js] ${f}: ${s.raw} bytes raw, ${s.gzip} bytes gzip -9${budget}`);
  if (f === 'wafer.stub.js' && s.gzip > STUB_BUDGET) over = true;
}
// The banner as a first-time visitor downloads it: JS + CSS + one language
// (the server's data comes on top).
const overBanner = [], gz = [];
for (const lang of BANNER_LANGUAGES) {
  const f = `wafer.banner.${lang}.js`, s = size(f);
  console.log(`[js] ${f}: ${s.raw} bytes raw, ${s.gzip} bytes gzip -9 (budget ${BANNER_BUDGET})`);
  if (s.gzip > BANNER_BUDGET) overBanner.push(f);
  gz.push([s.gzip, lang]);
}
gz.sort((a, b) => a[0] - b[0]);
console.log(`[js] ${gz.length} banner bundles: ${gz[0][0]} (${gz[0][1]}) to ${gz[gz.length - 1][0]} (${gz[gz.length - 1][1]}) bytes gzip -9`);
if (over) console.error('[js] the stub is over its budget');
if (overBanner.length) console.error(`[js] over the banner budget: ${overBanner.join(', ')}`);
if (over || overBanner.length) process.exit(1);
