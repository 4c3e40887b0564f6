// The web app in a real browser (Debian's chromium through playwright-core),
// served by web/app/server.mjs with its CSP and COOP/COEP headers: a folder
// from ../shared/data goes in through the directory input, and the sections
// must hold the right kinds; every request must stay on the app's origin and
// carry no body; axe-core must find no serious violations; cancelling must
// leave a working app; a rescan must come from the cache; and with the
// network cut, a reload must still work (service worker). Screenshots of
// each section at desktop and phone widths are saved as artifacts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../server.mjs';
import { chromiumMissing, launchChromium } from '../../package/test/chromium.mjs';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO = resolve(APP_DIR, '../..');
const DATA = process.env.GEMROLL_DATA || resolve(REPO, '../shared/data');
const ARTIFACTS = process.env.GEMROLL_ARTIFACTS ? join(process.env.GEMROLL_ARTIFACTS, 'app') : join(REPO, 'build/artifacts/app');
const require = createRequire(import.meta.url);

let skip = chromiumMissing();
if (!skip && !existsSync(join(DATA, 'camera/exif-samples/gps'))) skip = `no photos under ${DATA}`;
if (!skip && !existsSync(join(REPO, 'web/package/wasm/gemroll-simd.wasm'))) skip = 'wasm engine not built (cmake --build build/wasm-simd --target gemroll_wasm)';

