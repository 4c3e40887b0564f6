// Gemroll.scan over node inputs: records, progress, bad files, cancellation,
// worker counts.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { Gemroll, loadEngine } from '../src/index.js';
import { DATA_DIR, badFolder, byPath, collect, listFiles, mixedFolder, tempDir } from './helpers.mjs';
import { assertValidSuggestions } from './schema.mjs';

function checkProgress(events, total) {
  assert.ok(events.length >= 2, 'progress was reported');
  const stages = events.map((e) => e.stage);
  const firstAnalysing = stages.indexOf('analysing');
  assert.ok(firstAnalysing > 0, 'listing comes first');
  assert.ok(stages.slice(firstAnalysing).every((s) => s === 'analysing'), 'stages do not go back');
  let prev = null;
  for (const e of events) {
    assert.ok(Number.isInteger(e.done) && Number.isInteger(e.total) && e.done <= e.total, JSON.stringify(e));
    if (prev && prev.stage === e.stage) {
      assert.ok(e.done >= prev.done, `done went back: ${JSON.stringify(prev)} -> ${JSON.stringify(e)}`);
      if (e.stage === 'analysing') assert.equal(e.total, prev.total);
    }
    prev = e;
  }
  assert.deepEqual(events.at(-1), { stage: 'analysing', done: total, total, cached: 0 });
}

