// The browser path in a real browser: Debian's chromium, driven by
// playwright-core, loads a page from a local server (cross-origin isolated),
// imports the package as an ES module, scans a folder picked with
// <input webkitdirectory> in module workers and computes suggestions. The
// records must match what the node path gives for the same files.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Gemroll } from '../src/index.js';
import { xxh64Hex } from '../src/decode.js';
import { buildGazetteerAsset } from '../scripts/gazetteer-asset.mjs';
import { DATA_DIR, PACKAGE_DIR, byPath, collect, tempDir } from './helpers.mjs';
import { startServer } from './isolated-server.mjs';
import { CHROMIUM, chromiumArgs, chromiumMissing } from './chromium.mjs';

const GPS_DIR = join(DATA_DIR, 'camera/exif-samples/gps');
const COPIES_DIR = join(DATA_DIR, 'duplicates/photoprism-ios-copies');
const gazetteerAsset = buildGazetteerAsset();
const EXACT_COPIES = ['copies/IMG_4120.JPG', 'copies/IMG_4120_(1).JPG', 'copies/IMG_4120_copy.JPG'];

let skip = chromiumMissing();
if (!skip && (!existsSync(GPS_DIR) || !existsSync(COPIES_DIR))) skip = `test photos missing under ${DATA_DIR}`;


