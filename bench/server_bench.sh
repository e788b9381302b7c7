#!/usr/bin/env bash
# server_bench.sh — durable receipts per second and latency of wafer-server,
# SQLite and PostgreSQL side by side, beside the previous server (the
# thread-per-connection one, built from commit e8e4bdb), all measured with wrk
# on loopback in the same run.
#
#   bench/server_bench.sh                 # both stores (PostgreSQL via scripts/postgres-test.sh)
#   WAFER_BENCH_STORES=sqlite bench/server_bench.sh
#   WAFER_BENCH_PREVIOUS=none bench/server_bench.sh   # the current server only
#
# For each store and server: a fresh server (request logs on, written to a
# file; rate limit off) and two bounded wrk runs POSTing distinct valid
# receipts (the current server's with the page-view token of its wafer.js):
#   max    as fast as it goes: receipts/s (every 201 was committed to disk
#          before it was sent: SQLite WAL + synchronous=FULL, PostgreSQL
#          synchronous_commit=on) and p99 latency;
#   half   paced at half the measured maximum: p99 latency there.
# Budgets (issue 5): >= 20,000 receipts/s with SQLite; p99 < 20 ms at half rate.
#
# Environment: WAFER_BUILD (default build/native, else build/server),
# WAFER_BENCH_SECONDS (default 8), WAFER_BENCH_CONNECTIONS (default 64),
# WAFER_BENCH_WRK_THREADS (default 1: the machine has 2 cores, the server needs one),
# WAFER_BENCH_PREVIOUS (a previous wafer-server binary; default: built once
# from commit e8e4bdb into build/bench-previous; "none": skip it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

stores=${WAFER_BENCH_STORES:-sqlite postgres}
seconds=${WAFER_BENCH_SECONDS:-8}
conns=${WAFER_BENCH_CONNECTIONS:-64}
wrk_threads=${WAFER_BENCH_WRK_THREADS:-1}

build=${WAFER_BUILD:-}
if [ -z "$build" ]; then
  for b in build/native build/server; do
    if [ -x "$b/server/wafer-server" ] && [ -x "$b/server/wafer-receipt-bodies" ]; then build=$b; break; fi
  done
fi
server=$build/server/wafer-server
gen=$build/server/wafer-receipt-bodies
if [ ! -x "$server" ] || [ ! -x "$gen" ]; then
  echo "[bench] build first: cmake --build build/native --target wafer-server wafer-receipt-bodies" >&2
  exit 1
fi
command -v wrk >/dev/null || { echo "[bench] wrk is not installed (apt-get install wrk)" >&2; exit 1; }

# The previous server, built once from its commit (outside any work tree).
previous=${WAFER_BENCH_PREVIOUS:-}
previous_rev=e8e4bdb
if [ -z "$previous" ]; then
  previous=$root/build/bench-previous/build/server/wafer-server
  if [ ! -x "$previous" ]; then
    echo "[bench] building the previous server ($previous_rev) into build/bench-previous (once)" >&2
    rm -rf "$root/build/bench-previous"
    mkdir -p "$root/build/bench-previous/src"
    if git -C "$root" archive "$previous_rev" 2>/dev/null | tar -x -C "$root/build/bench-previous/src" &&
       cmake -S "$root/build/bench-previous/src" -B "$root/build/bench-previous/build" \
         -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWAFER_BUILD_TESTS=OFF -DWAFER_BUILD_BENCH=OFF >/dev/null &&
       cmake --build "$root/build/bench-previous/build" --target wafer-server -j "${WAFER_JOBS:-2}" >/dev/null; then
      :
    else
      echo "[bench] cannot build the previous server (commit $previous_rev not in this clone?): measuring the current one only" >&2
      previous=none
    fi
  fi
fi
[ "$previous" = none ] && previous=""

# PostgreSQL: re-run this script under a throwaway cluster, once.
if [[ " $stores " == *" postgres "* ]] && [ -z "${WAFER_PG_URL:-}" ]; then
  exec bash scripts/postgres-test.sh bash "$0" "$@"
fi

log() { printf '[bench] %s\n' "$*" >&2; }
tmp=$(mktemp -d "$root/build/server-bench.XXXXXX")   # on disk, not tmpfs: fsync is real
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

policy=tests/server/data/policies/shop.json
mkdir -p "$tmp/policies" "$tmp/js"
cp "$policy" "$tmp/policies/"
# The stub template: wafer.js is served (with its page-view token) from it.
echo '(function(){var config=/*@WAFER_CONFIG@*/null;})();' > "$tmp/js/wafer.stub.js"

# Distinct bodies: enough for the run at 60k/s, split between wrk threads.
# (A run never replays: the paced run has its own file.) Made per server once
# it runs, with the token of its wafer.js.
count=$(( seconds * 50000 ))

