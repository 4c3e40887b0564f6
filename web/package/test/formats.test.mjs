// Formats the core does not decode, in node (no platform image decoder):
// clear `unsupported` errors naming the format, told by the bytes; HEIC,
// which the core decodes (libheif), beside them. And the
// engine's RGBA entry point with the file's bytes alongside (what browsers
// use for those formats): the file's facts and EXIF come from the core.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { Gemroll, loadEngine } from '../src/index.js';
import { xxh64Hex } from '../src/decode.js';
import { DATA_DIR, collect, tempDir } from './helpers.mjs';

const FILES = {
  'a.webp': ['duplicates/imagededup/formats_images/ukbench09380.webp', /WebP/],
  'webp-named.jpg': ['duplicates/imagededup/formats_images/ukbench09380.webp', /WebP/],
  'b.gif': ['duplicates/imagededup/formats_images/giphy.gif', /GIF/],
  'c.avif': ['camera/photoprism-formats/fox.profile0.8bpc.yuv420.avif', /AVIF/],
};
const HEIC = 'camera/photoprism-formats/iphone_7.heic';
const missing = [...Object.values(FILES).map(([src]) => src), HEIC].some((src) => !existsSync(join(DATA_DIR, src)));

test('WebP, GIF and AVIF are unsupported in node, with a message naming the format; HEIC is decoded',
  { skip: missing && `test photos missing under ${DATA_DIR}` }, async () => {
    const dir = tempDir('gemroll-formats-');
    for (const [name, [src]] of Object.entries(FILES)) cpSync(join(DATA_DIR, src), join(dir, name));
    cpSync(join(DATA_DIR, HEIC), join(dir, 'd.heic'));
    const g = await Gemroll.create({ workers: 2 });
    try {
      const all = await collect(g.scan(dir, { cache: false }));
      assert.equal(all.length, Object.keys(FILES).length + 1);
      const heic = all.find((r) => r.path === 'd.heic');
      assert.equal(heic.ok, true, JSON.stringify(heic.error));
      assert.deepEqual([heic.format, heic.width, heic.height, heic.exif.model], ['heif', 3024, 4032, 'iPhone 7']);
      assert.equal(heic.decoder, undefined);
      const records = all.filter((r) => r !== heic);
      for (const r of records) {
        assert.equal(r.ok, false, r.path);
        assert.equal(r.error.code, 'unsupported', r.path);
        assert.match(r.error.message, FILES[r.path][1], `${r.path}: ${r.error.message}`);
      }
      // They still go through suggest() as unreadable files.
      const s = await g.suggest(all, { today: '' });
      assert.equal(s.summary.failed, records.length);
      assert.equal(s.summary.ok, 1);
    } finally {
      await g.close();
    }
  });

// Pixels as a platform decoder would hand them: a smooth colour gradient.
function gradient(width, height) {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rgba.set([(x * 255) / width, (y * 255) / height, 128, 255], i);
    }
  }
  return rgba;
}

