#!/usr/bin/env bash
# test.sh — runs every Wafer test: installs what is missing, builds both
# trees, runs each suite (even after one fails) and prints a summary. Exits
# non-zero if the build or any suite fails.
#
#   scripts/test.sh
#
# Suites:
#   native   ctest over build/native (GoogleTest suites)
#   server-pg  the server's store tests again on a throwaway PostgreSQL cluster
#   cases    build/native/tests/tools/wafer_cases writes the native/WASM case file
#   wasm     node --test tests/wasm/*_test.mjs (WASM engine under Node)
#   cli-node tests/cli/cli_test.sh against the Node CLI (build/wasm/cli/wafer-cli.cjs)
#   cli-diff tests/cli/cli_diff.sh: the native and the Node CLI over the CLI
#            suite, stdout, stderr, exit status and files compared byte for byte
#   types    tsc over js/types (the public API's TypeScript declarations)
#   e2e      node --test tests/e2e/ (the demo sites in headless Chromium
#            against the real wafer-server)
#   audit    node --test tests/audit/ (wafer-audit on the demo sites and on
#            deliberately broken fixture sites)
#   deb      tests/package/deb_test.sh: the wafer-server Debian package built
#            with CPack, installed with apt-get, run as its systemd unit would,
#            a receipt posted and read back, then purged (needs root)
#   npm      tests/package/npm_test.sh: the npm package wafer-consent packed
#            (scripts/pack.sh), installed into an empty folder on a PATH with
#            no compiler, `npx wafer check`/`bundle`, the SRI manifests, the
#            ESM API under Node, and the bundle in Chromium from a plain static
#            server: GA and HubSpot held until "Accept all" / acceptAll()
# Add a suite: one `suite` line at the bottom.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=${WAFER_JOBS:-$(nproc)}
export WAFER_JOBS=$jobs

bash scripts/setup.sh || { echo "[test] FAILED: scripts/setup.sh" >&2; exit 1; }
if ! WAFER_SKIP_SETUP=1 bash scripts/build.sh; then
  echo "[test] FAILED: scripts/build.sh — no suite was run" >&2
  exit 1
fi

names=() results=() times=()
suite() {
  local name=$1; shift
  printf '\n[test] ===== %s: %s\n' "$name" "$*"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  names+=("$name") times+=("$((SECONDS - start))")
  if [ $rc -eq 0 ]; then results+=(pass); else results+=("FAIL (exit $rc)"); fi
}

# The differential's case file, written by the native engine.
write_cases() {
  local gen=build/native/tests/tools/wafer_cases
  if [ ! -x "$gen" ]; then
    echo "[test] $gen was not built" >&2
    return 1
  fi
  rm -f build/native/tests/wafer_cases.bin
  "$gen" build/native/tests/wafer_cases.bin
}

suite native ctest --test-dir build/native --output-on-failure --no-tests=error -j "$jobs"
suite server-pg bash scripts/postgres-test.sh ctest --test-dir build/native \
  -R '^server\..*/postgres' --output-on-failure --no-tests=error -j "$jobs"
suite cases write_cases
suite wasm node --test --test-reporter=spec tests/wasm/*_test.mjs
suite cli-node bash tests/cli/cli_test.sh node build/wasm/cli/wafer-cli.cjs
suite cli-diff env WAFER_CLI_DIFF_DEFAULT_PSL="$PWD/build/wasm/cli/public_suffix_list.dafsa" \
  bash tests/cli/cli_diff.sh build/native/core/wafer -- node build/wasm/cli/wafer-cli.cjs
suite types npx --no-install tsc -p js/types
suite e2e env WAFER_E2E_NO_BUILD=1 node --test --test-concurrency=1 --test-reporter=spec tests/e2e/
suite audit node --test --test-concurrency=1 --test-reporter=spec tests/audit/
suite deb timeout 1200 bash tests/package/deb_test.sh
suite npm timeout 900 bash tests/package/npm_test.sh

printf '\n[test] ===== summary\n'
failed=0
for i in "${!names[@]}"; do
  printf '[test]   %-8s %-16s %4ss\n' "${names[$i]}" "${results[$i]}" "${times[$i]}"
  [ "${results[$i]}" = pass ] || failed=1
done
passed=0
for r in "${results[@]}"; do [ "$r" = pass ] && passed=$((passed + 1)); done
if [ $failed -ne 0 ]; then echo "[test] FAILED"; else echo "[test] all suites passed"; fi
echo "suites: $passed passed, $((${#results[@]} - passed)) failed"
exit $failed
