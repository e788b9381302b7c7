#!/usr/bin/env bash
# pack.sh — assembles the npm package wafer-consent from the built files into
# build/package/ and packs it with `npm pack` into
# build/wafer-consent-<version>.tgz (the version is the project's: package.json,
# checked against CMakeLists.txt). Nothing generated is committed.
#
#   scripts/build.sh wasm && scripts/build.sh js     # build/wasm/wasm, build/wasm/cli, js/dist
#   scripts/pack.sh                                  # prints the tarball's path last
#
# The package (js/npm/README.md is its README):
#   index.js, types/          the ESM API (js/npm/index.js) and its types (js/types/index.d.ts,
#                             wafer.d.ts: the one set of types)
#   dist/                     the browser files as a static host serves them (js/dist, and
#                             build/wasm/wasm/wafer-engine.wasm), with dist/integrity.json:
#                             the sha384 of each (Subresource Integrity)
#   bin/wafer.mjs, cli/       the `wafer` command: build/wasm/cli/wafer-cli.{cjs,wasm}, the CLI
#                             compiled to WebAssembly for Node, and beside it Debian's Public
#                             Suffix List (package publicsuffix; MPL-2.0, cli/public_suffix_list.LICENSE),
#                             where the Node CLI looks by default and what bin/wafer.mjs passes
#   js/audit/, js/src/wire.js, tests/e2e/lib/fakes.mjs, tests/e2e/fakes/
#                             `wafer audit` / `wafer scan` (same layout as the repository,
#                             --route-fakes included)
# WAFER_PACK_CLI_DIR: take wafer-cli.{cjs,wasm} from there instead of build/wasm/cli.
# Exit status: 0 packed, 1 a built file is missing or the versions disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
pkg=$root/build/package
log() { printf '[pack] %s\n' "$*"; }
die() { printf '[pack] %s\n' "$*" >&2; exit 1; }

version=$(node -p "require('./package.json').version")
cmake_version=$(sed -n 's/^project(wafer VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ "$version" = "$cmake_version" ] || die "package.json says $version, CMakeLists.txt $cmake_version"

psl=/usr/share/publicsuffix/public_suffix_list.dafsa
engine=build/wasm/wasm/wafer-engine.wasm
cli=${WAFER_PACK_CLI_DIR:-build/wasm/cli}   # another build of wafer-cli.{cjs,wasm}
missing=()
for f in js/dist/wafer.stub.js js/dist/wafer.loader.js js/dist/wafer.placeholder.js js/dist/wafer.banner.en.js \
         "$engine" "$cli/wafer-cli.cjs" "$cli/wafer-cli.wasm" "$psl" /usr/share/common-licenses/MPL-2.0; do
  [ -f "$f" ] || missing+=("$f")
done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing: ${missing[*]} (scripts/build.sh wasm builds the engine and the Node CLI, scripts/build.sh js js/dist; the PSL is Debian's publicsuffix)"
fi

rm -rf "$pkg"
mkdir -p "$pkg"/{bin,cli,dist,types,js/audit,js/src,tests/e2e/lib,tests/e2e/fakes}
cp js/npm/index.js js/npm/README.md js/npm/LICENSE "$pkg/"
cp js/npm/bin/wafer.mjs "$pkg/bin/"
cp js/types/index.d.ts js/types/wafer.d.ts "$pkg/types/"
cp js/dist/wafer.stub.js js/dist/wafer.loader.js js/dist/wafer.placeholder.js js/dist/wafer.banner.*.js "$engine" "$pkg/dist/"
cp "$cli/wafer-cli.cjs" "$cli/wafer-cli.wasm" "$pkg/cli/"
cp js/audit/*.mjs "$pkg/js/audit/"
cp js/src/wire.js "$pkg/js/src/"
cp tests/e2e/lib/fakes.mjs "$pkg/tests/e2e/lib/"
cp tests/e2e/fakes/* "$pkg/tests/e2e/fakes/"
cp "$psl" "$pkg/cli/public_suffix_list.dafsa"
psl_version=$(dpkg-query -W -f='${Version}' publicsuffix 2>/dev/null || echo unknown)
{
  echo "public_suffix_list.dafsa: the Public Suffix List (https://publicsuffix.org/), as built by"
  echo "Debian's package publicsuffix $psl_version. The \`wafer\` command reads it unless given --psl."
  echo "It is distributed under the Mozilla Public License 2.0, below; its source form is"
  echo "https://publicsuffix.org/list/public_suffix_list.dat. Debian's copyright file follows the licence."
  echo
  cat /usr/share/common-licenses/MPL-2.0
  echo
  echo "----- /usr/share/doc/publicsuffix/copyright -----"
  cat /usr/share/doc/publicsuffix/copyright 2>/dev/null || true
} > "$pkg/cli/public_suffix_list.LICENSE"

# dist/integrity.json: the Subresource Integrity value of each browser file.
node js/npm/integrity.mjs "$pkg/dist" > "$pkg/dist/integrity.json"
node js/npm/package-json.mjs "$version" > "$pkg/package.json"

log "packing $pkg"
(cd "$pkg" && npm pack --pack-destination "$root/build" --silent >/dev/null)
tgz=$root/build/wafer-consent-$version.tgz
[ -f "$tgz" ] || die "npm pack wrote no $tgz"
log "$(du -b "$tgz" | cut -f1) bytes"
echo "$tgz"
