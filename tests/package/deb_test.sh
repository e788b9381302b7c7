#!/usr/bin/env bash
# deb_test.sh — the Debian package of wafer-server, end to end, as a site
# owner's machine sees it: builds the .deb with CPack from build/native,
# installs it with apt-get, checks what the maintainer scripts made (user,
# /var/lib/wafer, key ring, admin token) and that installing again changes
# none of it, starts the server exactly as its systemd unit would (the unit's
# ExecStart, EnvironmentFiles, User, UMask and WorkingDirectory, through
# setpriv: systemd need not be PID 1), fetches a site's wafer.js, posts a
# receipt carrying its page-view token, reads the receipt back from the admin
# API with the generated token (signature recomputed by the server), stops the server,
# then purges the package and checks that the user, the data, the generated
# token and the unit are gone. The package is purged on every exit, failure
# included.
#
#   bash tests/package/deb_test.sh     # as root; after scripts/build.sh
#
# Needs root (apt-get, a system user). Refuses to run when wafer-server is
# already installed or a user `wafer` exists: it would purge them.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
native=$root/build/native

log() { printf '[deb] %s\n' "$*"; }
fail() { printf '[deb] FAIL: %s\n' "$*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); printf '[deb] ok %d - %s\n' "$checks" "$*"; }

[ "$(id -u)" -eq 0 ] || fail "needs root (apt-get install, a system user); CI runs as root"

# One run at a time on this machine (the package and its user are global).
exec 9>/run/lock/wafer-deb-test.lock
flock -w 900 9 || fail "another deb_test.sh holds /run/lock/wafer-deb-test.lock"

if dpkg-query -W -f='${Status}' wafer-server 2>/dev/null | grep -q 'installed\|config-files'; then
  fail "wafer-server is already installed here: not touching it"
fi
getent passwd wafer >/dev/null && fail "a user wafer already exists here: not touching it"

for f in "$native/server/wafer-server" "$native/core/wafer" "$native/server/wafer-receipt-bodies" \
         "$native/CPackConfig.cmake" "$root/build/wasm/wasm/wafer-engine.wasm" "$root/js/dist/wafer.stub.js"; do
  [ -e "$f" ] || fail "$f is missing: run scripts/build.sh first"
done

tmp=$(mktemp -d /tmp/wafer-deb-test.XXXXXX)
chmod 0755 "$tmp"   # apt's _apt user reads the .deb from here
server_pid=""
installed=0
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    sleep 1
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -f /etc/wafer/policies/deb-test.json
  if [ $installed = 1 ] || dpkg-query -W -f='${Status}' wafer-server 2>/dev/null | grep -q 'installed\|config-files'; then
    log "cleanup: apt-get purge -y wafer-server"
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get -o DPkg::Lock::Timeout=300 purge -y -q wafer-server >"$tmp/purge-on-exit.log" 2>&1 ||
      { echo "[deb] cleanup: purge failed:" >&2; cat "$tmp/purge-on-exit.log" >&2; rc=1; }
  fi
  if [ $rc -ne 0 ] && [ -f "$tmp/server.err" ]; then
    echo "[deb] server log (stderr, last 20 lines):" >&2
    tail -n 20 "$tmp/server.err" >&2
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# JSON field of stdin, with node (a build requirement anyway).
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v?.[/^\d+$/.test(k)?+k:k];process.stdout.write(v===undefined?"":typeof v==="object"?JSON.stringify(v):String(v))})' "$1"; }

# --- 1. build and install ---------------------------------------------------
log "cpack -G DEB"
(cd "$native" && timeout 300 cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log" >&2; fail "cpack -G DEB failed"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$native/CPackConfig.cmake")
deb=$tmp/pkg/wafer-server_${version}_amd64.deb
[ -f "$deb" ] || { ls -l "$tmp/pkg" >&2; fail "no $(basename "$deb")"; }
chmod 0644 "$deb"
ok "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

