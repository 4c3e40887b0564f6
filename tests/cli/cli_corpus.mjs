// Runs `gemroll analyze` over the whole corpus (native binary or the wasm
// build under node) and checks it gets through every file: one JSON record
// per file, each either analysed or carrying an error code and message.
//   node tests/cli/cli_corpus.mjs DATA_DIR CLI [ARGS...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [dataDir, cli, ...cliArgs] = process.argv.slice(2);
const codes = new Set(['corrupt_data', 'truncated', 'unsupported', 'unknown_format', 'empty', 'too_large']);

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countFiles(join(dir, e.name));
    else if (e.isFile()) n += 1;
  }
  return n;
}

const run = spawnSync(cli, [...cliArgs, 'analyze', dataDir], { maxBuffer: 1 << 30, encoding: 'utf8' });
let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL: ${what}`);
  }
};
check(run.status === 0, `CLI exit status ${run.status} ${run.signal ?? ''} ${run.stderr?.slice(-500)}`);
const lines = (run.stdout ?? '').split('\n').filter(Boolean);
check(lines.length === countFiles(dataDir), `${lines.length} records for ${countFiles(dataDir)} files`);
let analysed = 0;
const errors = {};
for (const line of lines) {
  let r;
  try {
    r = JSON.parse(line);
  } catch (e) {
    check(false, `not JSON: ${line.slice(0, 200)}`);
    continue;
  }
  // Every HEIC/HEIF in the corpus is a real phone photo: the core decodes them.
  if (/\.hei[cf]$/i.test(r.path ?? '')) {
    check(r.ok && r.format === 'heif', `HEIC analysed: ${r.path} ${JSON.stringify(r.error ?? {})}`);
  }
  if (r.ok) {
    analysed++;
    check(r.width > 0 && r.height > 0 && typeof r.metrics?.phash === 'string', `record for ${r.path}`);
  } else {
    errors[r.error?.code] = (errors[r.error?.code] ?? 0) + 1;
    check(codes.has(r.error?.code) && r.error.message.length > 0, `error for ${r.path}: ${JSON.stringify(r.error)}`);
  }
}
console.log(`cli_corpus: ${analysed} analysed, rejected: ${JSON.stringify(errors)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
