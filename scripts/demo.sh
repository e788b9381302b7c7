#!/usr/bin/env bash
# demo.sh — Wafer's main job: installs what is missing, builds what the demo runs,
# checks the five demo policies with the `wafer` CLI, then runs the consent
# server (SQLite store in build/demo-data) serving the five demo sites, the
# loader, the WASM engine and the admin dashboard. Ctrl-C stops it.
#
#   scripts/demo.sh
#
# Environment: WAFER_DEMO_PORT (default 8080), WAFER_ADMIN_TOKEN (default
# "demo"), WAFER_DEMO_LISTEN (default 127.0.0.1).
#
# The server runs with --demo: that is what lets the admin token be as short
# as "demo", and it listens on loopback only (127.0.0.0/8 or ::1; any other
# WAFER_DEMO_LISTEN is refused). To serve beyond this machine, run
# wafer-server yourself with a real token (docs/server.md, "Running it on the
# Internet").
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# Only what runs below: the CLI, the server, the engine and the bundles (the
# tests and benchmarks are scripts/test.sh's).
WAFER_SKIP_SETUP=1 bash scripts/build.sh demo

log() { printf '[demo] %s\n' "$*"; }

port=${WAFER_DEMO_PORT:-8080}
listen=${WAFER_DEMO_LISTEN:-127.0.0.1}
token=${WAFER_ADMIN_TOKEN:-demo}
wafer=build/native/core/wafer
server=build/native/server/wafer-server

for policy in demo/policies/*.json; do
  "$wafer" check "$policy"
done

# What one first visit from France to kalido looks like, decided by the CLI.
facts=build/demo/first-visit-kalido.json
mkdir -p build/demo
cat > "$facts" <<'JSON'
{"now": "2026-01-15T10:00:00Z", "region": "FR", "languages": ["fr-FR"],
 "host": "www.kalido.localhost", "path": "/", "cookies": "_ga=GA1.1.1",
 "elements": [{"kind": "script", "url": "https://www.googletagmanager.com/gtag/js?id=G-KALIDO1"}]}
JSON
log "\$ $wafer evaluate demo/policies/kalido.json $facts"
"$wafer" evaluate demo/policies/kalido.json "$facts" | sed -n '/"explanation"/,/\]/p'

mkdir -p build/demo-data
cat <<EOF

[demo] The five demo sites, served by wafer-server on port $port:
[demo]   http://www.kaloom.localhost:$port/     (HubSpot, GA; opt-in)
[demo]   http://www.kallu.localhost:$port/      (GA + Google Ads; opt-in)
[demo]   http://www.kalido.localhost:$port/     (French, CNIL 13 months)
[demo]   http://www.kaizenify.localhost:$port/  (US opt-out, GPC)
[demo]   http://www.kaleyra.localhost:$port/    (HubSpot, social embeds click-to-load)
[demo] *.localhost resolves to this machine in Chromium and Firefox.
[demo] Try another region: send the header X-Wafer-Region: US-CA (the demo's
[demo] trusted geo header). Consent receipts: http://127.0.0.1:$port/admin/
[demo] (token: $token — short tokens are allowed only with --demo, on loopback).
[demo] Stop with Ctrl-C.

EOF
exec "$server" --listen "$listen:$port" --policies demo/policies --sites demo/sites \
  --engine build/wasm/wasm --js js/dist --data build/demo-data \
  --geo-header X-Wafer-Region --admin-token "$token" --demo
