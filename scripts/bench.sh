#!/usr/bin/env bash
# Core-engine benchmark (prints figures; not a pass/fail test). Builds the
# native, wasm-simd and wasm-scalar benchmark programs, makes 16 12-MP JPEGs
# from the largest camera photos in ../shared/data (our own decoder +
# encoder), and prints photos/s for scaled decode only and for full analysis,
# peak memory over 500 analyses, the SIMD/scalar ratio of metric kernels and
# the 12-MP edit render time with SIMD vs scalar kernels.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
export NODE_PATH=/usr/share/nodejs
SECONDS_PER_RUN="${GEMROLL_BENCH_SECONDS:-4}"
for preset in native wasm-simd wasm-scalar; do
  cmake --preset "$preset" >/dev/null
  cmake --build "build/$preset" -j"$(nproc)" --target analyze_bench metrics_kernels_bench heif_bench edit_bench \
    $([[ $preset == native ]] && echo gemroll_make_fixtures) >/dev/null
done
SET="${GEMROLL_CACHE:-$HOME/.cache/gemroll}/bench-12mp-v4"
build/native/gemroll_make_fixtures bench "$SET" 16 "${GEMROLL_DATA:-$ROOT/../shared/data}" 2>/dev/null
node_run() { node --no-experimental-fetch "$@"; }

out="$(mktemp)"
echo "== photos per second, one thread, 16 x 12 MP JPEGs (q92) =="
build/native/analyze_bench "$SET" --seconds "$SECONDS_PER_RUN" --peak 500 | tee -a "$out"
node_run build/wasm-simd/analyze_bench.js "$SET" --seconds "$SECONDS_PER_RUN" --peak 500 | tee -a "$out"
node_run build/wasm-scalar/analyze_bench.js "$SET" --seconds "$SECONDS_PER_RUN" --peak 100 | tee -a "$out"
echo
echo "== HEIC decode per photo: whole image vs thumbnail item (12 MP iPhone photos) =="
build/native/heif_bench
node_run build/wasm-simd/heif_bench.js
echo
echo "== metric kernels, SIMD vs scalar reference (wasm, node) =="
node_run build/wasm-simd/metrics_kernels_bench.js
echo
echo "== metric kernels natively (SSE vs scalar) =="
build/native/metrics_kernels_bench
echo
echo "== 12-MP edit render (auto + film look), SIMD vs scalar kernels in the same run =="
build/native/edit_bench
node_run build/wasm-simd/edit_bench.js
echo "(WebGPU vs wasm in Chromium: node web/package/bench/gpu-bench.mjs — SwiftShader here, no speed claim)"
echo
node - "$out" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.startsWith('{')).map(JSON.parse);
const by = Object.fromEntries(rows.map((r) => [r.build, r]));
const f = (x) => x.toFixed(2);
console.log('== summary ==');
console.log(`wasm-simd full analysis / wasm decode-only      : ${f(by['wasm-simd'].ratio)}  (target >= 0.85)`);
console.log(`wasm-simd full analysis, photos/s per core       : ${f(by['wasm-simd'].analyzePerSec)}  (target >= 18)`);
console.log(`wasm-simd decode-only / native libjpeg-turbo SIMD: ${f(by['wasm-simd'].decodePerSec / by.native.decodePerSec)}`);
console.log(`wasm-simd / wasm-scalar full analysis            : ${f(by['wasm-simd'].analyzePerSec / by['wasm-scalar'].analyzePerSec)}`);
console.log(`native peak RSS over 500 analyses                : ${by.native.peakMiB.toFixed(0)} MiB (input set ${by.native.inputMiB.toFixed(0)} MiB)`);
console.log(`wasm-simd heap after 500 analyses                : ${by['wasm-simd'].peakMiB.toFixed(0)} MiB`);
JS