// roll/gps (JPEGs with EXIF), roll/copies (three byte-identical JPEGs, an
// edit, a sidecar, a CSV) and roll/bad (files that are not photos).
function makeRoll() {
  const roll = join(tempDir('gemroll-browser-'), 'roll');
  cpSync(GPS_DIR, join(roll, 'gps'), { recursive: true });
  cpSync(COPIES_DIR, join(roll, 'copies'), { recursive: true });
  mkdirSync(join(roll, 'bad'));
  writeFileSync(join(roll, 'bad', 'zero.jpg'), new Uint8Array(0));
  writeFileSync(join(roll, 'bad', 'text.jpg'), 'this is not a photo\n');
  writeFileSync(join(roll, 'bad', 'half.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]));
  return roll;
}

// Formats the core does not decode, plus a WebP named .jpg (formats are
// sniffed from the bytes) and a HEIC (the core's). Sizes are the files' own.
const FORMAT_SOURCES = {
  'ukbench09380.webp': 'duplicates/imagededup/formats_images/ukbench09380.webp',
  'webp-named.jpg': 'duplicates/imagededup/formats_images/ukbench09380.webp',
  'giphy.gif': 'duplicates/imagededup/formats_images/giphy.gif',
  'fox.avif': 'camera/photoprism-formats/fox.profile0.8bpc.yuv420.avif',
  'iphone_7.heic': 'camera/photoprism-formats/iphone_7.heic',
};
const FORMAT_FILES = {
  'ukbench09380.webp': { format: 'webp', width: 640, height: 480 },
  'webp-named.jpg': { format: 'webp', width: 640, height: 480 },
  'giphy.gif': { format: 'gif', width: 314, height: 400 },
  'fox.avif': { format: 'avif', width: 1204, height: 800 },
  'iphone_7.heic': { format: 'heif', width: 3024, height: 4032, core: true },
};

function formatsFolder() {
  const dir = join(tempDir('gemroll-browser-formats-'), 'formats');
  mkdirSync(dir);
  for (const [name, src] of Object.entries(FORMAT_SOURCES)) cpSync(join(DATA_DIR, src), join(dir, name));
  return dir;
}

// Browser paths are webkitRelativePath ("roll/gps/x.jpg"); node's are
// relative to the folder ("gps/x.jpg").
const stripRoot = (p) => p.replace(/^roll\//, '');
const unroot = (value) => JSON.parse(JSON.stringify(value).replaceAll('"roll/', '"'));

function checkProgress(events, total) {
  const stages = events.map((e) => e.stage);
  const firstAnalysing = stages.indexOf('analysing');
  assert.ok(firstAnalysing > 0, 'listing comes first');
  assert.ok(stages.slice(firstAnalysing).every((s) => s === 'analysing'), 'stages do not go back');
  for (let i = 1; i < events.length; i++) {
    const [prev, e] = [events[i - 1], events[i]];
    assert.ok(e.done <= e.total, JSON.stringify(e));
    if (prev.stage === e.stage) assert.ok(e.done >= prev.done, `done went back: ${JSON.stringify([prev, e])}`);
  }
  assert.deepEqual(events.at(-1), { stage: 'analysing', done: total, total, cached: 0 });
}

describe('browser (chromium)', { skip, timeout: 240_000 }, () => {
  let server;
  let origin;
  let context;
  let page;
  let roll;
  let nodeRecords;
  let nodeSuggestions;
  const requests = [];
  const pageErrors = [];

  before(async () => {
    const { chromium } = await import('playwright-core');
    roll = makeRoll();
    server = await startServer();
    origin = `http://127.0.0.1:${server.address().port}`;
    // launchPersistentContext is how playwright takes --user-data-dir.
    context = await chromium.launchPersistentContext(tempDir('gemroll-chromium-profile-'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', ...chromiumArgs()],
      timeout: 60_000,
    });
    page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(120_000);
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    const g = await Gemroll.create({ workers: 2 });
    try {
      nodeRecords = (await collect(g.scan(roll, { cache: false }))).sort(byPath);
      nodeSuggestions = await g.suggest(nodeRecords, { today: '2026-01-01' });
    } finally {
      await g.close();
    }

    await page.goto(`${origin}/test/browser/index.html`);
    const info = await page.evaluate(() => window.gemrollReady);
    assert.ok(!info.error, `Gemroll.create failed in the page: ${JSON.stringify(info.error)}`);
    assert.equal(info.workers, 2);
    await page.setInputFiles('#folder', roll);
  });

  after(async () => {
    if (context) await context.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  test('scans a picked folder like node does, and suggests the same groups', async () => {
    const result = await page.evaluate(() => window.scanInput({ today: '2026-01-01' }));
    assert.equal(result.error, null, JSON.stringify(result.error));
    assert.equal(result.crossOriginIsolated, true);

    // Every file the input delivered got exactly one record.
    const filePaths = result.files.map((f) => f.path).sort();
    assert.equal(filePaths.length, nodeRecords.length);
    assert.ok(filePaths.includes('roll/copies/IMG_4120_(1).JPG'), filePaths.join(' '));
    const records = result.records.slice().sort(byPath);
    assert.deepEqual(records.map((r) => r.path), filePaths);
    assert.deepEqual(records.map((r) => stripRoot(r.path)), nodeRecords.map((r) => r.path));

    // JPEGs analyse as in node; the rest fail with a code, the same one.
    for (const [i, r] of records.entries()) {
      const n = nodeRecords[i];
      if (/\.jpe?g$/i.test(r.path) && !r.path.startsWith('roll/bad/')) {
        assert.equal(r.ok, true, `${r.path}: ${JSON.stringify(r.error)}`);
        assert.equal(r.format, 'jpeg', r.path);
        for (const k of ['contentHash', 'width', 'height']) assert.equal(r[k], n[k], `${r.path} ${k}`);
        assert.ok(typeof r.contentHash === 'string' && r.contentHash.length > 0, r.path);
        assert.ok(r.width > 0 && r.height > 0, r.path);
        assert.equal(typeof r.curation, 'string', r.path);
      } else {
        assert.equal(r.ok, false, `${r.path} should fail`);
        assert.equal(typeof r.error.code, 'string', r.path);
        assert.ok(r.error.code.length > 0, r.path);
        assert.equal(r.error.code, n.error.code, r.path);
      }
    }
    assert.equal(records.filter((r) => r.ok).length, 13);

    checkProgress(result.progress, records.length);

    // The three byte-identical copies form one group; everything matches node.
    const s = result.suggestions;
    const copies = EXACT_COPIES.map((p) => `roll/${p}`);
    const holding = s.groups.filter((grp) => copies.some((p) => grp.members.includes(p)));
    assert.equal(holding.length, 1, JSON.stringify(s.groups));
    assert.equal(holding[0].type, 'duplicate');
    for (const p of copies) assert.ok(holding[0].members.includes(p), `${p} in ${JSON.stringify(holding[0])}`);
    assert.deepEqual(unroot(s.groups), nodeSuggestions.groups);
    assert.deepEqual(unroot(s.gems), nodeSuggestions.gems);
    // Moments, titles with place names: the worker loaded the gazetteer asset
    // (wasm/places.tsv.gz) over HTTP as node read it from disk.
    assert.deepEqual(unroot(s.moments), nodeSuggestions.moments);
    if (gazetteerAsset) assert.ok(s.moments.some((m) => m.place), JSON.stringify(s.moments));
    assert.equal(s.schemaVersion, nodeSuggestions.schemaVersion);
  });

  test('an abort mid-scan rejects with AbortError and the next scan works', async () => {
    const aborted = await page.evaluate(() => window.scanInput({ abortAfter: 2 }));
    assert.equal(aborted.error && aborted.error.name, 'AbortError', JSON.stringify(aborted.error));
    assert.equal(aborted.records.length, 2);
    assert.ok(aborted.progress.at(-1).done < aborted.files.length, 'aborted before the end');
    assert.ok(aborted.files.length > 2);

    const again = await page.evaluate(() => window.scanInput());
    assert.equal(again.error, null, JSON.stringify(again.error));
    assert.equal(again.records.length, again.files.length);
    assert.equal(again.records.filter((r) => r.ok).length, 13);
  });

  test('a rescan in the same page comes from IndexedDB; a damaged store is rebuilt', async () => {
    await page.setInputFiles('#folder', roll);
    const scan = (options) => page.evaluate((o) => window.scanInput(o), options);
    const strip = (records) => records.map(({ cached, ...r }) => r).sort(byPath);
    const first = await scan();  // earlier tests may have filled the cache already
    assert.equal(first.error, null, JSON.stringify(first.error));
    const n = first.records.length;
    assert.equal(n, nodeRecords.length);

    const second = await scan();
    assert.equal(second.error, null, JSON.stringify(second.error));
    assert.equal(second.analysed, first.analysed, 'the engine was not called');
    assert.ok(second.records.every((r) => r.cached === true), JSON.stringify(second.records.filter((r) => !r.cached)));
    assert.deepEqual(second.progress.at(-1), { stage: 'analysing', done: n, total: n, cached: n });
    assert.deepEqual(strip(second.records), strip(first.records));
    assert.deepEqual(second.suggestions, first.suggestions, 'cached records curate like fresh ones');

    // Every stored record replaced by junk: all analysed again, then cached again.
    assert.equal(await page.evaluate(() => window.damageCache('records')), n);
    const third = await scan();
    assert.equal(third.error, null, JSON.stringify(third.error));
    assert.equal(third.analysed - second.analysed, n);
    assert.ok(third.records.every((r) => !r.cached));
    assert.deepEqual(strip(third.records), strip(first.records));
    const fourth = await scan();
    assert.equal(fourth.analysed, third.analysed);
    assert.ok(fourth.records.every((r) => r.cached === true));

    // A database of an unknown version and layout: deleted and made anew.
    await page.evaluate(() => window.damageCache('schema'));
    const fifth = await scan();
    assert.equal(fifth.error, null, JSON.stringify(fifth.error));
    assert.equal(fifth.analysed - fourth.analysed, n);
    const sixth = await scan();
    assert.equal(sixth.analysed, fifth.analysed);
    assert.ok(sixth.records.every((r) => r.cached === true));

    // cache: false neither reads nor writes.
    const seventh = await scan({ cache: false });
    assert.equal(seventh.analysed - sixth.analysed, n);
    assert.ok(seventh.records.every((r) => !r.cached));
  });

  test('WebP, GIF and AVIF decode with the platform in the worker, with EXIF and curation; HEIC in the core', async () => {
    const dir = formatsFolder();
    await page.setInputFiles('#folder', dir);
    const result = await page.evaluate(() => window.scanInput());
    assert.equal(result.error, null, JSON.stringify(result.error));
    const byName = Object.fromEntries(result.records.map((r) => [r.path.replace(/^formats\//, ''), r]));
    assert.deepEqual(Object.keys(byName).sort(), Object.keys(FORMAT_FILES).sort());
    for (const [name, expected] of Object.entries(FORMAT_FILES)) {
      const r = byName[name];
      assert.equal(r.ok, true, `${name}: ${JSON.stringify(r.error)}`);
      assert.equal(r.format, expected.format, name);
      // HEIC is the core's (libheif); the others the browser's.
      assert.equal(r.decoder, expected.core ? undefined : 'platform', name);
      assert.equal(r.width, expected.width, `${name} width`);
      assert.equal(r.height, expected.height, `${name} height`);
      assert.equal(r.fileSize, statSync(join(dir, name)).size, name);
      assert.match(r.contentHash, /^[0-9a-f]{16}$/, name);
      assert.equal(r.contentHash, xxh64Hex(readFileSync(join(dir, name))), name);
      assert.ok(r.metrics && r.metrics.sharpness >= 0, name);
      assert.equal(typeof r.curation, 'string', name);
    }
    // Same bytes, misleading name: sniffed, not guessed from the extension.
    assert.equal(byName['webp-named.jpg'].contentHash, byName['ukbench09380.webp'].contentHash);
    // The WebP's EXIF (a RIFF EXIF chunk), read by the core from the file bytes
    // the worker passed along with the pixels; exiftool agrees.
    for (const name of ['ukbench09380.webp', 'webp-named.jpg']) {
      const { exif } = byName[name];
      assert.deepEqual([exif.make, exif.model, exif.dateTimeOriginal],
        ['Canon', 'Canon IXY DIGITAL 320', '2006-01-21T14:33:52'], name);
    }
    assert.equal(byName['fox.avif'].exif.make, undefined);

    // They take part in curation: capture time from the EXIF, and the two
    // copies of the WebP are one duplicate group.
    const s = result.suggestions;
    const photo = (name) => s.photos.find((p) => p.path === `formats/${name}`);
    for (const name of Object.keys(FORMAT_FILES)) {
      assert.equal(photo(name).ok, true, name);
      assert.equal(typeof photo(name).kind, 'string', name);
    }
    assert.match(photo('ukbench09380.webp').captureTime, /^2006-01-21T14:33:52/);
    const dup = s.groups.find((grp) => grp.members.includes('formats/ukbench09380.webp'));
    assert.ok(dup && dup.type === 'duplicate' && dup.members.includes('formats/webp-named.jpg'),
      JSON.stringify(s.groups));
  });

  test('the page made no request outside the test server, and threw nothing', () => {
    assert.ok(requests.length > 0);
    // The wasm is fetched and compiled once, then shared with every worker
    // (the two first ones and those replacing the workers the abort stopped).
    assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1, requests.join('\n'));
    assert.ok(requests.some((u) => u.endsWith('/src/worker.js')), requests.join('\n'));
    const foreign = requests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, []);
    assert.deepEqual(pageErrors, []);
  });
});