fields=$(dpkg-deb -f "$deb" Package Version Architecture Depends)
grep -q '^Depends:.*libc6' <<<"$fields" || fail "Depends lacks the shared libraries (dpkg-shlibdeps): $fields"
grep -q '^Depends:.*publicsuffix' <<<"$fields" || fail "Depends lacks publicsuffix: $fields"
ok "control: $(tr '\n' ' ' <<<"$fields")"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/wafer-server ./usr/bin/wafer ./usr/share/wafer/engine/wafer-engine.wasm \
         ./usr/share/wafer/js/wafer.stub.js ./usr/share/wafer/js/wafer.loader.js \
         ./lib/systemd/system/wafer-server.service ./etc/wafer/wafer-server.env ./etc/wafer/policies/README; do
  grep -qxF "$f" <<<"$contents" || fail "$f is not in the package"
done
if grep -E 'test|bench|fuzz|CMakeFiles' <<<"$contents"; then fail "the package holds build or test files (above)"; fi
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
grep -qx /etc/wafer/wafer-server.env <<<"$conffiles" || fail "/etc/wafer/wafer-server.env is not a conffile"
ok "contents: binaries, browser files, unit, conffiles; no test or build files"

log "apt-get install -y ./$(basename "$deb")"
installed=1
DEBIAN_FRONTEND=noninteractive timeout 600 apt-get -o DPkg::Lock::Timeout=300 install -y -q "$deb" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail "apt-get install failed"; }
dpkg-query -W -f='${Status}' wafer-server | grep -q 'install ok installed' || fail "not installed after apt-get"
ok "installed with apt-get"

# --- 2. what postinst made -----------------------------------------------------
getent passwd wafer >/dev/null || fail "no user wafer"
[ "$(getent passwd wafer | cut -d: -f7)" = /usr/sbin/nologin ] || fail "user wafer has a login shell"
uid=$(id -u wafer)
[ "$uid" -lt 1000 ] || fail "user wafer is not a system user (uid $uid)"
[ "$(stat -c '%a %U %G' /var/lib/wafer)" = "700 wafer wafer" ] ||
  fail "/var/lib/wafer: $(stat -c '%a %U %G' /var/lib/wafer), expected 700 wafer wafer"
[ "$(stat -c '%a %U' /var/lib/wafer/keys.json)" = "600 wafer" ] ||
  fail "keys.json: $(stat -c '%a %U' /var/lib/wafer/keys.json), expected 600 wafer"
runuser -u wafer -- /usr/bin/wafer-server keys list --data /var/lib/wafer | grep -q '^k1 *active' ||
  fail "the key ring has no active key k1"
