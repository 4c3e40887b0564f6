#!/usr/bin/env bash
# Rewrites the golden images (tests/golden/edit/*.png) from the current
# renderer with a native build, after an intended change of the rendering.
# Review the changed PNGs (git diff --stat, an image viewer) before committing.
#   tests/golden/regenerate.sh [build-dir]      (default build/native)
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build/native}"
cmake --preset native -B "$build" >/dev/null
cmake --build "$build" --target gemroll_tests
GEMROLL_UPDATE_GOLDENS=1 "$build/gemroll_tests" "[golden]"
"$build/gemroll_tests" "[golden]"
git status --short tests/golden
