#!/usr/bin/env bash
# npm_test.sh — the npm package wafer-consent, as a site owner without any
# compiler installs it: packs it (scripts/pack.sh), installs the tarball into
# an empty folder with a PATH holding node, npm, npx and a few basic tools
# only (no C++ compiler, CMake or Emscripten can be found on it), then
#   - `npx wafer check` on a demo policy (exit 0) and on a broken copy (exit 1,
#     the error named), `npx wafer catalogue`;
#   - `npx wafer bundle` into a public folder; its integrity.json and the
#     package's dist/integrity.json against the files' bytes (openssl);
#   - tests/cli/cli_test.sh through the installed `wafer` (bin/wafer.mjs);
#   - `npx wafer audit` without playwright-core: the message, exit 2;
#   - `import('wafer-consent')` in Node (no window: no throw, null answers),
#     and its types in a TypeScript app (the repository's tsc);
#   - in Chromium (tests/package/npm_browser.mjs: playwright-core from the
#     repository, /usr/bin/chromium, tracker hosts routed to tests/e2e's fakes):
#     the bundle and a page with Google Analytics and HubSpot tags, served by
#     a plain static server, hold every tag (no request, no cookie) until
#     "Accept all" in the banner, or acceptAll() imported from the package.
#
#   bash tests/package/npm_test.sh      # after scripts/build.sh (js/dist, build/wasm)
#
# WAFER_NPM_TGZ=path skips packing and tests that tarball.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