[ "$(stat -c '%a %U' /etc/wafer/admin-token.env)" = "600 root" ] || fail "admin-token.env is not 0600 root"
token=$(sed -n 's/^WAFER_ADMIN_TOKEN=//p' /etc/wafer/admin-token.env)
[ ${#token} -ge 32 ] || fail "generated admin token has ${#token} characters"
ok "postinst: system user wafer (uid $uid), /var/lib/wafer 0700, keys.json 0600 with k1 active, admin token of ${#token} chars in a 0600 file"

keys_sum=$(sha256sum /var/lib/wafer/keys.json)
token_sum=$(sha256sum /etc/wafer/admin-token.env)
DEBIAN_FRONTEND=noninteractive timeout 600 apt-get -o DPkg::Lock::Timeout=300 install -y -q --reinstall "$deb" >"$tmp/reinstall.log" 2>&1 ||
  { cat "$tmp/reinstall.log" >&2; fail "apt-get install --reinstall failed"; }
[ "$keys_sum" = "$(sha256sum /var/lib/wafer/keys.json)" ] || fail "reinstalling changed the key ring"
[ "$token_sum" = "$(sha256sum /etc/wafer/admin-token.env)" ] || fail "reinstalling changed the admin token"
[ "$(getent passwd wafer | cut -d: -f3)" = "$uid" ] || fail "reinstalling changed user wafer"
ok "installed again: same key ring, token and user"

# --- 3. configure a site, start as the unit does -------------------------------
install -m 0644 /usr/share/wafer/examples/policies/example.json /etc/wafer/policies/deb-test.json
/usr/bin/wafer check /etc/wafer/policies/deb-test.json >"$tmp/check.log" 2>&1 ||
  { cat "$tmp/check.log" >&2; fail "wafer check of the packaged example policy"; }
ok "wafer check of the packaged example policy"
# Any free loopback port: the server prints the one it took.
sed -i 's/^WAFER_LISTEN=.*/WAFER_LISTEN=127.0.0.1:0/' /etc/wafer/wafer-server.env

unit=/lib/systemd/system/wafer-server.service
unit_value() { sed -n "s/^$1=//p" "$unit"; }
[ "$(unit_value User)" = wafer ] || fail "the unit does not run as wafer"
exec_start=$(unit_value ExecStart)
[ -n "$exec_start" ] || fail "the unit has no ExecStart"
# systemd's expansion: "${VAR}" is one argument, "$VAR" is split on spaces.
env_args=()
while read -r f; do
  [ -r "$f" ] || fail "EnvironmentFile $f is missing"
  while IFS= read -r line; do
    case $line in ''|'#'*) continue ;; esac
    env_args+=("$line")
  done <"$f"
done < <(unit_value EnvironmentFile)
declare -A envv=()
for kv in "${env_args[@]}"; do envv[${kv%%=*}]=${kv#*=}; done
argv=()
for word in $exec_start; do
  if [[ $word =~ ^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$ ]]; then
    argv+=("${envv[${BASH_REMATCH[1]}]-}")
  elif [[ $word =~ ^\$([A-Za-z_][A-Za-z0-9_]*)$ ]]; then
    # shellcheck disable=SC2206
    argv+=(${envv[${BASH_REMATCH[1]}]-})
  else
    argv+=("$word")
  fi
done
[ "${argv[0]}" = /usr/bin/wafer-server ] || fail "ExecStart runs ${argv[0]}"
log "start: setpriv (user wafer) ${argv[*]}"
workdir=$(unit_value WorkingDirectory)
: >"$tmp/server.out"; : >"$tmp/server.err"
(
  cd "${workdir:-/}"
  umask "$(unit_value UMask)"
  exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${env_args[@]}" \
    setpriv --reuid=wafer --regid=wafer --init-groups -- "${argv[@]}" >"$tmp/server.out" 2>"$tmp/server.err"
) &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's|^wafer-server listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$tmp/server.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before listening"
  sleep 0.1
done
[ -n "$port" ] || fail "the server did not print that it listens within 30 s"
[ "$(ps -o user=,comm= -p "$server_pid" | tr -s ' ')" = "wafer wafer-server" ] ||
  fail "pid $server_pid is not wafer-server running as wafer: $(ps -o user=,comm= -p "$server_pid")"
base=http://127.0.0.1:$port
ok "started as the unit does (user wafer, its EnvironmentFiles), listening on $base"

c() { curl -sS --max-time 20 "$@"; }
for _ in $(seq 1 100); do
  [ "$(c -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
  sleep 0.1
done
[ "$(c -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] || fail "/readyz: $(c "$base/readyz")"

# --- 4. a page view and its receipt --------------------------------------------
stub=$(c "$base/v1/sites/example/wafer.js")
page_token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$stub")
[ -n "$page_token" ] || fail "no page-view token in wafer.js: ${stub:0:200}"
engine_url=$(grep -o '"engine":"[^"]*"' <<<"$stub" | head -1 | sed 's/"engine":"\(.*\)"/\1/')
[ -n "$engine_url" ] || fail "wafer.js names no engine"
engine_path=/${engine_url#*://*/}
got=$(c -o "$tmp/engine.wasm" -w '%{http_code} %{content_type}' "$base$engine_path")
[ "$got" = "200 application/wasm" ] || fail "engine $engine_path: $got"
cmp -s "$tmp/engine.wasm" /usr/share/wafer/engine/wafer-engine.wasm || fail "the served engine is not the packaged one"
ok "wafer.js carries a page-view token; it names the packaged engine ($engine_path), served as application/wasm"

body=$("$native/server/wafer-receipt-bodies" /etc/wafer/policies/deb-test.json 1 "$page_token")
consent_id=$(json consent_id <<<"$body")
code=$(c -o "$tmp/post.json" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "$body" "$base/v1/consents")
[ "$code" = 201 ] || fail "POST /v1/consents: $code $(cat "$tmp/post.json")"
receipt_id=$(json receipt_id <"$tmp/post.json")
key_id=$(json key_id <"$tmp/post.json")
[ ${#receipt_id} = 32 ] && [ "$key_id" = k1 ] || fail "receipt answer: $(cat "$tmp/post.json")"
ok "POST /v1/consents: 201, receipt $receipt_id signed with $key_id"

code=$(c -o /dev/null -w '%{http_code}' "$base/v1/admin/receipts/$consent_id")
[ "$code" = 401 ] || fail "admin API without the token: $code"
code=$(c -o "$tmp/proof.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$base/v1/admin/receipts/$consent_id")
[ "$code" = 200 ] || fail "GET /v1/admin/receipts/$consent_id: $code $(cat "$tmp/proof.json")"
proof=$(cat "$tmp/proof.json")
[ "$(json receipts.0.receipt_id <<<"$proof")" = "$receipt_id" ] || fail "proof names another receipt: $proof"
[ "$(json receipts.0.signature_valid <<<"$proof")" = true ] || fail "signature not valid: $proof"
[ "$(json receipts.0.trustworthy <<<"$proof")" = true ] || fail "receipt not trustworthy: $proof"
[ "$(json receipts.0.page_view <<<"$proof")" = verified ] || fail "page view not verified: $proof"
ok "admin API with the generated token: the receipt, signature_valid, trustworthy, page view verified"
[ "$(c -H "Authorization: Bearer $token" "$base/v1/admin/keys" | json keys.0.id)" = k1 ] ||
  fail "GET /v1/admin/keys: $(c -H "Authorization: Bearer $token" "$base/v1/admin/keys")"
[ "$(stat -c '%U %a' /var/lib/wafer/wafer.db)" = "wafer 600" ] ||
  fail "wafer.db: $(stat -c '%U %a' /var/lib/wafer/wafer.db), expected wafer 600 (the unit's UMask)"
ok "receipts stored in /var/lib/wafer/wafer.db (wafer, 0600)"

# --- 5. stop, purge --------------------------------------------------------------
kill -TERM "$server_pid"
rc=0
for _ in $(seq 1 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server_pid" 2>/dev/null && fail "the server did not stop within 30 s of SIGTERM"
wait "$server_pid" || rc=$?
server_pid=""
[ $rc = 0 ] || fail "the server exited with status $rc on SIGTERM"
ok "stopped on SIGTERM, exit status 0"

rm -f /etc/wafer/policies/deb-test.json
DEBIAN_FRONTEND=noninteractive timeout 300 apt-get -o DPkg::Lock::Timeout=300 purge -y -q wafer-server >"$tmp/purge.log" 2>&1 ||
  { cat "$tmp/purge.log" >&2; fail "apt-get purge failed"; }
installed=0
dpkg-query -W -f='${Status}' wafer-server 2>/dev/null | grep -q 'installed\|config-files' && fail "still known to dpkg after purge"
getent passwd wafer >/dev/null && fail "user wafer is still there after purge"
getent group wafer >/dev/null && fail "group wafer is still there after purge"
for f in /var/lib/wafer /etc/wafer /lib/systemd/system/wafer-server.service /usr/bin/wafer-server /usr/share/wafer; do
  [ -e "$f" ] && fail "$f is still there after purge"
done
ok "purged: no user or group wafer, no /var/lib/wafer, /etc/wafer, unit, binaries or browser files"
log "all $checks checks passed"
