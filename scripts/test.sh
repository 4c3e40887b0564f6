#!/usr/bin/env bash
# Runs every Gemroll test on a fresh Debian bookworm machine: installs what is
# missing (scripts/setup.sh), then the Catch2 suite natively, under ASan+UBSan,
# and as wasm (SIMD and scalar) under node through ctest, then short libFuzzer
# smoke runs. Ends with one line "N passed, N failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
export NODE_PATH=/usr/share/nodejs
export GEMROLL_DATA="${GEMROLL_DATA:-$ROOT/../shared/data}"
JOBS="$(nproc)"
passed=0
failed=0
failures=()

run_ctest_preset() {  # preset
  local preset="$1" dir="build/$1" log
  log="$(mktemp)"
  echo "=== $preset: configure + build"
  if ! cmake --preset "$preset" >"$log" 2>&1 || ! cmake --build "$dir" -j"$JOBS" >>"$log" 2>&1; then
    tail -40 "$log"
    failed=$((failed + 1)); failures+=("$preset: build")
    return
  fi
  echo "=== $preset: ctest"
  (cd "$dir" && ctest --output-on-failure -j"$JOBS" --timeout 900) >"$log" 2>&1
  grep -E "tests passed|Failed|\*\*\*|Timeout" "$log" | tail -25
  local line p f
  line="$(grep -E "tests passed, [0-9]+ tests? failed out of" "$log" | tail -1)"
  f="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
  p="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
  if [[ -z "$line" ]]; then
    tail -40 "$log"; failed=$((failed + 1)); failures+=("$preset: ctest did not run"); return
  fi
  passed=$((passed + p - f)); failed=$((failed + f))
  ((f == 0)) || failures+=("$preset: $f failed")
}

# node --test summary: "# pass", "# fail", "# cancelled" and "# skipped" from
# its TAP output. A skipped test counts as failed unless its reason says the
# machine cannot run it on purpose (no WebGPU adapter, no wasm SIMD): a missing
# Chromium, model or photo folder must not read as green.
INTENDED_SKIP='no WebGPU adapter|no SIMD here'
count_node() {  # label log
  local label="$1" log="$2" np nf nc ns bad
  np="$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -1)"
  nf="$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -1)"
  nc="$(sed -nE 's/^# cancelled ([0-9]+)$/\1/p' "$log" | tail -1)"
  ns="$(sed -nE 's/^# skipped ([0-9]+)$/\1/p' "$log" | tail -1)"
  if [[ -z "$np" || -z "$nf" ]]; then
    tail -40 "$log"; failed=$((failed + 1)); failures+=("$label: node --test did not run"); return
  fi
  nf=$((nf + ${nc:-0}))
  bad="$(grep -E '^ *ok [0-9]+ .*# SKIP' "$log" | grep -cvE "$INTENDED_SKIP")"
  if ((${ns:-0} > 0)); then
    echo "$label: $ns skipped, $bad of them without an intended reason:"
    grep -E '^ *ok [0-9]+ .*# SKIP' "$log" | sed -E 's/^ +//' | head -20
  fi
  nf=$((nf + bad))
  echo "node --test ($label): $np passed, $nf failed"
  ((nf == 0)) || { grep -E "^not ok|^ +not ok" "$log" | head -20; failures+=("$label: $nf failed"); }
  passed=$((passed + np)); failed=$((failed + nf))
}

# Formatting (clang-format, Google base; .clang-format) is part of the suite.
if clang-format --dry-run --Werror $(git ls-files '*.cc' '*.h') >/dev/null 2>&1; then
  echo "clang-format: ok"; passed=$((passed + 1))
else
  echo "clang-format: files need formatting:"
  clang-format --dry-run $(git ls-files '*.cc' '*.h') 2>&1 | grep -oE '^[^:]+\.(cc|h)' | sort -u | head
  failed=$((failed + 1)); failures+=("clang-format")
fi

for preset in native native-asan wasm-simd wasm-scalar; do
  run_ctest_preset "$preset"
done

# ------------------------------------------------------------ npm package
# web/package: the Embind engine in both wasm variants (target gemroll_wasm in
# the build folders configured above; it copies itself into web/package/wasm/),
# the package's dev dependencies from its lockfile, tsc --noEmit over the
# hand-written types and the JS that implements them, and the node:test suite. Each node test counts once.
echo "=== npm package: wasm bindings, tsc, node --test"
log="$(mktemp)"
if ! { cmake --build build/wasm-simd -j"$JOBS" --target gemroll_wasm &&
       cmake --build build/wasm-scalar -j"$JOBS" --target gemroll_wasm; } >"$log" 2>&1; then
  tail -40 "$log"; failed=$((failed + 1)); failures+=("npm package: wasm build")