describe('scan', () => {
  let g;
  let mixed;
  before(async () => {
    g = await Gemroll.create({ workers: 2 });
    mixed = mixedFolder();
  });
  after(async () => {
    await g.close();
    rmSync(mixed, { recursive: true, force: true });
  });

  test('zero files', async () => {
    const empty = tempDir();
    const events = [];
    const records = await collect(g.scan(empty, { onProgress: (p) => events.push(p) }));
    assert.deepEqual(records, []);
    checkProgress(events, 0);
    assert.deepEqual(await collect(g.scan([])), []);
  });

  test('only bad files', async () => {
    const dir = badFolder();
    const records = (await collect(g.scan(dir))).sort(byPath);
    assert.deepEqual(records.map((r) => r.path), ['half.jpg', 'text.jpg', 'zero.jpg']);
    for (const r of records) {
      assert.equal(r.ok, false);
      assert.deepEqual(Object.keys(r).sort(), ['error', 'ok', 'path']);
      assert.equal(typeof r.error.message, 'string');
    }
    assert.equal(records[1].error.code, 'unknown_format');
    assert.equal(records[2].error.code, 'empty');
    assert.notEqual(records[0].error.code, 'internal');
  });

  test('mixed formats: records match the in-thread engine, paths relative to the folder', async () => {
    const events = [];
    const records = await collect(g.scan(mixed, { cache: false, onProgress: (p) => events.push(p) }));
    const files = listFiles(mixed);
    assert.equal(records.length, files.length);
    checkProgress(events, files.length);
    records.sort(byPath);
    const expected = files.map((f) => f.slice(mixed.length + 1).split('\\').join('/')).sort();
    assert.deepEqual(records.map((r) => r.path), expected);
    const engine = await loadEngine();
    let ok = 0;
    for (const r of records) {
      const bytes = readFileSync(join(mixed, r.path));
      let want;
      try {
        // The curation record (binary, for suggest()) is checked in suggest.test.mjs.
        want = { path: r.path, ok: true, ...engine.analyzePhoto(bytes).analysis, curation: r.curation };
      } catch (e) {
        want = { path: r.path, ok: false, error: { code: e.code, message: e.message } };
      }
      if (!want.ok && want.error.code === 'unsupported') {
        // The scan words these for the user: the format, and why it is not decoded.
        assert.equal(r.ok, false, r.path);
        assert.equal(r.error.code, 'unsupported', r.path);
        assert.ok(r.error.message === want.error.message || /^(WebP|GIF|AVIF|HEIC\/HEIF): /.test(r.error.message),
          `${r.path}: ${r.error.message}`);
        continue;
      }
      assert.deepEqual(r, want, r.path);
      if (r.ok) ok++;
      if (r.ok) assert.ok(typeof r.curation === 'string' && r.curation.length > 0, r.path);
    }
    assert.ok(ok >= 4, `at least the JPEGs and PNGs decode (${ok})`);
    const byName = (s) => records.find((r) => r.path.endsWith(s));
    assert.equal(byName('zero.jpg').error.code, 'empty');
    assert.equal(byName('text.jpg').error.code, 'unknown_format');
    assert.equal(records.find((r) => /\.json$/.test(r.path)).error.code, 'unknown_format');
  });

  test('inputs: file path, file URL, Uint8Array, ArrayBuffer, Blob, named bytes, nested arrays', async () => {
    const jpeg = listFiles(mixed).find((f) => /\.jpe?g$/i.test(f) && !/zero|text/.test(f));
    const bytes = readFileSync(jpeg);
    const copy = new Uint8Array(bytes);
    const records = await collect(g.scan([
      jpeg,
      pathToFileURL(jpeg),
      copy,
      [copy.buffer.slice(0), new Blob([copy])],
      { name: 'named.jpg', data: copy },
    ]));
    assert.equal(records.length, 6);
    assert.ok(records.every((r) => r.ok && r.contentHash === records[0].contentHash));
    assert.deepEqual(records.map((r) => r.path).sort(), [jpeg, jpeg, '#1', '#2', '#3', 'named.jpg'].sort());
    assert.equal(copy.byteLength, bytes.length, 'caller buffers are not detached');
    const missing = await collect(g.scan(join(mixed, 'nope.jpg')));
    assert.equal(missing[0].ok, false);
    assert.equal(missing[0].error.code, 'io');
  });

  test('maxBytes and thumbnails pass through', async () => {
    const jpeg = listFiles(mixed).find((f) => /\.jpe?g$/i.test(f) && !/zero|text/.test(f));
    const [small] = await collect(g.scan(jpeg, { maxBytes: 10 }));
    assert.equal(small.error.code, 'too_large');
    const [thumb] = await collect(g.scan(jpeg, { thumbnailLongSide: 64, cache: false }));
    assert.ok(thumb.thumbnail instanceof Uint8Array && thumb.thumbnail[0] === 0xff);
    // Thumbnails are not cached: with a cache, the second scan is a hit without one.
    const cacheFile = join(tempDir(), 'cache.json');
    const [first] = await collect(g.scan(jpeg, { thumbnailLongSide: 64, cache: cacheFile }));
    const [again] = await collect(g.scan(jpeg, { thumbnailLongSide: 64, cache: cacheFile }));
    assert.ok(first.thumbnail instanceof Uint8Array && !first.cached);
    assert.equal(again.cached, true);
    assert.equal(again.thumbnail, undefined);
  });

  test('leaving the loop early frees the workers', async () => {
    for await (const r of g.scan(DATA_DIR)) {
      assert.equal(typeof r.path, 'string');
      break;
    }
    const records = await collect(g.scan(badFolder()));
    assert.equal(records.length, 3);
  });

  test('cancellation mid-scan ends with AbortError promptly and frees the workers', async () => {
    const controller = new AbortController();
    const events = [];
    let seen = 0;
    let abortedAt = 0;
    const total = listFiles(DATA_DIR).length;
    await assert.rejects(
      (async () => {
        for await (const r of g.scan(DATA_DIR, { signal: controller.signal, onProgress: (p) => events.push(p) })) {
          assert.equal(typeof r.ok, 'boolean');
          if (++seen === 5) {
            abortedAt = performance.now();
            controller.abort();
          }
        }
      })(),
      (e) => e.name === 'AbortError',
    );
    const latency = performance.now() - abortedAt;
    assert.ok(latency < 1000, `stopped ${latency.toFixed(0)} ms after abort`);
    assert.equal(seen, 5);
    assert.ok(events.at(-1).done < total);
    // The same instance scans again at full strength.
    const records = await collect(g.scan(badFolder()));
    assert.equal(records.length, 3);
  });

  test('an already-aborted signal, and aborting while listing', async () => {
    await assert.rejects(g.scan(mixed, { signal: AbortSignal.abort() }).next(), { name: 'AbortError' });
    const controller = new AbortController();
    const it = g.scan(DATA_DIR, {
      signal: controller.signal,
      onProgress: (p) => p.stage === 'listing' && controller.abort(),
    });
    await assert.rejects(it.next(), { name: 'AbortError' });
    const reason = new Error('mine');
    await assert.rejects(g.scan(mixed, { signal: AbortSignal.abort(reason) }).next(), (e) => e === reason);
  });
});

