// Edits and collages in the web app, in a real browser (Debian's chromium
// through playwright-core), served with the app's CSP and COOP/COEP: a dated,
// geotagged folder from ../shared/data is scanned; a photo is opened in the
// editor, where Auto must change the engine's preview and list its reasons,
// a look and its strength must change it again, the before/after controls
// must show the original, and "Save copy" must download a new JPEG at the
// full resolution of the original with no GPS (checked by the package's own
// engine in Node) unless "keep location" is ticked. A moment's picks get a
// look and are written to a folder the user picks (an origin-private folder
// stands in for the picker), and the moment's collage is previewed, changed
// and saved. axe-core must find nothing serious; every request stays on the
// origin. Screenshots: app/edit-*.png, app/collage-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { startServer } from '../server.mjs';
import { chromiumMissing, launchChromium } from '../../package/test/chromium.mjs';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO = resolve(APP_DIR, '../..');
const DATA = process.env.GEMROLL_DATA || resolve(REPO, '../shared/data');
const ARTIFACTS = process.env.GEMROLL_ARTIFACTS ? join(process.env.GEMROLL_ARTIFACTS, 'app') : join(REPO, 'build/artifacts/app');
const GPS = join(DATA, 'camera/exif-samples/gps');
const require = createRequire(import.meta.url);

let skip = chromiumMissing();
if (!skip && !existsSync(GPS)) skip = `no photos under ${DATA}`;
if (!skip && !existsSync(join(REPO, 'web/package/wasm/gemroll-simd.wasm'))) skip = 'wasm engine not built';

