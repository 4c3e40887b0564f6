#!/usr/bin/env bash
# The main job on its embedded default: build Gemroll natively, build a small
# sample camera roll from real photos in Debian's plasma-workspace-wallpapers
# (with Gemroll's own decoder/encoder: EXIF dates and GPS, a rotated copy, a
# burst, a blurred and a dark copy, a screenshot, damaged files), analyse it and
# print one JSON record per file. Pass paths to analyse your own photos instead.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
if [[ ! -x build/native/gemroll || ! -x build/native/gemroll_make_fixtures ]] || [[ -n "$(find wasm CMakeLists.txt -newer build/native/gemroll -print -quit)" ]]; then
  cmake --preset native >/dev/null
  cmake --build build/native -j"$(nproc)" --target gemroll gemroll_make_fixtures >/dev/null
fi
if (($#)); then
  exec build/native/gemroll analyze "$@"
fi
ROLL="${GEMROLL_CACHE:-$HOME/.cache/gemroll}/sample-roll"
[[ -f "$ROLL/notes.jpg" ]] || build/native/gemroll_make_fixtures sample-roll "$ROLL"
echo "Analysing the sample camera roll in $ROLL" >&2
exec build/native/gemroll analyze "$ROLL"
