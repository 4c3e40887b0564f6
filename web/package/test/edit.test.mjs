// Edits and export through the package: the exported JPEG decodes back to the
// full-resolution render, its EXIF keeps the capture date and drops GPS unless
// asked, rotated sources come out upright, originals are never touched, and
// bad params / bad bytes fail with clear errors.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { EDIT_LOOKS, Gemroll, loadEngine, toEditParams, toEditSettings } from '../src/index.js';
import { DATA_DIR, tempDir } from './helpers.mjs';

const GPS_PHOTO = join(DATA_DIR, 'camera/exif-samples/gps/DSCN0010.jpg');  // 640x480, GPS, 2008:10:22 16:28:39
const ROTATED = join(DATA_DIR, 'camera/exif-samples/orientation/landscape_6.jpg');  // stored 450x600, orientation 6
const P3_PHOTO = join(DATA_DIR, 'camera/photoprism-meta/Iceland-P3.jpg');

let g;
let engine;
before(async () => {
  g = await Gemroll.create({ workers: 1 });
  engine = await loadEngine();
});
after(async () => {
  await g.close();
});

function psnr(a, b) {
  assert.equal(a.length, b.length);
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    const d = a[i] - b[i];
    se += d * d;
    n++;
  }
  return se === 0 ? 99 : 10 * Math.log10((255 * 255) / (se / n));
}

// The pixels of a JPEG as the core decodes them (an identity edit at full size).
const decodeFull = (jpeg) => engine.renderEdit(jpeg, {}, { longSide: 0 });
const exifOf = (jpeg) => engine.analyzePhoto(jpeg).analysis;

test('export round trip: the JPEG decodes back to the full-resolution render', async () => {
  const params = { exposure: 0.4, contrast: 0.2, vibrance: 0.3, look: 'film', lookStrength: 0.6 };
  const render = await g.renderEdit(GPS_PHOTO, params, { longSide: 0 });
  assert.equal(render.width, 640);
  assert.equal(render.height, 480);
  assert.ok(render.rgba instanceof Uint8ClampedArray);
  assert.equal(render.rgba.length, 640 * 480 * 4);
  const out = await g.exportJpeg(GPS_PHOTO, params, { quality: 92, subsampling: '444' });
  assert.ok(out.jpeg instanceof Uint8Array);
  assert.deepEqual([...out.jpeg.subarray(0, 2)], [0xff, 0xd8]);
  assert.equal(out.width, 640);
  const back = decodeFull(out.jpeg);
  const q92 = psnr(back.rgba, render.rgba);
  assert.ok(q92 > 36, `PSNR ${q92.toFixed(1)} dB`);
  // Lower quality: fewer bytes, further from the render.
  const low = await g.exportJpeg(GPS_PHOTO, params, { quality: 30 });
  assert.ok(low.jpeg.length < out.jpeg.length);
  assert.ok(psnr(decodeFull(low.jpeg).rgba, render.rgba) < q92);
  // An edit changes the pixels: the unedited export is far from the edited render.
  const plain = await g.exportJpeg(GPS_PHOTO, {}, { quality: 92, subsampling: '444' });
  assert.ok(psnr(decodeFull(plain.jpeg).rgba, render.rgba) < q92 - 6);
});

test('export EXIF: capture date kept, GPS dropped unless keepLocation', async () => {
  const source = exifOf(readFileSync(GPS_PHOTO)).exif;
  assert.ok(source.gps, 'the corpus photo carries GPS');
  const out = await g.exportJpeg(GPS_PHOTO, { look: 'warm' });
  assert.equal(out.dateTimeOriginal, '2008:10:22 16:28:39');
  assert.equal(out.locationKept, false);
  const exif = exifOf(out.jpeg).exif;
  assert.equal(exif.dateTimeOriginal, source.dateTimeOriginal);
  assert.equal(exif.make, source.make);
  assert.equal(exif.orientation, 1);
  assert.equal(exif.gps, undefined);

  const kept = await g.exportJpeg(GPS_PHOTO, { look: 'warm' }, { keepLocation: true });
  assert.equal(kept.locationKept, true);
  const gps = exifOf(kept.jpeg).exif.gps;
  assert.ok(Math.abs(gps.lat - source.gps.lat) < 1e-5);
  assert.ok(Math.abs(gps.lon - source.gps.lon) < 1e-5);
});

test('export of a rotated source: upright pixels, orientation 1', async () => {
  const out = await g.exportJpeg(ROTATED, {});
  assert.equal(out.sourceOrientation, 6);
  assert.deepEqual([out.width, out.height], [600, 450]);
  const a = exifOf(out.jpeg);
  assert.deepEqual([a.width, a.height, a.orientation], [600, 450, 1]);
  // The preview knows the export's size before it is made.
  const preview = await g.renderEdit(ROTATED, {}, { longSide: 300 });
  assert.deepEqual([preview.width, preview.height, preview.fullWidth, preview.fullHeight], [300, 225, 600, 450]);
});

