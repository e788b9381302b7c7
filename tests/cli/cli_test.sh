#!/usr/bin/env bash
# cli_test.sh — the `wafer` command line as users run it.
#
#   tests/cli/cli_test.sh path/to/wafer
#   tests/cli/cli_test.sh node build/wasm/cli/wafer-cli.cjs    # the Node CLI
#
# Checks exit statuses and what is printed: a valid policy passes, a broken one
# names the JSON path and the reason and exits 1, a compiled policy is accepted
# in place of JSON, `evaluate` decides, applies a choice and explains, and
# `bundle` writes the static files for a site without the server.
#
# The program is a command with its arguments (all of this script's
# arguments). For tests/cli/cli_diff.sh, which runs the suite against two
# programs and compares them byte for byte:
#   WAFER_CLI_TMP=DIR     work in DIR (empty, kept afterwards) instead of a
#                         fresh temporary directory
#   WAFER_CLI_RECORD=DIR  write each check's stdout, stderr and exit status
#                         to DIR/NAME.out, NAME.err, NAME.status
set -uo pipefail
if [ $# -eq 0 ]; then echo "usage: $0 WAFER-COMMAND [ARGS...]" >&2; exit 2; fi
wafer=("$@")
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${WAFER_CLI_TMP:-}" ]; then
  tmp=$WAFER_CLI_TMP
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
fi
record=${WAFER_CLI_RECORD:-}
[ -z "$record" ] || mkdir -p "$record"
passed=0 failed=0

expect() {  # expect NAME WANT_STATUS PATTERN -- COMMAND...
  local name=$1 want=$2 pattern=$3; shift 4
  local out status o e
  o=$(mktemp) e=$(mktemp)
  "$@" >"$o" 2>"$e"; status=$?
  out=$(cat "$o" "$e")
  if [ -n "$record" ]; then
    cp "$o" "$record/$name.out"; cp "$e" "$record/$name.err"; echo "$status" > "$record/$name.status"
  fi
  rm -f "$o" "$e"
  if [ "$status" -ne "$want" ]; then
    echo "FAIL $name: exit $status, want $want"; echo "$out" | head -20; failed=$((failed + 1)); return
  fi
  if ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL $name: output lacks /$pattern/"; echo "$out" | head -20; failed=$((failed + 1)); return
  fi
  echo "ok   $name"; passed=$((passed + 1))
}

expect check_valid 0 '^ok: .*site "kalido", revision 1' -- "${wafer[@]}" check "$root/demo/policies/kalido.json"
expect check_duplicate 1 'broken_duplicate_id.json: \[wafer.policy.duplicate_id\] categories\[2\]\.id: duplicate id "analytics"' \
  -- "${wafer[@]}" check "$root/tests/data/policies/broken_duplicate_id.json"
expect check_unknown_key 1 'did you mean "lifetime_months"' \
  -- "${wafer[@]}" check "$root/tests/data/policies/broken_unknown_key.json"
expect check_syntax 1 '\[wafer.policy.syntax\] invalid JSON at line' \
  -- "${wafer[@]}" check "$root/tests/data/policies/broken_syntax.json"
expect check_missing_file 1 'cannot read file' -- "${wafer[@]}" check "$tmp/none.json"
# A category mixing a video with advertising: a warning with a stable code, exit 0.
expect check_mixed_category 0 'kashop.json: warning: \[wafer.policy.mixed_category\] categories\[3\]: "marketing" mixes .*"youtube" in "media"' \
  -- "${wafer[@]}" check "$root/demo/policies/kashop.json"
expect check_mixed_category_ok 0 '^ok: .*site "kashop", .*1 warning' -- "${wafer[@]}" check "$root/demo/policies/kashop.json"
# A policy language no bundled banner shows: an error (visitors would read another language).
sed 's/"languages": \["fr", "en"\]/"languages": ["fr", "en", "ja"]/' "$root/demo/policies/kalido.json" > "$tmp/ja.json"
expect check_language_without_bundle 1 'languages\[2\]: no banner is bundled in "ja": visitors would read another language' \
  -- "${wafer[@]}" check "$tmp/ja.json"
sed 's/^      "fr": {"title"/      "pt": {"title"/' "$root/demo/policies/kalido.json" > "$tmp/texts_pt.json"
expect check_texts_unlisted_language 1 'banner.texts.pt: language "pt" is not listed in "languages": these texts would never be shown$' \
  -- "${wafer[@]}" check "$tmp/texts_pt.json"
expect usage 2 'usage: wafer' -- "${wafer[@]}" frobnicate
expect usage_none 2 'usage: wafer' -- "${wafer[@]}"
expect help 0 '^options: --psl PATH' -- "${wafer[@]}" --help
expect unknown_option 2 'wafer: unknown option --frob' -- "${wafer[@]}" check --frob
expect catalogue 0 '"id": "google-analytics"' -- "${wafer[@]}" catalogue

expect compile 0 '' -- "${wafer[@]}" compile "$root/demo/policies/kallu.json" -o "$tmp/kallu.bin"
expect compile_unwritable 1 'wafer: .*/no/such/dir/x\.bin: cannot write' \
  -- "${wafer[@]}" compile "$root/demo/policies/kallu.json" -o "$tmp/no/such/dir/x.bin"
expect compiled_magic 0 '^WFP' -- head -c 3 "$tmp/kallu.bin"
# To stdout, byte for byte what -o writes.
stdout_is() { local file=$1; shift; "$@" | cmp - "$file"; }
expect compile_stdout 0 '' -- stdout_is "$tmp/kallu.bin" "${wafer[@]}" compile "$root/demo/policies/kallu.json"
# --psl: the published text format works as the DAFSA does; a missing list is an error.
expect psl_text 0 '' -- stdout_is "$tmp/kallu.bin" \
  "${wafer[@]}" compile "$root/demo/policies/kallu.json" --psl /usr/share/publicsuffix/public_suffix_list.dat
expect psl_missing 1 'cannot read the Public Suffix List at .*/none\.dafsa' \
  -- "${wafer[@]}" check "$root/demo/policies/kallu.json" --psl "$tmp/none.dafsa"
# Public suffixes (libpsl over the list): ICANN, private (github.io) and IDN
# (公司.cn as A-labels) suffixes are refused as site domains; names under them pass.
domains() { sed "s/\"domains\": \[[^]]*\]/\"domains\": [$1]/" "$root/demo/policies/kallu.json"; }
domains '"shop.kallu.co.uk", "kallu.github.io", "xn--fsqu00a.xn--55qx5d.cn"' > "$tmp/under_suffixes.json"
expect psl_under_suffixes 0 '^ok: .*site "kallu"' -- "${wafer[@]}" check "$tmp/under_suffixes.json"
expect psl_under_suffixes_compiled 0 '^V0ZQ' -- "${wafer[@]}" compile "$tmp/under_suffixes.json" --format base64
domains '"kallu.cc", "co.uk"' > "$tmp/icann_suffix.json"
expect psl_icann_suffix 1 'site\.domains\[1\]: "co\.uk" is a public suffix' -- "${wafer[@]}" check "$tmp/icann_suffix.json"
domains '"github.io"' > "$tmp/private_suffix.json"
expect psl_private_suffix 1 '"github\.io" is a public suffix' -- "${wafer[@]}" check "$tmp/private_suffix.json"
domains '"kallu.cc", "xn--55qx5d.cn"' > "$tmp/idn_suffix.json"
expect psl_idn_suffix 1 '"xn--55qx5d\.cn" is a public suffix' -- "${wafer[@]}" check "$tmp/idn_suffix.json"
# The text list names IDN suffixes in Unicode (公司.cn): libpsl converts them to
# A-labels when it loads the list, so the text list decides as the DAFSA does.
dat=/usr/share/publicsuffix/public_suffix_list.dat
expect psl_text_idn_suffix 1 '"xn--55qx5d\.cn" is a public suffix' \
  -- "${wafer[@]}" check "$tmp/idn_suffix.json" --psl "$dat"
expect psl_dafsa_compile 0 '' -- "${wafer[@]}" compile "$tmp/under_suffixes.json" -o "$tmp/under_suffixes.bin"
expect psl_text_same_bytes 0 '' -- stdout_is "$tmp/under_suffixes.bin" \
  "${wafer[@]}" compile "$tmp/under_suffixes.json" --psl "$dat"
expect compile_base64 0 '^V0ZQ' -- "${wafer[@]}" compile "$root/demo/policies/kallu.json" --format base64

cat > "$tmp/first.json" <<'JSON'
{"now": "2026-01-15T10:00:00Z", "region": "FR", "host": "www.kallu.test", "path": "/",
 "cookies": "_ga=GA1.1.1; _gcl_au=1.1.1",
 "elements": [{"kind": "script", "url": "https://www.googletagmanager.com/gtag/js?id=G-KALLU1"}]}
JSON
expect evaluate_first_visit 0 '"reason": "first-visit"' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/first.json"
expect evaluate_explains 0 'Keep https://www.googletagmanager.com/gtag/js\?id=G-KALLU1: service \\"google-analytics\\"' \
  -- "${wafer[@]}" evaluate "$root/demo/policies/kallu.json" "$tmp/first.json"
# FACTS "-": read from stdin.
with_stdin() { local file=$1; shift; "$@" < "$file"; }
expect evaluate_stdin 0 '"reason": "first-visit"' \
  -- with_stdin "$tmp/first.json" "${wafer[@]}" evaluate "$tmp/kallu.bin" -
expect evaluate_deletes 0 '"name": "_gcl_au"' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/first.json"

sed 's/"elements"/"choice": {"action": "custom", "services": {"google-ads": true}}, "elements"/' "$tmp/first.json" > "$tmp/ads_only.json"
expect apply_one_service 0 '"services": \[\s*$' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/ads_only.json"
expect apply_one_service_named 0 'services: \[\\"google-ads\\"\]' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/ads_only.json"
expect evaluate_language 0 '"language": "en"' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/first.json"
sed 's/"elements"/"choice": {"action": "accept-all"}, "elements"/' "$tmp/first.json" > "$tmp/accept.json"
expect apply_accept_all 0 '"method": "accept-all"' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/accept.json"
expect apply_releases 0 '"verdict": "release"' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/accept.json"

# Consent Mode "advanced": a warning under opt-in (exit 0), GA4 released cookieless
# before consent, its cookie still deleted; a mistyped value is an error.
sed 's/"revision": 1,/"revision": 1, "consent": {"consent_mode": "advanced"},/' "$root/demo/policies/kallu.json" > "$tmp/kallu_advanced.json"
expect check_advanced_warns 0 'warning: \[wafer.policy.advanced_consent_mode\] consent.consent_mode: "advanced" under the opt-in regime .*cookieless pings .*IP address and user agent' \
  -- "${wafer[@]}" check "$tmp/kallu_advanced.json"
expect evaluate_advanced_cookieless 0 '"reason": "cookieless"' -- "${wafer[@]}" evaluate "$tmp/kallu_advanced.json" "$tmp/first.json"
expect evaluate_advanced_explains 0 'Consent Mode advanced: \[\\"google-analytics\\",\\"google-ads\\"\]' \
  -- "${wafer[@]}" evaluate "$tmp/kallu_advanced.json" "$tmp/first.json"
expect evaluate_advanced_deletes_ga 0 '"name": "_ga"' -- "${wafer[@]}" evaluate "$tmp/kallu_advanced.json" "$tmp/first.json"
# Google Tag Manager under necessary: what its tags need under "advanced", the
# contradiction under "basic" (warnings, exit 0).
sed 's/"services": \[/"services": [{"id": "google-tag-manager", "category": "necessary"},/' "$tmp/kallu_advanced.json" > "$tmp/kallu_gtm.json"
expect check_gtm_necessary_advanced 0 'warning: \[wafer.policy.tag_manager_necessary\] services\[0\].category: "google-tag-manager" is a tag manager in the necessary category .*custom event wafer_consent' \
  -- "${wafer[@]}" check "$tmp/kallu_gtm.json"
sed 's/"services": \[/"services": [{"id": "google-tag-manager", "category": "necessary"},/' "$root/demo/policies/kallu.json" > "$tmp/kallu_gtm_basic.json"
expect check_gtm_necessary_basic 0 'warning: \[wafer.policy.tag_manager_necessary\] services\[0\].category: .*contradicts Consent Mode "basic"' \
  -- "${wafer[@]}" check "$tmp/kallu_gtm_basic.json"
sed 's/"revision": 1,/"revision": 1, "consent": {"consent_mode": "advance"},/' "$root/demo/policies/kallu.json" > "$tmp/kallu_advance.json"
expect check_consent_mode_typo 1 'consent.consent_mode: unknown Consent Mode implementation "advance"; did you mean "advanced"\?' \
  -- "${wafer[@]}" check "$tmp/kallu_advance.json"

echo '{"now": "yesterday"}' > "$tmp/bad_facts.json"
expect facts_bad_time 1 'now: expected an RFC 3339 time' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/bad_facts.json"
echo '{"now": 1, "elements": [{"kind": "video"}]}' > "$tmp/bad_kind.json"
expect facts_bad_kind 1 'elements\[0\]\.kind: expected one of script' -- "${wafer[@]}" evaluate "$tmp/kallu.bin" "$tmp/bad_kind.json"
head -c 100 "$tmp/kallu.bin" > "$tmp/truncated.bin"
expect compiled_truncated 1 'not a valid compiled policy' -- "${wafer[@]}" evaluate "$tmp/truncated.bin" "$tmp/first.json"

# bundle: the static build for sites without the server, from templates
# written here (js/dist and the WASM engine need not be built).
mkdir -p "$tmp/js" "$tmp/engine"
echo '(function(){window.__cfg=/*@WAFER_CONFIG@*/null;})();' > "$tmp/js/wafer.stub.js"
echo 'console.log("loader");' > "$tmp/js/wafer.loader.js"
echo 'console.log("placeholder");' > "$tmp/js/wafer.placeholder.js"
printf '\0asm\1\0\0\0' > "$tmp/engine/wafer-engine.wasm"
# One template per bundled language: one per string table.
for lang in $(cd "$root/js/src/banner/strings" && ls *.js | sed 's/\.js$//'); do
  echo "(function(){window.__banner_$lang=/*@WAFER_BANNER@*/null;})();" > "$tmp/js/wafer.banner.$lang.js"
done
bundle() { "${wafer[@]}" bundle "$@" --js "$tmp/js" --engine "$tmp/engine"; }
expect bundle_writes 0 'wrote .*/out/banner\.nl\.js' \
  -- bundle "$root/demo/policies/kalido.json" --out "$tmp/out" --base-url https://cdn.example/kalido/
expect bundle_warns_without_receipts 0 'no proof of consent is kept; GDPR art\. 7\(1\)' \
  -- bundle "$root/demo/policies/kalido.json" --out "$tmp/out" --base-url https://cdn.example/kalido
expect bundle_config_urls 0 '"engine":"https://cdn.example/kalido/wafer-engine.wasm"' -- cat "$tmp/out/wafer.js"
expect bundle_config_banner 0 '"banner":"https://cdn.example/kalido/banner.\{lang\}.js"' -- cat "$tmp/out/wafer.js"
expect bundle_config_no_receipts 0 '"receipts":""' -- cat "$tmp/out/wafer.js"
expect bundle_no_placeholder_left 1 '' -- grep -l 'WAFER_' "$tmp/out/wafer.js" "$tmp/out/banner.fr.js"
expect bundle_banner_data 0 '"site":"kalido","lang":"fr".*"title":"Vos choix de confidentialit' -- cat "$tmp/out/banner.fr.js"
expect bundle_engine_copied 0 '' -- cmp "$tmp/engine/wafer-engine.wasm" "$tmp/out/wafer-engine.wasm"
expect bundle_placeholder_copied 0 '' -- cmp "$tmp/js/wafer.placeholder.js" "$tmp/out/wafer.placeholder.js"
expect bundle_config_placeholder 0 '"placeholder":"https://cdn.example/kalido/wafer.placeholder.js"' -- cat "$tmp/out/wafer.js"
expect bundle_receipts 0 'receipts are posted to https://consent\.example/v1/consents' \
  -- bundle "$root/demo/policies/kalido.json" --out "$tmp/out2" --base-url /wafer \
     --receipts https://consent.example/v1/consents --region US-CA
expect bundle_receipts_config 0 '"receipts":"https://consent.example/v1/consents".*"region":"US-CA"|"region":"US-CA".*"receipts":"https://consent.example/v1/consents"' \
  -- cat "$tmp/out2/wafer.js"
expect bundle_relative_base 0 '"loader":"/wafer/wafer.loader.js"' -- cat "$tmp/out2/wafer.js"
expect bundle_needs_out 2 'bundle needs --out DIR' -- bundle "$root/demo/policies/kalido.json" --base-url /w
expect bundle_bad_base 1 '--base-url ftp://x: expected an http\(s\) URL' \
  -- bundle "$root/demo/policies/kalido.json" --out "$tmp/o3" --base-url ftp://x
expect bundle_bad_region 1 '--region fr: expected an ISO 3166 code' \
  -- bundle "$root/demo/policies/kalido.json" --out "$tmp/o3" --base-url /w --region fr
expect bundle_compiled_policy 1 'bundle needs the JSON policy' \
  -- bundle "$tmp/kallu.bin" --out "$tmp/o3" --base-url /w
expect bundle_broken_policy 1 'unknown_key' \
  -- bundle "$root/tests/data/policies/broken_unknown_key.json" --out "$tmp/o3" --base-url /w
rm "$tmp/js/wafer.banner.it.js"
echo 'var a=/*@WAFER_BANNER@*/null,b=/*@WAFER_BANNER@*/null;' > "$tmp/js/wafer.banner.nl.js"
expect bundle_missing_template 1 'wafer.banner.it.js: cannot read file' \
  -- bundle "$root/demo/policies/kalido.json" --out "$tmp/o3" --base-url /w
expect bundle_twice_placeholder 1 'wafer.banner.nl.js: not a template: /\*@WAFER_BANNER@\*/null occurs 2 times' \
  -- bundle "$root/demo/policies/kalido.json" --out "$tmp/o3" --base-url /w
expect bundle_writes_nothing_on_error 1 '' -- test -e "$tmp/o3"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
