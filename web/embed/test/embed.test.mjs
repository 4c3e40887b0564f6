// <gemroll-demo> inside a third-party page, in real Chromium: the article
// (examples/privacy-article) is served from one origin without COOP/COEP and
// with its own CSP, the demo and the package from the Gemroll server on
// another. The demo must scan a folder on one worker, show gems, the cleanup
// counts and unreadable files with reasons, and leave the host page's
// globals, styles and storage alone; every request goes to one of the two
// origins and none carries a body.
//
//   node --test web/embed/test/
//
// Screenshots go to $GEMROLL_ARTIFACTS/embed/ (default build/artifacts/embed/).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../app/server.mjs';
import { startArticleServer } from '../../../examples/privacy-article/serve.mjs';
import { launchChromium } from '../../package/test/chromium.mjs';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DATA = process.env.GEMROLL_DATA || resolve(REPO, '..', 'shared', 'data');
const ARTIFACTS = join(process.env.GEMROLL_ARTIFACTS || join(REPO, 'build', 'artifacts'), 'embed');
const require = createRequire(new URL('../../package/package.json', import.meta.url));
const { chromium } = require('playwright-core');

// A small camera roll from the shared corpus: photos, a phone screenshot, and
// a file that is not a readable image.
const ROLL = [
  ['camera/photoprism-meta/aurora.jpg', 'aurora.jpg'],
  ['camera/photoprism-meta/ladybug.jpg', 'ladybug.jpg'],
  ['camera/photoprism-meta/huawei-gps-error.jpg', 'huawei.jpg'],
  ['camera/photoprism-meta/ship.jpg', 'ship.jpg'],
  ['camera/photoprism-meta/Iceland-sRGB.jpg', 'Iceland-sRGB.jpg'],
  ['camera/exif-samples/mobile/jolla.jpg', 'jolla.jpg'],
  ['screenshots/android-phone/16arpi_2.png', 'Screenshot_16arpi_2.png'],
];
const BROKEN = 'broken.jpg';

let tmp;
let gemrollServer;
let articleServer;
let gemrollOrigin;
let articleUrl;
let browser;
let rollDir;
let dist;

const widget = (page) => page.locator('gemroll-demo');
const state = (page) => page.evaluate(() => document.querySelector('gemroll-demo').dataset.state);

async function waitForState(page, wanted, timeout = 180000) {
  await page.waitForFunction((w) => w.includes(document.querySelector('gemroll-demo').dataset.state), wanted, { timeout });
}

// Opens the article in a fresh context that records every request (the
// context sees the page's and its workers' requests).
async function openArticle({ viewport = { width: 1280, height: 900 }, blockEmbed = false } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  if (blockEmbed) await page.route('**/embed/gemroll-demo.js', (route) => route.abort());
  await page.goto(articleUrl);
  if (!blockEmbed) await page.waitForFunction(() => customElements.get('gemroll-demo') !== undefined);
  return { context, page, requests, errors };
}

