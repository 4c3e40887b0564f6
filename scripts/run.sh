#!/usr/bin/env bash
# The main job on its embedded default: build Gemroll natively, build a small
# sample camera roll from real photos in Debian's plasma-workspace-wallpapers
# (with Gemroll's own decoder/encoder: EXIF dates and GPS for days at home and
# a weekend in Lisbon, a rotated copy, a shared export, a blurred and a dark
# copy, a screenshot, damaged files), curate it and print suggestions.json.
# Pass a directory to curate your own photos instead.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
if [[ ! -x build/native/gemroll || ! -x build/native/gemroll_make_fixtures ]] || [[ -n "$(find wasm CMakeLists.txt -newer build/native/gemroll -print -quit)" ]]; then
  cmake --preset native >/dev/null
  cmake --build build/native -j"$(nproc)" --target gemroll gemroll_make_fixtures >/dev/null
fi
if (($#)); then
  exec build/native/gemroll suggest "$@"
fi
ROLL="${GEMROLL_CACHE:-$HOME/.cache/gemroll}/sample-roll"
# The stamp lives beside the folder so it is not part of the roll.
[[ -f "$ROLL.v2" ]] || { rm -rf "$ROLL" && build/native/gemroll_make_fixtures sample-roll "$ROLL" && touch "$ROLL.v2"; }
echo "Curating the sample camera roll in $ROLL (schema: schema/suggestions.schema.json)" >&2
exec build/native/gemroll suggest "$ROLL"