test('export carries the ICC profile', async () => {
  const out = await g.exportJpeg(P3_PHOTO, { exposure: 0.2 });
  assert.equal(out.iccProfile, true);
  assert.equal(out.colorSpace, 'display-p3');
  assert.equal(exifOf(out.jpeg).colorSpace, 'display-p3');
});

test('the original is never modified', async () => {
  const dir = tempDir('gemroll-edit-');
  const file = join(dir, 'photo.jpg');
  copyFileSync(GPS_PHOTO, file);
  const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
  const before = { hash: hash(), mtime: statSync(file).mtimeMs, size: statSync(file).size };
  await g.autoEnhance(file);
  await g.renderEdit(file, { look: 'bw' }, { longSide: 200 });
  await g.exportJpeg(file, { exposure: 1, crop: { x: 0.1, y: 0.1, w: 0.5, h: 0.5 } });
  await g.smartCrop(file, '1:1');
  assert.deepEqual({ hash: hash(), mtime: statSync(file).mtimeMs, size: statSync(file).size }, before);
  // Buffers the caller passes are copied, not detached.
  const bytes = new Uint8Array(readFileSync(file));
  await g.exportJpeg(bytes, {});
  assert.equal(bytes.byteLength, before.size);
  await g.exportJpeg(new Blob([bytes]), {});
  await g.exportJpeg(bytes.buffer, {});
  assert.equal(bytes.byteLength, before.size);
});

test('params: both forms, validation, commit clamps', async () => {
  const flat = { exposure: 0.8, look: 'film', lookStrength: 0.6, crop: { x: 0.1, y: 0, width: 0.5, h: 1 } };
  const json = toEditParams(flat);
  assert.equal(json.version, 1);
  assert.deepEqual(json.ops.map((o) => o.op), ['crop', 'exposure', 'look']);
  assert.deepEqual(toEditSettings(json), { exposure: 0.8, look: 'film', lookStrength: 0.6, crop: { x: 0.1, y: 0, w: 0.5, h: 1 } });
  assert.deepEqual(toEditParams(JSON.stringify(json)), json);
  assert.equal(EDIT_LOOKS.length, 9);

  const committed = await g.commitEdit({ exposure: 9, saturation: -3, look: 'vivid' });
  const byOp = Object.fromEntries(committed.ops.map((o) => [o.op, o.params]));
  assert.equal(byOp.exposure.ev, 4);
  assert.equal(byOp.color.saturation, -1);
  assert.equal(byOp.look.name, 'vivid');

  assert.throws(() => toEditParams({ exposur: 1 }), { name: 'TypeError', message: /unknown edit param "exposur"/ });
  assert.throws(() => toEditParams({ exposure: NaN }), { name: 'RangeError', message: /exposure must be a finite number/ });
  assert.throws(() => toEditParams({ exposure: '1' }), RangeError);
  assert.throws(() => toEditParams({ look: 'sepia' }), { name: 'RangeError', message: /look must be one of/ });
  assert.throws(() => toEditParams({ lookStrength: 0.5 }), /needs a look/);
  assert.throws(() => toEditParams('{not json'), /not valid JSON/);
  assert.throws(() => toEditParams({ version: 1, ops: {} }), /ops must be an array/);
  await assert.rejects(g.exportJpeg(GPS_PHOTO, { contrast: Infinity }), RangeError);
  await assert.rejects(g.exportJpeg(GPS_PHOTO, {}, { quality: 0 }), { name: 'RangeError', message: /quality/ });
  await assert.rejects(g.exportJpeg(GPS_PHOTO, {}, { quality: 101 }), RangeError);
  await assert.rejects(g.renderEdit(GPS_PHOTO, {}, { longSide: -1 }), RangeError);
  await assert.rejects(g.smartCrop(GPS_PHOTO, '3:2'), { name: 'RangeError', message: /aspect must be one of/ });
  // The core's own checks: a newer version than this build is refused, by name.
  await assert.rejects(g.commitEdit({ version: 99, ops: [] }), { name: 'GemrollError', code: 'unsupported' });
});

