#!/usr/bin/env bash
# postgres-test.sh — runs a command against a throwaway PostgreSQL server.
#
#   scripts/postgres-test.sh ctest --test-dir build/native -R server
#
# Starts a private cluster of Debian's PostgreSQL (package `postgresql`) in a
# temporary folder, as an unprivileged user (the `postgres` system user when
# run as root), listening on 127.0.0.1 on a free port; runs the command with
# WAFER_PG_URL set to it; stops the cluster and deletes the folder, whatever
# the command did. Exits with the command's status.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS…]" >&2
  exit 2
fi

log() { printf '[postgres-test] %s\n' "$*" >&2; }

bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir=$d; break; fi
done
if [ -z "$bindir" ]; then
  log "PostgreSQL server binaries not found (apt-get install postgresql)"
  exit 1
fi

# initdb refuses to run as root: use the postgres system user then.
run_as=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    log "running as root and there is no 'postgres' user to own the cluster"
    exit 1
  fi
  owner=postgres
  run_as=(runuser -u postgres --)
fi

tmp=$(mktemp -d /tmp/wafer-pg.XXXXXX)
chmod 755 "$tmp"
[ "$owner" != "$(id -un)" ] && chown "$owner" "$tmp"

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
port=$(free_port)

cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"${run_as[@]}" "$bindir/initdb" -D "$tmp/data" -U wafer --auth=trust -E UTF8 --no-locale \
  >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
  || { cat "$tmp/server.log" >&2; exit 1; }

export WAFER_PG_URL="postgresql://wafer@127.0.0.1:$port/postgres"
log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (WAFER_PG_URL=$WAFER_PG_URL)"
set +e
"$@"
status=$?
set -e
log "command exited $status; stopping the cluster"
exit $status
