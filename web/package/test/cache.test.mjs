// The node scan cache: an unchanged folder is not analysed again, a changed
// file is, and a corrupt cache file is rebuilt rather than fatal.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Gemroll } from '../src/index.js';
import { DATA_DIR, byPath, collect, tempDir } from './helpers.mjs';

const SOURCE = join(DATA_DIR, 'camera/exif-samples/gps');
const strip = ({ cached, ...r }) => r;

describe('scan cache', () => {
  let g;
  let dir;
  before(async () => {
    g = await Gemroll.create({ workers: 2 });
    dir = tempDir('gemroll-cache-');
    cpSync(SOURCE, join(dir, 'photos'), { recursive: true });
  });
  after(async () => {
    await g.close();
  });

  const scan = async (cache) => {
    const events = [];
    const before = g.analysed;
    const records = (await collect(g.scan(join(dir, 'photos'), { cache, onProgress: (p) => events.push(p) }))).sort(byPath);
    return { records, analysed: g.analysed - before, last: events.at(-1) };
  };

  test('a rescan analyses nothing; a changed file is analysed again', async () => {
    const cache = join(dir, 'cache.json');
    // Whole seconds, so restoring the mtime below restores it exactly.
    const victimName = 'DSCN0010.jpg';
    const victim = join(dir, 'photos', victimName);
    const mtime = 1_700_000_000;
    utimesSync(victim, mtime, mtime);
    const first = await scan(cache);
    assert.ok(first.records.length > 2);
    assert.equal(first.analysed, first.records.length);
    assert.ok(first.records.every((r) => !r.cached));
    assert.equal(first.last.cached, 0);

    const second = await scan(cache);
    assert.equal(second.analysed, 0, 'no engine calls on an unchanged folder');
    assert.ok(second.records.every((r) => r.cached === true));
    assert.deepEqual(second.last, { stage: 'analysing', done: first.records.length, total: first.records.length,
                                     cached: first.records.length });
    assert.deepEqual(second.records.map(strip), first.records);
    // Cached records still curate like fresh ones.
    assert.deepEqual(await g.suggest(second.records, { today: '2026-01-01' }),
                     await g.suggest(first.records, { today: '2026-01-01' }));

    // Same size, new bytes at the end (another photo's tail would do too):
    // only that file is analysed again. Then a touched mtime alone.
    const bytes = readFileSync(victim);
    bytes[bytes.length - 3] ^= 0x55;
    writeFileSync(victim, bytes);
    utimesSync(victim, mtime, mtime);  // same size and mtime: the tail hash must notice
    assert.equal(statSync(victim).size, bytes.length);
    const third = await scan(cache);
    assert.equal(third.analysed, 1);
    assert.deepEqual(third.records.filter((r) => !r.cached).map((r) => r.path), [victimName]);

    utimesSync(victim, mtime, mtime + 5);
    assert.equal((await scan(cache)).analysed, 1);
    assert.equal((await scan(cache)).analysed, 0);

    // cache: false neither reads nor writes.
    assert.equal((await scan(false)).analysed, first.records.length);
  });

  test('a corrupt or unreadable cache file is ignored and rebuilt', async () => {
    const cache = join(dir, 'corrupt.json');
    writeFileSync(cache, '{"format": "gemroll-scan-cache", "version": 1, "entries": {"x": nul');
    const first = await scan(cache);
    assert.equal(first.analysed, first.records.length);
    assert.equal(JSON.parse(readFileSync(cache, 'utf8')).format, 'gemroll-scan-cache');
    assert.equal((await scan(cache)).analysed, 0);

    for (const junk of ['[]', 'null', '{"format": "gemroll-scan-cache", "version": 1, "entries": {"k": 3}}', '\u0000\u00ff']) {
      writeFileSync(cache, junk);
      assert.equal((await scan(cache)).analysed, first.records.length, junk);
    }
    // A folder where the file should be: nothing cached, nothing thrown.
    const notAFile = tempDir('gemroll-cache-dir-');
    const r = await scan(notAFile);
    assert.equal(r.analysed, first.records.length);
    assert.equal((await scan(notAFile)).analysed, first.records.length);
  });
});
