#!/usr/bin/env bash
# fuzz.sh — builds the libFuzzer targets with clang into build/fuzz and runs them.
#
#   scripts/fuzz.sh                        # every target, 60 s each
#   scripts/fuzz.sh 300                    # every target, 300 s each
#   scripts/fuzz.sh cookie_header 30       # one target
#   scripts/fuzz.sh --jobs 2 120           # two targets at a time (one core each)
#   scripts/fuzz.sh --update 600           # then merge new coverage into the corpus
#
# Each target starts from its committed seeds (tests/fuzz/corpus/<name>/) and
# writes what it discovers to a scratch corpus (build/fuzz/corpus/<name>/),
# which later runs reuse. The committed corpus changes only with --update,
# which merges in just the inputs that add coverage (libFuzzer -merge=1);
# review and commit those like code. Crashes, leaks and timeouts are written to
# build/fuzz/artifacts/<name>/; minimise one with
#   build/fuzz/tests/fuzz/<name>_fuzzer -minimize_crash=1 -runs=100000 <artifact>
# The script prints one summary line per target and exits 1 if any found something.
#
# Environment: CXX (default clang++-14), FUZZ_FLAGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS_ALL=(policy_parser consent_state cookie_header engine_wire)
seconds=60
jobs=1
update=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --update) update=1 ;;
    --jobs) jobs="$2"; shift ;;
    --jobs=*) jobs="${1#--jobs=}" ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *[!0-9]*) targets+=("$1") ;;
    *) seconds="$1" ;;
  esac
  shift
done
[ ${#targets[@]} -eq 0 ] && targets=("${TARGETS_ALL[@]}")
for t in "${targets[@]}"; do
  [ -d "tests/fuzz/corpus/$t" ] || { echo "fuzz.sh: unknown target '$t' (${TARGETS_ALL[*]})" >&2; exit 2; }
done

BUILD=build/fuzz
CXX=${CXX:-clang++-14}
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD" "${generator[@]}" -DCMAKE_CXX_COMPILER="$CXX" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWAFER_BUILD_FUZZERS=ON \
    -DWAFER_BUILD_TESTS=OFF -DWAFER_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$BUILD" --target fuzzers

# A dictionary of the policy schema's words speeds up the JSON fuzzer a lot.
cat > "$BUILD/policy_parser.dict" <<'DICT'
"{"
"}"
"["
"]"
":"
","
"true"
"false"
"null"
"\"site\""
"\"id\""
"\"domains\""
"\"policy_url\""
"\"revision\""
"\"languages\""
"\"consent\""
"\"cookie_name\""
"\"lifetime_months\""
"\"refusal_lifetime_months\""
"\"cookie_cap_months\""
"\"wait_for_update_ms\""
"\"regimes\""
"\"default\""
"\"regions\""
"\"opt-in\""
"\"opt-out\""
"\"notice\""
"\"categories\""
"\"necessary\""
"\"label\""
"\"description\""
"\"defaults\""
"\"consent_mode\""
"\"hubspot\""
"\"sale_or_share\""
"\"services\""
"\"name\""
"\"provider\""
"\"privacy_url\""
"\"category\""
"\"urls\""
"\"cookies\""
"\"purpose\""
"\"lifetime\""
"\"first_party\""
"\"gtag\""
"\"hubspot_tracking\""
"\"ad_storage\""
"\"analytics_storage\""
"\"functionality\""
"\"advertisement\""
"\"analytics\""
"\"google-analytics\""
"\"youtube\""
"\"13 months\""
"\"session\""
"\"en\""
"\"US-CA\""
"\"EU\""
"*."
DICT

run_one() {
  local name=$1
  local bin="$BUILD/tests/fuzz/${name}_fuzzer"
  local scratch="$BUILD/corpus/$name" artifacts="$BUILD/artifacts/$name/"
  local log="$BUILD/logs/$name.log"
  mkdir -p "$scratch" "$artifacts" "$BUILD/logs"
  local extra=()
  [ "$name" = policy_parser ] && extra+=(-dict="$BUILD/policy_parser.dict" -max_len=8192)
  local rc=0
  # shellcheck disable=SC2086
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts" "${extra[@]}" ${FUZZ_FLAGS:-} \
    "$scratch" "tests/fuzz/corpus/$name" >"$log" 2>&1 || rc=$?
  local execs cov
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  if [ "$rc" -eq 0 ]; then
    printf '%-14s ok      %10s executions in %ss, %s, scratch corpus %s files\n' \
      "$name" "${execs:-?}" "$seconds" "${cov:-cov: ?}" "$(ls "$scratch" | wc -l)"
  else
    printf '%-14s FOUND   see %s and %s\n' "$name" "$log" "$artifacts"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*fuzz check failed)' "$log" | head -5 || true
    return 1
  fi
  if [ "$update" -eq 1 ]; then
    "$bin" -merge=1 "tests/fuzz/corpus/$name" "$scratch" >"$BUILD/logs/$name.merge.log" 2>&1
    echo "$name: merged into tests/fuzz/corpus/$name ($(ls "tests/fuzz/corpus/$name" | wc -l) files)"
  fi
}

status=0
pids=()
for t in "${targets[@]}"; do
  if [ "$jobs" -le 1 ]; then
    run_one "$t" || status=1
  else
    run_one "$t" & pids+=($!)
    if [ ${#pids[@]} -ge "$jobs" ]; then
      wait "${pids[0]}" || status=1
      pids=("${pids[@]:1}")
    fi
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
