// Auto-enhance a photo, add a look and export a full-resolution JPEG to a new
// file with the gemroll package in Node. The input is only read.
//   node examples/node/edit.mjs PHOTO [OUT.jpg] [look] [strength]
//   (after `bash scripts/run.sh` or the wasm build; looks: none bw film warm cool vivid faded cartoon sketch)
// In a project of your own: `npm install gemroll` and import from 'gemroll'.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';

import { EDIT_LOOKS, Gemroll, toEditSettings } from '../../web/package/src/index.js';

const [input, outArg, look = 'film', strength = '0.6'] = process.argv.slice(2);
if (!input) {
  console.error('usage: node examples/node/edit.mjs PHOTO [OUT.jpg] [look] [strength]');
  process.exit(2);
}
if (!EDIT_LOOKS.includes(look)) {
  console.error(`unknown look ${look}; one of ${EDIT_LOOKS.join(', ')}`);
  process.exit(2);
}
const out = resolve(outArg || join(dirname(input), `${basename(input, extname(input))}-edited.jpg`));
if (out === resolve(input)) {
  console.error('refusing to overwrite the original; give another output path');
  process.exit(2);
}
if (existsSync(out)) {
  console.error(`${out} exists; not overwriting it`);
  process.exit(2);
}

const g = await Gemroll.create({ workers: 1 });
try {
  const auto = await g.autoEnhance(input);
  for (const r of auto.reasons) console.log(`auto: ${r.text}`);
  const settings = { ...toEditSettings(auto.params), look, lookStrength: Number(strength) };
  const result = await g.exportJpeg(input, settings, { quality: 90 });  // GPS dropped by default
  await writeFile(out, result.jpeg, { flag: 'wx' });  // 'wx': never replaces a file
  console.log(`${out}: ${result.width}x${result.height}, ${result.jpeg.length} bytes` +
    `${result.dateTimeOriginal ? `, taken ${result.dateTimeOriginal}` : ''}` +
    `, location ${result.locationKept ? 'kept' : 'dropped'}`);
  for (const w of result.warnings) console.log(`warning: ${w}`);
} finally {
  await g.close();
}
