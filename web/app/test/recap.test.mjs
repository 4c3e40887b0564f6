// Recaps in a real browser (Debian's chromium through playwright-core),
// served with the app's CSP: a dated, geotagged folder from ../shared/data
// is scanned, its moment's recap plays in the dialog and is exported to WebM
// and MP4 with WebCodecs + mediabunny. Each file is read back with
// mediabunny's demuxer: the duration and frame count must match the plan,
// and decoded frames must match the frames the renderer draws (PSNR), so
// they are neither blank nor wrong. Without VideoEncoder the recap is
// recorded with MediaRecorder; without MediaRecorder too the dialog says so
// and still plays. Encode speed is printed; screenshots are saved as
// artifacts (app/recap-*.png).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

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
if (!skip && !existsSync(join(REPO, 'web/package/node_modules/mediabunny'))) skip = 'mediabunny not installed (cd web/package && npm ci)';

const temps = [];
process.on('exit', () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

// In the page: reads a video Blob back with mediabunny and compares frames
// with what drawRecapFrame paints for the same instants.
async function inspectVideo([times, search]) {
  const mb = await import('/vendor/mediabunny/mediabunny.min.mjs');
  const { RecapImages, blobLoader, drawRecapFrame } = await import('/vendor/gemroll/src/recap.js');
  const { plan, video } = window.gemrollRecap;
  const input = new mb.Input({ source: new mb.BlobSource(video.blob), formats: mb.ALL_FORMATS });
  const track = await input.getPrimaryVideoTrack();
  const stats = await track.computePacketStats();
  const out = {
    mimeType: await input.getMimeType(), codec: track.codec, width: track.displayWidth, height: track.displayHeight,
    duration: await input.computeDuration(), start: await track.getFirstTimestamp(), packets: stats.packetCount, bytes: video.blob.size, frames: [],
  };
  const sink = new mb.CanvasSink(track, { poolSize: 1 });
  const app = window.gemrollApp;
  const images = new RecapImages(plan, blobLoader((p) => app.files.get(p)));
  const ref = new OffscreenCanvas(plan.width, plan.height);
  const rctx = ref.getContext('2d', { willReadFrequently: true });
  const got = new OffscreenCanvas(plan.width, plan.height);
  const gctx = got.getContext('2d', { willReadFrequently: true });
  const psnrAt = async (at, b) => {
    await images.ready(at);
    drawRecapFrame(rctx, plan, at, images, images.failed);
    const a = rctx.getImageData(0, 0, plan.width, plan.height).data;
    let se = 0;
    for (let i = 0; i < a.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        const d = a[i + c] - b[i + c];
        se += d * d;
      }
    }
    const mse = se / ((a.length / 4) * 3);
    return mse ? 10 * Math.log10((255 * 255) / mse) : 99;
  };
  for (const t of times) {
    const wrapped = await sink.getCanvas(t + 0.25 / plan.fps);
    if (!wrapped) {
      out.frames.push({ t, missing: true });
      continue;
    }
    const at = wrapped.timestamp;
    gctx.drawImage(wrapped.canvas, 0, 0, plan.width, plan.height);
    const b = gctx.getImageData(0, 0, plan.width, plan.height).data;
    let sum = 0, sum2 = 0;
    for (let i = 0; i < b.length; i += 4) {
      const y = 0.2126 * b[i] + 0.7152 * b[i + 1] + 0.0722 * b[i + 2];
      sum += y;
      sum2 += y * y;
    }
    const mean = sum / (b.length / 4);
    const frame = { t, at, psnr: await psnrAt(at, b), mean, std: Math.sqrt(Math.max(0, sum2 / (b.length / 4) - mean * mean)) };
    // A recording is stamped when captured, which a busy machine can put
    // some way from when the frame was drawn: find the instant it shows.
    if (search) {
      frame.best = { psnr: -1, at };
      for (let dt = -search; dt <= search + 1e-9; dt += 0.1) {
        const u = Math.min(plan.duration - 1e-3, Math.max(0, at + dt));
        const q = await psnrAt(u, b);
        if (q > frame.best.psnr) frame.best = { psnr: q, at: u };
      }
    }
    out.frames.push(frame);
  }
  images.close();
  return out;
}

