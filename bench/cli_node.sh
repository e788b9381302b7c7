#!/usr/bin/env bash
# cli_node.sh — the Node CLI beside the native one: sizes, and the wall time of
# one `wafer check` (start-up included), median of N runs of each, measured in
# the same run, with the ratio, and Node's bare start-up for scale. Prints
# figures; asserts nothing.
#
#   bench/cli_node.sh [RUNS] [POLICY]    # defaults: 15, demo/policies/kalido.json
#
# Needs build/native/core/wafer and build/wasm/cli/wafer-cli.{cjs,wasm}
# (scripts/build.sh native wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
policy=${2:-demo/policies/kalido.json}
native=build/native/core/wafer
cjs=build/wasm/cli/wafer-cli.cjs
wasm=build/wasm/cli/wafer-cli.wasm
for f in "$native" "$cjs" "$wasm"; do
  [ -f "$f" ] || { echo "cli_node: $f is not built (scripts/build.sh)" >&2; exit 1; }
done

size() { printf '%s: %d bytes raw, %d bytes gzip -9\n' "$1" "$(stat -c %s "$1")" "$(gzip -9c "$1" | wc -c)"; }
size "$wasm"
size "$cjs"

# Median wall time in ms of RUNS runs of a command (output discarded), the
# two programs interleaved so that both see the same load.
declare -a t_native t_node t_bare
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
for ((i = 0; i < runs; i++)); do
  t_native+=("$(ms "$native" check "$policy")")
  t_node+=("$(ms node "$cjs" check "$policy")")
  t_bare+=("$(ms node -e 0)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mn=$(median "${t_native[@]}") mj=$(median "${t_node[@]}") mb=$(median "${t_bare[@]}")
echo "wafer check $policy, median of $runs (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  native $native: $mn ms"
echo "  node $cjs: $mj ms ($(awk -v a="$mj" -v b="$mn" 'BEGIN {printf "%.1f", (b > 0) ? a / b : 0}')x native)"
echo "  node -e 0 (Node's own start-up, for scale): $mb ms"
