#!/usr/bin/env bash
# run.sh — regenerates every benchmark figure of Wafer into bench/RESULTS.md.
#
#   bench/run.sh             # full run: 15 runs per browser figure (~30 min on 2 loaded cores)
#   bench/run.sh --quick     # 3 runs, short engine/server runs: for development, not for publishing
#   bench/run.sh --no-build  # do not build a missing engine_bench (by default: cmake --build build/native --target engine_bench -j2)
#   bench/run.sh --only peers,loader,sinks,engine,wasm,server   # some sections only
#
# Sections, one after the other (one thing at a time, so they do not compete):
#   peers   bench/peers/peers_bench.mjs: Wafer, vanilla-cookieconsent, Klaro and
#           tarteaucitron on the same page in headless Chromium (bytes, time to
#           decision, main-thread cost, layout shift, leak table); the peers are
#           installed with `npm ci --prefix bench/peers --ignore-scripts` when
#           bench/peers/node_modules is missing or package-lock.json changed
#   loader  bench/loader_bench.mjs (Wafer's budgets, with vanilla-cookieconsent
#           and the cookie-write guard cost)
#   sinks   bench/sinks_bench.mjs (each sink the stub patches: extra cost per
#           call without a tracker, beside the native call)
#   engine  engine_bench (Google Benchmark, native)
#   wasm    bench/wasm_bench.mjs (WASM engine against native)
#   server  bench/server_bench.sh (wrk: receipts/s and p99, SQLite and PostgreSQL, beside the previous
#           server) and bench/server_flood.cc (latencies while one address attacks)
# A section whose prerequisites are missing says why and is skipped; a section
# that fails is reported as failed with its last output lines. Nothing is
# carried over from an earlier run. Exit status 0 unless the report could not
# be written.
#
# Environment: WAFER_SERVER (wafer-server for the browser benchmarks, default
# build/native/server/wafer-server), WAFER_CHROMIUM (default /usr/bin/chromium),
# WAFER_ENGINE_BENCH (engine_bench binary), WAFER_BUILD (server_bench.sh's build
# tree), WAFER_RESULTS (output file, default bench/RESULTS.md).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

quick=0
build=1
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --build) build=1 ;;
    --no-build) build=0 ;;
    --only) only=${2:-}; shift ;;
    --only=*) only=${1#--only=} ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (--quick, --no-build, --only LIST)" >&2; exit 2 ;;
  esac
  shift
done
want() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

if [ "$quick" = 1 ]; then runs=3; wasm_seconds=1; server_seconds=3; else runs=15; wasm_seconds=3; server_seconds=8; fi

out=${WAFER_RESULTS:-$root/bench/RESULTS.md}
work=$(mktemp -d "${TMPDIR:-/tmp}/wafer-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
body=$work/body.md
: >"$body"
skipped=()
log() { printf '[run] %s\n' "$*" >&2; }
say() { printf '%s\n' "$*" >>"$body"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
chromium=${WAFER_CHROMIUM:-/usr/bin/chromium}
export WAFER_SERVER=${WAFER_SERVER:-$root/build/native/server/wafer-server}
server_src=$WAFER_SERVER
server_built=$(date -u -r "$WAFER_SERVER" +%Y-%m-%dT%H:%MZ 2>/dev/null || echo '?')
# One binary for the whole run, even if its build tree is rebuilt meanwhile.
if [ -x "$WAFER_SERVER" ] && cp "$WAFER_SERVER" "$work/wafer-server" 2>/dev/null; then
  export WAFER_SERVER=$work/wafer-server
fi

# run_section NAME TITLE -- COMMAND…: runs COMMAND, keeps stdout (and stderr on failure).
run_section() {
  local name=$1 title=$2
  shift 3
  local t0 t1 status l0
  l0=$(load)
  t0=$(date +%s)
  log "== $title: $*"
  "$@" >"$work/$name.out" 2>"$work/$name.err"
  status=$?
  t1=$(date +%s)
  say ""
  say "## $title"
  say ""
  say "\`$*\` — exit status $status, $((t1 - t0)) s, load average $l0 before, $(load) after."
  say ""
  if [ "$status" -ne 0 ] && [ ! -s "$work/$name.out" ]; then
    say "**Failed** (no output). Last lines of its error output:"
    say ""
    say '```'
    tail -n 25 "$work/$name.err" | sed 's/^/    /' >>"$body"
    say '```'
    skipped+=("$name: failed (exit $status)")
    return
  fi
  if [ "$status" -ne 0 ]; then
    say "Exit status $status: for the benchmarks below a missed budget or differing outputs (see their text); anything else is in the error output's last lines at the end of this section."
    say ""
  fi
  case "$name" in
    peers) sed '1{/^## /d}' "$work/$name.out" >>"$body" ;;  # it prints its own heading
    loader|sinks) cat "$work/$name.out" >>"$body" ;;
    *) say '```'; cat "$work/$name.out" >>"$body"; say '```' ;;
  esac
  if [ "$status" -ne 0 ] && [ -s "$work/$name.err" ]; then
    say ""
    say '```'
    tail -n 15 "$work/$name.err" >>"$body"
    say '```'
  fi
}
skip() {
  say ""
  say "## $1"
  say ""
  say "**Skipped**: $2"
  skipped+=("$1: $2")
  log "skipped $1: $2"
}