describe('recaps (chromium)', { skip, timeout: 600_000 }, () => {
  let server, origin, browser, context;
  const requests = [];
  const errors = [];

  before(async () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'gemroll-recap-dist-')), 'dist');
    temps.push(resolve(dist, '..'));
    execFileSync(process.execPath, [join(APP_DIR, 'build.mjs'), '--out', dist], { stdio: 'pipe' });
    server = await startServer({ root: dist });
    origin = `http://127.0.0.1:${server.address().port}`;
    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium } = require('playwright-core');
    browser = await launchChromium(chromium);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  // A page with the gps folder scanned and the first moment's recap open.
  async function openRecapPage(init) {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && !/^Failed to load resource/.test(m.text()) && errors.push(m.text()));
    if (init) await page.addInitScript(init);
    await page.goto(`${origin}/`);
    await page.setInputFiles('#folder-input', GPS);
    await page.waitForFunction(() => document.body.dataset.scan === 'done', null, { timeout: 300_000 });
    await page.click('#tab-moments');
    await page.click('#panel-moments .moment-recap');
    await page.waitForSelector('#recap-dialog[open] .recap-canvas');
    await page.waitForFunction(() => document.getElementById('recap-dialog').dataset.support);
    return page;
  }

  // Luma spread of the player's canvas: a drawn frame has some.
  const canvasStd = (page) => page.$eval('#recap-dialog .recap-canvas', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let s = 0, s2 = 0;
    for (let i = 0; i < d.length; i += 4) {
      const y = (d[i] + d[i + 1] + d[i + 2]) / 3;
      s += y;
      s2 += y * y;
    }
    const n = d.length / 4;
    return Math.sqrt(s2 / n - (s / n) ** 2);
  });

  async function exportAndCheck(page, format, method) {
    await page.click(`#recap-dialog .recap-export[data-format=${format}]`);
    await page.waitForFunction(() => ['done', 'error', 'cancelled'].includes(document.getElementById('recap-dialog').dataset.export), null, { timeout: 300_000 });
    assert.equal(await page.$eval('#recap-dialog', (d) => d.dataset.export), 'done', await page.textContent('#recap-dialog .recap-status'));
    const { plan, video } = await page.evaluate(() => ({ plan: window.gemrollRecap.plan, video: { ...window.gemrollRecap.video, blob: null } }));
    assert.equal(video.method, method);
    assert.deepEqual(video.failed, []);
    // Mid-title, mid-photo for every photo, and mid-crossfade.
    const photos = plan.segments.filter((s) => s.kind === 'photo');
    const times = [1.0, ...photos.map((s) => Math.round((s.start + 1.25) * plan.fps) / plan.fps), Math.round((photos[0].start + 0.25) * plan.fps) / plan.fps];
    const info = await page.evaluate(inspectVideo, [times, method === 'webcodecs' ? 0 : 1]);
    if (method !== 'webcodecs') console.log(`# recorded frames: ${info.frames.map((f) => `${f.at.toFixed(2)} s shows ${f.best.at.toFixed(2)} s (${f.best.psnr.toFixed(1)} dB)`).join(', ')}`);
    const fps = (video.frames / (video.encodeMs / 1000)).toFixed(1);
    console.log(`# recap ${format} via ${method} (${info.codec}, ${info.width}×${info.height}): ${video.frames} frames, ${info.duration.toFixed(2)} s of video in ` +
      `${(video.encodeMs / 1000).toFixed(2)} s (first frame at ${info.start.toFixed(2)} s) = ${fps} frames/s, ${(video.duration / (video.encodeMs / 1000)).toFixed(2)}× real time, ${(info.bytes / 1024).toFixed(0)} KB; ` +
      `PSNR vs renderer ${info.frames.map((f) => (f.psnr ?? 0).toFixed(1)).join(', ')} dB`);
    assert.equal(info.width, plan.width);
    assert.equal(info.height, plan.height);
    if (method === 'webcodecs') {
      assert.equal(info.packets, plan.frameCount, 'one packet per frame');
      assert.ok(Math.abs(info.duration - plan.duration) <= 1.5 / plan.fps, `duration ${info.duration} vs ${plan.duration}`);
    } else {
      // Recorded in real time: frames come at the page's pace, and a busy
      // machine stalls the capture now and then (timing is the browser's).
      assert.ok(Math.abs(info.duration - plan.duration) <= 0.2 * plan.duration, `duration ${info.duration} vs ${plan.duration}`);
      assert.ok(info.packets >= plan.duration * 3, `${info.packets} frames recorded`);
    }
    for (const f of info.frames) {
      assert.ok(!f.missing, `no frame at ${f.t}`);
      assert.ok(f.std > 12, `frame at ${f.t} is flat (std ${f.std})`);
      if (method === 'webcodecs') assert.ok(f.psnr > 27, `frame at ${f.t}: PSNR ${f.psnr.toFixed(1)} dB against the renderer`);
    }
    // A recording's timestamps are when the browser captured the canvas,
    // which on a busy machine can be a little off what was drawn then: each
    // frame must still be the recap within a second of its time.
    if (method !== 'webcodecs') {
      // (Another photo or a blank frame scores about 6-13 dB; a frame of
      // the recap caught mid-crossfade a few frames off, 18 and up.)
      for (const f of info.frames) assert.ok(f.best.psnr > 15, `recorded frame at ${f.at} matches no frame of the recap near it (${f.best.psnr.toFixed(1)} dB)`);
      const best = info.frames.map((f) => f.best.psnr).sort((a, b) => a - b);
      assert.ok(best[best.length >> 1] > 22, `median PSNR ${best[best.length >> 1].toFixed(1)} dB`);
    }
    return { plan, video, info };
  }

  test('the moment plays in the dialog: title card, play, pause, scrub; reasons listed; no axe violations', async () => {
    const page = await openRecapPage();
    await page.waitForFunction(() => window.gemrollApp && document.querySelector('#recap-dialog .recap-time').textContent.startsWith('0:00'));
    assert.ok(await canvasStd(page) > 8, 'the title card is drawn');
    await page.waitForTimeout(500);  // the cover decodes behind the title
    await page.screenshot({ path: join(ARTIFACTS, 'recap-dialog.png') });
    const reasons = await page.$$eval('#recap-dialog .recap-why li', (els) => els.map((e) => e.textContent));
    assert.ok(reasons.some((r) => /pick 1 of/.test(r)), reasons.join('\n'));
    assert.ok(reasons.some((r) => /zoom|pans|starts on/.test(r)), reasons.join('\n'));
    // Play for a while, then pause: time moved, the button says so.
    await page.click('#recap-dialog .recap-play');
    await page.waitForFunction(() => Number(document.querySelector('#recap-dialog .recap-scrub').value) > 3.2, null, { timeout: 20_000 });
    await page.click('#recap-dialog .recap-play');
    assert.equal(await page.$eval('#recap-dialog', (d) => d.dataset.playing), 'false');
    const paused = Number(await page.$eval('#recap-dialog .recap-scrub', (s) => s.value));
    await page.waitForTimeout(300);
    assert.equal(Number(await page.$eval('#recap-dialog .recap-scrub', (s) => s.value)), paused);
    // Scrub with the keyboard (a range input) and check a photo is on screen.
    await page.focus('#recap-dialog .recap-scrub');
    await page.$eval('#recap-dialog .recap-scrub', (s) => {
      s.value = '4.5';
      s.dispatchEvent(new Event('input'));
    });
    await page.keyboard.press('ArrowRight');
    await page.click('#recap-dialog .recap-why summary');
    await page.waitForTimeout(400);
    assert.ok(await canvasStd(page) > 20, 'a photo is drawn at 4.5 s');
    await page.screenshot({ path: join(ARTIFACTS, 'recap-playing.png') });
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const r = await page.evaluate(() => window.axe.run(document.getElementById('recap-dialog'), { resultTypes: ['violations'] }));
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);
    // Portrait.
    await page.click('#recap-shape-portrait');
    await page.waitForFunction(() => document.querySelector('#recap-dialog .recap-canvas').height === 1920);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, 'recap-portrait.png') });
    await page.keyboard.press('Escape');
    await page.close();
  });

  test('WebM (VP9/VP8) and MP4 (H.264 where offered) with WebCodecs + mediabunny: right length, every frame, frames match the renderer', async () => {
    const page = await openRecapPage();
    const support = JSON.parse(await page.$eval('#recap-dialog', (d) => d.dataset.support));
    assert.equal(support.webm, 'webcodecs');
    const webm = await exportAndCheck(page, 'webm', 'webcodecs');
    assert.match(webm.info.mimeType, /^video\/webm/);
    assert.ok(['vp9', 'vp8'].includes(webm.info.codec), webm.info.codec);
    await page.screenshot({ path: join(ARTIFACTS, 'recap-exported.png') });
    // Save: a download of the file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#recap-dialog .recap-buttons:not([hidden]) button:has-text("Download")')]);
    assert.match(download.suggestedFilename(), /^gemroll-recap-.+\.webm$/);
    if (support.mp4) {
      const mp4 = await exportAndCheck(page, 'mp4', support.mp4);
      assert.match(mp4.info.mimeType, /^video\/mp4/);
      if (support.mp4 === 'webcodecs') assert.equal(mp4.info.codec, 'avc');
    } else {
      assert.equal(await page.$eval('#recap-dialog .recap-export[data-format=mp4]', (b) => b.disabled), true);
      assert.match(await page.textContent('#recap-note'), /H\.264/);
    }
    // Cancel stops an export and leaves nothing behind.
    await page.click('#recap-dialog .recap-export[data-format=webm]');
    await page.click('#recap-dialog .recap-progress-row button');
    await page.waitForFunction(() => ['cancelled', 'done'].includes(document.getElementById('recap-dialog').dataset.export), null, { timeout: 60_000 });
    const state = await page.$eval('#recap-dialog', (d) => d.dataset.export);
    if (state === 'cancelled') assert.match(await page.textContent('#recap-dialog .recap-status'), /Cancelled/);
    await page.close();
  });

  test('without WebCodecs: recorded with MediaRecorder; without that too: a clear message and the player still plays', async () => {
    const page = await openRecapPage(() => { delete window.VideoEncoder; });
    assert.equal(JSON.parse(await page.$eval('#recap-dialog', (d) => d.dataset.support)).webm, 'mediarecorder');
    assert.match(await page.textContent('#recap-note'), /no WebCodecs/);
    await exportAndCheck(page, 'webm', 'mediarecorder');
    await page.screenshot({ path: join(ARTIFACTS, 'recap-fallback-recorder.png') });
    await page.close();

    const bare = await openRecapPage(() => {
      delete window.VideoEncoder;
      delete window.MediaRecorder;
    });
    assert.deepEqual(JSON.parse(await bare.$eval('#recap-dialog', (d) => d.dataset.support)), { webm: null, mp4: null });
    assert.match(await bare.textContent('#recap-note'), /neither WebCodecs .* nor MediaRecorder.*still plays/);
    assert.deepEqual(await bare.$$eval('#recap-dialog .recap-export', (bs) => bs.map((b) => b.disabled)), [true, true]);
    await bare.click('#recap-dialog .recap-play');
    await bare.waitForFunction(() => Number(document.querySelector('#recap-dialog .recap-scrub').value) > 3.5, null, { timeout: 20_000 });
    assert.ok(await canvasStd(bare) > 20);
    await bare.screenshot({ path: join(ARTIFACTS, 'recap-fallback-none.png') });
    await bare.close();
  });

  test('every request stayed on this origin; no page errors', () => {
    assert.deepEqual(requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(blob|data):/.test(r.url)), []);
    assert.deepEqual(requests.filter((r) => r.method !== 'GET'), []);
    assert.deepEqual(errors, []);
  });
});
