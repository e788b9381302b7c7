// package-json.mjs — prints the npm package's package.json (scripts/pack.sh):
//
//   node js/npm/package-json.mjs VERSION
//
// No required dependency: the browser files, the ESM API and the Node CLI
// need nothing but Node. playwright-core (wafer audit / wafer scan) is an
// optional peer: npm does not fetch it unless the user installs it.
const version = process.argv[2];
if (!/^\d+\.\d+\.\d+/.test(version || '')) {
  process.stderr.write('usage: node js/npm/package-json.mjs VERSION\n');
  process.exit(2);
}
const pkg = {
  name: 'wafer-consent',
  version,
  description: 'Cookie-consent manager: one script tag holds every Google Analytics, Google Ads, HubSpot and ' +
    'social tag until the visitor consents; the decisions come from a C++ engine compiled to WebAssembly',
  keywords: ['consent', 'cookie-consent', 'gdpr', 'cmp', 'consent-mode', 'google-analytics', 'hubspot', 'ccpa', 'gpc'],
  license: 'MIT',
  type: 'module',
  engines: { node: '>=18' },
  main: './index.js',
  types: './types/index.d.ts',
  exports: {
    '.': { types: './types/index.d.ts', default: './index.js' },
    './dist/*': './dist/*',
    './integrity.json': './dist/integrity.json',
    './package.json': './package.json',
  },
  bin: { wafer: 'bin/wafer.mjs' },
  sideEffects: false,
  peerDependencies: { 'playwright-core': '>=1.40.0' },
  peerDependenciesMeta: { 'playwright-core': { optional: true } },
};
process.stdout.write(JSON.stringify(pkg, null, 2) + '\n');