test('bad input: clear per-file errors', async () => {
  const bytes = readFileSync(GPS_PHOTO);
  await assert.rejects(g.exportJpeg(bytes.subarray(0, bytes.length / 3), {}),
    { name: 'GemrollError', code: 'truncated', message: /ends early/ });
  await assert.rejects(g.exportJpeg(new TextEncoder().encode('this is not a photo'), {}),
    { name: 'GemrollError', code: 'unknown_format' });
  await assert.rejects(g.autoEnhance(new Uint8Array(0)), { name: 'GemrollError', code: 'empty' });
  await assert.rejects(g.renderEdit(join(DATA_DIR, 'no-such-file.jpg'), {}), { name: 'GemrollError', code: 'io' });
  await assert.rejects(g.exportJpeg(DATA_DIR, {}), { name: 'TypeError', message: /folder/ });
  await assert.rejects(g.exportJpeg(GPS_PHOTO, {}, { maxPixels: 1000 }), { name: 'GemrollError', code: 'too_large' });
  await assert.rejects(g.exportJpeg(42, {}), TypeError);
  // The worker survives all of that.
  assert.equal((await g.exportJpeg(GPS_PHOTO, {})).width, 640);
});

test('auto-enhance gives params and reasons', async () => {
  const r = await g.autoEnhance(GPS_PHOTO);
  assert.equal(r.params.version, 1);
  assert.ok(r.params.ops.length > 0);
  assert.ok(r.reasons.length > 0);
  for (const reason of r.reasons) {
    assert.equal(typeof reason.code, 'string');
    assert.ok(reason.text.length > 0);
    assert.equal(typeof reason.weight, 'number');
  }
  // Its params replay as they are.
  const committed = await g.commitEdit(r.params);
  assert.deepEqual(committed.ops.map((o) => o.op), r.params.ops.map((o) => o.op));
});

test('smart crop keeps the given boxes and faces', async () => {
  // A relative keep box at the left, and the same as a pixel face box (scan record form).
  const keep = { x: 0.03, y: 0.3, w: 0.15, h: 0.25 };
  const face = { box: { x: 0.03 * 640, y: 0.3 * 480, width: 0.15 * 640, height: 0.25 * 480 }, score: 0.9, keypoints: [] };
  for (const options of [{ keep: [keep] }, { faces: [face] }]) {
    for (const aspect of ['9:16', '1:1', '4:5']) {
      const r = await g.smartCrop(GPS_PHOTO, aspect, options);
      const { rect } = r;
      assert.ok(rect.x <= keep.x + 1e-4 && rect.x + rect.w >= keep.x + keep.w - 1e-4, `${aspect} x`);
      assert.ok(rect.y <= keep.y + 1e-4 && rect.y + rect.h >= keep.y + keep.h - 1e-4, `${aspect} y`);
      const [aw, ah] = aspect.split(':').map(Number);
      assert.ok(Math.abs(r.pixels.w / r.pixels.h - aw / ah) < 0.02, `${aspect} ratio`);
      assert.ok(r.reasons.some((x) => x.code === 'keeps_boxes'));
      assert.equal(typeof r.score.total, 'number');
    }
  }
  // Boxes at opposite edges cannot share a 9:16 crop: an error, never a cut face.
  await assert.rejects(g.smartCrop(GPS_PHOTO, '9:16', { keep: [keep, { x: 0.85, y: 0.3, w: 0.1, h: 0.1 }] }),
    { name: 'GemrollError', code: 'invalid_argument' });
  await assert.rejects(g.smartCrop(GPS_PHOTO, '1:1', { faces: [{ x: 1, y: 2 }] }), /faces\[0\]\.width/);
  // The crop applies as an edit: the export has the crop's aspect.
  const r = await g.smartCrop(GPS_PHOTO, '4:5', { keep: [keep] });
  const out = await g.exportJpeg(GPS_PHOTO, { crop: r.rect });
  assert.ok(Math.abs(out.width / out.height - 4 / 5) < 0.02);
});

test('preview as JPEG, and cancelling with an AbortSignal', async () => {
  const p = await g.renderEdit(GPS_PHOTO, { look: 'sketch' }, { longSide: 256, format: 'jpeg', quality: 70 });
  assert.deepEqual([p.width, p.height], [256, 192]);
  assert.deepEqual([...p.jpeg.subarray(0, 2)], [0xff, 0xd8]);
  assert.equal(p.rgba, undefined);

  const ac = new AbortController();
  ac.abort();
  await assert.rejects(g.exportJpeg(GPS_PHOTO, {}, { signal: ac.signal }), { name: 'AbortError' });
  // Aborting a running export stops its worker; the pool replaces it.
  const heic = join(DATA_DIR, 'camera/photoprism-formats/iphone_7.heic');
  const running = new AbortController();
  const pending = g.exportJpeg(heic, { look: 'film' }, { signal: running.signal });
  setTimeout(() => running.abort(), 50);
  await assert.rejects(pending, { name: 'AbortError' });
  assert.equal((await g.exportJpeg(GPS_PHOTO, {})).width, 640);
});