# ------------------------------------------------------------------ machine
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
cores=$(nproc)
mem=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
node_v=$(node --version 2>/dev/null || echo "not installed")
chromium_v=$("$chromium" --version 2>/dev/null | head -1 || echo "not installed")
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_start=$(load)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git status --porcelain 2>/dev/null | grep -c . || true)
t_start=$(date +%s)

# ------------------------------------------------------------------ peers
if want peers; then
  if ! command -v node >/dev/null; then skip "Consent managers side by side" "node is not installed"
  elif [ ! -x "$chromium" ]; then skip "Consent managers side by side" "$chromium not found (WAFER_CHROMIUM)"
  elif [ ! -d node_modules/playwright-core ]; then skip "Consent managers side by side" "playwright-core missing: npm ci"
  elif [ ! -x "$WAFER_SERVER" ]; then skip "Consent managers side by side" "$WAFER_SERVER not built (scripts/build.sh native)"
  elif [ ! -f build/wasm/wasm/wafer-engine.wasm ]; then skip "Consent managers side by side" "build/wasm/wasm/wafer-engine.wasm not built (scripts/build.sh wasm)"
  else
    peers_ok=1
    lock_hash=$(sha256sum bench/peers/package-lock.json | cut -c1-64)
    if [ ! -f bench/peers/node_modules/.wafer-lock-hash ] || [ "$(cat bench/peers/node_modules/.wafer-lock-hash)" != "$lock_hash" ]; then
      log "installing the peers: npm ci --prefix bench/peers --ignore-scripts"
      if npm ci --prefix bench/peers --ignore-scripts --no-audit --no-fund >"$work/npm.log" 2>&1; then
        echo "$lock_hash" >bench/peers/node_modules/.wafer-lock-hash
      else
        peers_ok=0
        skip "Consent managers side by side" "npm ci --prefix bench/peers failed: $(tail -n 3 "$work/npm.log" | tr '\n' ' ')"
      fi
    fi
    if [ "$peers_ok" = 1 ]; then
      run_section peers "Consent managers side by side (bench/peers/peers_bench.mjs)" -- \
        node bench/peers/peers_bench.mjs --runs "$runs" --json "$work/peers.json"
    fi
  fi
fi

