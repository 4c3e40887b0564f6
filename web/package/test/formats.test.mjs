// Formats the core does not decode, in node (no platform image decoder):
// clear `unsupported` errors naming the format, told by the bytes.
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { Gemroll } from '../src/index.js';
import { DATA_DIR, collect, tempDir } from './helpers.mjs';

const FILES = {
  'a.webp': ['duplicates/imagededup/formats_images/ukbench09380.webp', /WebP/],
  'webp-named.jpg': ['duplicates/imagededup/formats_images/ukbench09380.webp', /WebP/],
  'b.gif': ['duplicates/imagededup/formats_images/giphy.gif', /GIF/],
  'c.avif': ['camera/photoprism-formats/fox.profile0.8bpc.yuv420.avif', /AVIF/],
  'd.heic': ['camera/photoprism-formats/iphone_7.heic', /HEIC decoding is not built yet/],
};
const missing = Object.values(FILES).some(([src]) => !existsSync(join(DATA_DIR, src)));

test('WebP, GIF, AVIF and HEIC are unsupported in node, with a message naming the format',
  { skip: missing && `test photos missing under ${DATA_DIR}` }, async () => {
    const dir = tempDir('gemroll-formats-');
    for (const [name, [src]] of Object.entries(FILES)) cpSync(join(DATA_DIR, src), join(dir, name));
    const g = await Gemroll.create({ workers: 2 });
    try {
      const records = await collect(g.scan(dir, { cache: false }));
      assert.equal(records.length, Object.keys(FILES).length);
      for (const r of records) {
        assert.equal(r.ok, false, r.path);
        assert.equal(r.error.code, 'unsupported', r.path);
        assert.match(r.error.message, FILES[r.path][1], `${r.path}: ${r.error.message}`);
      }
      // They still go through suggest() as unreadable files.
      const s = await g.suggest(records, { today: '' });
      assert.equal(s.summary.failed, records.length);
    } finally {
      await g.close();
    }
  });