// What the host page looks like to itself: its globals and a few computed styles.
function hostFacts(page) {
  return page.evaluate(() => {
    const pick = (el) => {
      const cs = getComputedStyle(el);
      return ['font-family', 'font-size', 'line-height', 'color', 'margin-bottom', 'background-color']
        .map((k) => `${k}:${cs.getPropertyValue(k)}`).join(';');
    };
    return {
      keys: Object.keys(window).sort(),
      p: pick(document.querySelector('article p:not([class])')),
      h2: pick(document.querySelector('article h2')),
      body: pick(document.body),
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      crossOriginIsolated: self.crossOriginIsolated,
    };
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gemroll-embed-'));
  // The sample roll scripts/run.sh makes; a few corpus photos where it is missing.
  let samples = join(process.env.GEMROLL_CACHE || join(homedir(), '.cache', 'gemroll'), 'sample-roll');
  if (!existsSync(samples)) {
    samples = join(tmp, 'samples');
    mkdirSync(samples);
    for (const [from, to] of ROLL.slice(0, 4)) copyFileSync(join(DATA, from), join(samples, to));
    writeFileSync(join(samples, 'notes.jpg'), 'not a photo\n');
  }
  dist = join(tmp, 'dist');
  execFileSync(process.execPath, [join(REPO, 'web/app/build.mjs'), '--out', dist, '--samples', samples], { stdio: 'pipe' });

  rollDir = join(tmp, 'roll');
  mkdirSync(rollDir);
  for (const [from, to] of ROLL) copyFileSync(join(DATA, from), join(rollDir, to));
  // JPEG start-of-image, then nothing a decoder can use.
  writeFileSync(join(rollDir, BROKEN), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 0x5a)]));

  gemrollServer = await startServer({ root: dist, port: 0, host: '127.0.0.1', isolate: true });
  gemrollOrigin = `http://127.0.0.1:${gemrollServer.address().port}`;
  // Another origin: another host name and port, no COOP/COEP.
  articleServer = await startArticleServer({ port: 0, host: '127.0.0.1', gemroll: gemrollOrigin });
  articleUrl = `http://localhost:${articleServer.address().port}/`;
  browser = await launchChromium(chromium);
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
  if (gemrollServer) gemrollServer.close();
  if (articleServer) articleServer.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('scans a folder inside a third-party page without COOP/COEP, leaving the host alone', async () => {
  const baseline = await openArticle({ blockEmbed: true });
  const hostBefore = await hostFacts(baseline.page);
  await baseline.context.close();

  const { context, page, requests, errors } = await openArticle();
  const articleOrigin = new URL(articleUrl).origin;
  assert.equal(await state(page), undefined, 'idle until used');
  await page.screenshot({ path: join(ARTIFACTS, 'desktop-article-start.png'), fullPage: true });
  await widget(page).screenshot({ path: join(ARTIFACTS, 'desktop-start.png') });

  // The folder, through the webkitdirectory input inside the shadow root.
  await page.setInputFiles('gemroll-demo #folder-input', rollDir);
  await waitForState(page, ['done', 'idle']);
  const result = await page.evaluate(() => {
    const host = document.querySelector('gemroll-demo');
    const root = host.shadowRoot;
    const n = (k) => Number(root.querySelector(`#summary [data-kind="${k}"] .n`).textContent);
    return {
      state: host.dataset.state,
      workers: host.dataset.workers,
      status: root.querySelector('#status').textContent,
      gems: [...root.querySelectorAll('#gems .gem')].map((li) => ({
        name: li.querySelector('.gem-name').textContent,
        score: Number(li.querySelector('.score').textContent),
        why: li.querySelector('.gem-why').textContent,
        img: li.querySelector('img') ? li.querySelector('img').src : null,
        label: li.getAttribute('aria-label'),
      })),
      screenshots: n('screenshots'),
      unreadable: n('unreadable'),
      unreadableList: [...root.querySelectorAll('#unreadable-list li')].map((li) => li.textContent),
      network: root.querySelector('#network-line').textContent,
      head: root.querySelector('#network-head').textContent,
      flagged: host.dataset.flagged,
    };
  });
  assert.equal(result.state, 'done', `scan finished (${result.status}; ${errors.join(' | ')})`);
  assert.equal(result.workers, '1', 'one worker without cross-origin isolation');
  assert.ok(result.gems.length >= 3 && result.gems.length <= 6, `gems shown: ${JSON.stringify(result.gems)}`);
  for (const g of result.gems) {
    assert.match(g.img || '', /^blob:/, `${g.name} has a thumbnail`);
    assert.ok(g.score > 0 && g.score <= 100, `${g.name} score ${g.score}`);
    assert.ok(g.why.length > 3, `${g.name} has a reason`);
    assert.ok(!/screenshot|broken/i.test(g.name), `${g.name} is not a gem`);
  }
  assert.ok(result.screenshots >= 1, 'the screenshot is counted');
  assert.equal(result.unreadable, 1, 'one unreadable file');
  assert.equal(result.unreadableList.length, 1);
  assert.match(result.unreadableList[0], new RegExp(`(^|/)${BROKEN}: \\S`), `listed with a reason: ${result.unreadableList[0]}`);
  assert.equal(result.flagged, '0', result.network);
  assert.match(result.network, /^Network: \d+ downloads?(, [\d.]+ [KM]B,)? from 127\.0\.0\.1:\d+: the demo and its engine/);
  assert.match(result.head, /No photo has left this page/);
  await widget(page).screenshot({ path: join(ARTIFACTS, 'desktop-results.png') });
  await page.screenshot({ path: join(ARTIFACTS, 'desktop-article-results.png'), fullPage: true });

  // The host page: not isolated, same globals, same styles, no storage used.
  const hostAfter = await hostFacts(page);
  assert.equal(hostAfter.crossOriginIsolated, false);
  assert.deepEqual(hostAfter.keys, hostBefore.keys, 'no new or missing globals');
  assert.equal(hostAfter.p, hostBefore.p, 'host <p> style unchanged');
  assert.equal(hostAfter.h2, hostBefore.h2, 'host <h2> style unchanged');
  assert.equal(hostAfter.body, hostBefore.body, 'host <body> style unchanged');
  assert.equal(hostAfter.sheets, hostBefore.sheets, 'no stylesheet added to the document');
  assert.equal(hostAfter.adopted, 0, 'no stylesheet adopted by the document');
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, idb: 0, caches: 0 }, 'nothing stored on the host origin');

  // Every request: one of the two origins (or in-tab blob:), GET, no body.
  const allowed = new Set([articleOrigin, gemrollOrigin]);
  for (const r of requests) {
    const u = new URL(r.url);
    if (u.protocol === 'blob:' || u.protocol === 'data:') continue;
    assert.ok(allowed.has(u.origin), `request to ${r.url}`);
    assert.ok(r.method === 'GET' || r.method === 'HEAD', `${r.method} ${r.url}`);
    assert.ok(!r.body || r.body.length === 0, `request with a body: ${r.url}`);
  }
  const urls = requests.map((r) => r.url);
  assert.ok(urls.some((u) => u.endsWith('/vendor/gemroll/src/worker.js')), 'the worker came from the Gemroll origin');
  assert.ok(urls.some((u) => /\/vendor\/gemroll\/wasm\/gemroll-(simd|scalar)\.wasm$/.test(u)), 'the engine came from the Gemroll origin');
  assert.ok(!urls.some((u) => u.includes('places.tsv')), 'no gazetteer download');
  assert.deepEqual(errors, [], 'no errors in the console');

  // size.mjs counts exactly the files this first visit downloaded from Gemroll.
  const size = JSON.parse(execFileSync(process.execPath, [join(REPO, 'web/embed/size.mjs'), '--dist', dist, '--json'], { encoding: 'utf8' }));
  const fetched = requests.map((r) => new URL(r.url)).filter((u) => u.origin === gemrollOrigin && !/^\/samples\/(?!manifest)/.test(u.pathname))
    .map((u) => u.pathname.slice(1)).sort();
  assert.deepEqual(size.rows.map((r) => r.file).sort(), fetched, 'size.mjs counts what the browser fetched');
  assert.ok(size.totals.pageLoad.gzip < 16 * 1024, `page load ${size.totals.pageLoad.gzip} B gzipped`);
  await context.close();
});