test('one worker and two workers give the same records', async () => {
  const dir = mixedFolder();
  const results = [];
  for (const workers of [1, 2]) {
    const g = await Gemroll.create({ workers });
    try {
      results.push((await collect(g.scan(dir, { cache: false }))).sort(byPath));
    } finally {
      await g.close();
    }
  }
  assert.ok(results[0].length > 5);
  assert.deepEqual(results[0], results[1]);
  rmSync(dir, { recursive: true, force: true });
});

test('preview: a first look from each file\'s own preview, its head only for a JPEG', async () => {
  const jpeg = join(DATA_DIR, 'camera/exif-samples/gps/DSCN0010.jpg');  // has a 160x120 IFD1 thumbnail
  const heic = join(DATA_DIR, 'camera/photoprism-formats/iphone_15_pro.heic');  // has a thumbnail item
  const png = listFiles(join(DATA_DIR, 'screenshots')).find((f) => f.endsWith('.png'));
  const g = await Gemroll.create({ workers: 1 });
  try {
    const bytes = readFileSync(jpeg);
    // A JPEG given as bytes whose tail past the first 32 KiB is zeroed:
    // the first look never reads it, so it comes out the same.
    const headOnly = new Uint8Array(bytes);
    headOnly.fill(0, 32 * 1024);
    const records = await collect(g.scan([
      jpeg, heic, png, { name: 'bytes.jpg', data: bytes }, { name: 'head-only.jpg', data: headOnly },
      { name: 'empty.jpg', data: new Uint8Array(0) },
    ], { preview: true, thumbnailLongSide: 96 }));
    const by = Object.fromEntries(records.map((r) => [r.path.split('/').pop(), r]));
    const j = by['DSCN0010.jpg'];
    assert.equal(j.ok, true);
    assert.equal(j.provisional, true);
    assert.equal(j.analysis.source, 'preview');
    assert.deepEqual([j.width, j.height, j.fileSize], [640, 480, bytes.length]);
    assert.ok(j.analysis.width <= 160 && j.thumbnail.length > 0);
    assert.equal(by['iphone_15_pro.heic'].provisional, true);
    assert.deepEqual([by['iphone_15_pro.heic'].width, by['iphone_15_pro.heic'].height], [3024, 4032]);
    assert.equal(by[png.split('/').pop()].ok, false);
    assert.equal(by[png.split('/').pop()].error.code, 'unsupported');
    assert.equal(by['empty.jpg'].error.code, 'empty');
    assert.equal(by['bytes.jpg'].provisional, true);
    assert.deepEqual(by['head-only.jpg'].metrics, by['bytes.jpg'].metrics);
    // Curation says which photos are a first look; the full scan's are not.
    const s = await g.suggest(records);
    assertValidSuggestions(s, 'first-look suggestions');
    const photo = s.photos.find((p) => p.path === j.path);
    assert.equal(photo.provisional, true);
    assert.equal(photo.blurry, false);
    assert.equal(photo.qualityReasons[0].code, 'provisional');
    const [full] = await collect(g.scan([jpeg], { cache: false }));
    assert.equal(full.provisional, undefined);
    assert.equal((await g.suggest([full])).photos[0].provisional, undefined);
  } finally {
    await g.close();
  }
});