test('analyzeRgba with fileBytes: format, size, hash and EXIF from the file, and a curation record',
  { skip: missing && `test photos missing under ${DATA_DIR}` }, async () => {
    const engine = await loadEngine();
    const rgba = gradient(640, 480);
    const webp = readFileSync(join(DATA_DIR, FILES['a.webp'][0]));
    const heic = readFileSync(join(DATA_DIR, HEIC));
    const gif = readFileSync(join(DATA_DIR, FILES['b.gif'][0]));

    // The old call: pixels only.
    const bare = engine.analyzeRgba(rgba, 640, 480);
    assert.equal(bare.analysis.format, 'rgba');
    assert.equal(bare.analysis.fileSize, 0);
    assert.equal(bare.analysis.exif.make, undefined);
    assert.equal(bare.curation, undefined);

    // WebP: EXIF in a RIFF chunk (exiftool: Canon IXY DIGITAL 320, 2006:01:21 14:33:52).
    const w = engine.analyzeRgba(rgba, 640, 480, { fileBytes: webp, recordPath: 'x/a.webp' });
    assert.equal(w.analysis.format, 'webp');
    assert.equal(w.analysis.fileSize, webp.length);
    assert.equal(w.analysis.contentHash, xxh64Hex(webp));
    assert.equal(w.analysis.exif.make, 'Canon');
    assert.equal(w.analysis.exif.model, 'Canon IXY DIGITAL 320');
    assert.equal(w.analysis.exif.dateTimeOriginal, '2006-01-21T14:33:52');
    assert.deepEqual([w.analysis.width, w.analysis.height], [640, 480]);
    assert.equal(w.analysis.metrics.phash, bare.analysis.metrics.phash, 'same pixels, same hashes');
    assert.equal(typeof w.curation, 'string');

    // HEIF container (as AVIF): the ISOBMFF Exif item, with GPS. Pixels are
    // taken as the decoder gave them: orientation stays 1, EXIF says 6.
    const h = engine.analyzeRgba(rgba, 640, 480, { fileBytes: heic, recordPath: 'x/d.heic' });
    assert.equal(h.analysis.format, 'heif');
    assert.equal(h.analysis.exif.model, 'iPhone 7');
    assert.equal(h.analysis.exif.dateTimeOriginal.slice(0, 19), '2018-09-10T12:16:13');
    assert.ok(Math.abs(h.analysis.exif.gps.lat - 34.79745) < 1e-4, JSON.stringify(h.analysis.exif.gps));
    assert.equal(h.analysis.exif.orientation, 6);
    assert.equal(h.analysis.orientation, 1);

    // GIF: no metadata, still the file's format, size and hash.
    const gifBuffer = gif.buffer.slice(gif.byteOffset, gif.byteOffset + gif.length);  // an ArrayBuffer works too
    const gi = engine.analyzeRgba(rgba, 640, 480, { fileBytes: gifBuffer });
    assert.deepEqual([gi.analysis.format, gi.analysis.fileSize, gi.analysis.contentHash],
      ['gif', gif.length, xxh64Hex(gif)]);

    // The records curate: capture times from the EXIF, one per photo.
    const s = engine.curate([{ path: 'x/a.webp', curation: w.curation }, { path: 'x/d.heic', curation: h.curation }],
      { today: '2026-01-01' });
    assert.deepEqual(s.photos.map((p) => [p.path, p.ok]), [['x/a.webp', true], ['x/d.heic', true]]);
    assert.match(s.photos[0].captureTime, /^2006-01-21T14:33:52/);
    assert.match(s.photos[1].captureTime, /^2018-09-10T12:16:13/);

    // A gazetteer in this thread: the HEIC's GPS names the moment (a copy of
    // it keeps it company: one photo alone is no moment).
    const places = engine.loadGazetteer(new TextEncoder().encode('# test\nHimeji-ish\tJP\t34.8\t134.7\t0\n'));
    assert.equal(places.size(), 1);
    const named = engine.curate([{ path: 'x/d.heic', curation: h.curation }, { path: 'x/d copy.heic', curation: h.curation }],
      { today: '2026-01-01', gazetteer: places });
    assert.deepEqual(named.moments.map((m) => m.place), [{ name: 'Himeji-ish', country: 'JP' }]);
    if (typeof Symbol.dispose === 'symbol') places[Symbol.dispose]();
    else places.delete();
    assert.throws(() => engine.loadGazetteer(new Uint8Array([1, 2, 3])), (e) => e.code === 'invalid_argument');

    // A file too big for maxBytes is refused before any work, as analyzePhoto does.
    assert.throws(() => engine.analyzeRgba(rgba, 640, 480, { fileBytes: webp, maxBytes: 100 }),
      (e) => e.name === 'GemrollError' && e.code === 'too_large');
    // Both wasm builds agree.
    const scalar = await loadEngine({ variant: 'scalar' });
    assert.deepEqual(scalar.analyzeRgba(rgba, 640, 480, { fileBytes: webp }).analysis.exif, w.analysis.exif);
  });