test('the sample photos button works, and Cancel recovers', async (t) => {
  const { context, page, errors } = await openArticle();
  await page.waitForSelector('gemroll-demo #sample:not([hidden])');
  // Cancel while the samples download or scan, then the UI is ready again.
  await page.click('gemroll-demo #sample');
  await page.click('gemroll-demo #cancel');
  await waitForState(page, ['idle', 'done']);
  const afterCancel = await state(page);
  t.diagnostic(`Cancel left the demo ${afterCancel === 'idle' ? 'idle (cancelled)' : 'done (too late to cancel)'}`);
  if (afterCancel === 'idle') {
    assert.match(await page.locator('gemroll-demo #status').textContent(), /Cancelled/);
    assert.ok(await page.locator('gemroll-demo #choose').isVisible(), 'the start buttons are back');
  }
  await page.evaluate(() => {
    const host = document.querySelector('gemroll-demo');
    host.removeAttribute('data-state');
    host.shadowRoot.querySelector('#again').click();  // from results, if the cancel came too late
  });
  await page.click('gemroll-demo #sample');
  await waitForState(page, ['done']);
  const r = await page.evaluate(() => {
    const root = document.querySelector('gemroll-demo').shadowRoot;
    return {
      gems: root.querySelectorAll('#gems .gem img').length,
      unreadable: root.querySelectorAll('#unreadable-list li').length,
      network: root.querySelector('#network-line').textContent,
    };
  });
  assert.ok(r.gems >= 3, `gems from the samples: ${r.gems}`);
  assert.match(r.network, /sample photos \(\d+\)/);
  assert.deepEqual(errors.filter((e) => !/aborted|AbortError/i.test(e)), []);
  await context.close();
});