# ------------------------------------------------------------------ loader (+ cookie guard)
if want loader; then
  if [ ! -x "$chromium" ] || [ ! -d node_modules/playwright-core ] || [ ! -x "$WAFER_SERVER" ] || ! command -v openssl >/dev/null; then
    skip "Loader budgets and cookie guard (bench/loader_bench.mjs)" "needs $chromium, playwright-core (npm ci), $WAFER_SERVER and openssl"
  else
    run_section loader "Loader budgets and cookie-write guard (bench/loader_bench.mjs)" -- \
      node bench/loader_bench.mjs --runs "$runs"
  fi
fi

# ------------------------------------------------------------------ sinks (the stub's holds, per call)
if want sinks; then
  if [ ! -x "$chromium" ] || [ ! -d node_modules/playwright-core ] || [ ! -x "$WAFER_SERVER" ]; then
    skip "The stub's holds per call (bench/sinks_bench.mjs)" "needs $chromium, playwright-core (npm ci) and $WAFER_SERVER"
  else
    run_section sinks "The stub's holds per call (bench/sinks_bench.mjs)" -- \
      node bench/sinks_bench.mjs --runs "$runs"
  fi
fi

# ------------------------------------------------------------------ engine (native)
engine_bin=${WAFER_ENGINE_BENCH:-}
if [ -z "$engine_bin" ]; then
  for b in build/bench/bench/engine_bench build/native/bench/engine_bench; do
    if [ -x "$b" ]; then engine_bin=$b; break; fi
  done
fi
if [ -z "$engine_bin" ] && [ "$build" = 1 ] && [ -f build/native/CMakeCache.txt ] && { want engine || want wasm; }; then
  log "building engine_bench: cmake --build build/native --target engine_bench -j2"
  if cmake --build build/native --target engine_bench -j2 >"$work/build.log" 2>&1; then
    engine_bin=build/native/bench/engine_bench
  else
    log "build failed: $(tail -n 3 "$work/build.log")"
  fi
fi
engine_note() {
  local tree
  tree=$(dirname "$(dirname "$engine_bin")")
  local type
  type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$tree/CMakeCache.txt" 2>/dev/null)
  say ""
  say "Binary: \`$engine_bin\` (CMAKE_BUILD_TYPE ${type:-unknown}, built $(date -u -r "$engine_bin" +%Y-%m-%dT%H:%MZ))."
}
if want engine; then
  if [ -z "$engine_bin" ]; then
    skip "Engine, native (engine_bench)" "no engine_bench binary in build/bench/bench or build/native/bench, and none could be built (\`cmake --build build/native --target engine_bench -j2\`; skipped with --no-build)"
  else
    if [ "$quick" = 1 ]; then
      run_section engine "Engine, native (engine_bench, Google Benchmark)" -- "$engine_bin" --benchmark_min_time=0.2
    else
      run_section engine "Engine, native (engine_bench, Google Benchmark)" -- "$engine_bin"
    fi
    engine_note
  fi
fi

# ------------------------------------------------------------------ engine (WASM)
if want wasm; then
  if [ -z "$engine_bin" ]; then
    skip "Engine, WASM against native (bench/wasm_bench.mjs)" "needs an engine_bench binary (see above)"
  elif [ ! -f build/wasm/wasm/wafer-engine.wasm ]; then
    skip "Engine, WASM against native (bench/wasm_bench.mjs)" "build/wasm/wasm/wafer-engine.wasm not built (scripts/build.sh wasm)"
  else
    run_section wasm "Engine, WASM against native (bench/wasm_bench.mjs)" -- \
      node bench/wasm_bench.mjs --seconds "$wasm_seconds" --native "$engine_bin"
  fi
fi

