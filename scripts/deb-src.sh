# deb-src.sh — sourced by scripts/absl-wasm.sh and scripts/psl-wasm.sh, which
# build Debian's source packages for WASM. Defines:
#
#   as_root CMD…          runs CMD as root (sudo unless already root)
#   deb_src_ready PKG     makes `apt-get source PKG` work: if apt knows no
#                         source package PKG and no deb-src entry exists, adds
#                         one mirroring the machine's binary sources, then
#                         updates the source indexes
#
# The caller defines log().

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deb_src_ready() {
  local pkg=$1
  apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Package: $pkg\$" && return 0
  if ! grep -rqsE '^[[:space:]]*deb-src[[:space:]]|^Types:.*deb-src' \
      /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      log "adding /etc/apt/sources.list.d/wafer-src.sources (deb-src of debian.sources)"
      sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
        | as_root tee /etc/apt/sources.list.d/wafer-src.sources >/dev/null
    else
      log "adding /etc/apt/sources.list.d/wafer-src.list (deb-src of sources.list)"
      grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list \
        | sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' \
        | as_root tee /etc/apt/sources.list.d/wafer-src.list >/dev/null
    fi
  fi
  log "apt-get update (source indexes)"
  as_root apt-get update -q
}
