#!/usr/bin/env bash
# psl-wasm.sh — builds the public-suffix libraries the Node CLI links
# (build/wasm/cli/wafer-cli.cjs): libidn2 (IDNA) and libpsl (public suffixes)
# as static WebAssembly libraries, from Debian's source packages, the ones the
# native build links. No second implementation of either rule.
#
#   scripts/psl-wasm.sh      # → build/_deps/wasm-prefix (cached, stamped)
#
# The prefix holds include/ and lib/ (libidn2.a, libpsl.a) and, as symlinks,
# include/nlohmann (Debian's header-only nlohmann_json: /usr/include itself
# must never be on em++'s include path, see /work/shared/TOOLCHAIN.md).
#
# libidn2 2.3.3: configure falls back to its bundled copy of the libunistring
#   modules it needs when no libunistring is found (there is none for WASM);
#   the copy is linked into libidn2.a. (2.3.3 has no --with-included-libunistring
#   option: the fallback is automatic.)
# libpsl 0.21.2: Debian's tarball is a git snapshot without `configure`; as
#   Debian's build does, autoreconf it (autoconf, automake, libtool, autopoint).
#   --disable-builtin: no list compiled in; the CLI loads --psl or its default.
#   Other flags as Debian's debian/rules, less man pages and gtk-doc.
#   --disable-runtime: libpsl's own IDNA (for non-ASCII input) is not linked.
#   Debian's libpsl uses libidn2 there, which also needs libunistring's
#   u8_tolower, a library the WASM build does not have. Wafer never gives
#   libpsl a non-ASCII name: core/src/public_suffix.cc converts every host to
#   A-labels with libidn2 first (the same call, idn2_lookup_u8 with
#   IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL, that Debian's libpsl makes). Where
#   libpsl itself meets Unicode — the Unicode rules of a text-format list —
#   it punycodes them with its built-in RFC 3492 encoder; the published list's
#   rules are already NFC and lower case, so the result is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${WAFER_JOBS:-$(nproc)}
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

DEPS=$root/build/_deps
PREFIX=$DEPS/wasm-prefix
DL=$DEPS/psl-download
WORK=$DEPS/psl-build
STAMP=$PREFIX/.wafer-psl-stamp
# Changing a flag below changes the stamp, so the libraries are rebuilt.
# --host: a cross build. configure cannot run emcc's programs under Node 20
# (Emscripten 3.1.6's glue fetches the .wasm, and Node's fetch refuses paths).
HOST=wasm32-unknown-emscripten
IDN2_FLAGS=(--host=$HOST --disable-shared --enable-static --disable-doc --disable-nls
            --disable-valgrind-tests --without-libiconv-prefix --without-libunistring-prefix)
PSL_FLAGS=(--host=$HOST --disable-shared --enable-static --disable-builtin --disable-runtime
           --disable-man --disable-gtk-doc --disable-nls
           # Its Makefile makes a header from a list even without the builtin
           # list (psl.c does not include it then): Debian's, as Debian's build.
           --with-psl-file=/usr/share/publicsuffix/public_suffix_list.dat)
CFLAGS_WASM="-O2"

log() { printf '[psl-wasm] %s\n' "$*"; }
# shellcheck source=scripts/deb-src.sh
. "$root/scripts/deb-src.sh"

want="libidn2 ${IDN2_FLAGS[*]}; libpsl ${PSL_FLAGS[*]}; CFLAGS=$CFLAGS_WASM"
if [ -f "$STAMP" ] && [ "$(sed -n 2p "$STAMP")" = "$want" ]; then
  log "cached: $PREFIX ($(head -1 "$STAMP"))"
  exit 0
fi
start=$SECONDS

# 1. A deb-src entry, mirroring the machine's binary sources (scripts/deb-src.sh).
deb_src_ready libpsl

# 2. Download (hash-checked against the signed Sources index) and unpack
#    with Debian's patches, as Debian builds them.
mkdir -p "$DL"
for pkg in libidn2 libpsl; do
  if ! ls "$DL/${pkg}"_*.dsc >/dev/null 2>&1; then
    log "apt-get source --download-only $pkg"
    (cd "$DL" && apt-get source -q --download-only -o APT::Sandbox::User=root "$pkg")
  fi
done
rm -rf "$WORK" "$PREFIX.tmp"
mkdir -p "$WORK" "$PREFIX.tmp/include" "$PREFIX.tmp/lib"
versions=()
unpack() {  # unpack PKG → $WORK/PKG
  local pkg=$1 dsc
  dsc=$(ls "$DL/${pkg}"_*.dsc | sort -V | tail -1)
  versions+=("$pkg $(sed -n 's/^Version: //p' "$dsc")")
  # Checks the tarballs against the .dsc's checksums; without Debian's
  # keyring it can only warn about the .dsc's signature (apt-get source has
  # checked the .dsc's hash against the signed Sources index).
  dpkg-source -x "$dsc" "$WORK/$pkg" > "$WORK/$pkg-unpack.log" 2>&1 ||
    { cat "$WORK/$pkg-unpack.log" >&2; exit 1; }
}
unpack libidn2
unpack libpsl

# One build step: COMMAND… run in $WORK/PKG, its output in $WORK/PKG-NAME.log,
# the log's tail shown if it fails.
step() {  # step PKG NAME COMMAND…
  local pkg=$1 name=$2; shift 2
  log "$pkg: $name"
  (cd "$WORK/$pkg" && "$@") > "$WORK/$pkg-$name.log" 2>&1 ||
    { tail -30 "$WORK/$pkg-$name.log" >&2; exit 1; }
}
configure() { CFLAGS=$CFLAGS_WASM emconfigure ./configure -q --prefix="$PREFIX.tmp" "$@"; }
# make_install "DIR…" "DIR…": builds the first directories, installs the second.
make_install() {
  local d
  for d in $1; do emmake make -j "$jobs" -C "$d" || return; done
  for d in $2; do emmake make -C "$d" install || return; done
}

# 3. libidn2 → libidn2.a (with its bundled libunistring modules).
step libidn2 configure configure "${IDN2_FLAGS[@]}"
step libidn2 make make_install "gl unistring lib" "lib"

# 4. libpsl → libpsl.a.
step libpsl autoreconf sh -c 'printf "EXTRA_DIST =\nCLEANFILES =\n" > gtk-doc.make && autoreconf -f -i'
step libpsl configure configure "${PSL_FLAGS[@]}"
step libpsl make make_install "include src" "include src"

# 5. nlohmann_json: Debian's headers, linked in by name only.
ln -sfn /usr/include/nlohmann "$PREFIX.tmp/include/nlohmann"

for lib in libidn2.a libpsl.a; do
  [ -f "$PREFIX.tmp/lib/$lib" ] || { echo "[psl-wasm] error: $lib was not installed" >&2; exit 1; }
done
rm -rf "$PREFIX"
mv "$PREFIX.tmp" "$PREFIX"
# The installed .la and .pc files name $PREFIX.tmp; nothing reads them.
rm -f "$PREFIX"/lib/*.la
printf '%s\n%s\n' "$(IFS=,; echo "${versions[*]}")" "$want" > "$STAMP"
rm -rf "$WORK"
log "ready: $PREFIX ($(head -1 "$STAMP")) in $((SECONDS - start)) s"
