// `gemroll scan DIR --html FILE`: a self-contained report that opens offline,
// with every file-derived string escaped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { DATA_DIR, PACKAGE_DIR, tempDir } from './helpers.mjs';

const COPIES_DIR = join(DATA_DIR, 'duplicates/photoprism-ios-copies');
const JPEG = join(DATA_DIR, 'camera/exif-samples/gps/DSCN0010.jpg');
const env = { ...process.env };
delete env.NODE_TEST_CONTEXT;

test('scan --html writes a self-contained, escaped report', {
  skip: !(existsSync(COPIES_DIR) && existsSync(JPEG)) && `test photos missing under ${DATA_DIR}`, timeout: 120_000,
}, () => {
  const work = tempDir('gemroll-report-');
  const roll = join(work, 'roll');
  cpSync(COPIES_DIR, roll, { recursive: true });
  // Relative path "<script>alert(1)</script>.jpg" (a folder supplies the slash).
  mkdirSync(join(roll, '<script>alert(1)<'));
  cpSync(JPEG, join(roll, '<script>alert(1)<', 'script>.jpg'));
  writeFileSync(join(roll, 'broken "&" <b>.jpg'), 'this is not a photo\n');
  const html = join(work, 'report.html');
  execFileSync(process.execPath, [join(PACKAGE_DIR, 'bin/gemroll.mjs'), 'scan', roll, '--html', html,
    '--json', join(work, 'scan.json'), '--today', '2026-01-01', '--no-cache', '--quiet'],
  { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 100_000 });

  assert.ok(existsSync(html));
  const text = readFileSync(html, 'utf8');
  assert.match(text, /^<!DOCTYPE html>/);
  for (const id of ['summary', 'gems', 'moments', 'cleanup', 'unreadable']) {
    assert.ok(text.includes(`<section id="${id}">`), `section ${id}`);
  }
  assert.ok(text.includes('Duplicates and bursts'));
  assert.ok(text.includes('Blurry'));
  assert.ok(text.includes('Screenshots, documents and receipts'));
  // No resource from the network: no http(s) URL in src/href, no script at all.
  assert.doesNotMatch(text, /(src|href)\s*=\s*["']?\s*https?:/i);
  assert.doesNotMatch(text, /<script/i);
  assert.doesNotMatch(text, /<link/i);
  // Thumbnails are inline data: URLs; the duplicate group shows what is kept.
  assert.match(text, /<img alt="" src="data:image\/jpeg;base64,[A-Za-z0-9+/=]{100,}">/);
  assert.match(text, /class="item kept"/);
  assert.ok(text.includes('IMG_4120.JPG'));
  // File names are escaped.
  assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt;.jpg'));
  assert.ok(text.includes('broken &quot;&amp;&quot; &lt;b&gt;.jpg'));
  assert.doesNotMatch(text, /<b>\.jpg/);
  // The JSON written alongside carries no thumbnail bytes.
  const scan = JSON.parse(readFileSync(join(work, 'scan.json'), 'utf8'));
  assert.ok(scan.photos.every((p) => !('thumbnail' in p) || !Array.isArray(p.thumbnail) && !('0' in p.thumbnail)));
});