const temps = [];
process.on('exit', () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

// The package's engine in this process: reads what the app saved.
let enginePromise = null;
const engine = () => (enginePromise ||= import(pathToFileURL(join(REPO, 'web/package/src/index.js')).href).then((m) => m.loadEngine()));
async function analyze(bytes) {
  const r = (await engine()).analyzePhoto(new Uint8Array(bytes));
  return r.analysis;
}

// Snapshots of a canvas kept in the page (window.snaps[name]), and the mean
// absolute difference of two of them in levels (0..255) per channel.
const snap = (page, sel, name) => page.$eval(sel, (c, n) => {
  window.snaps = window.snaps || {};
  window.snaps[n] = { width: c.width, height: c.height, data: c.getContext('2d').getImageData(0, 0, c.width, c.height).data };
  return [c.width, c.height];
}, name);
const diff = (page, a, b) => page.evaluate(([x, y]) => {
  const A = window.snaps[x], B = window.snaps[y];
  if (A.width !== B.width || A.height !== B.height) return Infinity;
  let s = 0;
  for (let i = 0; i < A.data.length; i += 4) s += Math.abs(A.data[i] - B.data[i]) + Math.abs(A.data[i + 1] - B.data[i + 1]) + Math.abs(A.data[i + 2] - B.data[i + 2]);
  return s / (A.data.length / 4) / 3;
}, [a, b]);

describe('edits and collages (chromium)', { skip, timeout: 600_000 }, () => {
  let server, origin, browser, context, page, roll;
  const requests = [];
  const errors = [];

  before(async () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'gemroll-edit-dist-')), 'dist');
    temps.push(resolve(dist, '..'));
    execFileSync(process.execPath, [join(APP_DIR, 'build.mjs'), '--out', dist], { stdio: 'pipe' });
    server = await startServer({ root: dist });
    origin = `http://127.0.0.1:${server.address().port}`;
    roll = join(mkdtempSync(join(tmpdir(), 'gemroll-edit-roll-')), 'Weekend');
    temps.push(resolve(roll, '..'));
    cpSync(GPS, roll, { recursive: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium } = require('playwright-core');
    browser = await launchChromium(chromium);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() }));
    page = await openScanned(context);
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  async function openScanned(ctx, viewport) {
    const p = await ctx.newPage();
    if (viewport) await p.setViewportSize(viewport);
    p.setDefaultTimeout(60_000);
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => m.type() === 'error' && !/^Failed to load resource/.test(m.text()) && errors.push(m.text()));
    await p.goto(`${origin}/?models=off`);
    await p.setInputFiles('#folder-input', roll);
    await p.waitForFunction(() => document.body.dataset.scan === 'done', null, { timeout: 300_000 });
    return p;
  }

  const idle = (p, id, renders) => p.waitForFunction(([sel, n]) => {
    const d = document.getElementById(sel);
    return d && d.open && d.dataset.render === 'idle' && Number(d.dataset.renders || 0) > n;
  }, [id, renders ?? -1]);
  const renders = (p, id) => p.$eval(`#${id}`, (d) => Number(d.dataset.renders || 0));
  const shoot = (p, name, full = false) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: full });
  const axe = async (p, what) => {
    await p.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], what);
  };

  let photoPath;
  test('the editor: Auto changes the preview and says why; a look and its strength change it again', async () => {
    await page.click('#panel-gems .card .open');
    photoPath = await page.$eval('#panel-gems .card', (c) => c.dataset.path);
    await page.click('#photo-dialog[open] .edit-open');
    await idle(page, 'edit-dialog');
    const [w, hgt] = await snap(page, '#edit-dialog .edit-after', 'original');
    assert.ok(w > 100 && hgt > 100, `${w}x${hgt}`);

    let n = await renders(page, 'edit-dialog');
    await page.click('#edit-dialog .edit-auto');
    await page.waitForSelector('#edit-dialog .edit-auto[aria-pressed=true]');
    await idle(page, 'edit-dialog', n);
    await snap(page, '#edit-dialog .edit-after', 'auto');
    const dAuto = await diff(page, 'original', 'auto');
    const reasons = await page.$$eval('#edit-dialog .edit-auto-why li', (els) => els.map((e) => e.textContent));
    console.log(`# auto on ${photoPath}: mean |Δ| ${dAuto.toFixed(2)} levels; reasons: ${reasons.join(' | ')}`);
    assert.ok(reasons.length >= 1 && reasons.every((r) => r.length > 5), reasons.join());
    assert.ok(dAuto > 1, 'Auto changed the preview');
    // The sliders show what Auto chose; the recipe is the same params.
    const recipe = JSON.parse(await page.textContent('#edit-dialog .edit-recipe'));
    assert.equal(recipe.version, 1);
    assert.ok(recipe.ops.length >= 1, JSON.stringify(recipe));

    n = await renders(page, 'edit-dialog');
    await page.click('#edit-dialog label.chip[data-value=film]');
    await idle(page, 'edit-dialog', n);
    await snap(page, '#edit-dialog .edit-after', 'film');
    const dFull = await diff(page, 'auto', 'film');
    assert.ok(dFull > 1, `the film look changed the preview: ${dFull}`);
    assert.equal(await page.isEnabled('#edit-strength'), true);
    n = await renders(page, 'edit-dialog');
    await page.focus('#edit-strength');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    assert.equal(await page.inputValue('#edit-strength'), '0.5');
    await idle(page, 'edit-dialog', n);
    await snap(page, '#edit-dialog .edit-after', 'half');
    const dHalf = await diff(page, 'auto', 'half');
    assert.ok(dHalf > 0.2 && dHalf < dFull, `half strength sits between: ${dHalf} vs ${dFull}`);
    const ops = JSON.parse(await page.textContent('#edit-dialog .edit-recipe')).ops;
    assert.deepEqual(ops.find((o) => o.op === 'look').params, { name: 'film', strength: 0.5 });
  });

  test('before/after: the split slider and press-and-hold show the original', async () => {
    await page.focus('#edit-split');
    await page.keyboard.press('End');
    assert.equal(await page.$eval('#edit-dialog .edit-stage', (s) => s.dataset.split), '100');
    // The original drawn over the edit covers it entirely at 100%.
    const shown = await page.$eval('#edit-dialog .edit-before', (c) => getComputedStyle(c).clipPath);
    assert.match(shown, /^inset\(0px( 0(px|%)? 0px 0px)?\)$/, shown);
    await page.keyboard.press('Home');
    assert.equal(await page.$eval('#edit-dialog .edit-stage', (s) => s.dataset.split), '0');
    await page.focus('#edit-dialog .edit-hold');
    await page.keyboard.down('Space');
    assert.equal(await page.$eval('#edit-dialog .edit-stage', (s) => s.dataset.split), '100');
    assert.equal(await page.getAttribute('#edit-dialog .edit-hold', 'aria-pressed'), 'true');
    await page.keyboard.up('Space');
    assert.equal(await page.$eval('#edit-dialog .edit-stage', (s) => s.dataset.split), '0');
    // The "before" canvas is the unedited photo: far from the edited one.
    await snap(page, '#edit-dialog .edit-before', 'before');
    await snap(page, '#edit-dialog .edit-after', 'after');
    assert.ok(await diff(page, 'before', 'after') > 1);
    await page.$eval('#edit-split', (el) => {
      el.value = '50';
      el.dispatchEvent(new Event('input'));
      el.blur();
    });
    await shoot(page, 'edit-desktop');
    await axe(page, 'edit dialog');
  });

  test('Save copy: a new full-resolution JPEG, no GPS unless asked, capture date kept', async () => {
    const source = readFileSync(join(roll, photoPath));
    const src = await analyze(source);
    assert.ok(src.exif && src.exif.gps, 'the source photo has GPS');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#edit-dialog .edit-save')]);
    assert.equal(download.suggestedFilename(), photoPath.split('/').pop().replace(/\.[^.]+$/, '-edit.jpg'));
    const bytes = readFileSync(await download.path());
    await page.waitForFunction(() => document.getElementById('edit-dialog').dataset.saved === 'done');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    const out = await analyze(bytes);
    assert.equal(out.format, 'jpeg');
    assert.deepEqual([out.width, out.height], [src.width, src.height], 'full resolution');
    assert.equal(out.exif && out.exif.gps, undefined, 'no GPS');
    assert.equal(out.exif.dateTimeOriginal, src.exif.dateTimeOriginal);
    assert.match(await page.textContent('#edit-dialog .edit-status'), /No location in the copy/);
    // The original file is untouched.
    assert.deepEqual(readFileSync(join(roll, photoPath)), source);

    await page.check('#edit-keep-location');
    const [again] = await Promise.all([page.waitForEvent('download'), page.click('#edit-dialog .edit-save')]);
    const kept = await analyze(readFileSync(await again.path()));
    assert.ok(kept.exif.gps && Math.abs(kept.exif.gps.lat - src.exif.gps.lat) < 1e-4, JSON.stringify(kept.exif.gps));
  });

  test('smart crop to 1:1 makes a square preview and says why', async () => {
    const n = await renders(page, 'edit-dialog');
    await page.click('#edit-dialog label.chip[data-value="1:1"]');
    await idle(page, 'edit-dialog', n);
    await page.waitForFunction(() => document.querySelectorAll('#edit-dialog .edit-crop-why li').length > 0);
    const c = await page.$eval('#edit-dialog .edit-after', (el) => [el.width, el.height]);
    assert.ok(Math.abs(c[0] - c[1]) <= 1, `square: ${c}`);
    await page.keyboard.press('Escape');
  });

  test('a moment: a look on every pick, written to a new folder; never the scanned one', async () => {
    await page.keyboard.press('Escape');
    await page.click('#tab-moments');
    await page.click('#panel-moments .moment .open');
    const picks = await page.$$eval('#moment-dialog .grid', (g) => [...g[0].querySelectorAll('.card')].map((c) => c.dataset.path));
    await page.click('#moment-dialog .moment-edit');
    await idle(page, 'batch-dialog', 0);
    const n = await renders(page, 'batch-dialog');
    await page.click('#batch-dialog label.chip[data-value=bw]');
    await idle(page, 'batch-dialog', n);
    await shoot(page, 'edit-moment');
    await axe(page, 'moment edit dialog');
    // The folder picker cannot be driven headless: an origin-private folder
    // (a real FileSystemDirectoryHandle) is "picked" instead.
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle('copies', { create: true });
      window.showDirectoryPicker = async () => dir;
    });
    await page.click('#batch-dialog .batch-save');
    await page.waitForFunction(() => document.getElementById('batch-dialog').dataset.saved === 'done', null, { timeout: 120_000 });
    const written = await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('copies');
      const out = [];
      for await (const [name, fh] of dir.entries()) {
        const f = await fh.getFile();
        const head = new Uint8Array(await f.slice(0, 3).arrayBuffer());
        out.push({ name, size: f.size, jpeg: head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff });
      }
      return out.sort((a, b) => (a.name < b.name ? -1 : 1));
    });
    assert.deepEqual(written.map((w) => w.name), picks.map((p) => p.split('/').pop().replace(/\.[^.]+$/, '-edit.jpg')).sort());
    assert.ok(written.every((w) => w.jpeg && w.size > 1000), JSON.stringify(written));
    // Saving again never replaces a copy: new names.
    await page.click('#batch-dialog .batch-save');
    await page.waitForFunction(() => document.getElementById('batch-dialog').dataset.saved === 'done' && !document.querySelector('#batch-dialog .batch-save').disabled);
    const names = await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('copies');
      const out = [];
      for await (const name of dir.keys()) out.push(name);
      return out;
    });
    assert.equal(names.length, picks.length * 2);
    // A folder inside the scanned one is refused (the scanned folder's
    // handle stands in as an origin-private folder too).
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const scanned = await root.getDirectoryHandle('scanned', { create: true });
      const inside = await scanned.getDirectoryHandle('edits', { create: true });
      window.gemrollApp.source.handle = scanned;
      window.showDirectoryPicker = async () => inside;
    });
    await page.click('#batch-dialog .batch-save');
    await page.waitForFunction(() => document.getElementById('batch-dialog').dataset.saved === 'refused');
    assert.match(await page.textContent('#batch-dialog .edit-status'), /scanned folder/);
    const inside = await page.evaluate(async () => {
      const dir = await (await (await navigator.storage.getDirectory()).getDirectoryHandle('scanned')).getDirectoryHandle('edits');
      const out = [];
      for await (const name of dir.keys()) out.push(name);
      return out;
    });
    assert.deepEqual(inside, []);
    await page.evaluate(() => { window.gemrollApp.source.handle = undefined; });
    await page.keyboard.press('Escape');
  });

  test('a moment\'s collage: suggested, changed, previewed and saved', async () => {
    await page.click('#moment-dialog[open] .moment-collage');
    await idle(page, 'collage-dialog');
    await page.waitForFunction(() => document.querySelector('#collage-dialog .collage-preview').naturalWidth > 0);
    const why = await page.$$eval('#collage-dialog .recap-why > .reasons li', (els) => els.map((e) => e.textContent));
    assert.ok(why.length >= 1, 'the suggestion says why');
    // Another layout than the suggested one (mosaic, else grid).
    const suggested = await page.$eval('#collage-dialog input[name=collage-layout]:checked', (el) => el.value);
    const layout = suggested === 'mosaic' ? 'grid' : 'mosaic';
    let n = await renders(page, 'collage-dialog');
    await page.click(`#collage-dialog label.chip[for=collage-layout-${layout}]`);
    await idle(page, 'collage-dialog', n);
    n = await renders(page, 'collage-dialog');
    await page.selectOption('#collage-shape', '4:3');
    await idle(page, 'collage-dialog', n);
    n = await renders(page, 'collage-dialog');
    await page.selectOption('#collage-theme', 'trip');
    await idle(page, 'collage-dialog', n);
    n = await renders(page, 'collage-dialog');
    await page.fill('#collage-title', 'A weekend away');
    await idle(page, 'collage-dialog', n);
    // Swap a photo in (one of the moment's other photos), or out when all are in.
    const before = await page.$$eval('#collage-dialog .collage-photo input:checked', (els) => els.length);
    const unused = await page.$$eval('#collage-dialog .collage-photo input:not(:checked)', (els) => els.length);
    const after = unused ? before + 1 : before - 1;
    n = await renders(page, 'collage-dialog');
    await page.click(`#collage-dialog .collage-photo:has(input${unused ? ':not(:checked)' : ':checked'})`);
    await idle(page, 'collage-dialog', n);
    assert.equal(await page.$$eval('#collage-dialog .collage-photo input:checked', (els) => els.length), after);
    await shoot(page, 'collage-desktop');
    await axe(page, 'collage dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#collage-dialog .collage-save')]);
    const out = await analyze(readFileSync(await download.path()));
    assert.deepEqual([out.width, out.height], [2048, 1536]);
    assert.equal(download.suggestedFilename(), 'gemroll-collage-a-weekend-away.jpg');
    const made = await page.evaluate(() => window.gemrollCollage);
    assert.equal(made.layout.layout, layout);
    assert.equal(made.layout.cells.length, after);
    assert.equal(made.titleDrawn, true, 'the title was drawn (font shipped with the package)');
    await page.keyboard.press('Escape');
  });

  test('phone width: the editor and the collage fit without sideways scrolling', async () => {
    const phone = await openScanned(context, { width: 390, height: 844 });
    await phone.click('#panel-gems .card .open');
    await phone.click('#photo-dialog[open] .edit-open');
    await idle(phone, 'edit-dialog');
    const n = await renders(phone, 'edit-dialog');
    await phone.click('#edit-dialog .edit-auto');
    await idle(phone, 'edit-dialog', n);
    const overflow = await phone.$eval('#edit-dialog', (d) => [d.scrollWidth - d.clientWidth, document.documentElement.scrollWidth - window.innerWidth]);
    assert.ok(overflow.every((o) => o <= 0), `scrolls sideways: ${overflow}`);
    await shoot(phone, 'edit-phone');
    await phone.keyboard.press('Escape');
    await phone.keyboard.press('Escape');
    await phone.click('#tab-moments');
    await phone.click('#panel-moments .moment .open');
    await phone.click('#moment-dialog .moment-collage');
    await idle(phone, 'collage-dialog');
    await phone.waitForFunction(() => document.querySelector('#collage-dialog .collage-preview').naturalWidth > 0);
    const o = await phone.$eval('#collage-dialog', (d) => d.scrollWidth - d.clientWidth);
    assert.ok(o <= 0, `collage scrolls sideways by ${o}px`);
    await shoot(phone, 'collage-phone');
    await phone.close();
  });

  test('every request stayed on this origin as a GET without a body; no page errors', () => {
    const foreign = requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(blob|data):/.test(r.url));
    assert.deepEqual(foreign, []);
    assert.deepEqual(requests.filter((r) => r.method !== 'GET' || (r.body && r.body.length)), []);
    assert.deepEqual(errors, []);
  });
});
