#!/usr/bin/env bash
# The main job on its embedded default: build what is missing (dependencies,
# the wasm engine, the web app, a sample camera roll), start the web app on
# http://127.0.0.1:8080/ (PORT to change it) and print where it is. Open it,
# pick a folder — or "Try sample photos" — and nothing leaves the tab.
#
# The sample roll is made from real photographs in Debian's
# plasma-workspace-wallpapers by Gemroll's own decoder/encoder: EXIF dates and
# GPS for days at home and a weekend in Lisbon, a rotated copy, a shared
# export, a blurred and a dark copy, a screenshot, damaged files.
#
#   scripts/run.sh            the web app (Ctrl-C stops it)
#   scripts/run.sh DIR        no server: print suggestions.json for DIR (native CLI)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE="${GEMROLL_CACHE:-$HOME/.cache/gemroll}"
log() { echo "run: $*" >&2; }
bash scripts/setup.sh >/dev/null
export NODE_PATH=/usr/share/nodejs  # emscripten's optimiser needs Debian's acorn

stale() {  # target, sources...: true when target is missing or older than any source
  local target="$1"; shift
  [[ ! -e "$target" ]] || [[ -n "$(find "$@" -newer "$target" -print -quit 2>/dev/null)" ]]
}

if stale build/native/gemroll wasm CMakeLists.txt; then
  log "building the native CLI"
  cmake --preset native >/dev/null
  cmake --build build/native -j"$(nproc)" --target gemroll gemroll_make_fixtures >/dev/null
fi
if (($#)); then
  exec build/native/gemroll suggest "$@"
fi

for variant in simd scalar; do
  if stale "web/package/wasm/gemroll-$variant.wasm" wasm CMakeLists.txt; then
    log "building the wasm engine ($variant; a few minutes the first time)"
    cmake --preset "wasm-$variant" >/dev/null
    cmake --build "build/wasm-$variant" -j"$(nproc)" --target gemroll_wasm >/dev/null
  fi
done

ROLL="$CACHE/sample-roll"
# The stamp lives beside the folder so it is not part of the roll.
[[ -f "$ROLL.v2" ]] || { rm -rf "$ROLL" && build/native/gemroll_make_fixtures sample-roll "$ROLL" >/dev/null && touch "$ROLL.v2"; }

# The app ships the package's runtime dependencies from dist/vendor (the
# ONNX Runtime Web files for the models, mediabunny for recap export).
(cd web/package && { npm ls onnxruntime-web mediabunny >/dev/null 2>&1 || npm ci --no-audit --no-fund >&2; })
node web/app/build.mjs --samples "$ROLL" >&2
exec node web/app/server.mjs --port "${PORT:-8080}"