start_server() {
  local store=$1 binary=$2 extra=()
  if [ "$store" = postgres ]; then
    extra=(--store postgres --pg "$WAFER_PG_URL" --pg-schema "bench_$RANDOM$RANDOM")
  fi
  if [ "$binary" = "$server" ]; then
    extra+=(--js "$tmp/js")
  else
    extra+=(--threads $((conns + 16)))   # the previous server: one thread per connection
  fi
  rm -rf "$tmp/data"
  rm -f "$tmp/server.out" "$tmp/server.log"  # (else the wait below may read the last server's port)
  "$binary" --listen 127.0.0.1:0 --policies "$tmp/policies" --data "$tmp/data" \
    --rate-limit 0 "${extra[@]}" >"$tmp/server.out" 2>"$tmp/server.log" &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q listening "$tmp/server.out" 2>/dev/null && break
    sleep 0.1
  done
  port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$tmp/server.out" | head -1)
  [ -n "$port" ] || { cat "$tmp/server.log" >&2; exit 1; }
  local token=""
  if [ "$binary" = "$server" ]; then
    token=$( { exec 3<>"/dev/tcp/127.0.0.1/$port"
               printf 'GET /v1/sites/shop/wafer.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
               cat <&3; } | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || { echo "[bench] no page-view token in wafer.js" >&2; exit 1; }
  fi
  "$gen" "$policy" "$count" $token > "$tmp/bodies-max.jsonl"
  "$gen" "$policy" "$count" $token > "$tmp/bodies-half.jsonl"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

stop_server() {
  kill -TERM "$pid"
  wait "$pid" || true
  pid=""
}

# run_wrk DELAY_MS BODIES → "receipts_per_s p99_ms p50_ms other errors"
run_wrk() {
  local delay=$1 bodies=$2
  local out
  out=$(WAFER_BODIES="$bodies" WAFER_DELAY_MS=$delay WAFER_WRK_THREADS=$wrk_threads \
    wrk -t"$wrk_threads" -c"$conns" -d"${seconds}s" --timeout 5s -s bench/server_receipts.lua \
    "http://127.0.0.1:$port" 2>&1)
  local line
  line=$(grep WAFER_RESULT <<<"$out") || { echo "$out" >&2; exit 1; }
  local created other dur p50 p99 errs
  created=$(sed 's/.*created=\([0-9]*\).*/\1/' <<<"$line")
  other=$(sed 's/.*other=\([0-9]*\).*/\1/' <<<"$line")
  dur=$(sed 's/.*duration_us=\([0-9]*\).*/\1/' <<<"$line")
  p50=$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$line")
  p99=$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$line")
  errs=$(sed 's/.*socket_errors=\([0-9]*\).*/\1/' <<<"$line")
  awk -v c="$created" -v d="$dur" -v p99="$p99" -v p50="$p50" -v o="$other" -v e="$errs" \
    'BEGIN { printf "%d %.2f %.2f %d %d\n", c / (d / 1e6), p99 / 1000, p50 / 1000, o, e }'
}

declare -A max_rate max_p99 half_rate half_p99 half_target cpu
runs=()
for store in $stores; do
  for which in current previous; do
    binary=$server
    if [ "$which" = previous ]; then
      [ -n "$previous" ] || continue
      binary=$previous
    fi
    key="$store/$which"
    runs+=("$key")
    log "== $key: max rate, $conns connections, ${seconds}s"
    start_server "$store" "$binary"
    cpu0=$(cpu_ticks)
    read -r rate p99 p50 other errs < <(run_wrk 0 "$tmp/bodies-max.jsonl")
    cpu1=$(cpu_ticks)
    # Server CPU per receipt: less sensitive than receipts/s to other load on the machine.
    cpu_us=$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v r="$rate" -v s="$seconds" \
      'BEGIN { if (r > 0) printf "%d", t / hz * 1e6 / (r * s); else print "-" }')
    log "$key max: $rate receipts/s, p50 ${p50} ms, p99 ${p99} ms, non-2xx $other, socket errors $errs, server CPU ${cpu_us} us/receipt (load average $(cut -d' ' -f1 /proc/loadavg))"
    max_rate[$key]=$rate max_p99[$key]=$p99 cpu[$key]=$cpu_us
    target=$(( ${rate%.*} / 2 ))
    [ "$target" -lt 1 ] && target=1
    # Each connection waits DELAY ms between requests: rate ≈ conns × 1000 / (delay + latency).
    delay=$(awk -v c="$conns" -v t="$target" -v l="$p50" 'BEGIN { d = c * 1000 / t - l; if (d < 1) d = 1; printf "%d", d }')
    log "== $key: paced at ~$target receipts/s (delay ${delay} ms per connection)"
    read -r rate2 p99b p50b other2 errs2 < <(run_wrk "$delay" "$tmp/bodies-half.jsonl")
    log "$key half: $rate2 receipts/s, p50 ${p50b} ms, p99 ${p99b} ms, non-2xx $other2, socket errors $errs2"
    half_rate[$key]=$rate2 half_p99[$key]=$p99b half_target[$key]=$target
    stop_server
    log "$key server: $(grep -o 'stopped: [^"]*' "$tmp/server.log" | tail -1)"
  done
done

printf '\nwafer-server receipts benchmark (wrk -t%s -c%s -d%ss, loopback, %s cores, request log on)\n' \
  "$wrk_threads" "$conns" "$seconds" "$(nproc)"
printf 'previous = the thread-per-connection server of commit %s, measured in the same run\n' "$previous_rev"
printf '%-10s %-9s %16s %12s %22s %14s %18s\n' store server "max receipts/s" "p99 @max" "paced receipts/s" "p99 @half" "server CPU/receipt"
for key in "${runs[@]}"; do
  printf '%-10s %-9s %16s %10s ms %22s %11s ms %15s us\n' "${key%/*}" "${key#*/}" "${max_rate[$key]}" "${max_p99[$key]}" \
    "${half_rate[$key]}" "${half_p99[$key]}" "${cpu[$key]}"
done
printf 'load average at the end: %s (other processes share these cores)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'budgets: >= 20000 receipts/s (SQLite); p99 < 20 ms at half rate\n'
