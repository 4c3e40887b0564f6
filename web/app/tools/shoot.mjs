// Screenshots of the app on the sample roll or a folder, for looking at it,
// and the scan's timings (first result, completion, rescan) printed as JSON:
//   node web/app/build.mjs && node web/app/tools/shoot.mjs OUTDIR [FOLDER]
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startServer } from '../server.mjs';
import { launchChromium } from '../../package/test/chromium.mjs';

const require = createRequire(new URL('../../package/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [out = '/tmp/shots', folder] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const server = await startServer({ root: new URL('../dist/', import.meta.url).pathname });
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium(chromium);
for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  page.on('console', (m) => console.log(`[${name}] ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[${name}] pageerror: ${e}`));
  await page.goto(url);
  await page.screenshot({ path: join(out, `${name}-start.png`), fullPage: true });
  if (folder) await page.setInputFiles('#folder-input', folder);
  else await page.click('#sample');
  await page.waitForFunction(() => document.body.dataset.scan === 'done', null, { timeout: 600000 });
  const stats = await page.evaluate(() => window.gemrollApp.stats);
  console.log(JSON.stringify({ viewport: name, files: stats.total, firstResultMs: Math.round(stats.firstResultMs),
                               totalMs: Math.round(stats.totalMs), workers: await page.evaluate(() => window.gemrollApp.gemroll.workers) }));
  await page.screenshot({ path: join(out, `${name}-gems.png`), fullPage: true });
  if (name === 'desktop') {
    await page.click('#rescan');
    await page.waitForFunction(() => document.body.dataset.scan === 'scanning');
    await page.waitForFunction(() => document.body.dataset.scan === 'done', null, { timeout: 600000 });
    const again = await page.evaluate(() => window.gemrollApp.stats);
    console.log(JSON.stringify({ rescan: true, files: again.total, cached: again.cached, totalMs: Math.round(again.totalMs) }));
  }
  for (const tab of ['moments', 'cleanup']) {
    await page.click(`#tab-${tab}`);
    await page.screenshot({ path: join(out, `${name}-${tab}.png`), fullPage: true });
  }
  await page.click('#tab-gems');
  await page.click('#panel-gems .card .open');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${name}-photo.png`) });
  await page.keyboard.press('Escape');
  await page.click('#privacy-open');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, `${name}-privacy.png`) });
  await page.close();
}
await browser.close();
server.close();