const temps = [];
const tempDir = (p) => {
  const d = mkdtempSync(join(tmpdir(), p));
  temps.push(d);
  return d;
};
process.on('exit', () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

// A small camera roll from the shared corpus: dated GPS photos, phone
// screenshots, receipts, blurry shots, an iPhone photo with copies and an
// edit, Kodak scans, and three files that are not photos.
function makeRoll() {
  const roll = join(tempDir('gemroll-app-roll-'), 'My Roll');
  const take = (from, to, n = Infinity) => {
    mkdirSync(join(roll, to), { recursive: true });
    readdirSync(join(DATA, from)).filter((f) => /\.(jpe?g|png|heic)$/i.test(f)).sort().slice(0, n)
      .forEach((f) => cpSync(join(DATA, from, f), join(roll, to, f)));
  };
  take('camera/exif-samples/gps', 'gps');
  take('screenshots/android-phone', 'screens', 4);
  take('receipts/sroie', 'receipts', 3);
  take('blur/kwentar', 'blur', 6);
  take('duplicates/photoprism-ios-copies', 'copies');
  take('general/kodak', 'kodak', 4);
  mkdirSync(join(roll, 'bad'));
  writeFileSync(join(roll, 'bad', 'zero.jpg'), new Uint8Array(0));
  writeFileSync(join(roll, 'bad', 'notes.jpg'), 'this is not a photo\n');
  const jpeg = readFileSync(join(DATA, 'duplicates/photoprism-ios-copies/IMG_4120.JPG'));
  writeFileSync(join(roll, 'bad', 'cut.jpg'), jpeg.subarray(0, jpeg.length >> 2));
  return roll;
}

describe('web app (chromium)', { skip, timeout: 900_000 }, () => {
  let server, origin, browser, context, page, roll;
  const requests = [];
  const errors = [];
  const probedRevoked = [];  // blob: URLs a test loads after revoking them, on purpose

  before(async () => {
    const dist = join(tempDir('gemroll-app-dist-'), 'dist');
    execFileSync(process.execPath, [join(APP_DIR, 'build.mjs'), '--out', dist], { stdio: 'pipe' });
    server = await startServer({ root: dist });
    origin = `http://127.0.0.1:${server.address().port}`;
    roll = makeRoll();
    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium } = require('playwright-core');
    browser = await launchChromium(chromium);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Requests of the page, its workers and its service worker.
    context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() }));
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !/^Failed to load resource/.test(m.text()) && errors.push(m.text()));
    // Failed loads by URL (the console message does not name them); the
    // sample roll is optional and offline fetches of it fail by design.
    context.on('response', (r) => r.status() >= 400 && !/\/samples\//.test(r.url()) && errors.push(`${r.status()} ${r.url()}`));
    // Cancelling terminates workers, which aborts their module loads (ERR_ABORTED): expected.
    context.on('requestfailed', (r) => {
      const why = r.failure() ? r.failure().errorText : '';
      if (!/\/samples\//.test(r.url()) && !/ERR_ABORTED/.test(why)) errors.push(`failed ${r.url()} ${why}`);
    });
    await page.goto(`${origin}/`);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  // A failed test must not leave a dialog over the next one.
  const closeDialogs = (p = page) => p.evaluate(() => document.querySelectorAll('dialog[open]').forEach((d) => d.close()));
  beforeEach(() => page && closeDialogs());
  const scanned = () => page.waitForFunction(() => ['done', 'cancelled', 'error'].includes(document.body.dataset.scan),
    null, { timeout: 300_000 });
  const shoot = async (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const paths = (sel) => page.$$eval(sel, (els) => els.map((e) => e.dataset.path));

  test('is cross-origin isolated under its CSP, and the engine starts', async () => {
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    await page.waitForFunction(() => document.getElementById('engine-info').textContent.startsWith('Engine'));
    await shoot('desktop-start');
  });

  test('a folder through the directory input fills Gems, Moments and Cleanup with the right kinds', async () => {
    await page.setInputFiles('#folder-input', roll);
    // The first look (the files' own previews) comes first, and offers nothing for cleanup.
    await page.waitForFunction(() => window.gemrollApp.stats && window.gemrollApp.stats.firstLookMs !== null,
      null, { timeout: 120_000, polling: 20 });
    const firstLook = await page.evaluate(() => {
      const app = window.gemrollApp;
      const listed = [...document.querySelectorAll('#panel-cleanup [data-path]')].map((e) => e.dataset.path);
      return { previews: app.stats.previews, provisionalListed: listed.filter((p) => app.photos.get(p) && app.photos.get(p).provisional) };
    });
    assert.ok(firstLook.previews >= 3, JSON.stringify(firstLook));
    assert.deepEqual(firstLook.provisionalListed, []);
    await scanned();
    assert.equal(await page.evaluate(() => document.body.dataset.scan), 'done');
    const stats = await page.evaluate(() => window.gemrollApp.stats);
    assert.equal(stats.done, stats.total);
    assert.ok(stats.firstResultMs > 0 && stats.firstResultMs <= stats.totalMs, 'results appear during the scan');
    assert.ok(stats.firstLookMs <= stats.totalMs, JSON.stringify(stats));
    // Every first-look record was replaced by the photo's own.
    assert.equal(await page.evaluate(() => [...window.gemrollApp.records.values()].filter((r) => r.provisional).length), 0);
    assert.equal(await page.$$eval('.provisional-note', (els) => els.length), 0);

    const gems = await paths('#panel-gems .card');
    assert.ok(gems.length >= 3, `gems: ${gems}`);
    assert.ok(gems.every((p) => !p.startsWith('screens/') && !p.startsWith('receipts/') && !p.startsWith('bad/')), `gems: ${gems}`);
    await shoot('desktop-gems');

    await page.click('#tab-moments');
    assert.ok((await page.$$('#panel-moments .moment')).length >= 1);
    await shoot('desktop-moments');

    await page.click('#tab-cleanup');
    const shots = await paths('#cleanup-screenshots .card');
    assert.ok(shots.length >= 3 && shots.every((p) => p.startsWith('screens/')), `screenshots: ${shots}`);
    const docs = await paths('#cleanup-documents .card');
    assert.ok(docs.some((p) => p.startsWith('receipts/')), `documents: ${docs}`);
    const blurry = await paths('#cleanup-blurry .card');
    assert.ok(blurry.some((p) => p.startsWith('blur/')), `blurry: ${blurry}`);
    const dup = await page.$$eval('#cleanup-duplicates .dup', (els) => els.map((e) => ({
      members: [...e.querySelectorAll('[data-path]')].map((m) => m.dataset.path),
      kept: [...e.querySelectorAll('.keep')].map((k) => k.closest('[data-path]').dataset.path),
    })));
    const copies = dup.find((g) => g.members.some((p) => p.startsWith('copies/')));
    assert.ok(copies && copies.members.length >= 3 && copies.kept.length === 1, JSON.stringify(dup));
    // Bad files: listed with their reasons; the rest was scanned.
    const bad = await page.$$eval('#cleanup-unreadable li', (els) => els.map((e) => [e.dataset.path, e.querySelector('.why').textContent]));
    assert.deepEqual(bad.map((b) => b[0]).sort(), ['bad/cut.jpg', 'bad/notes.jpg', 'bad/zero.jpg']);
    for (const [, why] of bad) assert.ok(why.length > 8, why);
    await shoot('desktop-cleanup');
  });

  test('the photo view shows the score breakdown and its reasons', async () => {
    await page.click('#tab-gems');
    await page.click('#panel-gems .card .open');
    await page.waitForSelector('#photo-dialog[open] .breakdown');
    const rows = await page.$$eval('#photo-dialog .bar-row > span:first-child', (els) => els.map((e) => e.textContent));
    assert.deepEqual(rows, ['Gem score', 'Technical', 'Content', 'Uniqueness']);
    assert.ok((await page.$$('#photo-dialog .reasons li')).length >= 2);
    await shoot('desktop-photo');
    await page.keyboard.press('Escape');
  });

  test('axe-core finds no serious or critical accessibility violations', async () => {
    // Through the devtools protocol, so the page's CSP stays as it is.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const check = async (what) => {
      const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], what);
    };
    for (const tab of ['gems', 'moments', 'cleanup']) {
      await page.click(`#tab-${tab}`);
      await check(tab);
    }
    await page.click('#tab-gems');
    await page.click('#panel-gems .card .open');
    await check('photo view');
    await page.keyboard.press('Escape');
    await page.click('#privacy-open');
    await check('privacy panel');
    await page.keyboard.press('Escape');
  });

  test('a rescan of the unchanged folder comes from the cache and says so', async () => {
    await page.setInputFiles('#folder-input', roll);
    await scanned();
    const stats = await page.evaluate(() => window.gemrollApp.stats);
    assert.equal(stats.cached, stats.total, JSON.stringify(stats));
    assert.match(await page.textContent('#scan-status'), /cache/);
  });

  test('thumbnails are a bounded cache: the least recently shown go first and their URLs are revoked', async () => {
    const r = await page.evaluate(async () => {
      const { Thumbs } = await import('/thumbs.js');
      const t = new Thumbs(null, new Map());
      const canvas = new OffscreenCanvas(2, 2);
      canvas.getContext('2d').fillRect(0, 0, 2, 2);
      const jpeg = await canvas.convertToBlob({ type: 'image/jpeg' });
      const bytes = new Uint8Array(await jpeg.arrayBuffer());
      // (The CSP allows blob: images, not blob: fetches: load them as images.)
      const loads = (url) => { const img = new Image(); img.src = url; return img.decode().then(() => true, () => false); };
      const max = Thumbs.maxUrls;
      for (let i = 0; i < max; i++) t.setBytes(`p${i}`, bytes);
      const first = t.url('p1');  // p0 is now the least recently used, p1 the most
      t.setBytes(`p${max}`, bytes);
      const out = { max, size: t.size, p0: t.url('p0') === undefined, p1: t.url('p1') === first };
      for (let i = max + 1; i < max + 60; i++) t.setBytes(`p${i}`, bytes);
      out.sizeAfter = t.size;
      const p2 = 'p2';
      out.p2Gone = t.url(p2) === undefined;
      out.firstStillLive = await loads(first);
      t.clear();
      out.revoked = !(await loads(first));
      out.first = first;
      return out;
    });
    probedRevoked.push(r.first);
    assert.ok(r.max >= 200 && r.max <= 5000, JSON.stringify(r));
    assert.equal(r.size, r.max, JSON.stringify(r));
    assert.ok(r.p0 && r.p1 && r.p2Gone, JSON.stringify(r));
    assert.equal(r.sizeAfter, r.max);
    assert.ok(r.firstStillLive && r.revoked, JSON.stringify(r));
  });

  test('cancel mid-scan leaves a working app', async () => {
    // Fresh files (not cached): copies under another folder name.
    const more = join(tempDir('gemroll-app-more-'), 'Bigger');
    for (let i = 0; i < 4; i++) cpSync(roll, join(more, `copy${i}`), { recursive: true });
    await page.evaluate(() => { document.body.dataset.scan = ''; });
    await page.setInputFiles('#folder-input', more);
    await page.waitForFunction(() => document.body.dataset.scan === 'scanning' && window.gemrollApp.stats.done >= 3);
    await page.click('#cancel');
    await scanned();
    assert.equal(await page.evaluate(() => document.body.dataset.scan), 'cancelled');
    const stats = await page.evaluate(() => window.gemrollApp.stats);
    assert.ok(stats.done < stats.total, JSON.stringify(stats));
    assert.equal(await page.isVisible('#rescan'), true);
    await shoot('desktop-cancelled');
    // The same instance scans again to the end.
    await page.evaluate(() => { document.body.dataset.scan = ''; });
    await page.setInputFiles('#folder-input', roll);
    await scanned();
    assert.equal(await page.evaluate(() => document.body.dataset.scan), 'done');
  });

  test('every request stayed on this origin, was a GET and carried no body; the privacy panel agrees', async () => {
    const foreign = requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(blob|data):/.test(r.url));
    assert.deepEqual(foreign, []);
    const sending = requests.filter((r) => r.method !== 'GET' || (r.body && r.body.length));
    assert.deepEqual(sending, []);
    await page.click('#privacy-open');
    const summary = await page.textContent('#privacy-summary');
    assert.match(summary, /None went anywhere else/);
    const rows = await page.$$eval('#request-rows tr td:nth-child(2)', (els) => els.map((e) => e.textContent));
    assert.ok(rows.length > 5 && rows.every((r) => r === 'this site'), rows.join());
    await shoot('desktop-privacy');
    await page.keyboard.press('Escape');
  });

  test('phone width: sections fit and stay usable', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    phone.setDefaultTimeout(180_000);
    await phone.goto(`${origin}/`);
    await phone.screenshot({ path: join(ARTIFACTS, 'phone-start.png'), fullPage: true });
    await phone.setInputFiles('#folder-input', roll);
    await phone.waitForFunction(() => document.body.dataset.scan === 'done', null, { timeout: 300_000 });
    for (const tab of ['gems', 'moments', 'cleanup']) {
      await phone.click(`#tab-${tab}`);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${tab} scrolls sideways by ${overflow}px`);
      await phone.screenshot({ path: join(ARTIFACTS, `phone-${tab}.png`), fullPage: true });
    }
    await phone.click('#tab-gems');
    await phone.click('#panel-gems .card .open');
    await phone.screenshot({ path: join(ARTIFACTS, 'phone-photo.png') });
    await phone.close();
  });

  test('with the network cut, a reload still works and scans (service worker)', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    try {
      await page.reload();
      await page.waitForFunction(() => document.getElementById('engine-info').textContent.startsWith('Engine'));
      await page.setInputFiles('#folder-input', join(roll, 'gps'));
      await scanned();
      assert.ok((await page.$$('#panel-gems .card')).length >= 1);
    } finally {
      await context.setOffline(false);
    }
  });

  test('no page errors', () => {
    assert.deepEqual(errors.filter((e) => !probedRevoked.some((u) => e.includes(u))), []);
  });
});
