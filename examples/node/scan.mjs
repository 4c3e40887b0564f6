// Scan a folder with the gemroll package in Node and print the gems.
//   node examples/node/scan.mjs DIR      (after `bash scripts/run.sh` or the wasm build)
// In a project of your own: `npm install gemroll` and import from 'gemroll'.
import { Gemroll } from '../../web/package/src/index.js';

const dir = process.argv[2] || '.';
const g = await Gemroll.create();  // one worker per core but one, SIMD build where supported
const ac = new AbortController();
process.once('SIGINT', () => ac.abort());  // Ctrl-C cancels cleanly
try {
  const records = [];
  for await (const r of g.scan(dir, {
    signal: ac.signal,
    onProgress: ({ stage, done, total }) => process.stderr.write(`\r${stage} ${done}/${total}   `),
  })) {
    records.push(r);
    if (!r.ok) console.error(`\n${r.path}: ${r.error.message}`);
  }
  const s = await g.suggest(records);
  console.log(`\n${s.summary.photos} files, ${s.gems.length} gems, ${s.moments.length} moments`);
  for (const path of s.gems.slice(0, 10)) {
    const p = s.photos.find((x) => x.path === path);
    console.log(`${Math.round(p.scores.gem * 100)}  ${path}  — ${p.reasons.map((r) => r.text).join('; ')}`);
  }
} finally {
  await g.close();
}