log() { printf '[npm] %s\n' "$*"; }
fail() { printf '[npm] FAIL: %s\n' "$*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); printf '[npm] ok %d - %s\n' "$checks" "$*"; }

if [ -n "${WAFER_NPM_TGZ:-}" ]; then
  tgz=$(readlink -f "$WAFER_NPM_TGZ")
else
  tgz=$(bash scripts/pack.sh | tail -n 1)
fi
[ -f "$tgz" ] || fail "no tarball ($tgz)"
ok "packed $(basename "$tgz") ($(du -b "$tgz" | cut -f1) bytes)"

tmp=$(mktemp -d /tmp/wafer-npm-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
site=$tmp/site
mkdir -p "$tmp/bin" "$tmp/home" "$site"

# The site owner's PATH: node, npm, npx and basic tools, nothing else.
for tool in node npm npx sh env cat ls mkdir rm cp mv ln chmod readlink dirname basename uname; do
  src=$(command -v "$tool") || fail "$tool not found on this machine"
  ln -s "$(readlink -f "$src")" "$tmp/bin/$tool"
done
# npm and npx are scripts that find npm's files next to their real path.
ln -sf "$(readlink -f "$(command -v npm)")" "$tmp/bin/npm"
ln -sf "$(readlink -f "$(command -v npx)")" "$tmp/bin/npx"
owner() {
  (cd "$site" && env -i PATH="$tmp/bin" HOME="$tmp/home" npm_config_cache="$tmp/npm-cache" \
    npm_config_update_notifier=false "$@")
}
for tool in cc c++ gcc g++ clang clang++ cmake emcc em++ wafer wafer-server; do
  if owner sh -c "command -v $tool" >/dev/null 2>&1; then fail "$tool is visible on the test PATH"; fi
done
ok "no cc, c++, gcc, g++, clang, cmake, emcc, em++, wafer or wafer-server on the PATH"

owner npm install --offline --omit=optional --no-audit --no-fund "$tgz" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail "npm install $tgz"; }
pkg=$site/node_modules/wafer-consent
[ -f "$pkg/package.json" ] || fail "npm install put no wafer-consent in node_modules"
[ ! -e "$site/node_modules/playwright-core" ] || fail "playwright-core was installed (it is optional)"
ok "npm install --offline (no required dependency, playwright-core not installed)"

# The policy a site owner writes: a demo policy, copied into the folder.
cp demo/policies/kaloom.json "$site/policy.json"
owner npx --no-install wafer check policy.json >"$tmp/check.out" 2>"$tmp/check.err" ||
  { cat "$tmp/check.out" "$tmp/check.err" >&2; fail "npx wafer check policy.json exited $?"; }
ok "npx wafer check policy.json: exit 0 ($(head -c 200 "$tmp/check.out" | head -n 1))"

sed 's/"lifetime_months"/"lifetme_months"/' demo/policies/kaloom.json > "$site/broken.json"
cmp -s "$site/broken.json" demo/policies/kaloom.json && fail "kaloom.json has no lifetime_months to break"
rc=0; owner npx --no-install wafer check broken.json >"$tmp/broken.out" 2>"$tmp/broken.err" || rc=$?
[ $rc -eq 1 ] || { cat "$tmp/broken.out" "$tmp/broken.err" >&2; fail "wafer check broken.json: exit $rc, want 1"; }
grep -q 'lifetme_months' "$tmp/broken.out" "$tmp/broken.err" || fail "wafer check did not name lifetme_months"
ok "npx wafer check broken.json: exit 1, names lifetme_months"

owner npx --no-install wafer catalogue >"$tmp/catalogue.json" || fail "npx wafer catalogue"
node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const s = JSON.stringify(c);
  if (!s.includes("google-analytics") || !s.includes("hubspot")) process.exit(1)' "$tmp/catalogue.json" ||
  fail "wafer catalogue lists no google-analytics/hubspot"
ok "npx wafer catalogue: JSON naming google-analytics and hubspot"

owner npx --no-install wafer bundle policy.json --out public/wafer --base-url /wafer >"$tmp/bundle.out" 2>"$tmp/bundle.err" ||
  { cat "$tmp/bundle.out" "$tmp/bundle.err" >&2; fail "npx wafer bundle"; }
for f in wafer.js wafer.loader.js wafer.placeholder.js wafer-engine.wasm banner.en.js integrity.json; do
  [ -s "$site/public/wafer/$f" ] || fail "bundle wrote no $f"
done
grep -q 'integrity="sha384-' "$tmp/bundle.out" || fail "bundle printed no script tag with integrity"
cmp -s "$site/public/wafer/wafer.loader.js" "$pkg/dist/wafer.loader.js" || fail "bundle's loader differs from dist/"
cmp -s "$site/public/wafer/wafer-engine.wasm" "$pkg/dist/wafer-engine.wasm" || fail "bundle's engine differs from dist/"
ok "npx wafer bundle: wafer.js, loader, engine, banners, integrity.json; the tag printed with integrity"

# Subresource Integrity: each manifest against the bytes, hashed by openssl.
check_sri() {  # DIR: DIR/integrity.json lists exactly DIR's files, each hash right
  local dir=$1 n=0 name want got
  while IFS=$'\t' read -r name want; do
    got="sha384-$(openssl dgst -sha384 -binary "$dir/$name" | base64 -w0)"
    [ "$got" = "$want" ] || fail "$dir/integrity.json: $name says $want, its bytes $got"
    n=$((n + 1))
  done < <(node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (m.algorithm !== "sha384") throw new Error("algorithm " + m.algorithm);
    for (const [f, h] of Object.entries(m.files)) console.log(f + "\t" + h)' "$dir/integrity.json")
  local files
  files=$(cd "$dir" && ls | grep -vx integrity.json | wc -l)
  [ "$n" -eq "$files" ] || fail "$dir/integrity.json lists $n files, the folder holds $files"
  echo "$n"
}
n=$(check_sri "$pkg/dist") || exit 1
node -e 'const m = require(process.argv[1]); for (const t of ["wafer.stub.js", "wafer.banner.en.js"])
  if (!m.templates.includes(t)) throw new Error(t + " not listed as a template");
  if (m.templates.includes("wafer.loader.js")) throw new Error("the loader is no template")' "$pkg/dist/integrity.json"
ok "dist/integrity.json: $n files, every sha384 matches (openssl), stub and banners listed as templates"
n=$(check_sri "$site/public/wafer") || exit 1
ok "the bundle's integrity.json: $n files, every sha384 matches (openssl)"

# The whole CLI suite through the installed command (its defaults must change
# no answer of the CLI's).
bash tests/cli/cli_test.sh node "$pkg/bin/wafer.mjs" >"$tmp/cli.log" 2>&1 ||
  { cat "$tmp/cli.log" >&2; fail "tests/cli/cli_test.sh through node_modules/wafer-consent/bin/wafer.mjs"; }
ok "tests/cli/cli_test.sh through the installed wafer command: $(tail -n 1 "$tmp/cli.log")"

rc=0; owner npx --no-install wafer audit http://127.0.0.1:9/ --policy policy.json >"$tmp/audit.out" 2>"$tmp/audit.err" || rc=$?
[ $rc -eq 2 ] || { cat "$tmp/audit.out" "$tmp/audit.err" >&2; fail "wafer audit without playwright-core: exit $rc, want 2"; }
grep -q 'npm install playwright-core' "$tmp/audit.err" || fail "wafer audit did not say to install playwright-core"
grep -qi 'chromium' "$tmp/audit.err" || fail "wafer audit did not mention a Chromium"
ok "npx wafer audit without playwright-core: exit 2, says to install it and use a Chromium"

# The ESM API under Node (server-side rendering: no window).
cat > "$site/ssr.mjs" <<'JS'
import * as w from 'wafer-consent';
const names = ['onConsent', 'getConsent', 'acceptAll', 'rejectAll', 'setCategories', 'allowService', 'withdraw', 'optOut', 'openPreferences'];
for (const n of names) if (typeof w[n] !== 'function') throw new Error(`${n} is not exported`);
if (w.getConsent() !== null) throw new Error('getConsent() without window');
let called = false;
const off = w.onConsent(() => (called = true));
if (typeof off !== 'function') throw new Error('onConsent returns no function');
off();
for (const n of names.slice(2)) {
  const r = await w[n]('analytics');
  if (r !== null) throw new Error(`${n}() resolved to ${r}`);
}
await new Promise((r) => setTimeout(r, 10));
if (called) throw new Error('onConsent called back without window');
console.log('ssr ok');
JS
[ "$(owner node ssr.mjs)" = "ssr ok" ] || fail "import('wafer-consent') in Node"
ok "import('wafer-consent') in Node: every export, null answers, no throw"

# The types as an application's TypeScript sees them (the repository's tsc):
# every export typed, window.wafer declared, under Node's and bundlers' resolution.
cat > "$site/app.ts" <<'TS'
import { acceptAll, allowService, getConsent, onConsent, openPreferences, optOut, rejectAll, setCategories, withdraw } from 'wafer-consent';
import type { WaferConsent } from 'wafer-consent';
const stop: () => void = onConsent((c: WaferConsent) => { const a: boolean = c.categories['analytics']; void a; });
stop();
async function choose(): Promise<string | undefined> {
  const c: WaferConsent | null = await acceptAll();
  await rejectAll(); await setCategories(['analytics'], { youtube: true }); await allowService('youtube', { once: true });
  await withdraw(); await optOut(); await openPreferences();
  return c?.method ?? getConsent()?.method;
}
void choose();
void window.wafer.getConsent();
TS
node -e 'const f = process.argv[1]; const p = JSON.parse(require("fs").readFileSync(f, "utf8")); p.type = "module";
  require("fs").writeFileSync(f, JSON.stringify(p, null, 2))' "$site/package.json"
for mode in "node16 node16" "esnext bundler"; do
  set -- $mode
  (cd "$site" && "$root/node_modules/.bin/tsc" --noEmit --strict --module "$1" --moduleResolution "$2" \
     --lib es2022,dom --types '' app.ts) || fail "the package's types (moduleResolution $2)"
done
ok "types/index.d.ts in a TypeScript app: every export typed, window.wafer declared (moduleResolution node16, bundler)"

# The page and the browser (the repository's playwright-core: the test's, not the site owner's).
node tests/package/npm_browser.mjs "$site" || fail "the bundle in Chromium"
ok "in Chromium: tags held until consent, released by the banner and by the ESM API"
log "all $checks checks passed"