elif ! (cd web/package && { npm ls typescript onnxruntime-web mediabunny >/dev/null 2>&1 || npm ci --no-audit --no-fund; }) >"$log" 2>&1; then
  tail -40 "$log"; failed=$((failed + 1)); failures+=("npm package: npm ci")
else
  if (cd web/package && npx --no-install tsc --noEmit) >"$log" 2>&1; then
    echo "tsc --noEmit: ok"; passed=$((passed + 1))
  else
    tail -40 "$log"; failed=$((failed + 1)); failures+=("npm package: tsc")
  fi
  (cd web/package && GEMROLL_ARTIFACTS="${GEMROLL_ARTIFACTS:-$ROOT/build/artifacts}" node --test test/*.test.mjs) >"$log" 2>&1
  count_node "npm package" "$log"
  echo "=== models: face detection and kind figures (printed, not pass/fail)"
  (cd web/package && node bench/face-eval.mjs "$GEMROLL_DATA" && node bench/eyes-eval.mjs "$GEMROLL_DATA" --sizes &&
    node bench/kind-eval.mjs "$GEMROLL_DATA" && node bench/model-stage-bench.mjs) 2>&1 | tail -90 ||
    echo "model evaluations did not run"
  # Issue 14's table: every judgement figure with and without models on
  # ../shared/data/validation and both halves of tests/validation (the
  # holdout half is never tuned on; see tests/validation/README.md).
  echo "=== validation: figures on photos the verdicts were not tuned on (printed, not pass/fail)"
  (cd web/package && node bench/validation-eval.mjs --quiet) 2>&1 | tail -60 ||
    echo "validation evaluation did not run"
fi
# ------------------------------------------------------------ end npm package

# The web app and the embed, in Debian's chromium (needs the wasm builds above).
echo "=== web app + embed (chromium)"
log="$(mktemp)"
if ! (cd web/app && { npm ls axe-core playwright-core >/dev/null 2>&1 || npm ci --no-audit --no-fund; }) >"$log" 2>&1; then
  tail -40 "$log"; failed=$((failed + 1)); failures+=("web app: npm ci")
else
  GEMROLL_ARTIFACTS="${GEMROLL_ARTIFACTS:-$ROOT/build/artifacts}" \
    node --test web/app/test/*.test.mjs web/embed/test/*.test.mjs >"$log" 2>&1
  count_node "app, embed" "$log"
  echo "app screenshots in ${GEMROLL_ARTIFACTS:-build/artifacts}"
fi

# libFuzzer smoke runs: each target for a few seconds on seeds from the corpus.
echo "=== fuzz: configure + build"
log="$(mktemp)"
fuzz_targets=()
for f in tests/fuzz/*_fuzzer.cc; do fuzz_targets+=("$(basename "$f" .cc)"); done
if cmake --preset fuzz >"$log" 2>&1 && cmake --build build/fuzz -j"$JOBS" --target "${fuzz_targets[@]}" >>"$log" 2>&1; then
  # Seeds: small real files from the corpus, by the format each target parses.
  seed_dir() {  # pattern...
    local d; d="$(mktemp -d)"
    find "$GEMROLL_DATA" -type f \( "$@" \) -size -300k | sort | head -40 | while read -r f; do cp "$f" "$d/"; done
    echo "$d"
  }
  jpeg_seeds="$(seed_dir -iname '*.jpg' -o -iname '*.jpeg')"
  png_seeds="$(seed_dir -iname '*.png')"
  heif_seeds="$(seed_dir -iname '*.heic' -o -iname '*.heif')"
  for fz in build/fuzz/*_fuzzer; do
    [[ -x "$fz" ]] || continue
    corpus="$(mktemp -d)"
    case "$(basename "$fz")" in
      png_*) seeds="$png_seeds" ;; heif_*) seeds="$heif_seeds" ;;
      edit_params_*) seeds="$ROOT/tests/fuzz/corpus/edit_params" ;; record_*) seeds="$ROOT/tests/fuzz/corpus/record" ;; *) seeds="$jpeg_seeds" ;;
    esac
    if "$fz" -max_total_time="${GEMROLL_FUZZ_SECONDS:-20}" -rss_limit_mb=2048 -max_len=262144 \
        "$corpus" "$seeds" >"$log" 2>&1; then
      echo "fuzz $(basename "$fz"): ok ($(grep -oE 'Done [0-9]+ runs' "$log" | tail -1))"
      passed=$((passed + 1))
    else
      tail -30 "$log"; failed=$((failed + 1)); failures+=("fuzz $(basename "$fz")")
    fi
  done
else
  tail -40 "$log"; failed=$((failed + 1)); failures+=("fuzz: build")
fi

echo
((${#failures[@]})) && printf 'FAILED: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
((failed == 0))
