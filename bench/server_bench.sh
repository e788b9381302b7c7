#!/usr/bin/env bash
# server_bench.sh — durable receipts per second and latency of wafer-server,
# SQLite and PostgreSQL side by side, measured with wrk on loopback.
#
#   bench/server_bench.sh                 # both stores (PostgreSQL via scripts/postgres-test.sh)
#   WAFER_BENCH_STORES=sqlite bench/server_bench.sh
#
# For each store: a fresh server (request logs on, written to a file; rate
# limit off) and two bounded wrk runs POSTing distinct valid receipts:
#   max    as fast as it goes: receipts/s (every 201 was committed to disk
#          before it was sent: SQLite WAL + synchronous=FULL, PostgreSQL
#          synchronous_commit=on) and p99 latency;
#   half   paced at half the measured maximum: p99 latency there.
# Budgets (issue 5): >= 20,000 receipts/s with SQLite; p99 < 20 ms at half rate.
#
# Environment: WAFER_BUILD (default build/native, else build/server),
# WAFER_BENCH_SECONDS (default 8), WAFER_BENCH_CONNECTIONS (default 64),
# WAFER_BENCH_WRK_THREADS (default 1: the machine has 2 cores, the server needs one).
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
mkdir -p "$tmp/policies"
cp "$policy" "$tmp/policies/"

# Distinct bodies: enough for the run at 60k/s, split between wrk threads.
# (A run never replays: the paced run has its own file.)
count=$(( seconds * 50000 ))
log "generating 2 x $count receipt bodies"
"$gen" "$policy" "$count" > "$tmp/bodies-max.jsonl"
"$gen" "$policy" "$count" > "$tmp/bodies-half.jsonl"

start_server() {
  local store=$1 extra=()
  if [ "$store" = postgres ]; then
    extra=(--store postgres --pg "$WAFER_PG_URL" --pg-schema "bench_$RANDOM$RANDOM")
  fi
  rm -rf "$tmp/data"
  "$server" --listen 127.0.0.1:0 --policies "$tmp/policies" --data "$tmp/data" \
    --rate-limit 0 --threads $((conns + 16)) "${extra[@]}" >"$tmp/server.out" 2>"$tmp/server.log" &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q listening "$tmp/server.out" 2>/dev/null && break
    sleep 0.1
  done
  port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$tmp/server.out" | head -1)
  [ -n "$port" ] || { cat "$tmp/server.log" >&2; exit 1; }
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

declare -A max_rate max_p99 half_rate half_p99 half_target rows cpu
for store in $stores; do
  log "== $store: max rate, $conns connections, ${seconds}s"
  start_server "$store"
  cpu0=$(cpu_ticks)
  read -r rate p99 p50 other errs < <(run_wrk 0 "$tmp/bodies-max.jsonl")
  cpu1=$(cpu_ticks)
  # Server CPU per receipt: less sensitive than receipts/s to other load on the machine.
  cpu_us=$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v r="$rate" -v s="$seconds" \
    'BEGIN { if (r > 0) printf "%d", t / hz * 1e6 / (r * s); else print "-" }')
  log "$store max: $rate receipts/s, p50 ${p50} ms, p99 ${p99} ms, non-2xx $other, socket errors $errs, server CPU ${cpu_us} us/receipt (load average $(cut -d' ' -f1 /proc/loadavg))"
  max_rate[$store]=$rate max_p99[$store]=$p99 cpu[$store]=$cpu_us
  target=$(( ${rate%.*} / 2 ))
  [ "$target" -lt 1 ] && target=1
  # Each connection waits DELAY ms between requests: rate ≈ conns × 1000 / (delay + latency).
  delay=$(awk -v c="$conns" -v t="$target" -v l="$p50" 'BEGIN { d = c * 1000 / t - l; if (d < 1) d = 1; printf "%d", d }')
  log "== $store: paced at ~$target receipts/s (delay ${delay} ms per connection)"
  read -r rate2 p99b p50b other2 errs2 < <(run_wrk "$delay" "$tmp/bodies-half.jsonl")
  log "$store half: $rate2 receipts/s, p50 ${p50b} ms, p99 ${p99b} ms, non-2xx $other2, socket errors $errs2"
  half_rate[$store]=$rate2 half_p99[$store]=$p99b half_target[$store]=$target
  stop_server
  log "$store server: $(grep -o 'stopped: [^"]*' "$tmp/server.log" | tail -1)"
  if [ "$store" = sqlite ]; then rows[$store]=$(du -sh "$tmp/data" | cut -f1); else rows[$store]="-"; fi
done

printf '\nwafer-server receipts benchmark (wrk -t%s -c%s -d%ss, loopback, %s cores, request log on)\n' \
  "$wrk_threads" "$conns" "$seconds" "$(nproc)"
printf '%-10s %16s %12s %22s %14s %18s\n' store "max receipts/s" "p99 @max" "paced receipts/s" "p99 @half" "server CPU/receipt"
for store in $stores; do
  printf '%-10s %16s %10s ms %22s %11s ms %15s us\n' "$store" "${max_rate[$store]}" "${max_p99[$store]}" \
    "${half_rate[$store]}" "${half_p99[$store]}" "${cpu[$store]}"
done
printf 'load average at the end: %s (other processes share these cores)\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'budgets: >= 20000 receipts/s (SQLite); p99 < 20 ms at half rate\n'
