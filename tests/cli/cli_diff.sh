#!/usr/bin/env bash
# cli_diff.sh — two `wafer` programs, byte for byte: runs tests/cli/cli_test.sh
# against each, in the same working directory path, and compares every
# check's stdout, stderr and exit status, then every file the suite left.
#
#   tests/cli/cli_diff.sh build/native/core/wafer -- node build/wasm/cli/wafer-cli.cjs
#
# WAFER_CLI_DIFF_DEFAULT_PSL=PATH: the second program's default --psl, which
# only `usage` text prints; it is read as the first one's (Debian's path) before
# comparing. That is the only normalisation.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
a=() b=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do a+=("$1"); shift; done
[ $# -gt 0 ] && shift
b=("$@")
if [ ${#a[@]} -eq 0 ] || [ ${#b[@]} -eq 0 ]; then
  echo "usage: $0 WAFER-A [ARGS...] -- WAFER-B [ARGS...]" >&2
  exit 2
fi
base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
debian_psl=/usr/share/publicsuffix/public_suffix_list.dafsa

run() {  # run NAME COMMAND... → $base/NAME (records), $base/NAME.files (what was left)
  local name=$1; shift
  rm -rf "$base/work"; mkdir "$base/work"
  WAFER_CLI_TMP=$base/work WAFER_CLI_RECORD=$base/$name \
    bash "$here/cli_test.sh" "$@" > "$base/$name.log" 2>&1
  local rc=$?
  echo "$name: $(tail -1 "$base/$name.log") (exit $rc): ${*}"
  mv "$base/work" "$base/$name.files"
}
run a "${a[@]}"
run b "${b[@]}"

if [ -n "${WAFER_CLI_DIFF_DEFAULT_PSL:-}" ]; then
  for f in "$base"/b/*.out "$base"/b/*.err; do
    # A literal replacement (no regular expression on the path).
    WANT=$WAFER_CLI_DIFF_DEFAULT_PSL TO=$debian_psl perl -0pi -e 's/\Q$ENV{WANT}\E/$ENV{TO}/g' "$f"
  done
fi

same=0 differ=0
for f in "$base"/a/*.status; do
  name=$(basename "$f" .status)
  ok=1
  for kind in out err status; do
    if [ ! -f "$base/b/$name.$kind" ]; then
      echo "DIFF $name: no $kind from the second program"; ok=0
    elif ! cmp -s "$base/a/$name.$kind" "$base/b/$name.$kind"; then
      echo "DIFF $name ($kind):"
      diff -u --label a --label b "$base/a/$name.$kind" "$base/b/$name.$kind" | head -20
      ok=0
    fi
  done
  if [ $ok -eq 1 ]; then same=$((same + 1)); else differ=$((differ + 1)); fi
done
for f in "$base"/b/*.status; do
  [ -f "$base/a/$(basename "$f")" ] || { echo "DIFF $(basename "$f" .status): only the second program ran it"; differ=$((differ + 1)); }
done
files_same=1
if ! diff -r "$base/a.files" "$base/b.files" > "$base/files.diff" 2>&1; then
  echo "DIFF files left by the suite:"; head -20 "$base/files.diff"; files_same=0
fi
echo "$same checks identical (stdout, stderr, exit status), $differ differ;" \
     "files left: $([ $files_same -eq 1 ] && echo identical || echo DIFFERENT)"
[ $same -gt 0 ] && [ $differ -eq 0 ] && [ $files_same -eq 1 ]