test('phone widths: fits 390 and 320 px, keyboard reaches the controls', async () => {
  for (const width of [390, 320]) {
    const { context, page } = await openArticle({ viewport: { width, height: 844 } });
    await page.waitForSelector('gemroll-demo #sample:not([hidden])');
    if (width === 390) await widget(page).screenshot({ path: join(ARTIFACTS, 'phone-start.png') });
    await page.setInputFiles('gemroll-demo #folder-input', rollDir);
    await waitForState(page, ['done']);
    const fit = await page.evaluate(() => {
      const host = document.querySelector('gemroll-demo');
      const card = host.shadowRoot.querySelector('.card');
      return { page: document.documentElement.scrollWidth, card: card.scrollWidth - card.clientWidth, host: host.getBoundingClientRect().width };
    });
    assert.ok(fit.page <= width, `no horizontal scroll at ${width}px (${fit.page})`);
    assert.ok(fit.card <= 1, `the card does not overflow at ${width}px`);
    if (width === 390) {
      await widget(page).screenshot({ path: join(ARTIFACTS, 'phone-results.png') });
      await page.screenshot({ path: join(ARTIFACTS, 'phone-article-results.png'), fullPage: true });
    } else {
      await widget(page).screenshot({ path: join(ARTIFACTS, 'phone320-results.png') });
    }
    // Tab from the top of the page reaches the widget's buttons.
    await page.click('gemroll-demo #again');
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('h1').click();
    const reached = [];
    for (let i = 0; i < 30 && !reached.includes('sample'); i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const host = document.activeElement;
        return host && host.shadowRoot && host.shadowRoot.activeElement ? host.shadowRoot.activeElement.id : '';
      }));
    }
    assert.ok(reached.includes('choose') && reached.includes('sample'), `tab order reached ${reached.filter(Boolean)}`);
    await context.close();
  }
});

test('in a cross-origin isolated page it uses the default worker count', async () => {
  const isolated = await startArticleServer({ port: 0, host: '127.0.0.1', gemroll: gemrollOrigin, isolate: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`http://localhost:${isolated.address().port}/`);
    await page.waitForSelector('gemroll-demo #sample:not([hidden])');
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    await page.click('gemroll-demo #sample');
    await waitForState(page, ['done', 'idle']);
    const r = await page.evaluate(() => ({
      state: document.querySelector('gemroll-demo').dataset.state,
      workers: Number(document.querySelector('gemroll-demo').dataset.workers),
      cores: navigator.hardwareConcurrency,
    }));
    assert.equal(r.state, 'done');
    assert.equal(r.workers, Math.max(1, Math.min(8, r.cores)), `workers for ${r.cores} cores`);
  } finally {
    await context.close();
    isolated.close();
  }
});

test('artifacts exist', () => {
  const shots = readdirSync(ARTIFACTS).filter((f) => f.endsWith('.png'));
  for (const f of ['desktop-results.png', 'phone-results.png']) assert.ok(shots.includes(f), f);
});
