#!/usr/bin/env bash
# absl-wasm.sh — prepares the Abseil source tree the WASM build compiles.
#
# Debian ships Abseil (LTS 20220623) only as a host build, so the WASM build
# compiles Debian's source package: the upstream (orig) tarball plus only
# debian/patches/CVE-2025-0838.patch. Debian's other patches are left out on
# purpose: latomic.diff adds linker flags that wasm-ld rejects. See
# /work/shared/TOOLCHAIN.md ("Abseil for WASM").
#
#   scripts/absl-wasm.sh      # → build/_deps/abseil-src (cached, stamped)
#
# The top-level CMakeLists.txt adds the tree with EXCLUDE_FROM_ALL, so only
# the Abseil targets the engine links (absl::civil_time) are compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

DEPS=$root/build/_deps
SRC=$DEPS/abseil-src
DL=$DEPS/abseil-download
STAMP=$SRC/.wafer-abseil-stamp
PATCH_NAME=CVE-2025-0838.patch

log() { printf '[absl-wasm] %s\n' "$*"; }
# shellcheck source=scripts/deb-src.sh
. "$root/scripts/deb-src.sh"

if [ -f "$STAMP" ]; then
  log "cached: $SRC ($(cat "$STAMP"))"
  exit 0
fi

# 1. A deb-src entry, mirroring the machine's binary sources (scripts/deb-src.sh).
deb_src_ready abseil

# 2. Download (hash-checked against the signed Sources index).
mkdir -p "$DL"
if ! ls "$DL"/abseil_*.dsc >/dev/null 2>&1; then
  log "apt-get source --download-only abseil"
  # Runs as root without the _apt sandbox (files are hash-checked either way).
  (cd "$DL" && apt-get source -q --download-only -o APT::Sandbox::User=root abseil)
fi
dsc=$(ls "$DL"/abseil_*.dsc | sort -V | tail -1)
version=$(sed -n 's/^Version: //p' "$dsc")
upstream=${version%-*}; upstream=${upstream#*:}
orig=$(ls "$DL"/abseil_"$upstream".orig.tar.* | head -1)
debian=$(ls "$DL"/abseil_"${version#*:}".debian.tar.* | head -1)

# 3. Unpack the orig tarball and apply the CVE patch only.
tmp=$(mktemp -d "$DEPS/abseil-src.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log "unpacking $(basename "$orig")"
mkdir -p "$tmp/src" "$tmp/debian"
tar -xf "$orig" -C "$tmp/src" --strip-components=1
tar -xf "$debian" -C "$tmp/debian"
patch_file=$tmp/debian/debian/patches/$PATCH_NAME
if [ ! -f "$patch_file" ]; then
  echo "[absl-wasm] error: $(basename "$debian") has no debian/patches/$PATCH_NAME" >&2
  exit 1
fi
log "applying $PATCH_NAME"
patch -d "$tmp/src" -p1 --quiet --forward < "$patch_file"

rm -rf "$SRC"
mv "$tmp/src" "$SRC"
echo "abseil $version + $PATCH_NAME" > "$STAMP"
log "ready: $SRC ($(cat "$STAMP"))"