# ------------------------------------------------------------------ backend
if want server; then
  srv_build=${WAFER_BUILD:-}
  if [ -z "$srv_build" ]; then
    for b in build/native build/server; do
      if [ -x "$b/server/wafer-server" ] && [ -x "$b/server/wafer-receipt-bodies" ]; then srv_build=$b; break; fi
    done
  fi
  if ! command -v wrk >/dev/null; then
    skip "Backend receipts (bench/server_bench.sh)" "wrk is not installed (apt-get install wrk)"
  elif [ -z "$srv_build" ]; then
    skip "Backend receipts (bench/server_bench.sh)" "no wafer-server + wafer-receipt-bodies in build/native or build/server"
  else
    stores="sqlite postgres"
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -1)
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
      stores="sqlite"
      skipped+=("PostgreSQL receipts: PostgreSQL server binaries not found (apt-get install postgresql)")
    elif [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
      stores="sqlite"
      skipped+=("PostgreSQL receipts: running as root without a postgres user to own the cluster")
    fi
    # Copies of the two binaries, so that a rebuild of the tree during the run does not break it.
    mkdir -p "$work/srv/server"
    srv_use=$srv_build
    if cp "$srv_build/server/wafer-server" "$srv_build/server/wafer-receipt-bodies" "$work/srv/server/" 2>/dev/null; then
      srv_use=$work/srv
    fi
    export WAFER_BUILD=$srv_use WAFER_BENCH_STORES=$stores WAFER_BENCH_SECONDS=$server_seconds
    run_section server "Backend: durable receipts/s and p99 (bench/server_bench.sh, wrk; stores: $stores)" -- \
      bash bench/server_bench.sh
    say ""
    say "Server build: \`$srv_build\` ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$srv_build/CMakeCache.txt" 2>/dev/null || echo '?'))."
    # Under attack, beside the previous server (which server_bench.sh built).
    flood_bin=$srv_build/bench/server_flood
    previous_bin=${WAFER_BENCH_PREVIOUS:-$root/build/bench-previous/build/server/wafer-server}
    if [ -x "$flood_bin" ]; then
      flood_args=(--server "$srv_use/server/wafer-server" --seconds "$server_seconds")
      [ -x "$previous_bin" ] && flood_args+=(--previous "$previous_bin")
      run_section flood "Backend under attack (bench/server_flood.cc)" -- "$flood_bin" "${flood_args[@]}"
    else
      skip "Backend under attack (bench/server_flood.cc)" "no $flood_bin (cmake --build build/native --target server_flood)"
    fi
  fi
fi

# ------------------------------------------------------------------ write the report
t_end=$(date +%s)
{
  echo "# Wafer benchmark results"
  echo ""
  echo "Generated by \`bench/run.sh$([ "$quick" = 1 ] && echo ' --quick')$([ -n "$only" ] && echo " --only $only")\` — do not edit, regenerate."
  [ "$quick" = 1 ] && { echo ""; echo "**Quick run (3 runs per browser figure, short engine and server runs): for development, not for publishing.**"; }
  echo ""
  echo "| machine | |"
  echo "|---|---|"
  echo "| date (UTC) | $started, $((t_end - t_start)) s in all |"
  echo "| CPU | ${cpu:-?}, $cores cores, $mem |"
  echo "| OS | $(uname -sr) |"
  echo "| load average (1/5/15 min) | $load_start at the start, $(load) at the end (other work shares these cores; each section prints its own) |"
  echo "| Chromium | $chromium_v (headless) |"
  echo "| Node | $node_v |"
  echo "| wafer-server (browser benchmarks) | \`${server_src#$root/}\`, built $server_built (copied at the start) |"
  echo "| source | commit $rev$([ "${dirty:-0}" != 0 ] && echo " + $dirty uncommitted change(s) in the working tree") |"
  if [ ${#skipped[@]} -gt 0 ]; then
    echo ""
    echo "Skipped or failed:"
    echo ""
    for s in "${skipped[@]}"; do echo "- $s"; done
  fi
  cat "$body"
} >"$out.tmp" && mv "$out.tmp" "$out" || { echo "run.sh: cannot write $out" >&2; exit 1; }
log "wrote ${out#$root/} ($((t_end - t_start)) s)"
