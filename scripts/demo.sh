#!/usr/bin/env bash
# demo.sh — Wafer's main command: installs what is missing, builds, then runs
# the CLI over the demo policies: `wafer check` on each policy, and
# `wafer evaluate` on each sample in demo/facts/.
#
#   scripts/demo.sh
#
# (The loader demo and the consent server join this script as they land.)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
WAFER_SKIP_SETUP=1 bash scripts/build.sh

log() { printf '[demo] %s\n' "$*"; }

wafer=""
for candidate in build/native/core/cli/wafer build/native/core/wafer build/native/cli/wafer; do
  if [ -x "$candidate" ]; then wafer=$candidate; break; fi
done
if [ -z "$wafer" ]; then
  log "NOTE: the wafer CLI is not built yet (expected build/native/core/cli/wafer);"
  log "      nothing to demonstrate beyond the build."
  exit 0
fi

# Until demo/facts/ holds per-site samples, three generic page views.
write_sample_facts() {
  local dir=build/demo/facts
  mkdir -p "$dir"
  local elements='[
    {"kind": "script", "url": "https://www.googletagmanager.com/gtag/js?id=G-DEMO"},
    {"kind": "script", "url": "https://js.hs-scripts.com/1234567.js"},
    {"kind": "iframe", "url": "https://www.youtube.com/embed/dQw4w9WgXcQ"},
    {"kind": "script", "url": "https://cdn.example.net/widget.js"}]'
  cat > "$dir/1-first-visit-fr.json" <<JSON
{"now": "2026-01-15T10:00:00Z", "region": "FR", "languages": ["fr-FR", "en"],
 "host": "www.example.com", "path": "/", "cookies": "_ga=GA1.1.123.456; other=1",
 "elements": $elements}
JSON
  cat > "$dir/2-first-visit-us-ca-gpc.json" <<JSON
{"now": "2026-01-15T10:00:00Z", "region": "US-CA", "gpc": true, "languages": ["en-US"],
 "host": "www.example.com", "path": "/pricing", "cookies": "",
 "elements": $elements}
JSON
  cat > "$dir/3-accept-all-de.json" <<JSON
{"now": "2026-01-15T10:00:00Z", "region": "DE", "languages": ["de-DE"],
 "host": "www.example.com", "path": "/", "cookies": "",
 "fresh_id": "00112233445566778899aabbccddeeff",
 "elements": $elements, "choice": {"action": "accept-all"}}
JSON
  echo "$dir"
}

shopt -s nullglob
policies=(demo/policies/*.json)
facts=(demo/facts/*.json)
if [ ${#facts[@]} -eq 0 ]; then
  facts=("$(write_sample_facts)"/*.json)
fi
if [ ${#policies[@]} -eq 0 ]; then
  log "NOTE: no demo policies in demo/policies/ yet."
  exit 0
fi

for policy in "${policies[@]}"; do
  log "===== $policy"
  log "\$ $wafer check $policy"
  "$wafer" check "$policy"
  for f in "${facts[@]}"; do
    log "\$ $wafer evaluate $policy $f"
    "$wafer" evaluate "$policy" "$f"
  done
done
log "done: ${#policies[@]} policies, ${#facts[@]} fact samples each"
