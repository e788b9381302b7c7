#!/usr/bin/env bash
# setup.sh — installs everything Wafer's build, tests and demo need on Debian
# bookworm. Idempotent: it asks apt for nothing when every package is present,
# and runs `npm ci` only when package-lock.json changed since the last run.
#
#   scripts/setup.sh          # called by build.sh, test.sh and demo.sh
#
# Add a package: append it to WAFER_APT_PACKAGES below (the only list).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages. "pkg" is satisfied when dpkg reports it installed;
# "pkg=cmd" is also satisfied when `cmd` is on PATH (for packages another one
# may provide: NodeSource's nodejs bundles npm and conflicts with Debian's).
WAFER_APT_PACKAGES=(
  build-essential       # g++, make, patch
  cmake
  pkg-config
  nlohmann-json3-dev    # policy JSON (native only)
  libabsl-dev           # native Abseil; the WASM build compiles Debian's source
  googletest libgtest-dev libgmock-dev
  libbenchmark-dev
  emscripten            # 3.1.6, with clang-14 and binaryen
  clang-14 libclang-rt-14-dev   # libFuzzer
  publicsuffix          # /usr/share/publicsuffix/public_suffix_list.dafsa (and .dat)
  libpsl-dev libidn2-dev  # public suffixes (libpsl) with IDNA, for the policy compiler
  nodejs=node
  npm=npm
  dpkg-dev              # apt-get source (scripts/absl-wasm.sh, scripts/psl-wasm.sh)
  autoconf automake libtool autopoint gettext  # scripts/psl-wasm.sh: libpsl's source needs autoreconf
  xz-utils gzip
  chromium              # tests/e2e: headless browser driven by npm playwright-core
  openssl               # tests/package/npm_test.sh: the SRI hashes recomputed apart from Node
  libboost1.81-dev      # wafer-server's HTTP front end (Boost.Asio + Boost.Beast, header-only)
  libsqlite3-dev libpq-dev libssl-dev zlib1g-dev libbrotli-dev  # wafer-server
  libcpp-httplib-dev    # tests/server's HTTP(S) client
  postgresql wrk        # server tests' throwaway cluster (scripts/postgres-test.sh), bench/server_bench.sh
  tmux                  # tests/audit/terminal.test.mjs: wafer-audit under a real pseudo-terminal
  curl                  # tests/package/deb_test.sh: HTTP client for the installed server
)

log() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

missing=()
for entry in "${WAFER_APT_PACKAGES[@]}"; do
  pkg=${entry%%=*}
  cmd=""
  [ "$entry" != "$pkg" ] && cmd=${entry#*=}
  if installed "$pkg"; then continue; fi
  if [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1; then continue; fi
  missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages: all ${#WAFER_APT_PACKAGES[@]} present"
fi

# JavaScript tooling (npm workspace at the repository root). The stamp holds
# the lock file's hash, so `npm ci` runs once per lock-file change.
if [ -f package-lock.json ]; then
  stamp=node_modules/.wafer-setup-stamp
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    mkdir -p node_modules
    echo "$want" > "$stamp"
  else
    log "node_modules: up to date"
  fi
fi
